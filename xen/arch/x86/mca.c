/*
 * The machine-check hypercall: dom0's mcelog driver asks, at start-up,
 * for a description of each physical CPU, then waits for VIRQ_MCA.
 * Tessera handles machine checks itself (fatal, reported on its console)
 * and forwards none, so a fetch always finds no telemetry.
 */
#include <xen/errno.h>
#include <xen/guest_access.h>
#include <xen/hypercall.h>
#include <xen/lib.h>
#include <xen/sched.h>
#include <xen/smp.h>
#include <xen/string.h>
#include <public/arch-x86/xen-mca.h>
#include <asm/current.h>
#include <asm/processor.h>

static void describe_cpu(unsigned int cpu, struct mcinfo_logical_cpu *c)
{
    uint32_t a, b, cx, d;

    memset(c, 0, sizeof(*c));
    c->mc_cpunr = cpu;
    c->mc_apicid = cpu_to_apicid[cpu];
    c->mc_ncores = c->mc_ncores_active = c->mc_nthreads = 1;
    cpuid_count(0, 0, &a, &b, &cx, &d);
    c->mc_cpuid_level = a;
    cpu_signature(c->mc_vendorid, &c->mc_family, &c->mc_model, &c->mc_step);
    cpuid_count(1, 0, &a, &b, &cx, &d);
    c->mc_cpu_caps[0] = d;
    c->mc_cpu_caps[4] = cx;
}

/*
 * As Xen: without a buffer, count the online CPUs; with one, describe at
 * most ncpus of them (ncpus 0 is -EINVAL) and say how many were described.
 */
static long physcpuinfo(XEN_GUEST_HANDLE(xen_mc_t) arg, xen_mc_t *mc)
{
    struct mcinfo_logical_cpu info;
    unsigned int cpu, n = 0, want = mc->u.mc_physcpuinfo.ncpus;
    bool count_only = guest_handle_is_null(mc->u.mc_physcpuinfo.info);

    if ( !count_only && !want )
        return -EINVAL;
    for ( cpu = 0; cpu < NR_CPUS; cpu++ )
    {
        if ( !cpu_online(cpu) || (!count_only && n == want) )
            continue;
        if ( !count_only )
        {
            describe_cpu(cpu, &info);
            if ( copy_to_guest_offset(mc->u.mc_physcpuinfo.info, n, &info, 1) )
                return -EFAULT;
        }
        n++;
    }
    mc->u.mc_physcpuinfo.ncpus = n;
    return copy_to_guest(arg, mc, 1) ? -EFAULT : 0;
}

/* No telemetry is ever queued, so a fetch finds none and an ack has nothing to drop. */
static long fetch(XEN_GUEST_HANDLE(xen_mc_t) arg, xen_mc_t *mc)
{
    uint32_t flags = mc->u.mc_fetch.flags;

    if ( (flags & (XEN_MC_NONURGENT | XEN_MC_URGENT)) != XEN_MC_NONURGENT &&
         (flags & (XEN_MC_NONURGENT | XEN_MC_URGENT)) != XEN_MC_URGENT )
        return -EINVAL;
    if ( flags & XEN_MC_ACK )
        return 0;
    if ( guest_handle_is_null(mc->u.mc_fetch.data) )
        return -EINVAL;
    mc->u.mc_fetch.flags = XEN_MC_OK | XEN_MC_NODATA;
    mc->u.mc_fetch.fetch_id = 0;
    return copy_to_guest(arg, mc, 1) ? -EFAULT : 0;
}

long do_mca(XEN_GUEST_HANDLE_PARAM(void) uarg)
{
    XEN_GUEST_HANDLE(xen_mc_t) arg = { (xen_mc_t *)uarg.p };
    xen_mc_t mc;

    if ( current->domain->domain_id != 0 )
        return -EPERM;
    if ( copy_from_guest(&mc, arg, 1) )
        return -EFAULT;
    if ( mc.interface_version != XEN_MCA_INTERFACE_VERSION )
        return -EACCES;
    switch ( mc.cmd )
    {
    case XEN_MC_physcpuinfo:
        return physcpuinfo(arg, &mc);
    case XEN_MC_fetch:
        return fetch(arg, &mc);
    }
    /* notifydomain, the injections and unknown commands: -EINVAL, as Xen. */
    hypercall_log_unknown(__HYPERVISOR_mca, mc.cmd);
    return -EINVAL;
}
