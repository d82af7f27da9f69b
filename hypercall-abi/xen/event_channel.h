/* SPDX-License-Identifier: MIT */
/*
 * Tessera public ABI: event channels (event_channel_op, hypercall 32).
 *
 * A port is a per-domain number for one notification source: another
 * domain's port, a VIRQ, a physical IRQ or an IPI.  Delivery state lives in
 * guest memory -- the 2-level bitmaps in shared_info, or the FIFO event
 * array described at the bottom of this file -- so sending is a bit-set and
 * an upcall, with no per-event hypercall on the receive side.
 */
#ifndef __XEN_PUBLIC_EVENT_CHANNEL_H__
#define __XEN_PUBLIC_EVENT_CHANNEL_H__

#include "xen.h"

#define EVTCHNOP_bind_interdomain  0
#define EVTCHNOP_bind_virq         1
#define EVTCHNOP_bind_pirq         2
#define EVTCHNOP_close             3
#define EVTCHNOP_send              4
#define EVTCHNOP_status            5
#define EVTCHNOP_alloc_unbound     6
#define EVTCHNOP_bind_ipi          7
#define EVTCHNOP_bind_vcpu         8
#define EVTCHNOP_unmask            9
#define EVTCHNOP_reset            10
#define EVTCHNOP_init_control     11
#define EVTCHNOP_expand_array     12
#define EVTCHNOP_set_priority     13

typedef uint32_t evtchn_port_t;
DEFINE_XEN_GUEST_HANDLE(evtchn_port_t);

/* Open a port in `dom` that only `remote_dom` may later bind to. */
struct evtchn_alloc_unbound {
    domid_t       dom, remote_dom;   /* IN */
    evtchn_port_t port;              /* OUT */
};
typedef struct evtchn_alloc_unbound evtchn_alloc_unbound_t;

/* Connect a fresh local port to a port left unbound for us. */
struct evtchn_bind_interdomain {
    domid_t       remote_dom;        /* IN */
    evtchn_port_t remote_port;       /* IN */
    evtchn_port_t local_port;        /* OUT */
};
typedef struct evtchn_bind_interdomain evtchn_bind_interdomain_t;

/* Per-vCPU VIRQs are bound once per vCPU; global ones to vCPU 0. */
struct evtchn_bind_virq {
    uint32_t      virq;              /* IN: VIRQ_* */
    uint32_t      vcpu;              /* IN */
    evtchn_port_t port;              /* OUT */
};
typedef struct evtchn_bind_virq evtchn_bind_virq_t;

struct evtchn_bind_pirq {
    uint32_t      pirq;              /* IN */
#define BIND_PIRQ__WILL_SHARE 1
    uint32_t      flags;             /* IN */
    evtchn_port_t port;              /* OUT */
};
typedef struct evtchn_bind_pirq evtchn_bind_pirq_t;

struct evtchn_bind_ipi {
    uint32_t      vcpu;              /* IN: vCPU that will be notified */
    evtchn_port_t port;              /* OUT */
};
typedef struct evtchn_bind_ipi evtchn_bind_ipi_t;

struct evtchn_close {
    evtchn_port_t port;
};
typedef struct evtchn_close evtchn_close_t;

struct evtchn_send {
    evtchn_port_t port;
};
typedef struct evtchn_send evtchn_send_t;

/* What a port is connected to; dom may name another domain only for a
 * privileged caller. */
struct evtchn_status {
    domid_t       dom;               /* IN */
    evtchn_port_t port;              /* IN */
#define EVTCHNSTAT_closed       0
#define EVTCHNSTAT_unbound      1
#define EVTCHNSTAT_interdomain  2
#define EVTCHNSTAT_pirq         3
#define EVTCHNSTAT_virq         4
#define EVTCHNSTAT_ipi          5
    uint32_t      status;            /* OUT: EVTCHNSTAT_* */
    uint32_t      vcpu;              /* OUT: vCPU notified */
    union {
        struct {
            domid_t dom;
        } unbound;
        struct {
            domid_t       dom;
            evtchn_port_t port;
        } interdomain;
        uint32_t pirq;
        uint32_t virq;
    } u;
};
typedef struct evtchn_status evtchn_status_t;

