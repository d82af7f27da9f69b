/*
 * Application-processor start-up code.
 *
 * Copied by the boot CPU to a page below 1 MiB, whose number becomes the
 * SIPI vector: an AP starts here in real mode at CS = page << 8, IP = 0.
 * The code is position-independent: real mode addresses it through CS,
 * protected mode through %ebx (the page's physical address), long mode
 * RIP-relatively.  The boot CPU patches the tramp_* fields before each SIPI.
 */
#include <asm/config.h>

#define OFF(sym) ((sym) - trampoline_start)

        .section .rodata.trampoline, "a", @progbits
        .balign 16
        .globl  trampoline_start, trampoline_end
        .globl  tramp_gdtr_base, tramp_pm_ptr, tramp_lm_ptr, tramp_phys
        .globl  tramp_cr3, tramp_efer, tramp_entry64

        .code16
trampoline_start:
        cli
        cld
        mov     %cs, %ax
        mov     %ax, %ds
        movl    OFF(tramp_phys), %ebx
        lgdtl   OFF(tramp_gdtr)
        mov     %cr0, %eax
        or      $1, %eax                /* PE */
        mov     %eax, %cr0
        ljmpl   *OFF(tramp_pm_ptr)

        .code32
tramp_pm32:
        mov     $0x18, %eax
        mov     %eax, %ds
        mov     %eax, %es
        mov     %eax, %ss
        mov     %cr4, %eax
        or      $0x20, %eax             /* PAE */
        mov     %eax, %cr4
        mov     OFF(tramp_cr3)(%ebx), %eax
        mov     %eax, %cr3
        mov     $0xc0000080, %ecx       /* EFER: the boot CPU's LME/NXE */
        rdmsr
        or      OFF(tramp_efer)(%ebx), %eax
        wrmsr
        mov     %cr0, %eax
        or      $0x80010001, %eax       /* PG | WP | PE */
        mov     %eax, %cr0
        ljmpl   *OFF(tramp_lm_ptr)(%ebx)

        .code64
tramp_lm64:
        jmp     *tramp_entry64(%rip)

        .balign 8
tramp_gdt:
        .quad   0
        .quad   0x00cf9a000000ffff      /* 0x08: 32-bit code */
        .quad   0x00af9a000000ffff      /* 0x10: 64-bit code */
        .quad   0x00cf92000000ffff      /* 0x18: data */
tramp_gdtr:
        .word   4 * 8 - 1
tramp_gdtr_base:
        .long   0                       /* phys of tramp_gdt */
        .balign 4
tramp_pm_ptr:
        .long   0                       /* phys of tramp_pm32 */
        .word   0x08
        .balign 4
tramp_lm_ptr:
        .long   0                       /* phys of tramp_lm64 */
        .word   0x10
        .balign 4
tramp_phys:
        .long   0
tramp_cr3:
        .long   0
tramp_efer:
        .long   0
        .balign 8
tramp_entry64:
        .quad   0                       /* virtual address of ap_start64 */
trampoline_end:

        /* Offsets the boot CPU needs for patching; not copied. */
        .balign 4
        .globl  tramp_offsets
tramp_offsets:
        .long   OFF(tramp_gdt), OFF(tramp_pm32), OFF(tramp_lm64)

        .text
        .globl  ap_start64
ap_start64:
        /*
         * Running at the link address on the boot page tables, which map
         * only the low 4 GiB: switch to the final tables before touching
         * the stack, which may be anywhere in the direct map.
         */
        mov     idle_pg_table_phys(%rip), %rax
        mov     %rax, %cr3
        mov     ap_boot_stack(%rip), %rsp
        xor     %ebp, %ebp
        call    start_secondary
        ud2

        .section .note.GNU-stack, "", @progbits
