/*
 * The store (see store.h).
 *
 * Quota checks apply to unprivileged callers only, as in 4.17; dom0 and the
 * replay of journals and committed transactions are never refused for
 * quota reasons (the transaction's quota was checked before its replay).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store.h"
#include "tx.h"

struct xs_tree xs_live;

static xs_live_hook_t live_hook;

/* Nodes and bytes owned by each domain in the live tree. */
static uint32_t acct_nodes[XS_NR_DOMIDS];
static size_t acct_bytes[XS_NR_DOMIDS];

void store_set_live_hook(xs_live_hook_t hook)
{
    live_hook = hook;
}

void store_account(unsigned int domid, long nodes, long bytes)
{
    acct_nodes[domid] += nodes;
    acct_bytes[domid] += bytes;
}

unsigned int store_domain_nodes(unsigned int domid)
{
    return acct_nodes[domid];
}

size_t store_domain_bytes(unsigned int domid)
{
    return acct_bytes[domid];
}

/* Charge (sign +1) or refund (-1) one node to its owner. */
static void charge(struct xs_tree *t, const struct xs_node *n, int sign)
{
    long bytes = sign * (long)node_bytes(n);

    if ( t->tx )
        tx_account(t->tx, n->perms[0].id, sign, bytes);
    else
        store_account(n->perms[0].id, sign, bytes);
}

static void changed(struct xs_tree *t, enum xs_change_kind kind,
                    const char *path, const struct xs_node *n, bool fire)
{
    if ( t->tx )
        tx_log_change(t->tx, kind, path, n, fire);
    else if ( live_hook )
        live_hook(kind, path, n, fire);
}

void store_init(void)
{
    static const struct xs_perm dom0_none = { 0, XS_PERM_NONE };

    store_destroy();
    xs_live.root = node_new("", 0, &dom0_none, 1);
    xs_live.tx = NULL;
    store_account(0, 1, node_bytes(xs_live.root));
}

void store_destroy(void)
{
    node_put(xs_live.root);
    xs_live.root = NULL;
    memset(acct_nodes, 0, sizeof(acct_nodes));
    memset(acct_bytes, 0, sizeof(acct_bytes));
}

struct xs_node *store_lookup(struct xs_tree *t, const char *path)
{
    if ( t->tx )
        tx_access(t->tx, path);
    return node_lookup(t->root, path);
}

static bool over_quota(struct xs_tree *t, const struct xs_who *who,
                       long add_nodes, long add_bytes, int *err)
{
    long nodes = acct_nodes[who->domid], bytes = acct_bytes[who->domid];
    long dn = 0, db = 0;

    if ( who->privileged )
        return false;
    if ( t->tx )
        tx_delta(t->tx, who->domid, &dn, &db);
    if ( add_nodes && nodes + dn + add_nodes > (long)xs_quota.nodes )
    {
        *err = ENOSPC;
        return true;
    }
    if ( bytes + db + add_bytes > (long)xs_quota.memory_hard )
    {
        *err = ENOMEM;
        return true;
    }
    if ( bytes + db + add_bytes > (long)xs_quota.memory_soft )
        xs_log(XS_LOG_WARN, "domain %u over its soft memory quota",
               who->domid);
    return false;
}

/* 4.17 refuses an unprivileged write that makes a node's record too big. */
static bool entry_too_big(const struct xs_who *who, size_t vlen,
                          size_t childlen)
{
    return !who->privileged && vlen + childlen >= xs_quota.entry_size;
}

/* Nearest existing node at or above path; *len gets its path's length. */
struct xs_node *store_nearest(struct xs_tree *t, const char *path,
                             char *buf, size_t *len)
{
    struct xs_node *n;

    *len = strlen(path);
    memcpy(buf, path, *len + 1);
    while ( !(n = store_lookup(t, buf)) )
    {
        *len = path_parent_len(buf);
        buf[*len] = '\0';
    }
    return n;
}

/*
 * Create path and any missing ancestors.  New nodes inherit their parent's
 * permissions; an unprivileged creator becomes their owner.  Only the last
 * node gets the value.  Everything is checked before anything changes.
 */
int store_create(struct xs_tree *t, const char *path,
                 const struct xs_who *who, const char *value,
                 unsigned int vlen)
{
    char buf[XENSTORE_ABS_PATH_MAX + 64];
    struct xs_node *parent, *n;
    unsigned int missing = 1;
    const char *p, *q;
    size_t toplen;
    int err = 0;

    if ( strlen(path) >= sizeof(buf) )
        return -EINVAL;
    parent = store_nearest(t, path, buf, &toplen);
    if ( path[toplen] == '\0' )
        return -EEXIST;

    /* p: the first missing component. */
    p = path + toplen + (toplen > 1 ? 1 : 0);
    for ( q = p; *q; q++ )
        missing += (*q == '/');
    if ( entry_too_big(who, vlen, 0) ||
         entry_too_big(who, parent->vlen,
                       parent->childlen + strcspn(p, "/") + 1) )
        return -ENOSPC;
    if ( over_quota(t, who, missing, strlen(path) + vlen + 8 * missing,
                    &err) )
        return -err;

    parent = node_private_path(&t->root, buf);
    while ( *p )
    {
        const char *slash = strchr(p, '/');
        size_t len = slash ? (size_t)(slash - p) : strlen(p);
        size_t plen = p + len - path;

        n = node_new(p, len, parent->perms, parent->nperms);
        if ( !who->privileged )
            n->perms[0].id = who->domid;
        if ( !slash )
            node_set_value(n, value, vlen);
        node_add_child(parent, n);
        charge(t, n, +1);

        memcpy(buf, path, plen);
        buf[plen] = '\0';
        changed(t, XS_CHANGE_SET, buf, n, !slash);
        parent = n;
        p += len + (slash ? 1 : 0);
    }
    return 0;
}

