/*
 * Switching the machine off.
 */
#include <xen/console.h>
#include <xen/lib.h>
#include <xen/spinlock.h>
#include <asm/acpi.h>
#include <asm/io.h>
#include <asm/processor.h>
#include <asm/shutdown.h>

/*
 * QEMU's isa-debug-exit device reads as 0 where an empty port reads as all
 * ones, so its presence can be probed before writing to a port that would
 * mean something else on real hardware.
 */
static bool debug_exit_present(void)
{
    return inb(DEBUG_EXIT_PORT) == 0;
}

void machine_power_off(enum poweroff_status status)
{
    local_irq_disable();
    printk("Powering off (%s)\n",
           status == POWEROFF_SUCCESS ? "success" : "failure");

    if ( debug_exit_present() )
        outb(status, DEBUG_EXIT_PORT);
    acpi_enter_s5();

    /*
     * Power does not drop at the instant of the write (an emulator finishes
     * the current instruction block first), so allow about a second before
     * declaring failure.  Port 0x80 reads take about a microsecond each.
     */
    for ( unsigned int i = 0; i < 1000000; i++ )
        inb(0x80);

    printk("Poweroff did not take effect; halting\n");
    for ( ; ; )
        halt();
}

void panic(const char *fmt, ...)
{
    va_list ap;

    local_irq_disable();
    spin_debug_disable();           /* locks are broken from here on */
    console_force_unlock();
    printk("\n****************************************\n");
    printk("Panic: ");
    va_start(ap, fmt);
    vprintk(fmt, ap);
    va_end(ap);
    printk("\n****************************************\n");
    machine_power_off(POWEROFF_FAILURE);
}

void assert_failed(const char *expr, const char *file, int line)
{
    panic("Assertion '%s' failed at %s:%d", expr, file, line);
}

/* Pulses the reset line through the keyboard controller, then 0xcf9. */
void machine_restart(void)
{
    unsigned int i;

    local_irq_disable();
    printk("Restarting the machine\n");
    for ( i = 0; i < 100000 && (inb(0x64) & 0x02); i++ )
        ;
    outb(0xfe, 0x64);
    outb(0x06, 0xcf9);
    for ( ; ; )
        halt();
}
