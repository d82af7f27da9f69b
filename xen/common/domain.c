/*
 * Domain and vCPU lifecycle: creation, lookup, shutdown, destruction.
 *
 * Every resource a domain holds is accounted to it and released by
 * domain_kill(): its vCPUs, its shared_info page, every page on its page
 * list (after the architecture code dropped the page-table references that
 * pin them), so a destroyed domain returns exactly what it took to the heap.
 */
#include <xen/console.h>
#include <xen/errno.h>
#include <xen/event.h>
#include <xen/grant_table.h>
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/sched.h>
#include <xen/string.h>
#include <xen/xmalloc.h>
#include <asm/current.h>
#include <asm/shutdown.h>

/* Protects domain_list and its order; held briefly, never across work. */
static DEFINE_SPINLOCK_CLASS(domlist_lock, LOCK_CLASS_domlist);
static struct domain *domain_list;      /* sorted by domain_id */
static unsigned int nr_domains;

struct domain *idle_domain;

static void domlist_insert(struct domain *d)
{
    struct domain **pp;

    spin_lock(&domlist_lock);
    for ( pp = &domain_list; *pp && (*pp)->domain_id < d->domain_id;
          pp = &(*pp)->next_in_list )
        continue;
    d->next_in_list = *pp;
    *pp = d;
    nr_domains++;
    spin_unlock(&domlist_lock);
}

static bool domlist_remove(struct domain *d)
{
    struct domain **pp;
    bool found = false;

    spin_lock(&domlist_lock);
    for ( pp = &domain_list; *pp; pp = &(*pp)->next_in_list )
        if ( *pp == d )
        {
            *pp = d->next_in_list;
            nr_domains--;
            found = true;
            break;
        }
    spin_unlock(&domlist_lock);
    return found;
}

static bool domid_in_use(domid_t id)
{
    struct domain *d;
    bool used = false;

    spin_lock(&domlist_lock);
    for ( d = domain_list; d; d = d->next_in_list )
        if ( d->domain_id == id )
            used = true;
    spin_unlock(&domlist_lock);
    return used;
}

struct domain *get_domain_by_id_dying(domid_t id)
{
    struct domain *d;

    spin_lock(&domlist_lock);
    for ( d = domain_list; d; d = d->next_in_list )
        if ( d->domain_id == id )
            break;
    if ( d )
        get_domain_ref(d);
    spin_unlock(&domlist_lock);
    return d;
}

struct domain *get_domain_by_id(domid_t id)
{
    struct domain *d;

    spin_lock(&domlist_lock);
    for ( d = domain_list; d; d = d->next_in_list )
        if ( d->domain_id == id )
            break;
    /*
     * The reference is taken under the list lock, so a concurrent
     * domain_kill() either sees it (and the structure survives until it is
     * dropped) or has already unlinked the domain and we do not find it.
     */
    if ( d && !__atomic_load_n(&d->is_dying, __ATOMIC_ACQUIRE) )
        get_domain_ref(d);
    else
        d = NULL;
    spin_unlock(&domlist_lock);
    return d;
}

struct domain *get_domain_from(domid_t id)
{
    struct domain *d;

    /*
     * The list is sorted by id.  Dying domains are included, as Xen shows
     * them (with the dying flag) until their destruction completes.
     */
    spin_lock(&domlist_lock);
    for ( d = domain_list; d; d = d->next_in_list )
        if ( d->domain_id >= id )
            break;
    if ( d )
        get_domain_ref(d);
    spin_unlock(&domlist_lock);
    return d;
}

static void vcpu_destroy(struct vcpu *v);

/*
 * The last reference went.  vCPUs are freed only now, so that whoever
 * still holds a reference (the debug keys, a lookup racing the kill) may
 * look at them.
 */
static void domain_free(struct domain *d)
{
    unsigned int i;

    for ( i = 0; d->vcpu && i < d->max_vcpus; i++ )
        if ( d->vcpu[i] )
            vcpu_destroy(d->vcpu[i]);
    gnttab_destroy(d);
    xfree(d->vcpu);
    xfree(d);
}

void put_domain(struct domain *d)
{
    if ( __atomic_sub_fetch(&d->refcnt, 1, __ATOMIC_ACQ_REL) == 0 )
    {
        ASSERT(d->is_dying);
        domain_free(d);
    }
}

void for_each_domain_call(void (*fn)(struct domain *d, void *arg), void *arg)
{
    struct domain *d, *next;

    /* References keep each domain alive while fn runs without the lock. */
    spin_lock(&domlist_lock);
    d = domain_list;
    if ( d )
        get_domain_ref(d);
    spin_unlock(&domlist_lock);
    while ( d )
    {
        fn(d, arg);
        spin_lock(&domlist_lock);
        next = d->next_in_list;
        if ( next )
            get_domain_ref(next);
        spin_unlock(&domlist_lock);
        put_domain(d);
        d = next;
    }
}

