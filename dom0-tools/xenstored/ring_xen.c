/*
 * The ring backend on a Linux dom0: domains' store pages and event
 * channels reached through the kernel's Xen devices.
 *
 *   /dev/xen/evtchn    one handle for every domain's port (interdomain
 *                      binds) and VIRQ_DOM_EXC; read() names the local
 *                      ports that fired, write() unmasks them again
 *   /dev/xen/gntdev    an introduced domain's page, by the grant its
 *                      builder reserved for the store (GNTTAB_RESERVED_XENSTORE)
 *   /dev/xen/privcmd   the same page by its frame number when there is no
 *                      such grant (PV builders that name the MFN), and
 *                      getdomaininfo to learn which domains died
 *   /proc/xen/xsd_kva, xsd_port
 *                      dom0's own page and port: its kernel allocates both
 *                      when the store runs in dom0 (xenfs must be mounted)
 *
 * The order follows 4.17's daemon: grant first, then foreign mapping.  A
 * domain whose page cannot be mapped is introduced without a connection
 * (logged), as the "none" backend does.
 *
 * Everything here runs in the daemon's single thread.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <xen/interface/xen.h>  /* the shim in dom0-tools/include, first */
#include <xen/domctl.h>         /* hypercall-abi */
#include <xen/xen.h>
#include <xen/privcmd.h>        /* Linux uapi */
#include <xen/evtchn.h>
#include <xen/gntdev.h>

#include "core.h"
#include "domain.h"
#include "ring.h"
#include "ring_xen.h"
#include "store.h"
#include "watch.h"

#define PAGE_SZ 4096

enum map_kind { MAP_LOCAL, MAP_GRANT, MAP_FOREIGN };

struct xen_ring {
    struct xs_ring ring;            /* the transport's view: tp_priv */
    struct xen_ring *next;
    struct xs_domain *domain;
    enum map_kind kind;
    uint64_t grant_index;           /* gntdev's offset, MAP_GRANT only */
    unsigned int local_port;
};

static struct xen_ring *rings;
static int evtchn_fd = -1, gntdev_fd = -1, privcmd_fd = -1;
static unsigned int dom_exc_port = ~0u;
static void *hypercall_buf;         /* from /dev/xen/hypercall, or NULL */

static void ring_notify(struct xs_ring *r)
{
    struct xen_ring *xr = (struct xen_ring *)r;
    struct ioctl_evtchn_notify n = { .port = xr->local_port };

    if ( ioctl(evtchn_fd, IOCTL_EVTCHN_NOTIFY, &n) )
        xs_log(XS_LOG_WARN, "domain %u: notify on port %u: %s",
               xr->domain->domid, xr->local_port, strerror(errno));
}

