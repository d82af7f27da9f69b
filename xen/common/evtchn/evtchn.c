/*
 * Event channels.  This first part carries only what the scheduler needs
 * to exist: the hooks through which timers and polls reach the event
 * layer.  Ports, bindings and the 2-level/FIFO ABIs come with the event
 * channel work (issue 6); until then nothing can be bound, so a timer
 * event has no port to raise and SCHEDOP_poll has nothing to wait on.
 */
#include <xen/errno.h>
#include <xen/event.h>
#include <xen/hypercall.h>
#include <xen/lib.h>
#include <xen/sched.h>

void send_guest_vcpu_virq(struct vcpu *v, unsigned int virq)
{
    /* No VIRQ can be bound yet. */
}

void send_timer_event(struct vcpu *v)
{
    send_guest_vcpu_virq(v, VIRQ_TIMER);
}

long sched_poll(struct vcpu *v, XEN_GUEST_HANDLE_PARAM(void) arg)
{
    hypercall_log_unknown(__HYPERVISOR_sched_op, SCHEDOP_poll);
    return -ENOSYS;
}
