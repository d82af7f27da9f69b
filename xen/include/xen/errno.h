/*
 * Internal error codes: the negative of Xen's public errno values, which the
 * hypercall-abi headers define (hypercall-abi/xen/errno.h).  Until that
 * header lands, the few codes boot code needs are spelled out here with the
 * same values.
 */
#ifndef XEN_ERRNO_H
#define XEN_ERRNO_H

#ifndef EINVAL
#define EPERM       1
#define ENOENT      2
#define ENOMEM      12
#define EFAULT      14
#define EBUSY       16
#define EEXIST      17
#define EINVAL      22
#define ENOSPC      28
#define ENOSYS      38
#endif

#endif /* XEN_ERRNO_H */
