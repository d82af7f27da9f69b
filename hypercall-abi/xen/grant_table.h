/* SPDX-License-Identifier: MIT */
/*
 * Tessera public ABI: grant tables (grant_table_op, hypercall 20).
 *
 * A domain shares a page by writing an entry into its own grant table -- an
 * array in memory it shares with the hypervisor -- and passing the entry's
 * index (a grant reference) to the peer.  The peer then maps or copies
 * through the hypervisor, which checks the entry and tracks the use in
 * GTF_reading/GTF_writing so the granter can tell when it may revoke.
 *
 * Two entry formats exist; a domain picks one with GNTTABOP_set_version
 * before granting anything (v1 is the default and what Linux uses).
 */
#ifndef __XEN_PUBLIC_GRANT_TABLE_H__
#define __XEN_PUBLIC_GRANT_TABLE_H__

#include "xen.h"

typedef uint32_t grant_ref_t;

/*
 * Version 1 entry, 8 bytes.  The granter fills frame and domid first and
 * writes flags last (with a barrier in between): flags is what makes the
 * entry live.
 */
struct grant_entry_v1 {
    uint16_t flags;   /* GTF_* */
    domid_t  domid;   /* who may use it */
    uint32_t frame;   /* frame being granted, or receiving a transfer */
};
typedef struct grant_entry_v1 grant_entry_v1_t;

/* The first entries are set aside for the toolstack to pre-populate. */
#define GNTTAB_NR_RESERVED_ENTRIES 8
#define GNTTAB_RESERVED_CONSOLE    0
#define GNTTAB_RESERVED_XENSTORE   1

/* Entry type, bits 0-1 of flags. */
#define GTF_invalid          (0U << 0)
#define GTF_permit_access    (1U << 0)
#define GTF_accept_transfer  (2U << 0)
#define GTF_transitive       (3U << 0)   /* v2 only */
#define GTF_type_mask        (3U << 0)

/* Modifiers for GTF_permit_access.  reading/writing are set by the
 * hypervisor while the grant is in use; the granter only reads them. */
#define _GTF_readonly        (2)
#define GTF_readonly         (1U << _GTF_readonly)
#define _GTF_reading         (3)
#define GTF_reading          (1U << _GTF_reading)
#define _GTF_writing         (4)
#define GTF_writing          (1U << _GTF_writing)
#define _GTF_PWT             (5)          /* cache attributes for the mapping */
#define GTF_PWT              (1U << _GTF_PWT)
#define _GTF_PCD             (6)
#define GTF_PCD              (1U << _GTF_PCD)
#define _GTF_PAT             (7)
#define GTF_PAT              (1U << _GTF_PAT)
#define _GTF_sub_page        (8)          /* v2 only */
#define GTF_sub_page         (1U << _GTF_sub_page)

/* Progress bits for GTF_accept_transfer (they reuse bits 2 and 3). */
#define _GTF_transfer_committed (2)
#define GTF_transfer_committed  (1U << _GTF_transfer_committed)
#define _GTF_transfer_completed (3)
#define GTF_transfer_completed  (1U << _GTF_transfer_completed)

/*
 * Version 2: 16-byte entries, a separate status array (grant_status_t per
 * entry) for the in-use bits, and 64-bit frame numbers.
 */
struct grant_entry_header {
    uint16_t flags;
    domid_t  domid;
};
typedef struct grant_entry_header grant_entry_header_t;

union grant_entry_v2 {
    grant_entry_header_t hdr;
    struct {                       /* GTF_permit_access / accept_transfer */
        grant_entry_header_t hdr;
        uint32_t pad0;
        uint64_t frame;
    } full_page;
    struct {                       /* GTF_permit_access | GTF_sub_page */
        grant_entry_header_t hdr;
        uint16_t page_off;
        uint16_t length;
        uint64_t frame;
    } sub_page;
    struct {                       /* GTF_transitive: re-grant a grant */
        grant_entry_header_t hdr;
        domid_t     trans_domid;
        uint16_t    pad0;
        grant_ref_t gref;
    } transitive;
    uint32_t __spacer[4];          /* pins the size at 16 bytes */
};
typedef union grant_entry_v2 grant_entry_v2_t;

typedef uint16_t grant_status_t;

