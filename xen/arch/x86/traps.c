/*
 * Exceptions and interrupts taken in the hypervisor.
 *
 * Today every exception is fatal: nothing runs but the hypervisor, so an
 * exception is a hypervisor bug.  The report (registers, control registers,
 * a symbolized stack trace) is written before anything else can go wrong,
 * then the machine powers off with failure status.  Guest-mode exceptions
 * (bounced to the guest, or crashing only that guest) come with PV guests.
 */
#include <xen/lib.h>
#include <xen/version.h>
#include <asm/current.h>
#include <asm/desc.h>
#include <asm/extable.h>
#include <asm/processor.h>
#include <asm/shutdown.h>
#include <asm/traps.h>

#define MAX_TRACE_FRAMES 24

static intr_handler_t intr_handlers[256];

static const char *const exception_names[32] = {
    "divide error", "debug", "NMI", "breakpoint", "overflow",
    "bound range", "invalid opcode", "device not available", "double fault",
    "coprocessor segment overrun", "invalid TSS", "segment not present",
    "stack fault", "general protection", "page fault", "reserved",
    "x87 floating point", "alignment check", "machine check",
    "SIMD floating point", "virtualization", "control protection",
};

static const char *vector_name(unsigned int v)
{
    if ( v < 32 )
        return exception_names[v] ? exception_names[v] : "reserved";
    return "external interrupt";
}

static void print_symbol(const char *prefix, unsigned long addr)
{
    unsigned long off, size;
    const char *name = symbol_lookup(addr, &off, &size);

    if ( name )
        printk("%s[<%016lx>] %s+%#lx/%#lx\n", prefix, addr, name, off, size);
    else
        printk("%s[<%016lx>] ?\n", prefix, addr);
}

void show_registers(const struct cpu_user_regs *regs)
{
    printk("----[ %s ]----\n", TESSERA_BANNER);
    printk("CPU:    %u\n", smp_processor_id());
    print_symbol("RIP:    ", regs->rip);
    printk("CS:RIP  %04x:%016lx  RFLAGS %016lx  CONTEXT: %s\n", regs->cs,
           regs->rip, regs->rflags, (regs->cs & 3) ? "guest" : "hypervisor");
    printk("rax: %016lx   rbx: %016lx   rcx: %016lx\n", regs->rax, regs->rbx, regs->rcx);
    printk("rdx: %016lx   rsi: %016lx   rdi: %016lx\n", regs->rdx, regs->rsi, regs->rdi);
    printk("rbp: %016lx   rsp: %016lx   r8:  %016lx\n", regs->rbp, regs->rsp, regs->r8);
    printk("r9:  %016lx   r10: %016lx   r11: %016lx\n", regs->r9, regs->r10, regs->r11);
    printk("r12: %016lx   r13: %016lx   r14: %016lx\n", regs->r12, regs->r13, regs->r14);
    printk("r15: %016lx   ss:  %04x\n", regs->r15, regs->ss);
    printk("cr0: %016lx   cr2: %016lx   cr3: %016lx   cr4: %016lx\n",
           read_cr0(), read_cr2(), read_cr3(), read_cr4());
}

/*
 * Follows the frame-pointer chain (the image is built with frame pointers),
 * but only while it stays inside this CPU's stack block: a corrupt rbp must
 * not make the report itself fault.
 */
void show_stack_trace(unsigned long rbp, unsigned long rip)
{
    unsigned long block = get_cpu_info()->stack_block;
    unsigned int n;

    printk("Hypervisor stack trace:\n");
    print_symbol("   ", rip);
    for ( n = 0; n < MAX_TRACE_FRAMES; n++ )
    {
        const unsigned long *frame = (const unsigned long *)rbp;

        if ( !block || rbp < block || rbp + 16 > block + STACK_SIZE || (rbp & 7) ||
             in_stack_guard(block, rbp) || in_stack_guard(block, rbp + 8) )
            break;
        if ( frame[1] < XEN_VIRT_START || frame[1] >= XEN_VIRT_END )
            break;
        print_symbol("   ", frame[1]);
        if ( frame[0] <= rbp )
            break;      /* frames must move towards the stack's top */
        rbp = frame[0];
    }
}

static void describe_page_fault(const struct cpu_user_regs *regs)
{
    uint32_t ec = regs->error_code;

    printk("Page fault at %016lx: %s, %s, %s%s%s\n", read_cr2(),
           ec & 1 ? "protection violation" : "not present",
           ec & 2 ? "write" : "read", ec & 4 ? "user" : "supervisor",
           ec & 8 ? ", reserved bit set" : "", ec & 16 ? ", instruction fetch" : "");
}

/*
 * A stack that ran into its guard page: the fault (usually a #DF, since the
 * #PF could not be pushed) names the guard page in CR2.
 */
static void describe_stack_overflow(const struct cpu_user_regs *regs)
{
    unsigned long block = get_cpu_info()->stack_block, cr2 = read_cr2();

    if ( !block || !in_stack_guard(block, cr2) )
        return;
    printk("Stack overflow on CPU%u: %s stack ran into its guard page at %016lx "
           "(rsp %016lx, stack block %016lx)\n", smp_processor_id(),
           (cr2 - block) >> PAGE_SHIFT == STACK_GUARD_PAGE ? "the primary" : "an IST",
           cr2 & PAGE_MASK, regs->rsp, block);
}

static void __noreturn fatal_trap(const struct cpu_user_regs *regs)
{
    unsigned int v = regs->entry_vector;

    show_registers(regs);
    if ( v == TRAP_page_fault )
        describe_page_fault(regs);
    if ( v == TRAP_page_fault || v == TRAP_double_fault )
        describe_stack_overflow(regs);
    show_stack_trace(regs->rbp, regs->rip);
    panic("Fatal trap %u (%s) on CPU %u, error code %#x", v, vector_name(v),
          smp_processor_id(), regs->error_code);
}

void set_intr_handler(unsigned int vector, intr_handler_t fn)
{
    BUG_ON(vector < FIRST_EXTERNAL_VECTOR || vector > 255);
    intr_handlers[vector] = fn;
}

void do_trap(struct cpu_user_regs *regs)
{
    unsigned int v = regs->entry_vector;

    if ( v >= FIRST_EXTERNAL_VECTOR && intr_handlers[v] )
    {
        intr_handlers[v](regs);
        return;
    }
    if ( v >= FIRST_EXTERNAL_VECTOR )
    {
        printk("Unexpected interrupt vector %#x on CPU %u; ignored\n", v,
               smp_processor_id());
        return;
    }
    /*
     * A guest's data breakpoint hit while the hypervisor accessed guest
     * memory for it: the access is done (debug traps come after), and, as
     * on Xen, the guest is not told about accesses it did not make itself.
     */
    if ( v == TRAP_debug && !(regs->cs & 3) )
    {
        __asm__ __volatile__("mov %0, %%db6" :: "r"(0xffff0ff0UL));
        return;
    }
    /* A guest access or probe that was allowed to fault. */
    if ( (v == TRAP_page_fault || v == TRAP_gp_fault) && !(regs->cs & 3) )
    {
        unsigned long fixup = search_exception_table(regs->rip);

        if ( fixup )
        {
            get_cpu_info()->fixup_error_code = regs->error_code;
            regs->rip = fixup;
            return;
        }
    }
    fatal_trap(regs);
}
