/*
 * grants: grant tables v1, with dom0 granting pages to itself, as Xen 4.17
 * handles them.
 *
 * Proves: query_size reports one frame before any setup (and the limit,
 * 64); get_version says 1 (-ESRCH for a missing domain); set_version
 * refuses 3 (-EINVAL) and answers 2 with 0 (Xen) or -ENOSYS (Tessera,
 * which, like Xen with gnttab=max-ver:1, offers v1 only), 1 always works;
 * setup_table returns frames we can map and write entries into, and
 * refuses 65 frames (general_error), a missing domain (bad_domain), a
 * frame list in the hypervisor's range (-EFAULT) and count != 1 (-EINVAL).
 * A self-grant maps by virtual address (data shared both ways,
 * dev_bus_addr = the frame's machine address, GTF_reading|GTF_writing set
 * for the granter while mapped, so its revocation protocol fails, and
 * cleared by unmap, after which it succeeds); a readonly grant maps
 * readonly (writes fault) and refuses a writable map; a map by PTE machine
 * address (GNTMAP_contains_pte) and a device-only map work; unmap leaves
 * a mapping alone when told nothing to undo (host_addr 0 / dev_bus_addr
 * 0), refuses the wrong address (general_error), a wrong bus address
 * (bad_dev_addr) and bad handles (bad_handle); map refuses bad refs
 * (bad_gntref), no map kind (bad_gntref), a missing domain or DOMID_SELF
 * (bad_domain), an entry not granted to us (general_error) and a bad host
 * address (general_error, after the ref checks).  Grant copy moves bytes
 * exactly, for many sizes and offsets, gref->frame, frame->gref and
 * gref->gref, and refuses offset+len beyond the page (bad_copy_arg, but a
 * bad ref is reported first), a frame named by our numeric id
 * (permission_denied: frames only with DOMID_SELF), a frame we do not own
 * (bad_page), a readonly grant as destination and a page table as
 * destination frame (general_error).  unmap_and_replace puts the PTE of
 * new_addr where the grant PTE was and clears new_addr's, releasing the
 * grant; it refuses a bad handle (bad_handle), a mapping made by PTE
 * address (general_error, new_addr untouched) and a host address that is
 * not the grant's (general_error, but new_addr's PTE is gone, as on Xen);
 * with new_addr 0 it is a plain unmap.  Last, a grant PTE overwritten by
 * update_va_mapping: the release build of Xen 4.17 lets it go (the grant
 * stays in use, unmap by that address fails); see the end of the file.
 */
#include "guest.h"
#include <xen/grant_table.h>

const char test_name[] = "grants";

#define NR_FRAMES        4
#define DOMID_NONE_SUCH  77
#define UNMAPPED_VA      0x0000100000004560UL

/* Pages for grant mappings: their PTEs are cleared first. */
static char map_va[4][PAGE_SIZE] __aligned(PAGE_SIZE);
static xen_pfn_t frames[NR_FRAMES];
static grant_entry_v1_t *gtab;          /* the first shared frame */

static uint16_t entry_flags(grant_ref_t ref)
{
    return __atomic_load_n(&gtab[ref].flags, __ATOMIC_SEQ_CST);
}

static void grant(grant_ref_t ref, uint64_t mfn, domid_t to, uint16_t flags)
{
    gtab[ref].frame = mfn;
    gtab[ref].domid = to;
    __atomic_store_n(&gtab[ref].flags, flags, __ATOMIC_SEQ_CST);
}

/* The granter's side of revocation: only an entry nobody uses may go. */
static bool revoke(grant_ref_t ref)
{
    uint16_t f = entry_flags(ref);

    do {
        if ( f & (GTF_reading | GTF_writing) )
            return false;
    } while ( !__atomic_compare_exchange_n(&gtab[ref].flags, &f, 0, false,
                                           __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST) );
    return true;
}

static int16_t map(uint64_t addr, uint32_t flags, grant_ref_t ref, domid_t dom,
                   gnttab_map_grant_ref_t *out)
{
    gnttab_map_grant_ref_t op = { .host_addr = addr, .flags = flags, .ref = ref,
                                  .dom = dom, .status = 99 };
    long rc = HYPERVISOR_grant_table_op(GNTTABOP_map_grant_ref, &op, 1);

    if ( rc )
        report_failure("map_grant_ref hypercall: %ld", rc);
    if ( out )
        *out = op;
    return op.status;
}

