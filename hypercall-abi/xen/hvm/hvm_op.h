/* SPDX-License-Identifier: MIT */
/*
 * Tessera public ABI: hvm_op (hypercall 34), the subset a PV-only
 * hypervisor answers: reading a domain's parameters.
 *
 * On Xen 4.17 x86 a PV domain has no parameters (-EINVAL).  Tessera keeps
 * the two a store daemon needs for the domains its builder made at boot,
 * STORE_PFN (for a PV domain: the page's MFN) and STORE_EVTCHN, so that a
 * tool in dom0 can introduce them, as Xen's dom0less domains on Arm are
 * introduced from their parameters (docs/abi.md).
 */
#ifndef __XEN_PUBLIC_HVM_HVM_OP_H__
#define __XEN_PUBLIC_HVM_HVM_OP_H__

#include "../xen.h"

#define HVMOP_set_param           0
#define HVMOP_get_param           1
struct xen_hvm_param {
    domid_t  domid;    /* IN: the domain, or DOMID_SELF */
    uint16_t pad;
    uint32_t index;    /* IN: HVM_PARAM_* */
    uint64_t value;    /* IN (set) or OUT (get) */
};
typedef struct xen_hvm_param xen_hvm_param_t;
DEFINE_XEN_GUEST_HANDLE(xen_hvm_param_t);

#endif /* __XEN_PUBLIC_HVM_HVM_OP_H__ */
