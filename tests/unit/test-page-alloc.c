/*
 * The buddy heap (xen/common/page_alloc.c) on a host arena of
 * 3 * 2^18 frames, of which the heap gets [2^18 - 5, 3 * 2^18 + 5): two
 * whole max-order blocks plus ragged edges that can only form small ones.
 */
#include <stdint.h>
#include "shim/mm-shim.h"
#include "unit.h"

#define HEAP_START  ((1UL << MAX_ORDER) - 5)
#define HEAP_END    ((3UL << MAX_ORDER) + 5)
#define NFRAMES     (HEAP_END + 3)

static unsigned long baseline[MAX_ORDER + 1];
static uint32_t *owner;         /* per MFN: 0 free, else an allocation id */

static void snapshot(unsigned long *counts)
{
    unsigned int o;

    for ( o = 0; o <= MAX_ORDER; o++ )
        counts[o] = heap_free_blocks(o);
}

static bool same_as_baseline(void)
{
    unsigned long now[MAX_ORDER + 1];

    snapshot(now);
    return !memcmp(now, baseline, sizeof(now));
}

static bool block_is_zero(struct page_info *pg, unsigned int order)
{
    const uint64_t *p = page_to_virt(pg);
    size_t i, n = (PAGE_SIZE << order) / sizeof(*p);

    for ( i = 0; i < n; i++ )
        if ( p[i] )
            return false;
    return true;
}

static void test_init(void)
{
    init_heap_pages(mfn_to_page(HEAP_START), HEAP_END - HEAP_START);
    CHECK(total_pages == HEAP_END - HEAP_START, "total %lu", total_pages);
    CHECK(avail_pages == total_pages, "avail %lu", avail_pages);
    CHECK(heap_free_blocks(MAX_ORDER) == 2, "%lu max-order blocks",
          heap_free_blocks(MAX_ORDER));
    /* Edges: 5 pages below 2^18 are 1 + 4; 5 above 3 * 2^18 are 4 + 1. */
    CHECK(heap_free_blocks(0) == 2 && heap_free_blocks(2) == 2,
          "edge blocks %lu/%lu", heap_free_blocks(0), heap_free_blocks(2));
    CHECK(!page_state_is_free(mfn_to_page(HEAP_START - 1)) &&
          !page_state_is_free(mfn_to_page(HEAP_END)), "outside stays in use");
    snapshot(baseline);
}

static void test_every_order(void)
{
    unsigned int o;

    for ( o = 0; o <= MAX_ORDER; o++ )
    {
        unsigned long before = avail_pages;
        struct page_info *pg = alloc_domheap_pages(NULL, o, 0);
        mfn_t mfn;

        CHECK(pg != NULL, "order %u", o);
        if ( !pg )
            continue;
        mfn = page_to_mfn(pg);
        CHECK(!(mfn & ((1UL << o) - 1)), "order %u at %#lx unaligned", o, mfn);
        CHECK(mfn >= HEAP_START && mfn + (1UL << o) <= HEAP_END,
              "order %u at %#lx outside the heap", o, mfn);
        CHECK(avail_pages == before - (1UL << o), "order %u count", o);
        CHECK(!page_state_is_free(pg) && !page_state_is_free(pg + (1UL << o) - 1),
              "order %u pages marked in use", o);
        CHECK(block_is_zero(pg, o), "order %u zeroed", o);
        free_domheap_pages(pg, o);
        CHECK(avail_pages == before, "order %u freed", o);
        shim_release(mfn, 1UL << o);
    }
    CHECK(same_as_baseline(), "coalescing restored every block");
}

/* The highest zone first; MEMF_bits keeps below the limit or fails. */
static void test_zones(void)
{
    struct page_info *hi = alloc_domheap_pages(NULL, 0, 0);
    struct page_info *lo = alloc_domheap_pages(NULL, 0, MEMF_bits(PAGE_SHIFT + MAX_ORDER + 1));
    struct page_info *none = alloc_domheap_pages(NULL, 0, MEMF_bits(PAGE_SHIFT + 10));

    CHECK(hi && page_to_mfn(hi) >= (2UL << MAX_ORDER), "unrestricted from the top zone");
    CHECK(lo && page_to_mfn(lo) < (2UL << MAX_ORDER), "MEMF_bits respected: %#lx",
          lo ? page_to_mfn(lo) : 0);
    CHECK(!none, "nothing below 4 MiB");
    CHECK(alloc_domheap_pages(NULL, MAX_ORDER + 1, 0) == NULL, "order too big");
    free_domheap_pages(hi, 0);
    free_domheap_pages(lo, 0);
    CHECK(same_as_baseline(), "zones restored");
}

