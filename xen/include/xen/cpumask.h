/*
 * cpumask_t: a fixed-size bitmap with one bit per possible CPU (NR_CPUS).
 *
 * Two families of writers, as in Xen and Linux:
 *  - cpumask_set_cpu() / cpumask_clear_cpu() are atomic read-modify-writes,
 *    for masks that several CPUs update without a common lock (for example
 *    a scheduler's "idle CPUs" hint).
 *  - __cpumask_set_cpu() / __cpumask_clear_cpu() and the whole-mask
 *    operations are plain stores, for masks owned by one lock or one CPU.
 *
 * Everything here is header-only and freestanding: no libgcc calls (the
 * popcount is open-coded because __builtin_popcountl may become a libgcc
 * call without the POPCNT instruction, which the image cannot link).
 */
#ifndef XEN_CPUMASK_H
#define XEN_CPUMASK_H

#include <xen/types.h>
#include <asm/config.h>

#define BITS_PER_LONG       (8 * (unsigned int)sizeof(unsigned long))
#define CPUMASK_LONGS       ((NR_CPUS + BITS_PER_LONG - 1) / BITS_PER_LONG)

typedef struct cpumask {
    unsigned long bits[CPUMASK_LONGS];
} cpumask_t;

#define cpumask_word(cpu)   ((cpu) / BITS_PER_LONG)
#define cpumask_bit(cpu)    (1UL << ((cpu) % BITS_PER_LONG))

/* Bits at or above NR_CPUS in the last word; zero when NR_CPUS fills it. */
#define CPUMASK_LAST_WORD_MASK                                              \
    ((NR_CPUS % BITS_PER_LONG) ? (1UL << (NR_CPUS % BITS_PER_LONG)) - 1      \
                               : ~0UL)

static inline unsigned int cpumask_popcount_long(unsigned long w)
{
    w = w - ((w >> 1) & 0x5555555555555555UL);
    w = (w & 0x3333333333333333UL) + ((w >> 2) & 0x3333333333333333UL);
    w = (w + (w >> 4)) & 0x0f0f0f0f0f0f0f0fUL;
    return (unsigned int)((w * 0x0101010101010101UL) >> 56);
}

static inline void cpumask_set_cpu(unsigned int cpu, cpumask_t *m)
{
    __atomic_fetch_or(&m->bits[cpumask_word(cpu)], cpumask_bit(cpu),
                      __ATOMIC_SEQ_CST);
}

static inline void cpumask_clear_cpu(unsigned int cpu, cpumask_t *m)
{
    __atomic_fetch_and(&m->bits[cpumask_word(cpu)], ~cpumask_bit(cpu),
                       __ATOMIC_SEQ_CST);
}

static inline void __cpumask_set_cpu(unsigned int cpu, cpumask_t *m)
{
    m->bits[cpumask_word(cpu)] |= cpumask_bit(cpu);
}

static inline void __cpumask_clear_cpu(unsigned int cpu, cpumask_t *m)
{
    m->bits[cpumask_word(cpu)] &= ~cpumask_bit(cpu);
}

static inline bool cpumask_test_cpu(unsigned int cpu, const cpumask_t *m)
{
    return cpu < NR_CPUS && (m->bits[cpumask_word(cpu)] & cpumask_bit(cpu));
}

static inline void cpumask_clear(cpumask_t *m)
{
    unsigned int i;

    for ( i = 0; i < CPUMASK_LONGS; i++ )
        m->bits[i] = 0;
}

static inline void cpumask_setall(cpumask_t *m)
{
    unsigned int i;

    for ( i = 0; i < CPUMASK_LONGS; i++ )
        m->bits[i] = ~0UL;
    m->bits[CPUMASK_LONGS - 1] &= CPUMASK_LAST_WORD_MASK;
}

/* Sets *m to exactly { cpu }. */
static inline void cpumask_set_only(unsigned int cpu, cpumask_t *m)
{
    cpumask_clear(m);
    __cpumask_set_cpu(cpu, m);
}

