/*
 * domctl (hypercall 36): the toolstack's per-domain control interface.
 *
 * do_domctl() is a thin dispatcher in Xen 4.17's order of checks, so a
 * caller sees the same errno for the same mistake: the structure is copied
 * in once (-EFAULT), the interface version checked (-EACCES), the target
 * domain looked up (-ESRCH; createdomain has none, getdomaininfo searches
 * onwards), and only then the permission gate (-EPERM for any domain that
 * is not privileged).  Workers operate on the hypervisor's copy and say
 * whether it goes back to the guest.
 *
 * Locking: domctl_lock serialises all domctls, as on Xen, so two
 * toolstack calls never race on one domain's configuration.  It is only
 * ever tried: a busy lock restarts the hypercall (a continuation) rather
 * than spin while the holder may be waiting for this CPU (domain_pause()).
 */
#include <xen/errno.h>
#include <xen/event.h>
#include <xen/grant_table.h>
#include <xen/guest_access.h>
#include <xen/hypercall.h>
#include <xen/lib.h>
#include <xen/sched.h>
#include <xen/spinlock.h>
#include <xen/string.h>
#include <xen/time.h>
#include <xen/xmalloc.h>
#include <public/domctl.h>
#include <public/event_channel.h>
#include <xen/domctl.h>
#include <asm/current.h>
#include <asm/domctl.h>
#include <asm/pv.h>

static DEFINE_SPINLOCK(domctl_lock);

/*
 * The one permission gate of domctl and sysctl: only a privileged
 * (control) domain may use them, as with Xen's default XSM policy.
 */
int control_op_permitted(void)
{
    return current->domain->is_privileged ? 0 : -EPERM;
}

/* --- createdomain. */

/* Xen 4.17's defaults and ceilings for the per-domain grant limits. */
#define MAX_GRANT_FRAMES        64      /* opt_max_grant_frames */
#define MAX_MAPTRACK_FRAMES     ((int32_t)opt_max_maptrack_frames)
#define GRANT_VERSION_MAX       1       /* Tessera offers v1 entries only */

#define CDF_KNOWN (XEN_DOMCTL_CDF_hvm | XEN_DOMCTL_CDF_hap |                 \
                   XEN_DOMCTL_CDF_s3_integrity | XEN_DOMCTL_CDF_oos_off |   \
                   XEN_DOMCTL_CDF_xs_domain | XEN_DOMCTL_CDF_iommu |        \
                   XEN_DOMCTL_CDF_nested_virt | XEN_DOMCTL_CDF_vpmu)

/*
 * Every field is judged before anything is allocated, with Xen's errno
 * for each (sanitise_domain_config, arch_sanitise_domain_config,
 * arch_domain_create, grant_table_init, cpupool_add_domain), in its order.
 * What needs hardware Tessera lacks (HVM, HAP, an IOMMU, vmtrace, vPMU,
 * TBOOT) is refused as Xen refuses it on a host without it.
 */
static int check_create_config(const struct xen_domctl_createdomain *c)
{
    unsigned int gver = XEN_DOMCTL_GRANT_version(c->grant_opts);

    if ( c->flags & ~CDF_KNOWN )
        return -EINVAL;
    if ( c->grant_opts & ~XEN_DOMCTL_GRANT_version_mask )
        return -EINVAL;
    if ( c->max_vcpus < 1 || c->max_vcpus > MAX_VIRT_CPUS )
        return -EINVAL;
    if ( c->flags & (XEN_DOMCTL_CDF_hvm | XEN_DOMCTL_CDF_hap |
                     XEN_DOMCTL_CDF_iommu | XEN_DOMCTL_CDF_vpmu |
                     XEN_DOMCTL_CDF_s3_integrity |
                     XEN_DOMCTL_CDF_nested_virt) )
        return -EINVAL;
    if ( c->iommu_opts || c->vmtrace_size )
        return -EINVAL;
    if ( c->arch.misc_flags & ~XEN_X86_MSR_RELAXED )
        return -EINVAL;
    if ( c->arch.emulation_flags & ~XEN_X86_EMU_ALL )
        return -EINVAL;
    /* A PV domain may ask for the PIT at most. */
    if ( c->arch.emulation_flags & ~XEN_X86_EMU_PIT )
        return -EOPNOTSUPP;
    if ( gver < 1 || gver > GRANT_VERSION_MAX )
        return -EINVAL;
    if ( (c->max_grant_frames >= 0 && c->max_grant_frames < 1) ||
         c->max_grant_frames > MAX_GRANT_FRAMES ||
         c->max_maptrack_frames > MAX_MAPTRACK_FRAMES )
        return -EINVAL;
    if ( c->cpupool_id != 0 )
        return -ESRCH;                  /* only cpupool 0 exists */
    return 0;
}

