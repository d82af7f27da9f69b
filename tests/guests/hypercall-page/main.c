/*
 * hypercall-page: the older hypercall convention, as 6.1.0-era Linux used.
 *
 * Proves: with a HYPERCALL_PAGE ELF note the hypervisor fills that page
 * before entry (32-byte stubs: slot n loads n into EAX and executes
 * syscall); hypercalls through the stubs work; the iret slot (23) returns
 * from an exception; an unknown hypercall through the page is -ENOSYS.
 * The runtime links lib/hcpage.S into this guest only, and its wrappers
 * then call through the page for everything.
 */
#include "guest.h"

const char test_name[] = "hypercall-page";

void test_main(void)
{
    const unsigned char *slot = (const unsigned char *)hypercall_page;
    uint64_t f = 0;
    unsigned int n, filled = 0;

    if ( !check(hypercall_page != NULL, "the runtime uses the hypercall page") )
        return;
    for ( n = 0; n < 64; n++ )
        filled += slot[n * 32] != 0xcc;
    check_eq(filled, 64, "the hypervisor filled the first 64 slots");
    /* mov $imm32, %eax (b8 imm32) somewhere in slot 17 names xen_version. */
    for ( n = 0; n < 27; n++ )
        if ( slot[17 * 32 + n] == 0xb8 && slot[17 * 32 + n + 1] == 17 )
            break;
    check(n < 27, "slot 17 loads 17 into eax");
    check(HYPERVISOR_xen_version(XENVER_version, NULL) >= 0x30000,
          "xen_version through the page reports at least 3.0");
    check_eq(hypercall0(47), -XEN_ENOSYS, "unassigned hypercall 47 through the page");
    asm volatile (FAULT_ASM("ud2") : "+a" (f));
    check_eq(fault_vector(f), X86_EXC_UD, "ud2, then HYPERVISOR_iret through slot 23");
}
