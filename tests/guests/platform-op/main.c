/*
 * platform-op: dom0's platform operations (__HYPERVISOR_platform_op) and
 * the machine-check hypercall (__HYPERVISOR_mca), as Linux uses them.
 *
 * Proves, for platform_op: a wrong interface version is -EACCES;
 * XENPF_settime64 and XENPF_settime32 publish the wall clock at system time
 * zero in shared_info (wc_sec, wc_sec_hi, wc_nsec) under the version
 * protocol (wc_version even again and advanced), nanoseconds of a second or
 * more carry into the seconds as Xen's do_settime does, a non-zero mbz is
 * -EINVAL and changes nothing; XENPF_get_cpuinfo describes the present
 * CPU 0 (online, APIC and ACPI ids 0, max_present 0 on this one-CPU
 * machine) and flags absent CPUs invalid; XENPF_get_cpu_version gives CPU
 * 0's vendor, family, model and stepping; XENPF_firmware_info answers as
 * Xen does on this QEMU machine (no EDD disks, no MBR signatures: -ESRCH;
 * not booted by EFI: -ENOSYS; an unknown type: -EINVAL); an unknown
 * operation is -ENOSYS.
 * For the machine-check hypercall: a wrong interface version is -EACCES;
 * XEN_MC_physcpuinfo with no buffer counts the CPUs, with a buffer
 * describes them (number, APIC id, vendor and signature as CPUID gives
 * them) and never more than there are, and a buffer with ncpus 0 is
 * -EINVAL; XEN_MC_fetch of either class finds no telemetry (XEN_MC_NODATA,
 * fetch_id 0), and needs a class and a buffer (-EINVAL); notifydomain and
 * unknown commands are -EINVAL.
 * The unprivileged side (-EPERM for both) is in tests/guests/domu-peer.
 */
#include "guest.h"
#include "events.h"
#include <xen/platform.h>
#include <xen/arch-x86/xen-mca.h>

const char test_name[] = "platform-op";

static struct xen_platform_op op;

static long platform_op(uint32_t cmd)
{
    op.cmd = cmd;
    op.interface_version = XENPF_INTERFACE_VERSION;
    return hypercall1(__HYPERVISOR_platform_op, &op);
}

struct wallclock { uint32_t version; uint64_t sec; uint32_t nsec; };

static struct wallclock read_wallclock(void)
{
    struct wallclock w;

    do {
        w.version = shared_info->wc_version;
        __atomic_thread_fence(__ATOMIC_SEQ_CST);
        w.sec = shared_info->wc_sec | ((uint64_t)shared_info->wc_sec_hi << 32);
        w.nsec = shared_info->wc_nsec;
        __atomic_thread_fence(__ATOMIC_SEQ_CST);
    } while ( (w.version & 1) || w.version != shared_info->wc_version );
    return w;
}

/* The wall clock Xen publishes for secs.nsecs at system time st. */
static void check_published(uint64_t secs, uint64_t nsecs, uint64_t st,
                            const struct wallclock *before, const char *what)
{
    uint64_t x = secs * 1000000000ULL + nsecs - st;
    struct wallclock w = read_wallclock();

    check(w.version > before->version && !(w.version & 1),
          "%s: wc_version %u -> %u, even", what, before->version, w.version);
    check(w.sec == x / 1000000000ULL && w.nsec == x % 1000000000ULL,
          "%s: wall clock at system time 0 is %lu.%09u (want %lu.%09lu)", what,
          (unsigned long)w.sec, w.nsec, (unsigned long)(x / 1000000000ULL),
          (unsigned long)(x % 1000000000ULL));
}

