/*
 * Multiboot 1 and 2 information parsing.
 *
 * The loader's data is trusted to be where it says, but not to be well
 * formed: every size is checked before it moves a cursor, so a corrupt table
 * shortens the memory map instead of walking off into memory.
 */
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/multiboot.h>
#include <xen/string.h>

static const char *boot_string(paddr_t pa)
{
    const char *s = pa ? boot_map(pa, 1) : NULL;

    /* Strings must be terminated within a sane length to be used at all. */
    if ( !s || strnlen(s, BOOT_MAX_STRING) == BOOT_MAX_STRING )
        return "";
    return s;
}

static void add_region(struct boot_info *bi, uint64_t addr, uint64_t len,
                       uint32_t type)
{
    if ( !len || addr + len < addr )
        return;
    if ( bi->nr_mmap == BOOT_MAX_MMAP )
    {
        bi->truncated++;
        return;
    }
    bi->mmap[bi->nr_mmap++] = (struct boot_mmap_entry){ addr, len, type };
}

static void add_module(struct boot_info *bi, paddr_t start, paddr_t end,
                       const char *cmdline)
{
    if ( end < start )
        end = start;
    if ( bi->nr_modules == BOOT_MAX_MODULES )
    {
        bi->truncated++;
        return;
    }
    bi->modules[bi->nr_modules++] = (struct boot_module){ start, end, cmdline };
}

static void parse_mb1(paddr_t info_pa, struct boot_info *bi)
{
    const struct mb1_info *mbi = boot_map(info_pa, sizeof(*mbi));
    uint32_t i;

    if ( !mbi )
        return;
    if ( mbi->flags & MB1_INFO_CMDLINE )
        bi->cmdline = boot_string(mbi->cmdline);
    if ( mbi->flags & MB1_INFO_LOADER )
        bi->loader = boot_string(mbi->boot_loader_name);
    if ( mbi->flags & MB1_INFO_MEMORY )
    {
        bi->have_meminfo = true;
        bi->mem_lower_kib = mbi->mem_lower;
        bi->mem_upper_kib = mbi->mem_upper;
    }

    if ( mbi->flags & MB1_INFO_MEM_MAP )
    {
        uint32_t off = 0;

        while ( off + sizeof(struct mb1_mmap_entry) <= mbi->mmap_length )
        {
            const struct mb1_mmap_entry *e =
                boot_map(mbi->mmap_addr + off, sizeof(*e));

            /* The size field excludes itself; 20 bytes is the minimum entry. */
            if ( !e || e->size < 20 )
                break;
            add_region(bi, e->addr, e->len, e->type);
            off += e->size + sizeof(e->size);
        }
    }

    if ( (mbi->flags & MB1_INFO_MODS) && mbi->mods_count )
    {
        const struct mb1_module *mods =
            boot_map(mbi->mods_addr, mbi->mods_count * sizeof(*mods));

        for ( i = 0; mods && i < mbi->mods_count; i++ )
            add_module(bi, mods[i].mod_start, mods[i].mod_end,
                       boot_string(mods[i].string));
    }
}

static const char *tag_string(const struct mb2_tag *tag)
{
    const struct mb2_tag_string *t = (const void *)tag;
    size_t max = tag->size - sizeof(*t);

    return strnlen(t->string, max) < max ? t->string : "";
}

static void parse_mb2_mmap(const struct mb2_tag *tag, struct boot_info *bi)
{
    const struct mb2_tag_mmap *t = (const void *)tag;
    uint32_t off;

    if ( tag->size < sizeof(*t) || t->entry_size < sizeof(struct mb2_mmap_entry) )
        return;
    for ( off = sizeof(*t); off + t->entry_size <= tag->size; off += t->entry_size )
    {
        const struct mb2_mmap_entry *e = (const void *)((const char *)t + off);

        add_region(bi, e->addr, e->len, e->type);
    }
}

