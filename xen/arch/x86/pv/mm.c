/*
 * The PV MMU: page references, page types, validated page tables.
 *
 * PV guests build their own page tables out of their own frames, and the
 * CPU walks them directly.  Safety rests on one invariant: a frame the
 * CPU may use as a page table (or descriptor table) is never writable
 * through any mapping.  It is kept with two counts per frame:
 *
 *  - count_info: general references (each mapping, each table entry that
 *    points at the frame, pins, the owner's allocation);
 *  - type_info: the frame's current use (writable page, L1..L4 table,
 *    descriptor page) and how many references need that use.  A type can
 *    only change while its count is zero, and a page-table type is only
 *    given after every entry was checked ("validated"), which takes the
 *    references the entries imply.  Dropping the last type reference of a
 *    table drops those again ("devalidation").
 *
 * Every writable L1 entry holds a writable-type reference on its frame, so
 * a frame with a writable mapping cannot become a table (-EINVAL, like any
 * type conflict) and a table cannot be mapped writable (-EBUSY, Xen's
 * answer for an L1 entry it cannot take).
 *
 * Locking: d->arch.mm_lock serialises all changes to d's page tables and
 * types (the lock of the domain whose tables change).  Counts are updated
 * with atomic compare-exchange, so references from other domains (foreign
 * mappings by a privileged domain) need no lock of the frame's owner.
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
#include <asm/page.h>
#include <asm/pv.h>
#include "mm.h"

/* --- General references. */

bool get_page(struct page_info *pg, const struct domain *d)
{
    unsigned long x = __atomic_load_n(&pg->count_info, __ATOMIC_ACQUIRE), nx;

    do {
        if ( !(x & PGC_count_mask) ||
             ((x + 1) & PGC_count_mask) == 0 ||
             (x & PGC_state_mask) != PGC_state_inuse )
            return false;
        nx = x + 1;
    } while ( !__atomic_compare_exchange_n(&pg->count_info, &x, nx, false,
                                           __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE) );
    /* The owner is only stable while we hold a reference. */
    if ( unlikely(ACCESS_ONCE(pg->owner) != d) )
    {
        put_page(pg);
        return false;
    }
    return true;
}

void put_page(struct page_info *pg)
{
    unsigned long nx = __atomic_sub_fetch(&pg->count_info, 1, __ATOMIC_ACQ_REL);

    if ( (nx & PGC_count_mask) == 0 )
        free_domain_page(pg);
}

/* --- Types. */

static int validate_page(struct page_info *pg, unsigned long type);
static void devalidate_page(struct page_info *pg, unsigned long type);

static bool is_pt_type(unsigned long type)
{
    return type >= PGT_l1_page_table && type <= PGT_l4_page_table;
}

int get_page_type(struct page_info *pg, unsigned long type)
{
    unsigned long x = __atomic_load_n(&pg->u.inuse.type_info, __ATOMIC_ACQUIRE);
    unsigned long nx;
    int rc;

    for ( ; ; )
    {
        nx = x + 1;
        if ( unlikely((nx & PGT_count_mask) == 0) )
            return -EINVAL;
        if ( (x & PGT_count_mask) == 0 )
        {
            if ( (x & PGT_type_mask) != type )
            {
                /* A page that was writable may still be cached writable. */
                if ( type != PGT_writable_page &&
                     (x & PGT_type_mask) == PGT_writable_page )
                    flush_tlb_if_older(pg->tlbflush_timestamp);
                nx = type | 1;
                if ( type == PGT_writable_page )
                    nx |= PGT_validated;
            }
            else if ( !(x & PGT_validated) )
                nx = type | 1;
        }
        else if ( (x & PGT_type_mask) != type )
            return -EINVAL;             /* in use with another type */
        else if ( !(x & PGT_validated) )
            return -EINVAL;             /* being validated right now */
        if ( __atomic_compare_exchange_n(&pg->u.inuse.type_info, &x, nx, false,
                                         __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE) )
            break;
    }
    if ( nx & PGT_validated )
        return 0;

    rc = validate_page(pg, type);
    if ( rc )
    {
        /* Nothing else can reference an unvalidated type: reset it. */
        __atomic_store_n(&pg->u.inuse.type_info, 0, __ATOMIC_RELEASE);
        return rc;
    }
    __atomic_fetch_or(&pg->u.inuse.type_info, PGT_validated, __ATOMIC_RELEASE);
    return 0;
}

