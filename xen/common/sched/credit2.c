/*
 * A credit-based proportional-share policy in the spirit of Xen's credit2.
 *
 * Design.
 *  - One run queue per CPU (Xen groups CPUs by cache; per-CPU queues keep
 *    the locking trivial and are enough until the topology code exists).
 *    A queue holds every unit assigned to its CPU (the `units` list) and,
 *    sorted by credit, those waiting to run (the `runq`).
 *  - Credit is measured in nanoseconds.  A running unit burns credit at
 *    max_weight / weight times real time, max_weight being the largest
 *    weight in its queue, so a unit of weight w spends a grant of credit in
 *    time proportional to w.  The unit with most credit runs; when the best
 *    candidate has none left, every unit of the queue gets CREDIT_INIT more
 *    (clipped at CREDIT_INIT, so sleepers cannot bank credit) -- the reset.
 *    Over many resets each unit's CPU time is proportional to its weight,
 *    and a unit of any weight gets credit back at every reset, so it cannot
 *    starve: its wait is bounded by the weights around it.
 *  - Slices: the current unit runs until its credit would fall to that of
 *    the next candidate, within [MIN_TIMER, MAX_TIMER].  A unit that got
 *    the CPU keeps it for at least the rate limit (sched_ratelimit_us),
 *    unless it blocks, yields or runs out of budget.
 *  - Caps: a capped unit gets cap% of PERIOD as budget each PERIOD; time
 *    run is taken from it, slices never exceed it, and a unit without
 *    budget is parked (not queued, not picked) until its refill.  Slices
 *    are cut at the next refill of any parked unit of the queue, so refills
 *    happen on time without a separate timer.
 *  - Wake: the unit is queued where it is, unless its CPU is busy and an
 *    allowed CPU is idle, in which case it moves there.  The CPU to poke is
 *    returned when the woken unit should preempt (it has more credit than
 *    the current one) or the CPU idles.
 *  - Balance: a CPU about to idle pulls the best unit it may run from the
 *    busiest other queue; every BALANCE_INTERVAL a busy CPU pulls one unit
 *    from a queue at least two units longer.  A CPU that requeues a
 *    runnable unit while another allowed CPU idles pokes that CPU.
 *    Credits are per queue, so a moved unit's credit is clipped to
 *    CREDIT_INIT.  Weights are proportional within a queue; across queues
 *    only the unit counts are balanced (no swapping for weighted fairness).
 *
 * Lock order.
 *  - c2_rq.lock is the schedule lock of its CPU (res->lock points at it).
 *  - A second queue lock is only ever taken with spin_trylock (pull, wake
 *    push) or, by the core, in ascending CPU order (migrate); no other lock
 *    is taken inside a queue lock.
 *  - c2_private is written only while the instance is quiescent (set-up);
 *    its `idlers` mask is a hint updated atomically, read without locks.
 */
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/param.h>
#include <xen/sched-if.h>

#define CREDIT_INIT         MILLISECS(10)
#define MIN_TIMER           MICROSECS(500)
#define MAX_TIMER           MILLISECS(10)
#define CAP_PERIOD          MILLISECS(10)
#define BALANCE_INTERVAL    MILLISECS(5)

/* Minimum time a unit keeps the CPU it just got; 0 disables. */
static unsigned int opt_ratelimit_us = 1000;
integer_param("sched_ratelimit_us", opt_ratelimit_us);

/* --- A minimal intrusive doubly linked list (circular, with a head). */
struct c2_link {
    struct c2_link *next, *prev;
};

#define c2_entry(p, type, member) \
    ((type *)((char *)(p) - offsetof(type, member)))

static void link_init(struct c2_link *h)
{
    h->next = h->prev = h;
}

static bool link_empty(const struct c2_link *h)
{
    return h->next == h;
}

/* Inserts n just before pos (at the tail when pos is the head). */
static void link_add_before(struct c2_link *n, struct c2_link *pos)
{
    n->next = pos;
    n->prev = pos->prev;
    pos->prev->next = n;
    pos->prev = n;
}

