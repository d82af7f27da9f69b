/*
 * sysctl (hypercall 35): the toolstack's host-wide control interface.
 *
 * Checks in Xen 4.17's order: the structure copied in once (-EFAULT), the
 * interface version (-EACCES), the permission gate shared with domctl
 * (-EPERM); then one worker per operation on the hypervisor's copy.
 * Unknown operations are -ENOSYS, logged once.  sysctl_lock serialises
 * the operations (the console ring's clear position is under it).
 */
#include <xen/console.h>
#include <xen/domctl.h>
#include <xen/errno.h>
#include <xen/guest_access.h>
#include <xen/hypercall.h>
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/sched.h>
#include <xen/smp.h>
#include <xen/spinlock.h>
#include <xen/string.h>
#include <xen/time.h>
#include <public/sysctl.h>
#include <asm/current.h>
#include <asm/processor.h>

static DEFINE_SPINLOCK(sysctl_lock);

/* --- readconsole. */

/* Where a reader without an index starts: the oldest byte not cleared. */
static size_t ring_cleared;

/*
 * Xen's read_console_ring(): from the oldest unread byte (or, with
 * incremental, from the caller's index if it lies between that and the
 * newest byte) up to count bytes; index comes back as the position after
 * the last byte read, so the next incremental read continues there.
 * Indices are the low 32 bits of a position, as Xen's are.
 */
static long sysctl_readconsole(struct xen_sysctl_readconsole *rc)
{
    XEN_GUEST_HANDLE(char) buf = rc->buffer;
    size_t p = console_ring_position();
    size_t c = MAX(ring_cleared, p > CONSOLE_RING_BYTES ? p - CONSOLE_RING_BYTES : 0);
    uint32_t back = (uint32_t)p - rc->index;
    uint32_t sofar = 0;
    char chunk[256];

    if ( rc->incremental && back < p - c )
        c = p - back;
    while ( c < p && sofar < rc->count )
    {
        size_t n = console_ring_copy(c, chunk,
                                     MIN(sizeof(chunk), rc->count - sofar));

        /* Overtaken by new output: continue from the oldest byte left. */
        if ( !n )
        {
            p = console_ring_position();
            if ( p <= CONSOLE_RING_BYTES || c >= p - CONSOLE_RING_BYTES )
                break;                  /* cannot happen: never spin */
            c = p - CONSOLE_RING_BYTES;
            continue;
        }
        if ( copy_to_guest_offset(buf, sofar, chunk, n) )
            return -EFAULT;
        sofar += n;
        c += n;
    }
    if ( rc->clear )
        ring_cleared = c;
    rc->count = sofar;
    rc->index = (uint32_t)c;
    return 0;
}

/* --- physinfo. */

/* The raw CPUID words of Xen's featureset, in its order (hw_cap[]). */
static void physinfo_hw_cap(uint32_t cap[8])
{
    uint32_t a, b, c, d;

    cpuid_count(1, 0, &a, &b, &c, &d);
    cap[0] = d;
    cap[1] = c;
    cpuid_count(0x80000000, 0, &a, &b, &c, &d);
    if ( a >= 0x80000001 )
    {
        cpuid_count(0x80000001, 0, &a, &b, &c, &d);
        cap[2] = d;
        cap[3] = c;
    }
    cpuid_count(0, 0, &a, &b, &c, &d);
    if ( a >= 7 )
    {
        cpuid_count(7, 0, &a, &b, &c, &d);
        cap[5] = b;
        cap[6] = c;
    }
    if ( a >= 0xd )
    {
        cpuid_count(0xd, 1, &a, &b, &c, &d);
        cap[4] = a;
    }
}

static unsigned int highest_online_cpu(void)
{
    unsigned int cpu, max = 0;

    for ( cpu = 0; cpu < NR_CPUS; cpu++ )
        if ( cpu_online(cpu) )
            max = cpu;
    return max;
}

/*
 * One NUMA node, one thread per core; PV guests only, grant tables v1
 * only (Tessera offers no v2 entries).
 */
static void sysctl_physinfo(struct xen_sysctl_physinfo *pi)
{
    memset(pi, 0, sizeof(*pi));
    pi->threads_per_core = 1;
    pi->nr_cpus = num_online_cpus();
    pi->cores_per_socket = pi->nr_cpus;
    pi->max_cpu_id = highest_online_cpu();
    pi->nr_nodes = 1;
    pi->max_node_id = 0;
    pi->cpu_khz = cpu_khz;
    pi->capabilities = XEN_SYSCTL_PHYSCAP_pv | XEN_SYSCTL_PHYSCAP_gnttab_v1;
    pi->total_pages = __atomic_load_n(&total_pages, __ATOMIC_RELAXED);
    pi->free_pages = __atomic_load_n(&avail_pages, __ATOMIC_RELAXED);
    pi->max_mfn = max_page - 1;
    physinfo_hw_cap(pi->hw_cap);
}

/* --- getdomaininfolist. */

/*
 * Domains with id >= first_domain, at most max_domains of them, in id
 * order.  A fault on the buffer fails the call and reports nothing.
 */
static long sysctl_getdomaininfolist(struct xen_sysctl_getdomaininfolist *l)
{
    struct xen_domctl_getdomaininfo info;
    uint32_t n = 0;
    domid_t next = l->first_domain;
    struct domain *d;

    while ( n < l->max_domains && next < DOMID_FIRST_RESERVED &&
            (d = get_domain_from(next)) )
    {
        getdomaininfo(d, &info);
        next = d->domain_id + 1;
        put_domain(d);
        if ( copy_to_guest_offset(l->buffer, n, &info, 1) )
            return -EFAULT;
        n++;
    }
    l->num_domains = n;
    return 0;
}

/* --- The dispatcher. */

static long sysctl_op(struct xen_sysctl *op)
{
    switch ( op->cmd )
    {
    case XEN_SYSCTL_readconsole:
        return sysctl_readconsole(&op->u.readconsole);
    case XEN_SYSCTL_physinfo:
        sysctl_physinfo(&op->u.physinfo);
        return 0;
    case XEN_SYSCTL_sched_id:
        op->u.sched_id.sched_id = XEN_SCHEDULER_CREDIT2;
        return 0;
    case XEN_SYSCTL_getdomaininfolist:
        return sysctl_getdomaininfolist(&op->u.getdomaininfolist);
    default:
        hypercall_log_unknown(__HYPERVISOR_sysctl, op->cmd);
        return -ENOSYS;
    }
}

long do_sysctl(XEN_GUEST_HANDLE_PARAM(xen_sysctl_t) u_sysctl)
{
    struct xen_sysctl op;
    long rc;

    if ( copy_from_guest(&op, u_sysctl, 1) )
        return -EFAULT;
    if ( op.interface_version != XEN_SYSCTL_INTERFACE_VERSION )
        return -EACCES;
    if ( (rc = control_op_permitted()) )
        return rc;
    spin_lock(&sysctl_lock);
    rc = sysctl_op(&op);
    spin_unlock(&sysctl_lock);
    /* As on Xen, a failed operation is not copied back. */
    if ( !rc && copy_to_guest(u_sysctl, &op, 1) )
        rc = -EFAULT;
    return rc;
}
