/*
 * domu-peer: the unprivileged half of the boot-domains test (Tessera's
 * boot-time launch of several domains; Xen 4.17 has no x86 equivalent).
 *
 * Proves, from inside a domain launched at boot next to dom0: start_info
 * says "not privileged, not the initial domain"; the domain's privileged
 * operations are refused (machine_memory_map, another domain's
 * reservation, XENVER_commandline, domctl on dom0 or itself, sysctl:
 * -EPERM, while a domctl on a domain that does not exist is -ESRCH, since
 * Xen looks the domain up before the permission gate); another domain's
 * frames cannot be mapped, read-only or writable, nor their M2P entries
 * changed; the domain cannot grow past its memory limit; an unbound port
 * for dom0 is created and a page granted to dom0 (ref 8),
 * and once dom0 binds it, an event sent by dom0 arrives (seen by
 * SCHEDOP_poll on the masked port) and one sent back reaches dom0.
 * Ending the run shuts the domain down, which dom0 sees as VIRQ_DOM_EXC.
 * The platform, as Xen 4.17 keeps it from a domU: platform_op and the
 * machine-check hypercall are -EPERM (a wrong platform_op interface
 * version still -EACCES: Xen checks it first); the CMOS clock ports read
 * all ones even with I/O privilege; firmware (the BIOS area at 0xF0000),
 * the IO-APIC and local APIC pages cannot be mapped (-EPERM); exchanging
 * dom0's memory is -EPERM.  With "fifo" on its command line the event
 * exchange runs over the FIFO ABI.  The builder gave the domain a store
 * page (zeroed, granted to dom0 as GNTTAB_RESERVED_XENSTORE) and a store
 * port unbound for dom0, as Xen's toolstack does.
 */
#include "events.h"
#include <xen/grant_table.h>
#include <xen/domctl.h>
#include <xen/sysctl.h>
#include <xen/platform.h>
#include <xen/arch-x86/xen-mca.h>
#include <xen/hvm/hvm_op.h>
#include <xen/hvm/params.h>

const char test_name[] = "domu-peer";

/* The domain got all its memory at build time: its limit allows no more. */
static void test_memory_limit(void)
{
    domid_t self = DOMID_SELF;
    xen_pfn_t extent = 0;
    struct xen_memory_reservation r = {
        .nr_extents = 1, .extent_order = 0, .domid = DOMID_SELF,
    };
    long cur = HYPERVISOR_memory_op(XENMEM_current_reservation, &self);

    check_eq(cur, HYPERVISOR_memory_op(XENMEM_maximum_reservation, &self),
             "current reservation is at the maximum");
    set_xen_guest_handle(r.extent_start, &extent);
    check_eq(HYPERVISOR_memory_op(XENMEM_increase_reservation, &r), 0,
             "no extent beyond the domain's limit");
    check_eq(HYPERVISOR_memory_op(XENMEM_current_reservation, &self), cur,
             "the reservation did not grow");
}

static void test_unprivileged(void)
{
    struct xen_memory_map map = { .nr_entries = 0 };
    domid_t dom0 = 0;
    char cmdline[1024];

    check(!(start_info->flags & (SIF_PRIVILEGED | SIF_INITDOMAIN)),
          "a boot domain is neither privileged nor initial (flags %#x)",
          start_info->flags);
    check_eq(HYPERVISOR_memory_op(XENMEM_machine_memory_map, &map), -XEN_EPERM,
             "machine_memory_map is for dom0 only");
    check_eq(HYPERVISOR_memory_op(XENMEM_current_reservation, &dom0), -XEN_EPERM,
             "another domain's reservation is refused");
    check_eq(HYPERVISOR_xen_version(XENVER_commandline, cmdline), -XEN_EPERM,
             "the hypervisor command line is for dom0 only");
    test_memory_limit();
}

/*
 * Another domain's frame: the M2P (readable by all) says which frames some
 * domain uses; one whose number our own P2M does not give back is not
 * ours.  Mapping it, read-only or writable, and rewriting its M2P entry
 * must all be refused: nothing of dom0 may leak into this domain.
 */