int store_set_value(struct xs_tree *t, const char *path,
                    const struct xs_who *who, const char *value,
                    unsigned int vlen)
{
    struct xs_node *n = store_lookup(t, path);
    int err = 0;

    if ( !n )
        return -ENOENT;
    if ( entry_too_big(who, vlen, n->childlen) )
        return -ENOSPC;
    if ( n->perms[0].id == who->domid &&
         over_quota(t, who, 0, (long)vlen - (long)n->vlen, &err) )
        return -err;

    n = node_private_path(&t->root, path);
    charge(t, n, -1);
    node_set_value(n, value, vlen);
    charge(t, n, +1);
    changed(t, XS_CHANGE_SET, path, n, true);
    return 0;
}

int store_set_perms(struct xs_tree *t, const char *path,
                    const struct xs_perm *p, unsigned int np)
{
    struct xs_node *n = store_lookup(t, path);

    if ( !n )
        return -ENOENT;
    n = node_private_path(&t->root, path);
    charge(t, n, -1);
    node_set_perms(n, p, np);
    charge(t, n, +1);
    changed(t, XS_CHANGE_SET, path, n, true);
    return 0;
}

/*
 * Set a node's whole state, creating it under an existing parent if need
 * be: the replay of journals and of committed transactions.
 */
int store_apply_set(struct xs_tree *t, const char *path, const char *value,
                    unsigned int vlen, const struct xs_perm *p,
                    unsigned int np, bool fire)
{
    char parent_path[XENSTORE_ABS_PATH_MAX + 64];
    size_t plen = path_parent_len(path);
    struct xs_node *parent, *n;

    if ( !strcmp(path, "/") )
        n = node_make_private(&t->root);
    else
    {
        n = NULL;
        if ( plen >= sizeof(parent_path) )
            return -EINVAL;
        memcpy(parent_path, path, plen);
        parent_path[plen] = '\0';
        parent = node_private_path(&t->root, parent_path);
        if ( !parent )
            return -ENOENT;
        if ( node_child_index(parent, path_basename(path),
                              strlen(path_basename(path))) < 0 )
        {
            n = node_new(path_basename(path), strlen(path_basename(path)),
                         p, np);
            node_set_value(n, value, vlen);
            node_add_child(parent, n);
            charge(t, n, +1);
            changed(t, XS_CHANGE_SET, path, n, fire);
            return 0;
        }
        n = node_private_path(&t->root, path);
    }
    charge(t, n, -1);
    node_set_value(n, value, vlen);
    node_set_perms(n, p, np);
    charge(t, n, +1);
    changed(t, XS_CHANGE_SET, path, n, fire);
    return 0;
}

static void refund_subtree(struct xs_tree *t, const struct xs_node *n)
{
    unsigned int i;

    charge(t, n, -1);
    for ( i = 0; i < n->nchild; i++ )
        refund_subtree(t, n->child[i]);
}

int store_rm(struct xs_tree *t, const char *path)
{
    char parent_path[XENSTORE_ABS_PATH_MAX + 64];
    size_t plen = path_parent_len(path);
    struct xs_node *parent, *n;
    const char *base = path_basename(path);
    int idx;

    if ( !strcmp(path, "/") || plen >= sizeof(parent_path) )
        return -EINVAL;
    memcpy(parent_path, path, plen);
    parent_path[plen] = '\0';
    if ( t->tx )
    {
        tx_access(t->tx, parent_path);
        tx_access(t->tx, path);
    }
    parent = node_private_path(&t->root, parent_path);
    if ( !parent )
        return -ENOENT;
    idx = node_child_index(parent, base, strlen(base));
    if ( idx < 0 )
        return -ENOENT;

    n = node_get(parent->child[idx]);
    node_remove_child(parent, idx);
    refund_subtree(t, n);
    changed(t, XS_CHANGE_DEL, path, n, true);
    node_put(n);
    return 0;
}

void store_walk(const struct xs_node *n, char *path, size_t len,
                xs_walk_fn fn, void *arg)
{
    unsigned int i;

    fn(len ? path : "/", n, arg);
    for ( i = 0; i < n->nchild; i++ )
    {
        size_t clen = strlen(n->child[i]->name);

        if ( len + 1 + clen + 1 > XENSTORE_ABS_PATH_MAX + 64 )
            continue;           /* cannot happen: paths were validated */
        path[len] = '/';
        memcpy(path + len + 1, n->child[i]->name, clen + 1);
        store_walk(n->child[i], path, len + 1 + clen, fn, arg);
        path[len] = '\0';
    }
}

struct acct_check {
    uint32_t *nodes;
};

static void count_node(const char *path, const struct xs_node *n, void *arg)
{
    struct acct_check *c = arg;

    (void)path;
    c->nodes[n->perms[0].id]++;
}

/* The CONTROL "check" command and the fuzzer: accounting matches the tree. */
int store_check_accounting(void)
{
    struct acct_check c = { xs_zalloc(sizeof(acct_nodes)) };
    char path[XENSTORE_ABS_PATH_MAX + 64] = "";
    unsigned int d;
    int bad = 0;

    store_walk(xs_live.root, path, 0, count_node, &c);
    for ( d = 0; d < XS_NR_DOMIDS; d++ )
        if ( c.nodes[d] != acct_nodes[d] )
        {
            xs_log(XS_LOG_ERR, "check: domain %u owns %u nodes, counted %u",
                   d, c.nodes[d], acct_nodes[d]);
            bad = -EIO;
        }
    free(c.nodes);
    return bad;
}
