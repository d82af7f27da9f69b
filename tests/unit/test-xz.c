/*
 * xen/lib/xz against the host's xz(1): whatever xz compresses, with each
 * option Tessera may meet (checks, the x86 filter, several blocks and
 * streams, odd LZMA properties), must come back byte for byte; truncated
 * and corrupted files and too-small output buffers must fail cleanly.
 * Buffers are allocated to their exact sizes so AddressSanitizer sees any
 * access outside them.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "unit.h"

/* The decoder's own errno values (Xen's numbering, not the host's). */
#define XEN_EINVAL      22
#define XEN_EBADMSG     74
#define XEN_ENOBUFS     105
#define XEN_EOPNOTSUPP  95

int xz_decompress(const void *in, size_t in_len, void *out, size_t out_cap,
                  size_t *out_len, const char **why);

static char tmpdir[] = "/tmp/test-xz.XXXXXX";

static uint8_t *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    uint8_t *buf;
    long n;

    if ( !f )
        return NULL;
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    rewind(f);
    buf = malloc(n ? n : 1);
    if ( fread(buf, 1, n, f) != (size_t)n )
    {
        free(buf);
        buf = NULL;
    }
    fclose(f);
    *len = n;
    return buf;
}

/* Compresses data with `xz <opts>`; returns a malloc'ed exact-size copy. */
static uint8_t *xz_host(const uint8_t *data, size_t len, const char *opts,
                        size_t *xz_len)
{
    char raw[256], cmd[1024];
    FILE *f;

    snprintf(raw, sizeof(raw), "%s/raw", tmpdir);
    f = fopen(raw, "wb");
    if ( !f || fwrite(data, 1, len, f) != len || fclose(f) )
        return NULL;
    snprintf(cmd, sizeof(cmd), "xz -c -T1 %s < %s > %s.xz", opts, raw, raw);
    if ( system(cmd) != 0 )
        return NULL;
    snprintf(cmd, sizeof(cmd), "%s.xz", raw);
    return read_file(cmd, xz_len);
}

static int decode(const uint8_t *xz, size_t xz_len, size_t cap, uint8_t **out,
                  size_t *out_len, const char **why)
{
    uint8_t *in = malloc(xz_len ? xz_len : 1);
    int rv;

    if ( xz_len )
        memcpy(in, xz, xz_len);
    *out = malloc(cap ? cap : 1);
    *why = "";
    rv = xz_decompress(in, xz_len, cap ? *out : NULL, cap, out_len, why);
    free(in);
    return rv;
}

/* Round trip through the host's xz with the given options. */
static void round_trip(const uint8_t *data, size_t len, const char *opts)
{
    size_t xz_len, out_len = ~(size_t)0;
    uint8_t *xz = xz_host(data, len, opts, &xz_len), *out;
    const char *why;
    int rv;

    CHECK(xz != NULL, "xz %s failed on %zu bytes", opts, len);
    if ( !xz )
        return;
    rv = decode(xz, xz_len, len, &out, &out_len, &why);
    CHECK(rv == 0, "xz %s, %zu bytes: %d (%s)", opts, len, rv, why);
    CHECK(out_len == len, "xz %s: got %zu bytes, want %zu", opts, out_len, len);
    CHECK(rv || !memcmp(out, data, len), "xz %s, %zu bytes: data differs",
          opts, len);
    free(out);

    /* One byte less room must be refused, not overrun. */
    if ( len )
    {
        rv = decode(xz, xz_len, len - 1, &out, &out_len, &why);
        CHECK(rv == -XEN_ENOBUFS, "xz %s, %zu bytes, cap-1: %d (%s)", opts,
              len, rv, why);
        free(out);
    }
    free(xz);
}

static uint8_t *make_data(size_t len, unsigned int kind, unsigned int seed)
{
    uint8_t *d = malloc(len ? len : 1);
    size_t i;

    srand(seed);
    for ( i = 0; i < len; i++ )
    {
        switch ( kind )
        {
        case 0:     /* incompressible */
            d[i] = rand();
            break;
        case 1:     /* text-like, long repeats */
            d[i] = "the quick brown fox jumps over the lazy dog\n"[i % 44] ^
                   ((rand() % 97) == 0);
            break;
        default:    /* runs and short repeats: many rep matches */
            d[i] = (i / (1 + rand() % 5)) % 7 ? d[i ? i - 1 : 0] : rand() % 4;
            break;
        }
    }
    return d;
}

