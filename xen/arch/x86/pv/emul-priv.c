/*
 * Emulation of the privileged instructions a ring-3 guest kernel uses, and
 * the PV CPUID policy.
 *
 * A PV guest kernel cannot execute RDMSR, WRMSR, MOV to/from CR, IN/OUT
 * (without I/O privilege), CLTS or WBINVD: each raises #GP, and if the
 * vCPU is in guest kernel mode the instruction is decoded and emulated
 * against the vCPU's virtual state.  Anything not understood gets the #GP
 * it raised.  CPUID is not intercepted by the CPU, so guests ask for the
 * PV view through Xen's forced-emulation prefix (ud2; .ascii "xen"; cpuid).
 */
#include <xen/errno.h>
#include <xen/guest_access.h>
#include <xen/lib.h>
#include <xen/sched.h>
#include <xen/string.h>
#include <asm/current.h>
#include <asm/extable.h>
#include <asm/io.h>
#include <asm/processor.h>
#include <asm/pv.h>
#include <asm/traps.h>

#define MSR_APIC_BASE       0x0000001b
#define APIC_BASE_BSP       (1UL << 8)
#define APIC_BASE_ENABLE    (1UL << 11)
#define APIC_DEFAULT_BASE   0xfee00000UL
#define MSR_EFER            0xc0000080
#define MSR_FS_BASE         0xc0000100
#define MSR_GS_BASE         0xc0000101
#define MSR_SHADOW_GS_BASE  0xc0000102
#define MSR_IA32_PAT        0x00000277
#define MSR_IA32_MISC_ENABLE 0x000001a0
#define MISC_ENABLE_PERF_AVAIL  (1UL << 7)
#define MISC_ENABLE_BTS_UNAVAIL (1UL << 11)
#define MISC_ENABLE_PEBS_UNAVAIL (1UL << 12)
#define MISC_ENABLE_MONITOR     (1UL << 18)
#define MISC_ENABLE_XTPR_DISABLE (1UL << 23)

/* The PAT every CPU runs with: Xen's, so guests' cache encodings agree. */
#define XEN_MSR_PAT         0x0000050100070406UL

#define X86_CR0_TS          (1UL << 3)
#define X86_CR4_OSFXSR      (1UL << 9)
#define X86_CR4_OSXMMEXCPT  (1UL << 10)
#define X86_CR4_TSD         (1UL << 2)
#define X86_CR4_DE          (1UL << 3)
#define X86_CR4_PAE_BIT     (1UL << 5)
/*
 * The virtual CR4 is Xen's: the guest chooses TSD and DE (FSGSBASE and
 * OSXSAVE are not in our CPUID policy), and sees the hardware settings
 * PAE, OSFXSR and OSXMMEXCPT.  Anything else it writes is dropped, never
 * refused, because Linux writes back what it read plus bits it wants.
 */
#define PV_CR4_GUEST_MASK   (X86_CR4_TSD | X86_CR4_DE)
#define PV_CR4_VISIBLE      (X86_CR4_PAE_BIT | X86_CR4_OSFXSR | X86_CR4_OSXMMEXCPT)

void pv_set_pat(void)
{
    wrmsr(MSR_IA32_PAT, XEN_MSR_PAT);
}

unsigned long pv_initial_cr4(void)
{
    return X86_CR4_PAE_BIT | X86_CR4_OSFXSR | X86_CR4_OSXMMEXCPT;
}

/* --- CPUID. */

#define XEN_CPUID_FIRST_LEAF    0x40000000
#define XEN_CPUID_LAST_LEAF     0x40000005

static void hypervisor_leaf(const struct vcpu *v, uint32_t leaf, uint32_t res[4])
{
    uint32_t a, b, c, d;

    memset(res, 0, 4 * sizeof(*res));
    switch ( leaf - XEN_CPUID_FIRST_LEAF )
    {
    case 0:
        res[0] = XEN_CPUID_LAST_LEAF;
        memcpy(&res[1], "XenV", 4);
        memcpy(&res[2], "MMXe", 4);
        memcpy(&res[3], "nVMM", 4);
        break;
    case 1:
        res[0] = (4 << 16) | 17;                /* the ABI version we implement */
        break;
    case 2:
        res[0] = 1;                             /* hypercall pages */
        res[1] = 0x40000000;                    /* their MSR (HVM only) */
        res[2] = 1;                             /* mmu_update preserves A/D */
        break;
    case 4:
        break;                                  /* PV: no HVM features */
    case 5:
        cpuid_count(0x80000008, 0, &a, &b, &c, &d);
        res[1] = a & 0xff;                      /* machine address width */
        break;
    }
}

