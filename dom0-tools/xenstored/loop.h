/*
 * The daemon's main loop: waits for sockets, the rings' event channel
 * descriptor and listeners, and moves socket bytes.
 *
 * Two implementations with the same behaviour:
 *  - io_uring (default where the kernel has it): every recv and send of a
 *    pass goes to the kernel in one io_uring_enter(), which also waits;
 *  - epoll: one recv and one send system call per request, epoll_wait
 *    per pass (kernels without io_uring, or --no-io-uring).
 * Ring connections (fd -1) are served by ring_xen.c in both.
 */
#ifndef XS_LOOP_H
#define XS_LOOP_H

#include <stdbool.h>

struct xs_listener {
    const char *path;
    int fd;
    unsigned int domid;
    bool privileged;
};

/* try_uring: io_uring if it works here, else epoll.  0 or -1. */
int loop_open(bool try_uring);
const char *loop_kind(void);
int loop_add_listener(struct xs_listener *l);
int loop_add_ring_events(int fd);
void loop_once(void);
/* Before the connections are freed: cancels what is in flight. */
void loop_close(void);

#endif /* XS_LOOP_H */
