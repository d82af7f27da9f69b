/*
 * evtchn: event channels of the 2-level ABI, as Xen 4.17 runs them for a
 * one-vCPU dom0.
 *
 * Proves: alloc_unbound to ourselves plus bind_interdomain to ourselves
 * give a working loop (binding marks the new local port pending; a send on
 * one end sets the other end's pending bit, its selector word and
 * upcall_pending); with an event callback registered the upcall is bounced
 * on the next return to the guest once evtchn_upcall_mask is clear, and
 * not while it is set; a masked port gets its pending bit only, and
 * EVTCHNOP_unmask re-raises it (selector + upcall), but only if the port
 * really was masked; status reports closed/unbound/interdomain/virq/ipi
 * with their fields; closing one end returns the peer to unbound and
 * clears the closed port's pending bit; a closed port cannot be sent to,
 * closed again or rebound; bind_virq refuses a second bind (-EEXIST), an
 * unknown VIRQ (-EINVAL), a global VIRQ on a vCPU other than 0 (-EINVAL)
 * and a missing vCPU (-ENOENT); bind_vcpu moves only global VIRQs and
 * interdomain/unbound ports; port numbers beyond the allocated range,
 * beyond the 2-level ABI or port 0 are refused (-EINVAL); unknown domains
 * are -ESRCH; SCHEDOP_poll returns at once on a pending port, sleeps until
 * its timeout, wakes when a masked port is raised by a timer, and refuses
 * bad pointers (-EFAULT), too many ports and bad ports (-EINVAL, but a
 * pending port met first wins); a dom0 gets every port the 2-level ABI has
 * (4095, then -ENOSPC).  Last, FIFO: init_control is accepted (bad vCPU
 * -ENOENT, bad offsets -EINVAL, link_bits 17, a second block for the same
 * vCPU -EINVAL); a hypervisor answering every FIFO op with -ENOSYS (which
 * Linux takes as "use 2-level") is accepted too, all or nothing -- the
 * evtchn-fifo guest requires FIFO.  EVTCHNOP_reset then closes every port
 * and returns to 2-level, after which 2-level delivery works.
 */
#include "events.h"

const char test_name[] = "evtchn";

#define DOMID_NONE_SUCH 77                  /* no such domain exists */
#define UNMAPPED_VA     0x0000100000004560UL
#define PORT_UNALLOCATED 3000               /* below 4096, past the first buckets */

static void check_status(evtchn_port_t port, uint32_t status, uint32_t vcpu,
                         const char *what)
{
    struct evtchn_status st;

    if ( !check_eq(evtchn_status_of(DOMID_SELF, port, &st), 0, what) )
        return;
    check_eq(st.status, status, "  its status");
    check_eq(st.vcpu, vcpu, "  its vCPU");
}

static void check_interdomain(evtchn_port_t port, evtchn_port_t peer)
{
    struct evtchn_status st;

    evtchn_status_of(DOMID_SELF, port, &st);
    check(st.status == EVTCHNSTAT_interdomain && st.u.interdomain.dom == 0 &&
          st.u.interdomain.port == peer,
          "port %u is interdomain to d0 port %u (status %u, d%u port %u)",
          port, peer, st.status, st.u.interdomain.dom, st.u.interdomain.port);
}

static void set_upcall_mask(uint8_t m)
{
    __atomic_store_n(&vcpu0_info()->evtchn_upcall_mask, m, __ATOMIC_SEQ_CST);
}

