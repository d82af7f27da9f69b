/*
 * Test-guest runtime: start of day, console, reporting, shutdown.
 */
#include "guest.h"

start_info_t *start_info;
shared_info_t *shared_info;

static enum test_status status = TEST_SUCCESS;
static const char *const status_names[] = {
    [TEST_SUCCESS] = "success", [TEST_SKIP] = "skip",
    [TEST_ERROR] = "error", [TEST_FAILURE] = "failure",
};

void traps_init(void);
void mm_init(void);

/*
 * A dom0 writes straight to the hypervisor's serial console with
 * console_io; that is all the output a test guest needs.
 */
void console_write(const char *s, size_t len)
{
    HYPERVISOR_console_io(CONSOLEIO_write, len, s);
}

void printk(const char *fmt, ...)
{
    char buf[512];
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(buf, sizeof(buf), fmt, ap);
    va_end(ap);
    console_write(buf, n < (int)sizeof(buf) ? (size_t)n : sizeof(buf) - 1);
}

static void __noreturn shutdown(unsigned int reason)
{
    struct sched_shutdown s = { .reason = reason };

    for ( ;; )
        HYPERVISOR_sched_op(SCHEDOP_shutdown, &s);
}

void __noreturn panic(const char *fmt, ...)
{
    char buf[256];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(buf, sizeof(buf), fmt, ap);
    va_end(ap);
    /* No RESULT line: the runner reports CRASH, which is the truth. */
    printk("PANIC in test guest %s: %s\n", test_name, buf);
    shutdown(SHUTDOWN_crash);
}

static void report(enum test_status s, const char *fmt, va_list ap)
{
    char buf[256];

    vsnprintf(buf, sizeof(buf), fmt, ap);
    printk("%s: %s\n", status_names[s], buf);
    if ( s > status )
        status = s;
}

#define DEFINE_REPORT(fn, st)                   \
void fn(const char *fmt, ...)                   \
{                                               \
    va_list ap;                                 \
    va_start(ap, fmt);                          \
    report(st, fmt, ap);                        \
    va_end(ap);                                 \
}
DEFINE_REPORT(report_skip, TEST_SKIP)
DEFINE_REPORT(report_error, TEST_ERROR)
DEFINE_REPORT(report_failure, TEST_FAILURE)

/* Success is the default; saying so explicitly only documents intent. */
void report_success(void) { }

enum test_status report_status(void) { return status; }

/*
 * "invert-checks" on the guest's command line turns every check() verdict
 * around, so the suite can show that each guest is able to fail.
 */
static bool invert_checks;

bool check(bool ok, const char *fmt, ...)
{
    char buf[256];
    va_list ap;

    ok ^= invert_checks;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof(buf), fmt, ap);
    va_end(ap);
    if ( ok )
        printk("  ok: %s\n", buf);
    else
        report_failure("%s", buf);
    return ok;
}

bool check_eq_long(long got, long want, const char *what)
{
    if ( got == want )
        return check(true, "%s: %ld", what, got);
    return check(false, "%s: got %ld (%#lx), want %ld (%#lx)", what, got, got, want, want);
}

void (*after_result)(void);

static void __noreturn finish(void)
{
    printk("RESULT: %s %s\n", status_names[status], test_name);
    if ( after_result )
        after_result();
    shutdown(SHUTDOWN_poweroff);
}

void __noreturn runtime_start(start_info_t *si)
{
    start_info = si;
    printk("test guest %s: start_info %p, %lu pages, flags %#x\n",
           test_name, si, si->nr_pages, si->flags);
    invert_checks = strstr((const char *)si->cmd_line, "invert-checks") != NULL;
    traps_init();
    mm_init();
    test_main();
    finish();
}

/* --- A small libc.  GCC may emit calls to mem* itself. */
void *memset(void *s, int c, size_t n)
{
    unsigned char *p = s;

    while ( n-- )
        *p++ = c;
    return s;
}

void *memcpy(void *d, const void *s, size_t n)
{
    unsigned char *dp = d;
    const unsigned char *sp = s;

    while ( n-- )
        *dp++ = *sp++;
    return d;
}

int memcmp(const void *a, const void *b, size_t n)
{
    const unsigned char *pa = a, *pb = b;

    for ( ; n; n--, pa++, pb++ )
        if ( *pa != *pb )
            return *pa - *pb;
    return 0;
}

size_t strlen(const char *s)
{
    size_t n = 0;

    while ( s[n] )
        n++;
    return n;
}

int strncmp(const char *a, const char *b, size_t n)
{
    for ( ; n; n--, a++, b++ )
        if ( *a != *b || !*a )
            return (unsigned char)*a - (unsigned char)*b;
    return 0;
}

int strcmp(const char *a, const char *b)
{
    return strncmp(a, b, SIZE_MAX);
}

void *memchr(const void *s, int c, size_t n)
{
    const unsigned char *p = s;

    for ( ; n; n--, p++ )
        if ( *p == (unsigned char)c )
            return (void *)p;
    return NULL;
}

char *strstr(const char *hay, const char *needle)
{
    size_t n = strlen(needle);

    for ( ; *hay; hay++ )
        if ( !strncmp(hay, needle, n) )
            return (char *)hay;
    return n ? NULL : (char *)hay;
}
