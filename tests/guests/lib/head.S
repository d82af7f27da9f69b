/*
 * Boot stub, Xen ELF notes and exception entry of the test-guest runtime.
 *
 * The hypervisor enters a 64-bit PV kernel in (guest) kernel mode, ring 3,
 * with %rsi = virtual address of start_info and events masked.  We switch to
 * our own stack, because the ABI only promises a small bootstrap stack, and
 * call into C.  Exceptions arrive as "bounce frames" built by the
 * hypervisor (docs: linux-pv-guest-abi.md section 5.2):
 *
 *   %rsp -> RCX, R11, [error code], RIP, CS, RFLAGS, RSP, SS
 *
 * Each vector's stub pops RCX/R11 back into place, pads a missing error
 * code with zero, pushes its vector number and joins common code that
 * saves every register into a struct guest_regs.  Return goes through
 * HYPERVISOR_iret, which needs {RAX, R11, RCX, flags} on top of the frame.
 */
#define __ASSEMBLY__
#include <xen/xen.h>
#include <xen/elfnote.h>
#include "layout.h"

#include "xen-note.h"

    xen_note XEN_ELFNOTE_GUEST_OS,       .asciz "tessera-test-guest"
    xen_note XEN_ELFNOTE_GUEST_VERSION,  .asciz "1"
    xen_note XEN_ELFNOTE_XEN_VERSION,    .asciz "xen-3.0"
    xen_note XEN_ELFNOTE_VIRT_BASE,      .quad GUEST_VIRT_BASE
    xen_note XEN_ELFNOTE_PADDR_OFFSET,   .quad 0
    xen_note XEN_ELFNOTE_ENTRY,          .quad _start
    xen_note XEN_ELFNOTE_FEATURES,       .asciz "!writable_page_tables"
    /* XENFEAT_dom0 (bit 11): Xen refuses to build dom0 from a kernel without it. */
    xen_note XEN_ELFNOTE_SUPPORTED_FEATURES, .long (1 << 11)
    xen_note XEN_ELFNOTE_PAE_MODE,       .asciz "yes"
    xen_note XEN_ELFNOTE_LOADER,         .asciz "generic"
    xen_note XEN_ELFNOTE_HV_START_LOW,   .quad HYPERVISOR_VIRT_START

    .weak hypercall_page        /* defined only by lib/hcpage.S */
    .section .note.GNU-stack, "", @progbits

    .text
    .code64
    .globl _start
_start:
    cld
    lea   boot_stack_top(%rip), %rsp
    mov   %rsi, %rdi
    xor   %ebp, %ebp
    call  runtime_start
    ud2                         /* runtime_start never returns */

/* --- Exception entry: one stub per vector. */
.macro trap_stub vec
    .org trap_stubs + \vec * 16    /* fixed size: C computes the address */
    pop   %rcx
    pop   %r11
    trap_errcode_pad \vec
    push  $\vec
    jmp   trap_common
.endm

/* Vectors without a hardware error code get a zero in its place. */
.macro trap_errcode_pad vec
    .if \vec >= 32
    push  $0
    .elseif ((1 << \vec) & EXC_HAS_ERRCODE_MASK) == 0
    push  $0
    .endif
.endm

    .balign 16
    .globl trap_stubs
trap_stubs:
    .altmacro
    .set vec, 0
    .rept 256
    trap_stub %vec
    .set vec, vec + 1
    .endr
    .noaltmacro
    .org trap_stubs + 256 * 16

/* Saves the registers in struct guest_regs order (see guest.h). */
.macro save_regs
    push  %rdi
    push  %rsi
    push  %rdx
    push  %rcx
    push  %rax
    push  %r8
    push  %r9
    push  %r10
    push  %r11
    push  %rbx
    push  %rbp
    push  %r12
    push  %r13
    push  %r14
    push  %r15
.endm

.macro restore_regs
    pop   %r15
    pop   %r14
    pop   %r13
    pop   %r12
    pop   %rbp
    pop   %rbx
    pop   %r11
    pop   %r10
    pop   %r9
    pop   %r8
    pop   %rax
    pop   %rcx
    pop   %rdx
    pop   %rsi
    pop   %rdi
.endm

trap_common:
    save_regs
    mov   %rsp, %rdi
    call  do_trap
    /* fall through */

    .globl return_to_frame
return_to_frame:                /* %rsp = struct guest_regs */
    restore_regs
    add   $16, %rsp             /* vector, error code */
    /* Fall into guest_iret with RIP, CS, RFLAGS, RSP, SS on the stack. */

    .globl guest_iret
guest_iret:
    push  $0                    /* flags: not returning from a syscall */
    /* The hypercall-page guest enters the page's iret slot, which pushes
     * RCX, R11 and RAX itself; others do the same work inline. */
    movabs $hypercall_page, %r11
    test  %r11, %r11
    jz    1f
    add   $__HYPERVISOR_iret * 32, %r11
    jmp   *%r11
1:  push  %rcx
    push  %r11
    push  %rax
    mov   $__HYPERVISOR_iret, %eax
    syscall
    ud2                         /* iret does not return */

/*
 * User-mode syscall callback.  Frame: RCX, R11, RIP, CS, RFLAGS, RSP, SS,
 * no error code.  Present it to C as vector SYSCALL_VECTOR.
 */
    .balign 16
    .globl syscall_entry
syscall_entry:
    pop   %rcx
    pop   %r11
    push  $0
    push  $SYSCALL_VECTOR
    jmp   trap_common

/*
 * long enter_user(struct user_context *ctx): saves the callee-saved state
 * of the caller in ctx, then irets to ring 3 at ctx->rip/ctx->rsp.
 * leave_user(ctx, value) makes that enter_user call return value; the trap
 * handler calls it when user mode comes back to the kernel.
 */
    .globl enter_user
enter_user:
    mov   %rbx, 0(%rdi)
    mov   %rbp, 8(%rdi)
    mov   %r12, 16(%rdi)
    mov   %r13, 24(%rdi)
    mov   %r14, 32(%rdi)
    mov   %r15, 40(%rdi)
    mov   %rsp, 48(%rdi)
    push  $FLAT_USER_SS
    push  64(%rdi)              /* user RSP */
    push  $USER_RFLAGS
    push  $FLAT_USER_CS
    push  56(%rdi)              /* user RIP */
    xor   %eax, %eax
    xor   %ecx, %ecx
    jmp   guest_iret

    .globl leave_user
leave_user:
    mov   0(%rdi), %rbx
    mov   8(%rdi), %rbp
    mov   16(%rdi), %r12
    mov   24(%rdi), %r13
    mov   32(%rdi), %r14
    mov   40(%rdi), %r15
    mov   48(%rdi), %rsp
    mov   %rsi, %rax
    ret

    .bss
    .balign PAGE_SIZE
boot_stack:
    .skip BOOT_STACK_SIZE
    .globl boot_stack_top
boot_stack_top:
