/*
 * The main loop (see loop.h).
 *
 * A pass: serve the rings, go on with input that flow control held back,
 * flush output, free dead connections, then wait; handle what is ready;
 * flush again.  Connections are freed only by conn_reap(), between
 * passes, and under io_uring only once nothing of theirs is in flight, so
 * a completion or an epoll event never names a freed connection.
 */
#include <errno.h>
#include <poll.h>
#include <stdint.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include "conn.h"
#include "loop.h"
#include "ops.h"
#include "ring_xen.h"
#include "socket.h"
#include "uring.h"

#define MAX_LISTENERS 16
#define WAIT_MS 1000            /* wake up now and then for signals */

static struct xs_listener *listeners[MAX_LISTENERS];
static unsigned int nlisteners;

static void flush_all_output(void)
{
    struct xs_conn *c;

    for ( c = xs_conns; c; c = c->next )
        if ( c->out_head )
            conn_handle_output(c);
}

/* The part of a pass before waiting, common to both loops. */
static void before_wait(void)
{
    struct xs_conn *c;

    if ( ring_xen_fd() >= 0 )
        ring_xen_service();
    for ( c = xs_conns; c; c = c->next )
        if ( !c->dead )
            conn_resume_input(c);
    flush_all_output();
    conn_reap();
}

static void accept_all(struct xs_listener *l, bool for_uring)
{
    struct xs_conn *c;

    while ( (c = socket_accept(l->fd, l->domid, l->privileged, for_uring)) )
        xs_log(XS_LOG_DEBUG, "new connection on %s (domain %u)", l->path,
               l->domid);
}

/* --- epoll ------------------------------------------------------------- */

static struct xs_uring *uring;   /* NULL: the epoll loop */

/*
 * With hundreds of connections poll() would hand the kernel every
 * descriptor on every pass.  Interest changes (output backed up, flow
 * control) are rare and cost one epoll_ctl each; descriptors leave the
 * set when closed.
 */
static int epoll_fd = -1;
static char ring_events_tag;

static int epoll_watch(int fd, void *tag)
{
    struct epoll_event ev = { .events = EPOLLIN, .data.ptr = tag };

    return epoll_ctl(epoll_fd, EPOLL_CTL_ADD, fd, &ev);
}

static void epoll_update_interest(struct xs_conn *c)
{
    struct epoll_event ev = { .data.ptr = c };

    ev.events = (conn_wants_input(c) ? EPOLLIN : 0) |
                (c->out_head ? EPOLLOUT : 0);
    if ( c->fd_watched && ev.events == c->fd_events )
        return;
    if ( epoll_ctl(epoll_fd, c->fd_watched ? EPOLL_CTL_MOD : EPOLL_CTL_ADD,
                   c->fd, &ev) )
    {
        xs_log(XS_LOG_ERR, "epoll_ctl: %s", strerror(errno));
        conn_kill(c, "cannot wait for it");
        return;
    }
    c->fd_watched = true;
    c->fd_events = ev.events;
}

static struct xs_listener *listener_of(void *tag)
{
    unsigned int i;

    for ( i = 0; i < nlisteners; i++ )
        if ( tag == listeners[i] )
            return listeners[i];
    return NULL;
}

static void epoll_ready(const struct epoll_event *ev)
{
    struct xs_listener *l;
    struct xs_conn *c;

    if ( ev->data.ptr == &ring_events_tag )
    {
        ring_xen_handle_events();
        return;
    }
    if ( (l = listener_of(ev->data.ptr)) )
    {
        accept_all(l, uring != NULL);
        return;
    }
    c = ev->data.ptr;
    if ( c->dead )
        return;
    if ( ev->events & EPOLLOUT )
        conn_handle_output(c);
    if ( ev->events & (EPOLLIN | EPOLLHUP | EPOLLERR) )
        conn_handle_input(c);
    if ( (ev->events & (EPOLLHUP | EPOLLERR)) && !c->dead &&
         conn_wants_input(c) )
        conn_kill(c, "hung up");
}

