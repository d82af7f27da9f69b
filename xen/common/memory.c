/*
 * Domain memory: which frames a domain owns, and the memory_op hypercall.
 *
 * A frame owned by a domain is on its page list and counted in tot_pages,
 * and holds the PGC_allocated reference.  Giving a frame back (decrease
 * reservation, domain destruction) drops that reference; the frame returns
 * to the heap when its last reference goes (free_domain_page), so a frame
 * still mapped somewhere is never reused under that mapping.
 *
 * PV guests see machine frame numbers: "gmfn" below is an MFN.
 */
#include <xen/errno.h>
#include <xen/guest_access.h>
#include <xen/hypercall.h>
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/sched.h>
#include <xen/smp.h>
#include <xen/string.h>
#include <public/memory.h>
#include <asm/current.h>
#include <asm/setup.h>

#define MEMOP_EXTENT_SHIFT  6
#define MEMOP_CMD_MASK      ((1UL << MEMOP_EXTENT_SHIFT) - 1)
#define MAX_EXTENT_ORDER    9           /* 2 MiB: larger requests are refused */

int assign_pages(struct domain *d, struct page_info *pg, unsigned int order)
{
    unsigned long i, n = 1UL << order;
    int rc = 0;

    spin_lock(&d->page_alloc_lock);
    if ( d->is_dying )
        rc = -EINVAL;
    else if ( d->tot_pages + n > d->max_pages )
        rc = -ENOMEM;
    else
    {
        for ( i = 0; i < n; i++ )
            page_list_add_tail(&pg[i], &d->page_list);
        d->tot_pages += n;
    }
    spin_unlock(&d->page_alloc_lock);
    return rc;
}

struct page_info *alloc_domain_pages(struct domain *d, unsigned int order,
                                     unsigned int memflags)
{
    struct page_info *pg = alloc_domheap_pages(d, order, memflags);

    if ( pg && assign_pages(d, pg, order) )
    {
        unsigned long i;

        for ( i = 0; i < (1UL << order); i++ )
            pg[i].count_info &= ~(PGC_allocated | PGC_count_mask);
        free_domheap_pages(pg, order);
        pg = NULL;
    }
    return pg;
}

/*
 * A hypervisor page the domain may map (shared_info).  It is the domain's
 * for reference counting, but not part of its memory: not on the page
 * list, not in tot_pages (as on Xen), released by domain_kill().
 */
void share_xen_page_with_guest(struct page_info *pg, struct domain *d)
{
    pg->owner = d;
    pg->count_info = PGC_allocated | PGC_extra | 1;
    pg->u.inuse.type_info = 0;
    d->xenheap_pages++;
}

static bool is_shared_xen_page(const struct page_info *pg)
{
    return pg->count_info & PGC_extra;
}

void free_domain_page(struct page_info *pg)
{
    struct domain *d = pg->owner;

    if ( d && !is_shared_xen_page(pg) )
    {
        spin_lock(&d->page_alloc_lock);
        page_list_del(pg, &d->page_list);
        d->tot_pages--;
        spin_unlock(&d->page_alloc_lock);
    }
    set_gpfn_from_mfn(page_to_mfn(pg), INVALID_M2P_ENTRY);
    pg->count_info &= ~(PGC_count_mask | PGC_extra);
    free_domheap_pages(pg, 0);
}

/* Drops the allocation reference; false if the frame was not allocated. */
static bool release_allocation(struct page_info *pg)
{
    unsigned long x = __atomic_load_n(&pg->count_info, __ATOMIC_ACQUIRE);

    do {
        if ( !(x & PGC_allocated) )
            return false;
    } while ( !__atomic_compare_exchange_n(&pg->count_info, &x,
                                           x & ~PGC_allocated, false,
                                           __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE) );
    return true;
}

/*
 * Called by domain_kill() after the architecture code dropped every
 * reference the domain's own page tables and vCPUs held: what remains of
 * each frame is the allocation reference, and it goes now.
 */
