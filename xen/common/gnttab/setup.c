/*
 * Grant tables: the per-domain table, its shared frames, the entry
 * protocol (acquire/release), and the grant_table_op dispatcher.
 *
 * Only the v1 entry format is offered: set_version(2) fails and guests
 * (Linux included) then use v1.
 */
#include <xen/errno.h>
#include <xen/grant_table.h>
#include <xen/guest_access.h>
#include <xen/hypercall.h>
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/param.h>
#include <xen/sched.h>
#include <xen/string.h>
#include <xen/xmalloc.h>
#include <asm/current.h>

struct grant_table *gnttab_of(struct domain *d)
{
    return d->grant_table;
}

bool gnttab_ref_valid(const struct grant_table *gt, grant_ref_t ref)
{
    return ref < gt->nr_frames * GRANT_ENTRIES_PER_FRAME;
}

/* Both lookups clamp ref: the caller's bounds check may be bypassed speculatively. */
grant_entry_v1_t *gnttab_shared_entry(struct grant_table *gt, grant_ref_t ref)
{
    unsigned long n = gt->nr_frames * GRANT_ENTRIES_PER_FRAME;

    ref &= -(unsigned long)(ref < n);
    return (grant_entry_v1_t *)gt->shared[ref / GRANT_ENTRIES_PER_FRAME] +
           ref % GRANT_ENTRIES_PER_FRAME;
}

struct active_grant_entry *gnttab_active_entry(struct grant_table *gt,
                                               grant_ref_t ref)
{
    unsigned long n = gt->nr_frames * GRANT_ENTRIES_PER_FRAME;

    ref &= -(unsigned long)(ref < n);
    return &gt->active[ref / GRANT_ENTRIES_PER_FRAME][ref % GRANT_ENTRIES_PER_FRAME];
}

static int grow_table(struct domain *d, struct grant_table *gt, unsigned int nr);

/* Xen's option: how many maptrack frames a domain may have at most. */
unsigned int opt_max_maptrack_frames = GNTTAB_DEFAULT_MAX_MAPTRACK_FRAMES;
integer_param("gnttab_max_maptrack_frames", opt_max_maptrack_frames);

int gnttab_init(struct domain *d)
{
    struct grant_table *gt = xzalloc(struct grant_table);

    if ( !gt )
        return -ENOMEM;
    spin_lock_init_class(&gt->lock, LOCK_CLASS_grant);
    gt->max_frames = GNTTAB_DEFAULT_MAX_FRAMES;
    gt->maptrack_limit = opt_max_maptrack_frames * GNTTAB_XEN_MAPTRACK_PER_FRAME;
    gt->maptrack_free = MAPTRACK_NONE;
    gt->shared = xzalloc_array(void *, gt->max_frames);
    gt->active = xzalloc_array(struct active_grant_entry *, gt->max_frames);
    d->grant_table = gt;
    if ( !gt->shared || !gt->active )
        return -ENOMEM;
    /* Like Xen, a table starts with one frame (query_size says 1). */
    return grow_table(d, gt, 1);
}

/* Grows d's table to nr frames; caller holds the table lock. */
static int grow_table(struct domain *d, struct grant_table *gt, unsigned int nr)
{
    while ( gt->nr_frames < nr )
    {
        struct page_info *pg = alloc_domheap_pages(NULL, 0, 0);
        struct active_grant_entry *act =
            xzalloc_array(struct active_grant_entry, GRANT_ENTRIES_PER_FRAME);

        if ( !pg || !act )
        {
            if ( pg )
                free_domheap_pages(pg, 0);
            xfree(act);
            return -ENOMEM;
        }
        share_xen_page_with_guest(pg, d);
        gt->shared[gt->nr_frames] = page_to_virt(pg);
        gt->active[gt->nr_frames] = act;
        gt->nr_frames++;
    }
    return 0;
}

bool gnttab_is_shared_frame(const struct domain *d, const struct page_info *pg)
{
    const struct grant_table *gt = d->grant_table;
    unsigned int i;

    for ( i = 0; gt && i < gt->nr_frames; i++ )
        if ( gt->shared[i] == page_to_virt(pg) )
            return true;
    return false;
}


