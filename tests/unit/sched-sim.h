/*
 * A discrete-event simulation of CPUs for host tests of the scheduler
 * (xen/common/sched/).  The real core and policy decide; the simulation
 * plays the hardware and the guests: it runs each decision for its slice
 * (or until the unit blocks, or the CPU is poked), advances the clock, wakes
 * sleepers on time and keeps its own books -- time run per unit, waits,
 * where each unit ran -- as the oracle the tests compare against.
 *
 * Units are CPU-bound (burst 0) or alternate `burst` of running with
 * `sleep` of blocking.
 */
#ifndef TESTS_SCHED_SIM_H
#define TESTS_SCHED_SIM_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xen/sched-if.h>

#define SIM_MAX_UNITS   16
#define SIM_MAX_CPUS    4
#define SIM_FOREVER     INT64_MAX
#define SIM_MIN(a, b)   ((a) < (b) ? (a) : (b))

struct sim_unit {
    struct sched_unit u;
    cpumask_t allowed;          /* the oracle's idea of the affinity */
    s_time_t burst, sleep;      /* burst 0: CPU-bound */
    s_time_t burst_left;
    s_time_t wake_at;           /* -1 unless blocked with a pattern */
    s_time_t ran, ran_total;    /* ran is reset by sim_reset_stats */
    s_time_t runnable_since, max_wait;
    unsigned int ran_on[SIM_MAX_CPUS];  /* grants per CPU */
    bool capped;
};

struct sim {
    struct sched_instance inst;
    struct sched_unit idle[SIM_MAX_CPUS];
    struct sim_unit units[SIM_MAX_UNITS];
    unsigned int ncpus, nunits;
    s_time_t now;
    struct sched_unit *curr[SIM_MAX_CPUS];
    s_time_t started[SIM_MAX_CPUS], slice_end[SIM_MAX_CPUS];
    bool poke[SIM_MAX_CPUS];
    s_time_t idle_time[SIM_MAX_CPUS];
    /* Violations the tests assert to be zero. */
    unsigned int wrong_cpu, idle_while_runnable, bad_slice, ran_blocked;
    bool check_idle;
};

static void *sim_alloc(size_t size, void *arg)
{
    (void)arg;
    return malloc(size);
}

static void sim_free(void *p, void *arg)
{
    (void)arg;
    free(p);
}

static struct sim_unit *sim_of(struct sched_unit *u)
{
    return (struct sim_unit *)u;     /* u is the first member */
}

static void sim_init(struct sim *sim, unsigned int ncpus)
{
    struct sched_mem mem = { sim_alloc, sim_free, NULL };
    unsigned int c;

    memset(sim, 0, sizeof(*sim));
    sim->ncpus = ncpus;
    sim->check_idle = true;
    if ( sched_instance_init(&sim->inst, &sched_credit2_def, &mem) )
        abort();
    for ( c = 0; c < ncpus; c++ )
    {
        if ( sched_add_cpu(&sim->inst, c, &sim->idle[c], 0) )
            abort();
        sim->curr[c] = &sim->idle[c];
        sim->slice_end[c] = SIM_FOREVER;
    }
}

static void sim_poke(struct sim *sim, int cpu)
{
    if ( cpu >= 0 )
        sim->poke[cpu] = true;
}

static void sim_wake(struct sim *sim, struct sim_unit *su)
{
    su->wake_at = -1;
    if ( su->u.runstate != RUNSTATE_runnable && su->u.runstate != RUNSTATE_running )
        su->runnable_since = sim->now;
    sim_poke(sim, sched_wake(&sim->inst, &su->u, sim->now));
}

/* Adds a unit on CPU `cpu` (its first CPU) and wakes it. */
static struct sim_unit *sim_add(struct sim *sim, unsigned int weight,
                                unsigned int cap, s_time_t burst, s_time_t sleep)
{
    struct sim_unit *su = &sim->units[sim->nunits];
    struct sched_params p = { weight, cap };
    unsigned int i = sim->nunits++;

    if ( sched_init_unit(&sim->inst, &su->u, i, (domid_t)(1 + i),
                         i % sim->ncpus) )
        abort();
    cpumask_copy(&su->allowed, &sim->inst.cpus);
    su->burst = su->burst_left = burst;
    su->sleep = sleep;
    su->wake_at = -1;
    su->capped = cap != 0;
    sched_insert_unit(&sim->inst, &su->u, sim->now);
    if ( sched_adjust(&sim->inst, &su->u, &p, sim->now) )
        abort();
    sim_wake(sim, su);
    return su;
}

static int sim_pin(struct sim *sim, struct sim_unit *su, const cpumask_t *m)
{
    int rc = sched_set_affinity(&sim->inst, &su->u, m, sim->now);

    if ( rc >= -1 )
    {
        cpumask_copy(&su->allowed, m);
        sim_poke(sim, rc);
    }
    return rc;
}

/* Charges what ran on cpu up to now; ends a burst by blocking. */
static void sim_stop(struct sim *sim, unsigned int c)
{
    struct sched_unit *u = sim->curr[c];
    s_time_t dt = sim->now - sim->started[c];
    struct sim_unit *su;

    sim->started[c] = sim->now;
    if ( u->is_idle )
    {
        sim->idle_time[c] += dt;
        return;
    }
    su = sim_of(u);
    if ( u->runstate != RUNSTATE_running )
    {
        /* Asleep since it was last charged: its CPU has not noticed yet. */
        if ( dt > 0 )
            sim->ran_blocked++;
        return;
    }
    su->ran += dt;
    su->ran_total += dt;
    if ( !su->burst )
        return;
    su->burst_left -= dt;
    if ( su->burst_left <= 0 )
    {
        su->burst_left = su->burst;
        su->wake_at = sim->now + su->sleep;
        sched_sleep(&sim->inst, u, RUNSTATE_blocked, sim->now);
        sim->poke[c] = true;
    }
}

