/* SPDX-License-Identifier: MIT */
/*
 * Tessera public ABI: split-driver connection states, written by each end
 * to its "state" node in xenstore.  The usual handshake is
 * Initialising -> InitWait (backend) / Initialised (frontend) -> Connected,
 * and Closing -> Closed on teardown.
 */
#ifndef _XEN_PUBLIC_IO_XENBUS_H
#define _XEN_PUBLIC_IO_XENBUS_H

enum xenbus_state {
    XenbusStateUnknown       = 0,
    XenbusStateInitialising  = 1,
    XenbusStateInitWait      = 2,  /* backend waits for frontend details */
    XenbusStateInitialised   = 3,  /* frontend published ring refs */
    XenbusStateConnected     = 4,
    XenbusStateClosing       = 5,
    XenbusStateClosed        = 6,
    XenbusStateReconfiguring = 7,
    XenbusStateReconfigured  = 8
};
typedef enum xenbus_state XenbusState;

#endif /* _XEN_PUBLIC_IO_XENBUS_H */