static void test_foreign_frame(void)
{
    struct xen_machphys_mapping mm;
    uint64_t mfn, max, pfn, scratch_mfn;
    void *scratch;
    struct mmu_update u;

    if ( !check_eq(HYPERVISOR_memory_op(XENMEM_machphys_mapping, &mm), 0,
                   "machphys_mapping") )
        return;
    max = mm.max_mfn;
    for ( mfn = 0x100; mfn <= max; mfn++ )
    {
        pfn = mfn_to_pfn(mfn);
        if ( pfn == ~0UL || (pfn < start_info->nr_pages && pfn_to_mfn(pfn) == mfn) )
            continue;
        if ( pfn < (1UL << 40) )
            break;
    }
    if ( !check(mfn <= max, "found a frame another domain uses (mfn %#lx)",
                (unsigned long)mfn) )
        return;
    scratch = zeroed_frame(&scratch_mfn);
    check_eq(set_pte_va(scratch, (mfn << 12) | PAGE_RO_FLAGS | _PAGE_NX, UVMF_INVLPG),
             -XEN_EINVAL, "mapping another domain's frame read-only is refused");
    check_eq(set_pte_va(scratch, (mfn << 12) | PAGE_RW_FLAGS | _PAGE_NX, UVMF_INVLPG),
             -XEN_EINVAL, "mapping it writable is refused");
    u.ptr = (mfn << 12) | MMU_MACHPHYS_UPDATE;
    u.val = 0;
    check_eq(HYPERVISOR_mmu_update(&u, 1, NULL, DOMID_SELF), -XEN_EINVAL,
             "rewriting its M2P entry is refused");
    check_eq(*(volatile uint64_t *)scratch, 0, "our scratch page still maps our own frame");
}

static struct xen_domctl dc;
static struct xen_sysctl sc;

static long domctl_on(uint32_t cmd, domid_t dom)
{
    memset(&dc, 0, sizeof(dc));
    dc.cmd = cmd;
    dc.interface_version = XEN_DOMCTL_INTERFACE_VERSION;
    dc.domain = dom;
    return HYPERVISOR_domctl(&dc);
}

static void test_control_refused(void)
{
    check_eq(domctl_on(XEN_DOMCTL_getdomaininfo, 0), -XEN_EPERM,
             "domctl getdomaininfo of dom0 is refused");
    check_eq(domctl_on(XEN_DOMCTL_pausedomain, 0), -XEN_EPERM, "domctl pausedomain of dom0");
    check_eq(domctl_on(XEN_DOMCTL_destroydomain, 0), -XEN_EPERM, "domctl destroydomain of dom0");
    /* The first boot domain after dom0 is domain 1: ourselves. */
    check_eq(domctl_on(XEN_DOMCTL_max_mem, 1), -XEN_EPERM, "domctl max_mem of itself");
    check_eq(domctl_on(XEN_DOMCTL_createdomain, 0), -XEN_EPERM, "domctl createdomain");
    check_eq(domctl_on(XEN_DOMCTL_pausedomain, 30000), -XEN_ESRCH,
             "domctl on a missing domain: -ESRCH before the gate");
    memset(&sc, 0, sizeof(sc));
    sc.cmd = XEN_SYSCTL_physinfo;
    sc.interface_version = XEN_SYSCTL_INTERFACE_VERSION;
    check_eq(HYPERVISOR_sysctl(&sc), -XEN_EPERM, "sysctl physinfo is refused");
    check_eq(sc.u.physinfo.nr_cpus, 0, "  and reports nothing");
    sc.cmd = XEN_SYSCTL_readconsole;
    check_eq(HYPERVISOR_sysctl(&sc), -XEN_EPERM, "sysctl readconsole is refused");
}

/*
 * A page granted to dom0 as ref 8: dom0 maps it, leaves a word in it with
 * its ping, and finds our answer there with the pong.
 */
#define SHARED_GREF     8
#define PING_WORD       0x0dd0cafef00dUL
#define PONG_WORD       0x5eedfacade42UL
static volatile uint64_t *shared_page;

static bool grant_page_to_dom0(void)
{
    struct gnttab_setup_table st = { .dom = DOMID_SELF, .nr_frames = 1 };
    grant_entry_v1_t *gtab;
    xen_pfn_t frame;
    uint64_t mfn;

    set_xen_guest_handle(st.frame_list, &frame);
    if ( !check_eq(HYPERVISOR_grant_table_op(GNTTABOP_setup_table, &st, 1), 0,
                   "grant table set up") || !check_eq(st.status, GNTST_okay, "status") )
        return false;
    gtab = map_frame(frame, PAGE_RW_FLAGS | _PAGE_NX);
    shared_page = zeroed_frame(&mfn);
    gtab[SHARED_GREF].frame = mfn;
    gtab[SHARED_GREF].domid = 0;
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
    gtab[SHARED_GREF].flags = GTF_permit_access;
    return true;
}