static void test_settime(void)
{
    struct wallclock orig = read_wallclock(), w;
    uint64_t st = system_time_ns(), now = orig.sec + (st + orig.nsec) / 1000000000ULL;

    op.u.settime64 = (struct xenpf_settime64){ .secs = now + 1000, .nsecs = 250000000,
                                               .system_time = st };
    check_eq(platform_op(XENPF_settime64), 0, "settime64");
    check_published(now + 1000, 250000000, st, &orig, "settime64");

    /* Past 2106: the seconds need wc_sec_hi. */
    w = read_wallclock();
    op.u.settime64 = (struct xenpf_settime64){ .secs = 7258118400ULL, .nsecs = 5,
                                               .system_time = st };
    check_eq(platform_op(XENPF_settime64), 0, "settime64 in the year 2200");
    check_published(7258118400ULL, 5, st, &w, "settime64 (2200)");
    check_eq(shared_info->wc_sec_hi, 1, "  wc_sec_hi carries the high seconds");

    w = read_wallclock();
    op.u.settime64 = (struct xenpf_settime64){ .secs = now, .mbz = 1, .system_time = st };
    check_eq(platform_op(XENPF_settime64), -XEN_EINVAL, "settime64 with mbz set");
    check_eq(read_wallclock().version, w.version, "  leaves the wall clock alone");

    op.u.settime32 = (struct xenpf_settime32){ .secs = (uint32_t)now, .nsecs = 1500000000U,
                                               .system_time = st };
    check_eq(platform_op(XENPF_settime32), 0, "settime32 with 1.5e9 nanoseconds");
    check_published((uint32_t)now, 1500000000U, st, &w, "settime32");

    /* Put the clock back. */
    st = system_time_ns();
    w = read_wallclock();
    op.u.settime64 = (struct xenpf_settime64){
        .secs = orig.sec + (st + orig.nsec) / 1000000000ULL,
        .nsecs = (st + orig.nsec) % 1000000000ULL, .system_time = st };
    check_eq(platform_op(XENPF_settime64), 0, "settime64 back to the boot clock");
    check_published(op.u.settime64.secs, op.u.settime64.nsecs, st, &w, "restored");
}

static void cpuid(uint32_t leaf, uint32_t *a, uint32_t *b, uint32_t *c, uint32_t *d)
{
    asm volatile ("cpuid" : "=a" (*a), "=b" (*b), "=c" (*c), "=d" (*d) : "a" (leaf), "c" (0));
}

struct signature { char vendor[13]; uint32_t family, model, step; };

static struct signature cpu_signature(void)
{
    struct signature s;

    memset(&s, 0, sizeof(s));
    uint32_t a, b, c, d;

    cpuid(0, &a, &b, &c, &d);
    memcpy(s.vendor, &b, 4);
    memcpy(s.vendor + 4, &d, 4);
    memcpy(s.vendor + 8, &c, 4);
    cpuid(1, &a, &b, &c, &d);
    s.family = (a >> 8) & 0xf;
    if ( s.family == 0xf )
        s.family += (a >> 20) & 0xff;
    s.model = (a >> 4) & 0xf;
    if ( s.family >= 6 )
        s.model |= ((a >> 16) & 0xf) << 4;
    s.step = a & 0xf;
    return s;
}

