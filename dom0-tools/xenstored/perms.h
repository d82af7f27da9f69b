/*
 * Node permissions: the owner entry plus per-domain overrides.
 *
 * On the wire a permission is one letter and a domid, "r5": n(one),
 * r(ead), w(rite), b(oth).  The first entry names the owner and gives the
 * access of every domain not listed after it.
 */
#ifndef XS_PERMS_H
#define XS_PERMS_H

#include "xenstored.h"

#define XS_PERM_NONE   0x00u
#define XS_PERM_READ   0x01u
#define XS_PERM_WRITE  0x02u
#define XS_PERM_OWNER  0x08u   /* never on the wire: the right to SET_PERMS */

struct xs_perm {
    uint16_t id;
    uint16_t perms;
};

/* Who is asking: a domain, whether it is privileged, and its target. */
struct xs_who {
    unsigned int domid;
    bool privileged;
    unsigned int target;       /* XS_DOMID_NONE unless SET_TARGET was used */
};

int perms_parse(const char *strs, size_t len, unsigned int n,
                struct xs_perm *out);
size_t perms_format(const struct xs_perm *p, unsigned int n, char *buf,
                    size_t cap);
unsigned int perms_for(const struct xs_who *who, const struct xs_perm *p,
                       unsigned int n);

#endif /* XS_PERMS_H */
