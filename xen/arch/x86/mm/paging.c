/*
 * The hypervisor's own page tables ("idle page tables").
 *
 * One L4 holds the hypervisor's view of the machine: its image at the link
 * address with W^X, the direct map of RAM, the frame table, and whatever
 * later code maps through map_pages_to_xen().  L4 slots 256-271 are shared
 * with every guest address space by copying those L4 entries, so the L3
 * tables under them are created at boot and never freed: a copied entry
 * must stay valid for the life of the system.
 *
 * Locking: map_lock serialises every change to the structure of the idle
 * tables (entries, allocation and freeing of table pages).
 *
 * TLBs: the hypervisor's mappings are global and every CPU runs on these
 * tables (or on guest tables sharing their L4 slots), so each change ends
 * with a flush of global entries on every online CPU (flush_tlb_global()).
 * Table pages a change unhooks are freed only after that flush: until
 * then another CPU's paging-structure caches may still walk through them.
 * The flush waits for IPIs, so callers keep interrupts on once the APs
 * are up.  Lock order: map_lock, then the call-function lock, heap_lock.
 */
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/spinlock.h>
#include <xen/string.h>
#include <asm/current.h>
#include <asm/flushtlb.h>
#include <asm/processor.h>
#include <asm/setup.h>
#include "mm.h"

typedef uint64_t pte_t;

#define SHARED_SLOT_FIRST   256
#define SHARED_SLOT_LAST    271

paddr_t idle_pg_table_phys;
static pte_t *idle_l4;
static bool have_1g_pages;
static unsigned int allowed_flags = ~0U;    /* NX only when EFER.NXE */
static DEFINE_SPINLOCK_CLASS(map_lock, LOCK_CLASS_map);
static struct page_list_head retired_tables = PAGE_LIST_HEAD_INIT;

static unsigned long level_size(unsigned int lvl)
{
    return 1UL << (PAGE_SHIFT + PAGETABLE_ORDER * (lvl - 1));
}

static pte_t *table_of(pte_t e)
{
    return __va(e & PTE_ADDR_MASK);
}

static bool is_leaf(pte_t e, unsigned int lvl)
{
    return lvl == 1 || (e & _PAGE_PSE);
}

void paging_detect_features(void)
{
    uint32_t a, b, c, d;

    cpuid_count(0x80000000, 0, &a, &b, &c, &d);
    if ( a >= 0x80000001 )
    {
        cpuid_count(0x80000001, 0, &a, &b, &c, &d);
        have_1g_pages = d & (1u << 26);
    }
    /* Setting NX without EFER.NXE is a reserved-bit fault on every access. */
    if ( !(rdmsr(MSR_EFER) & EFER_NXE) )
        allowed_flags &= ~_PAGE_NX;
}

bool paging_have_1g_pages(void)
{
    return have_1g_pages;
}

/* A zeroed page for a page table, or INVALID_MFN. */
static mfn_t pt_alloc(void)
{
    mfn_t mfn;
    void *v;

    if ( mm_heap_ready )
    {
        v = alloc_xenheap_pages(0);             /* already zeroed */
        return v ? virt_to_mfn(v) : INVALID_MFN;
    }
    mfn = alloc_boot_pages(1, 1);
    memset(mfn_to_virt(mfn), 0, PAGE_SIZE);
    return mfn;
}

static void pt_free_now(mfn_t mfn)
{
    struct page_info *pg = mfn_to_page(mfn);

    if ( pg->count_info & PGC_xen_heap )
        free_xenheap_pages(mfn_to_virt(mfn), 0);
    else
        init_heap_pages(pg, 1);                 /* a boot allocator page */
}

/* An unhooked table page: freed by flush_and_free(), after the flush. */
static void pt_free(mfn_t mfn)
{
    /* Only a boot-time table can be freed before the heap exists: keep it. */
    if ( !mm_heap_ready )
        return;
    page_list_add(mfn_to_page(mfn), &retired_tables);
}

/* Ends every change to the idle tables; see "TLBs" above. */
static void flush_and_free(void)
{
    struct page_info *pg;

    flush_tlb_global();
    while ( (pg = page_list_remove_head(&retired_tables)) != NULL )
        pt_free_now(page_to_mfn(pg));
}

