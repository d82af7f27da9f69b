/*
 * descriptors: set_gdt, update_descriptor and set_segment_base(GS_USER_SEL)
 * with Xen 4.17's validation and fix-ups.
 *
 * Proves: a GDT frame still mapped writable is refused by set_gdt, and so
 * is one holding a system descriptor (TSS); an unmapped frame full of code
 * and data descriptors is accepted, their DPL 0 is raised to 3 in place,
 * and a selector from it loads into %es; a selector beyond the guest's GDT
 * frames raises #GP with the selector as error code (not a page fault); the
 * frame cannot then be mapped writable.  update_descriptor writes a fixed-
 * up descriptor into the live GDT and into an ordinary page; it refuses a
 * misaligned address, a TSS, an interrupt gate, a call gate to a hypervisor
 * selector or with reserved bits set, and a page-table frame; Xen accepts a
 * call gate to FLAT_KERNEL_CS, storing it with DPL 0 and the requested DPL
 * in the target selector's RPL.  set_segment_base(GS_USER_SEL) loads %gs
 * from our GDT and keeps the kernel GS base; a bad selector quietly loads
 * NUL (Xen 4.17 returns 0 because Linux cannot handle an error there).
 */
#include "guest.h"

const char test_name[] = "descriptors";

#define DATA_DPL0   0x00cf92000000ffffUL    /* flat 4 GiB data, DPL 0 */
#define DATA_DPL3   0x00cff2000000ffffUL
#define CODE64_DPL0 0x00af9a000000ffffUL
#define CODE64_DPL3 0x00affa000000ffffUL
#define TSS64       0x0000890000000067UL
#define INTGATE     0x0000ee0000100000UL    /* 64-bit interrupt gate, DPL 3 */
#define MSR_GS_BASE        0xc0000101
#define MSR_SHADOW_GS_BASE 0xc0000102

static uint64_t gdt_mfn;

static uint64_t call_gate(uint16_t sel, unsigned int dpl)
{
    /* Low 8 bytes of a 64-bit call gate to offset 0x1000. */
    return (1UL << 47) | ((uint64_t)dpl << 45) | (0xcUL << 40) |
           ((uint64_t)sel << 16) | 0x1000;
}

static uint64_t rdmsr(uint32_t msr)
{
    uint32_t lo, hi;

    asm volatile ("rdmsr" : "=a" (lo), "=d" (hi) : "c" (msr));
    return ((uint64_t)hi << 32) | lo;
}

static void wrmsr(uint32_t msr, uint64_t v)
{
    asm volatile ("wrmsr" :: "c" (msr), "a" ((uint32_t)v), "d" (v >> 32));
}

static uint64_t load_es(uint16_t sel)
{
    uint64_t f = 0;

    asm volatile (FAULT_ASM("mov %w1, %%es") : "+a" (f) : "r" (sel) : "memory");
    return f;
}

static uint16_t read_es(void)
{
    uint16_t s;

    asm volatile ("mov %%es, %0" : "=r" (s));
    return s;
}

static uint64_t read_gdt(unsigned int entry)
{
    uint64_t *g = map_frame(gdt_mfn, PAGE_RO_FLAGS), v;

    v = g[entry];
    unmap_frame(g);
    return v;
}

static void test_set_gdt(void)
{
    uint64_t *g = zeroed_frame(&gdt_mfn);
    unsigned long frames[1] = { gdt_mfn };
    uint64_t f;

    g[1] = DATA_DPL0;
    g[2] = CODE64_DPL0;
    g[3] = DATA_DPL3;
    check_eq(HYPERVISOR_set_gdt(frames, 16), -XEN_EINVAL,
             "set_gdt with a frame still mapped writable");
    g[4] = TSS64;
    unmap_frame(g);
    check_eq(HYPERVISOR_set_gdt(frames, 16), -XEN_EINVAL, "set_gdt with a TSS in the frame");
    g = map_frame(gdt_mfn, PAGE_RW_FLAGS);
    g[4] = 0;
    unmap_frame(g);
    check_eq(HYPERVISOR_set_gdt(frames, 8192), -XEN_EINVAL, "set_gdt with too many entries");
    check_eq(HYPERVISOR_set_gdt(frames, 16), 0, "set_gdt with a valid, unmapped frame");

    check_eq(read_gdt(1), DATA_DPL3, "  data descriptor DPL 0 raised to 3");
    check_eq(read_gdt(2), CODE64_DPL3, "  code descriptor DPL 0 raised to 3");
    check_eq(read_gdt(3), DATA_DPL3, "  DPL 3 descriptor unchanged");
    check_eq(load_es(0x0b), 0, "a selector of our GDT (entry 1) loads into %es");
    check_eq(read_es(), 0x0b, "  %es reads 0x0b");
    f = load_es(0x40b);
    check_eq(fault_vector(f), X86_EXC_GP, "a zero entry within the frame: #GP");
    check_eq(fault_error_code(f), 0x408, "  error code is the selector");
    f = load_es((600 << 3) | 3);
    check_eq(fault_vector(f), X86_EXC_GP, "a selector beyond our GDT frames: #GP");
    check_eq(fault_error_code(f), 600 << 3, "  error code is the selector");
    check(set_pte_va(map_frame(gdt_mfn, PAGE_RO_FLAGS), (gdt_mfn << 12) | PAGE_RW_FLAGS,
                     UVMF_INVLPG) < 0, "the live GDT frame cannot be mapped writable");
}

