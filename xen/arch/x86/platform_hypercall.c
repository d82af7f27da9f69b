/*
 * platform_op: dom0's view of the machine's CPUs and clock.
 *
 * Tessera keeps the platform (docs/architecture.md, "The platform seen by
 * dom0"), so of Xen's platform operations only those a hardware-less dom0
 * needs are offered: setting the wall clock and describing the physical
 * CPUs.  Firmware information is answered as Xen answers it on a machine
 * where the boot code found nothing (Tessera runs no real-mode BIOS calls,
 * so it has no EDD, MBR-signature, EDID or keyboard-flag data: -ESRCH; no
 * EFI boot: -ENOSYS; an unknown type: -EINVAL).  Power-management,
 * memory-type, microcode and CPU-hotplug operations answer -ENOSYS, which
 * Linux treats as "not available".
 */
#include <xen/errno.h>
#include <xen/guest_access.h>
#include <xen/hypercall.h>
#include <xen/lib.h>
#include <xen/sched.h>
#include <xen/smp.h>
#include <xen/string.h>
#include <xen/time.h>
#include <public/platform.h>
#include <asm/current.h>
#include <asm/processor.h>

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

/*
 * secs.nsecs was the time at system time `at`: publish the time at zero.
 * As Xen's do_settime, nothing is validated: nanoseconds past a second
 * carry into the seconds, and the arithmetic wraps as Xen's does.
 */
static long settime(uint64_t secs, uint32_t nsecs, uint64_t at)
{
    uint64_t ns = secs * 1000000000ULL + nsecs - at, wc[2];

    wc[0] = ns / 1000000000ULL;
    wc[1] = ns % 1000000000ULL;
    wallclock_set(wc[0], wc[1]);
    for_each_domain_call(set_wallclock_of, wc);
    return 0;
}

static unsigned int max_present_cpu(void)
{
    unsigned int n, max = 0;

    for ( n = 0; n < NR_CPUS; n++ )
        if ( cpu_online(n) )
            max = n;
    return max;
}

static long pcpu_info(xenpf_pcpuinfo_t *info)
{
    unsigned int cpu = info->xen_cpuid;

    info->max_present = max_present_cpu();
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

/* An absent CPU is described as all zeroes, as Xen does. */
static void pcpu_version(xenpf_pcpu_version_t *ver)
{
    unsigned int cpu = ver->xen_cpuid;

    memset(ver->vendor_id, 0, sizeof(ver->vendor_id));
    ver->family = ver->model = ver->stepping = 0;
    if ( cpu < NR_CPUS && cpu_online(cpu) )
        cpu_signature(ver->vendor_id, &ver->family, &ver->model, &ver->stepping);
    ver->max_present = max_present_cpu();
}

static long firmware_info(const xenpf_firmware_info_t *fw)
{
    switch ( fw->type )
    {
    case XEN_FW_DISK_INFO:
    case XEN_FW_DISK_MBR_SIGNATURE:
    case XEN_FW_VBEDDC_INFO:
    case XEN_FW_KBD_SHIFT_FLAGS:
        return -ESRCH;
    case XEN_FW_EFI_INFO:
        return -ENOSYS;
    }
    return -EINVAL;
}

long do_platform_op(XEN_GUEST_HANDLE_PARAM(void) arg)
{
    struct xen_platform_op op;
    long rc;

    /* Xen's order: the version is checked before the privilege. */
    if ( copy_from_guest(&op, guest_handle_cast(arg, struct xen_platform_op), 1) )
        return -EFAULT;
    if ( op.interface_version != XENPF_INTERFACE_VERSION )
        return -EACCES;
    if ( current->domain->domain_id != 0 )
        return -EPERM;

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
    case XENPF_get_cpu_version:
        pcpu_version(&op.u.pcpu_version);
        return copy_to_guest(guest_handle_cast(arg, struct xen_platform_op), &op, 1)
               ? -EFAULT : 0;
    case XENPF_firmware_info:
        return firmware_info(&op.u.firmware_info);
    }
    hypercall_log_unknown(__HYPERVISOR_platform_op, op.cmd);
    return -ENOSYS;
}
