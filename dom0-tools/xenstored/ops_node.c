/*
 * Handlers that read or change nodes: READ, WRITE, MKDIR, RM, DIRECTORY,
 * DIRECTORY_PART, GET_PERMS, SET_PERMS.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "domain.h"
#include "ops.h"
#include "tx.h"

/*
 * What the caller may do at path.  An absent node answers for itself with
 * ENOENT only if the nearest existing ancestor grants the access asked
 * for; otherwise EACCES, so that the error does not reveal what exists
 * where the caller may not look (4.17's errno_from_parents).
 */
static int get_node(struct xs_req *r, const char *path, unsigned int want,
                    struct xs_node **out)
{
    char buf[XS_PATH_BUF];
    struct xs_node *n = store_lookup(r->tree, path), *anc;
    size_t len;

    *out = NULL;
    if ( n && (perms_for(&r->c->who, n->perms, n->nperms) & want) == want )
    {
        *out = n;
        return 0;
    }
    if ( n )
        return EACCES;
    anc = store_nearest(r->tree, path, buf, &len);
    return (perms_for(&r->c->who, anc->perms, anc->nperms) & want)
           ? ENOENT : EACCES;
}

static int node_arg(struct xs_req *r, char *path, unsigned int want,
                    struct xs_node **n)
{
    int err = req_path(r, req_onearg(r), path, NULL);

    return err ? err : get_node(r, path, want, n);
}

/* The node named by the only argument, if the caller may read it. */
static int readable_node(struct xs_req *r, struct xs_node **n)
{
    char path[XS_PATH_BUF];
    int err = node_arg(r, path, XS_PERM_READ, n);

    if ( !err )
        r->has_reply = true;
    return err;
}

int op_read(struct xs_req *r)
{
    struct xs_node *n;
    int err = readable_node(r, &n);

    if ( !err )
        req_reply(r, n->value, n->vlen);
    return err;
}

/* path, then the value: everything after the path's NUL, NULs included. */
int op_write(struct xs_req *r)
{
    char path[XS_PATH_BUF];
    const char *vec[1];
    struct xs_node *n;
    unsigned int off, vlen;
    int err;

    if ( req_strings(r, vec, 1) < 1 )
        return EINVAL;
    off = strlen(vec[0]) + 1;
    vlen = r->len - off;
    err = req_path(r, vec[0], path, NULL);
    if ( err )
        return err;
    err = get_node(r, path, XS_PERM_WRITE, &n);
    if ( err == ENOENT )
        return -store_create(r->tree, path, &r->c->who, r->data + off, vlen);
    if ( err )
        return err;
    return -store_set_value(r->tree, path, &r->c->who, r->data + off, vlen);
}

int op_mkdir(struct xs_req *r)
{
    char path[XS_PATH_BUF];
    struct xs_node *n;
    int err = node_arg(r, path, XS_PERM_WRITE, &n);

    if ( err == ENOENT )
        return -store_create(r->tree, path, &r->c->who, NULL, 0);
    return err;
}

/* Removing what does not exist is fine if its parent does (4.17). */
int op_rm(struct xs_req *r)
{
    char path[XS_PATH_BUF];
    struct xs_node *n;
    int err = node_arg(r, path, XS_PERM_WRITE, &n);

    if ( err == ENOENT )
    {
        size_t plen = path_parent_len(path);

        path[plen] = '\0';
        return store_lookup(r->tree, path) ? 0 : ENOENT;
    }
    if ( err )
        return err;
    if ( !strcmp(path, "/") )
        return EINVAL;
    return -store_rm(r->tree, path);
}

static unsigned int child_names(const struct xs_node *n, char *buf,
                                unsigned int cap)
{
    unsigned int i, used = 0;

    for ( i = 0; i < n->nchild; i++ )
    {
        size_t len = strlen(n->child[i]->name) + 1;

        if ( used + len <= cap )
            memcpy(buf + used, n->child[i]->name, len);
        used += len;
    }
    return used;
}

