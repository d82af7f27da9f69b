/*
 * CPU identification and the protections the hypervisor always wants.
 *
 * SMEP and SMAP keep the hypervisor from executing or touching guest (user)
 * pages by accident: every deliberate guest access goes through the
 * guest-access API, which brackets it with stac/clac.  NX is enabled by the
 * boot code already; FSGSBASE lets PV guests use the fast segment-base
 * instructions; UMIP is left to the PV policy (guests may need sgdt/sidt).
 */
#include <xen/lib.h>
#include <xen/string.h>
#include <asm/cpufeature.h>
#include <asm/processor.h>

struct cpu_features boot_cpu;

static void cpuid(uint32_t leaf, uint32_t *a, uint32_t *b, uint32_t *c,
                  uint32_t *d)
{
    cpuid_count(leaf, 0, a, b, c, d);
}

void cpu_identify(struct cpu_features *f)
{
    uint32_t a, b, c, d, i;

    memset(f, 0, sizeof(*f));
    cpuid(0, &f->max_leaf, &b, &c, &d);
    memcpy(f->vendor + 0, &b, 4);
    memcpy(f->vendor + 4, &d, 4);
    memcpy(f->vendor + 8, &c, 4);

    cpuid(1, &a, &b, &c, &d);
    f->family = (a >> 8) & 0xf;
    if ( f->family == 0xf )
        f->family += (a >> 20) & 0xff;
    f->model = ((a >> 4) & 0xf) | (((a >> 16) & 0xf) << 4);
    f->stepping = a & 0xf;
    f->pge = d & (1u << 13);
    f->x2apic = c & (1u << 21);
    f->tsc_deadline = c & (1u << 24);
    f->xsave = c & (1u << 26);
    f->hypervisor = c & (1u << 31);

    if ( f->max_leaf >= 7 )
    {
        cpuid_count(7, 0, &a, &b, &c, &d);
        f->fsgsbase = b & (1u << 0);
        f->smep = b & (1u << 7);
        f->smap = b & (1u << 20);
        f->umip = c & (1u << 2);
    }

    cpuid(0x80000000, &f->max_ext_leaf, &b, &c, &d);
    if ( f->max_ext_leaf >= 0x80000001 )
    {
        cpuid(0x80000001, &a, &b, &c, &d);
        f->nx = d & (1u << 20);
        f->pdpe1gb = d & (1u << 26);
    }
    if ( f->max_ext_leaf >= 0x80000004 )
    {
        for ( i = 0; i < 3; i++ )
        {
            cpuid(0x80000002 + i, &a, &b, &c, &d);
            memcpy(f->brand + i * 16 + 0, &a, 4);
            memcpy(f->brand + i * 16 + 4, &b, 4);
            memcpy(f->brand + i * 16 + 8, &c, 4);
            memcpy(f->brand + i * 16 + 12, &d, 4);
        }
    }
    if ( f->max_ext_leaf >= 0x80000007 )
    {
        cpuid(0x80000007, &a, &b, &c, &d);
        f->invariant_tsc = d & (1u << 8);
    }
}

unsigned long cpu_enable_protections(const struct cpu_features *f)
{
    unsigned long cr4 = read_cr4();

    cr4 |= X86_CR4_OSFXSR | X86_CR4_OSXMMEXCPT;
    if ( f->pge )
        cr4 |= X86_CR4_PGE;
    if ( f->smep )
        cr4 |= X86_CR4_SMEP;
    if ( f->smap )
        cr4 |= X86_CR4_SMAP;
    if ( f->fsgsbase )
        cr4 |= X86_CR4_FSGSBASE;
    if ( f->xsave )
        cr4 |= X86_CR4_OSXSAVE;
    __asm__ __volatile__("mov %0, %%cr4" :: "r"(cr4) : "memory");
    return cr4;
}

void cpu_print_features(const struct cpu_features *f)
{
    const char *brand = f->brand;

    while ( *brand == ' ' )
        brand++;
    printk("CPU: %s family %u model %u stepping %u: %s\n", f->vendor,
           f->family, f->model, f->stepping, *brand ? brand : "(no brand string)");
    printk("CPU: protections: NX %s, SMEP %s, SMAP %s, FSGSBASE %s; "
           "x2APIC %s, TSC-deadline %s, invariant TSC %s\n",
           f->nx ? "on" : "absent", f->smep ? "on" : "absent",
           f->smap ? "on" : "absent", f->fsgsbase ? "on" : "absent",
           f->x2apic ? "yes" : "no", f->tsc_deadline ? "yes" : "no",
           f->invariant_tsc ? "yes" : "no");
}
