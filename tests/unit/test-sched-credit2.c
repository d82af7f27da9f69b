/*
 * The scheduler core and the credit2 policy (xen/common/sched/), run on a
 * simulated machine (sched-sim.h): shares proportional to weight, caps,
 * no starvation, affinity, idle only when nothing can run, sleep and wake,
 * yield, parameters, the sched= registry, the dump and the boot self-check.
 *
 * Tolerances are relative to the expected value unless said otherwise.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <xen/errno.h>
#include "sched-sim.h"
#include "unit.h"

static char dump_buf[8192];
static size_t dump_len;

/* The hypervisor's console, for the core and policy on the host. */
void printk(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    if ( dump_len < sizeof(dump_buf) )
        dump_len += (size_t)vsnprintf(dump_buf + dump_len,
                                      sizeof(dump_buf) - dump_len, fmt, ap);
    va_end(ap);
    if ( dump_len >= sizeof(dump_buf) )
        dump_len = sizeof(dump_buf) - 1;
}

void assert_failed(const char *expr, const char *file, int line)
{
    fprintf(stderr, "%s:%d: ASSERT/BUG_ON failed: %s\n", file, line, expr);
    abort();
}

static bool within(double got, double want, double rel)
{
    return fabs(got - want) <= rel * want;
}

static void check_clean(struct sim *sim, const char *what)
{
    CHECK(sim->wrong_cpu == 0, "%s: %u grants outside affinity", what,
          sim->wrong_cpu);
    CHECK(sim->idle_while_runnable == 0, "%s: idle %u times with work", what,
          sim->idle_while_runnable);
    CHECK(sim->bad_slice == 0, "%s: %u non-positive slices", what,
          sim->bad_slice);
    CHECK(sim->ran_blocked == 0, "%s: blocked units ran %u times", what,
          sim->ran_blocked);
}

/* The core's runstate accounting must agree with the simulation's books. */
static void check_runstate_books(struct sim *sim, const char *what)
{
    unsigned int i;

    for ( i = 0; i < sim->nunits; i++ )
    {
        struct sim_unit *su = &sim->units[i];

        CHECK(su->u.runstate_time[RUNSTATE_running] +
              (su->u.runstate == RUNSTATE_running
               ? sim->now - su->u.state_entry_time : 0) == su->ran_total,
              "%s: unit %u running time %lld vs simulated %lld", what, i,
              (long long)su->u.runstate_time[RUNSTATE_running],
              (long long)su->ran_total);
    }
}

/* 1:2:4 weights on one CPU get 1/7, 2/7, 4/7 of it. */
static void test_weights(void)
{
    static const unsigned int w[] = { 256, 512, 1024 };
    struct sim sim;
    s_time_t span = SECONDS(10);
    unsigned int i;

    sim_init(&sim, 1);
    for ( i = 0; i < 3; i++ )
        sim_add(&sim, w[i], 0, 0, 0);
    sim_run(&sim, SECONDS(1));
    sim_reset_stats(&sim);
    sim_run(&sim, span);
    for ( i = 0; i < 3; i++ )
    {
        double got = sim_share(&sim.units[i], span), want = w[i] / 1792.0;

        printf("weights 1:2:4, unit %u (w=%u): share %.4f, expected %.4f\n",
               i, w[i], got, want);
        CHECK(within(got, want, 0.05), "weight %u: share %.4f, want %.4f",
              w[i], got, want);
    }
    check_clean(&sim, "weights");
    check_runstate_books(&sim, "weights");
    sim_destroy(&sim);
}

/* Weights also hold against units that block and wake all the time. */
static void test_weights_mixed(void)
{
    struct sim sim;
    s_time_t span = SECONDS(10);
    struct sim_unit *a, *b;
    double sa, sb;

    sim_init(&sim, 1);
    a = sim_add(&sim, 256, 0, 0, 0);
    b = sim_add(&sim, 768, 0, MILLISECS(7), MILLISECS(3));
    sim_run(&sim, SECONDS(1));
    sim_reset_stats(&sim);
    sim_run(&sim, span);
    sa = sim_share(a, span);
    sb = sim_share(b, span);
    printf("weights 1:3 with a blocking unit: %.4f / %.4f\n", sa, sb);
    /* b wants 70% at most and is entitled to 75%: it gets what it wants. */
    CHECK(within(sb, 0.70, 0.05), "blocking unit share %.4f", sb);
    CHECK(within(sa, 0.30, 0.05), "CPU-bound unit share %.4f", sa);
    check_clean(&sim, "weights mixed");
    sim_destroy(&sim);
}

