#ifndef ASM_X86_CPUFEATURE_H
#define ASM_X86_CPUFEATURE_H

#include <xen/types.h>

/* What the boot CPU offers; all CPUs are assumed to match it. */
struct cpu_features {
    char vendor[13];
    char brand[49];
    uint32_t family, model, stepping;
    uint32_t max_leaf, max_ext_leaf;
    bool nx, smep, smap, fsgsbase, umip, pge, pdpe1gb, xsave, x2apic,
         tsc_deadline, invariant_tsc, hypervisor;
};

extern struct cpu_features boot_cpu;

void cpu_identify(struct cpu_features *f);
/* Turns on CR4/EFER protections on the calling CPU; returns CR4. */
unsigned long cpu_enable_protections(const struct cpu_features *f);
void cpu_print_features(const struct cpu_features *f);

#define X86_CR4_PGE         (1UL << 7)
#define X86_CR4_OSFXSR      (1UL << 9)
#define X86_CR4_OSXMMEXCPT  (1UL << 10)
#define X86_CR4_UMIP        (1UL << 11)
#define X86_CR4_FSGSBASE    (1UL << 16)
#define X86_CR4_OSXSAVE     (1UL << 18)
#define X86_CR4_SMEP        (1UL << 20)
#define X86_CR4_SMAP        (1UL << 21)

#endif /* ASM_X86_CPUFEATURE_H */
