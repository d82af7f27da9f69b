/*
 * Multiboot 1 and 2 parsing (xen/arch/x86/boot/multiboot.c) on hand-made
 * loader data, including corrupt tables that must end the walk safely.
 * "Physical" addresses are host addresses below 4 GiB (MAP_32BIT), since
 * multiboot 1 stores 32-bit pointers.
 */
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <xen/multiboot.h>
#include "unit.h"

static unsigned char *arena;
static size_t arena_used;
#define ARENA_SIZE (1 << 20)

const void *boot_map(paddr_t pa, size_t len)
{
    uintptr_t base = (uintptr_t)arena;

    /* Like the hypervisor: refuse anything outside mapped memory. */
    if ( pa < base || pa + len < pa || pa + len > base + ARENA_SIZE )
        return NULL;
    return (const void *)(uintptr_t)pa;
}

static void *alloc(size_t n)
{
    void *p = arena + arena_used;

    arena_used += (n + 15) & ~15UL;
    memset(p, 0, n);
    return p;
}

static uint32_t pa32(const void *p)
{
    return (uint32_t)(uintptr_t)p;
}

static char *str(const char *s)
{
    return strcpy(alloc(strlen(s) + 1), s);
}

static void test_mb1(void)
{
    struct mb1_info *mbi = alloc(sizeof(*mbi));
    struct mb1_mmap_entry *mm = alloc(3 * sizeof(*mm));
    struct mb1_module *mods = alloc(2 * sizeof(*mods));
    static struct boot_info bi;

    mm[0] = (struct mb1_mmap_entry){ 20, 0, 0x9fc00, E820_RAM };
    mm[1] = (struct mb1_mmap_entry){ 20, 0x100000, 0x1ff00000, E820_RAM };
    mm[2] = (struct mb1_mmap_entry){ 20, 0xfffc0000, 0x40000, E820_RESERVED };
    mods[0] = (struct mb1_module){ 0x400000, 0x500000, pa32(str("vmlinuz console=hvc0")), 0 };
    mods[1] = (struct mb1_module){ 0x600000, 0x5fffff, 0, 0 };   /* end < start */
    mbi->flags = MB1_INFO_MEMORY | MB1_INFO_CMDLINE | MB1_INFO_MODS |
                 MB1_INFO_MEM_MAP | MB1_INFO_LOADER;
    mbi->mem_lower = 639;
    mbi->mem_upper = 523136;
    mbi->cmdline = pa32(str("/boot/tessera  selftest dom0_mem=512M"));
    mbi->boot_loader_name = pa32(str("qemu"));
    mbi->mods_count = 2;
    mbi->mods_addr = pa32(mods);
    mbi->mmap_length = 3 * sizeof(*mm);
    mbi->mmap_addr = pa32(mm);

    CHECK(multiboot_parse(MB1_BOOTLOADER_MAGIC, pa32(mbi), &bi) == 0, "parse");
    CHECK(bi.protocol == 1 && !strcmp(bi.loader, "qemu"), "loader %s", bi.loader);
    CHECK(!strcmp(bi.cmdline, "selftest dom0_mem=512M"), "image name stripped: '%s'", bi.cmdline);
    CHECK(bi.nr_mmap == 3 && bi.mmap[1].addr == 0x100000, "mmap %u", bi.nr_mmap);
    CHECK(boot_usable_bytes(&bi) == 0x9fc00 + 0x1ff00000ULL, "usable");
    CHECK(bi.nr_modules == 2 && !strcmp(bi.modules[0].cmdline, "vmlinuz console=hvc0"),
          "module 0");
    CHECK(bi.modules[1].end == bi.modules[1].start && !strcmp(bi.modules[1].cmdline, ""),
          "module 1 clamped, no string");
    CHECK(bi.have_meminfo && bi.mem_upper_kib == 523136, "meminfo");

    /* GRUB 2 does not put the image name first. */
    mbi->boot_loader_name = pa32(str("GRUB 2.06"));
    multiboot_parse(MB1_BOOTLOADER_MAGIC, pa32(mbi), &bi);
    CHECK(!strcmp(bi.cmdline, "/boot/tessera  selftest dom0_mem=512M"), "grub2 keeps: %s", bi.cmdline);

    /* A zero-sized entry would loop forever if trusted. */
    mm[1].size = 0;
    multiboot_parse(MB1_BOOTLOADER_MAGIC, pa32(mbi), &bi);
    CHECK(bi.nr_mmap == 1, "walk stops at corrupt entry (%u)", bi.nr_mmap);

    /* An unterminated string and pointers outside memory are not used. */
    {
        char *s = alloc(BOOT_MAX_STRING + 8);

        memset(s, 'x', BOOT_MAX_STRING + 8);
        mbi->boot_loader_name = pa32(s);
        mbi->mods_addr = 0xfffffff0;
        multiboot_parse(MB1_BOOTLOADER_MAGIC, pa32(mbi), &bi);
        CHECK(!strcmp(bi.loader, ""), "unterminated loader name dropped");
        CHECK(bi.nr_modules == 0, "unmapped module list ignored");
    }
    CHECK(multiboot_parse(0x12345678, pa32(mbi), &bi) == -22, "bad magic");
    CHECK(multiboot_parse(MB1_BOOTLOADER_MAGIC, 0x10, &bi) == 0 && bi.nr_mmap == 0,
          "unmapped info");
}