/*
 * Host bits a PV guest must not believe it has (CPUID.1 ECX/EDX).  PGE and
 * PSE: guests' mappings are never global nor superpages.  MTRR is shown to
 * the hardware domain only, as on Xen.
 */
#define HIDE_1_ECX  ((1u << 2) | (1u << 3) | (1u << 4) | (1u << 5) | (1u << 6) | \
                     (1u << 7) | (1u << 8) | (1u << 12) | (1u << 15) | (1u << 17) | \
                     (1u << 18) | (1u << 21) | (1u << 24) | (1u << 26) | (1u << 27) | \
                     (1u << 28) | (1u << 29))
#define HIDE_1_EDX  ((1u << 1) | (1u << 2) | (1u << 3) | (1u << 7) | (1u << 9) | \
                     (1u << 13) | (1u << 14) | (1u << 17) | (1u << 21) | (1u << 22) | \
                     (1u << 27) | (1u << 29) | (1u << 31))
#define CPUID1_EDX_MTRR (1u << 12)
#define CPUID1_ECX_HYPERVISOR (1u << 31)
/* Leaf 7: FSGSBASE, SMEP, SMAP, INVPCID, PQM/PQE, MPX, PT, AVX2 and AVX-512. */
#define HIDE_7_EBX  ((1u << 0) | (1u << 1) | (1u << 5) | (1u << 7) | (1u << 10) | \
                     (1u << 12) | (1u << 14) | (1u << 15) | (1u << 16) | (1u << 17) | \
                     (1u << 20) | (1u << 21) | (1u << 25) | (1u << 26) | (1u << 27) | \
                     (1u << 28) | (1u << 30) | (1u << 31))
#define KEEP_7_ECX  ((1u << 0) /* PREFETCHWT1 */ | (1u << 22) /* RDPID */)
#define KEEP_7_EDX  (0u)
#define HIDE_81_ECX ((1u << 2) /* SVM */ | (1u << 3) /* ExtApic */ | (1u << 9) /* OSVW */ | \
                     (1u << 10) /* IBS */ | (1u << 23) /* PerfCtr */)
#define HIDE_81_EDX ((1u << 26) /* 1 GiB pages */)

void pv_cpuid(const struct vcpu *v, uint32_t leaf, uint32_t sub, uint32_t res[4])
{
    if ( leaf >= XEN_CPUID_FIRST_LEAF && leaf < XEN_CPUID_FIRST_LEAF + 0x10000 )
    {
        hypervisor_leaf(v, leaf, res);
        return;
    }
    cpuid_count(leaf, sub, &res[0], &res[1], &res[2], &res[3]);
    switch ( leaf )
    {
    case 1:
        res[1] = (res[1] & 0x00ffffff) | ((v->vcpu_id * 2) << 24);
        res[2] = (res[2] & ~HIDE_1_ECX) | CPUID1_ECX_HYPERVISOR;
        res[3] &= ~HIDE_1_EDX;
        if ( !v->domain->is_privileged )
            res[3] &= ~CPUID1_EDX_MTRR;
        break;
    case 5: case 6: case 0xa: case 0xb: case 0xd: case 0xf: case 0x10:
    case 0x12: case 0x14: case 0x1f:
        memset(res, 0, 4 * sizeof(*res));       /* power, PMU, topology, XSAVE, RDT */
        break;
    case 7:
        if ( sub == 0 )
        {
            res[1] &= ~HIDE_7_EBX;
            res[2] &= KEEP_7_ECX;
            res[3] &= KEEP_7_EDX;
        }
        else
            memset(res, 0, 4 * sizeof(*res));
        break;
    case 0x80000001:
        res[2] &= ~HIDE_81_ECX;
        res[3] &= ~HIDE_81_EDX;
        break;
    }
}

static const uint8_t forced_cpuid_sig[] = { 0x0f, 0x0b, 'x', 'e', 'n', 0x0f, 0xa2 };

static void emulate_cpuid(struct vcpu *v, struct cpu_user_regs *regs)
{
    uint32_t res[4];

    pv_cpuid(v, regs->eax, regs->ecx, res);
    regs->rax = res[0];
    regs->rbx = res[1];
    regs->rcx = res[2];
    regs->rdx = res[3];
}

bool pv_emulate_forced_cpuid(struct vcpu *v, struct cpu_user_regs *regs)
{
    uint8_t insn[sizeof(forced_cpuid_sig)];

    if ( copy_from_guest_va(insn, regs->rip, sizeof(insn)) ||
         memcmp(insn, forced_cpuid_sig, sizeof(insn)) )
        return false;
    emulate_cpuid(v, regs);
    regs->rip += sizeof(insn);
    return true;
}