unsigned int domain_count(void)
{
    return __atomic_load_n(&nr_domains, __ATOMIC_RELAXED);
}

struct vcpu *vcpu_create(struct domain *d, unsigned int id)
{
    struct vcpu *v;

    if ( id >= d->max_vcpus || d->vcpu[id] )
        return NULL;
    v = xzalloc(struct vcpu);
    if ( !v )
        return NULL;
    v->vcpu_id = id;
    v->domain = d;
    v->pause_flags = VPF_down;
    if ( !is_idle_domain(d) && id < XEN_LEGACY_MAX_VCPUS )
        v->vcpu_info = &d->shared_info->vcpu_info[id];
    if ( !is_idle_domain(d) )
        evtchn_vcpu_init(v);
    if ( arch_vcpu_create(v) )
    {
        xfree(v);
        return NULL;
    }
    /* Events start masked: the guest unmasks once it has a handler. */
    if ( v->vcpu_info )
        v->vcpu_info->evtchn_upcall_mask = 1;
    d->vcpu[id] = v;
    return v;
}

static void vcpu_destroy(struct vcpu *v)
{
    arch_vcpu_destroy(v);
    v->domain->vcpu[v->vcpu_id] = NULL;
    xfree(v);
}

/*
 * Every vCPU exists from the start, offline (VCPUOP_up brings it in), and
 * is known to the scheduler, spread over the CPUs.
 */
static int create_vcpus(struct domain *d)
{
    unsigned int i, cpu = cpumask_first(&sched_main.cpus);

    for ( i = 0; i < d->max_vcpus; i++ )
    {
        struct vcpu *v = vcpu_create(d, i);

        if ( !v || sched_vcpu_insert(v, cpu) )
            return -ENOMEM;
        cpu = cpumask_cycle(cpu, &sched_main.cpus);
    }
    return 0;
}

/* The shared_info page belongs to the domain so that it may map it. */
static int alloc_shared_info(struct domain *d)
{
    struct page_info *pg = alloc_domheap_pages(NULL, 0, 0);
    shared_info_t *s;

    if ( !pg )
        return -ENOMEM;
    s = d->shared_info = page_to_virt(pg);
    share_xen_page_with_guest(pg, d);
    /* Wall clock at system time zero; it never changes afterwards. */
    s->wc_version = 1;
    s->wc_sec = (uint32_t)wallclock_at_boot();
    s->wc_sec_hi = wallclock_at_boot() >> 32;
    s->wc_nsec = wallclock_at_boot_nsec();
    s->wc_version = 2;
    return 0;
}

struct domain *domain_create(domid_t id, const struct domain_create_args *a,
                             int *err)
{
    struct domain *d;
    unsigned int i;
    int rc = -ENOMEM;
    unsigned long leaked = 0;

    *err = -EINVAL;
    if ( id != DOMID_IDLE && (id >= DOMID_FIRST_RESERVED || domid_in_use(id)) )
        return NULL;
    if ( !a->max_vcpus ||
         a->max_vcpus > (id == DOMID_IDLE ? NR_CPUS : MAX_VIRT_CPUS) )
        return NULL;

    *err = -ENOMEM;
    d = xzalloc(struct domain);
    if ( !d )
        return NULL;
    d->domain_id = id;
    d->refcnt = 1;                      /* the domain list's reference */
    d->is_privileged = a->privileged;
    d->shutdown_code = SHUTDOWN_CODE_INVALID;
    d->max_pages = a->max_pages;
    d->max_vcpus = a->max_vcpus;
    /* Before any vCPU exists, so none can ever run unpaused. */
    d->pause_count = d->controller_pause_count = a->paused;
    spin_lock_init_class(&d->domain_lock, LOCK_CLASS_domain);
    spin_lock_init_class(&d->page_alloc_lock, LOCK_CLASS_page_alloc);
    page_list_init(&d->page_list);
    snprintf(d->name, sizeof(d->name), "d%u", id);

    d->vcpu = xzalloc_array(struct vcpu *, d->max_vcpus);
    if ( !d->vcpu )
        goto fail;
    if ( !is_idle_domain(d) )
    {
        if ( (rc = alloc_shared_info(d)) )
            goto fail;
        if ( (rc = evtchn_init(d, a->max_evtchn_port)) )
            goto fail;
        if ( (rc = gnttab_init(d)) )
            goto fail;
        if ( (rc = arch_domain_create(d)) )
            goto fail;
        if ( (rc = create_vcpus(d)) )
            goto fail;
        domlist_insert(d);
    }
    return d;

 fail:
    *err = rc;
    d->is_dying = true;
    for ( i = 0; d->vcpu && i < d->max_vcpus; i++ )
        if ( d->vcpu[i] )
        {
            sched_vcpu_remove(d->vcpu[i]);
            vcpu_destroy(d->vcpu[i]);
        }
    if ( d->shared_info )
    {
        arch_domain_relinquish(d, false);
        arch_domain_destroy(d);
    }
    evtchn_destroy(d);
    relinquish_domain_pages(d, &leaked, false);
    gnttab_destroy(d);
    domain_free(d);
    return NULL;
}

