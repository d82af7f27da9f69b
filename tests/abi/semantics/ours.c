#include <stdio.h>
#include <stdlib.h>
#define XEN_NETIF_DEFINE_TOEPLITZ
#include <xen/io/netif.h>
#include <xen/io/blkif.h>
uint32_t ours_hash(const uint8_t *k, unsigned kl, const uint8_t *b, unsigned bl){return xen_netif_toeplitz_hash(k,kl,b,bl);}
unsigned long ours_sizes[] = { __CONST_RING_SIZE(blkif, 4096), __CONST_RING_SIZE(netif_tx, 4096), __CONST_RING_SIZE(netif_rx, 4096), __CONST_RING_SIZE(xen_netif_ctrl, 4096), __CONST_RING_SIZE(blkif, 8192), __CONST_RING_SIZE(blkif, 100) };
int ring_test(void) {
  static union { blkif_sring_t s; char pg[4096]; } page;
  blkif_front_ring_t f; blkif_back_ring_t b; int notify, work, i, n = 0;
  SHARED_RING_INIT(&page.s); FRONT_RING_INIT(&f, &page.s, 4096); BACK_RING_INIT(&b, &page.s, 4096);
  if (RING_SIZE(&f) != 32) return 1;
  for (i = 0; i < 32; i++) { RING_GET_REQUEST(&f, f.req_prod_pvt)->id = i; f.req_prod_pvt++; }
  if (!RING_FULL(&f)) return 2;
  RING_PUSH_REQUESTS_AND_CHECK_NOTIFY(&f, notify); if (!notify) return 3;
  RING_FINAL_CHECK_FOR_REQUESTS(&b, work); if (work != 32) return 4;
  while (RING_HAS_UNCONSUMED_REQUESTS(&b)) { blkif_request_t r; RING_COPY_REQUEST(&b, b.req_cons, &r); b.req_cons++;
    RING_GET_RESPONSE(&b, b.rsp_prod_pvt)->id = r.id * 2; b.rsp_prod_pvt++; n++; }
  if (n != 32 || RING_REQUEST_PROD_OVERFLOW(&b, page.s.req_prod)) return 5;
  RING_PUSH_RESPONSES_AND_CHECK_NOTIFY(&b, notify); if (!notify) return 6;
  RING_FINAL_CHECK_FOR_RESPONSES(&f, work); if (work != 32) return 7;
  if (RING_GET_RESPONSE(&f, 5)->id != 10) return 8;
  return 0;
}
