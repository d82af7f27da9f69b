/*
 * Transactions (see tx.h).
 */
#include <stdlib.h>
#include <string.h>

#include "tx.h"

struct xs_tx *tx_start(uint32_t id, unsigned int acc_limit)
{
    struct xs_tx *tx = xs_zalloc(sizeof(*tx));

    tx->id = id;
    tx->base = node_get(xs_live.root);
    tx->tree.root = node_get(xs_live.root);
    tx->tree.tx = tx;
    tx->acc_limit = acc_limit;
    tx->log_tail = &tx->log;
    return tx;
}

static void free_change(struct xs_change *c)
{
    free(c->path);
    free(c->value);
    free(c->perms);
    free(c);
}

void tx_free(struct xs_tx *tx)
{
    struct xs_change *c, *next;
    unsigned int i;

    if ( !tx )
        return;
    for ( c = tx->log; c; c = next )
    {
        next = c->next;
        free_change(c);
    }
    for ( i = 0; i < tx->acccap; i++ )
        free(tx->acc[i].path);
    free(tx->acc);
    free(tx->delta);
    node_put(tx->tree.root);
    node_put(tx->base);
    free(tx);
}

static uint32_t hash_path(const char *s)
{
    uint32_t h = 2166136261u;

    while ( *s )
        h = (h ^ (unsigned char)*s++) * 16777619u;
    return h;
}

static struct xs_access *acc_slot(struct xs_access *tab, unsigned int cap,
                                  const char *path)
{
    unsigned int i = hash_path(path) & (cap - 1);

    while ( tab[i].path && strcmp(tab[i].path, path) )
        i = (i + 1) & (cap - 1);
    return &tab[i];
}

static void acc_grow(struct xs_tx *tx)
{
    unsigned int cap = tx->acccap ? tx->acccap * 2 : 16, i;
    struct xs_access *tab = xs_zalloc(cap * sizeof(*tab));

    for ( i = 0; i < tx->acccap; i++ )
        if ( tx->acc[i].path )
            *acc_slot(tab, cap, tx->acc[i].path) = tx->acc[i];
    free(tx->acc);
    tx->acc = tab;
    tx->acccap = cap;
}

/*
 * Remember path with its stamp in the starting snapshot.  Only the first
 * access counts: later ones may see the transaction's own changes.
 */
void tx_access(struct xs_tx *tx, const char *path)
{
    struct xs_access *a;
    struct xs_node *n;

    if ( tx->nacc * 2 >= tx->acccap )
        acc_grow(tx);
    a = acc_slot(tx->acc, tx->acccap, path);
    if ( a->path )
        return;
    if ( tx->acc_limit && tx->nacc >= tx->acc_limit )
    {
        tx->too_big = true;
        return;
    }
    n = node_lookup(tx->base, path);
    a->path = xs_strndup(path, strlen(path));
    a->gen = n ? n->gen : 0;
    tx->nacc++;
}

void tx_log_change(struct xs_tx *tx, enum xs_change_kind kind,
                   const char *path, const struct xs_node *n, bool fire)
{
    struct xs_change *c = xs_zalloc(sizeof(*c));

    c->fire = fire;
    c->kind = kind;
    c->path = xs_strndup(path, strlen(path));
    if ( kind == XS_CHANGE_SET )
    {
        c->value = xs_malloc(n->vlen + 1);
        if ( n->vlen )
            memcpy(c->value, n->value, n->vlen);
        c->vlen = n->vlen;
        c->perms = xs_malloc(n->nperms * sizeof(*n->perms));
        memcpy(c->perms, n->perms, n->nperms * sizeof(*n->perms));
        c->nperms = n->nperms;
    }
    *tx->log_tail = c;
    tx->log_tail = &c->next;
}

void tx_account(struct xs_tx *tx, unsigned int domid, long nodes, long bytes)
{
    unsigned int i;

    if ( nodes > 0 )
        tx->created = true;
    for ( i = 0; i < tx->ndelta; i++ )
        if ( tx->delta[i].domid == domid )
            break;
    if ( i == tx->ndelta )
    {
        tx->delta = xs_realloc(tx->delta, (i + 1) * sizeof(*tx->delta));
        tx->delta[i] = (struct xs_delta){ domid, 0, 0 };
        tx->ndelta++;
    }
    tx->delta[i].nodes += nodes;
    tx->delta[i].bytes += bytes;
}

void tx_delta(const struct xs_tx *tx, unsigned int domid, long *nodes,
              long *bytes)
{
    unsigned int i;

    *nodes = *bytes = 0;
    for ( i = 0; i < tx->ndelta; i++ )
        if ( tx->delta[i].domid == domid )
        {
            *nodes = tx->delta[i].nodes;
            *bytes = tx->delta[i].bytes;
        }
}

static bool conflicts(const struct xs_tx *tx)
{
    unsigned int i;

    for ( i = 0; i < tx->acccap; i++ )
    {
        const struct xs_access *a = &tx->acc[i];
        struct xs_node *n;

        if ( !a->path )
            continue;
        n = node_lookup(xs_live.root, a->path);
        if ( (n ? n->gen : 0) != a->gen )
            return true;
    }
    return false;
}

/* 4.17 rechecks the node quota at commit when the transaction created nodes. */
static bool over_node_quota(const struct xs_tx *tx, const struct xs_who *who)
{
    unsigned int i;

    if ( who->privileged || !tx->created )
        return false;
    for ( i = 0; i < tx->ndelta; i++ )
        if ( tx->delta[i].nodes > 0 &&
             store_domain_nodes(tx->delta[i].domid) + tx->delta[i].nodes >
             xs_quota.nodes )
            return true;
    return false;
}

/* Returns 0 or a positive errno; the transaction is freed by the caller. */
int tx_commit(struct xs_tx *tx, const struct xs_who *who)
{
    const struct xs_change *c;
    int err = 0;

    if ( tx->too_big )
        return ENOSPC;
    if ( conflicts(tx) )
        return EAGAIN;
    if ( over_node_quota(tx, who) )
        return ENOSPC;

    for ( c = tx->log; c; c = c->next )
    {
        int rc = c->kind == XS_CHANGE_SET
            ? store_apply_set(&xs_live, c->path, c->value, c->vlen,
                              c->perms, c->nperms, c->fire)
            : store_rm(&xs_live, c->path);

        /* Unreachable after the conflict check; log it if it ever is. */
        if ( rc && !err )
        {
            xs_log(XS_LOG_ERR, "commit: replaying %s failed (%d)", c->path,
                   rc);
            err = EIO;
        }
    }
    return err;
}
