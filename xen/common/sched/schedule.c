/*
 * Running vCPUs on the real CPUs: the glue between struct vcpu, the
 * policy-neutral scheduler core (core.c) and the CPUs' timers and
 * softirqs, plus the sched_op and set_timer_op hypercalls.
 *
 * Each CPU has an idle vCPU (of the idle domain) that runs idle_loop().
 * A CPU reschedules in its SCHEDULE_SOFTIRQ: when its slice timer fires,
 * when the running vCPU blocks or yields, or when a wake-up on another CPU
 * pokes it.  Softirqs run only at safe points (the exit path to a guest
 * and the idle loop), so a switch never interrupts hypervisor work: the
 * hypervisor is not preemptible, its stacks are per CPU, and a switch
 * simply abandons the old stack (context_switch never returns into it).
 *
 * Wake-ups and sleeps: v->pause_flags is the truth (any bit set = must
 * not run); the scheduler core is told after each change.  A sleep that
 * races with a wake re-checks the flags after telling the core, so a
 * wake-up is never lost.
 */
#include <xen/errno.h>
#include <xen/event.h>
#include <xen/guest_access.h>
#include <xen/hypercall.h>
#include <xen/lib.h>
#include <xen/sched.h>
#include <xen/smp.h>
#include <xen/softirq.h>
#include <xen/xmalloc.h>
#include <public/sched.h>
#include <asm/current.h>

struct sched_instance sched_main;
static struct timer slice_timer[NR_CPUS];

static void *sched_xmalloc(size_t size, void *arg)
{
    return xzalloc_bytes(size, 0);
}

static void sched_xfree(void *p, void *arg)
{
    xfree(p);
}

static void poke(int cpu)
{
    if ( cpu >= 0 )
        cpu_raise_softirq(cpu, SCHEDULE_SOFTIRQ);
}

static void slice_expired(void *unused)
{
    raise_softirq(SCHEDULE_SOFTIRQ);
}

void vcpu_wake(struct vcpu *v)
{
    if ( vcpu_runnable(v) && v->sched_unit.priv )
        poke(sched_wake(&sched_main, &v->sched_unit, NOW()));
}

/*
 * As on Xen, a vCPU that waits for an event is "blocked" in its runstate
 * whatever else holds it (VCPUOP_down of a vCPU sitting in SCHEDOP_poll
 * leaves it blocked); one stopped for any other reason is "offline".
 */
void vcpu_sleep_nosync(struct vcpu *v)
{
    int state = (v->pause_flags & VPF_blocked) ? RUNSTATE_blocked : RUNSTATE_offline;

    if ( !v->sched_unit.priv || vcpu_runnable(v) )
        return;
    poke(sched_sleep(&sched_main, &v->sched_unit, state, NOW()));
    /* A wake-up that slipped in between the check and the sleep. */
    if ( vcpu_runnable(v) )
        vcpu_wake(v);
}

void vcpu_pause_flag_set(struct vcpu *v, unsigned int flag)
{
    __atomic_fetch_or(&v->pause_flags, 1UL << flag, __ATOMIC_ACQ_REL);
    vcpu_sleep_nosync(v);
}

void vcpu_pause_flag_clear(struct vcpu *v, unsigned int flag)
{
    __atomic_fetch_and(&v->pause_flags, ~(1UL << flag), __ATOMIC_ACQ_REL);
    vcpu_wake(v);
}

static void vcpu_periodic_switch(struct vcpu *prev, struct vcpu *next);

static void schedule(void)
{
    unsigned int cpu = smp_processor_id();
    struct vcpu *prev = current, *next;
    s_time_t now = NOW();
    struct sched_decision dec = sched_schedule(&sched_main, cpu, now);

    poke(dec.tickle);
    if ( dec.slice == SCHED_NO_SLICE )
        stop_timer(&slice_timer[cpu]);
    else
        set_timer(&slice_timer[cpu], now + dec.slice);

    next = unit_to_vcpu(dec.unit);
    if ( next != prev )
    {
        vcpu_periodic_switch(prev, next);
        context_switch(prev, next);
    }
}

