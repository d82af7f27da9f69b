/*
 * Guest descriptor tables: set_gdt, update_descriptor, the per-vCPU GDT
 * mapping, and the user %gs selector.
 *
 * The CPU reads descriptors through GDTR, so each vCPU has a GDT window in
 * the per-domain area (L4 slot 260, private to the domain): its first 14
 * pages map the guest's GDT frames read-only, page 14 maps the hypervisor
 * descriptor page of the CPU the vCPU runs on (selectors 0xe000 and up:
 * the flat ring-3 segments, the TSS).  Guest GDT frames hold a
 * PGT_seg_desc_page type, so the guest can never map them writable, and
 * every descriptor in them was checked: no descriptor can grant more than
 * ring 3, and the only system descriptor accepted is a call gate to a
 * guest code selector, stored with DPL 0 so that using it faults (Xen's
 * rule).  The window maps them writable for the CPU alone, which sets
 * descriptors' accessed bits as segments are loaded.  Pages of the window
 * without a guest frame map a page of zeros, so a selector beyond the
 * guest's GDT raises #GP as on Xen, not a page fault in the hypervisor.
 */
#include <xen/errno.h>
#include <xen/guest_access.h>
#include <xen/hypercall.h>
#include <xen/lib.h>
#include <xen/sched.h>
#include <xen/smp.h>
#include <xen/string.h>
#include <asm/current.h>
#include <asm/desc.h>
#include <asm/extable.h>
#include <asm/flushtlb.h>
#include <asm/processor.h>
#include <asm/pv.h>
#include "mm.h"

#define DESC_P          (1UL << 47)
#define DESC_S          (1UL << 44)
#define DESC_DPL_SHIFT  45
#define DESC_DPL_MASK   (3UL << DESC_DPL_SHIFT)
#define DESC_TYPE_SHIFT 40
#define DESC_TYPE_MASK  (0xfUL << DESC_TYPE_SHIFT)
#define DESC_CALL_GATE  (0xcUL << DESC_TYPE_SHIFT)
/* A 64-bit call gate's bits 32-39 are reserved (zero). */
#define GATE_RESERVED   (0xffUL << 32)

/* Gate targets: a guest GDT selector, the flat kernel CS, or any LDT one. */
static bool gate_selector_ok(unsigned int sel)
{
    return (sel >> 3) < FIRST_RESERVED_GDT_ENTRY || sel == FLAT_KERNEL_CS ||
           (sel & 4);
}

/*
 * A call gate keeps its target but gets DPL 0, so any use faults (a ring-3
 * kernel cannot be entered through one); the DPL the guest asked for,
 * raised to 3 like every guest DPL, goes into the selector's RPL.
 */
static bool check_call_gate(uint64_t *desc)
{
    uint64_t d = *desc;
    unsigned int sel = (d >> 16) & 0xffff;

    if ( !gate_selector_ok(sel) || (d & GATE_RESERVED) )
        return false;
    sel |= 3;
    *desc = (d & ~(DESC_DPL_MASK | (0xffffUL << 16))) | ((uint64_t)sel << 16);
    return true;
}

/* A descriptor made safe in place, or false if it cannot be. */
static bool check_descriptor(uint64_t *desc)
{
    uint64_t d = *desc;

    if ( !(d & DESC_P) )
        return true;
    /* Code and data segments run at ring 3 whatever the guest asked. */
    if ( d & DESC_S )
    {
        *desc = d | DESC_DPL_MASK;
        return true;
    }
    /* Type 0 is harmless: it is the upper half of a 64-bit gate. */
    if ( !(d & DESC_TYPE_MASK) )
        return true;
    if ( (d & DESC_TYPE_MASK) == DESC_CALL_GATE )
        return check_call_gate(desc);
    return false;                   /* TSS, LDT, interrupt and trap gates */
}

int pv_validate_descriptor_page(struct page_info *pg)
{
    uint64_t *t = page_to_virt(pg);
    unsigned int i;

    for ( i = 0; i < PAGE_SIZE / sizeof(*t); i++ )
    {
        uint64_t d = ACCESS_ONCE(t[i]);

        if ( !check_descriptor(&d) )
            return -EINVAL;
        t[i] = d;
    }
    return 0;
}

/* --- The per-vCPU GDT window. */

static intpte_t *gdt_l1e(const struct vcpu *v, unsigned int page)
{
    return perdomain_l1e(v->domain, v->arch.gdt_va + page * PAGE_SIZE);
}

/* Read by the CPU for selectors past the guest's frames: all not present. */
static const uint64_t zero_desc_page[PAGE_SIZE / sizeof(uint64_t)]
    __attribute__((aligned(PAGE_SIZE)));

