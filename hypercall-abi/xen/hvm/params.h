/* SPDX-License-Identifier: MIT */
/*
 * Tessera public ABI: the parameter numbers of hvm_op get/set_param that
 * Tessera answers (see hvm_op.h).
 */
#ifndef __XEN_PUBLIC_HVM_PARAMS_H__
#define __XEN_PUBLIC_HVM_PARAMS_H__

/* The store ring: its frame (an MFN for a PV domain) and its event channel. */
#define HVM_PARAM_STORE_PFN       1
#define HVM_PARAM_STORE_EVTCHN    2

/* The console ring, likewise. */
#define HVM_PARAM_CONSOLE_PFN     17
#define HVM_PARAM_CONSOLE_EVTCHN  18

#endif /* __XEN_PUBLIC_HVM_PARAMS_H__ */