int relinquish_domain_pages(struct domain *d, unsigned long *leaked_out,
                            bool preemptible)
{
    struct page_info *pg;
    unsigned long leaked = 0, work = 0;

    for ( ; ; )
    {
        if ( preemptible && (++work % 1024) == 0 && hypercall_preempt_check() )
        {
            *leaked_out += leaked;
            return -ERESTART;
        }
        spin_lock(&d->page_alloc_lock);
        pg = page_list_first(&d->page_list);
        spin_unlock(&d->page_alloc_lock);
        if ( !pg )
            break;
        pg->u.inuse.type_info &= ~PGT_pinned;
        if ( release_allocation(pg) )
            put_page(pg);
        else
        {
            /* Still referenced by someone else: cut it loose. */
            spin_lock(&d->page_alloc_lock);
            page_list_del(pg, &d->page_list);
            d->tot_pages--;
            spin_unlock(&d->page_alloc_lock);
            pg->owner = NULL;
            leaked++;
        }
    }
    if ( d->shared_info )
    {
        pg = virt_to_page(d->shared_info);
        if ( release_allocation(pg) )
            put_page(pg);
        else
            leaked++;
        d->shared_info = NULL;
    }
    *leaked_out += leaked;
    return 0;
}

/* --- memory_op. */

static struct domain *memop_target(domid_t domid, int *rc)
{
    struct domain *curr = current->domain, *d;

    *rc = 0;
    if ( domid == DOMID_SELF || domid == curr->domain_id )
    {
        get_domain_ref(curr);
        return curr;
    }
    if ( !curr->is_privileged )
    {
        *rc = -EPERM;
        return NULL;
    }
    d = get_domain_by_id(domid);
    if ( !d )
        *rc = -ESRCH;
    return d;
}

/*
 * The reservation workers return how many extents they did, or -ERESTART
 * with *next set to where a continuation should resume.
 */
static long increase_or_populate(struct domain *d, xen_memory_reservation_t *r,
                                 bool populate, unsigned long start,
                                 unsigned long *next)
{
    unsigned long i;
    unsigned int memflags = 0;

    if ( r->extent_order > MAX_EXTENT_ORDER )
        return -EINVAL;
    if ( XENMEMF_get_address_bits(r->mem_flags) )
        memflags = MEMF_bits(XENMEMF_get_address_bits(r->mem_flags));
    for ( i = start; i < r->nr_extents; i++ )
    {
        xen_pfn_t gpfn = 0, mfn;

        if ( i > start && hypercall_preempt_check() )
        {
            *next = i;
            return -ERESTART;
        }
        struct page_info *pg;
        unsigned long j;

        if ( populate &&
             copy_from_guest_offset(&gpfn, r->extent_start, i, 1) )
            return i;
        pg = alloc_domain_pages(d, r->extent_order, memflags);
        if ( !pg )
            return i;
        mfn = page_to_mfn(pg);
        for ( j = 0; j < (1UL << r->extent_order); j++ )
            set_gpfn_from_mfn(mfn + j, populate ? gpfn + j : INVALID_M2P_ENTRY);
        if ( !guest_handle_is_null(r->extent_start) &&
             copy_to_guest_offset(r->extent_start, i, &mfn, 1) )
            return i;
    }
    return i;
}

static bool remove_page(struct domain *d, xen_pfn_t gmfn)
{
    struct page_info *pg;

    if ( !mfn_valid(gmfn) )
        return false;
    pg = mfn_to_page(gmfn);
    if ( !get_page(pg, d) )
        return false;
    /* The hypervisor's own pages (shared_info) are not the guest's to give. */
    if ( is_shared_xen_page(pg) )
    {
        put_page(pg);
        return false;
    }
    if ( release_allocation(pg) )
        put_page(pg);
    put_page(pg);
    return true;
}

