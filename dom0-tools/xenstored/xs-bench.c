/*
 * xs-bench: operations per second against any xenstored's Unix socket.
 *
 *   xs-bench [--socket PATH] [--clients N] [--seconds S] [--mix MIX]...
 *
 * MIX is read, write, directory, transaction (start, read, write, commit)
 * or mixed (70% read, 20% write, 10% directory).  Each client is a thread
 * with its own connection doing one request at a time, as libxenstore
 * does, on its own subtree /bench/<client> of 16 keys.  It speaks only
 * the wire protocol, so the same binary measures Xen's daemons in a dom0.
 * The socket defaults to $XENSTORED_PATH, then /run/xenstored/socket.
 */
#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include <xen/io/xs_wire.h>

#define KEYS 16

static const char *sock_path;
static unsigned int nclients = 8;
static double seconds = 3;
static volatile int stop;

struct client {
    pthread_t thread;
    unsigned int id;
    const char *mix;
    int fd;
    uint32_t req;
    unsigned long ops, errors, conflicts;
    int failed;
};

static int xs_connect(void)
{
    struct sockaddr_un a = { .sun_family = AF_UNIX };
    int fd = socket(AF_UNIX, SOCK_STREAM, 0);

    snprintf(a.sun_path, sizeof(a.sun_path), "%s", sock_path);
    if ( fd < 0 || connect(fd, (struct sockaddr *)&a, sizeof(a)) )
    {
        perror(sock_path);
        exit(1);
    }
    return fd;
}

static int io_all(int fd, void *buf, size_t len, int writing)
{
    char *p = buf;

    while ( len )
    {
        ssize_t n = writing ? write(fd, p, len) : read(fd, p, len);

        if ( n < 0 && errno == EINTR )
            continue;
        if ( n <= 0 )
            return -1;
        p += n;
        len -= n;
    }
    return 0;
}

/* One request, one reply (watch events are not used here). */
static int call(struct client *c, uint32_t type, uint32_t tx,
                const char *payload, size_t len, char *out, uint32_t *olen)
{
    struct xsd_sockmsg h = { type, ++c->req, tx, len };
    char buf[sizeof(h) + XENSTORE_PAYLOAD_MAX];

    memcpy(buf, &h, sizeof(h));
    memcpy(buf + sizeof(h), payload, len);
    if ( io_all(c->fd, buf, sizeof(h) + len, 1) ||
         io_all(c->fd, &h, sizeof(h), 0) || h.len > XENSTORE_PAYLOAD_MAX ||
         io_all(c->fd, out, h.len, 0) )
    {
        c->failed = 1;
        return -1;
    }
    out[h.len] = '\0';
    if ( olen )
        *olen = h.len;
    return h.type == XS_ERROR ? -1 : 0;
}

static int key_path(char *buf, unsigned int client, unsigned int key)
{
    return snprintf(buf, 64, "/bench/%u/k%u", client, key) + 1;
}

static int do_write(struct client *c, uint32_t tx, unsigned int key)
{
    char p[128], out[XENSTORE_PAYLOAD_MAX + 1];
    int len = key_path(p, c->id, key);

    len += snprintf(p + len, sizeof(p) - len, "value-%lu", c->ops);
    return call(c, XS_WRITE, tx, p, len, out, NULL);
}

static int do_read(struct client *c, uint32_t tx, unsigned int key)
{
    char p[64], out[XENSTORE_PAYLOAD_MAX + 1];

    return call(c, XS_READ, tx, p, key_path(p, c->id, key), out, NULL);
}

static int do_dir(struct client *c)
{
    char p[64], out[XENSTORE_PAYLOAD_MAX + 1];
    int len = snprintf(p, sizeof(p), "/bench/%u", c->id) + 1;

    return call(c, XS_DIRECTORY, 0, p, len, out, NULL);
}

static int do_tx(struct client *c, unsigned int key)
{
    char out[XENSTORE_PAYLOAD_MAX + 1];
    uint32_t tx;

    if ( call(c, XS_TRANSACTION_START, 0, "", 1, out, NULL) )
        return -1;
    tx = strtoul(out, NULL, 10);
    do_read(c, tx, key);
    do_write(c, tx, (key + 1) % KEYS);
    if ( call(c, XS_TRANSACTION_END, tx, "T", 2, out, NULL) )
    {
        if ( !strcmp(out, "EAGAIN") )
            c->conflicts++;
        return -1;
    }
    return 0;
}

static int one_op(struct client *c, unsigned int n)
{
    unsigned int key = n % KEYS;

    switch ( c->mix[0] )
    {
    case 'r': return do_read(c, 0, key);
    case 'w': return do_write(c, 0, key);
    case 'd': return do_dir(c);
    case 't': return do_tx(c, key);
    default:
        if ( n % 10 < 7 )
            return do_read(c, 0, key);
        return n % 10 < 9 ? do_write(c, 0, key) : do_dir(c);
    }
}

static void *run(void *arg)
{
    struct client *c = arg;
    unsigned int n = 0, k;

    for ( k = 0; k < KEYS; k++ )
        do_write(c, 0, k);
    while ( !stop && !c->failed )
    {
        if ( one_op(c, n++) )
            c->errors++;
        c->ops++;
    }
    return NULL;
}

static double now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int bench(const char *mix)
{
    struct client *cl = calloc(nclients, sizeof(*cl));
    unsigned long ops = 0, errors = 0, conflicts = 0;
    unsigned int i;
    double t0, t;
    int failed = 0;

    stop = 0;
    for ( i = 0; i < nclients; i++ )
    {
        cl[i].id = i;
        cl[i].mix = mix;
        cl[i].fd = xs_connect();
    }
    t0 = now();
    for ( i = 0; i < nclients; i++ )
        pthread_create(&cl[i].thread, NULL, run, &cl[i]);
    usleep(seconds * 1e6);
    stop = 1;
    for ( i = 0; i < nclients; i++ )
    {
        pthread_join(cl[i].thread, NULL);
        ops += cl[i].ops;
        errors += cl[i].errors;
        conflicts += cl[i].conflicts;
        failed |= cl[i].failed;
        close(cl[i].fd);
    }
    t = now() - t0;
    printf("mix=%-11s clients=%u seconds=%.2f ops=%lu ops_per_s=%.0f "
           "errors=%lu conflicts=%lu\n", mix, nclients, t, ops, ops / t,
           errors, conflicts);
    free(cl);
    return failed;
}

int main(int argc, char **argv)
{
    int i, rc = 0, ran = 0;

    sock_path = getenv("XENSTORED_PATH") ?: "/run/xenstored/socket";
    for ( i = 1; i < argc; i++ )
    {
        if ( !strcmp(argv[i], "--socket") && i + 1 < argc )
            sock_path = argv[++i];
        else if ( !strcmp(argv[i], "--clients") && i + 1 < argc )
            nclients = atoi(argv[++i]) ?: 1;
        else if ( !strcmp(argv[i], "--seconds") && i + 1 < argc )
            seconds = atof(argv[++i]);
        else if ( !strcmp(argv[i], "--mix") && i + 1 < argc )
        {
            rc |= bench(argv[++i]);
            ran = 1;
        }
        else
        {
            fprintf(stderr, "usage: xs-bench [--socket PATH] [--clients N] "
                    "[--seconds S] [--mix read|write|directory|transaction|"
                    "mixed]...\n");
            return 2;
        }
    }
    if ( !ran )
    {
        static const char *const mixes[] = { "read", "write", "directory",
                                             "transaction", "mixed" };

        for ( i = 0; i < 5; i++ )
            rc |= bench(mixes[i]);
    }
    return rc;
}