static void *map_local(unsigned int *port)
{
    char buf[32] = "";
    void *page;
    ssize_t n;
    int fd = open("/proc/xen/xsd_port", O_RDONLY | O_CLOEXEC);

    if ( fd < 0 )
        return NULL;
    n = read(fd, buf, sizeof(buf) - 1);
    close(fd);
    if ( n <= 0 || sscanf(buf, "%u", port) != 1 )
        return NULL;
    fd = open("/proc/xen/xsd_kva", O_RDWR | O_CLOEXEC);
    if ( fd < 0 )
        return NULL;
    page = mmap(NULL, PAGE_SZ, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    close(fd);
    return page == MAP_FAILED ? NULL : page;
}

static void *map_grant(unsigned int domid, uint64_t *index)
{
    struct ioctl_gntdev_map_grant_ref m = { .count = 1 };
    struct ioctl_gntdev_unmap_grant_ref u = { .count = 1 };
    void *page;

    if ( gntdev_fd < 0 )
        return NULL;
    m.refs[0].domid = domid;
    m.refs[0].ref = GNTTAB_RESERVED_XENSTORE;
    if ( ioctl(gntdev_fd, IOCTL_GNTDEV_MAP_GRANT_REF, &m) )
        return NULL;
    page = mmap(NULL, PAGE_SZ, PROT_READ | PROT_WRITE, MAP_SHARED, gntdev_fd, m.index);
    if ( page == MAP_FAILED )
    {
        u.index = m.index;
        ioctl(gntdev_fd, IOCTL_GNTDEV_UNMAP_GRANT_REF, &u);
        return NULL;
    }
    *index = m.index;
    return page;
}

static void *map_foreign(unsigned int domid, uint64_t gfn)
{
    xen_pfn_t frame = gfn;
    int err = 0;
    struct privcmd_mmapbatch_v2 b = {
        .num = 1, .dom = domid, .arr = &frame, .err = &err,
    };
    void *page;

    if ( privcmd_fd < 0 )
        return NULL;
    page = mmap(NULL, PAGE_SZ, PROT_READ | PROT_WRITE, MAP_SHARED, privcmd_fd, 0);
    if ( page == MAP_FAILED )
        return NULL;
    b.addr = (uintptr_t)page;
    if ( ioctl(privcmd_fd, IOCTL_PRIVCMD_MMAPBATCH_V2, &b) || err )
    {
        munmap(page, PAGE_SZ);
        return NULL;
    }
    return page;
}

static void unmap_page(struct xen_ring *xr)
{
    struct ioctl_gntdev_unmap_grant_ref u = { .count = 1, .index = xr->grant_index };

    munmap(xr->ring.intf, PAGE_SZ);
    if ( xr->kind == MAP_GRANT )
        ioctl(gntdev_fd, IOCTL_GNTDEV_UNMAP_GRANT_REF, &u);
}

static struct xs_conn *xen_map(struct xs_domain *d)
{
    struct ioctl_evtchn_bind_interdomain bind = { .remote_domain = d->domid };
    struct xen_ring *xr = xs_zalloc(sizeof(*xr));
    unsigned int port = d->port;
    const char *how;
    void *page = NULL;
    int rc;

    if ( d->domid == 0 && (page = map_local(&port)) )
    {
        xr->kind = MAP_LOCAL;
        how = "xenfs";
        d->port = port;
    }
    else if ( (page = map_grant(d->domid, &xr->grant_index)) )
    {
        xr->kind = MAP_GRANT;
        how = "grant";
    }
    else if ( (page = map_foreign(d->domid, d->gfn)) )
    {
        xr->kind = MAP_FOREIGN;
        how = "foreign mapping";
    }
    if ( !page )
    {
        xs_log(XS_LOG_WARN, "domain %u: cannot map its store page (gfn %#llx)",
               d->domid, (unsigned long long)d->gfn);
        free(xr);
        return NULL;
    }
    xr->ring.intf = page;
    bind.remote_port = port;
    rc = ioctl(evtchn_fd, IOCTL_EVTCHN_BIND_INTERDOMAIN, &bind);
    if ( rc < 0 )
    {
        xs_log(XS_LOG_WARN, "domain %u: cannot bind its port %u: %s", d->domid,
               port, strerror(errno));
        unmap_page(xr);
        free(xr);
        return NULL;
    }
    xr->local_port = rc;
    xr->ring.notify = ring_notify;
    xr->ring.backend = xr;
    xr->domain = d;
    xr->next = rings;
    rings = xr;
    xs_ring_init_page(&xr->ring);
    xs_log(XS_LOG_INFO, "domain %u: store page mapped by %s, port %u bound as %u",
           d->domid, how, port, xr->local_port);
    /* The domain may have written before we came, and waits for a kick. */
    ring_notify(&xr->ring);
    return conn_new(&xs_ring_transport, &xr->ring, -1, d->domid, d->domid == 0);
}

static void xen_unmap(struct xs_domain *d)
{
    struct xen_ring **p, *xr;
    struct ioctl_evtchn_unbind u;

    for ( p = &rings; (xr = *p); p = &xr->next )
        if ( xr->domain == d )
            break;
    if ( !xr )
        return;
    *p = xr->next;
    u.port = xr->local_port;
    ioctl(evtchn_fd, IOCTL_EVTCHN_UNBIND, &u);
    unmap_page(xr);
    free(xr);
}

static const struct xs_ring_backend xen_backend = {
    .name = "xen", .map = xen_map, .unmap = xen_unmap,
};

int ring_xen_open(void)
{
    struct ioctl_evtchn_bind_virq virq = { .virq = VIRQ_DOM_EXC };
    int rc;

    evtchn_fd = open("/dev/xen/evtchn", O_RDWR | O_NONBLOCK | O_CLOEXEC);
    if ( evtchn_fd < 0 )
        return -1;
    gntdev_fd = open("/dev/xen/gntdev", O_RDWR | O_CLOEXEC);
    privcmd_fd = open("/dev/xen/privcmd", O_RDWR | O_CLOEXEC);
    {
        int fd = open("/dev/xen/hypercall", O_RDWR | O_CLOEXEC);

        if ( fd >= 0 )
        {
            hypercall_buf = mmap(NULL, PAGE_SZ, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
            if ( hypercall_buf == MAP_FAILED )
                hypercall_buf = NULL;
            close(fd);
        }
    }
    rc = ioctl(evtchn_fd, IOCTL_EVTCHN_BIND_VIRQ, &virq);
    if ( rc >= 0 )
        dom_exc_port = rc;
    else
        xs_log(XS_LOG_WARN, "cannot bind VIRQ_DOM_EXC: %s (dead domains stay "
               "until released by the toolstack)", strerror(errno));
    xs_ring_backend = &xen_backend;
    xs_log(XS_LOG_INFO, "Xen devices open: evtchn%s%s", gntdev_fd >= 0 ? ", gntdev" : "",
           privcmd_fd >= 0 ? ", privcmd" : "");
    return 0;
}

int ring_xen_fd(void)
{
    return evtchn_fd;
}

int ring_xen_init_dom0(void)
{
    struct xs_domain *d;

    if ( access("/proc/xen/xsd_kva", R_OK | W_OK) )
    {
        xs_log(XS_LOG_WARN, "no /proc/xen/xsd_kva (is xenfs mounted on /proc/xen?): "
               "dom0's kernel cannot reach the store");
        return -1;
    }
    domain_introduce(0, 0, 0);
    d = domain_find(0);
    return d && d->conn ? 0 : -1;
}

/* --- Dead domains: VIRQ_DOM_EXC, then getdomaininfo for each one we know. */

enum dominfo { DOM_RUNNING, DOM_SHUTDOWN, DOM_GONE, DOM_UNKNOWN };

static enum dominfo domain_state(unsigned int domid)
{
    struct xen_domctl *dc = hypercall_buf;
    struct privcmd_hypercall h = { .op = __HYPERVISOR_domctl, .arg = { (uintptr_t)dc } };
    long rc;

    if ( !dc || privcmd_fd < 0 )
        return DOM_UNKNOWN;
    memset(dc, 0, sizeof(*dc));
    dc->cmd = XEN_DOMCTL_getdomaininfo;
    dc->interface_version = XEN_DOMCTL_INTERFACE_VERSION;
    dc->domain = domid;
    rc = ioctl(privcmd_fd, IOCTL_PRIVCMD_HYPERCALL, &h);
    if ( rc < 0 )
        return errno == ESRCH ? DOM_GONE : DOM_UNKNOWN;
    if ( dc->u.getdomaininfo.domain != domid ||
         (dc->u.getdomaininfo.flags & XEN_DOMINF_dying) )
        return DOM_GONE;
    if ( dc->u.getdomaininfo.flags & XEN_DOMINF_shutdown )
        return DOM_SHUTDOWN;
    return DOM_RUNNING;
}

/*
 * As 4.17: a domain that shut down fires @releaseDomain once; one that is
 * dying or gone is released (its nodes go, @releaseDomain fires).
 */
static void check_domains(void)
{
    struct xen_ring *xr, *next;

    for ( xr = rings; xr; xr = next )
    {
        struct xs_domain *d = xr->domain;

        next = xr->next;
        if ( !d->domid )
            continue;
        switch ( domain_state(d->domid) )
        {
        case DOM_GONE:
            xs_log(XS_LOG_INFO, "domain %u died: releasing it", d->domid);
            domain_release(d->domid);
            break;
        case DOM_SHUTDOWN:
            if ( !d->shutdown )
            {
                d->shutdown = true;
                watch_fire_special("@releaseDomain");
            }
            break;
        default:
            break;
        }
    }
}

void ring_xen_handle_events(void)
{
    unsigned int ports[64];
    ssize_t n;
    unsigned int i;
    bool dom_exc = false;

    while ( (n = read(evtchn_fd, ports, sizeof(ports))) > 0 )
    {
        for ( i = 0; i < (size_t)n / sizeof(ports[0]); i++ )
            dom_exc |= ports[i] == dom_exc_port;
        /* Unmask: the rings are looked at below whatever fired. */
        if ( write(evtchn_fd, ports, n) != n )
            xs_log(XS_LOG_WARN, "evtchn unmask: %s", strerror(errno));
    }
    if ( dom_exc )
        check_domains();
}

/*
 * Every ring is looked at on each turn of the main loop: a guest's
 * notification may have come while its input was held back (outstanding
 * replies), and reading the indexes is cheap.
 */
void ring_xen_service(void)
{
    struct xen_ring *xr;

    for ( xr = rings; xr; xr = xr->next )
    {
        struct xs_conn *c = xr->domain->conn;

        if ( !c || c->dead )
            continue;
        xs_ring_check_reconnect(c);
        if ( c->out_head )
            conn_handle_output(c);
        if ( conn_wants_input(c) )
            conn_handle_input(c);
    }
}
