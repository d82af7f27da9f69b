/*
 * Debug support for spinlocks (see xen/spinlock.h).
 */
#include <xen/lib.h>
#include <xen/spinlock.h>
#include <asm/traps.h>

bool spin_debug_enabled;

void spin_debug_irq_mismatch(const spinlock_t *l, bool irqs_off)
{
    spin_debug_enabled = false;     /* the report itself takes locks */
    printk("spinlock %p taken with interrupts %s, but first with them %s\n",
           (const void *)l, irqs_off ? "off" : "on", irqs_off ? "on" : "off");
    show_stack_trace((unsigned long)__builtin_frame_address(0),
                     (unsigned long)spin_debug_irq_mismatch);
    panic("spinlock used with inconsistent interrupt state (deadlock risk)");
}