static void link_del(struct c2_link *n)
{
    n->prev->next = n->next;
    n->next->prev = n->prev;
    n->next = n->prev = n;
}

/* --- Data. */

struct c2_rq {
    spinlock_t lock;            /* the schedule lock of `cpu` */
    unsigned int cpu;
    /* Protected by lock: */
    struct c2_link runq;        /* waiting units, by credit, highest first */
    struct c2_link units;       /* every unit assigned to this queue */
    unsigned int nr_queued;     /* length of runq */
    unsigned int nr_parked;     /* units of `units` without budget */
    unsigned int max_weight;    /* largest weight in `units` (1 if none) */
    s_time_t next_balance;      /* no periodic pull before this */
};

struct c2_unit {
    struct sched_unit *unit;
    /* Protected by the schedule lock of unit->processor: */
    struct c2_rq *rq;           /* queue of unit->processor; NULL if removed */
    struct c2_link runq_link;   /* in rq->runq iff queued */
    struct c2_link rq_link;     /* in rq->units while inserted */
    bool queued;
    bool parked;                /* out of budget until next_refill */
    bool yielding;              /* set by yield, consumed by do_schedule */
    unsigned int weight;
    unsigned int cap;           /* % of one CPU, 0 = none */
    s_time_t credit;
    s_time_t burn_from;         /* credit and budget charged up to here */
    s_time_t got_cpu;           /* when it last started running */
    s_time_t budget;            /* left in this cap period */
    s_time_t next_refill;       /* end of this cap period */
};

struct c2_private {
    struct c2_rq *rqs[NR_CPUS]; /* written only while quiescent */
    cpumask_t idlers;           /* CPUs running idle: an atomic hint */
    s_time_t ratelimit;
};

static struct c2_private *c2_priv(const struct sched_instance *s)
{
    return s->priv;
}

static struct c2_unit *c2_unit(const struct sched_unit *u)
{
    return u->priv;
}

static struct c2_rq *c2_rq_of(const struct sched_instance *s, unsigned int cpu)
{
    return c2_priv(s)->rqs[cpu];
}

static bool is_idle_cpu(const struct sched_instance *s, unsigned int cpu)
{
    return s->res[cpu].curr->is_idle;
}

/* --- Credit, budget. */

static s_time_t cap_budget(const struct c2_unit *cu)
{
    return CAP_PERIOD * cu->cap / 100;
}

/* Credit burnt by running `delta`: inversely proportional to weight. */
static s_time_t time_to_credit(const struct c2_rq *rq, const struct c2_unit *cu,
                               s_time_t delta)
{
    return delta * rq->max_weight / cu->weight;
}

/* Run time in which `credit` is burnt. */
static s_time_t credit_to_time(const struct c2_rq *rq, const struct c2_unit *cu,
                               s_time_t credit)
{
    return credit * cu->weight / rq->max_weight;
}

/* Starts a new cap period if the current one is over. */
static void refill_budget(struct c2_unit *cu, s_time_t now)
{
    if ( !cu->cap || now < cu->next_refill )
        return;
    cu->next_refill += ((now - cu->next_refill) / CAP_PERIOD + 1) * CAP_PERIOD;
    cu->budget = cap_budget(cu);
}

/*
 * Charges [burn_from, now) to the unit's budget, splitting the interval at
 * a period boundary so that time run in the new period counts against it.
 */
static void burn_budget(struct c2_unit *cu, s_time_t now)
{
    s_time_t boundary = cu->next_refill;

    if ( now >= boundary )
    {
        refill_budget(cu, now);
        /* Only the part after the start of the current period counts. */
        boundary = cu->next_refill - CAP_PERIOD;
        cu->budget -= now - MAX(cu->burn_from, boundary);
    }
    else
        cu->budget -= now - cu->burn_from;
}

