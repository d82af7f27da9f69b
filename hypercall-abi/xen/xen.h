/* SPDX-License-Identifier: MIT */
/*
 * Tessera public ABI: the root header.
 *
 * Tessera runs unmodified Linux PV guests, so every number and layout below
 * is dictated by Xen 4.17 on x86-64; names follow Xen's so that software
 * written against Xen's headers builds against these unchanged.  The text,
 * ordering and macro implementations are Tessera's own.  Only the 64-bit PV
 * ABI is described: there is no 32-bit compat layer and no per-interface-
 * version variation -- one ABI, the current one.
 *
 * tests/abi/check-layout compares every record, member and constant here
 * against Xen's installed headers; do not change a value without it.
 */
#ifndef __XEN_PUBLIC_XEN_H__
#define __XEN_PUBLIC_XEN_H__

#if !defined(__x86_64__)
# error "the Tessera ABI headers describe 64-bit x86 PV guests only"
#endif

#ifndef __ASSEMBLY__
# include <stdint.h>
/* Suffixing literals by pasting keeps one spelling usable from C and .S. */
# define __xen_mk_uint(x)   x ## U
# define __xen_mk_ulong(x)  x ## UL
# ifndef __xen_mk_ullong
#  define __xen_mk_ullong(x) x ## ULL
# endif
# define xen_mk_uint(x)   __xen_mk_uint(x)
# define xen_mk_ulong(x)  __xen_mk_ulong(x)
# define xen_mk_ullong(x) __xen_mk_ullong(x)
#else
# define xen_mk_uint(x)   x
# define xen_mk_ulong(x)  x
# define xen_mk_ullong(x) x
#endif

#include "arch-x86/xen.h"

#ifndef __ASSEMBLY__
/* Handles for the scalar element types that hypercalls pass arrays of. */
DEFINE_XEN_GUEST_HANDLE(char);
__DEFINE_XEN_GUEST_HANDLE(uchar, unsigned char);
DEFINE_XEN_GUEST_HANDLE(int);
__DEFINE_XEN_GUEST_HANDLE(uint, unsigned int);
DEFINE_XEN_GUEST_HANDLE(void);
DEFINE_XEN_GUEST_HANDLE(uint64_t);
DEFINE_XEN_GUEST_HANDLE(xen_pfn_t);
DEFINE_XEN_GUEST_HANDLE(xen_ulong_t);

/* Trailing variable-length arrays; the C99 spelling, nothing older. */
# define XEN_FLEX_ARRAY_DIM
#endif

/*
 * Hypercall numbers.  A PV guest calls entry N by calling offset N*32 of its
 * hypercall page.  Gaps are numbers that were retired upstream and must stay
 * unused so old guests fail cleanly with -ENOSYS.
 */
#define __HYPERVISOR_set_trap_table                0
#define __HYPERVISOR_mmu_update                    1
#define __HYPERVISOR_set_gdt                       2
#define __HYPERVISOR_stack_switch                  3
#define __HYPERVISOR_set_callbacks                 4
#define __HYPERVISOR_fpu_taskswitch                5
#define __HYPERVISOR_sched_op_compat               6  /* old ABI, pre-3.0.2 */
#define __HYPERVISOR_platform_op                   7
#define __HYPERVISOR_set_debugreg                  8
#define __HYPERVISOR_get_debugreg                  9
#define __HYPERVISOR_update_descriptor            10
/* 11 retired */
#define __HYPERVISOR_memory_op                    12
#define __HYPERVISOR_multicall                    13
#define __HYPERVISOR_update_va_mapping            14
#define __HYPERVISOR_set_timer_op                 15
#define __HYPERVISOR_event_channel_op_compat      16  /* old ABI */
#define __HYPERVISOR_xen_version                  17
#define __HYPERVISOR_console_io                   18
#define __HYPERVISOR_physdev_op_compat            19  /* old ABI */
#define __HYPERVISOR_grant_table_op               20
#define __HYPERVISOR_vm_assist                    21
#define __HYPERVISOR_update_va_mapping_otherdomain 22
#define __HYPERVISOR_iret                         23
#define __HYPERVISOR_vcpu_op                      24
#define __HYPERVISOR_set_segment_base             25
#define __HYPERVISOR_mmuext_op                    26
#define __HYPERVISOR_xsm_op                       27
#define __HYPERVISOR_nmi_op                       28
#define __HYPERVISOR_sched_op                     29
#define __HYPERVISOR_callback_op                  30
#define __HYPERVISOR_xenoprof_op                  31
#define __HYPERVISOR_event_channel_op             32
#define __HYPERVISOR_physdev_op                   33
#define __HYPERVISOR_hvm_op                       34
#define __HYPERVISOR_sysctl                       35
#define __HYPERVISOR_domctl                       36
#define __HYPERVISOR_kexec_op                     37
#define __HYPERVISOR_tmem_op                      38
#define __HYPERVISOR_argo_op                      39
#define __HYPERVISOR_xenpmu_op                    40
#define __HYPERVISOR_dm_op                        41
#define __HYPERVISOR_hypfs_op                     42
/* 48..55 are left to each architecture. */
#define __HYPERVISOR_arch_0                       48
#define __HYPERVISOR_arch_1                       49
#define __HYPERVISOR_arch_2                       50
#define __HYPERVISOR_arch_3                       51
#define __HYPERVISOR_arch_4                       52
#define __HYPERVISOR_arch_5                       53
#define __HYPERVISOR_arch_6                       54
#define __HYPERVISOR_arch_7                       55

