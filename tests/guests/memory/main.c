/*
 * memory: the memory_op subops a PV dom0 relies on.
 *
 * Proves: machine_memory_map returns a host map with RAM in it (dom0);
 * memory_map has nothing for a PV dom0 (-ENOSYS); current_reservation equals
 * start_info.nr_pages and maximum_reservation is no smaller;
 * maximum_ram_page and machphys_mapping are sane (the M2P at
 * HYPERVISOR_VIRT_START); decrease_reservation gives one of our frames
 * back and lowers the reservation, refuses a frame that is not ours, and
 * populate_physmap brings a frame back that we can map and use.
 */
#include "guest.h"

const char test_name[] = "memory";

struct e820entry {
    uint64_t addr, size;
    uint32_t type;
} __attribute__((packed));

static struct e820entry map[64];
static char window[PAGE_SIZE] __aligned(PAGE_SIZE);

static long reservation(unsigned int cmd)
{
    struct xen_memory_domain d = { .domid = DOMID_SELF };

    return HYPERVISOR_memory_op(cmd, &d);
}

static void test_maps(void)
{
    struct xen_memory_map m = { .nr_entries = ARRAY_SIZE(map) };
    unsigned int i, ram = 0;
    long rc;

    set_xen_guest_handle(m.buffer, map);
    check_eq(HYPERVISOR_memory_op(XENMEM_machine_memory_map, &m), 0, "machine_memory_map");
    for ( i = 0; i < m.nr_entries && i < ARRAY_SIZE(map); i++ )
    {
        printk("  host %016lx - %016lx type %u\n", map[i].addr,
               map[i].addr + map[i].size, map[i].type);
        ram += map[i].type == 1;
    }
    check(m.nr_entries > 0 && ram > 0, "the host map has %u entries, %u RAM", m.nr_entries, ram);

    /* Xen 4.17 keeps no pseudo-physical map for a PV dom0; Linux uses the host's. */
    m.nr_entries = ARRAY_SIZE(map);
    rc = HYPERVISOR_memory_op(XENMEM_memory_map, &m);
    check_eq(rc, -XEN_ENOSYS, "memory_map of a PV dom0");
}

static void test_limits(void)
{
    struct xen_machphys_mapping mm;
    long cur = reservation(XENMEM_current_reservation);
    long max = reservation(XENMEM_maximum_reservation);
    long top = HYPERVISOR_memory_op(XENMEM_maximum_ram_page, NULL);

    check_eq(cur, start_info->nr_pages, "current_reservation is nr_pages");
    check(max >= cur, "maximum_reservation %ld >= current %ld", max, cur);
    check(top > 0 && (uint64_t)top >= pfn_to_mfn(0), "maximum_ram_page %#lx", top);
    check_eq(HYPERVISOR_memory_op(XENMEM_machphys_mapping, &mm), 0, "machphys_mapping");
    check_eq(mm.v_start, HYPERVISOR_VIRT_START, "  the M2P starts at HYPERVISOR_VIRT_START");
    check(mm.max_mfn >= (uint64_t)top - 1, "  and covers every RAM frame");
    check_eq(HYPERVISOR_memory_op(0x7777, NULL), -XEN_ENOSYS, "unknown memory_op");
}

static long reserve(unsigned int cmd, xen_pfn_t *frame)
{
    struct xen_memory_reservation r = {
        .nr_extents = 1, .extent_order = 0, .domid = DOMID_SELF,
    };

    set_xen_guest_handle(r.extent_start, frame);
    return HYPERVISOR_memory_op(cmd, &r);
}

static void test_round_trip(void)
{
    long before = reservation(XENMEM_current_reservation);
    xen_pfn_t mfn = alloc_frame(), pfn = mfn_to_pfn(mfn), bogus = 0xfffffffffUL, new_mfn;

    check_eq(reserve(XENMEM_decrease_reservation, &bogus), 0,
             "decrease_reservation of a frame that is not ours does nothing");
    check_eq(reserve(XENMEM_decrease_reservation, &mfn), 1,
             "decrease_reservation gives one frame back");
    check_eq(reservation(XENMEM_current_reservation), before - 1, "  the reservation shrank");
    check(map_frame(mfn, PAGE_RO_FLAGS) == NULL, "  and the frame can no longer be mapped");

    /* In: the pfn to fill.  Out (PV): the machine frame that now backs it. */
    new_mfn = pfn;
    check_eq(reserve(XENMEM_populate_physmap, &new_mfn), 1, "populate_physmap brings one back");
    check_eq(reservation(XENMEM_current_reservation), before, "  the reservation is whole again");
    check_eq(mfn_to_pfn(new_mfn), pfn, "  the hypervisor set the M2P entry of the new frame");
    ((uint64_t *)start_info->mfn_list)[pfn] = new_mfn;
    check_eq(set_pte_va(window, (new_mfn << 12) | PAGE_RW_FLAGS, UVMF_INVLPG), 0,
             "  the new frame maps writable");
    window[0] = 42;
    check_eq(((volatile char *)window)[0], 42, "  and holds data");
}

void test_main(void)
{
    test_maps();
    test_limits();
    test_round_trip();
}