/* Loop-back delivery and the upcall. */
static void test_loopback(void)
{
    struct evtchn_status st;
    long a, b, rc;
    unsigned int before;

    a = evtchn_alloc_unbound_to(DOMID_SELF, DOMID_SELF);
    if ( !check(a > 0, "alloc_unbound to ourselves: port %ld", a) )
        return;
    evtchn_status_of(DOMID_SELF, a, &st);
    check(st.status == EVTCHNSTAT_unbound && st.u.unbound.dom == 0,
          "  unbound, waiting for d0 (status %u, dom %u)", st.status, st.u.unbound.dom);
    check_eq(evtchn_send_port(a), 0, "a send on an unbound port is dropped");
    check(!port_pending(a), "  and marks nothing");

    b = evtchn_bind_interdomain_to(DOMID_SELF, a);
    if ( !check(b > 0 && b != a, "bind_interdomain to our own port %ld: port %ld", a, b) )
        return;
    check(port_pending(b), "binding marks the new local port pending");
    check_interdomain(a, b);
    check_interdomain(b, a);
    check_eq(evtchn_bind_interdomain_to(DOMID_SELF, a), -XEN_EINVAL,
             "a bound port cannot be bound again");

    /* Send with the upcall masked: the state is set, nothing is bounced. */
    events_callback_init();
    events_clear_all();
    before = upcalls.count;
    check_eq(evtchn_send_port(a), 0, "send a -> b");
    check(port_pending(b) && !port_pending(a), "  b is pending, a is not");
    check(port_selected(b), "  b's selector word is set");
    check_eq(vcpu0_info()->evtchn_upcall_pending, 1, "  upcall_pending");
    events_kick();
    check_eq(upcalls.count, before, "no upcall while evtchn_upcall_mask is set");

    set_upcall_mask(0);
    events_kick();
    set_upcall_mask(1);
    check_eq(upcalls.count, before + 1, "one upcall once the mask is clear");
    check_eq(upcalls.mask_inside, 1, "  the callback runs with events masked");
    check_eq(upcalls.saved_mask, 0, "  the frame saves the clear mask");
    check(upcalls.sel & (1UL << (b / 64)), "  the handler found b's selector word");

    check_eq(evtchn_send_port(b), 0, "send b -> a");
    check(port_pending(a), "  a is pending");

    /* A masked port: pending only; EVTCHNOP_unmask re-raises it. */
    events_clear_all();
    port_mask(b);
    evtchn_send_port(a);
    check(port_pending(b) && !port_selected(b) && !vcpu0_info()->evtchn_upcall_pending,
          "a masked port gets its pending bit only");
    set_upcall_mask(0);
    before = upcalls.count;
    events_kick();
    check_eq(upcalls.count, before, "  and no upcall");
    rc = evtchn_unmask_port(b);
    set_upcall_mask(1);
    check_eq(rc, 0, "EVTCHNOP_unmask");
    check(!port_masked(b), "  clears the mask bit");
    check_eq(upcalls.count, before + 1, "  and raises the upcall at once");
    check(upcalls.sel & (1UL << (b / 64)), "  with b's selector word");

    /* Unmask of a port that is not masked re-raises nothing (Xen 4.17). */
    events_clear_all();
    evtchn_send_port(a);
    port_clear(b);
    __atomic_store_n(&shared_info->evtchn_pending[b / 64], 1UL << (b % 64), __ATOMIC_SEQ_CST);
    vcpu0_info()->evtchn_upcall_pending = 0;
    check_eq(evtchn_unmask_port(b), 0, "unmask of an unmasked pending port");
    check(!port_selected(b) && !vcpu0_info()->evtchn_upcall_pending,
          "  raises nothing (only a masked port is re-raised)");

    /* Close one end. */
    check(port_pending(b), "b is pending before close");
    check_eq(evtchn_close_port(b), 0, "close b");
    check(!port_pending(b), "  clears b's pending bit");
    check_status(b, EVTCHNSTAT_closed, 0, "status of closed b");
    evtchn_status_of(DOMID_SELF, a, &st);
    check(st.status == EVTCHNSTAT_unbound && st.u.unbound.dom == 0,
          "  a is back to unbound for d0 (status %u)", st.status);
    check_eq(evtchn_send_port(b), -XEN_EINVAL, "send on closed b");
    check_eq(evtchn_close_port(b), -XEN_EINVAL, "close of closed b");
    check_eq(evtchn_unmask_port(b), 0, "unmask of closed b (a valid port number)");
    check_eq(evtchn_send_port(a), 0, "send on a, unbound again");
    check_eq(evtchn_close_port(a), 0, "close a");
    port_unmask_local(b);
    events_clear_all();
}

