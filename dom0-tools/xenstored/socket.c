/*
 * Unix-socket transport (see socket.h).
 */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "socket.h"

static int sock_read(struct xs_conn *c, void *buf, unsigned int len)
{
    ssize_t n = recv(c->fd, buf, len, MSG_DONTWAIT);

    if ( n > 0 )
        return n;
    if ( n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR) )
        return 0;
    return -1;                  /* error, or the peer closed */
}

static int sock_write(struct xs_conn *c, const void *buf, unsigned int len)
{
    ssize_t n = send(c->fd, buf, len, MSG_DONTWAIT | MSG_NOSIGNAL);

    if ( n >= 0 )
        return n;
    if ( errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR )
        return 0;
    return -1;
}

static void sock_destroy(struct xs_conn *c)
{
    close(c->fd);
}

const struct xs_transport xs_socket_transport = {
    .name = "socket",
    .read = sock_read,
    .write = sock_write,
    .destroy = sock_destroy,
    .polled = true,
};

/* Under the io_uring loop, bytes move only by its recv and send. */
static int sock_nothing_now(struct xs_conn *c, void *buf, unsigned int len)
{
    (void)c, (void)buf, (void)len;
    return 0;
}

static int sock_nothing_out(struct xs_conn *c, const void *buf,
                            unsigned int len)
{
    (void)c, (void)buf, (void)len;
    return 0;
}

const struct xs_transport xs_socket_uring_transport = {
    .name = "socket",
    .read = sock_nothing_now,
    .write = sock_nothing_out,
    .destroy = sock_destroy,
    .polled = true,
};

/* Make the directory, replace a stale socket, listen. */
int socket_listen(const char *path)
{
    struct sockaddr_un addr = { .sun_family = AF_UNIX };
    char dir[sizeof(addr.sun_path)];
    char *slash;
    int fd;

    if ( strlen(path) >= sizeof(addr.sun_path) )
    {
        xs_log(XS_LOG_ERR, "socket path too long: %s", path);
        return -1;
    }
    strcpy(addr.sun_path, path);
    strcpy(dir, path);
    slash = strrchr(dir, '/');
    if ( slash && slash != dir )
    {
        *slash = '\0';
        mkdir(dir, 0755);
    }
    unlink(path);
    fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if ( fd < 0 || bind(fd, (struct sockaddr *)&addr, sizeof(addr)) ||
         chmod(path, 0600) || listen(fd, 128) )
    {
        xs_log(XS_LOG_ERR, "cannot listen on %s: %s", path, strerror(errno));
        if ( fd >= 0 )
            close(fd);
        return -1;
    }
    return fd;
}

struct xs_conn *socket_accept(int lfd, unsigned int domid, bool privileged,
                              bool for_uring)
{
    /* io_uring fails a recv on an O_NONBLOCK socket instead of waiting. */
    int fd = accept4(lfd, NULL, NULL,
                     SOCK_CLOEXEC | (for_uring ? 0 : SOCK_NONBLOCK));

    if ( fd < 0 )
        return NULL;
    return conn_new(for_uring ? &xs_socket_uring_transport
                              : &xs_socket_transport,
                    NULL, fd, domid, privileged);
}
