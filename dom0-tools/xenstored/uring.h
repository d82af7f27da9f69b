/*
 * A minimal io_uring, on the raw system calls (no liburing needed).
 *
 * Why: in a 64-bit PV dom0 every system call crosses the hypervisor twice
 * and switches page tables twice, and that crossing costs more than the
 * work of a small socket recv() or send() (docs/performance.md).  With a
 * submission ring, one io_uring_enter() per pass of the main loop carries
 * every send and recv of the pass and waits for the next completions.
 *
 * Single-threaded use only; no SQPOLL.
 */
#ifndef XS_URING_H
#define XS_URING_H

#include <linux/io_uring.h>
#include <stdbool.h>
#include <stdint.h>

struct xs_uring;

/* NULL (errno set) when the kernel has no usable io_uring. */
struct xs_uring *uring_open(unsigned int entries);
void uring_close(struct xs_uring *u);

/* A zeroed entry to fill in, submitting queued ones first if full. */
struct io_uring_sqe *uring_sqe(struct xs_uring *u);

/*
 * Submit what is queued; wait up to timeout_ms for at least one
 * completion when wait is set.  Returns 0, or -errno (EINTR on a signal).
 */
int uring_enter(struct xs_uring *u, bool wait, unsigned int timeout_ms);

/* Completions: the next one or NULL, then uring_cqe_seen() for each. */
struct io_uring_cqe *uring_peek(struct xs_uring *u);
void uring_cqe_seen(struct xs_uring *u);

#endif /* XS_URING_H */
