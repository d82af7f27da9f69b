/*
 * Event-channel and time helpers for test guests (see events.h).
 *
 * The upcall arrives through one of the runtime's trap stubs (a vector
 * above 31 pushes no error code, and the event bounce frame has none), so
 * do_trap() hands it to the trap hook installed here.
 */
#include "events.h"
#include "smp.h"

#define EVENT_VECTOR  0x40
#define WORD_BITS     64

volatile struct upcall_log vcpu_upcalls[GUEST_MAX_VCPUS];

static xen_ulong_t bit_of(evtchn_port_t port)
{
    return 1UL << (port % WORD_BITS);
}

/*
 * Once events_use_fifo() succeeds, the port helpers below work on the
 * FIFO event words (one array page: ports below EVENT_WORDS_PER_PAGE)
 * instead of the 2-level bitmaps.  Ports are then only ever polled, never
 * taken off a queue: a masked word only gets PENDING, so clearing that
 * bit is all a poller does.
 */
#define EVENT_WORDS_PER_PAGE  (PAGE_SIZE / sizeof(event_word_t))
static event_word_t *fifo_words;

static event_word_t *fifo_word(evtchn_port_t port)
{
    return &fifo_words[port % EVENT_WORDS_PER_PAGE];
}

bool events_use_fifo(void)
{
    struct evtchn_init_control ic = { .vcpu = 0 };
    struct evtchn_expand_array ea;
    uint64_t cb_mfn, array_mfn;
    unsigned int i;
    event_word_t *words;

    zeroed_frame(&cb_mfn);
    words = zeroed_frame(&array_mfn);
    /* As Linux does: every word starts MASKED, ports are unmasked when bound. */
    for ( i = 0; i < EVENT_WORDS_PER_PAGE; i++ )
        words[i] = 1u << EVTCHN_FIFO_MASKED;
    ic.control_gfn = cb_mfn;     /* a PV guest names frames by MFN */
    ic.offset = 0;
    if ( HYPERVISOR_event_channel_op(EVTCHNOP_init_control, &ic) )
        return false;
    ea.array_gfn = array_mfn;
    if ( HYPERVISOR_event_channel_op(EVTCHNOP_expand_array, &ea) )
        return false;
    fifo_words = words;
    printk("events: FIFO ABI on (control block mfn %#lx, one array page)\n",
           (unsigned long)cb_mfn);
    return true;
}

bool port_pending(evtchn_port_t port)
{
    if ( fifo_words )
        return __atomic_load_n(fifo_word(port), __ATOMIC_SEQ_CST) &
               (1u << EVTCHN_FIFO_PENDING);
    return __atomic_load_n(&shared_info->evtchn_pending[port / WORD_BITS],
                           __ATOMIC_SEQ_CST) & bit_of(port);
}

bool port_masked(evtchn_port_t port)
{
    if ( fifo_words )
        return __atomic_load_n(fifo_word(port), __ATOMIC_SEQ_CST) &
               (1u << EVTCHN_FIFO_MASKED);
    return __atomic_load_n(&shared_info->evtchn_mask[port / WORD_BITS],
                           __ATOMIC_SEQ_CST) & bit_of(port);
}

bool port_selected(evtchn_port_t port)
{
    return (__atomic_load_n(&vcpu0_info()->evtchn_pending_sel, __ATOMIC_SEQ_CST) >>
            (port / WORD_BITS)) & 1;
}

void port_mask(evtchn_port_t port)
{
    if ( fifo_words )
        __atomic_fetch_or(fifo_word(port), 1u << EVTCHN_FIFO_MASKED, __ATOMIC_SEQ_CST);
    else
        __atomic_fetch_or(&shared_info->evtchn_mask[port / WORD_BITS], bit_of(port),
                          __ATOMIC_SEQ_CST);
}

void port_unmask_local(evtchn_port_t port)
{
    if ( fifo_words )
        __atomic_fetch_and(fifo_word(port), ~(1u << EVTCHN_FIFO_MASKED), __ATOMIC_SEQ_CST);
    else
        __atomic_fetch_and(&shared_info->evtchn_mask[port / WORD_BITS], ~bit_of(port),
                           __ATOMIC_SEQ_CST);
}

void port_clear(evtchn_port_t port)
{
    if ( fifo_words )
    {
        __atomic_fetch_and(fifo_word(port), ~(1u << EVTCHN_FIFO_PENDING), __ATOMIC_SEQ_CST);
        return;
    }
    __atomic_fetch_and(&shared_info->evtchn_pending[port / WORD_BITS], ~bit_of(port),
                       __ATOMIC_SEQ_CST);
    __atomic_fetch_and(&vcpu0_info()->evtchn_pending_sel, ~(1UL << (port / WORD_BITS)),
                       __ATOMIC_SEQ_CST);
}

void events_clear_all(void)
{
    unsigned int i;

    for ( i = 0; i < WORD_BITS; i++ )
        __atomic_store_n(&shared_info->evtchn_pending[i], 0, __ATOMIC_SEQ_CST);
    __atomic_store_n(&vcpu0_info()->evtchn_pending_sel, 0, __ATOMIC_SEQ_CST);
    __atomic_store_n(&vcpu0_info()->evtchn_upcall_pending, 0, __ATOMIC_SEQ_CST);
}

