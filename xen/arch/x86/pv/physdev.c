/*
 * physdev_op for guests without hardware: Tessera keeps every device to
 * itself (serial line, timers) and gives guests none, so the operations
 * about real interrupts and PCI devices answer -ENOSYS, which Linux
 * treats as "no such hardware".  I/O privilege is virtual: set_iopl
 * records the level that decides whether emulated IN/OUT are allowed.
 */
#include <xen/errno.h>
#include <xen/guest_access.h>
#include <xen/hypercall.h>
#include <xen/lib.h>
#include <xen/sched.h>
#include <public/physdev.h>
#include <asm/current.h>
#include <asm/pv.h>

long do_physdev_op(int cmd, XEN_GUEST_HANDLE_PARAM(void) arg)
{
    struct vcpu *v = current;

    switch ( cmd )
    {
    case PHYSDEVOP_set_iopl:
    {
        struct physdev_set_iopl s;

        if ( copy_from_guest(&s, guest_handle_cast(arg, physdev_set_iopl_t), 1) )
            return -EFAULT;
        if ( s.iopl > 3 )
            return -EINVAL;
        v->arch.pv.iopl = s.iopl;
        return 0;
    }
    }
    hypercall_log_unknown(__HYPERVISOR_physdev_op, cmd);
    return -ENOSYS;
}
