/*
 * domctl: dom0's control interfaces, domctl (36) and sysctl (35).
 *
 * Proves, as Xen 4.17 does them: a wrong interface version is refused
 * with -EACCES, an unknown op with -ENOSYS, a missing domain with -ESRCH;
 * sysctl physinfo, sched_id (credit2), readconsole (incremental index,
 * short buffers, a bad buffer) and getdomaininfolist report sane values;
 * createdomain refuses bad configurations with Xen's errnos, then makes a
 * paused domain without memory, which dom0 queries (getdomaininfo,
 * getvcpuinfo, getvcpucontext), gives memory (populate_physmap and
 * increase_reservation on its domid, only up to max_mem), pauses and
 * unpauses (counted, -EINVAL below zero, -EOVERFLOW past 255), tunes
 * (handle, address size, credit2 weight and cap) and destroys, after which
 * it is gone (-ESRCH).  settimeoffset moves dom0's own wall clock.
 */
#include "guest.h"
#include <xen/domctl.h>
#include <xen/sysctl.h>

const char test_name[] = "domctl";

static struct xen_domctl dc;
static struct xen_sysctl sc;

static long domctl(uint32_t cmd, domid_t dom)
{
    dc.cmd = cmd;
    dc.interface_version = XEN_DOMCTL_INTERFACE_VERSION;
    dc.domain = dom;
    return HYPERVISOR_domctl(&dc);
}

static long sysctl(uint32_t cmd)
{
    sc.cmd = cmd;
    sc.interface_version = XEN_SYSCTL_INTERFACE_VERSION;
    return HYPERVISOR_sysctl(&sc);
}

static void zero_dc(void)
{
    memset(&dc, 0, sizeof(dc));
}

static void test_interface(void)
{
    zero_dc();
    dc.cmd = XEN_DOMCTL_getdomaininfo;
    dc.interface_version = XEN_DOMCTL_INTERFACE_VERSION - 1;
    check_eq(HYPERVISOR_domctl(&dc), -XEN_EACCES, "domctl: an older interface version is refused");
    memset(&sc, 0, sizeof(sc));
    sc.cmd = XEN_SYSCTL_physinfo;
    sc.interface_version = XEN_SYSCTL_INTERFACE_VERSION + 1;
    check_eq(HYPERVISOR_sysctl(&sc), -XEN_EACCES, "sysctl: a newer interface version is refused");
    check_eq(HYPERVISOR_domctl((void *)0x8000000000000000UL), -XEN_EFAULT,
             "domctl: an unreadable argument is -EFAULT");
    zero_dc();
    check_eq(domctl(999, 0), -XEN_ENOSYS, "domctl: an unknown op is -ENOSYS");
    memset(&sc, 0, sizeof(sc));
    check_eq(sysctl(999), -XEN_ENOSYS, "sysctl: an unknown op is -ENOSYS");
    zero_dc();
    check_eq(domctl(XEN_DOMCTL_pausedomain, 30000), -XEN_ESRCH,
             "domctl on a domain that does not exist is -ESRCH");
}

static void test_sysctl_info(void)
{
    struct xen_sysctl_physinfo *pi = &sc.u.physinfo;

    memset(&sc, 0, sizeof(sc));
    check_eq(sysctl(XEN_SYSCTL_physinfo), 0, "physinfo");
    check(pi->nr_cpus >= 1 && pi->max_cpu_id >= pi->nr_cpus - 1,
          "  %u CPUs, max_cpu_id %u", pi->nr_cpus, pi->max_cpu_id);
    check(pi->threads_per_core >= 1 && pi->cores_per_socket >= 1, "  topology is non-zero");
    check(pi->nr_nodes >= 1 && pi->max_node_id >= pi->nr_nodes - 1, "  nodes");
    check(pi->cpu_khz > 100000, "  cpu_khz %u", pi->cpu_khz);
    check(pi->total_pages > 0 && pi->free_pages < pi->total_pages,
          "  total %lu free %lu pages", (unsigned long)pi->total_pages,
          (unsigned long)pi->free_pages);
    check(pi->max_mfn >= pi->total_pages - 1, "  max_mfn %#lx", (unsigned long)pi->max_mfn);
    check(pi->capabilities & XEN_SYSCTL_PHYSCAP_pv, "  PV guests offered");
    check(pi->capabilities & XEN_SYSCTL_PHYSCAP_gnttab_v1, "  grant tables v1 offered");
    check(pi->hw_cap[0] & 1, "  hw_cap[0] is CPUID 1 EDX (FPU)");

    memset(&sc, 0, sizeof(sc));
    check_eq(sysctl(XEN_SYSCTL_sched_id), 0, "sched_id");
    check_eq(sc.u.sched_id.sched_id, XEN_SCHEDULER_CREDIT2, "  the scheduler is credit2");
}

