/*
 * xenstored: options and start-up (the main loop is in loop.c).
 *
 * Options follow 4.17's C xenstored where they mean the same thing; the
 * rest (socket path, log file, store directory) are ours.  See
 * docs/xenstored.md.
 */
#include <fcntl.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "conn.h"
#include "core.h"
#include "domain.h"
#include "loop.h"
#include "persist.h"
#include "ring_xen.h"
#include "socket.h"

#define MAX_EXTRA_SOCKETS 8

static struct {
    const char *socket_path;
    const char *log_path;
    const char *store_dir;
    const char *pid_file;
    bool foreground;
    bool output_pid;
    bool fsync_each;
    bool no_domain_init;
    bool no_xen;
    bool no_io_uring;
    struct xs_listener listeners[1 + MAX_EXTRA_SOCKETS];
    unsigned int nlisteners;
} opt = {
    .socket_path = "/run/xenstored/socket",
    .log_path = "/var/log/xen/xenstored.log",
    .store_dir = "/var/lib/xenstored",
};

static volatile sig_atomic_t got_term, got_hup;

static void on_signal(int sig)
{
    if ( sig == SIGHUP )
        got_hup = 1;
    else
        got_term = 1;
}

static void usage(FILE *f)
{
    fprintf(f,
"Usage: xenstored [options]\n"
"  -s, --socket PATH            listen here (default /run/xenstored/socket)\n"
"  -L, --log-file PATH          log here; - for stderr\n"
"                               (default /var/log/xen/xenstored.log)\n"
"  -T, --trace-file PATH        same as --log-file (4.17's name)\n"
"      --store-dir DIR          persistent store (default /var/lib/xenstored)\n"
"  -I, --internal-db [on|off]   on: keep the store in memory only\n"
"      --no-persist             same as --internal-db on\n"
"      --fsync                  fdatasync() every journal record\n"
"  -F, --pid-file FILE          write the daemon's pid to FILE\n"
"  -N, --no-fork                stay in the foreground\n"
"  -P, --output-pid             print the daemon's pid on stdout\n"
"  -D, --no-domain-init         do not serve dom0's own kernel (its xenfs ring)\n"
"      --no-xen                 leave /dev/xen alone: sockets only (to run next\n"
"                               to the store daemon of the host, e.g. to compare)\n"
"      --no-io-uring            wait with epoll and move socket bytes with one\n"
"                               system call each (io_uring is used if it works)\n"
"  -V, --verbose                log every connection event\n"
"  -E, --entry-nb N             nodes per domain (1000)\n"
"  -S, --entry-size N           bytes per node (2048)\n"
"  -W, --watch-nb N             watches per connection (128)\n"
"  -t, --transaction N          transactions per connection (10)\n"
"  -A, --perm-nb N              permissions per node (5)\n"
"  -M, --path-max N             path length below /local/domain/N (2048)\n"
"  -Q, --quota WHAT=N           transaction-nodes, memory, outstanding\n"
"  -q, --quota-soft memory=N    log when a domain passes N bytes\n"
"      --unprivileged-socket PATH:DOMID\n"
"                               also listen on PATH; clients there act as\n"
"                               domain DOMID (for tests, until rings run)\n"
"  -H, --help                   this text\n");
}

static unsigned int number(const char *s, const char *what)
{
    char *end;
    unsigned long v = strtoul(s, &end, 0);

    if ( !*s || *end || v > 0x7fffffff )
    {
        fprintf(stderr, "xenstored: bad number for %s: %s\n", what, s);
        exit(2);
    }
    return v;
}

static void set_quota(const char *arg, bool soft)
{
    const char *eq = strchr(arg, '=');
    size_t len = eq ? (size_t)(eq - arg) : 0;

    if ( eq && soft && !strncmp(arg, "memory", len) && len == 6 )
        xs_quota.memory_soft = number(eq + 1, arg);
    else if ( eq && !soft && len == 6 && !strncmp(arg, "memory", 6) )
        xs_quota.memory_hard = number(eq + 1, arg);
    else if ( eq && !soft && len == 17 &&
              !strncmp(arg, "transaction-nodes", 17) )
        xs_quota.trans_nodes = number(eq + 1, arg);
    else if ( eq && !soft && len == 11 && !strncmp(arg, "outstanding", 11) )
        xs_quota.outstanding = number(eq + 1, arg) ?: 1;
    else
    {
        fprintf(stderr, "xenstored: unknown quota: %s\n", arg);
        exit(2);
    }
}

