/*
 * Xen ELF notes and the checks Xen applies before building a PV domain
 * from an image (the semantics of Xen 4.17's libelf-dominfo.c, our code).
 *
 * Notes come from PT_NOTE segments; only if those hold no Xen note are
 * SHT_NOTE sections tried.  A note is {namesz, descsz, type, name, desc},
 * name and desc each padded to four bytes; ours have the name "Xen".
 * A later note of a type overrides an earlier one.
 */
#include <public/elfnote.h>
#include "libelf-private.h"

/* Bounds the work a hostile image can cause with overlapping note tables. */
#define MAX_TOTAL_NOTES     65536

/* 64-bit PV guests may use the lower half and the top of the upper half. */
#define GUEST_LOW_END       0x0000800000000000ULL
#define GUEST_HIGH_START    0xffff880000000000ULL

struct note {
    uint32_t type;
    const uint8_t *desc;
    uint32_t descsz;
};

struct note_scan {
    unsigned int total;         /* notes seen, any owner */
    unsigned int xen;           /* Xen notes parsed */
};

/* Names for the FEATURES note, indexed by XENFEAT_* bit. */
static const char *const feature_names[] = {
    [XENFEAT_writable_page_tables]       = "writable_page_tables",
    [XENFEAT_writable_descriptor_tables] = "writable_descriptor_tables",
    [XENFEAT_auto_translated_physmap]    = "auto_translated_physmap",
    [XENFEAT_supervisor_mode_kernel]     = "supervisor_mode_kernel",
    [XENFEAT_pae_pgdir_above_4gb]        = "pae_pgdir_above_4gb",
    [XENFEAT_mmu_pt_update_preserve_ad]  = "mmu_pt_update_preserve_ad",
    [XENFEAT_highmem_assist]             = "highmem_assist",
    [XENFEAT_gnttab_map_avail_bits]      = "gnttab_map_avail_bits",
    [XENFEAT_hvm_callback_vector]        = "hvm_callback_vector",
    [XENFEAT_hvm_safe_pvclock]           = "hvm_safe_pvclock",
    [XENFEAT_hvm_pirqs]                  = "hvm_pirqs",
    [XENFEAT_dom0]                       = "dom0",
    [XENFEAT_memory_op_vnode_supported]  = "memory_op_vnode_supported",
    [XENFEAT_ARM_SMCCC_supported]        = "ARM_SMCCC_supported",
    [XENFEAT_linux_rsdp_unrestricted]    = "linux_rsdp_unrestricted",
    [XENFEAT_not_direct_mapped]          = "not_direct_mapped",
    [XENFEAT_direct_mapped]              = "direct_mapped",
};
BUILD_BUG_ON(ARRAY_SIZE(feature_names) > 32 * XENFEAT_NR_SUBMAPS);

static void feature_set(uint32_t *map, unsigned int bit)
{
    map[bit / 32] |= 1U << (bit % 32);
}

static int feature_lookup(const char *name, size_t len)
{
    unsigned int i;

    for ( i = 0; i < ARRAY_SIZE(feature_names); i++ )
        if ( feature_names[i] && strlen(feature_names[i]) == len &&
             !memcmp(feature_names[i], name, len) )
            return i;
    return -1;
}

/*
 * "name|!name|...": each name is supported, "!" makes it required too.
 * Unknown supported names are ignored; an unknown required one means the
 * kernel needs something we cannot name, so the image is refused.
 */
static int parse_features(const char *s, size_t len, struct elf_xen_params *p,
                          const char **why)
{
    size_t pos = 0;

    while ( pos < len )
    {
        size_t end = pos;
        bool required = s[pos] == '!';
        int bit;

        while ( end < len && s[end] != '|' )
            end++;
        if ( required )
            pos++;
        bit = feature_lookup(s + pos, end - pos);
        if ( bit >= 0 )
        {
            feature_set(p->f_supported, bit);
            if ( required )
                feature_set(p->f_required, bit);
        }
        else if ( required )
            return elf_fail(why, "kernel requires an unknown feature",
                            -EOPNOTSUPP);
        pos = end + 1;
    }
    return 0;
}

/*
 * A string note's text ends at its first NUL or at the end of the
 * descriptor: Linux's FEATURES note (descsz 41) has no NUL of its own and
 * relies on the note padding, so a terminator cannot be required.  The
 * length is what bounds every later use, never a NUL search.
 */
