/*
 * PV guests' exceptions, system calls and the way back into the guest.
 *
 * A 64-bit PV guest runs its kernel and its user code in ring 3, so every
 * exception, every `syscall` and every interrupt taken while it runs comes
 * here.  Exceptions are either emulated (privileged instructions, writes to
 * page tables) or "bounced": the hypervisor writes the frame the guest
 * kernel's handler expects onto the guest kernel stack and resumes the
 * guest at the handler (create_bounce_frame).  The frame and its rules are
 * those of Xen's 64-bit PV ABI; docs/architecture.md has the picture.
 */
#include <xen/errno.h>
#include <xen/guest_access.h>
#include <xen/lib.h>
#include <xen/param.h>
#include <xen/sched.h>
#include <xen/softirq.h>
#include <xen/string.h>
#include <asm/current.h>
#include <asm/desc.h>
#include <asm/processor.h>
#include <asm/traps.h>
#include <asm/pv.h>

#define X86_EFLAGS_TF       (1UL << 8)
#define X86_EFLAGS_IF       (1UL << 9)
#define X86_EFLAGS_DF       (1UL << 10)
#define X86_EFLAGS_IOPL     (3UL << 12)
#define X86_EFLAGS_NT       (1UL << 14)
#define X86_EFLAGS_RF       (1UL << 16)
#define X86_EFLAGS_VM       (1UL << 17)
#define X86_EFLAGS_AC       (1UL << 18)
#define X86_EFLAGS_VIF      (1UL << 19)
#define X86_EFLAGS_VIP      (1UL << 20)

#define PFEC_user_mode      (1U << 2)
#define X86_CR0_TS          (1UL << 3)

/* Per-CPU slots the LSTAR/CSTAR stubs address RIP-relatively (entry.S). */
unsigned long syscall_scratch[NR_CPUS];
unsigned long syscall_frame_top[NR_CPUS];
extern const char lstar_stubs[], lstar_stubs_end[], cstar_stubs[];

#define MSR_STAR            0xc0000081
#define MSR_LSTAR           0xc0000082
#define MSR_CSTAR           0xc0000083
#define MSR_SYSCALL_MASK    0xc0000084
#define MSR_FS_BASE         0xc0000100
#define MSR_GS_BASE         0xc0000101
#define MSR_SHADOW_GS_BASE  0xc0000102
#define EFER_SCE            (1UL << 0)

void pv_cpu_init(unsigned int cpu)
{
    unsigned long stub_size = (lstar_stubs_end - lstar_stubs) / NR_CPUS;

    syscall_frame_top[cpu] = guest_frame_top(get_cpu_info());
    wrmsr(MSR_LSTAR, (unsigned long)lstar_stubs + cpu * stub_size);
    wrmsr(MSR_CSTAR, (unsigned long)cstar_stubs + cpu * stub_size);
    /*
     * SYSRET is never used (returns go through IRET), but STAR's user half
     * must still be sane; the kernel half is the hypervisor's CS.
     */
    wrmsr(MSR_STAR, ((unsigned long)(FLAT_RING3_CS32 & ~3) << 48) |
                    ((unsigned long)HYPERVISOR_CS64_SEL << 32));
    /* Enter with interrupts off and a clean direction/trap/AC state. */
    wrmsr(MSR_SYSCALL_MASK, X86_EFLAGS_IF | X86_EFLAGS_DF | X86_EFLAGS_TF |
                            X86_EFLAGS_NT | X86_EFLAGS_AC | X86_EFLAGS_IOPL);
    wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_SCE);
    pv_set_pat();
    fpu_init();
}

/* --- Guest mode: kernel and user halves of one ring-3 vCPU. */

void pv_load_cr3(struct vcpu *v)
{
    unsigned long mfn = (v->arch.flags & TF_kernel_mode)
                        ? v->arch.pv.guest_table : v->arch.pv.guest_table_user;

    /* Guest mappings are never global, so a CR3 write flushes them all. */
    write_cr3(mfn << PAGE_SHIFT);
}

