/*
 * xen/lib/vsprintf.c against the host C library as the oracle: every format
 * the hypervisor may use must produce exactly what C99 snprintf produces,
 * including the return value and truncation.
 */
#include <limits.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "unit.h"

int xen_vsnprintf(char *buf, size_t size, const char *fmt, va_list args);
int xen_snprintf(char *buf, size_t size, const char *fmt, ...);
unsigned long simple_strtoul(const char *cp, const char **endp, unsigned int base);
unsigned long long parse_size_and_unit(const char *s, const char **endp);

#define SAME(fmt, ...)                                                      \
    do {                                                                    \
        char want[256], got[256];                                           \
        int wn = snprintf(want, sizeof(want), fmt, __VA_ARGS__);            \
        int gn = xen_snprintf(got, sizeof(got), fmt, __VA_ARGS__);          \
        CHECK(wn == gn && !strcmp(want, got),                               \
              "format \"%s\": libc \"%s\" (%d), ours \"%s\" (%d)",          \
              fmt, want, wn, got, gn);                                      \
    } while ( 0 )

static void test_integers(void)
{
    static const long long values[] = {
        0, 1, -1, 7, 42, -42, 255, 65535, INT_MAX, INT_MIN,
        LLONG_MAX, LLONG_MIN, 0x7fffffffffffLL,
    };
    static const char *const int_formats[] = {
        "%d", "%5d", "%-5d|", "%05d", "%+d", "% d", "%.3d", "%8.3d", "%-8.3d|",
        "%i", "%u", "%x", "%X", "%#x", "%#X", "%08x", "%#010x", "%o", "%#o",
        "%.0d", "%.0x",
    };
    static const char *const ll_formats[] = {
        "%lld", "%llu", "%llx", "%#llx", "%020llx", "%-20lld|", "%+lld",
    };
    size_t i, j;

    for ( i = 0; i < sizeof(values) / sizeof(values[0]); i++ )
    {
        for ( j = 0; j < sizeof(int_formats) / sizeof(int_formats[0]); j++ )
            SAME(int_formats[j], (int)values[i]);
        for ( j = 0; j < sizeof(ll_formats) / sizeof(ll_formats[0]); j++ )
            SAME(ll_formats[j], values[i]);
        SAME("%ld %lx %lu", (long)values[i], (unsigned long)values[i],
             (unsigned long)values[i]);
        SAME("%zu %zx", (size_t)values[i], (size_t)values[i]);
        SAME("%hhd %hhu %hd %hu", (int)values[i], (int)values[i],
             (int)values[i], (int)values[i]);
    }
    SAME("%*d|%-*d|%.*d", 6, 12, 6, 12, 4, 12);
    SAME("%*d", -6, 12);
}

static void test_strings_and_chars(void)
{
    SAME("%s", "hello");
    SAME("[%10s]", "hi");
    SAME("[%-10s]", "hi");
    SAME("[%.3s]", "truncate");
    SAME("[%*.*s]", 8, 2, "abc");
    SAME("%c%c%c", 'x', 'y', 'z');
    SAME("[%3c][%-3c]", 'a', 'b');
    SAME("100%% %s", "sure");
    SAME("%s=%d, %s=%#llx", "a", 1, "b", 0xdeadbeefcafeULL);
}

static void test_pointer(void)
{
    char got[64];

    /* %p is ours: always 0x plus 16 digits so log columns line up. */
    xen_snprintf(got, sizeof(got), "%p", (void *)0xffff82d040200000UL);
    CHECK(!strcmp(got, "0xffff82d040200000"), "got %s", got);
    xen_snprintf(got, sizeof(got), "%p", (void *)0x1000UL);
    CHECK(!strcmp(got, "0x0000000000001000"), "got %s", got);
    xen_snprintf(got, sizeof(got), "[%p]", (void *)0);
    CHECK(!strcmp(got, "[0x0000000000000000]"), "got %s", got);
}

static void test_truncation(void)
{
    char buf[8];
    int n;

    memset(buf, 'X', sizeof(buf));
    n = xen_snprintf(buf, 5, "%s", "abcdefgh");
    CHECK(n == 8, "returned %d", n);
    CHECK(!strcmp(buf, "abcd"), "buf %s", buf);
    CHECK(buf[5] == 'X', "wrote past size");

    n = xen_snprintf(buf, 0, "%d", 12345);
    CHECK(n == 5, "size 0 returned %d", n);
    CHECK(buf[0] == 'a', "size 0 wrote");

    n = xen_snprintf(buf, 1, "%d", 12345);
    CHECK(n == 5 && buf[0] == '\0', "size 1: %d '%c'", n, buf[0]);
}

static void test_oddities(void)
{
    char got[64];
    int n;

    /* Unknown conversions are shown verbatim, never consume arguments. */
    n = xen_snprintf(got, sizeof(got), "a%qb%d", 5);
    CHECK(!strcmp(got, "a%qb5"), "got %s", got);
    n = xen_snprintf(got, sizeof(got), "end%");
    CHECK(!strcmp(got, "end%") && n == 4, "got %s (%d)", got, n);
    xen_snprintf(got, sizeof(got), "%s", (char *)NULL);
    CHECK(!strcmp(got, "(null)"), "got %s", got);
    /* Absurd widths are clamped rather than overflowing an int. */
    n = xen_snprintf(got, sizeof(got), "%99999999999d", 1);
    CHECK(n > 0 && strlen(got) == sizeof(got) - 1, "n %d", n);
}

static void test_number_parsing(void)
{
    const char *end;

    CHECK(simple_strtoul("1234", &end, 0) == 1234 && !*end, "decimal");
    CHECK(simple_strtoul("0x1F", &end, 0) == 0x1f && !*end, "hex");
    CHECK(simple_strtoul("017", &end, 0) == 15 && !*end, "octal");
    CHECK(simple_strtoul("12ab", &end, 10) == 12 && *end == 'a', "stops");
    CHECK(simple_strtoul("0x", &end, 0) == 0 && *end == 'x', "bare 0x");
    CHECK(parse_size_and_unit("512M", &end) == 512ULL << 20 && !*end, "512M");
    CHECK(parse_size_and_unit("2g", &end) == 2ULL << 30 && !*end, "2g");
    CHECK(parse_size_and_unit("64k", &end) == 64ULL << 10 && !*end, "64k");
    CHECK(parse_size_and_unit("4096", &end) == 4096 && !*end, "bytes");
    CHECK(parse_size_and_unit("1T", &end) == 1ULL << 40 && !*end, "1T");
}

int main(void)
{
    test_integers();
    test_strings_and_chars();
    test_pointer();
    test_truncation();
    test_oddities();
    test_number_parsing();
    return unit_finish("vsprintf");
}
