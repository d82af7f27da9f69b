/*
 * Softirqs: work raised from interrupt context and run later, with
 * interrupts enabled, from the idle loop (and, with guests, on the way back
 * to guest context).  Handlers never run nested inside an interrupt.
 */
#ifndef XEN_SOFTIRQ_H
#define XEN_SOFTIRQ_H

#include <xen/types.h>

enum {
    TIMER_SOFTIRQ,
    SCHEDULE_SOFTIRQ,
    CONSOLE_SOFTIRQ,
    NR_SOFTIRQS
};

typedef void (*softirq_handler_t)(void);

void open_softirq(unsigned int nr, softirq_handler_t fn);
void raise_softirq(unsigned int nr);                    /* this CPU */
void cpu_raise_softirq(unsigned int cpu, unsigned int nr);  /* + IPI if remote */
bool softirq_pending(unsigned int cpu);
void do_softirq(void);

#endif /* XEN_SOFTIRQ_H */
