/*
 * vcpu-op: per-vCPU registrations, queries and timers of VCPUOP_*, with
 * the return codes of Xen 4.17.
 *
 * Proves: register_runstate_memory_area fills our area at once (state
 * running, a start time) and refuses an address in the hypervisor's range
 * (-EFAULT); get_runstate_info reports running time that grows;
 * register_vcpu_info refuses an offset past the page end or misaligned
 * (-ENXIO), then moves vcpu_info into our page (the old contents copied,
 * everything marked pending, the time record filled, and a page fault's
 * CR2 written to the new place, not the old), and refuses a second move
 * (-EINVAL); is_up says 1 for vCPU 0 and -ENOENT beyond max_vcpus;
 * set_singleshot_timer returns 0 for a future and for a past deadline
 * (VCPU_SSHOTTMR_future is ignored by 4.17) and -EINVAL for another vCPU;
 * stop_singleshot_timer and stop_periodic_timer return 0; a periodic
 * timer under 1 ms is -EINVAL; an unknown sub-op is -ENOSYS;
 * register_vcpu_time_memory_area fills our copy at once (version even, the
 * primary record's scale and flags, TSC_STABLE included when the
 * hypervisor sets it), refuses the hypervisor's range (-EFAULT) and takes
 * 0 (no more updates).
 */
#include "guest.h"

const char test_name[] = "vcpu-op";

static struct vcpu_runstate_info runstate __aligned(64);
static char info_page[PAGE_SIZE] __aligned(PAGE_SIZE);
static struct vcpu_time_info time_copy __aligned(64);

#define UNMAPPED_VA 0x0000100000004560UL

static void spin(void)
{
    for ( volatile unsigned long i = 0; i < 2000000; i++ )
        ;
}

static void test_runstate(void)
{
    struct vcpu_register_runstate_memory_area a = { .addr.v = &runstate };
    struct vcpu_runstate_info r1, r2;

    runstate.state = 99;
    check_eq(HYPERVISOR_vcpu_op(VCPUOP_register_runstate_memory_area, 0, &a), 0,
             "register_runstate_memory_area");
    check_eq(runstate.state, RUNSTATE_running, "  area filled at once: state running");
    check(runstate.state_entry_time > 0, "  with a start time (%lu)", runstate.state_entry_time);
    a.addr.v = (void *)HYPERVISOR_VIRT_START;
    check_eq(HYPERVISOR_vcpu_op(VCPUOP_register_runstate_memory_area, 0, &a), -XEN_EFAULT,
             "register_runstate_memory_area in the hypervisor's range");

    check_eq(HYPERVISOR_vcpu_op(VCPUOP_get_runstate_info, 0, &r1), 0, "get_runstate_info");
    spin();
    HYPERVISOR_vcpu_op(VCPUOP_get_runstate_info, 0, &r2);
    check_eq(r2.state, RUNSTATE_running, "  state running");
    check(r2.time[RUNSTATE_running] > r1.time[RUNSTATE_running],
          "  running time grows (%lu -> %lu)", r1.time[RUNSTATE_running],
          r2.time[RUNSTATE_running]);
}

static void test_vcpu_info(void)
{
    struct vcpu_register_vcpu_info r = { .mfn = virt_to_mfn(info_page) };
    struct vcpu_info *old = &shared_info->vcpu_info[0];
    struct vcpu_info *new = (struct vcpu_info *)(info_page + 128);
    uint64_t f = 0;

    r.offset = PAGE_SIZE - sizeof(struct vcpu_info) + 8;
    check_eq(HYPERVISOR_vcpu_op(VCPUOP_register_vcpu_info, 0, &r), -XEN_ENXIO,
             "register_vcpu_info past the page end");
    r.offset = 132;
    check_eq(HYPERVISOR_vcpu_op(VCPUOP_register_vcpu_info, 0, &r), -XEN_ENXIO,
             "register_vcpu_info misaligned");
    check_eq(HYPERVISOR_vcpu_op(VCPUOP_register_vcpu_info, 1000, &r), -XEN_ENOENT,
             "register_vcpu_info for a vCPU that does not exist");

    old->arch.cr2 = 0;
    memset(info_page, 0x5a, sizeof(info_page));
    r.offset = 128;
    check_eq(HYPERVISOR_vcpu_op(VCPUOP_register_vcpu_info, 0, &r), 0, "register_vcpu_info");
    check_eq(new->evtchn_upcall_mask, old->evtchn_upcall_mask, "  upcall mask copied over");
    check_eq(new->evtchn_upcall_pending, 1, "  everything marked pending");
    check_eq(new->evtchn_pending_sel, ~0UL, "  every selector bit set");
    check(new->time.system_time != 0x5a5a5a5a5a5a5a5aUL && !(new->time.version & 1),
          "  time record written (version %u)", new->time.version);
    asm volatile (FAULT_ASM("mov (%[p]), %%rcx") : "+a" (f) : [p] "r" (UNMAPPED_VA) : "rcx");
    check_eq(fault_vector(f), X86_EXC_PF, "a page fault after the move");
    check_eq(new->arch.cr2, UNMAPPED_VA, "  its CR2 is in the new vcpu_info");
    check_eq(old->arch.cr2, 0, "  and not in the old one");
    r.offset = 256;
    check_eq(HYPERVISOR_vcpu_op(VCPUOP_register_vcpu_info, 0, &r), -XEN_EINVAL,
             "a second register_vcpu_info");
}

