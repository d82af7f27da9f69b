/*
 * Builds small ELF64 x86-64 images with Xen notes for the libelf tests and
 * the fuzz seeds: a Linux-like layout (VIRT_BASE 0xffffffff80000000, two
 * PT_LOAD segments placed by p_paddr, one with p_vaddr 0) that individual
 * tests then damage.
 */
#ifndef TESTS_ELF_BUILD_H
#define TESTS_ELF_BUILD_H

#include <stdint.h>
#include <string.h>

#define EB_SIZE         0x3000
#define EB_NOTES_OFF    0x200
#define EB_SEG0_OFF     0x1000
#define EB_SEG1_OFF     0x2000
#define EB_SHDR_OFF     0x2800

struct eb {
    uint8_t buf[EB_SIZE];
    size_t notes_len;
};

static inline void eb_put(struct eb *e, size_t off, uint64_t v, unsigned int n)
{
    while ( n-- )
    {
        e->buf[off++] = v;
        v >>= 8;
    }
}

/* Appends a note with owner name to the note area. */
static inline void eb_note(struct eb *e, const char *name, uint32_t type,
                           const void *desc, uint32_t descsz)
{
    size_t off = EB_NOTES_OFF + e->notes_len, namesz = strlen(name) + 1;

    eb_put(e, off, namesz, 4);
    eb_put(e, off + 4, descsz, 4);
    eb_put(e, off + 8, type, 4);
    memcpy(e->buf + off + 12, name, namesz);
    off += 12 + ((namesz + 3) & ~3);
    memcpy(e->buf + off, desc, descsz);
    e->notes_len = off + ((descsz + 3) & ~3) - EB_NOTES_OFF;
}

static inline void eb_note_str(struct eb *e, uint32_t type, const char *s)
{
    eb_note(e, "Xen", type, s, strlen(s) + 1);
}

static inline void eb_note_u64(struct eb *e, uint32_t type, uint64_t v)
{
    eb_note(e, "Xen", type, &v, 8);
}

/* Header, program headers (PT_LOAD x2, PT_NOTE) and section headers. */
static inline void eb_finish(struct eb *e, uint64_t entry)
{
    static const uint8_t ident[16] = { 0x7f, 'E', 'L', 'F', 2, 1, 1 };
    size_t ph = 64, sh = EB_SHDR_OFF;
    unsigned int i;

    memcpy(e->buf, ident, 16);
    eb_put(e, 16, 2, 2);                /* ET_EXEC */
    eb_put(e, 18, 62, 2);               /* EM_X86_64 */
    eb_put(e, 20, 1, 4);
    eb_put(e, 24, entry, 8);
    eb_put(e, 32, ph, 8);               /* e_phoff */
    eb_put(e, 40, sh, 8);               /* e_shoff */
    eb_put(e, 52, 64, 2);
    eb_put(e, 54, 56, 2);
    eb_put(e, 56, 3, 2);                /* e_phnum */
    eb_put(e, 58, 64, 2);
    eb_put(e, 60, 2, 2);                /* e_shnum: null + .notes */

    /* Text: 0x100 bytes of file, 0x2000 in memory (bss tail). */
    eb_put(e, ph + 0, 1, 4);
    eb_put(e, ph + 8, EB_SEG0_OFF, 8);
    eb_put(e, ph + 16, 0xffffffff81000000ULL, 8);
    eb_put(e, ph + 24, 0x1000000, 8);
    eb_put(e, ph + 32, 0x100, 8);
    eb_put(e, ph + 40, 0x2000, 8);
    /* Per-CPU style: p_vaddr 0, placed by p_paddr after the text. */
    eb_put(e, ph + 56 + 0, 1, 4);
    eb_put(e, ph + 56 + 8, EB_SEG1_OFF, 8);
    eb_put(e, ph + 56 + 24, 0x1002000, 8);
    eb_put(e, ph + 56 + 32, 0x80, 8);
    eb_put(e, ph + 56 + 40, 0x80, 8);
    /* The notes. */
    eb_put(e, ph + 112 + 0, 4, 4);
    eb_put(e, ph + 112 + 8, EB_NOTES_OFF, 8);
    eb_put(e, ph + 112 + 32, e->notes_len, 8);
    eb_put(e, ph + 112 + 40, e->notes_len, 8);

    /* Section 1: the same notes as SHT_NOTE. */
    eb_put(e, sh + 64 + 4, 7, 4);
    eb_put(e, sh + 64 + 24, EB_NOTES_OFF, 8);
    eb_put(e, sh + 64 + 32, e->notes_len, 8);

    for ( i = 0; i < 0x100; i++ )
        e->buf[EB_SEG0_OFF + i] = i;
    for ( i = 0; i < 0x80; i++ )
        e->buf[EB_SEG1_OFF + i] = 0xa0 ^ i;
}

/* The Debian 6.1 kernel's notes (linux-pv-guest-abi.md section 1.3). */
static inline void eb_linux_notes(struct eb *e)
{
    static const uint64_t l1[2] = { 1, 1 };
    uint32_t one = 1, feat = 0x8801;

    eb_note_str(e, 6, "linux");
    eb_note_str(e, 7, "2.6");
    eb_note_str(e, 5, "xen-3.0");
    eb_note_u64(e, 3, 0xffffffff80000000ULL);
    eb_note_u64(e, 15, 0x8000000000ULL);
    eb_note_u64(e, 1, 0xffffffff81000010ULL);
    eb_note_str(e, 10, "!writable_page_tables|pae_pgdir_above_4gb");
    eb_note(e, "Xen", 17, &feat, 4);
    eb_note_str(e, 9, "yes");
    eb_note_str(e, 8, "generic");
    eb_note(e, "Xen", 13, l1, 16);
    eb_note(e, "Xen", 14, &one, 4);
    eb_note(e, "Xen", 16, &one, 4);
    eb_note_u64(e, 12, 0xffff800000000000ULL);
    eb_note_u64(e, 4, 0);
    eb_note(e, "GNU", 3, "0123456789abcdefghij", 20);
    eb_note_u64(e, 18, 0x1000850);
}

#endif /* TESTS_ELF_BUILD_H */
