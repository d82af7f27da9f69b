/*
 * What evtchn.c shares with the event ABIs (2l.c, fifo.c): a port's
 * hypervisor-side state and the ops table through which every access to
 * the guest's pending/masked state goes.
 *
 * Locking: d->evtchn_port_lock (innermost, interrupts off) serialises
 * every ABI operation on d and the switch between ABIs.  Raising a port
 * of d needs only this lock, not d->event_lock, because a sender holds its
 * own domain's event lock and not the receiver's.
 */
#ifndef XEN_COMMON_EVTCHN_PRIVATE_H
#define XEN_COMMON_EVTCHN_PRIVATE_H

#include <xen/event.h>
#include <xen/sched.h>

#define EVTCHNS_PER_BUCKET      64
/* Sized for the larger ABI; a domain's limit says how many are used. */
#define EVTCHN_NR_BUCKETS       (EVTCHN_FIFO_NR_CHANNELS / EVTCHNS_PER_BUCKET)

enum evtchn_state {
    ECS_FREE, ECS_RESERVED, ECS_UNBOUND, ECS_INTERDOMAIN, ECS_VIRQ, ECS_IPI,
};

struct evtchn {
    uint8_t state;                      /* ECS_* */
    uint16_t notify_vcpu_id;
    union {
        domid_t unbound_remote;         /* ECS_UNBOUND: who may bind */
        struct {
            struct domain *dom;
            evtchn_port_t port;
        } interdomain;
        unsigned int virq;
    } u;

    /*
     * FIFO state, under d->evtchn_port_lock.  It outlives a close: a
     * port the guest has not consumed yet is still on the queue it was
     * last linked to, and a later bind must find that queue's tail.
     */
    uint8_t priority;                   /* EVTCHN_FIFO_PRIORITY_* */
    bool fifo_pending;                  /* raised while it had no event word */
    uint16_t last_vcpu_id;              /* queue it was last linked on */
    uint8_t last_priority;
};

static inline struct evtchn *evtchn_from_port(const struct domain *d,
                                              evtchn_port_t p)
{
    return &d->evtchn_buckets[p / EVTCHNS_PER_BUCKET][p % EVTCHNS_PER_BUCKET];
}

static inline bool port_is_valid(const struct domain *d, evtchn_port_t p)
{
    return p < __atomic_load_n(&d->valid_evtchns, __ATOMIC_ACQUIRE);
}

/*
 * One event ABI.  All are called with d->evtchn_port_lock held.  A true
 * result from set_pending and unmask means "v has a new event to look at:
 * kick it", which the caller does once the lock is dropped.
 */
struct evtchn_port_ops {
    unsigned int nr_channels;           /* ports the ABI can name */
    bool (*set_pending)(struct domain *d, struct vcpu *v, evtchn_port_t port);
    void (*clear_pending)(struct domain *d, evtchn_port_t port);
    bool (*unmask)(struct domain *d, struct vcpu *v, evtchn_port_t port);
    bool (*is_pending)(const struct domain *d, evtchn_port_t port);
    bool (*is_masked)(const struct domain *d, evtchn_port_t port);
    /* NULL: the ABI has no priorities (EVTCHNOP_set_priority: -ENOSYS). */
    int (*set_priority)(struct domain *d, evtchn_port_t port,
                        unsigned int priority);
};

extern const struct evtchn_port_ops evtchn_port_ops_2l;
extern const struct evtchn_port_ops evtchn_port_ops_fifo;

/*
 * fifo.c: the hypercalls.  They take d->event_lock themselves, because
 * what they allocate and reference must be obtained before it.
 * expand_array returns in [*first, *end) the ports the new page covers.
 */
long evtchn_fifo_init_control(struct domain *d, struct evtchn_init_control *ic);
long evtchn_fifo_expand_array(struct domain *d, uint64_t gfn,
                              evtchn_port_t *first, evtchn_port_t *end);
/* Back to 2-level; frees every FIFO structure and guest page reference. */
void evtchn_fifo_destroy(struct domain *d);

#endif /* XEN_COMMON_EVTCHN_PRIVATE_H */
