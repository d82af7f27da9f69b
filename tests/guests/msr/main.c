/*
 * msr: RDMSR/WRMSR, MOV to/from CR0/CR4 and CLTS from the ring-3 guest
 * kernel are emulated as Xen 4.17 does.
 *
 * Proves: FS_BASE, GS_BASE and SHADOW_GS_BASE round-trip through WRMSR and
 * RDMSR and FS_BASE really moves %fs; PAT reads Xen's 0x0000050100070406;
 * EFER reads with LME, LMA, NXE and SCE set and writing back the same value
 * is accepted; MISC_ENABLE reads with BTS/PEBS unavailable and writes of
 * any value are silently dropped; APIC_BASE reads enabled at 0xfee00000
 * with the BSP bit.  Negative: an unknown MSR, a non-canonical FS_BASE, a
 * PAT write and an EFER change raise #GP(0).  CR0 reads with PE, PG and
 * ET; writing CR0 with TS sets the virtual TS (seen by the next read) and
 * CLTS clears it; CR4 reads with PAE/OSFXSR/OSXMMEXCPT but without PGE,
 * PSE, SMEP or SMAP, and a write trying to set PGE is accepted but
 * dropped; mov to CR0 changing PG raises #GP.
 */
#include "guest.h"

const char test_name[] = "msr";

#define MSR_APIC_BASE       0x0000001b
#define MSR_MISC_ENABLE     0x000001a0
#define MSR_PAT             0x00000277
#define MSR_EFER            0xc0000080
#define MSR_FS_BASE         0xc0000100
#define MSR_GS_BASE         0xc0000101
#define MSR_SHADOW_GS_BASE  0xc0000102
#define MSR_UNKNOWN         0x00000fff

static uint64_t fs_data[2] = { 0, 0x5a5a0000feedUL };

/* RDMSR; returns the fault record (0 if none). */
static uint64_t rdmsr_f(uint32_t msr, uint64_t *val)
{
    uint64_t f = 0;
    uint32_t lo = 0, hi = 0;

    asm volatile (FAULT_ASM("rdmsr") : "+a" (f), "+d" (hi) : "c" (msr));
    if ( !fault_happened(f) )
    {
        lo = (uint32_t)f;
        *val = ((uint64_t)hi << 32) | lo;
        return 0;
    }
    return f;
}

static uint64_t wrmsr_f(uint32_t msr, uint64_t val)
{
    uint64_t f = (uint32_t)val;

    /* %rax carries the low half in and the fault record out. */
    asm volatile (FAULT_ASM("wrmsr") : "+a" (f) : "c" (msr), "d" (val >> 32));
    return fault_happened(f) ? f : 0;
}

static uint64_t rdmsr_ok(uint32_t msr, const char *what)
{
    uint64_t v = 0, f = rdmsr_f(msr, &v);

    check(!f, "rdmsr %s does not fault", what);
    return v;
}

static void test_segment_bases(void)
{
    uint64_t v;

    check_eq(wrmsr_f(MSR_FS_BASE, (uint64_t)fs_data), 0, "wrmsr FS_BASE");
    check_eq(rdmsr_ok(MSR_FS_BASE, "FS_BASE"), (uint64_t)fs_data, "  reads back");
    asm volatile ("mov %%fs:8, %0" : "=r" (v));
    check_eq(v, fs_data[1], "  an %fs load goes through it");

    check_eq(wrmsr_f(MSR_SHADOW_GS_BASE, 0x12345000UL), 0, "wrmsr SHADOW_GS_BASE");
    check_eq(rdmsr_ok(MSR_SHADOW_GS_BASE, "SHADOW_GS_BASE"), 0x12345000UL, "  reads back");
    check_eq(wrmsr_f(MSR_GS_BASE, 0xffff880000001000UL), 0, "wrmsr GS_BASE");
    check_eq(rdmsr_ok(MSR_GS_BASE, "GS_BASE"), 0xffff880000001000UL, "  reads back");
    check_eq(rdmsr_ok(MSR_SHADOW_GS_BASE, "SHADOW_GS_BASE"), 0x12345000UL,
             "  SHADOW_GS_BASE unchanged by it");
    check_eq(wrmsr_f(MSR_GS_BASE, 0), 0, "wrmsr GS_BASE back to 0");

    check_eq(fault_vector(wrmsr_f(MSR_FS_BASE, 0x0000800000000000UL)), X86_EXC_GP,
             "wrmsr FS_BASE non-canonical: #GP");
    check_eq(rdmsr_ok(MSR_FS_BASE, "FS_BASE"), (uint64_t)fs_data, "  FS_BASE unchanged");
}

