/*
 * Ticket spinlocks: FIFO-fair, so no CPU starves under contention.
 *
 * Rules (checked in debug builds):
 *  - A lock is either always taken with interrupts disabled (the _irq /
 *    _irqsave forms) or never; mixing the two can deadlock against an
 *    interrupt handler on the same CPU.
 *  - Locks nest only in the order of enum lock_class below, outer first;
 *    the order is repeated at the top of xen/sched.h and in the header of
 *    each file that takes more than one lock.  Two locks of one class nest
 *    only through spin_lock_nested(), whose caller orders the instances
 *    (schedule locks: ascending CPU).  spin_trylock() never waits, so it
 *    is exempt from the order.
 *  - Interrupt handlers take only the innermost classes (console), since
 *    the check sees the interrupted context's locks as held.
 */
#ifndef XEN_SPINLOCK_H
#define XEN_SPINLOCK_H

#include <xen/types.h>

/*
 * Lock classes, outermost first: a CPU holding a lock of one class may wait
 * for a lock of a later class only.  LOCK_CLASS_unranked is for locks not
 * yet placed here; they are checked for recursion only, so place new locks.
 */
enum lock_class {
    LOCK_CLASS_unranked,
    LOCK_CLASS_domlist,         /* domlist_lock (common/domain.c) */
    LOCK_CLASS_domain,          /* d->domain_lock */
    LOCK_CLASS_event,           /* d->event_lock (two: lower domain id first) */
    LOCK_CLASS_evtchn_port,     /* d->evtchn_port_lock: one event ABI's state */
    LOCK_CLASS_mm,              /* d->arch.mm_lock */
    LOCK_CLASS_grant,           /* a grant table's lock (never two at once) */
    LOCK_CLASS_page_alloc,      /* d->page_alloc_lock */
    LOCK_CLASS_sched,           /* schedule locks, per CPU or run queue */
    LOCK_CLASS_timer,           /* per-CPU timer queues */
    LOCK_CLASS_ioremap,         /* ioremap_lock (mm-io.c) */
    LOCK_CLASS_map,             /* map_lock: the idle page tables */
    LOCK_CLASS_call,            /* smp_call_function's lock */
    LOCK_CLASS_xmalloc,         /* xmalloc_lock */
    LOCK_CLASS_heap,            /* heap_lock: the buddy allocator */
    LOCK_CLASS_console,         /* console_lock: printk works under any lock */
    LOCK_CLASS_NR
};

typedef struct spinlock {
    volatile uint16_t head;     /* ticket being served */
    volatile uint16_t tail;     /* next ticket to hand out */
    uint8_t irq_state;          /* debug: SPIN_IRQ_* seen at first acquisition */
    uint8_t lock_class;         /* enum lock_class (fits the padding) */
} spinlock_t;

#define SPIN_IRQ_UNKNOWN    0   /* zero, so that zeroed memory is a valid lock */
#define SPIN_IRQ_ENABLED    1
#define SPIN_IRQ_DISABLED   2

#define SPIN_LOCK_UNLOCKED_CLASS(c) { 0, 0, SPIN_IRQ_UNKNOWN, c }
#define SPIN_LOCK_UNLOCKED SPIN_LOCK_UNLOCKED_CLASS(LOCK_CLASS_unranked)
#define DEFINE_SPINLOCK(l) spinlock_t l = SPIN_LOCK_UNLOCKED
#define DEFINE_SPINLOCK_CLASS(l, c) spinlock_t l = SPIN_LOCK_UNLOCKED_CLASS(c)

static inline void spin_lock_init_class(spinlock_t *l, enum lock_class c)
{
    l->head = l->tail = 0;
    l->irq_state = SPIN_IRQ_UNKNOWN;
    l->lock_class = c;
}

static inline void spin_lock_init(spinlock_t *l)
{
    spin_lock_init_class(l, LOCK_CLASS_unranked);
}

static inline unsigned long local_save_flags(void)
{
    unsigned long flags;

    __asm__ __volatile__("pushf; pop %0" : "=r"(flags) :: "memory");
    return flags;
}

static inline bool local_irq_is_enabled(void)
{
    return local_save_flags() & (1UL << 9);     /* EFLAGS.IF */
}

