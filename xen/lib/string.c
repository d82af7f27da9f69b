/*
 * The string and memory primitives the hypervisor needs.  GCC may emit calls
 * to memcpy/memset/memmove/memcmp on its own even in freestanding code, so
 * these must exist under exactly these names.
 */
#include <xen/string.h>

/*
 * Eight bytes per iteration, then the tail: string instructions by the
 * quadword are fast on every CPU and much faster than byte steps under
 * emulation, where each iteration costs about the same whatever its size.
 */
void *memcpy(void *dst, const void *src, size_t n)
{
    void *ret = dst;
    size_t q = n / 8, tail = n % 8;

    __asm__ __volatile__("rep movsq"
                         : "+D"(dst), "+S"(src), "+c"(q) :: "memory");
    __asm__ __volatile__("rep movsb"
                         : "+D"(dst), "+S"(src), "+c"(tail) :: "memory");
    return ret;
}

void *memmove(void *dst, const void *src, size_t n)
{
    unsigned char *d = dst;
    const unsigned char *s = src;

    if ( d == s || n == 0 )
        return dst;
    /* Copy backwards only when the destination overlaps the source's tail. */
    if ( d < s || d >= s + n )
        return memcpy(dst, src, n);
    while ( n-- )
        d[n] = s[n];
    return dst;
}

void *memset(void *dst, int c, size_t n)
{
    void *ret = dst;
    size_t q = n / 8, tail = n % 8;
    unsigned long pattern = 0x0101010101010101UL * (unsigned char)c;

    __asm__ __volatile__("rep stosq"
                         : "+D"(dst), "+c"(q) : "a"(pattern) : "memory");
    __asm__ __volatile__("rep stosb"
                         : "+D"(dst), "+c"(tail) : "a"(pattern) : "memory");
    return ret;
}

int memcmp(const void *a, const void *b, size_t n)
{
    const unsigned char *x = a, *y = b;

    for ( ; n; n--, x++, y++ )
        if ( *x != *y )
            return *x < *y ? -1 : 1;
    return 0;
}

size_t strlen(const char *s)
{
    const char *p = s;

    while ( *p )
        p++;
    return p - s;
}

size_t strnlen(const char *s, size_t max)
{
    size_t n = 0;

    while ( n < max && s[n] )
        n++;
    return n;
}

int strcmp(const char *a, const char *b)
{
    return strncmp(a, b, SIZE_MAX);
}

int strncmp(const char *a, const char *b, size_t n)
{
    for ( ; n; n--, a++, b++ )
    {
        unsigned char x = *a, y = *b;

        if ( x != y )
            return x < y ? -1 : 1;
        if ( !x )
            break;
    }
    return 0;
}

char *strchr(const char *s, int c)
{
    for ( ; ; s++ )
    {
        if ( *s == (char)c )
            return (char *)s;
        if ( !*s )
            return NULL;
    }
}

char *strstr(const char *haystack, const char *needle)
{
    size_t n = strlen(needle);

    for ( ; ; haystack++ )
    {
        if ( !strncmp(haystack, needle, n) )
            return (char *)haystack;
        if ( !*haystack )
            return NULL;
    }
}

/* Always terminates (when size > 0); returns strlen(src) to detect truncation. */
size_t strlcpy(char *dst, const char *src, size_t size)
{
    size_t len = strlen(src);

    if ( size )
    {
        size_t n = len < size - 1 ? len : size - 1;

        memcpy(dst, src, n);
        dst[n] = '\0';
    }
    return len;
}
