/*
 * mmuext_op: pinning, page-table bases, TLB maintenance, LDT and page
 * operations for PV guests.  A batch stops at the first failing entry;
 * *pdone says how many succeeded.
 */
#include <xen/errno.h>
#include <xen/guest_access.h>
#include <xen/hypercall.h>
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/sched.h>
#include <xen/string.h>
#include <asm/current.h>
#include <asm/flushtlb.h>
#include <asm/pv.h>
#include "mm.h"

#define MAX_LDT_ENTRIES     8192

static int pin_table(struct domain *pg_owner, mfn_t mfn, unsigned long type)
{
    struct page_info *pg;
    int rc;

    if ( !mfn_valid(mfn) )
        return -EINVAL;
    pg = mfn_to_page(mfn);
    rc = get_page_and_type(pg, pg_owner, type);
    if ( rc )
        return rc;
    if ( __atomic_fetch_or(&pg->u.inuse.type_info, PGT_pinned,
                           __ATOMIC_ACQ_REL) & PGT_pinned )
    {
        put_page_and_type(pg);
        return -EINVAL;                 /* already pinned */
    }
    return 0;
}

static int unpin_table(struct domain *pg_owner, mfn_t mfn)
{
    struct page_info *pg;

    if ( !mfn_valid(mfn) )
        return -EINVAL;
    pg = mfn_to_page(mfn);
    if ( !get_page(pg, pg_owner) )
        return -EINVAL;
    if ( !(__atomic_fetch_and(&pg->u.inuse.type_info, ~PGT_pinned,
                              __ATOMIC_ACQ_REL) & PGT_pinned) )
    {
        put_page(pg);
        return -EINVAL;                 /* not pinned */
    }
    put_page_and_type(pg);              /* the pin's references */
    put_page(pg);
    return 0;
}

/*
 * Makes mfn (0 = none, user table only) the vCPU's kernel or user L4,
 * holding a type reference for as long as it is installed.
 */
static int new_baseptr(struct vcpu *v, mfn_t mfn, bool user)
{
    unsigned long *slot = user ? &v->arch.pv.guest_table_user
                               : &v->arch.pv.guest_table;
    mfn_t old = *slot;
    int rc;

    if ( mfn == old )
        return 0;
    if ( mfn )
    {
        if ( !mfn_valid(mfn) )
            return -EINVAL;
        rc = get_page_and_type(mfn_to_page(mfn), v->domain, PGT_l4_page_table);
        if ( rc )
            return rc;
    }
    else if ( !user )
        return -EINVAL;
    *slot = mfn;
    /* Reload CR3 if the table of the mode the vCPU is in changed. */
    if ( !!(v->arch.flags & TF_kernel_mode) != user )
        write_cr3_stamped((unsigned long)mfn << PAGE_SHIFT);
    if ( old )
        put_page_and_type(mfn_to_page(old));
    return 0;
}

/* INVLPG_MULTI flushes whole TLBs too: a superset, and rare enough. */
static int flush_multi(struct domain *d, const mmuext_op_t *op)
{
    unsigned long vmask;
    cpumask_t mask;
    unsigned int i;

    if ( copy_from_guest_va(&vmask, (unsigned long)op->arg2.vcpumask.p,
                            sizeof(vmask)) )
        return -EFAULT;
    cpumask_clear(&mask);
    for ( i = 0; i < d->max_vcpus && i < 8 * sizeof(vmask); i++ )
        if ( (vmask & (1UL << i)) && d->vcpu[i] )
            __cpumask_set_cpu(d->vcpu[i]->sched_unit.processor, &mask);
    if ( !cpumask_empty(&mask) )
        flush_tlb_mask(&mask);
    return 0;
}

static int set_ldt(struct vcpu *v, unsigned long base, unsigned int ents)
{
    if ( ents > MAX_LDT_ENTRIES || (base & (PAGE_SIZE - 1)) ||
         !guest_range_ok(base, ents * 8UL) )
        return -EINVAL;
    return pv_set_ldt(v, base, ents);
}

static int page_op(struct domain *d, mfn_t dst, mfn_t src, bool copy)
{
    struct page_info *dpg, *spg = NULL;
    int rc;

    if ( !mfn_valid(dst) || (copy && !mfn_valid(src)) )
        return -EINVAL;
    dpg = mfn_to_page(dst);
    rc = get_page_and_type(dpg, d, PGT_writable_page);
    if ( rc )
        return rc;
    if ( copy )
    {
        spg = mfn_to_page(src);
        if ( !get_page(spg, d) )
        {
            put_page_and_type(dpg);
            return -EINVAL;
        }
        memcpy(page_to_virt(dpg), page_to_virt(spg), PAGE_SIZE);
        put_page(spg);
    }
    else
        memset(page_to_virt(dpg), 0, PAGE_SIZE);
    put_page_and_type(dpg);
    return 0;
}

