/*
 * Tessera xenstored: declarations shared by every part of the daemon.
 *
 * The daemon is single-threaded: one poll() loop owns every structure, so
 * nothing here is locked.  A request is handled to completion (reply queued,
 * watches fired, journal record written) before the next one is read, which
 * is what makes each request atomic for every other client.
 */
#ifndef XENSTORED_H
#define XENSTORED_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <errno.h>

#include <xen/io/xs_wire.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

#define XS_NR_DOMIDS   65536u
#define XS_DOMID_SELF  0x7ff0u
#define XS_DOMID_NONE  0xffffffffu

/*
 * Limits.  Defaults are Xen 4.17's C xenstored (tools/xenstore/
 * xenstored_core.c); the comparisons that use them mirror 4.17's, including
 * where 4.17 lets one more through than the number suggests (watches,
 * transactions), because guests were tested against that behaviour.
 */
struct xs_quota {
    unsigned int nodes;          /* nodes owned per domain (>= fails) */
    unsigned int watches;        /* watches per connection (> fails) */
    unsigned int entry_size;     /* node value + child names (>= fails) */
    unsigned int transactions;   /* open per connection (> fails) */
    unsigned int perms;          /* entries in a SET_PERMS (> fails) */
    unsigned int trans_nodes;    /* nodes touched by one transaction */
    unsigned int path_max;       /* below /local/domain/N/ */
    unsigned int outstanding;    /* unanswered requests before we stop reading */
    unsigned int memory_hard;    /* node bytes owned per domain */
    unsigned int memory_soft;    /* logged once when crossed */
};

extern struct xs_quota xs_quota;

/* Output that a connection may leave unread before it is dropped. */
#define XS_OUTPUT_HARD_LIMIT (4u << 20)

/* log.c */
enum xs_log_level { XS_LOG_ERR, XS_LOG_WARN, XS_LOG_INFO, XS_LOG_DEBUG };
int xs_log_open(const char *path);
void xs_log_reopen(void);
void xs_log_set_level(enum xs_log_level level);
void xs_log(enum xs_log_level level, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Allocation that cannot fail: on the host an OOM is fatal anyway. */
void *xs_malloc(size_t size);
void *xs_zalloc(size_t size);
void *xs_realloc(void *p, size_t size);
char *xs_strndup(const char *s, size_t len);

#endif /* XENSTORED_H */
