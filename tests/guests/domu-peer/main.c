/*
 * domu-peer: the unprivileged half of the boot-domains test (Tessera's
 * boot-time launch of several domains; Xen 4.17 has no x86 equivalent).
 *
 * Proves, from inside a domain launched at boot next to dom0: start_info
 * says "not privileged, not the initial domain"; the domain's privileged
 * operations are refused (machine_memory_map, another domain's
 * reservation, XENVER_commandline); an unbound port for dom0 is created,
 * and once dom0 binds it, an event sent by dom0 arrives (seen by
 * SCHEDOP_poll on the masked port) and one sent back reaches dom0.
 * Ending the run shuts the domain down, which dom0 sees as VIRQ_DOM_EXC.
 */
#include "guest.h"
#include <xen/event_channel.h>

const char test_name[] = "domu-peer";

static bool port_pending(evtchn_port_t port)
{
    return (shared_info->evtchn_pending[port / 64] >> (port % 64)) & 1;
}

static void clear_pending(evtchn_port_t port)
{
    __atomic_fetch_and(&shared_info->evtchn_pending[port / 64],
                       ~(1UL << (port % 64)), __ATOMIC_SEQ_CST);
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
}

static void test_ping_pong(void)
{
    struct evtchn_alloc_unbound au = { .dom = DOMID_SELF, .remote_dom = 0 };
    struct sched_poll poll = { .nr_ports = 1, .timeout = 0 };
    struct evtchn_send send;
    long rc;

    rc = HYPERVISOR_event_channel_op(EVTCHNOP_alloc_unbound, &au);
    check_eq(rc, 0, "alloc_unbound for dom0");
    check_eq(au.port, 1, "the first port a domain allocates is 1");
    /* Events stay masked: polling must see them anyway. */
    shared_info->evtchn_mask[0] |= 1UL << au.port;
    set_xen_guest_handle(poll.ports, &au.port);
    while ( !port_pending(au.port) )
    {
        rc = HYPERVISOR_sched_op(SCHEDOP_poll, &poll);
        if ( !check_eq(rc, 0, "SCHEDOP_poll on the masked port") )
            return;
    }
    printk("ping from dom0 received on port %u\n", au.port);
    clear_pending(au.port);
    send.port = au.port;
    check_eq(HYPERVISOR_event_channel_op(EVTCHNOP_send, &send), 0, "pong to dom0");
}

void test_main(void)
{
    test_unprivileged();
    test_ping_pong();
}
