/*
 * The test-guest runtime: everything a test guest includes.
 *
 * A test guest is a tiny 64-bit PV kernel.  It defines
 *
 *     const char test_name[] = "traps";
 *     void test_main(void) { ... }
 *
 * and reports what it finds through report_success/skip/error/failure().
 * The most severe report wins (success < skip < error < failure); after
 * test_main returns the runtime prints one line
 *
 *     RESULT: <success|skip|error|failure> <test_name>
 *
 * and powers the domain off.  A guest that dies before that line (runtime
 * panic, unexpected exception, hypervisor kills it) has no result line,
 * which the runner reports as CRASH.
 */
#ifndef GUEST_H
#define GUEST_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <xen/xen.h>
#include <xen/memory.h>
#include <xen/sched.h>
#include <xen/version.h>
#include <xen/vcpu.h>
#include <xen/callback.h>
#include <xen/physdev.h>
#include <xen/errno.h>
#include "layout.h"
#include "hypercall.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define __aligned(n)  __attribute__((aligned(n)))
#define __noreturn    __attribute__((noreturn))
#define __printf(a, b) __attribute__((format(printf, a, b)))

/* --- Provided by each test guest. */
extern const char test_name[];
void test_main(void);

/* --- Boot information. */
extern start_info_t *start_info;
extern shared_info_t *shared_info;   /* mapped by the runtime at boot */

/* --- Console and formatting. */
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int snprintf(char *buf, size_t size, const char *fmt, ...) __printf(3, 4);
void printk(const char *fmt, ...) __printf(1, 2);
void console_write(const char *s, size_t len);

/* --- Reporting. */
enum test_status { TEST_SUCCESS, TEST_SKIP, TEST_ERROR, TEST_FAILURE };
void report_success(void);
void report_skip(const char *fmt, ...) __printf(1, 2);
void report_error(const char *fmt, ...) __printf(1, 2);    /* test or environment broken */
void report_failure(const char *fmt, ...) __printf(1, 2);  /* hypervisor misbehaved */
enum test_status report_status(void);
/*
 * Runs after the RESULT line instead of the usual poweroff (if it
 * returns, the poweroff follows): for guests whose last act is a way of
 * stopping the domain that guests.list checks through the hypervisor's log.
 */
extern void (*after_result)(void);
void __noreturn panic(const char *fmt, ...) __printf(1, 2);

/*
 * check(): one named expectation.  Prints "ok" or a failure with the values,
 * so a log shows every step that ran.
 */
bool check(bool ok, const char *fmt, ...) __printf(2, 3);
#define check_eq(got, want, what) check_eq_long((long)(got), (long)(want), (what))
bool check_eq_long(long got, long want, const char *what);

