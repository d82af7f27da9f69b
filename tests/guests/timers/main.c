/*
 * timers: guest time and timers, as Xen 4.17 gives them to a PV vCPU.
 *
 * Proves: a PV vCPU starts with a 10 ms periodic timer (VIRQ_TIMER comes
 * without asking) until VCPUOP_stop_periodic_timer; it ticks only while
 * the vCPU runs (a blocked vCPU is not woken; one tick makes up for the
 * missed ones when it runs again); set_periodic_timer ticks at its period; VCPUOP_set_singleshot_timer raises VIRQ_TIMER no
 * earlier than its deadline and at most TOLERANCE late; a deadline in the
 * past fires during the hypercall; stop_singleshot_timer and
 * set_timer_op(0) cancel; set_timer_op fires like the one-shot timer, and
 * a timeout more than 2^50 ns ahead or with bit 63 set fires after about
 * 100 ms (Xen's guard against wrapped Linux jiffies); vcpu_time_info has an
 * even version, a sane scale, and gives a monotonic system time, whose
 * advance matches the TSC's through that scale and the hypervisor's own
 * timers; the wall clock has an even wc_version and a plausible wc_sec.
 *
 * Tolerance: an event may come up to 100 ms late (QEMU TCG on shared
 * host CPUs) and no more than 1 ms early (Xen's timer slop is 50 us).
 */
#include "events.h"

const char test_name[] = "timers";

#define MS              1000000UL
#define TOLERANCE       (100 * MS)
#define EARLY_SLACK     (1 * MS)

static evtchn_port_t tport;

/* Polls the timer port until it is pending or `limit` ns pass; when it fired. */
static uint64_t wait_timer(uint64_t limit)
{
    uint64_t end = system_time_ns() + limit;

    while ( !port_pending(tport) && system_time_ns() < end )
        poll_ports(&tport, 1, end);
    return port_pending(tport) ? system_time_ns() : 0;
}

static long singleshot(uint64_t deadline)
{
    struct vcpu_set_singleshot_timer s = { .timeout_abs_ns = deadline };

    return HYPERVISOR_vcpu_op(VCPUOP_set_singleshot_timer, 0, &s);
}

static void check_on_time(uint64_t fired, uint64_t deadline, const char *what)
{
    check(fired && fired + EARLY_SLACK >= deadline && fired <= deadline + TOLERANCE,
          "%s: fired %ld us after the deadline", what,
          fired ? (long)(fired - deadline) / 1000 : -999999L);
}

/* Runs (never blocks) for `ns`, counting the timer port's events. */
static unsigned int spin_ticks(uint64_t ns)
{
    uint64_t end = system_time_ns() + ns;
    unsigned int ticks = 0;

    port_clear(tport);
    while ( system_time_ns() < end )
        if ( port_pending(tport) )
        {
            ticks++;
            port_clear(tport);
        }
    return ticks;
}

/*
 * Xen's periodic timer runs only while its vCPU runs: it is stopped when
 * the vCPU is descheduled, and at the next switch-in one event makes up
 * for the periods missed.
 */
static void test_periodic(void)
{
    struct vcpu_set_periodic_timer p = { .period_ns = 20 * MS };
    unsigned int n;
    uint64_t t0, dt;

    n = spin_ticks(55 * MS);
    check(n >= 3 && n <= 6, "a PV vCPU starts with a 10 ms periodic timer: %u ticks in 55 ms",
          n);
    port_clear(tport);
    t0 = system_time_ns();
    poll_ports(&tport, 1, t0 + 60 * MS);
    dt = system_time_ns() - t0;
    check(dt + EARLY_SLACK >= 60 * MS, "  it does not wake a blocked vCPU (%lu us)", dt / 1000);
    check(port_pending(tport), "  but ticks once when the vCPU runs again");
    check_eq(HYPERVISOR_vcpu_op(VCPUOP_stop_periodic_timer, 0, NULL), 0,
             "stop_periodic_timer");
    check_eq(spin_ticks(60 * MS), 0, "  no tick after it is stopped");

    check_eq(HYPERVISOR_vcpu_op(VCPUOP_set_periodic_timer, 0, &p), 0,
             "set_periodic_timer(20 ms)");
    n = spin_ticks(205 * MS);
    check(n >= 7 && n <= 11, "  about 10 ticks in 205 ms: %u", n);
    check_eq(HYPERVISOR_vcpu_op(VCPUOP_stop_periodic_timer, 0, NULL), 0,
             "stop_periodic_timer");
    check_eq(spin_ticks(60 * MS), 0, "  no tick after it is stopped");
}

static void test_singleshot(void)
{
    static const unsigned int delays_ms[] = { 1, 5, 20, 50 };
    uint64_t deadline;
    unsigned int i;

    for ( i = 0; i < ARRAY_SIZE(delays_ms); i++ )
    {
        port_clear(tport);
        deadline = system_time_ns() + delays_ms[i] * MS;
        check_eq(singleshot(deadline), 0, "set_singleshot_timer");
        check_on_time(wait_timer(delays_ms[i] * MS + 2 * TOLERANCE), deadline, "  one-shot");
        port_clear(tport);
        check_eq(wait_timer(30 * MS), 0, "  fires once");
    }

    port_clear(tport);
    check_eq(singleshot(system_time_ns() - MS), 0, "a one-shot deadline in the past");
    check(port_pending(tport), "  fired during the hypercall");
    port_clear(tport);
    check_eq(singleshot(1), 0, "a one-shot deadline of 1 ns");
    check(port_pending(tport), "  fired during the hypercall");

    port_clear(tport);
    singleshot(system_time_ns() + 20 * MS);
    check_eq(HYPERVISOR_vcpu_op(VCPUOP_stop_singleshot_timer, 0, NULL), 0,
             "stop_singleshot_timer");
    check_eq(wait_timer(60 * MS), 0, "  cancels it");
}

