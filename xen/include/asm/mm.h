/*
 * The frame table: one struct page_info per machine frame, at
 * FRAMETABLE_VIRT_START, and the hypervisor's own page-table API.
 *
 * The frame table is indexed by MFN and mapped only where RAM is, so an
 * entry may be touched only after mfn_valid() says its backing exists.
 * Entries start zeroed: state "in use", no owner, no references, which is
 * also what every frame that is not in the heap (image, modules, holes
 * inside a mapped frame-table page) keeps.
 */
#ifndef ASM_X86_MM_H
#define ASM_X86_MM_H

#include <xen/compiler.h>
#include <xen/types.h>
#include <asm/config.h>
#include <asm/page.h>

struct domain;

/*
 * Links are MFNs, not pointers: 32-bit links still reach 16 TiB of memory,
 * and struct page_info stays at 64 bytes (64 per frame-table page).
 */
#define PAGE_LIST_NULL  UINT32_MAX
struct page_list_entry {
    uint32_t next, prev;
};

struct page_info {
    /*
     * Free pages: the heap's free list (heap_lock).  Allocated pages: the
     * owner's page list (the owner's page_alloc_lock), or unused.
     */
    struct page_list_entry list;

    /* PGC_* flags and a general reference count; see below. */
    unsigned long count_info;

    union {
        /* Pages in use: PGT_* type, type reference count, state bits. */
        struct { unsigned long type_info; } inuse;
        /* Head page of a free block: its order (heap_lock). */
        struct { unsigned long order; } free;
    } u;

    /* Owning domain; NULL for the hypervisor's pages and anonymous pages. */
    struct domain *owner;

    /*
     * The TLB flush clock when the frame's last writable mapping went away
     * (asm/flushtlb.h): it decides whether it can become a page table
     * without a flush.
     */
    uint32_t tlbflush_timestamp;
    /* Room for sharing/grant state; keeps 64 entries per frame-table page. */
    uint32_t _reserved[7];
};

/*
 * count_info.  The low bits count general references (mappings, grants,
 * the hypervisor holding the page).  PGC_allocated is the one reference
 * that the owner's allocation itself holds.
 */
#define PGC_allocated       (1UL << 63)
#define PGC_xen_heap        (1UL << 62)     /* a xenheap page, direct-mapped use */
/* A hypervisor page shared with its owner (shared_info, grant frames): not
 * on the owner's page list, not in tot_pages. */
#define PGC_extra           (1UL << 58)
/* Not RAM: firmware or device memory (never in the heap, never counted). */
#define PGC_iomem           (1UL << 59)
#define PGC_state_shift     60
#define PGC_state_mask      (3UL << PGC_state_shift)
#define PGC_state_inuse     (0UL << PGC_state_shift)   /* zero: the default */
#define PGC_state_free      (3UL << PGC_state_shift)
#define PGC_count_width     48
#define PGC_count_mask      ((1UL << PGC_count_width) - 1)

/*
 * type_info: what a PV guest may do with the frame.  A frame has exactly
 * one type while its type count is non-zero; page tables must be validated
 * before first use as such, and a pinned page table keeps its type without
 * a mapping holding it.
 */
#define PGT_type_shift      61
#define PGT_type_mask       (7UL << PGT_type_shift)
#define PGT_none            (0UL << PGT_type_shift)
#define PGT_l1_page_table   (1UL << PGT_type_shift)
#define PGT_l2_page_table   (2UL << PGT_type_shift)
#define PGT_l3_page_table   (3UL << PGT_type_shift)
#define PGT_l4_page_table   (4UL << PGT_type_shift)
#define PGT_seg_desc_page   (5UL << PGT_type_shift)
#define PGT_writable_page   (7UL << PGT_type_shift)
#define PGT_pinned          (1UL << 60)
#define PGT_validated       (1UL << 59)
#define PGT_count_width     48
#define PGT_count_mask      ((1UL << PGT_count_width) - 1)

static inline bool page_state_is_free(const struct page_info *pg)
{
    return (pg->count_info & PGC_state_mask) == PGC_state_free;
}

