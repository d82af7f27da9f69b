/* SPDX-License-Identifier: MIT */
/*
 * Tessera public ABI: the xenstore wire protocol.
 *
 * Every message is an xsd_sockmsg header followed by len bytes of payload
 * (NUL-separated strings).  Guests talk over the xenstore_domain_interface
 * page named in start_info; dom0 tools use a socket with the same framing.
 */
#ifndef _XS_WIRE_H
#define _XS_WIRE_H

#include <stdint.h>

/* Numbering is positional and shared with every xenstored: never insert. */
enum xsd_sockmsg_type {
    XS_CONTROL,              /*  0 */
#define XS_DEBUG XS_CONTROL
    XS_DIRECTORY,            /*  1 */
    XS_READ,                 /*  2 */
    XS_GET_PERMS,            /*  3 */
    XS_WATCH,                /*  4 */
    XS_UNWATCH,              /*  5 */
    XS_TRANSACTION_START,    /*  6 */
    XS_TRANSACTION_END,      /*  7 */
    XS_INTRODUCE,            /*  8 */
    XS_RELEASE,              /*  9 */
    XS_GET_DOMAIN_PATH,      /* 10 */
    XS_WRITE,                /* 11 */
    XS_MKDIR,                /* 12 */
    XS_RM,                   /* 13 */
    XS_SET_PERMS,            /* 14 */
    XS_WATCH_EVENT,          /* 15: unsolicited, server -> client */
    XS_ERROR,                /* 16: payload is an error name, below */
    XS_IS_DOMAIN_INTRODUCED, /* 17 */
    XS_RESUME,               /* 18 */
    XS_SET_TARGET,           /* 19 */
    /* 20 was XS_RESTRICT, withdrawn */
    XS_RESET_WATCHES = XS_SET_TARGET + 2,
    XS_DIRECTORY_PART,       /* 22 */
    XS_TYPE_COUNT,           /* number of types, not a type */
    XS_INVALID = 0xffff      /* guaranteed never to be a valid type */
};

#define XS_WRITE_NONE        "NONE"
#define XS_WRITE_CREATE      "CREATE"
#define XS_WRITE_CREATE_EXCL "CREATE|EXCL"

/*
 * XS_ERROR replies carry the errno NAME as a string, so both ends agree
 * even if their errno numbers differ.  The table maps names to the local
 * errno and is only available when the includer has <errno.h> in scope.
 */
struct xsd_errors {
    int errnum;
    const char *errstring;
};
#ifdef EINVAL
# define XSD_ERROR(x) { x, #x }
static const struct xsd_errors xsd_errors[] __attribute__((unused)) = {
    XSD_ERROR(EINVAL),     /* first: the default for unknown names */
    XSD_ERROR(EACCES),
    XSD_ERROR(EEXIST),
    XSD_ERROR(EISDIR),
    XSD_ERROR(ENOENT),
    XSD_ERROR(ENOMEM),
    XSD_ERROR(ENOSPC),
    XSD_ERROR(EIO),
    XSD_ERROR(ENOTEMPTY),
    XSD_ERROR(ENOSYS),
    XSD_ERROR(EROFS),
    XSD_ERROR(EBUSY),
    XSD_ERROR(EAGAIN),
    XSD_ERROR(EISCONN),
    XSD_ERROR(E2BIG),
    XSD_ERROR(EPERM),
};
#endif

struct xsd_sockmsg {
    uint32_t type;    /* XS_* */
    uint32_t req_id;  /* echoed in the reply */
    uint32_t tx_id;   /* transaction, 0 for none */
    uint32_t len;     /* payload bytes that follow */
};

/* Fields of an XS_WATCH_EVENT payload. */
enum xs_watch_type {
    XS_WATCH_PATH = 0,
    XS_WATCH_TOKEN
};

/*
 * The shared page.  req carries guest -> xenstored, rsp the way back; both
 * are byte rings indexed with free-running counters.
 */
#define XENSTORE_RING_SIZE 1024
typedef uint32_t XENSTORE_RING_IDX;
#define MASK_XENSTORE_IDX(idx) ((idx) & (XENSTORE_RING_SIZE - 1))
struct xenstore_domain_interface {
    char req[XENSTORE_RING_SIZE];
    char rsp[XENSTORE_RING_SIZE];
    XENSTORE_RING_IDX req_cons, req_prod;
    XENSTORE_RING_IDX rsp_cons, rsp_prod;
    uint32_t server_features;  /* XENSTORE_SERVER_FEATURE_*, set by server */
    uint32_t connection;       /* XENSTORE_CONNECTED / _RECONNECT */
    uint32_t error;            /* XENSTORE_ERROR_*, set by server */
};

/* Protocol limits. */
#define XENSTORE_PAYLOAD_MAX   4096
#define XENSTORE_ABS_PATH_MAX  3072
#define XENSTORE_REL_PATH_MAX  2048

#define XENSTORE_SERVER_FEATURE_RECONNECTION 1
#define XENSTORE_SERVER_FEATURE_ERROR        2

/* Guest writes RECONNECT to ask the server to reset the rings. */
#define XENSTORE_CONNECTED 0
#define XENSTORE_RECONNECT 1

#define XENSTORE_ERROR_NONE    0
#define XENSTORE_ERROR_COMM    1  /* garbage on the ring */
#define XENSTORE_ERROR_RINGIDX 2  /* impossible index values */
#define XENSTORE_ERROR_PROTO   3  /* malformed message */

#endif /* _XS_WIRE_H */