static void test_owners(void)
{
    struct domain *d = (struct domain *)0x1234;
    struct page_info *pg = alloc_domheap_pages(d, 1, 0);
    void *v = alloc_xenheap_pages(2);

    CHECK(pg && pg->owner == d && pg[1].owner == d, "owner recorded");
    CHECK(pg && (pg[1].count_info & (PGC_allocated | PGC_count_mask)) ==
          (PGC_allocated | 1), "allocation reference: %#lx", pg[1].count_info);
    CHECK(v && (uintptr_t)v >= (uintptr_t)shim_ram &&
          (uintptr_t)v < (uintptr_t)shim_ram + HEAP_END * PAGE_SIZE,
          "xenheap address in the direct map");
    CHECK(v && (virt_to_page(v)[3].count_info & PGC_xen_heap), "xenheap flag");
    free_domheap_pages(pg, 1);
    free_xenheap_pages(v, 2);
    free_xenheap_pages(NULL, 0);
    CHECK(pg->owner == NULL, "owner cleared on free");
    CHECK(same_as_baseline(), "owners test restored");
}

struct held {
    struct page_info *pg;
    unsigned int order;
    uint32_t id;
};

static bool take(struct held *h, unsigned int order, uint32_t id)
{
    unsigned long i, mfn;

    h->pg = alloc_domheap_pages(NULL, order, 0);
    if ( !h->pg )
        return false;
    h->order = order;
    h->id = id;
    mfn = page_to_mfn(h->pg);
    for ( i = 0; i < (1UL << order); i++ )
    {
        CHECK(owner[mfn + i] == 0, "page %#lx handed out twice (ids %u, %u)",
              mfn + i, owner[mfn + i], id);
        owner[mfn + i] = id;
        *(uint32_t *)page_to_virt(h->pg + i) = id;
    }
    return true;
}

static void give_back(struct held *h)
{
    unsigned long i, mfn = page_to_mfn(h->pg);

    for ( i = 0; i < (1UL << h->order); i++ )
    {
        CHECK(*(uint32_t *)page_to_virt(h->pg + i) == h->id,
              "page %#lx overwritten while held", mfn + i);
        owner[mfn + i] = 0;
    }
    free_domheap_pages(h->pg, h->order);
    h->pg = NULL;
}

static void test_random(void)
{
    static struct held slots[512];
    unsigned int i, live = 0;
    uint32_t id = 0;

    srand(42);
    for ( i = 0; i < 40000; i++ )
    {
        struct held *h = &slots[rand() % 512];

        if ( h->pg )
        {
            give_back(h);
            live--;
        }
        else if ( take(h, rand() % 4 ? rand() % 4 : rand() % 10, ++id) )
            live++;
    }
    for ( i = 0; i < 512; i++ )
        if ( slots[i].pg )
            give_back(&slots[i]);
    CHECK(avail_pages == total_pages, "all back: %lu/%lu", avail_pages, total_pages);
    CHECK(same_as_baseline(), "random churn coalesced back");
}

/* Takes everything, then proves a freed dirty page comes back zeroed. */
static void test_exhaustion_and_scrub(void)
{
    static struct held all[64];
    unsigned int n = 0, o = MAX_ORDER + 1, i, small = 0;

    while ( o-- > 0 )
        while ( n < 64 && take(&all[n], o, 100000 + n) )
            n++;
    CHECK(avail_pages == 0, "exhausted: %lu left", avail_pages);
    CHECK(!alloc_domheap_pages(NULL, 0, 0), "allocation fails when empty");
    CHECK(!alloc_xenheap_pages(0), "xenheap fails when empty");

    for ( i = 0; i < n; i++ )
        if ( all[i].order == 0 )
            small = i;
    memset(page_to_virt(all[small].pg), 0xaa, PAGE_SIZE);
    owner[page_to_mfn(all[small].pg)] = 0;
    free_domheap_pages(all[small].pg, 0);
    {
        struct page_info *again = alloc_domheap_pages(NULL, 0, 0);

        CHECK(again == all[small].pg, "the only free page comes back");
        CHECK(again && block_is_zero(again, 0), "and it reads zero");
        free_domheap_pages(again, 0);
    }
    all[small].pg = NULL;
    for ( i = 0; i < n; i++ )
        if ( all[i].pg )
        {
            mfn_t mfn = page_to_mfn(all[i].pg);
            unsigned int order = all[i].order;

            give_back(&all[i]);
            shim_release(mfn, 1UL << order);
        }
    CHECK(avail_pages == total_pages, "recovered");
    CHECK(same_as_baseline(), "exhaustion coalesced back");
}

static void test_dump(void)
{
    shim_log_len = 0;
    dump_heap();
    shim_log[shim_log_len] = '\0';
    CHECK(strstr(shim_log, "order 18: 2 free blocks (2097152 KiB)") != NULL,
          "dump_heap output: %s", shim_log);
}

/* Last: the heap is unusable after a caught BUG inside heap_lock. */
static void test_double_free(void)
{
    struct page_info *pg = alloc_domheap_pages(NULL, 0, 0);

    free_domheap_pages(pg, 0);
    CHECK(SHIM_EXPECT_PANIC(free_domheap_pages(pg, 0), "page_state_is_free"),
          "double free caught: %s", shim_panic_msg);
}

int main(void)
{
    shim_mm_init(NFRAMES);
    owner = calloc(NFRAMES, sizeof(*owner));
    CHECK(sizeof(struct page_info) == 64, "page_info is %zu bytes",
          sizeof(struct page_info));
    test_init();
    test_every_order();
    test_zones();
    test_owners();
    test_random();
    test_exhaustion_and_scrub();
    test_dump();
    test_double_free();
    return unit_finish("page-alloc");
}