static bool domid_free(domid_t id)
{
    struct domain *d;

    if ( id >= DOMID_FIRST_RESERVED )
        return false;
    d = get_domain_by_id(id);
    if ( d )
        put_domain(d);
    return !d;
}

/*
 * The id: the one asked for (if free, else -EEXIST), or with 0 (or a
 * reserved id) the next free one after the last id handed out, wrapping
 * before the reserved range and skipping 0, as Xen's rover does.
 */
static int pick_domid(domid_t want, domid_t *out)
{
    static domid_t rover;
    domid_t id;

    if ( want > 0 && want < DOMID_FIRST_RESERVED )
    {
        if ( !domid_free(want) )
            return -EEXIST;
        *out = want;
        return 0;
    }
    for ( id = rover + 1; id != rover; id++ )
    {
        if ( id == DOMID_FIRST_RESERVED )
            id = 1;
        if ( domid_free(id) )
            break;
    }
    if ( id == rover )
        return -ENOMEM;
    *out = rover = id;
    return 0;
}

/* The creation-time limits Tessera's subsystems take after domain_create(). */
static void apply_limits(struct domain *d,
                         const struct xen_domctl_createdomain *c)
{
    struct grant_table *gt = d->grant_table;
    unsigned long flags;

    /* Xen takes max_evtchn_port as given; 0 leaves only port 0. */
    flags = spin_lock_irqsave(&d->event_lock);
    d->max_evtchn_port = MIN(c->max_evtchn_port,
                             (uint32_t)EVTCHN_FIFO_NR_CHANNELS - 1);
    spin_unlock_irqrestore(&d->event_lock, flags);

    /* Only ever lowered: the table's arrays were sized for the default. */
    spin_lock(&gt->lock);
    if ( c->max_grant_frames > 0 )
        gt->max_frames = MIN((unsigned int)c->max_grant_frames, gt->max_frames);
    if ( c->max_maptrack_frames >= 0 )
        gt->maptrack_limit = MIN((unsigned int)c->max_maptrack_frames *
                                 GNTTAB_XEN_MAPTRACK_PER_FRAME, gt->maptrack_limit);
    spin_unlock(&gt->lock);
}

/*
 * A PV domain with all its vCPUs (offline), no memory (max_mem 0) and one
 * controller pause: the builder gives it memory and a context, then
 * unpauses it, as with Xen's toolstack.
 */
static long domctl_createdomain(struct xen_domctl *op)
{
    struct xen_domctl_createdomain *c = &op->u.createdomain;
    struct domain_create_args args = { .paused = true };
    struct domain *d;
    domid_t id;
    int rc;

    if ( (rc = check_create_config(c)) || (rc = pick_domid(op->domain, &id)) )
        return rc;
    args.max_vcpus = c->max_vcpus;
    args.max_pages = 0;
    args.max_evtchn_port = c->max_evtchn_port ?: 1;
    d = domain_create(id, &args, &rc);
    if ( !d )
        return rc;
    apply_limits(d, c);
    memcpy(d->handle, c->handle, sizeof(d->handle));
    printk("Domain %u created by d%u (%u vCPUs)\n", id,
           current->domain->domain_id, d->max_vcpus);
    op->domain = id;
    return 0;
}

