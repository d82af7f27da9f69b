/*
 * The boot loader's view of the machine, as multiboot 1 and 2 describe it,
 * and the single boot_info that the rest of the hypervisor reads instead.
 */
#ifndef XEN_MULTIBOOT_H
#define XEN_MULTIBOOT_H

#include <xen/types.h>
#include <asm/multiboot.h>

/* --- Multiboot 1 information structure (fields we use). */
#define MB1_INFO_MEMORY     (1u << 0)
#define MB1_INFO_CMDLINE    (1u << 2)
#define MB1_INFO_MODS       (1u << 3)
#define MB1_INFO_MEM_MAP    (1u << 6)
#define MB1_INFO_LOADER     (1u << 9)

struct mb1_info {
    uint32_t flags;
    uint32_t mem_lower, mem_upper;      /* KiB */
    uint32_t boot_device;
    uint32_t cmdline;
    uint32_t mods_count, mods_addr;
    uint32_t syms[4];
    uint32_t mmap_length, mmap_addr;
    uint32_t drives_length, drives_addr;
    uint32_t config_table;
    uint32_t boot_loader_name;
};

struct mb1_module {
    uint32_t mod_start, mod_end;
    uint32_t string;
    uint32_t reserved;
};

/* Each entry is preceded by its size, which does not count itself. */
struct __attribute__((packed)) mb1_mmap_entry {
    uint32_t size;
    uint64_t addr, len;
    uint32_t type;
};

/* --- Multiboot 2 information: a header, then 8-byte aligned tags. */
#define MB2_TAG_END         0
#define MB2_TAG_CMDLINE     1
#define MB2_TAG_LOADER      2
#define MB2_TAG_MODULE      3
#define MB2_TAG_MEMINFO     4
#define MB2_TAG_MMAP        6
#define MB2_TAG_ACPI_OLD    14
#define MB2_TAG_ACPI_NEW    15

struct mb2_info_header { uint32_t total_size, reserved; };
struct mb2_tag { uint32_t type, size; };
struct mb2_tag_string { uint32_t type, size; char string[]; };
struct mb2_tag_module { uint32_t type, size, mod_start, mod_end; char string[]; };
struct mb2_tag_meminfo { uint32_t type, size, mem_lower, mem_upper; };
struct mb2_tag_mmap { uint32_t type, size, entry_size, entry_version; };
struct mb2_mmap_entry { uint64_t addr, len; uint32_t type, reserved; };
struct mb2_tag_acpi { uint32_t type, size; uint8_t rsdp[]; };

/* --- What the hypervisor keeps. */
#define E820_RAM            1
#define E820_RESERVED       2
#define E820_ACPI           3
#define E820_NVS            4
#define E820_UNUSABLE       5

#define BOOT_MAX_MMAP       128
#define BOOT_MAX_MODULES    16
#define BOOT_MAX_STRING     1024

struct boot_mmap_entry {
    uint64_t addr, len;
    uint32_t type;
};

struct boot_module {
    paddr_t start, end;                 /* [start, end) */
    const char *cmdline;                /* never NULL */
};

struct boot_info {
    unsigned int protocol;              /* 1 or 2 */
    const char *loader;                 /* never NULL */
    const char *cmdline;                /* never NULL */
    bool have_meminfo;
    uint32_t mem_lower_kib, mem_upper_kib;
    unsigned int nr_mmap;
    struct boot_mmap_entry mmap[BOOT_MAX_MMAP];
    unsigned int nr_modules;
    struct boot_module modules[BOOT_MAX_MODULES];
    const void *acpi_rsdp;              /* loader's copy, or NULL */
    uint8_t rsdp_copy[36];              /* ... copied here */
    size_t rsdp_len;
    unsigned int truncated;             /* entries dropped for lack of room */
    /*
     * Strings are copied out of the loader's memory, which the allocators
     * are free to reuse once boot_info is filled.
     */
    size_t strpool_used;
    char strpool[4096];
};

/*
 * Fills `bi` from the loader's information at physical address `info`.
 * Malformed data (bad sizes, tags running past the end) ends the walk
 * instead of being trusted.  Returns 0, or -EINVAL for an unknown magic.
 */
int multiboot_parse(uint32_t magic, paddr_t info, struct boot_info *bi);

/* Maps loader memory; NULL when [pa, pa+len) is not reachable yet. */
const void *boot_map(paddr_t pa, size_t len);

const char *e820_type_name(uint32_t type);
uint64_t boot_usable_bytes(const struct boot_info *bi);

#endif /* XEN_MULTIBOOT_H */
