/*
 * Starting the domains given at boot.
 *
 * As with Xen, the first multiboot module is dom0's kernel and its module
 * string (after the file name) dom0's command line; the next module, if
 * it is not itself a domain, is dom0's initrd.  `dom0_mem=` sizes dom0.
 *
 * Further domains can be launched with no toolstack at all (in the spirit
 * of Xen's dom0less/hyperlaunch), for static partitioning and for tests
 * that need two domains.  A module whose string reads
 *
 *     <file> domain [mem=<size>] [vcpus=<n>] [-- <kernel command line>]
 *
 * becomes an unprivileged domain with the next free id (1, 2, ...); the
 * module after it, if it is not a domain, is its initrd.  Such a domain is
 * destroyed when it shuts down, as nobody else would: its memory goes
 * back to the heap and the log says how much.
 */
#include <xen/console.h>
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/param.h>
#include <xen/sched.h>
#include <xen/smp.h>
#include <xen/string.h>
#include <xen/timer.h>
#include <xen/xmalloc.h>
#include <asm/page.h>
#include <asm/pv.h>
#include <asm/setup.h>

/* Default: all free memory but a reserve for the hypervisor's own needs. */
static unsigned long long opt_dom0_mem;
size_param("dom0_mem", opt_dom0_mem);
/* Default: one vCPU per CPU, as on Xen. */
static unsigned int opt_dom0_max_vcpus;
integer_param("dom0_max_vcpus", opt_dom0_max_vcpus);

#define HYPERVISOR_RESERVE_PAGES  (64UL << (20 - PAGE_SHIFT))
#define DEFAULT_DOMU_MEM          (32UL << 20)
#define MAX_BOOT_DOMAIN_ARGS      256

struct boot_domain_spec {
    bool is_domain;
    unsigned long mem;
    unsigned int vcpus;
    char cmdline[MAX_BOOT_DOMAIN_ARGS];
};

/* A module string is "<file> <arguments>". */
static const char *module_args(const char *s)
{
    const char *sp = strchr(s, ' ');

    if ( !sp )
        return "";
    while ( *sp == ' ' )
        sp++;
    return sp;
}

static bool parse_domain_spec(const char *modstr, struct boot_domain_spec *spec)
{
    const char *p = module_args(modstr), *dashes;

    memset(spec, 0, sizeof(*spec));
    spec->mem = DEFAULT_DOMU_MEM;
    spec->vcpus = 1;
    if ( strncmp(p, "domain", 6) || (p[6] != ' ' && p[6] != '\0') )
        return false;
    spec->is_domain = true;
    dashes = strstr(p, " -- ");
    for ( p += 6; *p && p != dashes; )
    {
        while ( *p == ' ' )
            p++;
        if ( !strncmp(p, "mem=", 4) )
            spec->mem = parse_size_and_unit(p + 4, &p);
        else if ( !strncmp(p, "vcpus=", 6) )
            spec->vcpus = simple_strtoul(p + 6, &p, 10);
        else
            while ( *p && *p != ' ' )
                p++;
    }
    if ( dashes )
        strlcpy(spec->cmdline, dashes + 4, sizeof(spec->cmdline));
    return true;
}

static unsigned long dom0_pages(unsigned long reserved_for_others)
{
    unsigned long avail = avail_pages > HYPERVISOR_RESERVE_PAGES + reserved_for_others
                          ? avail_pages - HYPERVISOR_RESERVE_PAGES - reserved_for_others
                          : 0;
    unsigned long want = opt_dom0_mem ? opt_dom0_mem >> PAGE_SHIFT : avail;

    return MIN(want, avail);
}

static struct domain *build_one(domid_t id, bool privileged, unsigned int vcpus,
                                unsigned long pages, const struct boot_module *k,
                                const struct boot_module *rd, const char *cmdline)
{
    struct domain_create_args args = {
        .max_vcpus = vcpus, .max_pages = pages, .privileged = privileged,
    };
    struct domain *d;
    int rc;

    d = domain_create(id, &args, &rc);
    if ( !d )
        panic("Cannot create domain %u (%d)", id, rc);
    rc = pv_build_domain(d, __va(k->start), k->end - k->start,
                         rd ? __va(rd->start) : NULL, rd ? rd->end - rd->start : 0,
                         cmdline, pages);
    if ( rc )
        panic("Cannot build domain %u (%d): see the messages above", id, rc);
    return d;
}

