/*
 * libFuzzer target: xz_decompress() on arbitrary input.  The output buffer
 * is allocated to its exact capacity so AddressSanitizer catches any write
 * past out_cap; the capacity varies with the input to reach -ENOBUFS paths.
 */
#include <stdint.h>
#include <stdlib.h>
#include <xen/xz.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    size_t cap = size ? (size_t)data[size - 1] * 1024 + size * 8 : 16;
    uint8_t *out = malloc(cap);
    const char *why = NULL;
    size_t out_len = 0;

    if ( xz_decompress(data, size, out, cap, &out_len, &why) == 0 &&
         out_len > cap )
        abort();
    if ( why && !*why )
        abort();
    free(out);
    return 0;
}
