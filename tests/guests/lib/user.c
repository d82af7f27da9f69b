/*
 * Ring-3 user mode for tests.  A 64-bit PV guest has two L4 tables: the
 * kernel one and a user one (MMUEXT_NEW_USER_BASEPTR) that the hypervisor
 * loads on every return to user mode.  Our user L4 maps only slot 511, the
 * same L3 as the kernel's, so user code is ordinary functions of the image
 * (the hypervisor marks every guest mapping user-accessible; isolation
 * comes from what the user L4 leaves out).
 *
 * User mode comes back through the syscall callback or an exception
 * bounced to the trap table, both on the stack named by stack_switch.
 */
#include "guest.h"

long enter_user(struct user_context *ctx);
void __noreturn leave_user(struct user_context *ctx, long value);
extern char syscall_entry[];

static char kernel_entry_stack[4 * PAGE_SIZE] __aligned(PAGE_SIZE);
static char user_stack[4 * PAGE_SIZE] __aligned(PAGE_SIZE);
static struct user_context user_ctx;
static struct user_exit *user_exit;
static bool in_user;

int user_mode_init(void)
{
    struct callback_register cb = {
        .type = CALLBACKTYPE_syscall, .flags = CALLBACKF_mask_events,
        .address = (uint64_t)syscall_entry,
    };
    uint64_t l4_mfn, *l4;
    long rc;

    l4 = zeroed_frame(&l4_mfn);
    l4[511] = pt_walk(GUEST_VIRT_BASE, 4, NULL);
    /* A frame becomes a page table only once no writable mapping is left. */
    unmap_frame(l4);
    rc = pin_table(4, l4_mfn);
    if ( rc )
        return printk("pin user L4: %ld\n", rc), rc;
    rc = mmuext1(MMUEXT_NEW_USER_BASEPTR, l4_mfn, 0);
    if ( rc )
        return printk("new_user_baseptr: %ld\n", rc), rc;
    rc = HYPERVISOR_stack_switch(FLAT_KERNEL_SS,
                                 (uint64_t)kernel_entry_stack + sizeof(kernel_entry_stack));
    if ( rc )
        return printk("stack_switch: %ld\n", rc), rc;
    rc = HYPERVISOR_callback_op(CALLBACKOP_register, &cb);
    if ( rc )
        return printk("register syscall callback: %ld\n", rc), rc;
    install_trap(0x80, 3, true);
    return 0;
}

/*
 * Runs fn in ring 3 until it makes a syscall or takes an exception; fills
 * *exit with what happened.  fn must not return.
 */
int run_user(void (*fn)(void), struct user_exit *exit)
{
    memset(exit, 0, sizeof(*exit));
    user_exit = exit;
    user_ctx.rip = (uint64_t)fn;
    user_ctx.user_rsp = (uint64_t)user_stack + sizeof(user_stack) - 8;
    in_user = true;
    return enter_user(&user_ctx);
}

/* Called from do_trap() for every entry; takes those that left user mode. */
bool user_exit_from(struct guest_regs *regs)
{
    bool from_user = regs->vector == SYSCALL_VECTOR || (regs->cs & 3) == 3;

    if ( !in_user || !from_user )
        return false;
    in_user = false;
    user_exit->vector = regs->vector;
    user_exit->error_code = regs->error_code;
    user_exit->rip = regs->rip;
    user_exit->cs = regs->cs;
    user_exit->rax = regs->rax;
    user_exit->rdi = regs->rdi;
    user_exit->rflags = regs->rflags;
    leave_user(&user_ctx, 1);
}
