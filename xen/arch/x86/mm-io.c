/*
 * Device register mappings: uncached, in the vmap area, never freed (the
 * hypervisor maps only a handful of devices, once, at boot).
 *
 * Locking: ioremap_lock protects the bump pointer; map_pages_to_xen() has
 * its own lock for the page tables.
 */
#include <xen/lib.h>
#include <xen/spinlock.h>
#include <asm/mm.h>
#include <asm/mm-io.h>
#include <asm/page.h>

#define IOREMAP_VIRT_START  VMAP_VIRT_START
#define IOREMAP_VIRT_END    (VMAP_VIRT_START + (1UL << 30))

static DEFINE_SPINLOCK_CLASS(ioremap_lock, LOCK_CLASS_ioremap);
static unsigned long ioremap_next = IOREMAP_VIRT_START;

void *ioremap_uc(paddr_t pa, size_t len)
{
    paddr_t first = pa & PAGE_MASK;
    unsigned long nr, virt;

    if ( !len || pa + len < pa )
        return NULL;
    nr = (ROUNDUP(pa + len, PAGE_SIZE) - first) >> PAGE_SHIFT;

    spin_lock(&ioremap_lock);
    virt = ioremap_next;
    if ( virt + (nr << PAGE_SHIFT) > IOREMAP_VIRT_END ||
         map_pages_to_xen(virt, first >> PAGE_SHIFT, nr, PAGE_HYPERVISOR_UC) )
    {
        spin_unlock(&ioremap_lock);
        return NULL;
    }
    /* A guard page between mappings catches overruns. */
    ioremap_next += (nr + 1) << PAGE_SHIFT;
    spin_unlock(&ioremap_lock);
    return (void *)(virt + (pa & ~PAGE_MASK));
}
