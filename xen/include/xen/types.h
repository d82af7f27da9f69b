#ifndef XEN_TYPES_H
#define XEN_TYPES_H

/* Compiler-provided headers are available to freestanding code too. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdarg.h>

typedef uint64_t paddr_t;
typedef unsigned long mfn_t;
#define PRIpaddr "016lx"

#endif /* XEN_TYPES_H */