static int16_t unmap(uint64_t addr, uint64_t bus, grant_handle_t handle)
{
    gnttab_unmap_grant_ref_t op = { .host_addr = addr, .dev_bus_addr = bus,
                                    .handle = handle, .status = 99 };
    long rc = HYPERVISOR_grant_table_op(GNTTABOP_unmap_grant_ref, &op, 1);

    if ( rc )
        report_failure("unmap_grant_ref hypercall: %ld", rc);
    return op.status;
}

static void test_table(void)
{
    gnttab_query_size_t qs = { .dom = DOMID_SELF };
    gnttab_get_version_t gv = { .dom = DOMID_SELF };
    gnttab_set_version_t sv = { .version = 3 };
    gnttab_setup_table_t st = { .dom = DOMID_SELF, .nr_frames = NR_FRAMES };
    static xen_pfn_t many[65];
    long rc;

    check_eq(HYPERVISOR_grant_table_op(GNTTABOP_query_size, &qs, 1), 0, "query_size");
    check_eq(qs.status, GNTST_okay, "  status");
    check_eq(qs.nr_frames, 1, "  one frame before any setup");
    check_eq(qs.max_nr_frames, 64, "  at most 64");
    qs.dom = DOMID_NONE_SUCH;
    HYPERVISOR_grant_table_op(GNTTABOP_query_size, &qs, 1);
    check_eq(qs.status, GNTST_bad_domain, "query_size of a missing domain");

    check_eq(HYPERVISOR_grant_table_op(GNTTABOP_get_version, &gv, 1), 0, "get_version");
    check_eq(gv.version, 1, "  version 1");
    gv.dom = DOMID_NONE_SUCH;
    check_eq(HYPERVISOR_grant_table_op(GNTTABOP_get_version, &gv, 1), -XEN_ESRCH,
             "get_version of a missing domain");

    check_eq(HYPERVISOR_grant_table_op(GNTTABOP_set_version, &sv, 1), -XEN_EINVAL,
             "set_version(3)");
    check_eq(sv.version, 1, "  reports version 1");
    sv.version = 2;
    rc = HYPERVISOR_grant_table_op(GNTTABOP_set_version, &sv, 1);
    check((rc == 0 && sv.version == 2) || (rc == -XEN_ENOSYS && sv.version == 1),
          "set_version(2): %ld, version %u (Xen: 0/2; v1-only: -ENOSYS/1)", rc, sv.version);
    sv.version = 1;
    check_eq(HYPERVISOR_grant_table_op(GNTTABOP_set_version, &sv, 1), 0, "set_version(1)");
    check_eq(sv.version, 1, "  version 1");

    set_xen_guest_handle(st.frame_list, frames);
    check_eq(HYPERVISOR_grant_table_op(GNTTABOP_setup_table, &st, 1), 0, "setup_table(4)");
    check_eq(st.status, GNTST_okay, "  status");
    gtab = map_frame(frames[0], PAGE_RW_FLAGS | _PAGE_NX);
    check(gtab != NULL, "  frame 0 (mfn %#lx) maps writable", frames[0]);
    qs = (gnttab_query_size_t){ .dom = DOMID_SELF };
    HYPERVISOR_grant_table_op(GNTTABOP_query_size, &qs, 1);
    check_eq(qs.nr_frames, NR_FRAMES, "query_size after setup");

    st.nr_frames = 65;
    set_xen_guest_handle(st.frame_list, many);
    HYPERVISOR_grant_table_op(GNTTABOP_setup_table, &st, 1);
    check_eq(st.status, GNTST_general_error, "setup_table(65)");
    st = (gnttab_setup_table_t){ .dom = DOMID_NONE_SUCH, .nr_frames = 1 };
    set_xen_guest_handle(st.frame_list, many);
    HYPERVISOR_grant_table_op(GNTTABOP_setup_table, &st, 1);
    check_eq(st.status, GNTST_bad_domain, "setup_table of a missing domain");
    st = (gnttab_setup_table_t){ .dom = DOMID_SELF, .nr_frames = 1 };
    set_xen_guest_handle(st.frame_list, (xen_pfn_t *)HYPERVISOR_VIRT_START);
    check_eq(HYPERVISOR_grant_table_op(GNTTABOP_setup_table, &st, 1), -XEN_EFAULT,
             "setup_table with the frame list in the hypervisor's range");
    set_xen_guest_handle(st.frame_list, many);
    check_eq(HYPERVISOR_grant_table_op(GNTTABOP_setup_table, &st, 2), -XEN_EINVAL,
             "setup_table with count 2");
    check_eq(HYPERVISOR_grant_table_op(99, &st, 1), -XEN_ENOSYS, "unknown GNTTABOP");
}

