/*
 * Boot self-test: proves the boot path left the machine in the state the rest
 * of the hypervisor assumes, then reports one machine-readable line,
 *     RESULT: boot-selftest PASS|FAIL <detail>
 * and powers off with the matching status.  Test harnesses judge both.
 *
 * The modes `fail`, `bad-exit` and `hang` exist so the harness's own
 * judgement can be shown to catch a failing, lying or stuck hypervisor.
 */
#include <xen/console.h>
#include <xen/lib.h>
#include <xen/sched.h>
#include <xen/smp.h>
#include <xen/spinlock.h>
#include <xen/softirq.h>
#include <xen/string.h>
#include <xen/time.h>
#include <xen/version.h>
#include <xen/timer.h>
#include <asm/apic.h>
#include <asm/config.h>
#include <asm/cpufeature.h>
#include <asm/current.h>
#include <asm/desc.h>
#include <asm/extable.h>
#include <asm/mm.h>
#include <asm/page.h>
#include <asm/processor.h>
#include <asm/setup.h>
#include <asm/shutdown.h>

static unsigned int checks, failures;
static unsigned long bss_probe;
static volatile unsigned long data_probe = 0x5e1f7e57;

static void check(bool ok, const char *what)
{
    printk("selftest: %-44s %s\n", what, ok ? "ok" : "FAILED");
    checks++;
    if ( !ok )
        failures++;
}

static bool modules_sane(const struct boot_info *bi)
{
    paddr_t img_start = __pa(_start), img_end = __pa(_end);
    unsigned int i;

    for ( i = 0; i < bi->nr_modules; i++ )
        if ( bi->modules[i].end > img_start && bi->modules[i].start < img_end )
            return false;
    return true;
}

static bool direct_map_coherent(void)
{
    volatile unsigned long *alias = __va(__pa((const void *)&data_probe));
    bool ok;

    data_probe = 0x1234abcd;
    ok = *alias == 0x1234abcd;
    *alias = 0x5e1f7e57;
    return ok && data_probe == 0x5e1f7e57;
}

static volatile s_time_t timer_fired_at;

static void selftest_timer_fn(void *data)
{
    timer_fired_at = NOW();
}

/* A one-shot timer fires, not early, and not absurdly late. */
static bool timer_fires(void)
{
    struct timer t;
    s_time_t set_at = NOW(), deadline = set_at + MILLISECS(20);

    init_timer(&t, selftest_timer_fn, NULL, smp_processor_id());
    timer_fired_at = 0;
    set_timer(&t, deadline);
    while ( !timer_fired_at && NOW() < set_at + SECONDS(2) )
    {
        safe_halt();
        do_softirq();
    }
    stop_timer(&t);
    printk("selftest: timer due +20 ms fired at +%lld us\n",
           timer_fired_at ? (long long)(timer_fired_at - set_at) / 1000 : -1LL);
    return timer_fired_at >= deadline && timer_fired_at < deadline + MILLISECS(50);
}

static volatile unsigned long called_on;

static void mark_cpu(void *data)
{
    __atomic_fetch_or(&called_on, 1UL << smp_processor_id(), __ATOMIC_RELAXED);
}

/* Every other online CPU runs a function on request (IPIs work). */
static bool ipis_reach_all_cpus(void)
{
    called_on = 0;
    smp_call_function(mark_cpu, NULL);
    return called_on == (cpu_online_bits & ~(1UL << smp_processor_id()));
}

/*
 * TLB shootdown of hypervisor mappings.  Every other CPU reads a scratch
 * VA mapped to page A, so its TLB holds a global entry for it; the VA is
 * then remapped to page B, and later unmapped.  Each CPU must see B, then
 * a fault, never A's stale value: only a flush on every CPU gets there.
 */
#define SHOOTDOWN_VA    (VMAP_VIRT_START + (2UL << 30))
#define READ_FAULTED    0xfa017fa017UL
#define PAGE_A_VALUE    0xaaaa0000aaaaUL
#define PAGE_B_VALUE    0xbbbb0000bbbbUL

static volatile unsigned long seen_at_va[NR_CPUS];

