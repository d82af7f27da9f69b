/*
 * big-batch: long hypercalls are preemptible and still exact.
 *
 * Proves: an mmu_update batch of 131072 requests (one M2P update each,
 * rewriting our own frames' entries with their current values, so the
 * batch changes nothing) completes with rc 0 and *done equal to the
 * count, although it takes long enough that the hypervisor yields the CPU
 * in the middle (a one-shot timer armed 1 ms ahead fires meanwhile) and
 * resumes it; the same
 * for an mmuext_op batch of TLB flushes; and a batch whose last request
 * is bad stops there, with *done counting the good ones.
 */
#include "guest.h"

const char test_name[] = "big-batch";

/* System time now, from the pvclock in vcpu_info (version protocol). */
static uint64_t now_ns(void)
{
    volatile struct vcpu_time_info *t = &shared_info->vcpu_info[0].time;
    uint32_t ver, lo, hi;
    uint64_t tsc, delta, ns;

    do {
        ver = t->version;
        __asm__ __volatile__("lfence; rdtsc" : "=a"(lo), "=d"(hi));
        tsc = ((uint64_t)hi << 32) | lo;
        delta = tsc - t->tsc_timestamp;
        if ( t->tsc_shift < 0 )
            delta >>= -t->tsc_shift;
        else
            delta <<= t->tsc_shift;
        ns = t->system_time + (uint64_t)(((unsigned __int128)delta * t->tsc_to_system_mul) >> 32);
    } while ( (ver & 1) || ver != t->version );
    return ns;
}

/* A timer due in 1 ms: its tick lands in the middle of the batch. */
static void arm_timer_soon(void)
{
    struct vcpu_set_singleshot_timer st = { .timeout_abs_ns = now_ns() + 1000000 };

    check_eq(HYPERVISOR_vcpu_op(VCPUOP_set_singleshot_timer, 0, &st), 0,
             "arm a one-shot timer 1 ms ahead");
}

#define NR_REQS 131072
static struct mmu_update reqs[NR_REQS];
static struct mmuext_op ops[NR_REQS / 16];

void test_main(void)
{
    unsigned int i, done = 0, nr_frames = start_info->nr_pages;
    long rc;

    for ( i = 0; i < NR_REQS; i++ )
    {
        uint64_t pfn = i % nr_frames;

        reqs[i].ptr = (pfn_to_mfn(pfn) << 12) | MMU_MACHPHYS_UPDATE;
        reqs[i].val = pfn;
    }
    arm_timer_soon();
    rc = HYPERVISOR_mmu_update(reqs, NR_REQS, &done, DOMID_SELF);
    check_eq(rc, 0, "a 131072-request mmu_update batch");
    check_eq(done, NR_REQS, "every request done");
    check_eq(mfn_to_pfn(pfn_to_mfn(7)), 7, "the M2P is unchanged");

    reqs[NR_REQS - 1].ptr = (~0UL << 12) | MMU_MACHPHYS_UPDATE;
    done = 0;
    arm_timer_soon();
    rc = HYPERVISOR_mmu_update(reqs, NR_REQS, &done, DOMID_SELF);
    check_eq(rc, -XEN_EINVAL, "the same batch with a bad last request");
    check_eq(done, NR_REQS - 1, "stops at the bad request");

    for ( i = 0; i < ARRAY_SIZE(ops); i++ )
        ops[i].cmd = MMUEXT_TLB_FLUSH_LOCAL;
    done = 0;
    arm_timer_soon();
    rc = HYPERVISOR_mmuext_op(ops, ARRAY_SIZE(ops), &done, DOMID_SELF);
    check_eq(rc, 0, "an 8192-op mmuext_op batch");
    check_eq(done, ARRAY_SIZE(ops), "every op done");
}
