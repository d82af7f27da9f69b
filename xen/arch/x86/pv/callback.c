/*
 * Guest kernel entry points and small per-vCPU controls: callback_op,
 * set_callbacks, fpu_taskswitch, vm_assist, set/get_debugreg.
 */
#include <xen/errno.h>
#include <xen/guest_access.h>
#include <xen/hypercall.h>
#include <xen/lib.h>
#include <xen/sched.h>
#include <public/callback.h>
#include <asm/current.h>
#include <asm/processor.h>
#include <asm/pv.h>

#define X86_CR0_TS          (1UL << 3)

static bool canonical(unsigned long va)
{
    return ((long)va >> 47) == 0 || ((long)va >> 47) == -1;
}

static long register_callback(struct vcpu *v, const struct callback_register *r)
{
    struct pv_vcpu *pv = &v->arch.pv;
    bool mask = r->flags & CALLBACKF_mask_events;

    if ( !canonical(r->address) )
        return -EINVAL;
    switch ( r->type )
    {
    case CALLBACKTYPE_event:
        pv->event_callback_eip = r->address;
        return 0;
    case CALLBACKTYPE_failsafe:
        pv->failsafe_callback_eip = r->address;
        pv->failsafe_disables_events = mask;
        return 0;
    case CALLBACKTYPE_syscall:
        pv->syscall_callback_eip = r->address;
        pv->syscall_disables_events = mask;
        return 0;
    case CALLBACKTYPE_syscall32:
        pv->syscall32_callback_eip = r->address;
        pv->syscall32_disables_events = mask;
        return 0;
    case CALLBACKTYPE_sysenter:
        pv->sysenter_callback_eip = r->address;
        pv->sysenter_disables_events = mask;
        return 0;
    case CALLBACKTYPE_nmi:
        /* NMIs are never forwarded to guests here; accept nothing. */
        return -ENOSYS;
    }
    return -EINVAL;
}

long do_callback_op(int cmd, XEN_GUEST_HANDLE_PARAM(void) arg)
{
    struct vcpu *v = current;

    switch ( cmd )
    {
    case CALLBACKOP_register:
    {
        struct callback_register r;

        if ( copy_from_guest(&r, guest_handle_cast(arg, callback_register_t), 1) )
            return -EFAULT;
        return register_callback(v, &r);
    }
    case CALLBACKOP_unregister:
    {
        struct callback_unregister u;
        struct callback_register r = { .address = 0 };

        if ( copy_from_guest(&u, guest_handle_cast(arg, callback_unregister_t), 1) )
            return -EFAULT;
        /* The event and failsafe callbacks are not optional. */
        if ( u.type == CALLBACKTYPE_event || u.type == CALLBACKTYPE_failsafe )
            return -EINVAL;
        r.type = u.type;
        return register_callback(v, &r);
    }
    }
    hypercall_log_unknown(__HYPERVISOR_callback_op, cmd);
    return -ENOSYS;
}

long do_set_callbacks(unsigned long event, unsigned long failsafe,
                      unsigned long syscall)
{
    struct callback_register ev = { .type = CALLBACKTYPE_event, .address = event };
    struct callback_register fs = { .type = CALLBACKTYPE_failsafe, .address = failsafe };
    struct callback_register sc = { .type = CALLBACKTYPE_syscall, .address = syscall,
                                    .flags = CALLBACKF_mask_events };
    struct vcpu *v = current;
    long rc;

    if ( (rc = register_callback(v, &ev)) || (rc = register_callback(v, &fs)) )
        return rc;
    return register_callback(v, &sc);
}

/*
 * The guest's virtual CR0.TS.  While it is set the real TS is too, so the
 * guest's next FPU instruction raises #NM, which is forwarded to it.
 */
long do_fpu_taskswitch(int set)
{
    struct vcpu *v = current;

    if ( set )
    {
        v->arch.pv.ctrlreg[0] |= X86_CR0_TS;
        write_cr0(read_cr0() | X86_CR0_TS);
    }
    else
    {
        v->arch.pv.ctrlreg[0] &= ~X86_CR0_TS;
        __asm__ __volatile__("clts");
    }
    return 0;
}

/*
 * The 32-bit-only types stay valid for 64-bit guests, as in Xen 4.17, so
 * that guests which always ask for them keep working.
 */
#define VM_ASSIST_VALID ((1UL << VMASST_TYPE_4gb_segments) |          \
                         (1UL << VMASST_TYPE_4gb_segments_notify) |   \
                         (1UL << VMASST_TYPE_writable_pagetables) |   \
                         (1UL << VMASST_TYPE_pae_extended_cr3) |      \
                         (1UL << VMASST_TYPE_architectural_iopl) |    \
                         (1UL << VMASST_TYPE_runstate_update_flag) |  \
                         (1UL << VMASST_TYPE_m2p_strict))

