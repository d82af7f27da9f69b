/*
 * vm-assist: vm_assist types and the debug-register hypercalls, as Xen
 * 4.17 checks them for a 64-bit PV guest.
 *
 * Proves: every type 64-bit PV accepts (0-5, and m2p_strict = 32: Xen
 * keeps the 32-bit-only ones valid so old guests do not break) can be
 * enabled and disabled; type 6, 31 and 64 are -EINVAL; an unknown command
 * with a valid type is -ENOSYS.  set_debugreg/get_debugreg round-trip
 * DR0-DR3 with guest addresses (also the first address above the
 * hypervisor's range); an address in the hypervisor's range or a
 * non-canonical one is -EPERM; DR6 and DR7 start at their reset values
 * (0xffff0ff0, 0x400) and keep their reserved bits as the
 * architecture fixes them (DR6 reads 0xffff0ff0 after 0, bit 12 stays 0;
 * DR7 bit 10 reads 1, bits 11, 12, 14, 15 read 0); upper halves are
 * -EINVAL; DR7.GD is -EPERM, and so is an I/O breakpoint while CR4.DE is
 * clear; DR4/DR5 alias DR6/DR7 then; other register numbers are -ENODEV.
 */
#include "guest.h"

const char test_name[] = "vm-assist";

static void test_vm_assist(void)
{
    static const unsigned int valid[] = { 0, 1, 2, 3, 4, 5, 32 };
    static const unsigned int invalid[] = { 6, 31, 33, 64, 1000 };
    unsigned int i;

    for ( i = 0; i < ARRAY_SIZE(valid); i++ )
    {
        check_eq(HYPERVISOR_vm_assist(VMASST_CMD_enable, valid[i]), 0, "enable a valid type");
        check_eq(HYPERVISOR_vm_assist(VMASST_CMD_disable, valid[i]), 0, "  and disable it");
    }
    for ( i = 0; i < ARRAY_SIZE(invalid); i++ )
        check_eq(HYPERVISOR_vm_assist(VMASST_CMD_enable, invalid[i]), -XEN_EINVAL,
                 "enable an invalid type");
    check_eq(HYPERVISOR_vm_assist(7, VMASST_TYPE_writable_pagetables), -XEN_ENOSYS,
             "unknown vm_assist command");
    check_eq(HYPERVISOR_vm_assist(7, 6), -XEN_EINVAL, "unknown command, invalid type");
}

static void test_address_registers(void)
{
    int r;

    for ( r = 0; r < 4; r++ )
    {
        check_eq(HYPERVISOR_set_debugreg(r, 0x1000 + r * 8), 0, "set_debugreg(DRn, guest address)");
        check_eq(HYPERVISOR_get_debugreg(r), 0x1000 + r * 8, "  reads back");
    }
    check_eq(HYPERVISOR_set_debugreg(1, 0xffff880000000000UL), 0,
             "DR1 = first address above the hypervisor's range");
    check_eq(HYPERVISOR_get_debugreg(1), 0xffff880000000000UL, "  reads back");
    check_eq(HYPERVISOR_set_debugreg(0, HYPERVISOR_VIRT_START), -XEN_EPERM,
             "DR0 = start of the hypervisor's range");
    check_eq(HYPERVISOR_set_debugreg(0, 0xffff87fffffffff8UL), -XEN_EPERM,
             "DR0 = end of the hypervisor's range");
    check_eq(HYPERVISOR_set_debugreg(0, 0x0000800000000000UL), -XEN_EPERM,
             "DR0 = non-canonical");
    check_eq(HYPERVISOR_get_debugreg(0), 0x1000, "  DR0 unchanged");
}

static void test_status_control(void)
{
    check_eq(HYPERVISOR_get_debugreg(6), 0xffff0ff0, "DR6 at first reads 0xffff0ff0");
    check_eq(HYPERVISOR_get_debugreg(7), 0x400, "DR7 at first reads 0x400");
    check_eq(HYPERVISOR_set_debugreg(6, 0), 0, "DR6 = 0");
    check_eq(HYPERVISOR_get_debugreg(6), 0xffff0ff0, "  reads 0xffff0ff0");
    check_eq(HYPERVISOR_set_debugreg(6, 0x100f), 0, "DR6 = B0-B3 and bit 12");
    check_eq(HYPERVISOR_get_debugreg(6), 0xffff0fff, "  bit 12 stays clear");
    check_eq(HYPERVISOR_set_debugreg(6, 1UL << 32), -XEN_EINVAL, "DR6 upper half");
    check_eq(HYPERVISOR_get_debugreg(4), 0xffff0fff, "DR4 aliases DR6 (CR4.DE clear)");
    check_eq(HYPERVISOR_set_debugreg(6, 0), 0, "DR6 = 0 again");

    check_eq(HYPERVISOR_set_debugreg(7, 0), 0, "DR7 = 0");
    check_eq(HYPERVISOR_get_debugreg(7), 0x400, "  reads 0x400 (bit 10 fixed)");
    check_eq(HYPERVISOR_set_debugreg(7, 0xd800), 0, "DR7 with bits 11, 12, 14, 15");
    check_eq(HYPERVISOR_get_debugreg(7), 0x400, "  those read 0");
    check_eq(HYPERVISOR_set_debugreg(7, 1UL << 13), -XEN_EPERM, "DR7.GD");
    check_eq(HYPERVISOR_set_debugreg(7, 1UL << 32), -XEN_EINVAL, "DR7 upper half");
    check_eq(HYPERVISOR_set_debugreg(7, (2UL << 16) | 1), -XEN_EPERM,
             "DR7 I/O breakpoint with CR4.DE clear");
    check_eq(HYPERVISOR_set_debugreg(5, 0x100), 0, "DR5 (alias of DR7) = LE");
    check_eq(HYPERVISOR_get_debugreg(7), 0x500, "  DR7 reads LE and bit 10");
    check_eq(HYPERVISOR_set_debugreg(7, 0), 0, "DR7 = 0 again");

    check_eq(HYPERVISOR_set_debugreg(8, 0), -XEN_ENODEV, "set_debugreg(8)");
    check_eq(HYPERVISOR_get_debugreg(8), -XEN_ENODEV, "get_debugreg(8)");
    check_eq(HYPERVISOR_get_debugreg(-1), -XEN_ENODEV, "get_debugreg(-1)");
}

void test_main(void)
{
    test_vm_assist();
    test_address_registers();
    test_status_control();
}
