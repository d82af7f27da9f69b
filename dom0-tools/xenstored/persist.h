/*
 * Persistence: a snapshot of the tree plus a journal of the changes since.
 *
 * Each request that changed the live tree seals one journal record (all
 * its changes: a committed transaction is one record); the records are
 * written before any reply or watch event leaves the daemon, so a reply
 * the client has seen means the change is in the file.  The records of
 * all requests handled in one pass of the main loop go out in one write().
 * Records carry a length and a CRC: after a crash the journal is replayed
 * up to the first torn or damaged record, which is exactly the point where
 * the interrupted write began.  kill -9 cannot lose what write() returned;
 * --fsync adds fdatasync() per record against power loss.
 *
 * Compaction writes a new snapshot beside the old, renames it into place,
 * then replaces the journal.  Both files carry an epoch: a journal whose
 * epoch is not the snapshot's predates it and is ignored, which makes a
 * crash between the two renames harmless.
 */
#ifndef XS_PERSIST_H
#define XS_PERSIST_H

#include "store.h"

int persist_open(const char *dir, bool fsync_each);
void persist_close(void);
void persist_note(enum xs_change_kind kind, const char *path,
                  const struct xs_node *n);
void persist_flush(void);     /* end of a request: seal its record */
void persist_sync(void);      /* write sealed records (before output) */
int persist_compact(void);
bool persist_active(void);

/* The journal size that triggers compaction (tests lower it). */
extern size_t persist_compact_bytes;

uint32_t xs_crc32(const void *data, size_t len);

#endif /* XS_PERSIST_H */
