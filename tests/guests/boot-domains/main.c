/*
 * boot-domains: dom0's half of the boot-time launch of several domains
 * (Tessera only: Xen 4.17 cannot start a second domain without a
 * toolstack).  Boot it as dom0 with domu-peer as a second module whose
 * string is "<file> domain mem=16M".
 *
 * Proves: a second domain runs next to dom0 from boot; interdomain event
 * channels work in both directions (dom0 binds the peer's unbound port 1,
 * sends, and polls for the reply on its masked local port) together with
 * a page the peer granted (dom0 maps it, writes its ping there, finds the
 * peer's answer, unmaps; with "unmap-after-peer-exit" on dom0's command
 * line the peer dies first and the unmap comes after its death); binding a
 * port that is not offered to dom0 is refused; VIRQ_DOM_EXC reaches dom0
 * when the peer shuts down; the peer's store page maps by its reserved
 * grant and its store port binds, as a store daemon needs.  With "fifo" on both command lines, both
 * domains run the FIFO event ABI and the same exchange goes over it.
 */
#include "events.h"
#include <xen/grant_table.h>
#include <xen/domctl.h>
#include <xen/hvm/hvm_op.h>
#include <xen/hvm/params.h>

const char test_name[] = "boot-domains";

static long poll_port(evtchn_port_t port)
{
    struct sched_poll poll = { .nr_ports = 1, .timeout = 0 };
    long rc = 0;

    set_xen_guest_handle(poll.ports, &port);
    while ( !port_pending(port) && !rc )
        rc = HYPERVISOR_sched_op(SCHEDOP_poll, &poll);
    return rc;
}

static long store_param(domid_t dom, uint32_t index, uint64_t *value)
{
    struct xen_hvm_param hp = { .domid = dom, .index = index };
    long rc = HYPERVISOR_hvm_op(HVMOP_get_param, &hp);

    *value = hp.value;
    return rc;
}

/*
 * What dom0's tools and store daemon do with a domain the builder made:
 * learn its store page and port from hvm_op get_param, map the page by
 * the reserved grant and bind the port.
 */
static void test_store_channel(void)
{
    struct evtchn_bind_interdomain store = { .remote_dom = 1 };
    uint64_t store_mfn = 0, store_port = 0, v;
    struct evtchn_close close;
    uint64_t scratch_mfn;
    volatile uint64_t *page = zeroed_frame(&scratch_mfn);
    struct gnttab_map_grant_ref map = {
        .host_addr = (unsigned long)page, .flags = GNTMAP_host_map,
        .ref = GNTTAB_RESERVED_XENSTORE, .dom = 1,
    };
    struct gnttab_unmap_grant_ref unmap = { .host_addr = (unsigned long)page };

    check_eq(store_param(1, HVM_PARAM_STORE_PFN, &store_mfn), 0, "the peer's STORE_PFN");
    check_eq(store_param(1, HVM_PARAM_STORE_EVTCHN, &store_port), 0, "the peer's STORE_EVTCHN");
    check_eq(store_port, 1, "  its first port");
    check_eq(store_param(DOMID_SELF, HVM_PARAM_STORE_PFN, &v), -XEN_EINVAL,
             "dom0 has no store parameters (its kernel makes its own ring)");
    check_eq(store_param(77, HVM_PARAM_STORE_PFN, &v), -XEN_ESRCH,
             "a missing domain's are -ESRCH");
    store.remote_port = store_port;
    check_eq(HYPERVISOR_grant_table_op(GNTTABOP_map_grant_ref, &map, 1), 0,
             "map the peer's store page");
    if ( check_eq(map.status, GNTST_okay, "  by its reserved grant") )
    {
        check_eq(map.dev_bus_addr >> 12, store_mfn, "  the frame STORE_PFN named");
        unmap.handle = map.handle;
        HYPERVISOR_grant_table_op(GNTTABOP_unmap_grant_ref, &unmap, 1);
        check_eq(unmap.status, GNTST_okay, "  and unmap it");
    }
    check_eq(HYPERVISOR_event_channel_op(EVTCHNOP_bind_interdomain, &store), 0,
             "bind the peer's store port");
    close.port = store.local_port;
    check_eq(HYPERVISOR_event_channel_op(EVTCHNOP_close, &close), 0, "  and close it");
}

/* Destruction is preemptible: wait until getdomaininfo no longer finds it. */
static bool wait_until_destroyed(domid_t id)
{
    static struct xen_domctl dc;
    unsigned int tries;

    for ( tries = 0; tries < 200000; tries++ )
    {
        memset(&dc, 0, sizeof(dc));
        dc.cmd = XEN_DOMCTL_getdomaininfo;
        dc.interface_version = XEN_DOMCTL_INTERFACE_VERSION;
        dc.domain = id;
        if ( HYPERVISOR_domctl(&dc) || dc.u.getdomaininfo.domain != id )
            return true;
        HYPERVISOR_sched_op(SCHEDOP_yield, NULL);
    }
    return false;
}

