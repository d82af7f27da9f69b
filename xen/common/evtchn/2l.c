/*
 * The 2-level event ABI: one pending and one mask bit per port in
 * shared_info, and in each vcpu_info a selector word saying which words
 * of the pending bitmap to look at.  Guests clear pending bits and set
 * mask bits themselves; the hypervisor sets pending, and on unmask
 * re-raises what became deliverable.  Everything here is lock-free
 * atomic bit work on guest-shared memory.
 */
#include <xen/event.h>
#include <xen/sched.h>

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

bool evtchn_2l_set_pending(struct domain *d, struct vcpu *v, evtchn_port_t port)
{
    shared_info_t *s = d->shared_info;

    if ( test_and_set(s->evtchn_pending, port) )
        return false;
    if ( test(s->evtchn_mask, port) )
        return false;
    return raise_selector(v, port);
}

void evtchn_2l_clear_pending(struct domain *d, evtchn_port_t port)
{
    xen_ulong_t m = (xen_ulong_t)1 << (port % BITS_PER_XEN_ULONG);

    __atomic_fetch_and(&d->shared_info->evtchn_pending[port / BITS_PER_XEN_ULONG],
                       ~m, __ATOMIC_ACQ_REL);
}

bool evtchn_2l_is_pending(struct domain *d, evtchn_port_t port)
{
    return test(d->shared_info->evtchn_pending, port);
}

/*
 * Only a port that really was masked is re-raised (as on Xen): a pending
 * unmasked port has been offered to the guest already.
 */
bool evtchn_2l_unmask(struct domain *d, struct vcpu *v, evtchn_port_t port)
{
    shared_info_t *s = d->shared_info;
    xen_ulong_t m = (xen_ulong_t)1 << (port % BITS_PER_XEN_ULONG);

    if ( !(__atomic_fetch_and(&s->evtchn_mask[port / BITS_PER_XEN_ULONG], ~m,
                              __ATOMIC_ACQ_REL) & m) )
        return false;
    return test(s->evtchn_pending, port) && raise_selector(v, port);
}
