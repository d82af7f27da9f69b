/*
 * The ring transport against an in-memory xenstore_domain_interface page:
 * the real framing, dispatch and ring code, with this test playing the
 * guest (and sometimes a hostile one).
 */
#include <stdio.h>

#include "ring.h"
#include "store.h"
#include "xs-test.h"

static struct xenstore_domain_interface page;
static unsigned int notifications;

static void count_notify(struct xs_ring *r)
{
    (void)r;
    notifications++;
}

static struct xs_ring ring = { .intf = &page, .notify = count_notify };

static struct xs_conn *ring_conn(XENSTORE_RING_IDX start)
{
    memset(&page, 0, sizeof(page));
    page.req_cons = page.req_prod = page.rsp_cons = page.rsp_prod = start;
    ring.broken = false;
    xs_ring_init_page(&ring);
    return conn_new(&xs_ring_transport, &ring, -1, 5, false);
}

/* The guest's side: put bytes on req[], take bytes off rsp[]. */
static void guest_put(const void *data, unsigned int len)
{
    const char *p = data;
    unsigned int i;

    for ( i = 0; i < len; i++ )
        page.req[MASK_XENSTORE_IDX(page.req_prod + i)] = p[i];
    page.req_prod += len;
}

static void guest_request(uint32_t type, uint32_t req, const char *payload,
                          unsigned int len)
{
    struct xsd_sockmsg h = { type, req, 0, len };

    guest_put(&h, sizeof(h));
    guest_put(payload, len);
}

static unsigned int guest_take(void *buf, unsigned int len)
{
    unsigned int i, avail = page.rsp_prod - page.rsp_cons;

    if ( len > avail )
        len = avail;
    for ( i = 0; i < len; i++ )
        ((char *)buf)[i] = page.rsp[MASK_XENSTORE_IDX(page.rsp_cons + i)];
    page.rsp_cons += len;
    return len;
}

static bool guest_reply(struct xsd_sockmsg *h, char *body)
{
    if ( page.rsp_prod - page.rsp_cons < sizeof(*h) )
        return false;
    guest_take(h, sizeof(*h));
    guest_take(body, h->len);
    body[h->len] = '\0';
    return true;
}

static void test_whole_and_partial(void)
{
    struct xs_conn *c = ring_conn(0);
    struct xsd_sockmsg h;
    char body[XENSTORE_PAYLOAD_MAX + 1];
    struct xsd_sockmsg req = { XS_GET_DOMAIN_PATH, 9, 0, 2 };

    CHECK(page.server_features == (XENSTORE_SERVER_FEATURE_RECONNECTION |
                                   XENSTORE_SERVER_FEATURE_ERROR),
          "features %u", page.server_features);
    guest_put(&req, 10);                    /* part of the header */
    conn_handle_input(c);
    CHECK(page.rsp_prod == 0, "no reply to half a header");
    guest_put((char *)&req + 10, 6);
    guest_put("7", 1);                      /* part of the payload */
    conn_handle_input(c);
    CHECK(page.rsp_prod == 0, "no reply to half a payload");
    guest_put("", 1);
    notifications = 0;
    conn_handle_input(c);
    CHECK(guest_reply(&h, body), "reply after the last byte");
    CHECK(h.type == XS_GET_DOMAIN_PATH && h.req_id == 9 &&
          !strcmp(body, "/local/domain/7"), "reply %u %u %s", h.type,
          h.req_id, body);
    CHECK(page.req_cons == page.req_prod, "request consumed");
    CHECK(notifications >= 2, "guest notified (%u)", notifications);
    conn_free(c);
}

/* Free-running indexes across 2^32, and byte offsets across the ring end. */
static void test_wrap(void)
{
    struct xs_conn *c = ring_conn(0xfffffff0u);
    struct xsd_sockmsg h;
    char body[XENSTORE_PAYLOAD_MAX + 1];
    int i, good = 0;

    for ( i = 0; i < 200; i++ )
    {
        guest_request(XS_GET_DOMAIN_PATH, i, "12345", 6);
        conn_handle_input(c);
        good += guest_reply(&h, body) && h.req_id == (uint32_t)i &&
                !strcmp(body, "/local/domain/12345");
    }
    CHECK(good == 200, "%d of 200 replies intact across the wrap", good);
    CHECK(!c->dead, "connection alive");
    conn_free(c);
}

