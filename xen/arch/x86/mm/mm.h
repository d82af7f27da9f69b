/*
 * Shared between the files of xen/arch/x86/mm/ only.
 */
#ifndef X86_MM_INTERNAL_H
#define X86_MM_INTERNAL_H

#include <xen/cpumask.h>            /* BITS_PER_LONG */
#include <xen/multiboot.h>
#include <asm/mm.h>

#define INVALID_MFN     (~0UL)

/*
 * The boot allocator: RAM nobody else claims, until memory_init() hands the
 * rest to the heap.  Returns nr contiguous frames aligned to `align` frames
 * and reachable through the current direct map; panics when out of memory
 * (nothing can run without it).  Frames are not zeroed.
 */
mfn_t alloc_boot_pages(unsigned long nr, unsigned long align);
/* True once the buddy heap owns the remaining RAM. */
extern bool mm_heap_ready;

/* paging.c */
void paging_detect_features(void);
void paging_build_idle(const struct boot_info *bi);
bool paging_have_1g_pages(void);

#endif /* X86_MM_INTERNAL_H */
