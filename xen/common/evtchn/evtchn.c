/*
 * Event channels: ports, their bindings, and the event_channel_op and
 * SCHEDOP_poll hypercalls.
 *
 * A port is a domain-local number naming one end of a notification path:
 * to another domain's port (interdomain), to a VIRQ the hypervisor raises,
 * or to an IPI between the domain's own vCPUs.  How "pending" and
 * "masked" are kept in guest memory is the event ABI's business, reached
 * through d->evtchn_port_ops: 2l.c, the 2-level bitmaps in shared_info,
 * until the guest's first EVTCHNOP_init_control switches the domain to
 * fifo.c, the FIFO queues; EVTCHNOP_reset switches it back.
 *
 * Locking: d->event_lock protects the state of d's ports.  Binding or
 * closing an interdomain channel changes both ends, under both domains'
 * locks, taken lower domain id first.  Sending only needs the sender's
 * lock: the peer end cannot be unbound without it, so the peer domain
 * stays valid.  Marking the peer pending takes the peer's
 * evtchn_port_lock (private.h), the innermost lock of event delivery.
 */
#include <xen/errno.h>
#include <xen/event.h>
#include <xen/guest_access.h>
#include <xen/hypercall.h>
#include <xen/lib.h>
#include <xen/sched.h>
#include <xen/smp.h>
#include <xen/string.h>
#include <xen/xmalloc.h>
#include <public/event_channel.h>
#include <asm/current.h>
#include "private.h"

/*
 * Without a limit from the domain's creator, a domain may use every port
 * its event ABI can name, as Xen gives dom0 (max_evtchn_port -1); a
 * toolstack passes its own limit for guests (xl: 1023).
 */
#define DEFAULT_MAX_EVTCHN_PORT (EVTCHN_FIFO_NR_CHANNELS - 1)

/* A clamped port: the bounds check must also hold under speculation. */
static evtchn_port_t clamp_port(const struct domain *d, evtchn_port_t p)
{
    unsigned long n = d->valid_evtchns;

    return p & -(unsigned long)(p < n);
}

/* Xen's split: these VIRQs exist once per vCPU, all others once per domain. */
static bool virq_is_global(unsigned int virq)
{
    return virq != VIRQ_TIMER && virq != VIRQ_DEBUG && virq != VIRQ_XENOPROF &&
           virq != VIRQ_XENPMU;
}

/* --- Domain set-up. */

int evtchn_init(struct domain *d, unsigned int max_port)
{
    spin_lock_init_class(&d->event_lock, LOCK_CLASS_event);
    spin_lock_init_class(&d->evtchn_port_lock, LOCK_CLASS_evtchn_port);
    d->evtchn_port_ops = &evtchn_port_ops_2l;
    d->max_evtchn_port = MIN(max_port ? max_port : DEFAULT_MAX_EVTCHN_PORT,
                             (unsigned int)EVTCHN_FIFO_NR_CHANNELS - 1);
    d->evtchn_buckets = xzalloc_array(struct evtchn *, EVTCHN_NR_BUCKETS);
    if ( !d->evtchn_buckets )
        return -ENOMEM;
    d->evtchn_buckets[0] = xzalloc_array(struct evtchn, EVTCHNS_PER_BUCKET);
    if ( !d->evtchn_buckets[0] )
        return -ENOMEM;
    /* Port 0 is never a real channel. */
    d->evtchn_buckets[0][0].state = ECS_RESERVED;
    d->valid_evtchns = EVTCHNS_PER_BUCKET;
    return 0;
}

/* The highest port d may use: its creator's limit within its ABI's. */
static evtchn_port_t port_limit(const struct domain *d)
{
    return MIN(d->max_evtchn_port, d->evtchn_port_ops->nr_channels - 1);
}

/*
 * The lowest free port, with d's lock held; -EAGAIN when every allocated
 * port is in use but the limit allows more (the caller grows the table
 * with grow_ports() and retries), -ENOSPC at the limit.
 */