static void free_subtree(pte_t e, unsigned int lvl)
{
    pte_t *t = table_of(e);
    unsigned int i;

    if ( lvl > 2 )
        for ( i = 0; i < L1_PAGETABLE_ENTRIES; i++ )
            if ( (t[i] & _PAGE_PRESENT) && !is_leaf(t[i], lvl - 1) )
                free_subtree(t[i], lvl - 1);
    pt_free(e >> PAGE_SHIFT);
}

/* Replaces the superpage at *e (level lvl) by a table of lvl-1 entries. */
static int split_superpage(pte_t *e, unsigned int lvl)
{
    mfn_t mfn = pt_alloc();
    unsigned long sub = level_size(lvl - 1);
    pte_t old = *e, *t, base, flags;
    unsigned int i;

    if ( mfn == INVALID_MFN )
        return -ENOMEM;
    t = mfn_to_virt(mfn);
    base = old & PTE_ADDR_MASK & ~(level_size(lvl) - 1);
    flags = old & ~PTE_ADDR_MASK;
    if ( lvl == 2 )
        flags &= ~(pte_t)_PAGE_PSE;             /* 4 KiB entries have no PSE */
    for ( i = 0; i < L1_PAGETABLE_ENTRIES; i++ )
        t[i] = (base + i * sub) | flags;
    *e = ((pte_t)mfn << PAGE_SHIFT) | __PAGE_TABLE;
    return 0;
}

/*
 * The entry for `va` in its level-`lvl` table, creating tables and
 * splitting superpages above that level on the way.  NULL on -ENOMEM.
 */
static pte_t *walk_create(unsigned long va, unsigned int lvl, pte_t user)
{
    pte_t *t = idle_l4;
    unsigned int l;

    for ( l = 4; l > lvl; l-- )
    {
        pte_t *e = &t[pt_index(va, l)];

        if ( !(*e & _PAGE_PRESENT) )
        {
            mfn_t mfn = pt_alloc();

            if ( mfn == INVALID_MFN )
                return NULL;
            *e = ((pte_t)mfn << PAGE_SHIFT) | __PAGE_TABLE | user;
        }
        else if ( *e & _PAGE_PSE )
        {
            if ( split_superpage(e, l) )
                return NULL;
        }
        t = table_of(*e);
    }
    return &t[pt_index(va, lvl)];
}

/* The leaf entry mapping `va` and its level, or NULL. */
static pte_t *walk_lookup(unsigned long va, unsigned int *lvl)
{
    pte_t *t = idle_l4;
    unsigned int l;

    for ( l = 4; ; l-- )
    {
        pte_t *e = &t[pt_index(va, l)];

        if ( !(*e & _PAGE_PRESENT) )
            return NULL;
        if ( is_leaf(*e, l) )
        {
            *lvl = l;
            return e;
        }
        t = table_of(*e);
    }
}

/* The largest level (1-3) whose page size fits at virt/mfn for nr pages. */
static unsigned int best_level(unsigned long virt, mfn_t mfn, unsigned long nr)
{
    unsigned int lvl;

    for ( lvl = have_1g_pages ? 3 : 2; lvl > 1; lvl-- )
    {
        unsigned long pages = level_size(lvl) >> PAGE_SHIFT;

        if ( nr >= pages && !(virt & (level_size(lvl) - 1)) &&
             !(mfn & (pages - 1)) )
            break;
    }
    return lvl;
}

static int map_locked(unsigned long virt, mfn_t mfn, unsigned long nr,
                      pte_t flags)
{
    while ( nr )
    {
        unsigned int lvl = best_level(virt, mfn, nr);
        unsigned long pages = level_size(lvl) >> PAGE_SHIFT;
        pte_t *e = walk_create(virt, lvl, flags & _PAGE_USER);

        if ( !e )
            return -ENOMEM;
        if ( (*e & _PAGE_PRESENT) && !is_leaf(*e, lvl) )
            free_subtree(*e, lvl);
        *e = ((pte_t)mfn << PAGE_SHIFT) | flags | (lvl > 1 ? _PAGE_PSE : 0);
        virt += pages << PAGE_SHIFT;
        mfn += pages;
        nr -= pages;
    }
    return 0;
}

int map_pages_to_xen(unsigned long virt, mfn_t mfn, unsigned long nr,
                     unsigned int flags)
{
    int rc;

    ASSERT(!(virt & ~PAGE_MASK));
    ASSERT(!(flags & _PAGE_PAT));
    spin_lock(&map_lock);
    rc = map_locked(virt, mfn, nr, put_pte_flags(flags & allowed_flags));
    flush_and_free();
    spin_unlock(&map_lock);
    return rc;
}

