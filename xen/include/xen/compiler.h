/*
 * Force-included into every hypervisor translation unit (see xen/Makefile).
 *
 * The image is linked far above 4 GiB (slot 261), so code must address data
 * RIP-relatively: we compile position-independent with the small code model.
 * Hidden visibility tells the compiler no symbol can be preempted, so it
 * never routes an access through a GOT.
 */
#ifndef XEN_COMPILER_H
#define XEN_COMPILER_H

#if defined(__XEN__) && !defined(__ASSEMBLER__)
#pragma GCC visibility push(hidden)
#endif

#ifndef __ASSEMBLER__
#define __used          __attribute__((__used__))
#define __noreturn      __attribute__((__noreturn__))
#define noinline        __attribute__((__noinline__))
#define __packed        __attribute__((__packed__))
#define __aligned(a)    __attribute__((__aligned__(a)))
#define __section(s)    __attribute__((__section__(s)))
#define __printf(a, b)  __attribute__((__format__(__printf__, a, b)))
#define __maybe_unused  __attribute__((__unused__))
#define likely(x)       __builtin_expect(!!(x), 1)
#define unlikely(x)     __builtin_expect(!!(x), 0)
#define barrier()       __asm__ __volatile__("" ::: "memory")
#define ACCESS_ONCE(x)  (*(volatile __typeof__(x) *)&(x))
#endif

#endif /* XEN_COMPILER_H */