static void test_cpus(void)
{
    struct signature sig = cpu_signature();

    op.u.pcpu_info = (struct xenpf_pcpuinfo){ .xen_cpuid = 0, .max_present = 99,
                                              .flags = 99, .apic_id = 99, .acpi_id = 99 };
    check_eq(platform_op(XENPF_get_cpuinfo), 0, "get_cpuinfo of CPU 0");
    check_eq(op.u.pcpu_info.flags, XEN_PCPU_FLAGS_ONLINE, "  online");
    check_eq(op.u.pcpu_info.max_present, 0, "  max_present 0 (one CPU)");
    check_eq(op.u.pcpu_info.apic_id, 0, "  APIC id 0");
    check_eq(op.u.pcpu_info.acpi_id, 0, "  ACPI id 0");
    op.u.pcpu_info = (struct xenpf_pcpuinfo){ .xen_cpuid = 1, .max_present = 99 };
    check_eq(platform_op(XENPF_get_cpuinfo), 0, "get_cpuinfo of CPU 1");
    check_eq(op.u.pcpu_info.flags, XEN_PCPU_FLAGS_INVALID, "  there is none");
    check_eq(op.u.pcpu_info.max_present, 0, "  max_present 0");
    op.u.pcpu_info = (struct xenpf_pcpuinfo){ .xen_cpuid = ~0U };
    check_eq(platform_op(XENPF_get_cpuinfo), 0, "get_cpuinfo of CPU 2^32-1");
    check_eq(op.u.pcpu_info.flags, XEN_PCPU_FLAGS_INVALID, "  invalid");

    memset(&op.u, 0, sizeof(op.u));
    op.u.pcpu_version.max_present = 99;
    check_eq(platform_op(XENPF_get_cpu_version), 0, "get_cpu_version of CPU 0");
    check(!memcmp(op.u.pcpu_version.vendor_id, sig.vendor, 12), "  vendor %.12s (CPUID: %s)",
          op.u.pcpu_version.vendor_id, sig.vendor);
    check(op.u.pcpu_version.family == sig.family && op.u.pcpu_version.model == sig.model &&
          op.u.pcpu_version.stepping == sig.step,
          "  family %u model %u stepping %u (CPUID: %u %u %u)", op.u.pcpu_version.family,
          op.u.pcpu_version.model, op.u.pcpu_version.stepping, sig.family, sig.model, sig.step);
    check_eq(op.u.pcpu_version.max_present, 0, "  max_present 0");
    memset(&op.u, 0, sizeof(op.u));
    op.u.pcpu_version.xen_cpuid = 1;
    memset(op.u.pcpu_version.vendor_id, 'x', 12);
    op.u.pcpu_version.family = 99;
    check_eq(platform_op(XENPF_get_cpu_version), 0, "get_cpu_version of CPU 1");
    check(op.u.pcpu_version.vendor_id[0] == 0 && op.u.pcpu_version.family == 0,
          "  absent: zeroed");
}

static void test_other_ops(void)
{
    uint16_t edd_len = 64;
    uint8_t edd[64];

    memset(&op.u, 0, sizeof(op.u));
    memcpy(edd, &edd_len, 2);
    op.u.firmware_info.type = XEN_FW_DISK_INFO;
    set_xen_guest_handle(op.u.firmware_info.u.disk_info.edd_params, edd);
    check_eq(platform_op(XENPF_firmware_info), -XEN_ESRCH, "firmware_info: no EDD disk 0");
    memset(&op.u, 0, sizeof(op.u));
    op.u.firmware_info.type = XEN_FW_DISK_MBR_SIGNATURE;
    check_eq(platform_op(XENPF_firmware_info), -XEN_ESRCH,
             "firmware_info: no MBR signature 0");
    memset(&op.u, 0, sizeof(op.u));
    op.u.firmware_info.type = XEN_FW_EFI_INFO;
    check_eq(platform_op(XENPF_firmware_info), -XEN_ENOSYS, "firmware_info: no EFI boot");
    memset(&op.u, 0, sizeof(op.u));
    op.u.firmware_info.type = 99;
    check_eq(platform_op(XENPF_firmware_info), -XEN_EINVAL, "firmware_info: unknown type");
    check_eq(platform_op(9999), -XEN_ENOSYS, "an unknown platform op is -ENOSYS");
    op.interface_version = 0x03000000;
    op.cmd = XENPF_get_cpuinfo;
    check_eq(hypercall1(__HYPERVISOR_platform_op, &op), -XEN_EACCES,
             "a wrong interface version is -EACCES");
}

static struct xen_mc mc;
static xen_mc_logical_cpu_t cpus[4];
static uint8_t mc_buffer[4096];

