/*
 * TLB flushing and the flush clock.
 *
 * Every full flush of guest mappings on a CPU (any CR3 write: guest
 * mappings are never global) records the current value of a global clock.
 * When the last writable mapping of a frame goes away, the frame records
 * the clock too.  Before such a frame becomes a page table or descriptor
 * page, every CPU whose last flush is not newer than that stamp may still
 * cache a writable translation, and only those CPUs are flushed.  Guests
 * switch address spaces constantly, so that set is almost always empty.
 */
#ifndef ASM_X86_FLUSHTLB_H
#define ASM_X86_FLUSHTLB_H

#include <xen/cpumask.h>
#include <xen/types.h>

extern uint32_t tlbflush_clock;

/* Loads CR3 and stamps this CPU's flush time. */
void write_cr3_stamped(unsigned long cr3);
static inline uint32_t tlbflush_current_time(void)
{
    return __atomic_load_n(&tlbflush_clock, __ATOMIC_ACQUIRE);
}
/* Flushes every CPU that may cache a translation older than `stamp`. */
void flush_tlb_if_older(uint32_t stamp);
/* Flushes all non-global TLB entries of the CPUs in mask (this one too). */
void flush_tlb_mask(const cpumask_t *mask);
void flush_tlb_one_local(unsigned long va);
/* One page here, everything on the other CPUs of mask (they are rare). */
void flush_tlb_va_mask(const cpumask_t *mask, unsigned long va);
void flush_tlb_guest_local(void);
/*
 * The hypervisor's own mappings are global (CR4.PGE), so changing them
 * needs a flush that includes global entries: on this CPU, or on every
 * online CPU (by IPI; interrupts must be on).
 */
void flush_tlb_global_local(void);
void flush_tlb_global(void);

#endif /* ASM_X86_FLUSHTLB_H */
