/*
 * Copying a parsed kernel's segments to their guest virtual addresses.
 * The builder supplies write(): it owns the guest's memory and page
 * tables, libelf only says which bytes go where.
 */
#include "libelf-private.h"

int elf_xen_load(const void *image, size_t size, const struct elf_xen_params *p,
                 int (*write)(void *ctx, uint64_t va, const void *src, size_t len),
                 void *ctx)
{
    /* Same offset elf_xen_parse() used for virt_kstart/virt_kend. */
    uint64_t virt_offset = p->virt_base - p->elf_paddr_offset;
    struct elf_image img;
    unsigned int i;
    int rv;

    /* The image is untrusted and might not be the one parsed: recheck. */
    rv = elf_image_init(&img, image, size, NULL);
    if ( rv )
        return rv;
    if ( img.pstart + virt_offset != p->virt_kstart ||
         img.pend - img.pstart > p->virt_kend - p->virt_kstart )
        return -EINVAL;

    for ( i = 0; i < img.ehdr.e_phnum; i++ )
    {
        struct elf64_phdr ph;
        uint64_t va;

        elf_get_phdr(&img, i, &ph);
        if ( ph.p_type != PT_LOAD || !ph.p_memsz )
            continue;
        va = ph.p_paddr + virt_offset;
        if ( ph.p_filesz )
        {
            rv = write(ctx, va, img.buf + ph.p_offset, ph.p_filesz);
            if ( rv )
                return rv;
        }
        /* The bss tail: memory the file does not supply is zeroed. */
        if ( ph.p_memsz > ph.p_filesz )
        {
            rv = write(ctx, va + ph.p_filesz, NULL, ph.p_memsz - ph.p_filesz);
            if ( rv )
                return rv;
        }
    }
    return 0;
}