#if defined(__XEN__) && !defined(NDEBUG)
/*
 * Debug builds check the rules above once the system is up (early boot runs
 * with interrupts off throughout and would record every lock as IRQ-safe):
 *  - the first acquisition fixes whether a lock is an interrupts-off lock,
 *    and any later acquisition in the other state panics, naming the lock;
 *  - each CPU keeps a stack of the locks it holds (spinlock.c); waiting for
 *    a lock against the class order, or for one this CPU already holds,
 *    panics with both locks, where each was taken, and a stack trace.
 * The inline part is a flag test and the IRQ check; the rest is a call.
 */
extern bool spin_debug_enabled;
void spin_debug_irq_mismatch(const spinlock_t *l, bool irqs_off);

#define SPIN_ACQUIRE_WAIT     0     /* spin_lock: order and recursion checked */
#define SPIN_ACQUIRE_NESTED   1     /* spin_lock_nested: same class allowed */
#define SPIN_ACQUIRE_TRY      2     /* spin_trylock succeeded: only recorded */
void spin_debug_acquire(const spinlock_t *l, unsigned int how);
void spin_debug_release(const spinlock_t *l);

static inline void spin_debug_check_irq(spinlock_t *l)
{
    uint8_t want, seen = SPIN_IRQ_UNKNOWN;

    want = local_irq_is_enabled() ? SPIN_IRQ_ENABLED : SPIN_IRQ_DISABLED;
    if ( __atomic_compare_exchange_n(&l->irq_state, &seen, want, false,
                                     __ATOMIC_RELAXED, __ATOMIC_RELAXED) ||
         seen == want )
        return;
    spin_debug_irq_mismatch(l, want == SPIN_IRQ_DISABLED);
}

static inline void spin_debug_lock(spinlock_t *l, unsigned int how)
{
    if ( !spin_debug_enabled )
        return;
    if ( how != SPIN_ACQUIRE_TRY )
        spin_debug_check_irq(l);
    spin_debug_acquire(l, how);
}

static inline void spin_debug_unlock(spinlock_t *l)
{
    if ( spin_debug_enabled )
        spin_debug_release(l);
}

/* A panicking CPU breaks locks: the records stop meaning anything. */
static inline void spin_debug_disable(void)
{
    spin_debug_enabled = false;
}
#else
#define SPIN_ACQUIRE_WAIT     0
#define SPIN_ACQUIRE_NESTED   1
#define SPIN_ACQUIRE_TRY      2
static inline void spin_debug_lock(spinlock_t *l, unsigned int how)
{
    (void)l;
    (void)how;
}
static inline void spin_debug_unlock(spinlock_t *l)
{
    (void)l;
}
static inline void spin_debug_disable(void)
{
}
#endif

static inline void cpu_relax(void)
{
    __asm__ __volatile__("pause" ::: "memory");
}

static inline void spin_lock_raw(spinlock_t *l)
{
    uint16_t me = __atomic_fetch_add(&l->tail, 1, __ATOMIC_RELAXED);

    while ( __atomic_load_n(&l->head, __ATOMIC_ACQUIRE) != me )
        cpu_relax();
}

static inline void spin_lock(spinlock_t *l)
{
    spin_debug_lock(l, SPIN_ACQUIRE_WAIT);
    spin_lock_raw(l);
}

/*
 * For a second lock of the class of one already held, when the caller
 * orders the instances itself (e.g. two schedule locks by CPU number).
 */
static inline void spin_lock_nested(spinlock_t *l)
{
    spin_debug_lock(l, SPIN_ACQUIRE_NESTED);
    spin_lock_raw(l);
}

static inline bool spin_trylock(spinlock_t *l)
{
    uint16_t head = __atomic_load_n(&l->head, __ATOMIC_RELAXED);
    uint16_t want = head;

    if ( !__atomic_compare_exchange_n(&l->tail, &want, (uint16_t)(head + 1),
                                      false, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED) )
        return false;
    spin_debug_lock(l, SPIN_ACQUIRE_TRY);
    return true;
}

static inline void spin_unlock(spinlock_t *l)
{
    spin_debug_unlock(l);
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
