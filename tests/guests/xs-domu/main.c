/*
 * xs-domu: a boot-time domain that talks to the store over its own ring,
 * as a guest's xenbus does (Tessera only: Xen 4.17 x86 cannot launch a
 * domain at boot).  Booted next to a Linux dom0 that runs xenstored and
 * init-bootdomains (tests/linux/init-xenstored-ring with xsring.domu=1).
 *
 * Proves, end to end: the ring the builder made (start_info's store page
 * and port) is served once dom0 introduces the domain; requests queued
 * before that are answered after it; relative paths resolve under
 * /local/domain/N (the domid node reads back as written by dom0); a write
 * to data/ (ours) succeeds while writing and reading dom0's nodes is
 * EACCES; a watch fires when dom0 writes data/pong, and the value is
 * dom0's.  The domain reports through data/ too, then stops; dom0 sees it
 * released by the daemon.
 */
#include "events.h"
#include <xen/io/xs_wire.h>

const char test_name[] = "xs-domu";

#define WAIT_NS  60000000000ULL        /* for dom0 to boot Linux and introduce us */
#define MIN(a, b) ((a) < (b) ? (a) : (b))

static void copy_str(char *dst, const char *src, size_t size)
{
    size_t n = strlen(src);

    if ( n >= size )
        n = size - 1;
    memcpy(dst, src, n);
    dst[n] = '\0';
}

static struct xenstore_domain_interface *intf;
static evtchn_port_t port;
static uint32_t next_req = 1;

static void kick(void)
{
    evtchn_send_port(port);
}

/* Waits for the daemon's next kick; false on timeout. */
static bool wait_kick(uint64_t deadline)
{
    while ( !port_pending(port) )
    {
        if ( system_time_ns() > deadline )
            return false;
        poll_ports(&port, 1, deadline);
    }
    port_clear(port);
    return true;
}

static void ring_put(const void *data, uint32_t len, uint64_t deadline)
{
    const char *p = data;

    while ( len )
    {
        uint32_t prod = intf->req_prod, cons = __atomic_load_n(&intf->req_cons, __ATOMIC_ACQUIRE);
        uint32_t space = XENSTORE_RING_SIZE - (prod - cons), n;

        if ( !space )
        {
            kick();
            if ( !wait_kick(deadline) )
                report_failure("the daemon never took our request");
            continue;
        }
        n = MIN(space, len);
        n = MIN(n, XENSTORE_RING_SIZE - MASK_XENSTORE_IDX(prod));
        memcpy(intf->req + MASK_XENSTORE_IDX(prod), p, n);
        __atomic_store_n(&intf->req_prod, prod + n, __ATOMIC_RELEASE);
        p += n;
        len -= n;
    }
    kick();
}

static void ring_get(void *data, uint32_t len, uint64_t deadline)
{
    char *p = data;

    while ( len )
    {
        uint32_t cons = intf->rsp_cons, prod = __atomic_load_n(&intf->rsp_prod, __ATOMIC_ACQUIRE);
        uint32_t avail = prod - cons, n;

        if ( avail > XENSTORE_RING_SIZE )
            report_failure("the daemon's producer index is off: %u - %u", prod, cons);
        if ( !avail )
        {
            if ( !wait_kick(deadline) )
                report_failure("no reply from the store");
            continue;
        }
        n = MIN(avail, len);
        n = MIN(n, XENSTORE_RING_SIZE - MASK_XENSTORE_IDX(cons));
        memcpy(p, intf->rsp + MASK_XENSTORE_IDX(cons), n);
        __atomic_store_n(&intf->rsp_cons, cons + n, __ATOMIC_RELEASE);
        kick();
        p += n;
        len -= n;
    }
}

static char payload[XENSTORE_PAYLOAD_MAX + 1];
static char watch_path[256];
static bool watch_fired;

/*
 * Sends type with parts a (NUL-terminated) and b (if any; a value, sent
 * without its NUL for XS_WRITE), returns the reply type and its payload
 * in payload[]; watch events met on the way are remembered.
 */
