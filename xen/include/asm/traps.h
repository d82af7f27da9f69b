#ifndef ASM_X86_TRAPS_H
#define ASM_X86_TRAPS_H

#include <public/xen.h>
#include <asm/asm-offsets.h>   /* TRAP_nmi, TRAP_double_fault, ... */

#define TRAP_divide_error       0
#define TRAP_debug              1
#define TRAP_int3               3
#define TRAP_invalid_op         6
#define TRAP_no_device          7
#define TRAP_gp_fault           13
#define TRAP_page_fault         14
#define FIRST_EXTERNAL_VECTOR   32
#define INT80_VECTOR            0x80    /* guests' int $0x80; never a device */

typedef void (*intr_handler_t)(struct cpu_user_regs *regs);

void do_trap(struct cpu_user_regs *regs);
/* Routes an external vector (>= 32) to `fn`; the handler sends the EOI. */
void set_intr_handler(unsigned int vector, intr_handler_t fn);

void show_registers(const struct cpu_user_regs *regs);
/* The interrupted context while this CPU handles an IPI, else NULL. */
const struct cpu_user_regs *get_irq_regs(void);
void show_stack_trace(unsigned long rbp, unsigned long rip);

/* Symbol lookup in the image's own table; NULL when unknown. */
const char *symbol_lookup(unsigned long addr, unsigned long *offset,
                          unsigned long *size);

#endif /* ASM_X86_TRAPS_H */
