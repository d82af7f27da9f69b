/* SPDX-License-Identifier: MIT */
/*
 * Tessera public ABI: x86 definitions shared by every guest-visible
 * interface.  Only 64-bit PV guests are served, so there is exactly one
 * layout here and no interface-version switches.
 */

/* See xen-x86_64.h for why the root header comes before our guard. */
#include "../xen.h"

#ifndef __XEN_PUBLIC_ARCH_X86_XEN_H__
#define __XEN_PUBLIC_ARCH_X86_XEN_H__

/*
 * Guest handles.  A pointer into guest memory is wrapped in a one-member
 * struct so that the compiler refuses to dereference it by accident: the
 * hypervisor must go through its copy_{to,from}_guest helpers, which check
 * and fault-proof the access.  Wrapping does not change the layout (8 bytes,
 * 8-aligned), so guests may treat the field as a plain pointer.
 *
 * Every handle type comes with a const_ twin for read-only arguments.
 */
#define ___DEFINE_XEN_GUEST_HANDLE(name, type) \
    typedef struct { type *p; } __guest_handle_ ## name
#define __DEFINE_XEN_GUEST_HANDLE(name, type)          \
    ___DEFINE_XEN_GUEST_HANDLE(name, type);            \
    ___DEFINE_XEN_GUEST_HANDLE(const_ ## name, const type)
#define DEFINE_XEN_GUEST_HANDLE(name) __DEFINE_XEN_GUEST_HANDLE(name, name)
#define __XEN_GUEST_HANDLE(name)      __guest_handle_ ## name
#define XEN_GUEST_HANDLE(name)        __XEN_GUEST_HANDLE(name)
/* Parameters and struct members are the same thing on a 64-bit-only ABI. */
#define XEN_GUEST_HANDLE_PARAM(name)  XEN_GUEST_HANDLE(name)
#define set_xen_guest_handle_raw(hnd, val) do { (hnd).p = (val); } while (0)
#define set_xen_guest_handle(hnd, val)     set_xen_guest_handle_raw(hnd, val)

#include "xen-x86_64.h"

#ifndef __ASSEMBLY__
/* Machine/pseudo-physical frame numbers: a full register wide. */
typedef unsigned long xen_pfn_t;
#define PRI_xen_pfn  "lx"
#define PRIu_xen_pfn "lu"
#endif

/* This ABI has the classic PV entry (start_info) and an upcall mask. */
#define XEN_HAVE_PV_GUEST_ENTRY 1
#define XEN_HAVE_PV_UPCALL_MASK 1

/*
 * GDT pages from 14 upwards belong to the hypervisor (that is where the
 * FLAT_* selectors live); guests may only fill the entries below.
 */
#define FIRST_RESERVED_GDT_PAGE  14
#define FIRST_RESERVED_GDT_BYTE  (FIRST_RESERVED_GDT_PAGE * 4096)
#define FIRST_RESERVED_GDT_ENTRY (FIRST_RESERVED_GDT_BYTE / 8)

/* vcpu_info slots embedded in shared_info; later vCPUs must register their
 * own vcpu_info with VCPUOP_register_vcpu_info. */
#define XEN_LEGACY_MAX_VCPUS 32

#ifndef __ASSEMBLY__

typedef unsigned long xen_ulong_t;
#define PRI_xen_ulong "lx"

/*
 * One virtual IDT entry for set_trap_table.  flags bits 0-1 are the DPL
 * allowed to raise the vector with INT n; bit 2 says "clear the event mask
 * on delivery", the PV equivalent of an interrupt gate.  A table passed to
 * the hypercall ends with an entry whose address is zero.
 */
#define TI_GET_DPL(_ti)       ((_ti)->flags & 3)
#define TI_GET_IF(_ti)        ((_ti)->flags & 4)
#define TI_SET_DPL(_ti, _dpl) ((_ti)->flags |= (_dpl))
#define TI_SET_IF(_ti, _if)   ((_ti)->flags |= ((!!(_if)) << 2))
struct trap_info {
    uint8_t       vector;
    uint8_t       flags;
    uint16_t      cs;      /* ignored for 64-bit guests but kept for layout */
    unsigned long address;
};
typedef struct trap_info trap_info_t;
DEFINE_XEN_GUEST_HANDLE(trap_info_t);

typedef uint64_t tsc_timestamp_t;

/*
 * Complete architectural state of a vCPU, used for VCPUOP_initialise and
 * XEN_DOMCTL_{get,set}vcpucontext.  The bulky parts (FXSAVE image, 256 trap
 * entries) sit first so that the tail layout stays easy to eyeball.
 */
#define _VGCF_i387_valid               0
#define VGCF_i387_valid                (1 << _VGCF_i387_valid)
#define VGCF_I387_VALID                VGCF_i387_valid
#define _VGCF_in_kernel                2
#define VGCF_in_kernel                 (1 << _VGCF_in_kernel)
#define VGCF_IN_KERNEL                 VGCF_in_kernel
#define _VGCF_failsafe_disables_events 3
#define VGCF_failsafe_disables_events  (1 << _VGCF_failsafe_disables_events)
#define _VGCF_syscall_disables_events  4
#define VGCF_syscall_disables_events   (1 << _VGCF_syscall_disables_events)
#define _VGCF_online                   5
#define VGCF_online                    (1 << _VGCF_online)
struct vcpu_guest_context {
    struct { char x[512]; } fpu_ctxt;   /* FXSAVE image, 16-byte aligned use */
    unsigned long flags;                /* VGCF_* */
    struct cpu_user_regs user_regs;
    struct trap_info trap_ctxt[256];
    unsigned long ldt_base, ldt_ents;
    unsigned long gdt_frames[16], gdt_ents;
    unsigned long kernel_ss, kernel_sp; /* stack_switch target */
    unsigned long ctrlreg[8];           /* ctrlreg[3] holds a CR3 image */
    unsigned long debugreg[8];
    unsigned long event_callback_eip;
    unsigned long failsafe_callback_eip;
    unsigned long syscall_callback_eip;
    unsigned long vm_assist;            /* VMASST_TYPE_* bitmap */
    uint64_t      fs_base;
    uint64_t      gs_base_kernel;
    uint64_t      gs_base_user;
};
typedef struct vcpu_guest_context vcpu_guest_context_t;
DEFINE_XEN_GUEST_HANDLE(vcpu_guest_context_t);

/*
 * Arch tail of shared_info.  The guest publishes where its P2M lives so
 * that save/restore and dom0 tools can walk it without guest help.
 */
struct arch_shared_info {
    unsigned long max_pfn;                    /* highest PFN + 1 in the P2M */
    xen_pfn_t     pfn_to_mfn_frame_list_list; /* MFN of the 3-level list */
    unsigned long nmi_reason;                 /* XEN_NMIREASON_* */
    unsigned long p2m_cr3;                    /* 0 = linear P2M not present */
    unsigned long p2m_vaddr;
    unsigned long p2m_generation;             /* odd while being updated */
};
typedef struct arch_shared_info arch_shared_info_t;

/* Creation-time configuration; PV guests pass zero emulation flags. */
struct xen_arch_domainconfig {
#define _XEN_X86_EMU_LAPIC     0
#define XEN_X86_EMU_LAPIC      (1U << _XEN_X86_EMU_LAPIC)
#define _XEN_X86_EMU_HPET      1
#define XEN_X86_EMU_HPET       (1U << _XEN_X86_EMU_HPET)
#define _XEN_X86_EMU_PM        2
#define XEN_X86_EMU_PM         (1U << _XEN_X86_EMU_PM)
#define _XEN_X86_EMU_RTC       3
#define XEN_X86_EMU_RTC        (1U << _XEN_X86_EMU_RTC)
#define _XEN_X86_EMU_IOAPIC    4
#define XEN_X86_EMU_IOAPIC     (1U << _XEN_X86_EMU_IOAPIC)
#define _XEN_X86_EMU_PIC       5
#define XEN_X86_EMU_PIC        (1U << _XEN_X86_EMU_PIC)
#define _XEN_X86_EMU_VGA       6
#define XEN_X86_EMU_VGA        (1U << _XEN_X86_EMU_VGA)
#define _XEN_X86_EMU_IOMMU     7
#define XEN_X86_EMU_IOMMU      (1U << _XEN_X86_EMU_IOMMU)
#define _XEN_X86_EMU_PIT       8
#define XEN_X86_EMU_PIT        (1U << _XEN_X86_EMU_PIT)
#define _XEN_X86_EMU_USE_PIRQ  9
#define XEN_X86_EMU_USE_PIRQ   (1U << _XEN_X86_EMU_USE_PIRQ)
#define _XEN_X86_EMU_VPCI      10
#define XEN_X86_EMU_VPCI       (1U << _XEN_X86_EMU_VPCI)
#define XEN_X86_EMU_ALL        (XEN_X86_EMU_LAPIC | XEN_X86_EMU_HPET |      \
                                XEN_X86_EMU_PM | XEN_X86_EMU_RTC |          \
                                XEN_X86_EMU_IOAPIC | XEN_X86_EMU_PIC |      \
                                XEN_X86_EMU_VGA | XEN_X86_EMU_IOMMU |       \
                                XEN_X86_EMU_PIT | XEN_X86_EMU_USE_PIRQ |    \
                                XEN_X86_EMU_VPCI)
    uint32_t emulation_flags;
#define XEN_X86_MSR_RELAXED    (1u << 0)
    uint32_t misc_flags;
};
#define XEN_X86_MISC_FLAGS_MAX XEN_X86_MSR_RELAXED

