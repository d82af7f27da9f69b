/*
 * The scheduler interface: the policy-neutral core (common/sched/core.c)
 * and the ops table each policy implements (common/sched/credit2.c).
 *
 * Model.  A schedulable entity is a struct sched_unit, to be embedded in
 * struct vcpu.  A scheduler instance (struct sched_instance) owns a set of
 * CPUs; each has a struct sched_resource naming its current unit, its idle
 * unit and its policy run queue.  The core keeps runstates and their time
 * accounting, takes the locks and calls the policy; the policy decides who
 * runs where and for how long.  Time is s_time_t nanoseconds and is always
 * passed in, so the whole scheduler runs against a simulated clock in the
 * host unit tests (tests/unit/test-sched-credit2.c).
 *
 * The core does not switch contexts or program timers: sched_schedule()
 * returns the unit to run and the slice after which to call it again, and
 * functions that make another CPU's choice stale return that CPU's number
 * (or -1) so the caller can send it a schedule IPI.  Those wirings come with
 * the SMP and timer work.
 *
 * Locking.  Each CPU's schedule lock is *res[cpu].lock; a policy may point
 * several CPUs at one lock (a shared run queue).  A unit is protected by the
 * lock of the CPU it is assigned to, u->processor, which therefore only
 * changes with both the old and the new CPU's lock held.  Two schedule locks
 * are taken in ascending CPU order, or the second with spin_trylock().
 * Instance set-up (sched_instance_init, sched_add_cpu, _destroy) runs while
 * the instance is quiescent (boot, or tests) and takes no lock.
 */
#ifndef XEN_SCHED_IF_H
#define XEN_SCHED_IF_H

#include <xen/cpumask.h>
#include <xen/spinlock.h>
#include <xen/time.h>
#include <xen/types.h>
#include <public/vcpu.h>           /* RUNSTATE_*, and domid_t via xen.h */


/* A slice meaning "no timer needed": idle, and nothing becomes due. */
#define SCHED_NO_SLICE      ((s_time_t)-1)

#define SCHED_DEFAULT_WEIGHT 256
#define SCHED_MAX_WEIGHT     65535

struct sched_unit {
    unsigned int id;            /* vCPU id within its domain */
    domid_t domain_id;          /* DOMID_IDLE for idle units */
    bool is_idle;

    /* The fields below are protected by the unit's schedule lock. */
    unsigned int processor;     /* assigned CPU; see "Locking" above */
    cpumask_t hard_affinity;    /* CPUs the unit may run on; never empty */
    int runstate;               /* RUNSTATE_*; set by the core only */
    s_time_t state_entry_time;
    s_time_t runstate_time[4];  /* ns spent in each RUNSTATE_* */
    /*
     * Running on a CPU its affinity no longer allows: the next
     * sched_schedule() on that CPU deschedules it and moves it.
     */
    bool migrate_pending;
    void *priv;                 /* the policy's per-unit data */
};

struct sched_resource {
    spinlock_t *lock;           /* this CPU's schedule lock (may be shared) */
    spinlock_t own_lock;        /* what lock points at unless a policy says */
    /* Protected by *lock: */
    struct sched_unit *curr;    /* running now; the idle unit when idle */
    struct sched_unit *idle;    /* this CPU's idle unit; never changes */
    void *rq;                   /* the policy's run queue for this CPU */
    void *priv;                 /* the policy's per-CPU data */
    s_time_t last_switch;       /* when curr got the CPU */
};

/* Memory for per-unit and per-CPU data; never used in a hot path. */
struct sched_mem {
    void *(*alloc)(size_t size, void *arg);     /* NULL on failure */
    void (*free)(void *p, void *arg);
    void *arg;
};

/* Scheduling parameters of one unit. */
struct sched_params {
    unsigned int weight;        /* 1..SCHED_MAX_WEIGHT, relative share */
    unsigned int cap;           /* 0 = none, else 1..100 % of one CPU */
};

