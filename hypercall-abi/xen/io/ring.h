/* SPDX-License-Identifier: MIT */
/*
 * Tessera public ABI: the split-driver shared ring.
 *
 * A frontend and a backend share one page: a small header of producer and
 * event indices followed by an array of slots, each holding either a
 * request or its response (responses overwrite the requests they answer,
 * so the ring can never overflow as long as the frontend does not queue
 * more requests than there are slots).
 *
 * Indices are free-running 32-bit counters; a slot is index & (size - 1),
 * which is why the slot count is always rounded down to a power of two.
 * Each side keeps a private copy of its producer index and publishes it
 * with a write barrier, and asks for a notification by setting the event
 * index to "the next index I have not seen" before re-checking -- that is
 * what the FINAL_CHECK and CHECK_NOTIFY macros implement.
 *
 * Layout and macro names follow Xen's so that Linux's netfront/blkfront
 * interoperate; the implementation is our own.
 */
#ifndef __XEN_PUBLIC_IO_RING_H__
#define __XEN_PUBLIC_IO_RING_H__

#include <stdint.h>

typedef unsigned int RING_IDX;

/*
 * Barriers.  The ring is ordinary write-back memory shared between CPUs, so
 * on x86 only the full barrier needs an instruction; the others just stop
 * the compiler from reordering.  Users may supply their own first.
 */
#ifndef xen_mb
# define xen_mb()  __atomic_thread_fence(__ATOMIC_SEQ_CST)
#endif
#ifndef xen_rmb
# define xen_rmb() __atomic_thread_fence(__ATOMIC_ACQUIRE)
#endif
#ifndef xen_wmb
# define xen_wmb() __atomic_thread_fence(__ATOMIC_RELEASE)
#endif

/*
 * Largest power of two <= x (x >= 1), as an integer constant expression:
 * smear the top set bit downwards, then keep only it.
 */
#define __TESSERA_SMEAR1(x)  ((x) | ((x) >> 1))
#define __TESSERA_SMEAR2(x)  (__TESSERA_SMEAR1(x) | (__TESSERA_SMEAR1(x) >> 2))
#define __TESSERA_SMEAR4(x)  (__TESSERA_SMEAR2(x) | (__TESSERA_SMEAR2(x) >> 4))
#define __TESSERA_SMEAR8(x)  (__TESSERA_SMEAR4(x) | (__TESSERA_SMEAR4(x) >> 8))
#define __TESSERA_SMEAR16(x) (__TESSERA_SMEAR8(x) | (__TESSERA_SMEAR8(x) >> 16))
#define __TESSERA_POW2_FLOOR(x) \
    (__TESSERA_SMEAR16((uint32_t)(x)) - (__TESSERA_SMEAR16((uint32_t)(x)) >> 1))

