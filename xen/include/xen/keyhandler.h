#ifndef XEN_KEYHANDLER_H
#define XEN_KEYHANDLER_H

/*
 * Debug keys on the hypervisor's serial console, as Xen offers them.
 * Handlers run from softirq context on CPU 0.
 */
void handle_keypress(unsigned char key);
void register_keyhandler(unsigned char key, void (*fn)(unsigned char),
                         const char *description);

#endif /* XEN_KEYHANDLER_H */
