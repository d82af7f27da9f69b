/*
 * evtchn-fifo: the FIFO event ABI as Xen 4.17 runs it for a one-vCPU dom0.
 *
 * Proves: before init_control, expand_array is -EOPNOTSUPP and
 * set_priority -ENOSYS; init_control refuses a missing vCPU (-ENOENT), a
 * block crossing the page end, a misaligned block and a frame that is not
 * ours (-EINVAL), then accepts a block at an aligned offset (link_bits 17)
 * and refuses a second one for the same vCPU (-EINVAL); a port bound and
 * raised under 2-level is carried over and, once expand_array gives it an
 * event word, sits PENDING and LINKED at the head of the default queue
 * (7) with READY bit 7 and upcall_pending set; sends link events behind
 * each other in their queue (the tail's LINK names the next port) and a
 * set_priority(3) port goes to queue 3; priorities above 15 and bad ports
 * are -EINVAL; the upcall is delivered once unmasked; a consumed queue is
 * started again at the head; a MASKED word gets PENDING only, and
 * EVTCHNOP_unmask links it; a guest that scribbles over a linked tail
 * word (junk LINK, BUSY left set) does not stop later sends; last,
 * EVTCHNOP_reset goes back to 2-level, where delivery works again.
 */
#include "events.h"

const char test_name[] = "evtchn-fifo";

#define W_PENDING   (1u << EVTCHN_FIFO_PENDING)
#define W_MASKED    (1u << EVTCHN_FIFO_MASKED)
#define W_LINKED    (1u << EVTCHN_FIFO_LINKED)
#define W_BUSY      (1u << EVTCHN_FIFO_BUSY)
#define CB_OFFSET   64                      /* any 8-byte aligned offset */

static evtchn_fifo_control_block_t *cb;
static event_word_t *words;

static long fifo_op(int cmd, void *arg)
{
    return HYPERVISOR_event_channel_op(cmd, arg);
}

static long set_priority(evtchn_port_t port, uint32_t prio)
{
    struct evtchn_set_priority sp = { .port = port, .priority = prio };

    return fifo_op(EVTCHNOP_set_priority, &sp);
}

static event_word_t word(evtchn_port_t port)
{
    return __atomic_load_n(&words[port], __ATOMIC_SEQ_CST);
}

static bool ready(unsigned int q)
{
    return __atomic_load_n(&cb->ready, __ATOMIC_SEQ_CST) & (1u << q);
}

/*
 * Takes the event at `port` off its queue as a guest does: clear LINKED
 * and LINK in one step and follow the old LINK; READY goes when the
 * queue runs out.  Returns the next port (0: queue empty).
 */
static evtchn_port_t consume(unsigned int q, evtchn_port_t port)
{
    event_word_t old = word(port), new;

    do
        new = old & ~(W_LINKED | W_PENDING | EVTCHN_FIFO_LINK_MASK);
    while ( !__atomic_compare_exchange_n(&words[port], &old, new, false,
                                         __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST) );
    if ( !(old & EVTCHN_FIFO_LINK_MASK) )
        __atomic_fetch_and(&cb->ready, ~(1u << q), __ATOMIC_SEQ_CST);
    return old & EVTCHN_FIFO_LINK_MASK;
}

static void test_before_init(void)
{
    struct evtchn_expand_array ea = { .array_gfn = 0 };

    check_eq(fifo_op(EVTCHNOP_expand_array, &ea), -XEN_EOPNOTSUPP,
             "expand_array before init_control");
    check_eq(set_priority(1, 3), -XEN_ENOSYS, "set_priority under 2-level");
}

