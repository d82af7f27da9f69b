/*
 * mmu: the PV MMU validates every page-table change.
 *
 * Proves: mmu_update (normal) retargets a PTE and MMU_MACHPHYS_UPDATE
 * edits our M2P entry; update_va_mapping and INVLPG/TLB flushes take
 * effect; fresh tables pin as L1..L4 and unpin; a table still mapped
 * writable cannot be pinned; a pinned table or the live L4 cannot be mapped
 * writable (-EBUSY on Xen 4.17) but can be mapped read-only; a superpage
 * entry is refused (-EINVAL); a hypervisor frame cannot be mapped writable; a foreign domain id that does not exist is refused;
 * writing the read-only M2P faults; NEW_BASEPTR switches to a copy of our
 * L4 and back; a plain store into a pinned L1 is emulated (writable page
 * tables) and a store of a PTE that would map a page table writable is not.
 */
#include "guest.h"

const char test_name[] = "mmu";

static char page_a[PAGE_SIZE] __aligned(PAGE_SIZE);
static char page_b[PAGE_SIZE] __aligned(PAGE_SIZE);
static char window[PAGE_SIZE] __aligned(PAGE_SIZE);

static uint64_t mfn_a, mfn_b, l4_mfn;

/* Stores through one alias are read through another: make the compiler reload. */
#define barrier() asm volatile ("" ::: "memory")

static void test_mmu_update(void)
{
    uint64_t maddr;

    memset(page_a, 'a', PAGE_SIZE);
    memset(page_b, 'b', PAGE_SIZE);
    pt_walk((uint64_t)window, 1, &maddr);
    check_eq(mmu_update1(maddr | MMU_NORMAL_PT_UPDATE, (mfn_b << 12) | PAGE_RW_FLAGS), 0,
             "mmu_update points window at page_b");
    mmuext1(MMUEXT_INVLPG_LOCAL, (uint64_t)window, 0);
    check(window[100] == 'b', "window reads page_b");
    check_eq(set_pte_va(window, (mfn_a << 12) | PAGE_RW_FLAGS, UVMF_INVLPG), 0,
             "update_va_mapping points window at page_a");
    check(window[100] == 'a', "window reads page_a");
    window[0] = 'w';
    barrier();
    check(page_a[0] == 'w', "a write through the window lands in page_a");
    check_eq(mmuext1(MMUEXT_TLB_FLUSH_LOCAL, 0, 0), 0, "TLB_FLUSH_LOCAL");

    check_eq(mmu_update1((mfn_a << 12) | MMU_MACHPHYS_UPDATE, 0x1234), 0,
             "MACHPHYS_UPDATE of our own frame");
    check_eq(mfn_to_pfn(mfn_a), 0x1234, "the M2P shows the new pfn");
    mmu_update1((mfn_a << 12) | MMU_MACHPHYS_UPDATE, ((uint64_t)page_a - GUEST_VIRT_BASE) >> 12);
}

static void test_refusals(void)
{
    uint64_t f = 0, xen_mfn = pte_mfn(pt_walk(HYPERVISOR_VIRT_START, 4, NULL));
    struct mmu_update u = { .ptr = 0, .val = 0 };
    unsigned int done;

    /* Xen 4.17 answers -EBUSY: the frame's type (page table) is in use. */
    check_eq(set_pte_va(window, (l4_mfn << 12) | PAGE_RW_FLAGS, UVMF_INVLPG), -XEN_EBUSY,
             "update_va_mapping: mapping the live L4 writable");
    pt_walk((uint64_t)window, 1, &u.ptr);
    check_eq(mmu_update1(u.ptr, (l4_mfn << 12) | PAGE_RW_FLAGS), -XEN_EBUSY,
             "mmu_update: mapping the live L4 writable");
    check_eq(set_pte_va(window, (l4_mfn << 12) | PAGE_RO_FLAGS, UVMF_INVLPG), 0,
             "mapping the live L4 read-only");
    printk("  hypervisor L3 behind L4 slot 256: mfn %#lx\n", xen_mfn);
    check_eq(set_pte_va(window, (xen_mfn << 12) | PAGE_RW_FLAGS, UVMF_INVLPG), -XEN_EBUSY,
             "mapping a hypervisor page table writable");
    pt_walk((uint64_t)window, 1, &u.ptr);
    u.val = (mfn_a << 12) | PAGE_RW_FLAGS;
    check_eq(HYPERVISOR_mmu_update(&u, 1, &done, 1), -XEN_ESRCH,
             "mmu_update for domain 1, which does not exist");
    set_pte_va(window, (mfn_a << 12) | PAGE_RW_FLAGS, UVMF_INVLPG);

    asm volatile (FAULT_ASM("movq $0, (%[p])") : "+a" (f)
                  : [p] "r" (machine_to_phys_mapping + mfn_a));
    check_eq(fault_vector(f), X86_EXC_PF, "writing the M2P faults");
    check_eq(fault_error_code(f), 3, "  as a write to a present read-only page");
}