/* What sched_schedule() decided for one CPU. */
struct sched_decision {
    struct sched_unit *unit;    /* run this (the idle unit when nothing can) */
    s_time_t slice;             /* call again after this long, or SCHED_NO_SLICE */
    int tickle;                 /* another CPU that should reschedule, or -1 */
};

struct sched_instance;

/*
 * A scheduling policy.  Unless said otherwise an op runs with the schedule
 * lock of the unit's (or the named) CPU held, must not allocate, and must
 * not sleep.  "now" is the current system time.
 */
struct scheduler {
    const char *name;           /* human-readable */
    const char *opt_name;       /* the value of sched= that selects it */

    /* Instance set-up and teardown; may allocate (sched_alloc). */
    int  (*init)(struct sched_instance *s);
    void (*deinit)(struct sched_instance *s);
    /* Per-CPU data: allocate, then link in (may set res->lock, res->rq). */
    void *(*alloc_pdata)(struct sched_instance *s, unsigned int cpu);
    void (*init_pdata)(struct sched_instance *s, void *pdata, unsigned int cpu);
    void (*free_pdata)(struct sched_instance *s, void *pdata, unsigned int cpu);
    /* Per-unit data; called without locks, outside hot paths. */
    void *(*alloc_udata)(struct sched_instance *s, struct sched_unit *u);
    void (*free_udata)(struct sched_instance *s, void *udata);

    /* The unit joins / leaves the policy; it is not running. */
    void (*insert_unit)(struct sched_instance *s, struct sched_unit *u,
                        s_time_t now);
    void (*remove_unit)(struct sched_instance *s, struct sched_unit *u,
                        s_time_t now);
    /* The unit stopped being runnable (runstate already updated). */
    void (*sleep)(struct sched_instance *s, struct sched_unit *u, s_time_t now);
    /*
     * The unit became runnable and is not running anywhere.  Returns the
     * CPU that should reschedule (preemption or an idle CPU), or -1.  The
     * policy may move the unit to another CPU (taking that CPU's lock with
     * spin_trylock, since the core holds u's).
     */
    int  (*wake)(struct sched_instance *s, struct sched_unit *u, s_time_t now);
    /* The running unit offers the CPU; honoured at the next do_schedule. */
    void (*yield)(struct sched_instance *s, struct sched_unit *u);
    /*
     * Picks what runs next on cpu (res[cpu].curr is what ran so far) and
     * for how long.  The hot path: no allocation, bounded work.
     */
    struct sched_decision (*do_schedule)(struct sched_instance *s,
                                         unsigned int cpu, s_time_t now);
    /* A CPU in u's affinity to move it to.  No lock held; a hint. */
    unsigned int (*pick_cpu)(struct sched_instance *s, struct sched_unit *u);
    /*
     * Moves a unit that is not running to new_cpu (queued there if it is
     * runnable).  Both CPUs' locks are held; sets u->processor.
     */
    void (*migrate)(struct sched_instance *s, struct sched_unit *u,
                    unsigned int new_cpu, s_time_t now);
    /* Parameters; adjust validates and returns 0 or -EINVAL. */
    int  (*adjust)(struct sched_instance *s, struct sched_unit *u,
                   const struct sched_params *p, s_time_t now);
    void (*get_params)(struct sched_instance *s, struct sched_unit *u,
                       struct sched_params *p);
    /* Debug output (the 'r' key); takes the locks it needs itself. */
    void (*dump)(struct sched_instance *s);
};

/* One set of CPUs scheduled by one policy (a cpupool, in Xen's terms). */
struct sched_instance {
    const struct scheduler *ops;
    void *priv;                 /* the policy's instance data */
    struct sched_mem mem;
    cpumask_t cpus;             /* CPUs added; changes only while quiescent */
    struct sched_resource res[NR_CPUS];
};

/* --- Policies and the sched= option. */
extern const struct scheduler sched_credit2_def;
/* The policy registered under opt_name, or NULL. */
const struct scheduler *sched_find(const char *opt_name);
/* The policy chosen with sched=, or the default (credit2). */
const struct scheduler *sched_default(void);