static void burn(struct c2_rq *rq, struct c2_unit *cu, s_time_t now)
{
    s_time_t delta = now - cu->burn_from;

    if ( delta <= 0 )
        return;
    cu->credit -= time_to_credit(rq, cu, delta);
    if ( cu->cap )
        burn_budget(cu, now);
    cu->burn_from = now;
}

/* Every unit of the queue gets credit back; see "Design". */
static void reset_credit(struct c2_rq *rq, s_time_t low)
{
    /* Enough grants to lift the candidate (credit `low` <= 0) above zero. */
    s_time_t grant = (-low / CREDIT_INIT + 1) * CREDIT_INIT;
    struct c2_link *l;

    for ( l = rq->units.next; l != &rq->units; l = l->next )
    {
        struct c2_unit *cu = c2_entry(l, struct c2_unit, rq_link);

        cu->credit = MIN(cu->credit + grant, CREDIT_INIT);
    }
}

static void update_max_weight(struct c2_rq *rq)
{
    struct c2_link *l;
    unsigned int max = 1;

    for ( l = rq->units.next; l != &rq->units; l = l->next )
        max = MAX(max, c2_entry(l, struct c2_unit, rq_link)->weight);
    rq->max_weight = max;
}

/* --- Run queue. */

/* Queues cu by credit, after units with as much (round robin on ties). */
static void runq_insert(struct c2_rq *rq, struct c2_unit *cu)
{
    struct c2_link *pos;

    ASSERT(!cu->queued && !cu->parked && cu->rq == rq);
    for ( pos = rq->runq.next; pos != &rq->runq; pos = pos->next )
        if ( c2_entry(pos, struct c2_unit, runq_link)->credit < cu->credit )
            break;
    link_add_before(&cu->runq_link, pos);
    cu->queued = true;
    rq->nr_queued++;
}

static void runq_remove(struct c2_rq *rq, struct c2_unit *cu)
{
    ASSERT(cu->queued && cu->rq == rq);
    link_del(&cu->runq_link);
    cu->queued = false;
    rq->nr_queued--;
}

/* The best queued unit allowed on cpu, or NULL. */
static struct c2_unit *runq_best(struct c2_rq *rq, unsigned int cpu)
{
    struct c2_link *l;

    for ( l = rq->runq.next; l != &rq->runq; l = l->next )
    {
        struct c2_unit *cu = c2_entry(l, struct c2_unit, runq_link);

        if ( cpumask_test_cpu(cpu, &cu->unit->hard_affinity) )
            return cu;
    }
    return NULL;
}

/* Parks a unit without budget; it is not queued. */
static void park(struct c2_rq *rq, struct c2_unit *cu)
{
    if ( cu->queued )
        runq_remove(rq, cu);
    cu->parked = true;
    rq->nr_parked++;
}

/*
 * Refills parked units whose period is over and queues the runnable ones.
 * Returns the earliest refill still pending, or 0 if none is.
 */
static s_time_t unpark_due(struct c2_rq *rq, s_time_t now)
{
    struct c2_link *l;
    s_time_t next = 0;

    if ( !rq->nr_parked )
        return 0;
    for ( l = rq->units.next; l != &rq->units; l = l->next )
    {
        struct c2_unit *cu = c2_entry(l, struct c2_unit, rq_link);

        if ( !cu->parked )
            continue;
        if ( now < cu->next_refill )
        {
            next = next ? MIN(next, cu->next_refill) : cu->next_refill;
            continue;
        }
        refill_budget(cu, now);
        cu->parked = false;
        rq->nr_parked--;
        if ( cu->unit->runstate == RUNSTATE_runnable )
            runq_insert(rq, cu);
    }
    return next;
}

/* --- Moving units between queues. */

/* Both queue locks held; cu is not running. */
static void move_unit(struct c2_rq *from, struct c2_rq *to, struct c2_unit *cu)
{
    bool was_queued = cu->queued;

    if ( was_queued )
        runq_remove(from, cu);
    link_del(&cu->rq_link);
    if ( cu->parked )
    {
        from->nr_parked--;
        to->nr_parked++;
    }
    update_max_weight(from);
    cu->rq = to;
    cu->unit->processor = to->cpu;
    link_add_before(&cu->rq_link, &to->units);
    update_max_weight(to);
    /* Credits of different queues are not comparable; do not import a lead. */
    cu->credit = MIN(cu->credit, CREDIT_INIT);
    if ( was_queued )
        runq_insert(to, cu);
}

