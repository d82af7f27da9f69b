/*
 * sysenter: SYSENTER from guest user mode reaches the guest kernel's
 * sysenter callback (CALLBACKTYPE_sysenter), as on Xen.
 *
 * Run with an Intel CPU model (guests.list cpu=...): on AMD CPUs SYSENTER
 * does not exist in long mode and is #UD on every hypervisor.  Proves:
 * without a callback, user-mode SYSENTER raises #GP(0) in the guest; with
 * one registered, it lands in the callback from user mode with the return
 * state SYSENTER does not save reported as RIP 0, as Xen reports it.
 *
 * Tessera only: Debian's Xen 4.17 under QEMU's TCG with an Intel CPU model
 * takes a double fault in its own sysenter entry on the first SYSENTER and
 * reboots the machine, so there is no reference column for this one.
 */
#include "guest.h"

const char test_name[] = "sysenter";

extern char syscall_entry[];

static void __attribute__((noreturn)) user_sysenter(void)
{
    __asm__ __volatile__("sysenter");
    for ( ; ; )
        ;
}

static bool cpu_is_intel(void)
{
    uint32_t a = 0, b, c, d;

    __asm__ __volatile__("cpuid" : "+a"(a), "=b"(b), "=c"(c), "=d"(d));
    return b == 0x756e6547;             /* "Genu" */
}

void test_main(void)
{
    struct callback_register cb = {
        .type = CALLBACKTYPE_sysenter, .flags = CALLBACKF_mask_events,
        .address = (uint64_t)syscall_entry,
    };
    struct user_exit ex;

    if ( !cpu_is_intel() )
    {
        report_skip("SYSENTER needs an Intel CPU model (long mode)");
        return;
    }
    if ( !check_eq(user_mode_init(), 0, "user mode set up") )
        return;
    run_user(user_sysenter, &ex);
    check_eq(ex.vector, X86_EXC_GP, "SYSENTER with no callback: #GP");
    check_eq(ex.error_code, 0, "with error code 0");

    check_eq(HYPERVISOR_callback_op(CALLBACKOP_register, &cb), 0,
             "register a sysenter callback");
    run_user(user_sysenter, &ex);
    check_eq(ex.vector, SYSCALL_VECTOR, "SYSENTER reaches the callback");
    check_eq(ex.rip, 0, "the unsaved return address reads as 0");
    check_eq(ex.cs & 3, 3, "entered from user mode");
}
