/*
 * Just enough ACPI to switch the machine off: find the FADT, take the PM1
 * control ports from it, and find the \_S5 sleep type in the DSDT.
 *
 * All tables are read through the boot direct map; a table outside it, or
 * with a bad checksum, is ignored, and poweroff then falls back to halting.
 */
#include <xen/lib.h>
#include <xen/multiboot.h>
#include <xen/string.h>
#include <asm/acpi.h>
#include <asm/io.h>
#include <asm/shutdown.h>

struct __packed acpi_rsdp {
    char signature[8];
    uint8_t checksum;
    char oem_id[6];
    uint8_t revision;
    uint32_t rsdt;
    uint32_t length;                    /* revision >= 2 from here */
    uint64_t xsdt;
    uint8_t ext_checksum;
    uint8_t reserved[3];
};

/* FADT byte offsets of the fields we need. */
#define FADT_DSDT           40
#define FADT_SMI_CMD        48
#define FADT_ACPI_ENABLE    52
#define FADT_PM1A_CNT       64
#define FADT_PM1B_CNT       68
#define FADT_X_DSDT         140

#define PM1_SCI_EN          (1u << 0)
#define PM1_SLP_TYP_SHIFT   10
#define PM1_SLP_EN          (1u << 13)

#define AML_ZERO_OP         0x00
#define AML_ONE_OP          0x01
#define AML_BYTE_PREFIX     0x0a
#define AML_PACKAGE_OP      0x12

#define MAX_TABLE_BYTES     (1u << 20)

static const struct acpi_rsdp *boot_rsdp;

static struct {
    bool ready;
    uint16_t pm1a_cnt, pm1b_cnt, smi_cmd;
    uint8_t acpi_enable;
    uint8_t slp_typ_a, slp_typ_b;
} s5;

static bool checksum_ok(const void *p, size_t len)
{
    const uint8_t *b = p;
    uint8_t sum = 0;

    while ( len-- )
        sum += *b++;
    return sum == 0;
}

static const struct acpi_rsdp *rsdp_scan(paddr_t start, size_t len)
{
    const char *base = boot_map(start, len);
    size_t off;

    for ( off = 0; base && off + 20 <= len; off += 16 )
        if ( !memcmp(base + off, "RSD PTR ", 8) && checksum_ok(base + off, 20) )
            return (const void *)(base + off);
    return NULL;
}

static const struct acpi_rsdp *rsdp_find(void)
{
    const uint16_t *ebda_seg = boot_map(0x40e, 2);
    const struct acpi_rsdp *r = NULL;

    if ( ebda_seg && *ebda_seg )
        r = rsdp_scan((paddr_t)*ebda_seg << 4, 1024);
    return r ? r : rsdp_scan(0xe0000, 0x20000);
}

static const struct acpi_table_header *table_map(paddr_t pa)
{
    const struct acpi_table_header *h = boot_map(pa, sizeof(*h));

    if ( !h || h->length < sizeof(*h) || h->length > MAX_TABLE_BYTES ||
         !(h = boot_map(pa, h->length)) || !checksum_ok(h, h->length) )
        return NULL;
    return h;
}

static const struct acpi_table_header *find_table(const struct acpi_rsdp *rsdp,
                                            const char sig[4])
{
    bool x = rsdp->revision >= 2 && rsdp->xsdt;
    const struct acpi_table_header *root = table_map(x ? rsdp->xsdt : rsdp->rsdt);
    size_t entry = x ? 8 : 4, n, i;

    if ( !root )
        return NULL;
    n = (root->length - sizeof(*root)) / entry;
    for ( i = 0; i < n; i++ )
    {
        const uint8_t *e = (const uint8_t *)(root + 1) + i * entry;
        uint64_t pa = 0;
        const struct acpi_table_header *t;

        memcpy(&pa, e, entry);
        t = table_map(pa);
        if ( t && !memcmp(t->signature, sig, 4) )
            return t;
    }
    return NULL;
}

static uint32_t read32(const void *base, size_t off)
{
    uint32_t v;

    memcpy(&v, (const uint8_t *)base + off, sizeof(v));
    return v;
}

