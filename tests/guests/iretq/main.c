/*
 * iretq: a same-privilege IRETQ executed by the guest itself (not the
 * HYPERVISOR_iret hypercall), as Linux does in sync_core().
 *
 * PV guests run in ring 3, so such an IRETQ returns from ring 3 to ring 3.
 * QEMU's TCG reads the IRET frame with supervisor rights, which SMAP
 * refuses; a hypervisor running with SMAP must complete the instruction
 * as the CPU would (Tessera emulates it; Xen 4.17 runs here with smap=0).
 *
 * Proves, in guest kernel mode and in guest user mode: IRETQ with a frame
 * of the flat ring-3 selectors returns to the frame's RIP and RSP, loads
 * the arithmetic flags from the frame, and leaves IF (set) and IOPL (0) as
 * they were although the frame asks otherwise; a frame whose CS has RPL 0
 * raises #GP with that selector as error code.  (A non-canonical RIP is
 * not tested: where the #GP is reported differs between CPUs and TCG.)
 */
#include "guest.h"

const char test_name[] = "iretq";

#define X86_EFLAGS_CF   0x0001UL
#define X86_EFLAGS_PF   0x0004UL
#define X86_EFLAGS_ZF   0x0040UL
#define X86_EFLAGS_SF   0x0080UL
#define X86_EFLAGS_IF   0x0200UL
#define X86_EFLAGS_OF   0x0800UL
#define X86_EFLAGS_IOPL 0x3000UL

/* The frame asks for IOPL 3 and IF clear: neither may happen at CPL 3. */
#define FRAME_FLAGS (0x2 | X86_EFLAGS_CF | X86_EFLAGS_PF | X86_EFLAGS_ZF | \
                     X86_EFLAGS_SF | X86_EFLAGS_OF | X86_EFLAGS_IOPL)
#define WANT_FLAGS  ((FRAME_FLAGS & ~X86_EFLAGS_IOPL) | X86_EFLAGS_IF)

/* One IRETQ to the next instruction with RSP 128 bytes lower; returns the
 * flags seen after it and the RSP difference from the frame's (0). */
static uint64_t kernel_iretq(uint64_t *rsp_delta)
{
    uint64_t flags, delta;

    asm volatile ("mov %%rsp, %%rbx\n\t"
                  "lea -128(%%rsp), %%rcx\n\t"
                  "pushq %[ss]\n\t"
                  "pushq %%rcx\n\t"
                  "pushq %[fl]\n\t"
                  "pushq %[cs]\n\t"
                  "lea 1f(%%rip), %%rax\n\t"
                  "pushq %%rax\n\t"
                  "iretq\n"
                  "1:\tpushfq\n\t"
                  "popq %[flags]\n\t"
                  "mov %%rsp, %[delta]\n\t"
                  "sub %%rcx, %[delta]\n\t"
                  "mov %%rbx, %%rsp\n\t"
                  "pushq $0x202\n\t"
                  "popfq"
                  : [flags] "=&r" (flags), [delta] "=&r" (delta)
                  : [ss] "i" (FLAT_RING3_SS64), [cs] "i" (FLAT_RING3_CS64),
                    [fl] "i" (FRAME_FLAGS)
                  : "rax", "rbx", "rcx", "memory", "cc");
    *rsp_delta = delta;
    return flags;
}

/* IRETQ with the given CS, expected to fault; returns the record. */
static uint64_t bad_iretq(uint64_t cs, uint64_t rip)
{
    uint64_t fault = 0;

    asm volatile ("mov %%rsp, %%rbx\n\t"
                  "pushq %[ss]\n\t"
                  "pushq %%rbx\n\t"
                  "pushq $0x202\n\t"
                  "pushq %[cs]\n\t"
                  "pushq %[rip]\n\t"
                  FAULT_ASM("iretq")
                  "mov %%rbx, %%rsp"
                  : "+a" (fault)
                  : [ss] "i" (FLAT_RING3_SS64), [cs] "r" (cs), [rip] "r" (rip)
                  : "rbx", "memory", "cc");
    return fault;
}

static void test_kernel(void)
{
    uint64_t delta = 1, flags = kernel_iretq(&delta), f;

    check_eq(delta, 0, "kernel mode: IRETQ loads RSP from the frame");
    check_eq(flags, WANT_FLAGS, "kernel mode: flags from the frame, IF kept, IOPL 0");
    f = bad_iretq(FLAT_RING3_CS64 & ~3UL, 0);
    check_eq(fault_vector(f), X86_EXC_GP, "kernel mode: a CS of RPL 0 raises #GP");
    check_eq(fault_error_code(f), FLAT_RING3_CS64 & ~3UL, "  with the selector as error code");
}

static void __noreturn user_iretq(void)
{
    asm volatile ("lea -128(%%rsp), %%rcx\n\t"
                  "pushq %[ss]\n\t"
                  "pushq %%rcx\n\t"
                  "pushq %[fl]\n\t"
                  "pushq %[cs]\n\t"
                  "lea 1f(%%rip), %%rax\n\t"
                  "pushq %%rax\n\t"
                  "iretq\n"
                  "1:\tpushfq\n\t"
                  "popq %%rdi\n\t"
                  "mov %%rsp, %%rax\n\t"
                  "sub %%rcx, %%rax\n\t"
                  "syscall\n\t"
                  "ud2"
                  :: [ss] "i" (FLAT_RING3_SS64), [cs] "i" (FLAT_RING3_CS64),
                     [fl] "i" (FRAME_FLAGS)
                  : "memory");
    __builtin_unreachable();
}

static void test_user(void)
{
    struct user_exit e;

    if ( !check_eq(user_mode_init(), 0, "user mode set up") )
        return;
    run_user(user_iretq, &e);
    if ( !check_eq(e.vector, SYSCALL_VECTOR, "user mode: back through syscall after IRETQ") )
        return;
    check_eq(e.rax, 0, "user mode: IRETQ loads RSP from the frame");
    check_eq(e.rdi, WANT_FLAGS, "user mode: flags from the frame, IF kept, IOPL 0");
}

void test_main(void)
{
    test_kernel();
    test_user();
}
