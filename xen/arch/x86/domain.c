/*
 * x86 domains and vCPUs: the per-domain area, FPU state, and switching a
 * CPU from one vCPU to another.
 *
 * Registers of a running PV vCPU live in its CPU's guest frame
 * (cpu_info); a descheduled vCPU keeps them in v->arch.pv.user_regs.
 * context_switch() moves them, switches page tables, GDT, segment bases
 * and FPU state, and then abandons the current stack: a guest continues
 * through restore_all_guest, the idle vCPU through idle_loop().
 */
#include <xen/errno.h>
#include <xen/hypercall.h>
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/sched.h>
#include <xen/smp.h>
#include <xen/string.h>
#include <xen/xmalloc.h>
#include <asm/current.h>
#include <asm/desc.h>
#include <asm/extable.h>
#include <asm/flushtlb.h>
#include <asm/processor.h>
#include <asm/pv.h>
#include "pv/mm.h"

#define MSR_FS_BASE         0xc0000100
#define MSR_GS_BASE         0xc0000101
#define X86_CR0_TS          (1UL << 3)
#define X86_EFLAGS_IF       (1UL << 9)

/* Each vCPU's GDT window in the per-domain area: 16 pages GDT + 16 spare. */
#define GDT_WINDOW_PAGES    32
#define XSAVE_AREA_SIZE     4096

extern void __noreturn reset_stack_and_jump_to(unsigned long sp, void (*fn)(void));
extern void restore_all_guest(void);

static bool cpu_has_xsave;

/* --- The per-domain area: L3 (slot 260) -> one L2 -> two L1s. */

static void *alloc_zeroed_page(void)
{
    return alloc_xenheap_pages(0);
}

int arch_domain_create(struct domain *d)
{
    uint64_t *l3, *l2;
    unsigned int i;

    spin_lock_init_class(&d->arch.mm_lock, LOCK_CLASS_mm);
    l3 = alloc_zeroed_page();
    l2 = alloc_zeroed_page();
    if ( !l3 || !l2 )
        goto fail;
    d->arch.perdomain_l3_mfn = virt_to_mfn(l3);
    d->arch.perdomain_l2_mfn = virt_to_mfn(l2);
    l3[0] = ((uint64_t)virt_to_mfn(l2) << PAGE_SHIFT) | __PAGE_TABLE;
    for ( i = 0; i < 2; i++ )
    {
        uint64_t *l1 = alloc_zeroed_page();

        if ( !l1 )
            goto fail;
        l2[i] = ((uint64_t)virt_to_mfn(l1) << PAGE_SHIFT) | __PAGE_TABLE;
    }
    return 0;
 fail:
    arch_domain_destroy(d);
    return -ENOMEM;
}

void arch_domain_destroy(struct domain *d)
{
    uint64_t *l2;
    unsigned int i;

    if ( !d->arch.perdomain_l2_mfn )
        return;
    l2 = mfn_to_virt(d->arch.perdomain_l2_mfn);
    for ( i = 0; i < 2; i++ )
        if ( l2[i] )
            free_xenheap_pages(mfn_to_virt(l2[i] >> PAGE_SHIFT), 0);
    free_xenheap_pages(l2, 0);
    if ( d->arch.perdomain_l3_mfn )
        free_xenheap_pages(mfn_to_virt(d->arch.perdomain_l3_mfn), 0);
    d->arch.perdomain_l2_mfn = d->arch.perdomain_l3_mfn = 0;
}

uint64_t *perdomain_l1e(struct domain *d, unsigned long va)
{
    uint64_t *l2 = mfn_to_virt(d->arch.perdomain_l2_mfn);
    unsigned long off = va - PERDOMAIN_VIRT_START;
    uint64_t *l1 = mfn_to_virt(l2[off >> L2_PAGE_SHIFT] >> PAGE_SHIFT);

    return &l1[(off >> PAGE_SHIFT) & (L1_PAGETABLE_ENTRIES - 1)];
}

