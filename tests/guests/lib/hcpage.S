/*
 * Linked into guests that use a hypercall page instead of direct syscall:
 * the HYPERCALL_PAGE note asks the hypervisor to fill this page with its
 * 32-byte stubs before the guest starts.  The runtime's wrappers see the
 * symbol and call through it (hypercall.h).
 */
#define __ASSEMBLY__
#include <xen/elfnote.h>
#include "xen-note.h"

    xen_note XEN_ELFNOTE_HYPERCALL_PAGE, .quad hypercall_page

    .section .note.GNU-stack, "", @progbits

    .text
    .balign 4096
    .globl hypercall_page
hypercall_page:
    .fill 4096, 1, 0xcc       /* int3 until the hypervisor fills it */
