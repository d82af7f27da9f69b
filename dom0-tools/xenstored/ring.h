/*
 * The shared-ring transport: a domain's xenstore_domain_interface page
 * (xs_wire.h), requests in req[], replies and events in rsp[], with
 * free-running 32-bit indexes.
 *
 * The page is shared with a guest that may write anything at any time.
 * Each index is read once per operation, and a producer index more than a
 * ring ahead of its consumer is impossible: the connection is then marked
 * with XENSTORE_ERROR_RINGIDX and dropped (4.17 behaviour).  Payload bytes
 * are copied out once before the daemon looks at them.
 *
 * How the page and its event channel are obtained is the backend's
 * business (ring_xen.c maps them through Linux's /dev/xen devices); this
 * file only needs the page and a notify function, so the tests drive it
 * against an ordinary page in memory.
 */
#ifndef XS_RING_H
#define XS_RING_H

#include "conn.h"

struct xs_ring {
    struct xenstore_domain_interface *intf;
    void (*notify)(struct xs_ring *r);
    void *backend;             /* for the backend's own use */
    bool broken;
};

int xs_ring_read(struct xs_ring *r, void *buf, unsigned int len);
int xs_ring_write(struct xs_ring *r, const void *buf, unsigned int len);
bool xs_ring_check_reconnect(struct xs_conn *c);
void xs_ring_init_page(struct xs_ring *r);

extern const struct xs_transport xs_ring_transport;

#endif /* XS_RING_H */
