/*
 * xen/lib/string.c against the host C library, over overlapping, unaligned
 * and zero-length cases.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "unit.h"

void *xen_memcpy(void *dst, const void *src, size_t n);
void *xen_memmove(void *dst, const void *src, size_t n);
void *xen_memset(void *dst, int c, size_t n);
int xen_memcmp(const void *a, const void *b, size_t n);
size_t xen_strlen(const char *s);
size_t xen_strnlen(const char *s, size_t max);
int xen_strcmp(const char *a, const char *b);
int xen_strncmp(const char *a, const char *b, size_t n);
char *xen_strchr(const char *s, int c);
char *xen_strstr(const char *haystack, const char *needle);
size_t xen_strlcpy(char *dst, const char *src, size_t size);

static int sign(int v)
{
    return (v > 0) - (v < 0);
}

static void fill(unsigned char *b, size_t n, unsigned int seed)
{
    size_t i;

    for ( i = 0; i < n; i++ )
        b[i] = (unsigned char)(seed * 31 + i * 7);
}

static void test_memmove_overlaps(void)
{
    unsigned char a[64], b[64];
    int src, dst, len;

    for ( src = 0; src < 16; src++ )
        for ( dst = 0; dst < 16; dst++ )
            for ( len = 0; len <= 40; len += 3 )
            {
                fill(a, sizeof(a), src + dst);
                memcpy(b, a, sizeof(a));
                memmove(b + dst, b + src, len);
                xen_memmove(a + dst, a + src, len);
                CHECK(!memcmp(a, b, sizeof(a)), "memmove src %d dst %d len %d",
                      src, dst, len);
            }
}

static void test_memcpy_memset(void)
{
    unsigned char a[100], b[100];
    size_t off, len;

    for ( off = 0; off < 8; off++ )
        for ( len = 0; len < 40; len += 3 )
        {
            memset(a, 0xee, sizeof(a));
            memset(b, 0xee, sizeof(b));
            fill(b + 50, 40, (unsigned int)len);
            CHECK(xen_memcpy(a + off, b + 50, len) == a + off, "memcpy return");
            memcpy(b + off, b + 50, len);
            CHECK(!memcmp(a, b, 50), "memcpy off %zu len %zu", off, len);
            CHECK(xen_memset(a + off, 0x3c, len) == a + off, "memset return");
            memset(b + off, 0x3c, len);
            CHECK(!memcmp(a, b, 50), "memset off %zu len %zu", off, len);
        }
}

static void test_compare(void)
{
    static const char *const s[] = { "", "a", "ab", "abc", "abd", "b", "\xff", "ab\xff" };
    size_t i, j, n;

    for ( i = 0; i < sizeof(s) / sizeof(s[0]); i++ )
        for ( j = 0; j < sizeof(s) / sizeof(s[0]); j++ )
        {
            CHECK(sign(xen_strcmp(s[i], s[j])) == sign(strcmp(s[i], s[j])),
                  "strcmp \"%s\" \"%s\"", s[i], s[j]);
            for ( n = 0; n < 5; n++ )
                CHECK(sign(xen_strncmp(s[i], s[j], n)) == sign(strncmp(s[i], s[j], n)),
                      "strncmp \"%s\" \"%s\" %zu", s[i], s[j], n);
            n = strlen(s[i]) < strlen(s[j]) ? strlen(s[i]) : strlen(s[j]);
            CHECK(sign(xen_memcmp(s[i], s[j], n)) == sign(memcmp(s[i], s[j], n)),
                  "memcmp \"%s\" \"%s\"", s[i], s[j]);
        }
}

static void test_misc(void)
{
    char buf[8];
    const char *hello = "hello";

    CHECK(xen_strlen("") == 0 && xen_strlen(hello) == 5, "strlen");
    CHECK(xen_strnlen(hello, 3) == 3 && xen_strnlen(hello, 9) == 5, "strnlen");
    CHECK(xen_strchr(hello, 'l') == hello + 2, "strchr found");
    CHECK(xen_strchr(hello, 'z') == NULL, "strchr missing");
    CHECK(xen_strchr(hello, '\0') == hello + 5, "strchr NUL");
    {
        static const char *const needles[] = { "", "h", "llo", "lo", "hello", "helloo", "x", "ll" };
        size_t i;

        for ( i = 0; i < sizeof(needles) / sizeof(needles[0]); i++ )
            CHECK(xen_strstr(hello, needles[i]) == strstr(hello, needles[i]),
                  "strstr \"%s\"", needles[i]);
        CHECK(xen_strstr("", "") == strstr("", "") && xen_strstr("", "a") == NULL,
              "strstr empty haystack");
    }
    CHECK(xen_strlcpy(buf, "abcdefghij", sizeof(buf)) == 10, "strlcpy len");
    CHECK(!strcmp(buf, "abcdefg"), "strlcpy truncates: %s", buf);
    CHECK(xen_strlcpy(buf, "xy", sizeof(buf)) == 2 && !strcmp(buf, "xy"), "strlcpy");
    buf[0] = 'q';
    CHECK(xen_strlcpy(buf, "xy", 0) == 2 && buf[0] == 'q', "strlcpy size 0");
}

int main(void)
{
    test_memmove_overlaps();
    test_memcpy_memset();
    test_compare();
    test_misc();
    return unit_finish("string");
}
