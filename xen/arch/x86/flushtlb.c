/*
 * TLB flushes and the flush clock (see asm/flushtlb.h).
 */
#include <xen/lib.h>
#include <xen/smp.h>
#include <xen/spinlock.h>
#include <asm/flushtlb.h>
#include <asm/processor.h>

uint32_t tlbflush_clock = 1;
static uint32_t tlbflush_time[NR_CPUS];

void write_cr3_stamped(unsigned long cr3)
{
    /* Stamp before the write: a frame stamped later is flushed again. */
    uint32_t t = __atomic_fetch_add(&tlbflush_clock, 1, __ATOMIC_ACQ_REL);

    write_cr3(cr3);
    __atomic_store_n(&tlbflush_time[smp_processor_id()], t, __ATOMIC_RELEASE);
}

void flush_tlb_guest_local(void)
{
    write_cr3_stamped(read_cr3());
}

void flush_tlb_one_local(unsigned long va)
{
    __asm__ __volatile__("invlpg (%0)" :: "r"(va) : "memory");
}

static void flush_if_in_mask(void *data)
{
    const cpumask_t *mask = data;

    if ( cpumask_test_cpu(smp_processor_id(), mask) )
        flush_tlb_guest_local();
}

void flush_tlb_mask(const cpumask_t *mask)
{
    cpumask_t others;

    cpumask_copy(&others, mask);
    cpumask_clear_cpu(smp_processor_id(), &others);
    if ( cpumask_test_cpu(smp_processor_id(), mask) )
        flush_tlb_guest_local();
    if ( !cpumask_empty(&others) )
        smp_call_function(flush_if_in_mask, &others);
}

/*
 * Toggling CR4.PGE drops every TLB entry, global ones included.  Interrupts
 * stay off in between so that nothing runs with PGE clear or writes CR4.
 */
void flush_tlb_global_local(void)
{
    bool irqs_on = local_irq_is_enabled();
    unsigned long cr4;

    local_irq_disable();
    cr4 = read_cr4();
    if ( cr4 & X86_CR4_PGE )
    {
        write_cr4(cr4 & ~X86_CR4_PGE);
        write_cr4(cr4);
    }
    else
        write_cr3(read_cr3());
    if ( irqs_on )
        local_irq_enable();
}

static void flush_global_ipi(void *unused)
{
    flush_tlb_global_local();
}

void flush_tlb_global(void)
{
    flush_tlb_global_local();
    if ( num_online_cpus() > 1 )
        smp_call_function(flush_global_ipi, NULL);
}

void flush_tlb_va_mask(const cpumask_t *mask, unsigned long va)
{
    cpumask_t others;

    cpumask_copy(&others, mask);
    cpumask_clear_cpu(smp_processor_id(), &others);
    if ( cpumask_test_cpu(smp_processor_id(), mask) )
        flush_tlb_one_local(va);
    if ( !cpumask_empty(&others) )
        smp_call_function(flush_if_in_mask, &others);
}

void flush_tlb_if_older(uint32_t stamp)
{
    cpumask_t mask;
    unsigned int cpu;

    cpumask_clear(&mask);
    for ( cpu = 0; cpu < NR_CPUS; cpu++ )
        if ( cpu_online(cpu) &&
             (int32_t)(__atomic_load_n(&tlbflush_time[cpu], __ATOMIC_ACQUIRE) -
                       stamp) <= 0 )
            __cpumask_set_cpu(cpu, &mask);
    if ( !cpumask_empty(&mask) )
        flush_tlb_mask(&mask);
}