/* Two CPUs, four equal units: 50% each, and no CPU time wasted. */
static void test_two_cpus(void)
{
    struct sim sim;
    s_time_t span = SECONDS(5);
    unsigned int i;

    sim_init(&sim, 2);
    for ( i = 0; i < 4; i++ )
        sim_add(&sim, 256, 0, 0, 0);
    sim_run(&sim, SECONDS(1));
    sim_reset_stats(&sim);
    sim_run(&sim, span);
    for ( i = 0; i < 4; i++ )
    {
        double got = sim_share(&sim.units[i], span);

        printf("2 CPUs, 4 equal units, unit %u: share %.4f\n", i, got);
        CHECK(within(got, 0.5, 0.05), "unit %u share %.4f", i, got);
    }
    CHECK(sim.idle_time[0] + sim.idle_time[1] == 0, "idle time %lld",
          (long long)(sim.idle_time[0] + sim.idle_time[1]));
    check_clean(&sim, "two cpus");
    sim_destroy(&sim);
}

/* A 30% cap holds alone, against competition, and with high weight. */
static void test_caps(void)
{
    struct sim sim;
    s_time_t span = SECONDS(5);
    struct sim_unit *a, *b;
    double sa, sb;

    sim_init(&sim, 1);
    a = sim_add(&sim, 256, 30, 0, 0);
    sim_run(&sim, SECONDS(1));
    sim_reset_stats(&sim);
    sim_run(&sim, span);
    sa = sim_share(a, span);
    printf("cap 30%% alone: %.4f (idle %.4f)\n", sa,
           (double)sim.idle_time[0] / span);
    CHECK(sa <= 0.31 && sa >= 0.29, "capped alone: %.4f", sa);

    b = sim_add(&sim, 256, 0, 0, 0);
    CHECK(sched_adjust(&sim.inst, &a->u, &(struct sched_params){ 4096, 30 },
                       sim.now) == 0, "raise the capped unit's weight");
    sim_run(&sim, SECONDS(1));
    sim_reset_stats(&sim);
    sim_run(&sim, span);
    sa = sim_share(a, span);
    sb = sim_share(b, span);
    printf("cap 30%% at weight 4096 vs uncapped 256: %.4f / %.4f\n", sa, sb);
    CHECK(sa <= 0.31 && sa >= 0.29, "capped vs uncapped: %.4f", sa);
    CHECK(sb >= 0.69, "uncapped unit gets the rest: %.4f", sb);
    check_clean(&sim, "caps");
    sim_destroy(&sim);
}

/* Caps on two CPUs, and a capped unit that blocks now and then. */
static void test_caps_smp(void)
{
    struct sim sim;
    s_time_t span = SECONDS(5);
    struct sim_unit *a, *b, *c;
    double sa, sb, sc;

    sim_init(&sim, 2);
    a = sim_add(&sim, 256, 50, 0, 0);
    b = sim_add(&sim, 256, 20, 0, 0);
    c = sim_add(&sim, 256, 40, MILLISECS(7), MILLISECS(2));
    sim_run(&sim, SECONDS(1));
    sim_reset_stats(&sim);
    sim_run(&sim, span);
    sa = sim_share(a, span);
    sb = sim_share(b, span);
    sc = sim_share(c, span);
    printf("caps 50/20/40%% on 2 CPUs: %.4f / %.4f / %.4f\n", sa, sb, sc);
    CHECK(sa <= 0.51 && sa >= 0.48, "cap 50: %.4f", sa);
    CHECK(sb <= 0.21 && sb >= 0.19, "cap 20: %.4f", sb);
    CHECK(sc <= 0.41 && sc >= 0.35, "cap 40, blocking: %.4f", sc);
    check_clean(&sim, "caps smp");
    sim_destroy(&sim);
}

/*
 * A light unit among heavy CPU hogs and frequent high-weight wakers still
 * runs, with a wait bounded by the weights (here its share is ~0.8%).
 */
