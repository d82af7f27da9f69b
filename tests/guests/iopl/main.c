/*
 * iopl: virtual I/O privilege (PHYSDEVOP_set_iopl) decides whether IN/OUT
 * from the guest are emulated or raise #GP, as on Xen 4.17.
 *
 * Xen treats the guest kernel as CPL 1 (CPL 0 with the architectural_iopl
 * assist) and guest user mode as CPL 3; a port access is allowed when the
 * virtual IOPL is at least that.  The ports used are PIT channels 0 and 1
 * (0x40/0x41), which Xen keeps from dom0 and does not emulate (unlike the
 * RTC at 0x70/0x71, which Xen 4.17 emulates for dom0), so an allowed read
 * comes back as all ones on every hypervisor and writes go nowhere.
 *
 * Proves: with IOPL 0, IN and OUT from the guest kernel raise #GP(0); with
 * IOPL 1 they are emulated (8- and 16-bit reads all ones, OUT completes, the
 * DX forms too); with IOPL 1 user mode still gets #GP; with IOPL 3 user
 * mode is emulated too; architectural_iopl makes the kernel CPL 0, so IOPL
 * 0 then allows it; set_iopl with a level above 3 is -EINVAL.
 */
#include "guest.h"

const char test_name[] = "iopl";

static long set_iopl(unsigned int iopl)
{
    struct physdev_set_iopl s = { .iopl = iopl };

    return HYPERVISOR_physdev_op(PHYSDEVOP_set_iopl, &s);
}

/* IN AL from port 0x41; returns the fault record, or the value read | 1<<62. */
#define READ_OK (1UL << 62)
static uint64_t inb41(void)
{
    uint64_t f = 0x1234500;

    asm volatile (FAULT_ASM("inb $0x41, %%al") : "+a" (f));
    return fault_happened(f) ? f : (f & 0xff) | READ_OK;
}

static uint64_t outb40(void)
{
    uint64_t f = 0x0f;

    asm volatile (FAULT_ASM("outb %%al, $0x40") : "+a" (f));
    return fault_happened(f) ? f : 0;
}

static void test_kernel(void)
{
    uint64_t f, v;

    check_eq(set_iopl(0), 0, "set_iopl(0)");
    f = inb41();
    check_eq(fault_vector(f), X86_EXC_GP, "IOPL 0: inb from the kernel raises #GP");
    check_eq(fault_error_code(f), 0, "  error code 0");
    check_eq(fault_vector(outb40()), X86_EXC_GP, "IOPL 0: outb from the kernel raises #GP");

    check_eq(set_iopl(1), 0, "set_iopl(1)");
    check_eq(inb41(), 0xff | READ_OK, "IOPL 1: inb $0x41 emulated, reads 0xff");
    check_eq(outb40(), 0, "IOPL 1: outb $0x40 emulated");
    v = 0;
    f = 0x11112222UL;
    asm volatile (FAULT_ASM("inw %%dx, %%ax") : "+a" (f) : "d" (0x40));
    check(!fault_happened(f) && (f & 0xffffffffUL) == 0x1111ffffUL,
          "IOPL 1: inw %%dx reads 0xffff, upper AX bits kept (%#lx)", f);
    (void)v;
    check_eq(set_iopl(4), -XEN_EINVAL, "set_iopl(4) refused");
    check_eq(inb41(), 0xff | READ_OK, "  IOPL still 1");
}

static void __noreturn user_inb(void)
{
    asm volatile ("mov $0x1234500, %%eax; inb $0x41, %%al; syscall; ud2" ::: "memory");
    __builtin_unreachable();
}

static void test_user(void)
{
    struct user_exit e;

    if ( user_mode_init() )
    {
        report_error("cannot set up user mode");
        return;
    }
    check_eq(set_iopl(1), 0, "set_iopl(1)");
    run_user(user_inb, &e);
    check_eq(e.vector, X86_EXC_GP, "IOPL 1: inb from user mode raises #GP");
    check_eq(e.cs & 3, 3, "  from RPL 3");

    check_eq(set_iopl(3), 0, "set_iopl(3)");
    run_user(user_inb, &e);
    check_eq(e.vector, SYSCALL_VECTOR, "IOPL 3: inb from user mode emulated");
    check_eq(e.rax & 0xffff, 0x45ff, "  reads 0xff into AL only");
}

static void test_architectural_iopl(void)
{
    check_eq(set_iopl(0), 0, "set_iopl(0)");
    check_eq(HYPERVISOR_vm_assist(VMASST_CMD_enable, VMASST_TYPE_architectural_iopl), 0,
             "enable architectural_iopl");
    check_eq(inb41(), 0xff | READ_OK, "architectural IOPL 0: the kernel (CPL 0) may inb");
    check_eq(HYPERVISOR_vm_assist(VMASST_CMD_disable, VMASST_TYPE_architectural_iopl), 0,
             "disable architectural_iopl");
    check_eq(fault_vector(inb41()), X86_EXC_GP, "IOPL 0 again: inb raises #GP");
}

void test_main(void)
{
    test_kernel();
    test_user();
    test_architectural_iopl();
}
