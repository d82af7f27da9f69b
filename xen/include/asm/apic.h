#ifndef ASM_X86_APIC_H
#define ASM_X86_APIC_H

#include <xen/types.h>

#define APIC_TIMER_VECTOR       0xf0
#define EVENT_CHECK_VECTOR      0xf1
#define CALL_FUNCTION_VECTOR    0xf2
#define APIC_ERROR_VECTOR       0xfe
#define SPURIOUS_APIC_VECTOR    0xff

#define ICR_INIT                0x00000500
#define ICR_STARTUP             0x00000600
#define ICR_LEVEL_ASSERT        0x00004000
#define ICR_BUSY                0x00001000

void pic_disable(void);
void apic_bsp_init(void);           /* chooses x2APIC or xAPIC, then local init */
void apic_local_init(void);         /* per CPU */
uint32_t apic_read_id(void);
void apic_eoi(void);
void apic_send_ipi(uint32_t apic_id, uint32_t vector);
int apic_send_icr(uint32_t apic_id, uint32_t icr);   /* raw: INIT, SIPI */
void apic_timer_program(uint64_t tsc_deadline);       /* 0 stops it */

/* From the ACPI MADT. */
struct platform_topology {
    unsigned int nr_cpus;
    uint32_t apic_ids[64];
    unsigned int nr_ioapics;
    struct { uint32_t id, address, gsi_base; } ioapic[8];
};
extern struct platform_topology topology;
void acpi_parse_madt(void);
void ioapic_init(void);

#endif /* ASM_X86_APIC_H */
