/*
 * XS_CONTROL (alias XS_DEBUG): dom0's maintenance commands.  The payload
 * is a command name and its arguments as strings, as xenstore-control
 * sends them.
 */
#include <stdio.h>
#include <string.h>

#include "domain.h"
#include "ops.h"

static int ctl_help(struct xs_req *r, const char **argv, unsigned int argc)
{
    static const char help[] =
        "Supported commands:\n"
        "check           check the store's accounting\n"
        "log [level]     error|warning|info|debug\n"
        "logfile <path>  log to another file\n"
        "memreport       nodes and bytes per domain\n"
        "print <text>    write text to the log\n"
        "quota           show the quotas\n";

    (void)argv;
    (void)argc;
    req_reply(r, help, sizeof(help));
    return 0;
}

static int ctl_check(struct xs_req *r, const char **argv, unsigned int argc)
{
    (void)argv;
    (void)argc;
    return store_check_accounting() ? EIO : (req_reply(r, "OK", 3), 0);
}

static int ctl_log(struct xs_req *r, const char **argv, unsigned int argc)
{
    static const char *const names[] = { "error", "warning", "info",
                                         "debug" };
    unsigned int i;

    if ( argc != 1 )
        return EINVAL;
    for ( i = 0; i < ARRAY_SIZE(names); i++ )
        if ( !strcmp(argv[0], names[i]) )
        {
            xs_log_set_level(i);
            req_reply(r, "OK", 3);
            return 0;
        }
    return EINVAL;
}

static int ctl_logfile(struct xs_req *r, const char **argv, unsigned int argc)
{
    if ( argc != 1 || xs_log_open(argv[0]) )
        return EINVAL;
    req_reply(r, "OK", 3);
    return 0;
}

static int ctl_memreport(struct xs_req *r, const char **argv,
                         unsigned int argc)
{
    unsigned int d, used = 0;

    (void)argv;
    (void)argc;
    for ( d = 0; d < XS_NR_DOMIDS && used < XENSTORE_PAYLOAD_MAX - 64; d++ )
        if ( store_domain_nodes(d) )
            used += snprintf(r->reply + used, XENSTORE_PAYLOAD_MAX - used,
                             "domain %u: %u nodes, %zu bytes\n", d,
                             store_domain_nodes(d), store_domain_bytes(d));
    r->reply[used++] = '\0';
    r->rlen = used;
    r->has_reply = true;
    return 0;
}

static int ctl_print(struct xs_req *r, const char **argv, unsigned int argc)
{
    if ( argc != 1 )
        return EINVAL;
    xs_log(XS_LOG_INFO, "control: %s", argv[0]);
    req_reply(r, "OK", 3);
    return 0;
}

static int ctl_quota(struct xs_req *r, const char **argv, unsigned int argc)
{
    (void)argv;
    (void)argc;
    r->rlen = snprintf(r->reply, XENSTORE_PAYLOAD_MAX,
                       "nodes %u\nwatches %u\nentry-size %u\n"
                       "transactions %u\nperms %u\ntransaction-nodes %u\n"
                       "path-max %u\noutstanding %u\nmemory %u\n",
                       xs_quota.nodes, xs_quota.watches, xs_quota.entry_size,
                       xs_quota.transactions, xs_quota.perms,
                       xs_quota.trans_nodes, xs_quota.path_max,
                       xs_quota.outstanding, xs_quota.memory_hard) + 1;
    r->has_reply = true;
    return 0;
}

static const struct {
    const char *name;
    int (*fn)(struct xs_req *r, const char **argv, unsigned int argc);
} commands[] = {
    { "help", ctl_help },
    { "check", ctl_check },
    { "log", ctl_log },
    { "logfile", ctl_logfile },
    { "memreport", ctl_memreport },
    { "print", ctl_print },
    { "quota", ctl_quota },
};

int op_control(struct xs_req *r)
{
    const char *argv[8];
    unsigned int argc, i;

    if ( !r->len || r->data[r->len - 1] != '\0' )
        return EINVAL;
    argc = req_strings(r, argv, ARRAY_SIZE(argv));
    if ( !argc || req_count_strings(r) > ARRAY_SIZE(argv) )
        return EINVAL;
    for ( i = 0; i < ARRAY_SIZE(commands); i++ )
        if ( !strcmp(argv[0], commands[i].name) )
            return commands[i].fn(r, argv + 1, argc - 1);
    return EINVAL;
}