/* Move notification of an interdomain/PIRQ/global-VIRQ port to a vCPU. */
struct evtchn_bind_vcpu {
    evtchn_port_t port;
    uint32_t      vcpu;
};
typedef struct evtchn_bind_vcpu evtchn_bind_vcpu_t;

/* Unmask and, if the port is pending, re-raise the upcall. */
struct evtchn_unmask {
    evtchn_port_t port;
};
typedef struct evtchn_unmask evtchn_unmask_t;

/* Close every port of a domain (and drop back to the 2-level ABI). */
struct evtchn_reset {
    domid_t dom;
};
typedef struct evtchn_reset evtchn_reset_t;

/*
 * Switch a vCPU to the FIFO ABI by registering its control block: a page
 * (control_gfn) plus byte offset.  Must be done for each vCPU.
 */
struct evtchn_init_control {
    uint64_t control_gfn;            /* IN */
    uint32_t offset;                 /* IN */
    uint32_t vcpu;                   /* IN */
    uint8_t  link_bits;              /* OUT: EVTCHN_FIFO_LINK_BITS */
    uint8_t  _pad[7];
};
typedef struct evtchn_init_control evtchn_init_control_t;

/* Add one more page of event words to the FIFO event array. */
struct evtchn_expand_array {
    uint64_t array_gfn;
};
typedef struct evtchn_expand_array evtchn_expand_array_t;

struct evtchn_set_priority {
    evtchn_port_t port;
    uint32_t      priority;          /* EVTCHN_FIFO_PRIORITY_* range */
};
typedef struct evtchn_set_priority evtchn_set_priority_t;

/* Argument of the retired event_channel_op_compat (hypercall 16). */
struct evtchn_op {
    uint32_t cmd;                    /* EVTCHNOP_* */
    union {
        evtchn_alloc_unbound_t    alloc_unbound;
        evtchn_bind_interdomain_t bind_interdomain;
        evtchn_bind_virq_t        bind_virq;
        evtchn_bind_pirq_t        bind_pirq;
        evtchn_bind_ipi_t         bind_ipi;
        evtchn_close_t            close;
        evtchn_send_t             send;
        evtchn_status_t           status;
        evtchn_bind_vcpu_t        bind_vcpu;
        evtchn_unmask_t           unmask;
    } u;
};
typedef struct evtchn_op evtchn_op_t;
DEFINE_XEN_GUEST_HANDLE(evtchn_op_t);

/* 2-level ABI: one bit per port in a 64x64 bitmap. */
#define EVTCHN_2L_NR_CHANNELS (sizeof(xen_ulong_t) * sizeof(xen_ulong_t) * 64)

/*
 * FIFO ABI.  Each port has a 32-bit event word in the guest-provided event
 * array: four state bits at the top, and the port number of the next event
 * in its queue in the low LINK_BITS.  Each vCPU has one queue per priority;
 * the control block holds the queue heads and a "ready" bitmap saying which
 * queues are non-empty.  Lower priority numbers are served first.
 */
#define EVTCHN_FIFO_PRIORITY_MAX      0
#define EVTCHN_FIFO_PRIORITY_DEFAULT  7
#define EVTCHN_FIFO_PRIORITY_MIN     15
#define EVTCHN_FIFO_MAX_QUEUES       (EVTCHN_FIFO_PRIORITY_MIN + 1)

typedef uint32_t event_word_t;

/* Bit numbers within an event word. */
#define EVTCHN_FIFO_PENDING 31
#define EVTCHN_FIFO_MASKED  30
#define EVTCHN_FIFO_LINKED  29  /* currently on a queue */
#define EVTCHN_FIFO_BUSY    28  /* hypervisor is relinking; guest must spin */

#define EVTCHN_FIFO_LINK_BITS 17
#define EVTCHN_FIFO_LINK_MASK ((1 << EVTCHN_FIFO_LINK_BITS) - 1)
#define EVTCHN_FIFO_NR_CHANNELS (1 << EVTCHN_FIFO_LINK_BITS)

struct evtchn_fifo_control_block {
    uint32_t ready;                          /* bit q: queue q non-empty */
    uint32_t _rsvd;
    uint32_t head[EVTCHN_FIFO_MAX_QUEUES];   /* port at each queue's head */
};
typedef struct evtchn_fifo_control_block evtchn_fifo_control_block_t;

#endif /* __XEN_PUBLIC_EVENT_CHANNEL_H__ */
