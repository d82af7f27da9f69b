/*
 * Grant mappings: GNTTABOP_map_grant_ref, unmap_grant_ref and
 * unmap_and_replace for PV mappers, and the mapper's maptrack.
 *
 * A grant mapping is a PTE in the mapper's own L1 table (given by virtual
 * address, or with GNTMAP_contains_pte by the PTE's machine address).  It
 * carries _PAGE_GNTTAB, so that the ordinary page-table paths never take
 * or drop references for it: the references belong to the maptrack record
 * and go only with unmap_grant_ref or the mapper's death.  A guest cannot
 * forge such an entry through mmu_update; it may overwrite one, as on
 * Xen's release build, which leaves the grant in use (unmap by that
 * address then fails, as the PTE no longer names the grant).
 *
 * Each op in a batch gets its own GNTST_* status; the hypercall itself
 * fails only when the batch cannot be read or written.
 */
#include <xen/errno.h>
#include <xen/grant_table.h>
#include <xen/guest_access.h>
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/sched.h>
#include <xen/string.h>
#include <xen/xmalloc.h>
#include <asm/current.h>
#include <asm/flushtlb.h>
#include <asm/pv.h>
#include "../../arch/x86/pv/mm.h"

/* --- The maptrack (mapper's table lock held). */

/* Backs MAPTRACK_PER_CHUNK more handles, all free; false if none may be. */
static bool maptrack_grow(struct grant_table *gt)
{
    unsigned int chunks = (gt->maptrack_limit + MAPTRACK_PER_CHUNK - 1) / MAPTRACK_PER_CHUNK;
    unsigned int c = gt->maptrack_size / MAPTRACK_PER_CHUNK, i;
    struct grant_mapping *chunk;

    if ( gt->maptrack_size >= gt->maptrack_limit )
        return false;
    if ( !gt->maptrack )
    {
        gt->maptrack = xzalloc_array(struct grant_mapping *, chunks);
        if ( !gt->maptrack )
            return false;
    }
    chunk = xzalloc_array(struct grant_mapping, MAPTRACK_PER_CHUNK);
    if ( !chunk )
        return false;
    for ( i = 0; i < MAPTRACK_PER_CHUNK; i++ )
        chunk[i].ref = i + 1 < MAPTRACK_PER_CHUNK ? gt->maptrack_size + i + 1
                                                  : gt->maptrack_free;
    gt->maptrack[c] = chunk;
    gt->maptrack_free = gt->maptrack_size;
    gt->maptrack_size += MAPTRACK_PER_CHUNK;
    return true;
}

/*
 * A free handle below the limit (the last chunk may reach past it when
 * the limit was lowered or is no multiple of a chunk), or -1.
 */
static int maptrack_get(struct grant_table *gt)
{
    unsigned int h;

    do {
        if ( gt->maptrack_free == MAPTRACK_NONE && !maptrack_grow(gt) )
            return -1;
        h = gt->maptrack_free;
        gt->maptrack_free = maptrack_entry(gt, h)->ref;
    } while ( h >= gt->maptrack_limit );        /* never handed out */
    return h;
}

#define MAPTRACK_IN_USE      0x8000  /* with the GNTMAP_* flags of the map */
#define MAPTRACK_RESERVED    0x4000  /* being set up or torn down */

static int maptrack_reserve(struct grant_table *lgt)
{
    int handle;

    spin_lock(&lgt->lock);
    handle = maptrack_get(lgt);
    if ( handle >= 0 )
        maptrack_entry(lgt, handle)->flags = MAPTRACK_RESERVED;
    spin_unlock(&lgt->lock);
    return handle;
}

static void maptrack_free(struct grant_table *lgt, unsigned int handle, bool used)
{
    spin_lock(&lgt->lock);
    *maptrack_entry(lgt, handle) = (struct grant_mapping){ .ref = lgt->maptrack_free };
    lgt->maptrack_free = handle;
    if ( used )
        lgt->maptrack_used--;
    spin_unlock(&lgt->lock);
}

/* --- The mapper's PTE. */

