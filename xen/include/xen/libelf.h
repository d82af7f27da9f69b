/*
 * Parsing and loading of PV guest kernels: 64-bit x86 ELF images carrying
 * Xen ELF notes (owner "Xen", types from public/elfnote.h), as Xen's own
 * libelf accepts them.  The image is untrusted: every offset, size and
 * count in it is checked before use.
 *
 * Segments are placed by physical address, as Xen does:
 *     VA = virt_base + p_paddr - elf_paddr_offset
 * (Linux's per-CPU segment has p_vaddr 0; its p_paddr is what counts).
 */
#ifndef XEN_LIBELF_H
#define XEN_LIBELF_H

#include <xen/types.h>
#include <public/features.h>

#define ELF_UNSET_ADDR (~0ULL)

struct elf_xen_params {
    char guest_os[32], guest_ver[32], xen_ver[32], loader[32];
    bool pae;                       /* PAE_MODE yes/bimodal/extended-cr3 */
    uint64_t virt_base, elf_paddr_offset, virt_entry;
    uint64_t virt_hypercall;        /* ELF_UNSET_ADDR when absent */
    uint64_t virt_hv_start_low;     /* ELF_UNSET_ADDR when absent */
    uint64_t p2m_base;              /* INIT_P2M; ELF_UNSET_ADDR when absent */
    uint64_t phys32_entry;          /* ELF_UNSET_ADDR when absent */
    uint64_t virt_kstart, virt_kend;/* [start, end) VA covered by PT_LOAD, page-rounded end */
    uint32_t f_supported[XENFEAT_NR_SUBMAPS], f_required[XENFEAT_NR_SUBMAPS];
    bool l1_mfn_valid_present; uint64_t l1_mfn_valid_mask, l1_mfn_valid_value;
    bool suspend_cancel, mod_start_pfn;
};

/*
 * Checks the image and fills *p.  Returns 0, -EINVAL for a malformed image
 * or -EOPNOTSUPP for a well-formed one this loader will not run (not
 * ELF64 x86-64, no Xen notes, an unknown required feature, a kernel range
 * outside what a 64-bit PV guest may use).  On failure *why (if not NULL)
 * points at a static reason.  virt_base, elf_paddr_offset and virt_entry
 * are always set on success (defaults as Xen: 0, 0, e_entry).
 */
int elf_xen_parse(const void *image, size_t size, struct elf_xen_params *p,
                  const char **why);

/*
 * Copies every PT_LOAD segment to its VA and zeroes its bss tail through
 * write(ctx, va, src, len); src == NULL means "zero len bytes".  Stops at
 * the first nonzero return of write and returns it.  p must come from
 * elf_xen_parse() on the same image; the headers are checked again and
 * every write lies inside [p->virt_kstart, p->virt_kend).
 */
int elf_xen_load(const void *image, size_t size, const struct elf_xen_params *p,
                 int (*write)(void *ctx, uint64_t va, const void *src, size_t len),
                 void *ctx);

#endif /* XEN_LIBELF_H */
