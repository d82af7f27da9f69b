/*
 * ELF64 layouts (System V gABI, x86-64 psABI) and the header checks shared
 * by the note parser and the loader.  Fields are always copied out of the
 * image with memcpy: an untrusted image need not be aligned.
 */
#ifndef LIBELF_PRIVATE_H
#define LIBELF_PRIVATE_H

#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/libelf.h>
#include <xen/string.h>

#define ELFCLASS64      2
#define ELFDATA2LSB     1
#define EV_CURRENT      1
#define ET_EXEC         2
#define EM_X86_64       62
#define PT_LOAD         1
#define PT_NOTE         4
#define SHT_NOTE        7

#define ELF_PAGE_SIZE   0x1000ULL

struct elf64_ehdr {
    uint8_t  e_ident[16];
    uint16_t e_type, e_machine;
    uint32_t e_version;
    uint64_t e_entry, e_phoff, e_shoff;
    uint32_t e_flags;
    uint16_t e_ehsize, e_phentsize, e_phnum, e_shentsize, e_shnum, e_shstrndx;
};

struct elf64_phdr {
    uint32_t p_type, p_flags;
    uint64_t p_offset, p_vaddr, p_paddr, p_filesz, p_memsz, p_align;
};

struct elf64_shdr {
    uint32_t sh_name, sh_type;
    uint64_t sh_flags, sh_addr, sh_offset, sh_size;
    uint32_t sh_link, sh_info;
    uint64_t sh_addralign, sh_entsize;
};

/* An image whose ELF header and header tables have been range-checked. */
struct elf_image {
    const uint8_t *buf;
    size_t size;
    struct elf64_ehdr ehdr;
    uint64_t pstart, pend;      /* physical range of the PT_LOAD segments */
};

static inline int elf_fail(const char **why, const char *reason, int err)
{
    if ( why )
        *why = reason;
    return err;
}

/* True if [off, off + len) lies inside an object of size total. */
static inline bool elf_range_ok(uint64_t off, uint64_t len, uint64_t total)
{
    return off <= total && len <= total - off;
}

int elf_image_init(struct elf_image *img, const void *image, size_t size,
                   const char **why);
void elf_get_phdr(const struct elf_image *img, unsigned int i,
                  struct elf64_phdr *ph);
void elf_get_shdr(const struct elf_image *img, unsigned int i,
                  struct elf64_shdr *sh);

#endif /* LIBELF_PRIVATE_H */
