/*
 * Page-table helpers.  A PV guest's page tables hold machine frame numbers;
 * the P2M (start_info.mfn_list) maps our pseudo-physical frames to machine
 * frames and the hypervisor's read-only M2P at HYPERVISOR_VIRT_START maps
 * back.  Page tables are never writable to the guest, so every table is
 * read through a read-only mapping at a scratch address and changed through
 * hypercalls (or, for L1s, by the hypervisor's write emulation).
 */
#include "guest.h"

#define SCRATCH_PAGES 16

/* Virtual addresses we remap at will: their original frames are lost. */
static char scratch[SCRATCH_PAGES][PAGE_SIZE] __aligned(PAGE_SIZE);
static bool scratch_used[SCRATCH_PAGES];
static char walk_page[PAGE_SIZE] __aligned(PAGE_SIZE);

static uint64_t next_free_pfn;
static uint64_t kernel_l4_mfn;
extern char _end[];

uint64_t pfn_to_mfn(uint64_t pfn)
{
    return ((uint64_t *)start_info->mfn_list)[pfn];
}

uint64_t mfn_to_pfn(uint64_t mfn)
{
    return machine_to_phys_mapping[mfn];
}

uint64_t virt_to_mfn(const void *va)
{
    return pfn_to_mfn(((uint64_t)va - GUEST_VIRT_BASE) >> 12);
}

void *mfn_to_virt(uint64_t mfn)
{
    return (void *)(GUEST_VIRT_BASE + (mfn_to_pfn(mfn) << 12));
}

long set_pte_va(void *va, uint64_t pte, unsigned long flags)
{
    return HYPERVISOR_update_va_mapping((unsigned long)va, pte, flags);
}

long mmuext1(unsigned int cmd, uint64_t arg1, uint64_t arg2)
{
    struct mmuext_op op = { .cmd = cmd, .arg1.mfn = arg1 };
    unsigned int done = 0;

    op.arg2.src_mfn = arg2;
    return HYPERVISOR_mmuext_op(&op, 1, &done, DOMID_SELF);
}

long mmu_update1(uint64_t ptr, uint64_t val)
{
    struct mmu_update u = { .ptr = ptr, .val = val };
    unsigned int done = 0;

    return HYPERVISOR_mmu_update(&u, 1, &done, DOMID_SELF);
}

long pin_table(unsigned int level, uint64_t mfn)
{
    return mmuext1(MMUEXT_PIN_L1_TABLE + level - 1, mfn, 0);
}

long unpin_table(uint64_t mfn)
{
    return mmuext1(MMUEXT_UNPIN_TABLE, mfn, 0);
}

/* Entry `index` of table `mfn`, read through a read-only mapping. */
static uint64_t read_entry(uint64_t mfn, unsigned int index)
{
    uint64_t val;

    if ( set_pte_va(walk_page, (mfn << 12) | PAGE_RO_FLAGS | _PAGE_NX, UVMF_INVLPG) )
        panic("cannot map page-table frame %#lx read-only", mfn);
    val = ((uint64_t *)walk_page)[index];
    set_pte_va(walk_page, 0, UVMF_INVLPG);
    return val;
}

/*
 * Returns the entry at `level` (4..1) on the way to va, 0 if the walk
 * stops earlier; *entry_maddr gets the entry's machine address, the `ptr`
 * that mmu_update takes.
 */
uint64_t pt_walk(uint64_t va, int level, uint64_t *entry_maddr)
{
    uint64_t mfn = kernel_l4_mfn, e = 0;
    int l;

    for ( l = 4; l >= level; l-- )
    {
        e = read_entry(mfn, pt_index(va, l));
        if ( entry_maddr )
            *entry_maddr = (mfn << 12) + pt_index(va, l) * 8;
        if ( l > level && !(e & _PAGE_PRESENT) )
            return 0;
        mfn = pte_mfn(e);
    }
    return e;
}

/*
 * Frames above the initial mapping belong to us but are mapped nowhere, so
 * any type may be given to them.  Hand them out from the top down.
 */
uint64_t alloc_frame(void)
{
    uint64_t low = ((uint64_t)_end - GUEST_VIRT_BASE) >> 12;

    if ( next_free_pfn <= low + 1024 )
        panic("out of free frames");
    return pfn_to_mfn(--next_free_pfn);
}

void *map_frame(uint64_t mfn, uint64_t flags)
{
    unsigned int i;

    for ( i = 0; i < SCRATCH_PAGES; i++ )
        if ( !scratch_used[i] )
            break;
    if ( i == SCRATCH_PAGES )
        panic("out of scratch mappings");
    if ( set_pte_va(scratch[i], (mfn << 12) | flags, UVMF_INVLPG) )
        return NULL;
    scratch_used[i] = true;
    return scratch[i];
}

void unmap_frame(void *va)
{
    unsigned int i = ((char *)va - scratch[0]) / PAGE_SIZE;

    if ( set_pte_va(va, 0, UVMF_INVLPG) )
        panic("cannot unmap scratch page %p", va);
    scratch_used[i] = false;
}

void *zeroed_frame(uint64_t *mfn)
{
    void *va;

    *mfn = alloc_frame();
    va = map_frame(*mfn, PAGE_RW_FLAGS | _PAGE_NX);
    if ( !va )
        panic("cannot map fresh frame %#lx", *mfn);
    memset(va, 0, PAGE_SIZE);
    return va;
}

void mm_init(void)
{
    kernel_l4_mfn = virt_to_mfn((void *)start_info->pt_base);
    next_free_pfn = start_info->nr_pages;
    shared_info = map_frame(start_info->shared_info >> 12, PAGE_RW_FLAGS | _PAGE_NX);
    if ( !shared_info )
        panic("cannot map shared_info at %#lx", start_info->shared_info);
}