static const char *note_string(const struct note *n, size_t *len)
{
    const char *s = (const char *)n->desc;

    *len = strnlen(s, n->descsz);
    return s;
}

static uint64_t get_le(const uint8_t *b, unsigned int size)
{
    uint64_t v = 0;

    while ( size-- )
        v = (v << 8) | b[size];
    return v;
}

/* A numeric note is 1, 2, 4 or 8 bytes, little-endian. */
static bool note_number(const struct note *n, uint64_t *val)
{
    if ( n->descsz != 1 && n->descsz != 2 && n->descsz != 4 && n->descsz != 8 )
        return false;
    *val = get_le(n->desc, n->descsz);
    return true;
}

static bool has_word(const char *s, size_t len, const char *word)
{
    size_t wlen = strlen(word), i;

    for ( i = 0; i + wlen <= len; i++ )
        if ( !strncmp(s + i, word, wlen) )
            return true;
    return false;
}

static void copy_string(char *dst, size_t dst_size, const char *src, size_t len)
{
    len = MIN(len, dst_size - 1);
    memcpy(dst, src, len);
    dst[len] = '\0';
}

static int string_note(const struct note *n, struct elf_xen_params *p,
                       const char **why)
{
    size_t len;
    const char *s = note_string(n, &len);

    switch ( n->type )
    {
    case XEN_ELFNOTE_GUEST_OS:
        copy_string(p->guest_os, sizeof(p->guest_os), s, len);
        break;
    case XEN_ELFNOTE_GUEST_VERSION:
        copy_string(p->guest_ver, sizeof(p->guest_ver), s, len);
        break;
    case XEN_ELFNOTE_XEN_VERSION:
        copy_string(p->xen_ver, sizeof(p->xen_ver), s, len);
        break;
    case XEN_ELFNOTE_LOADER:
        copy_string(p->loader, sizeof(p->loader), s, len);
        break;
    case XEN_ELFNOTE_PAE_MODE:
        /* "yes", "yes[extended-cr3]", "bimodal": all mean PAE tables. */
        p->pae = (len >= 3 && !strncmp(s, "yes", 3)) || has_word(s, len, "bimodal");
        break;
    case XEN_ELFNOTE_FEATURES:
        return parse_features(s, len, p, why);
    }
    return 0;
}

/* SUPPORTED_FEATURES: an array of 32-bit submaps, ORed into f_supported. */
static int features_note(const struct note *n, struct elf_xen_params *p,
                         const char **why)
{
    unsigned int i;

    if ( !n->descsz || n->descsz % 4 )
        return elf_fail(why, "malformed SUPPORTED_FEATURES note", -EINVAL);
    for ( i = 0; i < XENFEAT_NR_SUBMAPS && i < n->descsz / 4; i++ )
        p->f_supported[i] |= get_le(n->desc + 4 * i, 4);
    return 0;
}

/* L1_MFN_VALID: a mask and a value, two words of 4 or 8 bytes. */
static int l1_mfn_valid_note(const struct note *n, struct elf_xen_params *p,
                             const char **why)
{
    unsigned int w = n->descsz / 2;

    if ( n->descsz != 8 && n->descsz != 16 )
        return elf_fail(why, "malformed L1_MFN_VALID note", -EINVAL);
    p->l1_mfn_valid_present = true;
    p->l1_mfn_valid_mask = get_le(n->desc, w);
    p->l1_mfn_valid_value = get_le(n->desc + w, w);
    return 0;
}

static int numeric_note(const struct note *n, struct elf_xen_params *p,
                        const char **why)
{
    uint64_t val;

    if ( !note_number(n, &val) )
        return elf_fail(why, "Xen note with a bad number size", -EINVAL);
    switch ( n->type )
    {
    case XEN_ELFNOTE_ENTRY:          p->virt_entry = val; break;
    case XEN_ELFNOTE_HYPERCALL_PAGE: p->virt_hypercall = val; break;
    case XEN_ELFNOTE_VIRT_BASE:      p->virt_base = val; break;
    case XEN_ELFNOTE_PADDR_OFFSET:   p->elf_paddr_offset = val; break;
    case XEN_ELFNOTE_HV_START_LOW:   p->virt_hv_start_low = val; break;
    case XEN_ELFNOTE_INIT_P2M:       p->p2m_base = val; break;
    case XEN_ELFNOTE_PHYS32_ENTRY:   p->phys32_entry = val; break;
    case XEN_ELFNOTE_SUSPEND_CANCEL: p->suspend_cancel = !!val; break;
    case XEN_ELFNOTE_MOD_START_PFN:  p->mod_start_pfn = !!val; break;
    }
    return 0;
}

