/*
 * Shared between the PV MMU files (mm.c, mmuext.c, ptwr.c, descriptors.c,
 * dom0_build.c).
 */
#ifndef X86_PV_MM_H
#define X86_PV_MM_H

#include <xen/types.h>
#include <asm/mm.h>

struct domain;
struct vcpu;

typedef uint64_t intpte_t;

/*
 * A grant mapping's PTE (software bit 62): its references belong to the
 * grant code, so the page-table paths neither take nor drop any, and a
 * guest can neither create nor overwrite such an entry itself.
 */
#define _PAGE_GNTTAB        (1U << 22)      /* flag form of PTE bit 62 */

/* The hypervisor's L4 slots in every guest address space. */
#define L4_XEN_SLOT_FIRST   256
#define L4_XEN_SLOT_LAST    271

static inline unsigned int pt_index_of_entry(const intpte_t *pe)
{
    return ((unsigned long)pe & (PAGE_SIZE - 1)) / sizeof(intpte_t);
}


int get_page_from_l1e(intpte_t e, struct domain *l1_owner,
                      struct domain *pg_owner);
void put_page_from_l1e(intpte_t e);
int mod_pte(intpte_t *pe, intpte_t ne, unsigned int level, struct domain *d,
            struct domain *pg_owner, bool preserve_ad, intpte_t *old_out);
intpte_t *guest_l1e_of(struct vcpu *v, unsigned long va,
                       struct page_info **l1pg);


/* descriptors.c: every descriptor of a GDT/LDT frame is safe. */
int pv_validate_descriptor_page(struct page_info *pg);

#endif /* X86_PV_MM_H */
