/*
 * Device register mappings.
 *
 * Interim implementation until the final page tables land: the boot page
 * tables map the low 4 GiB, which covers the local APIC, IO-APIC and HPET
 * on PC platforms.  Those mappings are write-back; the replacement maps the
 * range uncached in the vmap area.
 */
#include <asm/mm-io.h>
#include <asm/page.h>

void *ioremap_uc(paddr_t pa, size_t len)
{
    if ( pa + len < pa || pa + len > BOOT_DIRECTMAP_BYTES )
        return NULL;
    return __va(pa);
}
