/*
 * Reference-counted copy-on-write nodes (see node.h).
 */
#include <stdlib.h>
#include <string.h>

#include "node.h"

static uint64_t last_gen;

uint64_t node_next_gen(void)
{
    return ++last_gen;
}

void node_reset_gen(void)
{
    last_gen = 0;
}

struct xs_node *node_new(const char *name, size_t namelen,
                         const struct xs_perm *perms, unsigned int nperms)
{
    struct xs_node *n = xs_zalloc(sizeof(*n));

    n->refcnt = 1;
    n->name = xs_strndup(name, namelen);
    n->perms = xs_malloc(nperms * sizeof(*perms));
    if ( nperms )
        memcpy(n->perms, perms, nperms * sizeof(*perms));
    n->nperms = nperms;
    n->gen = node_next_gen();
    return n;
}

void node_put(struct xs_node *n)
{
    unsigned int i;

    if ( !n || --n->refcnt )
        return;
    for ( i = 0; i < n->nchild; i++ )
        node_put(n->child[i]);
    free(n->child);
    free(n->name);
    free(n->value);
    free(n->perms);
    free(n);
}

int node_child_index(const struct xs_node *n, const char *name, size_t len)
{
    unsigned int i;

    for ( i = 0; i < n->nchild; i++ )
    {
        const char *c = n->child[i]->name;

        if ( !strncmp(c, name, len) && c[len] == '\0' )
            return i;
    }
    return -1;
}

/* Walk a canonical path; NULL if any component is missing. */
struct xs_node *node_lookup(struct xs_node *root, const char *path)
{
    struct xs_node *n = root;
    const char *p = path + 1;

    while ( n && *p )
    {
        const char *slash = strchr(p, '/');
        size_t len = slash ? (size_t)(slash - p) : strlen(p);
        int i = node_child_index(n, p, len);

        n = i < 0 ? NULL : n->child[i];
        p += len + (slash ? 1 : 0);
    }
    return n;
}

/*
 * Make *slot a node only its owner holds.  A shared node is cloned: the
 * clone takes a new reference on each child, so the children stay shared
 * until they are made private in turn.
 */
struct xs_node *node_make_private(struct xs_node **slot)
{
    struct xs_node *old = *slot, *n;
    unsigned int i;

    if ( old->refcnt == 1 )
        return old;

    n = node_new(old->name, strlen(old->name), old->perms, old->nperms);
    n->gen = old->gen;
    if ( old->vlen )
    {
        n->value = xs_malloc(old->vlen);
        memcpy(n->value, old->value, old->vlen);
        n->vlen = old->vlen;
    }
    n->cap = old->nchild;
    n->child = xs_malloc(n->cap * sizeof(*n->child) + 1);
    for ( i = 0; i < old->nchild; i++ )
        n->child[i] = node_get(old->child[i]);
    n->nchild = old->nchild;
    n->childlen = old->childlen;

    old->refcnt--;
    *slot = n;
    return n;
}

/* Make every node from the root to path private; NULL if path is absent. */
struct xs_node *node_private_path(struct xs_node **rootp, const char *path)
{
    struct xs_node **slot = rootp;
    const char *p = path + 1;

    node_make_private(slot);
    while ( *p )
    {
        const char *slash = strchr(p, '/');
        size_t len = slash ? (size_t)(slash - p) : strlen(p);
        int i = node_child_index(*slot, p, len);

        if ( i < 0 )
            return NULL;
        slot = &(*slot)->child[i];
        node_make_private(slot);
        p += len + (slash ? 1 : 0);
    }
    return *slot;
}

void node_set_value(struct xs_node *n, const char *value, unsigned int len)
{
    free(n->value);
    n->value = NULL;
    if ( len )
    {
        n->value = xs_malloc(len);
        memcpy(n->value, value, len);
    }
    n->vlen = len;
    n->gen = node_next_gen();
}

void node_set_perms(struct xs_node *n, const struct xs_perm *p,
                    unsigned int nperms)
{
    free(n->perms);
    n->perms = xs_malloc(nperms * sizeof(*p));
    memcpy(n->perms, p, nperms * sizeof(*p));
    n->nperms = nperms;
    n->gen = node_next_gen();
}

/* The parent's stamp changes too: its DIRECTORY answer did. */
void node_add_child(struct xs_node *parent, struct xs_node *child)
{
    if ( parent->nchild == parent->cap )
    {
        parent->cap = parent->cap ? parent->cap * 2 : 4;
        parent->child = xs_realloc(parent->child,
                                   parent->cap * sizeof(*parent->child));
    }
    parent->child[parent->nchild++] = child;
    parent->childlen += strlen(child->name) + 1;
    parent->gen = node_next_gen();
}

void node_remove_child(struct xs_node *parent, unsigned int idx)
{
    struct xs_node *c = parent->child[idx];

    parent->childlen -= strlen(c->name) + 1;
    memmove(&parent->child[idx], &parent->child[idx + 1],
            (parent->nchild - idx - 1) * sizeof(*parent->child));
    parent->nchild--;
    parent->gen = node_next_gen();
    node_put(c);
}

/* What a node costs its owner's memory quota. */
size_t node_bytes(const struct xs_node *n)
{
    return strlen(n->name) + 1 + n->vlen + n->nperms * sizeof(*n->perms);
}

const char *path_basename(const char *path)
{
    return strrchr(path, '/') + 1;
}

/* Length of the parent's path ("/a/b" -> 2, "/a" -> 1 for "/"). */
size_t path_parent_len(const char *path)
{
    size_t len = strrchr(path, '/') - path;

    return len ? len : 1;
}

bool path_is_below_or_at(const char *path, const char *top)
{
    size_t len = strlen(top);

    if ( !strcmp(top, "/") )
        return path[0] == '/';
    return !strncmp(path, top, len) && (path[len] == '\0' || path[len] == '/');
}