static void epoll_once(void)
{
    struct epoll_event evs[64];
    struct xs_conn *c;
    int n, i;

    before_wait();
    for ( c = xs_conns; c; c = c->next )
        if ( c->fd >= 0 && !c->dead )
            epoll_update_interest(c);
    n = epoll_wait(epoll_fd, evs, sizeof(evs) / sizeof(evs[0]), WAIT_MS);
    for ( i = 0; i < n; i++ )
        epoll_ready(&evs[i]);
}

/* --- io_uring ---------------------------------------------------------- */

/*
 * Each socket connection has at most one recv (into its read-ahead
 * buffer, armed only when that is empty and flow control allows) and one
 * send (from wa, a copy of the head of its output queue) in flight.
 * Listeners and the rings' event descriptor stay in the epoll set, which
 * gets a one-shot poll: a request in flight holds a reference to its
 * file, and a listener held so would outlive a killed daemon until the
 * kernel tears its ring down, taking (then resetting) the connections
 * meant for its successor.  The low bits of user_data say what
 * completed; pointers are 8-byte aligned.
 */
enum { OP_RECV, OP_SEND, OP_EPOLL, OP_MASK = 7 };

static bool epoll_armed;

/* One poll of the epoll set at a time: its completion drains the set. */
static void uring_arm_epoll(void)
{
    struct io_uring_sqe *sqe;

    if ( epoll_armed )
        return;
    sqe = uring_sqe(uring);
    sqe->opcode = IORING_OP_POLL_ADD;
    sqe->fd = epoll_fd;
    sqe->poll32_events = POLLIN;
    sqe->user_data = OP_EPOLL;
    epoll_armed = true;
}

static void uring_arm_send(struct xs_conn *c)
{
    struct io_uring_sqe *sqe;
    struct xs_outbuf *o;
    size_t len = 0;

    /* The journal first: nobody may hear of a change that is not in it. */
    if ( xs_before_output )
        xs_before_output();
    for ( o = c->out_head; o && len < sizeof(c->wa); o = o->next )
    {
        size_t n = o->len - o->off;

        if ( n > sizeof(c->wa) - len )
            n = sizeof(c->wa) - len;
        memcpy(c->wa + len, o->data + o->off, n);
        len += n;
    }
    sqe = uring_sqe(uring);
    sqe->opcode = IORING_OP_SEND;
    sqe->fd = c->fd;
    sqe->addr = (uintptr_t)c->wa;
    sqe->len = len;
    sqe->msg_flags = MSG_NOSIGNAL;
    sqe->user_data = (uint64_t)(uintptr_t)c | OP_SEND;
    c->send_armed = true;
    c->io_inflight++;
}

static void uring_arm_recv(struct xs_conn *c)
{
    struct io_uring_sqe *sqe = uring_sqe(uring);

    sqe->opcode = IORING_OP_RECV;
    sqe->fd = c->fd;
    sqe->addr = (uintptr_t)c->ra;
    sqe->len = sizeof(c->ra);
    sqe->user_data = (uint64_t)(uintptr_t)c | OP_RECV;
    c->recv_armed = true;
    c->io_inflight++;
}

static void uring_arm_conn(struct xs_conn *c)
{
    if ( c->dead )
    {
        /* Its recv may wait for ever: make both complete now. */
        if ( c->io_inflight && !c->io_shut )
        {
            shutdown(c->fd, SHUT_RDWR);
            c->io_shut = true;
        }
        return;
    }
    if ( !c->send_armed && c->out_head )
        uring_arm_send(c);
    if ( !c->recv_armed && !c->input_closed && conn_wants_input(c) &&
         c->ra_start == c->ra_end )
        uring_arm_recv(c);
}

static void uring_recv_done(struct xs_conn *c, int res)
{
    c->recv_armed = false;
    if ( c->dead )
        return;
    if ( res > 0 )
    {
        c->ra_start = 0;
        c->ra_end = res;
        conn_handle_input(c);
    }
    else if ( res == 0 )
    {
        /* Replies to what it sent before its EOF still go out. */
        c->input_closed = true;
        if ( !c->out_head )
            conn_kill(c, "peer closed");
    }
    else if ( res != -EINTR && res != -EAGAIN )
    {
        xs_log(XS_LOG_DEBUG, "recv: %s", strerror(-res));
        conn_kill(c, "read failed");
    }
}