static void test_no_starvation(void)
{
    struct sim sim;
    s_time_t span = SECONDS(10);
    struct sim_unit *light;
    unsigned int i;

    sim_init(&sim, 1);
    light = sim_add(&sim, 64, 0, 0, 0);
    for ( i = 0; i < 4; i++ )
        sim_add(&sim, 2048, 0, 0, 0);
    for ( i = 0; i < 2; i++ )
        sim_add(&sim, 4096, 0, MICROSECS(200), MICROSECS(300));
    sim_run(&sim, SECONDS(1));
    sim_reset_stats(&sim);
    sim_run(&sim, span);
    printf("starvation: light unit share %.5f, max wait %.1f ms\n",
           sim_share(light, span), light->max_wait / 1e6);
    CHECK(light->ran > 0, "light unit never ran");
    CHECK(light->max_wait <= MILLISECS(400), "light unit waited %lld ns",
          (long long)light->max_wait);
    for ( i = 0; i < sim.nunits; i++ )
        CHECK(sim.units[i].max_wait <= MILLISECS(400), "unit %u waited %lld",
              i, (long long)sim.units[i].max_wait);
    check_clean(&sim, "starvation");
    sim_destroy(&sim);

    /* Equal units take turns: nobody waits for more than a few slices. */
    sim_init(&sim, 1);
    for ( i = 0; i < 8; i++ )
        sim_add(&sim, 256, 0, 0, 0);
    sim_run(&sim, SECONDS(2));
    for ( i = 0; i < 8; i++ )
        CHECK(sim.units[i].max_wait <= MILLISECS(30), "equal unit %u waited %lld",
              i, (long long)sim.units[i].max_wait);
    sim_destroy(&sim);
}

static unsigned int grants_off(const struct sim_unit *su, unsigned int cpu,
                               unsigned int ncpus)
{
    unsigned int c, n = 0;

    for ( c = 0; c < ncpus; c++ )
        if ( c != cpu )
            n += su->ran_on[c];
    return n;
}

/*
 * Pinned units run only where they are pinned, also after a re-pin.  Two
 * CPU-bound units share CPU 1 while the others often idle, so other CPUs
 * keep trying to pull work from CPU 1's queue.
 */
static void test_affinity(void)
{
    struct sim sim;
    struct sim_unit *p, *q;
    cpumask_t m;
    unsigned int i;

    sim_init(&sim, 4);
    p = sim_add(&sim, 256, 0, MICROSECS(800), MICROSECS(400));
    q = sim_add(&sim, 1024, 0, 0, 0);
    cpumask_set_only(1, &m);
    CHECK(sim_pin(&sim, p, &m) >= -1, "pin to CPU 1");
    CHECK(sim_pin(&sim, q, &m) >= -1, "pin to CPU 1");
    for ( i = 0; i < 4; i++ )
        sim_add(&sim, 256 << (i % 3), 0, i % 2 ? MILLISECS(1) : MILLISECS(3),
                MILLISECS(2));
    sim_run(&sim, SECONDS(3));
    printf("affinity: pinned units' grants on CPU1 %u, elsewhere %u\n",
           p->ran_on[1] + q->ran_on[1], grants_off(p, 1, 4) + grants_off(q, 1, 4));
    CHECK(p->ran_on[1] > 0 && grants_off(p, 1, 4) == 0,
          "pinned unit ran elsewhere %u times", grants_off(p, 1, 4));
    CHECK(q->ran_on[1] > 0 && grants_off(q, 1, 4) == 0,
          "pinned hog ran elsewhere %u times", grants_off(q, 1, 4));

    /* Re-pin a CPU-bound unit to CPUs 2-3 (it may be running right now). */
    p->burst = 0;
    cpumask_clear(&m);
    __cpumask_set_cpu(2, &m);
    __cpumask_set_cpu(3, &m);
    CHECK(sim_pin(&sim, p, &m) >= -1, "re-pin");
    sim_reset_stats(&sim);
    sim_run(&sim, SECONDS(2));
    CHECK(p->ran_on[0] == 0 && p->ran_on[1] == 0 &&
          p->ran_on[2] + p->ran_on[3] > 0, "re-pinned grants %u %u %u %u",
          p->ran_on[0], p->ran_on[1], p->ran_on[2], p->ran_on[3]);

    cpumask_clear(&m);
    CHECK(sched_set_affinity(&sim.inst, &p->u, &m, sim.now) == -EINVAL,
          "empty affinity refused");
    __cpumask_set_cpu(9, &m);
    CHECK(sched_set_affinity(&sim.inst, &p->u, &m, sim.now) == -EINVAL,
          "affinity outside the instance refused");
    check_clean(&sim, "affinity");
    check_runstate_books(&sim, "affinity");
    sim_destroy(&sim);
}