void put_page_type(struct page_info *pg)
{
    unsigned long x = __atomic_load_n(&pg->u.inuse.type_info, __ATOMIC_ACQUIRE);
    unsigned long nx;

    for ( ; ; )
    {
        BUG_ON((x & PGT_count_mask) == 0);
        nx = x - 1;
        if ( (nx & PGT_count_mask) == 0 && is_pt_type(x & PGT_type_mask) &&
             (x & PGT_validated) )
        {
            /*
             * Last reference to a table: drop what its entries hold.  The
             * type stays, unvalidated, so reuse as a table revalidates.
             */
            nx &= ~PGT_validated;
        }
        if ( __atomic_compare_exchange_n(&pg->u.inuse.type_info, &x, nx, false,
                                         __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE) )
            break;
    }
    if ( (nx & PGT_count_mask) == 0 )
    {
        if ( (x & PGT_type_mask) == PGT_writable_page )
            pg->tlbflush_timestamp = tlbflush_current_time();
        else if ( is_pt_type(x & PGT_type_mask) && (x & PGT_validated) )
            devalidate_page(pg, x & PGT_type_mask);
    }
}

int get_page_and_type(struct page_info *pg, const struct domain *d,
                      unsigned long type)
{
    int rc;

    if ( !get_page(pg, d) )
        return -EINVAL;
    rc = get_page_type(pg, type);
    if ( rc )
        put_page(pg);
    return rc;
}

void put_page_and_type(struct page_info *pg)
{
    put_page_type(pg);
    put_page(pg);
}

/* --- Entries. */

/* Flags a guest may not use, per level (cache attributes: see below). */
#define PTE_CACHE_ATTRS     (_PAGE_PWT | _PAGE_PCD | _PAGE_PAT)
#define L1_DISALLOW         (PTE_CACHE_ATTRS)
#define LN_DISALLOW         (_PAGE_PWT | _PAGE_PCD | _PAGE_PSE | _PAGE_GLOBAL)
/* Bits 12-51 of a PTE; reserved bits above the CPU's width fault on use. */
#define PTE_MFN(e)          (((e) & PTE_ADDR_MASK) >> PAGE_SHIFT)

/*
 * Cache attributes are for device memory, which only a privileged domain
 * may map; for RAM they would only let a guest create aliases with
 * conflicting memory types.
 */
static unsigned int l1_disallow(const struct domain *d)
{
    return (d->is_privileged ? 0 : L1_DISALLOW) | _PAGE_GNTTAB;
}

/*
 * Every guest mapping must be user-accessible: both halves of a PV guest
 * run in ring 3.  Global mappings would survive the kernel/user address
 * space switch, so the G bit is dropped.
 */
static intpte_t adjust_guest_l1e(intpte_t e)
{
    if ( e & _PAGE_PRESENT )
        e = (e | _PAGE_USER) & ~(intpte_t)_PAGE_GLOBAL;
    return e;
}

static intpte_t adjust_guest_upper(intpte_t e)
{
    if ( e & _PAGE_PRESENT )
        e |= _PAGE_USER;
    return e;
}

/* The local APIC, IO-APIC and HPET windows: the hypervisor's devices. */
#define HYPERVISOR_MMIO_FIRST   0xfec00UL
#define HYPERVISOR_MMIO_LAST    0xfee00UL

static bool is_iomem(mfn_t mfn)
{
    return !mfn_valid(mfn) || (mfn_to_page(mfn)->count_info & PGC_iomem);
}

/*
 * Firmware and device frames are not reference counted.  The privileged
 * domain may map them (Linux as dom0 reads the BIOS, DMI and ROM areas
 * and the VGA window), except the hypervisor's own devices; nobody else may.
 * The IO-APIC page, as on Xen 4.17 (its mmio_ro_ranges), may be mapped
 * read-only; a writable mapping of it is refused, where Xen would quietly
 * make it read-only.
 */
