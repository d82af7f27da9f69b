/*
 * Hypercall wrappers of the test-guest runtime, numbers from hypercall-abi.
 *
 * Two calling conventions, both of Xen's 64-bit PV ABI:
 *  - direct: `syscall` from guest kernel mode with RAX = number, arguments
 *    in RDI, RSI, RDX, R10, R8; result in RAX.  Linux 6.1.0-56 does this.
 *  - hypercall page: a guest that links lib/hcpage.S carries the
 *    HYPERCALL_PAGE ELF note; the hypervisor fills that page with one
 *    32-byte stub per hypercall and the guest calls page + 32 * number.
 * The page is chosen at run time by whether the (weak) symbol exists, so
 * one set of wrappers serves both kinds of guest.
 * RCX and R11 are clobbered either way; the argument registers are treated
 * as clobbered too, since the ABI does not promise to preserve them.
 */
#ifndef GUEST_HYPERCALL_H
#define GUEST_HYPERCALL_H

#include <stdint.h>
#include <xen/xen.h>

extern char hypercall_page[] __attribute__((weak));

static inline long _hypercall(unsigned int nr, unsigned long a1, unsigned long a2,
                              unsigned long a3, unsigned long a4, unsigned long a5)
{
    register unsigned long r10 asm("r10") = a4;
    register unsigned long r8 asm("r8") = a5;
    long ret;

    if ( hypercall_page )
        asm volatile ("call *%[stub]"
                      : "=a" (ret), "+D" (a1), "+S" (a2), "+d" (a3),
                        "+r" (r10), "+r" (r8)
                      : [stub] "r" (hypercall_page + nr * 32)
                      : "rcx", "r11", "memory");
    else
        asm volatile ("syscall"
                      : "=a" (ret), "+D" (a1), "+S" (a2), "+d" (a3),
                        "+r" (r10), "+r" (r8)
                      : "a" (nr)
                      : "rcx", "r11", "memory");
    return ret;
}

#define _hc_ul(x) ((unsigned long)(x))
#define hypercall0(nr)             _hypercall(nr, 0, 0, 0, 0, 0)
#define hypercall1(nr, a)          _hypercall(nr, _hc_ul(a), 0, 0, 0, 0)
#define hypercall2(nr, a, b)       _hypercall(nr, _hc_ul(a), _hc_ul(b), 0, 0, 0)
#define hypercall3(nr, a, b, c)    _hypercall(nr, _hc_ul(a), _hc_ul(b), _hc_ul(c), 0, 0)
#define hypercall4(nr, a, b, c, d) \
    _hypercall(nr, _hc_ul(a), _hc_ul(b), _hc_ul(c), _hc_ul(d), 0)
#define hypercall5(nr, a, b, c, d, e) \
    _hypercall(nr, _hc_ul(a), _hc_ul(b), _hc_ul(c), _hc_ul(d), _hc_ul(e))

struct trap_info;
struct mmu_update;
struct mmuext_op;
struct multicall_entry;

