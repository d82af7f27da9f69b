/*
 * hvm_op for a PV-only hypervisor: get_param of the store ring.
 *
 * Xen 4.17 x86 gives a PV domain no parameters (-EINVAL).  Tessera keeps
 * two for the domains its builder made at boot: STORE_PFN (the store
 * page's MFN) and STORE_EVTCHN (the port offered to dom0).  A dom0 tool
 * reads them and introduces the domain to the store, as Xen's dom0less
 * domains on Arm are introduced from theirs (docs/abi.md).  Everything
 * else answers as Xen does for PV: -EINVAL for parameters, -ENOSYS for
 * other operations.
 */
#include <xen/errno.h>
#include <xen/guest_access.h>
#include <xen/hypercall.h>
#include <xen/lib.h>
#include <xen/sched.h>
#include <public/hvm/hvm_op.h>
#include <public/hvm/params.h>
#include <asm/current.h>

/* Xen's order: the domain (-ESRCH), the permission, then the parameter. */
static long get_param(xen_hvm_param_t *a)
{
    struct domain *curr = current->domain, *d;
    long rc = 0;

    d = a->domid == DOMID_SELF ? curr : get_domain_by_id(a->domid);
    if ( !d )
        return -ESRCH;
    if ( d != curr && !curr->is_privileged )
        rc = -EPERM;
    else if ( !d->arch.store_port )
        rc = -EINVAL;                   /* no builder-made ring: as Xen for PV */
    else if ( a->index == HVM_PARAM_STORE_PFN )
        a->value = d->arch.store_mfn;
    else if ( a->index == HVM_PARAM_STORE_EVTCHN )
        a->value = d->arch.store_port;
    else
        rc = -EINVAL;
    if ( d != curr )
        put_domain(d);
    return rc;
}

long do_hvm_op(unsigned long op, XEN_GUEST_HANDLE_PARAM(void) uarg)
{
    XEN_GUEST_HANDLE(xen_hvm_param_t) arg = { (xen_hvm_param_t *)uarg.p };
    xen_hvm_param_t a;
    long rc;

    switch ( op )
    {
    case HVMOP_get_param:
        if ( copy_from_guest(&a, arg, 1) )
            return -EFAULT;
        rc = get_param(&a);
        if ( !rc && copy_to_guest(arg, &a, 1) )
            rc = -EFAULT;
        return rc;
    case HVMOP_set_param:
        return -EINVAL;                 /* a PV domain has none to set */
    }
    hypercall_log_unknown(__HYPERVISOR_hvm_op, op);
    return -ENOSYS;
}
