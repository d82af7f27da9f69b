/*
 * Event delivery from the hypervisor to guests (common/evtchn/).
 */
#ifndef XEN_EVENT_H
#define XEN_EVENT_H

#include <xen/types.h>
#include <public/xen.h>

struct vcpu;
struct domain;

/* Raises VIRQ `virq` on v (per-vCPU VIRQs) if the guest bound it. */
void send_guest_vcpu_virq(struct vcpu *v, unsigned int virq);
/* The timer of v fired. */
void send_timer_event(struct vcpu *v);
long sched_poll(struct vcpu *v, XEN_GUEST_HANDLE_PARAM(void) arg);
long do_event_channel_op(int cmd, XEN_GUEST_HANDLE_PARAM(void) arg);

#endif /* XEN_EVENT_H */
