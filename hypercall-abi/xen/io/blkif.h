/* SPDX-License-Identifier: MIT */
/*
 * Tessera public ABI: the PV block protocol (blkfront <-> blkback).
 *
 * Requests name data by grant reference and 512-byte sector ranges within
 * each granted page; the response echoes the request's id.  Negotiation of
 * optional features (indirect descriptors, discard, flush, multi-page
 * rings) happens in xenstore before the ring is connected.
 */
#ifndef __XEN_PUBLIC_IO_BLKIF_H__
#define __XEN_PUBLIC_IO_BLKIF_H__

#include "ring.h"
#include "../grant_table.h"

/* Type names kept as macros, as users have long been allowed to override
 * them before inclusion. */
#ifndef blkif_vdev_t
# define blkif_vdev_t uint16_t
#endif
#define blkif_sector_t uint64_t

#define BLKIF_OP_READ            0
#define BLKIF_OP_WRITE           1
#define BLKIF_OP_WRITE_BARRIER   2  /* needs feature-barrier */
#define BLKIF_OP_FLUSH_DISKCACHE 3  /* needs feature-flush-cache */
#define BLKIF_OP_RESERVED_1      4  /* once used by a fork; never reuse */
#define BLKIF_OP_DISCARD         5  /* needs feature-discard */
#define BLKIF_OP_INDIRECT        6  /* needs feature-max-indirect-segments */

/* Segments that fit inline in one request slot. */
#define BLKIF_MAX_SEGMENTS_PER_REQUEST 11

/* Pages of segment descriptors one indirect request may reference. */
#define BLKIF_MAX_INDIRECT_PAGES_PER_REQUEST 8

/* One page's worth of I/O: sectors first..last (inclusive) of the page. */
struct blkif_request_segment {
    grant_ref_t gref;
    uint8_t     first_sect, last_sect;
};

struct blkif_request {
    uint8_t        operation;     /* BLKIF_OP_* */
    uint8_t        nr_segments;
    blkif_vdev_t   handle;        /* virtual device, from xenstore */
    uint64_t       id;            /* echoed in the response */
    blkif_sector_t sector_number; /* start sector on the device */
    struct blkif_request_segment seg[BLKIF_MAX_SEGMENTS_PER_REQUEST];
};
typedef struct blkif_request blkif_request_t;

/* Same slot, reinterpreted for BLKIF_OP_DISCARD. */
struct blkif_request_discard {
    uint8_t        operation;
    uint8_t        flag;          /* BLKIF_DISCARD_* */
#define BLKIF_DISCARD_SECURE (1 << 0)
    blkif_vdev_t   handle;
    uint64_t       id;
    blkif_sector_t sector_number;
    uint64_t       nr_sectors;
};
typedef struct blkif_request_discard blkif_request_discard_t;

/* BLKIF_OP_INDIRECT: the segments live in separately granted pages. */
struct blkif_request_indirect {
    uint8_t        operation;     /* BLKIF_OP_INDIRECT */
    uint8_t        indirect_op;   /* the real operation */
    uint16_t       nr_segments;
    uint64_t       id;
    blkif_sector_t sector_number;
    blkif_vdev_t   handle;
    grant_ref_t    indirect_grefs[BLKIF_MAX_INDIRECT_PAGES_PER_REQUEST];
};
typedef struct blkif_request_indirect blkif_request_indirect_t;

struct blkif_response {
    uint64_t id;
    uint8_t  operation;
    int16_t  status;              /* BLKIF_RSP_* */
};
typedef struct blkif_response blkif_response_t;

#define BLKIF_RSP_EOPNOTSUPP -2
#define BLKIF_RSP_ERROR      -1
#define BLKIF_RSP_OKAY        0

DEFINE_RING_TYPES(blkif, struct blkif_request, struct blkif_response);

/* Bits of the backend's "info" node. */
#define VDISK_CDROM     0x1
#define VDISK_REMOVABLE 0x2
#define VDISK_READONLY  0x4

#endif /* __XEN_PUBLIC_IO_BLKIF_H__ */
