/*
 * Shared-ring transport (see ring.h).
 *
 * Barriers: the guest writes bytes then its producer index; we read the
 * producer index, then (after a read barrier) the bytes, then (after a full
 * barrier, our reads done) publish our consumer index.  Replies mirror it:
 * bytes, write barrier, producer index.  Each pairs with the guest's
 * counterpart in its xenbus driver.
 */
#include <string.h>

#include "ring.h"

#define READ_ONCE(x)      (*(const volatile __typeof__(x) *)&(x))
#define WRITE_ONCE(x, v)  (*(volatile __typeof__(x) *)&(x) = (v))
#define rmb()             __atomic_thread_fence(__ATOMIC_ACQUIRE)
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

int xs_ring_read(struct xs_ring *r, void *buf, unsigned int len)
{
    struct xenstore_domain_interface *intf = r->intf;
    XENSTORE_RING_IDX cons, prod, avail;

    if ( r->broken )
        return -1;
    cons = READ_ONCE(intf->req_cons);
    prod = READ_ONCE(intf->req_prod);
    rmb();
    avail = prod - cons;
    if ( avail > XENSTORE_RING_SIZE )
    {
        ring_error(r, XENSTORE_ERROR_RINGIDX);
        return -1;
    }
    if ( avail < len )
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
    XENSTORE_RING_IDX cons, prod, used;

    if ( r->broken )
        return -1;
    cons = READ_ONCE(intf->rsp_cons);
    prod = READ_ONCE(intf->rsp_prod);
    mb();
    used = prod - cons;
    if ( used > XENSTORE_RING_SIZE )
    {
        ring_error(r, XENSTORE_ERROR_RINGIDX);
        return -1;
    }
    if ( len > XENSTORE_RING_SIZE - used )
        len = XENSTORE_RING_SIZE - used;
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
