/*
 * The local Unix-socket transport: dom0 tools connect here.  Connections
 * are privileged (domain 0) unless accepted on an extra socket made with
 * --unprivileged-socket, whose clients act as one given domain: a test
 * seam standing in for that domain's ring until dom0 exists.
 */
#ifndef XS_SOCKET_H
#define XS_SOCKET_H

#include "conn.h"

int socket_listen(const char *path);
/* for_uring: a blocking socket whose bytes the io_uring loop moves. */
struct xs_conn *socket_accept(int lfd, unsigned int domid, bool privileged,
                              bool for_uring);

extern const struct xs_transport xs_socket_transport;
extern const struct xs_transport xs_socket_uring_transport;

#endif /* XS_SOCKET_H */