/*
 * The guest may change its live GS base itself (WRGSBASE), so the value to
 * keep is read back from the CPU, never assumed.
 */
void toggle_guest_mode(struct vcpu *v)
{
    struct pv_vcpu *pv = &v->arch.pv;

    if ( v->arch.flags & TF_kernel_mode )
    {
        pv->gs_base_kernel = rdmsr(MSR_GS_BASE);
        wrmsr(MSR_GS_BASE, pv->gs_base_user);
    }
    else
    {
        pv->gs_base_user = rdmsr(MSR_GS_BASE);
        wrmsr(MSR_GS_BASE, pv->gs_base_kernel);
    }
    v->arch.flags ^= TF_kernel_mode;
    pv_load_cr3(v);
}

static bool guest_kernel_mode(const struct vcpu *v)
{
    return v->arch.flags & TF_kernel_mode;
}

/* --- Bounces. */

void pv_inject_exception(struct vcpu *v, unsigned int vector, int error_code)
{
    const struct trap_info *ti = &v->arch.pv.trap_ctxt[vector & 0xff];
    struct trap_bounce *tb = &v->arch.trap_bounce;

    tb->flags = TBF_EXCEPTION;
    tb->eip = ti->address;
    tb->cs = ti->cs;
    tb->error_code = 0;
    if ( error_code >= 0 )
    {
        tb->flags |= TBF_EXCEPTION_ERRCODE;
        tb->error_code = error_code;
    }
    if ( TI_GET_IF(ti) )
        tb->flags |= TBF_INTERRUPT;
    if ( !ti->address )
    {
        domain_crash(v->domain, "vCPU %u: exception %u with no handler "
                     "registered (rip %#lx)", v->vcpu_id, vector,
                     guest_cpu_user_regs()->rip);
        tb->flags = 0;
    }
}

void pv_inject_page_fault(struct vcpu *v, unsigned long addr, uint32_t ec)
{
    /* The guest kernel reads the faulting address from its vcpu_info. */
    v->vcpu_info->arch.cr2 = addr;
    if ( guest_kernel_mode(v) )
        ec &= ~PFEC_user_mode;
    pv_inject_exception(v, TRAP_page_fault, ec);
}

static bool canonical(unsigned long va)
{
    return ((long)va >> 47) == 0 || ((long)va >> 47) == -1;
}

/*
 * Writes the guest-visible frame for a bounce to `handler` and points the
 * guest there.  From user mode the vCPU first becomes kernel-mode and the
 * frame goes on the registered kernel stack.  Returns false (domain
 * crashed) if the guest's stack cannot take the frame.
 */
