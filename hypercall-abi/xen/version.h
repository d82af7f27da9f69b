/* SPDX-License-Identifier: MIT */
/*
 * Tessera public ABI: xen_version hypercall.  Tessera reports the Xen
 * version whose ABI it implements, because guests gate behaviour on it.
 */
#ifndef __XEN_PUBLIC_VERSION_H__
#define __XEN_PUBLIC_VERSION_H__

#include "xen.h"

/* Returns (major << 16) | minor; arg is ignored. */
#define XENVER_version      0

#define XENVER_extraversion 1
typedef char xen_extraversion_t[16];
#define XEN_EXTRAVERSION_LEN (sizeof(xen_extraversion_t))

#define XENVER_compile_info 2
struct xen_compile_info {
    char compiler[64];
    char compile_by[16];
    char compile_domain[32];
    char compile_date[32];
};
typedef struct xen_compile_info xen_compile_info_t;

#define XENVER_capabilities 3
typedef char xen_capabilities_info_t[1024];
#define XEN_CAPABILITIES_INFO_LEN (sizeof(xen_capabilities_info_t))

#define XENVER_changeset 4
typedef char xen_changeset_info_t[64];
#define XEN_CHANGESET_INFO_LEN (sizeof(xen_changeset_info_t))

/* Lowest address the hypervisor reserves; guests avoid mapping above it. */
#define XENVER_platform_parameters 5
struct xen_platform_parameters {
    xen_ulong_t virt_start;
};
typedef struct xen_platform_parameters xen_platform_parameters_t;

/* The guest fills submap_idx; the hypervisor returns that XENFEAT_ word. */
#define XENVER_get_features 6
struct xen_feature_info {
    unsigned int submap_idx;
    uint32_t     submap;
};
typedef struct xen_feature_info xen_feature_info_t;

#include "features.h"

/* Returns the page size in bytes. */
#define XENVER_pagesize     7

/* Returns the caller's xen_domain_handle_t into the buffer. */
#define XENVER_guest_handle 8

#define XENVER_commandline  9
typedef char xen_commandline_t[1024];

/* With a NULL buffer, returns the length needed. */
#define XENVER_build_id     10
struct xen_build_id {
    uint32_t      len;                    /* IN: buffer size, OUT: used */
    unsigned char buf[XEN_FLEX_ARRAY_DIM];
};
typedef struct xen_build_id xen_build_id_t;

#endif /* __XEN_PUBLIC_VERSION_H__ */
