/*
 * PV guest entry by `syscall`, and the one way back to a guest.
 *
 * SYSCALL does not switch stacks, so each CPU gets its own LSTAR stub that
 * knows (RIP-relatively, from per-CPU slots) where that CPU's guest frame
 * is.  The stub parks the guest RSP, switches to the frame and builds the
 * same struct cpu_user_regs an interrupt from ring 3 would have produced,
 * so everything after it is shared with the exception path.
 *
 * restore_all_guest is entered with RSP at the guest frame.  It runs the
 * exit work (softirqs, event upcalls, trap bounces) with interrupts off,
 * so that nothing can become pending between the check and the IRET.
 */
#include <asm/config.h>
#include <asm/asm-offsets.h>
#include <asm/extable.h>
#include <public/xen.h>

        .macro  SAVE_GPRS
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
        .endm

        .text
        .macro  lstar_stub cpu, vector
        .balign 16
        mov     %rsp, syscall_scratch + 8 * \cpu(%rip)
        mov     syscall_frame_top + 8 * \cpu(%rip), %rsp
        pushq   $FLAT_KERNEL_SS
        pushq   syscall_scratch + 8 * \cpu(%rip)
        push    %r11                    /* RFLAGS, as SYSCALL saved it */
        pushq   $FLAT_KERNEL_CS
        push    %rcx                    /* RIP after the SYSCALL */
        pushq   $0
        movl    $\vector, 4(%rsp)
        jmp     syscall_common
        .endm

        .altmacro
        .balign 16
        .globl  lstar_stubs
lstar_stubs:
        .set    cpu, 0
        .rept   NR_CPUS
        lstar_stub %cpu, TRAP_syscall
        .set    cpu, cpu + 1
        .endr
        .globl  lstar_stubs_end
lstar_stubs_end:

        /* SYSCALL from 32-bit compatibility mode (CSTAR). */
        .globl  cstar_stubs
cstar_stubs:
        .set    cpu, 0
        .rept   NR_CPUS
        lstar_stub %cpu, TRAP_syscall32
        .set    cpu, cpu + 1
        .endr
        .noaltmacro

syscall_common:
        cld
        SAVE_GPRS
        mov     %rsp, %rdi
        call    do_guest_syscall
        /* fall through */

        .globl  restore_all_guest
restore_all_guest:
        cli
        mov     %rsp, %rdi
        call    pv_exit_work
        mov     %eax, %edi              /* nonzero: the frame suits SYSRET */
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
        test    %edi, %edi
        pop     %rdi
        lea     8(%rsp), %rsp           /* error code and vector; keeps flags */
        jz      .Liret
        /*
         * SYSRET returns to RCX with RFLAGS = R11 and the flat 64-bit ring-3
         * selectors STAR names; pv_exit_work checked that the frame says
         * exactly that (and that RCX is canonical), so only RSP is left.
         * Interrupts stay off until SYSRET loads RFLAGS.
         */
        mov     UREGS_rsp - UREGS_rip(%rsp), %rsp
        sysretq
.Liret:
        iretq
        /*
         * The frame was checked on the way in, so a fault here is the
         * guest's doing (e.g. a selector it made unusable); it gets a #GP
         * at the frame that failed, as on Xen, or is crashed.
         */
.Liret_fault:
        /*
         * The fixup resumes with RSP where the IRET found it (at regs->rip)
         * and the guest's registers live: the fault's own frame overwrote
         * their saved copies below, so save them again.
         */
#if UREGS_rip != 16 * 8
#error "the register save below assumes 15 GPRs and the error code slot under rip"
#endif
        sub     $8, %rsp                /* error_code, entry_vector */
        SAVE_GPRS
        mov     %rsp, %rdi
        call    pv_iret_fault
        jmp     restore_all_guest
        _ASM_EXTABLE(.Liret, .Liret_fault)

/*
 * Switch to the top of this CPU's stack and continue at `fn`: the old
 * stack's frames are abandoned.  RDI = the guest frame, RSI = fn.
 */
        .globl  reset_stack_and_jump_to
reset_stack_and_jump_to:
        mov     %rdi, %rsp
        xor     %ebp, %ebp
        jmp     *%rsi

        .section .note.GNU-stack, "", @progbits
