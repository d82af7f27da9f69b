/*
 * The whole loader on Debian's real kernel (linux-image-6.1.0-*-amd64):
 * bzImage header, XZ payload (x86 BCJ + LZMA2, CRC32) decompressed to the
 * size its trailer announces, Xen notes and PT_LOAD layout as recorded in
 * shared/docs/linux-pv-guest-abi.md sections 1.1-1.3, and every segment
 * loaded.  The image comes from tests/unit/fetch-kernel (argv[1]) and is
 * cached in argv[2]; without network the test is skipped (exit 77).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <xen/bzimage.h>
#include <xen/libelf.h>
#include <xen/xz.h>
#include "unit.h"

#define VIRT_BASE       0xffffffff80000000ULL
#define KSTART          0xffffffff81000000ULL

static uint8_t *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    uint8_t *buf = NULL;
    long n;

    if ( !f )
        return NULL;
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    rewind(f);
    if ( n > 0 && (buf = malloc(n)) && fread(buf, 1, n, f) != (size_t)n )
    {
        free(buf);
        buf = NULL;
    }
    fclose(f);
    *len = n;
    return buf;
}

/* Runs the fetch script; returns its exit status and the path it printed. */
static int fetch(const char *script, const char *cache, char *path, size_t size)
{
    char cmd[2048];
    FILE *p;
    int status;

    snprintf(cmd, sizeof(cmd), "sh '%s' '%s'", script, cache);
    p = popen(cmd, "r");
    if ( !p )
        return -1;
    if ( !fgets(path, size, p) )
        path[0] = '\0';
    path[strcspn(path, "\n")] = '\0';
    status = pclose(p);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static double now(void)
{
    struct timespec t;

    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

struct guest {
    uint8_t *mem;               /* VA KSTART up */
    size_t size;
    unsigned int writes, zero_writes;
};

static int guest_write(void *ctx, uint64_t va, const void *src, size_t len)
{
    struct guest *g = ctx;

    if ( va < KSTART || va - KSTART > g->size || len > g->size - (va - KSTART) )
        return -1;
    if ( src )
        memcpy(g->mem + (va - KSTART), src, len);
    else
    {
        memset(g->mem + (va - KSTART), 0, len);
        g->zero_writes++;
    }
    g->writes++;
    return 0;
}

static void check_notes(const struct elf_xen_params *p, const char *version)
{
    CHECK(!strcmp(p->guest_os, "linux"), "GUEST_OS %s", p->guest_os);
    CHECK(!strcmp(p->guest_ver, "2.6"), "GUEST_VERSION %s", p->guest_ver);
    CHECK(!strcmp(p->xen_ver, "xen-3.0"), "XEN_VERSION %s", p->xen_ver);
    CHECK(!strcmp(p->loader, "generic"), "LOADER %s", p->loader);
    CHECK(p->pae, "PAE_MODE yes");
    CHECK(p->virt_base == VIRT_BASE, "VIRT_BASE %#llx",
          (unsigned long long)p->virt_base);
    CHECK(p->elf_paddr_offset == 0, "PADDR_OFFSET");
    CHECK(p->p2m_base == 0x8000000000ULL, "INIT_P2M %#llx",
          (unsigned long long)p->p2m_base);
    CHECK(p->virt_hv_start_low == 0xffff800000000000ULL, "HV_START_LOW");
    /* Required: writable_page_tables (0); supported adds 4, 11, 15. */
    CHECK(p->f_required[0] == 0x1, "required features %#x", p->f_required[0]);
    CHECK(p->f_supported[0] == (0x8801 | 0x11), "supported features %#x",
          p->f_supported[0]);
    CHECK(p->l1_mfn_valid_present && p->l1_mfn_valid_mask == 1 &&
          p->l1_mfn_valid_value == 1, "L1_MFN_VALID");
    CHECK(p->suspend_cancel && p->mod_start_pfn, "SUSPEND_CANCEL, MOD_START_PFN");
    CHECK(p->virt_kstart == KSTART, "kernel start %#llx",
          (unsigned long long)p->virt_kstart);
    CHECK(p->phys32_entry != ELF_UNSET_ADDR, "PHYS32_ENTRY present");

    /* The exact numbers recorded from 6.1.0-56 in the ABI notes. */
    if ( !strcmp(version, "6.1.0-56-amd64") )
    {
        CHECK(p->virt_entry == 0xffffffff830791c0ULL, "ENTRY %#llx",
              (unsigned long long)p->virt_entry);
        CHECK(p->virt_kend == 0xffffffff84a00000ULL, "kernel end %#llx",
              (unsigned long long)p->virt_kend);
        CHECK(p->phys32_entry == 0x1000850, "PHYS32_ENTRY %#llx",
              (unsigned long long)p->phys32_entry);
        CHECK(p->virt_hypercall == ELF_UNSET_ADDR, "no HYPERCALL_PAGE");
    }
}

/* Loads every segment and checks what the builder will rely on. */
static void check_load(const uint8_t *elf, size_t elf_len,
                       const struct elf_xen_params *p, const char *version)
{
    struct guest g = { .size = p->virt_kend - p->virt_kstart };
    int rv;

    g.mem = malloc(g.size);
    if ( !g.mem )
        return;
    memset(g.mem, 0xcc, g.size);
    rv = elf_xen_load(elf, elf_len, p, guest_write, &g);
    CHECK(rv == 0, "load: %d", rv);
    /* startup_xen begins with CLD. */
    CHECK(g.mem[p->virt_entry - KSTART] == 0xfc, "byte at ENTRY is %#x",
          g.mem[p->virt_entry - KSTART]);
    if ( !strcmp(version, "6.1.0-56-amd64") )
    {
        /* Four PT_LOADs, none with a bss tail in this build (section 1.2). */
        CHECK(g.writes == 4 && g.zero_writes == 0, "%u writes, %u zeroing",
              g.writes, g.zero_writes);
        /* The per-CPU segment (p_vaddr 0) lands at VIRT_BASE + 0x3044000. */
        CHECK(!memcmp(g.mem + 0x2044000, elf + 0x2400000, 0x35000),
              "per-CPU segment not placed by p_paddr");
    }
    free(g.mem);
}

int main(int argc, char **argv)
{
    char path[1024];
    const char *why = "", *version;
    const void *payload;
    size_t image_len, payload_len, dlen, out_len;
    uint8_t *image, *elf;
    struct elf_xen_params p;
    double t0, t1;
    int rv;

    if ( argc != 3 )
    {
        fprintf(stderr, "usage: %s fetch-kernel-script cache-dir\n", argv[0]);
        return 2;
    }
    rv = fetch(argv[1], argv[2], path, sizeof(path));
    if ( rv == 77 )
        return 77;              /* the script said why */
    if ( rv != 0 || !(image = read_file(path, &image_len)) )
    {
        fprintf(stderr, "cannot fetch or read the kernel (%d, %s)\n", rv, path);
        return 1;
    }
    version = strstr(path, "vmlinuz-") ? strstr(path, "vmlinuz-") + 8 : "";
    printf("kernel: %s (%zu bytes)\n", path, image_len);

    rv = bzimage_parse(image, image_len, &payload, &payload_len, &dlen);
    CHECK(rv == 0, "bzimage_parse: %d", rv);
    if ( rv )
        return unit_finish("test-kernel");
    if ( !strcmp(version, "6.1.0-56-amd64") )
        CHECK((const uint8_t *)payload - image == 0x52cc &&
              payload_len == 0x7bf070 - 4 && dlen == 0x3eda7b4,
              "payload at %#zx, %#zx bytes, %#zx decompressed",
              (size_t)((const uint8_t *)payload - image), payload_len, dlen);

    elf = malloc(dlen);
    t0 = now();
    rv = xz_decompress(payload, payload_len, elf, dlen, &out_len, &why);
    t1 = now();
    CHECK(rv == 0 && out_len == dlen, "xz_decompress: %d (%s), %zu of %zu bytes",
          rv, why, out_len, dlen);
    printf("decompressed %zu -> %zu bytes in %.2f s (this build, with sanitizers)\n",
           payload_len, out_len, t1 - t0);
    /* One byte less room fails cleanly. */
    if ( !rv )
        CHECK(xz_decompress(payload, payload_len, elf, dlen - 1, &out_len,
                            &why) < 0, "decompressed into a short buffer");
    if ( !rv && !xz_decompress(payload, payload_len, elf, dlen, &out_len, &why) )
    {
        rv = elf_xen_parse(elf, out_len, &p, &why);
        CHECK(rv == 0, "elf_xen_parse: %d (%s)", rv, why);
        if ( !rv )
        {
            check_notes(&p, version);
            check_load(elf, out_len, &p, version);
            printf("entry %#llx, kernel %#llx-%#llx\n",
                   (unsigned long long)p.virt_entry,
                   (unsigned long long)p.virt_kstart,
                   (unsigned long long)p.virt_kend);
        }
    }
    free(elf);
    free(image);
    return unit_finish("test-kernel");
}
