/*
 * Uncached mappings of device registers (local APIC, IO-APIC, HPET).
 */
#ifndef ASM_X86_MM_IO_H
#define ASM_X86_MM_IO_H

#include <xen/types.h>
#include <asm/config.h>

/* Returns a UC mapping of [pa, pa + len), or NULL. */
void *ioremap_uc(paddr_t pa, size_t len);

#endif /* ASM_X86_MM_IO_H */