static void test_update_descriptor(void)
{
    uint64_t ma = gdt_mfn << 12, page_mfn, l4_mfn, *p = zeroed_frame(&page_mfn);
    uint16_t sel;

    check_eq(HYPERVISOR_update_descriptor(ma + 5 * 8, DATA_DPL0), 0,
             "update_descriptor into the live GDT");
    check_eq(read_gdt(5), DATA_DPL3, "  stored with DPL 3");
    check_eq(load_es(0x2b), 0, "  and its selector loads");
    check_eq(HYPERVISOR_update_descriptor(ma + 6 * 8 + 4, DATA_DPL3), -XEN_EINVAL,
             "update_descriptor, misaligned");
    check_eq(HYPERVISOR_update_descriptor(ma + 6 * 8, TSS64), -XEN_EINVAL,
             "update_descriptor, TSS");
    check_eq(HYPERVISOR_update_descriptor(ma + 6 * 8, INTGATE), -XEN_EINVAL,
             "update_descriptor, interrupt gate");
    check_eq(HYPERVISOR_update_descriptor(ma + 6 * 8, call_gate(0xe008, 3)), -XEN_EINVAL,
             "update_descriptor, call gate to a hypervisor selector");
    check_eq(HYPERVISOR_update_descriptor(ma + 6 * 8, call_gate(FLAT_KERNEL_CS, 3) | (1UL << 32)),
             -XEN_EINVAL, "update_descriptor, call gate with reserved bits");
    check_eq(read_gdt(6), 0, "  entry 6 still empty");
    check_eq(HYPERVISOR_update_descriptor(ma + 6 * 8, call_gate(FLAT_KERNEL_CS, 3)), 0,
             "update_descriptor, call gate to FLAT_KERNEL_CS");
    sel = (FLAT_KERNEL_CS & ~3) | 3;
    check_eq(read_gdt(6), call_gate(sel, 0), "  stored with DPL 0, RPL 3 in its selector");
    check_eq(HYPERVISOR_update_descriptor(ma + 7 * 8, 0x1234), 0,
             "update_descriptor, not present: anything goes");
    check_eq(read_gdt(7), 0x1234, "  stored as is");

    check_eq(HYPERVISOR_update_descriptor((page_mfn << 12) + 8, CODE64_DPL0), 0,
             "update_descriptor into an ordinary page");
    check_eq(p[1], CODE64_DPL3, "  stored with DPL 3");
    l4_mfn = pte_mfn(pt_walk(GUEST_VIRT_BASE, 4, NULL));
    (void)l4_mfn;
    asm volatile ("mov %%cr3, %0" : "=r" (l4_mfn));
    check_eq(HYPERVISOR_update_descriptor(l4_mfn & PTE_ADDR_MASK, 0), -XEN_EINVAL,
             "update_descriptor into our L4");
    unmap_frame(p);
}

static void test_gs_user_sel(void)
{
    uint16_t gs;

    wrmsr(MSR_GS_BASE, 0x600000UL);
    wrmsr(MSR_SHADOW_GS_BASE, 0x700000UL);
    check_eq(HYPERVISOR_set_segment_base(SEGBASE_GS_USER_SEL, 0x18), 0,
             "set_segment_base(GS_USER_SEL, entry 3)");
    asm volatile ("mov %%gs, %0" : "=r" (gs));
    check_eq(gs, 0x1b, "  %gs holds the selector with RPL 3");
    check_eq(rdmsr(MSR_GS_BASE), 0x600000UL, "  kernel GS base kept");
    check_eq(rdmsr(MSR_SHADOW_GS_BASE), 0, "  user GS base from the descriptor");
    check_eq(HYPERVISOR_set_segment_base(SEGBASE_GS_USER_SEL, 0x40b), 0,
             "set_segment_base(GS_USER_SEL, empty entry) returns 0");
    asm volatile ("mov %%gs, %0" : "=r" (gs));
    check_eq(gs, 0, "  and loads NUL");
    check_eq(rdmsr(MSR_GS_BASE), 0x600000UL, "  kernel GS base kept");
    wrmsr(MSR_GS_BASE, 0);
}

void test_main(void)
{
    uint16_t es = read_es();

    test_set_gdt();
    test_update_descriptor();
    test_gs_user_sel();
    load_es(es);
    check_eq(HYPERVISOR_set_gdt(NULL, 0), 0, "set_gdt with no entries");
}
