/* SPDX-License-Identifier: MIT */
/*
 * Tessera public ABI: nmi_op.  Why an NMI reached dom0 is published in
 * arch_shared_info.nmi_reason as the bits below.
 */
#ifndef __XEN_PUBLIC_NMI_H__
#define __XEN_PUBLIC_NMI_H__

#include "xen.h"

#define _XEN_NMIREASON_io_error 0
#define XEN_NMIREASON_io_error  (1UL << _XEN_NMIREASON_io_error)
#define _XEN_NMIREASON_pci_serr 1
#define XEN_NMIREASON_pci_serr  (1UL << _XEN_NMIREASON_pci_serr)
#define _XEN_NMIREASON_unknown  2
#define XEN_NMIREASON_unknown   (1UL << _XEN_NMIREASON_unknown)

/* Only dom0 may register; its handler replaces the native NMI entry. */
#define XENNMI_register_callback   0
struct xennmi_callback {
    unsigned long handler_address;
    unsigned long pad;
};
typedef struct xennmi_callback xennmi_callback_t;
DEFINE_XEN_GUEST_HANDLE(xennmi_callback_t);

#define XENNMI_unregister_callback 1

#endif /* __XEN_PUBLIC_NMI_H__ */
