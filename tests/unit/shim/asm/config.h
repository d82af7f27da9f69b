/*
 * Host shim: the real asm/config.h, except that the direct map and the frame
 * table are the test's own arrays.  Everything built on these two bases
 * (__va, mfn_to_page, page_to_virt, ...) is then the hypervisor's real code.
 */
#ifndef SHIM_ASM_CONFIG_H
#define SHIM_ASM_CONFIG_H

#include_next <asm/config.h>

#ifndef __ASSEMBLER__
extern unsigned char *shim_ram;         /* "machine memory", MFN 0 first */
extern void *shim_frame_table;

#undef DIRECTMAP_VIRT_START
#define DIRECTMAP_VIRT_START ((unsigned long)shim_ram)
#undef FRAMETABLE_VIRT_START
#define FRAMETABLE_VIRT_START ((unsigned long)shim_frame_table)
#endif

#endif /* SHIM_ASM_CONFIG_H */
