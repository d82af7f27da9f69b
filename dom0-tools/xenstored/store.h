/*
 * The store: the live tree, the operations that change a tree, and the
 * per-domain accounting behind the node and memory quotas.
 *
 * Every change to a tree goes through store_create(), store_set_value(),
 * store_set_perms(), store_apply_set() or store_rm().  Each one reports the
 * changed path once:
 *   - on the live tree, to the accounting here and to the live hook (the
 *     daemon journals the change and fires watches);
 *   - on a transaction's tree, to the transaction's change log, replayed on
 *     the live tree at commit through the same functions.
 */
#ifndef XS_STORE_H
#define XS_STORE_H

#include "node.h"

struct xs_tx;

struct xs_tree {
    struct xs_node *root;
    struct xs_tx *tx;          /* NULL for the live tree */
};

extern struct xs_tree xs_live;

enum xs_change_kind { XS_CHANGE_SET, XS_CHANGE_DEL };

/*
 * Called after each change of the live tree; node is the new (SET) or the
 * removed (DEL) node, still valid during the call.  fire is false for the
 * ancestors a write creates on the way: as in 4.17, watches see one event
 * per request, at the path it named.
 */
typedef void (*xs_live_hook_t)(enum xs_change_kind kind, const char *path,
                               const struct xs_node *node, bool fire);
void store_set_live_hook(xs_live_hook_t hook);

void store_init(void);
void store_destroy(void);

struct xs_node *store_lookup(struct xs_tree *t, const char *path);
/* buf must hold XENSTORE_ABS_PATH_MAX + 64 bytes; gets the node's path. */
struct xs_node *store_nearest(struct xs_tree *t, const char *path,
                             char *buf, size_t *len);


int store_create(struct xs_tree *t, const char *path,
                 const struct xs_who *who, const char *value,
                 unsigned int vlen);
int store_set_value(struct xs_tree *t, const char *path,
                    const struct xs_who *who, const char *value,
                    unsigned int vlen);
int store_set_perms(struct xs_tree *t, const char *path,
                    const struct xs_perm *p, unsigned int n);
int store_apply_set(struct xs_tree *t, const char *path, const char *value,
                    unsigned int vlen, const struct xs_perm *p,
                    unsigned int n, bool fire);
int store_rm(struct xs_tree *t, const char *path);

/* Accounting of the live tree, by owner (first permission entry). */
unsigned int store_domain_nodes(unsigned int domid);
size_t store_domain_bytes(unsigned int domid);
void store_account(unsigned int domid, long nodes, long bytes);
int store_check_accounting(void);

/* Walk a subtree in pre-order, with each node's full path. */
typedef void (*xs_walk_fn)(const char *path, const struct xs_node *n,
                           void *arg);
void store_walk(const struct xs_node *n, char *path, size_t len,
                xs_walk_fn fn, void *arg);

#endif /* XS_STORE_H */
