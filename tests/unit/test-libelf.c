/*
 * libelf (xen/common/libelf/) and bzimage_parse on hand-made images: each
 * Xen note, the defaults and address checks Xen applies, the loader's
 * writes, and images damaged in every header field that holds an offset,
 * size or count.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <xen/bzimage.h>
#include <xen/libelf.h>
#include "elf-build.h"
#include "unit.h"

#define XEN_EINVAL      22
#define XEN_EOPNOTSUPP  95

static int parse(const struct eb *e, struct elf_xen_params *p, const char **why)
{
    /* An exact-size heap copy, so ASan sees any read past the image. */
    uint8_t *copy = malloc(EB_SIZE);
    int rv;

    memcpy(copy, e->buf, EB_SIZE);
    *why = "";
    rv = elf_xen_parse(copy, EB_SIZE, p, why);
    free(copy);
    return rv;
}

static void linux_image(struct eb *e)
{
    memset(e, 0, sizeof(*e));
    eb_linux_notes(e);
    eb_finish(e, 0x1000000);
}

static void test_linux_notes(void)
{
    struct elf_xen_params p;
    struct eb e;
    const char *why;
    int rv;

    linux_image(&e);
    rv = parse(&e, &p, &why);
    CHECK(rv == 0, "parse: %d (%s)", rv, why);
    CHECK(!strcmp(p.guest_os, "linux"), "guest_os %s", p.guest_os);
    CHECK(!strcmp(p.guest_ver, "2.6"), "guest_ver %s", p.guest_ver);
    CHECK(!strcmp(p.xen_ver, "xen-3.0"), "xen_ver %s", p.xen_ver);
    CHECK(!strcmp(p.loader, "generic"), "loader %s", p.loader);
    CHECK(p.pae, "pae");
    CHECK(p.virt_base == 0xffffffff80000000ULL, "virt_base %#llx",
          (unsigned long long)p.virt_base);
    CHECK(p.elf_paddr_offset == 0, "paddr_offset");
    CHECK(p.virt_entry == 0xffffffff81000010ULL, "entry %#llx",
          (unsigned long long)p.virt_entry);
    CHECK(p.virt_hypercall == ELF_UNSET_ADDR, "hypercall page");
    CHECK(p.virt_hv_start_low == 0xffff800000000000ULL, "hv_start_low");
    CHECK(p.p2m_base == 0x8000000000ULL, "p2m_base");
    CHECK(p.phys32_entry == 0x1000850, "phys32_entry");
    CHECK(p.virt_kstart == 0xffffffff81000000ULL, "kstart %#llx",
          (unsigned long long)p.virt_kstart);
    CHECK(p.virt_kend == 0xffffffff81003000ULL, "kend %#llx (page-rounded)",
          (unsigned long long)p.virt_kend);
    /* FEATURES gives bits 0 and 4, SUPPORTED_FEATURES 0, 11 and 15. */
    CHECK(p.f_supported[0] == 0x8811, "supported %#x", p.f_supported[0]);
    CHECK(p.f_required[0] == 0x1, "required %#x", p.f_required[0]);
    CHECK(p.l1_mfn_valid_present && p.l1_mfn_valid_mask == 1 &&
          p.l1_mfn_valid_value == 1, "l1_mfn_valid");
    CHECK(p.suspend_cancel && p.mod_start_pfn, "flags");
}

struct write_log {
    unsigned int calls, fail_at;
    uint64_t va[8];
    size_t len[8];
    bool zero[8];
    uint8_t mem[0x3000];        /* guest VA 0xffffffff81000000 up */
};

static int log_write(void *ctx, uint64_t va, const void *src, size_t len)
{
    struct write_log *l = ctx;
    uint64_t base = 0xffffffff81000000ULL;

    if ( l->calls == l->fail_at )
        return -1234;
    if ( l->calls < 8 )
    {
        l->va[l->calls] = va;
        l->len[l->calls] = len;
        l->zero[l->calls] = !src;
    }
    l->calls++;
    if ( va < base || va - base + len > sizeof(l->mem) )
        return -1;
    if ( src )
        memcpy(l->mem + (va - base), src, len);
    else
        memset(l->mem + (va - base), 0, len);
    return 0;
}