/*
 * Virtual IRQs: events the hypervisor raises itself, bound with
 * EVTCHNOP_bind_virq.  Per-vCPU ones (TIMER, DEBUG, XENOPROF, XENPMU) are
 * bound on each vCPU; the rest are global and only dom0 normally binds them.
 */
#define VIRQ_TIMER      0
#define VIRQ_DEBUG      1
#define VIRQ_CONSOLE    2
#define VIRQ_DOM_EXC    3   /* a domain shut down or crashed */
#define VIRQ_TBUF       4
/* 5 retired */
#define VIRQ_DEBUGGER   6
#define VIRQ_XENOPROF   7
#define VIRQ_CON_RING   8   /* new bytes in the hypervisor console ring */
#define VIRQ_PCPU_STATE 9
#define VIRQ_MEM_EVENT  10
#define VIRQ_ARGO       11
#define VIRQ_ENOMEM     12
#define VIRQ_XENPMU     13
#define VIRQ_ARCH_0     16
#define VIRQ_ARCH_1     17
#define VIRQ_ARCH_2     18
#define VIRQ_ARCH_3     19
#define VIRQ_ARCH_4     20
#define VIRQ_ARCH_5     21
#define VIRQ_ARCH_6     22
#define VIRQ_ARCH_7     23
#define NR_VIRQS        24

/*
 * mmu_update: the low bits of mmu_update.ptr select the kind of update (ptr
 * is at least 8-byte aligned, so they are free); the rest is the machine
 * address of the PTE, or of the frame for MACHPHYS.
 */
#define MMU_NORMAL_PT_UPDATE       0  /* checked PTE write */
#define MMU_MACHPHYS_UPDATE        1  /* set M2P[ptr >> PAGE_SHIFT] = val */
#define MMU_PT_UPDATE_PRESERVE_AD  2  /* like NORMAL, keep hardware A/D bits */
#define MMU_PT_UPDATE_NO_TRANSLATE 3

/* mmuext_op commands: pinning, base pointers, TLB and cache maintenance. */
#define MMUEXT_PIN_L1_TABLE        0
#define MMUEXT_PIN_L2_TABLE        1
#define MMUEXT_PIN_L3_TABLE        2
#define MMUEXT_PIN_L4_TABLE        3
#define MMUEXT_UNPIN_TABLE         4
#define MMUEXT_NEW_BASEPTR         5  /* kernel CR3 */
#define MMUEXT_TLB_FLUSH_LOCAL     6
#define MMUEXT_INVLPG_LOCAL        7
#define MMUEXT_TLB_FLUSH_MULTI     8
#define MMUEXT_INVLPG_MULTI        9
#define MMUEXT_TLB_FLUSH_ALL      10
#define MMUEXT_INVLPG_ALL         11
#define MMUEXT_FLUSH_CACHE        12
#define MMUEXT_SET_LDT            13
/* 14 retired */
#define MMUEXT_NEW_USER_BASEPTR   15  /* user CR3: 64-bit PV has two */
#define MMUEXT_CLEAR_PAGE         16
#define MMUEXT_COPY_PAGE          17
#define MMUEXT_FLUSH_CACHE_GLOBAL 18
#define MMUEXT_MARK_SUPER         19
#define MMUEXT_UNMARK_SUPER       20

