/*
  * bench-micro: hot-path costs of the hypervisor, measured from inside a PV dom0
 * with the TSC, so that Tessera and Xen 4.17 can be compared in the same
 * QEMU.  Not a pass/fail test: it prints one "BENCH <name> <ticks/op>"
 * line per measurement (the median of several rounds) and succeeds if
 * every operation worked.
 *
 *   null-hypercall   xen_version(XENVER_version)
 *   evtchn-rtt       send on one end of a loopback interdomain channel and
 *                    see it pending on the other, then back
 *   grant-copy-4k    one GNTTABOP_copy of 4 KiB from a self-granted page
 *   grant-copy-64k   sixteen 4 KiB copies in one batch
 *   grant-map-unmap  map a self-granted page by VA and unmap it
 */
#include "guest.h"
#include <xen/event_channel.h>
#include <xen/grant_table.h>

const char test_name[] = "bench-micro";

#define ROUNDS  7
#define ITERS   200

static inline uint64_t rdtsc(void)
{
    uint32_t lo, hi;

    __asm__ __volatile__("lfence; rdtsc" : "=a"(lo), "=d"(hi) :: "memory");
    return ((uint64_t)hi << 32) | lo;
}

static long gnttab_op(unsigned int cmd, void *op, unsigned int n)
{
    return hypercall3(__HYPERVISOR_grant_table_op, cmd, op, n);
}

static uint64_t median(uint64_t *v, unsigned int n)
{
    unsigned int i, j;

    for ( i = 1; i < n; i++ )
        for ( j = i; j > 0 && v[j - 1] > v[j]; j-- )
        {
            uint64_t t = v[j];

            v[j] = v[j - 1];
            v[j - 1] = t;
        }
    return v[n / 2];
}

/* Runs fn ITERS times per round; prints the median ticks per call. */
static void measure(const char *name, bool (*fn)(void))
{
    uint64_t r[ROUNDS];
    unsigned int i, k;

    for ( k = 0; k < ROUNDS; k++ )
    {
        uint64_t t0 = rdtsc();

        for ( i = 0; i < ITERS; i++ )
            if ( !fn() )
            {
                report_failure("%s failed", name);
                return;
            }
        r[k] = (rdtsc() - t0) / ITERS;
    }
    printk("BENCH %s %lu\n", name, median(r, ROUNDS));
}

static bool null_hypercall(void)
{
    return HYPERVISOR_xen_version(XENVER_version, NULL) > 0;
}

static evtchn_port_t port_a, port_b;

static bool pending(evtchn_port_t p)
{
    return (shared_info->evtchn_pending[p / 64] >> (p % 64)) & 1;
}

static void clear(evtchn_port_t p)
{
    __atomic_fetch_and(&shared_info->evtchn_pending[p / 64], ~(1UL << (p % 64)),
                       __ATOMIC_SEQ_CST);
}

static bool evtchn_rtt(void)
{
    struct evtchn_send s = { .port = port_a };

    if ( HYPERVISOR_event_channel_op(EVTCHNOP_send, &s) || !pending(port_b) )
        return false;
    clear(port_b);
    s.port = port_b;
    if ( HYPERVISOR_event_channel_op(EVTCHNOP_send, &s) || !pending(port_a) )
        return false;
    clear(port_a);
    return true;
}

static bool setup_evtchn(void)
{
    struct evtchn_alloc_unbound au = { .dom = DOMID_SELF, .remote_dom = DOMID_SELF };
    struct evtchn_bind_interdomain bi = { .remote_dom = DOMID_SELF };

    if ( HYPERVISOR_event_channel_op(EVTCHNOP_alloc_unbound, &au) )
        return false;
    bi.remote_port = au.port;
    if ( HYPERVISOR_event_channel_op(EVTCHNOP_bind_interdomain, &bi) )
        return false;
    port_a = au.port;
    port_b = bi.local_port;
    shared_info->evtchn_mask[port_a / 64] |= 1UL << (port_a % 64);
    shared_info->evtchn_mask[port_b / 64] |= 1UL << (port_b % 64);
    clear(port_a);
    clear(port_b);
    return true;
}

/* --- Grants: one frame of our own, granted to ourselves as ref 8. */

#define GREF 8
static grant_entry_v1_t *gtab;
static uint64_t granted_mfn, local_mfn[16];
static void *granted_va, *map_va;
static domid_t self_id;

static bool setup_grants(void)
{
    struct gnttab_setup_table st = { .dom = DOMID_SELF, .nr_frames = 1 };
    xen_pfn_t frame;
    unsigned int i;

    set_xen_guest_handle(st.frame_list, &frame);
    if ( gnttab_op(GNTTABOP_setup_table, &st, 1) || st.status )
        return false;
    gtab = map_frame(frame, PAGE_RW_FLAGS | _PAGE_NX);
    granted_va = zeroed_frame(&granted_mfn);
    for ( i = 0; i < 16; i++ )
        unmap_frame(zeroed_frame(&local_mfn[i]));
    self_id = 0;                        /* the benchmark runs as dom0 */
    gtab[GREF].frame = granted_mfn;
    gtab[GREF].domid = self_id;
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
    gtab[GREF].flags = GTF_permit_access;
    map_va = zeroed_frame(&(uint64_t){ 0 });
    return true;
}

static bool grant_copy(unsigned int n)
{
    struct gnttab_copy c[16];
    unsigned int i;

    for ( i = 0; i < n; i++ )
    {
        c[i] = (struct gnttab_copy){
            .source = { .u.ref = GREF, .domid = self_id, .offset = 0 },
            .dest = { .u.gmfn = local_mfn[i], .domid = DOMID_SELF, .offset = 0 },
            .len = 4096, .flags = GNTCOPY_source_gref,
        };
    }
    if ( gnttab_op(GNTTABOP_copy, c, n) )
        return false;
    for ( i = 0; i < n; i++ )
        if ( c[i].status )
            return false;
    return true;
}

static bool grant_copy_4k(void) { return grant_copy(1); }
static bool grant_copy_64k(void) { return grant_copy(16); }

static bool grant_map_unmap(void)
{
    struct gnttab_map_grant_ref m = {
        .host_addr = (unsigned long)map_va, .flags = GNTMAP_host_map,
        .ref = GREF, .dom = self_id,
    };
    struct gnttab_unmap_grant_ref u = { .host_addr = (unsigned long)map_va };

    if ( gnttab_op(GNTTABOP_map_grant_ref, &m, 1) || m.status )
        return false;
    u.handle = m.handle;
    return !gnttab_op(GNTTABOP_unmap_grant_ref, &u, 1) && !u.status;
}

void test_main(void)
{
    measure("null-hypercall", null_hypercall);
    if ( !check(setup_evtchn(), "loopback event channel") )
        return;
    measure("evtchn-rtt", evtchn_rtt);
    if ( !check(setup_grants(), "grant table and a self-granted frame") )
        return;
    measure("grant-copy-4k", grant_copy_4k);
    measure("grant-copy-64k", grant_copy_64k);
    measure("grant-map-unmap", grant_map_unmap);
}
