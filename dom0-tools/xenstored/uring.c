/*
 * A minimal io_uring (see uring.h).
 *
 * Memory ordering: the kernel reads sq_tail and writes sq_head and
 * cq_tail concurrently with us only across io_uring_enter() (no SQPOLL),
 * but completions posted from task work may land while we read the CQ, so
 * the shared indexes are accessed with acquire/release as the ABI asks.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "uring.h"

struct xs_uring {
    int fd;
    void *ring;
    size_t ring_len;
    struct io_uring_sqe *sqes;
    size_t sqes_len;
    unsigned int *sq_head, *sq_tail, *sq_array, sq_mask, sq_entries;
    unsigned int *cq_head, *cq_tail, cq_mask;
    struct io_uring_cqe *cqes;
    unsigned int sq_local_tail;     /* queued, not yet published */
};

static int sys_setup(unsigned int entries, struct io_uring_params *p)
{
    return syscall(__NR_io_uring_setup, entries, p);
}

static int sys_enter(int fd, unsigned int to_submit, unsigned int min_complete,
                     unsigned int flags, void *arg, size_t argsz)
{
    return syscall(__NR_io_uring_enter, fd, to_submit, min_complete, flags,
                   arg, argsz);
}

#define NEEDED_FEATURES \
    (IORING_FEAT_SINGLE_MMAP | IORING_FEAT_NODROP | IORING_FEAT_EXT_ARG)

struct xs_uring *uring_open(unsigned int entries)
{
    /* Cheaper task work first (5.19+, 6.0+), then plain. */
    static const unsigned int flag_sets[] = {
        IORING_SETUP_COOP_TASKRUN | IORING_SETUP_SINGLE_ISSUER,
        IORING_SETUP_COOP_TASKRUN, 0,
    };
    struct io_uring_params p;
    struct xs_uring *u;
    size_t sq_len, cq_len;
    unsigned int i;
    char *ring;
    int fd = -1;

    for ( i = 0; i < sizeof(flag_sets) / sizeof(flag_sets[0]) && fd < 0; i++ )
    {
        memset(&p, 0, sizeof(p));
        p.flags = flag_sets[i];
        fd = sys_setup(entries, &p);
        if ( fd < 0 && errno != EINVAL )
            return NULL;
    }
    if ( fd < 0 )
        return NULL;
    if ( (p.features & NEEDED_FEATURES) != NEEDED_FEATURES )
    {
        close(fd);
        errno = EOPNOTSUPP;
        return NULL;
    }

    u = calloc(1, sizeof(*u));
    if ( !u )
    {
        close(fd);
        return NULL;
    }
    u->fd = fd;
    sq_len = p.sq_off.array + p.sq_entries * sizeof(unsigned int);
    cq_len = p.cq_off.cqes + p.cq_entries * sizeof(struct io_uring_cqe);
    u->ring_len = sq_len > cq_len ? sq_len : cq_len;
    u->ring = mmap(NULL, u->ring_len, PROT_READ | PROT_WRITE,
                   MAP_SHARED | MAP_POPULATE, fd, IORING_OFF_SQ_RING);
    u->sqes_len = p.sq_entries * sizeof(struct io_uring_sqe);
    u->sqes = mmap(NULL, u->sqes_len, PROT_READ | PROT_WRITE,
                   MAP_SHARED | MAP_POPULATE, fd, IORING_OFF_SQES);
    if ( u->ring == MAP_FAILED || u->sqes == MAP_FAILED )
    {
        int err = errno;

        if ( u->ring != MAP_FAILED )
            munmap(u->ring, u->ring_len);
        if ( u->sqes != MAP_FAILED )
            munmap(u->sqes, u->sqes_len);
        close(fd);
        free(u);
        errno = err;
        return NULL;
    }
    ring = u->ring;
    u->sq_head = (unsigned int *)(ring + p.sq_off.head);
    u->sq_tail = (unsigned int *)(ring + p.sq_off.tail);
    u->sq_array = (unsigned int *)(ring + p.sq_off.array);
    u->sq_mask = *(unsigned int *)(ring + p.sq_off.ring_mask);
    u->sq_entries = p.sq_entries;
    u->cq_head = (unsigned int *)(ring + p.cq_off.head);
    u->cq_tail = (unsigned int *)(ring + p.cq_off.tail);
    u->cq_mask = *(unsigned int *)(ring + p.cq_off.ring_mask);
    u->cqes = (struct io_uring_cqe *)(ring + p.cq_off.cqes);
    u->sq_local_tail = *u->sq_tail;
    return u;
}

void uring_close(struct xs_uring *u)
{
    if ( !u )
        return;
    munmap(u->sqes, u->sqes_len);
    munmap(u->ring, u->ring_len);
    close(u->fd);           /* the kernel cancels whatever is in flight */
    free(u);
}

static unsigned int queued(struct xs_uring *u)
{
    return u->sq_local_tail - __atomic_load_n(u->sq_head, __ATOMIC_ACQUIRE);
}

static int submit(struct xs_uring *u, unsigned int min_complete,
                  unsigned int flags, void *arg, size_t argsz)
{
    int rc;

    __atomic_store_n(u->sq_tail, u->sq_local_tail, __ATOMIC_RELEASE);
    rc = sys_enter(u->fd, queued(u), min_complete, flags, arg, argsz);
    return rc < 0 ? -errno : 0;
}

struct io_uring_sqe *uring_sqe(struct xs_uring *u)
{
    struct io_uring_sqe *sqe;
    unsigned int idx;

    /* Full: hand the kernel what is there (it consumes all of it or
     * fails with EBUSY/EAGAIN when completions back up; then retry). */
    while ( queued(u) >= u->sq_entries )
        if ( submit(u, 0, 0, NULL, 0) && queued(u) >= u->sq_entries )
            sys_enter(u->fd, 0, 1, IORING_ENTER_GETEVENTS, NULL, 0);
    idx = u->sq_local_tail & u->sq_mask;
    sqe = &u->sqes[idx];
    memset(sqe, 0, sizeof(*sqe));
    u->sq_array[idx] = idx;
    u->sq_local_tail++;
    return sqe;
}

int uring_enter(struct xs_uring *u, bool wait, unsigned int timeout_ms)
{
    struct __kernel_timespec ts = {
        .tv_sec = timeout_ms / 1000,
        .tv_nsec = (timeout_ms % 1000) * 1000000L,
    };
    struct io_uring_getevents_arg arg = { .ts = (uint64_t)(uintptr_t)&ts };
    int rc;

    if ( !wait )
        return queued(u) ? submit(u, 0, 0, NULL, 0) : 0;
    rc = submit(u, 1, IORING_ENTER_GETEVENTS | IORING_ENTER_EXT_ARG,
                &arg, sizeof(arg));
    return rc == -ETIME ? 0 : rc;
}

struct io_uring_cqe *uring_peek(struct xs_uring *u)
{
    unsigned int head = *u->cq_head;

    if ( head == __atomic_load_n(u->cq_tail, __ATOMIC_ACQUIRE) )
        return NULL;
    return &u->cqes[head & u->cq_mask];
}

void uring_cqe_seen(struct xs_uring *u)
{
    __atomic_store_n(u->cq_head, *u->cq_head + 1, __ATOMIC_RELEASE);
}
