/*
 * xmalloc: small objects for the hypervisor itself, carved from xenheap
 * pages.
 *
 * Requests up to SLAB_MAX_SLOT bytes (header included) share pages ("slabs")
 * of one power-of-two size class; anything larger gets whole pages.  Every
 * object is preceded by a 16-byte header saying where it came from, so
 * xfree() needs nothing but the pointer.  A slab page that becomes empty
 * goes straight back to the heap: xmalloc keeps no cache, so the heap's
 * free count is the whole truth about free memory.
 *
 * Debug builds (no NDEBUG) put a canary after each object and poison freed
 * objects; xfree() then panics on a double free, a pointer that is not an
 * xmalloc object (or whose header was overwritten) and a write past the
 * end.  The checks are best effort: they read memory the caller still
 * owns, and cannot see a double free after the page was reused.
 *
 * Locking: xmalloc_lock protects the partial lists and every slab's header
 * and free list.  It is never held across a call into the page allocator.
 * Not for interrupt context (the lock is taken with interrupts enabled).
 */
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/spinlock.h>
#include <xen/string.h>
#include <xen/xmalloc.h>

#define MIN_ALIGN       16
#define MAGIC_LIVE      0x4c495645u     /* "LIVE" */
#define MAGIC_FREE      0x46524545u     /* "FREE" */
#define SLAB_MAGIC      0x534c4142u     /* "SLAB" */
#define CLASS_LARGE     0xffff
#define NR_CLASSES      6               /* 32, 64, ... 1024 */
#define MIN_SLOT_SHIFT  5
#define SLAB_MAX_SLOT   (1u << (MIN_SLOT_SHIFT + NR_CLASSES - 1))
#define SLAB_HDR_SIZE   64

#ifdef NDEBUG
#define CANARY_SIZE     0
#else
#define CANARY_SIZE     sizeof(uint64_t)
#define CANARY_BASE     0xc0ffee5ca1ab1e5eUL
#define POISON_BYTE     0xdb
#endif

/* Immediately before every object. */
struct xhdr {
    uint32_t magic;             /* MAGIC_LIVE while allocated */
    uint16_t cls;               /* size class, or CLASS_LARGE */
    uint16_t order;             /* CLASS_LARGE: pages are 2^order */
    uint32_t size;              /* bytes asked for */
    uint32_t offset;            /* object minus its slot or block start */
};

/* A free slot: the magic stays where a default header keeps it. */
struct free_slot {
    uint32_t magic;
    uint32_t pad;
    struct free_slot *next;
};

/* At the start of every slab page. */
struct slab {
    uint32_t magic;
    unsigned int cls;
    unsigned int nr_free;               /* xmalloc_lock */
    struct free_slot *free;             /* xmalloc_lock */
    struct slab *next, *prev;           /* partial list, xmalloc_lock */
};

static DEFINE_SPINLOCK_CLASS(xmalloc_lock, LOCK_CLASS_xmalloc);
/* Slabs with at least one free slot, per class (xmalloc_lock). */
static struct slab *partial[NR_CLASSES];

_Static_assert(sizeof(struct xhdr) == MIN_ALIGN, "header keeps alignment");
_Static_assert(sizeof(struct slab) <= SLAB_HDR_SIZE, "slab header fits");

static size_t slot_size(unsigned int cls)
{
    return (size_t)1 << (MIN_SLOT_SHIFT + cls);
}

static unsigned int slots_per_slab(unsigned int cls)
{
    return (PAGE_SIZE - SLAB_HDR_SIZE) / slot_size(cls);
}

static uint64_t canary_for(const void *obj)
{
#ifdef NDEBUG
    return (uintptr_t)obj;
#else
    return CANARY_BASE ^ (uintptr_t)obj;
#endif
}

/* Header at obj - 16, with its slot or block starting at `start`. */
static void *finish_object(void *start, size_t size, size_t align,
                           unsigned int cls, unsigned int order)
{
    uintptr_t obj = ROUNDUP((uintptr_t)start + sizeof(struct xhdr),
                            (uintptr_t)align);
    struct xhdr *h = (struct xhdr *)obj - 1;

    h->magic = MAGIC_LIVE;
    h->cls = cls;
    h->order = order;
    h->size = size;
    h->offset = obj - (uintptr_t)start;
    if ( CANARY_SIZE )
    {
        uint64_t c = canary_for((void *)obj);

        memcpy((void *)(obj + size), &c, CANARY_SIZE);
    }
    return (void *)obj;
}

static void slab_list_del(struct slab *s)
{
    if ( s->prev )
        s->prev->next = s->next;
    else
        partial[s->cls] = s->next;
    if ( s->next )
        s->next->prev = s->prev;
    s->next = s->prev = NULL;
}

static void slab_list_add(struct slab *s)
{
    s->prev = NULL;
    s->next = partial[s->cls];
    if ( s->next )
        s->next->prev = s;
    partial[s->cls] = s;
}

static struct slab *new_slab(unsigned int cls)
{
    struct slab *s = alloc_xenheap_pages(0);
    unsigned int i;

