/*
 * dom0-firmware: what of the machine's firmware and clock a PV dom0 may
 * touch directly, as Xen 4.17 allows it.
 *
 * Proves, for dom0: the CMOS clock at ports 0x70/0x71 reaches the hardware
 * RTC (Xen 4.17 emulates those ports for the hardware domain): register A
 * runs the 32.768 kHz divider, register B does not halt updates and keeps
 * 24-hour mode, the seconds register ticks by one about a second apart and
 * agrees with the wall clock in shared_info (also read from the RTC at
 * boot); the BIOS area (0xF0000-0xFFFFF) can be mapped read-only and holds
 * the SMBIOS ("_SM_") or ACPI ("RSD PTR ") signature; the local APIC page
 * (0xFEE00), the hypervisor's own, cannot be mapped (-EPERM, Xen's answer
 * for MMIO a domain is denied), while the IO-APIC page (0xFEC00) can be
 * mapped read-only (Xen 4.17 puts it in its read-only MMIO ranges; a
 * writable request, which Xen quietly makes read-only and Tessera
 * refuses, is not tested).
 * The domU side (all-ones from the RTC, no firmware frames) is in
 * tests/guests/domu-peer.
 */
#include "guest.h"
#include "events.h"

const char test_name[] = "dom0-firmware";

static char window[PAGE_SIZE] __aligned(PAGE_SIZE);

static long set_iopl(unsigned int iopl)
{
    struct physdev_set_iopl s = { .iopl = iopl };

    return HYPERVISOR_physdev_op(PHYSDEVOP_set_iopl, &s);
}

static uint8_t cmos_read(uint8_t reg)
{
    uint8_t v;

    asm volatile ("outb %b1, $0x70; inb $0x71, %b0" : "=a" (v) : "a" (reg));
    return v;
}

static unsigned int bcd(uint8_t v, bool binary)
{
    return binary ? v : (v >> 4) * 10 + (v & 15);
}

static uint64_t now_ns(void)
{
    return system_time_ns();
}

/* Waits for the seconds register to change; returns its new value, or -1. */
static int next_second(bool binary, unsigned int from, uint64_t *when)
{
    uint64_t start = now_ns();
    unsigned int s;

    while ( now_ns() - start < 3000000000ULL )
    {
        if ( cmos_read(0x0a) & 0x80 )          /* update in progress */
            continue;
        s = bcd(cmos_read(0x00), binary);
        if ( s != from )
        {
            *when = now_ns();
            return s;
        }
    }
    return -1;
}

static void test_rtc(void)
{
    uint8_t a, b;
    bool binary;
    unsigned int s0;
    int s1, s2;
    uint64_t t1 = 0, t2 = 0, wall;
    uint32_t ver;

    if ( !check_eq(set_iopl(1), 0, "set_iopl(1)") )
        return;
    a = cmos_read(0x0a);
    b = cmos_read(0x0b);
    printk("RTC register A %#x, B %#x\n", a, b);
    check_eq(a & 0x70, 0x20, "register A: the 32.768 kHz divider runs");
    check_eq(b & 0x80, 0, "register B: updates are not halted");
    check_eq(b & 0x02, 0x02, "register B: 24-hour mode");
    binary = b & 0x04;
    s0 = bcd(cmos_read(0x00), binary);
    check(s0 < 60, "seconds register %u is a second", s0);
    s1 = next_second(binary, s0, &t1);
    if ( !check(s1 >= 0, "the seconds register changes within 3 s") )
        return;
    s2 = next_second(binary, s1, &t2);
    if ( !check(s2 >= 0, "and changes again") )
        return;
    check_eq(s2, (s1 + 1) % 60, "the second change adds one second");
    check(t2 - t1 > 700000000ULL && t2 - t1 < 1300000000ULL,
          "about a second between the changes (%lu us)",
          (unsigned long)((t2 - t1) / 1000));

    do {
        ver = shared_info->wc_version;
        __atomic_thread_fence(__ATOMIC_SEQ_CST);
        wall = shared_info->wc_sec + (now_ns() + shared_info->wc_nsec) / 1000000000ULL;
        __atomic_thread_fence(__ATOMIC_SEQ_CST);
    } while ( (ver & 1) || ver != shared_info->wc_version );
    s2 = bcd(cmos_read(0x00), binary);
    check((unsigned int)((wall % 60) + 60 - s2) % 60 <= 2 ||
          (unsigned int)(s2 + 60 - (wall % 60)) % 60 <= 2,
          "the RTC seconds (%d) agree with shared_info's wall clock (%lu)",
          s2, (unsigned long)(wall % 60));
    set_iopl(0);
}

static long map_ro(uint64_t mfn)
{
    return set_pte_va(window, (mfn << 12) | PAGE_RO_FLAGS | _PAGE_NX, UVMF_INVLPG);
}

static void test_bios_area(void)
{
    uint64_t mfn;
    unsigned int off, found = 0;
    long rc;

    for ( mfn = 0xf0; mfn <= 0xff; mfn++ )
    {
        rc = map_ro(mfn);
        if ( !check_eq(rc, 0, "map a BIOS frame read-only") )
            return;
        for ( off = 0; off < PAGE_SIZE; off += 16 )
            if ( !memcmp(window + off, "_SM_", 4) || !memcmp(window + off, "_SM3_", 5) ||
                 !memcmp(window + off, "RSD PTR ", 8) )
            {
                printk("signature %.4s at %#lx\n", window + off,
                       (unsigned long)(mfn << 12) + off);
                found++;
            }
    }
    check(found > 0, "the BIOS area holds an SMBIOS or ACPI signature (%u found)", found);
}

void test_main(void)
{
    check(start_info->flags & SIF_INITDOMAIN, "we are the initial domain");
    test_rtc();
    test_bios_area();
    check_eq(map_ro(0xfee00), -XEN_EPERM, "the local APIC page cannot be mapped");
    check_eq(map_ro(0xfec00), 0, "the IO-APIC page can be mapped read-only");
    set_pte_va(window, 0, UVMF_INVLPG);
}
