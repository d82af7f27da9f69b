/*
 * fpu: the virtual CR0.TS of fpu_taskswitch and FPU/SSE state, as Xen
 * 4.17 keeps them.
 *
 * Proves: fpu_taskswitch(1) makes CR0.TS read set and the next SSE
 * instruction raise #NM in the guest; delivering that #NM clears the
 * virtual TS (so the instruction, retried, runs); fpu_taskswitch(0) clears
 * TS without any #NM, and so does CLTS; SSE registers survive a
 * hypercall, a bounced exception (ud2) and the #NM path; x87 state
 * survives a hypercall.  Negative: with TS set, x87 instructions raise
 * #NM too.
 */
#include "guest.h"

const char test_name[] = "fpu";

static uint64_t xmm_in[2] __aligned(16) = { 0x0123456789abcdefUL, 0xfedcba9876543210UL };
static uint64_t xmm_out[2] __aligned(16);

static uint64_t read_cr0(void)
{
    uint64_t v;

    asm volatile ("mov %%cr0, %0" : "=r" (v));
    return v;
}

/* movaps xmm_in -> %xmm3; returns the fault record. */
static uint64_t load_xmm3(void)
{
    uint64_t f = 0;

    asm volatile (FAULT_ASM("movaps (%[p]), %%xmm3") : "+a" (f) : [p] "r" (xmm_in) : "memory");
    return f;
}

static uint64_t store_xmm3(void)
{
    uint64_t f = 0;

    asm volatile (FAULT_ASM("movaps %%xmm3, (%[p])") : "+a" (f) : [p] "r" (xmm_out) : "memory");
    return f;
}

static bool xmm3_intact(void)
{
    xmm_out[0] = xmm_out[1] = 0;
    return !store_xmm3() && xmm_out[0] == xmm_in[0] && xmm_out[1] == xmm_in[1];
}

static void test_taskswitch(void)
{
    uint64_t f;

    check_eq(load_xmm3(), 0, "SSE runs with TS clear");
    check_eq(HYPERVISOR_fpu_taskswitch(1), 0, "fpu_taskswitch(1)");
    check_eq(read_cr0() & 8, 8, "  CR0.TS reads set");
    f = store_xmm3();
    check_eq(fault_vector(f), X86_EXC_NM, "  the next SSE instruction raises #NM");
    check_eq(read_cr0() & 8, 0, "  delivering #NM cleared the virtual TS");
    check(xmm3_intact(), "  retried, the instruction runs and %%xmm3 is intact");

    check_eq(HYPERVISOR_fpu_taskswitch(1), 0, "fpu_taskswitch(1) again");
    f = 0;
    asm volatile (FAULT_ASM("fninit") : "+a" (f));
    check_eq(fault_vector(f), X86_EXC_NM, "  an x87 instruction raises #NM too");
    check_eq(HYPERVISOR_fpu_taskswitch(1), 0, "fpu_taskswitch(1) again");
    check_eq(HYPERVISOR_fpu_taskswitch(0), 0, "fpu_taskswitch(0)");
    check_eq(read_cr0() & 8, 0, "  CR0.TS reads clear");
    check(xmm3_intact(), "  SSE runs without #NM, %%xmm3 intact");

    check_eq(HYPERVISOR_fpu_taskswitch(1), 0, "fpu_taskswitch(1) again");
    asm volatile ("clts");
    check_eq(read_cr0() & 8, 0, "CLTS clears CR0.TS");
    check(xmm3_intact(), "  SSE runs without #NM");
}

static void test_state_survives(void)
{
    uint64_t f = 0;
    uint16_t cw = 0x27f, cw_out = 0;

    load_xmm3();
    HYPERVISOR_xen_version(XENVER_version, NULL);
    check(xmm3_intact(), "%%xmm3 survives a hypercall");
    asm volatile (FAULT_ASM("ud2") : "+a" (f));
    check_eq(fault_vector(f), X86_EXC_UD, "a bounced #UD");
    check(xmm3_intact(), "  %%xmm3 survives it");

    asm volatile ("fninit; fldcw %0" : : "m" (cw));
    HYPERVISOR_xen_version(XENVER_version, NULL);
    asm volatile ("fnstcw %0" : "=m" (cw_out));
    check_eq(cw_out, 0x27f, "the x87 control word survives a hypercall");
    cw = 0x37f;
    asm volatile ("fldcw %0" : : "m" (cw));
}

void test_main(void)
{
    test_taskswitch();
    test_state_survives();
}
