/*
 * Binds the command-line parser to the image's option table; kept apart
 * from kernel.c so that the parser builds on the host for unit tests.
 */
#include <xen/lib.h>
#include <xen/param.h>

extern const struct kernel_param __setup_start[], __setup_end[];

static void report_bad_option(const char *option, const char *why)
{
    printk("command line option \"%s\": %s, ignored\n", option, why);
}

void cmdline_parse_boot(const char *cmdline)
{
    cmdline_parse(cmdline, __setup_start, __setup_end, report_bad_option);
}
