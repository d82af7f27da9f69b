#ifndef XEN_VERSION_H
#define XEN_VERSION_H

/* TESSERA_VERSION comes from configure (AC_INIT) through xen/Makefile. */
#ifndef TESSERA_VERSION
#error "TESSERA_VERSION must be defined by the build"
#endif

#define TESSERA_BANNER "Tessera " TESSERA_VERSION " hypervisor (x86-64)"

#endif /* XEN_VERSION_H */