#ifndef __ASSEMBLY__
/* Which arg is meaningful depends on cmd; unused ones are ignored. */
struct mmuext_op {
    unsigned int cmd;                          /* MMUEXT_* */
    union {
        xen_pfn_t     mfn;                     /* pin/unpin, baseptr, page ops */
        unsigned long linear_addr;             /* INVLPG_*, SET_LDT */
    } arg1;
    union {
        unsigned int                nr_ents;   /* SET_LDT */
        XEN_GUEST_HANDLE(const_void) vcpumask; /* *_MULTI: bitmap of vCPUs */
        xen_pfn_t                   src_mfn;   /* COPY_PAGE */
    } arg2;
};
typedef struct mmuext_op mmuext_op_t;
DEFINE_XEN_GUEST_HANDLE(mmuext_op_t);
#endif

/* update_va_mapping flags: the flush type sits in bits 0-1, the scope in
 * bit 2; for a vCPU set the flags word is a pointer to the bitmap instead. */
#define UVMF_NONE           (xen_mk_ulong(0) << 0)
#define UVMF_TLB_FLUSH      (xen_mk_ulong(1) << 0)
#define UVMF_INVLPG         (xen_mk_ulong(2) << 0)
#define UVMF_FLUSHTYPE_MASK (xen_mk_ulong(3) << 0)
#define UVMF_MULTI          (xen_mk_ulong(0) << 2)
#define UVMF_LOCAL          (xen_mk_ulong(0) << 2)
#define UVMF_ALL            (xen_mk_ulong(1) << 2)

/* console_io commands. */
#define CONSOLEIO_write 0
#define CONSOLEIO_read  1

/* vm_assist: optional hypervisor behaviours a guest opts into. */
#define VMASST_CMD_enable                 0
#define VMASST_CMD_disable                1
#define VMASST_TYPE_4gb_segments          0  /* 32-bit only; refused here */
#define VMASST_TYPE_4gb_segments_notify   1
#define VMASST_TYPE_writable_pagetables   2
#define VMASST_TYPE_pae_extended_cr3      3
#define VMASST_TYPE_architectural_iopl    4
#define VMASST_TYPE_runstate_update_flag  5
#define VMASST_TYPE_m2p_strict           32

/*
 * Domain identifiers.  Real domains are numbered below 0x7FF0; the values
 * above are pseudo-domains that only ever appear as hypercall arguments.
 */
#define DOMID_FIRST_RESERVED xen_mk_uint(0x7FF0)
#define DOMID_SELF           xen_mk_uint(0x7FF0) /* "the caller" */
#define DOMID_IO             xen_mk_uint(0x7FF1) /* owner of MMIO frames */
#define DOMID_XEN            xen_mk_uint(0x7FF2) /* hypervisor-owned frames */
#define DOMID_COW            xen_mk_uint(0x7FF3) /* shared copy-on-write */
#define DOMID_INVALID        xen_mk_uint(0x7FF4)
#define DOMID_IDLE           xen_mk_uint(0x7FFF)
#define DOMID_MASK           xen_mk_uint(0x7FFF)

#ifndef __ASSEMBLY__

typedef uint16_t domid_t;

struct mmu_update {
    uint64_t ptr;  /* machine address | MMU_* kind in bits 0-1 */
    uint64_t val;  /* new PTE contents, or PFN for MACHPHYS */
};
typedef struct mmu_update mmu_update_t;
DEFINE_XEN_GUEST_HANDLE(mmu_update_t);

/*
 * One element of a multicall batch.  result is written back in place, so
 * the batch is both input and output.
 */
struct multicall_entry {
    xen_ulong_t op, result;
    xen_ulong_t args[6];
};
typedef struct multicall_entry multicall_entry_t;
DEFINE_XEN_GUEST_HANDLE(multicall_entry_t);

/*
 * Per-vCPU time base.  The guest computes
 *     system_time + ((tsc - tsc_timestamp) << tsc_shift) * mul >> 32
 * (shift right if negative).  version is odd while the hypervisor rewrites
 * the record: read it before and after, and retry on change or odd value.
 */