/* --- Small libc. */
void *memset(void *s, int c, size_t n);
void *memcpy(void *d, const void *s, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
void *memchr(const void *s, int c, size_t n);
char *strstr(const char *hay, const char *needle);

/* --- Exceptions. */
/* What the exception entry saved; trap_stubs and head.S define the order. */
struct guest_regs {
    uint64_t r15, r14, r13, r12, rbp, rbx, r11, r10, r9, r8;
    uint64_t rax, rcx, rdx, rsi, rdi;
    uint64_t vector, error_code;
    uint64_t rip, cs, rflags, rsp, ss;   /* the bounce frame */
};

/*
 * Expected faults.  FAULT_ASM(insn) wraps one instruction: if it raises an
 * exception, the handler skips it and leaves a fault record in %rax instead
 * of panicking.  The asm must bind a variable initialised to 0 to "+a":
 *
 *     uint64_t fault = 0;
 *     asm volatile(FAULT_ASM("ud2") : "+a" (fault));
 *     check_eq(fault_vector(fault), X86_EXC_UD, "ud2 raises #UD");
 *
 * TRAP_ASM is the same for trap-class exceptions (int3, into, int n),
 * whose reported RIP is the next instruction.
 */
#define FAULT_RECORDED   (1UL << 63)
#define FAULT_ASM(insn)                                                     \
    "1: " insn "\n2:\n"                                                     \
    ".pushsection .ex_table, \"a\"\n .quad 1b, 2b\n .popsection\n"
#define TRAP_ASM(insn)                                                      \
    insn "\n1:\n"                                                           \
    ".pushsection .ex_table, \"a\"\n .quad 1b, 1b\n .popsection\n"
static inline bool fault_happened(uint64_t f) { return f & FAULT_RECORDED; }
static inline int fault_vector(uint64_t f)
{
    return fault_happened(f) ? (int)((f >> 32) & 0xff) : -1;
}
static inline uint32_t fault_error_code(uint64_t f) { return (uint32_t)f; }

/* The CR2 of the last #PF, as the hypervisor stored it in vcpu_info. */
extern uint64_t last_fault_cr2;
extern uint64_t last_fault_rip, last_fault_cs;   /* CS bits 32-39: saved event mask */

#define X86_EXC_DE  0
#define X86_EXC_DB  1
#define X86_EXC_BP  3
#define X86_EXC_OF  4
#define X86_EXC_UD  6
#define X86_EXC_NM  7
#define X86_EXC_DF  8
#define X86_EXC_TS 10
#define X86_EXC_NP 11
#define X86_EXC_SS 12
#define X86_EXC_GP 13
#define X86_EXC_PF 14

/*
 * A guest may take over exceptions: the hook runs before the expected-fault
 * table and returns true when it handled the exception (it may edit regs).
 */
extern bool (*trap_hook)(struct guest_regs *regs);
void install_trap(unsigned int vector, unsigned int dpl, bool mask_events);
uint64_t trap_entry_address(unsigned int vector);
void __noreturn return_to_frame(struct guest_regs *regs);

/* --- Ring 3 user mode (user.c). */
struct user_context {
    uint64_t rbx, rbp, r12, r13, r14, r15, rsp;   /* kernel side, saved */
    uint64_t rip, user_rsp;                       /* where user mode starts */
};
/* How user mode came back: a syscall or an exception (vector, error). */
struct user_exit {
    unsigned int vector;       /* SYSCALL_VECTOR for syscall */
    uint64_t error_code, rip, cs, rax, rdi, rflags;
};
int user_mode_init(void);
int run_user(void (*fn)(void), struct user_exit *exit);

/* --- Page tables (mm.c).  PTEs hold machine frame numbers. */
#define _PAGE_PRESENT  0x001UL
#define _PAGE_RW       0x002UL
#define _PAGE_USER     0x004UL
#define _PAGE_ACCESSED 0x020UL
#define _PAGE_DIRTY    0x040UL
#define _PAGE_PSE      0x080UL
#define _PAGE_NX       (1UL << 63)
#define PTE_ADDR_MASK  0x000ffffffffff000UL
#define PAGE_RW_FLAGS  (_PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED | _PAGE_DIRTY)
#define PAGE_RO_FLAGS  (_PAGE_PRESENT | _PAGE_ACCESSED)

static inline uint64_t pte_mfn(uint64_t pte) { return (pte & PTE_ADDR_MASK) >> 12; }
static inline unsigned int pt_index(uint64_t va, int level)
{
    return (va >> (12 + 9 * (level - 1))) & 511;
}

uint64_t pfn_to_mfn(uint64_t pfn);
uint64_t mfn_to_pfn(uint64_t mfn);        /* through the M2P */
uint64_t virt_to_mfn(const void *va);     /* of a page in our image */
void *mfn_to_virt(uint64_t mfn);          /* only for the initial mapping */
/* Walks the current kernel tables; returns the PTE at level, and its address. */
uint64_t pt_walk(uint64_t va, int level, uint64_t *entry_maddr);
uint64_t alloc_frame(void);                /* an unused RAM mfn, unmapped */
void *map_frame(uint64_t mfn, uint64_t flags);   /* at a scratch VA */
void unmap_frame(void *va);
void *zeroed_frame(uint64_t *mfn);        /* alloc + map RW + clear */
long set_pte_va(void *va, uint64_t pte, unsigned long flags);
long pin_table(unsigned int level, uint64_t mfn);
long unpin_table(uint64_t mfn);
long mmuext1(unsigned int cmd, uint64_t arg1, uint64_t arg2);
long mmu_update1(uint64_t ptr, uint64_t val);

#endif /* GUEST_H */
