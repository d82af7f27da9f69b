/*
 * libFuzzer target: elf_xen_parse() and, for images it accepts,
 * elf_xen_load() with a writer that aborts on any write outside the kernel
 * range parse reported.
 */
#include <stdint.h>
#include <stdlib.h>
#include <xen/libelf.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int check_write(void *ctx, uint64_t va, const void *src, size_t len)
{
    const struct elf_xen_params *p = ctx;

    if ( va < p->virt_kstart || va > p->virt_kend || len > p->virt_kend - va )
        abort();
    /* Touch the source so ASan checks it lies inside the image. */
    if ( src && len )
        (void)(((const volatile uint8_t *)src)[0] + ((const volatile uint8_t *)src)[len - 1]);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct elf_xen_params p;
    const char *why = NULL;

    if ( elf_xen_parse(data, size, &p, &why) == 0 )
    {
        if ( p.virt_entry < p.virt_kstart || p.virt_entry >= p.virt_kend )
            abort();
        if ( elf_xen_load(data, size, &p, check_write, &p) != 0 )
            abort();
    }
    else if ( !why )
        abort();
    return 0;
}
