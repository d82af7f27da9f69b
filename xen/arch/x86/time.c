/*
 * System time from the TSC.
 *
 * The TSC is calibrated once against the PIT (channel 2, whose gate and
 * output are readable through port 0x61 without interrupts) and assumed
 * constant and synchronized across CPUs, which every CPU with an invariant
 * TSC guarantees.  The HPET, when present, is an independent clock used to
 * check the result.
 */
#include <xen/lib.h>
#include <xen/param.h>
#include <xen/spinlock.h>
#include <xen/string.h>
#include <xen/time.h>
#include <public/xen.h>
#include <asm/acpi.h>
#include <asm/cpufeature.h>
#include <asm/io.h>
#include <asm/mm-io.h>
#include <asm/processor.h>

#define PIT_HZ              1193182
#define CALIBRATE_MS        20

uint32_t cpu_khz;
static uint64_t boot_tsc;
static struct time_scale tsc_scale;

/*
 * Whether guests may treat the TSC as one clock on every CPU
 * (XEN_PVCLOCK_TSC_STABLE_BIT): then Linux reads time in its vDSO with no
 * system call, from the copy VCPUOP_register_vcpu_time_memory_area keeps.
 * Yes with an invariant TSC; `tsc=stable` asserts it where CPUID does not
 * say so (QEMU's TCG: one virtual TSC for all vCPUs), `tsc=unstable`
 * withholds it.
 */
static bool tsc_stable;
static int opt_tsc = -1;        /* -1: from CPUID */
static int parse_tsc(const char *v)
{
    if ( !strcmp(v, "stable") )
        opt_tsc = 1;
    else if ( !strcmp(v, "unstable") )
        opt_tsc = 0;
    else
        return -1;
    return 0;
}
custom_param("tsc", parse_tsc);

/* (a << 32) / b for a < b: the 32-bit binary fraction a/b. */
static uint32_t div_frac(uint32_t a, uint32_t b)
{
    return (uint32_t)(((uint64_t)a << 32) / b);
}

/*
 * Picks shift so that the rate, shifted, lies in (0.5, 1] GHz; then
 * 1 GHz / shifted-rate is a fraction < 1 that fits mul_frac.
 */
void set_time_scale(struct time_scale *ts, uint64_t ticks_per_sec)
{
    uint64_t tps = ticks_per_sec;
    int shift = 0;

    while ( tps > 2ULL * SECONDS(1) )
    {
        tps >>= 1;
        shift--;
    }
    while ( tps <= (uint64_t)SECONDS(1) )
    {
        tps <<= 1;
        shift++;
    }
    ts->shift = shift;
    ts->mul_frac = div_frac(SECONDS(1), (uint32_t)tps);
}

uint64_t scale_delta(uint64_t delta, const struct time_scale *ts)
{
    if ( ts->shift < 0 )
        delta >>= -ts->shift;
    else
        delta <<= ts->shift;
    return (uint64_t)(((unsigned __int128)delta * ts->mul_frac) >> 32);
}

s_time_t NOW(void)
{
    return scale_delta(rdtsc_ordered() - boot_tsc, &tsc_scale);
}

uint64_t ns_to_tsc(s_time_t ns)
{
    uint64_t ms, rem;

    if ( ns < 0 )
        ns = 0;
    /* Split so that no product overflows 64 bits for a century of uptime. */
    ms = (uint64_t)ns / 1000000;
    rem = (uint64_t)ns % 1000000;
    return boot_tsc + ms * cpu_khz + rem * cpu_khz / 1000000;
}

/* TSC ticks during `ms` milliseconds of PIT channel 2 counting down. */
static uint64_t pit_measure_tsc(unsigned int ms)
{
    uint32_t count = PIT_HZ * ms / 1000;
    uint64_t t0, t1;
    uint8_t gate = inb(0x61);

    outb((gate & ~0x02) | 0x01, 0x61);     /* gate on, speaker off */
    outb(0xb0, 0x43);                      /* ch 2, lo/hi byte, mode 0 */
    outb(count & 0xff, 0x42);
    outb(count >> 8, 0x42);
    t0 = rdtsc_ordered();
    while ( !(inb(0x61) & 0x20) )          /* OUT2 rises at terminal count */
        ;
    t1 = rdtsc_ordered();
    outb(gate, 0x61);
    return t1 - t0;
}

