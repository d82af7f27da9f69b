#ifndef XEN_LIB_H
#define XEN_LIB_H

#include <xen/compiler.h>
#include <xen/types.h>

#define ARRAY_SIZE(a)   (sizeof(a) / sizeof((a)[0]))
#define BUILD_BUG_ON(c) _Static_assert(!(c), #c)
#define ROUNDUP(x, a)   (((x) + (a) - 1) & ~((__typeof__(x))(a) - 1))
#define MIN(a, b)       ((a) < (b) ? (a) : (b))
#define MAX(a, b)       ((a) > (b) ? (a) : (b))

int vsnprintf(char *buf, size_t size, const char *fmt, va_list args);
int snprintf(char *buf, size_t size, const char *fmt, ...) __printf(3, 4);

void printk(const char *fmt, ...) __printf(1, 2);
void vprintk(const char *fmt, va_list args);
void __noreturn panic(const char *fmt, ...) __printf(1, 2);

/*
 * ASSERT() checks invariants in debug builds (the default; configure
 * --disable-debug defines NDEBUG).  BUG_ON() is always checked and is only
 * for inconsistencies inside the hypervisor, never for guest input.
 */
void __noreturn assert_failed(const char *expr, const char *file, int line);
#define BUG_ON(c)  do { if ( unlikely(c) ) assert_failed(#c, __FILE__, __LINE__); } while ( 0 )
#define BUG()      assert_failed("BUG", __FILE__, __LINE__)
#ifdef NDEBUG
#define ASSERT(c)  do { if ( 0 && (c) ) {} } while ( 0 )
#else
#define ASSERT(c)  BUG_ON(!(c))
#endif

unsigned long simple_strtoul(const char *cp, const char **endp, unsigned int base);
unsigned long long parse_size_and_unit(const char *s, const char **endp);

#endif /* XEN_LIB_H */
