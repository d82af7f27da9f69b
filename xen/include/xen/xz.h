/*
 * A freestanding XZ decoder for kernel images (Debian builds its bzImage
 * payloads with `xz --x86 --lzma2`).
 *
 * Single-call only: the whole compressed file is in memory and the caller's
 * output buffer doubles as the LZMA2 dictionary, so nothing is allocated.
 * Supported: one or more concatenated streams with stream padding, any
 * number of blocks, the LZMA2 filter optionally preceded by the x86 BCJ
 * filter, and the None, CRC32 and CRC64 checks.  Everything else in the
 * format (SHA-256 checks, other filters) is refused with -EOPNOTSUPP.
 *
 * Errors (negative Xen errno values):
 *   -EINVAL      malformed or truncated input
 *   -EBADMSG     a CRC (header, index or data check) does not match
 *   -ENOBUFS     the decompressed data does not fit in out_cap bytes
 *   -EOPNOTSUPP  a valid feature of the format that is not implemented
 */
#ifndef XEN_XZ_H
#define XEN_XZ_H

#include <xen/types.h>

/*
 * Decoder state.  Callers only allocate it (it is about 30 KiB, mostly
 * LZMA probabilities: keep it off small hypervisor stacks); its fields are
 * private to xen/lib/xz/.
 */
#define XZ_LZMA_STATES      12
#define XZ_POS_STATES_MAX   16      /* 1 << pb, pb <= 4 */
#define XZ_LIT_PROBS_MAX    (0x300 << 4) /* 0x300 << (lc + lp), lc + lp <= 4 */

struct xz_lzma_len_probs {
    uint16_t choice, choice2;
    uint16_t low[XZ_POS_STATES_MAX][8];
    uint16_t mid[XZ_POS_STATES_MAX][8];
    uint16_t high[256];
};

struct xz_dec {
    /* LZMA probabilities, reset together by a state reset. */
    uint16_t is_match[XZ_LZMA_STATES][XZ_POS_STATES_MAX];
    uint16_t is_rep[XZ_LZMA_STATES];
    uint16_t is_rep0[XZ_LZMA_STATES];
    uint16_t is_rep1[XZ_LZMA_STATES];
    uint16_t is_rep2[XZ_LZMA_STATES];
    uint16_t is_rep0_long[XZ_LZMA_STATES][XZ_POS_STATES_MAX];
    uint16_t dist_slot[4][64];
    uint16_t dist_special[114];
    uint16_t dist_align[16];
    struct xz_lzma_len_probs match_len, rep_len;
    uint16_t literal[XZ_LIT_PROBS_MAX];

    /* LZMA state carried from chunk to chunk within one block. */
    uint32_t rep[4];
    unsigned int state;
    unsigned int lc, lp, pb;

    /* Lookup tables, built on each call (cheap next to any real input). */
    uint32_t crc32_table[256];
    uint64_t crc64_table[256];
};

/*
 * Decompress the .xz file in[0, in_len) into out[0, out_cap).  On success
 * returns 0 and sets *out_len; on failure returns -errno, points *why (if
 * not NULL) at a static description, and out[] holds garbage.  Never reads
 * outside in[] or writes outside out[].  Uses one static struct xz_dec, so
 * it is not reentrant (it runs at boot, on one CPU).
 */
int xz_decompress(const void *in, size_t in_len, void *out, size_t out_cap,
                  size_t *out_len, const char **why);

/* The same with caller-provided state. */
int xz_decompress_state(struct xz_dec *s, const void *in, size_t in_len,
                        void *out, size_t out_cap, size_t *out_len,
                        const char **why);

#endif /* XEN_XZ_H */