static int get_free_port(struct domain *d)
{
    evtchn_port_t p, limit = port_limit(d);

    for ( p = 0; p < d->valid_evtchns && p <= limit; p++ )
        if ( evtchn_from_port(d, p)->state == ECS_FREE )
            return p;
    return p <= limit ? -EAGAIN : -ENOSPC;
}

/* Takes a free port for a new binding; a new port has the default priority. */
static struct evtchn *claim_port(struct domain *d, evtchn_port_t port,
                                 uint8_t state, uint16_t vcpu)
{
    struct evtchn *chn = evtchn_from_port(d, port);

    chn->state = state;
    chn->notify_vcpu_id = vcpu;
    chn->priority = EVTCHN_FIFO_PRIORITY_DEFAULT;
    return chn;
}

/*
 * Adds a bucket of ports to d if it has no free one.  The event lock is
 * taken with interrupts off (VIRQs are raised from timer interrupts), and
 * the heap must not be entered that way, so the bucket is allocated, and
 * a surplus one freed, with the lock released.
 */
static int grow_ports(struct domain *d)
{
    struct evtchn *b;
    unsigned long flags;
    int rc;

    flags = spin_lock_irqsave(&d->event_lock);
    rc = get_free_port(d);
    spin_unlock_irqrestore(&d->event_lock, flags);
    if ( rc != -EAGAIN )
        return 0;

    b = xzalloc_array(struct evtchn, EVTCHNS_PER_BUCKET);
    if ( !b )
        return -ENOMEM;
    flags = spin_lock_irqsave(&d->event_lock);
    if ( get_free_port(d) == -EAGAIN )
    {
        d->evtchn_buckets[d->valid_evtchns / EVTCHNS_PER_BUCKET] = b;
        /* Pairs with port_is_valid(): the bucket is there before the bound. */
        __atomic_store_n(&d->valid_evtchns, d->valid_evtchns + EVTCHNS_PER_BUCKET,
                         __ATOMIC_RELEASE);
        b = NULL;
    }
    spin_unlock_irqrestore(&d->event_lock, flags);
    xfree(b);
    return 0;
}

/* --- Delivery. */

static void poll_wakeup(struct vcpu *v);

static void vcpu_kick(struct vcpu *v)
{
    /* A deliverable event ends a poll too; its timer must not fire later. */
    if ( __atomic_load_n(&v->poll_active, __ATOMIC_ACQUIRE) )
        poll_wakeup(v);
    else if ( v->pause_flags & VPF_blocked )
        vcpu_pause_flag_clear(v, _VPF_blocked);
    else if ( v->is_running && v->sched_unit.processor != smp_processor_id() )
        smp_send_event_check(v->sched_unit.processor);
}

static void poll_wakeup(struct vcpu *v)
{
    stop_timer(&v->poll_timer);
    __atomic_store_n(&v->poll_active, false, __ATOMIC_RELEASE);
    vcpu_pause_flag_clear(v, _VPF_blocked);
}

/*
 * Polling vCPUs wait for a port even while it is masked.  As on Xen, only
 * a poll of exactly one port is that specific; a poll of none or several
 * ends with any port of the domain.
 */
static void check_pollers(struct domain *d, evtchn_port_t port)
{
    unsigned int i, j;

    for ( i = 0; i < d->max_vcpus; i++ )
    {
        struct vcpu *v = d->vcpu[i];

        if ( !v || !__atomic_load_n(&v->poll_active, __ATOMIC_ACQUIRE) )
            continue;
        if ( v->poll_nr != 1 )
        {
            poll_wakeup(v);
            continue;
        }
        for ( j = 0; j < v->poll_nr; j++ )
            if ( v->poll_ports[j] == port )
            {
                poll_wakeup(v);
                break;
            }
    }
}

/*
 * The ABI dispatch.  The ABI is looked at under evtchn_port_lock, so it
 * cannot change under an operation, and a port beyond what the current
 * ABI can name (the domain went back to 2-level) is left alone.
 */
static struct vcpu *notify_vcpu(const struct domain *d, evtchn_port_t port)
{
    struct vcpu *v = d->vcpu[evtchn_from_port(d, port)->notify_vcpu_id];