/* *p, or READ_FAULTED if reading it faults. */
static unsigned long read_or_fault(const volatile unsigned long *p)
{
    unsigned long v = READ_FAULTED;

    __asm__ __volatile__("1: mov (%1), %0\n"
                         "2:\n"
                         _ASM_EXTABLE(1b, 2b)
                         : "+r"(v) : "r"(p) : "memory");
    return v;
}

static void read_shootdown_va(void *unused)
{
    seen_at_va[smp_processor_id()] =
        read_or_fault((const volatile unsigned long *)SHOOTDOWN_VA);
}

/* Every other online CPU reads the scratch VA and saw `want`. */
static bool others_see(unsigned long want)
{
    unsigned int cpu, me = smp_processor_id();
    bool ok = true;

    smp_call_function(read_shootdown_va, NULL);
    for ( cpu = 0; cpu < NR_CPUS; cpu++ )
        if ( cpu != me && cpu_online(cpu) && seen_at_va[cpu] != want )
        {
            printk("selftest: CPU%u read %#lx at %#lx, expected %#lx\n", cpu,
                   seen_at_va[cpu], SHOOTDOWN_VA, want);
            ok = false;
        }
    return ok;
}

static bool tlb_shootdown_reaches_all_cpus(void)
{
    unsigned long *a = alloc_xenheap_pages(0), *b = alloc_xenheap_pages(0);
    bool ok = a && b;

    if ( ok )
    {
        *a = PAGE_A_VALUE;
        *b = PAGE_B_VALUE;
        ok = !map_pages_to_xen(SHOOTDOWN_VA, virt_to_mfn(a), 1, PAGE_HYPERVISOR_RW) &&
             others_see(PAGE_A_VALUE);
        ok = ok && !map_pages_to_xen(SHOOTDOWN_VA, virt_to_mfn(b), 1,
                                     PAGE_HYPERVISOR_RW) &&
             others_see(PAGE_B_VALUE);
        destroy_xen_mappings(SHOOTDOWN_VA, SHOOTDOWN_VA + PAGE_SIZE);
        ok = others_see(READ_FAULTED) && ok;
    }
    if ( a )
        free_xenheap_pages(a, 0);
    if ( b )
        free_xenheap_pages(b, 0);
    printk("selftest: TLB shootdown checked on %u other CPUs\n", num_online_cpus() - 1);
    return ok;
}

/*
 * System time (TSC calibrated against the PIT) against the HPET, an
 * independent clock, over 200 ms: they must agree within 2%, a tolerance
 * that absorbs emulator jitter but not a wrong calibration.
 */
static bool time_agrees_with_hpet(void)
{
    s_time_t now_ns, hpet_ns;
    int64_t ppm = time_check_against_hpet(200, &now_ns, &hpet_ns);

    if ( ppm == INT64_MIN )
    {
        printk("selftest: no HPET; time cross-check skipped\n");
        return true;
    }
    printk("selftest: time: system %lld us, HPET %lld us, error %lld ppm\n",
           (long long)now_ns / 1000, (long long)hpet_ns / 1000, (long long)ppm);
    return ppm > -20000 && ppm < 20000;
}

/* The console history ring holds what was printed, banner first. */
static bool console_ring_keeps_history(void)
{
    static char history[16 * 1024];
    size_t n = console_ring_read(history, sizeof(history) - 1);

    history[n] = '\0';
    return n > 0 && strstr(history, TESSERA_BANNER);
}

static bool running_on_own_gdt(void)
{
    uint16_t cs, tr;
    struct desc_ptr idtr;

    __asm__ __volatile__("mov %%cs, %0; str %1; sidt %2"
                         : "=r"(cs), "=r"(tr), "=m"(idtr));
    return cs == HYPERVISOR_CS64_SEL && tr == TSS_SEL && idtr.limit == 4095;
}

