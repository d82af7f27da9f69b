/*
 * Per-CPU GDT and TSS, and the IDT shared by all CPUs.
 *
 * GDTR's base is set FIRST_RESERVED_GDT_ENTRY entries below the hypervisor's
 * descriptor page so that selectors 0xe000+ land on it.  Nothing below is
 * mapped for the hypervisor's own use and no code loads such a selector;
 * when PV guests arrive, their GDT frames are mapped in front of this page
 * in the per-domain area, as the ABI requires.
 */
#include <xen/lib.h>
#include <xen/string.h>
#include <asm/config.h>
#include <asm/current.h>
#include <asm/desc.h>
#include <asm/page.h>

#define GDT_CODE64_R0   0x00af9a000000ffffUL
#define GDT_DATA_R0     0x00cf92000000ffffUL
#define GDT_CODE32_R3   0x00cffa000000ffffUL
#define GDT_DATA_R3     0x00cff2000000ffffUL
#define GDT_CODE64_R3   0x00affa000000ffffUL
#define TSS_TYPE_AVAIL  0x89UL
#define LDT_TYPE_PRESENT 0x82UL

#define GATE_INTR_DPL0  0x8e
#define GATE_INTR_DPL3  0xee

static uint64_t gdt_pages[NR_CPUS][512] __aligned(PAGE_SIZE);
static struct tss64 tss[NR_CPUS] __aligned(128);
static struct idt_gate idt[256] __aligned(PAGE_SIZE);

unsigned long cpu_gdt_base(unsigned int cpu)
{
    return (unsigned long)gdt_pages[cpu] - FIRST_RESERVED_GDT_ENTRY * 8;
}

unsigned long cpu_gdt_page_mfn(unsigned int cpu)
{
    return __pa(gdt_pages[cpu]) >> PAGE_SHIFT;
}

/*
 * Points this CPU's LDT descriptor at a vCPU's LDT window and loads it, or
 * loads the null LDT when ents is 0.
 */
void cpu_load_ldt(unsigned int cpu, unsigned long base, unsigned int ents)
{
    uint64_t *page = gdt_pages[cpu];
    unsigned int i = (LDT_SEL >> 3) - FIRST_RESERVED_GDT_ENTRY;
    uint64_t limit = ents * 8UL - 1;

    if ( !ents )
    {
        __asm__ __volatile__("lldt %w0" :: "r"(0));
        return;
    }
    page[i] = (limit & 0xffff) | ((base & 0xffffff) << 16) |
              (LDT_TYPE_PRESENT << 40) | (((limit >> 16) & 0xf) << 48) |
              (((base >> 24) & 0xff) << 56);
    page[i + 1] = base >> 32;
    __asm__ __volatile__("lldt %w0" :: "r"(LDT_SEL));
}

static void set_gdt_entry(uint64_t *page, unsigned int sel, uint64_t d)
{
    page[(sel >> 3) - FIRST_RESERVED_GDT_ENTRY] = d;
}

static void set_tss_desc(uint64_t *page, const struct tss64 *t)
{
    uint64_t base = (uintptr_t)t, limit = sizeof(*t) - 1;
    unsigned int i = (TSS_SEL >> 3) - FIRST_RESERVED_GDT_ENTRY;

    page[i] = (limit & 0xffff) | ((base & 0xffffff) << 16) |
              (TSS_TYPE_AVAIL << 40) | (((limit >> 16) & 0xf) << 48) |
              (((base >> 24) & 0xff) << 56);
    page[i + 1] = base >> 32;
}