#define IOAPIC_MFN              0xfec00UL
static bool iomem_mappable(const struct domain *d, mfn_t mfn, intpte_t e)
{
    if ( !d->is_privileged || mfn >= (1UL << (PADDR_BITS - PAGE_SHIFT)) )
        return false;
    if ( mfn == IOAPIC_MFN )
        return !(e & _PAGE_RW);
    return !(mfn >= HYPERVISOR_MMIO_FIRST && mfn <= HYPERVISOR_MMIO_LAST);
}

int get_page_from_l1e(intpte_t e, struct domain *l1_owner,
                      struct domain *pg_owner)
{
    struct page_info *pg;
    mfn_t mfn = PTE_MFN(e);

    if ( !(e & _PAGE_PRESENT) )
        return 0;
    if ( get_pte_flags(e) & l1_disallow(l1_owner) )
        return -EINVAL;
    if ( is_iomem(mfn) )
        /* -EPERM, Xen's answer for MMIO the domain may not map. */
        return iomem_mappable(l1_owner, mfn, e) ? 0 : -EPERM;
    pg = mfn_to_page(mfn);
    if ( !get_page(pg, pg_owner) )
        /* The hypervisor's own frames are "in use", as Xen reports them. */
        return (e & _PAGE_RW) && !pg->owner &&
               (pg->count_info & PGC_state_mask) == PGC_state_inuse
               ? -EBUSY : -EINVAL;
    if ( (e & _PAGE_RW) && get_page_type(pg, PGT_writable_page) )
    {
        put_page(pg);
        return -EBUSY;
    }
    return 0;
}

void put_page_from_l1e(intpte_t e)
{
    struct page_info *pg;

    if ( !(e & _PAGE_PRESENT) || is_iomem(PTE_MFN(e)) ||
         (get_pte_flags(e) & _PAGE_GNTTAB) )
        return;
    pg = mfn_to_page(PTE_MFN(e));
    if ( e & _PAGE_RW )
        put_page_type(pg);
    put_page(pg);
}

/* An L2/L3/L4 entry: the frame it points at must be a table one level down. */
static int get_page_from_upper(intpte_t e, unsigned int level, struct domain *d)
{
    mfn_t mfn = PTE_MFN(e);

    if ( !(e & _PAGE_PRESENT) )
        return 0;
    if ( get_pte_flags(e) & LN_DISALLOW )
        return -EINVAL;
    if ( !mfn_valid(mfn) )
        return -EINVAL;
    return get_page_and_type(mfn_to_page(mfn), d,
                             (unsigned long)(level - 1) << PGT_type_shift);
}

static void put_page_from_upper(intpte_t e)
{
    if ( (e & _PAGE_PRESENT) && mfn_valid(PTE_MFN(e)) )
        put_page_and_type(mfn_to_page(PTE_MFN(e)));
}

/* L4 slots that belong to the hypervisor, whatever the guest wrote there. */
static bool is_xen_l4_slot(unsigned int i)
{
    return i >= L4_XEN_SLOT_FIRST && i <= L4_XEN_SLOT_LAST;
}

static unsigned int pt_level_of(unsigned long type)
{
    return type >> PGT_type_shift;
}

/* --- Validation of whole tables. */

static void undo_entries(intpte_t *t, unsigned int upto, unsigned int level)
{
    unsigned int i;

    for ( i = 0; i < upto; i++ )
    {
        if ( level == 4 && is_xen_l4_slot(i) )
            continue;
        if ( level == 1 )
            put_page_from_l1e(t[i]);
        else
            put_page_from_upper(t[i]);
    }
}

