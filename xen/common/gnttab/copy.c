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

/*
 * The domain of one side.  A frame may only be named with DOMID_SELF (not
 * even by the caller's own id, as on Xen); a grant by any domain id.
 */
static int16_t side_domain(struct domain *ld, const struct gnttab_copy_ptr *p,
                           bool is_gref, struct copy_side *s)
{
    memset(s, 0, sizeof(*s));
    s->is_gref = is_gref;
    if ( !is_gref && p->domid != DOMID_SELF )
        return GNTST_permission_denied;
    s->d = p->domid == DOMID_SELF ? ld : get_domain_by_id(p->domid);
    if ( !s->d )
        return GNTST_bad_domain;
    if ( s->d == ld )
        get_domain_ref(ld);
    return GNTST_okay;
}

/* Pins one side's page: the grant (like a mapping) or the caller's frame. */
static int16_t side_claim(struct domain *ld, const struct gnttab_copy_ptr *p,
                          bool writing, struct copy_side *s)
{
    struct page_info *pg;
    int16_t rc;

    if ( !s->is_gref )
    {
        if ( !mfn_valid(p->u.gmfn) || !get_page((pg = mfn_to_page(p->u.gmfn)), ld) )
            return GNTST_bad_page;
        /* A page table, say, cannot be written by a copy. */
        if ( writing && get_page_type(pg, PGT_writable_page) )
        {
            put_page(pg);
            return GNTST_general_error;
        }
        s->mfn = p->u.gmfn;
        s->acquired = true;
        return GNTST_okay;
    }
    s->ref = p->u.ref;
    spin_lock(&s->d->grant_table->lock);
    rc = gnttab_acquire(s->d, p->u.ref, ld->domain_id, !writing, &s->mfn);
    spin_unlock(&s->d->grant_table->lock);
    s->acquired = rc == GNTST_okay;
    return rc;
}

static void release_side(struct copy_side *s, bool writing)
{
    struct page_info *pg;

    if ( s->acquired && s->is_gref )
    {
        spin_lock(&s->d->grant_table->lock);
        gnttab_release(s->d, s->ref, !writing);
        spin_unlock(&s->d->grant_table->lock);
    }
    else if ( s->acquired )
    {
        pg = mfn_to_page(s->mfn);
        if ( writing )
            put_page_type(pg);
        put_page(pg);
    }
    if ( s->d )
        put_domain(s->d);
}

/*
 * Xen's order of checks: both domains, then the source and the destination
 * pages, then the byte range -- so a bad ref is reported before a bad
 * length.
 */
static int16_t copy_one(struct domain *ld, const gnttab_copy_t *op)
{
    struct copy_side src, dst;
    int16_t rc;

    rc = side_domain(ld, &op->source, op->flags & GNTCOPY_source_gref, &src);
    if ( rc == GNTST_okay )
        rc = side_domain(ld, &op->dest, op->flags & GNTCOPY_dest_gref, &dst);
    else
        memset(&dst, 0, sizeof(dst));
    if ( rc == GNTST_okay )
        rc = side_claim(ld, &op->source, false, &src);
    if ( rc == GNTST_okay )
        rc = side_claim(ld, &op->dest, true, &dst);
    if ( rc == GNTST_okay &&
         (op->len > PAGE_SIZE || op->source.offset > PAGE_SIZE - op->len ||
          op->dest.offset > PAGE_SIZE - op->len) )
        rc = GNTST_bad_copy_arg;
    if ( rc == GNTST_okay )
        memmove((char *)mfn_to_virt(dst.mfn) + op->dest.offset,
                (const char *)mfn_to_virt(src.mfn) + op->source.offset, op->len);
    release_side(&dst, true);
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