long do_vm_assist(unsigned int cmd, unsigned int type)
{
    struct domain *d = current->domain;

    if ( type >= 8 * sizeof(unsigned long) || !(VM_ASSIST_VALID & (1UL << type)) )
        return -EINVAL;
    switch ( cmd )
    {
    case VMASST_CMD_enable:
        __atomic_fetch_or(&d->vm_assist, 1UL << type, __ATOMIC_RELAXED);
        return 0;
    case VMASST_CMD_disable:
        __atomic_fetch_and(&d->vm_assist, ~(1UL << type), __ATOMIC_RELAXED);
        return 0;
    }
    return -ENOSYS;
}

/*
 * Debug registers are virtualised only as storage for now: guest values
 * are checked and kept, and breakpoints are not armed in hardware.  The
 * checks and fixed bits are Xen 4.17's: -EPERM for a valid but forbidden
 * value, -EINVAL for reserved bits, -ENODEV for a register that does not
 * exist (DR4/DR5 exist only as aliases of DR6/DR7 while CR4.DE is clear).
 */
#define X86_CR4_DE          (1UL << 3)
#define DR6_RESERVED_ONE    0xffff0ff0UL
#define DR6_RESERVED_ZERO   (1UL << 12)
#define DR7_RESERVED_ONE    (1UL << 10)
#define DR7_RESERVED_ZERO   ((1UL << 11) | (1UL << 12) | (1UL << 14) | (1UL << 15))
#define DR7_GENERAL_DETECT  (1UL << 13)
#define DR7_ENABLE_MASK     0xffUL
#define DR7_RW_IO           2

/* Breakpoints may not name the hypervisor's range nor a non-canonical address. */
static bool breakpoint_addr_ok(unsigned long addr)
{
    return addr < (1UL << 47) || addr >= HYPERVISOR_VIRT_END;
}

static long set_dr7(struct vcpu *v, unsigned long value)
{
    unsigned int i;

    if ( value >> 32 )
        return -EINVAL;
    value = (value & ~DR7_RESERVED_ZERO) | DR7_RESERVED_ONE;
    if ( value & DR7_GENERAL_DETECT )
        return -EPERM;
    /* I/O breakpoints need CR4.DE, and are then not supported here. */
    if ( value & DR7_ENABLE_MASK )
        for ( i = 16; i < 32; i += 4 )
            if ( ((value >> i) & 3) == DR7_RW_IO )
                return -EPERM;
    v->arch.pv.debugreg[7] = value;
    return 0;
}

/*
 * The guest's debug registers are the hardware's while it runs: loaded at
 * switch-in (pv_load_debugregs), disarmed at switch-out, and a change by
 * the running vCPU takes effect at once.  Addresses are guest addresses
 * only (breakpoint_addr_ok), so a breakpoint can fire in the hypervisor
 * only when it touches guest memory for the guest; traps.c turns that into
 * a #DB for the guest.
 */
static long set_debugreg_value(struct vcpu *v, int reg, unsigned long value)
{
    bool de = v->arch.pv.ctrlreg[4] & X86_CR4_DE;

    switch ( reg )
    {
    case 0: case 1: case 2: case 3:
        if ( !breakpoint_addr_ok(value) )
            return -EPERM;
        v->arch.pv.debugreg[reg] = value;
        return 0;
    case 4: case 6:
        if ( reg == 4 && de )
            return -ENODEV;
        if ( value >> 32 )
            return -EINVAL;
        v->arch.pv.debugreg[6] = (value & ~DR6_RESERVED_ZERO) | DR6_RESERVED_ONE;
        return 0;
    case 5: case 7:
        if ( reg == 5 && de )
            return -ENODEV;
        return set_dr7(v, value);
    }
    return -ENODEV;
}

long do_set_debugreg(int reg, unsigned long value)
{
    struct vcpu *v = current;
    long rc = set_debugreg_value(v, reg, value);

    if ( !rc )
        pv_load_debugregs(v);
    return rc;
}

/*
 * DR6 and DR7 always have their fixed bits set once written; a zero means
 * never written, which reads as the architectural reset value.
 */
static unsigned long read_dr(const struct vcpu *v, unsigned int reg)
{
    unsigned long val = v->arch.pv.debugreg[reg];

    if ( reg == 6 )
        return val ?: DR6_RESERVED_ONE;
    if ( reg == 7 )
        return val ?: DR7_RESERVED_ONE;
    return val;
}

unsigned long do_get_debugreg(int reg)
{
    struct vcpu *v = current;
    bool de = v->arch.pv.ctrlreg[4] & X86_CR4_DE;

    switch ( reg )
    {
    case 0: case 1: case 2: case 3: case 6: case 7:
        return read_dr(v, reg);
    case 4: case 5:
        if ( de )
            break;
        return read_dr(v, reg + 2);
    }
    return -ENODEV;
}