/* --- MSRs. */

/* RDMSR that reports a #GP (an MSR this CPU lacks) instead of taking it. */
static bool rdmsr_safe(uint32_t msr, uint64_t *val)
{
    uint32_t lo = 0, hi = 0;
    int fault;

    __asm__ __volatile__(
        "   mov $1, %2\n"
        "1: rdmsr\n"
        "   xor %2, %2\n"
        "2:\n"
        _ASM_EXTABLE(1b, 2b)
        : "+a" (lo), "+d" (hi), "=&r" (fault) : "c" (msr));
    *val = ((uint64_t)hi << 32) | lo;
    return !fault;
}

/* MISC_ENABLE as a guest sees it: no performance monitoring, no MONITOR. */
static bool guest_misc_enable(uint64_t *val)
{
    if ( !rdmsr_safe(MSR_IA32_MISC_ENABLE, val) )
        return false;
    *val &= ~(MISC_ENABLE_PERF_AVAIL | MISC_ENABLE_MONITOR);
    *val |= MISC_ENABLE_BTS_UNAVAIL | MISC_ENABLE_PEBS_UNAVAIL |
            MISC_ENABLE_XTPR_DISABLE;
    return true;
}

static bool read_msr(struct vcpu *v, uint32_t msr, uint64_t *val)
{
    bool kernel = v->arch.flags & TF_kernel_mode;

    switch ( msr )
    {
    case MSR_FS_BASE:
        *val = rdmsr(MSR_FS_BASE);
        return true;
    case MSR_GS_BASE:
        *val = rdmsr(MSR_GS_BASE);
        return true;
    case MSR_SHADOW_GS_BASE:
        *val = kernel ? v->arch.pv.gs_base_user : v->arch.pv.gs_base_kernel;
        return true;
    case MSR_IA32_PAT:
        *val = XEN_MSR_PAT;
        return true;
    case MSR_EFER:
        *val = rdmsr(MSR_EFER) & (EFER_LME | EFER_LMA | EFER_NXE | 1 /* SCE */);
        return true;
    case MSR_IA32_MISC_ENABLE:
        return guest_misc_enable(val);
    case MSR_APIC_BASE:
        /* Linux reads it; it describes a local APIC the guest cannot use. */
        *val = APIC_DEFAULT_BASE | APIC_BASE_ENABLE |
               (v->vcpu_id ? 0 : APIC_BASE_BSP);
        return true;
    }
    return false;
}

static bool canonical(uint64_t va)
{
    return ((int64_t)va >> 47) == 0 || ((int64_t)va >> 47) == -1;
}

static bool write_msr(struct vcpu *v, uint32_t msr, uint64_t val)
{
    bool kernel = v->arch.flags & TF_kernel_mode;
    uint64_t cur;

    switch ( msr )
    {
    case MSR_FS_BASE:
        if ( !canonical(val) )
            return false;
        v->arch.pv.fs_base = val;
        wrmsr(MSR_FS_BASE, val);
        return true;
    case MSR_GS_BASE:
        if ( !canonical(val) )
            return false;
        if ( kernel )
            v->arch.pv.gs_base_kernel = val;
        else
            v->arch.pv.gs_base_user = val;
        wrmsr(MSR_GS_BASE, val);
        return true;
    case MSR_SHADOW_GS_BASE:
        if ( !canonical(val) )
            return false;
        if ( kernel )
            v->arch.pv.gs_base_user = val;
        else
            v->arch.pv.gs_base_kernel = val;
        return true;
    case MSR_EFER:
        /* Linux writes back what it read; a change is refused (#GP). */
        return read_msr(v, msr, &cur) && cur == val;
    case MSR_IA32_MISC_ENABLE:
        /* Xen 4.17 drops any write, changed or not, without a fault. */
        return guest_misc_enable(&cur);
    }
    /* PAT among them: it is fixed, and Xen refuses writes with #GP. */
    return false;
}

/* --- Instruction decoding for the few instructions emulated here. */

struct decoded {
    unsigned int len;           /* bytes including prefixes */
    bool opsize16, rex_w, rex_r, rex_b;
    uint8_t op[3];              /* opcode bytes (0x0f escape included) */
    uint8_t modrm;
    uint8_t imm8;
};