static void add_unpriv_socket(const char *arg)
{
    const char *colon = strrchr(arg, ':');
    struct xs_listener *l;

    if ( !colon || colon == arg || opt.nlisteners > MAX_EXTRA_SOCKETS )
    {
        fprintf(stderr, "xenstored: expected PATH:DOMID: %s\n", arg);
        exit(2);
    }
    l = &opt.listeners[opt.nlisteners++];
    l->path = strndup(arg, colon - arg);
    l->domid = number(colon + 1, "domid");
    if ( !l->domid || l->domid >= XS_DOMID_SELF )
    {
        fprintf(stderr, "xenstored: unprivileged domid must be 1..32751\n");
        exit(2);
    }
    l->privileged = false;
}

enum { OPT_STORE_DIR = 256, OPT_NO_PERSIST, OPT_FSYNC, OPT_UNPRIV,
       OPT_COMPACT, OPT_NO_XEN, OPT_NO_IO_URING };

static void parse_options(int argc, char **argv)
{
    static const struct option longopts[] = {
        { "socket", 1, NULL, 's' }, { "log-file", 1, NULL, 'L' },
        { "trace-file", 1, NULL, 'T' }, { "store-dir", 1, NULL, OPT_STORE_DIR },
        { "internal-db", 2, NULL, 'I' }, { "no-persist", 0, NULL, OPT_NO_PERSIST },
        { "fsync", 0, NULL, OPT_FSYNC }, { "pid-file", 1, NULL, 'F' },
        { "no-fork", 0, NULL, 'N' }, { "output-pid", 0, NULL, 'P' },
        { "no-domain-init", 0, NULL, 'D' }, { "verbose", 0, NULL, 'V' },
        { "entry-nb", 1, NULL, 'E' }, { "entry-size", 1, NULL, 'S' },
        { "watch-nb", 1, NULL, 'W' }, { "transaction", 1, NULL, 't' },
        { "perm-nb", 1, NULL, 'A' }, { "path-max", 1, NULL, 'M' },
        { "quota", 1, NULL, 'Q' }, { "quota-soft", 1, NULL, 'q' },
        { "unprivileged-socket", 1, NULL, OPT_UNPRIV },
        { "compact-bytes", 1, NULL, OPT_COMPACT },
        { "no-xen", 0, NULL, OPT_NO_XEN },
        { "no-io-uring", 0, NULL, OPT_NO_IO_URING },
        { "help", 0, NULL, 'H' }, { NULL, 0, NULL, 0 },
    };
    int c;

    opt.nlisteners = 1;
    while ( (c = getopt_long(argc, argv, "s:L:T:I::F:NPDVE:S:W:t:A:M:Q:q:H",
                             longopts, NULL)) != -1 )
    {
        switch ( c )
        {
        case 's': opt.socket_path = optarg; break;
        case 'L': case 'T': opt.log_path = optarg; break;
        case OPT_STORE_DIR: opt.store_dir = optarg; break;
        case 'I':
            if ( !optarg || !strcmp(optarg, "on") )
                opt.store_dir = NULL;
            else if ( strcmp(optarg, "off") )
            {
                fprintf(stderr, "xenstored: --internal-db on|off\n");
                exit(2);
            }
            break;
        case OPT_NO_PERSIST: opt.store_dir = NULL; break;
        case OPT_FSYNC: opt.fsync_each = true; break;
        case 'F': opt.pid_file = optarg; break;
        case 'N': opt.foreground = true; break;
        case 'P': opt.output_pid = true; break;
        case 'D': opt.no_domain_init = true; break;
        case 'V': xs_log_set_level(XS_LOG_DEBUG); break;
        case 'E': xs_quota.nodes = number(optarg, "--entry-nb"); break;
        case 'S': xs_quota.entry_size = number(optarg, "--entry-size"); break;
        case 'W': xs_quota.watches = number(optarg, "--watch-nb"); break;
        case 't': xs_quota.transactions = number(optarg, "--transaction");
                  break;
        case 'A': xs_quota.perms = number(optarg, "--perm-nb"); break;
        case 'M':
            xs_quota.path_max = number(optarg, "--path-max");
            if ( xs_quota.path_max > XENSTORE_REL_PATH_MAX )
                xs_quota.path_max = XENSTORE_REL_PATH_MAX;
            break;
        case 'Q': set_quota(optarg, false); break;
        case 'q': set_quota(optarg, true); break;
        case OPT_UNPRIV: add_unpriv_socket(optarg); break;
        case OPT_NO_XEN: opt.no_xen = true; break;
        case OPT_NO_IO_URING: opt.no_io_uring = true; break;
        case OPT_COMPACT:
            persist_compact_bytes = number(optarg, "--compact-bytes");
            break;
        case 'H': usage(stdout); exit(0);
        default: usage(stderr); exit(2);
        }
    }
    if ( optind != argc )
    {
        usage(stderr);
        exit(2);
    }
    opt.listeners[0] = (struct xs_listener){ .path = opt.socket_path, .fd = -1,
                                             .privileged = true };
}

