/*
 * From the boot loader's memory map to a running heap.
 *
 * memory_init() runs once on the boot CPU, before any other CPU or any
 * interrupt exists, so nothing here takes a lock:
 *  1. the boot allocator gets all page-aligned RAM except the first MiB,
 *     the image, the modules and the loader data boot_info still points at
 *     (one page below 1 MiB is set aside for the SMP trampoline);
 *  2. paging.c builds the final page tables from it and switches to them;
 *  3. the frame table is mapped for every RAM range;
 *  4. what is left of the boot allocator goes to the buddy heap, and the
 *     boot allocator is retired.
 */
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/string.h>
#include <asm/mm.h>
#include <asm/page.h>
#include <asm/setup.h>
#include "mm.h"

#define LOW_MEMORY_END  0x100000UL
#define MAX_BOOT_RANGES 256

unsigned long max_page;
unsigned long *frame_table_present;
paddr_t trampoline_phys;
bool mm_heap_ready;

static const struct boot_info *mm_boot_info;

/* Free RAM of the boot allocator: sorted, disjoint, page-aligned [s, e). */
static struct { paddr_t s, e; } ranges[MAX_BOOT_RANGES];
static unsigned int nr_ranges;
/* What the current page tables map of the direct map. */
static paddr_t boot_alloc_limit = BOOT_DIRECTMAP_BYTES;

static void range_insert(unsigned int at, paddr_t s, paddr_t e)
{
    if ( nr_ranges == MAX_BOOT_RANGES )
        panic("Memory map too fragmented (more than %u ranges)", MAX_BOOT_RANGES);
    memmove(&ranges[at + 1], &ranges[at], (nr_ranges - at) * sizeof(ranges[0]));
    ranges[at].s = s;
    ranges[at].e = e;
    nr_ranges++;
}

static void range_remove_at(unsigned int at)
{
    memmove(&ranges[at], &ranges[at + 1], (nr_ranges - at - 1) * sizeof(ranges[0]));
    nr_ranges--;
}

/* Adds RAM, shrunk to whole pages and merged with its neighbours. */
static void boot_add(paddr_t s, paddr_t e)
{
    unsigned int i;

    s = ROUNDUP(s, PAGE_SIZE);
    e &= PAGE_MASK;
    if ( s >= e )
        return;
    for ( i = 0; i < nr_ranges && ranges[i].e < s; i++ )
        ;
    if ( i < nr_ranges && ranges[i].s <= e )
    {
        /* Overlapping loader entries: take the union. */
        ranges[i].s = MIN(ranges[i].s, s);
        ranges[i].e = MAX(ranges[i].e, e);
        while ( i + 1 < nr_ranges && ranges[i + 1].s <= ranges[i].e )
        {
            ranges[i].e = MAX(ranges[i].e, ranges[i + 1].e);
            range_remove_at(i + 1);
        }
        return;
    }
    range_insert(i, s, e);
}

/* Removes [s, e), grown to whole pages. */
static void boot_reserve(paddr_t s, paddr_t e)
{
    unsigned int i;

    s &= PAGE_MASK;
    e = ROUNDUP(e, PAGE_SIZE);
    for ( i = 0; i < nr_ranges; i++ )
    {
        if ( ranges[i].e <= s || ranges[i].s >= e )
            continue;
        if ( ranges[i].s < s && ranges[i].e > e )
        {
            range_insert(i + 1, e, ranges[i].e);
            ranges[i].e = s;
            return;
        }
        if ( ranges[i].s < s )
            ranges[i].e = s;
        else if ( ranges[i].e > e )
            ranges[i].s = e;
        else
            range_remove_at(i--);
    }
}

mfn_t alloc_boot_pages(unsigned long nr, unsigned long align)
{
    unsigned int i;

    BUG_ON(mm_heap_ready);
    /* From the top: low memory is what devices and the trampoline need. */
    for ( i = nr_ranges; i-- > 0; )
    {
        paddr_t top = MIN(ranges[i].e, boot_alloc_limit), s;

        if ( top < ranges[i].s + (nr << PAGE_SHIFT) )
            continue;
        s = (top - (nr << PAGE_SHIFT)) & ~((align << PAGE_SHIFT) - 1);
        if ( s < ranges[i].s )
            continue;
        boot_reserve(s, s + (nr << PAGE_SHIFT));
        return s >> PAGE_SHIFT;
    }
    panic("Boot allocator: no room for %lu pages", nr);
}

