/*
 * Bringing up the application processors: INIT-SIPI-SIPI to each CPU the
 * MADT lists, one at a time, each starting in the real-mode trampoline and
 * arriving in start_secondary() on its own stack block.
 */
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/sched.h>
#include <xen/smp.h>
#include <xen/softirq.h>
#include <xen/spinlock.h>
#include <xen/string.h>
#include <xen/time.h>
#include <xen/timer.h>
#include <asm/apic.h>
#include <asm/cpufeature.h>
#include <asm/desc.h>
#include <asm/mm.h>
#include <asm/page.h>
#include <asm/processor.h>
#include <asm/pv.h>
#include <asm/traps.h>

extern char trampoline_start[], trampoline_end[];
extern uint32_t tramp_gdtr_base, tramp_pm_ptr, tramp_lm_ptr, tramp_phys,
                tramp_cr3, tramp_efer;
extern uint64_t tramp_entry64;
extern const uint32_t tramp_offsets[3];     /* gdt, pm32, lm64 */
extern char boot_l4[];
extern void ap_start64(void);

volatile unsigned long cpu_online_bits;
uint32_t cpu_to_apicid[NR_CPUS];

/*
 * Stack blocks for the APs come from the heap: a buddy block of order
 * STACK_ORDER is naturally STACK_SIZE-aligned, as asm/current.h requires.
 */
#define STACK_ORDER 3
static volatile unsigned int booting_cpu;
unsigned long ap_boot_stack;        /* read by ap_start64 */

#define TRAMP_FIELD(base, sym) \
    ((void *)((char *)(base) + ((char *)&(sym) - trampoline_start)))

static void busy_wait(s_time_t ns)
{
    s_time_t end = NOW() + ns;

    while ( NOW() < end )
        cpu_relax();
}

static void event_check_interrupt(struct cpu_user_regs *regs)
{
    apic_eoi();     /* the wake-up from hlt is the whole point */
}

static struct {
    spinlock_t lock;
    void (*fn)(void *);
    void *data;
    volatile unsigned int pending;
} call_data = { .lock = SPIN_LOCK_UNLOCKED_CLASS(LOCK_CLASS_call) };

static const struct cpu_user_regs *irq_regs[NR_CPUS];

const struct cpu_user_regs *get_irq_regs(void)
{
    return irq_regs[smp_processor_id()];
}

static void call_function_interrupt(struct cpu_user_regs *regs)
{
    void (*fn)(void *) = call_data.fn;
    void *data = call_data.data;
    unsigned int cpu = smp_processor_id();

    apic_eoi();
    irq_regs[cpu] = regs;
    fn(data);
    irq_regs[cpu] = NULL;
    __atomic_fetch_sub(&call_data.pending, 1, __ATOMIC_RELEASE);
}

void smp_send_event_check(unsigned int cpu)
{
    if ( cpu_online(cpu) )
        apic_send_ipi(cpu_to_apicid[cpu], EVENT_CHECK_VECTOR);
}

/*
 * Runs fn on every other online CPU and waits (at most a second) for all of
 * them.  Interrupts stay on, here and in every caller: a CPU waiting for
 * call_data.lock, or for anything else, must still answer the IPIs of the
 * CPU that holds it (TLB shootdowns depend on every CPU answering).
 */
void smp_call_function(void (*fn)(void *), void *data)
{
    unsigned int cpu, me, n = 0;
    s_time_t deadline;

    ASSERT(local_irq_is_enabled());
    spin_lock(&call_data.lock);
    me = smp_processor_id();

    call_data.fn = fn;
    call_data.data = data;
    for ( cpu = 0; cpu < NR_CPUS; cpu++ )
        if ( cpu != me && cpu_online(cpu) )
            n++;
    call_data.pending = n;
    for ( cpu = 0; cpu < NR_CPUS; cpu++ )
        if ( cpu != me && cpu_online(cpu) )
            apic_send_ipi(cpu_to_apicid[cpu], CALL_FUNCTION_VECTOR);
    /* Bounded: a wedged CPU must not wedge this one too. */
    deadline = NOW() + SECONDS(1);
    while ( __atomic_load_n(&call_data.pending, __ATOMIC_ACQUIRE) && NOW() < deadline )
        cpu_relax();
    if ( call_data.pending )
        printk("smp_call_function: %u CPUs did not answer\n", call_data.pending);
    spin_unlock(&call_data.lock);
}

void idle_loop(void)
{
    unsigned int cpu = smp_processor_id();

    for ( ; ; )
    {
        local_irq_disable();
        if ( softirq_pending(cpu) )
        {
            local_irq_enable();
            do_softirq();
            continue;
        }
        safe_halt();
    }
}

