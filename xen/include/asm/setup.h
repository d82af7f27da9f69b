#ifndef ASM_X86_SETUP_H
#define ASM_X86_SETUP_H

#include <xen/multiboot.h>

extern char _start[], _etext[], _edata[], __bss_start[], __bss_end[], _end[];

/* The machine as the boot loader described it; filled once, then read-only. */
extern struct boot_info boot_info;

void __noreturn __start_xen(uint32_t magic, paddr_t mbi);

/* Boot self-test (command line `selftest`): checks, then powers off. */
void __noreturn boot_selftest(const struct boot_info *bi, const char *mode);

void keyhandler_init(void);

/* Faults on purpose (command line `debug-fault=`); returns for unknown kinds. */
void trigger_debug_fault(const char *kind);

#endif /* ASM_X86_SETUP_H */
