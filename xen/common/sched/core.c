/*
 * The policy-neutral scheduler core: runstates and their accounting, the
 * schedule locks, migration between CPUs, policy registration and the
 * sched= option.  What runs where and for how long is the policy's call
 * (struct scheduler, xen/sched-if.h).
 *
 * Lock order (see also xen/sched-if.h):
 *   schedule locks (*res[cpu].lock) only; two at once in ascending CPU
 *   order (double_lock) or the second by spin_trylock (in policies).
 * Nothing here allocates while holding a lock.
 */
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/param.h>
#include <xen/sched-if.h>
#include <xen/string.h>

/* --- Policies. */

static const struct scheduler *const sched_policies[] = {
    &sched_credit2_def,
};

/* Set by sched=; only at boot, before any instance exists. */
static const struct scheduler *sched_chosen;

const struct scheduler *sched_find(const char *opt_name)
{
    unsigned int i;

    for ( i = 0; i < ARRAY_SIZE(sched_policies); i++ )
        if ( !strcmp(sched_policies[i]->opt_name, opt_name) )
            return sched_policies[i];
    return NULL;
}

const struct scheduler *sched_default(void)
{
    return sched_chosen ? sched_chosen : &sched_credit2_def;
}

static int parse_sched_param(const char *value)
{
    const struct scheduler *p = sched_find(value);

    if ( !p )
        return -EINVAL;
    sched_chosen = p;
    return 0;
}
custom_param("sched", parse_sched_param);

/* --- Memory. */

static struct sched_mem default_mem;

void sched_set_default_mem(const struct sched_mem *mem)
{
    default_mem = *mem;
}

void *sched_alloc(struct sched_instance *s, size_t size)
{
    void *p = s->mem.alloc ? s->mem.alloc(size, s->mem.arg) : NULL;

    if ( p )
        memset(p, 0, size);
    return p;
}

void sched_free(struct sched_instance *s, void *p)
{
    if ( p && s->mem.free )
        s->mem.free(p, s->mem.arg);
}

void *sched_arena_alloc(size_t size, void *arg)
{
    struct sched_arena *a = arg;
    size_t start = ROUNDUP(a->used, (size_t)16);

    if ( start > a->size || size > a->size - start )
        return NULL;
    a->used = start + size;
    return a->base + start;
}

void sched_arena_free(void *p, void *arg)
{
    /* Arena memory is returned all at once, by its owner. */
    (void)p;
    (void)arg;
}

/* --- Locks. */

/*
 * Locks the schedule lock that protects u.  u->processor can change until
 * we hold the lock of the CPU it names, hence the re-check.
 */
static spinlock_t *unit_lock(struct sched_instance *s, struct sched_unit *u,
                             unsigned long *flags)
{
    for ( ;; )
    {
        spinlock_t *l = s->res[ACCESS_ONCE(u->processor)].lock;

        *flags = sched_lock_irqsave(l);
        if ( l == s->res[u->processor].lock )
            return l;
        sched_unlock_irqrestore(l, *flags);
    }
}

/* Takes the locks of two CPUs in ascending order; they may be one lock. */
static unsigned long double_lock(struct sched_instance *s, unsigned int a,
                                 unsigned int b)
{
    spinlock_t *la = s->res[a < b ? a : b].lock;
    spinlock_t *lb = s->res[a < b ? b : a].lock;
    unsigned long flags = sched_lock_irqsave(la);

    if ( lb != la )
        spin_lock_nested(lb);   /* same class: ascending CPU order */
    return flags;
}

static void double_unlock(struct sched_instance *s, unsigned int a,
                          unsigned int b, unsigned long flags)
{
    spinlock_t *la = s->res[a].lock, *lb = s->res[b].lock;

    if ( lb != la )
        spin_unlock(lb);
    sched_unlock_irqrestore(la, flags);
}

/* --- Runstates. */

static void runstate_change(struct sched_unit *u, int state, s_time_t now)
{
    s_time_t delta = now - u->state_entry_time;

    if ( delta > 0 )
        u->runstate_time[u->runstate] += delta;
    u->state_entry_time = now;
    u->runstate = state;
}

static bool unit_is_running(struct sched_instance *s, struct sched_unit *u)
{
    return s->res[u->processor].curr == u;
}

/* --- Instances and CPUs. */

int sched_instance_init(struct sched_instance *s, const struct scheduler *ops,
                        const struct sched_mem *mem)
{
    unsigned int cpu;

    memset(s, 0, sizeof(*s));
    s->ops = ops;
    s->mem = mem ? *mem : default_mem;
    if ( !s->mem.alloc )
        return -ENOMEM;
    for ( cpu = 0; cpu < NR_CPUS; cpu++ )
    {
        spin_lock_init_class(&s->res[cpu].own_lock, LOCK_CLASS_sched);
        s->res[cpu].lock = &s->res[cpu].own_lock;
    }
    return ops->init(s);
}

