/*
 * Architecture-neutral memory management: page lists, the buddy heap
 * (xen/common/page_alloc.c) and its xenheap and domheap faces.
 *
 * Every page leaves the heap zeroed (see page_alloc.c for why the scrub
 * happens at allocation), so nothing of a previous user can reach a domain.
 */
#ifndef XEN_MM_H
#define XEN_MM_H

#include <xen/types.h>
#include <asm/mm.h>

/* Blocks are 2^0 .. 2^MAX_ORDER pages: up to 1 GiB. */
#define MAX_ORDER       18

/*
 * memflags for alloc_domheap_pages().  MEMF_bits(n): every page must lie
 * below 2^n bytes (n = 0 means no limit), for devices that cannot address
 * all of memory.
 */
#define _MEMF_bits      24
#define MEMF_bits(n)    ((unsigned int)(n) << _MEMF_bits)

/* --- Lists of pages, linked through page_info.list by MFN. */
struct page_list_head {
    struct page_info *next, *tail;
};
#define PAGE_LIST_HEAD_INIT { NULL, NULL }

static inline void page_list_init(struct page_list_head *h)
{
    h->next = h->tail = NULL;
}

static inline bool page_list_empty(const struct page_list_head *h)
{
    return !h->next;
}

static inline struct page_info *page_list_first(const struct page_list_head *h)
{
    return h->next;
}

static inline struct page_info *page_list_next(const struct page_info *pg,
                                               const struct page_list_head *h)
{
    return pg == h->tail ? NULL : mfn_to_page(pg->list.next);
}

static inline void page_list_add(struct page_info *pg, struct page_list_head *h)
{
    pg->list.prev = PAGE_LIST_NULL;
    if ( h->next )
    {
        pg->list.next = page_to_mfn(h->next);
        h->next->list.prev = page_to_mfn(pg);
    }
    else
    {
        pg->list.next = PAGE_LIST_NULL;
        h->tail = pg;
    }
    h->next = pg;
}

static inline void page_list_add_tail(struct page_info *pg,
                                      struct page_list_head *h)
{
    pg->list.next = PAGE_LIST_NULL;
    if ( h->tail )
    {
        pg->list.prev = page_to_mfn(h->tail);
        h->tail->list.next = page_to_mfn(pg);
    }
    else
    {
        pg->list.prev = PAGE_LIST_NULL;
        h->next = pg;
    }
    h->tail = pg;
}

static inline void page_list_del(struct page_info *pg, struct page_list_head *h)
{
    if ( pg == h->next )
        h->next = pg == h->tail ? NULL : mfn_to_page(pg->list.next);
    else
        mfn_to_page(pg->list.prev)->list.next = pg->list.next;
    if ( pg == h->tail )
        h->tail = h->next ? mfn_to_page(pg->list.prev) : NULL;
    else
        mfn_to_page(pg->list.next)->list.prev = pg->list.prev;
    pg->list.next = pg->list.prev = PAGE_LIST_NULL;
}

static inline struct page_info *page_list_remove_head(struct page_list_head *h)
{
    struct page_info *pg = h->next;

    if ( pg )
        page_list_del(pg, h);
    return pg;
}

/* --- The heap.  All entry points take heap_lock themselves. */

/*
 * Gives [pg, pg + nr) to the heap for good (memory_init() hands over all
 * RAM the boot allocator did not use).  The pages must be in use (state
 * "in use", no owner); they count towards total_pages.
 */
void init_heap_pages(struct page_info *pg, unsigned long nr);

/* Hypervisor memory, addressed through the direct map.  NULL if none. */
void *alloc_xenheap_pages(unsigned int order);
void free_xenheap_pages(void *v, unsigned int order);

/*
 * Pages for a domain (d != NULL: owned by d, holding the allocation
 * reference PGC_allocated) or anonymous pages for the hypervisor's use
 * through a mapping (d == NULL).  struct domain is opaque to the allocator:
 * putting the pages on d's page list, under d's lock, is the domain code's
 * job.  NULL if no memory satisfies order and memflags.
 */
struct page_info *alloc_domheap_pages(struct domain *d, unsigned int order,
                                      unsigned int memflags);
void free_domheap_pages(struct page_info *pg, unsigned int order);

/*
 * Pages the heap manages, and how many of them are free.  Written under
 * heap_lock; a read without it is a snapshot.
 */
extern unsigned long total_pages, avail_pages;

/* --- Domain ownership (common/memory.c). */
/* Puts allocated pages on d's list; -ENOMEM beyond d->max_pages. */
int assign_pages(struct domain *d, struct page_info *pg, unsigned int order);
struct page_info *alloc_domain_pages(struct domain *d, unsigned int order,
                                     unsigned int memflags);
/* A hypervisor page d may map (shared_info). */
void share_xen_page_with_guest(struct page_info *pg, struct domain *d);
/* The last reference to a domain's frame went: back to the heap. */
void free_domain_page(struct page_info *pg);
/*
 * Drops d's allocations, adding to *leaked the frames others still
 * reference.  -ERESTART: preempted, call again.
 */
int relinquish_domain_pages(struct domain *d, unsigned long *leaked,
                            bool preemptible);

/* Free blocks per order and zone (the 'm' debug key). */
void dump_heap(void);
/* Free blocks of exactly `order`, all zones. */
unsigned long heap_free_blocks(unsigned int order);

#endif /* XEN_MM_H */