static uint32_t xs(uint32_t type, const char *a, const char *b)
{
    struct xsd_sockmsg h = { .type = type, .req_id = next_req++ };
    uint64_t deadline = system_time_ns() + WAIT_NS;
    uint32_t la = strlen(a) + 1, lb = b ? strlen(b) + (type != XS_WRITE) : 0;

    h.len = la + lb;
    ring_put(&h, sizeof(h), deadline);
    ring_put(a, la, deadline);
    if ( b )
        ring_put(b, lb, deadline);
    for ( ;; )
    {
        ring_get(&h, sizeof(h), deadline);
        if ( h.len > XENSTORE_PAYLOAD_MAX )
            report_failure("a %u-byte reply", h.len);
        ring_get(payload, h.len, deadline);
        payload[h.len] = '\0';
        if ( h.type != XS_WATCH_EVENT )
            return h.type;
        copy_str(watch_path, payload, sizeof(watch_path));
        watch_fired = true;
    }
}

/* Waits for a watch event (one may have come with an earlier reply). */
static bool next_watch_event(void)
{
    struct xsd_sockmsg h;
    uint64_t deadline = system_time_ns() + WAIT_NS;

    while ( !watch_fired )
    {
        ring_get(&h, sizeof(h), deadline);
        ring_get(payload, h.len, deadline);
        payload[h.len] = '\0';
        if ( h.type == XS_WATCH_EVENT )
        {
            copy_str(watch_path, payload, sizeof(watch_path));
            watch_fired = true;
        }
    }
    watch_fired = false;
    return true;
}

/* Watches path until it exists; its value is left in payload[]. */
static void wait_for_node(const char *path)
{
    unsigned int events = 0;
    static char value[XENSTORE_PAYLOAD_MAX + 1];

    check_eq(xs(XS_WATCH, path, "tok"), XS_WATCH, "watch the node");
    while ( xs(XS_READ, path, NULL) != XS_READ && events++ < 20 )
    {
        next_watch_event();
        printk("watch fired: %s\n", watch_path);
    }
    copy_str(value, payload, sizeof(value));
    check_eq(xs(XS_UNWATCH, path, "tok"), XS_UNWATCH, "unwatch the node");
    copy_str(payload, value, sizeof(payload));
}

void test_main(void)
{
    char domid[16];

    if ( !check(start_info->store_mfn && start_info->store_evtchn,
                "start_info names a store ring (mfn %#lx, port %u)",
                (unsigned long)start_info->store_mfn, start_info->store_evtchn) )
        return;
    intf = map_frame(start_info->store_mfn, PAGE_RW_FLAGS | _PAGE_NX);
    port = start_info->store_evtchn;
    port_mask(port);

    /* Queued before dom0 has even booted: answered once we are introduced. */
    printk("writing data/hello; waiting for dom0 to introduce us\n");
    check_eq(xs(XS_WRITE, "data/hello", "world"), XS_WRITE, "write data/hello");
    check_eq(intf->server_features & XENSTORE_SERVER_FEATURE_RECONNECTION,
             XENSTORE_SERVER_FEATURE_RECONNECTION, "the daemon offers reconnection");
    check_eq(xs(XS_READ, "domid", NULL), XS_READ, "read domid");
    copy_str(domid, payload, sizeof(domid));
    printk("our domid, as dom0 wrote it: %s\n", domid);
    check(!strcmp(domid, "1"), "domid reads back \"1\" (got \"%s\")", domid);
    check_eq(xs(XS_GET_DOMAIN_PATH, domid, NULL), XS_GET_DOMAIN_PATH, "get_domain_path");
    check(!strcmp(payload, "/local/domain/1"), "  is /local/domain/1 (got %s)", payload);
    check_eq(xs(XS_READ, "data/hello", NULL), XS_READ, "read data/hello back");
    check(!strcmp(payload, "world"), "  \"world\" (got \"%s\")", payload);

    /* dom0's nodes are not ours. */
    check_eq(xs(XS_WRITE, "/local/domain/0/stolen", "x"), XS_ERROR, "write under dom0's home");
    check(!strcmp(payload, "EACCES"), "  is EACCES (got %s)", payload);
    check_eq(xs(XS_WRITE, "name", "renamed"), XS_ERROR, "write our own name (dom0's node)");
    check(!strcmp(payload, "EACCES"), "  is EACCES (got %s)", payload);

    /* A watch on data/pong: the first event comes at once, then dom0's write. */
    wait_for_node("data/pong");
    check(!strcmp(payload, "pong-from-dom0"), "data/pong is dom0's value (got \"%s\")",
          payload);
    check(!strcmp(watch_path, "data/pong"), "the watch event named data/pong (got %s)",
          watch_path);

    /* Our verdict for dom0, which answers data/done once it has read it. */
    check_eq(xs(XS_WRITE, "data/result", report_status() == TEST_SUCCESS ? "success" : "failure"),
             XS_WRITE, "write data/result");
    wait_for_node("data/done");
}