static uint64_t pte_of(void *va)
{
    return pt_walk((uint64_t)va, 1, NULL);
}

static void test_map(void)
{
    gnttab_map_grant_ref_t m;
    uint64_t page_mfn, ro_mfn, pte_maddr, fault = 0;
    char *page, *ro, *va = map_va[0], *va2 = map_va[1];
    volatile char *mv;
    unsigned int i;

    for ( i = 0; i < ARRAY_SIZE(map_va); i++ )
        set_pte_va(map_va[i], 0, UVMF_INVLPG);
    page = zeroed_frame(&page_mfn);
    ro = zeroed_frame(&ro_mfn);
    memcpy(page, "granted page", 13);
    memcpy(ro, "readonly page", 14);
    grant(10, page_mfn, 0, GTF_permit_access);
    grant(11, ro_mfn, 0, GTF_permit_access | GTF_readonly);
    grant(12, page_mfn, 5, GTF_permit_access);          /* for someone else */
    grant(13, page_mfn, 0, GTF_invalid);

    /* By virtual address. */
    if ( !check_eq(map((uint64_t)va, GNTMAP_host_map, 10, 0, &m), GNTST_okay, "map ref 10 at a VA") )
        return;
    check_eq(m.dev_bus_addr, page_mfn << 12, "  dev_bus_addr is the frame's address");
    check_eq(pte_mfn(pte_of(va)), page_mfn, "  the PTE maps the granted frame");
    check(pte_of(va) & _PAGE_RW, "  writable");
    check(!memcmp(va, "granted page", 13), "  the mapping shows the page");
    mv = va;
    mv[100] = 42;
    check_eq(page[100], 42, "  a write through it reaches the page");
    check_eq(entry_flags(10) & (GTF_reading | GTF_writing), GTF_reading | GTF_writing,
             "  the granter sees GTF_reading|GTF_writing");
    check(!revoke(10), "  so revocation while mapped fails");
    check_eq(unmap((uint64_t)va2, 0, m.handle), GNTST_general_error, "unmap at the wrong address");
    check_eq(unmap((uint64_t)UNMAPPED_VA, 0, m.handle), GNTST_general_error,
             "unmap at an address without a PTE");
    check_eq(unmap(0, 0, m.handle), GNTST_okay, "unmap with nothing to undo (host_addr 0)");
    check_eq(pte_mfn(pte_of(va)), page_mfn, "  leaves the mapping");
    check_eq(unmap((uint64_t)va, 0, m.handle + 1000), GNTST_bad_handle, "unmap of handle+1000");
    check_eq(unmap((uint64_t)va, 0, ~0U), GNTST_bad_handle, "unmap of handle 0xffffffff");
    check_eq(unmap((uint64_t)va, 0, m.handle), GNTST_okay, "unmap");
    check(!(pte_of(va) & _PAGE_PRESENT), "  the PTE is gone");
    check_eq(entry_flags(10), GTF_permit_access, "  the entry is idle again");
    check_eq(unmap((uint64_t)va, 0, m.handle), GNTST_bad_handle, "a second unmap");
    check(revoke(10), "revocation now succeeds");
    grant(10, page_mfn, 0, GTF_permit_access);

    /* Readonly. */
    check_eq(map((uint64_t)va, GNTMAP_host_map, 11, 0, &m), GNTST_general_error,
             "writable map of a readonly grant");
    check_eq(entry_flags(11), GTF_permit_access | GTF_readonly, "  leaves the entry idle");
    check_eq(map((uint64_t)va, GNTMAP_host_map | GNTMAP_readonly, 11, 0, &m), GNTST_okay,
             "readonly map of the readonly grant");
    check_eq(entry_flags(11), GTF_permit_access | GTF_readonly | GTF_reading,
             "  GTF_reading only");
    check(!(pte_of(va) & _PAGE_RW) && !memcmp(va, "readonly page", 14),
          "  a readonly mapping of the page");
    asm volatile (FAULT_ASM("movb $1, (%1)") : "+a" (fault) : "r" (va) : "memory");
    check_eq(fault_vector(fault), X86_EXC_PF, "  a write through it faults");
    check_eq(unmap((uint64_t)va, 0, m.handle), GNTST_okay, "unmap it");
    check_eq(entry_flags(11), GTF_permit_access | GTF_readonly, "  idle again");

    /* By PTE machine address. */
    pt_walk((uint64_t)va2, 1, &pte_maddr);
    check_eq(map(pte_maddr, GNTMAP_host_map | GNTMAP_contains_pte, 10, 0, &m), GNTST_okay,
             "map ref 10 by PTE address");
    check(!memcmp(va2, "granted page", 13), "  the VA of that PTE shows the page");
    check_eq(unmap(pte_maddr + 8, 0, m.handle), GNTST_general_error,
             "unmap by the neighbouring PTE's address");
    check_eq(map(pte_maddr + 4, GNTMAP_host_map | GNTMAP_contains_pte, 10, 0, NULL),
             GNTST_general_error, "map by a misaligned PTE address");
    check_eq(unmap(pte_maddr, 0, m.handle), GNTST_okay, "unmap by PTE address");
    check(!(pte_of(va2) & _PAGE_PRESENT), "  the PTE is gone");

    /* Device only. */
    check_eq(map(0, GNTMAP_device_map, 10, 0, &m), GNTST_okay, "device-only map");
    check_eq(m.dev_bus_addr, page_mfn << 12, "  dev_bus_addr");
    check_eq(entry_flags(10), GTF_permit_access | GTF_reading | GTF_writing,
             "  the entry is in use");
    check_eq(unmap(0, 0, m.handle), GNTST_okay, "unmap with dev_bus_addr 0");
    check_eq(entry_flags(10), GTF_permit_access | GTF_reading | GTF_writing,
             "  does nothing");
    check_eq(unmap(0, (page_mfn + 1) << 12, m.handle), GNTST_bad_dev_addr,
             "unmap with the wrong bus address");
    check_eq(unmap(0, page_mfn << 12, m.handle), GNTST_okay, "unmap with the bus address");
    check_eq(entry_flags(10), GTF_permit_access, "  idle again");

    /* Refusals. */
    check_eq(map((uint64_t)va, GNTMAP_host_map, NR_FRAMES * 512, 0, NULL), GNTST_bad_gntref,
             "map of the first ref past the table");
    check_eq(map((uint64_t)va, GNTMAP_host_map, ~0U, 0, NULL), GNTST_bad_gntref, "map of ref 0xffffffff");
    check_eq(map((uint64_t)va, 0, 10, 0, NULL), GNTST_bad_gntref, "map with neither host nor device");
    check_eq(map((uint64_t)va, GNTMAP_host_map, 10, DOMID_NONE_SUCH, NULL), GNTST_bad_domain,
             "map from a missing domain");
    check_eq(map((uint64_t)va, GNTMAP_host_map, 10, DOMID_SELF, NULL), GNTST_bad_domain,
             "map from DOMID_SELF (a real id is needed)");
    check_eq(map((uint64_t)va, GNTMAP_host_map, 12, 0, NULL), GNTST_general_error,
             "map of an entry granted to another domain");
    check_eq(map((uint64_t)va, GNTMAP_host_map, 13, 0, NULL), GNTST_general_error,
             "map of an invalid entry");
    check_eq(map(UNMAPPED_VA, GNTMAP_host_map, 10, 0, NULL), GNTST_general_error,
             "map at an address without a PTE");
    check_eq(map(HYPERVISOR_VIRT_START, GNTMAP_host_map, 10, 0, NULL), GNTST_general_error,
             "map at a hypervisor address");
    check_eq(map(UNMAPPED_VA, GNTMAP_host_map, ~0U, 0, NULL), GNTST_bad_gntref,
             "a bad ref is reported before a bad address");
    check_eq(entry_flags(10), GTF_permit_access, "no refusal left ref 10 in use");
}