static bool table_empty(const pte_t *t)
{
    unsigned int i;

    for ( i = 0; i < L1_PAGETABLE_ENTRIES; i++ )
        if ( t[i] )
            return false;
    return true;
}

/* Unmaps [va, end) within `t`, a level-`lvl` table. */
static void unmap_in(pte_t *t, unsigned int lvl, unsigned long va,
                     unsigned long end)
{
    while ( va < end )
    {
        unsigned long size = level_size(lvl);
        unsigned long next = (va | (size - 1)) + 1;
        pte_t *e = &t[pt_index(va, lvl)];
        bool whole = !(va & (size - 1)) && (next == 0 || next <= end);

        if ( next == 0 || next > end )
            next = end;
        if ( !(*e & _PAGE_PRESENT) )
            ;
        else if ( is_leaf(*e, lvl) && whole )
            *e = 0;
        else
        {
            if ( is_leaf(*e, lvl) && split_superpage(e, lvl) )
                panic("destroy_xen_mappings: no memory to split a superpage");
            unmap_in(table_of(*e), lvl - 1, va, next);
            if ( table_empty(table_of(*e)) &&
                 !(lvl == 4 && pt_index(va, 4) >= SHARED_SLOT_FIRST &&
                   pt_index(va, 4) <= SHARED_SLOT_LAST) )
            {
                pt_free(*e >> PAGE_SHIFT);
                *e = 0;
            }
        }
        va = next;
    }
}

void destroy_xen_mappings(unsigned long s, unsigned long e)
{
    ASSERT(!(s & ~PAGE_MASK) && !(e & ~PAGE_MASK));
    spin_lock(&map_lock);
    unmap_in(idle_l4, 4, s, e);
    flush_and_free();
    spin_unlock(&map_lock);
}

/*
 * A stack is reached through the direct map (AP stacks come from the
 * xenheap) or, for CPU 0's block in .bss, through the image mapping; the
 * direct-map alias of that one goes too, so no mapping of a guard page is
 * left to write through.
 */
static void unmap_page_everywhere(unsigned long va)
{
    if ( va >= XEN_VIRT_START && va < XEN_VIRT_END )
    {
        destroy_xen_mappings(va, va + PAGE_SIZE);
        va = (unsigned long)__va(__pa((void *)va));
    }
    destroy_xen_mappings(va, va + PAGE_SIZE);
}

void stack_guards_unmap(unsigned long block)
{
    unmap_page_everywhere(block + STACK_IST_GUARD_PAGE * PAGE_SIZE);
    unmap_page_everywhere(block + STACK_GUARD_PAGE * PAGE_SIZE);
}

unsigned int xen_mapping_flags(unsigned long va)
{
    unsigned int lvl, flags = 0;
    pte_t *e;

    spin_lock(&map_lock);
    e = walk_lookup(va, &lvl);
    if ( e )
        flags = get_pte_flags(*e) & ~(lvl > 1 ? _PAGE_PSE : 0);
    spin_unlock(&map_lock);
    return flags;
}

static void map_or_panic(unsigned long va, mfn_t mfn, unsigned long nr,
                         unsigned int flags, const char *what)
{
    if ( map_pages_to_xen(va, mfn, nr, flags) )
        panic("Out of memory mapping %s", what);
}

static void map_image_part(const char *s, const char *e, unsigned int flags,
                           const char *what)
{
    unsigned long vs = (unsigned long)s & PAGE_MASK;
    unsigned long ve = ROUNDUP((unsigned long)e, PAGE_SIZE);

    map_or_panic(vs, __pa((void *)vs) >> PAGE_SHIFT, (ve - vs) >> PAGE_SHIFT,
                 flags, what);
}

static void map_direct(paddr_t s, paddr_t e, unsigned int flags)
{
    mfn_t first = PFN_DOWN(s), last = PFN_UP(e);

    if ( last > PFN_DOWN(DIRECTMAP_VIRT_END - DIRECTMAP_VIRT_START) )
        last = PFN_DOWN(DIRECTMAP_VIRT_END - DIRECTMAP_VIRT_START);
    if ( first < last )
        map_or_panic((unsigned long)mfn_to_virt(first), first, last - first,
                     flags, "the direct map");
}

