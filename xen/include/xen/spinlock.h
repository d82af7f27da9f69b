/*
 * Ticket spinlocks: FIFO-fair, so no CPU starves under contention.
 *
 * Rules (checked in debug builds as the SMP work lands):
 *  - A lock is either always taken with interrupts disabled (the _irq /
 *    _irqsave forms) or never; mixing the two can deadlock against an
 *    interrupt handler on the same CPU.
 *  - Each file that takes more than one lock documents the order at its top.
 */
#ifndef XEN_SPINLOCK_H
#define XEN_SPINLOCK_H

#include <xen/types.h>

typedef struct spinlock {
    volatile uint16_t head;     /* ticket being served */
    volatile uint16_t tail;     /* next ticket to hand out */
    uint8_t irq_state;          /* debug: SPIN_IRQ_* seen at first acquisition */
} spinlock_t;

#define SPIN_IRQ_UNKNOWN    0   /* zero, so that zeroed memory is a valid lock */
#define SPIN_IRQ_ENABLED    1
#define SPIN_IRQ_DISABLED   2

#define SPIN_LOCK_UNLOCKED { 0, 0, SPIN_IRQ_UNKNOWN }
#define DEFINE_SPINLOCK(l) spinlock_t l = SPIN_LOCK_UNLOCKED

static inline void spin_lock_init(spinlock_t *l)
{
    l->head = l->tail = 0;
    l->irq_state = SPIN_IRQ_UNKNOWN;
}

static inline unsigned long local_save_flags(void)
{
    unsigned long flags;

    __asm__ __volatile__("pushf; pop %0" : "=r"(flags) :: "memory");
    return flags;
}

#if defined(__XEN__) && !defined(NDEBUG)
/*
 * Debug builds check the rule above: once the system is up (early boot runs
 * with interrupts off throughout and would record every lock as IRQ-safe),
 * the first acquisition fixes whether a lock is an interrupts-off lock, and
 * any later acquisition in the other state panics, naming the lock.
 */
extern bool spin_debug_enabled;
void spin_debug_irq_mismatch(const spinlock_t *l, bool irqs_off);

static inline void spin_debug_check(spinlock_t *l)
{
    uint8_t want, seen = SPIN_IRQ_UNKNOWN;

    if ( !spin_debug_enabled )
        return;
    want = (local_save_flags() & (1UL << 9)) ? SPIN_IRQ_ENABLED : SPIN_IRQ_DISABLED;
    if ( __atomic_compare_exchange_n(&l->irq_state, &seen, want, false,
                                     __ATOMIC_RELAXED, __ATOMIC_RELAXED) ||
         seen == want )
        return;
    spin_debug_irq_mismatch(l, want == SPIN_IRQ_DISABLED);
}
#else
static inline void spin_debug_check(spinlock_t *l)
{
    (void)l;
}
#endif

static inline void cpu_relax(void)
{
    __asm__ __volatile__("pause" ::: "memory");
}

static inline void spin_lock(spinlock_t *l)
{
    spin_debug_check(l);
    uint16_t me = __atomic_fetch_add(&l->tail, 1, __ATOMIC_RELAXED);

    while ( __atomic_load_n(&l->head, __ATOMIC_ACQUIRE) != me )
        cpu_relax();
}

static inline bool spin_trylock(spinlock_t *l)
{
    uint16_t head = __atomic_load_n(&l->head, __ATOMIC_RELAXED);
    uint16_t want = head;

    return __atomic_compare_exchange_n(&l->tail, &want, (uint16_t)(head + 1),
                                       false, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED);
}

static inline void spin_unlock(spinlock_t *l)
{
    __atomic_store_n(&l->head, (uint16_t)(l->head + 1), __ATOMIC_RELEASE);
}

static inline bool spin_is_locked(const spinlock_t *l)
{
    return l->head != l->tail;
}

static inline unsigned long spin_lock_irqsave(spinlock_t *l)
{
    unsigned long flags = local_save_flags();

    __asm__ __volatile__("cli" ::: "memory");
    spin_lock(l);
    return flags;
}

static inline void spin_unlock_irqrestore(spinlock_t *l, unsigned long flags)
{
    spin_unlock(l);
    if ( flags & (1UL << 9) )   /* EFLAGS.IF */
        __asm__ __volatile__("sti" ::: "memory");
}

#endif /* XEN_SPINLOCK_H */