    return v ?: d->vcpu[0];
}

static void port_set_pending(struct domain *d, evtchn_port_t port)
{
    struct vcpu *v = notify_vcpu(d, port);
    unsigned long flags;
    bool kick = false;

    flags = spin_lock_irqsave(&d->evtchn_port_lock);
    if ( port < d->evtchn_port_ops->nr_channels )
        kick = d->evtchn_port_ops->set_pending(d, v, port);
    spin_unlock_irqrestore(&d->evtchn_port_lock, flags);
    if ( kick )
        vcpu_kick(v);
}

static void port_clear_pending(struct domain *d, evtchn_port_t port)
{
    unsigned long flags;

    flags = spin_lock_irqsave(&d->evtchn_port_lock);
    if ( port < d->evtchn_port_ops->nr_channels )
        d->evtchn_port_ops->clear_pending(d, port);
    spin_unlock_irqrestore(&d->evtchn_port_lock, flags);
}

static void port_unmask(struct domain *d, evtchn_port_t port)
{
    struct vcpu *v = notify_vcpu(d, port);
    unsigned long flags;
    bool kick = false;

    flags = spin_lock_irqsave(&d->evtchn_port_lock);
    if ( port < d->evtchn_port_ops->nr_channels )
        kick = d->evtchn_port_ops->unmask(d, v, port);
    spin_unlock_irqrestore(&d->evtchn_port_lock, flags);
    if ( kick )
        vcpu_kick(v);
}

static bool port_is_pending(struct domain *d, evtchn_port_t port)
{
    unsigned long flags;
    bool pending = false;

    flags = spin_lock_irqsave(&d->evtchn_port_lock);
    if ( port < d->evtchn_port_ops->nr_channels )
        pending = d->evtchn_port_ops->is_pending(d, port);
    spin_unlock_irqrestore(&d->evtchn_port_lock, flags);
    return pending;
}

static void evtchn_raise(struct domain *d, evtchn_port_t port)
{
    port_set_pending(d, port);
    check_pollers(d, port);
}

void vcpu_mark_events_pending(struct vcpu *v)
{
    if ( !__atomic_exchange_n(&v->vcpu_info->evtchn_upcall_pending, 1,
                              __ATOMIC_ACQ_REL) )
        vcpu_kick(v);
}

void send_guest_vcpu_virq(struct vcpu *v, unsigned int virq)
{
    struct domain *d = v->domain;
    unsigned long flags;
    evtchn_port_t port;

    flags = spin_lock_irqsave(&d->event_lock);
    port = v->virq_to_evtchn[virq];
    if ( port )
        evtchn_raise(d, port);
    spin_unlock_irqrestore(&d->event_lock, flags);
}

void send_global_virq(struct domain *d, unsigned int virq)
{
    if ( d && d->vcpu[0] )
        send_guest_vcpu_virq(d->vcpu[0], virq);
}

void send_timer_event(struct vcpu *v)
{
    send_guest_vcpu_virq(v, VIRQ_TIMER);
}

/* --- Operations. */

static struct domain *target_domain(domid_t dom, int *rc)
{
    struct domain *curr = current->domain, *d;

    *rc = 0;
    if ( dom == DOMID_SELF || dom == curr->domain_id )
    {
        get_domain_ref(curr);
        return curr;
    }
    if ( !curr->is_privileged )
    {
        *rc = -EPERM;
        return NULL;
    }
    d = get_domain_by_id(dom);
    if ( !d )
        *rc = -ESRCH;
    return d;
}

int evtchn_alloc_unbound_in(struct domain *d, domid_t remote)
{
    unsigned long flags;
    int rc, port;

    rc = grow_ports(d);
    if ( rc )
        return rc;
    flags = spin_lock_irqsave(&d->event_lock);
    port = get_free_port(d);
    if ( port >= 0 )
        claim_port(d, port, ECS_UNBOUND, 0)->u.unbound_remote = remote;
    spin_unlock_irqrestore(&d->event_lock, flags);
    return port;
}