static bool create_bounce_frame(struct vcpu *v, struct cpu_user_regs *regs,
                                unsigned long handler, bool has_error_code,
                                uint32_t error_code, bool mask_events)
{
    struct vcpu_info *vi = v->vcpu_info;
    uint8_t saved_mask = vi->evtchn_upcall_mask;
    unsigned long frame[8], sp, cs = regs->cs, rflags;
    unsigned int n = 0;

    if ( guest_kernel_mode(v) )
    {
        sp = regs->rsp;
        cs &= ~3UL;                     /* the guest kernel sees "ring 0" */
    }
    else
    {
        toggle_guest_mode(v);
        sp = v->arch.pv.kernel_sp;
    }
    sp &= ~15UL;

    rflags = regs->rflags & ~(X86_EFLAGS_IF | X86_EFLAGS_IOPL);
    if ( !saved_mask )
        rflags |= X86_EFLAGS_IF;

    /* Lowest address first: RCX, R11, [error code], RIP, CS, RFLAGS, RSP, SS. */
    frame[n++] = regs->rcx;
    frame[n++] = regs->r11;
    if ( has_error_code )
        frame[n++] = error_code;
    frame[n++] = regs->rip;
    frame[n++] = cs | ((unsigned long)saved_mask << 32);
    frame[n++] = rflags;
    frame[n++] = regs->rsp;
    frame[n++] = regs->ss;
    sp -= n * sizeof(unsigned long);

    if ( !canonical(handler) || copy_to_guest_va(sp, frame, n * sizeof(frame[0])) )
    {
        domain_crash(v->domain, "vCPU %u: cannot write a bounce frame at %#lx "
                     "(handler %#lx, rip %#lx)", v->vcpu_id, sp, handler,
                     regs->rip);
        return false;
    }

    regs->rip = handler;
    regs->cs = FLAT_KERNEL_CS;
    regs->ss = FLAT_KERNEL_SS;
    regs->rsp = sp;
    regs->rflags &= ~(X86_EFLAGS_TF | X86_EFLAGS_NT | X86_EFLAGS_RF |
                      X86_EFLAGS_VM | X86_EFLAGS_AC | X86_EFLAGS_IOPL);
    regs->rflags |= X86_EFLAGS_IF;      /* the real IF: guests never block IRQs */
    if ( mask_events )
        vi->evtchn_upcall_mask = 1;
    return true;
}

static void pv_bounce_syscall(struct vcpu *v, struct cpu_user_regs *regs,
                       unsigned long handler, bool mask_events)
{
    /* SYSCALL leaves only RCX/R11 and the return state; DF is cleared. */
    if ( !handler )
    {
        pv_inject_exception(v, TRAP_invalid_op, -1);
        return;
    }
    if ( create_bounce_frame(v, regs, handler, false, 0, mask_events) )
        regs->rflags &= ~X86_EFLAGS_DF;
}

static bool event_deliverable(const struct vcpu *v)
{
    const struct vcpu_info *vi = v->vcpu_info;

    return vi && ACCESS_ONCE(vi->evtchn_upcall_pending) &&
           !ACCESS_ONCE(vi->evtchn_upcall_mask) && v->arch.pv.event_callback_eip;
}

/* Deliver what is pending, most urgent first. */
static void deliver_pending(struct vcpu *v, struct cpu_user_regs *regs)
{
    struct trap_bounce *tb = &v->arch.trap_bounce;

    if ( tb->flags & TBF_EXCEPTION )
    {
        uint8_t flags = tb->flags;

        tb->flags = 0;
        create_bounce_frame(v, regs, tb->eip, flags & TBF_EXCEPTION_ERRCODE,
                            tb->error_code, flags & TBF_INTERRUPT);
        return;
    }
    if ( event_deliverable(v) )
        create_bounce_frame(v, regs, v->arch.pv.event_callback_eip, false, 0,
                            true);
}

/*
 * The last C code before IRET to a guest, entered with interrupts off.
 * Work (softirqs, bounces) runs with interrupts on, then everything is
 * checked again with them off, so nothing can become pending unseen
 * between the last check and the IRET.  A reschedule does not return
 * here but re-enters restore_all_guest for the next vCPU.
 */
/*
 * SYSRET is much cheaper than IRET (no descriptor loads), and after most
 * hypercalls the frame is exactly what SYSRET restores: back to the
 * instruction after SYSCALL in 64-bit guest code with RCX/R11 holding
 * RIP/RFLAGS.  A canonical RIP is required (SYSRET to a non-canonical
 * address faults in ring 0 on some CPUs).
 */
static bool frame_suits_sysret(const struct cpu_user_regs *regs)
{
    return regs->cs == FLAT_KERNEL_CS && regs->ss == FLAT_KERNEL_SS &&
           regs->rip == regs->rcx && regs->rflags == regs->r11 &&
           (regs->rflags & X86_EFLAGS_IF) &&
           !(regs->rflags & (X86_EFLAGS_TF | X86_EFLAGS_NT | X86_EFLAGS_RF |
                             X86_EFLAGS_VM)) &&
           canonical(regs->rip);
}