static void test_virq_ipi(void)
{
    struct evtchn_bind_vcpu bv;
    struct evtchn_status st;
    long t, d, c, i;

    t = evtchn_bind_virq_on(VIRQ_TIMER, 0);
    check(t > 0, "bind VIRQ_TIMER on vCPU 0: port %ld", t);
    evtchn_status_of(DOMID_SELF, t, &st);
    check(st.status == EVTCHNSTAT_virq && st.u.virq == VIRQ_TIMER && st.vcpu == 0,
          "  status virq %u on vCPU %u", st.u.virq, st.vcpu);
    check_eq(evtchn_bind_virq_on(VIRQ_TIMER, 0), -XEN_EEXIST, "bind VIRQ_TIMER twice");
    check_eq(evtchn_bind_virq_on(VIRQ_TIMER, 1), -XEN_ENOENT, "VIRQ_TIMER on missing vCPU 1");
    check_eq(evtchn_bind_virq_on(VIRQ_TIMER, 0x10000), -XEN_ENOENT, "VIRQ_TIMER on vCPU 65536");
    check_eq(evtchn_bind_virq_on(NR_VIRQS, 0), -XEN_EINVAL, "bind VIRQ 24");
    check_eq(evtchn_bind_virq_on(~0U, 0), -XEN_EINVAL, "bind VIRQ 0xffffffff");
    d = evtchn_bind_virq_on(VIRQ_DEBUG, 0);
    check(d > 0, "bind VIRQ_DEBUG (per vCPU): port %ld", d);
    c = evtchn_bind_virq_on(VIRQ_CONSOLE, 0);
    check(c > 0, "bind VIRQ_CONSOLE (global): port %ld", c);
    check_eq(evtchn_bind_virq_on(VIRQ_CONSOLE, 1), -XEN_EINVAL,
             "a global VIRQ on vCPU 1 (checked before the vCPU exists)");
    check_eq(evtchn_bind_virq_on(VIRQ_CONSOLE, 0), -XEN_EEXIST, "bind VIRQ_CONSOLE twice");
    check_eq(evtchn_send_port(t), -XEN_EINVAL, "send on a VIRQ port");

    bv = (struct evtchn_bind_vcpu){ .port = t, .vcpu = 0 };
    check_eq(HYPERVISOR_event_channel_op(EVTCHNOP_bind_vcpu, &bv), -XEN_EINVAL,
             "bind_vcpu of per-vCPU VIRQ_TIMER");
    bv = (struct evtchn_bind_vcpu){ .port = d, .vcpu = 0 };
    check_eq(HYPERVISOR_event_channel_op(EVTCHNOP_bind_vcpu, &bv), -XEN_EINVAL,
             "bind_vcpu of per-vCPU VIRQ_DEBUG");
    bv = (struct evtchn_bind_vcpu){ .port = c, .vcpu = 0 };
    check_eq(HYPERVISOR_event_channel_op(EVTCHNOP_bind_vcpu, &bv), 0,
             "bind_vcpu of global VIRQ_CONSOLE to vCPU 0");
    bv = (struct evtchn_bind_vcpu){ .port = c, .vcpu = 1 };
    check_eq(HYPERVISOR_event_channel_op(EVTCHNOP_bind_vcpu, &bv), -XEN_ENOENT,
             "bind_vcpu to missing vCPU 1");

    i = evtchn_bind_ipi_on(0);
    check(i > 0, "bind_ipi on vCPU 0: port %ld", i);
    check_status(i, EVTCHNSTAT_ipi, 0, "status of the IPI port");
    check_eq(evtchn_bind_ipi_on(1), -XEN_ENOENT, "bind_ipi on missing vCPU 1");
    bv = (struct evtchn_bind_vcpu){ .port = i, .vcpu = 0 };
    check_eq(HYPERVISOR_event_channel_op(EVTCHNOP_bind_vcpu, &bv), -XEN_EINVAL,
             "bind_vcpu of an IPI port");
    events_clear_all();
    check_eq(evtchn_send_port(i), 0, "send on the IPI port");
    check(port_pending(i) && port_selected(i) && vcpu0_info()->evtchn_upcall_pending,
          "  raises our own port");

    check_eq(evtchn_close_port(t), 0, "close VIRQ_TIMER");
    t = evtchn_bind_virq_on(VIRQ_TIMER, 0);
    check(t > 0, "  then VIRQ_TIMER can be bound again: port %ld", t);
    evtchn_close_port(t);
    evtchn_close_port(d);
    evtchn_close_port(c);
    evtchn_close_port(i);
    events_clear_all();
}