static long decrease_reservation(struct domain *d, xen_memory_reservation_t *r,
                                 unsigned long start, unsigned long *next)
{
    unsigned long i, j;

    if ( r->extent_order > MAX_EXTENT_ORDER )
        return -EINVAL;
    for ( i = start; i < r->nr_extents; i++ )
    {
        xen_pfn_t gmfn;

        if ( i > start && hypercall_preempt_check() )
        {
            *next = i;
            return -ERESTART;
        }
        if ( copy_from_guest_offset(&gmfn, r->extent_start, i, 1) )
            return i;
        for ( j = 0; j < (1UL << r->extent_order); j++ )
            if ( !remove_page(d, gmfn + j) )
                return i;
    }
    return i;
}

/*
 * Takes a frame back from its owner for an exchange: only a frame nobody
 * else references (just the allocation, no type in use) can be taken.
 * Returns false, leaving it alone, otherwise.
 */
static bool steal_page(struct domain *d, xen_pfn_t mfn)
{
    struct page_info *pg;
    unsigned long x;

    if ( !mfn_valid(mfn) )
        return false;
    pg = mfn_to_page(mfn);
    x = __atomic_load_n(&pg->count_info, __ATOMIC_ACQUIRE);
    if ( pg->owner != d || (x & (PGC_extra | PGC_iomem)) ||
         (x & (PGC_allocated | PGC_count_mask)) != (PGC_allocated | 1) ||
         (pg->u.inuse.type_info & PGT_count_mask) )
        return false;
    /* The allocation reference becomes ours, in one step. */
    return __atomic_compare_exchange_n(&pg->count_info, &x, x & ~PGC_allocated,
                                       false, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE);
}

static void unsteal_page(xen_pfn_t mfn)
{
    __atomic_fetch_or(&mfn_to_page(mfn)->count_info, PGC_allocated, __ATOMIC_ACQ_REL);
}

/*
 * XENMEM_exchange: trade frames for others with other properties (below
 * an address limit, or contiguous), keeping the guest frame numbers.  Done
 * a chunk at a time (the larger of the two extent sizes); nr_exchanged
 * says how many input extents were traded when it stops.
 */