static void test_torn_index(void)
{
    struct xs_conn *c = ring_conn(100);

    page.req_prod = page.req_cons + XENSTORE_RING_SIZE + 1;
    conn_handle_input(c);
    CHECK(c->dead && page.error == XENSTORE_ERROR_RINGIDX,
          "request overrun: dead %d error %u", c->dead, page.error);
    conn_free(c);

    c = ring_conn(100);
    page.req_prod = page.req_cons - 1;      /* producer behind consumer */
    conn_handle_input(c);
    CHECK(c->dead && page.error == XENSTORE_ERROR_RINGIDX,
          "producer behind: dead %d error %u", c->dead, page.error);
    conn_free(c);

    c = ring_conn(100);
    page.rsp_prod = page.rsp_cons + 5000;   /* response indexes corrupted */
    guest_request(XS_GET_DOMAIN_PATH, 1, "1", 2);
    conn_handle_input(c);
    CHECK(c->dead && page.error == XENSTORE_ERROR_RINGIDX,
          "response overrun: dead %d error %u", c->dead, page.error);
    conn_free(c);
}

static void test_oversized(void)
{
    struct xs_conn *c = ring_conn(0);
    struct xsd_sockmsg h = { XS_READ, 1, 0, XENSTORE_PAYLOAD_MAX + 1 };

    guest_put(&h, sizeof(h));
    conn_handle_input(c);
    CHECK(c->dead && page.error == XENSTORE_ERROR_PROTO,
          "oversized payload: dead %d error %u", c->dead, page.error);
    conn_free(c);
}

/*
 * A guest that never takes its replies: the daemon fills rsp[], keeps the
 * rest queued, stops taking requests at the outstanding quota, and
 * delivers everything in order once the guest reads again.
 */
static void test_flow_control(void)
{
    struct xs_conn *c = ring_conn(0);
    struct xsd_sockmsg h;
    char body[XENSTORE_PAYLOAD_MAX + 1];
    uint32_t i = 0, next = 0, round;
    bool in_order = true;

    /* 18-byte requests, as many as req[] holds, in three batches. */
    for ( round = 0; round < 3; round++ )
    {
        while ( i < 100 && page.req_prod - page.req_cons + 18 <=
                           XENSTORE_RING_SIZE )
            guest_request(XS_GET_DOMAIN_PATH, i++, "3", 2);
        conn_handle_input(c);
    }
    CHECK(page.rsp_prod - page.rsp_cons == XENSTORE_RING_SIZE,
          "response ring full (%u)", page.rsp_prod - page.rsp_cons);
    CHECK(page.req_cons != page.req_prod, "requests left for later");
    CHECK(c->out_replies >= xs_quota.outstanding, "stopped at the quota");
    while ( next < i )
    {
        if ( !guest_reply(&h, body) )
        {
            conn_handle_output(c);
            conn_handle_input(c);
            if ( page.rsp_prod == page.rsp_cons )
                break;
            continue;
        }
        in_order &= h.req_id == next++ && !strcmp(body, "/local/domain/3");
    }
    while ( i < 100 )
    {
        if ( page.req_prod - page.req_cons + 18 <= XENSTORE_RING_SIZE )
            guest_request(XS_GET_DOMAIN_PATH, i++, "3", 2);
        conn_handle_input(c);
        while ( guest_reply(&h, body) )
            in_order &= h.req_id == next++;
        conn_handle_output(c);
    }
    while ( next < 100 && (conn_handle_input(c), conn_handle_output(c), 1) &&
            guest_reply(&h, body) )
        in_order &= h.req_id == next++;
    CHECK(next == 100 && in_order, "%u replies, in order %d", next, in_order);
    conn_free(c);
}

static void test_garbage(void)
{
    unsigned int seed = 1, round, dead = 0;

    for ( round = 0; round < 200; round++ )
    {
        struct xs_conn *c = ring_conn(seed);
        char junk[700];
        unsigned int i;

        for ( i = 0; i < sizeof(junk); i++ )
            junk[i] = (seed = seed * 1103515245 + 12345) >> 16;
        guest_put(junk, sizeof(junk));
        conn_handle_input(c);
        dead += c->dead;
        conn_free(c);
    }
    CHECK(dead > 0, "garbage drops some connections (%u)", dead);
    CHECK(!store_check_accounting(), "store consistent after garbage");
}

static void test_reconnect(void)
{
    struct xs_conn *c = ring_conn(50);
    const char watch[] = "/local/domain/5\0tok";

    guest_request(XS_WATCH, 1, watch, sizeof(watch));
    conn_handle_input(c);
    CHECK(c->nwatches == 1, "watch registered");
    page.connection = XENSTORE_RECONNECT;
    CHECK(xs_ring_check_reconnect(c), "reconnect seen");
    CHECK(c->nwatches == 0 && page.req_prod == 0 && page.rsp_prod == 0 &&
          page.connection == XENSTORE_CONNECTED, "reset to a fresh ring");
    CHECK(!xs_ring_check_reconnect(c), "only once");
    conn_free(c);
}

int main(void)
{
    xs_log_open("-");
    xs_log_set_level(XS_LOG_ERR);
    xs_quota_defaults();
    xs_core_init();
    test_whole_and_partial();
    test_wrap();
    test_torn_index();
    test_oversized();
    test_flow_control();
    test_garbage();
    test_reconnect();
    return unit_finish("xs-ring");
}
