/*
 * iret-fault: a return to the guest that the CPU itself refuses crashes
 * the guest, and only the guest (Tessera only: see tests/suite.list).
 *
 * HYPERVISOR_iret takes the guest's frame as it is; a kernel-mode return
 * whose CS names an LDT descriptor, with no LDT loaded, passes every
 * check and then faults in the hypervisor's own IRETQ.  Regression test:
 * that fault used to be handled with interrupts still off, and crashing
 * the domain then tripped the spinlock checks: the whole machine stopped.
 * With a #GP handler the guest gets #GP, as on Xen (iret-gp); this guest
 * first drops its trap table, so there is none.
 * Proves: the domain is crashed with "return to the guest faulted ... no
 * #GP handler" and the machine powers off in order (the runner checks the
 * log).
 */
#include "guest.h"

const char test_name[] = "iret-fault";

static struct iret_context frame __aligned(16);

void test_main(void)
{
    printk("iret-fault: returning to CS 0x000c (an LDT selector, no LDT); "
           "expect the domain to crash\n");
    frame.rip = (unsigned long)test_main;
    frame.cs = 0x000c;                  /* kernel-mode return: RPL 0, made 3 */
    frame.rflags = 0x202;
    frame.ss = FLAT_KERNEL_SS;
    asm volatile ("mov %%rsp, %0" : "=m" (frame.rsp));
    HYPERVISOR_set_trap_table(NULL);    /* no handlers at all from here */
    asm volatile ("mov %0, %%rsp; mov %1, %%eax; syscall"
                  :: "r" (&frame), "i" (__HYPERVISOR_iret) : "memory");
    report_failure("still running after an IRET the CPU must refuse");
}
