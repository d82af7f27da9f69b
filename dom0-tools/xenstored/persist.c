/*
 * Snapshot and journal (see persist.h).
 *
 * File layout, both files: records of { u32 length, u32 crc32, payload }.
 * The first record is a header: 8 bytes of magic and a u64 epoch.  After
 * it, each payload is a run of entries:
 *   'S' u32 pathlen path u32 vlen value u32 nperms { u16 id, u16 perms }...
 *   'D' u32 pathlen path
 * A snapshot ends with a record holding the single byte 'E'.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "persist.h"

#define SNAP_MAGIC "XSSNAP01"
#define JRNL_MAGIC "XSJRNL01"
#define MAX_RECORD (64u << 20)

size_t persist_compact_bytes = 16u << 20;

static char *dir_path;
static int journal_fd = -1;
static bool sync_each;
static bool replaying;
static uint64_t epoch;
static size_t journal_bytes;

/* The current request's changes, not yet sealed into a record. */
static char *pending;
static size_t pending_len, pending_cap;
/* Sealed records not yet written: one write() carries them all. */
static char *unwritten;
static size_t unwritten_len, unwritten_cap;
#define UNWRITTEN_MAX (1u << 20)

uint32_t xs_crc32(const void *data, size_t len)
{
    static uint32_t table[256];
    const unsigned char *p = data;
    uint32_t crc = 0xffffffffu;

    if ( !table[1] )
    {
        for ( uint32_t i = 0; i < 256; i++ )
        {
            uint32_t c = i;

            for ( int k = 0; k < 8; k++ )
                c = (c & 1) ? 0xedb88320u ^ (c >> 1) : c >> 1;
            table[i] = c;
        }
    }
    while ( len-- )
        crc = table[(crc ^ *p++) & 0xff] ^ (crc >> 8);
    return crc ^ 0xffffffffu;
}

bool persist_active(void)
{
    return journal_fd >= 0;
}

static void put(char **buf, size_t *len, size_t *cap, const void *d,
                size_t n)
{
    if ( !n )
        return;
    if ( *len + n > *cap )
    {
        *cap = (*len + n) * 2 + 256;
        *buf = xs_realloc(*buf, *cap);
    }
    memcpy(*buf + *len, d, n);
    *len += n;
}

static void put32(char **buf, size_t *len, size_t *cap, uint32_t v)
{
    put(buf, len, cap, &v, sizeof(v));
}

static void encode(char **buf, size_t *len, size_t *cap,
                   enum xs_change_kind kind, const char *path,
                   const struct xs_node *n)
{
    char k = kind == XS_CHANGE_SET ? 'S' : 'D';
    uint32_t plen = strlen(path);

    put(buf, len, cap, &k, 1);
    put32(buf, len, cap, plen);
    put(buf, len, cap, path, plen);
    if ( kind != XS_CHANGE_SET )
        return;
    put32(buf, len, cap, n->vlen);
    put(buf, len, cap, n->value, n->vlen);
    put32(buf, len, cap, n->nperms);
    put(buf, len, cap, n->perms, n->nperms * sizeof(*n->perms));
}

void persist_note(enum xs_change_kind kind, const char *path,
                  const struct xs_node *n)
{
    if ( journal_fd < 0 || replaying )
        return;
    encode(&pending, &pending_len, &pending_cap, kind, path, n);
}

static int write_all(int fd, const void *d, size_t n)
{
    const char *p = d;

    while ( n )
    {
        ssize_t w = write(fd, p, n);

        if ( w < 0 && errno == EINTR )
            continue;
        if ( w <= 0 )
            return -1;
        p += w;
        n -= w;
    }
    return 0;
}

/* One write() per record (snapshots), so a crash tears at most the last. */
static int write_record(int fd, const void *payload, size_t len)
{
    uint32_t hdr[2] = { len, xs_crc32(payload, len) };
    char *rec = xs_malloc(sizeof(hdr) + len);
    int rc;

    memcpy(rec, hdr, sizeof(hdr));
    memcpy(rec + sizeof(hdr), payload, len);
    rc = write_all(fd, rec, sizeof(hdr) + len);
    free(rec);
    return rc;
}

/*
 * Seal the request's changes as one record.  Nobody hears of them before
 * persist_sync() has written the record (conn.c calls it ahead of any
 * output), so requests of one main-loop pass share one write().
 */
void persist_flush(void)
{
    uint32_t hdr[2];

    if ( journal_fd < 0 || !pending_len )
        return;
    hdr[0] = pending_len;
    hdr[1] = xs_crc32(pending, pending_len);
    put(&unwritten, &unwritten_len, &unwritten_cap, hdr, sizeof(hdr));
    put(&unwritten, &unwritten_len, &unwritten_cap, pending, pending_len);
    pending_len = 0;
    if ( unwritten_len > UNWRITTEN_MAX )
        persist_sync();
}

