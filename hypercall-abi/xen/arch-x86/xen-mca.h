/*
 * Machine-check architecture hypercall (__HYPERVISOR_mca, 48): how dom0
 * learns about the physical CPUs' machine-check state.  Only the parts
 * Tessera implements are here: the CPU description dom0's mcelog driver
 * asks for at start-up, and the telemetry fetch, which reports "no data"
 * (Tessera forwards no machine checks).  Layouts are Xen 4.17's.
 */
#ifndef __XEN_PUBLIC_ARCH_X86_MCA_H__
#define __XEN_PUBLIC_ARCH_X86_MCA_H__

#include "../xen.h"

#define __HYPERVISOR_mca __HYPERVISOR_arch_0

#define XEN_MCA_INTERFACE_VERSION 0x01ecc003

/* Correctable errors are announced with this VIRQ (dom0 only). */
#define VIRQ_MCA VIRQ_ARCH_0

/* xen_mc_fetch.flags */
#define XEN_MC_NONURGENT    0x1
#define XEN_MC_URGENT       0x2
#define XEN_MC_ACK          0x4
#define XEN_MC_OK           0x0
#define XEN_MC_FETCHFAILED  0x1
#define XEN_MC_NODATA       0x2
#define XEN_MC_NOMATCH      0x4

struct mcinfo_msr {
    uint64_t reg;
    uint64_t value;
};
typedef struct mcinfo_msr xen_mcinfo_msr_t;

#define __MC_MSR_ARRAYSIZE 8
#define MC_NCAPS           7   /* words of CPU feature flags */

/* One physical CPU, as the machine-check code sees it. */
struct mcinfo_logical_cpu {
    uint32_t mc_cpunr;
    uint32_t mc_chipid;
    uint16_t mc_coreid;
    uint16_t mc_threadid;
    uint32_t mc_apicid;
    uint32_t mc_clusterid;
    uint32_t mc_ncores;
    uint32_t mc_ncores_active;
    uint32_t mc_nthreads;
    int32_t  mc_cpuid_level;
    uint32_t mc_family;
    uint32_t mc_vendor;
    uint32_t mc_model;
    uint32_t mc_step;
    char     mc_vendorid[16];
    char     mc_brandid[64];
    uint32_t mc_cpu_caps[MC_NCAPS];
    uint32_t mc_cache_size;
    uint32_t mc_cache_alignment;
    int32_t  mc_nmsrvals;
    xen_mcinfo_msr_t mc_msrvalues[__MC_MSR_ARRAYSIZE];
};
typedef struct mcinfo_logical_cpu xen_mc_logical_cpu_t;
DEFINE_XEN_GUEST_HANDLE(xen_mc_logical_cpu_t);

#define XEN_MC_fetch 1
struct xen_mc_fetch {
    uint32_t flags;             /* IN: XEN_MC_(NON)URGENT, ACK; OUT: XEN_MC_OK... */
    uint32_t _pad0;
    uint64_t fetch_id;          /* OUT: id to acknowledge; IN with XEN_MC_ACK */
    XEN_GUEST_HANDLE(void) data; /* OUT: struct mc_info */
};
typedef struct xen_mc_fetch xen_mc_fetch_t;
DEFINE_XEN_GUEST_HANDLE(xen_mc_fetch_t);

/* With ncpus 0: how many CPUs; otherwise that many descriptions. */
#define XEN_MC_physcpuinfo 3
struct xen_mc_physcpuinfo {
    uint32_t ncpus;             /* IN: entries in info; OUT: CPUs present */
    uint32_t _pad0;
    XEN_GUEST_HANDLE(xen_mc_logical_cpu_t) info;
};
typedef struct xen_mc_physcpuinfo xen_mc_physcpuinfo_t;

struct xen_mc {
    uint32_t cmd;
    uint32_t interface_version; /* XEN_MCA_INTERFACE_VERSION */
    union {
        xen_mc_fetch_t       mc_fetch;
        xen_mc_physcpuinfo_t mc_physcpuinfo;
        uint8_t              pad[144];  /* the largest operation's size */
    } u;
};
typedef struct xen_mc xen_mc_t;
DEFINE_XEN_GUEST_HANDLE(xen_mc_t);

#endif /* __XEN_PUBLIC_ARCH_X86_MCA_H__ */
