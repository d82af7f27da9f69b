/*
 * The only way hypervisor code touches guest memory.
 *
 * Guest pointers arrive as XEN_GUEST_HANDLE(type) values (a struct holding
 * a pointer, so they cannot be dereferenced by accident).  Every access
 * goes through copy_{from,to}_guest*(), which check that the range is guest
 * address space (never the hypervisor's hole), open the SMAP window only
 * for the copy itself, and survive faults: a bad guest pointer makes the
 * copy return the number of bytes NOT copied, never a hypervisor fault.
 * Callers turn a short copy into -EFAULT.
 *
 * The access uses the page tables loaded on this CPU, i.e. those of the
 * current vCPU's current guest mode; hypercalls come from guest kernel
 * mode, so it is the guest kernel's view.
 */
#ifndef XEN_GUEST_ACCESS_H
#define XEN_GUEST_ACCESS_H

#include <xen/types.h>
#include <public/xen.h>

/* Bytes not copied (0 = success). */
unsigned long raw_copy_from_guest(void *to, unsigned long from, unsigned long n);
unsigned long raw_copy_to_guest(unsigned long to, const void *from, unsigned long n);
unsigned long raw_clear_guest(unsigned long to, unsigned long n);

/* A guest range [va, va + n) that lies entirely in guest address space. */
bool guest_range_ok(unsigned long va, unsigned long n);

#define guest_handle_is_null(h)     ((h).p == NULL)
#define guest_handle_add_offset(h, n) ((h).p += (n))
/* Any struct with a typed `p` works as a handle for the copy macros. */
#define guest_handle_cast(h, type)  ((struct { type *p; }){ (type *)(h).p })
#define guest_handle_from_ptr(ptr, type) ((XEN_GUEST_HANDLE(type)){ (type *)(ptr) })
#define guest_handle_to_va(h)       ((unsigned long)(h).p)

/* Copy nr elements at element offset off. */
#define copy_from_guest_offset(dst, h, off, nr)                             \
    raw_copy_from_guest(dst, (unsigned long)((h).p + (off)),                \
                        (unsigned long)(nr) * sizeof(*(h).p))
#define copy_to_guest_offset(h, off, src, nr)                               \
    raw_copy_to_guest((unsigned long)((h).p + (off)), src,                  \
                      (unsigned long)(nr) * sizeof(*(h).p))
#define copy_from_guest(dst, h, nr)  copy_from_guest_offset(dst, h, 0, nr)
#define copy_to_guest(h, src, nr)    copy_to_guest_offset(h, 0, src, nr)

/* One field of a guest structure, e.g. a batch element's status. */
#define copy_field_to_guest(h, src, field)                                  \
    raw_copy_to_guest((unsigned long)&(h).p->field, &(src)->field,          \
                      sizeof((src)->field))

/* Plain guest virtual addresses (trap frames, runstate areas). */
#define copy_from_guest_va(dst, va, n) raw_copy_from_guest(dst, va, n)
#define copy_to_guest_va(va, src, n)   raw_copy_to_guest(va, src, n)

#endif /* XEN_GUEST_ACCESS_H */
