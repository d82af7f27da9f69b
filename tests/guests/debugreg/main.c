/*
 * debugreg: guest debug registers armed in hardware.
 *
 * Proves: a data breakpoint set with set_debugreg (DR0 + DR7) fires when
 * the guest writes the watched variable, as a #DB bounced to the guest,
 * with the hit reported in DR6 (get_debugreg(6), B0); an instruction
 * breakpoint fires on execution; clearing DR7 disarms them; a watched
 * variable written by the hypervisor on the guest's behalf (a hypercall
 * filling a buffer) neither brings the hypervisor down nor reaches the
 * guest as a #DB (as on Xen: only the guest's own accesses are reported).
 */
#include "guest.h"

const char test_name[] = "debugreg";

static volatile uint64_t watched __aligned(8);

#define DR7_L0          (1UL << 0)
#define DR7_RW0_WRITE   (1UL << 16)
#define DR7_LEN0_8      (2UL << 18)
#define DR6_B0          (1UL << 0)

/*
 * An instruction breakpoint is a fault at the instruction: its expected-
 * fault record resumes after the nop, and the record comes back in %rax.
 */
extern char bp_target[];
__asm__(".text\n"
        "bp_target: nop\n"
        "bp_after: ret\n"
        ".pushsection .ex_table, \"a\"\n .quad bp_target, bp_after\n .popsection\n");

static uint64_t write_watched(uint64_t v)
{
    uint64_t fault = 0;

    __asm__ __volatile__(TRAP_ASM("movq %1, (%2)")
                         : "+a"(fault) : "r"(v), "r"(&watched) : "memory");
    return fault;
}

void test_main(void)
{
    xen_extraversion_t *buf = (xen_extraversion_t *)&watched;
    uint64_t f;

    check_eq(HYPERVISOR_set_debugreg(6, 0), 0, "clear DR6");
    check_eq(HYPERVISOR_set_debugreg(0, (unsigned long)&watched), 0, "DR0 = &watched");
    check_eq(HYPERVISOR_set_debugreg(7, DR7_L0 | DR7_RW0_WRITE | DR7_LEN0_8), 0,
             "DR7: write watchpoint on DR0");
    f = write_watched(1);
    check_eq(fault_vector(f), X86_EXC_DB, "writing the watched variable raises #DB");
    check(HYPERVISOR_get_debugreg(6) & DR6_B0, "DR6 reports breakpoint 0 (%#lx)",
          HYPERVISOR_get_debugreg(6));
    check_eq(watched, 1, "the write itself happened (data breakpoints are traps)");

    /* The hypervisor writes the watched bytes for us: it must survive. */
    check_eq(HYPERVISOR_xen_version(XENVER_extraversion, buf), 0,
             "a hypercall writing the watched buffer completes");

    check_eq(HYPERVISOR_set_debugreg(7, 0), 0, "disarm DR7");
    f = write_watched(2);
    check(!fault_happened(f), "with DR7 clear the write does not trap");

    check_eq(HYPERVISOR_set_debugreg(6, 0), 0, "clear DR6");
    check_eq(HYPERVISOR_set_debugreg(1, (unsigned long)bp_target), 0, "DR1 = bp_target");
    check_eq(HYPERVISOR_set_debugreg(7, 1UL << 2), 0, "DR7: execute breakpoint on DR1");
    {
        uint64_t fault = 0;

        __asm__ __volatile__("call bp_target" : "+a"(fault) :: "memory");
        check_eq(fault_vector(fault), X86_EXC_DB, "executing bp_target raises #DB");
    }
    check(HYPERVISOR_get_debugreg(6) & (1UL << 1), "DR6 reports breakpoint 1");
    check_eq(HYPERVISOR_set_debugreg(7, 0), 0, "disarm DR7");
}