/* Loader data (strings, the RSDP copy) boot_info still points at. */
static void reserve_pointee(const void *p, size_t len)
{
    uintptr_t v = (uintptr_t)p;

    if ( v >= DIRECTMAP_VIRT_START && v < DIRECTMAP_VIRT_END )
        boot_reserve(__pa(p), __pa(p) + len);
}

static void reserve_trampoline(void)
{
    unsigned int i;

    for ( i = nr_ranges; i-- > 0; )
    {
        paddr_t top = MIN(ranges[i].e, LOW_MEMORY_END);

        /* Page 0 holds the real-mode IVT and BIOS data: never it. */
        if ( top >= MAX(ranges[i].s, PAGE_SIZE) + PAGE_SIZE )
        {
            trampoline_phys = top - PAGE_SIZE;
            boot_reserve(trampoline_phys, top);
            return;
        }
    }
    panic("No free RAM page below 1 MiB for the SMP trampoline");
}

static void init_boot_allocator(const struct boot_info *bi)
{
    unsigned int i;

    for ( i = 0; i < bi->nr_mmap; i++ )
        if ( bi->mmap[i].type == E820_RAM )
            boot_add(bi->mmap[i].addr, bi->mmap[i].addr + bi->mmap[i].len);
    boot_reserve(__pa(_start), __pa(_end));
    for ( i = 0; i < bi->nr_modules; i++ )
    {
        boot_reserve(bi->modules[i].start, bi->modules[i].end);
        reserve_pointee(bi->modules[i].cmdline, strlen(bi->modules[i].cmdline) + 1);
    }
    reserve_pointee(bi->cmdline, strlen(bi->cmdline) + 1);
    reserve_pointee(bi->loader, strlen(bi->loader) + 1);
    if ( bi->acpi_rsdp )
        reserve_pointee(bi->acpi_rsdp, 36);     /* an ACPI 2.0 RSDP */
    reserve_trampoline();
    boot_reserve(0, LOW_MEMORY_END);
}

static unsigned long ram_end_pfn(const struct boot_info *bi)
{
    unsigned long end = 0, limit = PFN_DOWN(DIRECTMAP_VIRT_END - DIRECTMAP_VIRT_START);
    unsigned int i;

    for ( i = 0; i < bi->nr_mmap; i++ )
        if ( bi->mmap[i].type == E820_RAM )
            end = MAX(end, (unsigned long)PFN_UP(bi->mmap[i].addr + bi->mmap[i].len));
    if ( end > limit )
    {
        printk("Memory: RAM above %lu GiB is beyond the direct map; ignored\n",
               limit >> (30 - PAGE_SHIFT));
        end = limit;
    }
    return end;
}

static bool ft_page_present(unsigned long i)
{
    return (frame_table_present[i / BITS_PER_LONG] >> (i % BITS_PER_LONG)) & 1;
}

/* Backs frame-table pages [first, first + n) with fresh zeroed memory. */
static void ft_back(unsigned long first, unsigned long n)
{
    mfn_t mfn = alloc_boot_pages(n, n);
    unsigned long i;

    memset(mfn_to_virt(mfn), 0, n << PAGE_SHIFT);
    if ( map_pages_to_xen(FRAMETABLE_VIRT_START + (first << PAGE_SHIFT), mfn, n,
                          PAGE_HYPERVISOR_RW) )
        panic("Out of memory mapping the frame table");
    for ( i = first; i < first + n; i++ )
        frame_table_present[i / BITS_PER_LONG] |= 1UL << (i % BITS_PER_LONG);
}

/* Maps the frame-table pages describing frames [s, e); 2 MiB at a time where possible. */
static unsigned long ft_map_frames(unsigned long s, unsigned long e)
{
    unsigned long i = s / FRAMES_PER_FT_PAGE;
    unsigned long last = (e + FRAMES_PER_FT_PAGE - 1) / FRAMES_PER_FT_PAGE;
    unsigned long chunk = L1_PAGETABLE_ENTRIES, used = 0, j;

    while ( i < last )
    {
        bool whole = !(i % chunk) && i + chunk <= last;

        for ( j = i; whole && j < i + chunk; j++ )
            whole = !ft_page_present(j);
        if ( whole )
        {
            ft_back(i, chunk);
            used += chunk;
            i += chunk;
            continue;
        }
        if ( !ft_page_present(i) )
        {
            ft_back(i, 1);
            used++;
        }
        i++;
    }
    return used;
}

