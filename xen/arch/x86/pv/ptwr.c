/*
 * Writable page tables: a guest kernel's direct write to one of its own
 * L1 tables.
 *
 * L1 tables are mapped read-only, so such a write faults.  The faulting
 * instruction is decoded (the handful of forms Linux uses on PTEs: MOV,
 * XCHG, CMPXCHG, and the locked bit and logic operations), its effect on
 * the 8-byte entry is computed, and the new entry goes through the same
 * validation as mmu_update.  A write that is not understood, or whose new
 * entry is refused, becomes the page fault the guest would otherwise have
 * taken.  Only L1 tables are handled: higher levels change by hypercall.
 */
#include <xen/errno.h>
#include <xen/guest_access.h>
#include <xen/lib.h>
#include <xen/sched.h>
#include <xen/string.h>
#include <asm/current.h>
#include <asm/pv.h>
#include "mm.h"

#define X86_EFLAGS_CF   (1UL << 0)
#define X86_EFLAGS_ZF   (1UL << 6)

enum ptwr_op { OP_MOV, OP_XCHG, OP_CMPXCHG, OP_BTR, OP_BTS, OP_AND, OP_OR };

struct ptwr_insn {
    enum ptwr_op op;
    unsigned int len, size;     /* instruction bytes; operand bytes */
    uint64_t src;               /* register or immediate operand */
    unsigned int src_reg;       /* for XCHG/CMPXCHG results */
};

/* Bytes of ModRM + SIB + displacement starting at b (memory operand only). */
static int modrm_len(const uint8_t *b)
{
    unsigned int mod = b[0] >> 6, rm = b[0] & 7, n = 1;

    if ( mod == 3 )
        return -1;
    if ( rm == 4 )
    {
        n++;
        if ( mod == 0 && (b[1] & 7) == 5 )
            n += 4;
    }
    else if ( mod == 0 && rm == 5 )
        n += 4;                         /* RIP-relative */
    if ( mod == 1 )
        n += 1;
    else if ( mod == 2 )
        n += 4;
    return n;
}

static bool decode_ptwr(struct cpu_user_regs *regs, struct ptwr_insn *in)
{
    uint8_t b[16];
    unsigned int i = 0, rex = 0, reg;
    bool opsize16 = false;
    int ml;

    if ( copy_from_guest_va(b, regs->rip, sizeof(b)) &&
         copy_from_guest_va(b, regs->rip, 8) )
        return false;
    for ( ; i < 4 && (b[i] == 0xf0 || b[i] == 0x66 || b[i] == 0x3e ||
                      b[i] == 0x2e); i++ )
        opsize16 |= b[i] == 0x66;
    if ( (b[i] & 0xf0) == 0x40 )
        rex = b[i++];
    in->size = (rex & 8) ? 8 : opsize16 ? 2 : 4;

    switch ( b[i] )
    {
    case 0x89: in->op = OP_MOV; break;
    case 0x87: in->op = OP_XCHG; break;
    case 0x09: in->op = OP_OR; break;
    case 0x21: in->op = OP_AND; break;
    case 0x88: in->op = OP_MOV; in->size = 1; break;
    case 0xc7: case 0x80: case 0x81: case 0x83:
        break;
    case 0x0f:
        i++;
        if ( b[i] == 0xb1 )
            in->op = OP_CMPXCHG;
        else if ( b[i] == 0xb3 )
            in->op = OP_BTR;
        else if ( b[i] == 0xab )
            in->op = OP_BTS;
        else if ( b[i] == 0xba )
            break;
        else
            return false;
        break;
    default:
        return false;
    }
    reg = ((b[i + 1] >> 3) & 7) | ((rex & 4) ? 8 : 0);
    ml = modrm_len(&b[i + 1]);
    if ( ml < 0 )
        return false;

    if ( b[i] == 0xc7 || b[i] == 0x80 || b[i] == 0x81 || b[i] == 0x83 ||
         b[i] == 0xba )
    {
        unsigned int sub = (b[i + 1] >> 3) & 7, immlen;
        const uint8_t *imm = &b[i + 1 + ml];

        if ( b[i] == 0xc7 && sub == 0 )
            in->op = OP_MOV;
        else if ( b[i] != 0xc7 && b[i] != 0xba && sub == 4 )
            in->op = OP_AND;
        else if ( b[i] != 0xc7 && b[i] != 0xba && sub == 1 )
            in->op = OP_OR;
        else if ( b[i] == 0xba && sub == 6 )
            in->op = OP_BTR;
        else if ( b[i] == 0xba && sub == 5 )
            in->op = OP_BTS;
        else
            return false;
        if ( b[i] == 0x80 )
            in->size = 1;
        immlen = (b[i] == 0x80 || b[i] == 0x83 || b[i] == 0xba) ? 1
                 : in->size == 2 ? 2 : 4;
        if ( immlen == 1 )
            in->src = (uint64_t)(int64_t)(int8_t)imm[0];
        else if ( immlen == 2 )
            in->src = (uint64_t)(int64_t)(int16_t)(imm[0] | (imm[1] << 8));
        else
            in->src = (uint64_t)(int64_t)(int32_t)(imm[0] | (imm[1] << 8) |
                                                   (imm[2] << 16) |
                                                   ((uint32_t)imm[3] << 24));
        if ( b[i] == 0xba )
            in->src &= 63;
        in->len = i + 1 + ml + immlen;
        return true;
    }
    in->src_reg = reg;
    in->src = *pv_gpr(regs, reg);
    in->len = i + 1 + ml;
    return true;
}