#define frame_table     ((struct page_info *)FRAMETABLE_VIRT_START)
#define FRAMES_PER_FT_PAGE (PAGE_SIZE / sizeof(struct page_info))

/*
 * One past the highest RAM frame, and one bit per frame-table page that is
 * backed (set once by memory_init(), read-only afterwards).
 */
extern unsigned long max_page;
extern unsigned long *frame_table_present;

static inline bool mfn_valid(mfn_t mfn)
{
    unsigned long i = mfn / FRAMES_PER_FT_PAGE;
    unsigned long bits = 8 * sizeof(long);

    return mfn < max_page &&
           (frame_table_present[i / bits] >> (i % bits)) & 1;
}

static inline struct page_info *mfn_to_page(mfn_t mfn)
{
    return frame_table + mfn;
}

static inline mfn_t page_to_mfn(const struct page_info *pg)
{
    return pg - frame_table;
}

static inline void *page_to_virt(const struct page_info *pg)
{
    return mfn_to_virt(page_to_mfn(pg));
}

static inline struct page_info *virt_to_page(const void *va)
{
    return mfn_to_page(virt_to_mfn(va));
}

static inline paddr_t page_to_maddr(const struct page_info *pg)
{
    return (paddr_t)page_to_mfn(pg) << PAGE_SHIFT;
}

/*
 * The hypervisor's mappings (the idle page tables, whose slots 256-271 every
 * address space shares).  `flags` are 4 KiB PTE flags (PAGE_HYPERVISOR_*);
 * 2 MiB and 1 GiB entries are used wherever virt, mfn and nr allow.
 * Mapping over an existing mapping replaces it.  Returns 0 or -ENOMEM.
 * Both flush this CPU's TLB only: there is no cross-CPU shootdown yet.
 */
int map_pages_to_xen(unsigned long virt, mfn_t mfn, unsigned long nr,
                     unsigned int flags);
/* Unmaps [s, e) (page-aligned), freeing page tables that become empty. */
void destroy_xen_mappings(unsigned long s, unsigned long e);
/* The PTE flags `va` is mapped with, or 0 when it is not mapped. */
unsigned int xen_mapping_flags(unsigned long va);

/*
 * boot_map() once the final page tables are live: RAM and what the direct
 * map already covers, plus firmware data in E820 reserved/ACPI/NVS ranges,
 * which is mapped read-only on first use.  Not for MMIO.  NULL otherwise.
 */
const void *firmware_map(paddr_t pa, size_t len);

/*
 * The machine-to-physical table (M2P), indexed by MFN, holding the guest
 * frame number the owning domain uses for it.  m2p_entries covers every
 * frame below max_page.
 */
#define INVALID_M2P_ENTRY   (~0UL)
extern unsigned long *m2p_table;
extern unsigned long m2p_entries;
void m2p_init(void);
static inline void set_gpfn_from_mfn(mfn_t mfn, unsigned long pfn)
{
    if ( mfn < m2p_entries )
        m2p_table[mfn] = pfn;
}
static inline unsigned long get_gpfn_from_mfn(mfn_t mfn)
{
    return mfn < m2p_entries ? m2p_table[mfn] : INVALID_M2P_ENTRY;
}

/*
 * References and types (arch/x86/pv/mm.c).  get_page() fails unless d owns
 * the frame; get_page_type() returns 0, -EINVAL (in use with another type)
 * or the error that validating the new type found.
 */
bool get_page(struct page_info *pg, const struct domain *d);
void put_page(struct page_info *pg);
int get_page_type(struct page_info *pg, unsigned long type);
void put_page_type(struct page_info *pg);
int get_page_and_type(struct page_info *pg, const struct domain *d,
                      unsigned long type);
void put_page_and_type(struct page_info *pg);

/* Copies the hypervisor's L4 slots 256-271 into a guest L4 table. */
void init_xen_l4_slots(uint64_t *l4);

/* Physical address of the idle L4 table (the one CR3 holds). */
extern paddr_t idle_pg_table_phys;

/* A 4 KiB page below 1 MiB reserved for the SMP trampoline. */
extern paddr_t trampoline_phys;

#endif /* ASM_X86_MM_H */
