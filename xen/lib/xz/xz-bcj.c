/*
 * The x86 branch/call/jump filter, decoder side.
 *
 * The encoder rewrites the 32-bit relative targets of E8 (call) and
 * E9 (jmp) instructions into absolute ones, which repeat far more often
 * and so compress better; decoding subtracts the position again.  To
 * avoid rewriting bytes that merely look like opcodes, a conversion is
 * done only when the operand's top byte is 0x00 or 0xff (a plausible
 * near target) and a small history of recent E8/E9 bytes that were not
 * converted (prev_mask) allows it.  Decoding must reproduce the encoder's
 * decisions exactly, so this follows the reference filter's rules bit for
 * bit; the whole block is in memory, so one pass with no carried state is
 * enough.  The last four bytes of a block are never converted.
 */
#include "xz-private.h"

/* 0x00 and 0xff are the only top bytes a converted operand can have. */
static bool top_byte_ok(uint8_t b)
{
    return b == 0x00 || b == 0xff;
}

/* Which prev_mask histories still allow a conversion. */
static const bool mask_allows[8] = { true, true, true, false,
                                     true, false, false, false };
/* For a history, which operand byte must also look like a top byte. */
static const unsigned int mask_to_byte[8] = { 0, 1, 2, 2, 3, 3, 3, 3 };

static uint32_t get_le32(const uint8_t *p)
{
    return p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
           (uint32_t)p[3] << 24;
}

/* Converts the operand at op (4 bytes) back to a relative target. */
static void convert(uint8_t *op, uint32_t pos_after, uint32_t prev_mask)
{
    uint32_t src = get_le32(op), dest;

    for ( ;; )
    {
        unsigned int i;

        dest = src - pos_after;
        if ( prev_mask == 0 )
            break;
        i = mask_to_byte[(prev_mask >> 1) & 7];
        if ( !top_byte_ok((uint8_t)(dest >> (24 - i * 8))) )
            break;
        src = dest ^ ((1U << (32 - i * 8)) - 1);
    }
    /* Sign-extend bit 24 into the top byte, as the encoder produced it. */
    op[3] = (dest & (1U << 24)) ? 0xff : 0x00;
    op[2] = dest >> 16;
    op[1] = dest >> 8;
    op[0] = dest;
}

void xz_bcj_x86_decode(uint8_t *buf, size_t len, uint32_t start)
{
    uint32_t prev_mask = 0;
    size_t prev_pos = 0, i = 0;
    bool seen = false;          /* prev_pos is meaningful */

    if ( len < 5 )
        return;

    while ( i <= len - 5 )
    {
        size_t gap;

        if ( buf[i] != 0xe8 && buf[i] != 0xe9 )
        {
            i++;
            continue;
        }

        /* Age the history by the distance from the previous E8/E9. */
        gap = seen ? i - prev_pos : 6;
        prev_pos = i;
        seen = true;
        if ( gap > 5 )
            prev_mask = 0;
        else
            while ( gap-- )
                prev_mask = (prev_mask & 0x77) << 1;

        if ( top_byte_ok(buf[i + 4]) && mask_allows[(prev_mask >> 1) & 7] &&
             (prev_mask >> 1) < 0x10 )
        {
            convert(&buf[i + 1], start + (uint32_t)i + 5, prev_mask);
            i += 5;
            prev_mask = 0;
        }
        else
        {
            prev_mask |= 1;
            if ( top_byte_ok(buf[i + 4]) )
                prev_mask |= 0x10;
            i++;
        }
    }
}