int sched_vcpu_insert(struct vcpu *v, unsigned int cpu)
{
    int rc = sched_init_unit(&sched_main, &v->sched_unit, v->vcpu_id,
                             v->domain->domain_id, cpu);

    if ( rc )
        return rc;
    sched_insert_unit(&sched_main, &v->sched_unit, NOW());
    return 0;
}

void sched_vcpu_remove(struct vcpu *v)
{
    if ( !v->sched_unit.priv )
        return;
    sched_remove_unit(&sched_main, &v->sched_unit, NOW());
    sched_destroy_unit(&sched_main, &v->sched_unit);
}

void scheduler_init(void)
{
    static const struct sched_mem mem = { sched_xmalloc, sched_xfree, NULL };
    struct domain_create_args args = { .max_vcpus = NR_CPUS };
    int rc;

    sched_set_default_mem(&mem);
    if ( sched_instance_init(&sched_main, sched_default(), &mem) )
        panic("Cannot initialise the %s scheduler", sched_default()->name);
    idle_domain = domain_create(DOMID_IDLE, &args, &rc);
    if ( !idle_domain )
        panic("Cannot create the idle domain (%d)", rc);
    open_softirq(SCHEDULE_SOFTIRQ, schedule);
    printk("Scheduler: %s\n", sched_default()->name);
}

/* Runs on `cpu` itself: its idle vCPU becomes current. */
void scheduler_add_cpu(unsigned int cpu)
{
    struct vcpu *idle = vcpu_create(idle_domain, cpu);

    if ( !idle )
        panic("Cannot create the idle vCPU of CPU %u", cpu);
    idle->pause_flags = 0;
    idle->is_running = true;
    idle->sched_unit.priv = NULL;
    if ( sched_add_cpu(&sched_main, cpu, &idle->sched_unit, NOW()) )
        panic("Cannot add CPU %u to the scheduler", cpu);
    init_timer(&slice_timer[cpu], slice_expired, NULL, cpu);
    get_cpu_info()->current_vcpu = idle;
}

void sched_start_cpu(void)
{
    raise_softirq(SCHEDULE_SOFTIRQ);
    idle_loop();
}

void sched_dump_all(void)
{
    sched_dump(&sched_main);
}

/* --- Hypercalls. */

static long sched_block(struct vcpu *v)
{
    /*
     * Unmask and sleep as one step: an event that arrives in between finds
     * the vCPU blocked and wakes it (the pending check comes after the flag).
     */
    v->vcpu_info->evtchn_upcall_mask = 0;
    __atomic_fetch_or(&v->pause_flags, VPF_blocked, __ATOMIC_ACQ_REL);
    if ( ACCESS_ONCE(v->vcpu_info->evtchn_upcall_pending) )
    {
        __atomic_fetch_and(&v->pause_flags, ~VPF_blocked, __ATOMIC_ACQ_REL);
        return 0;
    }
    vcpu_sleep_nosync(v);
    return 0;
}

static long sched_shutdown(struct vcpu *v, XEN_GUEST_HANDLE_PARAM(void) arg)
{
    struct sched_shutdown s;

    if ( copy_from_guest(&s, guest_handle_cast(arg, sched_shutdown_t), 1) )
        return -EFAULT;
    domain_shutdown(v->domain, s.reason);
    return 0;
}

long do_sched_op(int cmd, XEN_GUEST_HANDLE_PARAM(void) arg)
{
    struct vcpu *v = current;

    switch ( cmd )
    {
    case SCHEDOP_yield:
        poke(sched_yield(&sched_main, &v->sched_unit));
        return 0;
    case SCHEDOP_block:
        return sched_block(v);
    case SCHEDOP_shutdown:
        return sched_shutdown(v, arg);
    case SCHEDOP_shutdown_code:
    {
        struct sched_shutdown s;

        if ( copy_from_guest(&s, guest_handle_cast(arg, sched_shutdown_t), 1) )
            return -EFAULT;
        /* The first code set is the one the shutdown reports (Xen 4.17). */
        spin_lock(&v->domain->domain_lock);
        if ( v->domain->shutdown_code == SHUTDOWN_CODE_INVALID )
            v->domain->shutdown_code = s.reason;
        spin_unlock(&v->domain->domain_lock);
        return 0;
    }
    case SCHEDOP_poll:
        return sched_poll(v, arg);
    }
    hypercall_log_unknown(__HYPERVISOR_sched_op, cmd);
    return -ENOSYS;
}