unsigned long *pv_gpr(struct cpu_user_regs *regs, unsigned int n)
{
    switch ( n )
    {
    case 0: return &regs->rax;  case 1: return &regs->rcx;
    case 2: return &regs->rdx;  case 3: return &regs->rbx;
    case 4: return &regs->rsp;  case 5: return &regs->rbp;
    case 6: return &regs->rsi;  case 7: return &regs->rdi;
    case 8: return &regs->r8;   case 9: return &regs->r9;
    case 10: return &regs->r10; case 11: return &regs->r11;
    case 12: return &regs->r12; case 13: return &regs->r13;
    case 14: return &regs->r14; default: return &regs->r15;
    }
}

static bool decode(struct cpu_user_regs *regs, struct decoded *dec)
{
    uint8_t b[16];
    unsigned int i = 0;

    memset(dec, 0, sizeof(*dec));
    if ( copy_from_guest_va(b, regs->rip, sizeof(b)) )
    {
        /* The tail may cross into an unmapped page: fetch less. */
        if ( copy_from_guest_va(b, regs->rip, 4) )
            return false;
        memset(b + 4, 0, sizeof(b) - 4);
    }
    for ( ; i < 8; i++ )
    {
        if ( b[i] == 0x66 )
            dec->opsize16 = true;
        else if ( b[i] == 0xf3 || b[i] == 0xf2 || b[i] == 0x2e || b[i] == 0x3e ||
                  b[i] == 0x26 || b[i] == 0x36 || b[i] == 0x64 || b[i] == 0x65 )
            continue;
        else
            break;
    }
    if ( (b[i] & 0xf0) == 0x40 )
    {
        dec->rex_w = b[i] & 8;
        dec->rex_r = b[i] & 4;
        dec->rex_b = b[i] & 1;
        i++;
    }
    dec->op[0] = b[i++];
    if ( dec->op[0] == 0x0f )
    {
        dec->op[1] = b[i++];
        if ( dec->op[1] == 0x20 || dec->op[1] == 0x22 || dec->op[1] == 0x21 ||
             dec->op[1] == 0x23 || dec->op[1] == 0x01 )
            dec->modrm = b[i++];
    }
    else if ( dec->op[0] == 0xe4 || dec->op[0] == 0xe5 ||
              dec->op[0] == 0xe6 || dec->op[0] == 0xe7 )
        dec->imm8 = b[i++];
    dec->len = i;
    return true;
}

/* --- I/O ports: no device belongs to a guest. */

/*
 * Xen's rule: the guest kernel counts as CPL 1 (CPL 0 with the
 * architectural_iopl assist), guest user mode as CPL 3, and the virtual
 * IOPL must be at least that.
 */
static bool io_allowed(const struct vcpu *v)
{
    unsigned int cpl = 3;

    if ( v->arch.flags & TF_kernel_mode )
        cpl = (v->domain->vm_assist & (1UL << VMASST_TYPE_architectural_iopl))
              ? 0 : 1;
    return v->arch.pv.iopl >= cpl;
}

static bool is_io_insn(const struct decoded *dec)
{
    switch ( dec->op[0] )
    {
    case 0xe4: case 0xe5: case 0xe6: case 0xe7:
    case 0xec: case 0xed: case 0xee: case 0xef:
        return true;
    }
    return false;
}

/*
 * The CMOS real-time clock is the one device dom0 shares with Tessera (as
 * on Xen): dom0 keeps the wall clock in it.  Byte accesses to its index
 * and data ports reach the hardware, with the index's NMI-disable bit kept
 * clear; Tessera itself reads the clock only at boot.
 */
#define RTC_INDEX_PORT  0x70
#define RTC_DATA_PORT   0x71

static bool rtc_access(struct vcpu *v, struct cpu_user_regs *regs,
                       unsigned int port, bool in)
{
    if ( v->domain->domain_id != 0 || (port != RTC_INDEX_PORT && port != RTC_DATA_PORT) )
        return false;
    if ( in )
        regs->rax = (regs->rax & ~0xffUL) | inb(port);
    else
        outb(port == RTC_INDEX_PORT ? (regs->rax & 0x7f) : regs->rax, port);
    return true;
}

static bool emulate_io(struct vcpu *v, struct cpu_user_regs *regs,
                       const struct decoded *dec)
{
    unsigned int size = (dec->op[0] & 1) ? (dec->opsize16 ? 2 : 4) : 1;
    bool in = dec->op[0] == 0xe4 || dec->op[0] == 0xe5 ||
              dec->op[0] == 0xec || dec->op[0] == 0xed;
    unsigned int port = (dec->op[0] & 8) ? (uint16_t)regs->rdx : dec->imm8;

    if ( !io_allowed(v) )
        return false;
    if ( size == 1 && rtc_access(v, regs, port, in) )
        return true;
    /* Reads float high like an empty bus; writes go nowhere. */
    if ( in )
    {
        if ( size == 4 )
            regs->rax = 0xffffffffUL;
        else
            regs->rax |= (1UL << (8 * size)) - 1;
    }
    return true;
}