static void test_ping_pong(void)
{
    struct evtchn_alloc_unbound au = { .dom = DOMID_SELF, .remote_dom = 0 };
    struct sched_poll poll = { .nr_ports = 1, .timeout = 0 };
    struct evtchn_send send;
    long rc;

    if ( strstr((const char *)start_info->cmd_line, "fifo") &&
         !check(events_use_fifo(), "switch to the FIFO event ABI") )
        return;
    if ( !grant_page_to_dom0() )
        return;
    rc = HYPERVISOR_event_channel_op(EVTCHNOP_alloc_unbound, &au);
    check_eq(rc, 0, "alloc_unbound for dom0");
    check_eq(au.port, start_info->store_evtchn + 1,
             "our first port follows the store channel the builder made");
    /* Events stay masked: polling must see them anyway. */
    port_mask(au.port);
    set_xen_guest_handle(poll.ports, &au.port);
    while ( !port_pending(au.port) )
    {
        rc = HYPERVISOR_sched_op(SCHEDOP_poll, &poll);
        if ( !check_eq(rc, 0, "SCHEDOP_poll on the masked port") )
            return;
    }
    printk("ping from dom0 received on port %u\n", au.port);
    check_eq(shared_page[0], PING_WORD, "dom0 wrote its ping into the granted page");
    shared_page[1] = PONG_WORD;
    port_clear(au.port);
    send.port = au.port;
    check_eq(HYPERVISOR_event_channel_op(EVTCHNOP_send, &send), 0, "pong to dom0");
    /* Stay until dom0 has unmapped our page: then our death leaves nothing behind. */
    while ( !port_pending(au.port) )
        if ( !check_eq(HYPERVISOR_sched_op(SCHEDOP_poll, &poll), 0,
                       "SCHEDOP_poll for dom0's goodbye") )
            return;
    port_clear(au.port);
}

/*
 * The builder gave us a store page and port, as Xen's toolstack does: the
 * page one of our own frames, zeroed (an empty ring), granted to dom0 as
 * GNTTAB_RESERVED_XENSTORE; the port unbound and offered to dom0.
 */
static void test_store_page(void)
{
    uint64_t mfn = start_info->store_mfn, pfn = mfn_to_pfn(mfn);
    struct evtchn_status st = { .dom = DOMID_SELF, .port = start_info->store_evtchn };
    struct gnttab_setup_table gs = { .dom = DOMID_SELF, .nr_frames = 1 };
    const volatile uint64_t *page;
    grant_entry_v1_t *gtab;
    xen_pfn_t frame;
    unsigned int i, nonzero = 0;

    if ( !check(mfn && pfn < start_info->nr_pages && pfn_to_mfn(pfn) == mfn,
                "start_info names a store page of ours (mfn %#lx, pfn %#lx)",
                (unsigned long)mfn, (unsigned long)pfn) )
        return;
    page = map_frame(mfn, PAGE_RO_FLAGS | _PAGE_NX);
    for ( i = 0; i < PAGE_SIZE / 8; i++ )
        nonzero += page[i] != 0;
    check_eq(nonzero, 0, "  the store page starts zeroed (an empty ring)");
    check(start_info->store_evtchn != 0, "start_info names a store port (%u)",
          start_info->store_evtchn);
    check_eq(HYPERVISOR_event_channel_op(EVTCHNOP_status, &st), 0, "  its status");
    check_eq(st.status, EVTCHNSTAT_unbound, "  unbound");
    check_eq(st.u.unbound.dom, 0, "  offered to dom0");
    set_xen_guest_handle(gs.frame_list, &frame);
    if ( !check_eq(HYPERVISOR_grant_table_op(GNTTABOP_setup_table, &gs, 1), 0,
                   "grant table set up") )
        return;
    gtab = map_frame(frame, PAGE_RO_FLAGS | _PAGE_NX);
    check_eq(gtab[GNTTAB_RESERVED_XENSTORE].flags, GTF_permit_access,
             "the reserved store grant permits access");
    check_eq(gtab[GNTTAB_RESERVED_XENSTORE].domid, 0, "  to dom0");
    check_eq(gtab[GNTTAB_RESERVED_XENSTORE].frame, mfn, "  of the store page");

    /* The same two facts through hvm_op, which dom0's tools use. */
    {
        struct xen_hvm_param hp = { .domid = DOMID_SELF, .index = HVM_PARAM_STORE_PFN };

        check_eq(HYPERVISOR_hvm_op(HVMOP_get_param, &hp), 0, "get_param(STORE_PFN)");
        check_eq(hp.value, mfn, "  is the store page's MFN");
        hp.index = HVM_PARAM_STORE_EVTCHN;
        check_eq(HYPERVISOR_hvm_op(HVMOP_get_param, &hp), 0, "get_param(STORE_EVTCHN)");
        check_eq(hp.value, start_info->store_evtchn, "  is the store port");
        hp.index = HVM_PARAM_CONSOLE_PFN;
        check_eq(HYPERVISOR_hvm_op(HVMOP_get_param, &hp), -XEN_EINVAL,
                 "other parameters are -EINVAL");
        hp = (struct xen_hvm_param){ .domid = 0, .index = HVM_PARAM_STORE_PFN };
        check_eq(HYPERVISOR_hvm_op(HVMOP_get_param, &hp), -XEN_EPERM,
                 "dom0's parameters are not ours to read");
        check_eq(HYPERVISOR_hvm_op(HVMOP_set_param, &hp), -XEN_EINVAL, "set_param is -EINVAL");
    }
}

