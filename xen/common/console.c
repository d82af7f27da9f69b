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
#include <xen/errno.h>
#include <xen/event.h>
#include <xen/guest_access.h>
#include <xen/hypercall.h>
#include <xen/sched.h>
#include <asm/current.h>
#include <xen/keyhandler.h>
#include <xen/lib.h>
#include <xen/smp.h>
#include <xen/spinlock.h>
#include <xen/string.h>
#include <xen/timer.h>

#define CONSOLE_RING_SIZE   CONSOLE_RING_BYTES  /* a power of two */
#define PRINTK_PREFIX       "(tessera) "

static char console_ring[CONSOLE_RING_SIZE];
static size_t console_ring_prod;            /* total bytes ever written */
static bool at_line_start = true;     /* protected by console_lock */
static DEFINE_SPINLOCK_CLASS(console_lock, LOCK_CLASS_console);

void console_force_unlock(void)
{
    spin_lock_init_class(&console_lock, LOCK_CLASS_console);
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

/*
 * Guest output.  Dom0's goes out as it is, like Xen's, so a Linux dom0's
 * log reads naturally; other domains' lines are prefixed "(dN) " so that
 * they can be told apart and cannot imitate hypervisor messages.
 */
static void console_write_guest(domid_t domid, const char *s, size_t len)
{
    char prefix[16];
    size_t i;

    snprintf(prefix, sizeof(prefix), "(d%u) ", domid);
    for ( i = 0; i < len; i++ )
    {
        char c = s[i];

        /* Control characters other than newline/tab/CR could drive the terminal. */
        if ( (c < 0x20 && c != '\n' && c != '\t' && c != '\r') || c == 0x7f )
            c = '?';
        if ( at_line_start && domid != 0 )
        {
            const char *p;

            for ( p = prefix; *p; p++ )
                emit(*p);
        }
        at_line_start = false;
        if ( c == '\r' && domid == 0 )
            continue;                   /* emit() adds CR before LF itself */
        emit(c);
        if ( c == '\n' )
            at_line_start = true;
    }
}

#define GUEST_CONSOLE_CHUNK 128

static unsigned int read_input(char *buf, unsigned int max);

long do_console_io(int cmd, unsigned int count, XEN_GUEST_HANDLE_PARAM(char) buf)
{
    char kbuf[GUEST_CONSOLE_CHUNK];
    domid_t domid = current->domain->domain_id;
    unsigned int done = 0;

    switch ( cmd )
    {
    case CONSOLEIO_write:
        while ( done < count )
        {
            unsigned int n = MIN(count - done, (unsigned int)sizeof(kbuf));
            unsigned long flags;

            if ( copy_from_guest_offset(kbuf, buf, done, n) )
                return -EFAULT;
            flags = spin_lock_irqsave(&console_lock);
            console_write_guest(domid, kbuf, n);
            spin_unlock_irqrestore(&console_lock, flags);
            done += n;
        }
        return 0;
    case CONSOLEIO_read:
        /* Only dom0 owns the serial line's input. */
        if ( current->domain->domain_id != 0 )
            return -EPERM;
        done = read_input(kbuf, MIN(count, (unsigned int)sizeof(kbuf)));
        if ( done && copy_to_guest(buf, kbuf, done) )
            return -EFAULT;
        return done;
    }
    hypercall_log_unknown(__HYPERVISOR_console_io, cmd);
    return -ENOSYS;
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

size_t console_ring_position(void)
{
    return __atomic_load_n(&console_ring_prod, __ATOMIC_ACQUIRE);
}

size_t console_ring_copy(size_t from, char *buf, size_t len)
{
    unsigned long flags = spin_lock_irqsave(&console_lock);
    size_t i, n = 0;

    /* Only bytes written and not yet overwritten can be read. */
    if ( from <= console_ring_prod &&
         console_ring_prod - from <= CONSOLE_RING_SIZE )
    {
        n = MIN(len, console_ring_prod - from);
        for ( i = 0; i < n; i++ )
            buf[i] = console_ring[(from + i) & (CONSOLE_RING_SIZE - 1)];
    }
    spin_unlock_irqrestore(&console_lock, flags);
    return n;
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

/*
 * Serial input goes to dom0's console (console_io read, VIRQ_CONSOLE)
 * once dom0 exists, as on Xen; three Ctrl-A in a row switch it between
 * dom0 and the hypervisor's debug keys.
 */
#define SWITCH_CHAR         0x01        /* Ctrl-A */
#define SERIAL_RX_SIZE      1024        /* a power of two */
static char serial_rx[SERIAL_RX_SIZE];
static unsigned int serial_rx_prod, serial_rx_cons;     /* under console_lock */
static bool input_to_dom0;
static unsigned int switch_presses;

void console_give_input_to_dom0(void)
{
    input_to_dom0 = true;
    printk("*** Serial input to DOM0 (type 'CTRL-a' three times to switch input)\n");
}

static void input_to_guest(char c)
{
    unsigned long flags = spin_lock_irqsave(&console_lock);

    /* A full buffer drops new input rather than overwrite unread input. */
    if ( serial_rx_prod - serial_rx_cons < SERIAL_RX_SIZE )
        serial_rx[serial_rx_prod++ & (SERIAL_RX_SIZE - 1)] = c;
    spin_unlock_irqrestore(&console_lock, flags);
}

static void switch_input(void)
{
    input_to_dom0 = !input_to_dom0;
    printk("*** Serial input to %s (type 'CTRL-a' three times to switch input)\n",
           input_to_dom0 ? "DOM0" : "Tessera");
}

static void poll_input(void *unused)
{
    bool to_guest = false;
    int c;

    while ( (c = ns16550_getc()) >= 0 )
    {
        if ( c == SWITCH_CHAR && ++switch_presses == 3 )
        {
            switch_presses = 0;
            switch_input();
            continue;
        }
        if ( c != SWITCH_CHAR )
            switch_presses = 0;
        if ( input_to_dom0 )
        {
            input_to_guest(c);
            to_guest = true;
        }
        else
            handle_keypress((unsigned char)c);
    }
    if ( to_guest )
    {
        struct domain *d0 = get_domain_by_id(0);

        if ( d0 )
        {
            send_global_virq(d0, VIRQ_CONSOLE);
            put_domain(d0);
        }
    }
    set_timer(&input_timer, NOW() + INPUT_POLL_PERIOD);
}

static unsigned int read_input(char *buf, unsigned int max)
{
    unsigned long flags = spin_lock_irqsave(&console_lock);
    unsigned int n = 0;

    while ( n < max && serial_rx_cons != serial_rx_prod )
        buf[n++] = serial_rx[serial_rx_cons++ & (SERIAL_RX_SIZE - 1)];
    spin_unlock_irqrestore(&console_lock, flags);
    return n;
}

void console_input_init(void)
{
    init_timer(&input_timer, poll_input, NULL, 0);
    set_timer(&input_timer, NOW() + INPUT_POLL_PERIOD);
}
