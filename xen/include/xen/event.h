/*
 * Event channels (common/evtchn/): notifications from the hypervisor and
 * between domains, delivered through the guest's event ABI.
 */
#ifndef XEN_EVENT_H
#define XEN_EVENT_H

#include <xen/types.h>
#include <public/xen.h>
#include <public/event_channel.h>

struct vcpu;
struct domain;

int evtchn_init(struct domain *d, unsigned int max_port);
void evtchn_vcpu_init(struct vcpu *v);
/* Closes every port; the domain is dying. */
void evtchn_destroy(struct domain *d);

/* Raises VIRQ `virq` on v (per-vCPU VIRQs) if the guest bound it. */
void send_guest_vcpu_virq(struct vcpu *v, unsigned int virq);
/* Global VIRQs (DOM_EXC, CONSOLE) go to vCPU 0 of their domain. */
void send_global_virq(struct domain *d, unsigned int virq);
void send_timer_event(struct vcpu *v);
/* Sets evtchn_upcall_pending and makes sure v notices. */
void vcpu_mark_events_pending(struct vcpu *v);
long evtchn_send(struct domain *d, evtchn_port_t port);
/* A new port of d, unbound and offered to domain remote: its number, or -errno. */
int evtchn_alloc_unbound_in(struct domain *d, domid_t remote);

long sched_poll(struct vcpu *v, XEN_GUEST_HANDLE_PARAM(void) arg);
long do_event_channel_op(int cmd, XEN_GUEST_HANDLE_PARAM(void) arg);

#endif /* XEN_EVENT_H */