struct vcpu_time_info {
    uint32_t version;
    uint32_t pad0;
    uint64_t tsc_timestamp;      /* TSC at the last update */
    uint64_t system_time;        /* ns since boot at that TSC */
    uint32_t tsc_to_system_mul;  /* 32.32 fixed point */
    int8_t   tsc_shift;
    uint8_t  flags;              /* XEN_PVCLOCK_* */
    uint8_t  pad1[2];
};
typedef struct vcpu_time_info vcpu_time_info_t;

#define XEN_PVCLOCK_TSC_STABLE_BIT (1 << 0)
#define XEN_PVCLOCK_GUEST_STOPPED  (1 << 1)

/*
 * Per-vCPU event state.  evtchn_upcall_mask is the PV "interrupt flag": the
 * guest sets it instead of executing CLI.  After clearing it the guest must
 * check evtchn_upcall_pending itself, because an upcall that arrived while
 * masked is not replayed.
 */
struct vcpu_info {
    uint8_t                evtchn_upcall_pending;
    uint8_t                evtchn_upcall_mask;
    xen_ulong_t            evtchn_pending_sel;  /* 2-level: word selector */
    struct arch_vcpu_info  arch;
    vcpu_time_info_t       time;
};
typedef struct vcpu_info vcpu_info_t;

/*
 * The page every PV guest maps at boot (start_info.shared_info).  The
 * 2-level event channel bitmaps live here: 64 words of 64 bits, 4096 ports.
 * Wall-clock is wc_sec_hi:wc_sec seconds + wc_nsec at system time zero,
 * under the same odd/even wc_version protocol as vcpu_time_info.
 */
struct shared_info {
    struct vcpu_info vcpu_info[XEN_LEGACY_MAX_VCPUS];
    xen_ulong_t evtchn_pending[sizeof(xen_ulong_t) * 8];
    xen_ulong_t evtchn_mask[sizeof(xen_ulong_t) * 8];
    uint32_t wc_version;
    uint32_t wc_sec;
    uint32_t wc_nsec;
    uint32_t wc_sec_hi;
#define xen_wc_sec_hi wc_sec_hi
    struct arch_shared_info arch;
};
typedef struct shared_info shared_info_t;

/*
 * start_info: handed to a PV kernel in %rsi at entry, mapped just after the
 * initial page tables.  All frame numbers are machine frames unless the
 * SIF_ flags say otherwise.  Fields after cmd_line were added later; the
 * magic string ("xen-<version>-x86_64") lets a guest tell what it has.
 */
#define MAX_GUEST_CMDLINE 1024
struct start_info {
    char          magic[32];
    unsigned long nr_pages;        /* total pages given to the domain */
    unsigned long shared_info;     /* machine address of shared_info */
    uint32_t      flags;           /* SIF_* */
    xen_pfn_t     store_mfn;       /* xenstore ring page */
    uint32_t      store_evtchn;
    union {
        struct {
            xen_pfn_t mfn;         /* console ring page */
            uint32_t  evtchn;
        } domU;
        struct {
            uint32_t info_off;     /* dom0_vga_console_info, from start_info */
            uint32_t info_size;
        } dom0;
    } console;
    unsigned long pt_base;         /* virtual address of the top-level table */
    unsigned long nr_pt_frames;
    unsigned long mfn_list;        /* virtual address of the P2M array */
    unsigned long mod_start;       /* initrd: virtual address, or PFN with */
    unsigned long mod_len;         /*   SIF_MOD_START_PFN                  */
    int8_t        cmd_line[MAX_GUEST_CMDLINE];
    unsigned long first_p2m_pfn;   /* where the P2M sits when not mapped */
    unsigned long nr_p2m_frames;
};
typedef struct start_info start_info_t;

#endif /* !__ASSEMBLY__ */

/* start_info.flags */
#define SIF_PRIVILEGED      (1 << 0)  /* may use privileged operations */
#define SIF_INITDOMAIN      (1 << 1)  /* this is dom0 */
#define SIF_MULTIBOOT_MOD   (1 << 2)  /* mod_start is a multiboot module list */
#define SIF_MOD_START_PFN   (1 << 3)  /* mod_start is a PFN, not a vaddr */
#define SIF_VIRT_P2M_4TOOLS (1 << 4)  /* tools should use the linear P2M */
#define SIF_PM_MASK         (0xFF << 8)

