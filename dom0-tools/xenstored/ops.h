/*
 * Request handling: the dispatcher, the argument helpers every handler
 * uses, and the handlers themselves (ops_node.c, ops_session.c).
 *
 * A handler gets the request with its payload NUL-terminated one byte past
 * its end (so a string search cannot run off it), and the tree it acts on:
 * the live tree, or the transaction's named in the header.  It returns 0
 * after filling the reply, or an errno that becomes an XS_ERROR reply; a
 * handler with no reply data answers "OK".
 */
#ifndef XS_OPS_H
#define XS_OPS_H

#include "conn.h"
#include "store.h"

struct xs_req {
    struct xs_conn *c;
    const struct xsd_sockmsg *hdr;
    const char *data;
    unsigned int len;
    struct xs_tree *tree;
    struct xs_tx *tx;
    char reply[XENSTORE_PAYLOAD_MAX + 64];
    unsigned int rlen;
    bool has_reply;
    bool answered;             /* the handler queued its own reply */
};

void xs_process(struct xs_conn *c, const struct xsd_sockmsg *hdr,
                const char *payload);
const char *xs_error_name(int err);

/* Argument helpers (ops.c). */
const char *req_onearg(const struct xs_req *r);
unsigned int req_strings(const struct xs_req *r, const char **vec,
                         unsigned int n);
unsigned int req_count_strings(const struct xs_req *r);
int req_path(const struct xs_req *r, const char *in, char *out,
             size_t *strip);
int req_domid(const char *s, unsigned int *domid);
void req_reply(struct xs_req *r, const void *data, unsigned int len);
bool path_valid(const char *path);

#define XS_PATH_BUF (XENSTORE_ABS_PATH_MAX + 64)

/* Handlers. */
int op_read(struct xs_req *r);
int op_write(struct xs_req *r);
int op_mkdir(struct xs_req *r);
int op_rm(struct xs_req *r);
int op_directory(struct xs_req *r);
int op_directory_part(struct xs_req *r);
int op_get_perms(struct xs_req *r);
int op_set_perms(struct xs_req *r);
int op_watch(struct xs_req *r);
int op_unwatch(struct xs_req *r);
int op_transaction_start(struct xs_req *r);
int op_transaction_end(struct xs_req *r);
int op_reset_watches(struct xs_req *r);
int op_introduce(struct xs_req *r);
int op_release(struct xs_req *r);
int op_get_domain_path(struct xs_req *r);
int op_is_domain_introduced(struct xs_req *r);
int op_resume(struct xs_req *r);
int op_set_target(struct xs_req *r);
int op_control(struct xs_req *r);

/* The daemon's request-completion hook: seal the journal record (persist.c). */
extern void (*xs_request_done)(void);
/* Called before any byte leaves for a client: write the journal. */
extern void (*xs_before_output)(void);

#endif /* XS_OPS_H */
