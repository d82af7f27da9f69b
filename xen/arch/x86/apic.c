/*
 * Interrupt controllers: the legacy 8259 PICs (masked for good), the local
 * APIC of each CPU (x2APIC through MSRs when offered, xAPIC through MMIO
 * otherwise) and the IO-APICs (all pins masked: the hypervisor polls its
 * serial line, and device interrupts belong to dom0 once it exists).
 */
#include <xen/lib.h>
#include <xen/string.h>
#include <asm/acpi.h>
#include <asm/apic.h>
#include <asm/cpufeature.h>
#include <asm/io.h>
#include <asm/mm-io.h>
#include <asm/processor.h>

#define MSR_APIC_BASE           0x1b
#define APIC_BASE_ENABLE        (1UL << 11)
#define APIC_BASE_X2APIC        (1UL << 10)
#define APIC_BASE_ADDR_MASK     0xfffff000UL
#define MSR_X2APIC_FIRST        0x800
#define MSR_TSC_DEADLINE        0x6e0

/* Register offsets in xAPIC MMIO space; x2APIC MSR = 0x800 + offset / 16. */
#define APIC_ID                 0x020
#define APIC_TPR                0x080
#define APIC_EOI                0x0b0
#define APIC_SVR                0x0f0
#define APIC_ESR                0x280
#define APIC_ICR                0x300
#define APIC_ICR2               0x310
#define APIC_LVT_TIMER          0x320
#define APIC_LVT_LINT0          0x350
#define APIC_LVT_LINT1          0x360
#define APIC_LVT_ERROR          0x370
#define APIC_TIMER_INITIAL      0x380
#define APIC_TIMER_CURRENT      0x390
#define APIC_TIMER_DIVIDE       0x3e0

#define SVR_ENABLE              (1u << 8)
#define LVT_MASKED              (1u << 16)
#define LVT_NMI                 (4u << 8)
#define LVT_TIMER_TSC_DEADLINE  (2u << 17)

struct platform_topology topology;

static bool x2apic;
static bool tsc_deadline;
static volatile uint32_t *xapic_mmio;
/* APIC timer ticks per TSC tick, as a 32.32 fixed-point ratio. */
static uint64_t apic_ticks_per_tsc_2_32;

static uint32_t apic_read(unsigned int reg)
{
    if ( x2apic )
        return (uint32_t)rdmsr(MSR_X2APIC_FIRST + (reg >> 4));
    return xapic_mmio[reg / 4];
}

static void apic_write(unsigned int reg, uint32_t v)
{
    if ( x2apic )
        wrmsr(MSR_X2APIC_FIRST + (reg >> 4), v);
    else
        xapic_mmio[reg / 4] = v;
}

/* Remapped first, so a stray interrupt cannot look like an exception. */
void pic_disable(void)
{
    outb(0x11, 0x20); outb(0x20, 0x21); outb(0x04, 0x21); outb(0x01, 0x21);
    outb(0x11, 0xa0); outb(0x28, 0xa1); outb(0x02, 0xa1); outb(0x01, 0xa1);
    outb(0xff, 0xa1);
    outb(0xff, 0x21);
}

uint32_t apic_read_id(void)
{
    uint32_t id = apic_read(APIC_ID);

    return x2apic ? id : id >> 24;
}

void apic_eoi(void)
{
    apic_write(APIC_EOI, 0);
}

int apic_send_icr(uint32_t apic_id, uint32_t icr)
{
    unsigned int spins;

    if ( x2apic )
    {
        wrmsr(MSR_X2APIC_FIRST + (APIC_ICR >> 4), ((uint64_t)apic_id << 32) | icr);
        return 0;
    }
    apic_write(APIC_ICR2, apic_id << 24);
    apic_write(APIC_ICR, icr);
    for ( spins = 0; spins < 1000000; spins++ )
        if ( !(apic_read(APIC_ICR) & ICR_BUSY) )
            return 0;
    return -1;
}

void apic_send_ipi(uint32_t apic_id, uint32_t vector)
{
    apic_send_icr(apic_id, vector);
}

