/*
 * libFuzzer target: bzimage_parse(), then the payload it finds through
 * xz_decompress() into a buffer of the announced size (capped).
 */
#include <stdint.h>
#include <stdlib.h>
#include <xen/bzimage.h>
#include <xen/xz.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const void *payload;
    size_t plen, dlen, out_len;
    const char *why;
    uint8_t *out;

    if ( bzimage_parse(data, size, &payload, &plen, &dlen) != 0 )
        return 0;
    if ( (const uint8_t *)payload < data ||
         (const uint8_t *)payload + plen > data + size )
        abort();
    dlen = dlen > (1 << 20) ? (1 << 20) : dlen;
    out = malloc(dlen ? dlen : 1);
    xz_decompress(payload, plen, dlen ? out : NULL, dlen, &out_len, &why);
    free(out);
    return 0;
}
