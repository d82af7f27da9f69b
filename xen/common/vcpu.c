/*
 * vcpu_op: per-vCPU registrations, timers, state queries and bring-up.
 */
#include <xen/errno.h>
#include <xen/guest_access.h>
#include <xen/hypercall.h>
#include <xen/lib.h>
#include <xen/sched.h>
#include <xen/string.h>
#include <xen/xmalloc.h>
#include <public/vcpu.h>
#include <asm/current.h>
#include <asm/flushtlb.h>
#include <asm/processor.h>
#include <asm/pv.h>

/* The longest period Xen accepts for a periodic timer: 2^62 ns. */
#define STIME_DELTA_MAX ((uint64_t)~0ULL >> 2)

/*
 * Moves v's vcpu_info into a guest page (kept writable-typed and
 * referenced for the vCPU's life).  Once only, as on Xen.  Everything is
 * marked pending so that no event raised before the move gets lost.
 * Errnos are Xen 4.17's: -ENXIO for an offset that does not fit or is
 * misaligned, -EINVAL for a second move or an unusable frame.
 */
static long register_vcpu_info(struct vcpu *v, const struct vcpu_register_vcpu_info *r)
{
    struct domain *d = v->domain;
    struct page_info *pg;
    struct vcpu_info *new;
    int rc;

    if ( r->offset > PAGE_SIZE - sizeof(struct vcpu_info) ||
         (r->offset & (__alignof__(struct vcpu_info) - 1)) )
        return -ENXIO;
    if ( v->vcpu_info_registered )
        return -EINVAL;
    if ( !mfn_valid(r->mfn) )
        return -EINVAL;
    pg = mfn_to_page(r->mfn);
    rc = get_page_and_type(pg, d, PGT_writable_page);
    if ( rc )
        return rc;
    new = (struct vcpu_info *)((char *)page_to_virt(pg) + r->offset);
    if ( v->vcpu_info )
        memcpy(new, v->vcpu_info, sizeof(*new));
    else
    {
        memset(new, 0, sizeof(*new));
        new->evtchn_upcall_mask = 1;
    }
    new->evtchn_pending_sel = ~0UL;
    new->evtchn_upcall_pending = 1;
    v->vcpu_info = new;
    v->vcpu_info_registered = true;
    if ( v == current )
        publish_vcpu_time(&new->time);
    return 0;
}

static void write_runstate_area(const struct vcpu *v)
{
    struct vcpu_runstate_info ri;
    const struct sched_unit *u = &v->sched_unit;

    ri.state = u->runstate;
    ri.state_entry_time = u->state_entry_time;
    memcpy(ri.time, u->runstate_time, sizeof(ri.time));
    copy_to_guest_va(v->runstate_guest, &ri, sizeof(ri));
}

/*
 * The second copy of the time record, under the same version protocol
 * (odd while it changes).  A bad address is the guest's problem: its copy
 * just stays stale, as on Xen.
 */
static void write_time_area(const struct vcpu *v)
{
    struct vcpu_time_info t = v->vcpu_info->time;
    uint32_t version = t.version | 1;

    if ( copy_to_guest_va(v->time_guest, &version, sizeof(version)) )
        return;
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
    t.version = version;
    copy_to_guest_va(v->time_guest, &t, sizeof(t));
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
    version++;
    copy_to_guest_va(v->time_guest, &version, sizeof(version));
}

/*
 * Refreshes the areas v registered (runstate, second time record).  They
 * are guest kernel addresses: a vCPU in user mode has them reached
 * through its kernel page tables, one switch for both.
 */
void update_guest_areas(struct vcpu *v)
{
    bool switched = false;

    if ( v != current || (!v->runstate_guest && !v->time_guest) )
        return;
    if ( !(v->arch.flags & TF_kernel_mode) && v->arch.pv.guest_table )
    {
        write_cr3_stamped((unsigned long)v->arch.pv.guest_table << PAGE_SHIFT);
        switched = true;
    }
    if ( v->runstate_guest )
        write_runstate_area(v);
    if ( v->time_guest )
        write_time_area(v);
    if ( switched )
        pv_load_cr3(v);
}

/* The times include the current state's time up to now, as on Xen. */
static long vcpu_runstate(struct vcpu *v, XEN_GUEST_HANDLE_PARAM(void) arg)
{
    struct vcpu_runstate_info ri;
    const struct sched_unit *u = &v->sched_unit;
    s_time_t now = NOW();

    ri.state = u->runstate;
    ri.state_entry_time = u->state_entry_time;
    memcpy(ri.time, u->runstate_time, sizeof(ri.time));
    if ( (unsigned int)ri.state < ARRAY_SIZE(ri.time) && now > u->state_entry_time )
        ri.time[ri.state] += now - u->state_entry_time;
    return copy_to_guest(guest_handle_cast(arg, vcpu_runstate_info_t), &ri, 1)
           ? -EFAULT : 0;
}

