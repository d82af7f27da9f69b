/*
 * sched_selftest(): a boot-time check that the default policy works in the
 * image as built (compiler flags, no libc), on a private instance with its
 * own memory, so it needs neither xmalloc nor other CPUs and leaves the
 * real scheduler untouched.  The host unit tests run it too.
 */
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/sched-if.h>
#include <xen/string.h>

#define ROUNDS 8

static struct sched_instance st_inst;
static struct sched_unit st_idle, st_a, st_b;
static unsigned char st_mem[2048] __aligned(16);

static bool st_check(bool ok, const char *what)
{
    if ( !ok )
        printk("sched selftest: %s: FAILED\n", what);
    return ok;
}

static int st_setup(struct sched_arena *arena)
{
    struct sched_mem mem = { sched_arena_alloc, sched_arena_free, arena };

    memset(&st_idle, 0, sizeof(st_idle));
    if ( sched_instance_init(&st_inst, sched_default(), &mem) ||
         sched_add_cpu(&st_inst, 0, &st_idle, 0) ||
         sched_init_unit(&st_inst, &st_a, 0, 1, 0) ||
         sched_init_unit(&st_inst, &st_b, 1, 1, 0) )
        return -ENOMEM;
    sched_insert_unit(&st_inst, &st_a, 0);
    sched_insert_unit(&st_inst, &st_b, 0);
    return 0;
}

/* Both runnable: the CPU must go to each in turn, never idle. */
static bool st_alternates(s_time_t *now)
{
    struct sched_unit *prev = NULL;
    unsigned int i;
    bool ok = true;

    sched_wake(&st_inst, &st_a, *now);
    sched_wake(&st_inst, &st_b, *now);
    for ( i = 0; i < ROUNDS && ok; i++ )
    {
        struct sched_decision d = sched_schedule(&st_inst, 0, *now);

        ok = st_check(d.unit == &st_a || d.unit == &st_b, "a unit runs") &&
             st_check(d.unit != prev, "units alternate") &&
             st_check(d.slice > 0, "positive slice");
        prev = d.unit;
        *now += d.slice;
    }
    return ok;
}

/* Both asleep: idle, with no timer needed. */
static bool st_idles(s_time_t *now)
{
    struct sched_decision d;

    sched_sleep(&st_inst, &st_a, RUNSTATE_blocked, *now);
    sched_sleep(&st_inst, &st_b, RUNSTATE_blocked, *now);
    d = sched_schedule(&st_inst, 0, *now);
    return st_check(d.unit == &st_idle, "idle when both sleep") &&
           st_check(d.slice == SCHED_NO_SLICE, "idle needs no timer");
}

/* Works after a failed check too: whatever runs is put to sleep first. */
static void st_teardown(s_time_t now)
{
    sched_sleep(&st_inst, &st_a, RUNSTATE_offline, now);
    sched_sleep(&st_inst, &st_b, RUNSTATE_offline, now);
    sched_schedule(&st_inst, 0, now);
    sched_remove_unit(&st_inst, &st_a, now);
    sched_remove_unit(&st_inst, &st_b, now);
    sched_destroy_unit(&st_inst, &st_a);
    sched_destroy_unit(&st_inst, &st_b);
    sched_instance_destroy(&st_inst);
}

int sched_selftest(void)
{
    struct sched_arena arena = { st_mem, sizeof(st_mem), 0 };
    s_time_t now = 0;
    bool ok;

    if ( !st_check(st_setup(&arena) == 0, "set-up") )
        return -EINVAL;
    ok = st_alternates(&now) && st_idles(&now);
    st_teardown(now);
    return ok ? 0 : -EINVAL;
}
