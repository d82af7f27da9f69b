/*
 * Building a 64-bit PV domain from a kernel image, as Xen's dom0 builder
 * does: the guest-visible layout is the ABI (public/xen.h, "start of day
 * memory layout"), and unmodified kernels depend on every detail of it.
 *
 * The initial mapping starts at the kernel's VIRT_BASE and maps, page for
 * page from pseudo-physical frame 0, in this order:
 *     kernel | initrd (unless passed by frame number) | P2M list (unless
 *     the kernel asked for it at INIT_P2M) | start_info | page tables |
 *     boot stack
 * rounded up to 4 MiB with at least 512 KiB to spare.  The page tables
 * are built in the domain's own frames and then validated and pinned like
 * any the guest builds itself, so the type counts are right from the start.
 */
#include <xen/bzimage.h>
#include <xen/errno.h>
#include <xen/event.h>
#include <xen/grant_table.h>
#include <xen/lib.h>
#include <xen/libelf.h>
#include <xen/mm.h>
#include <xen/sched.h>
#include <xen/string.h>
#include <xen/xmalloc.h>
#include <xen/xz.h>
#include <public/xen.h>
#include <asm/current.h>
#include <asm/pv.h>
#include "mm.h"

#define L4_SHIFT        39
#define L3_SHIFT        30
#define L2_SHIFT        21
#define GUEST_PT_FLAGS  (_PAGE_PRESENT | _PAGE_RW | _PAGE_USER | _PAGE_ACCESSED | _PAGE_DIRTY)
#define MB(x)           ((unsigned long)(x) << 20)

struct layout {
    unsigned long v_start, v_end;       /* the initial mapping */
    unsigned long kern_start, kern_end;
    unsigned long initrd_va, initrd_pfn, initrd_pages;
    unsigned long p2m_va, p2m_pages;    /* in the mapping unless p2m_separate */
    bool p2m_separate;
    unsigned long start_info_va, pt_va, stack_va;
    unsigned long store_va;             /* 0: no store page (dom0) */
    unsigned long nr_pt_frames, nr_pages;
};

struct builder {
    struct domain *d;
    unsigned long *p2m;                 /* hypervisor copy: pfn -> mfn */
    struct layout l;
    unsigned long next_pt_pfn;          /* page-table frames, handed out in order */
    unsigned long p2m_pt_first, p2m_pt_count;
    unsigned long store_mfn;
    unsigned int store_port;
};

/* Page-table pages needed to map [s, e) with 4 KiB pages, per level. */
static unsigned long tables_for(unsigned long s, unsigned long e)
{
    unsigned long n = 0, shift;

    if ( e <= s )
        return 0;
    for ( shift = L2_SHIFT; shift <= L4_SHIFT; shift += 9 )
        n += ((e - 1) >> shift) - (s >> shift) + 1;
    return n;
}

static unsigned long pages_of(unsigned long bytes)
{
    return (bytes + PAGE_SIZE - 1) >> PAGE_SHIFT;
}

