/*
 * Watches (see watch.h).
 */
#include <stdlib.h>
#include <string.h>

#include "domain.h"
#include "store.h"
#include "watch.h"

int watch_add(struct xs_conn *c, const char *path, size_t strip,
              const char *token, int depth)
{
    struct xs_watch *w, **tail = &c->watches;

    for ( w = c->watches; w; w = w->next )
    {
        if ( !strcmp(w->path, path) && !strcmp(w->token, token) )
            return EEXIST;
        tail = &w->next;
    }
    if ( !c->who.privileged && c->nwatches > xs_quota.watches )
        return E2BIG;

    w = xs_zalloc(sizeof(*w));
    w->path = xs_strndup(path, strlen(path));
    w->token = xs_strndup(token, strlen(token));
    w->strip = strip;
    w->depth = depth;
    *tail = w;
    c->nwatches++;
    return 0;
}

static void watch_free(struct xs_watch *w)
{
    free(w->path);
    free(w->token);
    free(w);
}

int watch_remove(struct xs_conn *c, const char *path, const char *token)
{
    struct xs_watch **p, *w;

    for ( p = &c->watches; (w = *p); p = &w->next )
        if ( !strcmp(w->path, path) && !strcmp(w->token, token) )
        {
            *p = w->next;
            watch_free(w);
            c->nwatches--;
            return 0;
        }
    return ENOENT;
}

void watch_remove_all(struct xs_conn *c)
{
    struct xs_watch *w, *next;

    for ( w = c->watches; w; w = next )
    {
        next = w->next;
        watch_free(w);
    }
    c->watches = NULL;
    c->nwatches = 0;
}

/* An event is two strings: the path (relative if the watch was) and token. */
static void send_event(struct xs_conn *c, const struct xs_watch *w,
                       const char *path)
{
    char buf[XENSTORE_PAYLOAD_MAX];
    size_t plen, tlen;

    if ( w->strip && strlen(path) > w->strip )
        path += w->strip;
    plen = strlen(path) + 1;
    tlen = strlen(w->token) + 1;
    if ( plen + tlen > sizeof(buf) )
        return;                 /* cannot happen: both were length-checked */
    memcpy(buf, path, plen);
    memcpy(buf + plen, w->token, tlen);
    conn_send(c, XS_WATCH_EVENT, 0, 0, buf, plen + tlen, false);
}

static bool depth_ok(const struct xs_watch *w, const char *path)
{
    const char *rest;
    int levels = 0;

    if ( w->depth < 0 )
        return true;
    rest = path + (strcmp(w->path, "/") ? strlen(w->path) : 0);
    for ( ; *rest; rest++ )
        levels += (*rest == '/');
    return levels <= w->depth;
}

/* 4.17: the watcher must be able to read the node or, failing that, its
 * parent. */
static bool may_see(const struct xs_conn *c, const char *path,
                    const struct xs_node *n)
{
    char parent[XENSTORE_ABS_PATH_MAX + 64];
    const struct xs_node *p;
    size_t len;

    if ( perms_for(&c->who, n->perms, n->nperms) & XS_PERM_READ )
        return true;
    len = path_parent_len(path);
    if ( !strcmp(path, "/") || len >= sizeof(parent) )
        return false;
    memcpy(parent, path, len);
    parent[len] = '\0';
    p = node_lookup(xs_live.root, parent);
    return p && (perms_for(&c->who, p->perms, p->nperms) & XS_PERM_READ);
}

void watch_fire(const char *path, const struct xs_node *n, bool exact)
{
    struct xs_conn *c;
    struct xs_watch *w;

    for ( c = xs_conns; c; c = c->next )
    {
        if ( c->dead || !c->watches || !may_see(c, path, n) )
            continue;
        for ( w = c->watches; w; w = w->next )
        {
            bool hit = exact ? !strcmp(path, w->path)
                             : path_is_below_or_at(path, w->path);

            if ( hit && depth_ok(w, path) )
                send_event(c, w, path);
        }
    }
}

static void fire_removed_walk(const char *path, const struct xs_node *n,
                              void *arg)
{
    const char *top = arg;

    if ( strcmp(path, top) )
        watch_fire(path, n, true);
}

/* A removal fires at the node and, exactly, at each node below it. */
void watch_fire_removed(const char *path, const struct xs_node *n)
{
    char buf[XENSTORE_ABS_PATH_MAX + 64];
    size_t len = strlen(path);

    if ( len < sizeof(buf) && n->nchild )
    {
        memcpy(buf, path, len + 1);
        store_walk(n, buf, len, fire_removed_walk, (void *)path);
    }
    watch_fire(path, n, false);
}

void watch_fire_special(const char *name)
{
    const struct xs_perm *p;
    struct xs_conn *c;
    struct xs_watch *w;
    unsigned int np;

    if ( !domain_special_perms(name, &p, &np) )
        return;
    for ( c = xs_conns; c; c = c->next )
    {
        if ( c->dead || !(perms_for(&c->who, p, np) & XS_PERM_READ) )
            continue;
        for ( w = c->watches; w; w = w->next )
            if ( !strcmp(w->path, name) )
                send_event(c, w, name);
    }
}
