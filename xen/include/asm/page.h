#ifndef ASM_X86_PAGE_H
#define ASM_X86_PAGE_H

#include <asm/config.h>
#include <xen/types.h>

/*
 * Page-table entry flags as an unsigned int, the form every mapping API
 * takes: bits 0-11 are PTE bits 0-11 and bits 12-23 stand for PTE bits
 * 52-63, so NX (bit 63) fits.  put_pte_flags()/get_pte_flags() convert.
 * In a 2 MiB or 1 GiB entry bit 7 is PSE and the PAT bit moves to bit 12,
 * so callers choose memory types with PCD/PWT only and never pass _PAGE_PAT.
 */
#define _PAGE_PRESENT   (1U << 0)
#define _PAGE_RW        (1U << 1)
#define _PAGE_USER      (1U << 2)
#define _PAGE_PWT       (1U << 3)
#define _PAGE_PCD       (1U << 4)
#define _PAGE_ACCESSED  (1U << 5)
#define _PAGE_DIRTY     (1U << 6)
#define _PAGE_PSE       (1U << 7)
#define _PAGE_PAT       (1U << 7)
#define _PAGE_GLOBAL    (1U << 8)
#define _PAGE_NX        (1U << 23)

static inline uint64_t put_pte_flags(unsigned int f)
{
    return (f & 0xfffUL) | ((uint64_t)(f & 0xfff000U) << 40);
}

static inline unsigned int get_pte_flags(uint64_t pte)
{
    return (pte & 0xfff) | ((pte >> 40) & 0xfff000);
}

#define PADDR_BITS      52
#define PADDR_MASK      ((1UL << PADDR_BITS) - 1)
#define PTE_ADDR_MASK   (PADDR_MASK & PAGE_MASK)
#define PTE_FLAGS_MASK  (~PTE_ADDR_MASK)

/*
 * Accessed and dirty are preset so the CPU never writes them back into the
 * hypervisor's own tables.  Global: these mappings exist in every address
 * space, so they need not be flushed on a CR3 switch.
 */
#define __PAGE_HYPERVISOR_BASE (_PAGE_PRESENT | _PAGE_ACCESSED | _PAGE_GLOBAL)
#define PAGE_HYPERVISOR_RO  (__PAGE_HYPERVISOR_BASE | _PAGE_NX)
#define PAGE_HYPERVISOR_RW  (__PAGE_HYPERVISOR_BASE | _PAGE_RW | _PAGE_DIRTY | _PAGE_NX)
#define PAGE_HYPERVISOR_RX  (__PAGE_HYPERVISOR_BASE)
#define PAGE_HYPERVISOR_UC  (PAGE_HYPERVISOR_RW | _PAGE_PCD | _PAGE_PWT)
#define PAGE_HYPERVISOR     PAGE_HYPERVISOR_RW
/* Intermediate tables grant everything; the leaf entry decides. */
#define __PAGE_TABLE        (_PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED | _PAGE_DIRTY)

#define PAGETABLE_ORDER     9
#define L1_PAGETABLE_ENTRIES (1U << PAGETABLE_ORDER)
#define L2_PAGE_SIZE        (_AC(1, UL) << L2_PAGE_SHIFT)
#define L3_PAGE_SIZE        (_AC(1, UL) << L3_PAGE_SHIFT)

/* Index of `va` in its level-`lvl` table (1 = L1 ... 4 = L4). */
static inline unsigned int pt_index(unsigned long va, unsigned int lvl)
{
    return (va >> (PAGE_SHIFT + PAGETABLE_ORDER * (lvl - 1))) &
           (L1_PAGETABLE_ENTRIES - 1);
}

#define PFN_DOWN(pa)    ((pa) >> PAGE_SHIFT)
#define PFN_UP(pa)      (((pa) + PAGE_SIZE - 1) >> PAGE_SHIFT)

/*
 * Before memory_init() switches to the final page tables only the low
 * BOOT_DIRECTMAP_BYTES are mapped in the direct map; afterwards all RAM is.
 */
static inline void *__va(paddr_t pa)
{
    return (void *)(uintptr_t)(pa + DIRECTMAP_VIRT_START);
}

static inline paddr_t __pa(const void *va)
{
    uintptr_t v = (uintptr_t)va;

    if ( v >= XEN_VIRT_START && v < XEN_VIRT_END )
        return v - XEN_VIRT_START;
    return v - DIRECTMAP_VIRT_START;
}

static inline void *mfn_to_virt(mfn_t mfn)
{
    return __va((paddr_t)mfn << PAGE_SHIFT);
}

static inline mfn_t virt_to_mfn(const void *va)
{
    return __pa(va) >> PAGE_SHIFT;
}

#endif /* ASM_X86_PAGE_H */