/* --- Life cycle. */

static long domctl_destroydomain(struct domain *d)
{
    /* domain_kill() waits for every vCPU to stop: never our own. */
    if ( d == current->domain )
        return -EINVAL;
    /* domain_kill() raises VIRQ_DOM_EXC once the domain is gone. */
    if ( domain_kill(d) )
        return -ERESTART;
    return 0;
}

/* --- getdomaininfo. */

/* ns v has spent running, including the current stint (as on Xen). */
static uint64_t vcpu_cpu_time(const struct vcpu *v)
{
    const struct sched_unit *u = &v->sched_unit;
    uint64_t t = u->runstate_time[RUNSTATE_running];

    if ( u->runstate == RUNSTATE_running && NOW() > u->state_entry_time )
        t += NOW() - u->state_entry_time;
    return t;
}

/*
 * Xen's flags: blocked only if every online vCPU is blocked, running if
 * any runs, neither without online vCPUs; paused means the toolstack's
 * pause; the shutdown reason sits in bits 16-23.  Read without locks:
 * a snapshot, as on Xen.
 */
void getdomaininfo(struct domain *d, struct xen_domctl_getdomaininfo *info)
{
    uint32_t flags = XEN_DOMINF_blocked;
    uint64_t cpu_time = 0;
    unsigned int i;

    memset(info, 0, sizeof(*info));
    info->domain = d->domain_id;
    info->max_vcpu_id = XEN_INVALID_MAX_VCPU_ID;
    for ( i = 0; i < d->max_vcpus; i++ )
    {
        const struct vcpu *v = d->vcpu[i];
        unsigned long pf;

        if ( !v )
            continue;
        pf = __atomic_load_n(&v->pause_flags, __ATOMIC_RELAXED);
        cpu_time += vcpu_cpu_time(v);
        info->max_vcpu_id = i;
        if ( pf & VPF_down )
            continue;
        if ( !(pf & VPF_blocked) )
            flags &= ~XEN_DOMINF_blocked;
        if ( __atomic_load_n(&v->is_running, __ATOMIC_RELAXED) )
            flags |= XEN_DOMINF_running;
        info->nr_online_vcpus++;
    }
    info->cpu_time = cpu_time;
    info->flags = (info->nr_online_vcpus ? flags : 0) |
                  (d->is_dying ? XEN_DOMINF_dying : 0) |
                  (d->is_shutting_down ? XEN_DOMINF_shutdown : 0) |
                  (d->controller_pause_count ? XEN_DOMINF_paused : 0);
    if ( d->is_shutting_down && d->shutdown_code != SHUTDOWN_CODE_INVALID )
        info->flags |= (d->shutdown_code & XEN_DOMINF_shutdownmask)
                       << XEN_DOMINF_shutdownshift;
    info->tot_pages = d->tot_pages;
    info->max_pages = d->max_pages;
    /* A PV domain maps shared_info by machine frame. */
    info->shared_info_frame = virt_to_mfn(d->shared_info);
    memcpy(info->handle, d->handle, sizeof(info->handle));
}

/*
 * The named domain, or if it does not exist the next one above it, as
 * Xen does (toolstacks walk the domain list this way); -ESRCH past the
 * last, -EINVAL for a reserved id.
 */
static long domctl_getdomaininfo(struct domain *d, struct xen_domctl *op)
{
    bool found = !d;

    if ( !d )
    {
        if ( op->domain >= DOMID_FIRST_RESERVED )
            return -EINVAL;
        if ( !(d = get_domain_from(op->domain)) )
            return -ESRCH;
    }
    getdomaininfo(d, &op->u.getdomaininfo);
    op->domain = op->u.getdomaininfo.domain;
    if ( found )
        put_domain(d);
    return 0;
}

/* --- vCPUs. */

