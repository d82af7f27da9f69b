/*
 * The little ACPI the hypervisor reads itself: table lookup for the MADT
 * (CPUs, IO-APICs), the HPET, and the FADT/DSDT for powering off.
 */
#ifndef ASM_X86_ACPI_H
#define ASM_X86_ACPI_H

#include <xen/compiler.h>
#include <xen/types.h>

/* The header every ACPI system description table starts with. */
struct __packed acpi_table_header {
    char signature[4];
    uint32_t length;
    uint8_t revision;
    uint8_t checksum;
    char oem_id[6];
    char oem_table_id[8];
    uint32_t oem_revision;
    uint32_t creator_id;
    uint32_t creator_revision;
};

void acpi_boot_init(const void *rsdp_hint);
/* A checksummed ACPI table by signature, through boot_map(); or NULL. */
const void *acpi_find_table(const char sig[4]);
/* ACPI S5 through the FADT's PM1 control blocks; returns only on failure. */
void acpi_enter_s5(void);

#endif /* ASM_X86_ACPI_H */
