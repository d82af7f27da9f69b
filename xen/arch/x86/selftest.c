/*
 * Boot self-test: proves the boot path left the machine in the state the rest
 * of the hypervisor assumes, then reports one machine-readable line,
 *     RESULT: boot-selftest PASS|FAIL <detail>
 * and powers off with the matching status.  Test harnesses judge both.
 *
 * The modes `fail`, `bad-exit` and `hang` exist so the harness's own
 * judgement can be shown to catch a failing, lying or stuck hypervisor.
 */
#include <xen/lib.h>
#include <xen/string.h>
#include <asm/config.h>
#include <asm/page.h>
#include <asm/processor.h>
#include <asm/setup.h>
#include <asm/shutdown.h>

static unsigned int checks, failures;
static unsigned long bss_probe;
static volatile unsigned long data_probe = 0x5e1f7e57;

static void check(bool ok, const char *what)
{
    printk("selftest: %-44s %s\n", what, ok ? "ok" : "FAILED");
    checks++;
    if ( !ok )
        failures++;
}

static bool modules_sane(const struct boot_info *bi)
{
    paddr_t img_start = __pa(_start), img_end = __pa(_end);
    unsigned int i;

    for ( i = 0; i < bi->nr_modules; i++ )
        if ( bi->modules[i].end > img_start && bi->modules[i].start < img_end )
            return false;
    return true;
}

static bool direct_map_coherent(void)
{
    volatile unsigned long *alias = __va(__pa((const void *)&data_probe));
    bool ok;

    data_probe = 0x1234abcd;
    ok = *alias == 0x1234abcd;
    *alias = 0x5e1f7e57;
    return ok && data_probe == 0x5e1f7e57;
}

static bool formatting_works(void)
{
    char buf[64];

    snprintf(buf, sizeof(buf), "%s|%5d|%-3x|%08lx|%%", "a", -42, 0xab, 0xdeadUL);
    return !strcmp(buf, "a|  -42|ab |0000dead|%");
}

void boot_selftest(const struct boot_info *bi, const char *mode)
{
    unsigned long rip;

    __asm__ ("lea 0(%%rip), %0" : "=r"(rip));
    printk("selftest: mode %s\n", mode);
    check(rdmsr(MSR_EFER) & EFER_LMA, "long mode active (EFER.LMA)");
    check((read_cr0() & (X86_CR0_PG | X86_CR0_WP | X86_CR0_PE)) ==
          (X86_CR0_PG | X86_CR0_WP | X86_CR0_PE), "paging and write protect on");
    check(read_cr4() & X86_CR4_PAE, "PAE paging (CR4.PAE)");
    check(rip >= XEN_VIRT_START && rip < XEN_VIRT_END,
          "running at the link address");
    check(__pa(_start) == XEN_LOAD_PHYS, "image loaded at its physical address");
    check(bss_probe == 0, ".bss cleared");
    check(direct_map_coherent(), "direct map aliases the image");
    check(formatting_works(), "formatted output");
    check(bi->nr_mmap > 0 && boot_usable_bytes(bi) >= (1u << 20),
          "memory map with usable RAM");
    check(modules_sane(bi), "modules do not overlap the image");
    check(mm_selftest(), "memory: heap, xmalloc, page tables");

    if ( !strcmp(mode, "fail") )
        check(false, "deliberate failure (selftest=fail)");
    if ( !strcmp(mode, "hang") )
    {
        printk("selftest: hanging on purpose (selftest=hang)\n");
        for ( ; ; )
            halt();
    }

    printk("RESULT: boot-selftest %s checks=%u failed=%u\n",
           failures ? "FAIL" : "PASS", checks, failures);
    if ( !strcmp(mode, "bad-exit") )
        machine_power_off(POWEROFF_FAILURE);
    machine_power_off(failures ? POWEROFF_FAILURE : POWEROFF_SUCCESS);
}