/* --- unmap_and_replace. */

static int16_t replace(uint64_t addr, uint64_t new_addr, grant_handle_t handle)
{
    gnttab_unmap_and_replace_t op = { .host_addr = addr, .new_addr = new_addr,
                                      .handle = handle, .status = 99 };
    long rc = HYPERVISOR_grant_table_op(GNTTABOP_unmap_and_replace, &op, 1);

    if ( rc )
        report_failure("unmap_and_replace hypercall: %ld", rc);
    return op.status;
}

static void test_replace(void)
{
    gnttab_map_grant_ref_t m;
    uint64_t page_mfn, new_mfn, spare_mfn, pte_maddr;
    char *va = map_va[0], *va2 = map_va[1], *page, *nva, *spare;

    page = zeroed_frame(&page_mfn);
    nva = zeroed_frame(&new_mfn);
    memcpy(page, "granted", 8);
    memcpy(nva, "replacement", 12);
    grant(40, page_mfn, 0, GTF_permit_access);
    if ( !check_eq(map((uint64_t)va, GNTMAP_host_map, 40, 0, &m), GNTST_okay, "map ref 40") )
        return;
    check_eq(replace((uint64_t)va, (uint64_t)nva, m.handle + 1000), GNTST_bad_handle,
             "unmap_and_replace of a bad handle");
    check_eq(replace((uint64_t)va, (uint64_t)nva, m.handle), GNTST_okay, "unmap_and_replace");
    check_eq(pte_mfn(pte_of(va)), new_mfn, "  host_addr now maps new_addr's frame");
    check(!memcmp(va, "replacement", 12), "  and shows it");
    check(!(pte_of(nva) & _PAGE_PRESENT), "  new_addr is unmapped");
    check_eq(entry_flags(40), GTF_permit_access, "  the grant is released");
    check_eq(replace((uint64_t)va, 0, m.handle), GNTST_bad_handle, "  the handle is gone");

    /* By PTE address: Xen has no replace for those. */
    pt_walk((uint64_t)va2, 1, &pte_maddr);
    spare = zeroed_frame(&spare_mfn);
    check_eq(map(pte_maddr, GNTMAP_host_map | GNTMAP_contains_pte, 40, 0, &m), GNTST_okay,
             "map ref 40 by PTE address");
    check_eq(replace(pte_maddr, (uint64_t)spare, m.handle), GNTST_general_error,
             "unmap_and_replace of a PTE-address mapping");
    check_eq(pte_mfn(pte_of(spare)), spare_mfn, "  leaves new_addr mapped");
    check_eq(replace(pte_maddr, 0, m.handle), GNTST_okay, "  with new_addr 0: an unmap");
    check_eq(entry_flags(40), GTF_permit_access, "  the grant is released");

    /* The wrong host address: new_addr's PTE is taken first and lost. */
    set_pte_va(va2, 0, UVMF_INVLPG);
    check_eq(map((uint64_t)va2, GNTMAP_host_map, 40, 0, &m), GNTST_okay, "map ref 40 again");
    check_eq(replace((uint64_t)va, (uint64_t)spare, m.handle), GNTST_general_error,
             "unmap_and_replace at the wrong host address");
    check(!(pte_of(spare) & _PAGE_PRESENT), "  new_addr is unmapped all the same");
    check_eq(entry_flags(40), GTF_permit_access | GTF_reading | GTF_writing,
             "  the grant stays mapped");
    check_eq(unmap((uint64_t)va2, 0, m.handle), GNTST_okay, "  unmap it");
    set_pte_va(va, 0, UVMF_INVLPG);
}

