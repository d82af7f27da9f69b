/*
 * The memory part of the boot self-test: the allocators work on the real
 * machine, leave no trace, hand out zeroed memory, and the final page
 * tables are the ones described in docs/architecture.md ("Memory").
 */
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/string.h>
#include <xen/xmalloc.h>
#include <asm/processor.h>
#include <asm/setup.h>

static unsigned int failed;

static void expect(bool ok, const char *what)
{
    if ( !ok )
    {
        printk("mm_selftest: %s: FAILED\n", what);
        failed++;
    }
}

static bool page_is_zero(const void *p)
{
    const unsigned long *w = p;
    unsigned int i;

    for ( i = 0; i < PAGE_SIZE / sizeof(*w); i++ )
        if ( w[i] )
            return false;
    return true;
}

/* A freed, dirtied block is the next one handed out, and reads zero. */
static void check_scrub(unsigned int order)
{
    struct page_info *pg = alloc_domheap_pages(NULL, order, 0), *again;
    unsigned long i;

    expect(pg != NULL, "domheap allocation");
    if ( !pg )
        return;
    for ( i = 0; i < (1UL << order); i++ )
        memset(page_to_virt(pg + i), 0xa5, PAGE_SIZE);
    free_domheap_pages(pg, order);
    again = alloc_domheap_pages(NULL, order, 0);
    expect(again == pg, "freed block is reused first");
    for ( i = 0; again && i < (1UL << order); i++ )
        if ( !page_is_zero(page_to_virt(again + i)) )
        {
            expect(false, "reused page reads zero");
            break;
        }
    if ( again )
        free_domheap_pages(again, order);
}

static void check_xenheap(void)
{
    unsigned long *v = alloc_xenheap_pages(2);
    unsigned long va = (unsigned long)v;

    expect(v && va >= DIRECTMAP_VIRT_START &&
           va + 4 * PAGE_SIZE <= DIRECTMAP_VIRT_START + (max_page << PAGE_SHIFT),
           "xenheap pages are in the direct map");
    if ( !v )
        return;
    expect((xen_mapping_flags(va) & (_PAGE_RW | _PAGE_NX)) == (_PAGE_RW | _PAGE_NX),
           "xenheap mapped RW+NX");
    v[4 * PAGE_SIZE / sizeof(long) - 1] = 0x600dUL;
    free_xenheap_pages(v, 2);
}

static void check_xmalloc(void)
{
    static const size_t sizes[] = { 1, 24, 100, 1000, 3000, 10000, 200000 };
    unsigned char *p[ARRAY_SIZE(sizes)];
    unsigned int i;
    size_t j;
    bool intact = true;

    for ( i = 0; i < ARRAY_SIZE(sizes); i++ )
    {
        p[i] = xmalloc_bytes(sizes[i], i % 2 ? 64 : 0);
        expect(p[i] != NULL, "xmalloc");
        if ( p[i] )
            memset(p[i], i + 1, sizes[i]);
    }
    for ( i = 0; i < ARRAY_SIZE(sizes); i++ )
    {
        for ( j = 0; p[i] && j < sizes[i]; j++ )
            intact &= p[i][j] == i + 1;
        xfree(p[i]);
    }
    expect(intact, "xmalloc objects keep their contents");
    expect(xmalloc_array(uint64_t, ~0UL / 2) == NULL, "xmalloc_array refuses overflow");
}

static void check_page_tables(void)
{
    const uint64_t *l4 = __va(idle_pg_table_phys);
    unsigned long top = (unsigned long)__va((paddr_t)(max_page - 1) << PAGE_SHIFT);

    expect((read_cr3() & PAGE_MASK) == idle_pg_table_phys, "CR3 holds the idle L4");
    expect(l4[0] == 0, "no 1:1 mapping (L4 slot 0 empty)");
    expect((xen_mapping_flags((unsigned long)_start) & (_PAGE_RW | _PAGE_NX)) == 0,
           "text is RX");
    expect((xen_mapping_flags((unsigned long)_srodata) & (_PAGE_RW | _PAGE_NX | _PAGE_PRESENT)) ==
           (_PAGE_NX | _PAGE_PRESENT), "rodata is R+NX");
    expect((xen_mapping_flags((unsigned long)_end - 1) & (_PAGE_RW | _PAGE_NX)) ==
           (_PAGE_RW | _PAGE_NX), "bss is RW+NX");
    expect(xen_mapping_flags(top) & _PAGE_PRESENT, "top of RAM is direct-mapped");
    expect(*(volatile unsigned long *)top == *(volatile unsigned long *)top,
           "top of RAM is readable");
    expect(trampoline_phys && trampoline_phys < 0x100000 &&
           !(trampoline_phys & ~PAGE_MASK), "trampoline page below 1 MiB");
}

/* What the SMP trampoline and MMIO users will do, undone without a trace. */
static void check_map_destroy(void)
{
    const uint64_t *l4 = __va(idle_pg_table_phys);
    unsigned long vmap = VMAP_VIRT_START + L2_PAGE_SIZE;

    expect(!map_pages_to_xen(0, 0, 512, PAGE_HYPERVISOR_RX) &&
           (xen_mapping_flags(0x9000) & _PAGE_PRESENT), "temporary 1:1 mapping");
    destroy_xen_mappings(0, L2_PAGE_SIZE);
    expect(l4[0] == 0 && !xen_mapping_flags(0x9000), "1:1 mapping gone, tables freed");

    expect(!map_pages_to_xen(vmap, XEN_LOAD_PHYS >> PAGE_SHIFT, 512, PAGE_HYPERVISOR_UC) &&
           (xen_mapping_flags(vmap + PAGE_SIZE) & (_PAGE_PCD | _PAGE_PWT)) ==
           (_PAGE_PCD | _PAGE_PWT), "uncached 2 MiB mapping in the VMAP area");
    destroy_xen_mappings(vmap + PAGE_SIZE, vmap + 2 * PAGE_SIZE);
    expect(!xen_mapping_flags(vmap + PAGE_SIZE) &&
           (xen_mapping_flags(vmap + 2 * PAGE_SIZE) & _PAGE_PRESENT) &&
           (xen_mapping_flags(vmap) & _PAGE_PRESENT), "partial unmap splits the superpage");
    destroy_xen_mappings(vmap, vmap + L2_PAGE_SIZE);
    expect(!xen_mapping_flags(vmap) && !xen_mapping_flags(vmap + L2_PAGE_SIZE - PAGE_SIZE),
           "VMAP mapping gone");
}

bool mm_selftest(void)
{
    unsigned long before[MAX_ORDER + 1], start = avail_pages;
    unsigned int o;
    bool same = true;

    failed = 0;
    for ( o = 0; o <= MAX_ORDER; o++ )
        before[o] = heap_free_blocks(o);
    check_scrub(0);
    check_scrub(1);
    check_scrub(4);
    check_scrub(9);
    check_xenheap();
    check_xmalloc();
    check_page_tables();
    check_map_destroy();
    for ( o = 0; o <= MAX_ORDER; o++ )
        same &= heap_free_blocks(o) == before[o];
    expect(avail_pages == start && same, "free counts back to where they were");
    return !failed;
}
