/*
 * Softirqs: per-CPU pending bits, set from any context with atomic ops and
 * consumed only by the owning CPU outside interrupt context.
 */
#include <xen/lib.h>
#include <xen/smp.h>
#include <xen/softirq.h>

static softirq_handler_t handlers[NR_SOFTIRQS];
static unsigned long pending[NR_CPUS];

void open_softirq(unsigned int nr, softirq_handler_t fn)
{
    BUG_ON(nr >= NR_SOFTIRQS);
    handlers[nr] = fn;
}

void raise_softirq(unsigned int nr)
{
    __atomic_fetch_or(&pending[smp_processor_id()], 1UL << nr, __ATOMIC_RELEASE);
}

void cpu_raise_softirq(unsigned int cpu, unsigned int nr)
{
    unsigned long old = __atomic_fetch_or(&pending[cpu], 1UL << nr,
                                          __ATOMIC_RELEASE);

    /* The IPI only wakes the CPU; it is needed only for the first bit. */
    if ( cpu != smp_processor_id() && !(old & (1UL << nr)) )
        smp_send_event_check(cpu);
}

bool softirq_pending(unsigned int cpu)
{
    return __atomic_load_n(&pending[cpu], __ATOMIC_ACQUIRE) != 0;
}

void do_softirq(void)
{
    unsigned int cpu = smp_processor_id();
    unsigned long bits;

    while ( (bits = __atomic_exchange_n(&pending[cpu], 0, __ATOMIC_ACQUIRE)) )
    {
        while ( bits )
        {
            unsigned int nr = __builtin_ctzl(bits);

            bits &= bits - 1;
            if ( handlers[nr] )
                handlers[nr]();
        }
    }
}
