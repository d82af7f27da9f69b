/*
 * Secondary vCPUs: bring-up, per-vCPU data and cross-vCPU calls (smp.h).
 */
#include "smp.h"
#include "events.h"

struct vcpu_data vcpu_data[GUEST_MAX_VCPUS];
bool smp_active;

static unsigned int nr_vcpus = 1;
static evtchn_port_t done_port;      /* IPI to vCPU 0, masked: "a call finished" */
static char vcpu_stacks[GUEST_MAX_VCPUS][VCPU_STACK_SIZE] __aligned(PAGE_SIZE);

void secondary_main(void);

/*
 * Where a new vCPU starts: the context gave it RSP (16-byte aligned top of
 * its stack), GS base and event mask; make the call look like a call.
 */
asm (".text\n"
     ".globl secondary_entry\n"
     "secondary_entry:\n"
     "    cld\n"
     "    xor %ebp, %ebp\n"
     "    call secondary_main\n"
     "    ud2\n");
extern char secondary_entry[];

static void vcpu_data_init(unsigned int n)
{
    struct vcpu_data *d = &vcpu_data[n];

    d->self = d;
    d->id = n;
    d->info = vcpu_info_of(n);
}

unsigned int smp_nr_vcpus(void)
{
    return nr_vcpus;
}

unsigned int smp_init(void)
{
    long port;

    vcpu_data_init(0);
    if ( HYPERVISOR_set_segment_base(SEGBASE_GS_KERNEL, (unsigned long)&vcpu_data[0]) )
        panic("cannot set vCPU 0's GS base");
    smp_active = true;
    events_callback_init();
    while ( nr_vcpus < GUEST_MAX_VCPUS &&
            HYPERVISOR_vcpu_op(VCPUOP_is_up, nr_vcpus, NULL) >= 0 )
        nr_vcpus++;
    /* Masked: it only ends vCPU 0's polls, never raises an upcall. */
    port = evtchn_bind_ipi_on(0);
    if ( port < 0 )
        panic("bind_ipi(vCPU 0): %ld", port);
    done_port = port;
    port_mask(done_port);
    return nr_vcpus;
}

void smp_build_context(unsigned int n, struct vcpu_guest_context *ctx)
{
    unsigned int v;

    memset(ctx, 0, sizeof(*ctx));
    ctx->flags = VGCF_in_kernel;
    ctx->user_regs.rip = (unsigned long)secondary_entry;
    ctx->user_regs.rsp = (unsigned long)vcpu_stacks[n + 1];
    ctx->user_regs.cs = FLAT_KERNEL_CS;
    ctx->user_regs.ss = FLAT_KERNEL_SS;
    /* The vCPU starts with its event mask set (see smp_prepare). */
    ctx->user_regs.rflags = 0x2;
    /* Indexed by vector, unlike set_trap_table's list. */
    for ( v = 0; v < 32; v++ )
    {
        ctx->trap_ctxt[v].vector = v;
        ctx->trap_ctxt[v].flags = (v == X86_EXC_BP || v == X86_EXC_OF) ? 3 : 0;
        ctx->trap_ctxt[v].cs = FLAT_KERNEL_CS;
        ctx->trap_ctxt[v].address = trap_entry_address(v);
    }
    /* No GDT of our own: the hypervisor's flat selectors are enough. */
    ctx->kernel_ss = FLAT_KERNEL_SS;
    ctx->kernel_sp = ctx->user_regs.rsp;
    ctx->ctrlreg[3] = virt_to_mfn((void *)start_info->pt_base) << 12;
    ctx->event_callback_eip = event_callback_address();
    /* Any failsafe bounce is a bug: let do_trap() report it. */
    ctx->failsafe_callback_eip = trap_entry_address(0xff);
    ctx->gs_base_kernel = (unsigned long)&vcpu_data[n];
}

long smp_prepare(unsigned int n)
{
    long port;

    if ( n == 0 || n >= GUEST_MAX_VCPUS )
        return -XEN_EINVAL;
    vcpu_data_init(n);
    if ( !vcpu_data[n].call_port )
    {
        port = evtchn_bind_ipi_on(n);
        if ( port < 0 )
            return port;
        vcpu_data[n].call_port = port;
        port_mask(port);
    }
    /* As Linux does: no upcall before the vCPU has set itself up. */
    vcpu_info_of(n)->evtchn_upcall_mask = 1;
    return 0;
}

