/*
 * LZMA2 decoding in single-call mode.
 *
 * LZMA2 is a sequence of chunks, each either stored or LZMA-compressed
 * with its own range-coder start, and each announcing its exact
 * uncompressed (and, for LZMA chunks, compressed) size.  Those sizes make
 * single-call decoding simple to bound: a chunk is refused before decoding
 * if it would not fit in the output, and its range decoder is given only
 * that chunk's bytes.
 *
 * The output buffer is the dictionary: a match copies from bytes already
 * written since the last dictionary reset, so no separate window exists
 * and every distance is checked against the bytes actually available.
 *
 * The LZMA model follows the algorithm as published with the LZMA SDK and
 * the XZ format documentation: a binary adaptive range coder with 11-bit
 * probabilities, 12 states, literal coding by previous byte and position,
 * four repeated distances and the slot/special/align distance coding.
 */
#include <xen/string.h>
#include "xz-private.h"

#define PROB_BITS       11
#define PROB_INIT       (1U << (PROB_BITS - 1))
#define PROB_MOVE_BITS  5
#define RC_TOP          (1U << 24)

#define LIT_STATES      7       /* states below this follow a literal */
#define MATCH_LEN_MIN   2
#define DIST_MODEL_END  14      /* slots from here on use direct + align bits */
#define ALIGN_BITS      4

/* The range decoder of one LZMA chunk, confined to that chunk's bytes. */
struct rc {
    const uint8_t *in;
    size_t pos, end;
    uint32_t range, code;
    bool overrun;                   /* tried to read past the chunk */
};

/* Where decoded bytes go: out[dict_start, pos) is the dictionary. */
struct lz_out {
    uint8_t *buf;
    size_t dict_start, pos, limit;  /* limit: end of the current chunk */
};

static inline uint8_t rc_next_byte(struct rc *rc)
{
    if ( likely(rc->pos < rc->end) )
        return rc->in[rc->pos++];
    /* Feed zeros; the caller notices the overrun and fails the chunk. */
    rc->overrun = true;
    return 0;
}

static inline void rc_normalize(struct rc *rc)
{
    if ( rc->range < RC_TOP )
    {
        rc->range <<= 8;
        rc->code = (rc->code << 8) | rc_next_byte(rc);
    }
}

/*
 * The encoder starts with a zero byte and flushes five bytes at the end;
 * keeping the decoder normalized after every bit makes it consume exactly
 * the chunk's compressed size, which rc_finished() then checks.
 */
static bool rc_init(struct rc *rc, const uint8_t *in, size_t len)
{
    unsigned int i;

    rc->in = in;
    rc->pos = 0;
    rc->end = len;
    rc->range = ~0U;
    rc->code = 0;
    rc->overrun = false;
    if ( len < 5 || in[0] != 0 )
        return false;
    for ( i = 1; i < 5; i++ )
        rc->code = (rc->code << 8) | in[i];
    rc->pos = 5;
    /* code == range would make the first bit undecodable. */
    return rc->code != rc->range;
}

static bool rc_finished(const struct rc *rc)
{
    return !rc->overrun && rc->pos == rc->end && rc->code == 0;
}

static inline unsigned int rc_bit(struct rc *rc, uint16_t *prob)
{
    uint32_t bound = (rc->range >> PROB_BITS) * *prob;
    unsigned int bit;

    if ( rc->code < bound )
    {
        rc->range = bound;
        *prob += ((1U << PROB_BITS) - *prob) >> PROB_MOVE_BITS;
        bit = 0;
    }
    else
    {
        rc->range -= bound;
        rc->code -= bound;
        *prob -= *prob >> PROB_MOVE_BITS;
        bit = 1;
    }
    rc_normalize(rc);
    return bit;
}

/* A most-significant-bit-first tree of nbits bits: returns 0..2^nbits-1. */
static inline unsigned int rc_tree(struct rc *rc, uint16_t *probs,
                                   unsigned int nbits)
{
    unsigned int sym = 1, i;

    for ( i = 0; i < nbits; i++ )
        sym = (sym << 1) | rc_bit(rc, &probs[sym]);
    return sym - (1U << nbits);
}

/*
 * The same tree read least-significant bit first.  Node n (from 1) uses
 * probs[n - 1]: the special-distance trees overlap in one array and the
 * first one starts at its index 0.
 */
