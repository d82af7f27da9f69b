/*
 * libFuzzer target: the message framing and dispatcher, three clients at
 * once (dom0 and two unprivileged domains) on a fresh store per input.
 *
 * Input: a run of chunks { conn, type, tx, len, payload[len] }.  Mostly the
 * harness writes a well-formed header so the fuzzer reaches the handlers;
 * when the conn byte's top bit is set the chunk goes out as raw bytes
 * instead, to exercise framing.  A payload starting below 0x08 gets one
 * of a few real paths in front, which the fuzzer would take long to guess.
 *
 * After each input: every message the daemon sent must be well framed,
 * and the per-domain accounting must match the tree.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conn.h"
#include "core.h"
#include "store.h"

struct sink {
    struct xsd_sockmsg hdr;
    unsigned int got, left;
};

static int sink_read(struct xs_conn *c, void *buf, unsigned int len);

static const uint8_t *in_data;
static size_t in_len;

static int sink_read(struct xs_conn *c, void *buf, unsigned int len)
{
    (void)c;
    if ( len > in_len )
        len = in_len;
    memcpy(buf, in_data, len);
    in_data += len;
    in_len -= len;
    return len;
}

/* Parse what the daemon sends, as a client would, and insist it is sane. */
static int sink_write(struct xs_conn *c, const void *buf, unsigned int len)
{
    struct sink *s = c->tp_priv;
    const char *p = buf;
    unsigned int n = len;

    while ( n )
    {
        if ( s->got < sizeof(s->hdr) )
        {
            unsigned int take = sizeof(s->hdr) - s->got;

            take = take < n ? take : n;
            memcpy((char *)&s->hdr + s->got, p, take);
            s->got += take;
            p += take;
            n -= take;
            if ( s->got == sizeof(s->hdr) )
            {
                if ( s->hdr.len > XENSTORE_PAYLOAD_MAX ||
                     s->hdr.type >= XS_TYPE_COUNT )
                    abort();
                s->left = s->hdr.len;
                if ( !s->left )
                    s->got = 0;
            }
            continue;
        }
        if ( n >= s->left )
        {
            p += s->left;
            n -= s->left;
            s->got = 0;
        }
        else
        {
            s->left -= n;
            n = 0;
        }
    }
    return len;
}

static void sink_destroy(struct xs_conn *c)
{
    free(c->tp_priv);
}

static const struct xs_transport sink_transport = {
    .name = "fuzz", .read = sink_read, .write = sink_write,
    .destroy = sink_destroy,
};

static const char *const prefixes[] = {
    "/a", "/a/b", "/local/domain/5", "/local/domain/6/x", "@introduceDomain",
    "@releaseDomain", "data", "/",
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static bool inited;
    struct xs_conn *conns[3];
    unsigned int i;

    if ( !inited )
    {
        xs_log_open("/dev/null");
        inited = true;
    }
    xs_quota_defaults();
    xs_quota.nodes = 30;            /* reach the limits within one input */
    xs_quota.trans_nodes = 40;
    xs_quota.watches = 4;
    xs_quota.transactions = 3;
    xs_core_init();
    for ( i = 0; i < 3; i++ )
        conns[i] = conn_new(&sink_transport, calloc(1, sizeof(struct sink)),
                            -1, i ? 4 + i : 0, !i);

    while ( size >= 4 )
    {
        uint8_t sel = data[0], type = data[1], tx = data[2];
        size_t len = data[3] < size - 4 ? data[3] : size - 4;
        char msg[16 + 64 + 256];
        size_t mlen = 0;
        struct xs_conn *c = conns[(sel & 0x7f) % 3];

        data += 4;
        size -= 4;
        if ( sel & 0x80 )
        {
            memcpy(msg, data, len);             /* raw bytes */
            mlen = len;
        }
        else
        {
            struct xsd_sockmsg h = { type, 1, tx, 0 };
            size_t plen = 0;
            char *payload = msg + sizeof(h);

            if ( len && data[0] < 8 )
            {
                plen = strlen(prefixes[data[0]]);
                memcpy(payload, prefixes[data[0]], plen);
                memcpy(payload + plen, data + 1, len - 1);
                plen += len - 1;
            }
            else
            {
                memcpy(payload, data, len);
                plen = len;
            }
            h.len = plen;
            memcpy(msg, &h, sizeof(h));
            mlen = sizeof(h) + plen;
        }
        data += len;
        size -= len;

        in_data = (const uint8_t *)msg;
        in_len = mlen;
        if ( !c->dead )
            conn_handle_input(c);
        in_len = 0;
        for ( i = 0; i < 3; i++ )
            conn_handle_output(conns[i]);
    }

    if ( store_check_accounting() )
        abort();
    xs_core_shutdown();
    return 0;
}
