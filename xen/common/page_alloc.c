/*
 * The buddy heap: every page of RAM that the boot allocator did not use.
 *
 * Free memory is kept as naturally aligned blocks of 2^order pages on one
 * free list per (zone, order).  A zone holds the frames whose highest set
 * MFN bit is the same, so "below 2^n bytes" requests (MEMF_bits) search
 * whole zones, and allocation prefers the highest zone to leave low memory
 * for the devices that need it.  A block of order k never crosses a zone
 * edge, so buddies are merged only within a zone.
 *
 * The frame table records the state: every page of a free block is
 * PGC_state_free, and the first page carries the block's order.  A buddy
 * may be merged only if its first page is free with the same order.
 *
 * Scrubbing: pages are zeroed when they are allocated, not when freed.  At
 * boot the heap holds whatever firmware and the boot loader left behind, so
 * scrub-on-free would still need a full scrub of RAM before the first
 * allocation (seconds on a large machine, for pages that may never be
 * used); zeroing on the way out costs only what is handed out, and makes
 * "every page leaves the allocator zeroed" true whatever the freeing path
 * did.
 *
 * Locking: heap_lock protects the free lists, the frame-table fields of
 * free pages, and the counters.  It is never held while calling out, and is
 * the innermost lock of the memory code (xmalloc_lock -> heap_lock never
 * nests; xmalloc drops its lock before asking for pages).
 */
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/spinlock.h>
#include <xen/string.h>

/* Zone z holds MFNs in [2^(z-1), 2^z); zone 0 holds MFN 0 only. */
#define NR_ZONES        (8 * sizeof(unsigned int) + 1)

static DEFINE_SPINLOCK_CLASS(heap_lock, LOCK_CLASS_heap);
static struct page_list_head heap[NR_ZONES][MAX_ORDER + 1];  /* heap_lock */
unsigned long total_pages, avail_pages;                     /* heap_lock */

static unsigned int mfn_zone(mfn_t mfn)
{
    return mfn ? 8 * sizeof(long) - __builtin_clzl(mfn) : 0;
}

/* Highest zone whose pages all lie below 2^bits bytes. */
static unsigned int zone_limit(unsigned int bits)
{
    if ( !bits || bits >= PAGE_SHIFT + NR_ZONES - 1 )
        return NR_ZONES - 1;
    return bits > PAGE_SHIFT ? bits - PAGE_SHIFT : 0;
}

static void mark_free(struct page_info *pg, unsigned int order)
{
    pg->count_info = PGC_state_free;
    pg->u.free.order = order;
    pg->owner = NULL;
}

static struct page_info *take_block(unsigned int zlo, unsigned int zhi,
                                    unsigned int order)
{
    unsigned int z, j;
    struct page_info *pg;

    for ( z = zhi + 1; z-- > zlo; )
        for ( j = order; j <= MAX_ORDER; j++ )
        {
            pg = page_list_remove_head(&heap[z][j]);
            if ( !pg )
                continue;
            /* Give back the upper halves until the block is `order`. */
            while ( j-- > order )
            {
                struct page_info *half = pg + (1UL << j);

                mark_free(half, j);
                page_list_add(half, &heap[z][j]);
            }
            return pg;
        }
    return NULL;
}

static struct page_info *alloc_heap_pages(unsigned int order,
                                          unsigned int memflags)
{
    unsigned int zhi = zone_limit(memflags >> _MEMF_bits);
    struct page_info *pg;
    unsigned long i, n = 1UL << order;

    if ( order > MAX_ORDER )
        return NULL;

    spin_lock(&heap_lock);
    pg = take_block(0, zhi, order);
    if ( !pg )
    {
        spin_unlock(&heap_lock);
        return NULL;
    }
    for ( i = 0; i < n; i++ )
    {
        /* A page of a free block in any other state: the heap is corrupt. */
        BUG_ON(!page_state_is_free(&pg[i]));
        pg[i].count_info = PGC_state_inuse;
        pg[i].u.inuse.type_info = PGT_none;
        pg[i].owner = NULL;
    }
    avail_pages -= n;
    spin_unlock(&heap_lock);

    for ( i = 0; i < n; i++ )
        memset(page_to_virt(&pg[i]), 0, PAGE_SIZE);
    return pg;
}

