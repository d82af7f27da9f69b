/*
 * iret-gp: a return to the guest that the CPU refuses becomes a #GP for
 * the guest at the frame that failed, as Xen 4.17 delivers it (Linux then
 * signals the task that made its selector unusable).
 *
 * The bad return: a kernel-mode HYPERVISOR_iret whose CS names an LDT
 * descriptor while no LDT is loaded.  Its RIP is an instruction wrapped in
 * FAULT_ASM, so the runtime's #GP handler records the fault and resumes
 * after it.  Proves: the #GP arrives (vector 13, error code the LDT
 * selector's, 0xc) with the failed frame's RIP and CS (RPL cleared, as for
 * every kernel-mode frame) on the stack the frame named, and the
 * registers the IRET does not restore keep their values (the hypervisor
 * saved them again after its own IRET faulted: regression test, they were
 * clobbered by the fault's frame).
 */
#include "guest.h"

const char test_name[] = "iret-gp";

static struct iret_context frame __aligned(16);
static char scratch_stack[1024] __aligned(16);
unsigned long resume_rsp __attribute__((used));
unsigned long gp_rsp __attribute__((used));
void bad_return_target(void);

/* Returns the fault record; r12..r15 come back as they were put in. */
static uint64_t bad_return(unsigned long *r12_out, unsigned long *r15_out)
{
    uint64_t fault;
    unsigned long r12, r15;

    asm volatile (
        "push %%rbx\n push %%rbp\n"
        "mov %%rsp, resume_rsp(%%rip)\n"
        "mov $0x1212121212, %%r12\n"
        "mov $0x1515151515, %%r15\n"
        "mov %[frame], %%rsp\n"
        "mov %[nr], %%eax\n"
        "syscall\n"
        "ud2\n"
        ".globl bad_return_target\n"
        "bad_return_target:\n"
        FAULT_ASM("nop")
        "mov %%rsp, gp_rsp(%%rip)\n"
        "mov resume_rsp(%%rip), %%rsp\n"
        "pop %%rbp\n pop %%rbx\n"
        "mov %%r12, %[r12]\n mov %%r15, %[r15]\n"
        : "=a" (fault), [r12] "=m" (r12), [r15] "=m" (r15)
        : [frame] "r" (&frame), [nr] "i" (__HYPERVISOR_iret)
        : "rcx", "rdx", "rsi", "rdi", "r8", "r9", "r10", "r11", "r12", "r13",
          "r14", "r15", "memory", "cc");
    *r12_out = r12;
    *r15_out = r15;
    return fault;
}

void test_main(void)
{
    unsigned long top = (unsigned long)(scratch_stack + sizeof(scratch_stack));
    unsigned long r12, r15;
    uint64_t fault;

    /* The fault lands on the FAULT_ASM instruction (rax = frame.rax = 0). */
    frame.rip = (unsigned long)bad_return_target;
    frame.cs = 0x000c;                  /* an LDT selector, no LDT loaded */
    frame.rflags = 0x202;
    frame.rsp = top;
    frame.ss = FLAT_KERNEL_SS;
    printk("iret-gp: returning to CS 0x000c (an LDT selector, no LDT)\n");
    fault = bad_return(&r12, &r15);

    check_eq(fault_vector(fault), X86_EXC_GP, "the refused return raised #GP in the guest");
    check_eq(fault_error_code(fault), 0xc, "  error code: the selector");
    check_eq(last_fault_rip, frame.rip, "  at the failed frame's RIP");
    check_eq(last_fault_cs & 0xffff, 0x000c, "  with its CS, RPL cleared");
    check(gp_rsp <= top && gp_rsp > top - 512,
          "  on the stack the frame named (resumed at %#lx, top %#lx)", gp_rsp, top);
    check_eq(r12, 0x1212121212, "  R12 kept");
    check_eq(r15, 0x1515151515, "  R15 kept");
}