static char ring[16384];

static long readconsole(char *buf, uint32_t count, bool incremental, uint32_t index)
{
    memset(&sc, 0, sizeof(sc));
    set_xen_guest_handle(sc.u.readconsole.buffer, buf);
    sc.u.readconsole.count = count;
    sc.u.readconsole.incremental = incremental;
    sc.u.readconsole.index = index;
    return sysctl(XEN_SYSCTL_readconsole);
}

static void test_readconsole(void)
{
    uint32_t n, index, i, printable = 0;
    long rc1, rc2;

    long rc0 = readconsole(ring, sizeof(ring), false, 0);

    n = sc.u.readconsole.count;
    index = sc.u.readconsole.index;
    /* Nothing may be printed between these two reads (Tessera logs dom0). */
    rc1 = readconsole(ring + sizeof(ring) / 2, sizeof(ring) / 2, true, index);
    rc2 = sc.u.readconsole.count;
    check_eq(rc0, 0, "readconsole");
    check(n > 0 && n <= sizeof(ring), "  it returned %u bytes of history", n);
    for ( i = 0; i < n; i++ )
        printable += ring[i] == '\n' || (ring[i] >= 0x20 && ring[i] < 0x7f);
    check(printable == n, "  all of them text (%u of %u)", printable, n);
    check(rc1 == 0 && rc2 == 0, "  incremental from the returned index: nothing new (rc %ld, %ld bytes)",
          rc1, rc2);
    check_eq(readconsole(ring, 16, false, 0), 0, "readconsole into 16 bytes");
    check_eq(sc.u.readconsole.count, 16, "  fills exactly 16");
    check_eq(readconsole(ring, 0, false, 0), 0, "readconsole of 0 bytes");
    check_eq(sc.u.readconsole.count, 0, "  returns none");
    check_eq(readconsole((char *)0x8000000000000000UL, 64, false, 0), -XEN_EFAULT,
             "readconsole into an unwritable buffer is -EFAULT");
}

static struct xen_domctl_getdomaininfo infos[8];

static long domaininfolist(domid_t first, uint32_t max, void *buf)
{
    memset(&sc, 0, sizeof(sc));
    sc.u.getdomaininfolist.first_domain = first;
    sc.u.getdomaininfolist.max_domains = max;
    set_xen_guest_handle(sc.u.getdomaininfolist.buffer, buf);
    return sysctl(XEN_SYSCTL_getdomaininfolist);
}

static void test_domaininfolist(unsigned int want)
{
    check_eq(domaininfolist(0, 8, infos), 0, "getdomaininfolist");
    check_eq(sc.u.getdomaininfolist.num_domains, want, "  lists every domain");
    check_eq(infos[0].domain, 0, "  dom0 first");
    check_eq(domaininfolist(0, 0, infos), 0, "getdomaininfolist of at most 0");
    check_eq(sc.u.getdomaininfolist.num_domains, 0, "  lists none");
    check_eq(domaininfolist(0, 8, (void *)0x8000000000000000UL), -XEN_EFAULT,
             "getdomaininfolist into an unwritable buffer is -EFAULT");
}

