/*
 * The boot CPU's path from the boot assembly to a running system.
 */
#include <xen/console.h>
#include <xen/lib.h>
#include <xen/multiboot.h>
#include <xen/param.h>
#include <xen/sched.h>
#include <xen/smp.h>
#include <xen/spinlock.h>
#include <xen/string.h>
#include <xen/timer.h>
#include <xen/version.h>
#include <asm/acpi.h>
#include <asm/apic.h>
#include <asm/cpufeature.h>
#include <asm/current.h>
#include <asm/desc.h>
#include <asm/mm.h>
#include <asm/page.h>
#include <asm/processor.h>
#include <asm/pv.h>
#include <asm/setup.h>
#include <asm/shutdown.h>

struct boot_info boot_info;

/* `selftest[=mode]`: run the boot self-test instead of starting domains. */
static char opt_selftest[16];
static int parse_selftest(const char *v)
{
    if ( strlcpy(opt_selftest, *v ? v : "pass", sizeof(opt_selftest)) >=
         sizeof(opt_selftest) )
        return -1;
    return 0;
}
custom_param("selftest", parse_selftest);

/* Accepted for compatibility with Xen command lines; COM1 is the only console. */
static char opt_console[32] = "com1";
string_param("console", opt_console);
static char opt_com1[64];
string_param("com1", opt_com1);

/* `debug-fault=<kind>`: fault on purpose after boot, to test the fault path. */
static char opt_debug_fault[32];
string_param("debug-fault", opt_debug_fault);

const void *boot_map(paddr_t pa, size_t len)
{
    if ( idle_pg_table_phys )
        return firmware_map(pa, len);
    if ( pa + len < pa || pa + len > BOOT_DIRECTMAP_BYTES )
        return NULL;
    return __va(pa);
}

void print_memory_map(const struct boot_info *bi)
{
    unsigned int i;

    printk("Memory map (%u entries from the boot loader):\n", bi->nr_mmap);
    for ( i = 0; i < bi->nr_mmap; i++ )
    {
        const struct boot_mmap_entry *e = &bi->mmap[i];

        printk("  %016llx - %016llx  %s\n", (unsigned long long)e->addr,
               (unsigned long long)(e->addr + e->len), e820_type_name(e->type));
    }
    if ( bi->truncated )
        printk("  (%u further entries dropped)\n", bi->truncated);
    printk("Usable RAM: %llu MiB\n",
           (unsigned long long)(boot_usable_bytes(bi) >> 20));
}

static void print_banner(const struct boot_info *bi)
{
    unsigned int i;

    printk("%s\n", TESSERA_BANNER);
    printk("Built with gcc %s\n", __VERSION__);
    printk("Boot loader: %s (multiboot %u)\n", bi->loader, bi->protocol);
    printk("Command line: %s\n", bi->cmdline);
    print_memory_map(bi);
    for ( i = 0; i < bi->nr_modules; i++ )
        printk("Module %u: %#llx - %#llx \"%s\"\n", i,
               (unsigned long long)bi->modules[i].start,
               (unsigned long long)bi->modules[i].end, bi->modules[i].cmdline);
}

void __start_xen(uint32_t magic, paddr_t mbi)
{
    struct cpu_info *ci = get_cpu_info();
    int rc;

    console_init();

    /* Exceptions are reported from here on. */
    ci->processor_id = 0;
    ci->stack_block = stack_block_of((unsigned long)ci);
    idt_init();
    load_idt();
    cpu_desc_init(0, ci->stack_block);

    rc = multiboot_parse(magic, mbi, &boot_info);
    print_banner(&boot_info);
    if ( rc )
        panic("Not started by a multiboot loader (magic %#x)", magic);
    cmdline_parse_boot(boot_info.cmdline);

    cpu_identify(&boot_cpu);
    cpu_enable_protections(&boot_cpu);
    cpu_print_features(&boot_cpu);
    acpi_boot_init(boot_info.acpi_rsdp);
    memory_init(&boot_info);
    stack_guards_unmap(ci->stack_block);
    m2p_init();

    acpi_parse_madt();
    apic_bsp_init();
    ioapic_init();
    time_init();
    wallclock_init();
    timer_subsys_init();
    timer_cpu_init(0);
    local_irq_enable();
#ifndef NDEBUG
    spin_debug_enabled = true;
#endif
    pv_cpu_init(0);
    scheduler_init();
    scheduler_add_cpu(0);
    smp_boot_cpus(trampoline_phys);
    keyhandler_init();
    console_input_init();

    if ( opt_debug_fault[0] )
        trigger_debug_fault(opt_debug_fault);

    if ( opt_selftest[0] )
        boot_selftest(&boot_info, opt_selftest);

    start_boot_domains(&boot_info);
}
