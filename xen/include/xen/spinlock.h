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
} spinlock_t;

#define SPIN_LOCK_UNLOCKED { 0, 0 }
#define DEFINE_SPINLOCK(l) spinlock_t l = SPIN_LOCK_UNLOCKED

static inline void spin_lock_init(spinlock_t *l)
{
    l->head = l->tail = 0;
}

static inline void cpu_relax(void)
{
    __asm__ __volatile__("pause" ::: "memory");
}

static inline void spin_lock(spinlock_t *l)
{
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

static inline unsigned long local_save_flags(void)
{
    unsigned long flags;

    __asm__ __volatile__("pushf; pop %0" : "=r"(flags) :: "memory");
    return flags;
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