int pv_exit_work(struct cpu_user_regs *regs);
int pv_exit_work(struct cpu_user_regs *regs)
{
    for ( ; ; )
    {
        struct vcpu *v = current;

        if ( softirq_pending(smp_processor_id()) || !vcpu_runnable(v) )
        {
            if ( !vcpu_runnable(v) )
                raise_softirq(SCHEDULE_SOFTIRQ);
            local_irq_enable();
            do_softirq();
            local_irq_disable();
            continue;
        }
        if ( (v->arch.trap_bounce.flags & TBF_EXCEPTION) || event_deliverable(v) )
        {
            local_irq_enable();
            deliver_pending(v, regs);
            local_irq_disable();
            continue;
        }
        break;
    }
    return frame_suits_sysret(regs);
}

/*
 * An IRET to the guest that the CPU refused (a selector the guest made
 * unusable, e.g. an LDT code segment it then removed): as Xen 4.17 does,
 * the guest gets #GP with the CPU's error code at the frame that failed,
 * so Linux can signal the task that did it.  Without a #GP handler the
 * domain is crashed.  Entered with interrupts off, as the IRET was.
 */
void pv_iret_fault(struct cpu_user_regs *regs);
void pv_iret_fault(struct cpu_user_regs *regs)
{
    struct vcpu *v = current;
    uint32_t error_code = get_cpu_info()->fixup_error_code;

    local_irq_enable();
    if ( v->arch.pv.trap_ctxt[TRAP_gp_fault].address )
    {
        pv_inject_exception(v, TRAP_gp_fault, error_code);
        return;
    }
    domain_crash(v->domain, "vCPU %u: return to the guest faulted "
                 "(rip %#lx cs %#x ss %#x, error code %#x) and it has no "
                 "#GP handler", v->vcpu_id, regs->rip, regs->cs, regs->ss,
                 error_code);
}

/* --- Exceptions from the guest. */

static bool handle_software_interrupt(struct vcpu *v, struct cpu_user_regs *regs)
{
    uint8_t insn[2];
    const struct trap_info *ti;
    unsigned int dpl_needed;

    /*
     * `int $N` through a gate the CPU refused (every gate but 3 and 4 is
     * DPL 0) arrives as #GP.  QEMU 7.2 reports a wrong error code for it,
     * so the instruction itself decides, not the error code.
     */
    if ( copy_from_guest_va(insn, regs->rip, sizeof(insn)) || insn[0] != 0xcd )
        return false;
    ti = &v->arch.pv.trap_ctxt[insn[1]];
    dpl_needed = guest_kernel_mode(v) ? 1 : 3;
    if ( TI_GET_DPL(ti) < dpl_needed || !ti->address )
        return false;
    regs->rip += 2;
    pv_inject_exception(v, insn[1], -1);
    return true;
}

/*
 * SYSENTER from guest user mode.  Tessera leaves SYSENTER_CS zero, so on
 * CPUs where SYSENTER exists in long mode (Intel) it raises #GP(0) here;
 * elsewhere (AMD) it is #UD and goes to the guest as such, as on Xen.  As
 * on Xen, SYSENTER saves no return state, so the guest kernel's callback
 * sees RIP and RSP 0 (its user-space convention knows where to return);
 * with no callback registered the guest gets the #GP.
 */
static bool handle_sysenter(struct vcpu *v, struct cpu_user_regs *regs)
{
    uint8_t insn[2];
    unsigned long handler = v->arch.pv.sysenter_callback_eip;

    if ( guest_kernel_mode(v) || copy_from_guest_va(insn, regs->rip, sizeof(insn)) ||
         insn[0] != 0x0f || insn[1] != 0x34 || !handler )
        return false;
    regs->rip = 0;
    regs->rsp = 0;
    regs->cs = 3;
    regs->ss = FLAT_USER_SS;
    pv_bounce_syscall(v, regs, handler, v->arch.pv.sysenter_disables_events);
    return true;
}