static void test_load(void)
{
    struct elf_xen_params p;
    struct write_log log = { .fail_at = ~0U };
    struct eb e;
    const char *why;
    unsigned int i;
    int rv;

    linux_image(&e);
    CHECK(parse(&e, &p, &why) == 0, "parse (%s)", why);
    memset(log.mem, 0x55, sizeof(log.mem));
    rv = elf_xen_load(e.buf, EB_SIZE, &p, log_write, &log);
    CHECK(rv == 0, "load: %d", rv);
    CHECK(log.calls == 3, "%u writes", log.calls);
    CHECK(log.va[0] == 0xffffffff81000000ULL && log.len[0] == 0x100 &&
          !log.zero[0], "text copy");
    CHECK(log.va[1] == 0xffffffff81000100ULL && log.len[1] == 0x1f00 &&
          log.zero[1], "bss zeroing");
    /* The p_vaddr 0 segment lands at VIRT_BASE + p_paddr. */
    CHECK(log.va[2] == 0xffffffff81002000ULL && log.len[2] == 0x80 &&
          !log.zero[2], "per-cpu segment by paddr");
    for ( i = 0; i < 0x100; i++ )
        CHECK(log.mem[i] == i, "text byte %u", i);
    for ( i = 0x100; i < 0x2000; i++ )
        CHECK(log.mem[i] == 0, "bss byte %#x", i);
    CHECK(log.mem[0x2000] == 0xa0 && log.mem[0x207f] == (0xa0 ^ 0x7f),
          "per-cpu bytes");

    /* The first failing write stops the load and is returned. */
    memset(&log, 0, sizeof(log));
    log.fail_at = 1;
    rv = elf_xen_load(e.buf, EB_SIZE, &p, log_write, &log);
    CHECK(rv == -1234 && log.calls == 1, "write error: %d after %u", rv,
          log.calls);

    /* Parameters that do not describe this image are refused. */
    p.virt_kstart += 0x1000;
    memset(&log, 0, sizeof(log));
    log.fail_at = ~0U;
    rv = elf_xen_load(e.buf, EB_SIZE, &p, log_write, &log);
    CHECK(rv == -XEN_EINVAL && log.calls == 0, "foreign params: %d", rv);
}

/* Notes only in an SHT_NOTE section; no ENTRY note: e_entry is used. */
static void test_sections_and_defaults(void)
{
    struct elf_xen_params p;
    struct eb e;
    const char *why;
    int rv;

    memset(&e, 0, sizeof(e));
    eb_note_str(&e, 6, "linux");
    eb_note_str(&e, 5, "xen-3.0");
    eb_note_u64(&e, 3, 0xffffffff80000000ULL);
    eb_finish(&e, 0xffffffff81000040ULL);
    eb_put(&e, 64 + 112, 0, 4);         /* PT_NOTE becomes PT_NULL */
    rv = parse(&e, &p, &why);
    CHECK(rv == 0, "section notes: %d (%s)", rv, why);
    CHECK(p.virt_entry == 0xffffffff81000040ULL, "entry from e_entry");
    CHECK(p.p2m_base == ELF_UNSET_ADDR && p.phys32_entry == ELF_UNSET_ADDR &&
          p.virt_hv_start_low == ELF_UNSET_ADDR && !p.l1_mfn_valid_present &&
          !p.pae && !p.f_supported[0], "absent notes stay unset");

    /* No VIRT_BASE: 0, so the kernel sits at its physical address. */
    memset(&e, 0, sizeof(e));
    eb_note_str(&e, 8, "generic");
    eb_note_str(&e, 5, "xen-3.0");
    eb_finish(&e, 0x1000000);
    rv = parse(&e, &p, &why);
    CHECK(rv == 0 && p.virt_base == 0 && p.virt_kstart == 0x1000000,
          "no VIRT_BASE: %d (%s)", rv, why);
}

/* Builds the Linux image with one extra note appended (later notes win). */
static int parse_with_note(uint32_t type, const void *desc, uint32_t descsz,
                           struct elf_xen_params *p, const char **why)
{
    struct eb e;

    memset(&e, 0, sizeof(e));
    eb_linux_notes(&e);
    eb_note(&e, "Xen", type, desc, descsz);
    eb_finish(&e, 0x1000000);
    return parse(&e, p, why);
}