/*
 * Whole records, in order: a crash tears at most the write in progress,
 * and replay stops at its first damaged record, none of whose requests
 * has been answered.
 */
void persist_sync(void)
{
    if ( journal_fd < 0 || !unwritten_len )
        return;
    if ( write_all(journal_fd, unwritten, unwritten_len) )
        xs_log(XS_LOG_ERR, "journal write failed: %s", strerror(errno));
    else if ( sync_each && fdatasync(journal_fd) )
        xs_log(XS_LOG_ERR, "journal fdatasync failed: %s", strerror(errno));
    journal_bytes += unwritten_len;
    unwritten_len = 0;
    if ( journal_bytes > persist_compact_bytes )
        persist_compact();
}

static char *file_path(const char *name)
{
    size_t len = strlen(dir_path) + strlen(name) + 2;
    char *p = xs_malloc(len);

    snprintf(p, len, "%s/%s", dir_path, name);
    return p;
}

static void header(char *buf, const char *magic, uint64_t ep)
{
    memcpy(buf, magic, 8);
    memcpy(buf + 8, &ep, 8);
}

struct snap_writer {
    int fd;
    int err;
    char *buf;
    size_t len, cap;
};

static void snap_node(const char *path, const struct xs_node *n, void *arg)
{
    struct snap_writer *w = arg;

    encode(&w->buf, &w->len, &w->cap, XS_CHANGE_SET, path, n);
    if ( w->len > (1u << 20) )
    {
        w->err |= write_record(w->fd, w->buf, w->len);
        w->len = 0;
    }
}

static int sync_dir(void)
{
    int fd = open(dir_path, O_RDONLY | O_DIRECTORY);
    int rc;

    if ( fd < 0 )
        return -1;
    rc = fsync(fd);
    close(fd);
    return rc;
}

/* Write a whole file as tmp, sync it, and rename it over name. */
static int replace_file(const char *name, const char *magic, bool with_tree)
{
    char *tmp = file_path("tmp"), *final = file_path(name);
    struct snap_writer w = { .fd = -1 };
    char hdr[16], path[XENSTORE_ABS_PATH_MAX + 64] = "";
    int rc = -1;

    w.fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if ( w.fd < 0 )
        goto out;
    header(hdr, magic, epoch);
    w.err = write_record(w.fd, hdr, sizeof(hdr));
    if ( with_tree )
    {
        store_walk(xs_live.root, path, 0, snap_node, &w);
        put(&w.buf, &w.len, &w.cap, "E", 1);
        w.err |= write_record(w.fd, w.buf, w.len);
    }
    if ( w.err || fsync(w.fd) || rename(tmp, final) || sync_dir() )
        goto out;
    rc = 0;
 out:
    if ( rc )
        xs_log(XS_LOG_ERR, "writing %s failed: %s", final, strerror(errno));
    if ( w.fd >= 0 )
        close(w.fd);
    free(w.buf);
    free(tmp);
    free(final);
    return rc;
}

int persist_compact(void)
{
    char *jpath;

    if ( !dir_path )
        return -1;
    /* The snapshot holds the live tree: sealed records are in it. */
    unwritten_len = 0;
    epoch++;
    if ( replace_file("store", SNAP_MAGIC, true) ||
         replace_file("journal", JRNL_MAGIC, false) )
        return -1;
    if ( journal_fd >= 0 )
        close(journal_fd);
    jpath = file_path("journal");
    journal_fd = open(jpath, O_WRONLY | O_APPEND | O_CLOEXEC);
    free(jpath);
    journal_bytes = 0;
    return journal_fd < 0 ? -1 : 0;
}

static uint32_t get32(const char *p)
{
    uint32_t v;

    memcpy(&v, p, sizeof(v));
    return v;
}

