/*
 * One-shot software timers, one queue per CPU, kept in expiry order and
 * driven by the local APIC timer (TSC-deadline mode when offered).
 *
 * Callbacks run from TIMER_SOFTIRQ on the timer's CPU with interrupts
 * enabled and no timer lock held, so a callback may re-arm its own timer.
 */
#ifndef XEN_TIMER_H
#define XEN_TIMER_H

#include <xen/time.h>

struct timer {
    s_time_t expires;
    void (*function)(void *data);
    void *data;
    struct timer *next;         /* queue linkage; protected by the queue lock */
    uint16_t cpu;
    bool active;                /* queued; protected by the queue lock */
};

void init_timer(struct timer *t, void (*fn)(void *), void *data, unsigned int cpu);
void set_timer(struct timer *t, s_time_t expires);
void stop_timer(struct timer *t);
void timer_subsys_init(void);
void timer_cpu_init(unsigned int cpu);
void dump_timerq(void);

#endif /* XEN_TIMER_H */