static void parse_mb2_tag(const struct mb2_tag *tag, struct boot_info *bi)
{
    switch ( tag->type )
    {
    case MB2_TAG_CMDLINE:
        bi->cmdline = tag_string(tag);
        break;
    case MB2_TAG_LOADER:
        bi->loader = tag_string(tag);
        break;
    case MB2_TAG_MODULE:
    {
        const struct mb2_tag_module *m = (const void *)tag;
        size_t max;

        if ( tag->size < sizeof(*m) )
            break;
        max = tag->size - sizeof(*m);
        add_module(bi, m->mod_start, m->mod_end,
                   strnlen(m->string, max) < max ? m->string : "");
        break;
    }
    case MB2_TAG_MEMINFO:
    {
        const struct mb2_tag_meminfo *m = (const void *)tag;

        if ( tag->size < sizeof(*m) )
            break;
        bi->have_meminfo = true;
        bi->mem_lower_kib = m->mem_lower;
        bi->mem_upper_kib = m->mem_upper;
        break;
    }
    case MB2_TAG_MMAP:
        parse_mb2_mmap(tag, bi);
        break;
    case MB2_TAG_ACPI_OLD:
    case MB2_TAG_ACPI_NEW:
        /* Prefer the ACPI 2.0+ RSDP; it carries the XSDT address. */
        if ( tag->size > sizeof(struct mb2_tag_acpi) &&
             (!bi->acpi_rsdp || tag->type == MB2_TAG_ACPI_NEW) )
        {
            bi->acpi_rsdp = ((const struct mb2_tag_acpi *)tag)->rsdp;
            bi->rsdp_len = tag->size - sizeof(struct mb2_tag_acpi);
        }
        break;
    }
}

static void parse_mb2(paddr_t info_pa, struct boot_info *bi)
{
    const struct mb2_info_header *hdr = boot_map(info_pa, sizeof(*hdr));
    const char *base;
    uint32_t off;

    if ( !hdr || hdr->total_size < sizeof(*hdr) ||
         !(base = boot_map(info_pa, hdr->total_size)) )
        return;

    for ( off = sizeof(*hdr); off + sizeof(struct mb2_tag) <= hdr->total_size; )
    {
        const struct mb2_tag *tag = (const void *)(base + off);

        if ( tag->type == MB2_TAG_END || tag->size < sizeof(*tag) ||
             tag->size > hdr->total_size - off )
            break;
        parse_mb2_tag(tag, bi);
        off += ROUNDUP(tag->size, 8u);
    }
}

/*
 * Multiboot 1 loaders other than GRUB 2 (QEMU's -kernel, GRUB legacy) put the
 * image's own file name first on the command line; it is not an option.
 */
static const char *skip_image_name(const struct boot_info *bi, const char *s)
{
    if ( bi->protocol != 1 || !strncmp(bi->loader, "GRUB 2", 6) )
        return s;
    while ( *s == ' ' )
        s++;
    while ( *s && *s != ' ' )
        s++;
    while ( *s == ' ' )
        s++;
    return s;
}

static const char *intern(struct boot_info *bi, const char *s)
{
    size_t len = strlen(s) + 1;
    char *copy;

    if ( len > sizeof(bi->strpool) - bi->strpool_used )
    {
        bi->truncated++;
        return "";
    }
    copy = bi->strpool + bi->strpool_used;
    memcpy(copy, s, len);
    bi->strpool_used += len;
    return copy;
}

/* After parsing, nothing may point into the loader's memory. */
static void detach_from_loader(struct boot_info *bi)
{
    unsigned int i;

    bi->loader = intern(bi, bi->loader);
    bi->cmdline = intern(bi, bi->cmdline);
    for ( i = 0; i < bi->nr_modules; i++ )
        bi->modules[i].cmdline = intern(bi, bi->modules[i].cmdline);
    if ( bi->acpi_rsdp )
    {
        memcpy(bi->rsdp_copy, bi->acpi_rsdp,
               MIN(bi->rsdp_len, sizeof(bi->rsdp_copy)));
        bi->acpi_rsdp = bi->rsdp_copy;
    }
}

int multiboot_parse(uint32_t magic, paddr_t info, struct boot_info *bi)
{
    memset(bi, 0, sizeof(*bi));
    bi->loader = "unknown";
    bi->cmdline = "";

    switch ( magic )
    {
    case MB1_BOOTLOADER_MAGIC:
        bi->protocol = 1;
        parse_mb1(info, bi);
        bi->cmdline = skip_image_name(bi, bi->cmdline);
        detach_from_loader(bi);
        return 0;
    case MB2_BOOTLOADER_MAGIC:
        bi->protocol = 2;
        parse_mb2(info, bi);
        detach_from_loader(bi);
        return 0;
    }
    return -EINVAL;
}

const char *e820_type_name(uint32_t type)
{
    switch ( type )
    {
    case E820_RAM:      return "usable";
    case E820_RESERVED: return "reserved";
    case E820_ACPI:     return "ACPI data";
    case E820_NVS:      return "ACPI NVS";
    case E820_UNUSABLE: return "unusable";
    }
    return "unknown";
}

uint64_t boot_usable_bytes(const struct boot_info *bi)
{
    uint64_t total = 0;
    unsigned int i;

    for ( i = 0; i < bi->nr_mmap; i++ )
        if ( bi->mmap[i].type == E820_RAM )
            total += bi->mmap[i].len;
    return total;
}