static void test_init_control(uint64_t mfn)
{
    struct evtchn_init_control ic = { .control_gfn = mfn, .vcpu = 1 };

    check_eq(fifo_op(EVTCHNOP_init_control, &ic), -XEN_ENOENT, "init_control for vCPU 1");
    ic = (struct evtchn_init_control){ .control_gfn = mfn,
                                       .offset = PAGE_SIZE - sizeof(*cb) + 8 };
    check_eq(fifo_op(EVTCHNOP_init_control, &ic), -XEN_EINVAL,
             "init_control with the block crossing the page end");
    ic = (struct evtchn_init_control){ .control_gfn = mfn, .offset = CB_OFFSET + 4 };
    check_eq(fifo_op(EVTCHNOP_init_control, &ic), -XEN_EINVAL,
             "init_control with a misaligned block");
    ic = (struct evtchn_init_control){ .control_gfn = ~0UL >> 12 };
    check_eq(fifo_op(EVTCHNOP_init_control, &ic), -XEN_EINVAL,
             "init_control of a frame that is not ours");
    ic = (struct evtchn_init_control){ .control_gfn = mfn, .offset = CB_OFFSET };
    check_eq(fifo_op(EVTCHNOP_init_control, &ic), 0, "init_control at offset 64");
    check_eq(ic.link_bits, EVTCHN_FIFO_LINK_BITS, "  link_bits");
    check_eq(fifo_op(EVTCHNOP_init_control, &ic), -XEN_EINVAL,
             "a second control block for vCPU 0");
}

/* Expands the array; the carried-over port is linked at once. */
static void test_expand(evtchn_port_t carried)
{
    struct evtchn_expand_array ea = { .array_gfn = ~0UL >> 12 };
    uint64_t mfn;

    check_eq(fifo_op(EVTCHNOP_expand_array, &ea), -XEN_EINVAL,
             "expand_array with a frame that is not ours");
    words = zeroed_frame(&mfn);
    ea.array_gfn = mfn;
    check_eq(fifo_op(EVTCHNOP_expand_array, &ea), 0, "expand_array");
    check_eq(word(carried), W_PENDING | W_LINKED,
             "the port pending under 2-level: PENDING and LINKED");
    check_eq(cb->head[EVTCHN_FIFO_PRIORITY_DEFAULT], carried, "  head of queue 7");
    check(ready(EVTCHN_FIFO_PRIORITY_DEFAULT), "  READY bit 7");
    check(vcpu0_info()->evtchn_upcall_pending, "  upcall_pending");
    check_eq(consume(EVTCHN_FIFO_PRIORITY_DEFAULT, carried), 0, "  consumed: alone");
    check(!ready(EVTCHN_FIFO_PRIORITY_DEFAULT), "  queue 7 no longer ready");
}

static void test_queues(evtchn_port_t a, evtchn_port_t b, evtchn_port_t hi)
{
    unsigned int before;

    check_eq(set_priority(hi, 3), 0, "set_priority 3");
    check_eq(set_priority(hi, EVTCHN_FIFO_PRIORITY_MIN + 1), -XEN_EINVAL,
             "set_priority 16");
    check_eq(set_priority(NR_2L_PORTS * 8, 3), -XEN_EINVAL, "set_priority of a bad port");

    vcpu0_info()->evtchn_upcall_pending = 0;
    check_eq(evtchn_send_port(a), 0, "send a");
    check_eq(evtchn_send_port(b), 0, "send b");
    check_eq(evtchn_send_port(hi), 0, "send the priority 3 port");
    check_eq(cb->head[EVTCHN_FIFO_PRIORITY_DEFAULT], a, "  a heads queue 7");
    check_eq(word(a), W_PENDING | W_LINKED | b, "  a: PENDING, LINKED, LINK = b");
    check_eq(word(b), W_PENDING | W_LINKED, "  b: PENDING, LINKED, the tail");
    check_eq(cb->head[3], hi, "  queue 3 holds the other port");
    check(ready(3) && ready(EVTCHN_FIFO_PRIORITY_DEFAULT), "  READY bits 3 and 7");
    check(vcpu0_info()->evtchn_upcall_pending, "  upcall_pending");

    before = upcalls.count;
    __atomic_store_n(&vcpu0_info()->evtchn_upcall_mask, 0, __ATOMIC_SEQ_CST);
    events_kick();
    __atomic_store_n(&vcpu0_info()->evtchn_upcall_mask, 1, __ATOMIC_SEQ_CST);
    check_eq(upcalls.count, before + 1, "the upcall is delivered once unmasked");

    check_eq(consume(3, hi), 0, "consume queue 3");
    check_eq(consume(EVTCHN_FIFO_PRIORITY_DEFAULT, a), b, "consume a: next is b");
    check_eq(consume(EVTCHN_FIFO_PRIORITY_DEFAULT, b), 0, "consume b: queue empty");
    check(!ready(3) && !ready(EVTCHN_FIFO_PRIORITY_DEFAULT), "  nothing ready");

    /* The old tail is unlinked: a new event starts the queue again. */
    check_eq(evtchn_send_port(b), 0, "send b again");
    check_eq(cb->head[EVTCHN_FIFO_PRIORITY_DEFAULT], b, "  b heads queue 7 again");
    check(ready(EVTCHN_FIFO_PRIORITY_DEFAULT), "  READY bit 7");
    consume(EVTCHN_FIFO_PRIORITY_DEFAULT, b);
}