static long evtchn_alloc_unbound(evtchn_alloc_unbound_t *a)
{
    struct domain *d;
    int rc, port;

    d = target_domain(a->dom, &rc);
    if ( !d )
        return rc;
    port = evtchn_alloc_unbound_in(d, a->remote_dom == DOMID_SELF
                                      ? current->domain->domain_id : a->remote_dom);
    put_domain(d);
    if ( port < 0 )
        return port;
    a->port = port;
    return 0;
}

static unsigned long double_event_lock(struct domain *a, struct domain *b)
{
    unsigned long flags;

    if ( a == b )
        return spin_lock_irqsave(&a->event_lock);
    /* Same class twice: the order is by domain id. */
    if ( a->domain_id < b->domain_id )
    {
        flags = spin_lock_irqsave(&a->event_lock);
        spin_lock_nested(&b->event_lock);
    }
    else
    {
        flags = spin_lock_irqsave(&b->event_lock);
        spin_lock_nested(&a->event_lock);
    }
    return flags;
}

static void double_event_unlock(struct domain *a, struct domain *b,
                                unsigned long flags)
{
    struct domain *first = a->domain_id < b->domain_id ? a : b;

    if ( a != b )
        spin_unlock(&(first == a ? b : a)->event_lock);
    spin_unlock_irqrestore(&first->event_lock, flags);
}

static long evtchn_bind_interdomain(evtchn_bind_interdomain_t *b)
{
    struct domain *ld = current->domain, *rd;
    struct evtchn *lchn, *rchn;
    unsigned long flags;
    evtchn_port_t rport = b->remote_port;
    int lport, rc;

    rc = grow_ports(ld);
    if ( rc )
        return rc;
    rd = b->remote_dom == DOMID_SELF ? ld : get_domain_by_id(b->remote_dom);
    if ( !rd )
        return -ESRCH;
    if ( rd == ld )
        get_domain_ref(ld);
    flags = double_event_lock(ld, rd);
    rc = -EINVAL;
    if ( !port_is_valid(rd, rport) )
        goto out;
    rchn = evtchn_from_port(rd, clamp_port(rd, rport));
    if ( rchn->state != ECS_UNBOUND || rchn->u.unbound_remote != ld->domain_id )
        goto out;
    lport = get_free_port(ld);
    if ( lport < 0 )
    {
        rc = lport;
        goto out;
    }
    lchn = claim_port(ld, lport, ECS_INTERDOMAIN, 0);
    lchn->u.interdomain.dom = rd;
    lchn->u.interdomain.port = rport;
    rchn->state = ECS_INTERDOMAIN;
    rchn->u.interdomain.dom = ld;
    rchn->u.interdomain.port = lport;
    b->local_port = lport;
    /* The binder is told at once, so it cannot miss an earlier send. */
    evtchn_raise(ld, lport);
    rc = 0;
 out:
    double_event_unlock(ld, rd, flags);
    put_domain(rd);
    return rc;
}

static long evtchn_bind_virq(evtchn_bind_virq_t *b)
{
    struct domain *d = current->domain;
    struct vcpu *v;
    unsigned long flags;
    int port;

    if ( b->virq >= NR_VIRQS )
        return -EINVAL;
    /* Global VIRQs go to vCPU 0 (bind_vcpu moves them); Xen checks this first. */
    if ( virq_is_global(b->virq) && b->vcpu != 0 )
        return -EINVAL;
    if ( b->vcpu >= d->max_vcpus || !(v = d->vcpu[b->vcpu]) )
        return -ENOENT;
    port = grow_ports(d);
    if ( port )
        return port;
    flags = spin_lock_irqsave(&d->event_lock);
    if ( v->virq_to_evtchn[b->virq] )
    {
        spin_unlock_irqrestore(&d->event_lock, flags);
        return -EEXIST;
    }
    port = get_free_port(d);
    if ( port >= 0 )
    {
        struct evtchn *chn = claim_port(d, port, ECS_VIRQ, b->vcpu);

        chn->u.virq = b->virq;
        v->virq_to_evtchn[b->virq] = port;
        b->port = port;
    }
    spin_unlock_irqrestore(&d->event_lock, flags);
    return port < 0 ? port : 0;
}