static int validate_page(struct page_info *pg, unsigned long type)
{
    struct domain *d = pg->owner;
    unsigned int level = pt_level_of(type), i;
    intpte_t *t = page_to_virt(pg);
    int rc;

    if ( type == PGT_seg_desc_page )
        return pv_validate_descriptor_page(pg);
    if ( !is_pt_type(type) )
        return 0;

    for ( i = 0; i < L1_PAGETABLE_ENTRIES; i++ )
    {
        intpte_t e = ACCESS_ONCE(t[i]);

        if ( level == 4 && is_xen_l4_slot(i) )
            continue;
        rc = level == 1 ? get_page_from_l1e(e, d, d)
                        : get_page_from_upper(e, level, d);
        if ( rc )
        {
            printk("d%u: refusing L%u table mfn %#lx: entry %u (%#lx) rc %d\n",
                   d->domain_id, level, page_to_mfn(pg), i,
                   (unsigned long)e, rc);
            undo_entries(t, i, level);
            return rc;
        }
        t[i] = level == 1 ? adjust_guest_l1e(e) : adjust_guest_upper(e);
    }
    if ( level == 4 )
    {
        init_xen_l4_slots(t);
        /* Slot 260 is the domain's own: its vCPUs' descriptor tables. */
        t[pt_index(PERDOMAIN_VIRT_START, 4)] = perdomain_l4e(d);
    }
    return 0;
}

static void devalidate_page(struct page_info *pg, unsigned long type)
{
    undo_entries(page_to_virt(pg), L1_PAGETABLE_ENTRIES, pt_level_of(type));
}

/* --- One entry of a live table. */

/*
 * Replaces entry *pe of a validated level-`level` table owned by d.
 * References for the new entry are taken before the store and those of the
 * old one dropped after it, so the table is valid at every instant.
 * preserve_ad keeps the Accessed/Dirty bits the CPU may have set meanwhile.
 */
int mod_pte(intpte_t *pe, intpte_t ne, unsigned int level, struct domain *d,
            struct domain *pg_owner, bool preserve_ad, intpte_t *old_out)
{
    intpte_t old = ACCESS_ONCE(*pe);
    int rc;

    if ( level == 1 )
    {
        /*
         * A grant PTE may be overwritten, as on Xen 4.17's release build:
         * it holds no page references (the maptrack does), so nothing is
         * dropped for it, the grant stays in use until unmap_grant_ref by
         * handle or the domain's death, and unmap by this address fails.
         */
        ne = adjust_guest_l1e(ne);
        /* Same frame, same writability: no references change. */
        if ( !(get_pte_flags(old) & _PAGE_GNTTAB) &&
             (ne & _PAGE_PRESENT) && (old & _PAGE_PRESENT) &&
             PTE_MFN(ne) == PTE_MFN(old) &&
             !((ne ^ old) & _PAGE_RW) )
        {
            if ( get_pte_flags(ne) & l1_disallow(d) )
                return -EINVAL;
            goto store;
        }
        rc = get_page_from_l1e(ne, d, pg_owner);
    }
    else
    {
        ne = adjust_guest_upper(ne);
        if ( (ne & _PAGE_PRESENT) && (old & _PAGE_PRESENT) &&
             PTE_MFN(ne) == PTE_MFN(old) )
        {
            if ( get_pte_flags(ne) & LN_DISALLOW )
                return -EINVAL;
            goto store;
        }
        rc = get_page_from_upper(ne, level, d);
    }
    if ( rc )
        return rc;
    old = __atomic_exchange_n(pe, ne, __ATOMIC_ACQ_REL);
    if ( preserve_ad )
        __atomic_fetch_or(pe, old & (_PAGE_ACCESSED | _PAGE_DIRTY),
                          __ATOMIC_RELAXED);
    if ( level == 1 )
        put_page_from_l1e(old);
    else
        put_page_from_upper(old);
    if ( old_out )
        *old_out = old;
    return 0;

 store:
    old = __atomic_exchange_n(pe, ne, __ATOMIC_ACQ_REL);
    if ( preserve_ad )
        __atomic_fetch_or(pe, old & (_PAGE_ACCESSED | _PAGE_DIRTY),
                          __ATOMIC_RELAXED);
    if ( old_out )
        *old_out = old;
    return 0;
}

/* --- Walking the current guest tables. */

/*
 * The L1 entry that maps va in v's kernel page tables, with the L1 frame
 * in *l1pg, or NULL when a level above is not present.  The tables are
 * validated, so every frame on the way is a table of d.
 */