static void test_mask(evtchn_port_t p)
{
    __atomic_fetch_or(&words[p], W_MASKED, __ATOMIC_SEQ_CST);
    check_eq(evtchn_send_port(p), 0, "send a masked port");
    check_eq(word(p), W_PENDING | W_MASKED, "  PENDING only");
    check(!ready(EVTCHN_FIFO_PRIORITY_DEFAULT), "  nothing ready");
    check_eq(evtchn_unmask_port(p), 0, "EVTCHNOP_unmask");
    check_eq(word(p), W_PENDING | W_LINKED, "  now linked");
    check_eq(cb->head[EVTCHN_FIFO_PRIORITY_DEFAULT], p, "  at the head of queue 7");
    consume(EVTCHN_FIFO_PRIORITY_DEFAULT, p);
}

/* A hostile guest: junk in the tail word the hypervisor will link from. */
static void test_scribbled(evtchn_port_t a, evtchn_port_t b)
{
    check_eq(evtchn_send_port(a), 0, "send a (the tail)");
    __atomic_store_n(&words[a], W_PENDING | W_LINKED | W_BUSY | EVTCHN_FIFO_LINK_MASK,
                     __ATOMIC_SEQ_CST);
    __atomic_store_n(&cb->head[EVTCHN_FIFO_PRIORITY_DEFAULT], 0xdead, __ATOMIC_SEQ_CST);
    check_eq(evtchn_send_port(b), 0, "send b behind a scribbled tail");
    check_eq(word(a), W_PENDING | W_LINKED | b, "  the tail's LINK rewritten, BUSY gone");
    check(word(b) & W_PENDING, "  b pending");
    __atomic_store_n(&words[a], 0, __ATOMIC_SEQ_CST);
    __atomic_store_n(&words[b], 0, __ATOMIC_SEQ_CST);
    __atomic_store_n(&cb->ready, 0, __ATOMIC_SEQ_CST);
}

static void test_reset(void)
{
    struct evtchn_reset rs = { .dom = DOMID_SELF };
    long i;

    check_eq(fifo_op(EVTCHNOP_reset, &rs), 0, "EVTCHNOP_reset");
    check_eq(set_priority(1, 3), -XEN_ENOSYS, "  back to 2-level: set_priority -ENOSYS");
    events_clear_all();
    i = evtchn_bind_ipi_on(0);
    check(i > 0, "bind_ipi after reset: port %ld", i);
    check_eq(evtchn_send_port(i), 0, "  send");
    check(port_pending(i) && port_selected(i), "  pending in the 2-level bitmaps");
    evtchn_close_port(i);
}

void test_main(void)
{
    evtchn_port_t carried, a, b, hi, m;
    uint64_t mfn;

    events_callback_init();
    __atomic_store_n(&vcpu0_info()->evtchn_upcall_mask, 1, __ATOMIC_SEQ_CST);
    test_before_init();

    carried = evtchn_bind_ipi_on(0);
    check_eq(evtchn_send_port(carried), 0, "send under 2-level");
    cb = (void *)((char *)zeroed_frame(&mfn) + CB_OFFSET);
    test_init_control(mfn);
    test_expand(carried);

    a = evtchn_bind_ipi_on(0);
    b = evtchn_bind_ipi_on(0);
    hi = evtchn_bind_ipi_on(0);
    m = evtchn_bind_ipi_on(0);
    test_queues(a, b, hi);
    test_mask(m);
    test_scribbled(a, b);
    test_reset();
}