#define GNTTABOP_map_grant_ref        0
#define GNTTABOP_unmap_grant_ref      1
#define GNTTABOP_setup_table          2
#define GNTTABOP_dump_table           3
#define GNTTABOP_transfer             4
#define GNTTABOP_copy                 5
#define GNTTABOP_query_size           6
#define GNTTABOP_unmap_and_replace    7
#define GNTTABOP_set_version          8
#define GNTTABOP_get_status_frames    9
#define GNTTABOP_get_version         10
#define GNTTABOP_swap_grant_ref      11
#define GNTTABOP_cache_flush         12

typedef uint32_t grant_handle_t;

/*
 * Map a foreign grant.  host_addr is a virtual address, or with
 * GNTMAP_contains_pte the machine address of the PTE to fill.  The returned
 * handle is what unmap wants back.
 */
struct gnttab_map_grant_ref {
    uint64_t       host_addr;     /* IN */
    uint32_t       flags;         /* IN: GNTMAP_* */
    grant_ref_t    ref;           /* IN */
    domid_t        dom;           /* IN: granting domain */
    int16_t        status;        /* OUT: GNTST_* */
    grant_handle_t handle;        /* OUT */
    uint64_t       dev_bus_addr;  /* OUT: for GNTMAP_device_map */
};
typedef struct gnttab_map_grant_ref gnttab_map_grant_ref_t;
DEFINE_XEN_GUEST_HANDLE(gnttab_map_grant_ref_t);

struct gnttab_unmap_grant_ref {
    uint64_t       host_addr;
    uint64_t       dev_bus_addr;
    grant_handle_t handle;
    int16_t        status;        /* OUT */
};
typedef struct gnttab_unmap_grant_ref gnttab_unmap_grant_ref_t;
DEFINE_XEN_GUEST_HANDLE(gnttab_unmap_grant_ref_t);

/* Size a domain's grant table and learn the frames that back it (a PV
 * guest then maps those frames to write its entries). */
struct gnttab_setup_table {
    domid_t                   dom;        /* IN */
    uint32_t                  nr_frames;  /* IN */
    int16_t                   status;     /* OUT */
    XEN_GUEST_HANDLE(xen_pfn_t) frame_list; /* OUT */
};
typedef struct gnttab_setup_table gnttab_setup_table_t;
DEFINE_XEN_GUEST_HANDLE(gnttab_setup_table_t);

/* Print the table on the hypervisor console (debugging). */
struct gnttab_dump_table {
    domid_t dom;
    int16_t status;
};
typedef struct gnttab_dump_table gnttab_dump_table_t;
DEFINE_XEN_GUEST_HANDLE(gnttab_dump_table_t);

/* Give a page away to a domain that offered GTF_accept_transfer. */
struct gnttab_transfer {
    xen_pfn_t   mfn;
    domid_t     domid;
    grant_ref_t ref;
    int16_t     status;
};
typedef struct gnttab_transfer gnttab_transfer_t;
DEFINE_XEN_GUEST_HANDLE(gnttab_transfer_t);

/*
 * Copy bytes between two frames, either of which may be named by grant.
 * The copy may not cross a page boundary on either side.
 */
#define _GNTCOPY_source_gref (0)
#define GNTCOPY_source_gref  (1 << _GNTCOPY_source_gref)
#define _GNTCOPY_dest_gref   (1)
#define GNTCOPY_dest_gref    (1 << _GNTCOPY_dest_gref)
struct gnttab_copy {
    struct gnttab_copy_ptr {
        union {
            grant_ref_t ref;      /* with GNTCOPY_*_gref */
            xen_pfn_t   gmfn;     /* otherwise: the caller's own frame */
        } u;
        domid_t  domid;
        uint16_t offset;
    } source, dest;
    uint16_t len;
    uint16_t flags;               /* GNTCOPY_* */
    int16_t  status;              /* OUT */
};
typedef struct gnttab_copy gnttab_copy_t;
DEFINE_XEN_GUEST_HANDLE(gnttab_copy_t);

struct gnttab_query_size {
    domid_t  dom;                 /* IN */
    uint32_t nr_frames;           /* OUT */
    uint32_t max_nr_frames;       /* OUT */
    int16_t  status;              /* OUT */
};
typedef struct gnttab_query_size gnttab_query_size_t;
DEFINE_XEN_GUEST_HANDLE(gnttab_query_size_t);

/* Unmap host_addr and move the mapping found at new_addr into its place. */
struct gnttab_unmap_and_replace {
    uint64_t       host_addr;
    uint64_t       new_addr;
    grant_handle_t handle;
    int16_t        status;
};
typedef struct gnttab_unmap_and_replace gnttab_unmap_and_replace_t;
DEFINE_XEN_GUEST_HANDLE(gnttab_unmap_and_replace_t);

