/*
 * Domains and vCPUs.
 *
 * A domain owns memory (its page list), vCPUs, a shared_info page and the
 * state of every hypercall family; a vCPU is what the scheduler runs.  The
 * architecture-specific parts (registers, page-table bases, trap tables)
 * are in struct arch_domain / arch_vcpu from asm/domain.h.
 *
 * Lifetime.  A domain is reference counted (d->refcnt).  The domain list
 * holds one reference; every lookup (get_domain_by_id) takes another and
 * drops it with put_domain().  domain_kill()
 * takes the domain off the list and releases its memory; the structure
 * itself is freed only when the last reference goes, so a CPU that found
 * the domain just before it was killed still holds a valid pointer and
 * sees d->is_dying instead of freed memory.
 *
 * Lock order (outer first): domlist_lock, d->domain_lock, d->event_lock
 * (two domains': lower domain id first), d->mm_lock, grant table locks
 * (never two at once), d->page_alloc_lock, schedule locks, timer queue
 * locks, ioremap_lock, map_lock, the call-function lock, xmalloc_lock,
 * heap_lock, console_lock.  This is enum lock_class in xen/spinlock.h,
 * which debug builds enforce.
 */
#ifndef XEN_SCHED_H
#define XEN_SCHED_H

#include <xen/sched-if.h>
#include <xen/spinlock.h>
#include <xen/time.h>
#include <xen/timer.h>
#include <xen/types.h>
#include <xen/mm.h>
#include <public/xen.h>
#include <public/sched.h>
#include <asm/domain.h>

#define MAX_VIRT_CPUS       XEN_LEGACY_MAX_VCPUS

/* vCPU pause_flags: reasons a vCPU may not run.  Any bit set = not runnable. */
#define _VPF_blocked        0   /* SCHEDOP_block / poll: waiting for an event */
#define _VPF_down           1   /* not brought up, or VCPUOP_down */
#define _VPF_dying          2   /* its domain is being destroyed */
#define _VPF_shutdown       3   /* its domain has shut down */
#define VPF_blocked         (1UL << _VPF_blocked)
#define VPF_down            (1UL << _VPF_down)
#define VPF_dying           (1UL << _VPF_dying)
#define VPF_shutdown        (1UL << _VPF_shutdown)

struct vcpu {
    unsigned int vcpu_id;
    struct domain *domain;
    struct sched_unit sched_unit;       /* the scheduler's view; see sched-if.h */

    /*
     * Where the guest sees its vcpu_info: in shared_info for vCPUs below
     * XEN_LEGACY_MAX_VCPUS until VCPUOP_register_vcpu_info moves it.  A
     * hypervisor virtual address, valid while the vCPU exists.
     */
    struct vcpu_info *vcpu_info;
    bool vcpu_info_registered;

    unsigned long pause_flags;          /* VPF_*, atomic bit operations */
    bool is_initialised;                /* has a register context to run */
    bool is_running;                    /* loaded on a CPU right now */

    /* The one-shot timer of VCPUOP_set_singleshot_timer / set_timer_op. */
    struct timer singleshot_timer;
    /* The periodic timer (VCPUOP_set_periodic_timer), armed while running. */
    struct timer periodic_timer;
    s_time_t periodic_period;           /* 0 = stopped */
    s_time_t periodic_last;             /* when it last raised VIRQ_TIMER */
    /* SCHEDOP_poll: the ports waited on, valid while poll_active. */
#define MAX_POLL_PORTS 128
    evtchn_port_t poll_ports[MAX_POLL_PORTS];
    unsigned int poll_nr;
    bool poll_active;
    struct timer poll_timer;

    /* Ports bound to this vCPU's VIRQs (0 = unbound); under event_lock. */
    evtchn_port_t virq_to_evtchn[NR_VIRQS];
    /* FIFO ABI: queues and control block (evtchn/fifo.c), or NULL. */
    struct evtchn_fifo_vcpu *evtchn_fifo;

    /* Guest address of its vcpu_runstate_info, or 0 (guest kernel VA). */
    unsigned long runstate_guest;
    /* Guest address of its second vcpu_time_info (for the vDSO), or 0. */
    unsigned long time_guest;

    struct arch_vcpu arch;
};

struct domain {
    domid_t domain_id;
    bool is_privileged;                 /* dom0: may use domctl/sysctl, map anything */
    /* Launched at boot with no toolstack: destroyed by Tessera when it stops. */
    bool is_boot_domain;