static void test_bad_ports(void)
{
    static const evtchn_port_t bad[] = { PORT_UNALLOCATED, NR_2L_PORTS, 0x7fffffff, ~0U };
    struct evtchn_bind_vcpu bv;
    struct evtchn_status st;
    long p, q;
    unsigned int i;

    for ( i = 0; i < ARRAY_SIZE(bad); i++ )
    {
        printk("port %#x:\n", bad[i]);
        check_eq(evtchn_send_port(bad[i]), -XEN_EINVAL, "  send");
        check_eq(evtchn_close_port(bad[i]), -XEN_EINVAL, "  close");
        check_eq(evtchn_unmask_port(bad[i]), -XEN_EINVAL, "  unmask");
        check_eq(evtchn_status_of(DOMID_SELF, bad[i], &st), -XEN_EINVAL, "  status");
        bv = (struct evtchn_bind_vcpu){ .port = bad[i], .vcpu = 0 };
        check_eq(HYPERVISOR_event_channel_op(EVTCHNOP_bind_vcpu, &bv), -XEN_EINVAL,
                 "  bind_vcpu");
        check_eq(evtchn_bind_interdomain_to(DOMID_SELF, bad[i]), -XEN_EINVAL,
                 "  bind_interdomain");
    }
    check_eq(evtchn_close_port(0), -XEN_EINVAL, "close port 0 (reserved)");
    check_eq(evtchn_send_port(0), -XEN_EINVAL, "send on port 0");
    check_status(0, EVTCHNSTAT_closed, 0, "status of port 0");

    check_eq(evtchn_alloc_unbound_to(DOMID_NONE_SUCH, 0), -XEN_ESRCH,
             "alloc_unbound in a missing domain");
    check_eq(evtchn_bind_interdomain_to(DOMID_NONE_SUCH, 1), -XEN_ESRCH,
             "bind_interdomain to a missing domain");
    check_eq(evtchn_status_of(DOMID_NONE_SUCH, 1, &st), -XEN_ESRCH,
             "status in a missing domain");

    p = evtchn_alloc_unbound_to(DOMID_SELF, DOMID_NONE_SUCH);
    check(p > 0, "alloc_unbound for another (even missing) domain: port %ld", p);
    evtchn_status_of(DOMID_SELF, p, &st);
    check(st.status == EVTCHNSTAT_unbound && st.u.unbound.dom == DOMID_NONE_SUCH,
          "  offered to d%u", st.u.unbound.dom);
    check_eq(evtchn_bind_interdomain_to(DOMID_SELF, p), -XEN_EINVAL,
             "a port offered to another domain cannot be bound");
    bv = (struct evtchn_bind_vcpu){ .port = p, .vcpu = 0 };
    check_eq(HYPERVISOR_event_channel_op(EVTCHNOP_bind_vcpu, &bv), 0,
             "bind_vcpu of an unbound port");
    check_eq(evtchn_close_port(p), 0, "close it");
    check_status(p, EVTCHNSTAT_closed, 0, "its status");
    q = evtchn_bind_ipi_on(0);
    check_eq(q, p, "the lowest free port is reused");
    evtchn_close_port(q);

    check_eq(HYPERVISOR_event_channel_op(99, &st), -XEN_ENOSYS, "unknown EVTCHNOP");
    check_eq(HYPERVISOR_event_channel_op(EVTCHNOP_send, (void *)HYPERVISOR_VIRT_START),
             -XEN_EFAULT, "send with an argument in the hypervisor's range");
    check_eq(HYPERVISOR_event_channel_op(EVTCHNOP_alloc_unbound, (void *)UNMAPPED_VA),
             -XEN_EFAULT, "alloc_unbound with an unmapped argument");
}