/* The PTE the op names, in an L1 table of d; NULL if there is none. */
static intpte_t *mapping_pte(struct domain *d, uint64_t addr, uint32_t flags)
{
    struct page_info *l1pg;
    intpte_t *pe;

    if ( flags & GNTMAP_contains_pte )
    {
        mfn_t mfn = addr >> PAGE_SHIFT;

        if ( (addr & 7) || !mfn_valid(mfn) )
            return NULL;
        l1pg = mfn_to_page(mfn);
        pe = (intpte_t *)mfn_to_virt(mfn) + ((addr & ~PAGE_MASK) >> 3);
    }
    else
    {
        if ( addr >= HYPERVISOR_VIRT_START && addr < HYPERVISOR_VIRT_END )
            return NULL;
        pe = guest_l1e_of(current, addr, &l1pg);
        if ( !pe )
            return NULL;
    }
    if ( l1pg->owner != d ||
         (l1pg->u.inuse.type_info & (PGT_type_mask | PGT_validated)) !=
         (PGT_l1_page_table | PGT_validated) )
        return NULL;
    return pe;
}

static intpte_t grant_pte(unsigned long mfn, uint32_t flags)
{
    intpte_t e = ((intpte_t)mfn << PAGE_SHIFT) | _PAGE_PRESENT | _PAGE_USER |
                 _PAGE_ACCESSED | _PAGE_DIRTY | put_pte_flags(_PAGE_GNTTAB | _PAGE_NX);

    if ( !(flags & GNTMAP_readonly) )
        e |= _PAGE_RW;
    return e;
}

/*
 * A mapping named by virtual address needs one page flushed here; one
 * named by PTE address may map anything, so everything goes.
 */
static void flush_mapping(struct domain *ld, uint64_t addr, uint32_t flags)
{
    if ( flags & GNTMAP_contains_pte )
        flush_tlb_mask(&ld->arch.dirty_cpumask);
    else
        flush_tlb_va_mask(&ld->arch.dirty_cpumask, addr);
}

/* --- map_grant_ref. */

/*
 * Never two grant-table locks at once (a domain may map from a domain
 * that maps from it): the mapper's maptrack slot is reserved, the
 * granter's entry acquired, and the slot filled, each under its own lock.
 * The mapper's mm_lock, taken first, keeps its page tables still.
 *
 * The checks come in Xen's order, so that a request with several faults
 * gets Xen's answer: the map kind, the granter's id (a real one:
 * DOMID_SELF is refused), a maptrack slot, the grant itself, and only
 * then the mapper's PTE.
 */
static int16_t map_one(struct domain *ld, gnttab_map_grant_ref_t *op)
{
    struct grant_table *lgt = ld->grant_table, *rgt;
    bool ro = op->flags & GNTMAP_readonly;
    struct domain *rd;
    unsigned long mfn = 0;
    intpte_t *pe, old;
    int16_t rc;
    int handle;

    if ( !(op->flags & (GNTMAP_host_map | GNTMAP_device_map)) )
        return GNTST_bad_gntref;
    rd = get_domain_by_id(op->dom);
    if ( !rd )
        return GNTST_bad_domain;
    rgt = rd->grant_table;

    spin_lock(&ld->arch.mm_lock);
    handle = maptrack_reserve(lgt);
    if ( handle < 0 )
    {
        rc = GNTST_no_space;
        goto out;
    }
    spin_lock(&rgt->lock);
    rc = gnttab_acquire(rd, op->ref, ld->domain_id, ro, &mfn);
    spin_unlock(&rgt->lock);
    if ( rc != GNTST_okay )
    {
        maptrack_free(lgt, handle, false);
        goto out;
    }
    if ( op->flags & GNTMAP_host_map )
    {
        pe = mapping_pte(ld, op->host_addr, op->flags);
        if ( !pe || (ACCESS_ONCE(*pe) & put_pte_flags(_PAGE_GNTTAB)) )
        {
            spin_lock(&rgt->lock);
            gnttab_release(rd, op->ref, ro);
            spin_unlock(&rgt->lock);
            maptrack_free(lgt, handle, false);
            rc = GNTST_general_error;
            goto out;
        }
        old = __atomic_exchange_n(pe, grant_pte(mfn, op->flags), __ATOMIC_ACQ_REL);
        put_page_from_l1e(old);
        /* Only a translation that existed can be stale. */
        if ( old & _PAGE_PRESENT )
            flush_mapping(ld, op->host_addr, op->flags);
    }
    spin_lock(&lgt->lock);
    *maptrack_entry(lgt, handle) = (struct grant_mapping){
        .ref = op->ref, .domid = rd->domain_id, .mfn = mfn, .granter = rd,
        .flags = (op->flags & (GNTMAP_readonly | GNTMAP_host_map |
                               GNTMAP_device_map | GNTMAP_contains_pte)) |
                 MAPTRACK_IN_USE,
    };
    lgt->maptrack_used++;
    spin_unlock(&lgt->lock);
    get_domain_ref(rd);                 /* held by the mapping */
    op->handle = handle;
    op->dev_bus_addr = (uint64_t)mfn << PAGE_SHIFT;
    rc = GNTST_okay;
 out:
    spin_unlock(&ld->arch.mm_lock);
    put_domain(rd);
    return rc;
}

