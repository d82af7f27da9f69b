/*
 * sched-op: SCHEDOP_* return codes and shutdown_code, as in Xen 4.17.
 *
 * Proves: yield returns 0 (and we run on); an unknown sub-op is -ENOSYS;
 * shutdown and shutdown_code with an argument in the hypervisor's range
 * are -EFAULT; shutdown_code returns 0 and the first code set wins:
 * this guest sets SHUTDOWN_reboot, then SHUTDOWN_poweroff, and after its
 * RESULT line asks for a poweroff, which the hypervisor must turn into a
 * reboot (guests.list expects each hypervisor's reboot message).
 */
#include "guest.h"

const char test_name[] = "sched-op";

void test_main(void)
{
    struct sched_shutdown s = { .reason = SHUTDOWN_reboot };
    void *bad = (void *)HYPERVISOR_VIRT_START;
    int i;

    for ( i = 0; i < 3; i++ )
        check_eq(HYPERVISOR_sched_op(SCHEDOP_yield, NULL), 0, "yield");
    check_eq(HYPERVISOR_sched_op(99, NULL), -XEN_ENOSYS, "unknown sched_op");
    check_eq(HYPERVISOR_sched_op(SCHEDOP_shutdown, bad), -XEN_EFAULT,
             "shutdown with an unreadable argument");
    check_eq(HYPERVISOR_sched_op(SCHEDOP_shutdown_code, bad), -XEN_EFAULT,
             "shutdown_code with an unreadable argument");
    check_eq(HYPERVISOR_sched_op(SCHEDOP_shutdown_code, &s), 0, "shutdown_code(reboot)");
    s.reason = SHUTDOWN_poweroff;
    check_eq(HYPERVISOR_sched_op(SCHEDOP_shutdown_code, &s), 0,
             "shutdown_code(poweroff) returns 0 (but the first code stays)");
    printk("the poweroff that follows must become a reboot\n");
}