/* --- EVTCHNOP wrappers. */

long evtchn_alloc_unbound_to(domid_t dom, domid_t remote)
{
    struct evtchn_alloc_unbound op = { .dom = dom, .remote_dom = remote };
    long rc = HYPERVISOR_event_channel_op(EVTCHNOP_alloc_unbound, &op);

    return rc ?: op.port;
}

long evtchn_bind_interdomain_to(domid_t dom, evtchn_port_t remote_port)
{
    struct evtchn_bind_interdomain op = { .remote_dom = dom, .remote_port = remote_port };
    long rc = HYPERVISOR_event_channel_op(EVTCHNOP_bind_interdomain, &op);

    return rc ?: op.local_port;
}

long evtchn_bind_virq_on(uint32_t virq, uint32_t vcpu)
{
    struct evtchn_bind_virq op = { .virq = virq, .vcpu = vcpu };
    long rc = HYPERVISOR_event_channel_op(EVTCHNOP_bind_virq, &op);

    return rc ?: op.port;
}

long evtchn_bind_ipi_on(uint32_t vcpu)
{
    struct evtchn_bind_ipi op = { .vcpu = vcpu };
    long rc = HYPERVISOR_event_channel_op(EVTCHNOP_bind_ipi, &op);

    return rc ?: op.port;
}

long evtchn_send_port(evtchn_port_t port)
{
    struct evtchn_send op = { .port = port };

    return HYPERVISOR_event_channel_op(EVTCHNOP_send, &op);
}

long evtchn_close_port(evtchn_port_t port)
{
    struct evtchn_close op = { .port = port };

    return HYPERVISOR_event_channel_op(EVTCHNOP_close, &op);
}

long evtchn_unmask_port(evtchn_port_t port)
{
    struct evtchn_unmask op = { .port = port };

    return HYPERVISOR_event_channel_op(EVTCHNOP_unmask, &op);
}

long evtchn_status_of(domid_t dom, evtchn_port_t port, struct evtchn_status *st)
{
    memset(st, 0xa5, sizeof(*st));
    st->dom = dom;
    st->port = port;
    return HYPERVISOR_event_channel_op(EVTCHNOP_status, st);
}

/* --- The event callback. */

static bool event_hook(struct guest_regs *regs)
{
    unsigned int id = this_vcpu_id();
    struct vcpu_info *vi = vcpu_info_of(id);
    volatile struct upcall_log *log = &vcpu_upcalls[id];

    if ( regs->vector != EVENT_VECTOR )
        return false;
    log->count++;
    log->mask_inside = vi->evtchn_upcall_mask;
    log->saved_mask = (regs->cs >> 32) & 0xff;
    /* Acknowledge, or the return to us would bounce the upcall again. */
    vi->evtchn_upcall_pending = 0;
    log->sel |= __atomic_exchange_n(&vi->evtchn_pending_sel, 0, __ATOMIC_SEQ_CST);
    return true;
}

uint64_t event_callback_address(void)
{
    return trap_entry_address(EVENT_VECTOR);
}

void events_callback_init(void)
{
    struct callback_register cb = {
        .type = CALLBACKTYPE_event, .address = trap_entry_address(EVENT_VECTOR),
    };

    trap_hook = event_hook;
    if ( HYPERVISOR_callback_op(CALLBACKOP_register, &cb) )
        panic("cannot register the event callback");
}

void events_kick(void)
{
    HYPERVISOR_xen_version(XENVER_version, NULL);
}

long poll_ports(evtchn_port_t *ports, unsigned int nr, uint64_t timeout)
{
    struct sched_poll p = { .nr_ports = nr, .timeout = timeout };

    set_xen_guest_handle(p.ports, ports);
    return HYPERVISOR_sched_op(SCHEDOP_poll, &p);
}

/* --- Time. */

uint64_t rdtsc(void)
{
    uint32_t lo, hi;

    asm volatile ("lfence; rdtsc" : "=a" (lo), "=d" (hi) :: "memory");
    return ((uint64_t)hi << 32) | lo;
}

uint64_t system_time_ns(void)
{
    /* Each vCPU's record is kept for the CPU it runs on: read our own. */
    volatile struct vcpu_time_info *t = &vcpu_info_of(this_vcpu_id())->time;
    uint32_t version, mul;
    uint64_t stamp, base, delta;
    int8_t shift;

    do {
        version = t->version;
        __atomic_thread_fence(__ATOMIC_SEQ_CST);
        stamp = t->tsc_timestamp;
        base = t->system_time;
        mul = t->tsc_to_system_mul;
        shift = t->tsc_shift;
        delta = rdtsc() - stamp;
        __atomic_thread_fence(__ATOMIC_SEQ_CST);
    } while ( (version & 1) || version != t->version );

    delta = shift >= 0 ? delta << shift : delta >> -shift;
    return base + (uint64_t)(((unsigned __int128)delta * mul) >> 32);
}