static unsigned int rq_load(const struct sched_instance *s,
                            const struct c2_rq *rq)
{
    return rq->nr_queued + !is_idle_cpu(s, rq->cpu);
}

/* The other queue with most waiting units that cpu may run, or NULL. */
static struct c2_rq *busiest_rq(struct sched_instance *s, unsigned int cpu)
{
    struct c2_rq *best = NULL;
    unsigned int other;

    for_each_cpu ( other, &s->cpus )
    {
        struct c2_rq *rq = c2_rq_of(s, other);

        if ( other == cpu || !rq->nr_queued )
            continue;
        if ( best && rq_load(s, rq) <= rq_load(s, best) )
            continue;
        best = rq;
    }
    return best;
}

/*
 * Moves the best unit cpu may run from `from` into rq's run queue.  Our
 * lock is held, so theirs is only tried: a busy lock means "not now".
 */
static bool pull_from(struct c2_rq *rq, struct c2_rq *from, unsigned int cpu)
{
    struct c2_unit *cu;

    if ( !spin_trylock(&from->lock) )
        return false;
    cu = runq_best(from, cpu);
    if ( cu )
        move_unit(from, rq, cu);
    spin_unlock(&from->lock);
    return cu != NULL;
}

/*
 * Pulls one unit into rq from a queue at least min_diff units longer: the
 * busiest first, else the first other one holding a unit cpu may run
 * (loads are read without locks: they are hints).
 */
static bool pull_one(struct sched_instance *s, struct c2_rq *rq,
                     unsigned int cpu, unsigned int min_diff)
{
    struct c2_rq *busiest = busiest_rq(s, cpu);
    unsigned int other;

    if ( !busiest || rq_load(s, busiest) < rq_load(s, rq) + min_diff )
        return false;
    if ( pull_from(rq, busiest, cpu) )
        return true;
    for ( other = cpumask_cycle(cpu, &s->cpus); other != cpu;
          other = cpumask_cycle(other, &s->cpus) )
    {
        struct c2_rq *from = c2_rq_of(s, other);

        if ( from != busiest && from->nr_queued &&
             rq_load(s, from) >= rq_load(s, rq) + min_diff &&
             pull_from(rq, from, cpu) )
            return true;
    }
    return false;
}

/* An idle CPU other than cpu that cu may run on, or -1. */
static int find_idler(struct sched_instance *s, const struct c2_unit *cu,
                      unsigned int cpu)
{
    cpumask_t mask;
    unsigned int t;

    cpumask_and(&mask, &c2_priv(s)->idlers, &cu->unit->hard_affinity);
    __cpumask_clear_cpu(cpu, &mask);
    t = cpumask_cycle(cpu, &mask);
    return t < NR_CPUS ? (int)t : -1;
}

/* A CPU that should come and pull work from rq, or -1. */
static int idler_for_queue(struct sched_instance *s, struct c2_rq *rq)
{
    struct c2_link *l;

    if ( cpumask_empty(&c2_priv(s)->idlers) )
        return -1;
    for ( l = rq->runq.next; l != &rq->runq; l = l->next )
    {
        int t = find_idler(s, c2_entry(l, struct c2_unit, runq_link), rq->cpu);

        if ( t >= 0 )
            return t;
    }
    return -1;
}

/* --- Ops: instance, CPUs, units. */

static int c2_init(struct sched_instance *s)
{
    struct c2_private *prv = sched_alloc(s, sizeof(*prv));

    if ( !prv )
        return -ENOMEM;
    prv->ratelimit = MICROSECS(opt_ratelimit_us);
    s->priv = prv;
    return 0;
}