static int xen_note(const struct note *n, struct elf_xen_params *p,
                    const char **why)
{
    switch ( n->type )
    {
    case XEN_ELFNOTE_GUEST_OS:
    case XEN_ELFNOTE_GUEST_VERSION:
    case XEN_ELFNOTE_XEN_VERSION:
    case XEN_ELFNOTE_LOADER:
    case XEN_ELFNOTE_PAE_MODE:
    case XEN_ELFNOTE_FEATURES:
        return string_note(n, p, why);
    case XEN_ELFNOTE_SUPPORTED_FEATURES:
        return features_note(n, p, why);
    case XEN_ELFNOTE_L1_MFN_VALID:
        return l1_mfn_valid_note(n, p, why);
    case XEN_ELFNOTE_ENTRY:
    case XEN_ELFNOTE_HYPERCALL_PAGE:
    case XEN_ELFNOTE_VIRT_BASE:
    case XEN_ELFNOTE_PADDR_OFFSET:
    case XEN_ELFNOTE_HV_START_LOW:
    case XEN_ELFNOTE_INIT_P2M:
    case XEN_ELFNOTE_PHYS32_ENTRY:
    case XEN_ELFNOTE_SUSPEND_CANCEL:
    case XEN_ELFNOTE_MOD_START_PFN:
        return numeric_note(n, p, why);
    default:
        /* Unknown or informational (BSD_SYMTAB, INFO): ignored, as Xen. */
        return 0;
    }
}

static uint64_t round4(uint64_t v)
{
    return (v + 3) & ~3ULL;
}

/* Walks the notes in buf[off, off + len), which the caller range-checked. */
static int parse_notes(const struct elf_image *img, uint64_t off, uint64_t len,
                       struct elf_xen_params *p, struct note_scan *scan,
                       const char **why)
{
    static const uint8_t xen_name[4] = { 'X', 'e', 'n', '\0' };
    uint64_t pos = 0;

    while ( len - pos >= 12 )
    {
        const uint8_t *h = img->buf + off + pos;
        uint64_t namesz = get_le(h, 4), descsz = get_le(h + 4, 4);
        struct note n = { .type = get_le(h + 8, 4) };
        int rv;

        /* Sizes are 32-bit, so these sums cannot overflow 64 bits. */
        pos += 12;
        if ( round4(namesz) > len - pos ||
             descsz > len - pos - round4(namesz) )
            return elf_fail(why, "ELF note runs past its table", -EINVAL);
        if ( ++scan->total > MAX_TOTAL_NOTES )
            return elf_fail(why, "too many ELF notes", -EINVAL);

        n.desc = h + 12 + round4(namesz);
        n.descsz = descsz;
        if ( namesz == sizeof(xen_name) && !memcmp(h + 12, xen_name, 4) )
        {
            rv = xen_note(&n, p, why);
            if ( rv )
                return rv;
            scan->xen++;
        }
        pos += round4(namesz) + descsz;
        pos = MIN(round4(pos), len);
    }
    return 0;
}

static int find_notes(const struct elf_image *img, struct elf_xen_params *p,
                      const char **why)
{
    struct note_scan scan = { 0 };
    unsigned int i;
    int rv;

    for ( i = 0; i < img->ehdr.e_phnum; i++ )
    {
        struct elf64_phdr ph;

        elf_get_phdr(img, i, &ph);
        /* Some binutils leave p_offset 0 on note segments: skip those. */
        if ( ph.p_type != PT_NOTE || !ph.p_offset )
            continue;
        rv = parse_notes(img, ph.p_offset, ph.p_filesz, p, &scan, why);
        if ( rv )
            return rv;
    }

    for ( i = 1; !scan.xen && i < img->ehdr.e_shnum; i++ )
    {
        struct elf64_shdr sh;

        elf_get_shdr(img, i, &sh);
        if ( sh.sh_type != SHT_NOTE )
            continue;
        if ( !elf_range_ok(sh.sh_offset, sh.sh_size, img->size) )
            return elf_fail(why, "note section outside the image", -EINVAL);
        rv = parse_notes(img, sh.sh_offset, sh.sh_size, p, &scan, why);
        if ( rv )
            return rv;
    }

    if ( !scan.xen )
        return elf_fail(why, "not a Xen PV kernel: no Xen ELF notes",
                        -EOPNOTSUPP);
    return 0;
}