void sched_instance_destroy(struct sched_instance *s)
{
    unsigned int cpu;

    for_each_cpu ( cpu, &s->cpus )
    {
        s->ops->free_pdata(s, s->res[cpu].priv, cpu);
        s->res[cpu].priv = NULL;
        s->res[cpu].rq = NULL;
    }
    cpumask_clear(&s->cpus);
    s->ops->deinit(s);
}

int sched_add_cpu(struct sched_instance *s, unsigned int cpu,
                  struct sched_unit *idle, s_time_t now)
{
    struct sched_resource *res = &s->res[cpu];
    void *pdata;

    if ( cpu >= NR_CPUS || cpumask_test_cpu(cpu, &s->cpus) )
        return -EINVAL;
    pdata = s->ops->alloc_pdata(s, cpu);
    if ( !pdata )
        return -ENOMEM;

    idle->id = cpu;
    idle->domain_id = DOMID_IDLE;
    idle->is_idle = true;
    idle->processor = cpu;
    cpumask_set_only(cpu, &idle->hard_affinity);
    idle->runstate = RUNSTATE_running;
    idle->state_entry_time = now;

    res->idle = res->curr = idle;
    res->last_switch = now;
    res->priv = pdata;
    s->ops->init_pdata(s, pdata, cpu);
    __cpumask_set_cpu(cpu, &s->cpus);
    return 0;
}

/* --- Units. */

int sched_init_unit(struct sched_instance *s, struct sched_unit *u,
                    unsigned int id, domid_t domid, unsigned int cpu)
{
    if ( !cpumask_test_cpu(cpu, &s->cpus) )
        return -EINVAL;
    memset(u, 0, sizeof(*u));
    u->id = id;
    u->domain_id = domid;
    u->processor = cpu;
    cpumask_copy(&u->hard_affinity, &s->cpus);
    u->runstate = RUNSTATE_offline;
    u->priv = s->ops->alloc_udata(s, u);
    return u->priv ? 0 : -ENOMEM;
}

void sched_destroy_unit(struct sched_instance *s, struct sched_unit *u)
{
    s->ops->free_udata(s, u->priv);
    u->priv = NULL;
}

void sched_insert_unit(struct sched_instance *s, struct sched_unit *u,
                       s_time_t now)
{
    unsigned long flags;
    spinlock_t *l = unit_lock(s, u, &flags);

    u->state_entry_time = now;
    s->ops->insert_unit(s, u, now);
    sched_unlock_irqrestore(l, flags);
}

void sched_remove_unit(struct sched_instance *s, struct sched_unit *u,
                       s_time_t now)
{
    unsigned long flags;
    spinlock_t *l = unit_lock(s, u, &flags);

    BUG_ON(unit_is_running(s, u));
    s->ops->remove_unit(s, u, now);
    sched_unlock_irqrestore(l, flags);
}

int sched_sleep(struct sched_instance *s, struct sched_unit *u, int new_state,
                s_time_t now)
{
    unsigned long flags;
    spinlock_t *l = unit_lock(s, u, &flags);
    int poke = -1;

    ASSERT(new_state == RUNSTATE_blocked || new_state == RUNSTATE_offline);
    if ( u->runstate == RUNSTATE_running || u->runstate == RUNSTATE_runnable )
    {
        runstate_change(u, new_state, now);
        s->ops->sleep(s, u, now);
        /* A running unit keeps its CPU until that CPU reschedules. */
        if ( unit_is_running(s, u) )
            poke = u->processor;
    }
    else
        runstate_change(u, new_state, now);
    sched_unlock_irqrestore(l, flags);
    return poke;
}

int sched_wake(struct sched_instance *s, struct sched_unit *u, s_time_t now)
{
    unsigned long flags;
    spinlock_t *l = unit_lock(s, u, &flags);
    int poke = -1;

    if ( u->runstate == RUNSTATE_blocked || u->runstate == RUNSTATE_offline )
    {
        /*
         * Woken again before its CPU got round to descheduling it: it
         * simply keeps running, and the policy never saw it leave.
         */
        if ( unit_is_running(s, u) )
            runstate_change(u, RUNSTATE_running, now);
        else
        {
            runstate_change(u, RUNSTATE_runnable, now);
            poke = s->ops->wake(s, u, now);
        }
    }
    sched_unlock_irqrestore(l, flags);
    return poke;
}

int sched_yield(struct sched_instance *s, struct sched_unit *u)
{
    unsigned long flags;
    spinlock_t *l = unit_lock(s, u, &flags);
    int poke = -1;

    if ( unit_is_running(s, u) )
    {
        s->ops->yield(s, u);
        poke = u->processor;
    }
    sched_unlock_irqrestore(l, flags);
    return poke;
}

