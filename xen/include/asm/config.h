/*
 * The hypervisor's place in every address space.
 *
 * 64-bit PV guests own every canonical address except the 16 PML4 slots
 * 256-271 (0xffff800000000000 - 0xffff87ffffffffff), which Xen 4.17 keeps for
 * itself and which unmodified guests therefore never touch.  Tessera uses the
 * same slots with the same sub-layout, so the guest-visible parts (the
 * read-only M2P at the bottom of slot 256) sit where guests expect them.
 *
 * This header is included by assembly as well as C.
 */
#ifndef ASM_X86_CONFIG_H
#define ASM_X86_CONFIG_H

#ifdef __ASSEMBLER__
#define _AC(x, suffix) x
#else
#define _AC(x, suffix) x##suffix
#endif

#define PAGE_SHIFT          12
#define PAGE_SIZE           (_AC(1, UL) << PAGE_SHIFT)
#define PAGE_MASK           (~(PAGE_SIZE - 1))
#define L2_PAGE_SHIFT       21
#define L3_PAGE_SHIFT       30
#define L4_PAGE_SHIFT       39

/* Slot 256: read-only machine-to-physical table, mapped into every PV guest. */
#define RO_MPT_VIRT_START   _AC(0xffff800000000000, UL)
#define RO_MPT_VIRT_END     _AC(0xffff804000000000, UL)
/* Slot 260: per-domain mappings (GDT/LDT shadows). */
#define PERDOMAIN_VIRT_START _AC(0xffff820000000000, UL)
/* Slot 261: the writable M2P, vmap/fixmap, the image and the frame table. */
#define RDWR_MPT_VIRT_START _AC(0xffff828000000000, UL)
#define VMAP_VIRT_START     _AC(0xffff82c000000000, UL)
#define XEN_VIRT_START      _AC(0xffff82d040000000, UL)
#define XEN_VIRT_END        _AC(0xffff82d080000000, UL)
#define FRAMETABLE_VIRT_START _AC(0xffff82e000000000, UL)
/* Slots 262-271: 5 TiB direct map of machine memory. */
#define DIRECTMAP_VIRT_START _AC(0xffff830000000000, UL)
#define DIRECTMAP_VIRT_END  _AC(0xffff880000000000, UL)
/* The public headers define these too (same values); either may come first. */
#ifndef HYPERVISOR_VIRT_START
#define HYPERVISOR_VIRT_START _AC(0xffff800000000000, UL)
#define HYPERVISOR_VIRT_END   _AC(0xffff880000000000, UL)
#endif

/*
 * The image is linked at XEN_VIRT_START + XEN_LOAD_PHYS and loaded by the
 * boot loader at physical XEN_LOAD_PHYS, so image virtual = physical +
 * XEN_VIRT_START for as long as the image is not relocated.
 */
#define XEN_LOAD_PHYS       _AC(0x200000, UL)

/* The boot page tables map this much low memory 1:1 and in the direct map. */
#define BOOT_DIRECTMAP_BYTES (_AC(4, UL) << 30)

/* Upper bound on CPUs: sizes per-CPU arrays and cpumask_t. */
#define NR_CPUS             64

#define STACK_SIZE          (_AC(8, UL) * PAGE_SIZE)

/* GDT selectors used by the hypervisor itself. */
#define __HYPERVISOR_CS32   0x08
#define __HYPERVISOR_CS64   0x10
#define __HYPERVISOR_DS     0x18

#endif /* ASM_X86_CONFIG_H */
