/*
 * The dispatcher and the argument helpers (see ops.h).
 */
#include <stdio.h>
#include <string.h>

#include "ops.h"
#include "tx.h"

void (*xs_request_done)(void);
void (*xs_before_output)(void);

#define OP_NOTID  (1u << 0)    /* ignores the transaction id (4.17) */
#define OP_PRIV   (1u << 1)    /* dom0 only */

static const struct {
    const char *name;
    int (*fn)(struct xs_req *r);
    unsigned int flags;
} ops[XS_TYPE_COUNT] = {
    [XS_CONTROL]              = { "CONTROL", op_control, OP_PRIV },
    [XS_DIRECTORY]            = { "DIRECTORY", op_directory, 0 },
    [XS_READ]                 = { "READ", op_read, 0 },
    [XS_GET_PERMS]            = { "GET_PERMS", op_get_perms, 0 },
    [XS_WATCH]                = { "WATCH", op_watch, OP_NOTID },
    [XS_UNWATCH]              = { "UNWATCH", op_unwatch, OP_NOTID },
    [XS_TRANSACTION_START]    = { "TRANSACTION_START",
                                  op_transaction_start, 0 },
    [XS_TRANSACTION_END]      = { "TRANSACTION_END", op_transaction_end, 0 },
    [XS_INTRODUCE]            = { "INTRODUCE", op_introduce, OP_PRIV },
    [XS_RELEASE]              = { "RELEASE", op_release, OP_PRIV },
    [XS_GET_DOMAIN_PATH]      = { "GET_DOMAIN_PATH", op_get_domain_path, 0 },
    [XS_WRITE]                = { "WRITE", op_write, 0 },
    [XS_MKDIR]                = { "MKDIR", op_mkdir, 0 },
    [XS_RM]                   = { "RM", op_rm, 0 },
    [XS_SET_PERMS]            = { "SET_PERMS", op_set_perms, 0 },
    [XS_IS_DOMAIN_INTRODUCED] = { "IS_DOMAIN_INTRODUCED",
                                  op_is_domain_introduced, OP_PRIV },
    [XS_RESUME]               = { "RESUME", op_resume, OP_PRIV },
    [XS_SET_TARGET]           = { "SET_TARGET", op_set_target, OP_PRIV },
    [XS_RESET_WATCHES]        = { "RESET_WATCHES", op_reset_watches, 0 },
    [XS_DIRECTORY_PART]       = { "DIRECTORY_PART", op_directory_part, 0 },
};

const char *xs_error_name(int err)
{
    unsigned int i;

    for ( i = 0; i < ARRAY_SIZE(xsd_errors); i++ )
        if ( xsd_errors[i].errnum == err )
            return xsd_errors[i].errstring;
    return "EINVAL";            /* the table's documented default */
}

static void send_error(struct xs_conn *c, const struct xsd_sockmsg *hdr,
                       int err)
{
    const char *name = xs_error_name(err);

    conn_send(c, XS_ERROR, hdr->req_id, hdr->tx_id, name, strlen(name) + 1,
              true);
}

static struct xs_tx *find_tx(struct xs_conn *c, uint32_t id)
{
    struct xs_tx *tx;

    for ( tx = c->txs; tx; tx = tx->next )
        if ( tx->id == id )
            return tx;
    return NULL;
}

static int dispatch(struct xs_req *r)
{
    uint32_t type = r->hdr->type;

    if ( type >= XS_TYPE_COUNT || !ops[type].fn )
        return ENOSYS;
    if ( (ops[type].flags & OP_PRIV) && !r->c->who.privileged )
        return EACCES;
    if ( !(ops[type].flags & OP_NOTID) && r->hdr->tx_id )
    {
        r->tx = find_tx(r->c, r->hdr->tx_id);
        if ( !r->tx )
            return ENOENT;
        r->tree = &r->tx->tree;
    }
    return ops[type].fn(r);
}

