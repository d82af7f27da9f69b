/*
 * The .xz container, per the XZ file format specification (1.0.4+):
 *
 *   file   = stream (stream-padding stream)* stream-padding?
 *   stream = header(12) block* index footer(12)
 *   block  = header(4..1024) data padding(0..3) check(0/4/8)
 *
 * Every length read from the input is checked against what is left of it
 * before use, and every size the headers or the index state is compared
 * with what decoding actually produced: the index is not trusted for
 * anything, it is only a consistency check, summarised as a count, two
 * sums and a CRC32 over the (unpadded size, uncompressed size) records.
 */
#include <xen/string.h>
#include "xz-private.h"

#define STREAM_HDR_SIZE     12
#define CHECK_NONE          0x0
#define CHECK_CRC32         0x1
#define CHECK_CRC64         0x4
#define FILTER_X86          0x04
#define FILTER_LZMA2        0x21
#define VLI_MAX_BYTES       9

static const uint8_t header_magic[6] = { 0xfd, '7', 'z', 'X', 'Z', 0x00 };
static const uint8_t footer_magic[2] = { 'Y', 'Z' };

/* The input and our position in it. */
struct xz_in {
    const uint8_t *buf;
    size_t pos, len;
};

/* What the blocks of one stream produced, to compare with its index. */
struct xz_index_sum {
    uint64_t count, unpadded, uncompressed;
    uint32_t crc;               /* CRC32 chained over the records */
};

static uint32_t get_le32(const uint8_t *p)
{
    return p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
           (uint32_t)p[3] << 24;
}

static uint64_t get_le64(const uint8_t *p)
{
    return get_le32(p) | (uint64_t)get_le32(p + 4) << 32;
}

static size_t in_left(const struct xz_in *in)
{
    return in->len - in->pos;
}

/* A variable-length integer: 7 bits a byte, low first, minimal encoding. */
static bool get_vli(const uint8_t *buf, size_t end, size_t *pos, uint64_t *val)
{
    uint64_t v = 0;
    unsigned int i;

    for ( i = 0; i < VLI_MAX_BYTES && *pos < end; i++ )
    {
        uint8_t b = buf[(*pos)++];

        v |= (uint64_t)(b & 0x7f) << (7 * i);
        if ( !(b & 0x80) )
        {
            if ( b == 0 && i > 0 )
                return false;
            *val = v;
            return true;
        }
    }
    return false;
}

static size_t check_size(unsigned int check)
{
    return check == CHECK_CRC64 ? 8 : check == CHECK_CRC32 ? 4 : 0;
}

/* Adds one block's record; false if a sum overflows (not a real file). */
static bool index_add(const struct xz_dec *s, struct xz_index_sum *sum,
                      uint64_t unpadded, uint64_t uncompressed)
{
    uint8_t rec[20];
    unsigned int i;

    if ( unpadded > UINT64_MAX - sum->unpadded ||
         uncompressed > UINT64_MAX - sum->uncompressed )
        return false;
    sum->count++;
    sum->unpadded += unpadded;
    sum->uncompressed += uncompressed;
    for ( i = 0; i < 8; i++ )
    {
        rec[i] = unpadded >> (8 * i);
        rec[8 + i] = uncompressed >> (8 * i);
    }
    for ( i = 0; i < 4; i++ )
        rec[16 + i] = sum->crc >> (8 * i);
    sum->crc = xz_crc32(s, rec, sizeof(rec));
    return true;
}

/* Checks the stream header; returns the check type in *check. */
static int stream_header(const struct xz_dec *s, struct xz_in *in,
                         unsigned int *check, const char **why)
{
    const uint8_t *h = in->buf + in->pos;

    if ( in_left(in) < STREAM_HDR_SIZE ||
         memcmp(h, header_magic, sizeof(header_magic)) )
        return xz_fail(why, "not an .xz stream (bad magic)", -EINVAL);
    if ( xz_crc32(s, h + 6, 2) != get_le32(h + 8) )
        return xz_fail(why, "stream header CRC32 mismatch", -EBADMSG);
    if ( h[6] != 0 || (h[7] & 0xf0) )
        return xz_fail(why, "unsupported stream flags", -EOPNOTSUPP);
    *check = h[7];
    if ( *check != CHECK_NONE && *check != CHECK_CRC32 &&
         *check != CHECK_CRC64 )
        return xz_fail(why, "unsupported check type", -EOPNOTSUPP);
    in->pos += STREAM_HDR_SIZE;
    return 0;
}

/* The filter chain of one block: [x86 BCJ,] LZMA2. */
struct xz_filters {
    bool bcj;
    uint32_t bcj_start;
};

