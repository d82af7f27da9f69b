/*
 * The FIFO event ABI.  Each port has a 32-bit event word in an array of
 * guest pages (PENDING, MASKED, LINKED and BUSY bits, and a LINK field
 * naming the next port of its queue).  Each vCPU registers a control
 * block holding, per priority, the head of a queue and a READY bit.  The
 * hypervisor appends at the tail it remembers; the guest consumes from
 * the head, concurrently, on another CPU perhaps.
 *
 * The guest owns all of that memory and may write anything into it at any
 * time.  So: the hypervisor never follows a LINK or reads a head (a
 * looping or dangling queue is the guest's problem only); the only guest
 * word it reads back is the tail's event word, once per atomic step, and
 * every retry loop is bounded.  The tail itself is hypervisor-private and
 * always a port that has an event word.
 *
 * Everything here runs under d->evtchn_port_lock (see private.h), which
 * is why the per-queue locks of Xen's implementation are not needed.
 */
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/sched.h>
#include <xen/string.h>
#include <xen/xmalloc.h>
#include <asm/mm.h>
#include "private.h"

#define WORDS_PER_PAGE  (PAGE_SIZE / sizeof(event_word_t))
#define MAX_ARRAY_PAGES (EVTCHN_FIFO_NR_CHANNELS / WORDS_PER_PAGE)

#define W_PENDING   (1u << EVTCHN_FIFO_PENDING)
#define W_MASKED    (1u << EVTCHN_FIFO_MASKED)
#define W_LINKED    (1u << EVTCHN_FIFO_LINKED)
#define W_BUSY      (1u << EVTCHN_FIFO_BUSY)

struct evtchn_fifo_queue {
    uint32_t *head;                     /* in the guest's control block */
    evtchn_port_t tail;                 /* 0: nothing linked by us */
    uint8_t priority;
};

struct evtchn_fifo_vcpu {
    struct page_info *control_page;     /* NULL until init_control */
    evtchn_fifo_control_block_t *control_block;
    struct evtchn_fifo_queue queue[EVTCHN_FIFO_MAX_QUEUES];
    struct evtchn_fifo_vcpu *next_detached;     /* evtchn_fifo_destroy() */
};

struct evtchn_fifo_domain {
    event_word_t *array[MAX_ARRAY_PAGES];
    unsigned int nr_words;              /* ports that have an event word */
};

static event_word_t *word_from_port(const struct domain *d, evtchn_port_t port)
{
    const struct evtchn_fifo_domain *fd = d->evtchn_fifo;

    if ( !fd || port >= fd->nr_words )
        return NULL;
    /* Keep the index in bounds under speculation too. */
    port &= -(evtchn_port_t)(port < fd->nr_words);
    return fd->array[port / WORDS_PER_PAGE] + port % WORDS_PER_PAGE;
}

static bool word_test_and_set(event_word_t *w, uint32_t bit)
{
    return __atomic_fetch_or(w, bit, __ATOMIC_ACQ_REL) & bit;
}

static bool word_test(const event_word_t *w, uint32_t bit)
{
    return __atomic_load_n(w, __ATOMIC_ACQUIRE) & bit;
}

static void word_clear(event_word_t *w, uint32_t bit)
{
    __atomic_fetch_and(w, ~bit, __ATOMIC_ACQ_REL);
}

/*
 * One attempt to point a LINKED word at `link`: 1 done, 0 the word is no
 * longer linked (the guest consumed it), -EAGAIN the word changed under
 * us (*w then holds its new value).  Clearing BUSY in the same write ends
 * the guest's wait in set_link().
 */
static int try_set_link(event_word_t *word, event_word_t *w, evtchn_port_t link)
{
    event_word_t new;

    if ( !(*w & W_LINKED) )
        return 0;
    new = (*w & ~(W_BUSY | EVTCHN_FIFO_LINK_MASK)) | link;
    return __atomic_compare_exchange_n(word, w, new, false, __ATOMIC_ACQ_REL,
                                       __ATOMIC_ACQUIRE) ? 1 : -EAGAIN;
}

/*
 * Links `link` after the tail word iff the tail is still LINKED; false if
 * the guest unlinked it first (the queue is then empty and the caller
 * writes the head instead).  While a word is LINKED the guest may only
 * flip MASKED, clear PENDING, or clear LINKED with LINK; setting BUSY
 * stops it unmasking, so among well-behaved guests four more tries
 * always suffice.  A guest that keeps rewriting the word gets its event
 * lost, not a hypervisor stuck in a loop.
 */
