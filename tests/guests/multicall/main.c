/*
 * multicall: a batch of hypercalls in one entry, as Xen 4.17 runs it.
 *
 * Proves: every entry gets its own result (xen_version numbers, -EINVAL
 * from a bad vm_assist, -ENOSYS from an unknown hypercall number); a
 * failing entry does not stop the batch; a nested multicall entry is
 * refused with -EINVAL and the batch goes on; the multicall itself returns
 * 0; op and args are left as they were; an empty batch returns 0 and a
 * list in the hypervisor's range -EFAULT.  HYPERVISOR_iret inside a
 * multicall is not run as a hypercall that returns: it ends the batch
 * (later entries do not run), resumes the guest at the frame's RIP and
 * RSP, and the multicall returns the frame's RAX.
 */
#include "guest.h"

const char test_name[] = "multicall";

static struct multicall_entry mc[8];

static void set_entry(unsigned int i, unsigned long op, unsigned long a0, unsigned long a1)
{
    memset(&mc[i], 0, sizeof(mc[i]));
    mc[i].op = op;
    mc[i].args[0] = a0;
    mc[i].args[1] = a1;
    mc[i].result = 0xdeadbeef;
}

static void test_results(void)
{
    long rc;

    set_entry(0, __HYPERVISOR_xen_version, XENVER_version, 0);
    set_entry(1, __HYPERVISOR_vm_assist, VMASST_CMD_enable, 63);
    set_entry(2, 60, 0, 0);
    set_entry(3, __HYPERVISOR_xen_version, XENVER_pagesize, 0);
    set_entry(4, __HYPERVISOR_multicall, (unsigned long)&mc[0], 1);
    set_entry(5, __HYPERVISOR_vm_assist, VMASST_CMD_enable, VMASST_TYPE_runstate_update_flag);
    rc = HYPERVISOR_multicall(mc, 6);
    check_eq(rc, 0, "multicall of 6 entries returns 0");
    check_eq(mc[0].result, (4 << 16) | 17, "  entry 0: xen_version 4.17");
    check_eq(mc[1].result, -XEN_EINVAL, "  entry 1: vm_assist bad type -EINVAL");
    check_eq(mc[2].result, -XEN_ENOSYS, "  entry 2: unknown hypercall -ENOSYS");
    check_eq(mc[3].result, 4096, "  entry 3: after failures the batch goes on");
    check_eq(mc[4].result, -XEN_EINVAL, "  entry 4: nested multicall -EINVAL");
    check_eq(mc[5].result, 0, "  entry 5: runs after the nested one");
    check(mc[3].op == __HYPERVISOR_xen_version && mc[3].args[0] == XENVER_pagesize &&
          mc[4].args[0] == (unsigned long)&mc[0] && mc[4].args[1] == 1,
          "  ops and args left as they were");
    HYPERVISOR_vm_assist(VMASST_CMD_disable, VMASST_TYPE_runstate_update_flag);

    check_eq(HYPERVISOR_multicall(mc, 0), 0, "empty multicall returns 0");
    check_eq(HYPERVISOR_multicall((void *)HYPERVISOR_VIRT_START, 1), -XEN_EFAULT,
             "multicall list in the hypervisor's range: -EFAULT");
}

/*
 * multicall_with_iret(list, n): pushes an iret frame that resumes at 1f
 * with our stack, then makes the multicall.  Returns what RAX holds there.
 */
long multicall_with_iret(struct multicall_entry *list, unsigned long n);
asm (".pushsection .text\n"
     "multicall_with_iret:\n"
     "    push %rbx\n"
     "    mov  %rsp, %rbx\n"
     "    and  $-16, %rsp\n"
     "    pushq $0xe028\n"                      /* ss: kernel SS, RPL 0 as in frames */
     "    push %rbx\n"                          /* rsp */
     "    pushq $0x2\n"                         /* rflags: events stay masked */
     "    pushq $0xe030\n"                      /* cs: kernel CS, RPL 0: stay in kernel mode */
     "    lea  1f(%rip), %rax\n"
     "    push %rax\n"                          /* rip */
     "    pushq $0\n"                           /* flags */
     "    pushq $0\n"                           /* rcx */
     "    pushq $0\n"                           /* r11 */
     "    pushq $0x77\n"                        /* rax */
     "    mov  $13, %eax\n"                     /* __HYPERVISOR_multicall */
     "    syscall\n"
     "    mov  $-1, %rax\n"                     /* a plain return lands here */
     "1:  mov  %rbx, %rsp\n"
     "    pop  %rbx\n"
     "    ret\n"
     ".popsection\n");

static void test_iret(void)
{
    long rc;

    set_entry(0, __HYPERVISOR_xen_version, XENVER_version, 0);
    set_entry(1, __HYPERVISOR_iret, 0, 0);
    set_entry(2, __HYPERVISOR_vm_assist, VMASST_CMD_enable, VMASST_TYPE_runstate_update_flag);
    rc = multicall_with_iret(mc, 3);
    check_eq(rc, 0x77, "iret in a multicall resumes at the frame's RIP with its RAX");
    check_eq(mc[0].result, (4 << 16) | 17, "  the entry before it ran");
    check_eq(mc[1].result, 0x77, "  the iret entry's result is the frame's RAX");
    check_eq(mc[2].result, 0xdeadbeef, "  the entry after it did not run");
}

void test_main(void)
{
    test_results();
    test_iret();
}
