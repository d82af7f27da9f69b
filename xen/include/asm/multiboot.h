/*
 * Multiboot 1 and 2 constants shared by the boot assembly and the C parser.
 * The structures themselves are in xen/multiboot.h (C only).
 */
#ifndef ASM_X86_MULTIBOOT_H
#define ASM_X86_MULTIBOOT_H

#define MB1_HEADER_MAGIC        0x1BADB002
#define MB1_BOOTLOADER_MAGIC    0x2BADB002
#define MB1_FLAG_MEMINFO        (1 << 1)
#define MB1_FLAG_ADDRESS        (1 << 16)   /* load/entry addresses in header */

#define MB2_HEADER_MAGIC        0xE85250D6
#define MB2_BOOTLOADER_MAGIC    0x36d76289
#define MB2_ARCH_I386           0
#define MB2_HTAG_END            0
#define MB2_HTAG_INFO_REQUEST   1
#define MB2_HTAG_ADDRESS        2
#define MB2_HTAG_ENTRY          3
#define MB2_HTAG_OPTIONAL       1   /* flags bit: loader may ignore the tag */

#endif /* ASM_X86_MULTIBOOT_H */