static void test_self(void)
{
    struct xen_domctl_getdomaininfo *di = &dc.u.getdomaininfo;

    zero_dc();
    check_eq(domctl(XEN_DOMCTL_getdomaininfo, 0), 0, "getdomaininfo of dom0");
    check_eq(di->domain, 0, "  domain 0");
    check(di->flags & XEN_DOMINF_running, "  running (flags %#x)", di->flags);
    check(!(di->flags & (XEN_DOMINF_paused | XEN_DOMINF_dying | XEN_DOMINF_shutdown)),
          "  neither paused, dying nor shut down");
    check_eq(di->tot_pages, start_info->nr_pages, "  tot_pages is start_info's nr_pages");
    check_eq(di->shared_info_frame, start_info->shared_info >> 12,
             "  shared_info_frame is our shared_info's frame");
    check(di->nr_online_vcpus >= 1, "  %u vCPUs online", di->nr_online_vcpus);
    zero_dc();
    check_eq(domctl(XEN_DOMCTL_pausedomain, 0), -XEN_EINVAL, "pausing ourselves is refused");
    check_eq(domctl(XEN_DOMCTL_destroydomain, 0), -XEN_EINVAL, "destroying ourselves is refused");
    check_eq(domctl(XEN_DOMCTL_max_vcpus, 0), -XEN_EINVAL, "max_vcpus on ourselves is refused");
}

static void test_time_offset(void)
{
    uint64_t before = shared_info->wc_sec, after;

    zero_dc();
    dc.u.settimeoffset.time_offset_seconds = 1000;
    check_eq(domctl(XEN_DOMCTL_settimeoffset, 0), 0, "settimeoffset +1000 s on dom0");
    after = shared_info->wc_sec;
    check(after >= before + 999 && after <= before + 1001,
          "  the wall clock moved from %lu to %lu", (unsigned long)before,
          (unsigned long)after);
    zero_dc();
    check_eq(domctl(XEN_DOMCTL_settimeoffset, 0), 0, "settimeoffset 0");
    check_eq(shared_info->wc_sec, before, "  the wall clock is back");
}


/* --- Creating, feeding, pausing and destroying a domain. */

static const xen_domain_handle_t handle1 = { 0xde, 0xad, 0xbe, 0xef, 1 };
static const xen_domain_handle_t handle2 = { 0xca, 0xfe, 2, 3, 4 };

/* A good PV configuration: 2 vCPUs, grant table v1, modest limits. */
static void good_config(void)
{
    struct xen_domctl_createdomain *c = &dc.u.createdomain;

    zero_dc();
    memcpy(c->handle, handle1, sizeof(c->handle));
    c->max_vcpus = 2;
    c->max_evtchn_port = 1023;
    c->max_grant_frames = 4;
    c->max_maptrack_frames = 8;
    c->grant_opts = XEN_DOMCTL_GRANT_version(1);
}

static long create(domid_t want)
{
    return domctl(XEN_DOMCTL_createdomain, want);
}

static void test_create_refused(void)
{
    good_config();
    /* (HVM itself depends on the host: QEMU's TCG may offer SVM.) */
    dc.u.createdomain.flags = XEN_DOMCTL_CDF_hap;
    check_eq(create(0), -XEN_EINVAL, "createdomain: HAP for a PV domain is refused");
    good_config();
    dc.u.createdomain.flags = 1U << 20;
    check_eq(create(0), -XEN_EINVAL, "createdomain: an unknown flag is refused");
    good_config();
    dc.u.createdomain.max_vcpus = 0;
    check_eq(create(0), -XEN_EINVAL, "createdomain: no vCPUs is refused");
    good_config();
    dc.u.createdomain.max_vcpus = 100000;
    check_eq(create(0), -XEN_EINVAL, "createdomain: too many vCPUs is refused");
    good_config();
    dc.u.createdomain.grant_opts = 0;
    check_eq(create(0), -XEN_EINVAL, "createdomain: grant version 0 is refused");
    good_config();
    dc.u.createdomain.max_grant_frames = 0;
    check_eq(create(0), -XEN_EINVAL, "createdomain: 0 grant frames is refused");
    good_config();
    dc.u.createdomain.max_grant_frames = 100000;
    check_eq(create(0), -XEN_EINVAL, "createdomain: too many grant frames is refused");
    good_config();
    dc.u.createdomain.iommu_opts = 1;
    check_eq(create(0), -XEN_EINVAL, "createdomain: IOMMU options without an IOMMU are refused");
    good_config();
    dc.u.createdomain.arch.emulation_flags = XEN_X86_EMU_LAPIC;
    check_eq(create(0), -XEN_EOPNOTSUPP, "createdomain: emulated devices for PV are unsupported");
    good_config();
    dc.u.createdomain.cpupool_id = 77;
    check_eq(create(0), -XEN_ESRCH, "createdomain: a cpupool that does not exist");
}