static void c2_deinit(struct sched_instance *s)
{
    sched_free(s, s->priv);
    s->priv = NULL;
}

static void *c2_alloc_pdata(struct sched_instance *s, unsigned int cpu)
{
    return sched_alloc(s, sizeof(struct c2_rq));
}

static void c2_init_pdata(struct sched_instance *s, void *pdata,
                          unsigned int cpu)
{
    struct c2_rq *rq = pdata;

    spin_lock_init_class(&rq->lock, LOCK_CLASS_sched);
    rq->cpu = cpu;
    link_init(&rq->runq);
    link_init(&rq->units);
    rq->max_weight = 1;
    s->res[cpu].rq = rq;
    s->res[cpu].lock = &rq->lock;
    c2_priv(s)->rqs[cpu] = rq;
    cpumask_set_cpu(cpu, &c2_priv(s)->idlers);
}

static void c2_free_pdata(struct sched_instance *s, void *pdata,
                          unsigned int cpu)
{
    struct c2_rq *rq = pdata;

    BUG_ON(!link_empty(&rq->units));
    c2_priv(s)->rqs[cpu] = NULL;
    cpumask_clear_cpu(cpu, &c2_priv(s)->idlers);
    s->res[cpu].lock = &s->res[cpu].own_lock;
    sched_free(s, rq);
}

static void *c2_alloc_udata(struct sched_instance *s, struct sched_unit *u)
{
    struct c2_unit *cu = sched_alloc(s, sizeof(*cu));

    if ( !cu )
        return NULL;
    cu->unit = u;
    link_init(&cu->runq_link);
    link_init(&cu->rq_link);
    cu->weight = SCHED_DEFAULT_WEIGHT;
    cu->credit = CREDIT_INIT;
    return cu;
}

static void c2_free_udata(struct sched_instance *s, void *udata)
{
    struct c2_unit *cu = udata;

    BUG_ON(cu && cu->rq);
    sched_free(s, cu);
}

static void c2_insert_unit(struct sched_instance *s, struct sched_unit *u,
                           s_time_t now)
{
    struct c2_unit *cu = c2_unit(u);
    struct c2_rq *rq = c2_rq_of(s, u->processor);

    cu->rq = rq;
    link_add_before(&cu->rq_link, &rq->units);
    update_max_weight(rq);
    cu->burn_from = now;
    cu->next_refill = now + CAP_PERIOD;
    cu->budget = cap_budget(cu);
    if ( u->runstate == RUNSTATE_runnable )
        runq_insert(rq, cu);
}

static void c2_remove_unit(struct sched_instance *s, struct sched_unit *u,
                           s_time_t now)
{
    struct c2_unit *cu = c2_unit(u);
    struct c2_rq *rq = cu->rq;

    if ( cu->queued )
        runq_remove(rq, cu);
    if ( cu->parked )
    {
        cu->parked = false;
        rq->nr_parked--;
    }
    link_del(&cu->rq_link);
    update_max_weight(rq);
    cu->rq = NULL;
}

static void c2_sleep(struct sched_instance *s, struct sched_unit *u,
                     s_time_t now)
{
    struct c2_unit *cu = c2_unit(u);

    /* A running unit is dealt with by do_schedule on its CPU. */
    if ( cu->queued )
        runq_remove(cu->rq, cu);
}

/* Should cu, just queued on rq, preempt what runs on rq's CPU? */
static bool should_preempt(struct sched_instance *s, struct c2_rq *rq,
                           struct c2_unit *cu, s_time_t now)
{
    struct sched_unit *curr = s->res[rq->cpu].curr;

    if ( curr->is_idle )
        return true;
    burn(rq, c2_unit(curr), now);
    return cu->credit > c2_unit(curr)->credit;
}

/* Moves waking cu from rq to the idle CPU `idler`, if it still idles. */
static bool push_to_idler(struct sched_instance *s, struct c2_rq *rq,
                          struct c2_unit *cu, unsigned int idler)
{
    struct c2_rq *to = c2_rq_of(s, idler);

