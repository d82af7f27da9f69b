/*
 * Secondary vCPUs for test guests (lib/smp.c).
 *
 * vCPU 0 brings vCPU n up the way Linux does (linux-pv-guest-abi.md 3.4):
 * a vcpu_guest_context with a kernel stack of its own, the runtime's trap
 * table and event callback, the boot page tables and a GS base pointing at
 * the vCPU's struct vcpu_data; then VCPUOP_initialise and VCPUOP_up.  A
 * secondary vCPU then waits in SCHEDOP_poll on its masked "call" IPI port
 * and runs whatever function vCPU 0 hands it (smp_call*), reporting back
 * through a masked "done" IPI port of vCPU 0.  Upcalls are unmasked on
 * every vCPU that is up, each logged in its own vcpu_upcalls[] entry.
 */
#ifndef GUEST_SMP_H
#define GUEST_SMP_H

#include "guest.h"
#include <xen/event_channel.h>

#define GUEST_MAX_VCPUS    8
#define VCPU_STACK_SIZE    (4 * PAGE_SIZE)

struct vcpu_data {
    struct vcpu_data *self;          /* %gs:0, so C can find its vcpu_data */
    unsigned int id;
    struct vcpu_info *info;          /* this vCPU's vcpu_info in shared_info */
    evtchn_port_t call_port;         /* IPI to this vCPU, masked: "work queued" */
    void (*volatile call_fn)(void *);
    void *volatile call_arg;
    volatile unsigned int call_seq;  /* bumped by vCPU 0 per queued call */
    volatile unsigned int done_seq;  /* set to call_seq by the vCPU when done */
    volatile bool online;            /* reached its wait loop */
};

extern struct vcpu_data vcpu_data[GUEST_MAX_VCPUS];
extern bool smp_active;              /* %gs holds a vcpu_data on every vCPU */

static inline struct vcpu_data *this_vcpu(void)
{
    struct vcpu_data *d;

    if ( !smp_active )
        return &vcpu_data[0];
    asm volatile ("mov %%gs:0, %0" : "=r" (d));
    return d;
}

static inline unsigned int this_vcpu_id(void)
{
    return this_vcpu()->id;
}

static inline struct vcpu_info *vcpu_info_of(unsigned int n)
{
    return &shared_info->vcpu_info[n];
}

/*
 * Sets up vCPU 0's vcpu_data and GS base, the event callback and the done
 * port; returns the domain's number of vCPUs (probed with VCPUOP_is_up).
 */
unsigned int smp_init(void);
unsigned int smp_nr_vcpus(void);

/*
 * The context Linux would pass for vCPU n (VGCF_in_kernel, stack, trap
 * table, callbacks, CR3 of the boot tables, GS base); a test may edit it
 * before VCPUOP_initialise.
 */
void smp_build_context(unsigned int n, struct vcpu_guest_context *ctx);
/* Binds vCPU n's call port; must precede its first run. */
long smp_prepare(unsigned int n);
/* Waits (up to timeout_ns) for vCPU n to reach its wait loop: 0 or -ETIMEDOUT. */
long smp_wait_online(unsigned int n, uint64_t timeout_ns);
/* prepare + build_context + VCPUOP_initialise + VCPUOP_up + wait_online. */
long smp_bring_up(unsigned int n);

/*
 * Runs fn(arg) on vCPU n.  smp_call_async() queues it and returns;
 * smp_wait() waits up to timeout_ns for it to finish (0 or -ETIMEDOUT);
 * smp_call() does both.
 */
void smp_call_async(unsigned int n, void (*fn)(void *), void *arg);
long smp_wait(unsigned int n, uint64_t timeout_ns);
long smp_call(unsigned int n, void (*fn)(void *), void *arg);

/* Spins (with SCHEDOP_yield) until *flag == want or timeout_ns: true if it did. */
bool wait_flag(volatile unsigned int *flag, unsigned int want, uint64_t timeout_ns);

#define SMP_TIMEOUT_NS  2000000000UL

#endif /* GUEST_SMP_H */