static bool set_link(event_word_t *word, evtchn_port_t link)
{
    event_word_t w = __atomic_load_n(word, __ATOMIC_ACQUIRE);
    unsigned int try;
    int rc;

    rc = try_set_link(word, &w, link);
    if ( rc >= 0 )
        return rc;
    __atomic_fetch_or(word, W_BUSY, __ATOMIC_ACQ_REL);
    w = __atomic_load_n(word, __ATOMIC_ACQUIRE);
    for ( try = 0; try < 4; try++ )
    {
        rc = try_set_link(word, &w, link);
        if ( rc == 0 )
            word_clear(word, W_BUSY);
        if ( rc >= 0 )
            return rc;
    }
    word_clear(word, W_BUSY);
    return true;
}

static struct evtchn_fifo_queue *last_queue(struct domain *d,
                                            const struct evtchn *chn)
{
    struct vcpu *v = chn->last_vcpu_id < d->max_vcpus ? d->vcpu[chn->last_vcpu_id]
                                                      : NULL;

    if ( !v || !v->evtchn_fifo )
        return NULL;
    return &v->evtchn_fifo->queue[chn->last_priority % EVTCHN_FIFO_MAX_QUEUES];
}

static bool fifo_set_pending(struct domain *d, struct vcpu *v, evtchn_port_t port)
{
    struct evtchn *chn = evtchn_from_port(d, port);
    struct evtchn_fifo_vcpu *fv = v->evtchn_fifo;
    struct evtchn_fifo_queue *q, *old_q;
    event_word_t *word = word_from_port(d, port);
    bool linked;

    /* No event word yet: remembered, raised when expand_array adds it. */
    if ( !word )
    {
        chn->fifo_pending = true;
        return false;
    }
    word_test_and_set(word, W_PENDING);

    /*
     * Without a control block the vCPU cannot have unmasked anything yet
     * (Linux registers it before it unmasks a port): pending is enough.
     */
    if ( !fv || !fv->control_block )
        return false;
    if ( word_test(word, W_MASKED) || word_test_and_set(word, W_LINKED) )
        return false;

    q = &fv->queue[chn->priority % EVTCHN_FIFO_MAX_QUEUES];
    /*
     * The port was the tail of the queue it was last linked to; that
     * queue is empty now that the guest unlinked it, and a later append
     * there must not link to a word that is now on another queue.
     */
    old_q = last_queue(d, chn);
    if ( old_q && old_q->tail == port )
        old_q->tail = 0;
    chn->last_vcpu_id = v->vcpu_id;
    chn->last_priority = q->priority;

    /* Here port itself looks LINKED, so a tail equal to it means empty. */
    linked = false;
    if ( q->tail && q->tail != port )
        linked = set_link(word_from_port(d, q->tail), port);
    if ( !linked )
        __atomic_store_n(q->head, port, __ATOMIC_RELEASE);
    q->tail = port;

    if ( linked ||
         (__atomic_fetch_or(&fv->control_block->ready, 1u << q->priority,
                            __ATOMIC_ACQ_REL) & (1u << q->priority)) )
        return false;
    return !__atomic_exchange_n(&v->vcpu_info->evtchn_upcall_pending, 1,
                                __ATOMIC_ACQ_REL);
}

/* The guest unlinks non-pending events itself, so only PENDING goes. */
static void fifo_clear_pending(struct domain *d, evtchn_port_t port)
{
    event_word_t *word = word_from_port(d, port);

    evtchn_from_port(d, port)->fifo_pending = false;
    if ( word )
        word_clear(word, W_PENDING);
}

static bool fifo_unmask(struct domain *d, struct vcpu *v, evtchn_port_t port)
{
    event_word_t *word = word_from_port(d, port);

    if ( !word )
        return false;
    word_clear(word, W_MASKED);
    return word_test(word, W_PENDING) && fifo_set_pending(d, v, port);
}

static bool fifo_is_pending(const struct domain *d, evtchn_port_t port)
{
    const event_word_t *word = word_from_port(d, port);

    return word && word_test(word, W_PENDING);
}

static bool fifo_is_masked(const struct domain *d, evtchn_port_t port)
{
    const event_word_t *word = word_from_port(d, port);

    return !word || word_test(word, W_MASKED);
}

/*
 * Only later events use the new queue; one already linked stays where it
 * is, which the tail bookkeeping in fifo_set_pending() copes with.
 */
static int fifo_set_priority(struct domain *d, evtchn_port_t port,
                             unsigned int priority)
{
    if ( priority > EVTCHN_FIFO_PRIORITY_MIN )
        return -EINVAL;
    evtchn_from_port(d, port)->priority = priority;
    return 0;
}