static inline uint32_t rc_tree_reverse(struct rc *rc, uint16_t *probs,
                                       unsigned int nbits)
{
    unsigned int sym = 1, i;
    uint32_t val = 0;

    for ( i = 0; i < nbits; i++ )
    {
        unsigned int bit = rc_bit(rc, &probs[sym - 1]);

        sym = (sym << 1) | bit;
        val |= (uint32_t)bit << i;
    }
    return val;
}

/* Bits with probability one half, as used for the middle of distances. */
static inline uint32_t rc_direct(struct rc *rc, unsigned int nbits)
{
    uint32_t val = 0;

    while ( nbits-- )
    {
        uint32_t mask;

        rc->range >>= 1;
        rc->code -= rc->range;
        /* All ones when code was below range: the bit is 0, undo. */
        mask = 0U - (rc->code >> 31);
        rc->code += rc->range & mask;
        val = (val << 1) | (mask + 1);
        rc_normalize(rc);
    }
    return val;
}

static void probs_init(uint16_t *p, size_t n)
{
    size_t i;

    for ( i = 0; i < n; i++ )
        p[i] = PROB_INIT;
}

#define PROBS_INIT(field) \
    probs_init((uint16_t *)&(field), sizeof(field) / sizeof(uint16_t))

/* An LZMA state reset: fresh probabilities, state 0, distances 0. */
static void lzma_reset(struct xz_dec *s)
{
    PROBS_INIT(s->is_match);
    PROBS_INIT(s->is_rep);
    PROBS_INIT(s->is_rep0);
    PROBS_INIT(s->is_rep1);
    PROBS_INIT(s->is_rep2);
    PROBS_INIT(s->is_rep0_long);
    PROBS_INIT(s->dist_slot);
    PROBS_INIT(s->dist_special);
    PROBS_INIT(s->dist_align);
    PROBS_INIT(s->match_len);
    PROBS_INIT(s->rep_len);
    /* Only the literal coders lc + lp selects are ever used. */
    probs_init(s->literal, 0x300U << (s->lc + s->lp));
    s->state = 0;
    s->rep[0] = s->rep[1] = s->rep[2] = s->rep[3] = 0;
}

/* The properties byte: (pb * 5 + lp) * 9 + lc, with lc + lp <= 4 in LZMA2. */
static bool lzma_props(struct xz_dec *s, uint8_t props)
{
    if ( props >= 9 * 5 * 5 )
        return false;
    s->lc = props % 9;
    props /= 9;
    s->lp = props % 5;
    s->pb = props / 5;
    return s->lc + s->lp <= 4;
}

static void lz_put(struct lz_out *o, uint8_t byte)
{
    o->buf[o->pos++] = byte;
}

/* Copies len bytes from dist + 1 bytes back; overlapping copies repeat. */
static bool lz_copy(struct lz_out *o, uint32_t dist, unsigned int len)
{
    size_t from;

    if ( dist >= o->pos - o->dict_start || len > o->limit - o->pos )
        return false;
    from = o->pos - dist - 1;
    if ( dist + 1 >= len )
    {
        memcpy(o->buf + o->pos, o->buf + from, len);
        o->pos += len;
        return true;
    }
    while ( len-- )
        o->buf[o->pos++] = o->buf[from++];
    return true;
}

static void decode_literal(struct xz_dec *s, struct rc *rc, struct lz_out *o)
{
    size_t dpos = o->pos - o->dict_start;
    unsigned int prev = dpos ? o->buf[o->pos - 1] : 0;
    unsigned int ctx = ((dpos & ((1U << s->lp) - 1)) << s->lc) +
                       (prev >> (8 - s->lc));
    uint16_t *probs = &s->literal[0x300 * ctx];
    unsigned int sym = 1;

    if ( s->state < LIT_STATES )
    {
        while ( sym < 0x100 )
            sym = (sym << 1) | rc_bit(rc, &probs[sym]);
    }
    else
    {
        /*
         * After a match the byte at rep0 predicts this one: its bits select
         * a second set of probabilities until the first mismatching bit.
         * rep0 was checked against the dictionary when it was decoded.
         */
        unsigned int match = (unsigned int)o->buf[o->pos - s->rep[0] - 1] << 1;
        unsigned int offset = 0x100;

        while ( sym < 0x100 )
        {
            unsigned int match_bit = match & offset;
            unsigned int bit;

            match <<= 1;
            bit = rc_bit(rc, &probs[offset + match_bit + sym]);
            sym = (sym << 1) | bit;
            offset = bit ? match_bit : offset & ~match_bit;
        }
    }
    lz_put(o, sym & 0xff);

    if ( s->state < 4 )
        s->state = 0;
    else if ( s->state < 10 )
        s->state -= 3;
    else
        s->state -= 6;
}