/* Merges [pg, 2^order) with free buddies and puts it on its free list. */
static void free_block(struct page_info *pg, unsigned int order)
{
    mfn_t mfn = page_to_mfn(pg);
    unsigned int zone = mfn_zone(mfn);

    while ( order < MAX_ORDER )
    {
        mfn_t buddy = mfn ^ (1UL << order);
        struct page_info *b;

        if ( !mfn_valid(buddy) || mfn_zone(buddy) != zone )
            break;
        b = mfn_to_page(buddy);
        if ( !page_state_is_free(b) || b->u.free.order != order )
            break;
        page_list_del(b, &heap[zone][order]);
        mfn &= ~(1UL << order);
        order++;
    }
    pg = mfn_to_page(mfn);
    mark_free(pg, order);
    /* Head, not tail: the block most recently freed is the cache-warm one. */
    page_list_add(pg, &heap[zone][order]);
}

static void free_heap_pages(struct page_info *pg, unsigned int order)
{
    unsigned long i, n = 1UL << order;

    ASSERT(order <= MAX_ORDER);
    ASSERT(!(page_to_mfn(pg) & (n - 1)));
    spin_lock(&heap_lock);
    for ( i = 0; i < n; i++ )
    {
        /* Freeing a free page is a double free inside the hypervisor. */
        BUG_ON(page_state_is_free(&pg[i]));
        mark_free(&pg[i], 0);
    }
    free_block(pg, order);
    avail_pages += n;
    spin_unlock(&heap_lock);
}

void init_heap_pages(struct page_info *pg, unsigned long nr)
{
    mfn_t mfn = page_to_mfn(pg), end = mfn + nr;

    while ( mfn < end )
    {
        /* Natural alignment keeps a block inside one zone; MFN 0 is alone. */
        unsigned int order = mfn ? MIN(__builtin_ctzl(mfn), MAX_ORDER) : 0;

        ASSERT(mfn_zone(end - 1) < NR_ZONES);
        while ( mfn + (1UL << order) > end )
            order--;
        spin_lock(&heap_lock);
        total_pages += 1UL << order;
        spin_unlock(&heap_lock);
        free_heap_pages(mfn_to_page(mfn), order);
        mfn += 1UL << order;
    }
}

void *alloc_xenheap_pages(unsigned int order)
{
    struct page_info *pg = alloc_heap_pages(order, 0);
    unsigned long i;

    if ( !pg )
        return NULL;
    for ( i = 0; i < (1UL << order); i++ )
        pg[i].count_info |= PGC_xen_heap;
    return page_to_virt(pg);
}

void free_xenheap_pages(void *v, unsigned int order)
{
    struct page_info *pg;
    unsigned long i;

    if ( !v )
        return;
    pg = virt_to_page(v);
    for ( i = 0; i < (1UL << order); i++ )
    {
        BUG_ON(!(pg[i].count_info & PGC_xen_heap));
        pg[i].count_info &= ~PGC_xen_heap;
    }
    free_heap_pages(pg, order);
}

struct page_info *alloc_domheap_pages(struct domain *d, unsigned int order,
                                      unsigned int memflags)
{
    struct page_info *pg = alloc_heap_pages(order, memflags);
    unsigned long i;

    if ( !pg || !d )
        return pg;
    for ( i = 0; i < (1UL << order); i++ )
    {
        pg[i].owner = d;
        pg[i].count_info |= PGC_allocated | 1;
    }
    return pg;
}

void free_domheap_pages(struct page_info *pg, unsigned int order)
{
    unsigned long i;

    for ( i = 0; i < (1UL << order); i++ )
    {
        /* Typed or referenced beyond the allocation: still in use somewhere. */
        BUG_ON(pg[i].count_info & PGC_xen_heap);
        BUG_ON(pg[i].u.inuse.type_info & PGT_count_mask);
        BUG_ON((pg[i].count_info & PGC_count_mask) >
               !!(pg[i].count_info & PGC_allocated));
        pg[i].owner = NULL;
    }
    free_heap_pages(pg, order);
}

unsigned long heap_free_blocks(unsigned int order)
{
    unsigned long n = 0;
    unsigned int z;
    struct page_info *pg;

    spin_lock(&heap_lock);
    for ( z = 0; z < NR_ZONES; z++ )
        for ( pg = page_list_first(&heap[z][order]); pg;
              pg = page_list_next(pg, &heap[z][order]) )
            n++;
    spin_unlock(&heap_lock);
    return n;
}

void dump_heap(void)
{
    unsigned int order;

    printk("Heap: %lu of %lu pages free\n", avail_pages, total_pages);
    for ( order = 0; order <= MAX_ORDER; order++ )
    {
        unsigned long n = heap_free_blocks(order);

        if ( n )
            printk("  order %2u: %lu free block%s (%lu KiB)\n", order, n,
                   n == 1 ? "" : "s", n << (order + PAGE_SHIFT - 10));
    }
}