static void test_sizes(void)
{
    static const size_t sizes[] = { 0, 1, 2, 3, 4, 5, 6, 17, 100, 4095, 4096,
                                    65536, 65537, 300000, (1 << 21) + 11 };
    static const char *const opts[] = { "", "--check=crc32", "--check=none",
                                        "--check=crc64 -0", "-9", "--x86 --lzma2",
                                        "--x86 --lzma2 --check=crc32" };
    unsigned int s, k, o;

    for ( s = 0; s < sizeof(sizes) / sizeof(sizes[0]); s++ )
        for ( k = 0; k < 3; k++ )
        {
            uint8_t *d = make_data(sizes[s], k, s * 3 + k);

            for ( o = 0; o < sizeof(opts) / sizeof(opts[0]); o++ )
                /* Keep the big cases to a few option sets. */
                if ( sizes[s] < 100000 || o % 3 == 0 )
                    round_trip(d, sizes[s], opts[o]);
            free(d);
        }
}

static void test_lzma_props(void)
{
    static const char *const opts[] = {
        "--lzma2=preset=6,lc=0,lp=0,pb=0", "--lzma2=preset=6,lc=4,lp=0,pb=4",
        "--lzma2=preset=6,lc=0,lp=4,pb=2", "--lzma2=preset=1,lc=1,lp=3,pb=1",
        "--lzma2=preset=6,mode=fast,nice=273", "--lzma2=dict=4KiB",
        "--x86 --lzma2=preset=9e,pb=0",
    };
    uint8_t *d = make_data(400000, 2, 7);
    unsigned int o;

    for ( o = 0; o < sizeof(opts) / sizeof(opts[0]); o++ )
        round_trip(d, 400000, opts[o]);
    free(d);
}

/* Several blocks, and an incompressible block stored as LZMA2 stored chunks. */
static void test_blocks(void)
{
    uint8_t *d = make_data(1000000, 1, 3), *r = make_data(200000, 0, 4);

    round_trip(d, 1000000, "--block-size=100000");
    round_trip(d, 1000000, "--block-size=4096 --check=crc32");
    round_trip(d, 1000000, "--x86 --lzma2 --block-size=333333");
    round_trip(r, 200000, "--block-size=65536");
    /* Size fields in block headers: multi-threaded mode writes them. */
    round_trip(d, 1000000, "-T2 --block-size=200000");
    free(d);
    free(r);
}

/* Real x86 code exercises the BCJ conversions; this test program is some. */
static void test_x86_code(const char *self)
{
    size_t len;
    uint8_t *code = read_file(self, &len);

    CHECK(code != NULL, "cannot read %s", self);
    if ( !code )
        return;
    round_trip(code, len, "--x86 --lzma2");
    round_trip(code, len, "--x86 --lzma2 --check=none --block-size=50000");
    free(code);
}

/* Two streams, with and without stream padding between and after them. */
static void test_streams(void)
{
    uint8_t *a = make_data(5000, 1, 11), *b = make_data(7000, 2, 12);
    size_t alen, blen, out_len, n;
    uint8_t *xa = xz_host(a, 5000, "", &alen);
    uint8_t *xb = xz_host(b, 7000, "--check=crc32 --x86 --lzma2", &blen);
    uint8_t *cat = malloc(alen + blen + 16), *out;
    const char *why;
    static const size_t pads[] = { 0, 4, 8 };
    unsigned int p;
    int rv;

    for ( p = 0; p < 3; p++ )
    {
        n = 0;
        memcpy(cat, xa, alen);
        n += alen;
        memset(cat + n, 0, pads[p]);
        n += pads[p];
        memcpy(cat + n, xb, blen);
        n += blen;
        rv = decode(cat, n, 12000, &out, &out_len, &why);
        CHECK(rv == 0 && out_len == 12000 && !memcmp(out, a, 5000) &&
              !memcmp(out + 5000, b, 7000), "two streams, pad %zu: %d (%s)",
              pads[p], rv, why);
        free(out);

        /* The same padding after the last stream. */
        memset(cat + n, 0, pads[p]);
        rv = decode(cat, n + pads[p], 12000, &out, &out_len, &why);
        CHECK(rv == 0 && out_len == 12000, "trailing pad %zu: %d (%s)",
              pads[p], rv, why);
        free(out);
    }

    /* Padding that is not a multiple of four, or not zero, is refused. */
    memcpy(cat + alen, "\0\0\0", 3);
    rv = decode(cat, alen + 3, 5000, &out, &out_len, &why);
    CHECK(rv == -XEN_EINVAL, "3 bytes of padding: %d (%s)", rv, why);
    free(out);
    memcpy(cat + alen, "\0\0\0\1", 4);
    rv = decode(cat, alen + 4, 5000, &out, &out_len, &why);
    CHECK(rv == -XEN_EINVAL, "nonzero padding: %d (%s)", rv, why);
    free(out);
    /* Linux's bzImage size trailer after the stream is not padding. */
    memcpy(cat + alen, "\x88\x13\0\0", 4);
    rv = decode(cat, alen + 4, 5000, &out, &out_len, &why);
    CHECK(rv == -XEN_EINVAL, "size trailer: %d (%s)", rv, why);
    free(out);

    free(a); free(b); free(xa); free(xb); free(cat);
}