static int parse_with_str(uint32_t type, const char *s,
                          struct elf_xen_params *p, const char **why)
{
    return parse_with_note(type, s, strlen(s) + 1, p, why);
}

static int parse_with_u64(uint32_t type, uint64_t v, struct elf_xen_params *p,
                          const char **why)
{
    return parse_with_note(type, &v, 8, p, why);
}

static void test_note_values(void)
{
    struct elf_xen_params p;
    const char *why;
    uint32_t u32 = 0x11223344;
    uint16_t u16 = 0x2000;
    uint8_t u8 = 0;
    uint32_t l1_32[2] = { 0x3, 0x1 };
    int rv;

    rv = parse_with_str(10, "dom0|!pae_pgdir_above_4gb|no_such_feature|",
                        &p, &why);
    CHECK(rv == 0 && p.f_supported[0] == (0x8801 | 0x800 | 0x10) &&
          p.f_required[0] == 0x11, "features: %d %#x %#x", rv,
          p.f_supported[0], p.f_required[0]);
    rv = parse_with_str(10, "!no_such_feature", &p, &why);
    CHECK(rv == -XEN_EOPNOTSUPP, "unknown required feature: %d", rv);

    rv = parse_with_str(9, "bimodal", &p, &why);
    CHECK(rv == 0 && p.pae, "PAE bimodal");
    rv = parse_with_str(9, "yes[extended-cr3]", &p, &why);
    CHECK(rv == 0 && p.pae, "PAE extended-cr3");
    rv = parse_with_str(9, "no", &p, &why);
    CHECK(rv == 0 && !p.pae, "PAE no");

    rv = parse_with_str(6, "a-guest-os-name-much-longer-than-31-characters",
                        &p, &why);
    CHECK(rv == 0 && strlen(p.guest_os) == 31 &&
          !strncmp(p.guest_os, "a-guest-os-name", 15), "long string truncated");

    rv = parse_with_u64(2, 0xffffffff81001000ULL, &p, &why);
    CHECK(rv == 0 && p.virt_hypercall == 0xffffffff81001000ULL,
          "hypercall page: %d", rv);
    rv = parse_with_u64(2, 0xffffffff81003000ULL, &p, &why);
    CHECK(rv == -XEN_EINVAL, "hypercall page past the end: %d", rv);

    rv = parse_with_note(14, &u8, 1, &p, &why);
    CHECK(rv == 0 && !p.suspend_cancel, "1-byte SUSPEND_CANCEL 0");
    rv = parse_with_note(12, &u16, 2, &p, &why);
    CHECK(rv == 0 && p.virt_hv_start_low == 0x2000, "2-byte number");
    rv = parse_with_note(18, &u32, 4, &p, &why);
    CHECK(rv == 0 && p.phys32_entry == 0x11223344, "4-byte number");
    rv = parse_with_note(18, &u32, 3, &p, &why);
    CHECK(rv == -XEN_EINVAL, "3-byte number: %d", rv);
    rv = parse_with_note(13, l1_32, 8, &p, &why);
    CHECK(rv == 0 && p.l1_mfn_valid_mask == 3 && p.l1_mfn_valid_value == 1,
          "32-bit L1_MFN_VALID");
    rv = parse_with_note(13, l1_32, 4, &p, &why);
    CHECK(rv == -XEN_EINVAL, "short L1_MFN_VALID: %d", rv);
    rv = parse_with_note(17, &u32, 2, &p, &why);
    CHECK(rv == -XEN_EINVAL, "short SUPPORTED_FEATURES: %d", rv);
    /* Text ends at the descriptor's end if no NUL comes first (Linux). */
    rv = parse_with_note(6, "unterminated", 12, &p, &why);
    CHECK(rv == 0 && !strcmp(p.guest_os, "unterminated"),
          "unterminated string: %d %s", rv, p.guest_os);
    rv = parse_with_note(10, "dom0|!pae_pgdir_above_4gbXXX", 25, &p, &why);
    CHECK(rv == 0 && p.f_required[0] == 0x11, "unterminated FEATURES: %d %#x",
          rv, p.f_required[0]);
    rv = parse_with_note(6, "", 0, &p, &why);
    CHECK(rv == 0 && !p.guest_os[0], "empty string note: %d", rv);
    rv = parse_with_note(99, "", 0, &p, &why);
    CHECK(rv == 0, "unknown note type ignored: %d", rv);
}