long do_sched_op_compat(int cmd, unsigned long arg)
{
    struct vcpu *v = current;

    switch ( cmd )
    {
    case SCHEDOP_yield:
        poke(sched_yield(&sched_main, &v->sched_unit));
        return 0;
    case SCHEDOP_block:
        return sched_block(v);
    case SCHEDOP_shutdown:
        domain_shutdown(v->domain, arg);
        return 0;
    }
    return -ENOSYS;
}

/* --- Guest timers. */

static void singleshot_fired(void *data)
{
    struct vcpu *v = data;

    send_timer_event(v);
}

/*
 * The periodic timer works as Xen's: it runs only while its vCPU runs.
 * Leaving the CPU stops it; coming back raises VIRQ_TIMER once if a period
 * or more has passed since the last tick (the ticks missed meanwhile are
 * not replayed), then arms the next one.  Everything happens in softirq
 * context or in the vCPU's own hypercalls.
 */
static void periodic_work(struct vcpu *v)
{
    s_time_t now = NOW(), next;

    if ( !v->periodic_period )
        return;
    next = v->periodic_last + v->periodic_period;
    if ( now >= next )
    {
        send_timer_event(v);
        v->periodic_last = now;
        next = now + v->periodic_period;
    }
    stop_timer(&v->periodic_timer);
    v->periodic_timer.cpu = v->sched_unit.processor;
    set_timer(&v->periodic_timer, next);
}

static void periodic_fired(void *data)
{
    periodic_work(data);
}

static void vcpu_periodic_switch(struct vcpu *prev, struct vcpu *next)
{
    if ( !is_idle_vcpu(prev) )
        stop_timer(&prev->periodic_timer);
    if ( !is_idle_vcpu(next) )
        periodic_work(next);
}

void vcpu_set_periodic_timer(struct vcpu *v, s_time_t period)
{
    stop_timer(&v->periodic_timer);
    v->periodic_period = period;
    if ( period )
        periodic_work(v);
}

void vcpu_timer_init(struct vcpu *v)
{
    init_timer(&v->singleshot_timer, singleshot_fired, v, 0);
    init_timer(&v->periodic_timer, periodic_fired, v, 0);
    /* Xen starts every PV vCPU with a 10 ms tick; guests stop it. */
    v->periodic_period = is_idle_vcpu(v) ? 0 : MILLISECS(10);
    v->periodic_last = 0;
}

long vcpu_set_singleshot_timer(struct vcpu *v, s_time_t deadline)
{
    /* A deadline in the past fires at once, as the guest expects. */
    if ( deadline <= NOW() )
    {
        stop_timer(&v->singleshot_timer);
        send_timer_event(v);
        return 0;
    }
    /* Queue it where the vCPU runs now; a queued timer must not move. */
    stop_timer(&v->singleshot_timer);
    v->singleshot_timer.cpu = v->sched_unit.processor;
    set_timer(&v->singleshot_timer, deadline);
    return 0;
}

/* Beyond 2^50 ns (13 days) ahead, a timeout is taken for wrapped jiffies. */
#define TIMER_OP_HORIZON    (1LL << 50)

long do_set_timer_op(uint64_t timeout)
{
    struct vcpu *v = current;
    s_time_t now = NOW();

    if ( timeout == 0 )
    {
        stop_timer(&v->singleshot_timer);
        return 0;
    }
    /*
     * Xen's workaround for old Linux guests: a timeout that wrapped
     * negative or lies implausibly far ahead fires in 100 ms, neither at
     * once (a busy loop for guests without timers) nor never.
     */
    if ( (s_time_t)timeout < 0 || (s_time_t)timeout - now >= TIMER_OP_HORIZON )
        return vcpu_set_singleshot_timer(v, now + MILLISECS(100));
    return vcpu_set_singleshot_timer(v, (s_time_t)timeout);
}
