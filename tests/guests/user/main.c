/*
 * user: ring-3 user mode with its own L4, and the ways back to the kernel.
 *
 * Proves: MMUEXT_NEW_USER_BASEPTR takes a pinned user L4; HYPERVISOR_iret
 * with a user CS enters user mode (frames from there carry RPL 3);
 * `syscall` from user mode bounces to the CALLBACKTYPE_syscall callback on
 * the stack_switch stack with the user's RAX/RDI intact and RCX = the
 * return address; `int $0x80` from user mode reaches vector 0x80 (on Xen
 * 4.17 whatever DPL the trap table gives it); a user #PF
 * has the U bit in its error code; privileged instructions #GP in user
 * mode too; set_segment_base sets the kernel FS base.
 */
#include "guest.h"

const char test_name[] = "user";

static uint64_t fs_data[2] = { 0x1111, 0xf5f5f5f5f5f5f5f5UL };

static void __noreturn user_syscall(void)
{
    asm volatile ("mov $0x5ca11, %%eax; mov $0xd1, %%edi; syscall; ud2" ::: "memory");
    __builtin_unreachable();
}

static void __noreturn user_int80(void)
{
    asm volatile ("mov $0x80, %%eax; int $0x80; ud2" ::: "memory");
    __builtin_unreachable();
}

static void __noreturn user_page_fault(void)
{
    asm volatile ("movq $0, 0x1000; ud2" ::: "memory");
    __builtin_unreachable();
}

static void __noreturn user_hlt(void)
{
    asm volatile ("hlt; ud2" ::: "memory");
    __builtin_unreachable();
}

static void test_syscall(void)
{
    struct user_exit e;

    run_user(user_syscall, &e);
    check_eq(e.vector, SYSCALL_VECTOR, "user syscall reaches the syscall callback");
    check_eq(e.rax, 0x5ca11, "  with the user's rax");
    check_eq(e.rdi, 0xd1, "  and rdi");
    check(e.rip > (uint64_t)user_syscall && e.rip < (uint64_t)user_syscall + 16,
          "  RIP in the frame is the instruction after syscall (%#lx)", e.rip);
    check_eq(e.cs & 3, 3, "  the frame's CS has RPL 3 (user mode)");
}

static void test_int80(void)
{
    struct user_exit e;

    install_trap(0x80, 3, true);
    run_user(user_int80, &e);
    check_eq(e.vector, 0x80, "user int $0x80 with DPL 3 reaches vector 0x80");
    check_eq(e.rax, 0x80, "  with the user's rax");

    /* Xen 4.17 delivers vector 0x80 without looking at its DPL. */
    install_trap(0x80, 0, true);
    run_user(user_int80, &e);
    check_eq(e.vector, 0x80, "user int $0x80 with DPL 0 still reaches vector 0x80");
    install_trap(0x80, 3, true);
}

static void test_faults(void)
{
    struct user_exit e;

    run_user(user_page_fault, &e);
    check_eq(e.vector, X86_EXC_PF, "a user write to an unmapped page raises #PF");
    check_eq(e.error_code, 6, "  error code: write, user");
    check_eq(last_fault_cr2, 0x1000, "  cr2 in vcpu_info");

    run_user(user_hlt, &e);
    check_eq(e.vector, X86_EXC_GP, "hlt in user mode raises #GP");
    check_eq(e.cs & 3, 3, "  from RPL 3");
}

static void test_fs_base(void)
{
    uint64_t v;

    check_eq(HYPERVISOR_set_segment_base(SEGBASE_FS, (uint64_t)fs_data), 0,
             "set_segment_base(FS)");
    asm volatile ("mov %%fs:8, %0" : "=r" (v));
    check_eq(v, fs_data[1], "an %fs-relative load reads through the new base");
    check_eq(HYPERVISOR_set_segment_base(7, 0), -XEN_EINVAL, "set_segment_base, unknown segment");
}

void test_main(void)
{
    long rc = user_mode_init();

    if ( rc )
    {
        report_failure("cannot set up user mode: %ld", rc);
        return;
    }
    test_syscall();
    test_int80();
    test_faults();
    test_fs_base();
}
