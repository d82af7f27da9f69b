/*
 * First instructions of the hypervisor.
 *
 * Both multiboot loaders enter here in 32-bit protected mode with paging off:
 * QEMU's -kernel loader (multiboot 1) and GRUB (multiboot 2).  The image is a
 * flat binary, so both headers carry explicit load addresses (multiboot 1's
 * "a.out kludge", multiboot 2's address tag); neither loader then needs to
 * understand our 64-bit ELF.
 *
 * The boot page tables map the low 4 GiB three times: 1:1 (only so that the
 * instruction after enabling paging can be fetched), at the image's link
 * address, and at the base of the direct map.  The platform code replaces
 * them with final tables once memory is discovered.
 */
#include <asm/config.h>
#include <asm/current.h>
#include <asm/multiboot.h>

#define PHYS(sym)       ((sym) - XEN_VIRT_START)
#define PTE_PRESENT_RW  0x003
#define PDE_LARGE_RW    0x083
#define MB1_FLAGS       (MB1_FLAG_MEMINFO | MB1_FLAG_ADDRESS)

        .section .text.header, "ax", @progbits
        .code32

        .balign 4
mb1_header:
        .long   MB1_HEADER_MAGIC
        .long   MB1_FLAGS
        .long   0x100000000 - (MB1_HEADER_MAGIC + MB1_FLAGS)
        .long   PHYS(mb1_header)        /* header_addr */
        .long   PHYS(_start)            /* load_addr */
        .long   PHYS(_edata)            /* load_end_addr */
        .long   PHYS(_end)              /* bss_end_addr */
        .long   PHYS(start32)           /* entry_addr */

        .balign 8
mb2_header:
        .long   MB2_HEADER_MAGIC
        .long   MB2_ARCH_I386
        .long   mb2_header_end - mb2_header
        .long   0x100000000 - (MB2_HEADER_MAGIC + MB2_ARCH_I386 + (mb2_header_end - mb2_header))
        .balign 8
        .short  MB2_HTAG_ADDRESS, 0
        .long   24
        .long   PHYS(mb2_header), PHYS(_start), PHYS(_edata), PHYS(_end)
        .balign 8
        .short  MB2_HTAG_ENTRY, 0
        .long   12
        .long   PHYS(start32)
        .balign 8
        .short  MB2_HTAG_END, 0
        .long   8
mb2_header_end:

        .globl  start32
start32:
        cli
        cld
        mov     %eax, %ebp              /* boot loader magic */
        mov     %ebx, %esi              /* multiboot information, physical */

        /* .bss first: it holds the boot stack and the large-page table. */
        mov     $PHYS(__bss_start), %edi
        mov     $PHYS(__bss_end), %ecx
        sub     %edi, %ecx
        xor     %eax, %eax
        rep stosb
        mov     $PHYS(boot_stack_top), %esp

        mov     $0x80000000, %eax
        cpuid
        cmp     $0x80000001, %eax
        jb      .Lno_long_mode
        mov     $0x80000001, %eax
        cpuid
        bt      $29, %edx               /* LM */
        jnc     .Lno_long_mode
        mov     %edx, %edi              /* keep NX availability for EFER */

        /* 2048 x 2 MiB = the low 4 GiB; shared by all three boot mappings. */
        xor     %ecx, %ecx
1:      mov     %ecx, %eax
        shl     $L2_PAGE_SHIFT, %eax
        or      $PDE_LARGE_RW, %eax
        mov     %eax, PHYS(boot_l2_low)(,%ecx,8)
        inc     %ecx
        cmp     $2048, %ecx
        jb      1b

        mov     %cr4, %eax
        or      $0x20, %eax             /* PAE */
        mov     %eax, %cr4
        mov     $PHYS(boot_l4), %eax
        mov     %eax, %cr3
        mov     $0xc0000080, %ecx       /* EFER */
        rdmsr
        or      $0x100, %eax            /* LME */
        bt      $20, %edi
        jnc     2f
        or      $0x800, %eax            /* NXE */
