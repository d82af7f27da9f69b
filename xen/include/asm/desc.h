/*
 * Segment descriptors, the GDT and the IDT.
 *
 * The hypervisor's descriptors live at GDT entries 0x1c00 and up (selector
 * 0xe000+), exactly where Xen keeps them: the entries below belong to PV
 * guests (set_gdt), and unmodified guests hard-code the selectors
 * FLAT_RING3_CS64 (0xe033) etc.  The layout also fits SYSCALL/SYSRET, which
 * need kernel CS, kernel SS at +8, and user CS32, SS, CS64 at +0, +8, +16.
 */
#ifndef ASM_X86_DESC_H
#define ASM_X86_DESC_H

#include <public/xen.h>  /* FIRST_RESERVED_GDT_*, FLAT_RING3_* */

#define GDT_ENTRIES_TOTAL       (FIRST_RESERVED_GDT_ENTRY + 512)

#define HYPERVISOR_CS64_SEL     0xe008
#define HYPERVISOR_DS_SEL       0xe010
#define RING3_CS32_SEL          FLAT_RING3_CS32
#define RING3_DS_SEL            FLAT_RING3_DS32
#define RING3_CS64_SEL          FLAT_RING3_CS64
#define TSS_SEL                 0xe040
#define LDT_SEL                 0xe050

/* Interrupt stack table slots (1-based, as the TSS numbers them). */
#define IST_DF                  1
#define IST_NMI                 2
#define IST_MCE                 3

#ifndef __ASSEMBLER__
#include <xen/types.h>

struct __attribute__((packed)) desc_ptr {
    uint16_t limit;
    uint64_t base;
};

struct idt_gate {
    uint16_t offset_lo;
    uint16_t selector;
    uint8_t ist;
    uint8_t type_attr;
    uint16_t offset_mid;
    uint32_t offset_hi;
    uint32_t reserved;
};

struct __attribute__((packed)) tss64 {
    uint32_t reserved0;
    uint64_t rsp[3];
    uint64_t reserved1;
    uint64_t ist[7];
    uint64_t reserved2;
    uint16_t reserved3;
    uint16_t iomap_base;
};

void cpu_desc_init(unsigned int cpu, unsigned long stack_block);
/* GDTR base of cpu's hypervisor GDT, and the MFN of its descriptor page. */
unsigned long cpu_gdt_base(unsigned int cpu);
unsigned long cpu_gdt_page_mfn(unsigned int cpu);
void cpu_load_ldt(unsigned int cpu, unsigned long base, unsigned int ents);
void idt_init(void);
void load_idt(void);

extern const unsigned long exception_stubs[256];
#endif

#endif /* ASM_X86_DESC_H */