enum { KILL_START, KILL_UNPIN, KILL_PAGES, KILL_DONE };

/* The quick, once-only part: stop the vCPUs, cut the domain's links. */
/* VIRQ_DOM_EXC: dom0's toolstack learns that a domain stopped. */
static void notify_dom0_of_exception(void)
{
    struct domain *dom0 = get_domain_by_id(0);

    if ( dom0 )
    {
        send_global_virq(dom0, VIRQ_DOM_EXC);
        put_domain(dom0);
    }
}

static void kill_begin(struct domain *d)
{
    unsigned int i;

    for ( i = 0; i < d->max_vcpus; i++ )
        if ( d->vcpu[i] )
            vcpu_pause_flag_set(d->vcpu[i], _VPF_dying);
    /* Wait until no CPU runs one of its vCPUs any more. */
    for ( i = 0; i < d->max_vcpus; i++ )
        while ( d->vcpu[i] &&
                __atomic_load_n(&d->vcpu[i]->is_running, __ATOMIC_ACQUIRE) )
            cpu_relax();

    d->kill_owned = d->tot_pages + d->xenheap_pages;
    evtchn_destroy(d);
    gnttab_release_mappings(d);
    for ( i = 0; i < d->max_vcpus; i++ )
        if ( d->vcpu[i] )
        {
            stop_timer(&d->vcpu[i]->singleshot_timer);
            stop_timer(&d->vcpu[i]->periodic_timer);
            stop_timer(&d->vcpu[i]->poll_timer);
            sched_vcpu_remove(d->vcpu[i]);
        }
}

/*
 * Destruction is long for a big domain (every page-table page is
 * devalidated, every frame freed), so it runs in stages that stop when the
 * CPU is wanted elsewhere and resume where they stopped.
 */
static int kill_step(struct domain *d, bool preemptible)
{
    switch ( d->kill_stage )
    {
    case KILL_START:
        kill_begin(d);
        d->kill_stage = KILL_UNPIN;
        /* fall through */
    case KILL_UNPIN:
        if ( arch_domain_relinquish(d, preemptible) )
            return -ERESTART;
        arch_domain_destroy(d);
        gnttab_release_frames(d, &d->kill_left);
        d->kill_stage = KILL_PAGES;
        /* fall through */
    case KILL_PAGES:
        if ( relinquish_domain_pages(d, &d->kill_left, preemptible) )
            return -ERESTART;
        d->kill_stage = KILL_DONE;
        printk("Domain %u destroyed: %lu of %lu pages returned to the heap, "
               "%lu still referenced\n", d->domain_id,
               d->kill_owned - d->kill_left, d->kill_owned, d->kill_left);
        domlist_remove(d);
        /* As on Xen, once more when it is gone: its store entry can go too. */
        if ( d->domain_id )
            notify_dom0_of_exception();
        put_domain(d);                  /* the list's reference */
    }
    return 0;
}

static int domain_kill_mode(struct domain *d, bool preemptible)
{
    int rc;

    spin_lock(&d->domain_lock);
    if ( d->kill_stage == KILL_DONE )
    {
        spin_unlock(&d->domain_lock);
        return 0;
    }
    /* Another CPU is at it: come back later. */
    if ( d->kill_busy )
    {
        spin_unlock(&d->domain_lock);
        return -ERESTART;
    }
    d->kill_busy = true;
    __atomic_store_n(&d->is_dying, true, __ATOMIC_RELEASE);
    spin_unlock(&d->domain_lock);

    get_domain_ref(d);                  /* the structure outlives the list */
    rc = kill_step(d, preemptible);
    spin_lock(&d->domain_lock);
    d->kill_busy = false;
    spin_unlock(&d->domain_lock);
    put_domain(d);
    return rc;
}

int domain_kill(struct domain *d)
{
    return domain_kill_mode(d, true);
}

void domain_kill_sync(struct domain *d)
{
    /* Only a concurrent killer on another CPU can make this wait. */
    while ( domain_kill_mode(d, false) )
        cpu_relax();
}

