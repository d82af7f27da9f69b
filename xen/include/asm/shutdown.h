#ifndef ASM_X86_SHUTDOWN_H
#define ASM_X86_SHUTDOWN_H

#include <xen/compiler.h>
#include <xen/types.h>

/*
 * How the machine ends.  Under QEMU with `-device isa-debug-exit,iobase=0xf4`
 * the status becomes QEMU's exit code: (code << 1) | 1, i.e. 33 for success
 * and 35 for failure; a harness reads that instead of parsing the log.
 */
enum poweroff_status {
    POWEROFF_SUCCESS = 0x10,
    POWEROFF_FAILURE = 0x11,
};

#define DEBUG_EXIT_PORT 0xf4

void __noreturn machine_power_off(enum poweroff_status status);
void __noreturn machine_restart(void);


#endif /* ASM_X86_SHUTDOWN_H */
