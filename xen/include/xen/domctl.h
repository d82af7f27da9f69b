/*
 * What domctl (common/domctl.c) shares with sysctl (common/sysctl.c).
 */
#ifndef XEN_DOMCTL_H
#define XEN_DOMCTL_H

#include <public/domctl.h>

struct domain;

/*
 * The one permission gate of both control interfaces: 0 for a privileged
 * (control) domain, -EPERM for any other.
 */
int control_op_permitted(void);

/* Fills info for d, as XEN_DOMCTL_getdomaininfo reports it. */
void getdomaininfo(struct domain *d, struct xen_domctl_getdomaininfo *info);

#endif /* XEN_DOMCTL_H */