/* d->vcpu[id] with id checked and clamped against speculation, or NULL. */
static struct vcpu *domctl_vcpu(struct domain *d, uint32_t id)
{
    if ( id >= d->max_vcpus )
        return NULL;
    id &= -(uint32_t)(id < d->max_vcpus);
    return d->vcpu[id];
}

static long domctl_getvcpuinfo(struct domain *d, struct xen_domctl *op)
{
    struct xen_domctl_getvcpuinfo *vi = &op->u.getvcpuinfo;
    struct vcpu *v;
    unsigned long pf;

    if ( vi->vcpu >= d->max_vcpus )
        return -EINVAL;
    if ( !(v = domctl_vcpu(d, vi->vcpu)) )
        return -ESRCH;
    pf = __atomic_load_n(&v->pause_flags, __ATOMIC_RELAXED);
    vi->online = !(pf & VPF_down);
    vi->blocked = !!(pf & VPF_blocked);
    vi->running = __atomic_load_n(&v->is_running, __ATOMIC_RELAXED);
    vi->cpu_time = vcpu_cpu_time(v);
    vi->cpu = v->sched_unit.processor;
    return 0;
}

/*
 * Xen creates the vCPUs here; Tessera made them all at createdomain, so
 * this only confirms the count, which (as on Xen) must be the one given
 * then.
 */
static long domctl_max_vcpus(struct domain *d, const struct xen_domctl *op)
{
    if ( d == current->domain || op->u.max_vcpus.max != d->max_vcpus )
        return -EINVAL;
    return 0;
}

/*
 * A context for a vCPU of another domain (Xen pauses the domain around
 * the change; ours must not be running it).  A null handle would reset
 * the vCPU, which Tessera does not offer.  VGCF_online brings the vCPU
 * up, as Xen's arch_set_info_guest() does; it still waits for the
 * controller's unpause.
 */
static long domctl_setvcpucontext(struct domain *d, const struct xen_domctl *op)
{
    const struct xen_domctl_vcpucontext *vc = &op->u.vcpucontext;
    vcpu_guest_context_t *ctxt;
    struct vcpu *v;
    long rc;

    if ( d == current->domain || !(v = domctl_vcpu(d, vc->vcpu)) )
        return -EINVAL;
    if ( guest_handle_is_null(vc->ctxt) )
        return -EOPNOTSUPP;
    if ( !(ctxt = xmalloc(vcpu_guest_context_t)) )
        return -ENOMEM;
    if ( copy_from_guest(ctxt, vc->ctxt, 1) )
    {
        xfree(ctxt);
        return -EFAULT;
    }
    domain_pause(d);
    rc = arch_set_info_guest(v, ctxt);
    if ( !rc && (ctxt->flags & VGCF_online) )
        vcpu_pause_flag_clear(v, _VPF_down);
    domain_unpause(d);
    xfree(ctxt);
    return rc;
}

static long domctl_getvcpucontext(struct domain *d, const struct xen_domctl *op)
{
    const struct xen_domctl_vcpucontext *vc = &op->u.vcpucontext;
    vcpu_guest_context_t *ctxt;
    struct vcpu *v;
    long rc = 0;

    if ( !(v = domctl_vcpu(d, vc->vcpu)) || v == current )
        return -EINVAL;
    if ( !__atomic_load_n(&v->is_initialised, __ATOMIC_ACQUIRE) )
        return -ENODATA;
    if ( !(ctxt = xmalloc(vcpu_guest_context_t)) )
        return -ENOMEM;
    /* Our own other vCPUs cannot be paused from here; Xen reads them live. */
    if ( d != current->domain )
        domain_pause(d);
    arch_get_info_guest(v, ctxt);
    if ( d != current->domain )
        domain_unpause(d);
    if ( copy_to_guest(vc->ctxt, ctxt, 1) )
        rc = -EFAULT;
    xfree(ctxt);
    return rc;
}

/* --- Per-domain settings. */

