/* SPDX-License-Identifier: MIT */
/*
 * Tessera public ABI: values of a frontend's "protocol" xenstore node,
 * which tells a backend the frontend's structure layout.  We only ever
 * produce or accept the 64-bit one.
 */
#ifndef __XEN_PROTOCOLS_H__
#define __XEN_PROTOCOLS_H__

#define XEN_IO_PROTO_ABI_X86_32  "x86_32-abi"
#define XEN_IO_PROTO_ABI_X86_64  "x86_64-abi"
#define XEN_IO_PROTO_ABI_ARM     "arm-abi"
#define XEN_IO_PROTO_ABI_NATIVE  XEN_IO_PROTO_ABI_X86_64

#endif /* __XEN_PROTOCOLS_H__ */