/* Apply one payload's entries; false if it is malformed. */
static bool apply_payload(const char *p, size_t len, bool *end)
{
    const char *stop = p + len;

    while ( p < stop )
    {
        char kind = *p++, path[XENSTORE_ABS_PATH_MAX + 64];
        uint32_t plen, vlen, np;
        const char *value;

        if ( kind == 'E' )
        {
            *end = true;
            return p == stop;
        }
        if ( stop - p < 4 || (plen = get32(p)) >= sizeof(path) ||
             (size_t)(stop - p - 4) < plen )
            return false;
        memcpy(path, p + 4, plen);
        path[plen] = '\0';
        p += 4 + plen;
        if ( kind == 'D' )
        {
            store_rm(&xs_live, path);
            continue;
        }
        if ( kind != 'S' || stop - p < 4 ||
             (size_t)(stop - p - 4) < (vlen = get32(p)) )
            return false;
        value = p + 4;
        p += 4 + vlen;
        if ( stop - p < 4 || (np = get32(p)) < 1 || np > 65536 ||
             (size_t)(stop - p - 4) < np * sizeof(struct xs_perm) )
            return false;
        {
            struct xs_perm *perms = xs_malloc(np * sizeof(*perms));

            memcpy(perms, p + 4, np * sizeof(*perms));
            store_apply_set(&xs_live, path, value, vlen, perms, np, false);
            free(perms);
        }
        p += 4 + np * sizeof(struct xs_perm);
    }
    return true;
}

/*
 * Replay a file.  Returns the number of whole records applied (the header
 * included) or -1 if the header is missing; *torn gets the bytes left over.
 */
static long load_file(const char *name, const char *magic, uint64_t *ep,
                      const uint64_t *want, bool *end, size_t *torn)
{
    char *path = file_path(name), *data = NULL;
    size_t size = 0, off = 0;
    long records = 0;
    struct stat st;
    int fd = open(path, O_RDONLY | O_CLOEXEC);

    free(path);
    *torn = 0;
    if ( fd < 0 )
        return -1;
    if ( !fstat(fd, &st) && st.st_size > 0 )
    {
        size = st.st_size;
        data = xs_malloc(size);
        if ( read(fd, data, size) != (ssize_t)size )
            size = 0;
    }
    close(fd);

    while ( off + 8 <= size )
    {
        uint32_t len = get32(data + off), crc = get32(data + off + 4);
        const char *payload = data + off + 8;

        if ( len > MAX_RECORD || len > size - off - 8 ||
             xs_crc32(payload, len) != crc )
            break;
        if ( records == 0 )
        {
            if ( len != 16 || memcmp(payload, magic, 8) )
                break;
            memcpy(ep, payload + 8, 8);
            if ( want && *ep != *want )
            {
                records++;
                off = size;     /* a stale journal: nothing of it applies */
                break;
            }
        }
        else if ( !apply_payload(payload, len, end) )
            break;
        records++;
        off += 8 + len;
    }
    *torn = size - off;
    free(data);
    return records ? records : -1;
}

/*
 * Load the tree from dir (creating it if need be) and start a fresh
 * journal.  Returns 0, or -1 if the directory is unusable or the snapshot
 * is damaged (we refuse to start on half a store).
 */
int persist_open(const char *dir, bool fsync_each)
{
    uint64_t snap_epoch = 0, jepoch = 0;
    bool end = false, jend = false;
    size_t torn;
    long n;

    dir_path = xs_strndup(dir, strlen(dir));
    sync_each = fsync_each;
    if ( mkdir(dir, 0700) && errno != EEXIST )
    {
        xs_log(XS_LOG_ERR, "cannot create %s: %s", dir, strerror(errno));
        return -1;
    }

    replaying = true;
    {
        char *snap = file_path("store");

        /* A snapshot holds the whole tree, defaults included. */
        if ( !access(snap, F_OK) )
            store_init();
        free(snap);
    }
    n = load_file("store", SNAP_MAGIC, &snap_epoch, NULL, &end, &torn);
    if ( n > 0 && (!end || torn) )
    {
        replaying = false;
        xs_log(XS_LOG_ERR, "%s/store is damaged: refusing to start", dir);
        return -1;
    }
    if ( n > 0 )
    {
        /* A journal of another epoch predates the snapshot (a crash
         * between the two renames of a compaction): it is skipped. */
        n = load_file("journal", JRNL_MAGIC, &jepoch, &snap_epoch, &jend,
                      &torn);
        if ( n > 0 && jepoch != snap_epoch )
            xs_log(XS_LOG_INFO, "journal of epoch %llu predates the store",
                   (unsigned long long)jepoch);
        xs_log(XS_LOG_INFO, "store loaded: epoch %llu, %ld journal records,"
               " %zu torn bytes dropped", (unsigned long long)snap_epoch,
               n > 0 ? n - 1 : 0, torn);
    }
    replaying = false;
    epoch = snap_epoch;
    return persist_compact();
}

void persist_close(void)
{
    persist_flush();
    persist_sync();
    if ( journal_fd >= 0 )
        close(journal_fd);
    journal_fd = -1;
    free(dir_path);
    dir_path = NULL;
    free(pending);
    pending = NULL;
    pending_len = pending_cap = 0;
    free(unwritten);
    unwritten = NULL;
    unwritten_len = unwritten_cap = 0;
}