static void check_new_info(domid_t id, bool paused, unsigned long pages)
{
    struct xen_domctl_getdomaininfo *di = &dc.u.getdomaininfo;

    zero_dc();
    check_eq(domctl(XEN_DOMCTL_getdomaininfo, id), 0, "getdomaininfo of the new domain");
    check_eq(di->domain, id, "  its id");
    check_eq(!!(di->flags & XEN_DOMINF_paused), paused, paused ? "  paused" : "  not paused");
    check_eq(di->flags & (XEN_DOMINF_dying | XEN_DOMINF_shutdown | XEN_DOMINF_running), 0,
             "  neither dying, shut down nor running");
    check_eq(di->tot_pages, pages, "  tot_pages");
    check_eq(di->nr_online_vcpus, 0, "  no vCPU online");
}

static domid_t new_domain(void)
{
    domid_t id;

    good_config();
    if ( !check_eq(create(0), 0, "createdomain with id 0 picks one") )
        return 0;
    id = dc.domain;
    check(id > 0 && id < DOMID_FIRST_RESERVED, "  domain %u", id);
    check_new_info(id, true, 0);
    check_eq(memcmp(dc.u.getdomaininfo.handle, handle1, sizeof(handle1)), 0, "  the handle given");
    check_eq(dc.u.getdomaininfo.max_pages, 0, "  max_pages 0");
    good_config();
    check_eq(create(id), -XEN_EEXIST, "createdomain with a used id is -EEXIST");
    zero_dc();
    dc.u.max_vcpus.max = 3;
    check_eq(domctl(XEN_DOMCTL_max_vcpus, id), -XEN_EINVAL, "max_vcpus other than at creation");
    dc.u.max_vcpus.max = 2;
    check_eq(domctl(XEN_DOMCTL_max_vcpus, id), 0, "max_vcpus as at creation");
    zero_dc();
    check_eq(domctl(XEN_DOMCTL_getdomaininfo, id), 0, "getdomaininfo");
    check_eq(dc.u.getdomaininfo.max_vcpu_id, 1, "  max_vcpu_id 1");
    return id;
}

static xen_pfn_t frames[16];

static long reserve(unsigned int op, domid_t id, unsigned long nr, unsigned long first_pfn)
{
    struct xen_memory_reservation r = { .nr_extents = nr, .domid = id };
    unsigned long i;

    for ( i = 0; i < nr; i++ )
        frames[i] = first_pfn + i;
    set_xen_guest_handle(r.extent_start, frames);
    return HYPERVISOR_memory_op(op, &r);
}

static void test_memory(domid_t id)
{
    check_eq(reserve(XENMEM_populate_physmap, id, 1, 0), 0,
             "populate_physmap before max_mem gives nothing");
    zero_dc();
    dc.u.max_mem.max_memkb = 16 * 4;
    check_eq(domctl(XEN_DOMCTL_max_mem, id), 0, "max_mem 64 KiB");
    check_eq(reserve(XENMEM_increase_reservation, id, 4, 0), 4, "increase_reservation by 4");
    check_eq(reserve(XENMEM_populate_physmap, id, 4, 4), 4, "populate_physmap of 4");
    check_new_info(id, true, 8);
    check_eq(dc.u.getdomaininfo.max_pages, 16, "  max_pages 16");
    check_eq(reserve(XENMEM_populate_physmap, id, 10, 8), 8,
             "populate_physmap stops at max_mem");
    check_new_info(id, true, 16);
    zero_dc();
    dc.u.max_mem.max_memkb = 4;
    check_eq(domctl(XEN_DOMCTL_max_mem, id), 0, "max_mem below tot_pages is allowed");
    check_eq(reserve(XENMEM_populate_physmap, id, 1, 16), 0, "  and then nothing more is given");
}