/* --- Grant copy. */

static char *cpage[3];
static uint64_t cmfn[3];

static int16_t copy(uint16_t flags, uint64_t src, domid_t sdom, uint16_t soff,
                    uint64_t dst, domid_t ddom, uint16_t doff, uint16_t len)
{
    gnttab_copy_t op = { .flags = flags, .len = len, .status = 99 };
    long rc;

    op.source.domid = sdom;
    op.source.offset = soff;
    op.dest.domid = ddom;
    op.dest.offset = doff;
    if ( flags & GNTCOPY_source_gref )
        op.source.u.ref = src;
    else
        op.source.u.gmfn = src;
    if ( flags & GNTCOPY_dest_gref )
        op.dest.u.ref = dst;
    else
        op.dest.u.gmfn = dst;
    rc = HYPERVISOR_grant_table_op(GNTTABOP_copy, &op, 1);
    if ( rc )
        report_failure("copy hypercall: %ld", rc);
    return op.status;
}

static void fill(char *p, unsigned int seed)
{
    unsigned int i;

    for ( i = 0; i < PAGE_SIZE; i++ )
        p[i] = (char)(i * 7 + seed * 13 + (i >> 8));
}

/* One copy checked byte for byte: the range moved, nothing else changed. */
static bool copy_ok(unsigned int kind, unsigned int soff, unsigned int doff,
                    unsigned int len)
{
    static const uint16_t flags[3] = {
        GNTCOPY_source_gref, GNTCOPY_dest_gref, GNTCOPY_source_gref | GNTCOPY_dest_gref,
    };
    static char want[PAGE_SIZE];
    uint16_t f = flags[kind];
    int16_t st;

    fill(cpage[0], kind + len);
    fill(cpage[1], soff + 99);
    memcpy(want, cpage[1], PAGE_SIZE);
    memcpy(want + doff, cpage[0] + soff, len);
    st = copy(f, f & GNTCOPY_source_gref ? 20 : cmfn[0], DOMID_SELF, soff,
              f & GNTCOPY_dest_gref ? 21 : cmfn[1], f & GNTCOPY_dest_gref ? 0 : DOMID_SELF,
              doff, len);
    return st == GNTST_okay && !memcmp(want, cpage[1], PAGE_SIZE);
}