static long mca(uint32_t cmd)
{
    mc.cmd = cmd;
    mc.interface_version = XEN_MCA_INTERFACE_VERSION;
    return hypercall1(__HYPERVISOR_mca, &mc);
}

static void test_mca(void)
{
    struct signature sig = cpu_signature();
    uint32_t flags[2] = { XEN_MC_NONURGENT, XEN_MC_URGENT };
    unsigned int i;

    memset(&mc, 0, sizeof(mc));
    check_eq(mca(XEN_MC_physcpuinfo), 0, "mca physcpuinfo, no buffer");
    check_eq(mc.u.mc_physcpuinfo.ncpus, 1, "  counts one CPU");
    memset(cpus, 0xaa, sizeof(cpus));
    memset(&mc, 0, sizeof(mc));
    mc.u.mc_physcpuinfo.ncpus = ARRAY_SIZE(cpus);
    set_xen_guest_handle(mc.u.mc_physcpuinfo.info, cpus);
    check_eq(mca(XEN_MC_physcpuinfo), 0, "mca physcpuinfo, room for 4");
    check_eq(mc.u.mc_physcpuinfo.ncpus, 1, "  describes one");
    check_eq(cpus[0].mc_cpunr, 0, "  CPU number 0");
    check_eq(cpus[0].mc_apicid, 0, "  APIC id 0");
    check(!memcmp(cpus[0].mc_vendorid, sig.vendor, 12), "  vendor %.12s (CPUID: %s)",
          cpus[0].mc_vendorid, sig.vendor);
    check(cpus[0].mc_family == sig.family && cpus[0].mc_model == sig.model &&
          cpus[0].mc_step == sig.step, "  family %u model %u stepping %u (CPUID: %u %u %u)",
          cpus[0].mc_family, cpus[0].mc_model, cpus[0].mc_step, sig.family, sig.model,
          sig.step);
    check_eq(cpus[1].mc_cpunr, 0xaaaaaaaa, "  the second entry is untouched");
    mc.u.mc_physcpuinfo.ncpus = 0;
    check_eq(mca(XEN_MC_physcpuinfo), -XEN_EINVAL, "physcpuinfo: a buffer with ncpus 0");

    for ( i = 0; i < 2; i++ )
    {
        memset(&mc, 0, sizeof(mc));
        mc.u.mc_fetch.flags = flags[i];
        mc.u.mc_fetch.fetch_id = 77;
        set_xen_guest_handle(mc.u.mc_fetch.data, mc_buffer);
        check_eq(mca(XEN_MC_fetch), 0, i ? "fetch urgent" : "fetch non-urgent");
        check_eq(mc.u.mc_fetch.flags, XEN_MC_NODATA, "  no telemetry");
        check_eq(mc.u.mc_fetch.fetch_id, 0, "  fetch_id 0");
    }
    memset(&mc, 0, sizeof(mc));
    set_xen_guest_handle(mc.u.mc_fetch.data, mc_buffer);
    check_eq(mca(XEN_MC_fetch), -XEN_EINVAL, "fetch without a class");
    memset(&mc, 0, sizeof(mc));
    mc.u.mc_fetch.flags = XEN_MC_NONURGENT;
    check_eq(mca(XEN_MC_fetch), -XEN_EINVAL, "fetch without a buffer");
    memset(&mc, 0, sizeof(mc));
    check_eq(mca(2), -XEN_EINVAL, "notifydomain is -EINVAL");
    check_eq(mca(99), -XEN_EINVAL, "an unknown mca command is -EINVAL");
    mc.cmd = XEN_MC_physcpuinfo;
    mc.interface_version = XEN_MCA_INTERFACE_VERSION + 1;
    check_eq(hypercall1(__HYPERVISOR_mca, &mc), -XEN_EACCES,
             "mca: a wrong interface version is -EACCES");
}

void test_main(void)
{
    test_settime();
    test_cpus();
    test_other_ops();
    test_mca();
}