    /* The core holds rq's lock; a second queue lock is only tried. */
    if ( !spin_trylock(&to->lock) )
        return false;
    if ( !is_idle_cpu(s, idler) )
    {
        spin_unlock(&to->lock);
        return false;
    }
    move_unit(rq, to, cu);
    runq_insert(to, cu);
    spin_unlock(&to->lock);
    /* Keep other wakers from picking the same idler meanwhile. */
    cpumask_clear_cpu(idler, &c2_priv(s)->idlers);
    return true;
}

static int c2_wake(struct sched_instance *s, struct sched_unit *u,
                   s_time_t now)
{
    struct c2_unit *cu = c2_unit(u);
    struct c2_rq *rq = cu->rq;
    int idler;

    if ( cu->parked )
    {
        if ( now < cu->next_refill )
            return -1;          /* queued by unpark_due at the refill */
        refill_budget(cu, now);
        cu->parked = false;
        rq->nr_parked--;
    }
    ASSERT(cpumask_test_cpu(u->processor, &u->hard_affinity));

    /* Busy here and idle elsewhere: go there rather than wait. */
    idler = is_idle_cpu(s, rq->cpu) ? -1 : find_idler(s, cu, rq->cpu);
    if ( idler >= 0 && push_to_idler(s, rq, cu, (unsigned int)idler) )
        return idler;
    runq_insert(rq, cu);
    return should_preempt(s, rq, cu, now) ? (int)rq->cpu : -1;
}

static void c2_yield(struct sched_instance *s, struct sched_unit *u)
{
    c2_unit(u)->yielding = true;
}

/* --- Ops: scheduling. */

/*
 * Resets credits when the best unit that could run has none left.  snext
 * may be a rate-limited curr with less credit than the queue's best, and
 * a reset then would be premature.
 */
static void maybe_reset(struct c2_rq *rq, struct c2_unit *snext,
                        unsigned int cpu, s_time_t now)
{
    struct c2_unit *best = runq_best(rq, cpu);
    s_time_t top = snext->credit;

    if ( best && best->credit > top )
        top = best->credit;
    if ( top <= 0 )
        reset_credit(rq, top);
    /* A unit that waited through a cap period boundary starts afresh. */
    refill_budget(snext, now);
}

/* Can the unit that ran on cpu so far go on running there? */
static bool can_continue(struct sched_unit *curr, unsigned int cpu)
{
    return !curr->is_idle && curr->runstate == RUNSTATE_running &&
           !c2_unit(curr)->parked && !curr->migrate_pending &&
           cpumask_test_cpu(cpu, &curr->hard_affinity);
}

/* Charges the unit that ran; parks it if that used up its budget. */
static void account_curr(struct c2_rq *rq, struct sched_unit *curr,
                         s_time_t now)
{
    struct c2_unit *cu;

    if ( curr->is_idle )
        return;
    cu = c2_unit(curr);
    burn(rq, cu, now);
    if ( cu->cap && cu->budget <= 0 && !cu->parked )
        park(rq, cu);
}

/* Chooses among the current unit (if it may continue) and the queue. */
static struct c2_unit *pick_next(struct sched_instance *s, struct c2_rq *rq,
                                 unsigned int cpu, struct c2_unit *scurr,
                                 bool yield, s_time_t now)
{
    struct c2_unit *cand;

    /* Rate limit: a unit keeps a CPU it just got, unless it yields. */
    if ( scurr && !yield && now - scurr->got_cpu < c2_priv(s)->ratelimit )
        return scurr;

    cand = runq_best(rq, cpu);
    if ( !cand && !scurr && pull_one(s, rq, cpu, 1) )
        cand = runq_best(rq, cpu);
    if ( !cand )
        return scurr;
    if ( !scurr )
        return cand;
    /* Ties go to the waiting unit: equal credits take turns. */
    if ( yield || cand->credit >= scurr->credit )
        return cand;
    return scurr;
}