static void map_gdt_slot(struct vcpu *v, unsigned int i, unsigned long mfn,
                         unsigned int flags)
{
    *gdt_l1e(v, i) = ((intpte_t)mfn << PAGE_SHIFT) | put_pte_flags(flags);
    flush_tlb_one_local(v->arch.gdt_va + i * PAGE_SIZE);
}

static void map_zero_slot(struct vcpu *v, unsigned int i)
{
    map_gdt_slot(v, i, virt_to_mfn(zero_desc_page),
                 PAGE_HYPERVISOR_RO & ~_PAGE_GLOBAL);
}

static void unmap_guest_gdt(struct vcpu *v)
{
    unsigned int i;

    for ( i = 0; i < MAX_GUEST_GDT_FRAMES; i++ )
    {
        unsigned long mfn = v->arch.pv.gdt_frames[i];

        if ( !mfn )
            continue;
        map_zero_slot(v, i);
        put_page_and_type(mfn_to_page(mfn));
        v->arch.pv.gdt_frames[i] = 0;
    }
    v->arch.pv.gdt_ents = 0;
}

/* --- The LDT: pages 16-31 of the same window, mapped at MMUEXT_SET_LDT. */

#define LDT_WINDOW_FIRST_PAGE   16

static void unmap_guest_ldt(struct vcpu *v)
{
    unsigned int i;

    for ( i = 0; i < MAX_GUEST_LDT_FRAMES; i++ )
    {
        unsigned long mfn = v->arch.pv.ldt_frames[i];

        *gdt_l1e(v, LDT_WINDOW_FIRST_PAGE + i) = 0;
        flush_tlb_one_local(v->arch.gdt_va + (LDT_WINDOW_FIRST_PAGE + i) * PAGE_SIZE);
        if ( !mfn )
            continue;
        put_page_and_type(mfn_to_page(mfn));
        v->arch.pv.ldt_frames[i] = 0;
    }
    v->arch.pv.ldt_ents = 0;
    v->arch.pv.ldt_base = 0;
}

unsigned long pv_ldt_window(const struct vcpu *v)
{
    return v->arch.gdt_va + LDT_WINDOW_FIRST_PAGE * PAGE_SIZE;
}

/*
 * The guest's LDT is ents descriptors at linear address base in its
 * kernel address space.  The frames found there now are checked, typed as
 * descriptor pages (so they stay read-only) and mapped into the window;
 * the CPU then uses them until the next MMUEXT_SET_LDT.  As on Xen, the
 * operation itself does not fail for a page that cannot serve (absent,
 * writable somewhere, bad descriptors): that page reads as not-present
 * descriptors, so the guest faults when it uses a selector in it.  The
 * caller holds the domain's mm_lock; v is current.
 */
int pv_set_ldt(struct vcpu *v, unsigned long base, unsigned int ents)
{
    struct domain *d = v->domain;
    unsigned int nr = (ents * 8 + PAGE_SIZE - 1) / PAGE_SIZE, i;

    unmap_guest_ldt(v);
    for ( i = 0; i < nr; i++ )
    {
        struct page_info *l1pg;
        intpte_t *pe = guest_l1e_of(v, base + i * PAGE_SIZE, &l1pg);
        unsigned long mfn = pe ? (*pe & PTE_ADDR_MASK) >> PAGE_SHIFT : 0;

        if ( pe && (*pe & _PAGE_PRESENT) && mfn_valid(mfn) && l1pg->owner == d &&
             !get_page_and_type(mfn_to_page(mfn), d, PGT_seg_desc_page) )
        {
            v->arch.pv.ldt_frames[i] = mfn;
            map_gdt_slot(v, LDT_WINDOW_FIRST_PAGE + i, mfn,
                         PAGE_HYPERVISOR_RW & ~_PAGE_GLOBAL);
        }
        else
            map_gdt_slot(v, LDT_WINDOW_FIRST_PAGE + i, virt_to_mfn(zero_desc_page),
                         PAGE_HYPERVISOR_RO & ~_PAGE_GLOBAL);
    }
    v->arch.pv.ldt_base = base;
    v->arch.pv.ldt_ents = ents;
    cpu_load_ldt(smp_processor_id(), pv_ldt_window(v), ents);
    return 0;
}

void pv_destroy_gdt(struct vcpu *v)
{
    unmap_guest_gdt(v);
    unmap_guest_ldt(v);
}

