/*
 * ldt: MMUEXT_SET_LDT, the local descriptor table of a PV guest.
 *
 * Proves: an LDT of read-only frames holding a flat data segment can be
 * installed and a selector from it (TI = 1) loaded into %fs, with the
 * descriptor's DPL raised to 3 as for the GDT; a selector past the LDT's
 * limit faults (#GP); an LDT whose frame is still mapped writable is
 * accepted, as on Xen, but cannot be used (loading from it faults) — the
 * frame never becomes a descriptor page while writable; a misaligned base,
 * a base in the hypervisor's range and more than 8192 entries are refused
 * (-EINVAL); SET_LDT(0, 0) removes the LDT.
 */
#include "guest.h"

const char test_name[] = "ldt";

#define LDT_DATA_SEL    ((1 << 3) | 4 | 3)      /* entry 1, TI = LDT, RPL 3 */
#define LDT_BEYOND_SEL  ((9 << 3) | 4 | 3)      /* past a 2-entry LDT */

static uint64_t load_fs(uint16_t sel)
{
    uint64_t fault = 0;

    __asm__ __volatile__(FAULT_ASM("mov %w1, %%fs") : "+a"(fault) : "r"(sel));
    return fault;
}

/* A frame with a flat data descriptor (DPL 0, to see it raised) at entry 1. */
static void *ldt_frame(uint64_t *mfn, bool keep_writable)
{
    uint64_t *d = zeroed_frame(mfn);

    d[1] = 0x00cf92000000ffffUL;
    if ( keep_writable )
        return d;
    check_eq(set_pte_va(d, (*mfn << 12) | PAGE_RO_FLAGS | _PAGE_NX, UVMF_INVLPG), 0,
             "map the LDT frame read-only");
    return d;
}

void test_main(void)
{
    uint64_t mfn, wmfn, f;
    void *ldt = ldt_frame(&mfn, false), *wldt;
    uint16_t fs;

    check_eq(mmuext1(MMUEXT_SET_LDT, (unsigned long)ldt, 2), 0, "SET_LDT, 2 entries");
    f = load_fs(LDT_DATA_SEL);
    check(!fault_happened(f), "load %%fs from the LDT (fault %#lx)", (unsigned long)f);
    __asm__ __volatile__("mov %%fs, %0" : "=r"(fs));
    check_eq(fs, LDT_DATA_SEL, "%fs holds the LDT selector");
    check(((uint64_t *)ldt)[1] & (3UL << 45), "the descriptor's DPL was raised to 3");
    f = load_fs(LDT_BEYOND_SEL);
    check_eq(fault_vector(f), X86_EXC_GP, "a selector past the LDT limit faults #GP");
    load_fs(0);

    check_eq(mmuext1(MMUEXT_SET_LDT, (unsigned long)ldt + 8, 2), -XEN_EINVAL,
             "a misaligned LDT base is refused");
    check_eq(mmuext1(MMUEXT_SET_LDT, 0xffff800000000000UL, 2), -XEN_EINVAL,
             "an LDT in the hypervisor's range is refused");
    check_eq(mmuext1(MMUEXT_SET_LDT, (unsigned long)ldt, 8193), -XEN_EINVAL,
             "more than 8192 entries are refused");

    wldt = ldt_frame(&wmfn, true);
    check_eq(mmuext1(MMUEXT_SET_LDT, (unsigned long)wldt, 2), 0,
             "SET_LDT on a frame still mapped writable is accepted");
    f = load_fs(LDT_DATA_SEL);
    check(fault_happened(f), "but its selectors cannot be loaded (vector %d)",
          fault_vector(f));
    check_eq(mmuext1(MMUEXT_SET_LDT, 0, 0), 0, "SET_LDT(0, 0) removes the LDT");
    f = load_fs(LDT_DATA_SEL);
    check(fault_happened(f), "with no LDT the selector faults (vector %d)", fault_vector(f));
}