uint64_t perdomain_l4e(const struct domain *d)
{
    return ((uint64_t)d->arch.perdomain_l3_mfn << PAGE_SHIFT) | __PAGE_TABLE;
}

/*
 * Drop every reference the domain's tables, pins and vCPUs hold.  Returns
 * -ERESTART when the CPU is wanted elsewhere; calling again carries on
 * (what is done stays done: unpinned pages are skipped).
 */
int arch_domain_relinquish(struct domain *d, bool preemptible)
{
    struct page_info *pg;
    unsigned int i, work = 0;

    spin_lock(&d->arch.mm_lock);
    for ( i = 0; i < d->max_vcpus; i++ )
    {
        struct vcpu *v = d->vcpu[i];

        if ( !v )
            continue;
        pv_destroy_gdt(v);
        if ( v->arch.pv.guest_table )
            put_page_and_type(mfn_to_page(v->arch.pv.guest_table));
        if ( v->arch.pv.guest_table_user )
            put_page_and_type(mfn_to_page(v->arch.pv.guest_table_user));
        v->arch.pv.guest_table = v->arch.pv.guest_table_user = 0;
    }
    /* Unpinning cascades: each table drops what its entries held. */
    spin_lock(&d->page_alloc_lock);
    pg = page_list_first(&d->page_list);
    spin_unlock(&d->page_alloc_lock);
    while ( pg )
    {
        struct page_info *next;

        if ( preemptible && (++work % 256) == 0 && hypercall_preempt_check() )
        {
            spin_unlock(&d->arch.mm_lock);
            return -ERESTART;
        }
        if ( __atomic_fetch_and(&pg->u.inuse.type_info, ~PGT_pinned,
                                __ATOMIC_ACQ_REL) & PGT_pinned )
        {
            /* Keep pg on the list across the put: hold one reference. */
            get_page(pg, d);
            put_page_and_type(pg);
            spin_lock(&d->page_alloc_lock);
            next = page_list_next(pg, &d->page_list);
            spin_unlock(&d->page_alloc_lock);
            put_page(pg);
        }
        else
        {
            spin_lock(&d->page_alloc_lock);
            next = page_list_next(pg, &d->page_list);
            spin_unlock(&d->page_alloc_lock);
        }
        pg = next;
    }
    spin_unlock(&d->arch.mm_lock);
    return 0;
}

/* --- vCPUs. */

int arch_vcpu_create(struct vcpu *v)
{
    struct pv_vcpu *pv = &v->arch.pv;
    uint16_t *fpu;

    if ( is_idle_vcpu(v) )
        return 0;
    v->arch.xsave_area = xzalloc_bytes(XSAVE_AREA_SIZE, 64);
    if ( !v->arch.xsave_area )
        return -ENOMEM;
    /* Initial FPU state: FCW 0x37f, MXCSR 0x1f80 (all exceptions masked). */
    fpu = v->arch.xsave_area;
    fpu[0] = 0x37f;
    *(uint32_t *)((char *)v->arch.xsave_area + 24) = 0x1f80;

    v->arch.flags = TF_kernel_mode;
    v->arch.gdt_va = PERDOMAIN_VIRT_START +
                     (unsigned long)v->vcpu_id * GDT_WINDOW_PAGES * PAGE_SIZE;
    v->arch.gdt_mapped_cpu = -1;
    pv->ctrlreg[4] = pv_initial_cr4();
    pv->user_regs.cs = FLAT_KERNEL_CS;
    pv->user_regs.ss = FLAT_KERNEL_SS;
    pv->user_regs.rflags = X86_EFLAGS_IF;
    vcpu_timer_init(v);
    return 0;
}

void arch_vcpu_destroy(struct vcpu *v)
{
    xfree(v->arch.xsave_area);
}