static int plan_layout(struct layout *l, const struct elf_xen_params *p,
                       unsigned long nr_pages, size_t initrd_len, bool with_store)
{
    unsigned long v, nr_pt = 0, prev;

    l->nr_pages = nr_pages;
    l->v_start = p->virt_base;
    l->kern_start = p->virt_kstart;
    l->kern_end = ROUNDUP(p->virt_kend, PAGE_SIZE);
    l->initrd_pages = pages_of(initrd_len);
    l->p2m_pages = pages_of(nr_pages * sizeof(unsigned long));
    l->p2m_separate = p->p2m_base != ELF_UNSET_ADDR;

    v = l->kern_end;
    if ( l->initrd_pages && !p->mod_start_pfn )
    {
        l->initrd_va = v;
        v += l->initrd_pages << PAGE_SHIFT;
    }
    if ( !l->p2m_separate )
    {
        l->p2m_va = v;
        v += l->p2m_pages << PAGE_SHIFT;
    }
    else
        l->p2m_va = p->p2m_base;
    l->start_info_va = v;
    v += PAGE_SIZE;
    /* A domain other than dom0 gets a store page, as Xen's builder gives it. */
    if ( with_store )
    {
        l->store_va = v;
        v += PAGE_SIZE;
    }
    l->pt_va = v;

    /* The table count depends on the end, which depends on the count. */
    do {
        unsigned long end;

        prev = nr_pt;
        end = ROUNDUP(v + (nr_pt + 1) * PAGE_SIZE + 512 * 1024, MB(4));
        nr_pt = tables_for(l->v_start, end) + 1;    /* + the L4 */
        if ( l->p2m_separate )
            nr_pt += tables_for(l->p2m_va, l->p2m_va +
                                (ROUNDUP(l->p2m_pages, 512) << PAGE_SHIFT));
        l->v_end = end;
    } while ( nr_pt != prev );
    l->nr_pt_frames = nr_pt;
    l->stack_va = l->pt_va + (nr_pt << PAGE_SHIFT);

    if ( l->v_end - l->v_start > (nr_pages << PAGE_SHIFT) )
        return -ENOMEM;
    /* Linux copies only the L2 under L4[511]/L3[510]: keep within 1 GiB. */
    if ( l->v_end - l->v_start > (1UL << L3_SHIFT) )
        return -E2BIG;
    if ( l->initrd_pages && p->mod_start_pfn )
    {
        l->initrd_pfn = (l->v_end - l->v_start) >> PAGE_SHIFT;
        if ( l->initrd_pfn + l->initrd_pages > nr_pages )
            return -ENOMEM;
    }
    return 0;
}

/* --- Memory. */

static int populate(struct builder *b)
{
    unsigned long pfn = 0, i;
    unsigned int order = MAX_ORDER;

    while ( pfn < b->l.nr_pages )
    {
        struct page_info *pg;

        while ( (1UL << order) > b->l.nr_pages - pfn )
            order--;
        pg = alloc_domain_pages(b->d, order, 0);
        if ( !pg )
        {
            if ( order == 0 )
                return -ENOMEM;
            order--;
            continue;
        }
        for ( i = 0; i < (1UL << order); i++, pfn++ )
        {
            b->p2m[pfn] = page_to_mfn(pg) + i;
            set_gpfn_from_mfn(b->p2m[pfn], pfn);
        }
    }
    return 0;
}

static void *pfn_to_hv(const struct builder *b, unsigned long pfn)
{
    return mfn_to_virt(b->p2m[pfn]);
}

static unsigned long va_to_pfn(const struct builder *b, unsigned long va)
{
    return (va - b->l.v_start) >> PAGE_SHIFT;
}

static int write_to_guest(void *ctx, uint64_t va, const void *src, size_t len)
{
    struct builder *b = ctx;

    while ( len )
    {
        unsigned long off = va & (PAGE_SIZE - 1);
        size_t n = MIN(len, PAGE_SIZE - off);
        unsigned long pfn = va_to_pfn(b, va);
        char *dst;

        if ( va < b->l.v_start || pfn >= b->l.nr_pages )
            return -EINVAL;
        dst = (char *)pfn_to_hv(b, pfn) + off;
        if ( src )
        {
            memcpy(dst, src, n);
            src = (const char *)src + n;
        }
        else
            memset(dst, 0, n);
        va += n;
        len -= n;
    }
    return 0;
}

/* --- Page tables, built in the guest's frames. */

static uint64_t *alloc_table(struct builder *b, unsigned long *mfn)
{
    unsigned long pfn = va_to_pfn(b, b->l.pt_va) + b->next_pt_pfn++;
    uint64_t *t = pfn_to_hv(b, pfn);

    BUG_ON(b->next_pt_pfn > b->l.nr_pt_frames);
    memset(t, 0, PAGE_SIZE);
    *mfn = b->p2m[pfn];
    return t;
}

static uint64_t *next_level(struct builder *b, uint64_t *t, unsigned int idx)
{
    unsigned long mfn;

    if ( !(t[idx] & _PAGE_PRESENT) )
    {
        alloc_table(b, &mfn);
        t[idx] = ((uint64_t)mfn << PAGE_SHIFT) | GUEST_PT_FLAGS;
    }
    return mfn_to_virt(t[idx] >> PAGE_SHIFT & (PTE_ADDR_MASK >> PAGE_SHIFT));
}

