/*
 * Store nodes: reference-counted and copy-on-write.
 *
 * A tree is a pointer to its root node.  The live store and every open
 * transaction each hold such a pointer; a transaction starts by taking a
 * reference on the live root, which costs nothing.  Whoever wants to change
 * a node first makes the path to it private (node_make_private): any node
 * on the way still shared (refcnt > 1) is cloned, its children re-shared.
 * So the live store and each transaction see their own tree, and a node
 * nobody else shares is changed in place, at no cost.
 *
 * gen is a stamp, unique across the daemon, of the last change to the node
 * itself or to its list of children.  A copy keeps the stamp of the node it
 * copies: same stamp, same content.  Transactions use it to detect
 * conflicts.
 */
#ifndef XS_NODE_H
#define XS_NODE_H

#include "perms.h"

struct xs_node {
    unsigned int refcnt;
    unsigned int nchild;
    unsigned int cap;
    unsigned int childlen;     /* bytes of the child names with their NULs */
    struct xs_node **child;    /* in creation order, as DIRECTORY lists them */
    char *name;                /* last path component; "" for the root */
    char *value;
    unsigned int vlen;
    unsigned int nperms;
    struct xs_perm *perms;
    uint64_t gen;
};

uint64_t node_next_gen(void);
void node_reset_gen(void);

struct xs_node *node_new(const char *name, size_t namelen,
                         const struct xs_perm *perms, unsigned int nperms);
static inline struct xs_node *node_get(struct xs_node *n)
{
    n->refcnt++;
    return n;
}
void node_put(struct xs_node *n);

struct xs_node *node_lookup(struct xs_node *root, const char *path);
int node_child_index(const struct xs_node *n, const char *name, size_t len);

struct xs_node *node_make_private(struct xs_node **slot);
struct xs_node *node_private_path(struct xs_node **rootp, const char *path);

void node_set_value(struct xs_node *n, const char *value, unsigned int len);
void node_set_perms(struct xs_node *n, const struct xs_perm *p,
                    unsigned int nperms);
void node_add_child(struct xs_node *parent, struct xs_node *child);
void node_remove_child(struct xs_node *parent, unsigned int idx);

size_t node_bytes(const struct xs_node *n);

/* Path helpers: paths here are canonical ("/a/b", or "/" for the root). */
const char *path_basename(const char *path);
size_t path_parent_len(const char *path);
bool path_is_below_or_at(const char *path, const char *top);

#endif /* XS_NODE_H */