static int parse_filters(const uint8_t *h, size_t end, size_t *pos,
                         unsigned int count, struct xz_filters *f,
                         const char **why)
{
    unsigned int i;

    f->bcj = false;
    f->bcj_start = 0;
    for ( i = 0; i < count; i++ )
    {
        uint64_t id, psize;
        bool last = i == count - 1;

        if ( !get_vli(h, end, pos, &id) || !get_vli(h, end, pos, &psize) ||
             psize > end - *pos )
            return xz_fail(why, "block header: bad filter flags", -EINVAL);
        if ( last && id == FILTER_LZMA2 && psize == 1 )
        {
            /* Dictionary size code; 40 means 4 GiB - 1, above is invalid. */
            if ( h[*pos] > 40 )
                return xz_fail(why, "block header: bad LZMA2 dictionary size",
                               -EINVAL);
        }
        else if ( !last && id == FILTER_X86 && !f->bcj &&
                  (psize == 0 || psize == 4) )
        {
            f->bcj = true;
            if ( psize == 4 )
                f->bcj_start = get_le32(h + *pos);
        }
        else
            return xz_fail(why, "unsupported filter chain", -EOPNOTSUPP);
        *pos += psize;
    }
    return 0;
}

/* What a block header says; sizes are ~0 when absent. */
struct xz_block_hdr {
    size_t size;
    uint64_t csize, usize;
    struct xz_filters filters;
};

static int block_header(const struct xz_dec *s, const struct xz_in *in,
                        struct xz_block_hdr *bh, const char **why)
{
    const uint8_t *h = in->buf + in->pos;
    size_t end, pos = 2;
    uint8_t flags;
    int rv;

    bh->size = ((size_t)h[0] + 1) * 4;
    if ( bh->size > in_left(in) )
        return xz_fail(why, "truncated block header", -EINVAL);
    end = bh->size - 4;
    if ( xz_crc32(s, h, end) != get_le32(h + end) )
        return xz_fail(why, "block header CRC32 mismatch", -EBADMSG);

    flags = h[1];
    if ( flags & 0x3c )
        return xz_fail(why, "unsupported block flags", -EOPNOTSUPP);
    bh->csize = bh->usize = ~0ULL;
    if ( (flags & 0x40) && (!get_vli(h, end, &pos, &bh->csize) || !bh->csize) )
        return xz_fail(why, "block header: bad compressed size", -EINVAL);
    if ( (flags & 0x80) && !get_vli(h, end, &pos, &bh->usize) )
        return xz_fail(why, "block header: bad uncompressed size", -EINVAL);
    rv = parse_filters(h, end, &pos, (flags & 3) + 1, &bh->filters, why);
    if ( rv )
        return rv;
    for ( ; pos < end; pos++ )
        if ( h[pos] )
            return xz_fail(why, "block header: nonzero padding", -EINVAL);
    return 0;
}

/* Compares the block's check field with the decoded data. */
static bool check_ok(const struct xz_dec *s, unsigned int check,
                     const uint8_t *field, const uint8_t *data, size_t len)
{
    switch ( check )
    {
    case CHECK_CRC32:
        return xz_crc32(s, data, len) == get_le32(field);
    case CHECK_CRC64:
        return xz_crc64(s, data, len) == get_le64(field);
    default:
        return true;
    }
}

static int decode_block(struct xz_dec *s, struct xz_in *in, unsigned int check,
                        uint8_t *out, size_t out_cap, size_t *out_pos,
                        struct xz_index_sum *sum, const char **why)
{
    struct xz_block_hdr bh;
    size_t data_len, used, out_end, padded, i;
    uint8_t *data;
    size_t csum = check_size(check);
    int rv;

    rv = block_header(s, in, &bh, why);
    if ( rv )
        return rv;
    in->pos += bh.size;

    data_len = in_left(in);
    if ( bh.csize != ~0ULL )
    {
        if ( bh.csize > data_len )
            return xz_fail(why, "truncated block", -EINVAL);
        data_len = bh.csize;
    }
    rv = xz_lzma2_decode(s, in->buf + in->pos, data_len, &used, out,
                         *out_pos, out_cap, &out_end, why);
    if ( rv )
        return rv;
    if ( (bh.csize != ~0ULL && used != bh.csize) ||
         (bh.usize != ~0ULL && out_end - *out_pos != bh.usize) )
        return xz_fail(why, "block sizes do not match its header", -EINVAL);
    in->pos += used;

    /* Block padding brings header + data to a multiple of four. */
    padded = (bh.size + used + 3) & ~(size_t)3;
    if ( padded - bh.size - used + csum > in_left(in) )
        return xz_fail(why, "truncated block", -EINVAL);
    for ( i = bh.size + used; i < padded; i++ )
        if ( in->buf[in->pos++] )
            return xz_fail(why, "nonzero block padding", -EINVAL);

    /* An empty block may come with no output buffer at all (NULL, 0). */
    data = out_end > *out_pos ? out + *out_pos : NULL;
    if ( bh.filters.bcj )
        xz_bcj_x86_decode(data, out_end - *out_pos, bh.filters.bcj_start);
    if ( !check_ok(s, check, in->buf + in->pos, data, out_end - *out_pos) )
        return xz_fail(why, "data check mismatch", -EBADMSG);
    in->pos += csum;