static void map_page(struct builder *b, uint64_t *l4, unsigned long va,
                     unsigned long mfn, bool writable)
{
    uint64_t *l3 = next_level(b, l4, pt_index(va, 4));
    uint64_t *l2 = next_level(b, l3, pt_index(va, 3));
    uint64_t *l1 = next_level(b, l2, pt_index(va, 2));

    l1[pt_index(va, 1)] = ((uint64_t)mfn << PAGE_SHIFT) |
                          (GUEST_PT_FLAGS & ~(writable ? 0 : _PAGE_RW));
}

static bool is_pt_va(const struct builder *b, unsigned long va)
{
    return va >= b->l.pt_va &&
           va < b->l.pt_va + (b->l.nr_pt_frames << PAGE_SHIFT);
}

static unsigned long build_tables(struct builder *b)
{
    unsigned long l4_mfn, va, i;
    uint64_t *l4 = alloc_table(b, &l4_mfn);

    for ( va = b->l.v_start; va < b->l.v_end; va += PAGE_SIZE )
        map_page(b, l4, va, b->p2m[va_to_pfn(b, va)], !is_pt_va(b, va));
    if ( b->l.p2m_separate )
    {
        /* The P2M's own frames follow the initial mapping (and the initrd). */
        unsigned long first = (b->l.v_end - b->l.v_start) >> PAGE_SHIFT;

        if ( b->l.initrd_pfn )
            first = b->l.initrd_pfn + b->l.initrd_pages;
        b->p2m_pt_first = first;
        for ( i = 0; i < b->l.p2m_pages; i++ )
            map_page(b, l4, b->l.p2m_va + i * PAGE_SIZE, b->p2m[first + i], true);
    }
    return l4_mfn;
}

/* --- The guest-visible structures. */

static void fill_hypercall_page(void *page)
{
    uint8_t *p = page;
    unsigned int i;

    memset(page, 0xcc, PAGE_SIZE);              /* int3 between the stubs */
    for ( i = 0; i < PAGE_SIZE / 32; i++, p += 32 )
    {
        unsigned int n = 0;

        p[n++] = 0x51;                          /* push %rcx */
        p[n++] = 0x41; p[n++] = 0x53;           /* push %r11 */
        if ( i == __HYPERVISOR_iret )
            p[n++] = 0x50;                      /* push %rax: iret frame */
        p[n++] = 0xb8;                          /* mov $i, %eax */
        p[n++] = i; p[n++] = 0; p[n++] = 0; p[n++] = 0;
        p[n++] = 0x0f; p[n++] = 0x05;           /* syscall */
        if ( i == __HYPERVISOR_iret )
        {
            p[n++] = 0x0f; p[n++] = 0x0b;       /* ud2: iret does not return */
            continue;
        }
        p[n++] = 0x41; p[n++] = 0x5b;           /* pop %r11 */
        p[n++] = 0x59;                          /* pop %rcx */
        p[n++] = 0xc3;                          /* ret */
    }
}

static void fill_start_info(struct builder *b, const char *cmdline,
                            unsigned long initrd_len, bool mod_as_pfn)
{
    start_info_t *si = pfn_to_hv(b, va_to_pfn(b, b->l.start_info_va));
    struct domain *d = b->d;

    memset(si, 0, PAGE_SIZE);
    snprintf(si->magic, sizeof(si->magic), "xen-3.0-x86_64");
    si->nr_pages = b->l.nr_pages;
    si->shared_info = __pa(d->shared_info);
    si->flags = (d->is_privileged ? SIF_PRIVILEGED : 0) |
                (d->domain_id == 0 ? SIF_INITDOMAIN : 0);
    si->pt_base = b->l.pt_va;
    si->nr_pt_frames = b->l.nr_pt_frames;
    si->mfn_list = b->l.p2m_va;
    if ( initrd_len )
    {
        if ( mod_as_pfn )
        {
            si->flags |= SIF_MOD_START_PFN;
            si->mod_start = b->l.initrd_pfn;
        }
        else
            si->mod_start = b->l.initrd_va;
        si->mod_len = initrd_len;
    }
    if ( b->l.p2m_separate )
    {
        si->first_p2m_pfn = b->p2m_pt_first;
        si->nr_p2m_frames = b->l.p2m_pages;
    }
    strlcpy((char *)si->cmd_line, cmdline, sizeof(si->cmd_line));
    si->store_mfn = b->store_mfn;
    si->store_evtchn = b->store_port;
}