/* Xen runs images for the generic loader or Linux, built for xen-3.0. */
static int check_guest(const struct elf_xen_params *p, const char **why)
{
    if ( strncmp(p->loader, "generic", 7) && strncmp(p->guest_os, "linux", 5) )
        return elf_fail(why, "neither a generic-loader nor a Linux image",
                        -EOPNOTSUPP);
    if ( strncmp(p->xen_ver, "xen-3.0", 7) )
        return elf_fail(why, "image not built for Xen 3.0's interface",
                        -EOPNOTSUPP);
    return 0;
}

static bool guest_range_ok(uint64_t start, uint64_t end)
{
    return end <= GUEST_LOW_END || start >= GUEST_HIGH_START;
}

/* Defaults, the kernel's virtual range, and where things may lie in it. */
static int calc_addresses(const struct elf_image *img,
                          struct elf_xen_params *p, const char **why)
{
    uint64_t offset, len;

    if ( p->elf_paddr_offset != ELF_UNSET_ADDR &&
         p->virt_base == ELF_UNSET_ADDR )
        return elf_fail(why, "PADDR_OFFSET without VIRT_BASE", -EINVAL);
    if ( p->virt_base == ELF_UNSET_ADDR )
        p->virt_base = 0;
    if ( p->elf_paddr_offset == ELF_UNSET_ADDR )
        p->elf_paddr_offset = 0;
    if ( p->virt_entry == ELF_UNSET_ADDR )
        p->virt_entry = img->ehdr.e_entry;

    offset = p->virt_base - p->elf_paddr_offset;
    len = img->pend - img->pstart;
    p->virt_kstart = img->pstart + offset;
    if ( len > ~0ULL - p->virt_kstart ||
         ROUNDUP(p->virt_kstart + len, ELF_PAGE_SIZE) < p->virt_kstart + len )
        return elf_fail(why, "kernel wraps the address space", -EINVAL);
    p->virt_kend = ROUNDUP(p->virt_kstart + len, ELF_PAGE_SIZE);

    if ( p->virt_base > p->virt_kstart )
        return elf_fail(why, "kernel starts below VIRT_BASE", -EINVAL);
    if ( p->virt_entry < p->virt_kstart || p->virt_entry >= p->virt_kend )
        return elf_fail(why, "entry point outside the kernel", -EINVAL);
    if ( p->p2m_base != ELF_UNSET_ADDR && p->p2m_base >= p->virt_kstart &&
         p->p2m_base < p->virt_kend )
        return elf_fail(why, "INIT_P2M inside the kernel", -EINVAL);
    if ( p->virt_hypercall != ELF_UNSET_ADDR &&
         (p->virt_hypercall < p->virt_kstart ||
          p->virt_hypercall > p->virt_kend - ELF_PAGE_SIZE) )
        return elf_fail(why, "hypercall page outside the kernel", -EINVAL);
    if ( !guest_range_ok(p->virt_kstart, p->virt_kend) )
        return elf_fail(why, "kernel outside the guest's address range "
                        "(non-canonical or in the hypervisor hole)",
                        -EOPNOTSUPP);
    return 0;
}

int elf_xen_parse(const void *image, size_t size, struct elf_xen_params *p,
                  const char **why)
{
    struct elf_image img;
    int rv;

    memset(p, 0, sizeof(*p));
    p->virt_base = p->elf_paddr_offset = p->virt_entry = ELF_UNSET_ADDR;
    p->virt_hypercall = p->virt_hv_start_low = ELF_UNSET_ADDR;
    p->p2m_base = p->phys32_entry = ELF_UNSET_ADDR;

    rv = elf_image_init(&img, image, size, why);
    if ( !rv )
        rv = find_notes(&img, p, why);
    if ( !rv )
        rv = check_guest(p, why);
    if ( !rv )
        rv = calc_addresses(&img, p, why);
    return rv;
}
