#ifndef XEN_SMP_H
#define XEN_SMP_H

#include <xen/types.h>
#include <asm/config.h>
#include <asm/current.h>

/* Bit n set: CPU n has finished bring-up and runs its idle loop. */
extern volatile unsigned long cpu_online_bits;
extern uint32_t cpu_to_apicid[NR_CPUS];

static inline bool cpu_online(unsigned int cpu)
{
    return cpu < NR_CPUS && (cpu_online_bits & (1UL << cpu));
}

static inline unsigned int num_online_cpus(void)
{
    unsigned long bits = cpu_online_bits;
    unsigned int n = 0;

    for ( ; bits; bits &= bits - 1 )
        n++;
    return n;
}

void smp_boot_cpus(paddr_t trampoline);
void smp_send_event_check(unsigned int cpu);
/* Runs fn(data) on every other online CPU and waits for all of them. */
void smp_call_function(void (*fn)(void *), void *data);
void __noreturn idle_loop(void);

#endif /* XEN_SMP_H */
