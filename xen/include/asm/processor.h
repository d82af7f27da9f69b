#ifndef ASM_X86_PROCESSOR_H
#define ASM_X86_PROCESSOR_H

#include <xen/types.h>

#define X86_CR0_PE      (1UL << 0)
#define X86_CR0_WP      (1UL << 16)
#define X86_CR0_PG      (1UL << 31)
#define X86_CR4_PAE     (1UL << 5)
#define X86_CR4_PGE     (1UL << 7)
#define MSR_EFER        0xc0000080
#define EFER_LME        (1UL << 8)
#define EFER_LMA        (1UL << 10)
#define EFER_NXE        (1UL << 11)

#define DEFINE_READ_CR(n)                                               \
    static inline unsigned long read_cr##n(void)                        \
    {                                                                   \
        unsigned long v;                                                \
        __asm__ __volatile__("mov %%cr" #n ", %0" : "=r"(v));           \
        return v;                                                       \
    }
DEFINE_READ_CR(0)
DEFINE_READ_CR(2)
DEFINE_READ_CR(3)
DEFINE_READ_CR(4)
#undef DEFINE_READ_CR

static inline void write_cr0(unsigned long v)
{
    __asm__ __volatile__("mov %0, %%cr0" :: "r"(v) : "memory");
}

static inline void write_cr3(unsigned long v)
{
    __asm__ __volatile__("mov %0, %%cr3" :: "r"(v) : "memory");
}

static inline void write_cr4(unsigned long v)
{
    __asm__ __volatile__("mov %0, %%cr4" :: "r"(v) : "memory");
}

static inline uint64_t rdmsr(uint32_t msr)
{
    uint32_t lo, hi;
    __asm__ __volatile__("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
    return ((uint64_t)hi << 32) | lo;
}

static inline void wrmsr(uint32_t msr, uint64_t v)
{
    __asm__ __volatile__("wrmsr" :: "c"(msr), "a"((uint32_t)v),
                         "d"((uint32_t)(v >> 32)) : "memory");
}

static inline uint64_t rdtsc_ordered(void)
{
    uint32_t lo, hi;

    __asm__ __volatile__("lfence; rdtsc" : "=a"(lo), "=d"(hi) :: "memory");
    return ((uint64_t)hi << 32) | lo;
}

static inline void local_irq_enable(void)
{
    __asm__ __volatile__("sti" ::: "memory");
}

/* sti takes effect after the next instruction, so no wakeup is lost. */
static inline void safe_halt(void)
{
    __asm__ __volatile__("sti; hlt" ::: "memory");
}

static inline void cpuid_count(uint32_t leaf, uint32_t sub, uint32_t *a,
                               uint32_t *b, uint32_t *c, uint32_t *d)
{
    __asm__ __volatile__("cpuid"
                         : "=a"(*a), "=b"(*b), "=c"(*c), "=d"(*d)
                         : "a"(leaf), "c"(sub));
}

/*
 * The CPU's vendor string (12 characters, not terminated) and signature as
 * Xen decodes CPUID leaf 1: extended family for family 15, extended model
 * for family 6 and up.  QEMU's CPUs are all alike, so any CPU answers.
 */
static inline void cpu_signature(char vendor[12], uint32_t *family,
                                 uint32_t *model, uint32_t *step)
{
    uint32_t a, b, c, d;

    cpuid_count(0, 0, &a, &b, &c, &d);
    __builtin_memcpy(vendor, &b, 4);
    __builtin_memcpy(vendor + 4, &d, 4);
    __builtin_memcpy(vendor + 8, &c, 4);
    cpuid_count(1, 0, &a, &b, &c, &d);
    *family = (a >> 8) & 0xf;
    if ( *family == 0xf )
        *family += (a >> 20) & 0xff;
    *model = (a >> 4) & 0xf;
    if ( *family >= 6 )
        *model |= ((a >> 16) & 0xf) << 4;
    *step = a & 0xf;
}

static inline void halt(void)
{
    __asm__ __volatile__("hlt" ::: "memory");
}

static inline void local_irq_disable(void)
{
    __asm__ __volatile__("cli" ::: "memory");
}

#endif /* ASM_X86_PROCESSOR_H */