static void test_copy(void)
{
    static const char *const kinds[3] = { "gref->frame", "frame->gref", "gref->gref" };
    static const unsigned int lens[] = { 1, 2, 7, 8, 63, 64, 65, 511, 512, 1000, 2048,
                                         4095, 4096 };
    unsigned int k, l, o, ok, n;
    uint64_t l4_mfn = virt_to_mfn((void *)start_info->pt_base);

    for ( k = 0; k < 3; k++ )
        cpage[k] = zeroed_frame(&cmfn[k]);
    grant(20, cmfn[0], 0, GTF_permit_access | GTF_readonly);
    grant(21, cmfn[1], 0, GTF_permit_access);
    grant(22, cmfn[2], 0, GTF_permit_access | GTF_readonly);

    for ( k = 0; k < 3; k++ )
    {
        ok = n = 0;
        for ( l = 0; l < ARRAY_SIZE(lens); l++ )
            for ( o = 0; o < 4; o++ )
            {
                unsigned int len = lens[l], room = PAGE_SIZE - len;
                unsigned int soff = (o & 1) ? room : (room ? (len * 3) % room : 0);
                unsigned int doff = (o & 2) ? (room ? (len + 5) % room : 0) : room;

                n++;
                if ( copy_ok(k, soff, doff, len) )
                    ok++;
                else
                    printk("  %s len %u soff %u doff %u differs\n", kinds[k], len, soff, doff);
            }
        check_eq(ok, n, kinds[k]);
    }
    check_eq(entry_flags(20), GTF_permit_access | GTF_readonly, "copies leave the source idle");
    check_eq(entry_flags(21), GTF_permit_access, "  and the destination");

    check_eq(copy(GNTCOPY_source_gref, 20, DOMID_SELF, 1, cmfn[1], DOMID_SELF, 0, 4096),
             GNTST_bad_copy_arg, "source offset + len > 4096");
    check_eq(copy(GNTCOPY_source_gref, 20, DOMID_SELF, 0, cmfn[1], DOMID_SELF, 4000, 97),
             GNTST_bad_copy_arg, "dest offset + len > 4096");
    check_eq(copy(GNTCOPY_source_gref, 20, DOMID_SELF, 0, cmfn[1], DOMID_SELF, 0, 4097),
             GNTST_bad_copy_arg, "len 4097");
    check_eq(copy(GNTCOPY_source_gref, NR_FRAMES * 512, DOMID_SELF, 1, cmfn[1], DOMID_SELF,
                  0, 4096), GNTST_bad_gntref, "a bad ref is reported before bad lengths");
    check_eq(copy(GNTCOPY_source_gref, 20, DOMID_NONE_SUCH, 0, cmfn[1], DOMID_SELF, 0, 8),
             GNTST_bad_domain, "source gref of a missing domain");
    check_eq(copy(0, cmfn[0], 0, 0, cmfn[1], DOMID_SELF, 0, 8), GNTST_permission_denied,
             "source frame named by our id, not DOMID_SELF");
    check_eq(copy(0, cmfn[0], DOMID_SELF, 0, cmfn[1], 0, 0, 8), GNTST_permission_denied,
             "dest frame named by our id");
    check_eq(copy(0, 0xfffffffffUL, DOMID_SELF, 0, cmfn[1], DOMID_SELF, 0, 8), GNTST_bad_page,
             "a frame that does not exist");
    check_eq(copy(GNTCOPY_dest_gref, cmfn[0], DOMID_SELF, 0, 22, 0, 0, 8), GNTST_general_error,
             "a readonly grant as destination");
    check_eq(copy(0, cmfn[0], DOMID_SELF, 0, l4_mfn, DOMID_SELF, 0, 8), GNTST_general_error,
             "a page table as destination frame");
    check_eq(copy(GNTCOPY_dest_gref, cmfn[0], DOMID_SELF, 0, 12, 0, 0, 8), GNTST_general_error,
             "a destination granted to another domain");
    check_eq(entry_flags(22), GTF_permit_access | GTF_readonly, "refusals leave grants idle");
    check_eq(HYPERVISOR_grant_table_op(GNTTABOP_copy, NULL, 0), 0, "copy of zero ops");
}

