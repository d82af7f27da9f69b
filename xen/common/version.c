/*
 * xen_version: what a guest learns about the hypervisor.
 *
 * Tessera implements Xen 4.17's ABI, so it answers as Xen 4.17: guests
 * (Linux included) key behaviour off the version and the feature bits, and
 * the feature bits promise exactly what Tessera implements for 64-bit PV.
 */
#include <xen/errno.h>
#include <xen/guest_access.h>
#include <xen/hypercall.h>
#include <xen/lib.h>
#include <xen/sched.h>
#include <xen/string.h>
#include <xen/version.h>
#include <public/version.h>
#include <public/features.h>
#include <asm/current.h>
#include <asm/setup.h>

#define XEN_ABI_MAJOR   4
#define XEN_ABI_MINOR   17
#define XEN_EXTRAVERSION ".0-tessera"



static uint32_t feature_submap0(const struct domain *d)
{
    /* 64-bit PV page directories may always live above 4 GiB. */
    uint32_t map = (1U << XENFEAT_pae_pgdir_above_4gb) |
                   (1U << XENFEAT_mmu_pt_update_preserve_ad) |
                   (1U << XENFEAT_highmem_assist) |
                   (1U << XENFEAT_gnttab_map_avail_bits) |
                   (1U << XENFEAT_memory_op_vnode_supported) |
                   (1U << XENFEAT_direct_mapped);

    if ( d->domain_id == 0 )
        map |= 1U << XENFEAT_dom0;
    return map;
}

static long copy_string_out(XEN_GUEST_HANDLE_PARAM(void) arg, const char *s,
                            size_t size)
{
    char buf[1024];

    if ( size > sizeof(buf) )
        size = sizeof(buf);
    memset(buf, 0, size);
    strlcpy(buf, s, size);
    return copy_to_guest(guest_handle_cast(arg, char), buf, size) ? -EFAULT : 0;
}

long do_xen_version(int cmd, XEN_GUEST_HANDLE_PARAM(void) arg)
{
    struct domain *d = current->domain;

    switch ( cmd )
    {
    case XENVER_version:
        return (XEN_ABI_MAJOR << 16) | XEN_ABI_MINOR;
    case XENVER_extraversion:
        return copy_string_out(arg, XEN_EXTRAVERSION, sizeof(xen_extraversion_t));
    case XENVER_compile_info:
    {
        struct xen_compile_info info;

        memset(&info, 0, sizeof(info));
        strlcpy(info.compiler, "gcc " __VERSION__, sizeof(info.compiler));
        strlcpy(info.compile_by, "tessera", sizeof(info.compile_by));
        strlcpy(info.compile_domain, "tessera", sizeof(info.compile_domain));
        strlcpy(info.compile_date, TESSERA_VERSION, sizeof(info.compile_date));
        return copy_to_guest(guest_handle_cast(arg, xen_compile_info_t), &info, 1)
               ? -EFAULT : 0;
    }
    case XENVER_capabilities:
        return copy_string_out(arg, "xen-3.0-x86_64 ", sizeof(xen_capabilities_info_t));
    case XENVER_changeset:
        return copy_string_out(arg, "tessera " TESSERA_VERSION,
                               sizeof(xen_changeset_info_t));
    case XENVER_platform_parameters:
    {
        xen_platform_parameters_t p = { .virt_start = HYPERVISOR_VIRT_START };

        return copy_to_guest(guest_handle_cast(arg, xen_platform_parameters_t),
                             &p, 1) ? -EFAULT : 0;
    }
    case XENVER_get_features:
    {
        xen_feature_info_t fi;

        if ( copy_from_guest(&fi, guest_handle_cast(arg, xen_feature_info_t), 1) )
            return -EFAULT;
        if ( fi.submap_idx != 0 )
            return -EINVAL;
        fi.submap = feature_submap0(d);
        return copy_to_guest(guest_handle_cast(arg, xen_feature_info_t), &fi, 1)
               ? -EFAULT : 0;
    }
    case XENVER_pagesize:
        return PAGE_SIZE;
    case XENVER_guest_handle:
    {
        char handle[16] = { 0 };

        return copy_to_guest(guest_handle_cast(arg, char), handle, sizeof(handle))
               ? -EFAULT : 0;
    }
    case XENVER_commandline:
        if ( !d->is_privileged )
            return -EPERM;
        return copy_string_out(arg, boot_info.cmdline, sizeof(xen_commandline_t));
    case XENVER_build_id:
        return -ENODATA;
    }
    hypercall_log_unknown(__HYPERVISOR_xen_version, cmd);
    return -ENOSYS;
}
