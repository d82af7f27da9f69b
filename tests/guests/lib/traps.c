/*
 * Exceptions: the virtual IDT (set_trap_table), the C side of the entry
 * stubs, and expected-fault recording.
 */
#include "guest.h"
#include "smp.h"

extern char trap_stubs[];
struct ex_entry { uint64_t insn, fixup; };
extern const struct ex_entry __start_ex_table[], __stop_ex_table[];

bool (*trap_hook)(struct guest_regs *regs);
uint64_t last_fault_cr2, last_fault_rip, last_fault_cs;

/* In user.c: user mode came back to the kernel. */
bool user_exit_from(struct guest_regs *regs);

uint64_t trap_entry_address(unsigned int vector)
{
    return (uint64_t)trap_stubs + vector * 16;
}

/*
 * Points one vector of the virtual IDT at its stub.  dpl is the lowest
 * privilege allowed to raise it with INT n; the guest kernel runs in
 * ring 3 too, so only DPL 3 lets even the kernel use INT n.
 */
void install_trap(unsigned int vector, unsigned int dpl, bool mask_events)
{
    struct trap_info t[2] = {
        { .vector = vector, .flags = dpl | (mask_events ? 4 : 0),
          .cs = FLAT_KERNEL_CS, .address = trap_entry_address(vector) },
        { 0 },
    };

    if ( HYPERVISOR_set_trap_table(t) )
        panic("set_trap_table(vector %u) failed", vector);
}

void traps_init(void)
{
    struct trap_info t[33];
    unsigned int v;
    long rc;

    memset(t, 0, sizeof(t));
    for ( v = 0; v < 32; v++ )
    {
        t[v].vector = v;
        /* int3 and into are meant to be used from any ring. */
        t[v].flags = (v == X86_EXC_BP || v == X86_EXC_OF) ? 3 : 0;
        t[v].cs = FLAT_KERNEL_CS;
        t[v].address = trap_entry_address(v);
    }
    rc = HYPERVISOR_set_trap_table(t);
    if ( rc )
        panic("set_trap_table: %ld", rc);
}

static const struct ex_entry *find_fixup(uint64_t rip)
{
    const struct ex_entry *e;

    for ( e = __start_ex_table; e < __stop_ex_table; e++ )
        if ( e->insn == rip )
            return e;
    return NULL;
}

static void dump_regs(const struct guest_regs *r)
{
    printk("vector %lu error %#lx at %04lx:%p rflags %#lx rsp %p ss %#lx cr2 %p\n",
           r->vector, r->error_code, r->cs, (void *)r->rip, r->rflags,
           (void *)r->rsp, r->ss, (void *)last_fault_cr2);
    printk("rax %016lx rbx %016lx rcx %016lx rdx %016lx\n",
           r->rax, r->rbx, r->rcx, r->rdx);
    printk("rsi %016lx rdi %016lx rbp %016lx\n", r->rsi, r->rdi, r->rbp);
}

void do_trap(struct guest_regs *regs)
{
    const struct ex_entry *e;

    if ( regs->vector == X86_EXC_PF )
        last_fault_cr2 = shared_info ? vcpu_info_of(this_vcpu_id())->arch.cr2 : 0;
    last_fault_rip = regs->rip;
    last_fault_cs = regs->cs;

    if ( user_exit_from(regs) )
        return;                     /* not reached: returns to run_user() */
    if ( trap_hook && trap_hook(regs) )
        return;
    e = find_fixup(regs->rip);
    if ( e )
    {
        regs->rax = FAULT_RECORDED | (regs->vector << 32) | (uint32_t)regs->error_code;
        regs->rip = e->fixup;
        /* A fault at a frame naming an LDT code selector (iret-gp) resumes
         * in our own kernel code, on the flat kernel selector. */
        if ( regs->cs & 4 )
            regs->cs = FLAT_KERNEL_CS & ~3;    /* as kernel-mode frames show it */
        return;
    }
    dump_regs(regs);
    panic("unexpected exception %lu at %p", regs->vector, (void *)regs->rip);
}