    /* The index records the "unpadded size": everything but the padding. */
    if ( !index_add(s, sum, bh.size + used + csum, out_end - *out_pos) )
        return xz_fail(why, "sizes overflow", -EINVAL);
    *out_pos = out_end;
    return 0;
}

/* The index: records must match the blocks; returns its size in *size. */
static int stream_index(const struct xz_dec *s, struct xz_in *in,
                        const struct xz_index_sum *blocks, size_t *size,
                        const char **why)
{
    struct xz_index_sum idx = { 0 };
    size_t start = in->pos, pos = in->pos + 1;    /* past the 0x00 indicator */
    uint64_t count, i;

    if ( !get_vli(in->buf, in->len, &pos, &count) || count != blocks->count )
        return xz_fail(why, "index does not match the blocks", -EINVAL);
    for ( i = 0; i < count; i++ )
    {
        uint64_t unpadded, uncompressed;

        if ( !get_vli(in->buf, in->len, &pos, &unpadded) ||
             !get_vli(in->buf, in->len, &pos, &uncompressed) ||
             !index_add(s, &idx, unpadded, uncompressed) )
            return xz_fail(why, "malformed index", -EINVAL);
    }
    if ( idx.unpadded != blocks->unpadded ||
         idx.uncompressed != blocks->uncompressed || idx.crc != blocks->crc )
        return xz_fail(why, "index does not match the blocks", -EINVAL);

    for ( ; (pos - start) & 3; pos++ )
        if ( pos >= in->len || in->buf[pos] )
            return xz_fail(why, "malformed index padding", -EINVAL);
    if ( in->len - pos < 4 )
        return xz_fail(why, "truncated index", -EINVAL);
    if ( xz_crc32(s, in->buf + start, pos - start) != get_le32(in->buf + pos) )
        return xz_fail(why, "index CRC32 mismatch", -EBADMSG);
    in->pos = pos + 4;
    *size = in->pos - start;
    return 0;
}

static int stream_footer(const struct xz_dec *s, struct xz_in *in,
                         unsigned int check, size_t index_size,
                         const char **why)
{
    const uint8_t *f = in->buf + in->pos;

    if ( in_left(in) < STREAM_HDR_SIZE )
        return xz_fail(why, "truncated stream footer", -EINVAL);
    if ( memcmp(f + 10, footer_magic, sizeof(footer_magic)) )
        return xz_fail(why, "bad stream footer magic", -EINVAL);
    if ( xz_crc32(s, f + 4, 6) != get_le32(f) )
        return xz_fail(why, "stream footer CRC32 mismatch", -EBADMSG);
    /* Backward size: the index size / 4 - 1. */
    if ( ((uint64_t)get_le32(f + 4) + 1) * 4 != index_size )
        return xz_fail(why, "footer backward size does not match the index",
                       -EINVAL);
    if ( f[8] != 0 || f[9] != check )
        return xz_fail(why, "footer flags differ from the header's", -EINVAL);
    in->pos += STREAM_HDR_SIZE;
    return 0;
}

static int decode_stream(struct xz_dec *s, struct xz_in *in, uint8_t *out,
                         size_t out_cap, size_t *out_pos, const char **why)
{
    struct xz_index_sum sum = { 0 };
    unsigned int check;
    size_t index_size;
    int rv;

    rv = stream_header(s, in, &check, why);
    if ( rv )
        return rv;

    /* Blocks until the index indicator, a zero header-size byte. */
    for ( ;; )
    {
        if ( !in_left(in) )
            return xz_fail(why, "truncated stream", -EINVAL);
        if ( in->buf[in->pos] == 0 )
            break;
        rv = decode_block(s, in, check, out, out_cap, out_pos, &sum, why);
        if ( rv )
            return rv;
    }

    rv = stream_index(s, in, &sum, &index_size, why);
    if ( rv )
        return rv;
    return stream_footer(s, in, check, index_size, why);
}

int xz_decompress_state(struct xz_dec *s, const void *in_buf, size_t in_len,
                        void *out, size_t out_cap, size_t *out_len,
                        const char **why)
{
    struct xz_in in = { .buf = in_buf, .pos = 0, .len = in_len };
    size_t out_pos = 0;
    int rv;

    xz_crc_init(s);
    do {
        rv = decode_stream(s, &in, out, out_cap, &out_pos, why);
        if ( rv )
            return rv;
        /*
         * Stream padding: zero bytes, a multiple of four, before the next
         * stream or the end of the file.
         */
        while ( in_left(&in) >= 4 && !get_le32(in.buf + in.pos) )
            in.pos += 4;
        if ( in_left(&in) && in_left(&in) < STREAM_HDR_SIZE )
            return xz_fail(why, "trailing garbage after the stream", -EINVAL);
    } while ( in_left(&in) );

    *out_len = out_pos;
    return 0;
}

int xz_decompress(const void *in, size_t in_len, void *out, size_t out_cap,
                  size_t *out_len, const char **why)
{
    static struct xz_dec state;

    return xz_decompress_state(&state, in, in_len, out, out_cap, out_len, why);
}
