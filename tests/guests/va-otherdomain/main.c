/*
 * va-otherdomain: update_va_mapping_otherdomain and its page owner.
 *
 * Proves: with DOMID_SELF it behaves as update_va_mapping (the VA then
 * reads the other page, and can be pointed back); our own domain id given
 * explicitly is refused (-ESRCH: Xen 4.17 will not take a domain as its
 * own foreign domain), and so is a domain that does not exist (-ESRCH); a
 * refused call leaves the mapping alone; a VA in the hypervisor's range is
 * -EINVAL.
 */
#include "guest.h"

const char test_name[] = "va-otherdomain";

static char page_a[PAGE_SIZE] __aligned(PAGE_SIZE);
static char page_b[PAGE_SIZE] __aligned(PAGE_SIZE);
static char window[PAGE_SIZE] __aligned(PAGE_SIZE);

#define barrier() asm volatile ("" ::: "memory")

static long uvmo(void *va, const void *target, unsigned int dom)
{
    return HYPERVISOR_update_va_mapping_otherdomain(
        (unsigned long)va, (virt_to_mfn(target) << 12) | PAGE_RW_FLAGS, UVMF_INVLPG, dom);
}

void test_main(void)
{
    uint64_t window_mfn = virt_to_mfn(window);

    memset(page_a, 'a', PAGE_SIZE);
    memset(page_b, 'b', PAGE_SIZE);
    memset(window, 'w', PAGE_SIZE);
    check_eq(uvmo(window, page_a, DOMID_SELF), 0, "otherdomain(DOMID_SELF) maps page_a");
    barrier();
    check(window[10] == 'a', "  the window reads page_a");
    check_eq(uvmo(window, page_b, DOMID_SELF), 0, "otherdomain(DOMID_SELF) maps page_b");
    barrier();
    check(window[10] == 'b', "  the window reads page_b");
    check_eq(uvmo(window, page_a, 0), -XEN_ESRCH, "otherdomain(our own id 0)");
    check_eq(uvmo(window, page_a, 5), -XEN_ESRCH, "otherdomain(domain 5, not there)");
    check_eq(uvmo(window, page_a, 0x7fef), -XEN_ESRCH, "otherdomain(domain 0x7fef)");
    barrier();
    check(window[10] == 'b', "  refused calls left the mapping alone");
    check_eq(HYPERVISOR_update_va_mapping_otherdomain(HYPERVISOR_VIRT_START,
                 (virt_to_mfn(page_a) << 12) | PAGE_RW_FLAGS, UVMF_INVLPG, DOMID_SELF),
             -XEN_EINVAL, "otherdomain(DOMID_SELF) at a hypervisor VA");
    check_eq(HYPERVISOR_update_va_mapping_otherdomain((unsigned long)window,
                 (window_mfn << 12) | PAGE_RW_FLAGS, UVMF_INVLPG, DOMID_SELF), 0,
             "window mapped back to its own frame");
    barrier();
    check(window[10] == 'w', "  and reads its own page again");
}