/* --- Memory.  Until the hypervisor wires xmalloc in with
 * sched_set_default_mem(), instances must be given memory explicitly. */
void sched_set_default_mem(const struct sched_mem *mem);
void *sched_alloc(struct sched_instance *s, size_t size);  /* zeroed */
void sched_free(struct sched_instance *s, void *p);

/* A bump allocator over caller-supplied memory; free is a no-op. */
struct sched_arena {
    unsigned char *base;
    size_t size, used;
};
void *sched_arena_alloc(size_t size, void *arena);
void sched_arena_free(void *p, void *arena);

/* --- Set-up (quiescent instance). */
int  sched_instance_init(struct sched_instance *s, const struct scheduler *ops,
                         const struct sched_mem *mem);
/* Every unit must have been removed and destroyed first. */
void sched_instance_destroy(struct sched_instance *s);
/* Brings cpu under s; idle is its idle unit (zeroed by the caller). */
int  sched_add_cpu(struct sched_instance *s, unsigned int cpu,
                   struct sched_unit *idle, s_time_t now);

/* --- Units.  A new unit is offline; sched_wake() makes it runnable. */
int  sched_init_unit(struct sched_instance *s, struct sched_unit *u,
                     unsigned int id, domid_t domid, unsigned int cpu);
void sched_destroy_unit(struct sched_instance *s, struct sched_unit *u);
void sched_insert_unit(struct sched_instance *s, struct sched_unit *u,
                       s_time_t now);
/* The unit must not be running (sleep it and reschedule its CPU first). */
void sched_remove_unit(struct sched_instance *s, struct sched_unit *u,
                       s_time_t now);

/*
 * The functions below return the CPU that must reschedule (the caller
 * sends it a schedule IPI, or calls sched_schedule() if it is the local
 * CPU), or -1 if none must.
 */
/* new_state is RUNSTATE_blocked or RUNSTATE_offline. */
int  sched_sleep(struct sched_instance *s, struct sched_unit *u, int new_state,
                 s_time_t now);
int  sched_wake(struct sched_instance *s, struct sched_unit *u, s_time_t now);
int  sched_yield(struct sched_instance *s, struct sched_unit *u);
/* Returns -EINVAL if mask has no CPU of the instance. */
int  sched_set_affinity(struct sched_instance *s, struct sched_unit *u,
                        const cpumask_t *mask, s_time_t now);

/* Parameters: 0 or -EINVAL. */
int  sched_adjust(struct sched_instance *s, struct sched_unit *u,
                  const struct sched_params *p, s_time_t now);
void sched_get_params(struct sched_instance *s, struct sched_unit *u,
                      struct sched_params *p);

/* Called on cpu when its slice ends or it was poked: the context switch. */
struct sched_decision sched_schedule(struct sched_instance *s,
                                     unsigned int cpu, s_time_t now);

/* Prints every run queue (the 'r' debug key). */
void sched_dump(struct sched_instance *s);

/*
 * Boot self-check: the default policy with two units on CPU 0 must
 * alternate between them and go idle when both sleep.  0 or -EINVAL,
 * with the failing check printed.
 */
int sched_selftest(void);

/*
 * Schedule locks are taken with interrupts off in the hypervisor (wakes
 * come from interrupt context).  Host unit tests run in user mode, where
 * cli/sti fault, and are single-threaded, so they take the plain lock.
 */
#ifdef __XEN__
#define sched_lock_irqsave(l)         spin_lock_irqsave(l)
#define sched_unlock_irqrestore(l, f) spin_unlock_irqrestore(l, f)
#else
static inline unsigned long sched_lock_irqsave(spinlock_t *l)
{
    spin_lock(l);
    return 0;
}
static inline void sched_unlock_irqrestore(spinlock_t *l, unsigned long f)
{
    (void)f;
    spin_unlock(l);
}
#endif

#endif /* XEN_SCHED_IF_H */
