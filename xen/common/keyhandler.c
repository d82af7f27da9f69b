/*
 * Debug keys.  Each key has one handler and a one-line description; 'h'
 * lists them.  Subsystems add their own keys with register_keyhandler().
 */
#include <xen/keyhandler.h>
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/sched.h>
#include <xen/smp.h>
#include <xen/softirq.h>
#include <xen/time.h>
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

static const char *runstate_name(int state)
{
    static const char *const names[] = {
        [RUNSTATE_running] = "running", [RUNSTATE_runnable] = "runnable",
        [RUNSTATE_blocked] = "blocked", [RUNSTATE_offline] = "offline",
    };

    return state >= 0 && state < (int)ARRAY_SIZE(names) ? names[state] : "?";
}

/* "blocked,down" for the VPF_* bits set, or "none". */
static const char *pause_flag_names(unsigned long flags, char *buf, size_t size)
{
    static const char *const names[] = {
        [_VPF_blocked] = "blocked", [_VPF_down] = "down",
        [_VPF_dying] = "dying", [_VPF_shutdown] = "shutdown",
    };
    size_t len = 0;
    unsigned int i;

    buf[0] = '\0';
    for ( i = 0; i < ARRAY_SIZE(names); i++ )
        if ( flags & (1UL << i) )
            len += snprintf(buf + len, len < size ? size - len : 0, "%s%s",
                            len ? "," : "", names[i]);
    return buf[0] ? buf : "none";
}

/*
 * Read without the schedule lock, as Xen's 'q' does: a line may mix the
 * state from just before and just after a change on another CPU.
 */
static void dump_vcpu(const struct vcpu *v)
{
    const struct sched_unit *u = &v->sched_unit;
    char flags[48], where[48], events[40] = "";

    if ( u->priv )
        snprintf(where, sizeof(where), "CPU%u [has=%c] runstate=%s", u->processor,
                 v->is_running ? 'T' : 'F', runstate_name(u->runstate));
    else
        snprintf(where, sizeof(where), "not scheduled");
    if ( v->vcpu_info )
        snprintf(events, sizeof(events), " upcall_pend=%02x upcall_mask=%02x",
                 v->vcpu_info->evtchn_upcall_pending,
                 v->vcpu_info->evtchn_upcall_mask);
    printk("    VCPU%u: %s pause_flags=%#lx (%s)%s\n", v->vcpu_id, where,
           v->pause_flags, pause_flag_names(v->pause_flags, flags, sizeof(flags)),
           events);
}

static void dump_domain(struct domain *d, void *unused)
{
    unsigned int i;

    printk("General information for domain %u:\n", d->domain_id);
    printk("    refcnt=%u dying=%d shutdown=%d (code %d) crashed=%d privileged=%d\n",
           __atomic_load_n(&d->refcnt, __ATOMIC_RELAXED), d->is_dying,
           d->is_shutting_down,
           d->shutdown_code == SHUTDOWN_CODE_INVALID ? -1 : (int)d->shutdown_code,
           d->is_crashed, d->is_privileged);
    printk("    nr_pages=%lu xenheap_pages=%lu max_pages=%lu vm_assist=%#lx\n",
           d->tot_pages, d->xenheap_pages, d->max_pages, d->vm_assist);
    /* domain_kill() frees the vCPUs before the last reference goes. */
    if ( __atomic_load_n(&d->is_dying, __ATOMIC_ACQUIRE) )
        return;
    printk("VCPU information for domain %u (%u max):\n", d->domain_id,
           d->max_vcpus);
    for ( i = 0; i < d->max_vcpus; i++ )
        if ( d->vcpu[i] )
            dump_vcpu(d->vcpu[i]);
}

/* What each online CPU runs: a guest vCPU or its idle vCPU. */
static void dump_cpus_current(void)
{
    unsigned int cpu;

    for ( cpu = 0; cpu < NR_CPUS; cpu++ )
    {
        const struct sched_unit *u;

        if ( !cpu_online(cpu) )
            continue;
        u = ACCESS_ONCE(sched_main.res[cpu].curr);
        if ( !u || u->is_idle )
            printk("  CPU%u: idle vCPU running%s\n", cpu,
                   softirq_pending(cpu) ? ", softirq pending" : "");
        else
            printk("  CPU%u: running d%uv%u%s\n", cpu, (unsigned int)u->domain_id,
                   u->id, softirq_pending(cpu) ? ", softirq pending" : "");
    }
}

static void dump_domains(unsigned char key)
{
    printk("Domains: %u (now %lld ns)\n", domain_count(), (long long)NOW());
    for_each_domain_call(dump_domain, NULL);
    dump_cpus_current();
}

static void dump_runq(unsigned char key)
{
    printk("Run queues: %u CPUs online (now %lld ns)\n", num_online_cpus(),
           (long long)NOW());
    sched_dump_all();
    dump_cpus_current();
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
