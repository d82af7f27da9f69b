/*
 * Transactions: a private copy-on-write tree, the set of paths read or
 * written with the stamp each had when the transaction started, and a log
 * of changes to replay on the live tree at commit.
 *
 * Commit succeeds only if every path the transaction touched still has the
 * stamp it had in the transaction's starting snapshot (absent stays absent);
 * otherwise EAGAIN, as in 4.17.  Since everything the transaction saw is
 * then unchanged, replaying its log gives the result it computed.
 */
#ifndef XS_TX_H
#define XS_TX_H

#include "store.h"

struct xs_access {
    char *path;                /* NULL: free slot */
    uint64_t gen;              /* 0: absent in the snapshot */
};

struct xs_change {
    struct xs_change *next;
    enum xs_change_kind kind;
    char *path;
    char *value;
    unsigned int vlen;
    unsigned int nperms;
    struct xs_perm *perms;
    bool fire;                 /* fires watches when replayed */
};

struct xs_delta {
    unsigned int domid;
    long nodes;
    long bytes;
};

struct xs_tx {
    struct xs_tx *next;        /* in the connection's list */
    uint32_t id;
    struct xs_tree tree;       /* what requests in the transaction see */
    struct xs_node *base;      /* the live root when it started */
    struct xs_access *acc;
    unsigned int nacc, acccap;
    unsigned int acc_limit;    /* 0: unlimited (privileged) */
    bool too_big;              /* went over acc_limit: cannot commit */
    struct xs_change *log, **log_tail;
    struct xs_delta *delta;
    unsigned int ndelta;
    bool created;              /* created nodes: recheck node quota */
};

struct xs_tx *tx_start(uint32_t id, unsigned int acc_limit);
int tx_commit(struct xs_tx *tx, const struct xs_who *who);
void tx_free(struct xs_tx *tx);

void tx_access(struct xs_tx *tx, const char *path);
void tx_log_change(struct xs_tx *tx, enum xs_change_kind kind,
                   const char *path, const struct xs_node *n, bool fire);
void tx_account(struct xs_tx *tx, unsigned int domid, long nodes,
                long bytes);
void tx_delta(const struct xs_tx *tx, unsigned int domid, long *nodes,
              long *bytes);

#endif /* XS_TX_H */