static void test_pause(domid_t id)
{
    unsigned int i;
    long rc = 0;

    zero_dc();
    check_eq(domctl(XEN_DOMCTL_pausedomain, id), 0, "pausedomain (count 2)");
    check_eq(domctl(XEN_DOMCTL_unpausedomain, id), 0, "unpausedomain (count 1)");
    check_new_info(id, true, 16);
    zero_dc();
    check_eq(domctl(XEN_DOMCTL_unpausedomain, id), 0, "unpausedomain (count 0)");
    check_new_info(id, false, 16);
    zero_dc();
    check_eq(domctl(XEN_DOMCTL_unpausedomain, id), -XEN_EINVAL, "unpausing below zero");
    for ( i = 0; i < 255 && !rc; i++ )
        rc = domctl(XEN_DOMCTL_pausedomain, id);
    check(!rc, "255 pauses (%u, rc %ld)", i, rc);
    check_eq(domctl(XEN_DOMCTL_pausedomain, id), -XEN_EOVERFLOW, "the 256th is -EOVERFLOW");
    for ( i = 0, rc = 0; i < 255 && !rc; i++ )
        rc = domctl(XEN_DOMCTL_unpausedomain, id);
    check(!rc, "and 255 unpauses");
    check_new_info(id, false, 16);
}

static void test_vcpus(domid_t id)
{
    static vcpu_guest_context_t ctxt;
    struct xen_domctl_getvcpuinfo *vi = &dc.u.getvcpuinfo;

    zero_dc();
    vi->vcpu = 1;
    check_eq(domctl(XEN_DOMCTL_getvcpuinfo, id), 0, "getvcpuinfo of vCPU 1");
    check(!vi->online && !vi->running, "  offline, not running");
    zero_dc();
    vi->vcpu = 2;
    check_eq(domctl(XEN_DOMCTL_getvcpuinfo, id), -XEN_EINVAL, "getvcpuinfo past max_vcpus");
    zero_dc();
    set_xen_guest_handle(dc.u.vcpucontext.ctxt, &ctxt);
    check_eq(domctl(XEN_DOMCTL_getvcpucontext, id), -XEN_ENODATA,
             "getvcpucontext of a vCPU that never had a context");
    dc.u.vcpucontext.vcpu = 7;
    check_eq(domctl(XEN_DOMCTL_getvcpucontext, id), -XEN_EINVAL, "getvcpucontext past max_vcpus");
    memset(&ctxt, 0, sizeof(ctxt));
    ctxt.user_regs.rip = 0x8000000000000000UL;
    zero_dc();
    set_xen_guest_handle(dc.u.vcpucontext.ctxt, &ctxt);
    check_eq(domctl(XEN_DOMCTL_setvcpucontext, id), -XEN_EINVAL,
             "setvcpucontext with a non-canonical rip");
    dc.u.vcpucontext.vcpu = 2;
    check_eq(domctl(XEN_DOMCTL_setvcpucontext, id), -XEN_EINVAL, "setvcpucontext past max_vcpus");
    dc.u.vcpucontext.vcpu = 1;
    set_xen_guest_handle(dc.u.vcpucontext.ctxt, (void *)0x8000000000000000UL);
    check_eq(domctl(XEN_DOMCTL_setvcpucontext, id), -XEN_EFAULT,
             "setvcpucontext from an unreadable buffer");
    zero_dc();
    set_xen_guest_handle(dc.u.vcpucontext.ctxt, &ctxt);
    check_eq(domctl(XEN_DOMCTL_setvcpucontext, 0), -XEN_EINVAL, "setvcpucontext on ourselves");
}