/*
 * Fork into the background; the parent exits only once the child says it
 * is listening, so "xenstored && xenstore-read ..." cannot race.
 */
static int daemonize(void)
{
    int fds[2], devnull;
    char ok;
    pid_t pid;

    if ( pipe(fds) )
        return -1;
    pid = fork();
    if ( pid < 0 )
        return -1;
    if ( pid > 0 )
    {
        close(fds[1]);
        if ( read(fds[0], &ok, 1) != 1 )
            exit(1);
        if ( opt.output_pid )
            printf("%d\n", (int)pid);
        exit(0);
    }
    close(fds[0]);
    setsid();
    if ( chdir("/") )
        return -1;
    devnull = open("/dev/null", O_RDWR);
    if ( devnull >= 0 )
    {
        dup2(devnull, 0);
        dup2(devnull, 1);
        if ( strcmp(opt.log_path, "-") )
            dup2(devnull, 2);
        if ( devnull > 2 )
            close(devnull);
    }
    return fds[1];
}

static int write_pid_file(void)
{
    FILE *f;

    if ( !opt.pid_file )
        return 0;
    f = fopen(opt.pid_file, "w");
    if ( !f )
        return -1;
    fprintf(f, "%d\n", (int)getpid());
    return fclose(f);
}

static void setup_signals(void)
{
    struct sigaction sa = { .sa_handler = on_signal };

    sigemptyset(&sa.sa_mask);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
    signal(SIGPIPE, SIG_IGN);
}

static int start(void)
{
    unsigned int i;

    /* The store first: no client may connect to half a tree. */
    if ( opt.store_dir && persist_open(opt.store_dir, opt.fsync_each) )
        return -1;
    if ( loop_open(!opt.no_io_uring) )
        return -1;
    for ( i = 0; i < opt.nlisteners; i++ )
    {
        opt.listeners[i].fd = socket_listen(opt.listeners[i].path);
        if ( opt.listeners[i].fd < 0 ||
             loop_add_listener(&opt.listeners[i]) )
            return -1;
    }
    /* Without /dev/xen (a plain host) the sockets are all there is. */
    if ( opt.no_xen )
        xs_log(XS_LOG_INFO, "--no-xen: serving the sockets only");
    else if ( ring_xen_open() )
        xs_log(XS_LOG_INFO, "no /dev/xen/evtchn: serving the sockets only");
    else if ( loop_add_ring_events(ring_xen_fd()) )
        return -1;
    else if ( !opt.no_domain_init && ring_xen_init_dom0() )
        xs_log(XS_LOG_WARN, "dom0's ring is not served");
    return 0;
}

int main(int argc, char **argv)
{
    int ready_fd = -1;
    unsigned int i;

    xs_quota_defaults();
    parse_options(argc, argv);
    if ( xs_log_open(opt.log_path) )
    {
        fprintf(stderr, "xenstored: cannot open log %s: %s\n", opt.log_path,
                strerror(errno));
        return 1;
    }
    xs_core_init();
    if ( !opt.foreground && (ready_fd = daemonize()) < 0 )
        return 1;
    setup_signals();
    if ( start() || write_pid_file() )
    {
        xs_log(XS_LOG_ERR, "start-up failed");
        return 1;
    }
    xs_log(XS_LOG_INFO, "listening on %s; store %s; %s loop", opt.socket_path,
           opt.store_dir ? opt.store_dir : "in memory", loop_kind());
    if ( ready_fd >= 0 )
    {
        if ( write(ready_fd, "", 1) != 1 )
            return 1;
        close(ready_fd);
    }
    else if ( opt.output_pid )
    {
        printf("%d\n", (int)getpid());
        fflush(stdout);
    }

    while ( !got_term )
    {
        if ( got_hup )
        {
            got_hup = 0;
            xs_log_reopen();
        }
        loop_once();
    }

    xs_log(XS_LOG_INFO, "terminating");
    if ( opt.store_dir )
        persist_close();
    for ( i = 0; i < opt.nlisteners; i++ )
        unlink(opt.listeners[i].path);
    if ( opt.pid_file )
        unlink(opt.pid_file);
    loop_close();
    xs_core_shutdown();
    return 0;
}