static bool time_left(uint64_t deadline)
{
    return system_time_ns() < deadline;
}

bool wait_flag(volatile unsigned int *flag, unsigned int want, uint64_t timeout_ns)
{
    uint64_t deadline = system_time_ns() + timeout_ns;

    while ( __atomic_load_n(flag, __ATOMIC_ACQUIRE) != want )
    {
        if ( !time_left(deadline) )
            return false;
        asm volatile ("pause");
    }
    return true;
}

long smp_wait_online(unsigned int n, uint64_t timeout_ns)
{
    uint64_t deadline = system_time_ns() + timeout_ns;

    while ( !__atomic_load_n(&vcpu_data[n].online, __ATOMIC_ACQUIRE) )
    {
        if ( !time_left(deadline) )
            return -XEN_ETIMEDOUT;
        HYPERVISOR_sched_op(SCHEDOP_yield, NULL);
    }
    return 0;
}

long smp_bring_up(unsigned int n)
{
    static struct vcpu_guest_context ctx;    /* 5 KiB: not on the stack */
    long rc;

    rc = smp_prepare(n);
    if ( rc )
        return rc;
    smp_build_context(n, &ctx);
    rc = HYPERVISOR_vcpu_op(VCPUOP_initialise, n, &ctx);
    if ( rc )
        return rc;
    rc = HYPERVISOR_vcpu_op(VCPUOP_up, n, NULL);
    if ( rc )
        return rc;
    return smp_wait_online(n, SMP_TIMEOUT_NS);
}

/* Clears a masked port's pending bit: masked ports never touch selectors. */
static void clear_pending(evtchn_port_t port)
{
    __atomic_fetch_and(&shared_info->evtchn_pending[port / 64], ~(1UL << (port % 64)),
                       __ATOMIC_SEQ_CST);
}

/*
 * A secondary vCPU's life: unmask upcalls, then run calls as they come.
 * The pending bit is cleared before the queue is looked at, so a call
 * queued after the look leaves the port pending and the poll returns.
 */
void secondary_main(void)
{
    struct vcpu_data *d = this_vcpu();
    evtchn_port_t port = d->call_port;

    __atomic_store_n(&d->online, true, __ATOMIC_RELEASE);
    __atomic_store_n(&d->info->evtchn_upcall_mask, 0, __ATOMIC_SEQ_CST);
    for ( ;; )
    {
        unsigned int seq;

        clear_pending(port);
        seq = __atomic_load_n(&d->call_seq, __ATOMIC_ACQUIRE);
        if ( seq != d->done_seq )
        {
            d->call_fn(d->call_arg);
            __atomic_store_n(&d->done_seq, seq, __ATOMIC_RELEASE);
            evtchn_send_port(done_port);
            continue;
        }
        poll_ports(&port, 1, 0);
    }
}

void smp_call_async(unsigned int n, void (*fn)(void *), void *arg)
{
    struct vcpu_data *d = &vcpu_data[n];

    d->call_fn = fn;
    d->call_arg = arg;
    __atomic_store_n(&d->call_seq, d->call_seq + 1, __ATOMIC_RELEASE);
    evtchn_send_port(d->call_port);
}

long smp_wait(unsigned int n, uint64_t timeout_ns)
{
    struct vcpu_data *d = &vcpu_data[n];
    uint64_t deadline = system_time_ns() + timeout_ns;

    for ( ;; )
    {
        clear_pending(done_port);
        if ( __atomic_load_n(&d->done_seq, __ATOMIC_ACQUIRE) == d->call_seq )
            return 0;
        if ( !time_left(deadline) )
            return -XEN_ETIMEDOUT;
        poll_ports(&done_port, 1, deadline);
    }
}

long smp_call(unsigned int n, void (*fn)(void *), void *arg)
{
    smp_call_async(n, fn, arg);
    return smp_wait(n, SMP_TIMEOUT_NS);
}
