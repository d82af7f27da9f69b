/*
 * cpumask_t (xen/include/xen/cpumask.h): single bits, whole-mask
 * operations, iteration and counting, against a plain bool-array model.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <xen/cpumask.h>
#include "unit.h"

static bool model[NR_CPUS];

/* Fills m and the model with a pseudo-random pattern. */
static void fill(cpumask_t *m, bool *mod, unsigned int seed)
{
    unsigned int c;

    cpumask_clear(m);
    srand(seed);
    for ( c = 0; c < NR_CPUS; c++ )
    {
        mod[c] = rand() % 3 == 0;
        if ( mod[c] )
            __cpumask_set_cpu(c, m);
    }
}

static void test_bits(void)
{
    cpumask_t m;
    unsigned int c, n = 0, prev = 0, first = NR_CPUS;

    fill(&m, model, 1);
    for ( c = 0; c < NR_CPUS; c++ )
    {
        CHECK(cpumask_test_cpu(c, &m) == model[c], "bit %u", c);
        if ( model[c] )
        {
            n++;
            if ( first == NR_CPUS )
                first = c;
        }
    }
    CHECK(cpumask_weight(&m) == n, "weight %u vs %u", cpumask_weight(&m), n);
    CHECK(cpumask_first(&m) == first, "first");
    n = 0;
    for_each_cpu ( c, &m )
    {
        CHECK(model[c] && (n == 0 || c > prev), "iteration order at %u", c);
        prev = c;
        n++;
    }
    CHECK(n == cpumask_weight(&m), "for_each_cpu visits %u", n);
    CHECK(!cpumask_test_cpu(NR_CPUS, &m), "out-of-range CPU is clear");

    cpumask_set_cpu(NR_CPUS - 1, &m);
    cpumask_clear_cpu(first, &m);
    CHECK(cpumask_test_cpu(NR_CPUS - 1, &m) && !cpumask_test_cpu(first, &m),
          "atomic set/clear");
    CHECK(cpumask_next(NR_CPUS - 1, &m) == NR_CPUS, "next past the end");
    CHECK(cpumask_cycle(NR_CPUS - 1, &m) == cpumask_first(&m), "cycle wraps");
}

static void test_whole(void)
{
    static bool mb[NR_CPUS];
    cpumask_t a, b, r;
    unsigned int c;

    fill(&a, model, 2);
    fill(&b, mb, 3);
    cpumask_and(&r, &a, &b);
    for ( c = 0; c < NR_CPUS; c++ )
        CHECK(cpumask_test_cpu(c, &r) == (model[c] && mb[c]), "and %u", c);
    cpumask_or(&r, &a, &b);
    for ( c = 0; c < NR_CPUS; c++ )
        CHECK(cpumask_test_cpu(c, &r) == (model[c] || mb[c]), "or %u", c);
    cpumask_andnot(&r, &a, &b);
    for ( c = 0; c < NR_CPUS; c++ )
        CHECK(cpumask_test_cpu(c, &r) == (model[c] && !mb[c]), "andnot %u", c);
    CHECK(cpumask_subset(&r, &a) && !cpumask_intersects(&r, &b), "subset");

    cpumask_setall(&r);
    CHECK(cpumask_weight(&r) == NR_CPUS, "setall weight");
    cpumask_clear(&r);
    CHECK(cpumask_empty(&r) && cpumask_first(&r) == NR_CPUS, "clear");
    cpumask_set_only(5, &r);
    CHECK(cpumask_weight(&r) == 1 && cpumask_first(&r) == 5, "set_only");
    cpumask_copy(&b, &r);
    CHECK(cpumask_equal(&b, &r), "copy/equal");
    CHECK(cpumask_cycle(5, &r) == 5, "cycle of a single CPU");
}

int main(void)
{
    test_bits();
    test_whole();
    return unit_finish("test-cpumask");
}
