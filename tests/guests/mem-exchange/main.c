/*
 * mem-exchange: XENMEM_exchange, with which Linux trades frames for
 * machine-contiguous ones below an address limit (swiotlb, DMA buffers:
 * xen_create_contiguous_region) and back.
 *
 * Proves: two single frames traded for one 2-frame extent below 16 MiB
 * (address_bits 24) give an aligned extent below the limit whose M2P
 * entries are the guest frame numbers the caller put in out.extent_start
 * (as Xen 4.17 does for a PV guest), while the old frames lose their M2P
 * entries and can no longer be mapped; the extent traded back for two
 * single frames the same way; nr_exchanged counts the input extents done,
 * so a list whose second frame is refused trades the first and stops at 1
 * with -EINVAL; refusals that change nothing (nr_exchanged stays 0, the
 * frames stay ours): a frame we do not own, a frame past the end of
 * memory, a pinned page table, a mapped frame (-EINVAL); sizes of in and
 * out that differ, in and out domains that differ, nr_exchanged beyond
 * nr_extents (-EINVAL); an extent order above the limit (-EPERM); a domain
 * that does not exist (-ESRCH).  nr_exchanged equal to nr_extents is done.
 */
#include "guest.h"

const char test_name[] = "mem-exchange";

#define INVALID_M2P (~0UL)

static xen_pfn_t in_list[4], out_list[4];
static xen_memory_exchange_t ex;
static uint64_t sentinel __aligned(PAGE_SIZE);

static long exchange(unsigned int in_nr, unsigned int in_order, unsigned int out_nr,
                     unsigned int out_order, unsigned int bits)
{
    memset(&ex, 0, sizeof(ex));
    ex.in.nr_extents = in_nr;
    ex.in.extent_order = in_order;
    ex.in.domid = DOMID_SELF;
    set_xen_guest_handle(ex.in.extent_start, in_list);
    ex.out.nr_extents = out_nr;
    ex.out.extent_order = out_order;
    ex.out.mem_flags = XENMEMF_address_bits(bits);
    ex.out.domid = DOMID_SELF;
    set_xen_guest_handle(ex.out.extent_start, out_list);
    return HYPERVISOR_memory_op(XENMEM_exchange, &ex);
}

static void set_p2m(uint64_t pfn, uint64_t mfn)
{
    ((uint64_t *)start_info->mfn_list)[pfn] = mfn;
}

/* A frame we own can be mapped, written and read back. */
static bool frame_usable(uint64_t mfn, uint64_t tag)
{
    volatile uint64_t *p = map_frame(mfn, PAGE_RW_FLAGS | _PAGE_NX);
    bool ok;

    if ( !p )
        return false;
    p[0] = tag;
    ok = p[0] == tag;
    unmap_frame((void *)p);
    return ok;
}

static long map_at_sentinel(uint64_t mfn)
{
    return set_pte_va(&sentinel, (mfn << 12) | PAGE_RO_FLAGS | _PAGE_NX, UVMF_INVLPG);
}

/* Frames pa (the higher pfn) and pb = pa - 1, then one 2-frame extent and back. */
static void test_trade(void)
{
    uint64_t a = alloc_frame(), b = alloc_frame();
    uint64_t pa = mfn_to_pfn(a), pb = mfn_to_pfn(b), n, m0, m1;

    if ( !check(pa == pb + 1, "two adjacent pseudo-physical frames (%#lx, %#lx)",
                (unsigned long)pb, (unsigned long)pa) )
        return;
    in_list[0] = a;
    in_list[1] = b;
    out_list[0] = pb;
    check_eq(exchange(2, 0, 1, 1, 24), 0, "exchange 2 frames for one order-1 extent below 16 MiB");
    check_eq(ex.nr_exchanged, 2, "  nr_exchanged 2");
    n = out_list[0];
    printk("frames %#lx, %#lx -> extent %#lx\n", (unsigned long)a, (unsigned long)b,
           (unsigned long)n);
    check(n < (1UL << (24 - 12)) && !(n & 1), "  the extent %#lx is aligned and below 16 MiB",
          (unsigned long)n);
    check_eq(mfn_to_pfn(n), pb, "  M2P of its first frame: the pfn given in out");
    check_eq(mfn_to_pfn(n + 1), pa, "  M2P of its second frame: the next pfn");
    check_eq(mfn_to_pfn(a), INVALID_M2P, "  the old frames lose their M2P entries");
    check_eq(mfn_to_pfn(b), INVALID_M2P, "  (both)");
    /* Xen 4.17 says -EBUSY for a frame back in its heap, Tessera -EINVAL. */
    check(map_at_sentinel(a) < 0, "  an old frame can no longer be mapped");
    set_p2m(pb, n);
    set_p2m(pa, n + 1);
    check(frame_usable(n, 0x1234) && frame_usable(n + 1, 0x5678), "  the new frames are usable");

    in_list[0] = n;
    out_list[0] = pa;
    out_list[1] = pb;
    check_eq(exchange(1, 1, 2, 0, 0), 0, "exchange the order-1 extent for 2 frames");
    check_eq(ex.nr_exchanged, 1, "  nr_exchanged 1");
    m0 = out_list[0];
    m1 = out_list[1];
    check_eq(mfn_to_pfn(m0), pa, "  M2P of the first new frame: pfn out[0]");
    check_eq(mfn_to_pfn(m1), pb, "  M2P of the second new frame: pfn out[1]");
    check_eq(mfn_to_pfn(n), INVALID_M2P, "  the extent is gone from the M2P");
    set_p2m(pa, m0);
    set_p2m(pb, m1);
    check(frame_usable(m0, 1) && frame_usable(m1, 2), "  the new frames are usable");
}

