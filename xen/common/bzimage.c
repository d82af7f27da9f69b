/*
 * The Linux/x86 boot protocol's setup header (Documentation/arch/x86/
 * boot.rst): since version 2.08 it says where the compressed kernel, an
 * ELF image, sits inside the bzImage.  Offsets are from the start of the
 * file; the payload offset is relative to the protected-mode code, which
 * follows the real-mode setup sectors.
 */
#include <xen/bzimage.h>
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/string.h>

#define HDR_SETUP_SECTS     0x1f1   /* u8: setup size in 512-byte sectors */
#define HDR_MAGIC           0x202   /* "HdrS" */
#define HDR_VERSION         0x206   /* u16 boot protocol version */
#define HDR_PAYLOAD_OFFSET  0x248   /* u32, since 2.08 */
#define HDR_PAYLOAD_LENGTH  0x24c   /* u32, since 2.08 */
#define HDR_END             0x250
#define MIN_VERSION         0x0208
#define SECTOR_SIZE         512
#define SIZE_TRAILER        4       /* LE32 decompressed size after the data */

static const uint8_t xz_magic[6] = { 0xfd, '7', 'z', 'X', 'Z', 0x00 };

static uint32_t get_le32(const uint8_t *p)
{
    return p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
           (uint32_t)p[3] << 24;
}

int bzimage_parse(const void *image, size_t size, const void **payload,
                  size_t *payload_len, size_t *decompressed_len)
{
    const uint8_t *img = image;
    uint64_t pm_start, off, len;
    unsigned int sects;

    if ( !image || size < HDR_END || memcmp(img + HDR_MAGIC, "HdrS", 4) ||
         (img[HDR_VERSION] | img[HDR_VERSION + 1] << 8) < MIN_VERSION )
        return -EINVAL;

    /* An old convention: zero setup sectors means four. */
    sects = img[HDR_SETUP_SECTS] ? img[HDR_SETUP_SECTS] : 4;
    pm_start = (uint64_t)(sects + 1) * SECTOR_SIZE;
    off = pm_start + get_le32(img + HDR_PAYLOAD_OFFSET);
    len = get_le32(img + HDR_PAYLOAD_LENGTH);
    if ( off > size || len > size - off || len < sizeof(xz_magic) + SIZE_TRAILER )
        return -EINVAL;

    if ( memcmp(img + off, xz_magic, sizeof(xz_magic)) )
        return -EOPNOTSUPP;

    *payload = img + off;
    *payload_len = len - SIZE_TRAILER;
    *decompressed_len = get_le32(img + off + len - SIZE_TRAILER);
    return 0;
}