static unsigned char *mb2_tag(unsigned char **cur, uint32_t type, uint32_t size)
{
    unsigned char *t = *cur;

    memcpy(t, &type, 4);
    memcpy(t + 4, &size, 4);
    *cur += (size + 7) & ~7u;
    return t;
}

static void test_mb2(void)
{
    unsigned char *buf = alloc(4096), *cur = buf + 8, *t;
    static struct boot_info bi;
    struct mb2_mmap_entry e[2] = {
        { 0, 0x9fc00, E820_RAM, 0 }, { 0x100000, 0x3ff00000, E820_RAM, 0 },
    };
    uint32_t v, total;
    unsigned int i;

    t = mb2_tag(&cur, MB2_TAG_CMDLINE, 8 + 9);
    memcpy(t + 8, "selftest", 9);
    t = mb2_tag(&cur, MB2_TAG_LOADER, 8 + 10);
    memcpy(t + 8, "GRUB 2.06", 10);
    t = mb2_tag(&cur, MB2_TAG_MMAP, 16 + sizeof(e));
    v = sizeof(e[0]);
    memcpy(t + 8, &v, 4);
    memcpy(t + 16, e, sizeof(e));
    t = mb2_tag(&cur, MB2_TAG_MODULE, 16 + 7);
    v = 0x800000; memcpy(t + 8, &v, 4);
    v = 0x900000; memcpy(t + 12, &v, 4);
    memcpy(t + 16, "initrd", 7);
    t = mb2_tag(&cur, MB2_TAG_ACPI_OLD, 8 + 20);
    memcpy(t + 8, "RSD PTR ", 8);
    mb2_tag(&cur, MB2_TAG_END, 8);
    total = cur - buf;
    memcpy(buf, &total, 4);

    CHECK(multiboot_parse(MB2_BOOTLOADER_MAGIC, pa32(buf), &bi) == 0, "parse");
    CHECK(bi.protocol == 2 && !strcmp(bi.loader, "GRUB 2.06"), "loader");
    CHECK(!strcmp(bi.cmdline, "selftest"), "cmdline %s", bi.cmdline);
    CHECK(bi.nr_mmap == 2 && boot_usable_bytes(&bi) == 0x9fc00 + 0x3ff00000ULL, "mmap");
    CHECK(bi.nr_modules == 1 && bi.modules[0].start == 0x800000 &&
          !strcmp(bi.modules[0].cmdline, "initrd"), "module");
    CHECK(bi.acpi_rsdp && !memcmp(bi.acpi_rsdp, "RSD PTR ", 8), "rsdp");

    /* A tag claiming to run past total_size ends the walk. */
    v = 4000;
    memcpy(buf + 8 + 4, &v, 4);
    multiboot_parse(MB2_BOOTLOADER_MAGIC, pa32(buf), &bi);
    CHECK(!strcmp(bi.cmdline, "") && bi.nr_mmap == 0, "oversized tag");

    /* A tag of size < 8 would never advance. */
    v = 3;
    memcpy(buf + 8 + 4, &v, 4);
    multiboot_parse(MB2_BOOTLOADER_MAGIC, pa32(buf), &bi);
    CHECK(bi.nr_mmap == 0, "undersized tag");

    /* An unterminated string inside its tag is dropped, not over-read. */
    v = 8 + 9;
    memcpy(buf + 8 + 4, &v, 4);
    memset(buf + 16, 'A', 9);
    multiboot_parse(MB2_BOOTLOADER_MAGIC, pa32(buf), &bi);
    CHECK(!strcmp(bi.cmdline, "") && bi.nr_mmap == 2, "unterminated cmdline");

    /* More regions than the table holds are counted, not written past. */
    cur = buf + 8;
    t = mb2_tag(&cur, MB2_TAG_MMAP, 16 + 24 * (BOOT_MAX_MMAP + 5));
    v = 24;
    memcpy(t + 8, &v, 4);
    for ( i = 0; i < BOOT_MAX_MMAP + 5; i++ )
    {
        struct mb2_mmap_entry x = { (uint64_t)i << 20, 4096, E820_RAM, 0 };

        memcpy(t + 16 + 24 * i, &x, sizeof(x));
    }
    mb2_tag(&cur, MB2_TAG_END, 8);
    total = cur - buf;
    memcpy(buf, &total, 4);
    multiboot_parse(MB2_BOOTLOADER_MAGIC, pa32(buf), &bi);
    CHECK(bi.nr_mmap == BOOT_MAX_MMAP && bi.truncated == 5, "truncation %u/%u",
          bi.nr_mmap, bi.truncated);
}

int main(void)
{
    arena = mmap(NULL, ARENA_SIZE, PROT_READ | PROT_WRITE,
                 MAP_PRIVATE | MAP_ANONYMOUS | MAP_32BIT, -1, 0);
    if ( arena == MAP_FAILED )
    {
        perror("mmap");
        return 1;
    }
    test_mb1();
    test_mb2();
    return unit_finish("multiboot");
}
