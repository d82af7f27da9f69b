/*
 * Per-CPU state reachable from the stack pointer.
 *
 * Each CPU owns a STACK_SIZE-aligned block of STACK_SIZE bytes:
 *   page 0      guard below the IST stacks
 *   page 1..3   IST stacks for #DF, NMI, #MC
 *   page 4      guard below the primary stack
 *   page 5..7   the primary stack, with struct cpu_info at its very top
 * Because the IST stacks sit in the same block, get_cpu_info() works from
 * any context, including a double fault.  The guard pages are unmapped
 * (stack_guards_unmap(), once the final page tables exist), so a stack that
 * overflows faults instead of overwriting its neighbour; the #PF cannot be
 * pushed on that stack, so it becomes a #DF, which runs on its IST stack
 * and reports the overflow.  The primary stack is 12 KiB less cpu_info;
 * no hypervisor function needs more than a few KiB of frame.
 */
#ifndef ASM_X86_CURRENT_H
#define ASM_X86_CURRENT_H

#include <asm/config.h>

#define CPU_INFO_SIZE       512     /* reserved at the top of each stack block */
#define STACK_IST_PAGE(n)   (n)     /* IST n uses page n of the block */
#define STACK_IST_GUARD_PAGE 0
#define STACK_GUARD_PAGE    4
#define STACK_PRIMARY_PAGE  5

#ifndef __ASSEMBLER__
#include <xen/types.h>
#include <public/xen.h>             /* struct cpu_user_regs */

struct vcpu;

/*
 * guest_cpu_user_regs comes first and TSS.rsp0 points just past its ss
 * field, so an interrupt or exception from ring 3 pushes the hardware frame
 * straight into it and the entry stub completes it in place: a guest's
 * registers are always at one fixed address per CPU.  The syscall entry
 * builds the same frame by hand.
 */
struct cpu_info {
    /*
     * In 64-bit mode the CPU aligns RSP down to 16 bytes before pushing an
     * interrupt frame, even one on the TSS.rsp0 stack: the end of the
     * hardware frame (&guest_cpu_user_regs.es, 8 mod 16 from a 16-byte
     * aligned struct) must itself be 16-byte aligned, or every frame from
     * ring 3 lands 8 bytes low and code reading the fixed frame (context
     * switch, HYPERVISOR_iret) sees each register one slot off.
     */
    unsigned long frame_align_pad;
    struct cpu_user_regs guest_cpu_user_regs;
    unsigned int processor_id;      /* logical CPU number */
    unsigned long stack_block;      /* base of this CPU's stack block */
    struct vcpu *current_vcpu;      /* what runs here: a guest or the idle vCPU */
    uint32_t fixup_error_code;      /* of the last fault an extable fixup took */
};

static inline struct cpu_info *get_cpu_info(void)
{
    unsigned long sp;

    __asm__ ("mov %%rsp, %0" : "=r"(sp));
    return (struct cpu_info *)(((sp | (STACK_SIZE - 1)) + 1) - CPU_INFO_SIZE);
}

static inline unsigned int smp_processor_id(void)
{
    return get_cpu_info()->processor_id;
}

static inline struct cpu_user_regs *guest_cpu_user_regs(void)
{
    return &get_cpu_info()->guest_cpu_user_regs;
}

#define current (get_cpu_info()->current_vcpu)

/* Where TSS.rsp0 points: the end of the hardware part of the guest frame. */
static inline unsigned long guest_frame_top(struct cpu_info *ci)
{
    _Static_assert(((CPU_INFO_SIZE - offsetof(struct cpu_info, guest_cpu_user_regs.es)) & 15)
                   == 0, "TSS.rsp0 must be 16-byte aligned (see struct cpu_info)");
    _Static_assert(sizeof(struct cpu_info) <= CPU_INFO_SIZE, "cpu_info outgrew its space");
    return (unsigned long)&ci->guest_cpu_user_regs.es;
}

static inline unsigned long stack_block_of(unsigned long sp)
{
    return sp & ~(STACK_SIZE - 1);
}

/* Whether va lies in a guard page of the stack block at `block`. */
static inline bool in_stack_guard(unsigned long block, unsigned long va)
{
    unsigned long page = (va - block) >> PAGE_SHIFT;

    return va >= block && (page == STACK_IST_GUARD_PAGE || page == STACK_GUARD_PAGE);
}

/* Unmaps the guard pages of a stack block (arch/x86/mm/paging.c). */
void stack_guards_unmap(unsigned long block);
#endif

#endif /* ASM_X86_CURRENT_H */