static void guest_general_protection(struct vcpu *v, struct cpu_user_regs *regs)
{
    if ( handle_software_interrupt(v, regs) )
        return;
    if ( handle_sysenter(v, regs) )
        return;
    /* User mode too: port I/O is allowed there by a virtual IOPL of 3. */
    if ( pv_emulate_privileged_op(v, regs) )
        return;
    pv_inject_exception(v, TRAP_gp_fault, regs->error_code);
}

static void guest_invalid_op(struct vcpu *v, struct cpu_user_regs *regs)
{
    if ( pv_emulate_forced_cpuid(v, regs) )
        return;
    pv_inject_exception(v, TRAP_invalid_op, -1);
}

/*
 * A ring-3 IRETQ that faulted as a supervisor access.  Guests run in ring
 * 3, so every access they make is a user access; QEMU's TCG (7.2 and
 * others) nevertheless reads an IRET frame with supervisor rights, which
 * SMAP then refuses.  Linux executes such an IRETQ early (sync_core), so
 * the instruction is completed here as the CPU should have: a same-level
 * return popping RIP, CS, RFLAGS, RSP and SS.
 */
static bool emulate_ring3_iret(struct vcpu *v, struct cpu_user_regs *regs)
{
    uint8_t insn[2];
    unsigned long frame[5];

    if ( copy_from_guest_va(insn, regs->rip, sizeof(insn)) ||
         insn[0] != 0x48 || insn[1] != 0xcf )
        return false;
    if ( copy_from_guest_va(frame, regs->rsp, sizeof(frame)) )
        return false;                   /* a real fault: the guest gets it */
    /* A selector of another privilege is #GP(selector), as the CPU reports it. */
    if ( (frame[1] & 3) != 3 || (frame[4] & 3) != 3 )
    {
        pv_inject_exception(v, TRAP_gp_fault,
                            ((frame[1] & 3) != 3 ? frame[1] : frame[4]) & 0xfffc);
        return true;
    }
    if ( !canonical(frame[0]) || !canonical(frame[3]) )
    {
        pv_inject_exception(v, TRAP_gp_fault, 0);
        return true;
    }
    regs->rip = frame[0];
    regs->cs = frame[1];
    /* At CPL 3 with IOPL 0, IRET changes neither IF, IOPL, VIF nor VIP. */
    regs->rflags = (frame[2] & ~(X86_EFLAGS_IF | X86_EFLAGS_IOPL | X86_EFLAGS_VM |
                                 X86_EFLAGS_VIF | X86_EFLAGS_VIP)) |
                   (regs->rflags & (X86_EFLAGS_VIF | X86_EFLAGS_VIP)) | X86_EFLAGS_IF;
    regs->rsp = frame[3];
    regs->ss = frame[4];
    return true;
}

/* `trace-guest-faults=N`: log the first N page faults guests take. */
static unsigned int opt_trace_faults;
integer_param("trace-guest-faults", opt_trace_faults);

static void guest_page_fault(struct vcpu *v, struct cpu_user_regs *regs)
{
    unsigned long addr = read_cr2();

    if ( unlikely(opt_trace_faults) )
    {
        opt_trace_faults--;
        printk("d%u v%u page fault at %#lx, error code %#x, rip %#lx, %s mode\n",
               v->domain->domain_id, v->vcpu_id, addr, regs->error_code,
               regs->rip, guest_kernel_mode(v) ? "kernel" : "user");
    }

    if ( guest_kernel_mode(v) && (regs->error_code & 3) == 3 &&
         pv_ptwr_do_page_fault(v, addr, regs) )
        return;
    if ( !(regs->error_code & PFEC_user_mode) && emulate_ring3_iret(v, regs) )
        return;
    pv_inject_page_fault(v, addr, regs->error_code);
}