/* Is any of d's grants pinned by a mapping or a copy of another domain? */
static bool gnttab_in_use(const struct grant_table *gt)
{
    unsigned int f, i;

    for ( f = 0; f < gt->nr_frames; f++ )
        for ( i = 0; i < GRANT_ENTRIES_PER_FRAME; i++ )
            if ( gt->active[f][i].readers || gt->active[f][i].writers )
                return true;
    return false;
}

/*
 * Gives the shared frames back (each goes when its last reference does);
 * returns how many there were.
 */
static unsigned int release_frames_now(struct grant_table *gt)
{
    unsigned int i, n = 0;

    for ( i = 0; i < gt->nr_frames; i++ )
    {
        struct page_info *pg;

        if ( !gt->shared[i] )
            continue;
        pg = virt_to_page(gt->shared[i]);
        if ( __atomic_fetch_and(&pg->count_info, ~PGC_allocated, __ATOMIC_ACQ_REL) &
             PGC_allocated )
            put_page(pg);
        gt->shared[i] = NULL;
        n++;
    }
    return n;
}

/*
 * At domain_kill: the shared frames go back now, unless a grant is still
 * pinned by another domain, whose unmap will write the entry's flags: then
 * they stay, and go with the domain's last reference (gnttab_destroy),
 * which that mapping holds.  *deferred counts frames kept for later.
 */
void gnttab_release_frames(struct domain *d, unsigned long *deferred)
{
    struct grant_table *gt = d->grant_table;

    if ( !gt )
        return;
    if ( gnttab_in_use(gt) )
    {
        *deferred += gt->nr_frames;
        return;
    }
    release_frames_now(gt);
}

void gnttab_destroy(struct domain *d)
{
    struct grant_table *gt = d->grant_table;
    unsigned int i, late;

    if ( !gt )
        return;
    late = release_frames_now(gt);
    if ( late && d->is_dying )
        printk("d%u: %u grant frame(s) returned with the domain's last reference\n",
               d->domain_id, late);
    for ( i = 0; i < gt->nr_frames; i++ )
        xfree(gt->active[i]);
    xfree(gt->shared);
    xfree(gt->active);
    if ( gt->maptrack )
        for ( i = 0; i < gt->maptrack_size / MAPTRACK_PER_CHUNK; i++ )
            xfree(gt->maptrack[i]);
    xfree(gt->maptrack);
    xfree(gt);
    d->grant_table = NULL;
}

/*
 * A builder's grant on the domain's behalf (Xen's toolstack seeds the
 * reserved entries the same way): entry ref lets domain `to` use frame
 * mfn.  The table is new, so nothing can be using the entry.
 */
void gnttab_seed_entry(struct domain *d, grant_ref_t ref, domid_t to, unsigned long mfn)
{
    grant_entry_v1_t *e = gnttab_shared_entry(d->grant_table, ref);

    BUG_ON(!gnttab_ref_valid(d->grant_table, ref));
    e->frame = mfn;
    e->domid = to;
    __atomic_store_n(&e->flags, GTF_permit_access, __ATOMIC_RELEASE);
}

/* --- The entry protocol. */