/*
 * Moves a unit that is not running to a CPU its affinity allows.  Returns
 * the CPU to poke if the unit is runnable there, else -1.
 */
static int migrate_unit(struct sched_instance *s, struct sched_unit *u,
                        s_time_t now)
{
    for ( ;; )
    {
        unsigned int from = ACCESS_ONCE(u->processor);
        unsigned int to = s->ops->pick_cpu(s, u);
        unsigned long flags = double_lock(s, from, to);
        int poke = -1;
        bool stray;

        /* Re-check under both locks: the unit may have moved or started. */
        if ( u->processor != from )
        {
            double_unlock(s, from, to, flags);
            continue;
        }
        stray = !cpumask_test_cpu(from, &u->hard_affinity);
        if ( stray && unit_is_running(s, u) )
        {
            /* It got the CPU meanwhile: its CPU moves it when done. */
            u->migrate_pending = true;
            poke = from;
        }
        else if ( stray && cpumask_test_cpu(to, &u->hard_affinity) )
        {
            s->ops->migrate(s, u, to, now);
            if ( u->runstate == RUNSTATE_runnable )
                poke = to;
        }
        double_unlock(s, from, to, flags);
        return poke;
    }
}

int sched_set_affinity(struct sched_instance *s, struct sched_unit *u,
                       const cpumask_t *mask, s_time_t now)
{
    unsigned long flags;
    spinlock_t *l;
    cpumask_t allowed;
    bool move;

    cpumask_and(&allowed, mask, &s->cpus);
    if ( cpumask_empty(&allowed) || u->is_idle )
        return -EINVAL;

    l = unit_lock(s, u, &flags);
    cpumask_copy(&u->hard_affinity, &allowed);
    move = !cpumask_test_cpu(u->processor, &allowed);
    if ( move && unit_is_running(s, u) )
    {
        /* Its CPU deschedules it at the next sched_schedule(). */
        u->migrate_pending = true;
        sched_unlock_irqrestore(l, flags);
        return (int)u->processor;
    }
    sched_unlock_irqrestore(l, flags);
    return move ? migrate_unit(s, u, now) : -1;
}

int sched_adjust(struct sched_instance *s, struct sched_unit *u,
                 const struct sched_params *p, s_time_t now)
{
    unsigned long flags;
    spinlock_t *l = unit_lock(s, u, &flags);
    int rc = s->ops->adjust(s, u, p, now);

    sched_unlock_irqrestore(l, flags);
    return rc;
}

void sched_get_params(struct sched_instance *s, struct sched_unit *u,
                      struct sched_params *p)
{
    unsigned long flags;
    spinlock_t *l = unit_lock(s, u, &flags);

    s->ops->get_params(s, u, p);
    sched_unlock_irqrestore(l, flags);
}

/* --- Scheduling. */

/* Runstates and bookkeeping of a switch from prev to next on cpu. */
static void switch_units(struct sched_resource *res, struct sched_unit *prev,
                         struct sched_unit *next, unsigned int cpu,
                         s_time_t now)
{
    /* A prev that went to sleep keeps the blocked/offline state it has. */
    if ( prev->runstate == RUNSTATE_running )
        runstate_change(prev, RUNSTATE_runnable, now);
    runstate_change(next, RUNSTATE_running, now);
    ASSERT(next->processor == cpu);
    res->curr = next;
    res->last_switch = now;
}

struct sched_decision sched_schedule(struct sched_instance *s,
                                     unsigned int cpu, s_time_t now)
{
    struct sched_resource *res = &s->res[cpu];
    unsigned long flags = sched_lock_irqsave(res->lock);
    struct sched_unit *prev = res->curr;
    struct sched_decision d = s->ops->do_schedule(s, cpu, now);
    bool move_prev = false;

    BUG_ON(!d.unit);
    BUG_ON(!d.unit->is_idle && !cpumask_test_cpu(cpu, &d.unit->hard_affinity));
    BUG_ON(d.unit->is_idle && d.unit != res->idle);
    if ( d.unit != prev )
    {
        switch_units(res, prev, d.unit, cpu, now);
        move_prev = prev->migrate_pending;
        prev->migrate_pending = false;
    }
    sched_unlock_irqrestore(res->lock, flags);

    /*
     * Until context switching is wired, prev's state is "saved" as soon as
     * the decision is made, so it can move now.  With real switches this
     * belongs after prev's registers are saved (Xen's context_saved()).
     */
    if ( move_prev )
    {
        int poke = migrate_unit(s, prev, now);

        if ( poke >= 0 && poke != (int)cpu )
            d.tickle = poke;
    }
    return d;
}

void sched_dump(struct sched_instance *s)
{
    printk("Scheduler: %s (%s), CPUs online: %u\n", s->ops->name,
           s->ops->opt_name, cpumask_weight(&s->cpus));
    s->ops->dump(s);
}
