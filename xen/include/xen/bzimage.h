/*
 * Linux bzImage kernels: finding the compressed ELF inside.
 */
#ifndef XEN_BZIMAGE_H
#define XEN_BZIMAGE_H

#include <xen/types.h>

/*
 * If image[0, size) is a bzImage (boot protocol 2.08 or later) with an XZ
 * payload, returns 0 and sets *payload and *payload_len to the XZ stream
 * (without the 4-byte size trailer Linux's build appends to the payload;
 * that trailer is not part of the .xz format) and *decompressed_len to the
 * size the trailer announces.  Returns -EINVAL if it is not a bzImage or
 * its header is malformed (the caller then tries plain ELF), -EOPNOTSUPP
 * for a bzImage whose payload uses another compression.
 */
int bzimage_parse(const void *image, size_t size, const void **payload,
                  size_t *payload_len, size_t *decompressed_len);

#endif /* XEN_BZIMAGE_H */
