#ifndef ASM_X86_PAGE_H
#define ASM_X86_PAGE_H

#include <asm/config.h>
#include <xen/types.h>

/*
 * Until the platform code builds the final direct map, only the low
 * BOOT_DIRECTMAP_BYTES are mapped there; __va() of anything above is a bug.
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

#endif /* ASM_X86_PAGE_H */
