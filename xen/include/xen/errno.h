/*
 * Internal error codes: the hypervisor returns the negative of Xen's public
 * errno values (hypercall-abi/xen/errno.h, reached here as <public/...>), so
 * there is exactly one numbering, shared with every guest and tool.
 */
#ifndef XEN_ERRNO_H
#define XEN_ERRNO_H

#ifndef __ASSEMBLER__
#define XEN_ERRNO(name, value) name = (value),
enum xen_internal_errno {
#include <public/errno.h>
};
#endif

#endif /* XEN_ERRNO_H */
