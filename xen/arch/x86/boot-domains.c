/*
 * Starting the domains given at boot.
 *
 * As with Xen, the first multiboot module is dom0's kernel and its module
 * string (after the file name) dom0's command line; the second module, if
 * any, is dom0's initrd.  `dom0_mem=` sizes dom0.
 */
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/param.h>
#include <xen/sched.h>
#include <xen/string.h>
#include <asm/page.h>
#include <asm/pv.h>
#include <asm/setup.h>

/* Default: all free memory but a reserve for the hypervisor's own needs. */
static unsigned long long opt_dom0_mem;
size_param("dom0_mem", opt_dom0_mem);

#define HYPERVISOR_RESERVE_PAGES  (64UL << (20 - PAGE_SHIFT))


/* A module string is "<file> <arguments>": the guest sees the arguments. */
static const char *module_args(const char *s)
{
    const char *sp = strchr(s, ' ');

    if ( !sp )
        return "";
    while ( *sp == ' ' )
        sp++;
    return sp;
}

static unsigned long dom0_pages(void)
{
    unsigned long avail = avail_pages > HYPERVISOR_RESERVE_PAGES
                          ? avail_pages - HYPERVISOR_RESERVE_PAGES : 0;
    unsigned long want = opt_dom0_mem ? opt_dom0_mem >> PAGE_SHIFT : avail;

    return MIN(want, avail);
}

void __noreturn start_boot_domains(const struct boot_info *bi)
{
    struct domain_create_args args = { .max_vcpus = 1, .privileged = true };
    const struct boot_module *k = &bi->modules[0], *rd = &bi->modules[1];
    struct domain *d;
    unsigned long pages = dom0_pages();
    int rc;

    if ( !bi->nr_modules )
        panic("No dom0 kernel: give it as the first multiboot module");
    args.max_pages = pages;
    d = domain_create(0, &args, &rc);
    if ( !d )
        panic("Cannot create dom0 (%d)", rc);
    rc = pv_build_domain(d, __va(k->start), k->end - k->start,
                         bi->nr_modules > 1 ? __va(rd->start) : NULL,
                         bi->nr_modules > 1 ? rd->end - rd->start : 0,
                         module_args(k->cmdline), pages);
    if ( rc )
        panic("Cannot build dom0 from module 0 (%d): see the messages above", rc);
    if ( sched_vcpu_insert(d->vcpu[0], 0) )
        panic("Cannot schedule dom0");
    vcpu_pause_flag_clear(d->vcpu[0], _VPF_down);
    sched_start_cpu();
}