/*
 * The real TS is only set while the guest's virtual TS is.  Delivering the
 * #NM clears both, as Xen does: the guest's handler (Linux's lazy FPU
 * switch) expects to use the FPU at once, and a retried instruction runs.
 */
/*
 * DR6 says what fired; the guest reads it through get_debugreg.  The
 * hardware copy is cleared, as the guest's handler cannot do it itself.
 */
void pv_debug_trap(struct vcpu *v)
{
    unsigned long dr6;

    __asm__ __volatile__("mov %%db6, %0" : "=r"(dr6));
    __asm__ __volatile__("mov %0, %%db6" :: "r"(0xffff0ff0UL));
    v->arch.pv.debugreg[6] |= dr6 & 0xe00f;
    pv_inject_exception(v, TRAP_debug, -1);
}

static void guest_device_not_available(struct vcpu *v, struct cpu_user_regs *regs)
{
    pv_inject_exception(v, TRAP_no_device, -1);
    v->arch.pv.ctrlreg[0] &= ~X86_CR0_TS;
    __asm__ __volatile__("clts");
}

void do_guest_trap(struct cpu_user_regs *regs);
void do_guest_trap(struct cpu_user_regs *regs)
{
    struct vcpu *v = current;
    unsigned int vector = regs->entry_vector;

    /* The hardware frame must have landed on the fixed per-CPU one. */
    ASSERT(regs == guest_cpu_user_regs());

    /*
     * `int $0x80` goes straight to the guest's handler whatever DPL the
     * guest gave it, as on Xen (its gate is DPL 3; no device uses 0x80).
     */
    if ( vector == INT80_VECTOR )
    {
        pv_inject_exception(v, vector, -1);
        return;
    }
    if ( vector >= FIRST_EXTERNAL_VECTOR )
    {
        do_trap(regs);
        return;
    }
    /* A guest's exception is handled like a hypercall: interruptible. */
    local_irq_enable();
    switch ( vector )
    {
    case TRAP_gp_fault:
        guest_general_protection(v, regs);
        break;
    case TRAP_invalid_op:
        guest_invalid_op(v, regs);
        break;
    case TRAP_page_fault:
        guest_page_fault(v, regs);
        break;
    case TRAP_no_device:
        guest_device_not_available(v, regs);
        break;
    case TRAP_debug:
        pv_debug_trap(v);
        break;
    case 8: case 10: case 11: case 12: case 17: case 21:
        pv_inject_exception(v, vector, regs->error_code);
        break;
    default:
        pv_inject_exception(v, vector, -1);
        break;
    }
}

/* SYSCALL: a hypercall from guest kernel mode, a system call from user. */
void do_guest_syscall(struct cpu_user_regs *regs);
void do_guest_syscall(struct cpu_user_regs *regs)
{
    struct vcpu *v = current;
    struct pv_vcpu *pv = &v->arch.pv;

    local_irq_enable();
    if ( regs->entry_vector == TRAP_syscall32 )
    {
        regs->cs = FLAT_USER_CS32;
        regs->ss = FLAT_USER_SS32;
        if ( !guest_kernel_mode(v) )
            pv_bounce_syscall(v, regs, pv->syscall32_callback_eip,
                              pv->syscall32_disables_events);
        else
            pv_inject_exception(v, TRAP_invalid_op, -1);
        return;
    }
    if ( guest_kernel_mode(v) )
    {
        pv_hypercall(regs);
        return;
    }
    regs->cs = FLAT_USER_CS64;
    regs->ss = FLAT_USER_SS64;
    pv_bounce_syscall(v, regs, pv->syscall_callback_eip,
                      pv->syscall_disables_events);
}

/* --- HYPERVISOR_iret. */