#define EXCHANGE_MAX_CHUNK (1U << MAX_EXTENT_ORDER)
static long memory_exchange(XEN_GUEST_HANDLE_PARAM(void) arg)
{
    static xen_pfn_t in_mfns[NR_CPUS][EXCHANGE_MAX_CHUNK];
    static struct page_info *out_pages[NR_CPUS][EXCHANGE_MAX_CHUNK];
    xen_memory_exchange_t ex;
    struct domain *d = current->domain;
    xen_pfn_t *in = in_mfns[smp_processor_id()];
    unsigned int in_order, out_order, chunk, per_in, per_out, i, j, memflags = 0;
    long rc = 0;

    struct domain *target;
    int err;

    if ( copy_from_guest(&ex, guest_handle_cast(arg, xen_memory_exchange_t), 1) )
        return -EFAULT;
    in_order = ex.in.extent_order;
    out_order = ex.out.extent_order;
    /* Xen's checks, in Xen's order: the order limit is -EPERM (Xen's limit
     * for dom0 is 20; Tessera's is 9, Xen's limit for a domU). */
    if ( in_order > MAX_EXTENT_ORDER || out_order > MAX_EXTENT_ORDER )
        return -EPERM;
    if ( ex.nr_exchanged > ex.in.nr_extents || ex.in.domid != ex.out.domid ||
         (~0UL >> in_order) < ex.in.nr_extents ||
         (~0UL >> out_order) < ex.out.nr_extents ||
         (ex.in.nr_extents << in_order) != (ex.out.nr_extents << out_order) )
        return -EINVAL;
    if ( ex.nr_exchanged == ex.in.nr_extents )
        return 0;
    /* A missing domain is -ESRCH, another's refused (Xen lets dom0 exchange
     * another domain's frames; Tessera does not). */
    target = memop_target(ex.in.domid, &err);
    if ( !target )
        return err;
    put_domain(target);
    if ( target != d )
        return -EPERM;
    if ( XENMEMF_get_address_bits(ex.out.mem_flags) )
        memflags = MEMF_bits(XENMEMF_get_address_bits(ex.out.mem_flags));
    chunk = 1U << MAX(in_order, out_order);
    per_in = chunk >> in_order;
    per_out = chunk >> out_order;

    while ( ex.nr_exchanged < ex.in.nr_extents )
    {
        unsigned long first_in = ex.nr_exchanged;
        unsigned long first_out = first_in / per_in * per_out;
        struct page_info **out = out_pages[smp_processor_id()];
        unsigned int stolen = 0, got = 0;

        /* Take the input frames; any refusal puts the taken ones back. */
        for ( i = 0; i < per_in && !rc; i++ )
        {
            xen_pfn_t base;

            if ( copy_from_guest_offset(&base, ex.in.extent_start, first_in + i, 1) )
                rc = -EFAULT;
            for ( j = 0; !rc && j < (1U << in_order); j++ )
            {
                if ( !steal_page(d, base + j) )
                    rc = -EINVAL;
                else
                    in[stolen++] = base + j;
            }
        }
        for ( i = 0; !rc && i < per_out; i++ )
        {
            out[i] = alloc_domheap_pages(d, out_order, memflags);
            if ( !out[i] )
                rc = -ENOMEM;
            else
                got++;
        }
        if ( rc )
        {
            while ( got-- )
                free_domheap_pages(out[got], out_order);
            while ( stolen-- )
                unsteal_page(in[stolen]);
            break;
        }
        /*
         * Committed: the old frames leave the M2P and go back to the heap;
         * the new ones get the guest frame numbers the caller put in
         * out.extent_start (as Xen's guest_physmap_add_page for a PV
         * domain), and their machine numbers are written back there.
         */
        for ( i = 0; i < stolen; i++ )
        {
            set_gpfn_from_mfn(in[i], INVALID_M2P_ENTRY);
            put_page(mfn_to_page(in[i]));
        }
        for ( i = 0; i < per_out; i++ )
        {
            xen_pfn_t mfn = page_to_mfn(out[i]), gpfn;

            if ( assign_pages(d, out[i], out_order) )
            {
                /* Only a dying domain refuses: its frames go back at once. */
                free_domheap_pages(out[i], out_order);
                rc = -EINVAL;
                continue;
            }
            if ( copy_from_guest_offset(&gpfn, ex.out.extent_start, first_out + i, 1) )
            {
                rc = -EFAULT;
                continue;
            }
            for ( j = 0; j < (1U << out_order); j++ )
                set_gpfn_from_mfn(mfn + j, gpfn + j);
            if ( copy_to_guest_offset(ex.out.extent_start, first_out + i, &mfn, 1) )
                rc = -EFAULT;
        }
        ex.nr_exchanged += per_in;
        if ( rc )
            break;
    }
    if ( copy_field_to_guest(guest_handle_cast(arg, xen_memory_exchange_t), &ex,
                             nr_exchanged) )
        rc = -EFAULT;
    return rc;
}

static long reservation_op(unsigned long op, unsigned long start,
                           XEN_GUEST_HANDLE_PARAM(void) arg)
{
    xen_memory_reservation_t r;
    struct domain *d;
    unsigned long next = 0;
    long rc;
    int err;

    if ( copy_from_guest(&r, guest_handle_cast(arg, xen_memory_reservation_t), 1) )
        return -EFAULT;
    if ( start > r.nr_extents )
        return -EINVAL;
    d = memop_target(r.domid, &err);
    if ( !d )
        return err;
    if ( op == XENMEM_decrease_reservation )
        rc = decrease_reservation(d, &r, start, &next);
    else
        rc = increase_or_populate(d, &r, op == XENMEM_populate_physmap, start,
                                  &next);
    put_domain(d);
    /* The extent to resume from travels in the command, as on Xen. */
    if ( rc == -ERESTART )
        return hypercall_continue(__HYPERVISOR_memory_op, 2,
                                  op | (next << MEMOP_EXTENT_SHIFT),
                                  (unsigned long)arg.p);
    return rc;
}