static long evtchn_bind_ipi(evtchn_bind_ipi_t *b)
{
    struct domain *d = current->domain;
    unsigned long flags;
    int port;

    if ( b->vcpu >= d->max_vcpus || !d->vcpu[b->vcpu] )
        return -ENOENT;
    port = grow_ports(d);
    if ( port )
        return port;
    flags = spin_lock_irqsave(&d->event_lock);
    port = get_free_port(d);
    if ( port >= 0 )
    {
        claim_port(d, port, ECS_IPI, b->vcpu);
        b->port = port;
    }
    spin_unlock_irqrestore(&d->event_lock, flags);
    return port < 0 ? port : 0;
}

/* Closes d's port; the caller holds d's lock (and the peer's if bound). */
static void close_locked(struct domain *d, evtchn_port_t port)
{
    struct evtchn *chn = evtchn_from_port(d, port);

    switch ( chn->state )
    {
    case ECS_VIRQ:
        if ( d->vcpu[chn->notify_vcpu_id] )
            d->vcpu[chn->notify_vcpu_id]->virq_to_evtchn[chn->u.virq] = 0;
        break;
    case ECS_INTERDOMAIN:
    {
        struct evtchn *peer = evtchn_from_port(chn->u.interdomain.dom,
                                               chn->u.interdomain.port);

        /* The other end goes back to waiting for d. */
        peer->state = ECS_UNBOUND;
        peer->u.unbound_remote = d->domain_id;
        break;
    }
    }
    port_clear_pending(d, port);
    /* The FIFO fields stay: see struct evtchn. */
    chn->state = ECS_FREE;
    chn->notify_vcpu_id = 0;
    memset(&chn->u, 0, sizeof(chn->u));
}

static long evtchn_close_port(struct domain *d, evtchn_port_t port)
{
    struct domain *peer = NULL;
    struct evtchn *chn;
    unsigned long flags;

    for ( ; ; )
    {
        flags = spin_lock_irqsave(&d->event_lock);
        if ( !port_is_valid(d, port) )
        {
            spin_unlock_irqrestore(&d->event_lock, flags);
            return -EINVAL;
        }
        port = clamp_port(d, port);
        chn = evtchn_from_port(d, port);
        if ( chn->state == ECS_FREE || chn->state == ECS_RESERVED )
        {
            spin_unlock_irqrestore(&d->event_lock, flags);
            return -EINVAL;             /* port 0 cannot be closed either */
        }
        if ( chn->state != ECS_INTERDOMAIN || chn->u.interdomain.dom == d )
            break;
        /* Both locks needed, in order: retry holding both. */
        peer = chn->u.interdomain.dom;
        get_domain_ref(peer);
        spin_unlock_irqrestore(&d->event_lock, flags);
        flags = double_event_lock(d, peer);
        chn = evtchn_from_port(d, port);
        if ( chn->state == ECS_INTERDOMAIN && chn->u.interdomain.dom == peer )
        {
            close_locked(d, port);
            double_event_unlock(d, peer, flags);
            put_domain(peer);
            return 0;
        }
        double_event_unlock(d, peer, flags);
        put_domain(peer);
    }
    close_locked(d, port);
    spin_unlock_irqrestore(&d->event_lock, flags);
    return 0;
}

long evtchn_send(struct domain *d, evtchn_port_t port)
{
    struct evtchn *chn;
    unsigned long flags;
    long rc = 0;

    flags = spin_lock_irqsave(&d->event_lock);
    if ( !port_is_valid(d, port) )
    {
        spin_unlock_irqrestore(&d->event_lock, flags);
        return -EINVAL;
    }
    chn = evtchn_from_port(d, clamp_port(d, port));
    switch ( chn->state )
    {
    case ECS_INTERDOMAIN:
        evtchn_raise(chn->u.interdomain.dom, chn->u.interdomain.port);
        break;
    case ECS_IPI:
        evtchn_raise(d, port);
        break;
    case ECS_UNBOUND:
        break;                          /* nobody to tell yet */
    default:
        rc = -EINVAL;
    }
    spin_unlock_irqrestore(&d->event_lock, flags);
    return rc;
}

