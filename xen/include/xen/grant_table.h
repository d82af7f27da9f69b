/*
 * Grant tables (common/gnttab/): a domain lists, in frames it shares with
 * the hypervisor, which of its pages another domain may map or copy.
 *
 * Each domain has one table as granter (the shared v1 entries plus the
 * hypervisor's "active" record of how each entry is in use) and a maptrack
 * as mapper (one record per mapping it holds, named by the handle it got).
 *
 * Locking: gt->lock protects a table's frames, active entries and
 * maptrack.  An operation touching two domains takes the mapper's lock,
 * then the granter's (never the other way round: a domain mapping its own
 * grant takes its single lock once).  Page references are atomic and need
 * no lock.
 */
#ifndef XEN_GRANT_TABLE_H
#define XEN_GRANT_TABLE_H

#include <xen/spinlock.h>
#include <xen/types.h>
#include <asm/config.h>
#include <public/grant_table.h>

struct domain;

#define GNTTAB_DEFAULT_MAX_FRAMES   64
/*
 * Maptrack limits are given in Xen's maptrack frames (createdomain's
 * max_maptrack_frames, gnttab_max_maptrack_frames=): Xen keeps 256
 * 16-byte records in one.  Ours are larger, so a frame limit is turned
 * into the number of handles Xen would allow, whatever our storage.
 */
#define GNTTAB_DEFAULT_MAX_MAPTRACK_FRAMES 1024
#define GNTTAB_XEN_MAPTRACK_PER_FRAME      256
extern unsigned int opt_max_maptrack_frames;

/* How an entry is pinned: counts of host mappings plus copies in flight. */
struct active_grant_entry {
    uint32_t readers;               /* read-only mappings + copies from */
    uint32_t writers;               /* writable mappings + copies to */
    domid_t domid;                  /* the domain using it */
    unsigned long mfn;              /* the frame, fixed while pinned */
};

struct grant_mapping {
    grant_ref_t ref;                /* a free slot: the next free handle */
    domid_t domid;                  /* granter */
    uint16_t flags;                 /* GNTMAP_*; 0 = free slot */
    unsigned long mfn;
    struct domain *granter;         /* referenced while mapped */
};

struct grant_table {
    spinlock_t lock;
    unsigned int nr_frames;         /* shared frames allocated so far */
    unsigned int max_frames;
    void **shared;                  /* [max_frames] hypervisor addresses */
    struct active_grant_entry **active; /* [max_frames] arrays of 512 */

    /*
     * The maptrack: chunks of MAPTRACK_PER_CHUNK records, allocated as
     * mappings need them (the directory with the first); free records
     * form a list through their ref field, so taking and giving back a
     * handle is O(1).
     */
    struct grant_mapping **maptrack;    /* [maptrack_chunks(limit)] */
    unsigned int maptrack_size;         /* handles backed by chunks */
    unsigned int maptrack_limit;        /* handles allowed */
    unsigned int maptrack_used;
    unsigned int maptrack_free;         /* first free handle, or MAPTRACK_NONE */
};

#define MAPTRACK_PER_CHUNK  (PAGE_SIZE / sizeof(struct grant_mapping))
#define MAPTRACK_NONE       (~0u)

/* The record of handle h < gt->maptrack_size (clamped: h is the guest's). */
static inline struct grant_mapping *maptrack_entry(struct grant_table *gt,
                                                   unsigned int h)
{
    h &= -(unsigned int)(h < gt->maptrack_size);
    return &gt->maptrack[h / MAPTRACK_PER_CHUNK][h % MAPTRACK_PER_CHUNK];
}

int gnttab_init(struct domain *d);
/* The domain is dying: drop every mapping it holds of others' grants. */
void gnttab_release_mappings(struct domain *d);
/* The builder grants `to` frame mfn as entry ref of d's new table. */
void gnttab_seed_entry(struct domain *d, grant_ref_t ref, domid_t to, unsigned long mfn);
/* Frees the table (the domain's last reference went). */
void gnttab_destroy(struct domain *d);
/* Gives the shared frames back; counts those still referenced. */
void gnttab_release_frames(struct domain *d, unsigned long *leaked);
struct page_info;
bool gnttab_is_shared_frame(const struct domain *d, const struct page_info *pg);
long do_grant_table_op(unsigned int cmd, XEN_GUEST_HANDLE_PARAM(void) uop,
                       unsigned int count);

/* common/gnttab/ internals. */
#define GRANT_ENTRIES_PER_FRAME (PAGE_SIZE / sizeof(grant_entry_v1_t))
struct grant_table *gnttab_of(struct domain *d);
grant_entry_v1_t *gnttab_shared_entry(struct grant_table *gt, grant_ref_t ref);
struct active_grant_entry *gnttab_active_entry(struct grant_table *gt,
                                               grant_ref_t ref);
bool gnttab_ref_valid(const struct grant_table *gt, grant_ref_t ref);
/*
 * Checks that entry ref of granter rd lets domain `user` read (and, if
 * !readonly, write), marks it in use in the shared entry and takes page
 * references.  Caller holds rd's table lock.  GNTST_* result.
 */
int gnttab_acquire(struct domain *rd, grant_ref_t ref, domid_t user,
                   bool readonly, unsigned long *mfn);
void gnttab_release(struct domain *rd, grant_ref_t ref, bool readonly);
long gnttab_map(XEN_GUEST_HANDLE_PARAM(void) uop, unsigned int count);
long gnttab_unmap(XEN_GUEST_HANDLE_PARAM(void) uop, unsigned int count);
long gnttab_unmap_and_replace(XEN_GUEST_HANDLE_PARAM(void) uop, unsigned int count);
long gnttab_copy(XEN_GUEST_HANDLE_PARAM(void) uop, unsigned int count);

#endif /* XEN_GRANT_TABLE_H */
