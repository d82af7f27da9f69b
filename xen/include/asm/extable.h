/*
 * Exception fixups: an instruction that may fault on purpose (a guest
 * access, an MSR probe) registers where to continue instead.  The trap
 * handler looks the faulting RIP up before treating a hypervisor-mode
 * fault as fatal.
 */
#ifndef ASM_X86_EXTABLE_H
#define ASM_X86_EXTABLE_H

#ifdef __ASSEMBLER__
#define _ASM_EXTABLE(from, to)      \
    .pushsection .ex_table, "a";    \
    .balign 8;                      \
    .quad from, to;                 \
    .popsection
#else
#define _ASM_EXTABLE(from, to)              \
    ".pushsection .ex_table, \"a\"\n\t"     \
    ".balign 8\n\t"                         \
    ".quad " #from ", " #to "\n\t"          \
    ".popsection\n\t"

/* The fixup address for a fault at rip, or 0. */
unsigned long search_exception_table(unsigned long rip);
#endif

#endif /* ASM_X86_EXTABLE_H */
