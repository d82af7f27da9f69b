/*
 * Domains known to the daemon: those introduced by the toolstack, with
 * their store ring and event channel, plus the permissions of the special
 * watch paths @introduceDomain and @releaseDomain.
 */
#ifndef XS_DOMAIN_H
#define XS_DOMAIN_H

#include "conn.h"

struct xs_domain {
    struct xs_domain *next;
    unsigned int domid;
    unsigned int port;         /* event channel in the guest */
    uint64_t gfn;              /* store page, as the toolstack named it */
    bool shutdown;
    unsigned int target;       /* XS_DOMID_NONE unless SET_TARGET */
    struct xs_conn *conn;      /* the ring connection, if mapped */
};

/*
 * How introduced domains are reached.  map() returns the domain's ring
 * connection or NULL; the "none" backend (no /dev/xen on this host) maps
 * nothing, so an introduced domain is known but has no connection.
 */
struct xs_ring_backend {
    const char *name;
    struct xs_conn *(*map)(struct xs_domain *d);
    void (*unmap)(struct xs_domain *d);
};

extern const struct xs_ring_backend *xs_ring_backend;

struct xs_domain *domain_find(unsigned int domid);
int domain_introduce(unsigned int domid, uint64_t gfn, unsigned int port);
int domain_release(unsigned int domid);
void domain_release_all(void);
unsigned int domain_target(unsigned int domid);

bool domain_special_perms(const char *name, const struct xs_perm **p,
                          unsigned int *n);
int domain_set_special_perms(const char *name, const struct xs_perm *p,
                             unsigned int n);
void domain_reset_special_perms(void);

#endif /* XS_DOMAIN_H */
