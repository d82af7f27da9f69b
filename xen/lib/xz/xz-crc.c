/*
 * The two checks XZ streams use in practice: CRC32 (also protecting every
 * header, the index and the footer) and CRC64.  Both are the reflected
 * table-driven form; the tables live in the caller's struct xz_dec so the
 * decoder keeps no global state.
 */
#include "xz-private.h"

/* Reversed polynomials: IEEE 802.3 for CRC32, ECMA-182 for CRC64. */
#define CRC32_POLY  0xedb88320U
#define CRC64_POLY  0xc96c5795d7870f42ULL

void xz_crc_init(struct xz_dec *s)
{
    unsigned int i, bit;

    for ( i = 0; i < 256; i++ )
    {
        uint32_t c32 = i;
        uint64_t c64 = i;

        for ( bit = 0; bit < 8; bit++ )
        {
            c32 = (c32 >> 1) ^ ((c32 & 1) ? CRC32_POLY : 0);
            c64 = (c64 >> 1) ^ ((c64 & 1) ? CRC64_POLY : 0);
        }
        s->crc32_table[i] = c32;
        s->crc64_table[i] = c64;
    }
}

uint32_t xz_crc32(const struct xz_dec *s, const uint8_t *buf, size_t len)
{
    uint32_t crc = ~0U;
    size_t i;

    for ( i = 0; i < len; i++ )
        crc = s->crc32_table[(crc ^ buf[i]) & 0xff] ^ (crc >> 8);
    return ~crc;
}

uint64_t xz_crc64(const struct xz_dec *s, const uint8_t *buf, size_t len)
{
    uint64_t crc = ~0ULL;
    size_t i;

    for ( i = 0; i < len; i++ )
        crc = s->crc64_table[(crc ^ buf[i]) & 0xff] ^ (crc >> 8);
    return ~crc;
}
