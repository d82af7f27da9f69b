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
    memcpy(c->mc_vendorid, &b, 4);
    memcpy(c->mc_vendorid + 4, &d, 4);
    memcpy(c->mc_vendorid + 8, &cx, 4);
    cpuid_count(1, 0, &a, &b, &cx, &d);
    c->mc_family = (a >> 8) & 0xf;
    if ( c->mc_family == 0xf )
        c->mc_family += (a >> 20) & 0xff;
    c->mc_model = ((a >> 4) & 0xf) | (((a >> 16) & 0xf) << 4);
    c->mc_step = a & 0xf;
    c->mc_cpu_caps[0] = d;
    c->mc_cpu_caps[4] = cx;
}

static long physcpuinfo(XEN_GUEST_HANDLE(xen_mc_t) arg, xen_mc_t *mc)
{
    struct mcinfo_logical_cpu info;
    unsigned int cpu, n = 0, want = mc->u.mc_physcpuinfo.ncpus;

    for ( cpu = 0; cpu < NR_CPUS; cpu++ )
    {
        if ( !cpu_online(cpu) )
            continue;
        if ( n < want )
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
        mc.u.mc_fetch.flags = XEN_MC_NODATA;
        mc.u.mc_fetch.fetch_id = 0;
        return copy_to_guest(arg, &mc, 1) ? -EFAULT : 0;
    }
    hypercall_log_unknown(__HYPERVISOR_mca, mc.cmd);
    return -ENOSYS;
}