/* A match length, 2..273. */
static unsigned int decode_len(struct rc *rc, struct xz_lzma_len_probs *l,
                               unsigned int pos_state)
{
    if ( !rc_bit(rc, &l->choice) )
        return MATCH_LEN_MIN + rc_tree(rc, l->low[pos_state], 3);
    if ( !rc_bit(rc, &l->choice2) )
        return MATCH_LEN_MIN + 8 + rc_tree(rc, l->mid[pos_state], 3);
    return MATCH_LEN_MIN + 16 + rc_tree(rc, l->high, 8);
}

/* A new match distance (minus one), after its length. */
static uint32_t decode_dist(struct xz_dec *s, struct rc *rc, unsigned int len)
{
    unsigned int len_state = len - MATCH_LEN_MIN < 3 ? len - MATCH_LEN_MIN : 3;
    unsigned int slot = rc_tree(rc, s->dist_slot[len_state], 6);
    unsigned int nbits;
    uint32_t dist;

    if ( slot < 4 )
        return slot;

    /* The slot gives the top two bits and how many bits follow. */
    nbits = (slot >> 1) - 1;
    dist = (2U | (slot & 1)) << nbits;
    if ( slot < DIST_MODEL_END )
        return dist + rc_tree_reverse(rc, &s->dist_special[dist - slot],
                                      nbits);

    dist += rc_direct(rc, nbits - ALIGN_BITS) << ALIGN_BITS;
    return dist + rc_tree_reverse(rc, s->dist_align, ALIGN_BITS);
}

/* A match or repeated match; false on a distance or length out of range. */
static bool decode_match(struct xz_dec *s, struct rc *rc, struct lz_out *o,
                         unsigned int pos_state)
{
    unsigned int st = s->state;
    unsigned int len;
    uint32_t dist;

    if ( !rc_bit(rc, &s->is_rep[st]) )
    {
        len = decode_len(rc, &s->match_len, pos_state);
        s->state = st < LIT_STATES ? 7 : 10;
        s->rep[3] = s->rep[2];
        s->rep[2] = s->rep[1];
        s->rep[1] = s->rep[0];
        /* This also refuses the end-of-payload marker (~0): LZMA2 has none. */
        s->rep[0] = decode_dist(s, rc, len);
        return lz_copy(o, s->rep[0], len);
    }

    if ( !rc_bit(rc, &s->is_rep0[st]) )
    {
        if ( !rc_bit(rc, &s->is_rep0_long[st][pos_state]) )
        {
            /* A "short rep": one byte from rep0. */
            s->state = st < LIT_STATES ? 9 : 11;
            return lz_copy(o, s->rep[0], 1);
        }
    }
    else
    {
        if ( !rc_bit(rc, &s->is_rep1[st]) )
            dist = s->rep[1];
        else
        {
            if ( !rc_bit(rc, &s->is_rep2[st]) )
                dist = s->rep[2];
            else
            {
                dist = s->rep[3];
                s->rep[3] = s->rep[2];
            }
            s->rep[2] = s->rep[1];
        }
        s->rep[1] = s->rep[0];
        s->rep[0] = dist;
    }
    len = decode_len(rc, &s->rep_len, pos_state);
    s->state = st < LIT_STATES ? 8 : 11;
    return lz_copy(o, s->rep[0], len);
}

