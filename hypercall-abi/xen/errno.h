/* SPDX-License-Identifier: MIT */
/*
 * Tessera public ABI: error numbers.
 *
 * Hypercalls fail with the NEGATIVE of one of these values in %rax.  The
 * numbering is Xen's, which happens to equal Linux/x86's for every entry, so
 * a Linux guest can hand the value straight to its own errno machinery --
 * that is the whole reason the table cannot be renumbered.
 *
 * Two ways to use this header:
 *  - plainly: you get enum xen_errno with XEN_EPERM, XEN_ENOENT, ...;
 *  - as a generator: #define XEN_ERRNO(name, value) first and each entry is
 *    expanded through your macro (then XEN_ERRNO is undefined again), e.g.
 *    to build a name table.  This mode may be used any number of times.
 */

/* The list itself, kept in one place for both modes. */
#ifndef __TESSERA_XEN_ERRNO_LIST
#define __TESSERA_XEN_ERRNO_LIST(X)                                     \
    X(EPERM,            1)                                              \
    X(ENOENT,           2)                                              \
    X(ESRCH,            3)                                              \
    X(EINTR,            4)  /* hypervisor-internal, never returned */   \
    X(EIO,              5)                                              \
    X(ENXIO,            6)                                              \
    X(E2BIG,            7)                                              \
    X(ENOEXEC,          8)                                              \
    X(EBADF,            9)                                              \
    X(ECHILD,          10)                                              \
    X(EAGAIN,          11)                                              \
    X(EWOULDBLOCK,     11)                                              \
    X(ENOMEM,          12)                                              \
    X(EACCES,          13)                                              \
    X(EFAULT,          14)  /* a guest handle could not be accessed */  \
    X(EBUSY,           16)                                              \
    X(EEXIST,          17)                                              \
    X(EXDEV,           18)                                              \
    X(ENODEV,          19)                                              \
    X(ENOTDIR,         20)                                              \
    X(EISDIR,          21)                                              \
    X(EINVAL,          22)                                              \
    X(ENFILE,          23)                                              \
    X(EMFILE,          24)                                              \
    X(ENOSPC,          28)                                              \
    X(EROFS,           30)                                              \
    X(EMLINK,          31)                                              \
    X(EDOM,            33)                                              \
    X(ERANGE,          34)                                              \
    X(EDEADLK,         35)                                              \
    X(EDEADLOCK,       35)                                              \
    X(ENAMETOOLONG,    36)                                              \
    X(ENOLCK,          37)                                              \
    X(ENOSYS,          38)  /* unknown hypercall or sub-op */           \
    X(ENOTEMPTY,       39)                                              \
    X(ENODATA,         61)                                              \
    X(ETIME,           62)                                              \
    X(EBADMSG,         74)                                              \
    X(EOVERFLOW,       75)                                              \
    X(EILSEQ,          84)                                              \
    X(ERESTART,        85)  /* hypervisor-internal: continuation */     \
    X(ENOTSOCK,        88)                                              \
    X(EMSGSIZE,        90)                                              \
    X(EOPNOTSUPP,      95)                                              \
    X(EADDRINUSE,      98)                                              \
    X(EADDRNOTAVAIL,   99)                                              \
    X(ENOBUFS,        105)                                              \
    X(EISCONN,        106)                                              \
    X(ENOTCONN,       107)                                              \
    X(ETIMEDOUT,      110)                                              \
    X(ECONNREFUSED,   111)
#endif

#ifdef XEN_ERRNO

__TESSERA_XEN_ERRNO_LIST(XEN_ERRNO)
#undef XEN_ERRNO

#elif !defined(__XEN_PUBLIC_ERRNO_H__)
#define __XEN_PUBLIC_ERRNO_H__

#ifndef __ASSEMBLY__
#define __TESSERA_XEN_ERRNO_ENUM(name, value) XEN_ ## name = value,
enum xen_errno {
    __TESSERA_XEN_ERRNO_LIST(__TESSERA_XEN_ERRNO_ENUM)
};
#undef __TESSERA_XEN_ERRNO_ENUM
#endif

#endif
