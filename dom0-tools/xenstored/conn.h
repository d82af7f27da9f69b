/*
 * Connections: one per client socket or per domain ring.
 *
 * A connection frames its input into messages (header, then at most
 * XENSTORE_PAYLOAD_MAX bytes of payload), hands each whole message to the
 * dispatcher, and queues replies and watch events for output.  Transports
 * only move bytes; everything about the protocol is here and in ops.c.
 *
 * Flow control: while a connection has xs_quota.outstanding replies or
 * more not yet taken by the client, its input is not read, so a client
 * that does not read cannot make the daemon buffer without bound; watch
 * events it does not read are capped by XS_OUTPUT_HARD_LIMIT, past which
 * the connection is dropped.  Nothing a client sends affects another
 * client except through the store itself.
 */
#ifndef XS_CONN_H
#define XS_CONN_H

#include "perms.h"

struct xs_conn;
struct xs_tx;
struct xs_watch;
struct xs_domain;

struct xs_transport {
    const char *name;
    /* Bytes moved (> 0), 0 when nothing can move now, -1 when broken. */
    int (*read)(struct xs_conn *c, void *buf, unsigned int len);
    int (*write)(struct xs_conn *c, const void *buf, unsigned int len);
    void (*destroy)(struct xs_conn *c);
    /* Optional: tell the peer why it is being dropped (XENSTORE_ERROR_*). */
    void (*fail)(struct xs_conn *c, uint32_t err);
    /*
     * The main loop polls it (a socket): readiness is reported again while
     * bytes wait, so a short read may end a pass (asking again would only
     * cost a system call that says "nothing"), and its output is flushed
     * at the end of every pass, so the journal records of all requests of
     * the pass go out in one write() ahead of all their replies.
     */
    bool polled;
};

/*
 * Bytes read ahead of framing: one read() usually carries a whole
 * request, or several, instead of one call for the header, one for the
 * payload and one more to learn that nothing follows.
 */
#define XS_CONN_READAHEAD (2 * (sizeof(struct xsd_sockmsg) + XENSTORE_PAYLOAD_MAX))

struct xs_outbuf {
    struct xs_outbuf *next;
    unsigned int len, off;
    bool is_reply;             /* counts against the outstanding quota */
    char data[];
};

struct xs_conn {
    struct xs_conn *next, *prev;
    const struct xs_transport *tp;
    void *tp_priv;
    int fd;                     /* for epoll; -1 if the transport has none */
    uint32_t fd_events;         /* what the main loop asked epoll for */
    bool fd_watched;            /* fd is in the main loop's epoll set */

    struct xs_who who;
    struct xs_domain *domain;   /* NULL for local sockets */

    /* Input: the header first, then the payload. */
    struct xsd_sockmsg hdr;
    unsigned int hdr_got, in_got;
    char in[XENSTORE_PAYLOAD_MAX + 1];
    /* Read-ahead: bytes [ra_start, ra_end) of ra are not yet framed. */
    char ra[XS_CONN_READAHEAD];
    unsigned int ra_start, ra_end;
    bool ra_short;              /* the last read came up short (see above) */
    bool input_stalled;         /* flow control stopped with bytes read ahead */

    /*
     * io_uring main loop only (loop.c): a recv into ra and a send from wa
     * (a copy of the head of the output queue) may be in flight; the
     * connection is freed only once neither is.
     */
    char wa[XS_CONN_READAHEAD];
    unsigned int io_inflight;
    bool recv_armed, send_armed;
    bool io_shut;               /* dead: shutdown() forces the completions */
    bool input_closed;          /* peer sent EOF: close once output is out */

    struct xs_outbuf *out_head, **out_tail;
    size_t out_bytes;
    unsigned int out_replies;

    struct xs_watch *watches;
    unsigned int nwatches;
    struct xs_tx *txs;
    unsigned int ntxs;
    uint32_t next_txid;

    bool dead;                  /* to be freed by the main loop */
    const char *why_dead;
};

extern struct xs_conn *xs_conns;

struct xs_conn *conn_new(const struct xs_transport *tp, void *priv, int fd,
                         unsigned int domid, bool privileged);
void conn_free(struct xs_conn *c);
void conn_kill(struct xs_conn *c, const char *why);
void conn_reset(struct xs_conn *c);

bool conn_wants_input(const struct xs_conn *c);
void conn_handle_input(struct xs_conn *c);
/* Go on with read-ahead that flow control held back (no new readiness). */
void conn_resume_input(struct xs_conn *c);
void conn_handle_output(struct xs_conn *c);
/* n bytes of the output queue have left (by whatever means). */
void conn_output_advance(struct xs_conn *c, size_t n);
void conn_reap(void);

void conn_send(struct xs_conn *c, uint32_t type, uint32_t req_id,
               uint32_t tx_id, const void *data, unsigned int len,
               bool is_reply);

#endif /* XS_CONN_H */