static int mmuext_one(struct vcpu *v, struct domain *pg_owner,
                      const mmuext_op_t *op)
{
    struct domain *d = v->domain;

    switch ( op->cmd )
    {
    case MMUEXT_PIN_L1_TABLE:
    case MMUEXT_PIN_L2_TABLE:
    case MMUEXT_PIN_L3_TABLE:
    case MMUEXT_PIN_L4_TABLE:
        return pin_table(pg_owner, op->arg1.mfn,
                         (unsigned long)(op->cmd - MMUEXT_PIN_L1_TABLE + 1)
                         << PGT_type_shift);
    case MMUEXT_UNPIN_TABLE:
        return unpin_table(pg_owner, op->arg1.mfn);
    case MMUEXT_NEW_BASEPTR:
        return new_baseptr(v, op->arg1.mfn, false);
    case MMUEXT_NEW_USER_BASEPTR:
        return new_baseptr(v, op->arg1.mfn, true);
    case MMUEXT_TLB_FLUSH_LOCAL:
        flush_tlb_guest_local();
        return 0;
    case MMUEXT_INVLPG_LOCAL:
        flush_tlb_one_local(op->arg1.linear_addr);
        return 0;
    case MMUEXT_TLB_FLUSH_MULTI:
    case MMUEXT_INVLPG_MULTI:
        return flush_multi(d, op);
    case MMUEXT_TLB_FLUSH_ALL:
    case MMUEXT_INVLPG_ALL:
        flush_tlb_mask(&d->arch.dirty_cpumask);
        return 0;
    case MMUEXT_FLUSH_CACHE:
    case MMUEXT_FLUSH_CACHE_GLOBAL:
        /* Only meaningful with real devices, which only dom0 drives. */
        if ( !d->is_privileged )
            return -EPERM;
        __asm__ __volatile__("wbinvd" ::: "memory");
        return 0;
    case MMUEXT_SET_LDT:
        return set_ldt(v, op->arg1.linear_addr, op->arg2.nr_ents);
    case MMUEXT_CLEAR_PAGE:
        return page_op(d, op->arg1.mfn, 0, false);
    case MMUEXT_COPY_PAGE:
        return page_op(d, op->arg1.mfn, op->arg2.src_mfn, true);
    }
    hypercall_log_unknown(__HYPERVISOR_mmuext_op, op->cmd);
    return -ENOSYS;
}

long do_mmuext_op(XEN_GUEST_HANDLE_PARAM(mmuext_op_t) uops, unsigned int count,
                  XEN_GUEST_HANDLE_PARAM(uint) pdone, unsigned int foreigndom)
{
    struct vcpu *v = current;
    struct domain *d = v->domain, *pg_owner = d;
    mmuext_op_t op;
    unsigned int i, done = 0;
    long rc = 0;

    /* A resumed batch: *pdone holds what the earlier rounds did. */
    if ( count & HYPERCALL_PREEMPTED )
    {
        count &= ~HYPERCALL_PREEMPTED;
        if ( !guest_handle_is_null(pdone) && copy_from_guest(&done, pdone, 1) )
            return -EFAULT;
    }
    if ( foreigndom != DOMID_SELF && foreigndom != d->domain_id )
    {
        if ( !d->is_privileged )
            return -EPERM;
        pg_owner = get_domain_by_id(foreigndom);
        if ( !pg_owner )
            return -ESRCH;
    }
    else
        get_domain_ref(d);

    spin_lock(&d->arch.mm_lock);
    for ( i = 0; i < count; i++ )
    {
        if ( i && hypercall_preempt_check() )
            break;
        if ( copy_from_guest_offset(&op, uops, i, 1) )
        {
            rc = -EFAULT;
            break;
        }
        rc = mmuext_one(v, pg_owner, &op);
        if ( rc )
            break;
    }
    spin_unlock(&d->arch.mm_lock);
    put_domain(pg_owner);
    done += i;
    if ( !guest_handle_is_null(pdone) && copy_to_guest(pdone, &done, 1) )
        rc = rc ?: -EFAULT;
    if ( !rc && i < count )
        return hypercall_continue(__HYPERVISOR_mmuext_op, 4,
                                  (unsigned long)(uops.p + i),
                                  (unsigned long)((count - i) | HYPERCALL_PREEMPTED),
                                  (unsigned long)pdone.p, (unsigned long)foreigndom);
    return rc;
}