intpte_t *guest_l1e_of(struct vcpu *v, unsigned long va, struct page_info **l1pg)
{
    mfn_t mfn = v->arch.pv.guest_table;
    unsigned int level;

    if ( !mfn )
        return NULL;
    for ( level = 4; level > 1; level-- )
    {
        intpte_t e = ((intpte_t *)mfn_to_virt(mfn))[pt_index(va, level)];

        if ( !(e & _PAGE_PRESENT) || (e & _PAGE_PSE) )
            return NULL;
        mfn = PTE_MFN(e);
        if ( !mfn_valid(mfn) )
            return NULL;
    }
    *l1pg = mfn_to_page(mfn);
    return (intpte_t *)mfn_to_virt(mfn) + pt_index(va, 1);
}

static bool va_in_guest_range(unsigned long va)
{
    return va < HYPERVISOR_VIRT_START || va >= HYPERVISOR_VIRT_END;
}

/* --- mmu_update. */

static struct domain *get_pg_owner(struct domain *curr, unsigned int foreigndom,
                                   int *rc)
{
    struct domain *d;

    *rc = 0;
    if ( foreigndom == DOMID_SELF )
    {
        get_domain_ref(curr);
        return curr;
    }
    /* Xen 4.17 will not take a domain as its own foreign domain. */
    if ( foreigndom == curr->domain_id )
    {
        *rc = -ESRCH;
        return NULL;
    }
    if ( !curr->is_privileged )
    {
        *rc = -EPERM;
        return NULL;
    }
    d = get_domain_by_id(foreigndom);
    if ( !d )
        *rc = -ESRCH;
    return d;
}

static int mmu_update_one(struct domain *d, struct domain *pg_owner,
                          const mmu_update_t *req)
{
    unsigned int cmd = req->ptr & 3;
    mfn_t mfn = req->ptr >> PAGE_SHIFT;
    struct page_info *pg;
    intpte_t *pe;
    unsigned long type;
    int rc;

    if ( !mfn_valid(mfn) )
        return -EINVAL;
    pg = mfn_to_page(mfn);

    if ( cmd == MMU_MACHPHYS_UPDATE )
    {
        if ( !get_page(pg, pg_owner) )
            return -EINVAL;
        set_gpfn_from_mfn(mfn, req->val);
        put_page(pg);
        return 0;
    }

    /* The table being changed is the caller's own. */
    if ( !get_page(pg, d) )
        return -EINVAL;
    pe = (intpte_t *)mfn_to_virt(mfn) + ((req->ptr & ~PAGE_MASK) >> 3);
    type = pg->u.inuse.type_info;
    if ( is_pt_type(type & PGT_type_mask) && (type & PGT_count_mask) &&
         (type & PGT_validated) )
    {
        unsigned int level = pt_level_of(type & PGT_type_mask);

        if ( level == 4 && is_xen_l4_slot(pt_index_of_entry(pe)) )
            rc = -EINVAL;
        else
            rc = mod_pte(pe, req->val, level, d, pg_owner,
                         cmd == MMU_PT_UPDATE_PRESERVE_AD, NULL);
    }
    else
    {
        /* Not a table: a plain checked store into a page it may write. */
        rc = get_page_type(pg, PGT_writable_page);
        if ( !rc )
        {
            ACCESS_ONCE(*pe) = req->val;
            put_page_type(pg);
        }
    }
    put_page(pg);
    return rc;
}

