/*
 * 16550-compatible UART, polled.  COM1 is the hypervisor's console: guests
 * reach it only through console_io, never directly.
 */
#include <xen/console.h>
#include <asm/io.h>

#define UART_THR    0   /* transmit holding (write) */
#define UART_RBR    0   /* receive buffer (read) */
#define UART_DLL    0   /* divisor latch low (DLAB=1) */
#define UART_IER    1
#define UART_DLM    1   /* divisor latch high (DLAB=1) */
#define UART_FCR    2
#define UART_LCR    3
#define UART_MCR    4
#define UART_LSR    5
#define UART_SCR    7

#define LCR_8N1     0x03
#define LCR_DLAB    0x80
#define FCR_ENABLE  0x01
#define FCR_CLEAR   0x06
#define MCR_DTR_RTS 0x03
#define LSR_THRE    0x20
#define UART_CLOCK  115200

static uint16_t uart_base;

/* A UART keeps what is written to its scratch register; an empty bus does not. */
static bool probe(uint16_t base)
{
    outb(0x5a, base + UART_SCR);
    if ( inb(base + UART_SCR) != 0x5a )
        return false;
    outb(0xa5, base + UART_SCR);
    return inb(base + UART_SCR) == 0xa5;
}

void ns16550_init(uint16_t io_base, unsigned int baud)
{
    unsigned int divisor = UART_CLOCK / (baud ? baud : UART_CLOCK);

    if ( !probe(io_base) )
        return;
    outb(0, io_base + UART_IER);
    outb(LCR_DLAB, io_base + UART_LCR);
    outb(divisor & 0xff, io_base + UART_DLL);
    outb(divisor >> 8, io_base + UART_DLM);
    outb(LCR_8N1, io_base + UART_LCR);
    outb(FCR_ENABLE | FCR_CLEAR, io_base + UART_FCR);
    outb(MCR_DTR_RTS, io_base + UART_MCR);
    uart_base = io_base;
}

void ns16550_putc(char c)
{
    unsigned int spins = 1u << 20;

    if ( !uart_base )
        return;
    /* Bounded wait: a wedged UART must not hang the hypervisor. */
    while ( !(inb(uart_base + UART_LSR) & LSR_THRE) && --spins )
        ;
    outb(c, uart_base + UART_THR);
}

/* Non-blocking: returns -1 when nothing has arrived. */
int ns16550_getc(void)
{
    if ( !uart_base || !(inb(uart_base + UART_LSR) & 0x01) )
        return -1;
    return inb(uart_base + UART_RBR);
}