int gnttab_acquire(struct domain *rd, grant_ref_t ref, domid_t user,
                   bool readonly, unsigned long *mfn)
{
    struct grant_table *gt = rd->grant_table;
    struct active_grant_entry *act;
    grant_entry_v1_t *e;
    uint32_t old, want, set = readonly ? GTF_reading : (GTF_reading | GTF_writing);
    struct page_info *pg;

    if ( !gnttab_ref_valid(gt, ref) )
        return GNTST_bad_gntref;
    e = gnttab_shared_entry(gt, ref);
    act = gnttab_active_entry(gt, ref);
    if ( (act->readers || act->writers) && act->domid != user )
        return GNTST_general_error;

    /*
     * flags and domid form one 32-bit word: check and mark it in one
     * compare-exchange, since the granter may change it at any moment.
     */
    old = __atomic_load_n((uint32_t *)e, __ATOMIC_ACQUIRE);
    do {
        uint16_t flags = old & 0xffff;
        domid_t domid = old >> 16;

        if ( (flags & GTF_type_mask) != GTF_permit_access || domid != user )
            return GNTST_general_error;
        if ( !readonly && (flags & GTF_readonly) )
            return GNTST_general_error;
        want = old | set;
    } while ( !__atomic_compare_exchange_n((uint32_t *)e, &old, want, false,
                                           __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE) );

    if ( !act->readers && !act->writers )
    {
        act->mfn = ACCESS_ONCE(e->frame);
        act->domid = user;
    }
    /* The frame must really be the granter's, and stay so while in use. */
    if ( !mfn_valid(act->mfn) || !get_page((pg = mfn_to_page(act->mfn)), rd) )
        goto fail;
    if ( !readonly && get_page_type(pg, PGT_writable_page) )
    {
        put_page(pg);
        goto fail;
    }
    if ( readonly )
        act->readers++;
    else
        act->writers++;
    *mfn = act->mfn;
    return GNTST_okay;

 fail:
    if ( !act->readers && !act->writers )
        __atomic_fetch_and((uint32_t *)e, ~(uint32_t)(GTF_reading | GTF_writing),
                           __ATOMIC_ACQ_REL);
    else if ( !act->writers )
        __atomic_fetch_and((uint32_t *)e, ~(uint32_t)GTF_writing, __ATOMIC_ACQ_REL);
    return GNTST_general_error;
}

void gnttab_release(struct domain *rd, grant_ref_t ref, bool readonly)
{
    struct grant_table *gt = rd->grant_table;
    struct active_grant_entry *act = gnttab_active_entry(gt, ref);
    grant_entry_v1_t *e = gnttab_shared_entry(gt, ref);
    struct page_info *pg = mfn_to_page(act->mfn);

    if ( readonly )
        act->readers--;
    else
    {
        act->writers--;
        put_page_type(pg);
    }
    put_page(pg);
    /* The granter may revoke once nobody uses the entry any more. */
    if ( !act->writers )
        __atomic_fetch_and((uint32_t *)e, ~(uint32_t)GTF_writing, __ATOMIC_ACQ_REL);
    if ( !act->readers && !act->writers )
        __atomic_fetch_and((uint32_t *)e, ~(uint32_t)GTF_reading, __ATOMIC_ACQ_REL);
}

/* --- Table-level operations. */

static struct domain *gnttab_target(domid_t dom, int16_t *status)
{
    struct domain *curr = current->domain, *d;

    if ( dom == DOMID_SELF || dom == curr->domain_id )
    {
        get_domain_ref(curr);
        return curr;
    }
    if ( !curr->is_privileged )
    {
        *status = GNTST_permission_denied;
        return NULL;
    }
    d = get_domain_by_id(dom);
    if ( !d )
        *status = GNTST_bad_domain;
    return d;
}

static long setup_table(XEN_GUEST_HANDLE_PARAM(void) uop, unsigned int count)
{
    gnttab_setup_table_t op;
    struct grant_table *gt;
    struct domain *d;
    unsigned int i;

    if ( count != 1 )
        return -EINVAL;
    if ( copy_from_guest(&op, guest_handle_cast(uop, gnttab_setup_table_t), 1) )
        return -EFAULT;
    /* The whole list must lie in guest space before anything is looked up. */
    if ( op.nr_frames > GNTTAB_DEFAULT_MAX_FRAMES * 1024 ||
         !guest_range_ok((unsigned long)op.frame_list.p,
                         op.nr_frames * sizeof(xen_pfn_t)) )
        return -EFAULT;
    d = gnttab_target(op.dom, &op.status);
    if ( d )
    {
        gt = d->grant_table;
        spin_lock(&gt->lock);
        if ( op.nr_frames > gt->max_frames )
            op.status = GNTST_general_error;
        else if ( grow_table(d, gt, op.nr_frames) )
            op.status = GNTST_general_error;
        else
        {
            op.status = GNTST_okay;
            for ( i = 0; i < op.nr_frames; i++ )
            {
                xen_pfn_t mfn = virt_to_mfn(gt->shared[i]);

                if ( copy_to_guest_offset(op.frame_list, i, &mfn, 1) )
                {
                    op.status = GNTST_bad_virt_addr;
                    break;
                }
            }
        }
        spin_unlock(&gt->lock);
        put_domain(d);
    }
    return copy_field_to_guest(guest_handle_cast(uop, gnttab_setup_table_t),
                               &op, status) ? -EFAULT : 0;
}

