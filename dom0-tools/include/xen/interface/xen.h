/*
 * Linux's uapi headers <xen/privcmd.h>, <xen/gntdev.h> and <xen/evtchn.h>
 * (Debian's linux-libc-dev) use domid_t, grant_ref_t and xen_pfn_t from the
 * kernel-internal <xen/interface/xen.h>, which is not installed.  This
 * stand-in takes them from our own public ABI (hypercall-abi/), so the
 * ioctl layouts come from Linux and the Xen types from Xen 4.17's ABI.
 */
#ifndef TESSERA_TESTS_LINUX_XEN_INTERFACE_SHIM_H
#define TESSERA_TESTS_LINUX_XEN_INTERFACE_SHIM_H
#include <xen/xen.h>
#include <xen/grant_table.h>
#endif
