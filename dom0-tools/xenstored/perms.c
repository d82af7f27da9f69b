/*
 * Node permissions (see perms.h for the model).
 */
#include <stdio.h>
#include <string.h>

#include "perms.h"

static int perm_letter(char c)
{
    switch ( c )
    {
    case 'n': return XS_PERM_NONE;
    case 'r': return XS_PERM_READ;
    case 'w': return XS_PERM_WRITE;
    case 'b': return XS_PERM_READ | XS_PERM_WRITE;
    default:  return -1;
    }
}

/*
 * Parse n NUL-terminated permission strings laid end to end in strs[0..len).
 * Domids are plain decimal and below 65536: anything else is EINVAL rather
 * than being truncated into some other domain's id.
 */
int perms_parse(const char *strs, size_t len, unsigned int n,
                struct xs_perm *out)
{
    const char *s = strs, *end = strs + len;
    unsigned int i;

    for ( i = 0; i < n; i++ )
    {
        const char *nul = memchr(s, '\0', end - s);
        unsigned long id = 0;
        const char *d;
        int p;

        if ( !nul || nul - s < 2 || nul - s > 6 )
            return -EINVAL;
        p = perm_letter(s[0]);
        if ( p < 0 )
            return -EINVAL;
        for ( d = s + 1; d < nul; d++ )
        {
            if ( *d < '0' || *d > '9' )
                return -EINVAL;
            id = id * 10 + (*d - '0');
        }
        if ( id >= XS_NR_DOMIDS )
            return -EINVAL;
        out[i].id = id;
        out[i].perms = p;
        s = nul + 1;
    }
    return 0;
}

/* Returns the bytes needed (strings with their NULs); writes up to cap. */
size_t perms_format(const struct xs_perm *p, unsigned int n, char *buf,
                    size_t cap)
{
    static const char letters[] = { 'n', 'r', 'w', 'b' };
    size_t used = 0;
    unsigned int i;

    for ( i = 0; i < n; i++ )
    {
        char one[16];
        int len = snprintf(one, sizeof(one), "%c%u",
                           letters[p[i].perms & 3], p[i].id);

        if ( used + len + 1 <= cap )
            memcpy(buf + used, one, len + 1);
        used += len + 1;
    }
    return used;
}

/*
 * 4.17's rule: privileged callers and the owner (or a domain whose target
 * owns the node) get everything; otherwise the first entry naming the caller
 * or its target decides, and failing that the owner entry's default.
 */
unsigned int perms_for(const struct xs_who *who, const struct xs_perm *p,
                       unsigned int n)
{
    const unsigned int all = XS_PERM_READ | XS_PERM_WRITE | XS_PERM_OWNER;
    unsigned int i;

    if ( who->privileged || p[0].id == who->domid ||
         (who->target != XS_DOMID_NONE && p[0].id == who->target) )
        return all;

    for ( i = 1; i < n; i++ )
        if ( p[i].id == who->domid ||
             (who->target != XS_DOMID_NONE && p[i].id == who->target) )
            return p[i].perms & all;

    return p[0].perms & all;
}
