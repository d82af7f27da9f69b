/*
 * pv-cpuid: the PV CPUID view through Xen's forced-emulation prefix.
 *
 * Proves: `ud2; .ascii "xen"; cpuid` is emulated (no #UD reaches the
 * guest, RIP moves past all seven bytes); leaf 0x40000000 names Xen
 * ("XenVMMXenVMM") with 0x40000005 as the last leaf; 0x40000001 is version
 * 4.17; 0x40000002 offers one hypercall page, MSR base 0x40000000 and
 * MMU_PT_UPDATE_PRESERVE_AD; 0x40000004 (HVM leaf) is all zero for PV;
 * 0x40000005 EBX is a plausible machine address width; leaf 1 has the
 * HYPERVISOR bit; the features a PV kernel must not use are hidden in the
 * PV view (VMX, MONITOR, X2APIC, TSC_DEADLINE, PCID, PGE, PSE, SMEP, SMAP),
 * while MTRR stays visible to the hardware domain (Xen 4.17 shows it to a
 * PV dom0).  Negative: a bare ud2 still raises #UD, and the signature with a
 * wrong tag ("xem") is not emulated either.
 */
#include "guest.h"

const char test_name[] = "pv-cpuid";

struct regs4 { uint32_t a, b, c, d; };

static struct regs4 pv_cpuid(uint32_t leaf, uint32_t sub)
{
    struct regs4 r;

    asm volatile ("ud2; .ascii \"xen\"; cpuid"
                  : "=a" (r.a), "=b" (r.b), "=c" (r.c), "=d" (r.d)
                  : "a" (leaf), "c" (sub));
    return r;
}

static void test_hypervisor_leaves(void)
{
    struct regs4 r = pv_cpuid(0x40000000, 0);
    char sig[13];

    memcpy(sig, &r.b, 4);
    memcpy(sig + 4, &r.c, 4);
    memcpy(sig + 8, &r.d, 4);
    sig[12] = 0;
    check(!strcmp(sig, "XenVMMXenVMM"), "leaf 0x40000000 signature \"%s\"", sig);
    check_eq(r.a, 0x40000005, "leaf 0x40000000 EAX: last hypervisor leaf");

    r = pv_cpuid(0x40000001, 0);
    check_eq(r.a, (4 << 16) | 17, "leaf 0x40000001 EAX: version 4.17");

    r = pv_cpuid(0x40000002, 0);
    check_eq(r.a, 1, "leaf 0x40000002 EAX: one hypercall page");
    check_eq(r.b, 0x40000000, "leaf 0x40000002 EBX: hypercall MSR base");
    check_eq(r.c & 1, 1, "leaf 0x40000002 ECX: MMU_PT_UPDATE_PRESERVE_AD");

    r = pv_cpuid(0x40000004, 0);
    check(r.a == 0 && r.b == 0 && r.c == 0 && r.d == 0,
          "leaf 0x40000004 (HVM features) all zero for PV: %x %x %x %x", r.a, r.b, r.c, r.d);

    r = pv_cpuid(0x40000005, 0);
    check(r.b >= 20 && r.b <= 52, "leaf 0x40000005 EBX: machine address width %u", r.b);
}

struct feature { unsigned int leaf, sub; char reg; unsigned int bit; const char *name; };

static const struct feature hidden[] = {
    { 1, 0, 'c', 3, "MONITOR" },       { 1, 0, 'c', 5, "VMX" },
    { 1, 0, 'c', 17, "PCID" },         { 1, 0, 'c', 21, "X2APIC" },
    { 1, 0, 'c', 24, "TSC_DEADLINE" }, { 1, 0, 'd', 3, "PSE" },
    { 1, 0, 'd', 13, "PGE" },
    { 7, 0, 'b', 7, "SMEP" },          { 7, 0, 'b', 20, "SMAP" },
};

static uint32_t reg_of(struct regs4 r, char reg)
{
    return reg == 'a' ? r.a : reg == 'b' ? r.b : reg == 'c' ? r.c : r.d;
}

static void test_features(void)
{
    struct regs4 r = pv_cpuid(1, 0);
    unsigned int i;

    check(r.c & (1u << 31), "leaf 1 ECX bit 31: HYPERVISOR set");
    check(r.d & (1u << 0), "leaf 1 EDX: FPU still offered");
    check(r.d & (1u << 25), "leaf 1 EDX: SSE still offered");
    check(r.d & (1u << 12), "leaf 1 EDX: MTRR offered to the hardware domain");
    for ( i = 0; i < ARRAY_SIZE(hidden); i++ )
    {
        const struct feature *f = &hidden[i];

        r = pv_cpuid(f->leaf, f->sub);
        check(!(reg_of(r, f->reg) & (1u << f->bit)), "leaf %u: %s hidden",
              f->leaf, f->name);
    }
}

static void test_negative(void)
{
    uint64_t f = 0;

    asm volatile (FAULT_ASM("ud2") : "+a" (f));
    check_eq(fault_vector(f), X86_EXC_UD, "a bare ud2 still raises #UD");
    f = 0;
    asm volatile (FAULT_ASM("ud2; .ascii \"xem\"; nop; nop") : "+a" (f) : : "rbx", "rcx", "rdx");
    check_eq(fault_vector(f), X86_EXC_UD, "ud2 with a wrong tag raises #UD");
}

void test_main(void)
{
    test_hypervisor_leaves();
    test_features();
    test_negative();
}
