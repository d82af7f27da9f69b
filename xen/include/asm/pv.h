/*
 * Interfaces between the parts of the PV guest support (arch/x86/pv/).
 */
#ifndef ASM_X86_PV_H
#define ASM_X86_PV_H

#include <xen/types.h>
#include <public/xen.h>

struct vcpu;
struct domain;

/* traps.c */
/* Per-CPU set-up for running PV guests: SYSCALL entry, PAT, FPU. */
void pv_cpu_init(unsigned int cpu);
void toggle_guest_mode(struct vcpu *v);
void pv_load_cr3(struct vcpu *v);
/* error_code < 0: the vector pushes none. */
void pv_inject_exception(struct vcpu *v, unsigned int vector, int error_code);
void pv_inject_page_fault(struct vcpu *v, unsigned long addr, uint32_t ec);
long do_iret(void);
long do_set_trap_table(XEN_GUEST_HANDLE_PARAM(trap_info_t) traps);
long do_stack_switch(unsigned long ss, unsigned long esp);
long do_set_segment_base(unsigned int which, unsigned long base);

/* hypercall.c */
void pv_hypercall(struct cpu_user_regs *regs);

/* emul-priv.c: true when the instruction was emulated (or a fault queued). */
bool pv_emulate_privileged_op(struct vcpu *v, struct cpu_user_regs *regs);
bool pv_emulate_forced_cpuid(struct vcpu *v, struct cpu_user_regs *regs);
/* General register n (0 = rax ... 15 = r15, ModRM/REX numbering). */
unsigned long *pv_gpr(struct cpu_user_regs *regs, unsigned int n);
void pv_set_pat(void);
unsigned long pv_initial_cr4(void);
void pv_cpuid(const struct vcpu *v, uint32_t leaf, uint32_t subleaf,
              uint32_t res[4]);

/* descriptors.c */
void pv_map_gdt_for_cpu(struct vcpu *v, unsigned int cpu);
void pv_destroy_gdt(struct vcpu *v);
int pv_set_gdt(struct vcpu *v, const unsigned long *frames, unsigned int entries);
int pv_set_ldt(struct vcpu *v, unsigned long base, unsigned int ents);
/* Where v's LDT is mapped for the CPU. */
unsigned long pv_ldt_window(const struct vcpu *v);
/* VCPUOP_initialise: v (not yet initialised) takes this register state. */
int arch_set_info_guest(struct vcpu *v, const vcpu_guest_context_t *c);
long pv_load_user_gs_selector(struct vcpu *v, unsigned long sel);

/* ptwr.c: a guest-kernel write to one of its own page tables. */
bool pv_ptwr_do_page_fault(struct vcpu *v, unsigned long addr,
                           struct cpu_user_regs *regs);

/* callback.c */
long do_callback_op(int cmd, XEN_GUEST_HANDLE_PARAM(void) arg);
long do_set_callbacks(unsigned long event, unsigned long failsafe,
                      unsigned long syscall);
long do_fpu_taskswitch(int set);
long do_vm_assist(unsigned int cmd, unsigned int type);
long do_set_debugreg(int reg, unsigned long value);
unsigned long do_get_debugreg(int reg);
long do_physdev_op(int cmd, XEN_GUEST_HANDLE_PARAM(void) arg);

/* arch/x86/domain.c */
uint64_t *perdomain_l1e(struct domain *d, unsigned long va);
uint64_t perdomain_l4e(const struct domain *d);
void fpu_init(void);
/* Arms the hardware debug registers with v's (or disarms them). */
void pv_load_debugregs(const struct vcpu *v);
/* A #DB hit: DR6's news goes to the current vCPU, which gets the #DB. */
void pv_debug_trap(struct vcpu *v);

/* dom0_build.c */
/* Builds d (vCPU 0 ready to run) from a kernel image; 0 or -errno. */
int pv_build_domain(struct domain *d, const void *kernel, size_t kernel_len,
                    const void *initrd, size_t initrd_len, const char *cmdline,
                    unsigned long nr_pages);

#endif /* ASM_X86_PV_H */