    /* References: see "Lifetime" above.  Atomic. */
    unsigned int refcnt;
    bool is_dying;                      /* domain_kill() started */
    /* domain_kill() progress (KILL_*), under domain_lock; one killer at a time. */
    unsigned int kill_stage;
    bool kill_busy;
    unsigned long kill_owned, kill_left;

    /* Shutdown: set once, under domain_lock. */
    bool is_shutting_down;
    unsigned int shutdown_code;         /* SHUTDOWN_*, or ..._CODE_INVALID */
#define SHUTDOWN_CODE_INVALID (~0u)     /* no SCHEDOP_shutdown_code yet */
    bool is_crashed;

    spinlock_t domain_lock;             /* lifecycle and vCPU set changes */

    /*
     * Pausing (domain_pause): while pause_count is non-zero no vCPU of the
     * domain is runnable, whatever its own pause_flags say.  The toolstack
     * holds controller_pause_count of those references (domctl pause /
     * unpause; a domain created by domctl starts with one, as on Xen).
     * pause_count is atomic; controller_pause_count is under domain_lock.
     */
    unsigned int pause_count;
    unsigned int controller_pause_count;

    xen_domain_handle_t handle;         /* the toolstack's UUID (domctl) */
    int64_t time_offset_seconds;        /* settimeoffset: wall clock skew */
    unsigned int sched_cap;             /* domctl credit2 cap, % (0 = none) */

    unsigned int max_vcpus;
    struct vcpu **vcpu;                 /* [max_vcpus], NULL entries allowed */

    shared_info_t *shared_info;         /* a xenheap page owned by the domain */

    /* Memory.  page_alloc_lock protects page_list, tot_pages, max_pages. */
    spinlock_t page_alloc_lock;
    struct page_list_head page_list;
    unsigned long tot_pages;            /* pages owned */
    unsigned long max_pages;            /* limit on tot_pages */
    unsigned long xenheap_pages;        /* of which hypervisor-allocated (shared_info) */

    unsigned long vm_assist;            /* VMASST_TYPE_* bits enabled */

    /*
     * Event channels (common/evtchn/).  event_lock serialises allocation,
     * binding and closing of d's ports; ports are allocated in buckets
     * that are never freed before the domain is.
     */
    spinlock_t event_lock;
    struct evtchn **evtchn_buckets;     /* [EVTCHN_NR_BUCKETS] */
    unsigned int max_evtchn_port;       /* highest port this domain may use */
    unsigned int valid_evtchns;         /* ports with a bucket */
    /*
     * The event ABI in use (2-level until EVTCHNOP_init_control) and its
     * state; changed under both locks, used under evtchn_port_lock.
     */
    spinlock_t evtchn_port_lock;
    const struct evtchn_port_ops *evtchn_port_ops;
    struct evtchn_fifo_domain *evtchn_fifo;

    struct grant_table *grant_table;    /* common/gnttab/ */

    /* Domain list, under domlist_lock. */
    struct domain *next_in_list;

    char name[32];                      /* for log lines */

    struct arch_domain arch;
};

/* The idle domain: owns each CPU's idle vCPU. */
extern struct domain *idle_domain;
#define is_idle_domain(d)   ((d)->domain_id == DOMID_IDLE)
#define is_idle_vcpu(v)     is_idle_domain((v)->domain)

static inline struct vcpu *unit_to_vcpu(struct sched_unit *u)
{
    return (struct vcpu *)((char *)u - __builtin_offsetof(struct vcpu, sched_unit));
}

/* --- Lifecycle (common/domain.c). */
struct domain_create_args {
    unsigned int max_vcpus;
    unsigned long max_pages;
    unsigned int max_evtchn_port;       /* 0 = the default */
    bool privileged;
    bool paused;                        /* starts with one controller pause */
};
/* A new domain with vCPU 0 created (down); NULL with *err set on failure. */
struct domain *domain_create(domid_t id, const struct domain_create_args *a,
                             int *err);
struct vcpu *vcpu_create(struct domain *d, unsigned int id);
/* A boot domain (not dom0) stopped: it is destroyed soon after. */
void boot_domain_stopped(struct domain *d);
/* Destroys every stopped boot domain now (the machine is stopping). */
void reap_stopped_domains_now(void);
/*
 * Stops the domain and frees everything but the structure (which goes with
 * its last reference).  Preemptible: -ERESTART means "call again", the
 * work done so far is kept.  0 once destroyed.
 */