static struct xen_platform_op pop;
static struct xen_mc mc;
static char window[PAGE_SIZE] __aligned(PAGE_SIZE);

static void test_platform_refused(void)
{
    struct physdev_set_iopl iopl = { .iopl = 1 };
    struct xen_memory_exchange ex = { .nr_exchanged = 0 };
    xen_pfn_t frame = 0;
    uint8_t v;

    pop.cmd = XENPF_get_cpuinfo;
    pop.interface_version = XENPF_INTERFACE_VERSION;
    check_eq(hypercall1(__HYPERVISOR_platform_op, &pop), -XEN_EPERM, "platform_op is refused");
    pop.cmd = XENPF_settime64;
    check_eq(hypercall1(__HYPERVISOR_platform_op, &pop), -XEN_EPERM, "  settime64 too");
    pop.interface_version = 0;
    check_eq(hypercall1(__HYPERVISOR_platform_op, &pop), -XEN_EACCES,
             "  a wrong interface version is -EACCES first");
    mc.cmd = XEN_MC_physcpuinfo;
    mc.interface_version = XEN_MCA_INTERFACE_VERSION;
    check_eq(hypercall1(__HYPERVISOR_mca, &mc), -XEN_EPERM, "the mca hypercall is refused");

    check_eq(HYPERVISOR_physdev_op(PHYSDEVOP_set_iopl, &iopl), 0, "set_iopl(1)");
    asm volatile ("outb %b1, $0x70; inb $0x71, %b0" : "=a" (v) : "a" (0x0b));
    check_eq(v, 0xff, "the CMOS clock reads all ones");
    asm volatile ("outb %b1, $0x70; inb $0x71, %b0" : "=a" (v) : "a" (0x00));
    check_eq(v, 0xff, "  (seconds too)");
    iopl.iopl = 0;
    HYPERVISOR_physdev_op(PHYSDEVOP_set_iopl, &iopl);

    check_eq(set_pte_va(window, (0xf0UL << 12) | PAGE_RO_FLAGS | _PAGE_NX, UVMF_INVLPG),
             -XEN_EPERM, "the BIOS area cannot be mapped");
    check_eq(set_pte_va(window, (0xfec00UL << 12) | PAGE_RO_FLAGS | _PAGE_NX, UVMF_INVLPG),
             -XEN_EPERM, "nor the IO-APIC page");
    check_eq(set_pte_va(window, (0xfee00UL << 12) | PAGE_RO_FLAGS | _PAGE_NX, UVMF_INVLPG),
             -XEN_EPERM, "nor the local APIC page");

    ex.in.nr_extents = ex.out.nr_extents = 1;
    ex.in.domid = ex.out.domid = 0;
    set_xen_guest_handle(ex.in.extent_start, &frame);
    set_xen_guest_handle(ex.out.extent_start, &frame);
    check_eq(HYPERVISOR_memory_op(XENMEM_exchange, &ex), -XEN_EPERM,
             "exchanging dom0's memory is refused");
}

void test_main(void)
{
    test_store_page();
    test_unprivileged();
    test_platform_refused();
    test_foreign_frame();
    test_control_refused();
    test_ping_pong();
}
