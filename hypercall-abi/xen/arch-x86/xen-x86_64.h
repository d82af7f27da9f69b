/* SPDX-License-Identifier: MIT */
/*
 * Tessera public ABI: the 64-bit x86 PV guest's view of the machine.
 *
 * Everything here is fixed by what unmodified Linux PV guests were built
 * against (Xen 4.17, x86-64).  Values are ABI facts; tests/abi/check-layout
 * proves they agree with Xen's own headers.  Normally reached through
 * <xen/xen.h>, but safe to include on its own.
 */
/* The root header first: it supplies stdint types and the guest-handle
 * macros, and pulls this file back in at the right moment. */
#include "../xen.h"

#ifndef __XEN_PUBLIC_ARCH_X86_XEN_X86_64_H__
#define __XEN_PUBLIC_ARCH_X86_XEN_X86_64_H__

/*
 * Flat segments installed in every PV guest's GDT.  The guest kernel runs in
 * ring 3 too (long-mode PV), so "kernel" and "user" selectors are the same
 * numbers; the aliases exist because guest code spells them both ways.
 */
#define FLAT_RING3_CS32 0xe023  /* compat-mode code, GDT entry 0x1c04 */
#define FLAT_RING3_CS64 0xe033  /* 64-bit code */
#define FLAT_RING3_DS32 0xe02b
#define FLAT_RING3_DS64 0x0000  /* a null data selector is fine in long mode */
#define FLAT_RING3_SS32 0xe02b
#define FLAT_RING3_SS64 0xe02b

#define FLAT_KERNEL_DS64 FLAT_RING3_DS64
#define FLAT_KERNEL_DS32 FLAT_RING3_DS32
#define FLAT_KERNEL_DS   FLAT_KERNEL_DS64
#define FLAT_KERNEL_CS64 FLAT_RING3_CS64
#define FLAT_KERNEL_CS32 FLAT_RING3_CS32
#define FLAT_KERNEL_CS   FLAT_KERNEL_CS64
#define FLAT_KERNEL_SS64 FLAT_RING3_SS64
#define FLAT_KERNEL_SS32 FLAT_RING3_SS32
#define FLAT_KERNEL_SS   FLAT_KERNEL_SS64

#define FLAT_USER_DS64 FLAT_RING3_DS64
#define FLAT_USER_DS32 FLAT_RING3_DS32
#define FLAT_USER_DS   FLAT_USER_DS64
#define FLAT_USER_CS64 FLAT_RING3_CS64
#define FLAT_USER_CS32 FLAT_RING3_CS32
#define FLAT_USER_CS   FLAT_USER_CS64
#define FLAT_USER_SS64 FLAT_RING3_SS64
#define FLAT_USER_SS32 FLAT_RING3_SS32
#define FLAT_USER_SS   FLAT_USER_SS64

/*
 * The hypervisor owns the first 16 slots of the upper canonical half (PML4
 * slots 256..271).  Guests must never map there, and Linux hard-codes the
 * start of the hole, so these numbers can never move.  The machine-to-phys
 * table is mapped read-only at the very start of that hole.
 */
#define __HYPERVISOR_VIRT_START 0xFFFF800000000000
#define __HYPERVISOR_VIRT_END   0xFFFF880000000000
#define __MACH2PHYS_VIRT_START  0xFFFF800000000000
#define __MACH2PHYS_VIRT_END    0xFFFF804000000000

#ifndef HYPERVISOR_VIRT_START
# define HYPERVISOR_VIRT_START xen_mk_ulong(__HYPERVISOR_VIRT_START)
# define HYPERVISOR_VIRT_END   xen_mk_ulong(__HYPERVISOR_VIRT_END)
#endif
#define MACH2PHYS_VIRT_START xen_mk_ulong(__MACH2PHYS_VIRT_START)
#define MACH2PHYS_VIRT_END   xen_mk_ulong(__MACH2PHYS_VIRT_END)
/* One 8-byte PFN per machine frame. */
#define MACH2PHYS_NR_ENTRIES ((MACH2PHYS_VIRT_END - MACH2PHYS_VIRT_START) >> 3)
#ifndef machine_to_phys_mapping
# define machine_to_phys_mapping ((unsigned long *)HYPERVISOR_VIRT_START)
#endif

