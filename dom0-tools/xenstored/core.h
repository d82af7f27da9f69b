/*
 * The daemon's core without its main loop: what the daemon, the unit tests
 * and the fuzzer all start from.
 */
#ifndef XS_CORE_H
#define XS_CORE_H

#include "xenstored.h"

void xs_quota_defaults(void);
void xs_core_init(void);
void xs_core_shutdown(void);

#endif /* XS_CORE_H */