struct gnttab_set_version {
    uint32_t version;             /* IN: 1 or 2; OUT: version in force */
};
typedef struct gnttab_set_version gnttab_set_version_t;
DEFINE_XEN_GUEST_HANDLE(gnttab_set_version_t);

/* v2: where the status array lives. */
struct gnttab_get_status_frames {
    uint32_t nr_frames;
    domid_t  dom;
    int16_t  status;
    XEN_GUEST_HANDLE(uint64_t) frame_list;
};
typedef struct gnttab_get_status_frames gnttab_get_status_frames_t;
DEFINE_XEN_GUEST_HANDLE(gnttab_get_status_frames_t);

struct gnttab_get_version {
    domid_t  dom;
    uint16_t pad;
    uint32_t version;             /* OUT */
};
typedef struct gnttab_get_version gnttab_get_version_t;
DEFINE_XEN_GUEST_HANDLE(gnttab_get_version_t);

/* Atomically exchange two of the caller's own entries. */
struct gnttab_swap_grant_ref {
    grant_ref_t ref_a;
    grant_ref_t ref_b;
    int16_t     status;
};
typedef struct gnttab_swap_grant_ref gnttab_swap_grant_ref_t;
DEFINE_XEN_GUEST_HANDLE(gnttab_swap_grant_ref_t);

/* Cache maintenance on granted memory (needed on non-coherent ARM; x86
 * accepts and ignores it). */
struct gnttab_cache_flush {
    union {
        uint64_t    dev_bus_addr;
        grant_ref_t ref;
    } a;
    uint16_t offset;
    uint16_t length;
#define GNTTAB_CACHE_CLEAN       (1u << 0)
#define GNTTAB_CACHE_INVAL       (1u << 1)
#define GNTTAB_CACHE_SOURCE_GREF (1u << 31)
    uint32_t op;
};
typedef struct gnttab_cache_flush gnttab_cache_flush_t;
DEFINE_XEN_GUEST_HANDLE(gnttab_cache_flush_t);

/* Flags for gnttab_map_grant_ref.flags. */
#define _GNTMAP_device_map      (0)  /* give the device (IOMMU) access */
#define GNTMAP_device_map       (1 << _GNTMAP_device_map)
#define _GNTMAP_host_map        (1)  /* map into the CPU's address space */
#define GNTMAP_host_map         (1 << _GNTMAP_host_map)
#define _GNTMAP_readonly        (2)
#define GNTMAP_readonly         (1 << _GNTMAP_readonly)
#define _GNTMAP_application_map (3)  /* user-accessible mapping */
#define GNTMAP_application_map  (1 << _GNTMAP_application_map)
#define _GNTMAP_contains_pte    (4)  /* host_addr is a PTE address */
#define GNTMAP_contains_pte     (1 << _GNTMAP_contains_pte)
/* Bits from here up are copied into the PTE's available bits
 * (see XENFEAT_gnttab_map_avail_bits). */
#define _GNTMAP_guest_avail0    (16)
#define GNTMAP_guest_avail_mask ((uint32_t)~0 << _GNTMAP_guest_avail0)

/* Per-operation status codes (the status fields above). */
#define GNTST_okay              (0)
#define GNTST_general_error     (-1)
#define GNTST_bad_domain        (-2)
#define GNTST_bad_gntref        (-3)
#define GNTST_bad_handle        (-4)
#define GNTST_bad_virt_addr     (-5)
#define GNTST_bad_dev_addr      (-6)
#define GNTST_no_device_space   (-7)
#define GNTST_permission_denied (-8)
#define GNTST_bad_page          (-9)
#define GNTST_bad_copy_arg      (-10)
#define GNTST_address_too_big   (-11)
#define GNTST_eagain            (-12)
#define GNTST_no_space          (-13)

/* Messages indexed by -status, for diagnostics. */
#define GNTTABOP_error_msgs {                     \
    "success",                                    \
    "unspecified failure",                        \
    "no such domain",                             \
    "grant reference out of range or not live",   \
    "unknown grant handle",                       \
    "bad virtual address",                        \
    "bad device address",                         \
    "IOMMU has no room for the mapping",          \
    "grant does not allow this access",           \
    "frame cannot be used",                       \
    "copy crosses a page boundary",               \
    "frame number too large",                     \
    "temporarily unavailable, retry",             \
    "no space left",                              \
}

#endif /* __XEN_PUBLIC_GRANT_TABLE_H__ */