/* The address checks: Xen's, plus the 64-bit PV guest range. */
static void test_address_checks(void)
{
    struct elf_xen_params p;
    const char *why;
    int rv;

    rv = parse_with_u64(1, 0xffffffff81003000ULL, &p, &why);
    CHECK(rv == -XEN_EINVAL, "entry at the end: %d", rv);
    rv = parse_with_u64(1, 0xffffffff80ffffffULL, &p, &why);
    CHECK(rv == -XEN_EINVAL, "entry below: %d", rv);
    rv = parse_with_u64(15, 0xffffffff81001000ULL, &p, &why);
    CHECK(rv == -XEN_EINVAL, "INIT_P2M inside the kernel: %d", rv);
    rv = parse_with_u64(3, 0xffffffff81800000ULL, &p, &why);
    CHECK(rv == -XEN_EINVAL, "VIRT_BASE above the kernel: %d", rv);
    rv = parse_with_u64(4, 0x2000000, &p, &why);
    CHECK(rv == -XEN_EINVAL, "PADDR_OFFSET above the kernel: %d (%s)", rv, why);

    /* VIRT_BASE moving the kernel into the hypervisor hole, or non-canonical. */
    {
        struct eb e;
        static const uint64_t bases[] = { 0xffff800000000000ULL,
                                          0xffff87fffeffe000ULL,
                                          0x00007ffffff00000ULL,
                                          0x8000000000000000ULL };
        unsigned int i;

        for ( i = 0; i < 4; i++ )
        {
            memset(&e, 0, sizeof(e));
            eb_note_str(&e, 6, "linux");
            eb_note_str(&e, 5, "xen-3.0");
            eb_note_u64(&e, 3, bases[i]);
            eb_finish(&e, 0x1000000);
            eb_put(&e, 24, bases[i] + 0x1000000, 8);
            rv = parse(&e, &p, &why);
            CHECK(rv == -XEN_EOPNOTSUPP, "base %#llx: %d (%s)",
                  (unsigned long long)bases[i], rv, why);
        }

        /* PADDR_OFFSET without VIRT_BASE. */
        memset(&e, 0, sizeof(e));
        eb_note_str(&e, 6, "linux");
        eb_note_str(&e, 5, "xen-3.0");
        eb_note_u64(&e, 4, 0);
        eb_finish(&e, 0x1000000);
        rv = parse(&e, &p, &why);
        CHECK(rv == -XEN_EINVAL, "PADDR_OFFSET alone: %d", rv);

        /* Not for Xen 3.0, or neither generic nor Linux. */
        memset(&e, 0, sizeof(e));
        eb_note_str(&e, 6, "linux");
        eb_note_str(&e, 5, "xen-2.0");
        eb_finish(&e, 0x1000000);
        CHECK(parse(&e, &p, &why) == -XEN_EOPNOTSUPP, "xen-2.0");
        memset(&e, 0, sizeof(e));
        eb_note_str(&e, 6, "plan9");
        eb_note_str(&e, 8, "special");
        eb_note_str(&e, 5, "xen-3.0");
        eb_finish(&e, 0x1000000);
        CHECK(parse(&e, &p, &why) == -XEN_EOPNOTSUPP, "plan9");

        /* No Xen note at all. */
        memset(&e, 0, sizeof(e));
        eb_note(&e, "GNU", 3, "abcd", 4);
        eb_finish(&e, 0x1000000);
        CHECK(parse(&e, &p, &why) == -XEN_EOPNOTSUPP, "no Xen notes");
    }
}

/* Damages one header field of the Linux image and expects rv. */
static void damaged(size_t off, uint64_t val, unsigned int n, int want,
                    const char *what)
{
    struct elf_xen_params p;
    struct eb e;
    const char *why;
    int rv;

    linux_image(&e);
    eb_put(&e, off, val, n);
    rv = parse(&e, &p, &why);
    CHECK(rv == want, "%s: %d, want %d (%s)", what, rv, want, why);
}