/* --- Control and debug registers. */

static bool emulate_mov_cr(struct vcpu *v, struct cpu_user_regs *regs,
                           const struct decoded *dec)
{
    unsigned int cr = ((dec->modrm >> 3) & 7) | (dec->rex_r ? 8 : 0);
    unsigned long *reg = pv_gpr(regs, (dec->modrm & 7) | (dec->rex_b ? 8 : 0));
    bool write = dec->op[1] == 0x22;

    if ( (dec->modrm & 0xc0) != 0xc0 )
        return false;
    if ( !write )
    {
        switch ( cr )
        {
        case 0:
            *reg = (read_cr0() & ~X86_CR0_TS) | (v->arch.pv.ctrlreg[0] & X86_CR0_TS);
            return true;
        case 2:
            *reg = v->vcpu_info->arch.cr2;
            return true;
        case 3:
            *reg = xen_pfn_to_cr3(v->arch.pv.guest_table);
            return true;
        case 4:
            *reg = v->arch.pv.ctrlreg[4];
            return true;
        }
        return false;
    }
    switch ( cr )
    {
    case 0:
        /* Only TS may change, as with fpu_taskswitch. */
        if ( (*reg ^ read_cr0()) & ~X86_CR0_TS )
            return false;
        do_fpu_taskswitch(!!(*reg & X86_CR0_TS));
        return true;
    case 2:
        v->vcpu_info->arch.cr2 = *reg;
        return true;
    case 4:
        v->arch.pv.ctrlreg[4] = (*reg & PV_CR4_GUEST_MASK) |
                                (v->arch.pv.ctrlreg[4] & PV_CR4_VISIBLE);
        return true;
    }
    return false;
}

static bool emulate_mov_dr(struct vcpu *v, struct cpu_user_regs *regs,
                           const struct decoded *dec)
{
    unsigned int dr = (dec->modrm >> 3) & 7;
    unsigned long *reg = pv_gpr(regs, (dec->modrm & 7) | (dec->rex_b ? 8 : 0));

    if ( (dec->modrm & 0xc0) != 0xc0 )
        return false;
    if ( dec->op[1] == 0x21 )
    {
        /* DR4/DR5 do not exist while CR4.DE is set: no value to give. */
        if ( (dr == 4 || dr == 5) && (v->arch.pv.ctrlreg[4] & X86_CR4_DE) )
            return false;
        *reg = do_get_debugreg(dr);
        return true;
    }
    return do_set_debugreg(dr, *reg) == 0;
}

/*
 * Emulates the privileged instruction at regs->rip.  From guest user mode
 * only port I/O may be emulated (when the virtual IOPL allows user mode);
 * everything else is the #GP it raised.
 */
bool pv_emulate_privileged_op(struct vcpu *v, struct cpu_user_regs *regs)
{
    struct decoded dec;
    uint64_t val;
    bool ok = false;

    if ( !decode(regs, &dec) )
        return false;
    if ( !(v->arch.flags & TF_kernel_mode) && !is_io_insn(&dec) )
        return false;
    if ( dec.op[0] == 0x0f )
    {
        switch ( dec.op[1] )
        {
        case 0x32:                              /* RDMSR */
            ok = read_msr(v, regs->ecx, &val);
            if ( ok )
            {
                regs->rax = (uint32_t)val;
                regs->rdx = val >> 32;
            }
            break;
        case 0x30:                              /* WRMSR */
            ok = write_msr(v, regs->ecx, ((uint64_t)regs->edx << 32) | regs->eax);
            break;
        case 0x06:                              /* CLTS */
            do_fpu_taskswitch(0);
            ok = true;
            break;
        case 0x09:                              /* WBINVD: nothing to write back */
            ok = true;
            break;
        case 0x20: case 0x22:
            ok = emulate_mov_cr(v, regs, &dec);
            break;
        case 0x21: case 0x23:
            ok = emulate_mov_dr(v, regs, &dec);
            break;
        }
    }
    else
    {
        switch ( dec.op[0] )
        {
        case 0xe4: case 0xe5: case 0xe6: case 0xe7:
        case 0xec: case 0xed: case 0xee: case 0xef:
            ok = emulate_io(v, regs, &dec);
            break;
        case 0xfa: case 0xfb:                   /* CLI/STI: events are the guest's IF */
            ok = io_allowed(v);
            break;
        }
    }
    if ( ok )
        regs->rip += dec.len;
    return ok;
}