/*
 * The store page and its port, offered to dom0, where the store daemon
 * runs: the page granted as GNTTAB_RESERVED_XENSTORE (so that the daemon
 * maps it by grant, as with Xen's toolstack), the port unbound for dom0.
 * Dom0 reads both with hvm_op get_param (pv/hvm_op.c).
 */
static int setup_store(struct builder *b)
{
    int port;

    if ( !b->l.store_va )
        return 0;
    /* Zeroed, as every frame from the heap: the ring starts empty. */
    b->store_mfn = b->p2m[va_to_pfn(b, b->l.store_va)];
    port = evtchn_alloc_unbound_in(b->d, 0);
    if ( port < 0 )
        return port;
    b->store_port = port;
    gnttab_seed_entry(b->d, GNTTAB_RESERVED_XENSTORE, 0, b->store_mfn);
    b->d->arch.store_mfn = b->store_mfn;
    b->d->arch.store_port = port;
    return 0;
}

static void fill_p2m(struct builder *b)
{
    unsigned long i;

    if ( b->l.p2m_separate )
    {
        for ( i = 0; i < b->l.nr_pages; i++ )
            ((unsigned long *)pfn_to_hv(b, b->p2m_pt_first + i / 512))[i % 512] =
                b->p2m[i];
        return;
    }
    for ( i = 0; i < b->l.nr_pages; i++ )
        write_to_guest(b, b->l.p2m_va + i * sizeof(unsigned long), &b->p2m[i],
                       sizeof(unsigned long));
}

static void copy_initrd(struct builder *b, const void *initrd, size_t len)
{
    unsigned long i;

    if ( !len )
        return;
    if ( !b->l.initrd_pfn )
    {
        write_to_guest(b, b->l.initrd_va, initrd, len);
        return;
    }
    for ( i = 0; i < pages_of(len); i++ )
    {
        size_t n = MIN(len - i * PAGE_SIZE, PAGE_SIZE);
        char *dst = pfn_to_hv(b, b->l.initrd_pfn + i);

        memcpy(dst, (const char *)initrd + i * PAGE_SIZE, n);
        memset(dst + n, 0, PAGE_SIZE - n);
    }
}

/* --- The kernel image. */

static int unpack_kernel(const void *image, size_t len, void **elf,
                         size_t *elf_len, unsigned int *order)
{
    const void *payload;
    size_t plen, out_len;
    const char *why = NULL;
    int rc = bzimage_parse(image, len, &payload, &plen, &out_len);

    *order = 0;
    if ( rc == -EINVAL )
    {
        *elf = (void *)image;           /* not a bzImage: a plain ELF */
        *elf_len = len;
        return 0;
    }
    if ( rc )
        return rc;
    while ( (PAGE_SIZE << *order) < out_len )
        (*order)++;
    *elf = alloc_xenheap_pages(*order);
    if ( !*elf )
        return -ENOMEM;
    printk("Dom0 kernel: bzImage, decompressing %lu KiB to %lu KiB\n",
           (unsigned long)plen >> 10, (unsigned long)out_len >> 10);
    rc = xz_decompress(payload, plen, *elf, PAGE_SIZE << *order, elf_len, &why);
    if ( rc )
    {
        printk("Dom0 kernel: decompression failed: %s\n", why ? why : "?");
        free_xenheap_pages(*elf, *order);
        *elf = NULL;
    }
    return rc;
}