/*
 * The direct map covers RAM, firmware tables (ACPI, NVS) and the legacy
 * BIOS areas of the first MiB, which firmware-table scans read.  It leaves
 * out the VGA window and every other hole: those may be MMIO, which must
 * not be mapped write-back; their users map them uncached in the VMAP area.
 */
static void map_direct_all(const struct boot_info *bi)
{
    unsigned int i;

    for ( i = 0; i < bi->nr_mmap; i++ )
        if ( bi->mmap[i].type == E820_ACPI || bi->mmap[i].type == E820_NVS )
            map_direct(bi->mmap[i].addr, bi->mmap[i].addr + bi->mmap[i].len,
                       PAGE_HYPERVISOR_RO);
    map_direct(0, 0xa0000, PAGE_HYPERVISOR_RW);
    map_direct(0xc0000, 0x100000, PAGE_HYPERVISOR_RW);
    /* RAM last: a page RAM shares with a firmware range stays writable. */
    for ( i = 0; i < bi->nr_mmap; i++ )
        if ( bi->mmap[i].type == E820_RAM )
            map_direct(bi->mmap[i].addr, bi->mmap[i].addr + bi->mmap[i].len,
                       PAGE_HYPERVISOR_RW);
}

/*
 * Guest L4 tables get the hypervisor's slots 256-271 copied in when they
 * are validated, so the hypervisor runs on any guest's page tables.
 */
void init_xen_l4_slots(uint64_t *l4)
{
    unsigned int slot;

    for ( slot = SHARED_SLOT_FIRST; slot <= SHARED_SLOT_LAST; slot++ )
        l4[slot] = idle_l4[slot];
}

/*
 * The machine-to-physical table: one unsigned long per machine frame,
 * writable by the hypervisor in slot 261 and mapped read-only and
 * user-accessible at RO_MPT_VIRT_START (slot 256), where every PV guest
 * reads it.  Entries start invalid; the domain builder and guests'
 * MMU_MACHPHYS_UPDATE fill them for the frames a domain owns.
 */
unsigned long *m2p_table;
unsigned long m2p_entries;

void m2p_init(void)
{
    unsigned long bytes = ROUNDUP(max_page * sizeof(unsigned long), L2_PAGE_SIZE);
    unsigned long i, nr = bytes >> PAGE_SHIFT;
    unsigned int order = 0;
    void *v;

    while ( (1UL << order) < nr )
        order++;
    v = alloc_xenheap_pages(order);
    if ( !v )
        panic("No memory for the %lu KiB machine-to-physical table", bytes >> 10);
    m2p_entries = (1UL << order) * (PAGE_SIZE / sizeof(unsigned long));
    if ( map_pages_to_xen(RDWR_MPT_VIRT_START, virt_to_mfn(v), 1UL << order,
                          PAGE_HYPERVISOR_RW) ||
         map_pages_to_xen(RO_MPT_VIRT_START, virt_to_mfn(v), 1UL << order,
                          PAGE_HYPERVISOR_RO | _PAGE_USER) )
        panic("No memory to map the machine-to-physical table");
    /* Guests reach slot 256 from ring 3: the L4 entry must allow it too. */
    idle_l4[pt_index(RO_MPT_VIRT_START, 4)] |= _PAGE_USER;
    m2p_table = (unsigned long *)RDWR_MPT_VIRT_START;
    for ( i = 0; i < m2p_entries; i++ )
        m2p_table[i] = INVALID_M2P_ENTRY;
    flush_tlb_global();
}

void paging_build_idle(const struct boot_info *bi)
{
    unsigned int slot;
    mfn_t l4 = pt_alloc();

    idle_l4 = mfn_to_virt(l4);
    idle_pg_table_phys = (paddr_t)l4 << PAGE_SHIFT;
    for ( slot = SHARED_SLOT_FIRST; slot <= SHARED_SLOT_LAST; slot++ )
        idle_l4[slot] = ((pte_t)pt_alloc() << PAGE_SHIFT) | __PAGE_TABLE;

    map_image_part(_start, _etext, PAGE_HYPERVISOR_RX, "the image");
    map_image_part(_srodata, _erodata, PAGE_HYPERVISOR_RO, "the image");
    map_image_part(_sdata, _end, PAGE_HYPERVISOR_RW, "the image");
    map_direct_all(bi);

    write_cr3(idle_pg_table_phys);
    write_cr4(read_cr4() | X86_CR4_PGE);
}
