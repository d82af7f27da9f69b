/* Reference side: Xen's own headers, by absolute path. */
#include <stdint.h>
#include <stddef.h>
#include <string.h>
#define XEN_NETIF_DEFINE_TOEPLITZ
#include "/usr/include/xen/io/netif.h"
#include "/usr/include/xen/io/blkif.h"
uint32_t xen_hash(const uint8_t *k, unsigned kl, const uint8_t *b, unsigned bl){return xen_netif_toeplitz_hash(k,kl,b,bl);}
unsigned long xen_sizes[] = { __CONST_RING_SIZE(blkif, 4096), __CONST_RING_SIZE(netif_tx, 4096), __CONST_RING_SIZE(netif_rx, 4096), __CONST_RING_SIZE(xen_netif_ctrl, 4096), __CONST_RING_SIZE(blkif, 8192), __CONST_RING_SIZE(blkif, 100) };
