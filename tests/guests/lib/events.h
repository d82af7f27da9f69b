/*
 * Event channels and time for test guests (lib/events.c): the 2-level
 * bitmaps of vCPU 0, an event callback that counts upcalls (per vCPU),
 * SCHEDOP_poll and a pvclock reader.
 */
#ifndef GUEST_EVENTS_H
#define GUEST_EVENTS_H

#include "guest.h"
#include <xen/event_channel.h>

#define NR_2L_PORTS   (64 * 64)

static inline struct vcpu_info *vcpu0_info(void)
{
    return &shared_info->vcpu_info[0];
}

/*
 * Switches this domain to the FIFO ABI (control block for vCPU 0, one
 * array page with every word MASKED): the port_* helpers follow.  False
 * if the hypervisor refused.
 */
bool events_use_fifo(void);
bool port_pending(evtchn_port_t port);
bool port_masked(evtchn_port_t port);
bool port_selected(evtchn_port_t port);     /* its word's bit in vCPU 0's selector */
void port_mask(evtchn_port_t port);
void port_unmask_local(evtchn_port_t port); /* the mask bit only, no hypercall */
void port_clear(evtchn_port_t port);        /* pending bit and selector word */
/* Clears every pending bit, the selector and upcall_pending of vCPU 0. */
void events_clear_all(void);

/* EVTCHNOP wrappers returning the port (>= 0) or a negative errno. */
long evtchn_alloc_unbound_to(domid_t dom, domid_t remote);
long evtchn_bind_interdomain_to(domid_t dom, evtchn_port_t remote_port);
long evtchn_bind_virq_on(uint32_t virq, uint32_t vcpu);
long evtchn_bind_ipi_on(uint32_t vcpu);
long evtchn_send_port(evtchn_port_t port);
long evtchn_close_port(evtchn_port_t port);
long evtchn_unmask_port(evtchn_port_t port);
long evtchn_status_of(domid_t dom, evtchn_port_t port, struct evtchn_status *st);

/*
 * The event callback: each upcall counts, takes (and clears) the selector
 * and upcall_pending of the vCPU it arrives on, and records what the
 * bounce looked like in that vCPU's log (lib/smp.h says which vCPU).
 */
struct upcall_log {
    unsigned int count;
    xen_ulong_t sel;            /* selectors taken, ORed */
    uint8_t mask_inside;        /* evtchn_upcall_mask seen by the handler */
    uint8_t saved_mask;         /* the mask the bounce frame saved (CS 32-39) */
};
extern volatile struct upcall_log vcpu_upcalls[];
#define upcalls (vcpu_upcalls[0])
void events_callback_init(void);
uint64_t event_callback_address(void);
/* A null hypercall: the return to the guest is where upcalls are bounced. */
void events_kick(void);

/* SCHEDOP_poll on the given ports; timeout is absolute system time (0 = none). */
long poll_ports(evtchn_port_t *ports, unsigned int nr, uint64_t timeout);

/* System time in ns from this vCPU's vcpu_time_info, by the version protocol. */
uint64_t system_time_ns(void);
uint64_t rdtsc(void);

#endif /* GUEST_EVENTS_H */