static void test_settings(domid_t id)
{
    struct xen_domctl_scheduler_op *so = &dc.u.scheduler_op;

    zero_dc();
    check_eq(domctl(XEN_DOMCTL_get_address_size, id), 0, "get_address_size");
    check_eq(dc.u.address_size.size, 64, "  64 bits");
    dc.u.address_size.size = 64;
    check_eq(domctl(XEN_DOMCTL_set_address_size, id), 0, "set_address_size 64");
    dc.u.address_size.size = 48;
    check_eq(domctl(XEN_DOMCTL_set_address_size, id), -XEN_EINVAL, "set_address_size 48");
    zero_dc();
    memcpy(dc.u.setdomainhandle.handle, handle2, sizeof(handle2));
    check_eq(domctl(XEN_DOMCTL_setdomainhandle, id), 0, "setdomainhandle");
    zero_dc();
    check_eq(domctl(XEN_DOMCTL_getdomaininfo, id), 0, "getdomaininfo");
    check_eq(memcmp(dc.u.getdomaininfo.handle, handle2, sizeof(handle2)), 0, "  the new handle");

    zero_dc();
    so->sched_id = XEN_SCHEDULER_CREDIT2;
    so->cmd = XEN_DOMCTL_SCHEDOP_getinfo;
    check_eq(domctl(XEN_DOMCTL_scheduler_op, id), 0, "credit2 getinfo");
    check(so->u.credit2.weight == 256 && so->u.credit2.cap == 0, "  weight %u cap %u (256, 0)",
          so->u.credit2.weight, so->u.credit2.cap);
    so->cmd = XEN_DOMCTL_SCHEDOP_putinfo;
    so->u.credit2.weight = 512;
    so->u.credit2.cap = 250;
    check_eq(domctl(XEN_DOMCTL_scheduler_op, id), -XEN_EINVAL, "credit2 cap above 100 per vCPU");
    so->u.credit2.cap = 150;
    check_eq(domctl(XEN_DOMCTL_scheduler_op, id), 0, "credit2 putinfo weight 512 cap 150");
    so->cmd = XEN_DOMCTL_SCHEDOP_getinfo;
    so->u.credit2.weight = so->u.credit2.cap = 0;
    check_eq(domctl(XEN_DOMCTL_scheduler_op, id), 0, "credit2 getinfo");
    check(so->u.credit2.weight == 512 && so->u.credit2.cap == 150, "  weight %u cap %u (512, 150)",
          so->u.credit2.weight, so->u.credit2.cap);
    so->cmd = XEN_DOMCTL_SCHEDOP_getvcpuinfo;
    check_eq(domctl(XEN_DOMCTL_scheduler_op, id), -XEN_EINVAL, "credit2 has no per-vCPU parameters");
    so->cmd = XEN_DOMCTL_SCHEDOP_getinfo;
    so->sched_id = XEN_SCHEDULER_CREDIT;
    check_eq(domctl(XEN_DOMCTL_scheduler_op, id), -XEN_EINVAL, "another scheduler's id");
}

static void test_destroy(domid_t id)
{
    zero_dc();
    check_eq(domctl(XEN_DOMCTL_destroydomain, id), 0, "destroydomain");
    check_eq(domctl(XEN_DOMCTL_getdomaininfo, id), -XEN_ESRCH,
             "  getdomaininfo finds neither it nor a later one");
    check_eq(domctl(XEN_DOMCTL_pausedomain, id), -XEN_ESRCH, "  pausedomain: -ESRCH");
    check_eq(domctl(XEN_DOMCTL_destroydomain, id), -XEN_ESRCH, "  destroying it again: -ESRCH");
    check_eq(domctl(XEN_DOMCTL_getdomaininfo, DOMID_FIRST_RESERVED), -XEN_EINVAL,
             "getdomaininfo of a reserved id is -EINVAL");
}

static void test_new_domain(void)
{
    domid_t id = new_domain();

    if ( !id )
        return;
    test_domaininfolist(2);
    test_memory(id);
    test_pause(id);
    test_vcpus(id);
    test_settings(id);
    test_destroy(id);
    test_domaininfolist(1);
    /* An explicit free id is taken as asked. */
    good_config();
    check_eq(create(42), 0, "createdomain with id 42");
    check_eq(dc.domain, 42, "  gets 42");
    test_destroy(42);
}

void test_main(void)
{
    test_interface();
    test_sysctl_info();
    test_readconsole();
    test_self();
    test_domaininfolist(1);
    test_time_offset();
    test_create_refused();
    test_new_domain();
}
