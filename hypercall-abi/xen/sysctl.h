/* SPDX-License-Identifier: MIT */
/*
 * Tessera public ABI: sysctl (hypercall 35), the toolstack's host-wide
 * control interface.  Versioned like domctl (see domctl.h); we implement
 * Xen 4.17's version and only the operations Tessera supports have their
 * structures here.  The union keeps Xen's 128-byte pad.
 */
#ifndef __XEN_PUBLIC_SYSCTL_H__
#define __XEN_PUBLIC_SYSCTL_H__

#include "xen.h"
#include "domctl.h"

#define XEN_SYSCTL_INTERFACE_VERSION 0x00000015

/* XEN_SYSCTL_readconsole: read (and optionally clear) the hypervisor's
 * console ring.  With incremental set, index is a cursor to resume from. */
struct xen_sysctl_readconsole {
    uint8_t  clear;
    uint8_t  incremental;
    uint8_t  pad0, pad1;
    uint32_t index;                   /* IN/OUT */
    XEN_GUEST_HANDLE_64(char) buffer;
    uint32_t count;                   /* IN: buffer size; OUT: bytes */
};

/* XEN_SYSCTL_physinfo */
#define _XEN_SYSCTL_PHYSCAP_hvm                0
#define XEN_SYSCTL_PHYSCAP_hvm                 (1u << _XEN_SYSCTL_PHYSCAP_hvm)
#define _XEN_SYSCTL_PHYSCAP_pv                 1
#define XEN_SYSCTL_PHYSCAP_pv                  (1u << _XEN_SYSCTL_PHYSCAP_pv)
#define _XEN_SYSCTL_PHYSCAP_directio           2
#define XEN_SYSCTL_PHYSCAP_directio            (1u << _XEN_SYSCTL_PHYSCAP_directio)
#define _XEN_SYSCTL_PHYSCAP_hap                3
#define XEN_SYSCTL_PHYSCAP_hap                 (1u << _XEN_SYSCTL_PHYSCAP_hap)
#define _XEN_SYSCTL_PHYSCAP_shadow             4
#define XEN_SYSCTL_PHYSCAP_shadow              (1u << _XEN_SYSCTL_PHYSCAP_shadow)
#define _XEN_SYSCTL_PHYSCAP_iommu_hap_pt_share 5
#define XEN_SYSCTL_PHYSCAP_iommu_hap_pt_share  \
    (1u << _XEN_SYSCTL_PHYSCAP_iommu_hap_pt_share)
#define XEN_SYSCTL_PHYSCAP_vmtrace             (1u << 6)
#define XEN_SYSCTL_PHYSCAP_vpmu                (1u << 7)
#define XEN_SYSCTL_PHYSCAP_gnttab_v1           (1u << 8)
#define XEN_SYSCTL_PHYSCAP_gnttab_v2           (1u << 9)
#define XEN_SYSCTL_PHYSCAP_MAX                 XEN_SYSCTL_PHYSCAP_gnttab_v2

struct xen_sysctl_physinfo {
    uint32_t threads_per_core;
    uint32_t cores_per_socket;
    uint32_t nr_cpus;                 /* online pCPUs */
    uint32_t max_cpu_id;
    uint32_t nr_nodes;
    uint32_t max_node_id;
    uint32_t cpu_khz;
    uint32_t capabilities;            /* XEN_SYSCTL_PHYSCAP_* */
    uint32_t arch_capabilities;
    uint32_t pad;
    uint64_aligned_t total_pages;
    uint64_aligned_t free_pages;
    uint64_aligned_t scrub_pages;
    uint64_aligned_t outstanding_pages;
    uint64_aligned_t max_mfn;
    uint32_t hw_cap[8];               /* raw CPUID feature words */
};

/* XEN_SYSCTL_sched_id: the default scheduler's XEN_SCHEDULER_* id. */
struct xen_sysctl_sched_id {
    uint32_t sched_id;
};

/* XEN_SYSCTL_getdomaininfolist: domains with id >= first_domain. */
struct xen_sysctl_getdomaininfolist {
    domid_t  first_domain;
    uint32_t max_domains;
    XEN_GUEST_HANDLE_64(xen_domctl_getdomaininfo_t) buffer;
    uint32_t num_domains;             /* OUT */
};

struct xen_sysctl {
    uint32_t cmd;
#define XEN_SYSCTL_readconsole               1
#define XEN_SYSCTL_tbuf_op                   2
#define XEN_SYSCTL_physinfo                  3
#define XEN_SYSCTL_sched_id                  4
#define XEN_SYSCTL_perfc_op                  5
#define XEN_SYSCTL_getdomaininfolist         6
#define XEN_SYSCTL_debug_keys                7
#define XEN_SYSCTL_getcpuinfo                8
#define XEN_SYSCTL_availheap                 9
#define XEN_SYSCTL_get_pmstat               10
#define XEN_SYSCTL_cpu_hotplug              11
#define XEN_SYSCTL_pm_op                    12
#define XEN_SYSCTL_page_offline_op          14
#define XEN_SYSCTL_lockprof_op              15
#define XEN_SYSCTL_cputopoinfo              16
#define XEN_SYSCTL_numainfo                 17
#define XEN_SYSCTL_cpupool_op               18
#define XEN_SYSCTL_scheduler_op             19
#define XEN_SYSCTL_coverage_op              20
#define XEN_SYSCTL_psr_cmt_op               21
#define XEN_SYSCTL_pcitopoinfo              22
#define XEN_SYSCTL_psr_alloc                23
#define XEN_SYSCTL_get_cpu_levelling_caps   25
#define XEN_SYSCTL_get_cpu_featureset       26
#define XEN_SYSCTL_livepatch_op             27
#define XEN_SYSCTL_get_cpu_policy           29
    uint32_t interface_version;       /* XEN_SYSCTL_INTERFACE_VERSION */
    union {
        struct xen_sysctl_readconsole       readconsole;
        struct xen_sysctl_physinfo          physinfo;
        struct xen_sysctl_sched_id          sched_id;
        struct xen_sysctl_getdomaininfolist getdomaininfolist;
        uint8_t                             pad[128];
    } u;
};
typedef struct xen_sysctl xen_sysctl_t;
DEFINE_XEN_GUEST_HANDLE(xen_sysctl_t);

#endif /* __XEN_PUBLIC_SYSCTL_H__ */