static unsigned long init_frame_table(const struct boot_info *bi)
{
    unsigned long nft = (max_page + FRAMES_PER_FT_PAGE - 1) / FRAMES_PER_FT_PAGE;
    unsigned long words = (nft + BITS_PER_LONG - 1) / BITS_PER_LONG;
    unsigned long bm_pages = PFN_UP(words * sizeof(long)), used = 0;
    unsigned int i;

    frame_table_present = mfn_to_virt(alloc_boot_pages(bm_pages, 1));
    memset(frame_table_present, 0, bm_pages << PAGE_SHIFT);
    for ( i = 0; i < bi->nr_mmap; i++ )
    {
        const struct boot_mmap_entry *m = &bi->mmap[i];
        unsigned long s = PFN_DOWN(m->addr), e = PFN_UP(m->addr + m->len);

        if ( m->type == E820_RAM && s < max_page )
            used += ft_map_frames(s, MIN(e, max_page));
    }
    return used;
}

static bool is_ram_frame(const struct boot_info *bi, mfn_t mfn)
{
    unsigned int i;

    for ( i = 0; i < bi->nr_mmap; i++ )
        if ( bi->mmap[i].type == E820_RAM &&
             mfn >= PFN_DOWN(bi->mmap[i].addr) &&
             mfn < PFN_DOWN(bi->mmap[i].addr + bi->mmap[i].len) )
            return true;
    return false;
}

/*
 * Frame-table entries that exist only because their frame-table page also
 * covers RAM describe firmware or device frames: mark them, so that page
 * reference counting leaves them alone (asm/mm.h, PGC_iomem).
 */
static void mark_iomem_frames(const struct boot_info *bi)
{
    mfn_t mfn;

    for ( mfn = 0; mfn < max_page; mfn++ )
        if ( mfn_valid(mfn) && !is_ram_frame(bi, mfn) )
            mfn_to_page(mfn)->count_info |= PGC_iomem;
}

static void start_heap(void)
{
    unsigned int i;

    mm_heap_ready = true;
    for ( i = 0; i < nr_ranges; i++ )
        init_heap_pages(mfn_to_page(PFN_DOWN(ranges[i].s)),
                        PFN_DOWN(ranges[i].e - ranges[i].s));
    nr_ranges = 0;
}

static bool firmware_page(paddr_t p)
{
    unsigned int i;

    for ( i = 0; i < mm_boot_info->nr_mmap; i++ )
    {
        const struct boot_mmap_entry *m = &mm_boot_info->mmap[i];

        if ( (m->type == E820_RESERVED || m->type == E820_ACPI ||
              m->type == E820_NVS) && m->addr < p + PAGE_SIZE &&
             m->addr + m->len > p )
            return true;
    }
    return false;
}

const void *firmware_map(paddr_t pa, size_t len)
{
    paddr_t p;

    if ( pa + len < pa || pa + len > DIRECTMAP_VIRT_END - DIRECTMAP_VIRT_START )
        return NULL;
    for ( p = pa & PAGE_MASK; p < pa + len; p += PAGE_SIZE )
    {
        unsigned long va = (unsigned long)__va(p);

        if ( xen_mapping_flags(va) & _PAGE_PRESENT )
            continue;
        if ( !firmware_page(p) ||
             map_pages_to_xen(va, PFN_DOWN(p), 1, PAGE_HYPERVISOR_RO) )
            return NULL;
    }
    return __va(pa);
}

void memory_init(const struct boot_info *bi)
{
    unsigned long ft_pages;

    mm_boot_info = bi;
    max_page = ram_end_pfn(bi);
    init_boot_allocator(bi);
    paging_detect_features();
    paging_build_idle(bi);
    boot_alloc_limit = (paddr_t)max_page << PAGE_SHIFT;
    ft_pages = init_frame_table(bi);
    mark_iomem_frames(bi);
    start_heap();

    printk("Memory: %lu MiB RAM, %lu MiB free in the heap, frame table %lu KiB\n",
           (unsigned long)(boot_usable_bytes(bi) >> 20),
           avail_pages >> (20 - PAGE_SHIFT), ft_pages << (PAGE_SHIFT - 10));
    printk("Memory: direct map with %s pages, SMP trampoline page at %#lx\n",
           paging_have_1g_pages() ? "1 GiB" : "2 MiB", (unsigned long)trampoline_phys);
}