void apic_timer_program(uint64_t deadline)
{
    uint64_t now, count;

    if ( tsc_deadline )
    {
        wrmsr(MSR_TSC_DEADLINE, deadline);
        return;
    }
    /*
     * One-shot fallback: the APIC timer does not count at the TSC's rate,
     * so convert the distance to the deadline with the ratio measured at
     * boot.  Zero stops the timer; a due deadline still gets one tick.
     */
    if ( !deadline )
    {
        apic_write(APIC_TIMER_INITIAL, 0);
        return;
    }
    now = rdtsc_ordered();
    count = (uint64_t)(((unsigned __int128)(deadline > now ? deadline - now : 1) *
                        apic_ticks_per_tsc_2_32) >> 32);
    apic_write(APIC_TIMER_INITIAL, (uint32_t)MIN(MAX(count, 1UL), 0xffffffffUL));
}

/* Only needed without TSC-deadline: how fast the APIC timer counts. */
static void calibrate_apic_timer(void)
{
    uint64_t t0, t1;
    uint32_t start = 0xffffffffu, left;

    apic_write(APIC_TIMER_DIVIDE, 0xb);             /* divide by 1 */
    apic_write(APIC_LVT_TIMER, LVT_MASKED | APIC_TIMER_VECTOR);
    apic_write(APIC_TIMER_INITIAL, start);
    t0 = rdtsc_ordered();
    do {
        t1 = rdtsc_ordered();
    } while ( t1 - t0 < 10000000 );                 /* ~10M TSC ticks */
    left = apic_read(APIC_TIMER_CURRENT);
    apic_write(APIC_TIMER_INITIAL, 0);
    apic_ticks_per_tsc_2_32 = ((uint64_t)(start - left) << 32) / (t1 - t0);
}

void apic_local_init(void)
{
    uint64_t base = rdmsr(MSR_APIC_BASE) | APIC_BASE_ENABLE;

    if ( x2apic )
        base |= APIC_BASE_X2APIC;
    wrmsr(MSR_APIC_BASE, base);

    apic_write(APIC_TPR, 0);
    apic_write(APIC_SVR, SVR_ENABLE | SPURIOUS_APIC_VECTOR);
    apic_write(APIC_LVT_LINT0, LVT_MASKED);
    apic_write(APIC_LVT_LINT1, LVT_NMI);
    apic_write(APIC_LVT_ERROR, APIC_ERROR_VECTOR);
    apic_write(APIC_ESR, 0);
    apic_write(APIC_ESR, 0);
    if ( tsc_deadline )
        apic_write(APIC_LVT_TIMER, LVT_TIMER_TSC_DEADLINE | APIC_TIMER_VECTOR);
    else
    {
        apic_write(APIC_TIMER_DIVIDE, 0xb);
        apic_write(APIC_LVT_TIMER, APIC_TIMER_VECTOR);  /* one-shot */
    }
    apic_eoi();
}

void apic_bsp_init(void)
{
    uint64_t base = rdmsr(MSR_APIC_BASE);

    x2apic = boot_cpu.x2apic;
    tsc_deadline = boot_cpu.tsc_deadline;
    if ( !x2apic )
        xapic_mmio = ioremap_uc(base & APIC_BASE_ADDR_MASK, PAGE_SIZE);
    if ( !x2apic && !xapic_mmio )
        panic("cannot map the local APIC");
    pic_disable();
    if ( !tsc_deadline )
    {
        wrmsr(MSR_APIC_BASE, base | APIC_BASE_ENABLE);
        calibrate_apic_timer();
    }
    apic_local_init();
    printk("APIC: %s mode, BSP APIC ID %u, timer: %s\n",
           x2apic ? "x2APIC" : "xAPIC", apic_read_id(),
           tsc_deadline ? "TSC-deadline" : "one-shot");
}

/* --- ACPI MADT: which CPUs and IO-APICs exist. */

struct __packed madt_header {
    struct acpi_table_header header;
    uint32_t lapic_address, flags;
};

#define MADT_LAPIC      0
#define MADT_IOAPIC     1
#define MADT_X2APIC     9
#define MADT_ENABLED    1u
#define MADT_ONLINE_CAPABLE 2u

