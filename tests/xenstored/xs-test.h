/*
 * In-process harness for the xenstored tests: connections whose transport
 * is a pair of memory buffers, so a test can feed a request, run the real
 * framing and dispatch code, and read back exactly what a client would.
 */
#ifndef XS_TEST_H
#define XS_TEST_H

#include <stdlib.h>
#include <string.h>

#include "conn.h"
#include "core.h"
#include "unit.h"

struct mem_pipe {
    char in[1 << 16];
    size_t in_len, in_off;
    char out[1 << 20];
    size_t out_len, out_off;
    size_t out_room;            /* bytes the "client" will still accept */
};

static int mem_read(struct xs_conn *c, void *buf, unsigned int len)
{
    struct mem_pipe *p = c->tp_priv;
    size_t n = p->in_len - p->in_off;

    if ( n > len )
        n = len;
    memcpy(buf, p->in + p->in_off, n);
    p->in_off += n;
    return n;
}

static int mem_write(struct xs_conn *c, const void *buf, unsigned int len)
{
    struct mem_pipe *p = c->tp_priv;
    size_t n = len;

    if ( n > p->out_room )
        n = p->out_room;
    if ( n > sizeof(p->out) - p->out_len )
        n = sizeof(p->out) - p->out_len;
    memcpy(p->out + p->out_len, buf, n);
    p->out_len += n;
    p->out_room -= n;
    return n;
}

static void mem_destroy(struct xs_conn *c)
{
    free(c->tp_priv);
}

static const struct xs_transport mem_transport = {
    .name = "memory", .read = mem_read, .write = mem_write,
    .destroy = mem_destroy,
};

static inline struct xs_conn *mem_conn(unsigned int domid, bool privileged)
{
    struct mem_pipe *p = calloc(1, sizeof(*p));

    p->out_room = (size_t)-1;
    return conn_new(&mem_transport, p, -1, domid, privileged);
}

/* Queue raw bytes as if the client sent them, and let the daemon run. */
static inline void mem_feed(struct xs_conn *c, const void *data, size_t len)
{
    struct mem_pipe *p = c->tp_priv;

    memmove(p->in, p->in + p->in_off, p->in_len - p->in_off);
    p->in_len -= p->in_off;
    p->in_off = 0;
    memcpy(p->in + p->in_len, data, len);
    p->in_len += len;
    conn_handle_input(c);
}

static inline void mem_request(struct xs_conn *c, uint32_t type,
                               uint32_t tx, const void *payload, size_t len)
{
    struct xsd_sockmsg h = { type, 42, tx, len };
    char buf[sizeof(h) + 8192];

    memcpy(buf, &h, sizeof(h));
    memcpy(buf + sizeof(h), payload, len);
    mem_feed(c, buf, sizeof(h) + len);
}

/* Next whole message from the daemon; false if none is waiting. */
static inline bool mem_reply(struct xs_conn *c, struct xsd_sockmsg *h,
                             char *body)
{
    struct mem_pipe *p = c->tp_priv;

    if ( p->out_len - p->out_off < sizeof(*h) )
        return false;
    memcpy(h, p->out + p->out_off, sizeof(*h));
    if ( p->out_len - p->out_off < sizeof(*h) + h->len )
        return false;
    memcpy(body, p->out + p->out_off + sizeof(*h), h->len);
    body[h->len] = '\0';
    p->out_off += sizeof(*h) + h->len;
    return true;
}

/* Skip watch events; return the next reply's type and body. */
static inline uint32_t mem_answer(struct xs_conn *c, char *body,
                                  unsigned int *len)
{
    struct xsd_sockmsg h;

    while ( mem_reply(c, &h, body) )
        if ( h.type != XS_WATCH_EVENT )
        {
            if ( len )
                *len = h.len;
            return h.type;
        }
    return XS_INVALID;
}

#endif /* XS_TEST_H */
