/*
 * What xen/common/page_alloc.c and xmalloc.c need from the rest of the
 * hypervisor, on the host: RAM and a frame table (sparse anonymous
 * mappings), printk into a buffer the test can search, and panic() /
 * assert_failed() that a test can catch with SHIM_EXPECT_PANIC.
 * Include once per test program.
 */
#ifndef SHIM_MM_SHIM_H
#define SHIM_MM_SHIM_H

#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <xen/lib.h>
#include <xen/mm.h>

unsigned char *shim_ram;
void *shim_frame_table;
unsigned long max_page;
unsigned long *frame_table_present;

static char shim_log[1 << 16];
static size_t shim_log_len;
static jmp_buf *shim_panic_jmp;
static char shim_panic_msg[512];

void vprintk(const char *fmt, va_list ap)
{
    int n = vsnprintf(shim_log + shim_log_len, sizeof(shim_log) - shim_log_len,
                      fmt, ap);

    if ( n > 0 && shim_log_len + n < sizeof(shim_log) )
        shim_log_len += n;
}

void printk(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vprintk(fmt, ap);
    va_end(ap);
}

void panic(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(shim_panic_msg, sizeof(shim_panic_msg), fmt, ap);
    va_end(ap);
    if ( shim_panic_jmp )
        longjmp(*shim_panic_jmp, 1);
    fprintf(stderr, "unexpected panic: %s\n", shim_panic_msg);
    abort();
}

void assert_failed(const char *expr, const char *file, int line)
{
    panic("Assertion '%s' failed at %s:%d", expr, file, line);
}

/*
 * Runs `stmt`; true if it panicked with a message containing `want`.
 * Only for checks that panic before taking a lock, or as a program's last
 * act: the hypervisor code is not written to be unwound.
 */
#define SHIM_EXPECT_PANIC(stmt, want)                                       \
    ({                                                                      \
        jmp_buf jb_;                                                        \
        volatile bool hit_ = false;                                                \
        shim_panic_msg[0] = '\0';                                           \
        shim_panic_jmp = &jb_;                                              \
        if ( !setjmp(jb_) )                                                 \
            stmt;                                                           \
        else                                                                \
            hit_ = strstr(shim_panic_msg, (want)) != NULL;                  \
        shim_panic_jmp = NULL;                                              \
        hit_;                                                               \
    })

/* nframes of RAM (reserved, not committed) and their frame table. */
static void shim_mm_init(unsigned long nframes)
{
    size_t bits = 8 * sizeof(long);
    size_t nft = (nframes + FRAMES_PER_FT_PAGE - 1) / FRAMES_PER_FT_PAGE;

    shim_ram = mmap(NULL, nframes * PAGE_SIZE, PROT_READ | PROT_WRITE,
                    MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    /* Large pages, where the host allows: the tests touch gigabytes. */
    if ( shim_ram != MAP_FAILED )
        madvise(shim_ram, nframes * PAGE_SIZE, MADV_HUGEPAGE);
    shim_frame_table = calloc(nframes, sizeof(struct page_info));
    frame_table_present = calloc((nft + bits - 1) / bits, sizeof(long));
    if ( shim_ram == MAP_FAILED || !shim_frame_table || !frame_table_present )
    {
        perror("shim_mm_init");
        exit(2);
    }
    memset(frame_table_present, 0xff, (nft + bits - 1) / bits * sizeof(long));
    max_page = nframes;
}

/* Gives the RAM of [mfn, mfn + n) back to the host (it reads zero again). */
static __maybe_unused void shim_release(unsigned long mfn, unsigned long n)
{
    madvise(shim_ram + mfn * PAGE_SIZE, n * PAGE_SIZE, MADV_DONTNEED);
}

#endif /* SHIM_MM_SHIM_H */