/*
 * Under emulation the host can stall us for milliseconds at any point, and
 * a stall at the edge of the window skews one measurement: the median of
 * several short ones is robust against a minority of bad ones.
 */
#define CALIBRATE_RUNS      5
static uint64_t pit_measure_tsc_median(unsigned int ms)
{
    uint64_t t[CALIBRATE_RUNS], tmp;
    unsigned int i, j;

    for ( i = 0; i < CALIBRATE_RUNS; i++ )
        t[i] = pit_measure_tsc(ms);
    for ( i = 1; i < CALIBRATE_RUNS; i++ )
        for ( j = i; j > 0 && t[j - 1] > t[j]; j-- )
        {
            tmp = t[j];
            t[j] = t[j - 1];
            t[j - 1] = tmp;
        }
    return t[CALIBRATE_RUNS / 2];
}

void time_init(void)
{
    uint64_t ticks = pit_measure_tsc_median(CALIBRATE_MS);

    cpu_khz = ticks / CALIBRATE_MS;
    if ( !cpu_khz )
        panic("TSC calibration failed: no ticks in %u ms of PIT time", CALIBRATE_MS);
    set_time_scale(&tsc_scale, (uint64_t)cpu_khz * 1000);
    boot_tsc = rdtsc_ordered();
    tsc_stable = opt_tsc >= 0 ? opt_tsc : boot_cpu.invariant_tsc;
    printk("Time: TSC %s for guests (pvclock TSC_STABLE %s)%s\n",
           tsc_stable ? "stable" : "not declared stable",
           tsc_stable ? "set" : "clear",
           opt_tsc >= 0 ? " by tsc= on the command line" : "");
    printk("Time: TSC %u.%03u MHz (calibrated against the PIT, median of %u x %u ms), "
           "scale shift %d mul %#x\n", cpu_khz / 1000, cpu_khz % 1000,
           CALIBRATE_RUNS, CALIBRATE_MS, tsc_scale.shift, tsc_scale.mul_frac);
}

/* --- HPET: an independent check of system time. */

#define HPET_CAPS           0x000
#define HPET_CONFIG         0x010
#define HPET_COUNTER        0x0f0
#define HPET_CFG_ENABLE     1u

struct __packed acpi_hpet {
    struct acpi_table_header header;
    uint32_t block_id;
    uint8_t space_id, bit_width, bit_offset, access_size;
    uint64_t address;
};

int64_t time_check_against_hpet(unsigned int ms, s_time_t *now_elapsed,
                                s_time_t *hpet_elapsed)
{
    const struct acpi_hpet *t = acpi_find_table("HPET");
    volatile uint64_t *hpet;
    uint64_t period_fs, c0, c1;
    s_time_t n0, n1;

    if ( !t || t->space_id != 0 || !(hpet = ioremap_uc(t->address, 1024)) )
        return INT64_MIN;
    period_fs = hpet[HPET_CAPS / 8] >> 32;
    if ( !period_fs || period_fs > 100000000 )
        return INT64_MIN;
    hpet[HPET_CONFIG / 8] |= HPET_CFG_ENABLE;

    n0 = NOW();
    c0 = hpet[HPET_COUNTER / 8];
    while ( NOW() - n0 < MILLISECS(ms) )
        ;
    n1 = NOW();
    c1 = hpet[HPET_COUNTER / 8];

    *now_elapsed = n1 - n0;
    *hpet_elapsed = (s_time_t)((c1 - c0) * period_fs / 1000000);
    return (*now_elapsed - *hpet_elapsed) * 1000000 / *hpet_elapsed;
}

/* --- What guests see: pvclock and the wall clock. */

