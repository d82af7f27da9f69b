/* SPDX-License-Identifier: MIT */
/*
 * Tessera public ABI: ELF note types a PV kernel uses to describe itself to
 * the domain builder.  Notes live in a PT_NOTE segment with owner "Xen";
 * the numbers below are the note types.
 */
#ifndef __XEN_PUBLIC_ELFNOTE_H__
#define __XEN_PUBLIC_ELFNOTE_H__

#define XEN_ELFNOTE_INFO              0  /* no payload; reserved */
#define XEN_ELFNOTE_ENTRY             1  /* virtual entry point */
#define XEN_ELFNOTE_HYPERCALL_PAGE    2  /* virtual address to fill */
#define XEN_ELFNOTE_VIRT_BASE         3  /* virtual address of load base */
#define XEN_ELFNOTE_PADDR_OFFSET      4  /* legacy physical load offset */
#define XEN_ELFNOTE_XEN_VERSION       5  /* string, e.g. "xen-3.0" */
#define XEN_ELFNOTE_GUEST_OS          6  /* string, e.g. "linux" */
#define XEN_ELFNOTE_GUEST_VERSION     7  /* string */
#define XEN_ELFNOTE_LOADER            8  /* string, "generic" */
#define XEN_ELFNOTE_PAE_MODE          9  /* string; irrelevant on 64-bit */
#define XEN_ELFNOTE_FEATURES         10  /* string: '|'-separated XENFEAT names */
#define XEN_ELFNOTE_BSD_SYMTAB       11  /* string "yes": load symbols too */
#define XEN_ELFNOTE_HV_START_LOW     12  /* 32-bit guests only */
#define XEN_ELFNOTE_L1_MFN_VALID     13  /* mask/value pair for valid PTEs */
#define XEN_ELFNOTE_SUSPEND_CANCEL   14  /* guest copes with a cancelled suspend */
#define XEN_ELFNOTE_INIT_P2M         15  /* where to put the initial P2M */
#define XEN_ELFNOTE_MOD_START_PFN    16  /* guest understands SIF_MOD_START_PFN */
#define XEN_ELFNOTE_SUPPORTED_FEATURES 17 /* 32-bit bitmap of XENFEAT_* */
#define XEN_ELFNOTE_PHYS32_ENTRY     18  /* PVH entry; unused by Tessera */

#define XEN_ELFNOTE_MAX XEN_ELFNOTE_PHYS32_ENTRY

/* Notes found in crash dumps and core files rather than kernels. */
#define XEN_ELFNOTE_CRASH_INFO 0x1000001
#define XEN_ELFNOTE_CRASH_REGS 0x1000002

#define XEN_ELFNOTE_DUMPCORE_NONE           0x2000000
#define XEN_ELFNOTE_DUMPCORE_HEADER         0x2000001
#define XEN_ELFNOTE_DUMPCORE_XEN_VERSION    0x2000002
#define XEN_ELFNOTE_DUMPCORE_FORMAT_VERSION 0x2000003

#endif /* __XEN_PUBLIC_ELFNOTE_H__ */
