/*
 * init-bootdomains: introduces the domains Tessera launched at boot to the
 * store daemon running in dom0, as a toolstack introduces the domains it
 * builds (and as Xen's init-dom0less does for dom0less domains on Arm).
 *
 * Nothing in dom0 built those domains, so their store page and port come
 * from the hypervisor: hvm_op get_param (HVM_PARAM_STORE_PFN, the page's
 * MFN, and HVM_PARAM_STORE_EVTCHN; docs/abi.md).  For each running domain
 * other than dom0 that has them and is not yet introduced, this writes
 * what a guest expects under /local/domain/N (domid and name, readable by
 * the domain; data/, its own), then sends XS_INTRODUCE.
 *
 * Usage: init-bootdomains [-v]
 * The daemon is reached at $XENSTORED_PATH, else /run/xenstored/socket.
 * Exit status: 0 when every domain found was introduced (none is fine),
 * 1 on any failure, with a message saying which domain and why.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <xen/interface/xen.h>  /* dom0-tools/include: the shim, first */
#include <xen/domctl.h>         /* hypercall-abi */
#include <xen/hvm/hvm_op.h>
#include <xen/hvm/params.h>
#include <xen/io/xs_wire.h>
#include <xen/privcmd.h>        /* Linux uapi */

#define PAGE_SZ 4096

static bool verbose;
static int privcmd_fd = -1;
static void *hcall_buf;         /* hypercall-safe: from /dev/xen/hypercall */