/*
 * A grant PTE overwritten through update_va_mapping.  Xen 4.17's release
 * build (Debian's) does not mark grant PTEs (_PAGE_GNTTAB is 0 without
 * debug), so the write is an ordinary PTE change: it succeeds, the grant
 * stays in use, and unmap by that address no longer finds it.  (A debug
 * build injects #GP into the guest instead.)
 */
static void test_overwrite(void)
{
    gnttab_map_grant_ref_t m;
    uint64_t mfn, l1maddr;
    char *va = map_va[2], *va3 = map_va[3];

    zeroed_frame(&mfn);
    grant(30, mfn, 0, GTF_permit_access);
    if ( !check_eq(map((uint64_t)va, GNTMAP_host_map, 30, 0, &m), GNTST_okay, "map ref 30") )
        return;
    check_eq(set_pte_va(va, 0, UVMF_INVLPG), 0, "update_va_mapping over the grant PTE");
    check(!(pte_of(va) & _PAGE_PRESENT), "  the PTE is cleared");
    check_eq(entry_flags(30), GTF_permit_access | GTF_reading | GTF_writing,
             "  the grant stays in use");
    check_eq(unmap((uint64_t)va, 0, m.handle), GNTST_general_error, "  unmap by that address fails");

    grant(31, mfn, 0, GTF_permit_access);
    if ( !check_eq(map((uint64_t)va3, GNTMAP_host_map, 31, 0, &m), GNTST_okay, "map ref 31") )
        return;
    pt_walk((uint64_t)va3, 1, &l1maddr);
    check_eq(mmu_update1(l1maddr, 0), 0, "mmu_update over the grant PTE");
    check_eq(entry_flags(31), GTF_permit_access | GTF_reading | GTF_writing,
             "  the grant stays in use");
}

void test_main(void)
{
    test_table();
    if ( !gtab )
        return;
    test_map();
    test_replace();
    test_copy();
    test_overwrite();
}