/* Idle only when nothing may run: checked at every idle decision. */
static void test_idle(void)
{
    struct sim sim;
    unsigned int i;
    struct sched_decision d;

    sim_init(&sim, 2);
    for ( i = 0; i < 5; i++ )
        sim_add(&sim, 256 + 128 * i, 0, MICROSECS(300 + 500 * i),
                MICROSECS(2000 - 300 * i));
    sim_run(&sim, SECONDS(3));
    printf("idle: %.4f and %.4f of the CPUs idle with 5 blocking units\n",
           sim.idle_time[0] / 3e9, sim.idle_time[1] / 3e9);
    check_clean(&sim, "idle");
    CHECK(sim.idle_time[0] + sim.idle_time[1] > 0, "some idle time expected");

    for ( i = 0; i < sim.nunits; i++ )
        sim_poke(&sim, sched_sleep(&sim.inst, &sim.units[i].u,
                                   RUNSTATE_blocked, sim.now));
    sim_do_pokes(&sim);
    for ( i = 0; i < 2; i++ )
    {
        d = sched_schedule(&sim.inst, i, sim.now);
        CHECK(d.unit == &sim.idle[i] && d.slice == SCHED_NO_SLICE,
              "all asleep: CPU %u idles without a timer", i);
    }
    sim_destroy(&sim);
}

/* Sleeping units never run; a woken unit preempts a hog quickly. */
static void test_sleep_wake(void)
{
    struct sim sim;
    struct sim_unit *hog, *io;
    unsigned int i;

    sim_init(&sim, 1);
    hog = sim_add(&sim, 256, 0, 0, 0);
    io = sim_add(&sim, 256, 0, 0, 0);
    sim_run(&sim, MILLISECS(50));
    /* io is running or queued; put it to sleep. */
    sim_poke(&sim, sched_sleep(&sim.inst, &io->u, RUNSTATE_blocked, sim.now));
    CHECK(sched_sleep(&sim.inst, &io->u, RUNSTATE_blocked, sim.now) == -1,
          "second sleep is a no-op");
    sim_reset_stats(&sim);
    sim_run(&sim, MILLISECS(100));
    CHECK(io->ran == 0 && hog->ran == MILLISECS(100),
          "asleep: io ran %lld, hog %lld", (long long)io->ran,
          (long long)hog->ran);

    sim_wake(&sim, io);
    CHECK(sim.poke[0], "a wake with more credit pokes the CPU");
    CHECK(sched_wake(&sim.inst, &io->u, sim.now) == -1, "second wake no-op");
    sim_run(&sim, MILLISECS(2));
    CHECK(io->ran > 0 && io->max_wait <= MILLISECS(1),
          "woken unit waited %lld", (long long)io->max_wait);

    /* Sleeping the running unit asks for its CPU to reschedule. */
    CHECK(sched_sleep(&sim.inst, sim.curr[0], RUNSTATE_blocked, sim.now) == 0,
          "sleep of the running unit pokes its CPU");
    sim_poke(&sim, 0);
    sim_run(&sim, 0);
    CHECK(sim.curr[0]->runstate == RUNSTATE_running, "another unit runs");
    sim_wake(&sim, hog);
    sim_wake(&sim, io);

    /* An I/O-bound unit among hogs gets the CPU within a few ms. */
    io->burst = io->burst_left = MICROSECS(100);
    io->sleep = MICROSECS(1300);
    for ( i = 0; i < 2; i++ )
        sim_add(&sim, 256, 0, 0, 0);
    sim_run(&sim, MILLISECS(200));
    sim_reset_stats(&sim);
    sim_run(&sim, SECONDS(2));
    printf("wake latency of an I/O unit among 3 hogs: max %.3f ms\n",
           io->max_wait / 1e6);
    /*
     * Not within the rate limit every time: right after a reset the hogs
     * have as much credit as io (all clipped to CREDIT_INIT), a tie does
     * not preempt, and io waits for the current slice to end.
     */
    CHECK(io->max_wait <= MILLISECS(5), "I/O unit waited %lld",
          (long long)io->max_wait);
    check_clean(&sim, "sleep/wake");
    check_runstate_books(&sim, "sleep/wake");
    sim_destroy(&sim);
}