/* A list too long for one reply gets E2BIG: clients then use _PART. */
int op_directory(struct xs_req *r)
{
    struct xs_node *n;
    int err = readable_node(r, &n);

    if ( !err )
        r->rlen = child_names(n, r->reply, XENSTORE_PAYLOAD_MAX);
    return err;
}

/*
 * path, offset: the node's stamp, then whole child names from byte offset
 * of the list while they fit, then an empty string if the list ended
 * (4.17's layout; the stamp lets a client see the list change under it).
 */
int op_directory_part(struct xs_req *r)
{
    static char names[XS_NR_DOMIDS * 4];
    char path[XS_PATH_BUF], gen[24];
    const char *vec[2];
    struct xs_node *n;
    unsigned int off = 0, total, len = 0, genlen, room;
    const char *p;
    int err;

    if ( req_count_strings(r) != 2 || req_strings(r, vec, 2) != 2 )
        return EINVAL;
    err = req_path(r, vec[0], path, NULL);
    if ( !err )
        err = get_node(r, path, XS_PERM_READ, &n);
    if ( err )
        return err;
    for ( p = vec[1]; *p >= '0' && *p <= '9' && off < (1u << 28); p++ )
        off = off * 10 + (*p - '0');

    genlen = snprintf(gen, sizeof(gen), "%" PRIu64, n->gen) + 1;
    total = n->childlen;
    if ( total > sizeof(names) )
        return E2BIG;
    child_names(n, names, sizeof(names));

    memcpy(r->reply, gen, genlen);
    r->has_reply = true;
    if ( off >= total )
    {
        r->reply[genlen] = '\0';
        r->rlen = genlen + 1;
        return 0;
    }
    /* Start at a name boundary, so a bad offset cannot split a name. */
    while ( off && names[off - 1] != '\0' )
        off++;
    room = XENSTORE_PAYLOAD_MAX - genlen - 1;
    while ( off + len < total )
    {
        size_t l = strlen(names + off + len) + 1;

        if ( len + l > room )
            break;
        len += l;
    }
    memcpy(r->reply + genlen, names + off, len);
    r->rlen = genlen + len;
    if ( off + len == total )
        r->reply[r->rlen++] = '\0';
    return 0;
}

int op_get_perms(struct xs_req *r)
{
    struct xs_node *n;
    int err = readable_node(r, &n);

    if ( !err )
        r->rlen = perms_format(n->perms, n->nperms, r->reply,
                               XENSTORE_PAYLOAD_MAX);
    return err;
}

/* path, then one string per permission; the owner may change them. */
int op_set_perms(struct xs_req *r)
{
    struct xs_perm perms[XENSTORE_PAYLOAD_MAX / 3];
    char path[XS_PATH_BUF];
    unsigned int np = req_count_strings(r), off;
    struct xs_node *n;
    int err;

    if ( np < 2 )
        return EINVAL;
    np--;
    if ( !r->c->who.privileged && np > xs_quota.perms )
        return ENOSPC;
    if ( np > ARRAY_SIZE(perms) )
        return EINVAL;
    off = strlen(r->data) + 1;
    if ( perms_parse(r->data + off, r->len - off, np, perms) )
        return EINVAL;

    if ( r->data[0] == '@' )
    {
        const struct xs_perm *cur;
        unsigned int ncur;

        if ( !domain_special_perms(r->data, &cur, &ncur) )
            return EINVAL;
        if ( (perms_for(&r->c->who, cur, ncur) &
              (XS_PERM_WRITE | XS_PERM_OWNER)) !=
             (XS_PERM_WRITE | XS_PERM_OWNER) )
            return EACCES;
        return domain_set_special_perms(r->data, perms, np);
    }

    err = req_path(r, r->data, path, NULL);
    if ( !err )
        err = get_node(r, path, XS_PERM_WRITE | XS_PERM_OWNER, &n);
    if ( err )
        return err;
    /* Unprivileged domains may not give their nodes away. */
    if ( !r->c->who.privileged && perms[0].id != n->perms[0].id )
        return EPERM;
    return -store_set_perms(r->tree, path, perms, np);
}
