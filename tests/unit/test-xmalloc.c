/*
 * xmalloc (xen/common/xmalloc.c) on top of the real buddy heap, on a host
 * arena of 64 MiB.
 */
#include <stdint.h>
#include <xen/xmalloc.h>
#include "shim/mm-shim.h"
#include "unit.h"

#define NFRAMES     (1UL << 14)
#define HEAP_START  16UL

static unsigned long start_avail;

static bool in_heap(const void *p)
{
    return (uintptr_t)p >= (uintptr_t)shim_ram + HEAP_START * PAGE_SIZE &&
           (uintptr_t)p < (uintptr_t)shim_ram + NFRAMES * PAGE_SIZE;
}

static void test_alignment(void)
{
    static const size_t sizes[] = { 0, 1, 7, 16, 17, 100, 1000, 1008, 3000,
                                    5000, 70000 };
    void *p[ARRAY_SIZE(sizes)][15];
    size_t s, a;

    for ( s = 0; s < ARRAY_SIZE(sizes); s++ )
        for ( a = 0; a < 15; a++ )
        {
            size_t align = a ? (size_t)1 << (a - 1) : 0;    /* 0, 1 .. 8192 */
            size_t want = align > 16 ? align : 16;

            p[s][a] = xmalloc_bytes(sizes[s], align);
            CHECK(p[s][a] && in_heap(p[s][a]), "size %zu align %zu", sizes[s], align);
            CHECK(!((uintptr_t)p[s][a] % want), "%p not %zu-aligned", p[s][a], want);
            if ( p[s][a] )
                memset(p[s][a], (int)(s * 15 + a), sizes[s]);
        }
    for ( s = 0; s < ARRAY_SIZE(sizes); s++ )
        for ( a = 0; a < 15; a++ )
        {
            size_t i;
            bool intact = true;

            for ( i = 0; p[s][a] && i < sizes[s]; i++ )
                intact &= ((unsigned char *)p[s][a])[i] == (unsigned char)(s * 15 + a);
            CHECK(intact, "object size %zu align index %zu overwritten", sizes[s], a);
            xfree(p[s][a]);
        }
    CHECK(avail_pages == start_avail, "alignment test leaked: %lu != %lu",
          avail_pages, start_avail);
    CHECK(xmalloc_bytes(8, 24) == NULL, "non-power-of-two alignment refused");
}

struct thing {
    uint64_t a;
    char name[40];
    uint32_t b;
};

static void test_typed(void)
{
    struct thing *t = xmalloc(struct thing);
    struct thing *z;
    struct thing *arr = xmalloc_array(struct thing, 1000);

    CHECK(t && !((uintptr_t)t % __alignof__(struct thing)), "xmalloc(type)");
    memset(t, 0xee, sizeof(*t));
    xfree(t);
    z = xzalloc(struct thing);
    CHECK(z && z->a == 0 && z->b == 0 && z->name[39] == 0, "xzalloc zeroes");
    CHECK(arr != NULL, "array of 1000");
    if ( arr )
        arr[999].b = 7;
    xfree(z);
    xfree(arr);
    CHECK(xmalloc_array(uint64_t, SIZE_MAX / 4) == NULL, "n * size overflow refused");
    CHECK(xmalloc_array(struct thing, (size_t)1 << 60) == NULL, "huge n refused");
    CHECK(xzalloc_array(char, SIZE_MAX) == NULL, "larger than the heap refused");
    CHECK(xmalloc_bytes((size_t)1 << 40, 0) == NULL, "1 TiB refused");
    CHECK(xmalloc_bytes(64 << 20, 0) == NULL, "more than the heap: NULL");
    CHECK(avail_pages == start_avail, "typed test leaked");
}

struct live {
    unsigned char *p;
    size_t size;
    unsigned char seed;
};

static void fill(struct live *l)
{
    size_t i;

    for ( i = 0; i < l->size; i++ )
        l->p[i] = (unsigned char)(l->seed + i * 31);
}

static bool intact(const struct live *l)
{
    size_t i;

    for ( i = 0; i < l->size; i++ )
        if ( l->p[i] != (unsigned char)(l->seed + i * 31) )
            return false;
    return true;
}

static void test_stress(void)
{
    static struct live objs[1024];
    unsigned int i, bad = 0, failed = 0;

    srand(7);
    for ( i = 0; i < 100000; i++ )
    {
        struct live *l = &objs[rand() % 1024];

        if ( l->p )
        {
            bad += !intact(l);
            xfree(l->p);
            l->p = NULL;
            continue;
        }
        l->size = rand() % 8 ? rand() % 600 : rand() % 20000;
        l->seed = rand();
        l->p = xmalloc_bytes(l->size, rand() % 4 ? 0 : (size_t)8 << (rand() % 6));
        if ( !l->p )
        {
            failed++;
            continue;
        }
        fill(l);
    }
    for ( i = 0; i < 1024; i++ )
        if ( objs[i].p )
        {
            bad += !intact(&objs[i]);
            xfree(objs[i].p);
        }
    CHECK(!bad, "%u objects corrupted", bad);
    CHECK(!failed, "%u allocations failed", failed);
    CHECK(avail_pages == start_avail, "stress leaked %ld pages",
          (long)(start_avail - avail_pages));
}

/* Takes every page, then xmalloc must fail and recover. */
static void test_exhaustion(void)
{
    void *pages[64];
    unsigned int orders[64], n = 0, o = MAX_ORDER + 1, i;
    void *p;

    while ( o-- > 0 )
        while ( n < 64 && (pages[n] = alloc_xenheap_pages(o)) )
            orders[n++] = o;
    CHECK(avail_pages == 0, "heap exhausted");
    CHECK(xmalloc(uint64_t) == NULL, "xmalloc fails when the heap is empty");
    CHECK(xmalloc_bytes(10000, 0) == NULL, "large xmalloc fails too");
    for ( i = 0; i < n; i++ )
        free_xenheap_pages(pages[i], orders[i]);
    p = xmalloc(uint64_t);
    CHECK(p != NULL, "xmalloc recovers");
    xfree(p);
    CHECK(avail_pages == start_avail, "exhaustion leaked");
}

static void test_debug_checks(void)
{
#ifndef NDEBUG
    char *p = xmalloc_bytes(40, 0);
    char *q = xmalloc_bytes(5000, 0);
    char saved;
    uint32_t magic;

    xfree(p);
    CHECK(SHIM_EXPECT_PANIC(xfree(p), "double free"), "double free: %s", shim_panic_msg);

    saved = q[5000];
    q[5000] = saved ^ 1;
    CHECK(SHIM_EXPECT_PANIC(xfree(q), "buffer overrun past the end of a 5000-byte"),
          "overrun: %s", shim_panic_msg);
    q[5000] = saved;

    memcpy(&magic, q - 16, 4);
    memset(q - 16, 0, 4);
    CHECK(SHIM_EXPECT_PANIC(xfree(q), "buffer underrun"), "underrun: %s", shim_panic_msg);
    memcpy(q - 16, &magic, 4);

    CHECK(SHIM_EXPECT_PANIC(xfree(q + 8), "misaligned"), "bad pointer: %s", shim_panic_msg);
    xfree(q);
    CHECK(avail_pages == start_avail, "debug checks leaked");
#endif
}

int main(void)
{
    shim_mm_init(NFRAMES);
    init_heap_pages(mfn_to_page(HEAP_START), NFRAMES - HEAP_START);
    start_avail = avail_pages;
    test_alignment();
    test_typed();
    test_stress();
    test_debug_checks();
    test_exhaustion();
    return unit_finish("xmalloc");
}