/* The second input is refused: the first is traded, nr_exchanged is 1. */
static void test_progress(void)
{
    uint64_t a = alloc_frame(), pa = mfn_to_pfn(a);
    uint64_t l4 = virt_to_mfn((void *)start_info->pt_base), l4_pfn = mfn_to_pfn(l4);

    in_list[0] = a;
    in_list[1] = l4;
    out_list[0] = pa;
    out_list[1] = 0;
    check_eq(exchange(2, 0, 2, 0, 0), -XEN_EINVAL, "a list whose second frame is our L4");
    check_eq(ex.nr_exchanged, 1, "  nr_exchanged 1: the first was traded");
    check(out_list[0] != a && mfn_to_pfn(out_list[0]) == pa,
          "  the first has a new frame %#lx with M2P %#lx", (unsigned long)out_list[0],
          (unsigned long)pa);
    check_eq(mfn_to_pfn(l4), l4_pfn, "  the L4 keeps its M2P entry");
    set_p2m(pa, out_list[0]);
}

static void refused(uint64_t mfn, long want, const char *what)
{
    uint64_t m2p = mfn < (1UL << 30) ? mfn_to_pfn(mfn) : 0;

    in_list[0] = mfn;
    out_list[0] = 0;
    check_eq(exchange(1, 0, 1, 0, 0), want, what);
    check_eq(ex.nr_exchanged, 0, "  nr_exchanged 0");
    if ( mfn < (1UL << 30) )
        check_eq(mfn_to_pfn(mfn), m2p, "  its M2P entry is unchanged");
}

static void test_refusals(void)
{
    uint64_t a = alloc_frame(), pa = mfn_to_pfn(a);

    refused(0x10, -XEN_EINVAL, "a frame we do not own (mfn 0x10)");
    refused(1UL << 36, -XEN_EINVAL, "a frame past the end of memory");
    refused(virt_to_mfn((void *)start_info->pt_base), -XEN_EINVAL, "our pinned L4");
    refused(virt_to_mfn(&in_list), -XEN_EINVAL, "a mapped frame of our image");

    in_list[0] = a;
    in_list[1] = a;
    check_eq(exchange(2, 0, 1, 0, 0), -XEN_EINVAL, "2 frames in, 1 out");
    check_eq(exchange(1, 0, 1, 1, 0), -XEN_EINVAL, "1 frame in, an order-1 extent out");
    check_eq(exchange(1, 21, 1, 21, 0), -XEN_EPERM, "order 21 in and out");
    check_eq(exchange(1, 0, 1, 30, 0), -XEN_EPERM, "order 30 out");
    in_list[0] = a;
    out_list[0] = pa;
    check_eq(exchange(1, 0, 1, 0, 0), 0, "a frame for a frame");
    set_p2m(pa, out_list[0]);
    a = out_list[0];
    in_list[0] = a;
    memset(&ex, 0, sizeof(ex));
    ex.in.nr_extents = ex.out.nr_extents = 1;
    ex.in.domid = DOMID_SELF;
    ex.out.domid = 0;
    set_xen_guest_handle(ex.in.extent_start, in_list);
    set_xen_guest_handle(ex.out.extent_start, out_list);
    check_eq(HYPERVISOR_memory_op(XENMEM_exchange, &ex), -XEN_EINVAL,
             "in.domid DOMID_SELF, out.domid 0");
    ex.in.domid = ex.out.domid = 0x7000;
    check_eq(HYPERVISOR_memory_op(XENMEM_exchange, &ex), -XEN_ESRCH,
             "a domain that does not exist");
    ex.in.domid = ex.out.domid = DOMID_SELF;
    ex.nr_exchanged = 2;
    check_eq(HYPERVISOR_memory_op(XENMEM_exchange, &ex), -XEN_EINVAL,
             "nr_exchanged beyond nr_extents");
    ex.nr_exchanged = 1;
    check_eq(HYPERVISOR_memory_op(XENMEM_exchange, &ex), 0, "nr_exchanged == nr_extents");
    check_eq(ex.nr_exchanged, 1, "  nothing more to do");
    check_eq(mfn_to_pfn(a), pa, "  the frame is still ours");
    check(frame_usable(a, 3), "  and usable");
}

void test_main(void)
{
    test_trade();
    test_progress();
    test_refusals();
}