long gnttab_map(XEN_GUEST_HANDLE_PARAM(void) uop, unsigned int count)
{
    XEN_GUEST_HANDLE(gnttab_map_grant_ref_t) h = { (gnttab_map_grant_ref_t *)uop.p };
    struct domain *ld = current->domain;
    gnttab_map_grant_ref_t op;
    unsigned int i;

    for ( i = 0; i < count; i++ )
    {
        if ( copy_from_guest_offset(&op, h, i, 1) )
            return -EFAULT;
        op.status = map_one(ld, &op);
        if ( copy_to_guest_offset(h, i, &op, 1) )
            return -EFAULT;
    }
    return 0;
}

/* --- unmap_grant_ref. */

/* Gives back what mapping m held (no lock of the mapper held). */
static void release_mapping(const struct grant_mapping *m)
{
    struct domain *rd = m->granter;

    spin_lock(&rd->grant_table->lock);
    gnttab_release(rd, m->ref, m->flags & GNTMAP_readonly);
    spin_unlock(&rd->grant_table->lock);
    put_domain(rd);
}

/*
 * unmap_and_replace's other half: takes the PTE that maps new_addr (by
 * virtual address) out of its L1 table, leaving that address unmapped.
 * The entry keeps the references it holds; they go with it to wherever it
 * is stored next.  -1 if new_addr has no L1 entry of ours.
 */
static int steal_pte(struct domain *ld, uint64_t new_addr, intpte_t *stolen)
{
    intpte_t *pe = mapping_pte(ld, new_addr, 0);

    if ( !pe )
        return -1;
    *stolen = __atomic_exchange_n(pe, 0, __ATOMIC_ACQ_REL);
    if ( *stolen & _PAGE_PRESENT )
        flush_mapping(ld, new_addr, 0);
    return 0;
}

/*
 * As on Xen, an unmap undoes what it names: the host mapping if host_addr
 * is given (it must be this grant's PTE), the device mapping if
 * dev_bus_addr is given (it must be the frame's address).  Naming neither
 * succeeds and changes nothing.  The grant is released with the last of
 * the two.
 *
 * With a new_addr (unmap_and_replace) the grant PTE is replaced by the
 * PTE that mapped new_addr, and new_addr is left unmapped, as Xen does for
 * PV: only for mappings made by virtual address, and new_addr is cleared
 * even when the replace then fails (its entry is dropped then).
 */