/* Every prefix of a small file, and a sample of prefixes of a larger one. */
static void test_truncated(void)
{
    uint8_t *d = make_data(70000, 2, 5), *xz, *out;
    size_t xz_len, out_len, n, step;
    const char *why;
    int rv;

    xz = xz_host(d, 70000, "--x86 --lzma2 --block-size=30000", &xz_len);
    CHECK(xz != NULL, "xz failed");
    if ( !xz )
        return;
    step = 1;
    for ( n = 0; n < xz_len; n += step )
    {
        rv = decode(xz, n, 70000, &out, &out_len, &why);
        CHECK(rv == -XEN_EINVAL || rv == -XEN_EBADMSG,
              "prefix of %zu/%zu bytes: %d", n, xz_len, rv);
        free(out);
        step = n < 200 || n > xz_len - 200 ? 1 : 37;
    }
    free(xz);
    free(d);
}

/*
 * Flip one byte at a time.  With a CRC check every change must be caught:
 * headers, index and footer carry CRC32s, and changed compressed data either
 * breaks the LZMA2 structure or changes the data under the check.
 */
static void test_corrupted(const char *opts)
{
    uint8_t *d = make_data(20000, 1, 9), *xz, *out;
    size_t xz_len, out_len, i, missed = 0;
    const char *why;
    int rv;

    xz = xz_host(d, 20000, opts, &xz_len);
    CHECK(xz != NULL, "xz failed");
    if ( !xz )
        return;
    for ( i = 0; i < xz_len; i++ )
    {
        xz[i] ^= 1U << (i % 8);
        rv = decode(xz, xz_len, 20000, &out, &out_len, &why);
        if ( rv == 0 )
            missed++;
        CHECK(rv == 0 || rv == -XEN_EINVAL || rv == -XEN_EBADMSG ||
              rv == -XEN_EOPNOTSUPP || rv == -XEN_ENOBUFS,
              "flip at %zu: unexpected %d", i, rv);
        xz[i] ^= 1U << (i % 8);
        free(out);
    }
    CHECK(missed == 0, "%s: %zu of %zu flipped bytes went unnoticed", opts,
          missed, xz_len);
    free(xz);
    free(d);
}

/* Hand-made files: unsupported features are refused as such. */
static void test_unsupported(void)
{
    uint8_t *d = make_data(1000, 1, 1), *xz, *out;
    size_t xz_len, out_len;
    const char *why;
    int rv;

    xz = xz_host(d, 1000, "--check=sha256", &xz_len);
    rv = decode(xz, xz_len, 1000, &out, &out_len, &why);
    CHECK(rv == -XEN_EOPNOTSUPP, "sha256: %d (%s)", rv, why);
    free(out);
    free(xz);

    xz = xz_host(d, 1000, "--delta=dist=4 --lzma2", &xz_len);
    rv = decode(xz, xz_len, 1000, &out, &out_len, &why);
    CHECK(rv == -XEN_EOPNOTSUPP, "delta filter: %d (%s)", rv, why);
    free(out);
    free(xz);

    rv = decode((const uint8_t *)"\x1f\x8b\x08\0\0\0\0\0\0\0\0\0", 12, 10, &out,
                &out_len, &why);
    CHECK(rv == -XEN_EINVAL, "gzip magic: %d (%s)", rv, why);
    free(out);
    rv = decode(NULL, 0, 10, &out, &out_len, &why);
    CHECK(rv == -XEN_EINVAL, "empty input: %d (%s)", rv, why);
    free(out);
    free(d);
}

int main(int argc, char **argv)
{
    char cmd[64];

    if ( system("xz --version > /dev/null 2>&1") != 0 )
    {
        printf("SKIP: xz(1) is not installed\n");
        return 77;
    }
    if ( !mkdtemp(tmpdir) )
        return 1;

    test_sizes();
    test_lzma_props();
    test_blocks();
    test_x86_code(argv[0]);
    test_streams();
    test_truncated();
    test_corrupted("--check=crc32");
    test_corrupted("--check=crc64 --x86 --lzma2");
    test_unsupported();

    snprintf(cmd, sizeof(cmd), "rm -rf %s", tmpdir);
    if ( system(cmd) != 0 )
        fprintf(stderr, "could not remove %s\n", tmpdir);
    (void)argc;
    return unit_finish("test-xz");
}