static long domctl_max_mem(struct domain *d, const struct xen_domctl *op)
{
    /*
     * As on Xen the new limit may be below tot_pages: the domain then
     * gets nothing more until it has given enough back.
     */
    spin_lock(&d->page_alloc_lock);
    d->max_pages = op->u.max_mem.max_memkb >> (PAGE_SHIFT - 10);
    spin_unlock(&d->page_alloc_lock);
    return 0;
}

/*
 * The wall clock in d's shared_info becomes ours plus the offset (Xen's
 * update_domain_wallclock_time), under the version protocol: odd while
 * the fields change.
 */
static long domctl_settimeoffset(struct domain *d, const struct xen_domctl *op)
{
    shared_info_t *s = d->shared_info;
    uint64_t sec;

    spin_lock(&d->domain_lock);
    d->time_offset_seconds = op->u.settimeoffset.time_offset_seconds;
    sec = wallclock_at_boot() + d->time_offset_seconds;
    __atomic_fetch_add(&s->wc_version, 1, __ATOMIC_SEQ_CST);
    s->wc_sec = (uint32_t)sec;
    s->wc_sec_hi = sec >> 32;
    s->wc_nsec = wallclock_at_boot_nsec();
    __atomic_fetch_add(&s->wc_version, 1, __ATOMIC_SEQ_CST);
    spin_unlock(&d->domain_lock);
    return 0;
}

static long domctl_setdomainhandle(struct domain *d, const struct xen_domctl *op)
{
    spin_lock(&d->domain_lock);
    memcpy(d->handle, op->u.setdomainhandle.handle, sizeof(d->handle));
    spin_unlock(&d->domain_lock);
    return 0;
}

/* --- scheduler_op: credit2's weight and cap. */

/*
 * Xen's credit2 caps a domain as a whole (up to 100% per vCPU); Tessera's
 * credit2 caps each vCPU, so a domain cap is shared out evenly.  The cap
 * given is remembered so that getinfo reports it back exactly.
 */
static long sched_putinfo(struct domain *d,
                          const struct xen_domctl_sched_credit2 *in)
{
    struct sched_params p;
    unsigned int i, n = 0;

    for ( i = 0; i < d->max_vcpus; i++ )
        n += !!d->vcpu[i];
    /* Everything is checked before any vCPU changes. */
    if ( in->cap > 100 * n )
        return -EINVAL;
    for ( i = 0; i < d->max_vcpus; i++ )
    {
        struct sched_unit *u;

        if ( !d->vcpu[i] )
            continue;
        u = &d->vcpu[i]->sched_unit;
        sched_get_params(&sched_main, u, &p);
        if ( in->weight )
            p.weight = in->weight;
        p.cap = in->cap ? MIN(100u, (in->cap + n - 1) / n) : 0;
        sched_adjust(&sched_main, u, &p, NOW());
    }
    d->sched_cap = in->cap;
    return 0;
}

static long domctl_scheduler_op(struct domain *d, struct xen_domctl *op)
{
    struct xen_domctl_scheduler_op *so = &op->u.scheduler_op;
    struct sched_params p = { .weight = SCHED_DEFAULT_WEIGHT };

    if ( so->sched_id != XEN_SCHEDULER_CREDIT2 )
        return -EINVAL;
    switch ( so->cmd )
    {
    case XEN_DOMCTL_SCHEDOP_putinfo:
        return sched_putinfo(d, &so->u.credit2);
    case XEN_DOMCTL_SCHEDOP_getinfo:
        if ( d->vcpu[0] )
            sched_get_params(&sched_main, &d->vcpu[0]->sched_unit, &p);
        so->u.credit2.weight = p.weight;
        so->u.credit2.cap = d->sched_cap;
        return 0;
    default:
        /* Credit2 has no per-vCPU parameters; other commands are unknown. */
        return -EINVAL;
    }
}

/* --- The dispatcher. */

