/*
 * hello: the minimum a PV dom0 kernel gets from the hypervisor.
 *
 * Proves: the guest is entered at its ENTRY note with start_info in RSI
 * and a sane start_info (magic, dom0 flags, page tables, P2M); console_io
 * write reaches the serial console; xen_version answers every subop Linux
 * queries (version, extraversion, capabilities, changeset, platform
 * parameters, pagesize, get_features with the bits Linux 6.1 panics
 * without, and -EINVAL for a feature submap that does not exist); the
 * hypercall-number space is closed (-ENOSYS); SCHEDOP_shutdown ends the run.
 */
#include "guest.h"

const char test_name[] = "hello";

static void test_start_info(void)
{
    check(!strncmp(start_info->magic, "xen-3.0-x86_64", 14),
          "start_info magic \"%.14s\" starts with xen-3.0-x86_64", start_info->magic);
    check((start_info->flags & (SIF_PRIVILEGED | SIF_INITDOMAIN)) ==
          (SIF_PRIVILEGED | SIF_INITDOMAIN), "dom0 is privileged and initial");
    check(start_info->pt_base >= GUEST_VIRT_BASE && !(start_info->pt_base & 0xfff),
          "pt_base %#lx is a page of our virtual region", start_info->pt_base);
    check(start_info->nr_pt_frames >= 4, "at least 4 bootstrap page-table frames (%lu)",
          start_info->nr_pt_frames);
    check(mfn_to_pfn(pfn_to_mfn(0)) == 0 && mfn_to_pfn(pfn_to_mfn(5)) == 5,
          "P2M and M2P agree on pfns 0 and 5");
    check(pt_walk(start_info->pt_base, 1, NULL) & _PAGE_PRESENT,
          "the bootstrap tables map themselves");
    check(!(pt_walk(start_info->pt_base, 1, NULL) & _PAGE_RW),
          "the bootstrap tables are mapped read-only");
}

static void test_version(void)
{
    long v = HYPERVISOR_xen_version(XENVER_version, NULL);
    char extra[XEN_EXTRAVERSION_LEN];
    xen_capabilities_info_t caps;
    xen_changeset_info_t cs;
    struct xen_platform_parameters pp;

    check(v >= 0x30000, "xen_version(version) = %ld.%ld, at least 3.0", v >> 16, v & 0xffff);
    printk("  hypervisor version %ld.%ld\n", v >> 16, v & 0xffff);
    memset(extra, 0xff, sizeof(extra));
    check_eq(HYPERVISOR_xen_version(XENVER_extraversion, extra), 0, "extraversion");
    check(memchr(extra, 0, sizeof(extra)) != NULL, "extraversion is NUL-terminated");
    check_eq(HYPERVISOR_xen_version(XENVER_capabilities, caps), 0, "capabilities");
    check(strstr(caps, "xen-3.0-x86_64") != NULL, "capabilities \"%s\" list xen-3.0-x86_64", caps);
    check_eq(HYPERVISOR_xen_version(XENVER_changeset, cs), 0, "changeset");
    check_eq(HYPERVISOR_xen_version(XENVER_platform_parameters, &pp), 0,
             "platform_parameters");
    check(pp.virt_start == HYPERVISOR_VIRT_START,
          "hypervisor virt_start %#lx is %#lx", pp.virt_start, HYPERVISOR_VIRT_START);
    check_eq(HYPERVISOR_xen_version(XENVER_pagesize, NULL), PAGE_SIZE, "pagesize");
}

static void test_features(void)
{
    struct xen_feature_info fi = { .submap_idx = 0 };

    check_eq(HYPERVISOR_xen_version(XENVER_get_features, &fi), 0, "get_features submap 0");
    printk("  features submap 0: %#x\n", fi.submap);
    check(fi.submap & (1u << XENFEAT_mmu_pt_update_preserve_ad),
          "feature mmu_pt_update_preserve_ad (Linux panics without)");
    check(fi.submap & (1u << XENFEAT_gnttab_map_avail_bits),
          "feature gnttab_map_avail_bits (Linux panics without)");
    check(fi.submap & (1u << XENFEAT_dom0), "feature dom0 for the initial domain");
    check(!(fi.submap & (1u << XENFEAT_auto_translated_physmap)),
          "a PV guest is not auto-translated");
    check(!(fi.submap & (1u << XENFEAT_writable_page_tables)),
          "page tables are not plainly writable");
    fi.submap_idx = 1;
    check_eq(HYPERVISOR_xen_version(XENVER_get_features, &fi), -XEN_EINVAL,
             "get_features submap 1 does not exist");
}

static void test_closed_numbers(void)
{
    check_eq(hypercall0(11), -XEN_ENOSYS, "retired hypercall 11");
    check_eq(hypercall0(47), -XEN_ENOSYS, "unassigned hypercall 47");
    check_eq(hypercall0(64), -XEN_ENOSYS, "hypercall 64, past the table");
    check_eq(HYPERVISOR_xen_version(0x7777, NULL), -XEN_ENOSYS, "unknown xen_version subop");
}

static void test_console(void)
{
    static const char msg[] = "  console_io: a write of an exact length\n";

    check_eq(HYPERVISOR_console_io(CONSOLEIO_write, sizeof(msg) - 1, msg), 0,
             "console_io write returns 0");
    check_eq(HYPERVISOR_console_io(0x55, 0, NULL), -XEN_ENOSYS, "unknown console_io op");
}

void test_main(void)
{
    test_start_info();
    test_version();
    test_features();
    test_closed_numbers();
    test_console();
}
