/*
 * Guest memory access (see xen/guest_access.h).
 *
 * The copy is one `rep movsb` with an exception fixup: when a guest page is
 * missing or read-only the CPU faults in the middle, the trap handler
 * resumes at the fixup, and RCX still holds the bytes left, which is the
 * return value.  SMAP forbids supervisor access to user pages, and every
 * guest mapping is a user page (PV guests run in ring 3), so the copy is
 * bracketed by stac/clac, and only the copy.
 */
#include <xen/guest_access.h>
#include <xen/lib.h>
#include <asm/config.h>
#include <asm/extable.h>

/* Lowest canonical address of the upper half. */
#define CANONICAL_HIGH_START    0xffff800000000000UL
#define CANONICAL_LOW_END       0x0000800000000000UL

bool guest_range_ok(unsigned long va, unsigned long n)
{
    unsigned long end = va + n;

    if ( end < va )
        return false;
    if ( !n )
        return true;
    /* Below the canonical hole, or above the hypervisor's slots. */
    if ( end <= CANONICAL_LOW_END )
        return true;
    return va >= HYPERVISOR_VIRT_END;
}

/*
 * Quadwords first, then the tail bytes.  A fault in the first part leaves
 * RCX = quadwords left: the fixup turns that into bytes left.
 */
static unsigned long copy_guarded(void *to, const void *from, unsigned long n)
{
    unsigned long tail = n & 7;

    n >>= 3;
    __asm__ __volatile__(
        "stac\n"
        "1: rep movsq\n"
        "   mov %[tail], %[cnt]\n"
        "2: rep movsb\n"
        "3: clac\n"
        ".pushsection .fixup_seg, \"ax\"\n"
        "4: lea (%[tail], %[cnt], 8), %[cnt]\n"
        "   jmp 3b\n"
        ".popsection\n"
        _ASM_EXTABLE(1b, 4b)
        _ASM_EXTABLE(2b, 3b)
        : [cnt] "+c"(n), "+D"(to), "+S"(from) : [tail] "r"(tail) : "memory");
    return n;
}

static unsigned long clear_guarded(void *to, unsigned long n)
{
    __asm__ __volatile__(
        "stac\n"
        "1: rep stosb\n"
        "2: clac\n"
        _ASM_EXTABLE(1b, 2b)
        : "+c"(n), "+D"(to) : "a"(0) : "memory");
    return n;
}

unsigned long raw_copy_from_guest(void *to, unsigned long from, unsigned long n)
{
    if ( !guest_range_ok(from, n) )
        return n;
    return copy_guarded(to, (const void *)from, n);
}

unsigned long raw_copy_to_guest(unsigned long to, const void *from, unsigned long n)
{
    if ( !guest_range_ok(to, n) )
        return n;
    return copy_guarded((void *)to, from, n);
}

unsigned long raw_clear_guest(unsigned long to, unsigned long n)
{
    if ( !guest_range_ok(to, n) )
        return n;
    return clear_guarded((void *)to, n);
}

extern const unsigned long __start___ex_table[], __stop___ex_table[];

unsigned long search_exception_table(unsigned long rip)
{
    const unsigned long *e;

    for ( e = __start___ex_table; e < __stop___ex_table; e += 2 )
        if ( e[0] == rip )
            return e[1];
    return 0;
}
