/*
 * x86 parts of domctl: reading a PV vCPU's context back for the toolstack
 * (getvcpucontext) and the guest width (set/get_address_size).
 *
 * Tessera runs 64-bit PV guests only, so the width is always 64 and there
 * is no compat translation of the context.
 */
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/sched.h>
#include <xen/string.h>
#include <asm/domctl.h>

/*
 * The inverse of arch_set_info_guest(), as Xen's arch_get_info_guest()
 * reports a 64-bit PV vCPU: the virtual IOPL is merged back into rflags,
 * CR3 images rebuilt from the page-table roots, VGCF_online mirrors
 * VPF_down and VGCF_in_kernel the guest mode.
 */
void arch_get_info_guest(const struct vcpu *v, vcpu_guest_context_t *c)
{
    const struct pv_vcpu *pv = &v->arch.pv;
    unsigned int i;

    memset(c, 0, sizeof(*c));
    /* The legacy FXSAVE image is the first 512 bytes of the XSAVE area. */
    memcpy(&c->fpu_ctxt, v->arch.xsave_area, sizeof(c->fpu_ctxt));
    if ( v->arch.fpu_initialised )
        c->flags |= VGCF_i387_valid;
    if ( !(v->pause_flags & VPF_down) )
        c->flags |= VGCF_online;
    if ( v->arch.flags & TF_kernel_mode )
        c->flags |= VGCF_in_kernel;
    if ( pv->failsafe_disables_events )
        c->flags |= VGCF_failsafe_disables_events;
    if ( pv->syscall_disables_events )
        c->flags |= VGCF_syscall_disables_events;

    c->user_regs = pv->user_regs;
    c->user_regs.rflags |= (unsigned long)pv->iopl << 12;
    memcpy(c->trap_ctxt, pv->trap_ctxt, sizeof(c->trap_ctxt));
    c->ldt_base = pv->ldt_ents ? pv->ldt_base : 0;
    c->ldt_ents = pv->ldt_ents;
    for ( i = 0; i < ARRAY_SIZE(c->gdt_frames) &&
                 i < ARRAY_SIZE(pv->gdt_frames); i++ )
        c->gdt_frames[i] = pv->gdt_frames[i];
    c->gdt_ents = pv->gdt_ents;
    c->kernel_ss = pv->kernel_ss;
    c->kernel_sp = pv->kernel_sp;
    for ( i = 0; i < ARRAY_SIZE(c->ctrlreg); i++ )
        c->ctrlreg[i] = pv->ctrlreg[i];
    c->ctrlreg[3] = xen_pfn_to_cr3(pv->guest_table);
    c->ctrlreg[1] = pv->guest_table_user
                    ? xen_pfn_to_cr3(pv->guest_table_user) : 0;
    for ( i = 0; i < ARRAY_SIZE(c->debugreg); i++ )
        c->debugreg[i] = pv->debugreg[i];
    c->event_callback_eip = pv->event_callback_eip;
    c->failsafe_callback_eip = pv->failsafe_callback_eip;
    c->syscall_callback_eip = pv->syscall_callback_eip;
    c->vm_assist = v->domain->vm_assist;
    c->fs_base = pv->fs_base;
    c->gs_base_kernel = pv->gs_base_kernel;
    c->gs_base_user = pv->gs_base_user;
}

/*
 * Xen accepts the width a domain already has, switches a fresh domain to
 * 32-bit compat mode on 32, and refuses anything else with -EINVAL.
 * Tessera has no compat mode: 32 is refused as unsupported.
 */
int arch_set_address_size(struct domain *d, unsigned int size)
{
    if ( size == 64 )
        return 0;
    return size == 32 ? -EOPNOTSUPP : -EINVAL;
}

unsigned int arch_get_address_size(const struct domain *d)
{
    return 64;
}