/* Points page 14 of v's window at this CPU's hypervisor descriptor page. */
void pv_map_gdt_for_cpu(struct vcpu *v, unsigned int cpu)
{
    unsigned int i;

    if ( v->arch.gdt_mapped_cpu == (int)cpu )
        return;
    /* First run of the vCPU: the slots without a guest frame read as zeros. */
    if ( v->arch.gdt_mapped_cpu < 0 )
        for ( i = 0; i < MAX_GUEST_GDT_FRAMES; i++ )
            if ( !v->arch.pv.gdt_frames[i] )
                map_zero_slot(v, i);
    *gdt_l1e(v, FIRST_RESERVED_GDT_PAGE) =
        ((intpte_t)cpu_gdt_page_mfn(cpu) << PAGE_SHIFT) |
        put_pte_flags(PAGE_HYPERVISOR_RW & ~_PAGE_GLOBAL);
    flush_tlb_one_local(v->arch.gdt_va + FIRST_RESERVED_GDT_PAGE * PAGE_SIZE);
    v->arch.gdt_mapped_cpu = cpu;
}

/*
 * Installs frames[0..nr) as v's GDT.  The caller holds v's domain's
 * mm_lock; v is current, or not running (VCPUOP_initialise).
 */
int pv_set_gdt(struct vcpu *v, const unsigned long *frames, unsigned int entries)
{
    struct domain *d = v->domain;
    unsigned int nr = (entries + 511) / 512, i;
    int rc = 0;

    if ( entries > FIRST_RESERVED_GDT_ENTRY )
        return -EINVAL;
    for ( i = 0; i < nr; i++ )
    {
        if ( !mfn_valid(frames[i]) ||
             (rc = get_page_and_type(mfn_to_page(frames[i]), d,
                                     PGT_seg_desc_page)) )
        {
            rc = rc ?: -EINVAL;
            while ( i-- )
                put_page_and_type(mfn_to_page(frames[i]));
            return rc;
        }
    }
    unmap_guest_gdt(v);
    for ( i = 0; i < nr; i++ )
    {
        v->arch.pv.gdt_frames[i] = frames[i];
        map_gdt_slot(v, i, frames[i], PAGE_HYPERVISOR_RW & ~_PAGE_GLOBAL);
    }
    v->arch.pv.gdt_ents = entries;
    return 0;
}

long do_set_gdt(XEN_GUEST_HANDLE_PARAM(xen_ulong_t) frame_list, unsigned int entries)
{
    struct vcpu *v = current;
    struct domain *d = v->domain;
    unsigned long frames[MAX_GUEST_GDT_FRAMES];
    unsigned int nr = (entries + 511) / 512;
    int rc;

    if ( entries > FIRST_RESERVED_GDT_ENTRY )
        return -EINVAL;
    if ( copy_from_guest(frames, frame_list, nr) )
        return -EFAULT;
    spin_lock(&d->arch.mm_lock);
    rc = pv_set_gdt(v, frames, entries);
    spin_unlock(&d->arch.mm_lock);
    return rc;
}

long do_update_descriptor(uint64_t maddr, uint64_t desc)
{
    struct domain *d = current->domain;
    mfn_t mfn = maddr >> PAGE_SHIFT;
    struct page_info *pg;
    unsigned long type;
    int rc;

    if ( (maddr & 7) || !mfn_valid(mfn) || !check_descriptor(&desc) )
        return -EINVAL;
    pg = mfn_to_page(mfn);
    spin_lock(&d->arch.mm_lock);
    type = (pg->u.inuse.type_info & PGT_count_mask) &&
           (pg->u.inuse.type_info & PGT_type_mask) == PGT_seg_desc_page
           ? PGT_seg_desc_page : PGT_writable_page;
    rc = get_page_and_type(pg, d, type);
    if ( !rc )
    {
        ACCESS_ONCE(((uint64_t *)page_to_virt(pg))[(maddr & ~PAGE_MASK) >> 3]) = desc;
        put_page_and_type(pg);
    }
    spin_unlock(&d->arch.mm_lock);
    return rc;
}

/*
 * Loads the guest's user %gs selector while keeping the kernel GS base:
 * a selector load overwrites the GS base, so the kernel base is put back
 * and the loaded segment's base becomes the user one.  A selector that
 * cannot be loaded leaves NUL in %gs and still succeeds: Xen 4.17 never
 * failed this call because Linux would BUG() on it; callers that care
 * read %gs back.
 */
long pv_load_user_gs_selector(struct vcpu *v, unsigned long sel)
{
    unsigned long kernel_base = rdmsr(0xc0000101);
    int fault = 0;

    if ( sel & ~0xffffUL )
        return -EINVAL;
    if ( sel & ~3UL )
        sel |= 3;
    __asm__ __volatile__(
        "1: mov %k1, %%gs\n"
        "2:\n"
        ".pushsection .fixup_gs, \"ax\"\n"
        "3: movl $1, %0\n"
        "   xor %k1, %k1\n"
        "   mov %k1, %%gs\n"
        "   jmp 2b\n"
        ".popsection\n"
        _ASM_EXTABLE(1b, 3b)
        : "+r"(fault), "+r"(sel));
    v->arch.pv.gs_base_user = rdmsr(0xc0000101);
    wrmsr(0xc0000101, kernel_base);
    return 0;
}