long do_iret(void)
{
    struct vcpu *v = current;
    struct cpu_user_regs *regs = guest_cpu_user_regs();
    struct iret_context ic;

    if ( copy_from_guest_va(&ic, regs->rsp, sizeof(ic)) )
    {
        domain_crash(v->domain, "vCPU %u: HYPERVISOR_iret with an unreadable "
                     "frame at %#lx", v->vcpu_id, regs->rsp);
        return -EFAULT;
    }
    if ( !canonical(ic.rip) || !canonical(ic.rsp) )
    {
        domain_crash(v->domain, "vCPU %u: HYPERVISOR_iret to a non-canonical "
                     "address (rip %#lx rsp %#lx)", v->vcpu_id,
                     (unsigned long)ic.rip, (unsigned long)ic.rsp);
        return -EINVAL;
    }
    if ( (ic.cs & 3) == 3 )
    {
        if ( !v->arch.pv.guest_table_user )
        {
            domain_crash(v->domain, "vCPU %u: HYPERVISOR_iret to user mode "
                         "without a user page table", v->vcpu_id);
            return -EINVAL;
        }
        if ( guest_kernel_mode(v) )
            toggle_guest_mode(v);
    }
    regs->rip = ic.rip;
    regs->cs = ic.cs | 3;
    regs->rflags = (ic.rflags & ~(X86_EFLAGS_IOPL | X86_EFLAGS_VM)) | X86_EFLAGS_IF;
    regs->rsp = ic.rsp;
    regs->ss = ic.ss | 3;
    if ( !(ic.flags & VGCF_in_syscall) )
    {
        regs->r11 = ic.r11;
        regs->rcx = ic.rcx;
    }
    /* Restoring IF restores the event mask; delivery happens on the way out. */
    v->vcpu_info->evtchn_upcall_mask = !(ic.rflags & X86_EFLAGS_IF);
    return ic.rax;
}

/* --- Guest descriptors of handlers and stacks. */

long do_set_trap_table(XEN_GUEST_HANDLE_PARAM(trap_info_t) traps)
{
    struct vcpu *v = current;
    struct trap_info ti;
    unsigned int i;

    /* A null list resets everything; otherwise it ends at address 0. */
    if ( guest_handle_is_null(traps) )
    {
        memset(v->arch.pv.trap_ctxt, 0, sizeof(v->arch.pv.trap_ctxt));
        return 0;
    }
    for ( i = 0; i < 256; i++ )
    {
        if ( copy_from_guest_offset(&ti, traps, i, 1) )
            return -EFAULT;
        if ( ti.address == 0 )
            break;
        if ( !canonical(ti.address) )
            return -EINVAL;
        ti.cs |= 3;
        v->arch.pv.trap_ctxt[ti.vector] = ti;
    }
    return 0;
}

long do_stack_switch(unsigned long ss, unsigned long esp)
{
    struct vcpu *v = current;

    v->arch.pv.kernel_ss = ss | 3;
    v->arch.pv.kernel_sp = esp;
    return 0;
}

long do_set_segment_base(unsigned int which, unsigned long base)
{
    struct vcpu *v = current;

    switch ( which )
    {
    case SEGBASE_FS:
        if ( !canonical(base) )
            return -EINVAL;
        v->arch.pv.fs_base = base;
        wrmsr(MSR_FS_BASE, base);
        return 0;
    case SEGBASE_GS_USER:
        if ( !canonical(base) )
            return -EINVAL;
        /* Hypercalls run in kernel mode: the user base is the shadow copy. */
        v->arch.pv.gs_base_user = base;
        return 0;
    case SEGBASE_GS_KERNEL:
        if ( !canonical(base) )
            return -EINVAL;
        v->arch.pv.gs_base_kernel = base;
        wrmsr(MSR_GS_BASE, base);
        return 0;
    case SEGBASE_GS_USER_SEL:
        return pv_load_user_gs_selector(v, base);
    }
    return -EINVAL;
}
