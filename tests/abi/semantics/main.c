#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
uint32_t ours_hash(const uint8_t*,unsigned,const uint8_t*,unsigned);
uint32_t xen_hash(const uint8_t*,unsigned,const uint8_t*,unsigned);
extern unsigned long ours_sizes[6], xen_sizes[6]; int ring_test(void);
int main(void){ uint8_t k[40], b[64]; int i, j, bad=0;
 for (i=0;i<6;i++){ printf("%lu/%lu ", ours_sizes[i], xen_sizes[i]); bad += ours_sizes[i]!=xen_sizes[i]; }
 srand(1); for (i=0;i<20000;i++){ unsigned kl=rand()%41, bl=rand()%65; for(j=0;j<40;j++)k[j]=rand(); for(j=0;j<64;j++)b[j]=rand();
   if (ours_hash(k,kl,b,bl)!=xen_hash(k,kl,b,bl)) { bad++; break; } }
 printf("\nhash bad=%d ring=%d\n", bad, ring_test()); return bad; }
