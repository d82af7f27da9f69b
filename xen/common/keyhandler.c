/*
 * Debug keys.  Each key has one handler and a one-line description; 'h'
 * lists them.  Subsystems add their own keys with register_keyhandler().
 */
#include <xen/keyhandler.h>
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/smp.h>
#include <xen/softirq.h>
#include <xen/timer.h>
#include <asm/setup.h>
#include <asm/shutdown.h>
#include <asm/traps.h>

struct keyhandler {
    void (*fn)(unsigned char key);
    const char *description;
};

static struct keyhandler key_table[128];

void register_keyhandler(unsigned char key, void (*fn)(unsigned char),
                         const char *description)
{
    BUG_ON(key >= ARRAY_SIZE(key_table));
    key_table[key].fn = fn;
    key_table[key].description = description;
}

void handle_keypress(unsigned char key)
{
    if ( key < ARRAY_SIZE(key_table) && key_table[key].fn )
    {
        printk("'%c' pressed -> %s\n", key, key_table[key].description);
        key_table[key].fn(key);
    }
    else if ( key >= 0x20 && key < 0x7f )
        printk("'%c' is not a debug key; 'h' lists them\n", key);
}

static void show_help(unsigned char key)
{
    unsigned int k;

    for ( k = 0; k < ARRAY_SIZE(key_table); k++ )
        if ( key_table[k].fn )
            printk(" '%c' %s\n", k, key_table[k].description);
}

static void dump_domains(unsigned char key)
{
    unsigned int cpu;

    printk("Domains: none running (no domain has been built yet)\n");
    for ( cpu = 0; cpu < NR_CPUS; cpu++ )
        if ( cpu_online(cpu) )
            printk("  CPU%u: idle vCPU running, APIC ID %u%s\n", cpu,
                   cpu_to_apicid[cpu], softirq_pending(cpu) ? ", softirq pending" : "");
}

static void dump_runq(unsigned char key)
{
    unsigned int cpu;

    printk("Run queues: %u CPUs online\n", num_online_cpus());
    for ( cpu = 0; cpu < NR_CPUS; cpu++ )
        if ( cpu_online(cpu) )
            printk("  CPU%u: current idle, runnable 0\n", cpu);
}

static void dump_memory(unsigned char key)
{
    print_memory_map(&boot_info);
    dump_heap();
}

static void dump_this_cpu(void *unused)
{
    const struct cpu_user_regs *regs = get_irq_regs();

    printk("*** Registers of CPU%u (interrupted context):\n", smp_processor_id());
    if ( regs )
    {
        show_registers(regs);
        show_stack_trace(regs->rbp, regs->rip);
    }
}

static void dump_registers(unsigned char key)
{
    printk("*** Registers of CPU%u (handling the key):\n", smp_processor_id());
    show_stack_trace((unsigned long)__builtin_frame_address(0),
                     (unsigned long)dump_registers);
    smp_call_function(dump_this_cpu, NULL);
}

static void dump_timers(unsigned char key)
{
    dump_timerq();
}

static void reboot_machine(unsigned char key)
{
    machine_restart();
}

void keyhandler_init(void);
void keyhandler_init(void)
{
    register_keyhandler('h', show_help, "show this help");
    register_keyhandler('q', dump_domains, "dump domain and vCPU state");
    register_keyhandler('r', dump_runq, "dump run queues");
    register_keyhandler('m', dump_memory, "dump memory information");
    register_keyhandler('d', dump_registers, "dump registers of all CPUs");
    register_keyhandler('t', dump_timers, "dump timer queues");
    register_keyhandler('R', reboot_machine, "reboot the machine");
}
