/*
 * Constants shared by the runtime's assembly and C code.
 */
#ifndef GUEST_LAYOUT_H
#define GUEST_LAYOUT_H

/* Like Linux: pseudo-physical 0 is mapped at the top 2 GiB. */
#define GUEST_VIRT_BASE      0xffffffff80000000
#define PAGE_SIZE            4096
#define BOOT_STACK_SIZE      (4 * PAGE_SIZE)

/* Vectors whose hardware exception pushes an error code. */
#define EXC_HAS_ERRCODE_MASK ((1 << 8) | (1 << 10) | (1 << 11) | (1 << 12) | \
                              (1 << 13) | (1 << 14) | (1 << 17) | (1 << 21) | \
                              (1 << 29) | (1 << 30))

/* do_trap() sees a user-mode syscall as this pseudo-vector. */
#define SYSCALL_VECTOR       256

/* User mode runs with the event mask set (IF clear): no upcalls. */
#define USER_RFLAGS          0x2

#endif
