/* SPDX-License-Identifier: MIT */
/*
 * Tessera public ABI: callback_op, the modern way for a PV kernel to tell
 * the hypervisor where its event, failsafe and syscall entry points are.
 */
#ifndef __XEN_PUBLIC_CALLBACK_H__
#define __XEN_PUBLIC_CALLBACK_H__

#include "xen.h"

#define CALLBACKTYPE_event                0  /* event channel upcall */
#define CALLBACKTYPE_failsafe             1  /* bad segment on return */
#define CALLBACKTYPE_syscall              2  /* 64-bit SYSCALL from user */
#define CALLBACKTYPE_sysenter_deprecated  3
#define CALLBACKTYPE_nmi                  4
#define CALLBACKTYPE_sysenter             5
/* 6 retired */
#define CALLBACKTYPE_syscall32            7

/* Deliver with events masked, as an interrupt gate would. */
#define _CALLBACKF_mask_events 0
#define CALLBACKF_mask_events  (1U << _CALLBACKF_mask_events)

#define CALLBACKOP_register 0
struct callback_register {
    uint16_t       type;    /* CALLBACKTYPE_* */
    uint16_t       flags;   /* CALLBACKF_* */
    xen_callback_t address;
};
typedef struct callback_register callback_register_t;
DEFINE_XEN_GUEST_HANDLE(callback_register_t);

/* Only the NMI callback may be unregistered. */
#define CALLBACKOP_unregister 1
struct callback_unregister {
    uint16_t type;
    uint16_t _unused;
};
typedef struct callback_unregister callback_unregister_t;
DEFINE_XEN_GUEST_HANDLE(callback_unregister_t);

#endif /* __XEN_PUBLIC_CALLBACK_H__ */