/* This CPU's guard pages have no mapping, in the image nor the direct map. */
static bool stack_guards_unmapped(void)
{
    unsigned long block = get_cpu_info()->stack_block;
    unsigned long ist = block + STACK_IST_GUARD_PAGE * PAGE_SIZE;
    unsigned long primary = block + STACK_GUARD_PAGE * PAGE_SIZE;

    return !xen_mapping_flags(ist) && !xen_mapping_flags(primary) &&
           !xen_mapping_flags((unsigned long)__va(__pa((void *)ist))) &&
           !xen_mapping_flags((unsigned long)__va(__pa((void *)primary))) &&
           xen_mapping_flags(primary + PAGE_SIZE) && xen_mapping_flags(ist + PAGE_SIZE);
}

static bool formatting_works(void)
{
    char buf[64];

    snprintf(buf, sizeof(buf), "%s|%5d|%-3x|%08lx|%%", "a", -42, 0xab, 0xdeadUL);
    return !strcmp(buf, "a|  -42|ab |0000dead|%");
}

/*
 * selftest=keys: a domain for 'q' and 'r' to show, with two vCPUs, which
 * domain creation spreads over the CPUs (d1v0 on CPU0, d1v1 on CPU1).
 * No kernel runs in it: its vCPUs stay down.
 */
static void create_parked_domain(void)
{
    struct domain_create_args args = { .max_vcpus = 2, .max_pages = 256 };
    struct domain *d;
    int rc;

    d = domain_create(1, &args, &rc);
    if ( !d )
    {
        printk("selftest: cannot create the parked domain (%d)\n", rc);
        return;
    }
    printk("selftest: domain 1 parked (2 vCPUs down)\n");
}

void boot_selftest(const struct boot_info *bi, const char *mode)
{
    unsigned long rip;

    __asm__ ("lea 0(%%rip), %0" : "=r"(rip));
    printk("selftest: mode %s\n", mode);
    check(rdmsr(MSR_EFER) & EFER_LMA, "long mode active (EFER.LMA)");
    check((read_cr0() & (X86_CR0_PG | X86_CR0_WP | X86_CR0_PE)) ==
          (X86_CR0_PG | X86_CR0_WP | X86_CR0_PE), "paging and write protect on");
    check(read_cr4() & X86_CR4_PAE, "PAE paging (CR4.PAE)");
    check(rip >= XEN_VIRT_START && rip < XEN_VIRT_END,
          "running at the link address");
    check(__pa(_start) == XEN_LOAD_PHYS, "image loaded at its physical address");
    check(bss_probe == 0, ".bss cleared");
    check(direct_map_coherent(), "direct map aliases the image");
    check(formatting_works(), "formatted output");
    check(bi->nr_mmap > 0 && boot_usable_bytes(bi) >= (1u << 20),
          "memory map with usable RAM");
    check(modules_sane(bi), "modules do not overlap the image");
    check(!boot_cpu.smep || (read_cr4() & X86_CR4_SMEP), "SMEP enabled when offered");
    check(!boot_cpu.smap || (read_cr4() & X86_CR4_SMAP), "SMAP enabled when offered");
    check(!boot_cpu.nx || (rdmsr(MSR_EFER) & EFER_NXE), "NX enabled when offered");
    check(running_on_own_gdt(), "own GDT, TSS and IDT loaded");
    check(stack_guards_unmapped(), "stack guard pages unmapped");
    check(num_online_cpus() == topology.nr_cpus, "every CPU in the MADT online");
    check(ipis_reach_all_cpus(), "IPIs reach every other CPU");
    check(tlb_shootdown_reaches_all_cpus(), "hypervisor mapping changes reach all TLBs");
    check(timer_fires(), "one-shot timer fires on time");
    check(time_agrees_with_hpet(), "system time agrees with the HPET");
    check(sched_selftest() == 0, "scheduler policy alternates and idles");
    check(mm_selftest(), "memory: heap, xmalloc, page tables");
    check(console_ring_keeps_history(), "console ring keeps the log");

    if ( !strcmp(mode, "fail") )
        check(false, "deliberate failure (selftest=fail)");
    if ( !strcmp(mode, "hang") )
    {
        printk("selftest: hanging on purpose (selftest=hang)\n");
        for ( ; ; )
            halt();
    }

    printk("RESULT: boot-selftest %s checks=%u failed=%u\n",
           failures ? "FAIL" : "PASS", checks, failures);
    if ( !strcmp(mode, "keys") )
    {
        create_parked_domain();
        printk("selftest: waiting for debug keys\n");
        idle_loop();
    }
    if ( !strcmp(mode, "bad-exit") )
        machine_power_off(POWEROFF_FAILURE);
    machine_power_off(failures ? POWEROFF_FAILURE : POWEROFF_SUCCESS);
}