static inline long HYPERVISOR_set_trap_table(const struct trap_info *t)
{ return hypercall1(__HYPERVISOR_set_trap_table, t); }
static inline long HYPERVISOR_mmu_update(struct mmu_update *req, unsigned int n,
                                         unsigned int *done, unsigned int dom)
{ return hypercall4(__HYPERVISOR_mmu_update, req, n, done, dom); }
static inline long HYPERVISOR_set_gdt(const unsigned long *frames, unsigned int entries)
{ return hypercall2(__HYPERVISOR_set_gdt, frames, entries); }
static inline long HYPERVISOR_stack_switch(unsigned long ss, unsigned long sp)
{ return hypercall2(__HYPERVISOR_stack_switch, ss, sp); }
static inline long HYPERVISOR_fpu_taskswitch(int set)
{ return hypercall1(__HYPERVISOR_fpu_taskswitch, set); }
static inline long HYPERVISOR_set_debugreg(int reg, unsigned long val)
{ return hypercall2(__HYPERVISOR_set_debugreg, reg, val); }
static inline long HYPERVISOR_get_debugreg(int reg)
{ return hypercall1(__HYPERVISOR_get_debugreg, reg); }
static inline long HYPERVISOR_update_descriptor(uint64_t maddr, uint64_t desc)
{ return hypercall2(__HYPERVISOR_update_descriptor, maddr, desc); }
static inline long HYPERVISOR_memory_op(unsigned int cmd, void *arg)
{ return hypercall2(__HYPERVISOR_memory_op, cmd, arg); }
static inline long HYPERVISOR_multicall(struct multicall_entry *calls, unsigned int n)
{ return hypercall2(__HYPERVISOR_multicall, calls, n); }
static inline long HYPERVISOR_update_va_mapping(unsigned long va, uint64_t pte,
                                                unsigned long flags)
{ return hypercall3(__HYPERVISOR_update_va_mapping, va, pte, flags); }
static inline long HYPERVISOR_update_va_mapping_otherdomain(unsigned long va, uint64_t pte,
                                                            unsigned long flags,
                                                            unsigned int dom)
{ return hypercall4(__HYPERVISOR_update_va_mapping_otherdomain, va, pte, flags, dom); }
static inline long HYPERVISOR_set_timer_op(uint64_t timeout)
{ return hypercall1(__HYPERVISOR_set_timer_op, timeout); }
static inline long HYPERVISOR_xen_version(int cmd, void *arg)
{ return hypercall2(__HYPERVISOR_xen_version, cmd, arg); }
static inline long HYPERVISOR_console_io(int cmd, unsigned int len, const char *buf)
{ return hypercall3(__HYPERVISOR_console_io, cmd, len, buf); }
static inline long HYPERVISOR_vm_assist(unsigned int cmd, unsigned int type)
{ return hypercall2(__HYPERVISOR_vm_assist, cmd, type); }
static inline long HYPERVISOR_vcpu_op(int cmd, unsigned int vcpu, void *arg)
{ return hypercall3(__HYPERVISOR_vcpu_op, cmd, vcpu, arg); }
static inline long HYPERVISOR_set_segment_base(int which, unsigned long base)
{ return hypercall2(__HYPERVISOR_set_segment_base, which, base); }
static inline long HYPERVISOR_mmuext_op(struct mmuext_op *op, unsigned int n,
                                        unsigned int *done, unsigned int dom)
{ return hypercall4(__HYPERVISOR_mmuext_op, op, n, done, dom); }
static inline long HYPERVISOR_sched_op(int cmd, void *arg)
{ return hypercall2(__HYPERVISOR_sched_op, cmd, arg); }
static inline long HYPERVISOR_callback_op(int cmd, const void *arg)
{ return hypercall2(__HYPERVISOR_callback_op, cmd, arg); }
static inline long HYPERVISOR_event_channel_op(int cmd, void *arg)
{ return hypercall2(__HYPERVISOR_event_channel_op, cmd, arg); }
static inline long HYPERVISOR_grant_table_op(unsigned int cmd, void *uop, unsigned int count)
{ return hypercall3(__HYPERVISOR_grant_table_op, cmd, uop, count); }
static inline long HYPERVISOR_physdev_op(int cmd, void *arg)
{ return hypercall2(__HYPERVISOR_physdev_op, cmd, arg); }
static inline long HYPERVISOR_sysctl(void *op)
{ return hypercall1(__HYPERVISOR_sysctl, op); }
static inline long HYPERVISOR_hvm_op(unsigned long op, void *arg)
{ return hypercall2(__HYPERVISOR_hvm_op, op, arg); }
static inline long HYPERVISOR_domctl(void *op)
{ return hypercall1(__HYPERVISOR_domctl, op); }

#endif /* GUEST_HYPERCALL_H */
