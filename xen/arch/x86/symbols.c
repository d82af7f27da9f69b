/*
 * The image's symbol table, generated at link time by xen/tools/gen-symbols
 * from the text symbols of a first link (text addresses do not move in the
 * final link: the table lives after all text).
 */
#include <xen/lib.h>
#include <asm/traps.h>

struct symbol_entry {
    unsigned long addr;
    uint32_t name_offset;
    uint32_t pad;
};

extern const unsigned long symbols_count;
extern const struct symbol_entry symbols_table[];
extern const char symbols_names[];
extern char _etext[];

const char *symbol_lookup(unsigned long addr, unsigned long *offset,
                          unsigned long *size)
{
    unsigned long lo = 0, hi = symbols_count, next;

    if ( !symbols_count || addr < symbols_table[0].addr ||
         addr >= (unsigned long)_etext )
        return NULL;
    /* Last entry with addr <= target. */
    while ( hi - lo > 1 )
    {
        unsigned long mid = lo + (hi - lo) / 2;

        if ( symbols_table[mid].addr <= addr )
            lo = mid;
        else
            hi = mid;
    }
    next = lo + 1 < symbols_count ? symbols_table[lo + 1].addr
                                  : (unsigned long)_etext;
    *offset = addr - symbols_table[lo].addr;
    *size = next - symbols_table[lo].addr;
    return &symbols_names[symbols_table[lo].name_offset];
}