static void uring_send_done(struct xs_conn *c, int res)
{
    c->send_armed = false;
    if ( c->dead )
        return;
    if ( res < 0 )
    {
        if ( res != -EINTR && res != -EAGAIN )
        {
            xs_log(XS_LOG_DEBUG, "send: %s", strerror(-res));
            conn_kill(c, "write failed");
        }
        return;
    }
    conn_output_advance(c, res);
    if ( c->input_closed && !c->out_head )
        conn_kill(c, "peer closed");
}

static void uring_complete(uint64_t data, int res)
{
    void *ptr = (void *)(uintptr_t)(data & ~(uint64_t)OP_MASK);
    struct xs_conn *c = ptr;

    switch ( data & OP_MASK )
    {
    case OP_EPOLL:
    {
        struct epoll_event evs[16];
        int n, i;

        epoll_armed = false;
        n = epoll_wait(epoll_fd, evs, sizeof(evs) / sizeof(evs[0]), 0);
        for ( i = 0; i < n; i++ )
            epoll_ready(&evs[i]);
        return;
    }
    case OP_RECV:
        c->io_inflight--;
        uring_recv_done(c, res);
        return;
    case OP_SEND:
        c->io_inflight--;
        uring_send_done(c, res);
        return;
    }
}

static void uring_once(void)
{
    struct io_uring_cqe *cqe;
    struct xs_conn *c;
    int rc;

    before_wait();
    uring_arm_epoll();
    for ( c = xs_conns; c; c = c->next )
        if ( c->fd >= 0 )
            uring_arm_conn(c);

    rc = uring_enter(uring, true, WAIT_MS);
    if ( rc && rc != -EINTR && rc != -EAGAIN && rc != -EBUSY )
        xs_log(XS_LOG_ERR, "io_uring_enter: %s", strerror(-rc));
    while ( (cqe = uring_peek(uring)) )
    {
        uint64_t data = cqe->user_data;
        int res = cqe->res;

        uring_cqe_seen(uring);
        uring_complete(data, res);
    }
}

/* --- common ------------------------------------------------------------ */

int loop_open(bool try_uring)
{
    if ( try_uring )
    {
        uring = uring_open(1024);
        if ( !uring )
            xs_log(XS_LOG_INFO, "no io_uring here (%s): using epoll",
                   strerror(errno));
    }
    /* Both loops: listeners and the rings' events wait in it. */
    epoll_fd = epoll_create1(EPOLL_CLOEXEC);
    if ( epoll_fd < 0 )
    {
        xs_log(XS_LOG_ERR, "epoll_create1: %s", strerror(errno));
        return -1;
    }
    return 0;
}

const char *loop_kind(void)
{
    return uring ? "io_uring" : "epoll";
}

int loop_add_listener(struct xs_listener *l)
{
    if ( nlisteners == MAX_LISTENERS )
        return -1;
    listeners[nlisteners++] = l;
    if ( epoll_watch(l->fd, l) )
    {
        xs_log(XS_LOG_ERR, "epoll_ctl (%s): %s", l->path, strerror(errno));
        return -1;
    }
    return 0;
}

int loop_add_ring_events(int fd)
{
    if ( epoll_watch(fd, &ring_events_tag) )
    {
        xs_log(XS_LOG_ERR, "epoll_ctl (event channels): %s", strerror(errno));
        return -1;
    }
    return 0;
}

void loop_once(void)
{
    if ( uring )
        uring_once();
    else
        epoll_once();
    flush_all_output();
    conn_reap();
}

void loop_close(void)
{
    struct xs_conn *c;

    if ( !uring )
        return;
    uring_close(uring);         /* cancels everything in flight */
    uring = NULL;
    for ( c = xs_conns; c; c = c->next )
    {
        c->io_inflight = 0;
        c->recv_armed = c->send_armed = false;
    }
}