static void add_cpu(uint32_t apic_id, uint32_t flags)
{
    unsigned int i;

    if ( !(flags & MADT_ENABLED) )
        return;
    for ( i = 0; i < topology.nr_cpus; i++ )
        if ( topology.apic_ids[i] == apic_id )
            return;
    if ( topology.nr_cpus == ARRAY_SIZE(topology.apic_ids) )
    {
        printk("MADT: more than %zu CPUs; ignoring APIC ID %u\n",
               ARRAY_SIZE(topology.apic_ids), apic_id);
        return;
    }
    topology.apic_ids[topology.nr_cpus++] = apic_id;
}

void acpi_parse_madt(void)
{
    const struct madt_header *madt = acpi_find_table("APIC");
    const uint8_t *p, *end;

    if ( !madt )
    {
        printk("MADT: not found; running on the boot CPU only\n");
        topology.nr_cpus = 1;
        topology.apic_ids[0] = apic_read_id();
        return;
    }
    p = (const uint8_t *)(madt + 1);
    end = (const uint8_t *)madt + madt->header.length;
    while ( p + 2 <= end && p[1] >= 2 && p + p[1] <= end )
    {
        uint32_t v32[3];

        switch ( p[0] )
        {
        case MADT_LAPIC:
            if ( p[1] >= 8 )
            {
                memcpy(&v32[0], p + 4, 4);
                add_cpu(p[3], v32[0]);
            }
            break;
        case MADT_X2APIC:
            if ( p[1] >= 16 )
            {
                memcpy(&v32[0], p + 4, 4);
                memcpy(&v32[1], p + 8, 4);
                add_cpu(v32[0], v32[1]);
            }
            break;
        case MADT_IOAPIC:
            if ( p[1] >= 12 && topology.nr_ioapics < ARRAY_SIZE(topology.ioapic) )
            {
                memcpy(&v32[0], p + 4, 4);
                memcpy(&v32[1], p + 8, 4);
                topology.ioapic[topology.nr_ioapics].id = p[2];
                topology.ioapic[topology.nr_ioapics].address = v32[0];
                topology.ioapic[topology.nr_ioapics].gsi_base = v32[1];
                topology.nr_ioapics++;
            }
            break;
        }
        p += p[1];
    }
    printk("MADT: %u CPUs, %u IO-APICs\n", topology.nr_cpus, topology.nr_ioapics);
}

/* --- IO-APIC: discovered and fully masked. */

#define IOAPIC_REGSEL   0x00
#define IOAPIC_WINDOW   0x10
#define IOAPIC_VERSION  0x01
#define IOAPIC_REDIR(n) (0x10 + 2 * (n))

static uint32_t ioapic_read(volatile uint32_t *base, uint32_t reg)
{
    base[IOAPIC_REGSEL / 4] = reg;
    return base[IOAPIC_WINDOW / 4];
}

static void ioapic_write(volatile uint32_t *base, uint32_t reg, uint32_t v)
{
    base[IOAPIC_REGSEL / 4] = reg;
    base[IOAPIC_WINDOW / 4] = v;
}

void ioapic_init(void)
{
    unsigned int i, pin;

    for ( i = 0; i < topology.nr_ioapics; i++ )
    {
        volatile uint32_t *base = ioremap_uc(topology.ioapic[i].address, PAGE_SIZE);
        unsigned int pins;

        if ( !base )
            continue;
        pins = ((ioapic_read(base, IOAPIC_VERSION) >> 16) & 0xff) + 1;
        for ( pin = 0; pin < pins; pin++ )
        {
            ioapic_write(base, IOAPIC_REDIR(pin) + 1, 0);
            ioapic_write(base, IOAPIC_REDIR(pin), LVT_MASKED);
        }
        printk("IO-APIC %u at %#x: %u pins (GSI %u-%u), all masked\n",
               topology.ioapic[i].id, topology.ioapic[i].address, pins,
               topology.ioapic[i].gsi_base, topology.ioapic[i].gsi_base + pins - 1);
    }
}
