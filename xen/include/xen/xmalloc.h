/*
 * The hypervisor's allocator for its own objects (xen/common/xmalloc.c).
 * Memory comes from the xenheap; nothing here is ever handed to a guest.
 */
#ifndef XEN_XMALLOC_H
#define XEN_XMALLOC_H

#include <xen/types.h>

/* `align` is a power of two (0 means the default, 16).  NULL on failure. */
void *xmalloc_bytes(size_t size, size_t align);
void *xzalloc_bytes(size_t size, size_t align);
/* NULL is ignored; anything else must come from xmalloc_bytes(). */
void xfree(void *p);

/* Objects of n * size bytes, or NULL when that product overflows. */
void *xmalloc_array_bytes(size_t size, size_t align, size_t n);
void *xzalloc_array_bytes(size_t size, size_t align, size_t n);

#define xmalloc(type) \
    ((type *)xmalloc_bytes(sizeof(type), __alignof__(type)))
#define xzalloc(type) \
    ((type *)xzalloc_bytes(sizeof(type), __alignof__(type)))
#define xmalloc_array(type, n) \
    ((type *)xmalloc_array_bytes(sizeof(type), __alignof__(type), (n)))
#define xzalloc_array(type, n) \
    ((type *)xzalloc_array_bytes(sizeof(type), __alignof__(type), (n)))

#endif /* XEN_XMALLOC_H */