/* Handle one whole message; payload has a NUL at payload[hdr->len]. */
void xs_process(struct xs_conn *c, const struct xsd_sockmsg *hdr,
                const char *payload)
{
    static struct xs_req r;     /* one request at a time: big, so static */
    int err;

    r.c = c;
    r.hdr = hdr;
    r.data = payload;
    r.len = hdr->len;
    r.tree = &xs_live;
    r.tx = NULL;
    r.rlen = 0;
    r.has_reply = false;
    r.answered = false;

    err = dispatch(&r);
    if ( !err && r.tx && r.tx->too_big )
        err = ENOSPC;
    if ( !err && r.has_reply && r.rlen > XENSTORE_PAYLOAD_MAX )
        err = E2BIG;

    if ( err )
        send_error(c, hdr, err);
    else if ( r.answered )
        ;
    else if ( r.has_reply )
        conn_send(c, hdr->type, hdr->req_id, hdr->tx_id, r.reply, r.rlen,
                  true);
    else
        conn_send(c, hdr->type, hdr->req_id, hdr->tx_id, "OK", 3, true);

    if ( xs_request_done )
        xs_request_done();
}

void req_reply(struct xs_req *r, const void *data, unsigned int len)
{
    r->has_reply = true;
    r->rlen = len;
    if ( len && len <= XENSTORE_PAYLOAD_MAX )
        memcpy(r->reply, data, len);
}

unsigned int req_count_strings(const struct xs_req *r)
{
    unsigned int i, n = 0;

    for ( i = 0; i < r->len; i++ )
        n += (r->data[i] == '\0');
    return n;
}

/* The payload must be exactly one string and its NUL. */
const char *req_onearg(const struct xs_req *r)
{
    if ( !r->len || memchr(r->data, '\0', r->len) != r->data + r->len - 1 )
        return NULL;
    return r->data;
}

/* Point vec[] at up to n leading strings; returns how many are complete. */
unsigned int req_strings(const struct xs_req *r, const char **vec,
                         unsigned int n)
{
    const char *p = r->data, *end = r->data + r->len;
    unsigned int i;

    for ( i = 0; i < n && p < end; i++ )
    {
        const char *nul = memchr(p, '\0', end - p);

        if ( !nul )
            break;
        vec[i] = p;
        p = nul + 1;
    }
    return i;
}

/* Decimal domid, as the toolstack sends it; atoi()'s leniency would let
 * "garbage" mean domain 0. */
int req_domid(const char *s, unsigned int *domid)
{
    unsigned long v = 0;

    if ( !*s || strlen(s) > 5 )
        return EINVAL;
    for ( ; *s; s++ )
    {
        if ( *s < '0' || *s > '9' )
            return EINVAL;
        v = v * 10 + (*s - '0');
    }
    if ( v >= XS_NR_DOMIDS )
        return EINVAL;
    *domid = v;
    return 0;
}

/*
 * 4.17's rules: absolute, no trailing or double slash, only
 * [A-Za-z0-9-/_@], and at most path_max bytes beyond /local/domain/N/.
 */
bool path_valid(const char *path)
{
    unsigned int domid, off = 0;
    size_t len = strlen(path);

    if ( path[0] != '/' || (len > 1 && path[len - 1] == '/') ||
         strstr(path, "//") )
        return false;
    if ( sscanf(path, "/local/domain/%5u/%n", &domid, &off) != 1 )
        off = 0;
    if ( len > off + xs_quota.path_max )
        return false;
    return strspn(path, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                        "0123456789-/_@") == len;
}

/*
 * Canonical path for in: a relative path is based at the caller's
 * /local/domain/N.  *strip (if wanted) gets how much of the canonical path
 * to drop again when echoing it, as watch events do for relative watches.
 */
int req_path(const struct xs_req *r, const char *in, char *out, size_t *strip)
{
    size_t len;
    int plen = 0;

    if ( !in || (len = strlen(in)) >= XS_PATH_BUF - 32 )
        return EINVAL;
    if ( in[0] != '/' )
        plen = snprintf(out, 32, "/local/domain/%u/", r->c->who.domid);
    memcpy(out + plen, in, len + 1);
    if ( strip )
        *strip = plen;
    return path_valid(out) ? 0 : EINVAL;
}