#ifndef __ASSEMBLY__

/* Entry of the module list that SIF_MULTIBOOT_MOD points at. */
struct xen_multiboot_mod_list {
    uint32_t mod_start;  /* PFN-relative physical address of the module */
    uint32_t mod_end;
    uint32_t cmdline;    /* offset of its command line, 0 if none */
    uint32_t pad;
};

/* How dom0 finds the boot console the firmware left it. */
typedef struct dom0_vga_console_info {
    uint8_t video_type;
#define XEN_VGATYPE_TEXT_MODE_3 0x03
#define XEN_VGATYPE_VESA_LFB    0x23
#define XEN_VGATYPE_EFI_LFB     0x70
    union {
        struct {
            uint16_t font_height;
            uint16_t cursor_x, cursor_y;
            uint16_t rows, columns;
        } text_mode_3;
        struct {
            uint16_t width, height;
            uint16_t bytes_per_line;
            uint16_t bits_per_pixel;
            uint32_t lfb_base;          /* low 32 bits, see ext_lfb_base */
            uint32_t lfb_size;          /* in 64 KiB units */
            uint8_t  red_pos, red_size;
            uint8_t  green_pos, green_size;
            uint8_t  blue_pos, blue_size;
            uint8_t  rsvd_pos, rsvd_size;
            uint32_t gbl_caps;
            uint16_t mode_attrs;
            uint16_t pad;
            uint32_t ext_lfb_base;      /* high 32 bits of the framebuffer */
        } vesa_lfb;
    } u;
} dom0_vga_console_info_t;
#define xen_vga_console_info   dom0_vga_console_info
#define xen_vga_console_info_t dom0_vga_console_info_t

typedef uint8_t xen_domain_handle_t[16];

__DEFINE_XEN_GUEST_HANDLE(uint8,  uint8_t);
__DEFINE_XEN_GUEST_HANDLE(uint16, uint16_t);
__DEFINE_XEN_GUEST_HANDLE(uint32, uint32_t);
__DEFINE_XEN_GUEST_HANDLE(uint64, uint64_t);

typedef struct {
    uint8_t a[16];
} xen_uuid_t;

/* Build a xen_uuid_t from the usual 8-4-4-4-12 groups, big-endian. */
#define XEN_DEFINE_UUID_(a, b, c, d, e1, e2, e3, e4, e5, e6)          \
    {{ (uint8_t)((a) >> 24), (uint8_t)((a) >> 16),                    \
       (uint8_t)((a) >> 8),  (uint8_t)(a),                            \
       (uint8_t)((b) >> 8),  (uint8_t)(b),                            \
       (uint8_t)((c) >> 8),  (uint8_t)(c),                            \
       (uint8_t)((d) >> 8),  (uint8_t)(d),                            \
       e1, e2, e3, e4, e5, e6 }}
#define XEN_DEFINE_UUID(a, b, c, d, e1, e2, e3, e4, e5, e6)           \
    ((xen_uuid_t)XEN_DEFINE_UUID_(a, b, c, d, e1, e2, e3, e4, e5, e6))

/*
 * Control-interface (domctl/sysctl/...) spellings.  On x86-64 a 64-bit
 * integer and a handle are already 8-byte aligned, so these are plain
 * aliases; they exist so shared structure definitions read the same as
 * upstream's.
 */
#ifndef int64_aligned_t
# define int64_aligned_t int64_t
#endif
#ifndef uint64_aligned_t
# define uint64_aligned_t uint64_t
#endif
#ifndef XEN_GUEST_HANDLE_64
# define XEN_GUEST_HANDLE_64(name) XEN_GUEST_HANDLE(name)
#endif

/* A CPU or node bitmap passed to the control interfaces. */
struct xenctl_bitmap {
    XEN_GUEST_HANDLE_64(uint8) bitmap;
    uint32_t nr_bits;
};
typedef struct xenctl_bitmap xenctl_bitmap_t;

#endif /* !__ASSEMBLY__ */

#endif /* __XEN_PUBLIC_XEN_H__ */