/* How long snext may run before the choice must be made again. */
static s_time_t slice_for(struct sched_instance *s, struct c2_rq *rq,
                          struct c2_unit *snext, unsigned int cpu,
                          s_time_t now, s_time_t next_refill)
{
    struct c2_unit *next;
    s_time_t slice, ran;

    if ( !snext )
        return next_refill ? next_refill - now : SCHED_NO_SLICE;

    next = runq_best(rq, cpu);
    slice = next ? credit_to_time(rq, snext, snext->credit - next->credit)
                 : MAX_TIMER;
    slice = MAX(slice, MIN_TIMER);
    slice = MIN(slice, MAX_TIMER);
    /* The rate limit is a promise; make the slice at least keep it. */
    ran = now - snext->got_cpu;
    if ( ran < c2_priv(s)->ratelimit )
        slice = MAX(slice, c2_priv(s)->ratelimit - ran);
    /* A cap is a hard limit, the rate limit notwithstanding. */
    if ( snext->cap )
        slice = MIN(slice, MIN(snext->budget, snext->next_refill - now));
    if ( next_refill )
        slice = MIN(slice, next_refill - now);
    return slice;
}

/* Balancing of a busy CPU: at most one pull per BALANCE_INTERVAL. */
static void periodic_balance(struct sched_instance *s, struct c2_rq *rq,
                             unsigned int cpu, s_time_t now)
{
    if ( now < rq->next_balance )
        return;
    rq->next_balance = now + BALANCE_INTERVAL;
    pull_one(s, rq, cpu, 2);
}

static struct sched_decision c2_do_schedule(struct sched_instance *s,
                                            unsigned int cpu, s_time_t now)
{
    struct c2_rq *rq = c2_rq_of(s, cpu);
    struct sched_unit *curr = s->res[cpu].curr;
    struct c2_unit *scurr = NULL, *snext;
    struct sched_decision d = { .tickle = -1 };
    s_time_t next_refill;
    bool yield = false;

    account_curr(rq, curr, now);
    next_refill = unpark_due(rq, now);
    if ( !curr->is_idle )
    {
        yield = c2_unit(curr)->yielding;
        c2_unit(curr)->yielding = false;
        if ( can_continue(curr, cpu) )
            scurr = c2_unit(curr);
    }
    if ( scurr )
        periodic_balance(s, rq, cpu, now);

    snext = pick_next(s, rq, cpu, scurr, yield, now);
    if ( snext )
        maybe_reset(rq, snext, cpu, now);

    if ( snext != scurr )
    {
        /* A runnable curr waits again, even one that must move away. */
        if ( !curr->is_idle && curr->runstate == RUNSTATE_running &&
             !c2_unit(curr)->parked )
            runq_insert(rq, c2_unit(curr));
        if ( snext )
        {
            runq_remove(rq, snext);
            snext->got_cpu = now;
        }
    }
    if ( snext )
    {
        snext->burn_from = now;
        cpumask_clear_cpu(cpu, &c2_priv(s)->idlers);
        d.unit = snext->unit;
    }
    else
    {
        cpumask_set_cpu(cpu, &c2_priv(s)->idlers);
        d.unit = s->res[cpu].idle;
    }
    d.slice = slice_for(s, rq, snext, cpu, now, next_refill);
    d.tickle = idler_for_queue(s, rq);
    return d;
}

/* Prefers an idle CPU, then the least loaded one, in u's affinity. */
static unsigned int c2_pick_cpu(struct sched_instance *s, struct sched_unit *u)
{
    unsigned int cpu, best = NR_CPUS;
    cpumask_t mask;

    cpumask_and(&mask, &u->hard_affinity, &s->cpus);
    for_each_cpu ( cpu, &mask )
    {
        if ( cpumask_test_cpu(cpu, &c2_priv(s)->idlers) )
            return cpu;
        if ( best == NR_CPUS ||
             rq_load(s, c2_rq_of(s, cpu)) < rq_load(s, c2_rq_of(s, best)) )
            best = cpu;
    }
    return best < NR_CPUS ? best : u->processor;
}