static int16_t unmap_one(struct domain *ld, gnttab_unmap_grant_ref_t *op,
                         uint64_t new_addr)
{
    struct grant_table *lgt = ld->grant_table;
    struct grant_mapping m;
    intpte_t *pe, e, stolen = 0;
    bool flush = false;
    int16_t rc = GNTST_okay;

    spin_lock(&ld->arch.mm_lock);
    spin_lock(&lgt->lock);
    if ( op->handle >= lgt->maptrack_size ||
         !(maptrack_entry(lgt, op->handle)->flags & MAPTRACK_IN_USE) )
    {
        spin_unlock(&lgt->lock);
        rc = GNTST_bad_handle;
        goto out;
    }
    m = *maptrack_entry(lgt, op->handle);
    if ( op->dev_bus_addr && (m.flags & GNTMAP_device_map) &&
         op->dev_bus_addr != ((uint64_t)m.mfn << PAGE_SHIFT) )
    {
        spin_unlock(&lgt->lock);
        rc = GNTST_bad_dev_addr;
        goto out;
    }
    if ( op->host_addr && (m.flags & GNTMAP_host_map) )
    {
        if ( new_addr && ((m.flags & GNTMAP_contains_pte) ||
                          steal_pte(ld, new_addr, &stolen)) )
        {
            spin_unlock(&lgt->lock);
            rc = GNTST_general_error;
            goto out;
        }
        pe = mapping_pte(ld, op->host_addr, m.flags);
        e = pe ? ACCESS_ONCE(*pe) : 0;
        /* It must be this grant's PTE, or the guest is confused. */
        if ( !pe || !(e & put_pte_flags(_PAGE_GNTTAB)) ||
             ((e & PTE_ADDR_MASK) >> PAGE_SHIFT) != m.mfn )
        {
            spin_unlock(&lgt->lock);
            put_page_from_l1e(stolen);
            rc = GNTST_general_error;
            goto out;
        }
        __atomic_store_n(pe, stolen, __ATOMIC_RELEASE);
        m.flags &= ~GNTMAP_host_map;
        flush = true;
    }
    if ( op->dev_bus_addr )
        m.flags &= ~GNTMAP_device_map;
    if ( m.flags & (GNTMAP_host_map | GNTMAP_device_map) )
    {
        /* Half of the mapping is left: it keeps the grant. */
        maptrack_entry(lgt, op->handle)->flags = m.flags;
        spin_unlock(&lgt->lock);
        if ( flush )
            flush_mapping(ld, op->host_addr, m.flags | GNTMAP_host_map);
        goto out;
    }
    maptrack_entry(lgt, op->handle)->flags = MAPTRACK_RESERVED;
    spin_unlock(&lgt->lock);
    /* No CPU may keep the translation once the references go. */
    if ( flush )
        flush_mapping(ld, op->host_addr, m.flags | GNTMAP_host_map);
    release_mapping(&m);
    maptrack_free(lgt, op->handle, true);
 out:
    spin_unlock(&ld->arch.mm_lock);
    return rc;
}

long gnttab_unmap(XEN_GUEST_HANDLE_PARAM(void) uop, unsigned int count)
{
    XEN_GUEST_HANDLE(gnttab_unmap_grant_ref_t) h = { (gnttab_unmap_grant_ref_t *)uop.p };
    struct domain *ld = current->domain;
    gnttab_unmap_grant_ref_t op;
    unsigned int i;

    for ( i = 0; i < count; i++ )
    {
        if ( copy_from_guest_offset(&op, h, i, 1) )
            return -EFAULT;
        op.status = unmap_one(ld, &op, 0);
        if ( copy_to_guest_offset(h, i, &op, 1) )
            return -EFAULT;
    }
    return 0;
}

long gnttab_unmap_and_replace(XEN_GUEST_HANDLE_PARAM(void) uop, unsigned int count)
{
    XEN_GUEST_HANDLE(gnttab_unmap_and_replace_t) h =
        { (gnttab_unmap_and_replace_t *)uop.p };
    struct domain *ld = current->domain;
    gnttab_unmap_and_replace_t op;
    unsigned int i;

    for ( i = 0; i < count; i++ )
    {
        gnttab_unmap_grant_ref_t u;

        if ( copy_from_guest_offset(&op, h, i, 1) )
            return -EFAULT;
        /* The device side of a mapping is not touched. */
        u = (gnttab_unmap_grant_ref_t){ .host_addr = op.host_addr,
                                        .handle = op.handle };
        op.status = unmap_one(ld, &u, op.new_addr);
        if ( copy_to_guest_offset(h, i, &op, 1) )
            return -EFAULT;
    }
    return 0;
}

/*
 * The mapper is dying: its page tables are going away, so only the
 * references and pins are dropped (grant PTEs never hold any of their own).
 */
void gnttab_release_mappings(struct domain *d)
{
    struct grant_table *gt = d->grant_table;
    unsigned int i;

    if ( !gt )
        return;
    /* Nothing runs in the dying domain: no lock of its own is needed. */
    for ( i = 0; i < gt->maptrack_size; i++ )
        if ( maptrack_entry(gt, i)->flags & MAPTRACK_IN_USE )
        {
            struct grant_mapping m = *maptrack_entry(gt, i);

            *maptrack_entry(gt, i) = (struct grant_mapping){ .ref = gt->maptrack_free };
            gt->maptrack_free = i;
            gt->maptrack_used--;
            release_mapping(&m);
        }
}
