/* SPDX-License-Identifier: MIT */
/*
 * Tessera public ABI: vcpu_op (hypercall 24).  The vCPU id goes in the
 * second argument, the sub-op structure in the third.
 */
#ifndef __XEN_PUBLIC_VCPU_H__
#define __XEN_PUBLIC_VCPU_H__

#include "xen.h"

/* Load an initial vcpu_guest_context into a vCPU that has never run. */
#define VCPUOP_initialise 0
#define VCPUOP_up         1
#define VCPUOP_down       2
#define VCPUOP_is_up      3  /* returns 1 or 0 */

#define VCPUOP_get_runstate_info 4
/*
 * Time accounting.  The four buckets add up to the vCPU's lifetime.  With
 * VMASST_TYPE_runstate_update_flag the hypervisor sets XEN_RUNSTATE_UPDATE
 * in state_entry_time while rewriting a registered area.
 */
struct vcpu_runstate_info {
    int      state;                 /* RUNSTATE_* */
    uint64_t state_entry_time;
#define XEN_RUNSTATE_UPDATE (xen_mk_ullong(1) << 63)
    uint64_t time[4];               /* ns spent in each RUNSTATE_* */
};
typedef struct vcpu_runstate_info vcpu_runstate_info_t;
DEFINE_XEN_GUEST_HANDLE(vcpu_runstate_info_t);

#define RUNSTATE_running  0
#define RUNSTATE_runnable 1         /* wants a pCPU, waiting for one */
#define RUNSTATE_blocked  2
#define RUNSTATE_offline  3

/* Ask for the runstate to be kept current at a guest virtual address. */
#define VCPUOP_register_runstate_memory_area 5
struct vcpu_register_runstate_memory_area {
    union {
        XEN_GUEST_HANDLE(vcpu_runstate_info_t) h;
        struct vcpu_runstate_info *v;
        uint64_t p;
    } addr;
};
typedef struct vcpu_register_runstate_memory_area vcpu_register_runstate_memory_area_t;
DEFINE_XEN_GUEST_HANDLE(vcpu_register_runstate_memory_area_t);

#define VCPUOP_set_periodic_timer  6
#define VCPUOP_stop_periodic_timer 7
struct vcpu_set_periodic_timer {
    uint64_t period_ns;
};
typedef struct vcpu_set_periodic_timer vcpu_set_periodic_timer_t;
DEFINE_XEN_GUEST_HANDLE(vcpu_set_periodic_timer_t);

/* One-shot VIRQ_TIMER at an absolute system time. */
#define VCPUOP_set_singleshot_timer  8
#define VCPUOP_stop_singleshot_timer 9
struct vcpu_set_singleshot_timer {
    uint64_t timeout_abs_ns;
    uint32_t flags;                 /* VCPU_SSHOTTMR_* */
};
typedef struct vcpu_set_singleshot_timer vcpu_set_singleshot_timer_t;
DEFINE_XEN_GUEST_HANDLE(vcpu_set_singleshot_timer_t);

/* Fail with -ETIME rather than fire at once if the deadline has passed. */
#define _VCPU_SSHOTTMR_future (0)
#define VCPU_SSHOTTMR_future  (1U << _VCPU_SSHOTTMR_future)

/* Move this vCPU's vcpu_info out of shared_info (needed beyond 32 vCPUs).
 * The structure must not cross a page boundary. */
#define VCPUOP_register_vcpu_info 10
struct vcpu_register_vcpu_info {
    uint64_t mfn;
    uint32_t offset;
    uint32_t rsvd;
};
typedef struct vcpu_register_vcpu_info vcpu_register_vcpu_info_t;
DEFINE_XEN_GUEST_HANDLE(vcpu_register_vcpu_info_t);

#define VCPUOP_send_nmi 11

/* dom0 only: the physical APIC/ACPI ids behind a vCPU. */
#define VCPUOP_get_physid 12
struct vcpu_get_physid {
    uint64_t phys_id;
};
typedef struct vcpu_get_physid vcpu_get_physid_t;
DEFINE_XEN_GUEST_HANDLE(vcpu_get_physid_t);
#define xen_vcpu_physid_to_x86_apicid(physid) ((uint32_t)(physid))
#define xen_vcpu_physid_to_x86_acpiid(physid) ((uint32_t)((physid) >> 32))

/* A second copy of vcpu_time_info kept current in user-visible memory. */
#define VCPUOP_register_vcpu_time_memory_area 13
DEFINE_XEN_GUEST_HANDLE(vcpu_time_info_t);
struct vcpu_register_time_memory_area {
    union {
        XEN_GUEST_HANDLE(vcpu_time_info_t) h;
        struct vcpu_time_info *v;
        uint64_t p;
    } addr;
};
typedef struct vcpu_register_time_memory_area vcpu_register_time_memory_area_t;
DEFINE_XEN_GUEST_HANDLE(vcpu_register_time_memory_area_t);

#endif /* __XEN_PUBLIC_VCPU_H__ */
