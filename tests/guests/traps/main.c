/*
 * traps: exceptions reach the handlers named by set_trap_table through
 * 64-bit PV bounce frames, and HYPERVISOR_iret resumes after them.
 *
 * Proves: #UD from ud2, #BP from int3 (a trap: RIP after the instruction),
 * #DE, #GP(0) from a privileged instruction and from a non-canonical
 * access, #PF with the right error code (not-present read/write, write to
 * a read-only page, instruction fetch from an NX page) and the faulting
 * address in vcpu_info.arch.cr2; `int $0x80` from guest kernel mode
 * reaches vector 0x80 whatever DPL the trap table gives it (Xen 4.17; the
 * DPL only matters for user mode, see the user guest); the saved event mask
 * comes back in bits 32-39 of the frame's CS; registers survive a bounce
 * and return.
 */
#include "guest.h"

const char test_name[] = "traps";

static char ro_page[PAGE_SIZE] __aligned(PAGE_SIZE);
static char nx_page[PAGE_SIZE] __aligned(PAGE_SIZE);

#define UNMAPPED_VA 0x0000100000001238UL   /* L4 slot 0: nothing there */

static void expect_fault(uint64_t f, int vector, long ec, const char *what)
{
    if ( !check(fault_happened(f), "%s faults", what) )
        return;
    check_eq(fault_vector(f), vector, what);
    if ( ec >= 0 )
        check_eq(fault_error_code(f), ec, "  its error code");
}

static void test_simple(void)
{
    uint64_t f = 0;

    asm volatile (FAULT_ASM("ud2") : "+a" (f));
    expect_fault(f, X86_EXC_UD, 0, "ud2");
    check_eq(last_fault_cs & 0xffff, FLAT_KERNEL_CS & ~3, "  frame CS: kernel mode, RPL 0");
    check_eq((last_fault_cs >> 32) & 0xff, 1, "  frame CS bits 32-39: events were masked");

    f = 0;
    asm volatile (TRAP_ASM("int3") : "+a" (f));
    expect_fault(f, X86_EXC_BP, 0, "int3");

    f = 0;
    asm volatile ("xor %%edx, %%edx; xor %%ecx, %%ecx\n"
                  FAULT_ASM("div %%rcx") : "+a" (f) : : "rcx", "rdx");
    expect_fault(f, X86_EXC_DE, 0, "divide by zero");

    f = 0;
    asm volatile (FAULT_ASM("hlt") : "+a" (f));
    expect_fault(f, X86_EXC_GP, 0, "hlt in guest kernel mode");

    f = 0;
    asm volatile (FAULT_ASM("mov (%[p]), %%rcx")
                  : "+a" (f) : [p] "r" (0x8000000000000000UL) : "rcx");
    expect_fault(f, X86_EXC_GP, 0, "non-canonical read");

    f = 0;
    asm volatile ("nop\n" : "+a" (f));
    check(!fault_happened(f), "a nop does not fault");
}

static void test_page_faults(void)
{
    uint64_t f = 0;

    asm volatile (FAULT_ASM("mov (%[p]), %%rcx")
                  : "+a" (f) : [p] "r" (UNMAPPED_VA) : "rcx");
    expect_fault(f, X86_EXC_PF, 0, "read of an unmapped address");
    check_eq(last_fault_cr2, UNMAPPED_VA, "  cr2 in vcpu_info");

    f = 0;
    asm volatile (FAULT_ASM("movq $1, (%[p])") : "+a" (f) : [p] "r" (UNMAPPED_VA + 8));
    expect_fault(f, X86_EXC_PF, 2, "write to an unmapped address");
    check_eq(last_fault_cr2, UNMAPPED_VA + 8, "  cr2 in vcpu_info");

    check_eq(set_pte_va(ro_page, (virt_to_mfn(ro_page) << 12) | PAGE_RO_FLAGS, UVMF_INVLPG),
             0, "update_va_mapping makes a page read-only");
    f = 0;
    asm volatile (FAULT_ASM("movb $1, (%[p])") : "+a" (f) : [p] "r" (ro_page + 5));
    expect_fault(f, X86_EXC_PF, 3, "write to a read-only page");
    check_eq(last_fault_cr2, (uint64_t)ro_page + 5, "  cr2 in vcpu_info");

    nx_page[0] = 0xc3;          /* ret, should it ever run */
    check_eq(set_pte_va(nx_page, (virt_to_mfn(nx_page) << 12) | PAGE_RW_FLAGS | _PAGE_NX,
                        UVMF_INVLPG), 0, "update_va_mapping makes a page NX");
    f = 0;
    asm volatile ("lea 1f(%%rip), %%rcx; push %%rcx; jmp *%[p]\n"
                  "1:\n" : "+a" (f) : [p] "r" (nx_page) : "rcx", "memory");
    /* Fetch faults report RIP = the target; handled by the hook below. */
    (void)f;
}

/* An instruction fetch from nx_page: the RIP is nx_page itself. */
static uint64_t nx_fault;
static bool nx_hook(struct guest_regs *regs)
{
    if ( regs->rip != (uint64_t)nx_page )
        return false;
    nx_fault = FAULT_RECORDED | (regs->vector << 32) | regs->error_code;
    regs->rip = *(uint64_t *)regs->rsp;     /* "return" to the pushed label */
    regs->rsp += 8;
    return true;
}

static void test_nx(void)
{
    trap_hook = nx_hook;
    test_page_faults();
    trap_hook = NULL;
    expect_fault(nx_fault, X86_EXC_PF, 0x11, "instruction fetch from an NX page");
    check_eq(last_fault_cr2, (uint64_t)nx_page, "  cr2 in vcpu_info");
}

static uint64_t int80(unsigned int dpl, bool mask_events)
{
    uint64_t f = 0;

    install_trap(0x80, dpl, mask_events);
    asm volatile (TRAP_ASM("int $0x80") : "+a" (f));
    return f;
}

static void test_int80(void)
{
    expect_fault(int80(3, false), 0x80, 0, "int $0x80, DPL 3, from the guest kernel");
    expect_fault(int80(3, true), 0x80, 0, "int $0x80, DPL 3, masking events");
    expect_fault(int80(0, false), 0x80, 0, "int $0x80, DPL 0, from the guest kernel");
    expect_fault(int80(0, true), 0x80, 0, "int $0x80, DPL 0, masking events");
}

/* Callee-visible registers come back unchanged from a bounce and iret. */
static void test_registers_survive(void)
{
    register uint64_t r12 asm("r12") = 0x1212121212121212UL;
    register uint64_t r15 asm("r15") = 0x1515151515151515UL;
    uint64_t f = 0, rbx = 0xb0b0b0b0b0b0b0b0UL, rdx = 0xd0d0d0d0UL;

    asm volatile (FAULT_ASM("ud2")
                  : "+a" (f), "+b" (rbx), "+d" (rdx), "+r" (r12), "+r" (r15));
    check(rbx == 0xb0b0b0b0b0b0b0b0UL && rdx == 0xd0d0d0d0UL &&
          r12 == 0x1212121212121212UL && r15 == 0x1515151515151515UL,
          "rbx, rdx, r12, r15 survive a fault and HYPERVISOR_iret");
}

void test_main(void)
{
    test_simple();
    test_nx();
    test_int80();
    test_registers_survive();
}