/* Runs one domctl under domctl_lock; *copyback says whether op goes back. */
static long domctl_op(struct domain *d, struct xen_domctl *op, bool *copyback)
{
    struct xen_domctl_address_size *as = &op->u.address_size;
    long rc;

    switch ( op->cmd )
    {
    case XEN_DOMCTL_createdomain:
        rc = domctl_createdomain(op);
        *copyback = !rc;
        return rc;
    case XEN_DOMCTL_destroydomain:
        return domctl_destroydomain(d);
    case XEN_DOMCTL_pausedomain:
        return d == current->domain ? -EINVAL
                                    : domain_pause_by_systemcontroller(d);
    case XEN_DOMCTL_unpausedomain:
        return domain_unpause_by_systemcontroller(d);
    case XEN_DOMCTL_getdomaininfo:
        rc = domctl_getdomaininfo(d, op);
        *copyback = !rc;
        return rc;
    case XEN_DOMCTL_max_mem:
        return domctl_max_mem(d, op);
    case XEN_DOMCTL_max_vcpus:
        return domctl_max_vcpus(d, op);
    case XEN_DOMCTL_getvcpuinfo:
        rc = domctl_getvcpuinfo(d, op);
        *copyback = !rc;
        return rc;
    case XEN_DOMCTL_setvcpucontext:
        return domctl_setvcpucontext(d, op);
    case XEN_DOMCTL_getvcpucontext:
        rc = domctl_getvcpucontext(d, op);
        *copyback = !rc || rc == -EFAULT;
        return rc;
    case XEN_DOMCTL_settimeoffset:
        return domctl_settimeoffset(d, op);
    case XEN_DOMCTL_setdomainhandle:
        return domctl_setdomainhandle(d, op);
    case XEN_DOMCTL_set_address_size:
        return arch_set_address_size(d, as->size);
    case XEN_DOMCTL_get_address_size:
        as->size = arch_get_address_size(d);
        *copyback = true;
        return 0;
    case XEN_DOMCTL_scheduler_op:
        *copyback = true;
        return domctl_scheduler_op(d, op);
    default:
        hypercall_log_unknown(__HYPERVISOR_domctl, op->cmd);
        return -ENOSYS;
    }
}

long do_domctl(XEN_GUEST_HANDLE_PARAM(xen_domctl_t) u_domctl)
{
    struct xen_domctl op;
    struct domain *d = NULL;
    bool copyback = false;
    long rc;

    if ( copy_from_guest(&op, u_domctl, 1) )
        return -EFAULT;
    if ( op.interface_version != XEN_DOMCTL_INTERFACE_VERSION )
        return -EACCES;
    /* Xen looks the target up before asking whether the caller may act. */
    if ( op.cmd != XEN_DOMCTL_createdomain )
    {
        /* A destruction in progress is found again to be carried on. */
        d = op.cmd == XEN_DOMCTL_destroydomain ? get_domain_by_id_dying(op.domain)
                                               : get_domain_by_id(op.domain);
        if ( !d && op.cmd != XEN_DOMCTL_getdomaininfo )
            return -ESRCH;
    }
    if ( (rc = control_op_permitted()) )
        goto out;
    /*
     * Inside a multicall there is no continuation; waiting is safe there,
     * since the holder only ever waits for vCPUs of other domains.
     */
    if ( in_multicall() )
        spin_lock(&domctl_lock);
    else if ( !spin_trylock(&domctl_lock) )
    {
        if ( d )
            put_domain(d);
        return hypercall_continue(__HYPERVISOR_domctl, 1,
                                  guest_handle_to_va(u_domctl));
    }
    rc = domctl_op(d, &op, &copyback);
    spin_unlock(&domctl_lock);
 out:
    if ( d )
        put_domain(d);
    if ( copyback && copy_to_guest(u_domctl, &op, 1) )
        rc = -EFAULT;
    /* A long operation (destruction) yielded the CPU: issue it again. */
    if ( rc == -ERESTART )
        return hypercall_continue(__HYPERVISOR_domctl, 1,
                                  guest_handle_to_va(u_domctl));
    return rc;
}