static void test_poll(void)
{
    struct vcpu_set_singleshot_timer sst = { 0 };
    evtchn_port_t ports[2];
    struct sched_poll sp;
    uint64_t t0, dt;
    long i, t, rc;

    i = evtchn_bind_ipi_on(0);
    t = evtchn_bind_virq_on(VIRQ_TIMER, 0);
    if ( !check(i > 0 && t > 0, "ports for polling: ipi %ld, timer %ld", i, t) )
        return;
    /* Xen starts a 10 ms periodic tick for PV vCPUs; stop it, as Linux does. */
    check_eq(HYPERVISOR_vcpu_op(VCPUOP_stop_periodic_timer, 0, NULL), 0,
             "stop the periodic timer");
    port_mask(i);
    port_mask(t);
    events_clear_all();
    ports[0] = i;

    evtchn_send_port(i);
    t0 = system_time_ns();
    rc = poll_ports(ports, 1, t0 + 5000000000UL);
    dt = system_time_ns() - t0;
    check_eq(rc, 0, "poll on a pending (masked) port");
    check(dt < 500000000UL, "  returns at once (%lu us)", dt / 1000);

    port_clear(i);
    t0 = system_time_ns();
    rc = poll_ports(ports, 1, t0 + 20000000UL);
    dt = system_time_ns() - t0;
    check_eq(rc, 0, "poll with a 20 ms timeout");
    check(dt >= 19000000UL && dt < 2000000000UL, "  sleeps until the timeout (%lu us)",
          dt / 1000);
    check(!port_pending(i), "  and the port is still not pending");

    t0 = system_time_ns();
    check_eq(poll_ports(ports, 1, 1), 0, "poll with a timeout in the past");
    check(system_time_ns() - t0 < 500000000UL, "  returns at once");

    ports[0] = t;
    port_clear(t);
    t0 = system_time_ns();
    sst.timeout_abs_ns = t0 + 30000000UL;
    check_eq(HYPERVISOR_vcpu_op(VCPUOP_set_singleshot_timer, 0, &sst), 0,
             "one-shot timer in 30 ms");
    rc = poll_ports(ports, 1, t0 + 5000000000UL);
    dt = system_time_ns() - t0;
    check_eq(rc, 0, "poll on the masked VIRQ_TIMER port");
    check(dt >= 29000000UL && dt < 2000000000UL, "  wakes when the timer fires (%lu us)",
          dt / 1000);
    check(port_pending(t), "  with the port pending");
    check(!port_selected(t) && !vcpu0_info()->evtchn_upcall_pending,
          "  but no selector or upcall (the port is masked)");

    /* Argument checks. */
    ports[0] = i;
    ports[1] = PORT_UNALLOCATED;
    evtchn_send_port(i);
    check_eq(poll_ports(ports, 2, 1), 0,
             "poll [pending, bad port]: the pending port is met first");
    port_clear(i);
    check_eq(poll_ports(ports, 2, 1), -XEN_EINVAL, "poll [idle, bad port]");
    ports[0] = NR_2L_PORTS;
    check_eq(poll_ports(ports, 1, 1), -XEN_EINVAL, "poll port 4096");
    check_eq(poll_ports(ports, 129, 1), -XEN_EINVAL, "poll 129 ports");
    check_eq(poll_ports((evtchn_port_t *)HYPERVISOR_VIRT_START, 1, 1), -XEN_EFAULT,
             "poll with the port list in the hypervisor's range");
    check_eq(poll_ports((evtchn_port_t *)UNMAPPED_VA, 1, 1), -XEN_EFAULT,
             "poll with an unmapped port list");
    check_eq(HYPERVISOR_sched_op(SCHEDOP_poll, (void *)UNMAPPED_VA), -XEN_EFAULT,
             "poll with an unmapped sched_poll");
    sp = (struct sched_poll){ .nr_ports = 0, .timeout = system_time_ns() + 10000000UL };
    set_xen_guest_handle(sp.ports, ports);
    check_eq(HYPERVISOR_sched_op(SCHEDOP_poll, &sp), 0, "poll no ports, 10 ms");

    evtchn_close_port(i);
    evtchn_close_port(t);
    port_unmask_local(i);
    port_unmask_local(t);
    events_clear_all();
}

/* A dom0 has all 4096 ports of the 2-level ABI (Xen: max_evtchn_port -1). */
static void test_port_limit(void)
{
    long p, last = 0, n = 0;
    evtchn_port_t q;

    for ( ; ; )
    {
        p = evtchn_alloc_unbound_to(DOMID_SELF, DOMID_SELF);
        if ( p < 0 || n > NR_2L_PORTS )
            break;
        last = p;
        n++;
    }
    check_eq(p, -XEN_ENOSPC, "alloc_unbound until the ports run out");
    check_eq(last, NR_2L_PORTS - 1, "  the last port given is 4095");
    printk("  %ld ports allocated\n", n);
    check_eq(evtchn_bind_ipi_on(0), -XEN_ENOSPC, "bind_ipi with no port left");
    check_eq(evtchn_bind_virq_on(VIRQ_DEBUG, 0), -XEN_ENOSPC, "bind_virq with no port left");
    for ( q = 1; q < NR_2L_PORTS; q++ )
        evtchn_close_port(q);
    check_eq(evtchn_alloc_unbound_to(DOMID_SELF, DOMID_SELF), 1,
             "after closing them all, port 1 is free again");
    evtchn_close_port(1);
}