static void start_vcpu0(struct builder *b, const struct elf_xen_params *p,
                        unsigned long l4_mfn)
{
    struct vcpu *v = b->d->vcpu[0];
    struct cpu_user_regs *regs = &v->arch.pv.user_regs;

    memset(regs, 0, sizeof(*regs));
    regs->rip = p->virt_entry;
    regs->rsp = b->l.stack_va + PAGE_SIZE;
    regs->rsi = b->l.start_info_va;
    regs->cs = FLAT_KERNEL_CS;
    regs->ss = FLAT_KERNEL_SS;
    regs->rflags = 0x200;
    v->arch.pv.guest_table = l4_mfn;
    v->arch.flags = TF_kernel_mode;
    v->is_initialised = true;
}

int pv_build_domain(struct domain *d, const void *kernel, size_t kernel_len,
                    const void *initrd, size_t initrd_len, const char *cmdline,
                    unsigned long nr_pages)
{
    struct elf_xen_params p;
    struct builder b = { .d = d };
    const char *why = NULL;
    void *elf;
    size_t elf_len;
    unsigned int elf_order;
    unsigned long l4_mfn;
    int rc;

    rc = unpack_kernel(kernel, kernel_len, &elf, &elf_len, &elf_order);
    if ( rc )
        return rc;
    rc = elf_xen_parse(elf, elf_len, &p, &why);
    if ( rc )
    {
        printk("d%u: kernel refused: %s\n", d->domain_id, why ? why : "?");
        goto out;
    }
    if ( d->domain_id == 0 && !(p.f_supported[0] & (1U << XENFEAT_dom0)) )
    {
        printk("d0: the kernel does not say it can run as dom0 (XENFEAT_dom0)\n");
        rc = -EINVAL;
        goto out;
    }
    rc = plan_layout(&b.l, &p, nr_pages, initrd_len, d->domain_id != 0);
    if ( rc )
    {
        printk("d%u: %lu pages are too few for the kernel's initial mapping\n",
               d->domain_id, nr_pages);
        goto out;
    }
    rc = -ENOMEM;
    b.p2m = xmalloc_array_bytes(sizeof(unsigned long), 8, nr_pages);
    if ( !b.p2m )
        goto out;
    d->max_pages = nr_pages;
    if ( (rc = populate(&b)) )
        goto out;
    d->arch.p2m_size = nr_pages;
    d->shared_info->arch.max_pfn = nr_pages;

    /* The heap hands out zeroed frames, so the bss needs no clearing. */
    if ( (rc = elf_xen_load(elf, elf_len, &p, write_to_guest, &b)) )
        goto out;
    if ( p.virt_hypercall != ELF_UNSET_ADDR )
        fill_hypercall_page(pfn_to_hv(&b, va_to_pfn(&b, p.virt_hypercall)));
    copy_initrd(&b, initrd, initrd_len);
    l4_mfn = build_tables(&b);
    fill_p2m(&b);
    if ( (rc = setup_store(&b)) )
        goto out;
    fill_start_info(&b, cmdline, initrd_len, p.mod_start_pfn);

    /* Validate and pin the tables as the guest would, then install them. */
    rc = get_page_and_type(mfn_to_page(l4_mfn), d, PGT_l4_page_table);
    if ( rc )
    {
        printk("d%u: the initial page tables do not validate (%d)\n",
               d->domain_id, rc);
        goto out;
    }
    mfn_to_page(l4_mfn)->u.inuse.type_info |= PGT_pinned;
    get_page_and_type(mfn_to_page(l4_mfn), d, PGT_l4_page_table);
    start_vcpu0(&b, &p, l4_mfn);
    printk("d%u: %s kernel, entry %#lx, %lu MiB, initial mapping %#lx-%#lx\n",
           d->domain_id, p.guest_os, (unsigned long)p.virt_entry,
           nr_pages >> (20 - PAGE_SHIFT), b.l.v_start, b.l.v_end);
    rc = 0;
 out:
    xfree(b.p2m);
    if ( elf && elf != kernel )
        free_xenheap_pages(elf, elf_order);
    return rc;
}