/* Which base set_segment_base (hypercall 25) writes. */
#define SEGBASE_FS          0
#define SEGBASE_GS_USER     1
#define SEGBASE_GS_KERNEL   2
#define SEGBASE_GS_USER_SEL 3  /* load the user %gs selector, keep kernel base */

/*
 * Set in iret_context.flags when the frame came from a SYSCALL entry: the
 * return may then use SYSRET and need not restore rcx/r11.
 */
#define _VGCF_in_syscall 8
#define VGCF_in_syscall  (1 << _VGCF_in_syscall)
#define VGCF_IN_SYSCALL  VGCF_in_syscall

#ifndef __ASSEMBLY__

/*
 * Frame the guest leaves on its stack before HYPERVISOR_iret.  rax, r11 and
 * rcx come first because the hypercall itself clobbers them.
 */
struct iret_context {
    uint64_t rax, r11, rcx, flags, rip, cs, rflags, rsp, ss;
};

/*
 * Register file as saved on guest entry.  Each slot is a union so that C
 * code may name any architectural width of the same register; the layout is
 * what the guest sees through VCPUOP_initialise and the domctl vcpu context.
 */
#define _TESSERA_REG_ABCD(r8) union {                                 \
    uint64_t r##r8##x; uint32_t e##r8##x; uint16_t r8##x;             \
    struct { uint8_t r8##l; uint8_t r8##h; };                         \
}
#define _TESSERA_REG_IDX(n) union {                                   \
    uint64_t r##n; uint32_t e##n; uint16_t n; uint8_t n##l;           \
}
#define _TESSERA_REG_NOBYTE(n) union {                                \
    uint64_t r##n; uint32_t e##n; uint16_t n;                         \
}
#define _TESSERA_REG_NUM(k) union {                                   \
    uint64_t r##k; uint32_t r##k##d; uint16_t r##k##w; uint8_t r##k##b; \
}

struct cpu_user_regs {
    _TESSERA_REG_NUM(15);
    _TESSERA_REG_NUM(14);
    _TESSERA_REG_NUM(13);
    _TESSERA_REG_NUM(12);
    _TESSERA_REG_IDX(bp);
    _TESSERA_REG_ABCD(b);
    _TESSERA_REG_NUM(11);
    _TESSERA_REG_NUM(10);
    _TESSERA_REG_NUM(9);
    _TESSERA_REG_NUM(8);
    _TESSERA_REG_ABCD(a);
    _TESSERA_REG_ABCD(c);
    _TESSERA_REG_ABCD(d);
    _TESSERA_REG_IDX(si);
    _TESSERA_REG_IDX(di);
    uint32_t error_code;
    uint32_t entry_vector;      /* hypervisor-private */
    _TESSERA_REG_NOBYTE(ip);
    uint16_t cs, _pad0[1];
    uint8_t  saved_upcall_mask; /* evtchn_upcall_mask at the time of entry */
    uint8_t  _pad1[3];
    _TESSERA_REG_NOBYTE(flags);
    _TESSERA_REG_IDX(sp);
    uint16_t ss, _pad2[3];
    /* Data segment slots are only meaningful for the domctl/initial context. */
    uint16_t es, _pad3[3];
    uint16_t ds, _pad4[3];
    uint16_t fs, _pad5[3];
    uint16_t gs, _pad6[3];
};
typedef struct cpu_user_regs cpu_user_regs_t;
DEFINE_XEN_GUEST_HANDLE(cpu_user_regs_t);

#undef _TESSERA_REG_ABCD
#undef _TESSERA_REG_IDX
#undef _TESSERA_REG_NOBYTE
#undef _TESSERA_REG_NUM

/* Guests pass page-table roots around as frame numbers, not CR3 images. */
#define xen_pfn_to_cr3(pfn) ((unsigned long)(pfn) << 12)
#define xen_cr3_to_pfn(cr3) ((unsigned long)(cr3) >> 12)

struct arch_vcpu_info {
    unsigned long cr2;  /* written before a #PF is bounced to the guest */
    unsigned long pad;
};
typedef struct arch_vcpu_info arch_vcpu_info_t;

/* A PV callback entry point is just a linear address in 64-bit mode. */
typedef unsigned long xen_callback_t;

#endif /* !__ASSEMBLY__ */

#endif /* __XEN_PUBLIC_ARCH_X86_XEN_X86_64_H__ */