/* Decodes one LZMA chunk: exactly o->limit - o->pos bytes from rc. */
static int lzma_chunk(struct xz_dec *s, struct rc *rc, struct lz_out *o,
                      const char **why)
{
    unsigned int pos_mask = (1U << s->pb) - 1;

    /* A literal after a match reads the byte at rep0: keep it in range. */
    if ( s->state >= LIT_STATES && s->rep[0] >= o->pos - o->dict_start )
        return xz_fail(why, "LZMA2: distance beyond the dictionary", -EINVAL);

    while ( o->pos < o->limit )
    {
        unsigned int pos_state = (o->pos - o->dict_start) & pos_mask;

        if ( !rc_bit(rc, &s->is_match[s->state][pos_state]) )
            decode_literal(s, rc, o);
        else if ( !decode_match(s, rc, o, pos_state) )
            return xz_fail(why, "LZMA2: match distance or length out of range",
                           -EINVAL);
        if ( unlikely(rc->overrun) )
            break;
    }
    if ( !rc_finished(rc) )
        return xz_fail(why, "LZMA2: chunk size does not match its data",
                       -EINVAL);
    return 0;
}

int xz_lzma2_decode(struct xz_dec *s, const uint8_t *in, size_t in_len,
                    size_t *in_used, uint8_t *out, size_t out_pos,
                    size_t out_cap, size_t *out_end, const char **why)
{
    struct lz_out o = { .buf = out, .dict_start = out_pos, .pos = out_pos };
    bool need_dict_reset = true, need_props = true;
    size_t pos = 0;

    for ( ;; )
    {
        unsigned int ctrl;
        size_t usize, csize;
        struct rc rc;
        int rv;

        if ( pos >= in_len )
            return xz_fail(why, "LZMA2: truncated", -EINVAL);
        ctrl = in[pos++];
        if ( ctrl == 0x00 )
            break;

        /* 0x01 and 0xe0..0xff reset the dictionary; the first chunk must. */
        if ( ctrl == 0x01 || ctrl >= 0xe0 )
        {
            o.dict_start = o.pos;
            need_dict_reset = false;
            need_props = true;
        }
        else if ( need_dict_reset )
            return xz_fail(why, "LZMA2: first chunk does not reset the dictionary",
                           -EINVAL);

        if ( ctrl < 0x80 )
        {
            /* A stored chunk: 0x01 or 0x02, then a 16-bit size - 1. */
            if ( ctrl > 0x02 )
                return xz_fail(why, "LZMA2: invalid control byte", -EINVAL);
            if ( in_len - pos < 2 )
                return xz_fail(why, "LZMA2: truncated", -EINVAL);
            usize = ((size_t)in[pos] << 8 | in[pos + 1]) + 1;
            pos += 2;
            if ( usize > in_len - pos )
                return xz_fail(why, "LZMA2: truncated", -EINVAL);
            if ( usize > out_cap - o.pos )
                return xz_fail(why, "output buffer too small", -ENOBUFS);
            memcpy(out + o.pos, in + pos, usize);
            o.pos += usize;
            pos += usize;
            continue;
        }

        /* An LZMA chunk: 21-bit size - 1, 16-bit packed size - 1, props. */
        if ( in_len - pos < 4 )
            return xz_fail(why, "LZMA2: truncated", -EINVAL);
        usize = ((size_t)(ctrl & 0x1f) << 16 | (size_t)in[pos] << 8 |
                 in[pos + 1]) + 1;
        csize = ((size_t)in[pos + 2] << 8 | in[pos + 3]) + 1;
        pos += 4;
        if ( ctrl >= 0xc0 )
        {
            if ( pos >= in_len )
                return xz_fail(why, "LZMA2: truncated", -EINVAL);
            if ( !lzma_props(s, in[pos++]) )
                return xz_fail(why, "LZMA2: invalid properties", -EINVAL);
            need_props = false;
        }
        else if ( need_props )
            return xz_fail(why, "LZMA2: chunk without properties", -EINVAL);
        if ( ctrl >= 0xa0 )
            lzma_reset(s);

        if ( csize > in_len - pos )
            return xz_fail(why, "LZMA2: truncated", -EINVAL);
        if ( usize > out_cap - o.pos )
            return xz_fail(why, "output buffer too small", -ENOBUFS);
        if ( !rc_init(&rc, in + pos, csize) )
            return xz_fail(why, "LZMA2: invalid range coder start", -EINVAL);
        o.limit = o.pos + usize;
        rv = lzma_chunk(s, &rc, &o, why);
        if ( rv )
            return rv;
        pos += csize;
    }

    *in_used = pos;
    *out_end = o.pos;
    return 0;
}