void test_main(void)
{
    struct evtchn_bind_virq exc = { .virq = VIRQ_DOM_EXC, .vcpu = 0 };
    /* The peer's port 1 is its store channel (the builder's); 2 is the test's. */
    struct evtchn_bind_interdomain bi = { .remote_dom = 1, .remote_port = 2 };
    struct evtchn_bind_interdomain bad = { .remote_dom = 1, .remote_port = 3 };
    struct evtchn_send send;
    long rc;
    unsigned int tries;

    if ( strstr((const char *)start_info->cmd_line, "fifo") &&
         !check(events_use_fifo(), "switch to the FIFO event ABI") )
        return;
    check_eq(HYPERVISOR_event_channel_op(EVTCHNOP_bind_virq, &exc), 0,
             "bind VIRQ_DOM_EXC");
    port_mask(exc.port);

    /* The peer offers its port 2 once it runs: retry until it has. */
    for ( tries = 0; tries < 100000; tries++ )
    {
        rc = HYPERVISOR_event_channel_op(EVTCHNOP_bind_interdomain, &bi);
        if ( rc != -XEN_EINVAL )
            break;
        HYPERVISOR_sched_op(SCHEDOP_yield, NULL);
    }
    if ( !check_eq(rc, 0, "bind the peer's unbound port 2") )
        return;
    test_store_channel();
    check_eq(HYPERVISOR_event_channel_op(EVTCHNOP_bind_interdomain, &bad), -XEN_EINVAL,
             "a port not offered to us cannot be bound");
    port_mask(bi.local_port);
    /* Binding raises the local port once; start from a clean state. */
    port_clear(bi.local_port);

    /* The peer granted us a page as ref 8 before offering its port. */
    uint64_t scratch_mfn;
    volatile uint64_t *page = zeroed_frame(&scratch_mfn);
    struct gnttab_map_grant_ref map = {
        .host_addr = (unsigned long)page, .flags = GNTMAP_host_map,
        .ref = 8, .dom = 1,
    };
    struct gnttab_unmap_grant_ref unmap = { .host_addr = (unsigned long)page };

    check_eq(HYPERVISOR_grant_table_op(GNTTABOP_map_grant_ref, &map, 1), 0, "map_grant_ref");
    if ( !check_eq(map.status, GNTST_okay, "map the peer's granted page") )
        return;
    page[0] = 0x0dd0cafef00dUL;

    send.port = bi.local_port;
    check_eq(HYPERVISOR_event_channel_op(EVTCHNOP_send, &send), 0, "ping the peer");
    check_eq(poll_port(bi.local_port), 0, "poll for the peer's pong");
    check(port_pending(bi.local_port), "the pong arrived on port %u", bi.local_port);
    check_eq(page[1], 0x5eedfacade42UL, "the peer answered in the shared page");
    unmap.handle = map.handle;
    if ( strstr((const char *)start_info->cmd_line, "unmap-after-peer-exit") )
    {
        /*
         * The peer leaves without waiting: it dies with its page still
         * mapped here, and the unmap that follows must still work (the
         * hypervisor keeps the peer's grant state until then).
         */
        port_clear(bi.local_port);
        check_eq(HYPERVISOR_event_channel_op(EVTCHNOP_send, &send), 0,
                 "tell the peer to leave at once");
        check_eq(poll_port(exc.port), 0, "poll for VIRQ_DOM_EXC");
        check(wait_until_destroyed(1), "the peer is destroyed while we map its page");
        check_eq(page[1], 0x5eedfacade42UL, "the dead peer's page is still ours to read");
        check_eq(HYPERVISOR_grant_table_op(GNTTABOP_unmap_grant_ref, &unmap, 1), 0,
                 "unmap_grant_ref after the peer died");
        check_eq(unmap.status, GNTST_okay, "unmap the dead peer's page");
    }
    else
    {
        check_eq(HYPERVISOR_grant_table_op(GNTTABOP_unmap_grant_ref, &unmap, 1), 0,
                 "unmap_grant_ref");
        check_eq(unmap.status, GNTST_okay, "unmap the peer's page");
        port_clear(bi.local_port);
        check_eq(HYPERVISOR_event_channel_op(EVTCHNOP_send, &send), 0,
                 "tell the peer its page is free");
        check_eq(poll_port(exc.port), 0, "poll for VIRQ_DOM_EXC");
    }
    check(port_pending(exc.port), "VIRQ_DOM_EXC arrived when the peer stopped");
}