static void test_set_timer_op(void)
{
    uint64_t deadline, t0;

    port_clear(tport);
    deadline = system_time_ns() + 20 * MS;
    check_eq(HYPERVISOR_set_timer_op(deadline), 0, "set_timer_op in 20 ms");
    check_on_time(wait_timer(20 * MS + 2 * TOLERANCE), deadline, "  it");

    port_clear(tport);
    HYPERVISOR_set_timer_op(system_time_ns() + 20 * MS);
    check_eq(HYPERVISOR_set_timer_op(0), 0, "set_timer_op(0)");
    check_eq(wait_timer(60 * MS), 0, "  cancels it");

    port_clear(tport);
    t0 = system_time_ns();
    check_eq(HYPERVISOR_set_timer_op(t0 + (1UL << 51)), 0, "set_timer_op 26 days ahead");
    check_on_time(wait_timer(100 * MS + 2 * TOLERANCE), t0 + 100 * MS,
                  "  fires after 100 ms instead");
    port_clear(tport);
    t0 = system_time_ns();
    check_eq(HYPERVISOR_set_timer_op(1UL << 63), 0, "set_timer_op with bit 63 set");
    check_on_time(wait_timer(100 * MS + 2 * TOLERANCE), t0 + 100 * MS,
                  "  fires after 100 ms too");
    HYPERVISOR_set_timer_op(0);
}

static void test_clock(void)
{
    volatile struct vcpu_time_info *t = &vcpu0_info()->time;
    uint64_t prev, now, tsc0, tsc1, ns0, ns1, scaled;
    unsigned int i, backwards = 0;
    uint32_t mul = t->tsc_to_system_mul;
    int8_t shift = t->tsc_shift;

    check(!(t->version & 1), "vcpu_time_info version %u is even", t->version);
    check(mul != 0 && shift >= -31 && shift <= 31, "scale: mul %#x shift %d", mul, shift);
    check(t->tsc_timestamp <= rdtsc(), "tsc_timestamp is in the past");
    prev = system_time_ns();
    check(prev > 0, "system time %lu ns", prev);
    for ( i = 0; i < 100000; i++ )
    {
        now = system_time_ns();
        if ( now < prev )
            backwards++;
        prev = now;
    }
    check_eq(backwards, 0, "system time never goes backwards (100000 reads)");

    /* The scale turns TSC ticks into the same ns the clock advanced by. */
    tsc0 = rdtsc();
    ns0 = system_time_ns();
    for ( volatile unsigned long j = 0; j < 3000000; j++ )
        ;
    tsc1 = rdtsc();
    ns1 = system_time_ns();
    scaled = shift >= 0 ? (tsc1 - tsc0) << shift : (tsc1 - tsc0) >> -shift;
    scaled = (uint64_t)(((unsigned __int128)scaled * mul) >> 32);
    check(ns1 - ns0 + 100000 >= scaled && ns1 - ns0 <= scaled + 100000,
          "the clock advances with the TSC: %lu ns vs %lu ns scaled", ns1 - ns0, scaled);

    /* A 30 ms poll timeout, measured on this clock, lasts 30 ms. */
    port_clear(tport);
    ns0 = system_time_ns();
    poll_ports(&tport, 1, ns0 + 30 * MS);
    ns1 = system_time_ns();
    check(ns1 - ns0 + EARLY_SLACK >= 30 * MS && ns1 - ns0 <= 30 * MS + TOLERANCE,
          "a 30 ms poll timeout takes %lu us on this clock", (ns1 - ns0) / 1000);
    check(t->system_time >= ns0 - 1000 * MS, "the record is kept current");
}

static void test_wallclock(void)
{
    uint32_t v = shared_info->wc_version;

    check(!(v & 1), "wc_version %u is even", v);
    /* 2020-01-01 .. 2100-01-01 */
    check(shared_info->wc_sec > 1577836800U && shared_info->wc_sec < 4102444800U,
          "wc_sec %u is plausible", shared_info->wc_sec);
    check(shared_info->wc_nsec < 1000000000U, "wc_nsec %u < 1 s", shared_info->wc_nsec);
    check_eq(shared_info->wc_sec_hi, 0, "wc_sec_hi");
}

void test_main(void)
{
    long p = evtchn_bind_virq_on(VIRQ_TIMER, 0);

    if ( !check(p > 0, "bind VIRQ_TIMER: port %ld", p) )
        return;
    tport = p;
    port_mask(tport);           /* delivered by polling, never by upcall */
    test_periodic();
    test_singleshot();
    test_set_timer_op();
    test_clock();
    test_wallclock();
}