static void test_fifo_and_reset(void)
{
    struct evtchn_init_control ic = { .vcpu = 99 };
    struct evtchn_expand_array ea = { 0 };
    struct evtchn_set_priority sp = { .port = 1, .priority = 3 };
    struct evtchn_reset rs = { .dom = DOMID_SELF };
    struct evtchn_status st;
    uint64_t mfn;
    long rc, i, u;

    i = evtchn_bind_ipi_on(0);
    u = evtchn_alloc_unbound_to(DOMID_SELF, DOMID_SELF);
    zeroed_frame(&mfn);
    rc = HYPERVISOR_event_channel_op(EVTCHNOP_init_control, &ic);
    if ( rc == -XEN_ENOSYS )
    {
        printk("FIFO ABI not offered\n");
        ic = (struct evtchn_init_control){ .control_gfn = mfn };
        check_eq(HYPERVISOR_event_channel_op(EVTCHNOP_init_control, &ic), -XEN_ENOSYS,
                 "init_control of a valid block: -ENOSYS too");
        check_eq(HYPERVISOR_event_channel_op(EVTCHNOP_expand_array, &ea), -XEN_ENOSYS,
                 "expand_array: -ENOSYS");
        check_eq(HYPERVISOR_event_channel_op(EVTCHNOP_set_priority, &sp), -XEN_ENOSYS,
                 "set_priority: -ENOSYS");
    }
    else
    {
        printk("FIFO ABI offered\n");
        check_eq(rc, -XEN_ENOENT, "init_control for missing vCPU 99");
        ic = (struct evtchn_init_control){ .control_gfn = mfn, .offset = PAGE_SIZE - 8 };
        check_eq(HYPERVISOR_event_channel_op(EVTCHNOP_init_control, &ic), -XEN_EINVAL,
                 "init_control with the block crossing the page end");
        ic = (struct evtchn_init_control){ .control_gfn = mfn, .offset = 4 };
        check_eq(HYPERVISOR_event_channel_op(EVTCHNOP_init_control, &ic), -XEN_EINVAL,
                 "init_control with a misaligned block");
        ic = (struct evtchn_init_control){ .control_gfn = mfn };
        check_eq(HYPERVISOR_event_channel_op(EVTCHNOP_init_control, &ic), 0,
                 "init_control of a valid block");
        check_eq(ic.link_bits, 17, "  link_bits");
        check_eq(HYPERVISOR_event_channel_op(EVTCHNOP_init_control, &ic), -XEN_EINVAL,
                 "a second control block for vCPU 0");
    }

    check_eq(HYPERVISOR_event_channel_op(EVTCHNOP_reset, &rs), 0, "EVTCHNOP_reset");
    check_status(i, EVTCHNSTAT_closed, 0, "  closed the IPI port");
    check_status(u, EVTCHNSTAT_closed, 0, "  closed the unbound port");
    rs.dom = DOMID_NONE_SUCH;
    check_eq(HYPERVISOR_event_channel_op(EVTCHNOP_reset, &rs), -XEN_ESRCH,
             "reset of a missing domain");

    /* 2-level delivery works after the reset. */
    events_clear_all();
    i = evtchn_bind_ipi_on(0);
    check(i > 0, "bind_ipi after reset: port %ld", i);
    check_eq(evtchn_send_port(i), 0, "  send");
    check(port_pending(i) && port_selected(i), "  pending in the 2-level bitmaps");
    check_eq(evtchn_status_of(DOMID_SELF, i, &st), 0, "  status");
    evtchn_close_port(i);
}

void test_main(void)
{
    test_loopback();
    test_virq_ipi();
    test_bad_ports();
    test_poll();
    test_port_limit();
    test_fifo_and_reset();
}