static void c2_migrate(struct sched_instance *s, struct sched_unit *u,
                       unsigned int new_cpu, s_time_t now)
{
    struct c2_unit *cu = c2_unit(u);

    move_unit(cu->rq, c2_rq_of(s, new_cpu), cu);
}

/* --- Ops: parameters, dump. */

static int c2_adjust(struct sched_instance *s, struct sched_unit *u,
                     const struct sched_params *p, s_time_t now)
{
    struct c2_unit *cu = c2_unit(u);

    if ( p->weight < 1 || p->weight > SCHED_MAX_WEIGHT || p->cap > 100 )
        return -EINVAL;
    cu->weight = p->weight;
    if ( cu->rq )
        update_max_weight(cu->rq);
    if ( p->cap != cu->cap )
    {
        cu->cap = p->cap;
        cu->budget = cap_budget(cu);
        cu->next_refill = now + CAP_PERIOD;
        if ( cu->parked )
        {
            /* A new cap starts with a full budget. */
            cu->parked = false;
            cu->rq->nr_parked--;
            if ( u->runstate == RUNSTATE_runnable )
                runq_insert(cu->rq, cu);
        }
    }
    return 0;
}

static void c2_get_params(struct sched_instance *s, struct sched_unit *u,
                          struct sched_params *p)
{
    p->weight = c2_unit(u)->weight;
    p->cap = c2_unit(u)->cap;
}

static void dump_unit(const struct c2_unit *cu, char mark)
{
    const struct sched_unit *u = cu->unit;

    printk("  %c d%uv%u w=%u cap=%u credit=%ldus budget=%ldus state=%d%s%s\n",
           mark, (unsigned int)u->domain_id, u->id, cu->weight, cu->cap,
           (long)(cu->credit / 1000), (long)(cu->budget / 1000), u->runstate,
           cu->queued ? " queued" : "", cu->parked ? " parked" : "");
}

static void dump_rq(struct sched_instance *s, struct c2_rq *rq)
{
    unsigned long flags = sched_lock_irqsave(&rq->lock);
    struct sched_unit *curr = s->res[rq->cpu].curr;
    struct c2_link *l;

    printk("CPU%u: load=%u queued=%u parked=%u max_weight=%u curr=%s\n",
           rq->cpu, rq_load(s, rq), rq->nr_queued, rq->nr_parked,
           rq->max_weight, curr->is_idle ? "idle" : "unit");
    for ( l = rq->units.next; l != &rq->units; l = l->next )
    {
        const struct c2_unit *cu = c2_entry(l, struct c2_unit, rq_link);

        dump_unit(cu, cu->unit == curr ? '*' : ' ');
    }
    sched_unlock_irqrestore(&rq->lock, flags);
}

static void c2_dump(struct sched_instance *s)
{
    unsigned int cpu;

    printk("credit2: ratelimit=%ldus idlers=%u\n",
           (long)(c2_priv(s)->ratelimit / 1000),
           cpumask_weight(&c2_priv(s)->idlers));
    for_each_cpu ( cpu, &s->cpus )
        dump_rq(s, c2_rq_of(s, cpu));
}

const struct scheduler sched_credit2_def = {
    .name           = "SMP Credit Scheduler rev2",
    .opt_name       = "credit2",
    .init           = c2_init,
    .deinit         = c2_deinit,
    .alloc_pdata    = c2_alloc_pdata,
    .init_pdata     = c2_init_pdata,
    .free_pdata     = c2_free_pdata,
    .alloc_udata    = c2_alloc_udata,
    .free_udata     = c2_free_udata,
    .insert_unit    = c2_insert_unit,
    .remove_unit    = c2_remove_unit,
    .sleep          = c2_sleep,
    .wake           = c2_wake,
    .yield          = c2_yield,
    .do_schedule    = c2_do_schedule,
    .pick_cpu       = c2_pick_cpu,
    .migrate        = c2_migrate,
    .adjust         = c2_adjust,
    .get_params     = c2_get_params,
    .dump           = c2_dump,
};
