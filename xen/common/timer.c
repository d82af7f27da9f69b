/*
 * Per-CPU timer queues.
 *
 * Locking: each queue has its own lock, always taken with interrupts off
 * (the timer interrupt raises TIMER_SOFTIRQ but never touches the queue, so
 * this only matters for remote set_timer).  A timer belongs to one CPU for
 * life; only that CPU runs its callback.  Callbacks run without the lock.
 */
#include <xen/lib.h>
#include <xen/smp.h>
#include <xen/softirq.h>
#include <xen/spinlock.h>
#include <xen/timer.h>
#include <asm/apic.h>
#include <asm/traps.h>

struct timer_queue {
    spinlock_t lock;
    struct timer *head;         /* sorted by expires; protected by lock */
    s_time_t programmed;        /* deadline currently in the APIC */
    unsigned long fired;        /* statistics for the debug key */
};

static struct timer_queue queues[NR_CPUS];

void init_timer(struct timer *t, void (*fn)(void *), void *data, unsigned int cpu)
{
    BUG_ON(cpu >= NR_CPUS);
    t->expires = 0;
    t->function = fn;
    t->data = data;
    t->next = NULL;
    t->cpu = cpu;
    t->active = false;
}

static void dequeue(struct timer_queue *q, struct timer *t)
{
    struct timer **pp;

    for ( pp = &q->head; *pp; pp = &(*pp)->next )
        if ( *pp == t )
        {
            *pp = t->next;
            break;
        }
    t->active = false;
    t->next = NULL;
}

/* Returns true when t became the earliest timer of the queue. */
static bool enqueue(struct timer_queue *q, struct timer *t)
{
    struct timer **pp = &q->head;

    while ( *pp && (*pp)->expires <= t->expires )
        pp = &(*pp)->next;
    t->next = *pp;
    *pp = t;
    t->active = true;
    return q->head == t;
}

/* Must run on the queue's own CPU: the APIC timer is per CPU. */
static void reprogram(struct timer_queue *q)
{
    s_time_t next = q->head ? q->head->expires : 0;

    q->programmed = next;
    apic_timer_program(next ? ns_to_tsc(next) : 0);
}

void set_timer(struct timer *t, s_time_t expires)
{
    struct timer_queue *q = &queues[t->cpu];
    unsigned long flags = spin_lock_irqsave(&q->lock);
    bool first;

    if ( t->active )
        dequeue(q, t);
    t->expires = expires;
    first = enqueue(q, t);
    if ( first && t->cpu == smp_processor_id() )
        reprogram(q);
    spin_unlock_irqrestore(&q->lock, flags);

    if ( first && t->cpu != smp_processor_id() )
        cpu_raise_softirq(t->cpu, TIMER_SOFTIRQ);
}

void stop_timer(struct timer *t)
{
    struct timer_queue *q = &queues[t->cpu];
    unsigned long flags = spin_lock_irqsave(&q->lock);

    if ( t->active )
        dequeue(q, t);
    spin_unlock_irqrestore(&q->lock, flags);
}

static void timer_softirq_action(void)
{
    struct timer_queue *q = &queues[smp_processor_id()];
    unsigned long flags = spin_lock_irqsave(&q->lock);
    struct timer *t;

    while ( (t = q->head) && t->expires <= NOW() )
    {
        dequeue(q, t);
        q->fired++;
        spin_unlock_irqrestore(&q->lock, flags);
        t->function(t->data);
        flags = spin_lock_irqsave(&q->lock);
    }
    reprogram(q);
    spin_unlock_irqrestore(&q->lock, flags);
}

static void timer_interrupt(struct cpu_user_regs *regs)
{
    apic_eoi();
    raise_softirq(TIMER_SOFTIRQ);
}

void timer_cpu_init(unsigned int cpu)
{
    spin_lock_init_class(&queues[cpu].lock, LOCK_CLASS_timer);
}

void timer_subsys_init(void)
{
    open_softirq(TIMER_SOFTIRQ, timer_softirq_action);
    set_intr_handler(APIC_TIMER_VECTOR, timer_interrupt);
}

void dump_timerq(void)
{
    unsigned int cpu;
    s_time_t now = NOW();

    printk("Timer queues at %lld ns:\n", (long long)now);
    for ( cpu = 0; cpu < NR_CPUS; cpu++ )
    {
        struct timer_queue *q = &queues[cpu];
        unsigned long flags;
        const struct timer *t;

        if ( !cpu_online(cpu) )
            continue;
        flags = spin_lock_irqsave(&q->lock);
        printk("  CPU%u: %lu fired, next deadline %+lld ns\n", cpu, q->fired,
               q->programmed ? (long long)(q->programmed - now) : 0LL);
        for ( t = q->head; t; t = t->next )
            printk("    expires %+lld ns fn %p\n", (long long)(t->expires - now),
                   (void *)t->function);
        spin_unlock_irqrestore(&q->lock, flags);
    }
}
