/*
 * x86 parts of domains and vCPUs: what a 64-bit PV guest's virtual CPU is.
 *
 * A PV vCPU runs both its guest kernel and its guest user code in ring 3.
 * The hypervisor tracks which of the two is current (TF_kernel_mode) and
 * keeps one page-table base and one GS base per mode, swapping them on
 * every kernel/user transition (toggle_guest_mode in pv/traps.c).
 */
#ifndef ASM_X86_DOMAIN_H
#define ASM_X86_DOMAIN_H

#include <xen/cpumask.h>
#include <xen/spinlock.h>
#include <xen/types.h>
#include <public/xen.h>
#include <public/callback.h>

/* arch_vcpu.flags */
#define TF_kernel_mode      (1U << 0)

/* A pending bounce to a guest handler, consumed on the way out. */
struct trap_bounce {
    uint32_t error_code;
    uint8_t flags;                      /* TBF_* */
    uint16_t cs;
    unsigned long eip;
};
#define TBF_EXCEPTION           1       /* valid */
#define TBF_EXCEPTION_ERRCODE   2       /* push error_code */
#define TBF_INTERRUPT           8       /* mask events on entry */

/* Guest descriptor tables: GDT frames and the LDT's linear base. */
#define MAX_GUEST_GDT_FRAMES    FIRST_RESERVED_GDT_PAGE

struct pv_vcpu {
    /* Registers while not running; the live copy is in cpu_info. */
    struct cpu_user_regs user_regs;

    /* Guest exception handlers (set_trap_table), indexed by vector. */
    struct trap_info trap_ctxt[256];

    /* Stack the guest kernel is entered on from user mode (stack_switch). */
    unsigned long kernel_ss, kernel_sp;

    /* Callbacks (set_callbacks / callback_op). */
    unsigned long event_callback_eip;
    unsigned long failsafe_callback_eip;
    unsigned long syscall_callback_eip;
    unsigned long syscall32_callback_eip, sysenter_callback_eip;
    bool failsafe_disables_events, syscall_disables_events;
    bool syscall32_disables_events, sysenter_disables_events;

    /* Segment bases: fs is shared, gs has one base per guest mode. */
    unsigned long fs_base, gs_base_kernel, gs_base_user;

    /* Page-table roots (MFNs, 0 = none), each holding a type reference. */
    unsigned long guest_table;          /* kernel-mode L4 */
    unsigned long guest_table_user;     /* user-mode L4 */

    /* GDT (set_gdt): frames each holding a PGT_seg_desc_page reference. */
    unsigned long gdt_frames[MAX_GUEST_GDT_FRAMES];
    unsigned int gdt_ents;
    /* LDT (MMUEXT_SET_LDT): frames each holding a PGT_seg_desc_page reference. */
    unsigned long ldt_base;
    unsigned int ldt_ents;
#define MAX_GUEST_LDT_FRAMES    16      /* 8192 entries */
    unsigned long ldt_frames[MAX_GUEST_LDT_FRAMES];

    /* Virtual control state. */
    unsigned long ctrlreg[8];           /* cr0 (TS), cr4 shadow */
    unsigned long debugreg[8];
    unsigned int iopl;                  /* virtual IOPL, 0-3 (set_iopl) */
    unsigned long msr_pat;              /* never changes; reported on read */

    /* Set when the guest was interrupted in a hypercall (continuations). */
    unsigned int pending_failsafe;
};

struct arch_vcpu {
    struct pv_vcpu pv;
    unsigned int flags;                 /* TF_* */
    struct trap_bounce trap_bounce;
    /* FPU/SSE/AVX state, XSAVE format, 64-byte aligned, xsave_size bytes. */
    void *xsave_area;
    bool fpu_dirtied;                   /* used since last switch */
    bool fpu_initialised;
    /* Per-vCPU GDT virtual address in the per-domain area. */
    unsigned long gdt_va;
    /* Which CPU's TSS/hypervisor page is mapped into this vCPU's GDT. */
    int gdt_mapped_cpu;
};

struct arch_domain {
    /*
     * Serialises changes to the domain's page tables and page types
     * (mmu_update, mmuext_op, update_va_mapping, page-table write
     * emulation).  Taken after domain_lock, before page_alloc_lock.
     */
    spinlock_t mm_lock;
    /* CPUs that may hold TLB entries of this domain (set at switch-in). */
    cpumask_t dirty_cpumask;
    /* The per-domain L3 (slot 260): GDT/LDT shadows of each vCPU. */
    unsigned long perdomain_l3_mfn;
    /* I/O ports the domain may use without IOPL. Dom0: all (no hardware). */
    bool io_all_ones;
    /* Physical address width for the builder. */
    unsigned long p2m_size;
    /* Pages backing page tables of the perdomain area, for teardown. */
    unsigned long perdomain_l2_mfn, perdomain_l1_mfn;
    /* The store ring its builder gave it (port 0: none, as dom0); hvm_op.c. */
    unsigned long store_mfn;
    unsigned int store_port;
};

#endif /* ASM_X86_DOMAIN_H */
