/*
 * Introduced domains (see domain.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain.h"
#include "store.h"
#include "watch.h"

static struct xs_domain *domains;

static struct xs_perm introduce_perms[8];
static unsigned int introduce_nperms;
static struct xs_perm release_perms[8];
static unsigned int release_nperms;

static struct xs_conn *map_nothing(struct xs_domain *d)
{
    (void)d;
    return NULL;
}

static void unmap_nothing(struct xs_domain *d)
{
    (void)d;
}

static const struct xs_ring_backend no_backend = {
    .name = "none", .map = map_nothing, .unmap = unmap_nothing,
};

const struct xs_ring_backend *xs_ring_backend = &no_backend;

struct xs_domain *domain_find(unsigned int domid)
{
    struct xs_domain *d;

    for ( d = domains; d; d = d->next )
        if ( d->domid == domid )
            return d;
    return NULL;
}

unsigned int domain_target(unsigned int domid)
{
    struct xs_domain *d = domain_find(domid);

    return d ? d->target : XS_DOMID_NONE;
}

/*
 * As in 4.17, introducing a known domain again only resets its connection
 * (a guest that resumed or kexec'd); @introduceDomain fires for new ones.
 */
int domain_introduce(unsigned int domid, uint64_t gfn, unsigned int port)
{
    struct xs_domain *d = domain_find(domid);

    if ( d )
    {
        if ( d->conn )
            conn_reset(d->conn);
        return 0;
    }

    d = xs_zalloc(sizeof(*d));
    d->domid = domid;
    d->gfn = gfn;
    d->port = port;
    d->target = XS_DOMID_NONE;
    d->conn = xs_ring_backend->map(d);
    if ( d->conn )
        d->conn->domain = d;
    d->next = domains;
    domains = d;
    xs_log(XS_LOG_INFO, "introduced domain %u (port %u, %s ring)", domid,
           port, d->conn ? xs_ring_backend->name : "no");
    watch_fire_special("@introduceDomain");
    return 0;
}

static void remove_from_perms(struct xs_perm *p, unsigned int *n,
                              unsigned int domid)
{
    unsigned int i, out = 1;

    for ( i = 1; i < *n; i++ )
        if ( p[i].id != domid )
            p[out++] = p[i];
    *n = out;
}

/* Nodes owned by a released domain go with it (4.17 without -K). */
static void collect_owned(const char *path, const struct xs_node *n,
                          void *arg)
{
    struct { unsigned int domid; char **paths; unsigned int num; } *o = arg;

    if ( n->perms[0].id != o->domid || !strcmp(path, "/") )
        return;
    o->paths = xs_realloc(o->paths, (o->num + 1) * sizeof(char *));
    o->paths[o->num++] = xs_strndup(path, strlen(path));
}

static void remove_owned_nodes(unsigned int domid)
{
    struct { unsigned int domid; char **paths; unsigned int num; } o =
        { domid, NULL, 0 };
    char buf[XENSTORE_ABS_PATH_MAX + 64] = "";
    unsigned int i;

    if ( !domid || !store_domain_nodes(domid) )
        return;
    store_walk(xs_live.root, buf, 0, collect_owned, &o);
    /* Pre-order: a removed ancestor takes its descendants along. */
    for ( i = 0; i < o.num; i++ )
    {
        if ( node_lookup(xs_live.root, o.paths[i]) )
            store_rm(&xs_live, o.paths[i]);
        free(o.paths[i]);
    }
    free(o.paths);
}

int domain_release(unsigned int domid)
{
    struct xs_domain **p, *d;

    for ( p = &domains; (d = *p); p = &d->next )
        if ( d->domid == domid )
            break;
    if ( !d )
        return ENOENT;
    *p = d->next;

    if ( d->conn )
    {
        d->conn->domain = NULL;
        conn_kill(d->conn, "domain released");
    }
    xs_ring_backend->unmap(d);
    remove_owned_nodes(domid);
    remove_from_perms(introduce_perms, &introduce_nperms, domid);
    remove_from_perms(release_perms, &release_nperms, domid);
    for ( struct xs_domain *o = domains; o; o = o->next )
        if ( o->target == domid )
            o->target = XS_DOMID_NONE;
    free(d);
    xs_log(XS_LOG_INFO, "released domain %u", domid);
    watch_fire_special("@releaseDomain");
    return 0;
}

void domain_release_all(void)
{
    while ( domains )
    {
        struct xs_domain *d = domains;

        domains = d->next;
        if ( d->conn )
        {
            d->conn->domain = NULL;
            conn_kill(d->conn, "shutting down");
        }
        xs_ring_backend->unmap(d);
        free(d);
    }
}

void domain_reset_special_perms(void)
{
    introduce_perms[0] = (struct xs_perm){ 0, XS_PERM_NONE };
    introduce_nperms = 1;
    release_perms[0] = (struct xs_perm){ 0, XS_PERM_NONE };
    release_nperms = 1;
}

bool domain_special_perms(const char *name, const struct xs_perm **p,
                          unsigned int *n)
{
    if ( !strcmp(name, "@introduceDomain") )
    {
        *p = introduce_perms;
        *n = introduce_nperms;
        return true;
    }
    if ( !strcmp(name, "@releaseDomain") )
    {
        *p = release_perms;
        *n = release_nperms;
        return true;
    }
    return false;
}

int domain_set_special_perms(const char *name, const struct xs_perm *p,
                             unsigned int n)
{
    struct xs_perm *dst;
    unsigned int *dn;

    if ( !strcmp(name, "@introduceDomain") )
    {
        dst = introduce_perms;
        dn = &introduce_nperms;
    }
    else if ( !strcmp(name, "@releaseDomain") )
    {
        dst = release_perms;
        dn = &release_nperms;
    }
    else
        return EINVAL;
    if ( n > ARRAY_SIZE(release_perms) )
        return ENOSPC;
    memcpy(dst, p, n * sizeof(*p));
    *dn = n;
    return 0;
}