static long query_size(XEN_GUEST_HANDLE_PARAM(void) uop, unsigned int count)
{
    gnttab_query_size_t op;
    struct domain *d;

    if ( count != 1 )
        return -EINVAL;
    if ( copy_from_guest(&op, guest_handle_cast(uop, gnttab_query_size_t), 1) )
        return -EFAULT;
    d = gnttab_target(op.dom, &op.status);
    if ( d )
    {
        op.nr_frames = d->grant_table->nr_frames;
        op.max_nr_frames = d->grant_table->max_frames;
        op.status = GNTST_okay;
        put_domain(d);
    }
    return copy_to_guest(guest_handle_cast(uop, gnttab_query_size_t), &op, 1)
           ? -EFAULT : 0;
}

/*
 * Only v1 is offered: v2 gets -ENOSYS, what Xen answers when its
 * gnttab=max-ver is 1 (and Linux then stays with v1); other numbers are
 * -EINVAL.  The version in force is written back either way.
 */
static long set_version(XEN_GUEST_HANDLE_PARAM(void) uop, unsigned int count)
{
    gnttab_set_version_t op;
    long rc;

    if ( count != 1 )
        return -EINVAL;
    if ( copy_from_guest(&op, guest_handle_cast(uop, gnttab_set_version_t), 1) )
        return -EFAULT;
    if ( op.version == 1 )
        rc = 0;
    else
        rc = op.version == 2 ? -ENOSYS : -EINVAL;
    op.version = 1;
    if ( copy_to_guest(guest_handle_cast(uop, gnttab_set_version_t), &op, 1) )
        rc = -EFAULT;
    return rc;
}

static long get_version(XEN_GUEST_HANDLE_PARAM(void) uop, unsigned int count)
{
    gnttab_get_version_t op;
    struct domain *d;
    int16_t status = 0;

    if ( count != 1 )
        return -EINVAL;
    if ( copy_from_guest(&op, guest_handle_cast(uop, gnttab_get_version_t), 1) )
        return -EFAULT;
    d = gnttab_target(op.dom, &status);
    if ( !d )
        return status == GNTST_bad_domain ? -ESRCH : -EPERM;
    put_domain(d);
    op.version = 1;
    return copy_to_guest(guest_handle_cast(uop, gnttab_get_version_t), &op, 1)
           ? -EFAULT : 0;
}

long do_grant_table_op(unsigned int cmd, XEN_GUEST_HANDLE_PARAM(void) uop,
                       unsigned int count)
{
    switch ( cmd )
    {
    case GNTTABOP_setup_table:
        return setup_table(uop, count);
    case GNTTABOP_query_size:
        return query_size(uop, count);
    case GNTTABOP_set_version:
        return set_version(uop, count);
    case GNTTABOP_get_version:
        return get_version(uop, count);
    case GNTTABOP_map_grant_ref:
        return gnttab_map(uop, count);
    case GNTTABOP_unmap_grant_ref:
        return gnttab_unmap(uop, count);
    case GNTTABOP_unmap_and_replace:
        return gnttab_unmap_and_replace(uop, count);
    case GNTTABOP_copy:
        return gnttab_copy(uop, count);
    }
    hypercall_log_unknown(__HYPERVISOR_grant_table_op, cmd);
    return -ENOSYS;
}