/*
 * Idle on c is only right if no uncapped runnable unit may run on c.
 * Checked once all pokes of an instant are handled: a CPU may idle for
 * an instant while the unit it could run is already promised to another.
 */
static void sim_check_idle(struct sim *sim, unsigned int c)
{
    unsigned int i;

    for ( i = 0; i < sim->nunits; i++ )
    {
        struct sim_unit *su = &sim->units[i];

        if ( su->u.runstate == RUNSTATE_runnable && !su->capped &&
             cpumask_test_cpu(c, &su->allowed) )
        {
            if ( getenv("SIM_DEBUG") )
                fprintf(stderr, "t=%lld cpu%u idle, unit %u runnable on cpu%u\n",
                        (long long)sim->now, c, i, su->u.processor);
            sim->idle_while_runnable++;
        }
    }
}

static void sim_resched(struct sim *sim, unsigned int c)
{
    struct sched_unit *prev = sim->curr[c];
    struct sched_decision d;

    sim_stop(sim, c);
    d = sched_schedule(&sim->inst, c, sim->now);
    if ( !prev->is_idle && prev != d.unit && prev->runstate == RUNSTATE_runnable )
        sim_of(prev)->runnable_since = sim->now;
    if ( !d.unit->is_idle )
    {
        struct sim_unit *su = sim_of(d.unit);

        if ( !cpumask_test_cpu(c, &su->allowed) )
            sim->wrong_cpu++;
        su->ran_on[c]++;
        if ( d.unit != prev && sim->now - su->runnable_since > su->max_wait )
            su->max_wait = sim->now - su->runnable_since;
    }
    if ( d.slice <= 0 && d.slice != SCHED_NO_SLICE )
        sim->bad_slice++;
    sim->curr[c] = d.unit;
    sim->slice_end[c] = d.slice == SCHED_NO_SLICE ? SIM_FOREVER
                                                  : sim->now + d.slice;
    sim_poke(sim, d.tickle);
}

/* When cpu c next needs attention: slice end or end of a burst. */
static s_time_t sim_cpu_event(struct sim *sim, unsigned int c)
{
    struct sched_unit *u = sim->curr[c];
    s_time_t t = sim->slice_end[c];

    if ( !u->is_idle && sim_of(u)->burst && u->runstate == RUNSTATE_running )
        t = SIM_MIN(t, sim->started[c] + sim_of(u)->burst_left);
    return t;
}

static void sim_do_pokes(struct sim *sim)
{
    bool again = true;
    unsigned int c;

    while ( again )
    {
        again = false;
        for ( c = 0; c < sim->ncpus; c++ )
            if ( sim->poke[c] )
            {
                sim->poke[c] = false;
                sim_resched(sim, c);
                again = true;
            }
    }
}

static s_time_t sim_next_event(struct sim *sim)
{
    s_time_t t = SIM_FOREVER;
    unsigned int i;

    for ( i = 0; i < sim->ncpus; i++ )
        t = SIM_MIN(t, sim_cpu_event(sim, i));
    for ( i = 0; i < sim->nunits; i++ )
        if ( sim->units[i].wake_at >= 0 )
            t = SIM_MIN(t, sim->units[i].wake_at);
    return t;
}

/* Runs the machine for `span`; afterwards every CPU is charged up to now. */
static void sim_run(struct sim *sim, s_time_t span)
{
    s_time_t until = sim->now + span;
    unsigned int i;

    for ( ;; )
    {
        s_time_t t;

        sim_do_pokes(sim);
        for ( i = 0; i < sim->ncpus && sim->check_idle; i++ )
            if ( sim->curr[i]->is_idle )
                sim_check_idle(sim, i);
        t = sim_next_event(sim);
        if ( t > until )
            break;
        sim->now = t;
        for ( i = 0; i < sim->nunits; i++ )
            if ( sim->units[i].wake_at >= 0 && sim->units[i].wake_at <= t )
                sim_wake(sim, &sim->units[i]);
        for ( i = 0; i < sim->ncpus; i++ )
            if ( sim_cpu_event(sim, i) <= t )
                sim->poke[i] = true;
    }
    sim->now = until;
    for ( i = 0; i < sim->ncpus; i++ )
        sim_stop(sim, i);
}

static void sim_reset_stats(struct sim *sim)
{
    unsigned int i;

    for ( i = 0; i < sim->nunits; i++ )
    {
        sim->units[i].ran = 0;
        sim->units[i].max_wait = 0;
        memset(sim->units[i].ran_on, 0, sizeof(sim->units[i].ran_on));
    }
    memset(sim->idle_time, 0, sizeof(sim->idle_time));
}

static double sim_share(const struct sim_unit *su, s_time_t span)
{
    return (double)su->ran / (double)span;
}

/* Puts every unit to sleep, lets the CPUs idle, and frees everything. */
static void sim_destroy(struct sim *sim)
{
    unsigned int i;

    for ( i = 0; i < sim->nunits; i++ )
        sched_sleep(&sim->inst, &sim->units[i].u, RUNSTATE_offline, sim->now);
    for ( i = 0; i < sim->ncpus; i++ )
        sim_resched(sim, i);
    for ( i = 0; i < sim->nunits; i++ )
    {
        sched_remove_unit(&sim->inst, &sim->units[i].u, sim->now);
        sched_destroy_unit(&sim->inst, &sim->units[i].u);
    }
    sched_instance_destroy(&sim->inst);
}

#endif /* TESTS_SCHED_SIM_H */
