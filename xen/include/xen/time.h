#ifndef XEN_TIME_H
#define XEN_TIME_H

#include <xen/types.h>

/* System time: nanoseconds since boot, monotonic, the same on every CPU. */
typedef int64_t s_time_t;
#define STIME_MAX       INT64_MAX
#define NANOSECS(n)     ((s_time_t)(n))
#define MICROSECS(us)   ((s_time_t)(us) * 1000)
#define MILLISECS(ms)   ((s_time_t)(ms) * 1000000)
#define SECONDS(s)      ((s_time_t)(s) * 1000000000)

/*
 * TSC-to-nanoseconds conversion in the form PV guests get it in
 * vcpu_time_info: ns = ((tsc << shift) * mul_frac) >> 32, with a negative
 * shift meaning a right shift.
 */
struct time_scale {
    int shift;
    uint32_t mul_frac;
};

void set_time_scale(struct time_scale *ts, uint64_t ticks_per_sec);
uint64_t scale_delta(uint64_t delta, const struct time_scale *ts);

s_time_t NOW(void);
uint64_t ns_to_tsc(s_time_t ns);      /* absolute system time -> TSC value */
extern uint32_t cpu_khz;              /* TSC frequency */

void time_init(void);                 /* calibrate the TSC, start system time */
/* Checks system time against the HPET over `ms`; returns error in ppm, or
 * INT64_MIN when there is no HPET. */
int64_t time_check_against_hpet(unsigned int ms, s_time_t *now_elapsed,
                                s_time_t *hpet_elapsed);

struct vcpu_time_info;
/* Fills a guest's pvclock record (version protocol included). */
void publish_vcpu_time(struct vcpu_time_info *t);
/* Reads the CMOS clock; wallclock_at_boot() = UTC seconds at NOW() == 0. */
void wallclock_init(void);
uint64_t wallclock_at_boot(void);
uint32_t wallclock_at_boot_nsec(void);
void wallclock_set(uint64_t sec, uint32_t nsec);

#endif /* XEN_TIME_H */
