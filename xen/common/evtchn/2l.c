/*
 * The 2-level event ABI: one pending and one mask bit per port in
 * shared_info, and in each vcpu_info a selector word saying which words
 * of the pending bitmap to look at.  Guests clear pending bits and set
 * mask bits themselves; the hypervisor sets pending, and on unmask
 * re-raises what became deliverable.  Everything here is lock-free
 * atomic bit work on guest-shared memory.  Callers keep ports below
 * EVTCHN_2L_NR_CHANNELS (evtchn.c checks nr_channels).
 */
#include <xen/event.h>
#include <xen/sched.h>
#include "private.h"

#define BITS_PER_XEN_ULONG  (8 * sizeof(xen_ulong_t))

static bool test_and_set(xen_ulong_t *words, unsigned int bit)
{
    xen_ulong_t m = (xen_ulong_t)1 << (bit % BITS_PER_XEN_ULONG);

    return __atomic_fetch_or(&words[bit / BITS_PER_XEN_ULONG], m,
                             __ATOMIC_ACQ_REL) & m;
}

static bool test(const xen_ulong_t *words, unsigned int bit)
{
    return (__atomic_load_n(&words[bit / BITS_PER_XEN_ULONG], __ATOMIC_ACQUIRE) >>
            (bit % BITS_PER_XEN_ULONG)) & 1;
}

/* Marks the port's word in v's selector; true if v must be notified. */
static bool raise_selector(struct vcpu *v, evtchn_port_t port)
{
    if ( test_and_set(&v->vcpu_info->evtchn_pending_sel,
                      port / BITS_PER_XEN_ULONG) )
        return false;
    return !__atomic_exchange_n(&v->vcpu_info->evtchn_upcall_pending, 1,
                                __ATOMIC_ACQ_REL);
}

static bool l2_set_pending(struct domain *d, struct vcpu *v, evtchn_port_t port)
{
    shared_info_t *s = d->shared_info;

    if ( test_and_set(s->evtchn_pending, port) )
        return false;
    if ( test(s->evtchn_mask, port) )
        return false;
    return raise_selector(v, port);
}

static void l2_clear_pending(struct domain *d, evtchn_port_t port)
{
    xen_ulong_t m = (xen_ulong_t)1 << (port % BITS_PER_XEN_ULONG);

    __atomic_fetch_and(&d->shared_info->evtchn_pending[port / BITS_PER_XEN_ULONG],
                       ~m, __ATOMIC_ACQ_REL);
}

static bool l2_is_pending(const struct domain *d, evtchn_port_t port)
{
    return test(d->shared_info->evtchn_pending, port);
}

/*
 * Only a port that really was masked is re-raised (as on Xen): a pending
 * unmasked port has been offered to the guest already.
 */
static bool l2_unmask(struct domain *d, struct vcpu *v, evtchn_port_t port)
{
    shared_info_t *s = d->shared_info;
    xen_ulong_t m = (xen_ulong_t)1 << (port % BITS_PER_XEN_ULONG);

    if ( !(__atomic_fetch_and(&s->evtchn_mask[port / BITS_PER_XEN_ULONG], ~m,
                              __ATOMIC_ACQ_REL) & m) )
        return false;
    return test(s->evtchn_pending, port) && raise_selector(v, port);
}

static bool l2_is_masked(const struct domain *d, evtchn_port_t port)
{
    return test(d->shared_info->evtchn_mask, port);
}

const struct evtchn_port_ops evtchn_port_ops_2l = {
    .nr_channels   = EVTCHN_2L_NR_CHANNELS,
    .set_pending   = l2_set_pending,
    .clear_pending = l2_clear_pending,
    .unmask        = l2_unmask,
    .is_pending    = l2_is_pending,
    .is_masked     = l2_is_masked,
};