static long evtchn_status(evtchn_status_t *s)
{
    struct domain *d;
    struct evtchn *chn;
    unsigned long flags;
    int rc;

    d = target_domain(s->dom, &rc);
    if ( !d )
        return rc;
    flags = spin_lock_irqsave(&d->event_lock);
    rc = -EINVAL;
    if ( !port_is_valid(d, s->port) )
        goto out;
    chn = evtchn_from_port(d, clamp_port(d, s->port));
    s->vcpu = chn->notify_vcpu_id;
    rc = 0;
    switch ( chn->state )
    {
    case ECS_FREE:
    case ECS_RESERVED:
        s->status = EVTCHNSTAT_closed;
        break;
    case ECS_UNBOUND:
        s->status = EVTCHNSTAT_unbound;
        s->u.unbound.dom = chn->u.unbound_remote;
        break;
    case ECS_INTERDOMAIN:
        s->status = EVTCHNSTAT_interdomain;
        s->u.interdomain.dom = chn->u.interdomain.dom->domain_id;
        s->u.interdomain.port = chn->u.interdomain.port;
        break;
    case ECS_VIRQ:
        s->status = EVTCHNSTAT_virq;
        s->u.virq = chn->u.virq;
        break;
    case ECS_IPI:
        s->status = EVTCHNSTAT_ipi;
        break;
    }
 out:
    spin_unlock_irqrestore(&d->event_lock, flags);
    put_domain(d);
    return rc;
}

static long evtchn_bind_vcpu(evtchn_bind_vcpu_t *b)
{
    struct domain *d = current->domain;
    struct evtchn *chn;
    unsigned long flags;
    long rc = 0;

    if ( b->vcpu >= d->max_vcpus || !d->vcpu[b->vcpu] )
        return -ENOENT;
    flags = spin_lock_irqsave(&d->event_lock);
    if ( !port_is_valid(d, b->port) )
        rc = -EINVAL;
    else
    {
        chn = evtchn_from_port(d, clamp_port(d, b->port));
        /* Per-vCPU VIRQs and IPIs belong to their vCPU. */
        if ( chn->state == ECS_UNBOUND || chn->state == ECS_INTERDOMAIN ||
             (chn->state == ECS_VIRQ && virq_is_global(chn->u.virq)) )
            chn->notify_vcpu_id = b->vcpu;
        else
            rc = -EINVAL;
    }
    spin_unlock_irqrestore(&d->event_lock, flags);
    return rc;
}

static long evtchn_unmask(evtchn_port_t port)
{
    struct domain *d = current->domain;

    if ( !port_is_valid(d, port) )
        return -EINVAL;
    port_unmask(d, clamp_port(d, port));
    return 0;
}

/* -EINVAL for a bad port first, then -ENOSYS from an ABI without priorities. */
static long evtchn_set_priority(const evtchn_set_priority_t *sp)
{
    struct domain *d = current->domain;
    evtchn_port_t port = sp->port;
    unsigned long flags;
    long rc = -ENOSYS;

    if ( !port_is_valid(d, port) )
        return -EINVAL;
    port = clamp_port(d, port);
    flags = spin_lock_irqsave(&d->evtchn_port_lock);
    if ( d->evtchn_port_ops->set_priority )
        rc = d->evtchn_port_ops->set_priority(d, port, sp->priority);
    spin_unlock_irqrestore(&d->evtchn_port_lock, flags);
    return rc;
}

static long evtchn_init_control(evtchn_init_control_t *ic)
{
    return evtchn_fifo_init_control(current->domain, ic);
}

/*
 * A new page of event words may cover ports raised while they had none:
 * they are raised now, as Xen does.
 */