static long domain_count_op(unsigned long op, XEN_GUEST_HANDLE_PARAM(void) arg)
{
    domid_t domid;
    struct domain *d;
    long rc;
    int err;

    if ( raw_copy_from_guest(&domid, guest_handle_to_va(arg), sizeof(domid)) )
        return -EFAULT;
    d = memop_target(domid, &err);
    if ( !d )
        return err;
    switch ( op )
    {
    case XENMEM_current_reservation:
        rc = d->tot_pages;
        break;
    case XENMEM_maximum_reservation:
        rc = d->max_pages;
        break;
    default:    /* XENMEM_maximum_gpfn */
        rc = (d->shared_info->arch.max_pfn ?: 1) - 1;
        break;
    }
    put_domain(d);
    return rc;
}

struct e820_entry_abi {
    uint64_t addr, size;
    uint32_t type;
} __packed;

static long copy_memory_map(XEN_GUEST_HANDLE_PARAM(void) arg,
                            const struct e820_entry_abi *map, unsigned int nr)
{
    xen_memory_map_t m;
    unsigned int i;

    if ( copy_from_guest(&m, guest_handle_cast(arg, xen_memory_map_t), 1) )
        return -EFAULT;
    if ( m.nr_entries < nr )
        return -EINVAL;
    for ( i = 0; i < nr; i++ )
        if ( raw_copy_to_guest((unsigned long)m.buffer.p + i * sizeof(map[0]),
                               &map[i], sizeof(map[0])) )
            return -EFAULT;
    m.nr_entries = nr;
    return copy_to_guest(guest_handle_cast(arg, xen_memory_map_t), &m, 1)
           ? -EFAULT : 0;
}

static long machine_memory_map(XEN_GUEST_HANDLE_PARAM(void) arg)
{
    struct e820_entry_abi map[BOOT_MAX_MMAP];
    unsigned int i;

    if ( !current->domain->is_privileged )
        return -EPERM;
    for ( i = 0; i < boot_info.nr_mmap && i < BOOT_MAX_MMAP; i++ )
    {
        map[i].addr = boot_info.mmap[i].addr;
        map[i].size = boot_info.mmap[i].len;
        map[i].type = boot_info.mmap[i].type;
    }
    return copy_memory_map(arg, map, i);
}

/* A PV domain's pseudo-physical map: RAM up to its initial size. */
static long pseudo_physical_map(XEN_GUEST_HANDLE_PARAM(void) arg)
{
    struct domain *d = current->domain;
    struct e820_entry_abi ram = {
        .addr = 0,
        .size = (uint64_t)d->arch.p2m_size << PAGE_SHIFT,
        .type = 1,
    };

    return copy_memory_map(arg, &ram, 1);
}

long do_memory_op(unsigned long cmd, XEN_GUEST_HANDLE_PARAM(void) arg)
{
    unsigned long op = cmd & MEMOP_CMD_MASK, start = cmd >> MEMOP_EXTENT_SHIFT;

    switch ( op )
    {
    case XENMEM_increase_reservation:
    case XENMEM_decrease_reservation:
    case XENMEM_populate_physmap:
        return reservation_op(op, start, arg);
    case XENMEM_exchange:
        return memory_exchange(arg);
    case XENMEM_maximum_ram_page:
        return max_page;
    case XENMEM_current_reservation:
    case XENMEM_maximum_reservation:
    case XENMEM_maximum_gpfn:
        return domain_count_op(op, arg);
    case XENMEM_machphys_mapping:
    {
        xen_machphys_mapping_t m = {
            .v_start = RO_MPT_VIRT_START,
            .v_end = RO_MPT_VIRT_START + m2p_entries * sizeof(unsigned long),
            .max_mfn = m2p_entries - 1,
        };

        return copy_to_guest(guest_handle_cast(arg, xen_machphys_mapping_t), &m, 1)
               ? -EFAULT : 0;
    }
    case XENMEM_memory_map:
        /* As on Xen: dom0 has no pseudo-physical map, only the machine's. */
        if ( current->domain->domain_id == 0 )
            return -ENOSYS;
        return pseudo_physical_map(arg);
    case XENMEM_machine_memory_map:
        return machine_memory_map(arg);
    }
    hypercall_log_unknown(__HYPERVISOR_memory_op, op);
    return -ENOSYS;
}