/* The entry after the write; writes results back into regs. */
static uint64_t apply(const struct ptwr_insn *in, struct cpu_user_regs *regs,
                      uint64_t old, unsigned int offset, bool *store)
{
    unsigned int shift = offset * 8;
    uint64_t mask = in->size == 8 ? ~0UL : (((1UL << (in->size * 8)) - 1) << shift);
    uint64_t field = (old & mask) >> shift, src = in->src, nf = field;
    unsigned long *r;

    *store = true;
    switch ( in->op )
    {
    case OP_MOV:
        nf = src;
        break;
    case OP_XCHG:
        nf = src;
        r = pv_gpr(regs, in->src_reg);
        *r = in->size == 4 ? (uint32_t)field : field;
        break;
    case OP_CMPXCHG:
    {
        uint64_t want = regs->rax & (in->size == 8 ? ~0UL : (1UL << (in->size * 8)) - 1);

        if ( field == want )
        {
            nf = src;
            regs->rflags |= X86_EFLAGS_ZF;
        }
        else
        {
            regs->rax = in->size == 4 ? (uint32_t)field : field;
            regs->rflags &= ~X86_EFLAGS_ZF;
            *store = false;
        }
        break;
    }
    case OP_BTR:
    case OP_BTS:
        src &= in->size * 8 - 1;
        if ( (field >> src) & 1 )
            regs->rflags |= X86_EFLAGS_CF;
        else
            regs->rflags &= ~X86_EFLAGS_CF;
        nf = in->op == OP_BTR ? field & ~(1UL << src) : field | (1UL << src);
        break;
    case OP_AND:
        nf = field & src;
        break;
    case OP_OR:
        nf = field | src;
        break;
    }
    return (old & ~mask) | ((nf << shift) & mask);
}

bool pv_ptwr_do_page_fault(struct vcpu *v, unsigned long addr,
                           struct cpu_user_regs *regs)
{
    struct domain *d = v->domain;
    struct page_info *l1pg, *pg;
    struct ptwr_insn in = { .op = OP_MOV };
    struct cpu_user_regs saved;
    intpte_t *map, *pe, old, ne;
    unsigned int offset = addr & 7;
    bool store, handled = false;

    if ( !decode_ptwr(regs, &in) || offset + in.size > 8 )
        return false;
    spin_lock(&d->arch.mm_lock);
    map = guest_l1e_of(v, addr, &l1pg);
    if ( !map || !(*map & _PAGE_PRESENT) || (*map & _PAGE_RW) ||
         !mfn_valid((*map & PTE_ADDR_MASK) >> PAGE_SHIFT) )
        goto out;
    pg = mfn_to_page((*map & PTE_ADDR_MASK) >> PAGE_SHIFT);
    if ( pg->owner != d ||
         (pg->u.inuse.type_info & (PGT_type_mask | PGT_validated)) !=
         (PGT_l1_page_table | PGT_validated) ||
         !(pg->u.inuse.type_info & PGT_count_mask) )
        goto out;
    pe = (intpte_t *)page_to_virt(pg) + ((addr & ~PAGE_MASK) >> 3);
    old = ACCESS_ONCE(*pe);
    saved = *regs;
    ne = apply(&in, regs, old, offset, &store);
    if ( store && mod_pte(pe, ne, 1, d, d, false, NULL) )
    {
        *regs = saved;          /* refused: the guest sees its page fault */
        goto out;
    }
    regs->rip += in.len;
    handled = true;
 out:
    spin_unlock(&d->arch.mm_lock);
    return handled;
}