/* Slots that fit in _sz bytes for ring type _s (compile-time form). */
#define __CONST_RING_SIZE(_s, _sz)                                        \
    __TESSERA_POW2_FLOOR(((_sz) - __builtin_offsetof(struct _s##_sring, ring)) \
                         / sizeof(((struct _s##_sring *)0)->ring[0]))

/* Same, from a pointer to an existing shared ring. */
#define __RING_SIZE(_s, _sz)                                              \
    __TESSERA_POW2_FLOOR(((_sz) - (unsigned long)((char *)(_s)->ring -   \
                                                  (char *)(_s)))          \
                         / sizeof((_s)->ring[0]))

/*
 * DEFINE_RING_TYPES(name, request type, response type) declares:
 *   union name_sring_entry, struct name_sring (the shared page),
 *   struct name_front_ring / name_back_ring (each side's private state),
 *   and _t typedefs of the last three.
 * The 64-byte header keeps the slots cache-line aligned; pvt is a little
 * per-protocol scratch space that Linux netback/netfront still know about.
 */
#define DEFINE_RING_TYPES(__name, __req_t, __rsp_t)                       \
union __name##_sring_entry {                                              \
    __req_t req;                                                          \
    __rsp_t rsp;                                                          \
};                                                                        \
struct __name##_sring {                                                   \
    RING_IDX req_prod, req_event;                                         \
    RING_IDX rsp_prod, rsp_event;                                         \
    union {                                                               \
        struct { uint8_t smartpoll_active; } netif;                       \
        struct { uint8_t msg; } tapif_user;                               \
        uint8_t pvt_pad[4];                                               \
    } pvt;                                                                \
    uint8_t __pad[44];                                                    \
    union __name##_sring_entry ring[1]; /* really as many as fit */       \
};                                                                        \
struct __name##_front_ring {                                              \
    RING_IDX req_prod_pvt;  /* next request slot to fill */               \
    RING_IDX rsp_cons;      /* next response to read */                   \
    unsigned int nr_ents;                                                 \
    struct __name##_sring *sring;                                         \
};                                                                        \
struct __name##_back_ring {                                               \
    RING_IDX rsp_prod_pvt;  /* next response slot to fill */              \
    RING_IDX req_cons;      /* next request to read */                    \
    unsigned int nr_ents;                                                 \
    struct __name##_sring *sring;                                         \
};                                                                        \
typedef struct __name##_sring __name##_sring_t;                           \
typedef struct __name##_front_ring __name##_front_ring_t;                 \
typedef struct __name##_back_ring __name##_back_ring_t

/* Done once by the frontend on a freshly allocated page. */
#define SHARED_RING_INIT(_s) do {                                         \
    (_s)->req_prod  = (_s)->rsp_prod  = 0;                                \
    (_s)->req_event = (_s)->rsp_event = 1;                                \
    (void)__builtin_memset((_s)->pvt.pvt_pad, 0, sizeof((_s)->pvt.pvt_pad)); \
    (void)__builtin_memset((_s)->__pad, 0, sizeof((_s)->__pad));          \
} while (0)

/* ATTACH starts the private indices at _i, for reconnecting to a ring
 * that already carries traffic; INIT starts at zero. */
#define FRONT_RING_ATTACH(_r, _s, _i, __size) do {                        \
    (_r)->req_prod_pvt = (_i);                                            \
    (_r)->rsp_cons = (_i);                                                \
    (_r)->nr_ents = __RING_SIZE(_s, __size);                              \
    (_r)->sring = (_s);                                                   \
} while (0)
#define FRONT_RING_INIT(_r, _s, __size) FRONT_RING_ATTACH(_r, _s, 0, __size)
#define XEN_FRONT_RING_INIT(r, s, size) do {                              \
    SHARED_RING_INIT(s);                                                  \
    FRONT_RING_INIT(r, s, size);                                          \
} while (0)

#define BACK_RING_ATTACH(_r, _s, _i, __size) do {                         \
    (_r)->rsp_prod_pvt = (_i);                                            \
    (_r)->req_cons = (_i);                                                \
    (_r)->nr_ents = __RING_SIZE(_s, __size);                              \
    (_r)->sring = (_s);                                                   \
} while (0)
#define BACK_RING_INIT(_r, _s, __size) BACK_RING_ATTACH(_r, _s, 0, __size)

#define RING_SIZE(_r) ((_r)->nr_ents)

/* Frontend: slots not occupied by an outstanding request or response. */
#define RING_FREE_REQUESTS(_r) \
    (RING_SIZE(_r) - ((_r)->req_prod_pvt - (_r)->rsp_cons))
#define RING_FULL(_r) (RING_FREE_REQUESTS(_r) == 0)

#define XEN_RING_NR_UNCONSUMED_RESPONSES(_r) \
    ((_r)->sring->rsp_prod - (_r)->rsp_cons)

/*
 * Backend: requests waiting, but never more than there is room to answer
 * -- a frontend that overruns the ring must not make us read garbage.
 */
#define XEN_RING_NR_UNCONSUMED_REQUESTS(_r) __extension__ ({              \
    unsigned int __tr_req = (_r)->sring->req_prod - (_r)->req_cons;       \
    unsigned int __tr_room = RING_SIZE(_r) -                              \
                             ((_r)->req_cons - (_r)->rsp_prod_pvt);       \
    __tr_req < __tr_room ? __tr_req : __tr_room;                          \
})

#ifdef XEN_RING_HAS_UNCONSUMED_IS_BOOL
# define RING_HAS_UNCONSUMED_RESPONSES(_r) (!!XEN_RING_NR_UNCONSUMED_RESPONSES(_r))
# define RING_HAS_UNCONSUMED_REQUESTS(_r)  (!!XEN_RING_NR_UNCONSUMED_REQUESTS(_r))
#else
# define RING_HAS_UNCONSUMED_RESPONSES(_r) XEN_RING_NR_UNCONSUMED_RESPONSES(_r)
# define RING_HAS_UNCONSUMED_REQUESTS(_r)  XEN_RING_NR_UNCONSUMED_REQUESTS(_r)
#endif