static void load_gdt_and_segments(const uint64_t *page)
{
    struct desc_ptr gdtr = {
        .limit = GDT_ENTRIES_TOTAL * 8 - 1,
        .base = (uintptr_t)page - FIRST_RESERVED_GDT_ENTRY * 8,
    };

    __asm__ __volatile__(
        "lgdt %0\n\t"
        "pushq %1\n\t"
        "leaq 1f(%%rip), %%rax\n\t"
        "pushq %%rax\n\t"
        "lretq\n"
        "1:\n\t"
        "mov %2, %%ds\n\t"
        "mov %2, %%es\n\t"
        "mov %2, %%ss\n\t"
        "mov %3, %%fs\n\t"
        "mov %3, %%gs\n\t"
        "ltr %w4"
        :: "m"(gdtr), "i"(HYPERVISOR_CS64_SEL), "r"(HYPERVISOR_DS_SEL),
           "r"(0), "r"(TSS_SEL)
        : "rax", "memory");
}

void cpu_desc_init(unsigned int cpu, unsigned long stack_block)
{
    uint64_t *page = gdt_pages[cpu];
    struct tss64 *t = &tss[cpu];

    memset(page, 0, PAGE_SIZE);
    set_gdt_entry(page, HYPERVISOR_CS64_SEL, GDT_CODE64_R0);
    set_gdt_entry(page, HYPERVISOR_DS_SEL, GDT_DATA_R0);
    set_gdt_entry(page, RING3_CS32_SEL & ~3, GDT_CODE32_R3);
    set_gdt_entry(page, RING3_DS_SEL & ~3, GDT_DATA_R3);
    set_gdt_entry(page, RING3_CS64_SEL & ~3, GDT_CODE64_R3);

    memset(t, 0, sizeof(*t));
    t->rsp[0] = guest_frame_top((struct cpu_info *)(stack_block + STACK_SIZE -
                                                    CPU_INFO_SIZE));
    t->ist[IST_DF - 1] = stack_block + (STACK_IST_PAGE(IST_DF) + 1) * PAGE_SIZE;
    t->ist[IST_NMI - 1] = stack_block + (STACK_IST_PAGE(IST_NMI) + 1) * PAGE_SIZE;
    t->ist[IST_MCE - 1] = stack_block + (STACK_IST_PAGE(IST_MCE) + 1) * PAGE_SIZE;
    t->iomap_base = sizeof(*t);     /* no I/O bitmap: ring 3 port access faults */
    set_tss_desc(page, t);

    load_gdt_and_segments(page);
}

static void set_gate(unsigned int vec, unsigned long handler, uint8_t type,
                     uint8_t ist)
{
    struct idt_gate *g = &idt[vec];

    g->offset_lo = handler & 0xffff;
    g->selector = HYPERVISOR_CS64_SEL;
    g->ist = ist;
    g->type_attr = type;
    g->offset_mid = (handler >> 16) & 0xffff;
    g->offset_hi = handler >> 32;
    g->reserved = 0;
}

void idt_init(void)
{
    unsigned int v;

    BUILD_BUG_ON(sizeof(struct idt_gate) != 16);
    BUILD_BUG_ON(sizeof(struct tss64) != 104);
    for ( v = 0; v < 256; v++ )
        set_gate(v, exception_stubs[v], GATE_INTR_DPL0, 0);
    /* Guests may raise these themselves (int3, into, int $0x80). */
    set_gate(3, exception_stubs[3], GATE_INTR_DPL3, 0);
    set_gate(4, exception_stubs[4], GATE_INTR_DPL3, 0);
    set_gate(0x80, exception_stubs[0x80], GATE_INTR_DPL3, 0);
    /* These must work even when the current stack cannot be trusted. */
    set_gate(2, exception_stubs[2], GATE_INTR_DPL0, IST_NMI);
    set_gate(8, exception_stubs[8], GATE_INTR_DPL0, IST_DF);
    set_gate(18, exception_stubs[18], GATE_INTR_DPL0, IST_MCE);
}

void load_idt(void)
{
    struct desc_ptr idtr = { .limit = sizeof(idt) - 1, .base = (uintptr_t)idt };

    __asm__ __volatile__("lidt %0" :: "m"(idtr));
}