static void test_queries_and_timers(void)
{
    struct vcpu_set_singleshot_timer t = { 0 };
    struct vcpu_set_periodic_timer p = { .period_ns = 100000 };

    check_eq(HYPERVISOR_vcpu_op(VCPUOP_is_up, 0, NULL), 1, "is_up(vCPU 0)");
    check_eq(HYPERVISOR_vcpu_op(VCPUOP_is_up, 1000, NULL), -XEN_ENOENT, "is_up(vCPU 1000)");
    check_eq(HYPERVISOR_vcpu_op(VCPUOP_is_up, -1, NULL), -XEN_ENOENT, "is_up(vCPU ~0)");

    t.timeout_abs_ns = 1000000000UL * 3600;
    check_eq(HYPERVISOR_vcpu_op(VCPUOP_set_singleshot_timer, 0, &t), 0,
             "set_singleshot_timer an hour ahead");
    check_eq(HYPERVISOR_vcpu_op(VCPUOP_stop_singleshot_timer, 0, NULL), 0,
             "stop_singleshot_timer");
    t.timeout_abs_ns = 1;
    t.flags = VCPU_SSHOTTMR_future;
    check_eq(HYPERVISOR_vcpu_op(VCPUOP_set_singleshot_timer, 0, &t), 0,
             "set_singleshot_timer in the past with VCPU_SSHOTTMR_future");
    check_eq(HYPERVISOR_vcpu_op(VCPUOP_stop_singleshot_timer, 0, NULL), 0,
             "stop_singleshot_timer again");
    check_eq(HYPERVISOR_vcpu_op(VCPUOP_stop_periodic_timer, 0, NULL), 0, "stop_periodic_timer");
    check_eq(HYPERVISOR_vcpu_op(VCPUOP_set_periodic_timer, 0, &p), -XEN_EINVAL,
             "set_periodic_timer of 100 us");
    check_eq(HYPERVISOR_vcpu_op(VCPUOP_stop_periodic_timer, 0, NULL), 0,
             "stop_periodic_timer again");
    check_eq(HYPERVISOR_vcpu_op(99, 0, NULL), -XEN_ENOSYS, "unknown vcpu_op");
}

static void test_time_area(void)
{
    struct vcpu_register_time_memory_area a = { .addr.v = &time_copy };
    const struct vcpu_time_info *primary = &shared_info->vcpu_info[0].time;

    memset(&time_copy, 0x5a, sizeof(time_copy));
    check_eq(HYPERVISOR_vcpu_op(VCPUOP_register_vcpu_time_memory_area, 0, &a), 0,
             "register_vcpu_time_memory_area");
    check(!(time_copy.version & 1) && time_copy.system_time != 0x5a5a5a5a5a5a5a5aUL,
          "  copy filled at once (version %u)", time_copy.version);
    check(time_copy.tsc_to_system_mul == primary->tsc_to_system_mul &&
          time_copy.tsc_shift == primary->tsc_shift,
          "  with the primary record's scale (mul %#x shift %d)",
          time_copy.tsc_to_system_mul, time_copy.tsc_shift);
    check(time_copy.flags == primary->flags, "  and its flags (%#x, TSC_STABLE %s)",
          time_copy.flags, primary->flags & XEN_PVCLOCK_TSC_STABLE_BIT ? "set" : "clear");
    a.addr.v = (void *)HYPERVISOR_VIRT_START;
    check_eq(HYPERVISOR_vcpu_op(VCPUOP_register_vcpu_time_memory_area, 0, &a), -XEN_EFAULT,
             "register_vcpu_time_memory_area in the hypervisor's range");
    a.addr.v = NULL;
    check_eq(HYPERVISOR_vcpu_op(VCPUOP_register_vcpu_time_memory_area, 0, &a), 0,
             "register_vcpu_time_memory_area(NULL) stops the updates");
}

void test_main(void)
{
    test_time_area();
    test_runstate();
    test_queries_and_timers();
    test_vcpu_info();
}
