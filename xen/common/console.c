/*
 * The hypervisor console: every message goes to the serial line and into a
 * ring buffer that keeps the most recent history (for the 'dmesg'-style
 * readers that later issues add: sysctl readconsole, debug keys).
 *
 * Locking: console_lock serializes whole messages (so lines from different
 * CPUs do not interleave); it is taken with interrupts off and is the
 * innermost lock.  A panicking CPU breaks it rather than wait forever.
 */
#include <xen/console.h>
#include <xen/keyhandler.h>
#include <xen/lib.h>
#include <xen/smp.h>
#include <xen/spinlock.h>
#include <xen/string.h>
#include <xen/timer.h>

#define CONSOLE_RING_SIZE   (16 * 1024)     /* a power of two */
#define PRINTK_PREFIX       "(tessera) "

static char console_ring[CONSOLE_RING_SIZE];
static size_t console_ring_prod;            /* total bytes ever written */
static bool at_line_start = true;     /* protected by console_lock */
static DEFINE_SPINLOCK(console_lock);

void console_force_unlock(void)
{
    spin_lock_init(&console_lock);
}

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

    unsigned long flags;

    if ( n >= (int)sizeof(buf) )
        n = sizeof(buf) - 1;
    flags = spin_lock_irqsave(&console_lock);
    console_write(buf, n);
    spin_unlock_irqrestore(&console_lock, flags);
}

void printk(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vprintk(fmt, ap);
    va_end(ap);
}

/*
 * Serial input is polled (the hypervisor leaves device interrupts to dom0):
 * every 20 ms, CPU 0 drains the UART and hands each key to the debug-key
 * handler.  Keys run from the timer softirq, never in interrupt context.
 */
#define INPUT_POLL_PERIOD MILLISECS(20)
static struct timer input_timer;

static void poll_input(void *unused)
{
    int c;

    while ( (c = ns16550_getc()) >= 0 )
        handle_keypress((unsigned char)c);
    set_timer(&input_timer, NOW() + INPUT_POLL_PERIOD);
}

void console_input_init(void)
{
    init_timer(&input_timer, poll_input, NULL, 0);
    set_timer(&input_timer, NOW() + INPUT_POLL_PERIOD);
}