void fpu_init(void)
{
    uint32_t a, b, c, d;

    cpuid_count(1, 0, &a, &b, &c, &d);
    cpu_has_xsave = c & (1u << 26);
    if ( cpu_has_xsave )
    {
        /* Save everything the CPU can: x87, SSE, AVX and whatever else. */
        cpuid_count(0xd, 0, &a, &b, &c, &d);
        __asm__ __volatile__("xsetbv" :: "c"(0), "a"(a), "d"(d));
        cpuid_count(0xd, 0, &a, &b, &c, &d);
        if ( b > XSAVE_AREA_SIZE )
            panic("XSAVE state of %u bytes exceeds %u", b, XSAVE_AREA_SIZE);
    }
}

static void fpu_save(struct vcpu *v)
{
    if ( cpu_has_xsave )
        __asm__ __volatile__("xsave64 %0" : "=m"(*(char (*)[XSAVE_AREA_SIZE])v->arch.xsave_area)
                             : "a"(~0U), "d"(~0U) : "memory");
    else
        __asm__ __volatile__("fxsave64 %0" : "=m"(*(char (*)[512])v->arch.xsave_area)
                             :: "memory");
}

static void fpu_restore(struct vcpu *v)
{
    if ( cpu_has_xsave )
        __asm__ __volatile__("xrstor64 %0" :: "m"(*(char (*)[XSAVE_AREA_SIZE])v->arch.xsave_area),
                             "a"(~0U), "d"(~0U) : "memory");
    else
        __asm__ __volatile__("fxrstor64 %0" :: "m"(*(char (*)[512])v->arch.xsave_area)
                             : "memory");
}

/* --- Debug registers. */

#define DR7_ENABLES 0xffUL

#define WRITE_DR(n, v) __asm__ __volatile__("mov %0, %%db" #n :: "r"(v))

void pv_load_debugregs(const struct vcpu *v)
{
    const unsigned long *dr = v->arch.pv.debugreg;

    if ( !(dr[7] & DR7_ENABLES) )
    {
        WRITE_DR(7, 0x400UL);
        return;
    }
    WRITE_DR(0, dr[0]);
    WRITE_DR(1, dr[1]);
    WRITE_DR(2, dr[2]);
    WRITE_DR(3, dr[3]);
    WRITE_DR(7, dr[7]);
}

static void disarm_debugregs(const struct vcpu *v)
{
    if ( v->arch.pv.debugreg[7] & DR7_ENABLES )
        WRITE_DR(7, 0x400UL);
}

/* --- Switching. */

static void load_gdt(unsigned long base)
{
    struct desc_ptr gdtr = { .limit = GDT_ENTRIES_TOTAL * 8 - 1, .base = base };

    __asm__ __volatile__("lgdt %0" :: "m"(gdtr));
}

static void save_guest_state(struct vcpu *v)
{
    struct pv_vcpu *pv = &v->arch.pv;
    uint16_t sel;

    pv->user_regs = *guest_cpu_user_regs();
    pv->fs_base = rdmsr(MSR_FS_BASE);
    if ( v->arch.flags & TF_kernel_mode )
        pv->gs_base_kernel = rdmsr(MSR_GS_BASE);
    else
        pv->gs_base_user = rdmsr(MSR_GS_BASE);
    __asm__ __volatile__("mov %%ds, %0" : "=r"(sel)); pv->user_regs.ds = sel;
    __asm__ __volatile__("mov %%es, %0" : "=r"(sel)); pv->user_regs.es = sel;
    __asm__ __volatile__("mov %%fs, %0" : "=r"(sel)); pv->user_regs.fs = sel;
    __asm__ __volatile__("mov %%gs, %0" : "=r"(sel)); pv->user_regs.gs = sel;
    __asm__ __volatile__("clts");
    fpu_save(v);
}