/* --- Pausing. */

void domain_pause(struct domain *d)
{
    unsigned int i;

    ASSERT(d != current->domain);
    __atomic_fetch_add(&d->pause_count, 1, __ATOMIC_ACQ_REL);
    /* The scheduler drops the vCPUs; running ones stop at their next exit. */
    for ( i = 0; i < d->max_vcpus; i++ )
        if ( d->vcpu[i] )
            vcpu_sleep_nosync(d->vcpu[i]);
    for ( i = 0; i < d->max_vcpus; i++ )
        while ( d->vcpu[i] &&
                __atomic_load_n(&d->vcpu[i]->is_running, __ATOMIC_ACQUIRE) )
            cpu_relax();
}

void domain_unpause(struct domain *d)
{
    unsigned int i;

    if ( __atomic_sub_fetch(&d->pause_count, 1, __ATOMIC_ACQ_REL) )
        return;
    /* vcpu_wake() wakes only those whose own pause_flags allow it. */
    for ( i = 0; i < d->max_vcpus; i++ )
        if ( d->vcpu[i] )
            vcpu_wake(d->vcpu[i]);
}

/* Xen's limit: the toolstack cannot overflow the count by repetition. */
#define MAX_CONTROLLER_PAUSES 255

int domain_pause_by_systemcontroller(struct domain *d)
{
    spin_lock(&d->domain_lock);
    if ( d->controller_pause_count >= MAX_CONTROLLER_PAUSES )
    {
        spin_unlock(&d->domain_lock);
        return -EOVERFLOW;
    }
    d->controller_pause_count++;
    spin_unlock(&d->domain_lock);
    domain_pause(d);
    return 0;
}

int domain_unpause_by_systemcontroller(struct domain *d)
{
    spin_lock(&d->domain_lock);
    if ( !d->controller_pause_count )
    {
        spin_unlock(&d->domain_lock);
        return -EINVAL;
    }
    d->controller_pause_count--;
    spin_unlock(&d->domain_lock);
    domain_unpause(d);
    return 0;
}

static const char *shutdown_reason_name(unsigned int r)
{
    static const char *const names[] = {
        [SHUTDOWN_poweroff] = "poweroff", [SHUTDOWN_reboot] = "reboot",
        [SHUTDOWN_suspend] = "suspend", [SHUTDOWN_crash] = "crash",
        [SHUTDOWN_watchdog] = "watchdog", [SHUTDOWN_soft_reset] = "soft_reset",
    };

    return r < ARRAY_SIZE(names) && names[r] ? names[r] : "unknown";
}

/*
 * Domain 0 owns the machine: when it stops, so does the machine, with a
 * status a test harness can read (crash = failure).
 */
static void __noreturn hardware_domain_stopped(unsigned int reason)
{
    reap_stopped_domains_now();
    switch ( reason )
    {
    case SHUTDOWN_reboot:
        printk("Hardware domain rebooted: restarting the machine\n");
        machine_restart();
    case SHUTDOWN_poweroff:
        printk("Hardware domain halted: powering off\n");
        machine_power_off(POWEROFF_SUCCESS);
    default:
        printk("Hardware domain stopped (reason %u): powering off\n", reason);
        machine_power_off(POWEROFF_FAILURE);
    }
}

void domain_shutdown(struct domain *d, unsigned int reason)
{
    unsigned int i;

    spin_lock(&d->domain_lock);
    if ( d->is_shutting_down )
    {
        spin_unlock(&d->domain_lock);
        return;
    }
    d->is_shutting_down = true;
    /* A code set earlier with SCHEDOP_shutdown_code wins, as on Xen. */
    if ( d->shutdown_code == SHUTDOWN_CODE_INVALID )
        d->shutdown_code = reason;
    reason = d->shutdown_code;
    spin_unlock(&d->domain_lock);

    printk("Domain %u shut down: reason %u (%s)\n", d->domain_id, reason,
           shutdown_reason_name(reason));
    for ( i = 0; i < d->max_vcpus; i++ )
        if ( d->vcpu[i] )
            vcpu_pause_flag_set(d->vcpu[i], _VPF_shutdown);
    if ( d->domain_id == 0 )
        hardware_domain_stopped(reason);
    notify_dom0_of_exception();
    boot_domain_stopped(d);
}

void domain_crash(struct domain *d, const char *fmt, ...)
{
    va_list args;
    char why[160];

    va_start(args, fmt);
    vsnprintf(why, sizeof(why), fmt, args);
    va_end(args);
    if ( !d->is_crashed )
        printk("Domain %u crashed: %s\n", d->domain_id, why);
    d->is_crashed = true;
    domain_shutdown(d, SHUTDOWN_crash);
}