long do_vcpu_op(int cmd, unsigned int vcpuid, XEN_GUEST_HANDLE_PARAM(void) arg)
{
    struct domain *d = current->domain;
    struct vcpu *v;

    if ( vcpuid >= d->max_vcpus )
        return -ENOENT;
    v = d->vcpu[vcpuid];
    if ( !v )
        return -ENOENT;

    switch ( cmd )
    {
    case VCPUOP_initialise:
    {
        vcpu_guest_context_t *ctxt = xmalloc(vcpu_guest_context_t);
        long rc;

        if ( !ctxt )
            return -ENOMEM;
        rc = copy_from_guest(ctxt, guest_handle_cast(arg, vcpu_guest_context_t), 1)
             ? -EFAULT : arch_set_info_guest(v, ctxt);
        xfree(ctxt);
        return rc;
    }
    case VCPUOP_is_up:
        return !(v->pause_flags & VPF_down);
    case VCPUOP_up:
        if ( !v->is_initialised )
            return -EINVAL;
        vcpu_pause_flag_clear(v, _VPF_down);
        return 0;
    case VCPUOP_down:
    {
        unsigned int i;

        /* As Xen: the last vCPU going down powers the domain off instead. */
        for ( i = 0; i < d->max_vcpus; i++ )
            if ( i != vcpuid && d->vcpu[i] && !(d->vcpu[i]->pause_flags & VPF_down) )
                break;
        if ( i == d->max_vcpus )
        {
            domain_shutdown(d, SHUTDOWN_poweroff);
            return 0;
        }
        vcpu_pause_flag_set(v, _VPF_down);
        return 0;
    }
    case VCPUOP_get_runstate_info:
        return vcpu_runstate(v, arg);
    case VCPUOP_register_runstate_memory_area:
    {
        struct vcpu_register_runstate_memory_area area;

        if ( copy_from_guest(&area, guest_handle_cast(arg,
                             vcpu_register_runstate_memory_area_t), 1) )
            return -EFAULT;
        if ( area.addr.p && !guest_range_ok(area.addr.p,
                                            sizeof(struct vcpu_runstate_info)) )
            return -EFAULT;
        v->runstate_guest = area.addr.p;
        update_guest_areas(v);
        return 0;
    }
    case VCPUOP_register_vcpu_time_memory_area:
    {
        struct vcpu_register_time_memory_area area;

        /* 0 stops the updates (Linux does so before suspending). */
        if ( copy_from_guest(&area, guest_handle_cast(arg,
                             vcpu_register_time_memory_area_t), 1) )
            return -EFAULT;
        if ( area.addr.p && !guest_range_ok(area.addr.p,
                                            sizeof(struct vcpu_time_info)) )
            return -EFAULT;
        v->time_guest = area.addr.p;
        update_guest_areas(v);
        return 0;
    }
    case VCPUOP_register_vcpu_info:
    {
        struct vcpu_register_vcpu_info r;

        if ( copy_from_guest(&r, guest_handle_cast(arg, vcpu_register_vcpu_info_t), 1) )
            return -EFAULT;
        return register_vcpu_info(v, &r);
    }
    case VCPUOP_stop_periodic_timer:
        vcpu_set_periodic_timer(v, 0);
        return 0;
    case VCPUOP_set_periodic_timer:
    {
        struct vcpu_set_periodic_timer p;

        if ( copy_from_guest(&p, guest_handle_cast(arg, vcpu_set_periodic_timer_t), 1) )
            return -EFAULT;
        if ( p.period_ns < (uint64_t)MILLISECS(1) || p.period_ns > STIME_DELTA_MAX )
            return -EINVAL;
        vcpu_set_periodic_timer(v, p.period_ns);
        return 0;
    }
    case VCPUOP_set_singleshot_timer:
    {
        struct vcpu_set_singleshot_timer t;

        if ( v != current )
            return -EINVAL;
        if ( copy_from_guest(&t, guest_handle_cast(arg, vcpu_set_singleshot_timer_t), 1) )
            return -EFAULT;
        /*
         * Xen 4.17 ignores VCPU_SSHOTTMR_future: a deadline in the past
         * fires at once and the call succeeds.
         */
        return vcpu_set_singleshot_timer(v, t.timeout_abs_ns);
    }
    case VCPUOP_stop_singleshot_timer:
        if ( v != current )
            return -EINVAL;
        stop_timer(&v->singleshot_timer);
        return 0;
    }
    hypercall_log_unknown(__HYPERVISOR_vcpu_op, cmd);
    return -ENOSYS;
}
