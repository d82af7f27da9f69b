/*
 * The ELF header and the program and section header tables: everything
 * the rest of libelf indexes is range-checked here once, so later code can
 * read a header by index without rechecking.  Segment contents are checked
 * too: a PT_LOAD or PT_NOTE segment whose file bytes are not all inside
 * the image makes the whole image malformed.
 */
#include "libelf-private.h"

/* Callers pass i below the count that elf_image_init() checked. */
void elf_get_phdr(const struct elf_image *img, unsigned int i,
                  struct elf64_phdr *ph)
{
    memcpy(ph, img->buf + img->ehdr.e_phoff + (uint64_t)i * sizeof(*ph),
           sizeof(*ph));
}

void elf_get_shdr(const struct elf_image *img, unsigned int i,
                  struct elf64_shdr *sh)
{
    memcpy(sh, img->buf + img->ehdr.e_shoff + (uint64_t)i * sizeof(*sh),
           sizeof(*sh));
}

static int check_ident(const struct elf64_ehdr *eh, const char **why)
{
    static const uint8_t magic[4] = { 0x7f, 'E', 'L', 'F' };

    if ( memcmp(eh->e_ident, magic, sizeof(magic)) )
        return elf_fail(why, "not an ELF image", -EINVAL);
    if ( eh->e_ident[4] != ELFCLASS64 )
        return elf_fail(why, "not a 64-bit ELF image", -EOPNOTSUPP);
    if ( eh->e_ident[5] != ELFDATA2LSB )
        return elf_fail(why, "not a little-endian ELF image", -EOPNOTSUPP);
    if ( eh->e_ident[6] != EV_CURRENT || eh->e_version != EV_CURRENT )
        return elf_fail(why, "unknown ELF version", -EINVAL);
    if ( eh->e_machine != EM_X86_64 )
        return elf_fail(why, "not an x86-64 ELF image", -EOPNOTSUPP);
    if ( eh->e_type != ET_EXEC )
        return elf_fail(why, "not an executable ELF image", -EOPNOTSUPP);
    return 0;
}

/* Both header tables must have the standard entry size and fit the image. */
static int check_tables(const struct elf_image *img, const char **why)
{
    const struct elf64_ehdr *eh = &img->ehdr;

    if ( eh->e_phnum && (eh->e_phentsize != sizeof(struct elf64_phdr) ||
         !elf_range_ok(eh->e_phoff,
                       (uint64_t)eh->e_phnum * sizeof(struct elf64_phdr),
                       img->size)) )
        return elf_fail(why, "program header table out of range", -EINVAL);
    if ( eh->e_shnum && (eh->e_shentsize != sizeof(struct elf64_shdr) ||
         !elf_range_ok(eh->e_shoff,
                       (uint64_t)eh->e_shnum * sizeof(struct elf64_shdr),
                       img->size)) )
        return elf_fail(why, "section header table out of range", -EINVAL);
    return 0;
}

/* Checks each PT_LOAD and records the physical range they cover. */
static int check_segments(struct elf_image *img, const char **why)
{
    unsigned int i;
    bool any = false;

    img->pstart = ~0ULL;
    img->pend = 0;
    for ( i = 0; i < img->ehdr.e_phnum; i++ )
    {
        struct elf64_phdr ph;

        elf_get_phdr(img, i, &ph);
        if ( ph.p_type != PT_LOAD && ph.p_type != PT_NOTE )
            continue;
        if ( !elf_range_ok(ph.p_offset, ph.p_filesz, img->size) )
            return elf_fail(why, "segment outside the image", -EINVAL);
        if ( ph.p_type != PT_LOAD || !ph.p_memsz )
            continue;
        if ( ph.p_filesz > ph.p_memsz )
            return elf_fail(why, "segment file size exceeds memory size",
                            -EINVAL);
        if ( ph.p_memsz > ~0ULL - ph.p_paddr )
            return elf_fail(why, "segment wraps the address space", -EINVAL);
        img->pstart = MIN(img->pstart, ph.p_paddr);
        img->pend = MAX(img->pend, ph.p_paddr + ph.p_memsz);
        any = true;
    }
    if ( !any )
        return elf_fail(why, "no loadable segment", -EINVAL);
    return 0;
}

int elf_image_init(struct elf_image *img, const void *image, size_t size,
                   const char **why)
{
    int rv;

    img->buf = image;
    img->size = size;
    if ( !image || size < sizeof(img->ehdr) )
        return elf_fail(why, "image too small for an ELF header", -EINVAL);
    memcpy(&img->ehdr, image, sizeof(img->ehdr));

    rv = check_ident(&img->ehdr, why);
    if ( !rv )
        rv = check_tables(img, why);
    if ( !rv )
        rv = check_segments(img, why);
    return rv;
}