static void test_fixed_msrs(void)
{
    uint64_t efer, misc, apic, v = 0;

    check_eq(rdmsr_ok(MSR_PAT, "PAT"), 0x0000050100070406UL, "PAT is Xen's");
    check_eq(fault_vector(wrmsr_f(MSR_PAT, 0x0007040600070406UL)), X86_EXC_GP,
             "wrmsr PAT: #GP");
    check_eq(rdmsr_ok(MSR_PAT, "PAT"), 0x0000050100070406UL, "  PAT unchanged");

    efer = rdmsr_ok(MSR_EFER, "EFER");
    check_eq(efer & 0xd01, 0xd01, "EFER has SCE, LME, LMA, NXE");
    check_eq(efer & (1UL << 12), 0, "EFER hides SVME");
    check_eq(wrmsr_f(MSR_EFER, efer), 0, "wrmsr EFER with its own value");
    check_eq(fault_vector(wrmsr_f(MSR_EFER, efer & ~(1UL << 11))), X86_EXC_GP,
             "wrmsr EFER clearing NXE: #GP");

    misc = rdmsr_ok(MSR_MISC_ENABLE, "MISC_ENABLE");
    check_eq(misc & ((1UL << 11) | (1UL << 12)), (1UL << 11) | (1UL << 12),
             "MISC_ENABLE: BTS and PEBS unavailable");
    check_eq(misc & ((1UL << 7) | (1UL << 18)), 0, "MISC_ENABLE: no PERF_AVAIL, no MONITOR");
    check_eq(wrmsr_f(MSR_MISC_ENABLE, misc), 0, "wrmsr MISC_ENABLE, same value");
    check_eq(wrmsr_f(MSR_MISC_ENABLE, misc ^ 1), 0, "wrmsr MISC_ENABLE, other value: ignored");
    check_eq(rdmsr_ok(MSR_MISC_ENABLE, "MISC_ENABLE"), misc, "  MISC_ENABLE unchanged");

    apic = rdmsr_ok(MSR_APIC_BASE, "APIC_BASE");
    check_eq(apic, 0xfee00900UL, "APIC_BASE: enabled, BSP, 0xfee00000");

    check_eq(fault_vector(rdmsr_f(MSR_UNKNOWN, &v)), X86_EXC_GP, "rdmsr unknown MSR: #GP");
    check_eq(fault_error_code(rdmsr_f(MSR_UNKNOWN, &v)), 0, "  error code 0");
    check_eq(fault_vector(wrmsr_f(MSR_UNKNOWN, 1)), X86_EXC_GP, "wrmsr unknown MSR: #GP");
}

static uint64_t read_cr(int n)
{
    uint64_t v;

    if ( n == 0 )
        asm volatile ("mov %%cr0, %0" : "=r" (v));
    else
        asm volatile ("mov %%cr4, %0" : "=r" (v));
    return v;
}

static uint64_t write_cr0_f(uint64_t v)
{
    uint64_t f = 0;

    asm volatile (FAULT_ASM("mov %1, %%cr0") : "+a" (f) : "r" (v));
    return f;
}

static uint64_t write_cr4_f(uint64_t v)
{
    uint64_t f = 0;

    asm volatile (FAULT_ASM("mov %1, %%cr4") : "+a" (f) : "r" (v));
    return f;
}

static void test_control_registers(void)
{
    uint64_t cr0 = read_cr(0), cr4 = read_cr(4);

    check_eq(cr0 & 0x80000011UL, 0x80000011UL, "CR0 has PG, ET, PE");
    check_eq(cr0 & 8, 0, "CR0.TS clear at first");
    check_eq(write_cr0_f(cr0 | 8), 0, "mov to CR0 setting TS");
    check_eq(read_cr(0) & 8, 8, "  CR0.TS now reads set");
    asm volatile ("clts");
    check_eq(read_cr(0) & 8, 0, "clts clears CR0.TS");
    check_eq(fault_vector(write_cr0_f(cr0 & ~0x80000000UL)), X86_EXC_GP,
             "mov to CR0 clearing PG: #GP");

    check_eq(cr4 & 0x620, 0x620, "CR4 has PAE, OSFXSR, OSXMMEXCPT");
    check_eq(cr4 & ((1UL << 7) | (1UL << 4) | (1UL << 20) | (1UL << 21)), 0,
             "CR4 shows no PGE, PSE, SMEP, SMAP");
    check_eq(write_cr4_f(cr4 | (1UL << 7)), 0, "mov to CR4 setting PGE: accepted");
    check_eq(read_cr(4), cr4, "  and dropped: CR4 unchanged");
    check_eq(write_cr4_f(cr4 | (1UL << 3)), 0, "mov to CR4 setting DE");
    check_eq(read_cr(4), cr4 | (1UL << 3), "  CR4.DE reads set");
    check_eq(write_cr4_f(cr4), 0, "mov to CR4 clearing DE");
    check_eq(read_cr(4), cr4, "  CR4 back to its first value");
}

void test_main(void)
{
    test_segment_bases();
    test_fixed_msrs();
    test_control_registers();
}