static long evtchn_expand_array(const evtchn_expand_array_t *ea)
{
    struct domain *d = current->domain;
    evtchn_port_t port, end;
    unsigned long flags;
    long rc;

    rc = evtchn_fifo_expand_array(d, ea->array_gfn, &port, &end);
    for ( ; !rc && port < end && port_is_valid(d, port); port++ )
    {
        struct evtchn *chn = evtchn_from_port(d, port);
        bool raise;

        flags = spin_lock_irqsave(&d->evtchn_port_lock);
        raise = chn->fifo_pending;
        chn->fifo_pending = false;
        spin_unlock_irqrestore(&d->evtchn_port_lock, flags);
        if ( raise )
            port_set_pending(d, port);
    }
    return rc;
}

/* Closes every port of d (domain destruction, EVTCHNOP_reset). */
void evtchn_destroy(struct domain *d)
{
    evtchn_port_t port;
    unsigned int i;

    if ( !d->evtchn_buckets )
        return;
    for ( port = 1; port < d->valid_evtchns; port++ )
        evtchn_close_port(d, port);
    evtchn_fifo_destroy(d);
    for ( i = 0; i < EVTCHN_NR_BUCKETS; i++ )
        xfree(d->evtchn_buckets[i]);
    xfree(d->evtchn_buckets);
    d->evtchn_buckets = NULL;
    d->valid_evtchns = 0;
}

/*
 * EVTCHNOP_reset: every port of the domain closed, as before kexec, and
 * the domain back on the 2-level ABI (the FIFO pages released).  Xen
 * lets a toolstack reset another domain only while it holds it paused;
 * Tessera's callers have no such pause, so only a domain's own reset is
 * accepted.
 */
static long evtchn_reset(evtchn_reset_t *r)
{
    struct domain *d;
    evtchn_port_t port;
    int rc;

    d = target_domain(r->dom, &rc);
    if ( !d )
        return rc;
    if ( d != current->domain )
        rc = -EINVAL;
    else
    {
        for ( port = 1; port < d->valid_evtchns; port++ )
            evtchn_close_port(d, port);
        evtchn_fifo_destroy(d);
    }
    put_domain(d);
    return rc;
}

/* --- SCHEDOP_poll. */

static void poll_timeout(void *data)
{
    struct vcpu *v = data;

    if ( __atomic_load_n(&v->poll_active, __ATOMIC_ACQUIRE) )
        poll_wakeup(v);
}

void evtchn_vcpu_init(struct vcpu *v)
{
    init_timer(&v->poll_timer, poll_timeout, v, 0);
}

/*
 * SCHEDOP_poll, in Xen's order: the argument checks, then "an event is
 * deliverable" (return at once), then each port in turn (an invalid one
 * fails, a pending one returns at once), then sleep until a listed port
 * (any port, unless exactly one is listed) is raised or the timeout,
 * absolute system time, passes.
 */
long sched_poll(struct vcpu *v, XEN_GUEST_HANDLE_PARAM(void) arg)
{
    struct domain *d = v->domain;
    struct sched_poll p;
    unsigned int i;
    long rc = 0;

    if ( copy_from_guest(&p, guest_handle_cast(arg, sched_poll_t), 1) )
        return -EFAULT;
    if ( p.nr_ports > MAX_POLL_PORTS )
        return -EINVAL;
    if ( copy_from_guest(v->poll_ports, p.ports, p.nr_ports) )
        return -EFAULT;
    v->poll_nr = p.nr_ports;

    /* Announce the poll before looking, so a racing send sees it. */
    __atomic_store_n(&v->poll_active, true, __ATOMIC_SEQ_CST);
    __atomic_fetch_or(&v->pause_flags, VPF_blocked, __ATOMIC_ACQ_REL);
    if ( ACCESS_ONCE(v->vcpu_info->evtchn_upcall_pending) &&
         !ACCESS_ONCE(v->vcpu_info->evtchn_upcall_mask) )
        goto out;
    for ( i = 0; i < p.nr_ports; i++ )
    {
        rc = -EINVAL;
        if ( !port_is_valid(d, v->poll_ports[i]) )
            goto out;
        rc = 0;
        if ( port_is_pending(d, clamp_port(d, v->poll_ports[i])) )
            goto out;
    }
    if ( p.timeout )
    {
        stop_timer(&v->poll_timer);
        v->poll_timer.cpu = v->sched_unit.processor;
        set_timer(&v->poll_timer, p.timeout);
    }
    vcpu_sleep_nosync(v);
    return 0;
 out:
    __atomic_store_n(&v->poll_active, false, __ATOMIC_RELEASE);
    __atomic_fetch_and(&v->pause_flags, ~VPF_blocked, __ATOMIC_ACQ_REL);
    return rc;
}

