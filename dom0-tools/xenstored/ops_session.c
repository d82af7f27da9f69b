/*
 * Handlers for a connection's own state and for domains: WATCH, UNWATCH,
 * TRANSACTION_START/END, RESET_WATCHES, INTRODUCE, RELEASE, RESUME,
 * SET_TARGET, GET_DOMAIN_PATH, IS_DOMAIN_INTRODUCED.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain.h"
#include "ops.h"
#include "tx.h"
#include "watch.h"

/* A special @name, or a node path made canonical. */
static int watch_path(struct xs_req *r, const char *in, char *out,
                      size_t *strip)
{
    if ( in[0] == '@' )
    {
        if ( strlen(in) > XENSTORE_REL_PATH_MAX )
            return EINVAL;
        strcpy(out, in);
        *strip = 0;
        return 0;
    }
    return req_path(r, in, out, strip);
}

/*
 * path, token[, depth].  4.17 reads two strings and ignores more; a third
 * is the depth of later Xen versions (levels below path that may fire),
 * honoured here because it can only reduce what a client is sent.
 */
int op_watch(struct xs_req *r)
{
    char path[XS_PATH_BUF];
    const char *vec[3];
    unsigned int n = req_strings(r, vec, 3);
    int depth = -1, err;
    size_t strip;

    if ( n < 2 )
        return EINVAL;
    if ( n == 3 )
    {
        unsigned int d;

        if ( req_domid(vec[2], &d) )
            return EINVAL;
        depth = d;
    }
    err = watch_path(r, vec[0], path, &strip);
    if ( err )
        return err;
    err = watch_add(r->c, path, strip, vec[1], depth);
    if ( err )
        return err;

    /* The ack first, then the initial event 4.17 always sends. */
    conn_send(r->c, XS_WATCH, r->hdr->req_id, r->hdr->tx_id, "OK", 3, true);
    {
        char ev[XS_PATH_BUF + XENSTORE_PAYLOAD_MAX];
        size_t plen = strlen(vec[0]) + 1, tlen = strlen(vec[1]) + 1;

        memcpy(ev, vec[0], plen);
        memcpy(ev + plen, vec[1], tlen);
        conn_send(r->c, XS_WATCH_EVENT, 0, 0, ev, plen + tlen, false);
    }
    r->answered = true;
    return 0;
}

int op_unwatch(struct xs_req *r)
{
    char path[XS_PATH_BUF];
    const char *vec[2];
    size_t strip;
    int err;

    if ( req_strings(r, vec, 2) < 2 )
        return EINVAL;
    err = watch_path(r, vec[0], path, &strip);
    return err ? err : watch_remove(r->c, path, vec[1]);
}

/* No nesting: a start inside a transaction is EBUSY (4.17). */
int op_transaction_start(struct xs_req *r)
{
    struct xs_conn *c = r->c;
    struct xs_tx *tx, *t;
    char id[16];
    uint32_t txid;

    if ( r->tx )
        return EBUSY;
    if ( !c->who.privileged && c->ntxs > xs_quota.transactions )
        return ENOSPC;

    /* Next unused non-zero id. */
    do {
        txid = c->next_txid++;
        for ( t = c->txs; t && t->id != txid; t = t->next )
            ;
    } while ( !txid || t );

    tx = tx_start(txid, c->who.privileged ? 0 : xs_quota.trans_nodes);
    tx->next = c->txs;
    c->txs = tx;
    c->ntxs++;
    req_reply(r, id, snprintf(id, sizeof(id), "%u", txid) + 1);
    return 0;
}

static void unlink_tx(struct xs_conn *c, struct xs_tx *tx)
{
    struct xs_tx **p;

    for ( p = &c->txs; *p != tx; p = &(*p)->next )
        ;
    *p = tx->next;
    c->ntxs--;
}

/* "T" commits, "F" abandons; either way the transaction is gone. */
int op_transaction_end(struct xs_req *r)
{
    const char *arg = req_onearg(r);
    struct xs_tx *tx = r->tx;
    int err = 0;

    if ( !arg || (strcmp(arg, "T") && strcmp(arg, "F")) )
        return EINVAL;
    if ( !tx )
        return ENOENT;
    unlink_tx(r->c, tx);
    r->tx = NULL;
    r->tree = &xs_live;
    if ( !strcmp(arg, "T") )
        err = tx_commit(tx, &r->c->who);
    tx_free(tx);
    return err;
}

int op_reset_watches(struct xs_req *r)
{
    struct xs_tx *tx;

    watch_remove_all(r->c);
    while ( (tx = r->c->txs) )
    {
        unlink_tx(r->c, tx);
        tx_free(tx);
    }
    r->tx = NULL;
    r->tree = &xs_live;
    return 0;
}

/* domid, gfn, port (a fourth, legacy path argument is ignored). */
int op_introduce(struct xs_req *r)
{
    const char *vec[3];
    unsigned int domid, port;
    unsigned long long gfn;
    char *end;

    if ( req_strings(r, vec, 3) < 3 || req_domid(vec[0], &domid) ||
         req_domid(vec[2], &port) || !port )
        return EINVAL;
    gfn = strtoull(vec[1], &end, 10);
    if ( !*vec[1] || *end )
        return EINVAL;
    return domain_introduce(domid, gfn, port);
}

static int onearg_domain(struct xs_req *r, struct xs_domain **d)
{
    const char *arg = req_onearg(r);
    unsigned int domid;

    if ( !arg || req_domid(arg, &domid) || !domid )
        return EINVAL;
    *d = domain_find(domid);
    return *d ? 0 : ENOENT;
}

int op_release(struct xs_req *r)
{
    struct xs_domain *d;
    int err = onearg_domain(r, &d);

    return err ? err : domain_release(d->domid);
}

int op_resume(struct xs_req *r)
{
    struct xs_domain *d;
    int err = onearg_domain(r, &d);

    if ( !err )
        d->shutdown = false;
    return err;
}

/* domid, target: domid acts with target's rights (a device model). */
int op_set_target(struct xs_req *r)
{
    const char *vec[2];
    unsigned int domid, tdomid;
    struct xs_domain *d;

    if ( req_strings(r, vec, 2) < 2 || req_domid(vec[0], &domid) ||
         req_domid(vec[1], &tdomid) )
        return EINVAL;
    d = domain_find(domid);
    if ( !d || !domain_find(tdomid) )
        return ENOENT;
    d->target = tdomid;
    if ( d->conn )
        d->conn->who.target = tdomid;
    return 0;
}

int op_get_domain_path(struct xs_req *r)
{
    const char *arg = req_onearg(r);
    unsigned int domid;
    char path[32];

    if ( !arg || req_domid(arg, &domid) )
        return EINVAL;
    req_reply(r, path,
              snprintf(path, sizeof(path), "/local/domain/%u", domid) + 1);
    return 0;
}

int op_is_domain_introduced(struct xs_req *r)
{
    const char *arg = req_onearg(r);
    unsigned int domid;

    if ( !arg || req_domid(arg, &domid) )
        return EINVAL;
    req_reply(r, domid == XS_DOMID_SELF || domain_find(domid) ? "T" : "F",
              2);
    return 0;
}