static void die(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    fputs("init-bootdomains: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    exit(1);
}

/* --- Hypercalls through /dev/xen/privcmd. */

static void open_privcmd(void)
{
    int fd;

    privcmd_fd = open("/dev/xen/privcmd", O_RDWR | O_CLOEXEC);
    if ( privcmd_fd < 0 )
        die("cannot open /dev/xen/privcmd: %s (is this dom0, with xen-privcmd loaded?)",
            strerror(errno));
    fd = open("/dev/xen/hypercall", O_RDWR | O_CLOEXEC);
    if ( fd >= 0 )
    {
        hcall_buf = mmap(NULL, PAGE_SZ, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
        close(fd);
    }
    if ( !hcall_buf || hcall_buf == MAP_FAILED )
    {
        /* Older kernels: an ordinary page, locked so it cannot fault. */
        hcall_buf = mmap(NULL, PAGE_SZ, PROT_READ | PROT_WRITE,
                         MAP_PRIVATE | MAP_ANONYMOUS | MAP_LOCKED, -1, 0);
        if ( hcall_buf == MAP_FAILED )
            die("cannot get a hypercall buffer: %s", strerror(errno));
    }
}

/* The hypercall's result, or -errno. */
static long hypercall2(unsigned int op, unsigned long a, void *b)
{
    struct privcmd_hypercall h = { .op = op, .arg = { a, (uintptr_t)b } };
    long rc = ioctl(privcmd_fd, IOCTL_PRIVCMD_HYPERCALL, &h);

    return rc < 0 ? -errno : rc;
}

/* The first domain with an id >= *domid (Xen's getdomaininfo); false at the end. */
static bool next_domain(unsigned int *domid, uint32_t *flags)
{
    struct xen_domctl *dc = hcall_buf;
    long rc;

    memset(dc, 0, sizeof(*dc));
    dc->cmd = XEN_DOMCTL_getdomaininfo;
    dc->interface_version = XEN_DOMCTL_INTERFACE_VERSION;
    dc->domain = *domid;
    rc = hypercall2(__HYPERVISOR_domctl, (uintptr_t)dc, NULL);
    if ( rc == -ESRCH )
        return false;
    if ( rc < 0 )
        die("getdomaininfo(%u): %s", *domid, strerror(-rc));
    *domid = dc->u.getdomaininfo.domain;
    *flags = dc->u.getdomaininfo.flags;
    return true;
}

static long get_param(unsigned int domid, uint32_t index, uint64_t *value)
{
    struct xen_hvm_param *p = hcall_buf;
    long rc;

    memset(p, 0, sizeof(*p));
    p->domid = domid;
    p->index = index;
    rc = hypercall2(__HYPERVISOR_hvm_op, HVMOP_get_param, p);
    *value = p->value;
    return rc;
}

/* --- A minimal store client on the daemon's socket. */

static int xs_fd = -1;
static uint32_t xs_req_id;

static void xs_connect(void)
{
    const char *path = getenv("XENSTORED_PATH");
    struct sockaddr_un sa = { .sun_family = AF_UNIX };

    if ( !path )
        path = "/run/xenstored/socket";
    if ( strlen(path) >= sizeof(sa.sun_path) )
        die("socket path too long: %s", path);
    strcpy(sa.sun_path, path);
    xs_fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if ( xs_fd < 0 || connect(xs_fd, (struct sockaddr *)&sa, sizeof(sa)) )
        die("cannot reach the store daemon at %s: %s (is xenstored running?)", path,
            strerror(errno));
}

static void xs_io(bool out, void *buf, size_t len)
{
    char *p = buf;

    while ( len )
    {
        ssize_t n = out ? write(xs_fd, p, len) : read(xs_fd, p, len);

        if ( n <= 0 )
        {
            if ( n < 0 && errno == EINTR )
                continue;
            die("the store daemon hung up");
        }
        p += n;
        len -= n;
    }
}

/*
 * One request, parts joined with NULs (the last one without, as a value
 * is sent).  Returns 0 and the reply payload in reply[], or the error the
 * daemon named, as an errno (EACCES ...), with its name in reply[].
 */
static int xs_request(uint32_t type, char *reply, size_t reply_max, int nparts, ...)
{
    char payload[XENSTORE_PAYLOAD_MAX];
    struct xsd_sockmsg hdr = { .type = type, .req_id = ++xs_req_id };
    va_list ap;
    size_t len = 0;
    int i;

    va_start(ap, nparts);
    for ( i = 0; i < nparts; i++ )
    {
        const char *s = va_arg(ap, const char *);
        size_t n = strlen(s) + (i + 1 < nparts || type != XS_WRITE);

        if ( len + n > sizeof(payload) )
            die("request too long");
        memcpy(payload + len, s, n);
        len += n;
    }
    va_end(ap);
    hdr.len = len;
    xs_io(true, &hdr, sizeof(hdr));
    xs_io(true, payload, len);
    for ( ;; )
    {
        xs_io(false, &hdr, sizeof(hdr));
        if ( hdr.len > XENSTORE_PAYLOAD_MAX )
            die("the store daemon sent a %u-byte reply", hdr.len);
        xs_io(false, payload, hdr.len);
        if ( hdr.type != XS_WATCH_EVENT && hdr.req_id == xs_req_id )
            break;
    }
    len = hdr.len < reply_max ? hdr.len : reply_max - 1;
    memcpy(reply, payload, len);
    reply[len] = '\0';
    if ( hdr.type != XS_ERROR )
        return 0;
    for ( i = 0; i < (int)(sizeof(xsd_errors) / sizeof(xsd_errors[0])); i++ )
        if ( !strcmp(reply, xsd_errors[i].errstring) )
            return xsd_errors[i].errnum;
    return EIO;
}

static void xs_must(const char *what, unsigned int domid, int rc, const char *reply)
{
    if ( rc )
        die("domain %u: %s: %s", domid, what, reply);
}

/* --- Introduction. */

static void introduce(unsigned int domid, uint64_t mfn, uint64_t port)
{
    char path[64], sub[96], v[32], m[32], p[32], reply[256];
    int rc;

    snprintf(path, sizeof(path), "/local/domain/%u", domid);
    snprintf(v, sizeof(v), "%u", domid);
    rc = xs_request(XS_MKDIR, reply, sizeof(reply), 1, path);
    xs_must("mkdir", domid, rc, reply);
    /* Ours, readable by the domain (as a toolstack leaves it). */
    snprintf(sub, sizeof(sub), "r%u", domid);
    rc = xs_request(XS_SET_PERMS, reply, sizeof(reply), 3, path, "n0", sub);
    xs_must("set the permissions of its home", domid, rc, reply);
    snprintf(sub, sizeof(sub), "%s/domid", path);
    rc = xs_request(XS_WRITE, reply, sizeof(reply), 2, sub, v);
    xs_must("write domid", domid, rc, reply);
    snprintf(sub, sizeof(sub), "%s/name", path);
    snprintf(m, sizeof(m), "boot-domain-%u", domid);
    rc = xs_request(XS_WRITE, reply, sizeof(reply), 2, sub, m);
    xs_must("write name", domid, rc, reply);
    /* data/ belongs to the domain. */
    snprintf(sub, sizeof(sub), "%s/data", path);
    rc = xs_request(XS_MKDIR, reply, sizeof(reply), 1, sub);
    xs_must("mkdir data", domid, rc, reply);
    snprintf(m, sizeof(m), "n%u", domid);
    rc = xs_request(XS_SET_PERMS, reply, sizeof(reply), 2, sub, m);
    xs_must("give data/ to the domain", domid, rc, reply);

    snprintf(m, sizeof(m), "%llu", (unsigned long long)mfn);
    snprintf(p, sizeof(p), "%llu", (unsigned long long)port);
    rc = xs_request(XS_INTRODUCE, reply, sizeof(reply), 3, v, m, p);
    xs_must("XS_INTRODUCE", domid, rc, reply);
    printf("init-bootdomains: introduced domain %u (store mfn %#llx, port %llu)\n",
           domid, (unsigned long long)mfn, (unsigned long long)port);
}

int main(int argc, char **argv)
{
    unsigned int domid = 1, found = 0;
    uint32_t flags;
    char reply[16];

    if ( argc > 1 && !strcmp(argv[1], "-v") )
        verbose = true;
    else if ( argc > 1 )
    {
        fprintf(stderr, "usage: init-bootdomains [-v]\n");
        return 2;
    }
    open_privcmd();
    xs_connect();
    for ( ; next_domain(&domid, &flags); domid++ )
    {
        uint64_t mfn, port;
        char id[16];

        if ( flags & (XEN_DOMINF_dying | XEN_DOMINF_shutdown) )
            continue;
        if ( get_param(domid, HVM_PARAM_STORE_PFN, &mfn) ||
             get_param(domid, HVM_PARAM_STORE_EVTCHN, &port) )
        {
            if ( verbose )
                printf("init-bootdomains: domain %u has no store ring of the "
                       "hypervisor's making: skipped\n", domid);
            continue;
        }
        snprintf(id, sizeof(id), "%u", domid);
        if ( !xs_request(XS_IS_DOMAIN_INTRODUCED, reply, sizeof(reply), 1, id) &&
             !strcmp(reply, "T") )
        {
            if ( verbose )
                printf("init-bootdomains: domain %u is already introduced\n", domid);
            continue;
        }
        introduce(domid, mfn, port);
        found++;
    }
    if ( verbose )
        printf("init-bootdomains: %u domain(s) introduced\n", found);
    return 0;
}