/*
 * Publishes this CPU's view of system time in a guest's vcpu_time_info,
 * under the version protocol (odd while updating).  One global scale and
 * a synchronized TSC make the result valid on every CPU until the scale
 * changes, which it never does after boot.
 */
void publish_vcpu_time(struct vcpu_time_info *t)
{
    uint64_t tsc = rdtsc_ordered();

    ACCESS_ONCE(t->version) = t->version + 1;
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
    t->tsc_timestamp = tsc;
    t->system_time = scale_delta(tsc - boot_tsc, &tsc_scale);
    t->tsc_to_system_mul = tsc_scale.mul_frac;
    t->tsc_shift = tsc_scale.shift;
    t->flags = tsc_stable ? XEN_PVCLOCK_TSC_STABLE_BIT : 0;
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
    ACCESS_ONCE(t->version) = t->version + 1;
}

#define RTC_PORT_INDEX  0x70
#define RTC_PORT_DATA   0x71
#define RTC_UIP         0x80    /* status A: update in progress */
#define RTC_BINARY      0x04    /* status B: values are binary, not BCD */
#define RTC_24H         0x02

static unsigned int cmos_read(unsigned int reg)
{
    outb(reg, RTC_PORT_INDEX);
    return inb(RTC_PORT_DATA);
}

static unsigned int bcd_or_bin(unsigned int v, bool binary)
{
    return binary ? v : (v & 0xf) + (v >> 4) * 10;
}

/* Days from 1970-01-01 to the given civil date (proleptic Gregorian). */
static int64_t days_from_civil(int64_t y, unsigned int m, unsigned int d)
{
    int64_t era;
    unsigned int yoe, doy, doe;

    y -= m <= 2;
    era = (y >= 0 ? y : y - 399) / 400;
    yoe = (unsigned int)(y - era * 400);
    doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (int64_t)doe - 719468;
}

static uint64_t boot_wallclock;     /* UTC seconds at system time zero */

/* Reads the CMOS clock once, at a second boundary-safe moment. */
void wallclock_init(void)
{
    unsigned int sec, min, hour, day, mon, year, cent, b, i;
    bool binary;

    for ( i = 0; i < 1000000 && (cmos_read(0x0a) & RTC_UIP); i++ )
        cpu_relax();
    sec = cmos_read(0x00);
    min = cmos_read(0x02);
    hour = cmos_read(0x04);
    day = cmos_read(0x07);
    mon = cmos_read(0x08);
    year = cmos_read(0x09);
    cent = cmos_read(0x32);
    b = cmos_read(0x0b);
    binary = b & RTC_BINARY;
    sec = bcd_or_bin(sec, binary);
    min = bcd_or_bin(min, binary);
    hour = bcd_or_bin(hour & 0x7f, binary) % 24;
    day = bcd_or_bin(day, binary);
    mon = bcd_or_bin(mon, binary);
    year = bcd_or_bin(year, binary) + (cent ? bcd_or_bin(cent, binary) * 100 : 2000);
    if ( mon < 1 || mon > 12 || day < 1 || day > 31 )
    {
        printk("Time: CMOS clock unreadable; wall clock starts at 1970\n");
        return;
    }
    boot_wallclock = days_from_civil(year, mon, day) * 86400ULL +
                     hour * 3600 + min * 60 + sec - NOW() / 1000000000;
    printk("Time: wall clock %04u-%02u-%02u %02u:%02u:%02u UTC from the CMOS clock\n",
           year, mon, day, hour, min, sec);
}

static uint32_t boot_wallclock_nsec;

uint64_t wallclock_at_boot(void)
{
    return boot_wallclock;
}

uint32_t wallclock_at_boot_nsec(void)
{
    return boot_wallclock_nsec;
}

/* Dom0 knows better (XENPF_settime): what UTC was at system time zero. */
void wallclock_set(uint64_t sec, uint32_t nsec)
{
    boot_wallclock = sec;
    boot_wallclock_nsec = nsec;
}