void start_secondary(void);
void start_secondary(void)
{
    struct cpu_info *ci = get_cpu_info();
    unsigned int cpu = booting_cpu;

    ci->processor_id = cpu;
    ci->stack_block = stack_block_of((unsigned long)ci);
    load_idt();
    cpu_desc_init(cpu, ci->stack_block);
    cpu_enable_protections(&boot_cpu);
    apic_local_init();
    timer_cpu_init(cpu);
    pv_cpu_init(cpu);
    /* The heap's lock is taken with interrupts on: allocate likewise. */
    local_irq_enable();
    scheduler_add_cpu(cpu);
    __atomic_fetch_or(&cpu_online_bits, 1UL << cpu, __ATOMIC_RELEASE);
    idle_loop();
}

static void prepare_trampoline(void *page, paddr_t phys)
{
    memcpy(page, trampoline_start, trampoline_end - trampoline_start);
    *(uint32_t *)TRAMP_FIELD(page, tramp_phys) = phys;
    *(uint32_t *)TRAMP_FIELD(page, tramp_gdtr_base) = phys + tramp_offsets[0];
    *(uint32_t *)TRAMP_FIELD(page, tramp_pm_ptr) = phys + tramp_offsets[1];
    *(uint32_t *)TRAMP_FIELD(page, tramp_lm_ptr) = phys + tramp_offsets[2];
    /* The boot page tables: they map the trampoline 1:1 and the image. */
    *(uint32_t *)TRAMP_FIELD(page, tramp_cr3) = __pa(boot_l4);
    *(uint32_t *)TRAMP_FIELD(page, tramp_efer) = (uint32_t)rdmsr(MSR_EFER) & (EFER_LME | EFER_NXE);
    *(uint64_t *)TRAMP_FIELD(page, tramp_entry64) = (uintptr_t)ap_start64;
}

static bool boot_one_cpu(unsigned int cpu, uint32_t apic_id, void *page,
                         paddr_t phys)
{
    unsigned long block = (unsigned long)alloc_xenheap_pages(STACK_ORDER);
    uint32_t sipi = ICR_STARTUP | (phys >> PAGE_SHIFT);
    s_time_t deadline;
    unsigned int i;

    BUILD_BUG_ON((PAGE_SIZE << STACK_ORDER) != STACK_SIZE);
    if ( !block )
    {
        printk("SMP: no memory for the stack of CPU%u\n", cpu);
        return false;
    }
    stack_guards_unmap(block);
    booting_cpu = cpu;
    cpu_to_apicid[cpu] = apic_id;
    ap_boot_stack = block + STACK_SIZE - CPU_INFO_SIZE;
    __atomic_thread_fence(__ATOMIC_SEQ_CST);

    apic_send_icr(apic_id, ICR_INIT | ICR_LEVEL_ASSERT);
    busy_wait(MILLISECS(10));
    for ( i = 0; i < 2 && !cpu_online(cpu); i++ )
    {
        apic_send_icr(apic_id, sipi);
        busy_wait(MICROSECS(200));
    }
    deadline = NOW() + SECONDS(2);
    while ( !cpu_online(cpu) && NOW() < deadline )
        cpu_relax();
    /* A CPU that never arrived may still wake up later: leak its stack. */
    return cpu_online(cpu);
}

void smp_boot_cpus(paddr_t trampoline)
{
    void *page = __va(trampoline);
    unsigned int i, cpu = 1;
    uint32_t me = apic_read_id();

    set_intr_handler(EVENT_CHECK_VECTOR, event_check_interrupt);
    set_intr_handler(CALL_FUNCTION_VECTOR, call_function_interrupt);
    cpu_to_apicid[0] = me;
    cpu_online_bits = 1;

    BUG_ON(trampoline_end - trampoline_start > (long)PAGE_SIZE);
    BUG_ON(trampoline >= 0x100000 || (trampoline & ~PAGE_MASK));
    prepare_trampoline(page, trampoline);

    for ( i = 0; i < topology.nr_cpus; i++ )
    {
        if ( topology.apic_ids[i] == me )
            continue;
        if ( cpu >= NR_CPUS )
        {
            printk("SMP: only %u CPUs supported; APIC ID %u left offline\n",
                   NR_CPUS, topology.apic_ids[i]);
            continue;
        }
        if ( boot_one_cpu(cpu, topology.apic_ids[i], page, trampoline) )
            cpu++;
        else
            printk("SMP: CPU with APIC ID %u did not come up\n", topology.apic_ids[i]);
    }
    printk("SMP: %u CPUs online (%u listed by the MADT)\n", num_online_cpus(),
           topology.nr_cpus);
}
