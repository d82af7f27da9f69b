/*
 * Hypercall entry points, one per hypercall number, and the helpers the
 * dispatcher and multicall share.
 *
 * Each do_<name>() is the thin dispatcher of its family: it copies guest
 * arguments in once (xen/guest_access.h) and calls workers that take
 * hypervisor pointers.  Return values are >= 0 or a negative Xen errno.
 */
#ifndef XEN_HYPERCALL_H
#define XEN_HYPERCALL_H

#include <xen/types.h>
#include <public/xen.h>
#include <public/vcpu.h>
#include <public/domctl.h>
#include <public/sysctl.h>

typedef long (*hypercall_fn_t)(unsigned long, unsigned long, unsigned long,
                               unsigned long, unsigned long, unsigned long);

/* The table entry for `op`, or NULL if Tessera does not implement it. */
hypercall_fn_t hypercall_lookup(unsigned long op);
/* Logs an unknown hypercall or sub-op once per (op, sub-op) pair. */
void hypercall_log_unknown(unsigned long op, unsigned long subop);

long do_console_io(int cmd, unsigned int count, XEN_GUEST_HANDLE_PARAM(char) buf);
long do_xen_version(int cmd, XEN_GUEST_HANDLE_PARAM(void) arg);
long do_sched_op(int cmd, XEN_GUEST_HANDLE_PARAM(void) arg);
long do_sched_op_compat(int cmd, unsigned long arg);
long do_set_timer_op(uint64_t timeout);
long do_memory_op(unsigned long cmd, XEN_GUEST_HANDLE_PARAM(void) arg);
long do_multicall(XEN_GUEST_HANDLE_PARAM(multicall_entry_t) list, unsigned int nr);
long do_vcpu_op(int cmd, unsigned int vcpuid, XEN_GUEST_HANDLE_PARAM(void) arg);
long do_mmu_update(XEN_GUEST_HANDLE_PARAM(mmu_update_t) ureqs, unsigned int count,
                   XEN_GUEST_HANDLE_PARAM(uint) pdone, unsigned int foreigndom);
long do_mmuext_op(XEN_GUEST_HANDLE_PARAM(mmuext_op_t) uops, unsigned int count,
                  XEN_GUEST_HANDLE_PARAM(uint) pdone, unsigned int foreigndom);
long do_update_va_mapping(unsigned long va, uint64_t val, unsigned long flags);
long do_update_va_mapping_otherdomain(unsigned long va, uint64_t val,
                                      unsigned long flags, domid_t domid);
long do_set_gdt(XEN_GUEST_HANDLE_PARAM(xen_ulong_t) frame_list, unsigned int entries);
long do_update_descriptor(uint64_t maddr, uint64_t desc);
long do_platform_op(XEN_GUEST_HANDLE_PARAM(void) arg);
long do_mca(XEN_GUEST_HANDLE_PARAM(void) arg);
long do_hvm_op(unsigned long op, XEN_GUEST_HANDLE_PARAM(void) arg);
long do_domctl(XEN_GUEST_HANDLE_PARAM(xen_domctl_t) u_domctl);
long do_sysctl(XEN_GUEST_HANDLE_PARAM(xen_sysctl_t) u_sysctl);

/*
 * Continuations: a long operation that should yield the CPU (a softirq is
 * pending) records its progress in its own arguments and returns
 * hypercall_continue(op, n, args...): the guest's SYSCALL is rewound, so
 * the hypercall is issued again with the new arguments once the CPU comes
 * back to this vCPU.  Never inside a multicall, whose batch cannot be
 * resumed halfway: there the operation simply runs to its end.
 */
bool hypercall_preempt_check(void);
long hypercall_continue(unsigned long op, unsigned int nargs, ...);
/* The high bit of a batch count marks a resumed batch (Xen's encoding). */
#define HYPERCALL_PREEMPTED     (1U << 31)

/*
 * Set while a multicall runs its entries: hypercalls that must be the
 * last thing in a batch (iret) refuse to run inside one.
 */
bool in_multicall(void);

#endif /* XEN_HYPERCALL_H */
