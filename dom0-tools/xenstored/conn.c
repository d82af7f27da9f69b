/*
 * Connections (see conn.h).
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "conn.h"
#include "domain.h"
#include "ops.h"
#include "tx.h"
#include "watch.h"

struct xs_conn *xs_conns;

struct xs_conn *conn_new(const struct xs_transport *tp, void *priv, int fd,
                         unsigned int domid, bool privileged)
{
    struct xs_conn *c = xs_zalloc(sizeof(*c));

    c->tp = tp;
    c->tp_priv = priv;
    c->fd = fd;
    c->who.domid = domid;
    c->who.privileged = privileged;
    c->who.target = XS_DOMID_NONE;
    c->out_tail = &c->out_head;
    c->next_txid = 1;
    c->next = xs_conns;
    if ( xs_conns )
        xs_conns->prev = c;
    xs_conns = c;
    return c;
}

static void drop_output(struct xs_conn *c)
{
    struct xs_outbuf *o, *next;

    for ( o = c->out_head; o; o = next )
    {
        next = o->next;
        free(o);
    }
    c->out_head = NULL;
    c->out_tail = &c->out_head;
    c->out_bytes = 0;
    c->out_replies = 0;
}

/* Forget everything the client set up, as for a reconnecting ring. */
void conn_reset(struct xs_conn *c)
{
    struct xs_tx *tx;

    watch_remove_all(c);
    while ( (tx = c->txs) )
    {
        c->txs = tx->next;
        tx_free(tx);
    }
    c->ntxs = 0;
    c->hdr_got = c->in_got = 0;
    c->ra_start = c->ra_end = 0;
    c->input_stalled = false;
    drop_output(c);
}

/* Marked now, freed by conn_reap() once no caller can hold it. */
void conn_kill(struct xs_conn *c, const char *why)
{
    if ( c->dead )
        return;
    c->dead = true;
    c->why_dead = why;
    xs_log(XS_LOG_DEBUG, "connection (domain %u, %s) closed: %s",
           c->who.domid, c->tp->name, why);
}

void conn_free(struct xs_conn *c)
{
    conn_reset(c);
    if ( c->prev )
        c->prev->next = c->next;
    else
        xs_conns = c->next;
    if ( c->next )
        c->next->prev = c->prev;
    if ( c->domain )
        c->domain->conn = NULL;
    if ( c->tp->destroy )
        c->tp->destroy(c);
    free(c);
}

void conn_reap(void)
{
    struct xs_conn *c, *next;

    for ( c = xs_conns; c; c = next )
    {
        next = c->next;
        if ( c->dead && !c->io_inflight )
            conn_free(c);
    }
}

void conn_send(struct xs_conn *c, uint32_t type, uint32_t req_id,
               uint32_t tx_id, const void *data, unsigned int len,
               bool is_reply)
{
    struct xsd_sockmsg hdr = { type, req_id, tx_id, len };
    struct xs_outbuf *o;

    if ( c->dead )
        return;
    if ( c->out_bytes + sizeof(hdr) + len > XS_OUTPUT_HARD_LIMIT )
    {
        xs_log(XS_LOG_WARN, "domain %u left %zu bytes unread: dropped",
               c->who.domid, c->out_bytes);
        conn_kill(c, "too much unread output");
        return;
    }
    o = xs_malloc(sizeof(*o) + sizeof(hdr) + len);
    o->next = NULL;
    o->len = sizeof(hdr) + len;
    o->off = 0;
    o->is_reply = is_reply;
    memcpy(o->data, &hdr, sizeof(hdr));
    memcpy(o->data + sizeof(hdr), data, len);
    *c->out_tail = o;
    c->out_tail = &o->next;
    c->out_bytes += o->len;
    c->out_replies += is_reply;
}

bool conn_wants_input(const struct xs_conn *c)
{
    return !c->dead && c->out_replies < xs_quota.outstanding;
}

void conn_output_advance(struct xs_conn *c, size_t n)
{
    struct xs_outbuf *o;

    while ( n && (o = c->out_head) )
    {
        size_t take = o->len - o->off;

        if ( take > n )
            take = n;
        o->off += take;
        c->out_bytes -= take;
        n -= take;
        if ( o->off < o->len )
            return;
        c->out_head = o->next;
        if ( !c->out_head )
            c->out_tail = &c->out_head;
        c->out_replies -= o->is_reply;
        free(o);
    }
}

void conn_handle_output(struct xs_conn *c)
{
    struct xs_outbuf *o;

    if ( c->out_head && xs_before_output )
        xs_before_output();
    while ( !c->dead && (o = c->out_head) )
    {
        int n = c->tp->write(c, o->data + o->off, o->len - o->off);

        if ( n < 0 )
        {
            conn_kill(c, "write failed");
            return;
        }
        if ( n == 0 )
            return;
        conn_output_advance(c, n);
        if ( c->out_head == o )
            return;             /* a short write: the socket is full */
    }
}

/*
 * Move up to want bytes into buf, from the read-ahead and, once that is
 * empty, from the transport; false when nothing more can come now.
 */
static bool fill(struct xs_conn *c, void *buf, unsigned int want,
                 unsigned int *got)
{
    while ( *got < want )
    {
        unsigned int n = c->ra_end - c->ra_start;

        if ( !n )
        {
            int r;

            if ( c->ra_short )
                return false;
            r = c->tp->read(c, c->ra, sizeof(c->ra));
            if ( r < 0 )
            {
                /* A peer that only shut its sending side still gets the
                 * replies held for the end of the pass. */
                conn_handle_output(c);
                conn_kill(c, "read failed or peer closed");
                return false;
            }
            if ( r == 0 )
                return false;
            c->ra_start = 0;
            c->ra_end = r;
            c->ra_short = c->tp->polled &&
                          (unsigned int)r < sizeof(c->ra);
            continue;
        }
        if ( n > want - *got )
            n = want - *got;
        memcpy((char *)buf + *got, c->ra + c->ra_start, n);
        c->ra_start += n;
        *got += n;
    }
    return true;
}

/*
 * Frame and handle messages until the transport runs dry or flow control
 * says stop.  A length over the payload limit cannot be resynchronised,
 * so the connection is dropped, as 4.17 does.
 */
void conn_handle_input(struct xs_conn *c)
{
    c->ra_short = false;
    c->input_stalled = false;
    for ( ;; )
    {
        if ( !conn_wants_input(c) )
        {
            c->input_stalled = !c->dead && c->ra_start < c->ra_end;
            return;
        }
        if ( !fill(c, &c->hdr, sizeof(c->hdr), &c->hdr_got) )
            return;
        if ( c->hdr.len > XENSTORE_PAYLOAD_MAX )
        {
            xs_log(XS_LOG_WARN, "domain %u sent a %u-byte payload: dropped",
                   c->who.domid, c->hdr.len);
            if ( c->tp->fail )
                c->tp->fail(c, XENSTORE_ERROR_PROTO);
            conn_kill(c, "message longer than the payload limit");
            return;
        }
        if ( !fill(c, c->in, c->hdr.len, &c->in_got) )
            return;

        c->in[c->hdr.len] = '\0';
        c->hdr_got = c->in_got = 0;
        xs_process(c, &c->hdr, c->in);
        /* Polled connections are flushed at the end of the pass. */
        if ( !c->tp->polled )
            conn_handle_output(c);
    }
}

void conn_resume_input(struct xs_conn *c)
{
    if ( c->input_stalled && conn_wants_input(c) )
        conn_handle_input(c);
}