/* Builds L1 -> L2 -> L3 -> L4 from fresh frames, pinning each level. */
static void test_pinning(void)
{
    uint64_t mfn[5], *t;
    int level;

    for ( level = 1; level <= 4; level++ )
    {
        t = zeroed_frame(&mfn[level]);
        if ( level == 1 )
            t[7] = (mfn_b << 12) | PAGE_RW_FLAGS;
        else
            t[3] = (mfn[level - 1] << 12) | PAGE_RW_FLAGS;
        if ( level == 1 )
            check_eq(pin_table(1, mfn[1]), -XEN_EINVAL,
                     "pinning an L1 that is still mapped writable");
        unmap_frame(t);
        check_eq(pin_table(level, mfn[level]), 0, "pin a fresh table as its level");
    }
    check_eq(set_pte_va(window, (mfn[1] << 12) | PAGE_RW_FLAGS, UVMF_INVLPG), -XEN_EBUSY,
             "mapping a pinned L1 writable");
    check_eq(mmu_update1((mfn[2] << 12) + 8 * 4, (mfn_b << 12) | PAGE_RW_FLAGS | _PAGE_PSE),
             -XEN_EINVAL, "mmu_update: a superpage (PSE) entry in an L2");
    check_eq(mmu_update1((mfn[2] << 12) + 8 * 4, (mfn[1] << 12) | PAGE_RW_FLAGS), 0,
             "mmu_update: a second L2 entry to the same L1");
    check_eq(set_pte_va(window, (mfn[2] << 12) | PAGE_RO_FLAGS, UVMF_INVLPG), 0,
             "mapping a pinned L2 read-only");
    check_eq(((uint64_t *)window)[3] & PTE_ADDR_MASK, mfn[1] << 12,
             "the pinned L2 reads back its entry");
    set_pte_va(window, (mfn_a << 12) | PAGE_RW_FLAGS, UVMF_INVLPG);
    check_eq(pin_table(2, mfn[1]), -XEN_EINVAL, "pinning an L1 as an L2");
    for ( level = 4; level >= 1; level-- )
        check_eq(unpin_table(mfn[level]), 0, "unpin");
    check_eq(unpin_table(mfn[1]), -XEN_EINVAL, "unpinning a table twice");
}

/* Switches to a copy of our L4 and back. */
static void test_new_baseptr(void)
{
    uint64_t new_mfn, *l4 = zeroed_frame(&new_mfn);
    unsigned int i;

    for ( i = 0; i < 512; i++ )
        if ( i < 256 || i > 271 )   /* the hypervisor fills its own slots */
            l4[i] = pt_walk((uint64_t)i << 39 | (i >= 256 ? 0xffff000000000000UL : 0),
                            4, NULL);
    unmap_frame(l4);
    check_eq(pin_table(4, new_mfn), 0, "pin a copy of our L4");
    check_eq(mmuext1(MMUEXT_NEW_BASEPTR, new_mfn, 0), 0, "NEW_BASEPTR to the copy");
    barrier();
    check(page_a[0] == 'w', "still running, data intact on the new L4");
    check_eq(unpin_table(new_mfn), 0, "unpin the copy while it is the base (still referenced)");
    check_eq(mmuext1(MMUEXT_NEW_BASEPTR, l4_mfn, 0), 0, "NEW_BASEPTR back to the boot L4");
    check_eq(set_pte_va(window, (new_mfn << 12) | PAGE_RW_FLAGS, UVMF_INVLPG), 0,
             "the old copy is ordinary memory again: mappable writable");
    set_pte_va(window, (mfn_a << 12) | PAGE_RW_FLAGS, UVMF_INVLPG);
}

/* Stores into a pinned L1 through its read-only mapping: the hypervisor emulates. */
static void test_ptwr(void)
{
    uint64_t maddr, f = 0, *l1;
    unsigned int idx = pt_index((uint64_t)window, 1);

    pt_walk((uint64_t)window, 1, &maddr);
    l1 = mfn_to_virt(maddr >> 12);
    check(!(pt_walk((uint64_t)l1, 1, NULL) & _PAGE_RW), "our L1 is mapped read-only");
    check_eq(HYPERVISOR_vm_assist(VMASST_CMD_enable, VMASST_TYPE_writable_pagetables), 0,
             "vm_assist writable_pagetables");
    l1[idx] = (mfn_b << 12) | PAGE_RW_FLAGS;
    mmuext1(MMUEXT_INVLPG_LOCAL, (uint64_t)window, 0);
    check(window[1] == 'b', "a plain store into the L1 was emulated: window reads page_b");
    check_eq(l1[idx] & PTE_ADDR_MASK, mfn_b << 12, "the L1 reads back the new entry");

    asm volatile (FAULT_ASM("mov %[v], (%[p])") : "+a" (f)
                  : [p] "r" (&l1[idx]), [v] "r" ((maddr & PTE_ADDR_MASK) | PAGE_RW_FLAGS)
                  : "memory");
    check_eq(fault_vector(f), X86_EXC_PF, "storing a writable mapping of the L1 itself faults");
    check_eq(l1[idx] & PTE_ADDR_MASK, mfn_b << 12, "  and leaves the entry alone");
}

void test_main(void)
{
    mfn_a = virt_to_mfn(page_a);
    mfn_b = virt_to_mfn(page_b);
    l4_mfn = virt_to_mfn((void *)start_info->pt_base);
    test_mmu_update();
    test_refusals();
    test_pinning();
    test_new_baseptr();
    test_ptwr();
}