int domain_kill(struct domain *d);
/* The same to the end, without yielding (the machine is stopping). */
void domain_kill_sync(struct domain *d);
/* get_domain_by_id() that also finds a domain being destroyed. */
struct domain *get_domain_by_id_dying(domid_t id);

/*
 * Lookups return the domain with a reference held (drop it with
 * put_domain()), or NULL if it does not exist or is dying.
 */
struct domain *get_domain_by_id(domid_t id);
/* The live domain with the lowest id >= id (referenced), or NULL. */
struct domain *get_domain_from(domid_t id);
static inline void get_domain_ref(struct domain *d)
{
    __atomic_fetch_add(&d->refcnt, 1, __ATOMIC_ACQUIRE);
}
void put_domain(struct domain *d);

/* Every live domain, for the debug keys and VIRQ_DOM_EXC scans. */
void for_each_domain_call(void (*fn)(struct domain *d, void *arg), void *arg);

/* Shutdown with a reason (SHUTDOWN_*); all vCPUs stop.  Idempotent. */
void domain_shutdown(struct domain *d, unsigned int reason);
/*
 * A guest broke its own state beyond repair: log why, stop it with
 * SHUTDOWN_crash.  Only ever affects d.
 */
void domain_crash(struct domain *d, const char *fmt, ...) __printf(2, 3);

/*
 * Pausing another domain: when domain_pause() returns, none of d's vCPUs
 * runs (d must not be the caller's domain).  Nested; domain_unpause()
 * lets them run again once the count drops to zero.
 */
void domain_pause(struct domain *d);
void domain_unpause(struct domain *d);
/* The toolstack's pauses: -EOVERFLOW past 255, -EINVAL if none to undo. */
int domain_pause_by_systemcontroller(struct domain *d);
int domain_unpause_by_systemcontroller(struct domain *d);

/* How many domains exist (for the 'q' key and tests). */
unsigned int domain_count(void);

/* --- vCPU run state (common/sched/schedule.c). */
void vcpu_wake(struct vcpu *v);
void vcpu_sleep_nosync(struct vcpu *v);
/* Sets a pause flag; the vCPU stops at its next return to the hypervisor. */
void vcpu_pause_flag_set(struct vcpu *v, unsigned int flag);
void vcpu_pause_flag_clear(struct vcpu *v, unsigned int flag);
static inline bool vcpu_runnable(const struct vcpu *v)
{
    return !__atomic_load_n(&v->pause_flags, __ATOMIC_ACQUIRE) &&
           !__atomic_load_n(&v->domain->pause_count, __ATOMIC_ACQUIRE) &&
           !v->domain->is_dying;
}
/* Adds a new vCPU to the scheduler on cpu (offline until woken). */
int sched_vcpu_insert(struct vcpu *v, unsigned int cpu);
void sched_vcpu_remove(struct vcpu *v);
/* The guest's one-shot timer (VCPUOP_set_singleshot_timer, set_timer_op). */
void vcpu_timer_init(struct vcpu *v);
long vcpu_set_singleshot_timer(struct vcpu *v, s_time_t deadline);
/* Sets (period > 0) or stops (0) v's periodic timer. */
void vcpu_set_periodic_timer(struct vcpu *v, s_time_t period);
/* Starts scheduling on this CPU; never returns. */
void __noreturn sched_start_cpu(void);
void scheduler_init(void);
void scheduler_add_cpu(unsigned int cpu);
void sched_dump_all(void);
/* The runstate area of v as the guest sees it is refreshed. */
void update_guest_areas(struct vcpu *v);
/* The vCPU instance every domain's units belong to. */
extern struct sched_instance sched_main;

/* Arch hooks (arch/x86/domain.c). */
int arch_domain_create(struct domain *d);
void arch_domain_destroy(struct domain *d);
int arch_vcpu_create(struct vcpu *v);
void arch_vcpu_destroy(struct vcpu *v);
/* Releases the domain's page-table references; -ERESTART: call again. */
int arch_domain_relinquish(struct domain *d, bool preemptible);
/* Switch this CPU from prev to next; does not return if next is a guest. */
void context_switch(struct vcpu *prev, struct vcpu *next);

#endif /* XEN_SCHED_H */
