/*
 * Interfaces between the parts of the XZ decoder: the container
 * (xz-stream.c) drives the LZMA2 decoder (xz-lzma2.c), the x86 BCJ filter
 * (xz-bcj.c) and the checks (xz-crc.c).
 */
#ifndef XZ_PRIVATE_H
#define XZ_PRIVATE_H

#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/types.h>
#include <xen/xz.h>

/* Sets *why (when asked for) and returns err, for one-line error exits. */
static inline int xz_fail(const char **why, const char *reason, int err)
{
    if ( why )
        *why = reason;
    return err;
}

void xz_crc_init(struct xz_dec *s);
uint32_t xz_crc32(const struct xz_dec *s, const uint8_t *buf, size_t len);
uint64_t xz_crc64(const struct xz_dec *s, const uint8_t *buf, size_t len);

/*
 * Decode LZMA2 data starting at in[0] (at most in_len bytes) into
 * out[out_pos, out_cap).  On success *in_used is the size of the LZMA2
 * data including its end marker and *out_end the new output position.
 */
int xz_lzma2_decode(struct xz_dec *s, const uint8_t *in, size_t in_len,
                    size_t *in_used, uint8_t *out, size_t out_pos,
                    size_t out_cap, size_t *out_end, const char **why);

/* Undo the x86 BCJ filter in place; start is the filter's start offset. */
void xz_bcj_x86_decode(uint8_t *buf, size_t len, uint32_t start);

#endif /* XZ_PRIVATE_H */
