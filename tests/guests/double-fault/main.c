/*
 * double-fault: a fault the hypervisor cannot deliver kills the guest, and
 * only the guest.
 *
 * Proves: when the guest kernel's stack is unusable, the bounce frame for
 * an exception cannot be written; the hypervisor crashes the domain instead
 * of looping or dying itself, and says so on its console (the runner checks
 * the hypervisor's message; guests.list wants CRASH).  There is no PV #DF:
 * this is what a fault inside the fault path looks like to a PV guest.
 */
#include "guest.h"

const char test_name[] = "double-fault";

void test_main(void)
{
    printk("double-fault: faulting with an unmapped stack; expect the domain to crash\n");
    /* An address in L4 slot 0, where nothing is mapped. */
    asm volatile ("mov $0x100000001000, %rsp; ud2");
    report_failure("still running after a fault with an unmapped stack");
}