static void test_malformed(void)
{
    const size_t ph = 64, note = EB_NOTES_OFF;
    struct elf_xen_params p;
    struct eb e;
    const char *why;
    size_t n;

    damaged(0, 0x7f454c47, 4, -XEN_EINVAL, "bad magic");
    damaged(4, 1, 1, -XEN_EOPNOTSUPP, "ELFCLASS32");
    damaged(5, 2, 1, -XEN_EOPNOTSUPP, "big-endian");
    damaged(6, 0, 1, -XEN_EINVAL, "EI_VERSION 0");
    damaged(18, 3, 2, -XEN_EOPNOTSUPP, "EM_386");
    damaged(16, 1, 2, -XEN_EOPNOTSUPP, "ET_REL");
    damaged(32, ~0ULL - 10, 8, -XEN_EINVAL, "e_phoff overflow");
    damaged(32, EB_SIZE - 100, 8, -XEN_EINVAL, "e_phoff near the end");
    damaged(56, 0xffff, 2, -XEN_EINVAL, "e_phnum huge");
    damaged(54, 32, 2, -XEN_EINVAL, "e_phentsize");
    damaged(56, 0, 2, -XEN_EINVAL, "no program headers");
    damaged(40, ~0ULL - 63, 8, -XEN_EINVAL, "e_shoff overflow");
    damaged(58, 40, 2, -XEN_EINVAL, "e_shentsize");
    damaged(ph + 8, ~0ULL - 0x50, 8, -XEN_EINVAL, "p_offset overflow");
    damaged(ph + 32, ~0ULL, 8, -XEN_EINVAL, "p_filesz huge");
    damaged(ph + 32, 0x2001, 8, -XEN_EINVAL, "p_filesz > p_memsz");
    damaged(ph + 24, ~0ULL - 0x1000, 8, -XEN_EINVAL, "p_paddr + p_memsz wraps");
    damaged(ph + 112 + 8, ~0ULL - 4, 8, -XEN_EINVAL, "note p_offset overflow");
    damaged(ph + 112 + 32, EB_SIZE, 8, -XEN_EINVAL, "note p_filesz past end");
    damaged(note, 0xffffffff, 4, -XEN_EINVAL, "note namesz huge");
    damaged(note + 4, 0xfffffff0, 4, -XEN_EINVAL, "note descsz huge");
    damaged(note + 4, 0x1000, 4, -XEN_EINVAL, "note descsz past table");
    /* A PT_NOTE with p_offset 0 is skipped (old binutils): SHT_NOTE serves. */
    damaged(ph + 112 + 8, 0, 8, 0, "note p_offset 0");

    /*
     * Every truncation of a valid image is refused without overreading,
     * up to the end of its last structure (the section headers).
     */
    linux_image(&e);
    for ( n = 0; n < EB_SHDR_OFF + 2 * 64; n += n < 0x300 ? 1 : 61 )
    {
        uint8_t *copy = malloc(n ? n : 1);

        memcpy(copy, e.buf, n);
        CHECK(elf_xen_parse(copy, n, &p, &why) < 0, "prefix %zu accepted", n);
        free(copy);
    }
    CHECK(elf_xen_parse(NULL, 0, &p, &why) == -XEN_EINVAL, "NULL image");
}

/* Fails (-1) any write outside the kernel range parse reported. */
static int range_write(void *ctx, uint64_t va, const void *src, size_t len)
{
    const struct elf_xen_params *p = ctx;

    (void)src;
    return va >= p->virt_kstart && va <= p->virt_kend &&
           len <= p->virt_kend - va ? 0 : -1;
}

/* Random byte damage in the headers: anything but a crash is fine. */
static void test_random_damage(void)
{
    struct elf_xen_params p;
    struct eb e;
    const char *why;
    unsigned int i, accepted = 0;

    srand(1);
    for ( i = 0; i < 20000; i++ )
    {
        unsigned int k;

        linux_image(&e);
        for ( k = 0; k < 1 + i % 4; k++ )
            e.buf[rand() % (EB_NOTES_OFF + e.notes_len)] = rand();
        if ( elf_xen_parse(e.buf, EB_SIZE, &p, &why) == 0 )
        {
            accepted++;
            /* The loader's writes stay inside what parse reported. */
            CHECK(elf_xen_load(e.buf, EB_SIZE, &p, range_write, &p) == 0,
                  "write outside the kernel");
        }
    }
    CHECK(accepted > 0, "no damaged image accepted at all");
}