const struct evtchn_port_ops evtchn_port_ops_fifo = {
    .nr_channels   = EVTCHN_FIFO_NR_CHANNELS,
    .set_pending   = fifo_set_pending,
    .clear_pending = fifo_clear_pending,
    .unmask        = fifo_unmask,
    .is_pending    = fifo_is_pending,
    .is_masked     = fifo_is_masked,
    .set_priority  = fifo_set_priority,
};

/* --- Guest frames. */

/*
 * A frame of d's for the hypervisor to write into: a reference and a
 * writable type reference, so that it cannot become a page table or
 * descriptor page while we hold it.  PV guests name frames by MFN.
 */
static struct page_info *get_guest_frame(struct domain *d, uint64_t gfn)
{
    struct page_info *pg;

    if ( gfn != (mfn_t)gfn || !mfn_valid((mfn_t)gfn) )
        return NULL;
    pg = mfn_to_page((mfn_t)gfn);
    if ( get_page_and_type(pg, d, PGT_writable_page) )
        return NULL;
    return pg;
}

/* --- Switching ABIs. */

/* The vCPUs' FIFO state, allocated before the locks are taken. */
struct fifo_alloc {
    struct evtchn_fifo_domain *fd;
    struct evtchn_fifo_vcpu **fv;       /* [d->max_vcpus] */
};

static void free_fifo_alloc(struct domain *d, struct fifo_alloc *a)
{
    unsigned int i;

    for ( i = 0; a->fv && i < d->max_vcpus; i++ )
        xfree(a->fv[i]);
    xfree(a->fv);
    xfree(a->fd);
}

static int alloc_fifo(struct domain *d, struct fifo_alloc *a)
{
    unsigned int i, p;

    a->fd = xzalloc(struct evtchn_fifo_domain);
    a->fv = xzalloc_array(struct evtchn_fifo_vcpu *, d->max_vcpus);
    if ( !a->fd || !a->fv )
        return -ENOMEM;
    for ( i = 0; i < d->max_vcpus; i++ )
    {
        if ( !d->vcpu[i] )
            continue;
        a->fv[i] = xzalloc(struct evtchn_fifo_vcpu);
        if ( !a->fv[i] )
            return -ENOMEM;
        for ( p = 0; p < EVTCHN_FIFO_MAX_QUEUES; p++ )
            a->fv[i]->queue[p].priority = p;
    }
    return 0;
}

/*
 * Switches d from 2-level to FIFO, both locks held.  Bound ports keep
 * their binding; a port pending in the 2-level bitmap stays pending, to
 * be raised as soon as the guest gives it an event word.
 */
static void switch_to_fifo(struct domain *d, struct fifo_alloc *a)
{
    const struct evtchn_port_ops *old = d->evtchn_port_ops;
    evtchn_port_t port;
    unsigned int i;

    for ( port = 1; port < d->valid_evtchns && port < old->nr_channels; port++ )
    {
        struct evtchn *chn = evtchn_from_port(d, port);

        chn->fifo_pending = old->is_pending(d, port);
        chn->priority = EVTCHN_FIFO_PRIORITY_DEFAULT;
        chn->last_vcpu_id = 0;
        chn->last_priority = 0;
    }
    for ( i = 0; i < d->max_vcpus; i++ )
        if ( d->vcpu[i] )
        {
            d->vcpu[i]->evtchn_fifo = a->fv[i];
            a->fv[i] = NULL;
        }
    d->evtchn_fifo = a->fd;
    a->fd = NULL;
    d->evtchn_port_ops = &evtchn_port_ops_fifo;
}

/*
 * EVTCHNOP_init_control, with Xen 4.17's checks and errnos: -ENOENT for
 * a missing vCPU, -EINVAL for a block that crosses the page end or is not
 * 8-byte aligned, for a frame that is not the domain's writable RAM, and
 * for a second block on the same vCPU.
 */