/* --- The hypercall. */

#define EVTCHN_OP(type, worker)                                             \
    do {                                                                    \
        type op_;                                                           \
        long rc_;                                                           \
        if ( copy_from_guest(&op_, guest_handle_cast(arg, type), 1) )       \
            return -EFAULT;                                                 \
        /* -EAGAIN: a racing bind took the port grow_ports() made. */     \
        while ( (rc_ = worker(&op_)) == -EAGAIN )                           \
            continue;                                                       \
        if ( !rc_ && copy_to_guest(guest_handle_cast(arg, type), &op_, 1) ) \
            rc_ = -EFAULT;                                                  \
        return rc_;                                                         \
    } while ( 0 )

long do_event_channel_op(int cmd, XEN_GUEST_HANDLE_PARAM(void) arg)
{
    struct domain *d = current->domain;

    switch ( cmd )
    {
    case EVTCHNOP_alloc_unbound:
        EVTCHN_OP(evtchn_alloc_unbound_t, evtchn_alloc_unbound);
    case EVTCHNOP_bind_interdomain:
        EVTCHN_OP(evtchn_bind_interdomain_t, evtchn_bind_interdomain);
    case EVTCHNOP_bind_virq:
        EVTCHN_OP(evtchn_bind_virq_t, evtchn_bind_virq);
    case EVTCHNOP_bind_ipi:
        EVTCHN_OP(evtchn_bind_ipi_t, evtchn_bind_ipi);
    case EVTCHNOP_status:
        EVTCHN_OP(evtchn_status_t, evtchn_status);
    case EVTCHNOP_bind_vcpu:
        EVTCHN_OP(evtchn_bind_vcpu_t, evtchn_bind_vcpu);
    case EVTCHNOP_close:
    {
        evtchn_close_t c;

        if ( copy_from_guest(&c, guest_handle_cast(arg, evtchn_close_t), 1) )
            return -EFAULT;
        return evtchn_close_port(d, c.port);
    }
    case EVTCHNOP_send:
    {
        evtchn_send_t s;

        if ( copy_from_guest(&s, guest_handle_cast(arg, evtchn_send_t), 1) )
            return -EFAULT;
        return evtchn_send(d, s.port);
    }
    case EVTCHNOP_unmask:
    {
        evtchn_unmask_t u;

        if ( copy_from_guest(&u, guest_handle_cast(arg, evtchn_unmask_t), 1) )
            return -EFAULT;
        return evtchn_unmask(u.port);
    }
    case EVTCHNOP_reset:
        EVTCHN_OP(evtchn_reset_t, evtchn_reset);
    case EVTCHNOP_bind_pirq:
        return -EPERM;                  /* no physical interrupts for guests */
    case EVTCHNOP_init_control:
        EVTCHN_OP(evtchn_init_control_t, evtchn_init_control);
    case EVTCHNOP_expand_array:
    {
        evtchn_expand_array_t ea;

        if ( copy_from_guest(&ea, guest_handle_cast(arg, evtchn_expand_array_t), 1) )
            return -EFAULT;
        return evtchn_expand_array(&ea);
    }
    case EVTCHNOP_set_priority:
    {
        evtchn_set_priority_t sp;

        if ( copy_from_guest(&sp, guest_handle_cast(arg, evtchn_set_priority_t), 1) )
            return -EFAULT;
        return evtchn_set_priority(&sp);
    }
    }
    hypercall_log_unknown(__HYPERVISOR_event_channel_op, cmd);
    return -ENOSYS;
}
