#ifndef XEN_CONSOLE_H
#define XEN_CONSOLE_H

#include <xen/types.h>

/* The serial line the hypervisor owns; the only early output channel. */
void ns16550_init(uint16_t io_base, unsigned int baud);
void ns16550_putc(char c);
int ns16550_getc(void);

/* Starts polling the serial line for debug keys (needs timers). */
void console_input_init(void);
/* From now on serial input goes to dom0 (Ctrl-A x3 switches back). */
void console_give_input_to_dom0(void);
/* Lets a dying CPU print even if another CPU holds the console lock. */
void console_force_unlock(void);

void console_init(void);
void console_write(const char *s, size_t len);
/* Copies up to `size` bytes of the console ring's oldest-first history. */
size_t console_ring_read(char *buf, size_t size);
/*
 * The ring by position (bytes ever written): where the next byte goes,
 * and a copy of up to len bytes from position `from`, fewer (or none) if
 * some were not written yet or were overwritten already.
 */
#define CONSOLE_RING_BYTES  (16 * 1024)
size_t console_ring_position(void);
size_t console_ring_copy(size_t from, char *buf, size_t len);

#endif /* XEN_CONSOLE_H */