long evtchn_fifo_init_control(struct domain *d, struct evtchn_init_control *ic)
{
    struct fifo_alloc a = { NULL, NULL };
    struct evtchn_fifo_vcpu *fv;
    struct page_info *pg;
    unsigned long flags;
    unsigned int offset = ic->offset, p;
    struct vcpu *v;
    long rc = 0;

    ic->link_bits = EVTCHN_FIFO_LINK_BITS;
    if ( ic->vcpu >= d->max_vcpus || !(v = d->vcpu[ic->vcpu]) )
        return -ENOENT;
    if ( offset > PAGE_SIZE - sizeof(evtchn_fifo_control_block_t) ||
         (offset & 7) )
        return -EINVAL;
    pg = get_guest_frame(d, ic->control_gfn);
    if ( !pg )
        return -EINVAL;
    /* The first block switches the domain; allocate outside the locks. */
    if ( !__atomic_load_n(&d->evtchn_fifo, __ATOMIC_ACQUIRE) &&
         (rc = alloc_fifo(d, &a)) )
        goto out;

    flags = spin_lock_irqsave(&d->event_lock);
    spin_lock(&d->evtchn_port_lock);
    if ( !d->evtchn_fifo )
    {
        if ( !a.fd )
            rc = -EAGAIN;               /* reset raced with us: retried */
        else
            switch_to_fifo(d, &a);
    }
    fv = v->evtchn_fifo;
    /* fv is there for every vCPU the domain had at the switch: all of them. */
    if ( !rc && (!fv || fv->control_block) )
        rc = -EINVAL;
    else if ( !rc )
    {
        fv->control_page = pg;
        fv->control_block = (void *)((char *)page_to_virt(pg) + offset);
        for ( p = 0; p < EVTCHN_FIFO_MAX_QUEUES; p++ )
        {
            fv->queue[p].head = &fv->control_block->head[p];
            fv->queue[p].tail = 0;
        }
        pg = NULL;
    }
    spin_unlock(&d->evtchn_port_lock);
    spin_unlock_irqrestore(&d->event_lock, flags);
 out:
    free_fifo_alloc(d, &a);
    if ( pg )
        put_page_and_type(pg);
    return rc;
}

/*
 * EVTCHNOP_expand_array: one more page of event words.  -EOPNOTSUPP
 * before init_control (Xen's answer); -ENOSPC once the array covers
 * every port the domain may use.
 */
long evtchn_fifo_expand_array(struct domain *d, uint64_t gfn,
                              evtchn_port_t *first, evtchn_port_t *end)
{
    struct evtchn_fifo_domain *fd;
    struct page_info *pg;
    unsigned long flags;
    long rc = 0;

    if ( !__atomic_load_n(&d->evtchn_fifo, __ATOMIC_ACQUIRE) )
        return -EOPNOTSUPP;
    pg = get_guest_frame(d, gfn);
    if ( !pg )
        return -EINVAL;

    flags = spin_lock_irqsave(&d->event_lock);
    spin_lock(&d->evtchn_port_lock);
    fd = d->evtchn_fifo;
    if ( !fd )
        rc = -EOPNOTSUPP;
    else if ( fd->nr_words >= EVTCHN_FIFO_NR_CHANNELS ||
              fd->nr_words > d->max_evtchn_port )
        rc = -ENOSPC;
    else
    {
        fd->array[fd->nr_words / WORDS_PER_PAGE] = page_to_virt(pg);
        *first = fd->nr_words;
        fd->nr_words += WORDS_PER_PAGE;
        *end = fd->nr_words;
        pg = NULL;
    }
    spin_unlock(&d->evtchn_port_lock);
    spin_unlock_irqrestore(&d->event_lock, flags);
    if ( pg )
        put_page_and_type(pg);
    return rc;
}

/*
 * Back to 2-level (EVTCHNOP_reset, domain destruction).  The state is
 * detached under both locks, so no raise can still be using it, and the
 * guest frames are released afterwards.
 */
void evtchn_fifo_destroy(struct domain *d)
{
    struct evtchn_fifo_vcpu *detached = NULL, *fv;
    struct evtchn_fifo_domain *fd;
    unsigned long flags;
    unsigned int i;

    flags = spin_lock_irqsave(&d->event_lock);
    spin_lock(&d->evtchn_port_lock);
    fd = d->evtchn_fifo;
    d->evtchn_fifo = NULL;
    d->evtchn_port_ops = &evtchn_port_ops_2l;
    /* vCPUs have FIFO state only while the domain does. */
    for ( i = 0; fd && i < d->max_vcpus; i++ )
        if ( d->vcpu[i] && (fv = d->vcpu[i]->evtchn_fifo) )
        {
            d->vcpu[i]->evtchn_fifo = NULL;
            fv->next_detached = detached;
            detached = fv;
        }
    spin_unlock(&d->evtchn_port_lock);
    spin_unlock_irqrestore(&d->event_lock, flags);

    while ( (fv = detached) )
    {
        detached = fv->next_detached;
        if ( fv->control_page )
            put_page_and_type(fv->control_page);
        xfree(fv);
    }
    for ( i = 0; fd && i < fd->nr_words / WORDS_PER_PAGE; i++ )
        put_page_and_type(virt_to_page(fd->array[i]));
    xfree(fd);
}