/* A selector the guest left may no longer be loadable: null it then. */
static void load_data_segment(unsigned int which, uint16_t sel)
{
    switch ( which )
    {
    case 0:
        __asm__ __volatile__("1: mov %w0, %%ds\n2:\n"
                             ".pushsection .fixup_seg, \"ax\"\n"
                             "3: xor %k0, %k0\n mov %w0, %%ds\n jmp 2b\n"
                             ".popsection\n" _ASM_EXTABLE(1b, 3b) : "+r"(sel));
        break;
    case 1:
        __asm__ __volatile__("1: mov %w0, %%es\n2:\n"
                             ".pushsection .fixup_seg, \"ax\"\n"
                             "3: xor %k0, %k0\n mov %w0, %%es\n jmp 2b\n"
                             ".popsection\n" _ASM_EXTABLE(1b, 3b) : "+r"(sel));
        break;
    case 2:
        __asm__ __volatile__("1: mov %w0, %%fs\n2:\n"
                             ".pushsection .fixup_seg, \"ax\"\n"
                             "3: xor %k0, %k0\n mov %w0, %%fs\n jmp 2b\n"
                             ".popsection\n" _ASM_EXTABLE(1b, 3b) : "+r"(sel));
        break;
    default:
        __asm__ __volatile__("1: mov %w0, %%gs\n2:\n"
                             ".pushsection .fixup_seg, \"ax\"\n"
                             "3: xor %k0, %k0\n mov %w0, %%gs\n jmp 2b\n"
                             ".popsection\n" _ASM_EXTABLE(1b, 3b) : "+r"(sel));
        break;
    }
}

static void load_guest_state(struct vcpu *v, unsigned int cpu)
{
    struct pv_vcpu *pv = &v->arch.pv;

    cpumask_set_cpu(cpu, &v->domain->arch.dirty_cpumask);
    pv_map_gdt_for_cpu(v, cpu);
    pv_load_cr3(v);
    load_gdt(v->arch.gdt_va);
    cpu_load_ldt(cpu, pv_ldt_window(v), pv->ldt_ents);
    load_data_segment(0, pv->user_regs.ds);
    load_data_segment(1, pv->user_regs.es);
    load_data_segment(2, pv->user_regs.fs);
    load_data_segment(3, pv->user_regs.gs);
    /* Selector loads set the bases from descriptors: the real ones last. */
    wrmsr(MSR_FS_BASE, pv->fs_base);
    wrmsr(MSR_GS_BASE, (v->arch.flags & TF_kernel_mode) ? pv->gs_base_kernel
                                                         : pv->gs_base_user);
    __asm__ __volatile__("clts");
    fpu_restore(v);
    if ( pv->ctrlreg[0] & X86_CR0_TS )
        write_cr0(read_cr0() | X86_CR0_TS);
    *guest_cpu_user_regs() = pv->user_regs;
}

void context_switch(struct vcpu *prev, struct vcpu *next)
{
    unsigned int cpu = smp_processor_id();
    struct cpu_info *ci = get_cpu_info();

    local_irq_disable();
    if ( !is_idle_vcpu(prev) )
    {
        save_guest_state(prev);
        disarm_debugregs(prev);
    }
    __atomic_store_n(&prev->is_running, false, __ATOMIC_RELEASE);

    /* next may still be being saved by the CPU it ran on last. */
    while ( __atomic_load_n(&next->is_running, __ATOMIC_ACQUIRE) )
        cpu_relax();
    __atomic_store_n(&next->is_running, true, __ATOMIC_RELEASE);
    ci->current_vcpu = next;
    next->sched_unit.processor = cpu;

    if ( is_idle_vcpu(next) )
    {
        write_cr3_stamped(idle_pg_table_phys);
        load_gdt(cpu_gdt_base(cpu));
        cpu_load_ldt(cpu, 0, 0);
        /* As if idle_loop() had been called: RSP = 8 mod 16 at entry. */
        reset_stack_and_jump_to((unsigned long)&ci->guest_cpu_user_regs - 8,
                                idle_loop);
    }
    load_guest_state(next, cpu);
    pv_load_debugregs(next);
    publish_vcpu_time(&next->vcpu_info->time);
    update_guest_areas(next);
    reset_stack_and_jump_to((unsigned long)&ci->guest_cpu_user_regs,
                            restore_all_guest);
}

/* --- VCPUOP_initialise. */