#define RING_GET_REQUEST(_r, _idx) \
    (&((_r)->sring->ring[(_idx) & (RING_SIZE(_r) - 1)].req))
#define RING_GET_RESPONSE(_r, _idx) \
    (&((_r)->sring->ring[(_idx) & (RING_SIZE(_r) - 1)].rsp))

/*
 * Copy a slot out with a single volatile read of the whole structure, so
 * the consumer validates exactly what it later uses: the other side may
 * rewrite shared memory at any moment (double-fetch protection).
 */
#define RING_COPY_(type, r, idx, dest) do {                               \
    *(dest) = *(volatile __typeof__(dest))RING_GET_##type(r, idx);        \
} while (0)
#define RING_COPY_REQUEST(r, idx, req)  RING_COPY_(REQUEST, r, idx, req)
#define RING_COPY_RESPONSE(r, idx, rsp) RING_COPY_(RESPONSE, r, idx, rsp)

/* Sanity checks on indices published by the (untrusted) other side. */
#define RING_REQUEST_CONS_OVERFLOW(_r, _cons) \
    (((_cons) - (_r)->rsp_prod_pvt) >= RING_SIZE(_r))
#define RING_REQUEST_PROD_OVERFLOW(_r, _prod) \
    (((_prod) - (_r)->rsp_prod_pvt) > RING_SIZE(_r))
#define RING_RESPONSE_PROD_OVERFLOW(_r, _prod) \
    (((_prod) - (_r)->rsp_cons) > RING_SIZE(_r))

/* Publish: slot contents must be visible before the producer index. */
#define RING_PUSH_REQUESTS(_r) do {                                       \
    xen_wmb();                                                            \
    (_r)->sring->req_prod = (_r)->req_prod_pvt;                           \
} while (0)
#define RING_PUSH_RESPONSES(_r) do {                                      \
    xen_wmb();                                                            \
    (_r)->sring->rsp_prod = (_r)->rsp_prod_pvt;                           \
} while (0)

/*
 * Publish and decide whether the peer asked to be woken: it did if its
 * event index lies in (old, new].  The full barrier orders our index write
 * before reading the peer's event index.
 */
#define RING_PUSH_REQUESTS_AND_CHECK_NOTIFY(_r, _notify) do {             \
    RING_IDX __rp_old = (_r)->sring->req_prod;                            \
    RING_IDX __rp_new = (_r)->req_prod_pvt;                               \
    xen_wmb();                                                            \
    (_r)->sring->req_prod = __rp_new;                                     \
    xen_mb();                                                             \
    (_notify) = ((RING_IDX)(__rp_new - (_r)->sring->req_event) <          \
                 (RING_IDX)(__rp_new - __rp_old));                        \
} while (0)
#define RING_PUSH_RESPONSES_AND_CHECK_NOTIFY(_r, _notify) do {            \
    RING_IDX __rp_old = (_r)->sring->rsp_prod;                            \
    RING_IDX __rp_new = (_r)->rsp_prod_pvt;                               \
    xen_wmb();                                                            \
    (_r)->sring->rsp_prod = __rp_new;                                     \
    xen_mb();                                                             \
    (_notify) = ((RING_IDX)(__rp_new - (_r)->sring->rsp_event) <          \
                 (RING_IDX)(__rp_new - __rp_old));                        \
} while (0)

/*
 * Before sleeping: if nothing is pending, ask to be notified of the next
 * item, then look once more to close the race with a producer that pushed
 * just before our event index became visible.
 */
#define RING_FINAL_CHECK_FOR_REQUESTS(_r, _work_to_do) do {               \
    (_work_to_do) = RING_HAS_UNCONSUMED_REQUESTS(_r);                     \
    if (_work_to_do)                                                      \
        break;                                                            \
    (_r)->sring->req_event = (_r)->req_cons + 1;                          \
    xen_mb();                                                             \
    (_work_to_do) = RING_HAS_UNCONSUMED_REQUESTS(_r);                     \
} while (0)
#define RING_FINAL_CHECK_FOR_RESPONSES(_r, _work_to_do) do {              \
    (_work_to_do) = RING_HAS_UNCONSUMED_RESPONSES(_r);                    \
    if (_work_to_do)                                                      \
        break;                                                            \
    (_r)->sring->rsp_event = (_r)->rsp_cons + 1;                          \
    xen_mb();                                                             \
    (_work_to_do) = RING_HAS_UNCONSUMED_RESPONSES(_r);                    \
} while (0)