static inline void cpumask_copy(cpumask_t *dst, const cpumask_t *src)
{
    *dst = *src;
}

static inline void cpumask_and(cpumask_t *dst, const cpumask_t *a,
                               const cpumask_t *b)
{
    unsigned int i;

    for ( i = 0; i < CPUMASK_LONGS; i++ )
        dst->bits[i] = a->bits[i] & b->bits[i];
}

static inline void cpumask_or(cpumask_t *dst, const cpumask_t *a,
                              const cpumask_t *b)
{
    unsigned int i;

    for ( i = 0; i < CPUMASK_LONGS; i++ )
        dst->bits[i] = a->bits[i] | b->bits[i];
}

/* dst = a & ~b */
static inline void cpumask_andnot(cpumask_t *dst, const cpumask_t *a,
                                  const cpumask_t *b)
{
    unsigned int i;

    for ( i = 0; i < CPUMASK_LONGS; i++ )
        dst->bits[i] = a->bits[i] & ~b->bits[i];
}

static inline bool cpumask_equal(const cpumask_t *a, const cpumask_t *b)
{
    unsigned int i;

    for ( i = 0; i < CPUMASK_LONGS; i++ )
        if ( a->bits[i] != b->bits[i] )
            return false;
    return true;
}

static inline bool cpumask_intersects(const cpumask_t *a, const cpumask_t *b)
{
    unsigned int i;

    for ( i = 0; i < CPUMASK_LONGS; i++ )
        if ( a->bits[i] & b->bits[i] )
            return true;
    return false;
}

/* Is every CPU of a also in b? */
static inline bool cpumask_subset(const cpumask_t *a, const cpumask_t *b)
{
    unsigned int i;

    for ( i = 0; i < CPUMASK_LONGS; i++ )
        if ( a->bits[i] & ~b->bits[i] )
            return false;
    return true;
}

static inline bool cpumask_empty(const cpumask_t *m)
{
    unsigned int i;

    for ( i = 0; i < CPUMASK_LONGS; i++ )
        if ( m->bits[i] )
            return false;
    return true;
}

static inline unsigned int cpumask_weight(const cpumask_t *m)
{
    unsigned int i, n = 0;

    for ( i = 0; i < CPUMASK_LONGS; i++ )
        n += cpumask_popcount_long(m->bits[i]);
    return n;
}

/* The first set CPU at or after `from`, or NR_CPUS if there is none. */
static inline unsigned int cpumask_next_from(unsigned int from,
                                             const cpumask_t *m)
{
    unsigned int w = cpumask_word(from);
    unsigned long bits;

    if ( from >= NR_CPUS )
        return NR_CPUS;
    bits = m->bits[w] & (~0UL << (from % BITS_PER_LONG));
    for ( ;; )
    {
        if ( bits )
            return w * BITS_PER_LONG + (unsigned int)__builtin_ctzl(bits);
        if ( ++w >= CPUMASK_LONGS )
            return NR_CPUS;
        bits = m->bits[w];
    }
}

static inline unsigned int cpumask_first(const cpumask_t *m)
{
    return cpumask_next_from(0, m);
}

/* The first set CPU strictly after `cpu`, or NR_CPUS. */
static inline unsigned int cpumask_next(unsigned int cpu, const cpumask_t *m)
{
    return cpumask_next_from(cpu + 1, m);
}

/* The next set CPU after `cpu`, wrapping around; NR_CPUS if m is empty. */
static inline unsigned int cpumask_cycle(unsigned int cpu, const cpumask_t *m)
{
    unsigned int next = cpumask_next(cpu, m);

    return next < NR_CPUS ? next : cpumask_first(m);
}

#define for_each_cpu(cpu, m)                                                \
    for ( (cpu) = cpumask_first(m); (cpu) < NR_CPUS;                        \
          (cpu) = cpumask_next(cpu, m) )

#endif /* XEN_CPUMASK_H */