/* Yield hands the CPU to another runnable unit, if there is one. */
static void test_yield(void)
{
    struct sim sim;
    struct sim_unit *a, *b;
    struct sched_unit *before;
    unsigned int i, switched = 0;

    sim_init(&sim, 1);
    a = sim_add(&sim, 256, 0, 0, 0);
    b = sim_add(&sim, 256, 0, 0, 0);
    for ( i = 0; i < 20; i++ )
    {
        sim_run(&sim, MICROSECS(100 + 37 * i));
        before = sim.curr[0];
        CHECK(sched_yield(&sim.inst, before) == 0, "yield pokes own CPU");
        sim_poke(&sim, 0);
        sim_do_pokes(&sim);
        switched += sim.curr[0] != before;
    }
    CHECK(switched == 20, "yield switched %u of 20 times", switched);

    sim_poke(&sim, sched_sleep(&sim.inst, &b->u, RUNSTATE_blocked, sim.now));
    sim_do_pokes(&sim);
    CHECK(sim.curr[0] == &a->u, "a runs alone");
    CHECK(sched_yield(&sim.inst, &a->u) == 0, "yield alone");
    sim_poke(&sim, 0);
    sim_do_pokes(&sim);
    CHECK(sim.curr[0] == &a->u, "yield with nobody else keeps running");
    CHECK(sched_yield(&sim.inst, &b->u) == -1, "a sleeper cannot yield");
    check_clean(&sim, "yield");
    sim_destroy(&sim);
}

static void test_params_and_registry(void)
{
    struct sim sim;
    struct sim_unit *a;
    struct sched_params p;

    sim_init(&sim, 1);
    a = sim_add(&sim, 300, 25, 0, 0);
    sched_get_params(&sim.inst, &a->u, &p);
    CHECK(p.weight == 300 && p.cap == 25, "params %u %u", p.weight, p.cap);
    CHECK(sched_adjust(&sim.inst, &a->u, &(struct sched_params){ 0, 0 },
                       sim.now) == -EINVAL, "weight 0 refused");
    CHECK(sched_adjust(&sim.inst, &a->u, &(struct sched_params){ 65536, 0 },
                       sim.now) == -EINVAL, "weight 65536 refused");
    CHECK(sched_adjust(&sim.inst, &a->u, &(struct sched_params){ 1, 101 },
                       sim.now) == -EINVAL, "cap 101 refused");
    sched_get_params(&sim.inst, &a->u, &p);
    CHECK(p.weight == 300 && p.cap == 25, "refused adjust changed nothing");

    CHECK(sched_find("credit2") == &sched_credit2_def, "credit2 registered");
    CHECK(sched_find("credit") == NULL, "unknown policy");
    CHECK(sched_default() == &sched_credit2_def, "default policy");

    sim_run(&sim, MILLISECS(30));
    dump_len = 0;
    sched_dump(&sim.inst);
    CHECK(strstr(dump_buf, "credit2") && strstr(dump_buf, "CPU0:") &&
          strstr(dump_buf, "d1v0 w=300 cap=25"), "dump:\n%s", dump_buf);
    sim_destroy(&sim);
}

static void test_selftest(void)
{
    dump_len = 0;
    CHECK(sched_selftest() == 0, "boot self-check: %s", dump_buf);
    /* It must be repeatable (nothing left behind). */
    CHECK(sched_selftest() == 0, "second run: %s", dump_buf);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    test_selftest();
    test_weights();
    test_weights_mixed();
    test_two_cpus();
    test_caps();
    test_caps_smp();
    test_no_starvation();
    test_affinity();
    test_idle();
    test_sleep_wake();
    test_yield();
    test_params_and_registry();
    return unit_finish("test-sched-credit2");
}