2:      wrmsr
        mov     %cr0, %eax
        or      $0x80010001, %eax       /* PG | WP | PE */
        mov     %eax, %cr0
        lgdt    PHYS(boot_gdtr32)
        ljmp    $__HYPERVISOR_CS64, $PHYS(start64_identity)

.Lno_long_mode:
        mov     $PHYS(no_long_mode_msg), %esi
3:      lodsb
        test    %al, %al
        jz      5f
        mov     %al, %bl
        mov     $0x3fd, %dx
4:      in      %dx, %al
        test    $0x20, %al
        jz      4b
        mov     $0x3f8, %dx
        mov     %bl, %al
        out     %al, %dx
        jmp     3b
5:      hlt
        jmp     5b

        .code64
start64_identity:
        /* Still on the 1:1 mapping: move to the link address. */
        movabs  $start64, %rax
        jmp     *%rax

        .text
start64:
        lgdt    boot_gdtr64(%rip)
        mov     $__HYPERVISOR_DS, %eax
        mov     %eax, %ds
        mov     %eax, %es
        mov     %eax, %ss
        xor     %eax, %eax
        mov     %eax, %fs
        mov     %eax, %gs
        /* CPU 0's stack block; struct cpu_info sits above the stack. */
        lea     boot_stack_top - CPU_INFO_SIZE(%rip), %rsp
        mov     %ebp, %edi              /* arg 1: boot loader magic */
        mov     %esi, %esi              /* arg 2: multiboot info, zero-extended */
        xor     %ebp, %ebp              /* terminates stack traces */
        call    __start_xen
        ud2

        .section .rodata, "a", @progbits
no_long_mode_msg:
        .asciz  "Tessera: this CPU has no 64-bit long mode; halting.\r\n"

        .data
        .balign 8
boot_gdt:
        .quad   0
        .quad   0x00cf9a000000ffff      /* 0x08: 32-bit ring-0 code */
        .quad   0x00af9a000000ffff      /* 0x10: 64-bit ring-0 code */
        .quad   0x00cf92000000ffff      /* 0x18: ring-0 data */
boot_gdt_end:

boot_gdtr32:
        .word   boot_gdt_end - boot_gdt - 1
        .long   PHYS(boot_gdt)
        .balign 8
        .word   0, 0, 0
boot_gdtr64:
        .word   boot_gdt_end - boot_gdt - 1
        .quad   boot_gdt

        .section .data.page_aligned, "aw", @progbits
        .balign 4096
        .globl  boot_l4
boot_l4:
        .quad   PHYS(boot_l3_low) + PTE_PRESENT_RW    /* slot 0: 1:1, boot only */
        .fill   260, 8, 0
        .quad   PHYS(boot_l3_xen) + PTE_PRESENT_RW    /* slot 261: image */
        .quad   PHYS(boot_l3_low) + PTE_PRESENT_RW    /* slot 262: direct map */
        .fill   512 - 263, 8, 0
boot_l3_low:
        .quad   PHYS(boot_l2_low) + 0x0000 + PTE_PRESENT_RW
        .quad   PHYS(boot_l2_low) + 0x1000 + PTE_PRESENT_RW
        .quad   PHYS(boot_l2_low) + 0x2000 + PTE_PRESENT_RW
        .quad   PHYS(boot_l2_low) + 0x3000 + PTE_PRESENT_RW
        .fill   512 - 4, 8, 0
boot_l3_xen:
        /* XEN_VIRT_START is 1 GiB into slot 261's 512 GiB: L3 index 321. */
        .fill   321, 8, 0
        .quad   PHYS(boot_l2_low) + PTE_PRESENT_RW
        .fill   512 - 322, 8, 0

        .section .bss.page_aligned, "aw", @nobits
        .balign 4096
        .globl  boot_l2_low
boot_l2_low:
        .space  4 * 4096
        .balign STACK_SIZE
        .globl  boot_stack, boot_stack_top
boot_stack:
        .space  STACK_SIZE
boot_stack_top:

        .section .note.GNU-stack, "", @progbits