static bool canonical_va(unsigned long va)
{
    return ((long)va >> 47) == 0 || ((long)va >> 47) == -1;
}

/*
 * Takes a whole register context for a vCPU that has never run: checked
 * first (addresses canonical, page tables valid L4s of the domain, GDT
 * frames valid descriptor pages), then installed.
 */
int arch_set_info_guest(struct vcpu *v, const vcpu_guest_context_t *c)
{
    struct domain *d = v->domain;
    struct pv_vcpu *pv = &v->arch.pv;
    unsigned long l4 = xen_cr3_to_pfn(c->ctrlreg[3]);
    unsigned long ul4 = xen_cr3_to_pfn(c->ctrlreg[1]);
    unsigned int i;
    int rc;

    if ( v->is_initialised )
        return -EEXIST;
    if ( !canonical_va(c->user_regs.rip) || !canonical_va(c->user_regs.rsp) ||
         !canonical_va(c->event_callback_eip) ||
         !canonical_va(c->failsafe_callback_eip) ||
         !canonical_va(c->syscall_callback_eip) || !canonical_va(c->fs_base) ||
         !canonical_va(c->gs_base_kernel) || !canonical_va(c->gs_base_user) ||
         c->gdt_ents > FIRST_RESERVED_GDT_ENTRY || c->ldt_ents )
        return -EINVAL;
    for ( i = 0; i < 256; i++ )
        if ( !canonical_va(c->trap_ctxt[i].address) )
            return -EINVAL;
    if ( !mfn_valid(l4) || (ul4 && !mfn_valid(ul4)) )
        return -EINVAL;
    /* A vCPU starting in user mode needs a user L4 to run on (as Xen). */
    if ( !(c->flags & VGCF_in_kernel) && !ul4 )
        return -EINVAL;

    spin_lock(&d->arch.mm_lock);
    rc = get_page_and_type(mfn_to_page(l4), d, PGT_l4_page_table);
    if ( !rc && ul4 &&
         (rc = get_page_and_type(mfn_to_page(ul4), d, PGT_l4_page_table)) )
        put_page_and_type(mfn_to_page(l4));
    if ( !rc && (rc = pv_set_gdt(v, c->gdt_frames, c->gdt_ents)) )
    {
        put_page_and_type(mfn_to_page(l4));
        if ( ul4 )
            put_page_and_type(mfn_to_page(ul4));
    }
    spin_unlock(&d->arch.mm_lock);
    if ( rc )
        return rc;

    pv->guest_table = l4;
    pv->guest_table_user = ul4;
    pv->user_regs = c->user_regs;
    pv->user_regs.cs |= 3;
    pv->user_regs.ss |= 3;
    pv->user_regs.rflags = (c->user_regs.rflags & ~(0x3000UL | (1UL << 17))) |
                           X86_EFLAGS_IF;
    /* IOPL in the context is how a new vCPU gets its virtual IOPL. */
    pv->iopl = (c->user_regs.rflags >> 12) & 3;
    memcpy(pv->trap_ctxt, c->trap_ctxt, sizeof(pv->trap_ctxt));
    for ( i = 0; i < 256; i++ )
        pv->trap_ctxt[i].cs |= 3;
    pv->kernel_ss = c->kernel_ss | 3;
    pv->kernel_sp = c->kernel_sp;
    pv->event_callback_eip = c->event_callback_eip;
    pv->failsafe_callback_eip = c->failsafe_callback_eip;
    pv->syscall_callback_eip = c->syscall_callback_eip;
    pv->failsafe_disables_events = c->flags & VGCF_failsafe_disables_events;
    pv->syscall_disables_events = c->flags & VGCF_syscall_disables_events;
    pv->fs_base = c->fs_base;
    pv->gs_base_kernel = c->gs_base_kernel;
    pv->gs_base_user = c->gs_base_user;
    v->arch.flags = (c->flags & VGCF_in_kernel) ? TF_kernel_mode : 0;
    __atomic_store_n(&v->is_initialised, true, __ATOMIC_RELEASE);
    return 0;
}
