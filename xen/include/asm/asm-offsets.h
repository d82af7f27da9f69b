/*
 * Offsets into struct cpu_user_regs for assembly; checked against the C
 * layout in arch/x86/pv/entry-checks.c.
 */
#ifndef ASM_X86_ASM_OFFSETS_H
#define ASM_X86_ASM_OFFSETS_H

#define UREGS_r15               0
#define UREGS_rax               80
#define UREGS_rcx               88
#define UREGS_error_code        120
#define UREGS_entry_vector      124
#define UREGS_rip               128
#define UREGS_cs                136
#define UREGS_rflags            144
#define UREGS_rsp               152
#define UREGS_ss                160
#define UREGS_es                168     /* end of the hardware frame */
#define UREGS_kernel_sizeof     168

#define TRAP_nmi                2
#define TRAP_double_fault       8
#define TRAP_machine_check      18
/* Pseudo-vector marking a frame built by the syscall entry. */
#define TRAP_syscall            256
#define TRAP_syscall32          257

#endif /* ASM_X86_ASM_OFFSETS_H */
