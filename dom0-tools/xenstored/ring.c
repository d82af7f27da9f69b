/*
 * Shared-ring transport (see ring.h).
 *
 * Barriers: the guest writes bytes then its producer index; we read the
 * producer index, then (after a full barrier) the bytes, then (after another
 * barrier, our reads done) publish our consumer index.  Replies mirror it:
 * bytes, write barrier, producer index.  Each pairs with the guest's
 * counterpart in its xenbus driver.
 */
#include <string.h>

#include "ring.h"

#define READ_ONCE(x)      (*(const volatile __typeof__(x) *)&(x))
#define WRITE_ONCE(x, v)  (*(volatile __typeof__(x) *)&(x) = (v))
#define wmb()             __atomic_thread_fence(__ATOMIC_RELEASE)
#define mb()              __atomic_thread_fence(__ATOMIC_SEQ_CST)

static void ring_error(struct xs_ring *r, uint32_t err)
{
    WRITE_ONCE(r->intf->error, err);
    r->broken = true;
}

/* Copy out of a ring that may wrap; the offset is masked once here. */
static void copy_from_ring(void *dst, const char *ring, XENSTORE_RING_IDX idx,
                           unsigned int len)
{
    unsigned int off = MASK_XENSTORE_IDX(idx);
    unsigned int first = XENSTORE_RING_SIZE - off;

    if ( first > len )
        first = len;
    memcpy(dst, ring + off, first);
    memcpy((char *)dst + first, ring, len - first);
}

static void copy_to_ring(char *ring, XENSTORE_RING_IDX idx, const void *src,
                         unsigned int len)
{
    unsigned int off = MASK_XENSTORE_IDX(idx);
    unsigned int first = XENSTORE_RING_SIZE - off;

    if ( first > len )
        first = len;
    memcpy(ring + off, src, first);
    memcpy(ring, (const char *)src + first, len - first);
}

/*
 * Bytes between a consumer and a producer index, each read once; more
 * than a ring's worth means the guest scribbled on them.  The full barrier
 * orders these index reads before our accesses to the ring's bytes.
 */
static int ring_fill(struct xs_ring *r, const XENSTORE_RING_IDX *consp,
                     const XENSTORE_RING_IDX *prodp, XENSTORE_RING_IDX *cons,
                     XENSTORE_RING_IDX *prod)
{
    if ( r->broken )
        return -1;
    *cons = READ_ONCE(*consp);
    *prod = READ_ONCE(*prodp);
    mb();
    if ( *prod - *cons > XENSTORE_RING_SIZE )
    {
        ring_error(r, XENSTORE_ERROR_RINGIDX);
        return -1;
    }
    return *prod - *cons;
}

int xs_ring_read(struct xs_ring *r, void *buf, unsigned int len)
{
    struct xenstore_domain_interface *intf = r->intf;
    XENSTORE_RING_IDX cons, prod;
    int avail = ring_fill(r, &intf->req_cons, &intf->req_prod, &cons, &prod);

    if ( avail < 0 )
        return -1;
    if ( (unsigned int)avail < len )
        len = avail;
    if ( !len )
        return 0;
    copy_from_ring(buf, intf->req, cons, len);
    mb();
    WRITE_ONCE(intf->req_cons, cons + len);
    r->notify(r);
    return len;
}

int xs_ring_write(struct xs_ring *r, const void *buf, unsigned int len)
{
    struct xenstore_domain_interface *intf = r->intf;
    XENSTORE_RING_IDX cons, prod;
    int used = ring_fill(r, &intf->rsp_cons, &intf->rsp_prod, &cons, &prod);

    if ( used < 0 )
        return -1;
    if ( len > XENSTORE_RING_SIZE - (unsigned int)used )
        len = XENSTORE_RING_SIZE - (unsigned int)used;
    if ( !len )
        return 0;
    copy_to_ring(intf->rsp, prod, buf, len);
    wmb();
    WRITE_ONCE(intf->rsp_prod, prod + len);
    r->notify(r);
    return len;
}

/*
 * A guest asks for a fresh start (kexec, resume) by writing RECONNECT: we
 * drop its watches, transactions and half-read messages, zero the indexes
 * and answer CONNECTED.  Returns true if that happened.
 */
bool xs_ring_check_reconnect(struct xs_conn *c)
{
    struct xs_ring *r = c->tp_priv;
    struct xenstore_domain_interface *intf = r->intf;

    if ( READ_ONCE(intf->connection) != XENSTORE_RECONNECT )
        return false;
    conn_reset(c);
    WRITE_ONCE(intf->req_cons, 0);
    WRITE_ONCE(intf->req_prod, 0);
    WRITE_ONCE(intf->rsp_cons, 0);
    WRITE_ONCE(intf->rsp_prod, 0);
    WRITE_ONCE(intf->error, XENSTORE_ERROR_NONE);
    r->broken = false;
    wmb();
    WRITE_ONCE(intf->connection, XENSTORE_CONNECTED);
    r->notify(r);
    return true;
}

/* What the server advertises when it takes a page over. */
void xs_ring_init_page(struct xs_ring *r)
{
    WRITE_ONCE(r->intf->server_features,
               XENSTORE_SERVER_FEATURE_RECONNECTION |
               XENSTORE_SERVER_FEATURE_ERROR);
    WRITE_ONCE(r->intf->error, XENSTORE_ERROR_NONE);
}

static int ring_read(struct xs_conn *c, void *buf, unsigned int len)
{
    return xs_ring_read(c->tp_priv, buf, len);
}

static int ring_write(struct xs_conn *c, const void *buf, unsigned int len)
{
    return xs_ring_write(c->tp_priv, buf, len);
}

static void ring_fail(struct xs_conn *c, uint32_t err)
{
    ring_error(c->tp_priv, err);
}

const struct xs_transport xs_ring_transport = {
    .name = "ring",
    .read = ring_read,
    .write = ring_write,
    .destroy = NULL,            /* the backend unmaps on release */
    .fail = ring_fail,
};
