/*
 * overcommit: two vCPUs on one physical CPU (dom0_max_vcpus=2 on a
 * one-CPU machine, guests.list), both busy, so the hypervisor preempts one
 * for the other on timer interrupts taken in the guest.
 *
 * Regression test for a Tessera bug: TSS.rsp0 was 8 mod 16, and the CPU
 * aligns it down before pushing an interrupt frame, so every frame from
 * the guest landed one word below the fixed per-CPU frame.  Whatever read
 * the fixed frame saw each register one slot off; a context switch out of
 * an interrupt taken in the guest saved RIP := CS, RSP := SS ... and the
 * vCPU crashed when it next ran (first seen as Linux dom0 crashing at
 * "rip 0xe033").
 *
 * Proves: both vCPUs spin for 400 ms each (system time), with known
 * values in rbp and r12-r15 and a forced-emulation CPUID (an
 * exception into the hypervisor) every round; after every round the
 * registers and the stack pointer are intact; each vCPU spent time
 * runnable (it was preempted, so the test tested something) and both
 * made progress.
 */
#include "guest.h"
#include "events.h"
#include "smp.h"

const char test_name[] = "overcommit";

#define SPIN_NS   400000000ULL

struct spin_result {
    unsigned long rounds, bad_regs, bad_rsp;
    volatile unsigned int done;
};

static struct spin_result results[2];

/*
 * One round: sentinels in rbp and r12-r15 (CPUID writes rbx), a busy loop, a
 * forced-emulation CPUID, then the sentinels compared.  Returns the
 * number of registers that changed; *rsp_moved says whether RSP did.
 */
static unsigned long spin_round(unsigned long *rsp_moved)
{
    unsigned long bad, moved;

    asm volatile (
        "push %%rbx; push %%rbp; push %%r12; push %%r13; push %%r14; push %%r15\n\t"
        "mov %%rsp, %%rdi\n\t"
        "movabs $0x2222222222222222, %%rbp\n\t"
        "movabs $0x3333333333333333, %%r12\n\t"
        "movabs $0x4444444444444444, %%r13\n\t"
        "movabs $0x5555555555555555, %%r14\n\t"
        "movabs $0x6666666666666666, %%r15\n\t"
        "mov $20000, %%ecx\n"
        "1: dec %%ecx\n\t"
        "jnz 1b\n\t"
        "xor %%eax, %%eax\n\t"
        "ud2; .ascii \"xen\"; cpuid\n\t"
        "xor %%esi, %%esi\n\t"
        "movabs $0x2222222222222222, %%rax; cmp %%rax, %%rbp; setne %%cl; movzbl %%cl, %%ecx; add %%rcx, %%rsi\n\t"
        "movabs $0x3333333333333333, %%rax; cmp %%rax, %%r12; setne %%cl; movzbl %%cl, %%ecx; add %%rcx, %%rsi\n\t"
        "movabs $0x4444444444444444, %%rax; cmp %%rax, %%r13; setne %%cl; movzbl %%cl, %%ecx; add %%rcx, %%rsi\n\t"
        "movabs $0x5555555555555555, %%rax; cmp %%rax, %%r14; setne %%cl; movzbl %%cl, %%ecx; add %%rcx, %%rsi\n\t"
        "movabs $0x6666666666666666, %%rax; cmp %%rax, %%r15; setne %%cl; movzbl %%cl, %%ecx; add %%rcx, %%rsi\n\t"
        "xor %%edx, %%edx\n\t"
        "cmp %%rsp, %%rdi; setne %%dl\n\t"
        "mov %%rdi, %%rsp\n\t"
        "pop %%r15; pop %%r14; pop %%r13; pop %%r12; pop %%rbp; pop %%rbx\n\t"
        : "=S" (bad), "=d" (moved)
        :
        : "rax", "rcx", "rdi", "r8", "r9", "r10", "r11", "memory", "cc");
    *rsp_moved = moved;
    return bad;
}

static void spin(void *arg)
{
    struct spin_result *r = arg;
    uint64_t end = system_time_ns() + SPIN_NS;
    unsigned long moved;

    while ( system_time_ns() < end )
    {
        r->bad_regs += spin_round(&moved);
        r->bad_rsp += moved;
        r->rounds++;
    }
    __atomic_store_n(&r->done, 1, __ATOMIC_RELEASE);
}

static uint64_t runnable_ns(unsigned int n)
{
    struct vcpu_runstate_info rs;

    if ( HYPERVISOR_vcpu_op(VCPUOP_get_runstate_info, n, &rs) )
        return 0;
    return rs.time[RUNSTATE_runnable];
}

void test_main(void)
{
    unsigned int n = smp_init(), i;
    uint64_t before[2];

    if ( !check_eq(n, 2, "the domain has two vCPUs (dom0_max_vcpus=2, one CPU)") )
        return;
    if ( !check_eq(smp_bring_up(1), 0, "vCPU 1 up") )
        return;
    for ( i = 0; i < 2; i++ )
        before[i] = runnable_ns(i);
    smp_call_async(1, spin, &results[1]);
    spin(&results[0]);
    check_eq(smp_wait(1, 10 * SMP_TIMEOUT_NS), 0, "vCPU 1 finished its spin");
    for ( i = 0; i < 2; i++ )
    {
        printk("vCPU %u: %lu rounds, %lu ms runnable\n", i, results[i].rounds,
               (unsigned long)((runnable_ns(i) - before[i]) / 1000000));
        check(results[i].rounds > 0, "vCPU %u made progress", i);
        check_eq(results[i].bad_regs, 0, "  no callee-saved register changed");
        check_eq(results[i].bad_rsp, 0, "  RSP never moved");
        check(runnable_ns(i) - before[i] > 0, "  it was preempted (runnable time)");
    }
}