static void bz_image(uint8_t *b, size_t size, uint8_t sects, uint16_t ver,
                     uint32_t off, uint32_t len)
{
    memset(b, 0, size);
    b[0x1f1] = sects;
    memcpy(b + 0x202, "HdrS", 4);
    b[0x206] = ver;
    b[0x207] = ver >> 8;
    memcpy(b + 0x248, &off, 4);
    memcpy(b + 0x24c, &len, 4);
}

static void test_bzimage(void)
{
    static uint8_t b[0x2000];
    const void *payload;
    size_t plen, dlen;
    int rv;

    /* setup_sects 3: protected mode at 0x800; payload at 0x800 + 0x100. */
    bz_image(b, sizeof(b), 3, 0x20f, 0x100, 0x40);
    memcpy(b + 0x900, "\xfd" "7zXZ", 6);
    memcpy(b + 0x93c, "\x78\x56\x34\x12", 4);
    rv = bzimage_parse(b, sizeof(b), &payload, &plen, &dlen);
    CHECK(rv == 0 && payload == b + 0x900 && plen == 0x3c && dlen == 0x12345678,
          "bzImage: %d len %zu dlen %#zx", rv, plen, dlen);

    /* setup_sects 0 means 4: protected mode at 0xa00. */
    bz_image(b, sizeof(b), 0, 0x208, 0x10, 0x20);
    memcpy(b + 0xa10, "\xfd" "7zXZ", 6);
    rv = bzimage_parse(b, sizeof(b), &payload, &plen, &dlen);
    CHECK(rv == 0 && payload == b + 0xa10, "setup_sects 0: %d", rv);

    bz_image(b, sizeof(b), 3, 0x207, 0x100, 0x40);
    CHECK(bzimage_parse(b, sizeof(b), &payload, &plen, &dlen) == -XEN_EINVAL,
          "protocol 2.07");
    bz_image(b, sizeof(b), 3, 0x20f, 0x100, 0x40);
    b[0x202] = 'h';
    CHECK(bzimage_parse(b, sizeof(b), &payload, &plen, &dlen) == -XEN_EINVAL,
          "no HdrS");
    bz_image(b, sizeof(b), 3, 0x20f, 0xffffffff, 0x40);
    CHECK(bzimage_parse(b, sizeof(b), &payload, &plen, &dlen) == -XEN_EINVAL,
          "payload offset overflow");
    bz_image(b, sizeof(b), 3, 0x20f, 0x100, 0x1701);
    CHECK(bzimage_parse(b, sizeof(b), &payload, &plen, &dlen) == -XEN_EINVAL,
          "payload past the end");
    bz_image(b, sizeof(b), 0xff, 0x20f, 0, 0x40);
    CHECK(bzimage_parse(b, sizeof(b), &payload, &plen, &dlen) == -XEN_EINVAL,
          "setup past the end");
    bz_image(b, sizeof(b), 3, 0x20f, 0x100, 0x9);
    CHECK(bzimage_parse(b, sizeof(b), &payload, &plen, &dlen) == -XEN_EINVAL,
          "payload too short");
    bz_image(b, sizeof(b), 3, 0x20f, 0x100, 0x40);
    memcpy(b + 0x900, "\x1f\x8b\x08", 3);
    CHECK(bzimage_parse(b, sizeof(b), &payload, &plen, &dlen) ==
          -XEN_EOPNOTSUPP, "gzip payload");
    CHECK(bzimage_parse(b, 0x24f, &payload, &plen, &dlen) == -XEN_EINVAL,
          "image shorter than the header");

    /* An ELF image is not a bzImage. */
    {
        struct eb e;

        linux_image(&e);
        CHECK(bzimage_parse(e.buf, EB_SIZE, &payload, &plen, &dlen) ==
              -XEN_EINVAL, "ELF taken for a bzImage");
    }
}

int main(void)
{
    test_linux_notes();
    test_load();
    test_sections_and_defaults();
    test_note_values();
    test_address_checks();
    test_malformed();
    test_random_damage();
    test_bzimage();
    return unit_finish("test-libelf");
}
