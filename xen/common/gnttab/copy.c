/*
 * GNTTABOP_copy: the hypervisor copies bytes between a granted page and
 * the caller's own page (or between two grants), so that backends need
 * not map guest memory.  Each side is either a grant reference of another
 * domain (GNTCOPY_*_gref) or a frame the caller owns.  While the copy runs
 * the grant is pinned like a mapping, so it cannot be revoked under it.
 */
#include <xen/errno.h>
#include <xen/grant_table.h>
#include <xen/guest_access.h>
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/sched.h>
#include <xen/string.h>
#include <asm/current.h>

struct copy_side {
    struct domain *d;               /* the granter, or the caller */
    bool is_gref;
    grant_ref_t ref;
    unsigned long mfn;
    bool acquired;
};

static int16_t acquire_side(struct domain *ld, const struct gnttab_copy_ptr *p,
                            bool is_gref, bool writing, struct copy_side *s)
{
    int16_t rc;

    memset(s, 0, sizeof(*s));
    s->is_gref = is_gref;
    if ( !is_gref )
    {
        /* A frame the caller owns (DOMID_SELF or its own id). */
        if ( p->domid != DOMID_SELF && p->domid != ld->domain_id )
            return GNTST_permission_denied;
        if ( !mfn_valid(p->u.gmfn) || !get_page(mfn_to_page(p->u.gmfn), ld) )
            return GNTST_bad_page;
        if ( writing && get_page_type(mfn_to_page(p->u.gmfn), PGT_writable_page) )
        {
            put_page(mfn_to_page(p->u.gmfn));
            return GNTST_bad_page;
        }
        get_domain_ref(ld);
        s->d = ld;
        s->mfn = p->u.gmfn;
        s->acquired = true;
        return GNTST_okay;
    }
    s->d = p->domid == DOMID_SELF ? ld : get_domain_by_id(p->domid);
    if ( !s->d )
        return GNTST_bad_domain;
    if ( s->d == ld )
        get_domain_ref(ld);
    s->ref = p->u.ref;
    spin_lock(&s->d->grant_table->lock);
    rc = gnttab_acquire(s->d, p->u.ref, ld->domain_id, !writing, &s->mfn);
    spin_unlock(&s->d->grant_table->lock);
    if ( rc != GNTST_okay )
    {
        put_domain(s->d);
        s->d = NULL;
        return rc;
    }
    s->acquired = true;
    return GNTST_okay;
}

static void release_side(struct copy_side *s, bool writing)
{
    struct page_info *pg;

    if ( !s->acquired )
        return;
    if ( s->is_gref )
    {
        spin_lock(&s->d->grant_table->lock);
        gnttab_release(s->d, s->ref, !writing);
        spin_unlock(&s->d->grant_table->lock);
    }
    else
    {
        pg = mfn_to_page(s->mfn);
        if ( writing )
            put_page_type(pg);
        put_page(pg);
    }
    put_domain(s->d);
}

static int16_t copy_one(struct domain *ld, const gnttab_copy_t *op)
{
    struct copy_side src, dst;
    int16_t rc;

    if ( op->len > PAGE_SIZE || op->source.offset > PAGE_SIZE - op->len ||
         op->dest.offset > PAGE_SIZE - op->len )
        return GNTST_bad_copy_arg;
    rc = acquire_side(ld, &op->source, op->flags & GNTCOPY_source_gref, false, &src);
    if ( rc != GNTST_okay )
        return rc;
    rc = acquire_side(ld, &op->dest, op->flags & GNTCOPY_dest_gref, true, &dst);
    if ( rc == GNTST_okay )
    {
        memmove((char *)mfn_to_virt(dst.mfn) + op->dest.offset,
                (const char *)mfn_to_virt(src.mfn) + op->source.offset, op->len);
        release_side(&dst, true);
    }
    release_side(&src, false);
    return rc;
}

long gnttab_copy(XEN_GUEST_HANDLE_PARAM(void) uop, unsigned int count)
{
    XEN_GUEST_HANDLE(gnttab_copy_t) h = { (gnttab_copy_t *)uop.p };
    struct domain *ld = current->domain;
    gnttab_copy_t op;
    unsigned int i;

    for ( i = 0; i < count; i++ )
    {
        if ( copy_from_guest_offset(&op, h, i, 1) )
            return -EFAULT;
        op.status = copy_one(ld, &op);
        if ( copy_to_guest_offset(h, i, &op, 1) )
            return -EFAULT;
    }
    return 0;
}
