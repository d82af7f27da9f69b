/*
 * platform_op: dom0's view of the machine's CPUs and clock.
 *
 * Tessera keeps the platform (docs/architecture.md, "The platform seen by
 * dom0"), so of Xen's platform operations only those a hardware-less dom0
 * needs are offered: setting the wall clock and describing the physical
 * CPUs.  Firmware, power-management and microcode operations answer
 * -ENOSYS, which Linux treats as "not available".
 */
#include <xen/errno.h>
#include <xen/guest_access.h>
#include <xen/hypercall.h>
#include <xen/lib.h>
#include <xen/sched.h>
#include <xen/smp.h>
#include <xen/time.h>
#include <public/platform.h>
#include <asm/current.h>

static void set_wallclock_of(struct domain *d, void *arg)
{
    const uint64_t *wc = arg;
    shared_info_t *s = d->shared_info;

    if ( !s )
        return;
    ACCESS_ONCE(s->wc_version) = s->wc_version + 1;
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
    s->wc_sec = (uint32_t)wc[0];
    s->wc_sec_hi = wc[0] >> 32;
    s->wc_nsec = wc[1];
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
    ACCESS_ONCE(s->wc_version) = s->wc_version + 1;
}

/* secs.nsecs was the time at system time `at`: publish the time at zero. */
static long settime(uint64_t secs, uint32_t nsecs, uint64_t at)
{
    uint64_t ns = secs * 1000000000ULL + nsecs, wc[2];

    if ( nsecs >= 1000000000U || at > ns )
        return -EINVAL;
    ns -= at;
    wc[0] = ns / 1000000000ULL;
    wc[1] = ns % 1000000000ULL;
    wallclock_set(wc[0], wc[1]);
    for_each_domain_call(set_wallclock_of, wc);
    return 0;
}

static long pcpu_info(xenpf_pcpuinfo_t *info)
{
    unsigned int cpu = info->xen_cpuid, n;

    info->max_present = 0;
    for ( n = 0; n < NR_CPUS; n++ )
        if ( cpu_online(n) )
            info->max_present = n;
    if ( cpu >= NR_CPUS || !cpu_online(cpu) )
    {
        info->flags = XEN_PCPU_FLAGS_INVALID;
        return 0;
    }
    info->flags = XEN_PCPU_FLAGS_ONLINE;
    info->apic_id = cpu_to_apicid[cpu];
    info->acpi_id = cpu;
    return 0;
}

long do_platform_op(XEN_GUEST_HANDLE_PARAM(void) arg)
{
    struct xen_platform_op op;
    long rc;

    if ( current->domain->domain_id != 0 )
        return -EPERM;
    if ( copy_from_guest(&op, guest_handle_cast(arg, struct xen_platform_op), 1) )
        return -EFAULT;
    if ( op.interface_version != XENPF_INTERFACE_VERSION )
        return -EACCES;

    switch ( op.cmd )
    {
    case XENPF_settime64:
        if ( op.u.settime64.mbz )
            return -EINVAL;
        return settime(op.u.settime64.secs, op.u.settime64.nsecs,
                       op.u.settime64.system_time);
    case XENPF_settime32:
        return settime(op.u.settime32.secs, op.u.settime32.nsecs,
                       op.u.settime32.system_time);
    case XENPF_get_cpuinfo:
        rc = pcpu_info(&op.u.pcpu_info);
        if ( !rc && copy_to_guest(guest_handle_cast(arg, struct xen_platform_op), &op, 1) )
            rc = -EFAULT;
        return rc;
    }
    hypercall_log_unknown(__HYPERVISOR_platform_op, op.cmd);
    return -ENOSYS;
}
