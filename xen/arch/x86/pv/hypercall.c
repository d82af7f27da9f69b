/*
 * The hypercall table and the 64-bit PV calling convention.
 *
 * A guest kernel executes SYSCALL with the hypercall number in RAX and up
 * to six arguments in RDI, RSI, RDX, R10, R8, R9; the result comes back in
 * RAX.  RCX and R11 are lost (SYSCALL uses them), as on Xen.  Guests built
 * for a hypercall page reach the same entry through its stubs.
 */
#include <xen/errno.h>
#include <xen/event.h>
#include <xen/grant_table.h>
#include <xen/hypercall.h>
#include <xen/lib.h>
#include <xen/param.h>
#include <xen/softirq.h>
#include <xen/smp.h>
#include <xen/sched.h>
#include <asm/current.h>
#include <asm/pv.h>

#define HC(fn) ((hypercall_fn_t)(void (*)(void))(fn))

static long do_iret_wrapper(void)
{
    return in_multicall() ? -EINVAL : do_iret();
}

static const hypercall_fn_t hypercall_table[64] = {
    [__HYPERVISOR_set_trap_table]       = HC(do_set_trap_table),
    [__HYPERVISOR_mmu_update]           = HC(do_mmu_update),
    [__HYPERVISOR_set_gdt]              = HC(do_set_gdt),
    [__HYPERVISOR_stack_switch]         = HC(do_stack_switch),
    [__HYPERVISOR_set_callbacks]        = HC(do_set_callbacks),
    [__HYPERVISOR_fpu_taskswitch]       = HC(do_fpu_taskswitch),
    [__HYPERVISOR_sched_op_compat]      = HC(do_sched_op_compat),
    [__HYPERVISOR_platform_op]          = HC(do_platform_op),
    [__HYPERVISOR_set_debugreg]         = HC(do_set_debugreg),
    [__HYPERVISOR_get_debugreg]         = HC(do_get_debugreg),
    [__HYPERVISOR_update_descriptor]    = HC(do_update_descriptor),
    [__HYPERVISOR_memory_op]            = HC(do_memory_op),
    [__HYPERVISOR_multicall]            = HC(do_multicall),
    [__HYPERVISOR_update_va_mapping]    = HC(do_update_va_mapping),
    [__HYPERVISOR_set_timer_op]         = HC(do_set_timer_op),
    [__HYPERVISOR_xen_version]          = HC(do_xen_version),
    [__HYPERVISOR_console_io]           = HC(do_console_io),
    [__HYPERVISOR_grant_table_op]       = HC(do_grant_table_op),
    [__HYPERVISOR_vm_assist]            = HC(do_vm_assist),
    [__HYPERVISOR_update_va_mapping_otherdomain] =
                                          HC(do_update_va_mapping_otherdomain),
    [__HYPERVISOR_iret]                 = HC(do_iret_wrapper),
    [__HYPERVISOR_vcpu_op]              = HC(do_vcpu_op),
    [__HYPERVISOR_set_segment_base]     = HC(do_set_segment_base),
    [__HYPERVISOR_mmuext_op]            = HC(do_mmuext_op),
    [__HYPERVISOR_sched_op]             = HC(do_sched_op),
    [__HYPERVISOR_callback_op]          = HC(do_callback_op),
    [__HYPERVISOR_physdev_op]           = HC(do_physdev_op),
    [__HYPERVISOR_sysctl]               = HC(do_sysctl),
    [__HYPERVISOR_domctl]               = HC(do_domctl),
    [__HYPERVISOR_event_channel_op]     = HC(do_event_channel_op),
    [__HYPERVISOR_hvm_op]               = HC(do_hvm_op),
    [__HYPERVISOR_arch_0]               = HC(do_mca),     /* mca */
};

hypercall_fn_t hypercall_lookup(unsigned long op)
{
    if ( op >= ARRAY_SIZE(hypercall_table) )
        return NULL;
    /* The bounds check must hold under speculation too. */
    op &= -(unsigned long)(op < ARRAY_SIZE(hypercall_table));
    return hypercall_table[op];
}

/* One bit per (op, sub-op) already reported; sub-ops above 63 share a bit. */
static unsigned long logged_unknown[64];

void hypercall_log_unknown(unsigned long op, unsigned long subop)
{
    unsigned long bit = 1UL << (subop < 63 ? subop : 63);
    unsigned long slot = op;

    if ( slot >= ARRAY_SIZE(logged_unknown) )
    {
        slot = ARRAY_SIZE(logged_unknown) - 1;
        bit = 1UL << 63;
    }
    if ( __atomic_fetch_or(&logged_unknown[slot], bit, __ATOMIC_RELAXED) & bit )
        return;
    printk("d%u: unimplemented hypercall %lu sub-op %lu: returning -ENOSYS\n",
           current->domain->domain_id, op, subop);
}

bool hypercall_preempt_check(void)
{
    return !in_multicall() && softirq_pending(smp_processor_id());
}

long hypercall_continue(unsigned long op, unsigned int nargs, ...)
{
    struct cpu_user_regs *regs = guest_cpu_user_regs();
    unsigned long *slots[] = { &regs->rdi, &regs->rsi, &regs->rdx,
                               &regs->r10, &regs->r8, &regs->r9 };
    va_list args;
    unsigned int i;

    va_start(args, nargs);
    for ( i = 0; i < nargs && i < ARRAY_SIZE(slots); i++ )
        *slots[i] = va_arg(args, unsigned long);
    va_end(args);
    regs->rip -= 2;                     /* back onto the SYSCALL */
    return op;                          /* lands in RAX: the number again */
}

/* `hypercall-trace=N`: log the first N hypercalls (bring-up of new guests). */
static unsigned int opt_hypercall_trace;
integer_param("hypercall-trace", opt_hypercall_trace);

void pv_hypercall(struct cpu_user_regs *regs)
{
    unsigned long op = regs->rax, a1 = regs->rdi, a2 = regs->rsi;
    hypercall_fn_t fn = hypercall_lookup(op);

    if ( !fn )
    {
        hypercall_log_unknown(op, 0);
        regs->rax = -ENOSYS;
        return;
    }
    regs->rax = fn(regs->rdi, regs->rsi, regs->rdx, regs->r10, regs->r8,
                   regs->r9);
    if ( unlikely(opt_hypercall_trace) )
    {
        opt_hypercall_trace--;
        printk("d%u hypercall %lu (%#lx, %#lx) = %ld from %#lx\n",
               current->domain->domain_id, op, a1, a2, (long)regs->rax,
               regs->rcx);
    }
}