/*
 * Two stand-ins for the real locks of their classes: an inner one (a
 * console_lock) held while waiting for an outer one (a heap_lock), which
 * deadlocks against any CPU taking them the right way round.
 */
static noinline void take_locks_out_of_order(void)
{
    static DEFINE_SPINLOCK_CLASS(outer, LOCK_CLASS_heap);
    static DEFINE_SPINLOCK_CLASS(inner, LOCK_CLASS_console);
    unsigned long flags;

    flags = spin_lock_irqsave(&outer);          /* the right order is fine */
    spin_lock(&inner);
    spin_unlock(&inner);
    spin_unlock_irqrestore(&outer, flags);

    flags = spin_lock_irqsave(&inner);
    spin_lock(&outer);                          /* must be caught */
    spin_unlock(&outer);
    spin_unlock_irqrestore(&inner, flags);
}

/*
 * Recurses until the primary stack runs into its guard page.  The bound
 * only keeps the compiler from calling this infinite recursion: 512 bytes
 * a frame reach the guard long before it.
 */
static noinline unsigned long overflow_stack(unsigned long depth)
{
    volatile unsigned char frame[512];

    frame[0] = (unsigned char)depth;
    if ( depth > (1UL << 20) )
        return frame[0];
    return overflow_stack(depth + 1) + frame[0];
}

static void overflow_stack_ipi(void *unused)
{
    overflow_stack(0);
}

/*
 * Each kind reaches the fatal-trap path differently: an ordinary fault on
 * the current stack, or (df) a fault whose delivery itself faults, which
 * only an IST stack can report.
 */
void trigger_debug_fault(const char *kind)
{
    printk("debug-fault: triggering '%s'\n", kind);
    if ( !strcmp(kind, "ud") )
        __asm__ __volatile__("ud2");
    else if ( !strcmp(kind, "pf") )
        *(volatile unsigned long *)0xffff810000000000UL = 0xdead;
    else if ( !strcmp(kind, "gp") )
        (void)*(volatile unsigned long *)0x8000000000000000UL;
    else if ( !strcmp(kind, "de") )
    {
        unsigned long zero = 0, q;

        __asm__ __volatile__("xor %%edx, %%edx; div %2"
                             : "=a"(q) : "a"(1UL), "r"(zero) : "rdx");
    }
    else if ( !strcmp(kind, "lock-irq") )
    {
        static DEFINE_SPINLOCK(mixed);
        unsigned long flags = spin_lock_irqsave(&mixed);

        spin_unlock_irqrestore(&mixed, flags);
        spin_lock(&mixed);          /* now with interrupts on: must be caught */
        spin_unlock(&mixed);
    }
    else if ( !strcmp(kind, "lock-order") )
        take_locks_out_of_order();
    else if ( !strcmp(kind, "lock-twice") )
    {
        static DEFINE_SPINLOCK_CLASS(twice, LOCK_CLASS_timer);

        spin_lock_irqsave(&twice);
        spin_lock_irqsave(&twice);  /* would wait for itself forever */
    }
    else if ( !strcmp(kind, "stack-overflow") )
        overflow_stack(0);
    else if ( !strcmp(kind, "stack-overflow-ap") )   /* a heap-allocated stack */
        smp_call_function(overflow_stack_ipi, NULL);
    else if ( !strcmp(kind, "df") )
        __asm__ __volatile__("mov $0xffff810000001000, %%rsp; push %%rax" ::: "memory");
    printk("debug-fault: unknown kind '%s' (ud, pf, gp, de, df, stack-overflow[-ap], lock-irq, lock-order, lock-twice)\n", kind);
}
