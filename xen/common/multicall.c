/*
 * multicall: a batch of hypercalls in one guest entry.
 *
 * Each entry's result is written back to the guest's list as it completes;
 * the multicall itself returns 0 once the list was processed, or a
 * negative errno if the list could not be read or written (entries before
 * the failing one have run).  Multicalls do not nest.
 *
 * HYPERVISOR_iret is the one entry that does not come back: as on Xen
 * 4.17 it ends the batch where it stands, the guest resumes at the frame
 * it named, and the multicall's own result is the iret's (the frame's
 * RAX), so that RAX is what the guest finds there.
 */
#include <xen/errno.h>
#include <xen/guest_access.h>
#include <xen/hypercall.h>
#include <xen/lib.h>
#include <xen/smp.h>
#include <asm/current.h>
#include <asm/pv.h>

#define MAX_MULTICALL_ENTRIES 256       /* larger batches are split by guests */

static bool running_multicall[NR_CPUS];

bool in_multicall(void)
{
    return running_multicall[smp_processor_id()];
}

static long run_entry(multicall_entry_t *e)
{
    hypercall_fn_t fn;

    if ( e->op == __HYPERVISOR_multicall )
        return -EINVAL;
    /* The table's iret refuses multicalls; here it is meant. */
    if ( e->op == __HYPERVISOR_iret )
        return do_iret();
    fn = hypercall_lookup(e->op);
    if ( !fn )
    {
        hypercall_log_unknown(e->op, 0);
        return -ENOSYS;
    }
    return fn(e->args[0], e->args[1], e->args[2], e->args[3], e->args[4],
              e->args[5]);
}

long do_multicall(XEN_GUEST_HANDLE_PARAM(multicall_entry_t) list, unsigned int nr)
{
    unsigned int cpu = smp_processor_id(), i;
    multicall_entry_t e;
    long rc = 0;

    if ( running_multicall[cpu] )
        return -EINVAL;
    if ( nr > MAX_MULTICALL_ENTRIES )
        return -EINVAL;
    running_multicall[cpu] = true;
    for ( i = 0; i < nr; i++ )
    {
        if ( copy_from_guest_offset(&e, list, i, 1) )
        {
            rc = -EFAULT;
            break;
        }
        e.result = run_entry(&e);
        if ( copy_to_guest_offset(list, i, &e, 1) )
        {
            rc = -EFAULT;
            break;
        }
        if ( e.op == __HYPERVISOR_iret )
        {
            rc = e.result;
            break;
        }
    }
    running_multicall[cpu] = false;
    return rc;
}
