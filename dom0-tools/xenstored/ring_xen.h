/*
 * The ring backend on a Linux dom0 (ring_xen.c): domains' store pages and
 * event channels through /dev/xen/{evtchn,gntdev,privcmd} and xenfs.
 */
#ifndef XS_RING_XEN_H
#define XS_RING_XEN_H

/* Opens the devices and becomes the ring backend; -1 if there is no Xen. */
int ring_xen_open(void);
/* dom0's own ring, from /proc/xen/xsd_kva and xsd_port. */
int ring_xen_init_dom0(void);
/* The descriptor to poll for events (readable when any port fired). */
int ring_xen_fd(void);
/* Takes and unmasks the ports that fired; releases domains that died. */
void ring_xen_handle_events(void);
/* Moves what can move on every ring, in and out. */
void ring_xen_service(void);

#endif /* XS_RING_XEN_H */
