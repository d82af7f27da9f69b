/*
 * The hypervisor console: every message goes to the serial line and into a
 * ring buffer that keeps the most recent history (for the 'dmesg'-style
 * readers that later issues add: sysctl readconsole, debug keys).
 *
 * Locking: none yet; only the boot CPU runs.  The SMP work adds the console
 * lock, taken with interrupts off, and it is the innermost lock.
 */
#include <xen/console.h>
#include <xen/lib.h>
#include <xen/string.h>

#define CONSOLE_RING_SIZE   (16 * 1024)     /* a power of two */
#define PRINTK_PREFIX       "(tessera) "

static char console_ring[CONSOLE_RING_SIZE];
static size_t console_ring_prod;            /* total bytes ever written */
static bool at_line_start = true;

void console_init(void)
{
    ns16550_init(0x3f8, 115200);
}

static void ring_put(char c)
{
    console_ring[console_ring_prod++ & (CONSOLE_RING_SIZE - 1)] = c;
}

static void emit(char c)
{
    ring_put(c);
    if ( c == '\n' )
        ns16550_putc('\r');
    ns16550_putc(c);
}

void console_write(const char *s, size_t len)
{
    for ( ; len; len--, s++ )
    {
        if ( at_line_start )
        {
            const char *p;

            for ( p = PRINTK_PREFIX; *p; p++ )
                emit(*p);
            at_line_start = false;
        }
        emit(*s);
        if ( *s == '\n' )
            at_line_start = true;
    }
}

size_t console_ring_read(char *buf, size_t size)
{
    size_t avail = MIN(console_ring_prod, (size_t)CONSOLE_RING_SIZE);
    size_t start = console_ring_prod - avail, i;

    if ( size < avail )
    {
        start += avail - size;
        avail = size;
    }
    for ( i = 0; i < avail; i++ )
        buf[i] = console_ring[(start + i) & (CONSOLE_RING_SIZE - 1)];
    return avail;
}

void vprintk(const char *fmt, va_list args)
{
    char buf[512];
    int n = vsnprintf(buf, sizeof(buf), fmt, args);

    if ( n >= (int)sizeof(buf) )
        n = sizeof(buf) - 1;
    console_write(buf, n);
}

void printk(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vprintk(fmt, ap);
    va_end(ap);
}
