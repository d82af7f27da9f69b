/*
 * Link the hypervisor at XEN_VIRT_START + XEN_LOAD_PHYS with load addresses
 * equal to physical addresses.  `objcopy -O binary` of the result is the
 * bootable image: its first byte is loaded at XEN_LOAD_PHYS.
 */
#include <asm/config.h>

OUTPUT_FORMAT("elf64-x86-64")
OUTPUT_ARCH(i386:x86-64)
ENTRY(start32)

PHDRS
{
    text PT_LOAD FLAGS(5);      /* R X */
    rodata PT_LOAD FLAGS(4);    /* R */
    data PT_LOAD FLAGS(6);      /* R W */
}

SECTIONS
{
    . = XEN_VIRT_START + XEN_LOAD_PHYS;
    _start = .;

    .text : AT(ADDR(.text) - XEN_VIRT_START) {
        *(.text.header)
        *(.text .text.*)
        *(.fixup_seg .fixup_gs)
    } :text
    _etext = .;

    . = ALIGN(PAGE_SIZE);
    .rodata : AT(ADDR(.rodata) - XEN_VIRT_START) {
        _srodata = .;
        *(.rodata .rodata.*)
        *(.data.rel.ro .data.rel.ro.*)
        . = ALIGN(8);
        __setup_start = .;
        *(.init.setup)
        __setup_end = .;
        . = ALIGN(8);
        __start___ex_table = .;
        *(.ex_table)
        __stop___ex_table = .;
        /* Last, so that its size cannot move anything before it. */
        *(.tessera_symbols)
        _erodata = .;
    } :rodata

    . = ALIGN(PAGE_SIZE);
    _sdata = .;     /* first writable page: the page tables' W^X edge */
    .data : AT(ADDR(.data) - XEN_VIRT_START) {
        *(.data.page_aligned)
        *(.data .data.*)
        *(.got .got.plt)
    } :data
    _edata = .;

    . = ALIGN(PAGE_SIZE);
    .bss : AT(ADDR(.bss) - XEN_VIRT_START) {
        __bss_start = .;
        *(.bss.page_aligned)
        *(.bss .bss.*)
        *(COMMON)
        . = ALIGN(PAGE_SIZE);
        __bss_end = .;
    } :data
    _end = .;

    /DISCARD/ : {
        *(.note .note.*)
        *(.comment)
        *(.eh_frame)
        *(.interp .dynamic .dynsym .dynstr .hash .gnu.hash .rela.dyn)
    }
}

ASSERT(_end - _start <= XEN_VIRT_END - XEN_VIRT_START - XEN_LOAD_PHYS, "image too large")
ASSERT(__bss_end == _end, "bss must be last")
