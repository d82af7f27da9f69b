/*
 * Core set-up: quotas, the initial tree, and the live-tree hook that
 * journals each change and fires watches.
 */
#include <string.h>

#include "conn.h"
#include "core.h"
#include "domain.h"
#include "ops.h"
#include "persist.h"
#include "store.h"
#include "watch.h"

struct xs_quota xs_quota;

void xs_quota_defaults(void)
{
    xs_quota = (struct xs_quota){
        .nodes = 1000,
        .watches = 128,
        .entry_size = 2048,
        .transactions = 10,
        .perms = 5,
        .trans_nodes = 1024,
        .path_max = XENSTORE_REL_PATH_MAX,
        .outstanding = 20,
        .memory_hard = 2 * 1024 * 1024 + 512 * 1024,
        .memory_soft = 2 * 1024 * 1024,
    };
}

static void live_changed(enum xs_change_kind kind, const char *path,
                         const struct xs_node *n, bool fire)
{
    persist_note(kind, path, n);
    if ( !fire )
        return;
    if ( kind == XS_CHANGE_SET )
        watch_fire(path, n, false);
    else
        watch_fire_removed(path, n);
}

/* The tree 4.17 starts with: / and /tool/xenstored, owned by dom0. */
void xs_core_init(void)
{
    static const struct xs_who dom0 = { 0, true, XS_DOMID_NONE };

    node_reset_gen();
    store_init();
    store_set_live_hook(live_changed);
    store_create(&xs_live, "/tool/xenstored", &dom0, NULL, 0);
    domain_reset_special_perms();
    xs_request_done = persist_flush;
    xs_before_output = persist_sync;
}

void xs_core_shutdown(void)
{
    struct xs_conn *c;

    domain_release_all();
    for ( c = xs_conns; c; c = c->next )
        conn_kill(c, "shutting down");
    conn_reap();
    store_destroy();
}