long do_mmu_update(XEN_GUEST_HANDLE_PARAM(mmu_update_t) ureqs, unsigned int count,
                   XEN_GUEST_HANDLE_PARAM(uint) pdone, unsigned int foreigndom)
{
    struct domain *d = current->domain, *pg_owner;
    mmu_update_t req;
    unsigned int i, done = 0;
    int rc;

    /* A resumed batch: *pdone holds what the earlier rounds did. */
    if ( count & HYPERCALL_PREEMPTED )
    {
        count &= ~HYPERCALL_PREEMPTED;
        if ( !guest_handle_is_null(pdone) && copy_from_guest(&done, pdone, 1) )
            return -EFAULT;
    }
    pg_owner = get_pg_owner(d, foreigndom, &rc);
    if ( !pg_owner )
        return rc;
    spin_lock(&d->arch.mm_lock);
    for ( i = 0; i < count; i++ )
    {
        if ( i && hypercall_preempt_check() )
            break;
        if ( copy_from_guest_offset(&req, ureqs, i, 1) )
        {
            rc = -EFAULT;
            break;
        }
        rc = mmu_update_one(d, pg_owner, &req);
        if ( rc )
            break;
    }
    spin_unlock(&d->arch.mm_lock);
    put_domain(pg_owner);
    done += i;
    if ( !guest_handle_is_null(pdone) && copy_to_guest(pdone, &done, 1) )
        rc = rc ?: -EFAULT;
    if ( !rc && i < count )
        return hypercall_continue(__HYPERVISOR_mmu_update, 4,
                                  (unsigned long)(ureqs.p + i),
                                  (unsigned long)((count - i) | HYPERCALL_PREEMPTED),
                                  (unsigned long)pdone.p, (unsigned long)foreigndom);
    return rc;
}

/* --- update_va_mapping. */

static int vcpumask_to_pcpumask(struct domain *d, unsigned long gmask_va,
                                cpumask_t *pmask)
{
    unsigned long vmask;
    unsigned int i;

    cpumask_clear(pmask);
    if ( copy_from_guest_va(&vmask, gmask_va, sizeof(vmask)) )
        return -EFAULT;
    for ( i = 0; i < d->max_vcpus && i < 8 * sizeof(vmask); i++ )
        if ( (vmask & (1UL << i)) && d->vcpu[i] )
            __cpumask_set_cpu(d->vcpu[i]->sched_unit.processor, pmask);
    return 0;
}

static int flush_after_update(struct domain *d, unsigned long va,
                              unsigned long flags)
{
    cpumask_t mask;
    int rc;

    switch ( flags & UVMF_FLUSHTYPE_MASK )
    {
    case UVMF_NONE:
        return 0;
    case UVMF_TLB_FLUSH:
    case UVMF_INVLPG:
        break;
    default:
        return -EINVAL;
    }
    if ( flags & UVMF_ALL )
        cpumask_copy(&mask, &d->arch.dirty_cpumask);
    else if ( flags & ~(UVMF_FLUSHTYPE_MASK | UVMF_ALL) )
    {
        rc = vcpumask_to_pcpumask(d, flags & ~(UVMF_FLUSHTYPE_MASK | UVMF_ALL),
                                  &mask);
        if ( rc )
            return rc;
    }
    else
    {
        /* Local: one page, or the whole guest TLB. */
        if ( (flags & UVMF_FLUSHTYPE_MASK) == UVMF_INVLPG )
            flush_tlb_one_local(va);
        else
            flush_tlb_guest_local();
        return 0;
    }
    flush_tlb_mask(&mask);
    return 0;
}

static long update_va_mapping(struct domain *d, struct domain *pg_owner,
                              unsigned long va, uint64_t val, unsigned long flags)
{
    struct page_info *l1pg;
    intpte_t *pe;
    long rc;

    if ( !va_in_guest_range(va) )
        return -EINVAL;
    spin_lock(&d->arch.mm_lock);
    pe = guest_l1e_of(current, va, &l1pg);
    if ( !pe || l1pg->owner != d ||
         (l1pg->u.inuse.type_info & PGT_type_mask) != PGT_l1_page_table )
        rc = -EINVAL;
    else
        rc = mod_pte(pe, val, 1, d, pg_owner, false, NULL);
    spin_unlock(&d->arch.mm_lock);
    if ( !rc )
        rc = flush_after_update(d, va, flags);
    return rc;
}

long do_update_va_mapping(unsigned long va, uint64_t val, unsigned long flags)
{
    struct domain *d = current->domain;

    return update_va_mapping(d, d, va, val, flags);
}

long do_update_va_mapping_otherdomain(unsigned long va, uint64_t val,
                                      unsigned long flags, domid_t domid)
{
    struct domain *d = current->domain, *pg_owner;
    long rc;
    int err;

    pg_owner = get_pg_owner(d, domid, &err);
    if ( !pg_owner )
        return err;
    rc = update_va_mapping(d, pg_owner, va, val, flags);
    put_domain(pg_owner);
    return rc;
}