/* An integer element of a package: ZeroOp, OneOp or BytePrefix n. */
static const uint8_t *aml_small_int(const uint8_t *p, const uint8_t *end,
                                    uint8_t *out)
{
    if ( p >= end )
        return NULL;
    if ( *p == AML_ZERO_OP || *p == AML_ONE_OP )
    {
        *out = *p;
        return p + 1;
    }
    if ( *p == AML_BYTE_PREFIX && p + 1 < end )
    {
        *out = p[1];
        return p + 2;
    }
    return NULL;
}

/* Finds `Name(_S5, Package() { SLP_TYPa, SLP_TYPb, ... })` in the DSDT. */
static bool parse_s5(const struct acpi_table_header *dsdt)
{
    const uint8_t *p = (const uint8_t *)(dsdt + 1);
    const uint8_t *end = (const uint8_t *)dsdt + dsdt->length;

    for ( ; p + 4 < end; p++ )
    {
        const uint8_t *q;
        unsigned int pkglen_bytes;

        if ( memcmp(p, "_S5_", 4) || p[4] != AML_PACKAGE_OP )
            continue;
        q = p + 5;
        if ( q >= end )
            return false;
        pkglen_bytes = (*q >> 6) + 1;   /* PkgLength lead byte encoding */
        q += pkglen_bytes + 1;          /* ... then NumElements */
        if ( q >= end )
            return false;
        q = aml_small_int(q, end, &s5.slp_typ_a);
        if ( !q || !aml_small_int(q, end, &s5.slp_typ_b) )
            return false;
        return true;
    }
    return false;
}

const void *acpi_find_table(const char sig[4])
{
    return boot_rsdp ? find_table(boot_rsdp, sig) : NULL;
}

void acpi_boot_init(const void *rsdp_hint)
{
    const struct acpi_rsdp *rsdp = rsdp_hint ? rsdp_hint : rsdp_find();
    const struct acpi_table_header *fadt, *dsdt = NULL;

    if ( !rsdp || !checksum_ok(rsdp, 20) )
    {
        printk("ACPI: no RSDP found; poweroff will halt instead\n");
        return;
    }
    boot_rsdp = rsdp;
    fadt = find_table(rsdp, "FACP");
    if ( !fadt || fadt->length < FADT_PM1B_CNT + 4 )
    {
        printk("ACPI: no usable FADT; poweroff will halt instead\n");
        return;
    }
    if ( fadt->length >= FADT_X_DSDT + 8 )
    {
        uint64_t x;

        memcpy(&x, (const uint8_t *)fadt + FADT_X_DSDT, sizeof(x));
        if ( x )
            dsdt = table_map(x);
    }
    if ( !dsdt )
        dsdt = table_map(read32(fadt, FADT_DSDT));

    s5.pm1a_cnt = read32(fadt, FADT_PM1A_CNT);
    s5.pm1b_cnt = read32(fadt, FADT_PM1B_CNT);
    s5.smi_cmd = read32(fadt, FADT_SMI_CMD);
    s5.acpi_enable = *((const uint8_t *)fadt + FADT_ACPI_ENABLE);
    if ( !dsdt || !s5.pm1a_cnt || !parse_s5(dsdt) )
    {
        printk("ACPI: no \\_S5 sleep state; poweroff will halt instead\n");
        return;
    }
    s5.ready = true;
    printk("ACPI: RSDP rev %u, PM1a_CNT %#x, S5 SLP_TYP %u/%u\n",
           rsdp->revision, s5.pm1a_cnt, s5.slp_typ_a, s5.slp_typ_b);
}

void acpi_enter_s5(void)
{
    unsigned int spins;

    if ( !s5.ready )
        return;
    /* Firmware may still own the chipset: ask it to hand over first. */
    if ( !(inw(s5.pm1a_cnt) & PM1_SCI_EN) && s5.smi_cmd && s5.acpi_enable )
    {
        outb(s5.acpi_enable, s5.smi_cmd);
        for ( spins = 0; spins < 1000000 && !(inw(s5.pm1a_cnt) & PM1_SCI_EN); spins++ )
            ;
    }
    outw((s5.slp_typ_a << PM1_SLP_TYP_SHIFT) | PM1_SLP_EN, s5.pm1a_cnt);
    if ( s5.pm1b_cnt )
        outw((s5.slp_typ_b << PM1_SLP_TYP_SHIFT) | PM1_SLP_EN, s5.pm1b_cnt);
}
