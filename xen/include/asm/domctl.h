/*
 * The x86 half of domctl (arch/x86/domctl.c): what the common dispatcher
 * (common/domctl.c) needs to know about a PV vCPU's register state and a
 * domain's guest width.
 */
#ifndef ASM_X86_DOMCTL_H
#define ASM_X86_DOMCTL_H

#include <public/domctl.h>

struct domain;
struct vcpu;

/* Fills c with v's context; v must not be running (paused or never run). */
void arch_get_info_guest(const struct vcpu *v, vcpu_guest_context_t *c);

/* XEN_DOMCTL_set_address_size / get_address_size for d. */
int arch_set_address_size(struct domain *d, unsigned int size);
unsigned int arch_get_address_size(const struct domain *d);

#endif /* ASM_X86_DOMCTL_H */