/*
 * Byte-stream ("flex") rings: two power-of-two byte buffers, in and out,
 * with their indices in a separate interface page.  Used by pvcalls, 9pfs
 * and optionally the console.
 */
#ifndef XEN_PAGE_SHIFT
# define XEN_PAGE_SHIFT 12
#endif
/* Each direction gets half of 2^order pages. */
#define XEN_FLEX_RING_SIZE(order) (1UL << ((order) + XEN_PAGE_SHIFT - 1))

#define DEFINE_XEN_FLEX_RING(name)                                        \
static inline RING_IDX name##_mask(RING_IDX idx, RING_IDX ring_size)      \
{                                                                         \
    return idx & (ring_size - 1);                                         \
}                                                                         \
static inline unsigned char *name##_get_ring_ptr(unsigned char *buf,      \
                                                 RING_IDX idx,            \
                                                 RING_IDX ring_size)      \
{                                                                         \
    return buf + name##_mask(idx, ring_size);                             \
}                                                                         \
/* Copy size bytes out of the ring at *masked_cons, wrapping once. */     \
static inline void name##_read_packet(void *opaque,                       \
                                      const unsigned char *buf,           \
                                      __SIZE_TYPE__ size,                 \
                                      RING_IDX masked_prod,               \
                                      RING_IDX *masked_cons,              \
                                      RING_IDX ring_size)                 \
{                                                                         \
    RING_IDX __first = ring_size - *masked_cons;                          \
    if (*masked_cons < masked_prod || size <= __first) {                  \
        __builtin_memcpy(opaque, buf + *masked_cons, size);               \
    } else {                                                              \
        __builtin_memcpy(opaque, buf + *masked_cons, __first);            \
        __builtin_memcpy((unsigned char *)opaque + __first, buf,          \
                         size - __first);                                 \
    }                                                                     \
    *masked_cons = name##_mask(*masked_cons + size, ring_size);           \
}                                                                         \
/* Copy size bytes into the ring at *masked_prod, wrapping once. */       \
static inline void name##_write_packet(unsigned char *buf,                \
                                       const void *opaque,                \
                                       __SIZE_TYPE__ size,                \
                                       RING_IDX *masked_prod,             \
                                       RING_IDX masked_cons,              \
                                       RING_IDX ring_size)                \
{                                                                         \
    RING_IDX __first = ring_size - *masked_prod;                          \
    if (*masked_prod < masked_cons || size <= __first) {                  \
        __builtin_memcpy(buf + *masked_prod, opaque, size);               \
    } else {                                                              \
        __builtin_memcpy(buf + *masked_prod, opaque, __first);            \
        __builtin_memcpy(buf, (const unsigned char *)opaque + __first,    \
                         size - __first);                                 \
    }                                                                     \
    *masked_prod = name##_mask(*masked_prod + size, ring_size);           \
}                                                                         \
/* Bytes between cons and prod; equal masked values mean empty only if   \
 * the free-running indices are equal too. */                             \
static inline RING_IDX name##_queued(RING_IDX prod, RING_IDX cons,        \
                                     RING_IDX ring_size)                  \
{                                                                         \
    RING_IDX __p, __c;                                                    \
    if (prod == cons)                                                     \
        return 0;                                                         \
    __p = name##_mask(prod, ring_size);                                   \
    __c = name##_mask(cons, ring_size);                                   \
    if (__p == __c)                                                       \
        return ring_size;                                                 \
    return __p > __c ? __p - __c : ring_size - (__c - __p);               \
}                                                                         \
struct name##_data {                                                      \
    unsigned char *in;   /* half the ring: peer writes, we read */        \
    unsigned char *out;  /* the other half: we write */                   \
}

/* The interface page; needs grant_ref_t (xen/grant_table.h) in scope. */
#define DEFINE_XEN_FLEX_RING_AND_INTF(name)                               \
struct name##_data_intf {                                                 \
    RING_IDX in_cons, in_prod;                                            \
    uint8_t pad1[56];            /* each index pair on its own line */    \
    RING_IDX out_cons, out_prod;                                          \
    uint8_t pad2[56];                                                     \
    RING_IDX ring_order;                                                  \
    grant_ref_t ref[];                                                    \
};                                                                        \
DEFINE_XEN_FLEX_RING(name)

#endif /* __XEN_PUBLIC_IO_RING_H__ */
