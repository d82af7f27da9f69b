#ifndef ASM_X86_SETUP_H
#define ASM_X86_SETUP_H

#include <xen/multiboot.h>

extern char _start[], _etext[], _edata[], __bss_start[], __bss_end[], _end[];
/* Section edges for W^X: [_srodata, _erodata) read-only, [_sdata, _end) RW. */
extern char _srodata[], _erodata[], _sdata[];

/* The machine as the boot loader described it; filled once, then read-only. */
extern struct boot_info boot_info;

void __noreturn __start_xen(uint32_t magic, paddr_t mbi);

/*
 * Builds the hypervisor's memory management from the loader's memory map:
 * boot allocator, final page tables (after which __va() reaches all RAM),
 * frame table, buddy heap.  Called once, early, on the boot CPU.
 */
void memory_init(const struct boot_info *bi);
/* The memory part of the boot self-test; prints what fails. */
bool mm_selftest(void);

/* Boot self-test (command line `selftest`): checks, then powers off. */
void __noreturn boot_selftest(const struct boot_info *bi, const char *mode);

void keyhandler_init(void);
/* Builds and starts dom0 (and other boot domains); never returns. */
void __noreturn start_boot_domains(const struct boot_info *bi);
void print_memory_map(const struct boot_info *bi);

/* Faults on purpose (command line `debug-fault=`); returns for unknown kinds. */
void trigger_debug_fault(const char *kind);

#endif /* ASM_X86_SETUP_H */
