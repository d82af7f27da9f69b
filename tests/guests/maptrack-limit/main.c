/*
 * maptrack-limit: the mapper's side of the grant-table limits.  Booted
 * with gnttab_max_maptrack_frames=1 on both hypervisors (guests.list), so
 * dom0 may hold one maptrack frame's worth of mappings.
 *
 * Proves: with one frame, 255 or 256 device mappings succeed (Xen keeps
 * one record of its per-vCPU free list as the tail, Tessera does not),
 * each on its own grant ref of one frame of ours; the next is refused with
 * GNTST_no_space and changes neither the grant entry nor the page;
 * unmapping one handle lets one more map in, and only one; a handle past
 * the limit is GNTST_bad_handle; once everything is unmapped every entry
 * is idle again and may be revoked, and mapping works again.
 */
#include "guest.h"
#include <xen/grant_table.h>

const char test_name[] = "maptrack-limit";

#define NR_REFS        320             /* more than one maptrack frame allows */
#define FIRST_REF      8               /* refs below are the toolstack's */
#define XEN_PER_FRAME  256

static grant_entry_v1_t *gtab;
static grant_handle_t handles[NR_REFS];

static int16_t map_device(grant_ref_t ref, grant_handle_t *handle, uint64_t *bus)
{
    gnttab_map_grant_ref_t op = { .flags = GNTMAP_device_map | GNTMAP_readonly,
                                  .ref = ref, .dom = 0, .status = 99 };

    if ( HYPERVISOR_grant_table_op(GNTTABOP_map_grant_ref, &op, 1) )
        report_failure("map_grant_ref hypercall failed for ref %u", ref);
    *handle = op.handle;
    *bus = op.dev_bus_addr;
    return op.status;
}

static int16_t unmap_device(grant_handle_t handle, uint64_t bus)
{
    gnttab_unmap_grant_ref_t op = { .dev_bus_addr = bus, .handle = handle, .status = 99 };

    if ( HYPERVISOR_grant_table_op(GNTTABOP_unmap_grant_ref, &op, 1) )
        report_failure("unmap_grant_ref hypercall failed for handle %u", handle);
    return op.status;
}

static uint16_t entry_flags(grant_ref_t ref)
{
    return __atomic_load_n(&gtab[ref].flags, __ATOMIC_SEQ_CST);
}

void test_main(void)
{
    gnttab_setup_table_t st = { .dom = DOMID_SELF, .nr_frames = 1 };
    xen_pfn_t frame;
    uint64_t page_mfn, bus = 0, spare_bus;
    volatile uint64_t *page = zeroed_frame(&page_mfn);
    grant_handle_t spare;
    unsigned int i, mapped = 0, idle = 0;
    int16_t rc = GNTST_okay;

    set_xen_guest_handle(st.frame_list, &frame);
    if ( !check_eq(HYPERVISOR_grant_table_op(GNTTABOP_setup_table, &st, 1), 0, "setup_table") ||
         !check_eq(st.status, GNTST_okay, "  status") )
        return;
    gtab = map_frame(frame, PAGE_RW_FLAGS | _PAGE_NX);
    page[0] = 0x6d61707472616b21UL;
    for ( i = 0; i < NR_REFS; i++ )
    {
        gtab[FIRST_REF + i].frame = page_mfn;
        gtab[FIRST_REF + i].domid = 0;
        __atomic_store_n(&gtab[FIRST_REF + i].flags, GTF_permit_access | GTF_readonly,
                         __ATOMIC_SEQ_CST);
    }

    /* Fill the maptrack: every ref mapped once, until the hypervisor says no. */
    for ( i = 0; i < NR_REFS; i++ )
    {
        rc = map_device(FIRST_REF + i, &handles[i], &bus);
        if ( rc != GNTST_okay )
            break;
        mapped++;
        if ( bus != page_mfn << 12 )
            report_failure("map %u: dev_bus_addr %#lx, not the page's", i, (unsigned long)bus);
    }
    printk("maptrack full after %u mappings\n", mapped);
    check(mapped == XEN_PER_FRAME - 1 || mapped == XEN_PER_FRAME,
          "one maptrack frame holds 255 or 256 mappings (%u)", mapped);
    if ( !check_eq(rc, GNTST_no_space, "the next map is refused with GNTST_no_space") )
        return;
    check_eq(entry_flags(FIRST_REF + mapped), GTF_permit_access | GTF_readonly,
             "  the refused ref is not marked in use");
    check_eq(entry_flags(FIRST_REF), GTF_permit_access | GTF_readonly | GTF_reading,
             "  a mapped ref is in use (reading)");

    /* One handle back, one map in. */
    check_eq(unmap_device(handles[0], page_mfn << 12), GNTST_okay, "unmap the first handle");
    check_eq(map_device(FIRST_REF + mapped, &spare, &spare_bus), GNTST_okay,
             "  now the refused ref maps");
    check_eq(map_device(FIRST_REF + mapped + 1, &handles[NR_REFS - 1], &bus), GNTST_no_space,
             "  and the one after it does not");
    check_eq(unmap_device(XEN_PER_FRAME + 1, page_mfn << 12), GNTST_bad_handle,
             "a handle past the limit is bad");
    check_eq(unmap_device(0xffff, page_mfn << 12), GNTST_bad_handle, "so is handle 0xffff");

    /* Everything back. */
    check_eq(unmap_device(spare, spare_bus), GNTST_okay, "unmap the extra mapping");
    for ( i = 1; i < mapped; i++ )
        if ( unmap_device(handles[i], page_mfn << 12) != GNTST_okay )
            report_failure("unmap of handle %u failed", handles[i]);
    for ( i = 0; i < NR_REFS; i++ )
        idle += entry_flags(FIRST_REF + i) == (GTF_permit_access | GTF_readonly);
    check_eq(idle, NR_REFS, "every entry is idle after the unmaps");
    check_eq(map_device(FIRST_REF, &spare, &bus), GNTST_okay, "mapping works again");
    check_eq(unmap_device(spare, bus), GNTST_okay, "  and unmapping");
    check_eq(page[0], 0x6d61707472616b21UL, "the granted page is untouched");
    for ( i = 0; i < NR_REFS; i++ )
        __atomic_store_n(&gtab[FIRST_REF + i].flags, 0, __ATOMIC_SEQ_CST);
}