/* --- Destroying boot domains that stop (no toolstack to do it). */

static struct timer reaper;

static bool has_running_vcpu(const struct domain *d)
{
    unsigned int i;

    for ( i = 0; i < d->max_vcpus; i++ )
        if ( d->vcpu[i] && __atomic_load_n(&d->vcpu[i]->is_running,
                                           __ATOMIC_ACQUIRE) )
            return true;
    return false;
}

static void reap_one(struct domain *d, void *arg)
{
    bool *again = arg;

    if ( !d->is_boot_domain || !d->is_shutting_down )
        return;
    /* Its vCPUs stop at their next exit; come back when they did. */
    if ( has_running_vcpu(d) || domain_kill(d) )
        *again = true;
}

static void reap_stopped_domains(void *unused)
{
    bool again = false;

    for_each_domain_call(reap_one, &again);
    if ( again )
        set_timer(&reaper, NOW() + MILLISECS(1));
}

static void reap_one_now(struct domain *d, void *unused)
{
    s_time_t deadline = NOW() + MILLISECS(100);

    if ( !d->is_boot_domain || !d->is_shutting_down )
        return;
    while ( has_running_vcpu(d) && NOW() < deadline )
        cpu_relax();
    if ( !has_running_vcpu(d) )
        domain_kill_sync(d);
}

/*
 * The machine is about to stop with dom0: destroy the boot domains that
 * already stopped, so that their accounting is in the log too.
 */
void reap_stopped_domains_now(void)
{
    for_each_domain_call(reap_one_now, NULL);
}

void boot_domain_stopped(struct domain *d)
{
    /* Domains a toolstack created wait for it to destroy them, as on Xen. */
    if ( d->is_boot_domain )
        set_timer(&reaper, NOW());
}

void __noreturn start_boot_domains(const struct boot_info *bi)
{
    struct boot_domain_spec specs[BOOT_MAX_MODULES];
    const struct boot_module *initrd0 = NULL;
    unsigned long others = 0;
    unsigned int i, next_id = 1;
    struct domain *d;

    if ( !bi->nr_modules )
        panic("No dom0 kernel: give it as the first multiboot module");
    init_timer(&reaper, reap_stopped_domains, NULL, 0);
    for ( i = 0; i < bi->nr_modules; i++ )
    {
        parse_domain_spec(bi->modules[i].cmdline, &specs[i]);
        if ( i && specs[i].is_domain )
            others += PFN_UP(specs[i].mem);
    }
    if ( bi->nr_modules > 1 && !specs[1].is_domain )
        initrd0 = &bi->modules[1];

    d = build_one(0, true,
                  MIN(opt_dom0_max_vcpus ?: num_online_cpus(), (unsigned int)MAX_VIRT_CPUS),
                  dom0_pages(others), &bi->modules[0], initrd0,
                  module_args(bi->modules[0].cmdline));
    vcpu_pause_flag_clear(d->vcpu[0], _VPF_down);
    console_give_input_to_dom0();

    for ( i = 1; i < bi->nr_modules; i++ )
    {
        const struct boot_module *rd = NULL;

        if ( !specs[i].is_domain )
            continue;
        if ( i + 1 < bi->nr_modules && !specs[i + 1].is_domain )
            rd = &bi->modules[i + 1];
        printk("Boot domain %u: %lu MiB, %u vCPU(s), command line \"%s\"\n",
               next_id, specs[i].mem >> 20, specs[i].vcpus, specs[i].cmdline);
        d = build_one(next_id++, false, specs[i].vcpus ?: 1, PFN_UP(specs[i].mem),
                      &bi->modules[i], rd, specs[i].cmdline);
        d->is_boot_domain = true;
        vcpu_pause_flag_clear(d->vcpu[0], _VPF_down);
    }
    sched_start_cpu();
}
