/*
 * Exception and interrupt entry.
 *
 * One small stub per vector makes every entry look alike: an 8-byte error
 * code slot (zero when the CPU pushes none) whose upper half records the
 * vector, so the common path can build a struct cpu_user_regs in place:
 * general registers pushed below the hardware frame, in the public layout.
 */
#include <asm/config.h>
#include <asm/asm-offsets.h>

/* Vectors for which the CPU pushes an error code. */
#define HAS_ERRCODE(v) ((v) == 8 || ((v) >= 10 && (v) <= 14) || (v) == 17 || \
                        (v) == 21 || (v) == 29 || (v) == 30)

        .text
        .balign 16
common_entry:
        cld
        push    %rdi
        push    %rsi
        push    %rdx
        push    %rcx
        push    %rax
        push    %r8
        push    %r9
        push    %r10
        push    %r11
        push    %rbx
        push    %rbp
        push    %r12
        push    %r13
        push    %r14
        push    %r15
        mov     %rsp, %rdi              /* struct cpu_user_regs * */
        /*
         * From a guest (ring 3), unless on an IST stack: the frame is the
         * per-CPU guest frame, and the way out is the guest exit path.
         */
        testb   $3, UREGS_cs(%rsp)
        jz      1f
        cmpl    $TRAP_nmi, UREGS_entry_vector(%rsp)
        je      1f
        cmpl    $TRAP_machine_check, UREGS_entry_vector(%rsp)
        je      1f
        cmpl    $TRAP_double_fault, UREGS_entry_vector(%rsp)
        je      1f
        call    do_guest_trap
        jmp     restore_all_guest
1:
        mov     %rsp, %r12
        and     $~15, %rsp              /* the ABI wants 16-byte alignment at calls */
        call    do_trap
        mov     %r12, %rsp
        pop     %r15
        pop     %r14
        pop     %r13
        pop     %r12
        pop     %rbp
        pop     %rbx
        pop     %r11
        pop     %r10
        pop     %r9
        pop     %r8
        pop     %rax
        pop     %rcx
        pop     %rdx
        pop     %rsi
        pop     %rdi
        add     $8, %rsp                /* error code and vector */
        iretq

        .macro  entry_stub vec
        .balign 16
entry_\vec:
        .if !HAS_ERRCODE(\vec)
        push    $0
        .endif
        movl    $\vec, 4(%rsp)
        jmp     common_entry
        .endm

        .altmacro
        .set    vec, 0
        .rept   256
        entry_stub %vec
        .set    vec, vec + 1
        .endr

        .macro  stub_address vec
        .quad   entry_\vec
        .endm

        .section .rodata, "a", @progbits
        .balign 8
        .globl  exception_stubs
exception_stubs:
        .set    vec, 0
        .rept   256
        stub_address %vec
        .set    vec, vec + 1
        .endr

        .section .note.GNU-stack, "", @progbits
