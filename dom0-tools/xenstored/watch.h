/*
 * Watches: a connection's (path, token) pairs, and the events they fire.
 *
 * An event is queued on the watcher when the live tree changes at or below
 * the watched path (within depth levels if one was given), and only if the
 * watcher may read the changed node or its parent, as in 4.17.  Special
 * paths (@introduceDomain, @releaseDomain) fire only on those events.
 */
#ifndef XS_WATCH_H
#define XS_WATCH_H

#include "conn.h"
#include "node.h"

struct xs_watch {
    struct xs_watch *next;
    char *path;                /* canonical, or a special @name */
    char *token;
    size_t strip;              /* bytes to drop from event paths: relative */
    int depth;                 /* -1: any depth */
};

int watch_add(struct xs_conn *c, const char *path, size_t strip,
              const char *token, int depth);
int watch_remove(struct xs_conn *c, const char *path, const char *token);
void watch_remove_all(struct xs_conn *c);

void watch_fire(const char *path, const struct xs_node *n, bool exact);
void watch_fire_removed(const char *path, const struct xs_node *n);
void watch_fire_special(const char *name);

#endif /* XS_WATCH_H */