/* CPUID and MSR policy records exchanged with the toolstack. */
#define XEN_CPUID_NO_SUBLEAF 0xffffffffu
typedef struct xen_cpuid_leaf {
    uint32_t leaf, subleaf;
    uint32_t a, b, c, d;
} xen_cpuid_leaf_t;
DEFINE_XEN_GUEST_HANDLE(xen_cpuid_leaf_t);

typedef struct xen_msr_entry {
    uint32_t idx;
    uint32_t flags;  /* must be zero */
    uint64_t val;
} xen_msr_entry_t;
DEFINE_XEN_GUEST_HANDLE(xen_msr_entry_t);

#endif /* !__ASSEMBLY__ */

/*
 * "Forced emulation" prefix: ud2 followed by the bytes 'x','e','n'.  A PV
 * guest puts it in front of CPUID to get the hypervisor's filtered view.
 */
#ifdef __ASSEMBLY__
# define XEN_EMULATE_PREFIX .byte 0x0f,0x0b,0x78,0x65,0x6e ;
# define XEN_CPUID          XEN_EMULATE_PREFIX cpuid
#else
# define XEN_EMULATE_PREFIX ".byte 0x0f,0x0b,0x78,0x65,0x6e ; "
# define XEN_CPUID          XEN_EMULATE_PREFIX "cpuid"
#endif

/* The debug console port (Bochs-style "port e9 hack"). */
#define XEN_HVM_DEBUGCONS_IOPORT 0xe9

#endif /* __XEN_PUBLIC_ARCH_X86_XEN_H__ */
