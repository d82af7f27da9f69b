/*
 * Debug support for spinlocks (see xen/spinlock.h): the IRQ-safety report
 * and lock-order checking.
 *
 * Each CPU records the locks it holds, innermost last, with the address of
 * the code that took each one.  A CPU about to wait for a lock must not hold
 * that lock already (it would wait for itself) nor a lock of the same or a
 * later class (another CPU taking the two in class order could be waiting
 * for ours: a deadlock that only needs the wrong timing).  Only this CPU
 * writes its record, so no lock protects it; interrupt handlers push and pop
 * on top of the interrupted context's entries, which keeps it a stack.
 */
#include <xen/lib.h>
#include <xen/smp.h>
#include <xen/spinlock.h>
#include <asm/current.h>
#include <asm/traps.h>

#ifndef NDEBUG

bool spin_debug_enabled;

#define MAX_HELD_LOCKS 16

struct held_lock {
    const spinlock_t *lock;
    unsigned long site;             /* return address into the taker */
};

static struct held_locks {
    unsigned int depth;
    struct held_lock held[MAX_HELD_LOCKS];
} held_locks[NR_CPUS];

static const char *const class_names[LOCK_CLASS_NR] = {
    [LOCK_CLASS_unranked]   = "unranked lock",
    [LOCK_CLASS_domlist]    = "domlist_lock",
    [LOCK_CLASS_domain]     = "d->domain_lock",
    [LOCK_CLASS_event]      = "d->event_lock",
    [LOCK_CLASS_mm]         = "d->arch.mm_lock",
    [LOCK_CLASS_grant]      = "grant table lock",
    [LOCK_CLASS_page_alloc] = "d->page_alloc_lock",
    [LOCK_CLASS_sched]      = "schedule lock",
    [LOCK_CLASS_timer]      = "timer queue lock",
    [LOCK_CLASS_ioremap]    = "ioremap_lock",
    [LOCK_CLASS_map]        = "map_lock",
    [LOCK_CLASS_call]       = "call_function lock",
    [LOCK_CLASS_xmalloc]    = "xmalloc_lock",
    [LOCK_CLASS_heap]       = "heap_lock",
    [LOCK_CLASS_console]    = "console_lock",
};

static const char *lock_name(const spinlock_t *l)
{
    return l->lock_class < LOCK_CLASS_NR ? class_names[l->lock_class]
                                         : "lock of unknown class";
}

static void print_lock(const char *what, const spinlock_t *l, unsigned long site)
{
    unsigned long off, size;
    const char *fn = symbol_lookup(site, &off, &size);

    printk("  %s %s (%p, class %u), at %s+%#lx\n", what, lock_name(l),
           (const void *)l, l->lock_class, fn ? fn : "?", fn ? off : site);
}

static void __noreturn lock_report(const char *why, const struct held_lock *h,
                                   const spinlock_t *l, unsigned long site)
{
    spin_debug_enabled = false;     /* the report itself takes locks */
    printk("Spinlock misuse on CPU%u: %s\n", smp_processor_id(), why);
    print_lock(h ? "taking " : "lock   ", l, site);
    if ( h )
        print_lock("holding", h->lock, h->site);
    show_stack_trace((unsigned long)__builtin_frame_address(0),
                     (unsigned long)lock_report);
    panic("spinlock %s: %s (deadlock risk)", lock_name(l), why);
}

/* The held lock that forbids waiting for l, or NULL. */
static const struct held_lock *conflict(const struct held_locks *hl,
                                        const spinlock_t *l, unsigned int how)
{
    unsigned int i;

    for ( i = 0; i < hl->depth; i++ )
    {
        const struct held_lock *h = &hl->held[i];

        if ( h->lock == l )
            return h;
        if ( h->lock->lock_class == LOCK_CLASS_unranked ||
             l->lock_class == LOCK_CLASS_unranked )
            continue;
        if ( h->lock->lock_class > l->lock_class ||
             (h->lock->lock_class == l->lock_class && how != SPIN_ACQUIRE_NESTED) )
            return h;
    }
    return NULL;
}

void spin_debug_acquire(const spinlock_t *l, unsigned int how)
{
    struct held_locks *hl = &held_locks[smp_processor_id()];
    unsigned long site = (unsigned long)__builtin_return_address(0);
    const struct held_lock *h;

    if ( how != SPIN_ACQUIRE_TRY && (h = conflict(hl, l, how)) != NULL )
        lock_report(h->lock == l ? "lock already held by this CPU"
                                 : "taken against the lock order", h, l, site);
    if ( hl->depth == MAX_HELD_LOCKS )
        lock_report("too many locks held at once", NULL, l, site);
    hl->held[hl->depth].lock = l;
    hl->held[hl->depth].site = site;
    hl->depth++;
}

/* Locks may be released in any order; the record stays a stack. */
void spin_debug_release(const spinlock_t *l)
{
    struct held_locks *hl = &held_locks[smp_processor_id()];
    unsigned int i = hl->depth;

    while ( i-- )
        if ( hl->held[i].lock == l )
        {
            for ( ; i + 1 < hl->depth; i++ )
                hl->held[i] = hl->held[i + 1];
            hl->depth--;
            return;
        }
    lock_report("releasing a lock this CPU does not hold", NULL, l,
                (unsigned long)__builtin_return_address(0));
}

void spin_debug_irq_mismatch(const spinlock_t *l, bool irqs_off)
{
    spin_debug_enabled = false;     /* the report itself takes locks */
    printk("spinlock %s (%p) taken with interrupts %s, but first with them %s\n",
           lock_name(l), (const void *)l, irqs_off ? "off" : "on",
           irqs_off ? "on" : "off");
    show_stack_trace((unsigned long)__builtin_frame_address(0),
                     (unsigned long)spin_debug_irq_mismatch);
    panic("spinlock used with inconsistent interrupt state (deadlock risk)");
}

#endif /* NDEBUG */