    if ( !s )
        return NULL;
    s->magic = SLAB_MAGIC;
    s->cls = cls;
    s->nr_free = slots_per_slab(cls);
    s->free = NULL;
    /* Lowest slot first on the list, for locality. */
    for ( i = s->nr_free; i-- > 0; )
    {
        struct free_slot *f = (void *)((char *)s + SLAB_HDR_SIZE +
                                       i * slot_size(cls));

        f->magic = MAGIC_FREE;
        f->next = s->free;
        s->free = f;
    }
    return s;
}

static void *alloc_from_slab(unsigned int cls)
{
    struct slab *s, *fresh;
    struct free_slot *f;

    spin_lock(&xmalloc_lock);
    while ( !(s = partial[cls]) )
    {
        spin_unlock(&xmalloc_lock);
        if ( !(fresh = new_slab(cls)) )
            return NULL;
        spin_lock(&xmalloc_lock);
        slab_list_add(fresh);
    }
    f = s->free;
    s->free = f->next;
    if ( !--s->nr_free )
        slab_list_del(s);
    spin_unlock(&xmalloc_lock);
    return f;
}

static void free_to_slab(struct xhdr *h, void *slot)
{
    struct slab *s = (struct slab *)((uintptr_t)slot & PAGE_MASK);
    struct free_slot *f = slot;
    uintptr_t first = (uintptr_t)s + SLAB_HDR_SIZE;
    bool empty;

    if ( s->magic != SLAB_MAGIC || s->cls != h->cls ||
         (uintptr_t)slot < first || ((uintptr_t)slot - first) % slot_size(s->cls) )
        panic("xfree(%p): header names a slot that is not one", (void *)(h + 1));

    spin_lock(&xmalloc_lock);
    f->magic = MAGIC_FREE;
    f->next = s->free;
    s->free = f;
    if ( s->nr_free++ == 0 )
        slab_list_add(s);
    empty = s->nr_free == slots_per_slab(s->cls);
    if ( empty )
    {
        slab_list_del(s);
        s->magic = 0;
    }
    spin_unlock(&xmalloc_lock);
    if ( empty )
        free_xenheap_pages(s, 0);
}

/* Bytes a request occupies in its slot or block: header, alignment, canary. */
static bool footprint(size_t size, size_t align, size_t *need)
{
    size_t slack = align > MIN_ALIGN ? align - MIN_ALIGN : 0;

    if ( size > (1UL << (MAX_ORDER + PAGE_SHIFT)) ||
         align > (1UL << (MAX_ORDER + PAGE_SHIFT)) )
        return false;
    *need = sizeof(struct xhdr) + slack + size + CANARY_SIZE;
    return true;
}

void *xmalloc_bytes(size_t size, size_t align)
{
    size_t need;
    unsigned int cls, order;
    void *start;

    if ( !align )
        align = MIN_ALIGN;
    if ( align & (align - 1) )
        return NULL;
    align = MAX(align, (size_t)MIN_ALIGN);
    if ( !footprint(size, align, &need) )
        return NULL;

    if ( need <= SLAB_MAX_SLOT )
    {
        for ( cls = 0; slot_size(cls) < need; cls++ )
            ;
        start = alloc_from_slab(cls);
        return start ? finish_object(start, size, align, cls, 0) : NULL;
    }

    for ( order = 0; (PAGE_SIZE << order) < need; order++ )
        ;
    if ( order > MAX_ORDER || !(start = alloc_xenheap_pages(order)) )
        return NULL;
    return finish_object(start, size, align, CLASS_LARGE, order);
}

void *xzalloc_bytes(size_t size, size_t align)
{
    void *p = xmalloc_bytes(size, align);

    if ( p )
        memset(p, 0, size);
    return p;
}

void *xmalloc_array_bytes(size_t size, size_t align, size_t n)
{
    size_t total;

    if ( __builtin_mul_overflow(size, n, &total) )
        return NULL;
    return xmalloc_bytes(total, align);
}

void *xzalloc_array_bytes(size_t size, size_t align, size_t n)
{
    size_t total;

    if ( __builtin_mul_overflow(size, n, &total) )
        return NULL;
    return xzalloc_bytes(total, align);
}

static void check_object(const struct xhdr *h, void *p)
{
    if ( (uintptr_t)p % MIN_ALIGN )
        panic("xfree(%p): not an xmalloc object (misaligned)", p);
    if ( h->magic == MAGIC_FREE )
        panic("xfree(%p): double free", p);
    if ( h->magic != MAGIC_LIVE )
        panic("xfree(%p): not an xmalloc object, or its header was "
              "overwritten (buffer underrun)", p);
    if ( CANARY_SIZE )
    {
        uint64_t c;

        memcpy(&c, (char *)p + h->size, CANARY_SIZE);
        if ( c != canary_for(p) )
            panic("xfree(%p): buffer overrun past the end of a %u-byte object",
                  p, h->size);
    }
}

void xfree(void *p)
{
    struct xhdr *h;
    void *start;

    if ( !p )
        return;
    h = (struct xhdr *)p - 1;
    check_object(h, p);
    start = (char *)p - h->offset;
#ifndef NDEBUG
    memset(p, POISON_BYTE, h->size);
#endif
    h->magic = MAGIC_FREE;
    if ( h->cls == CLASS_LARGE )
        free_xenheap_pages(start, h->order);
    else
        free_to_slab(h, start);
}
