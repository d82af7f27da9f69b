/*
 * Formatted output for the hypervisor's log.
 *
 * Supports what hypervisor messages use: flags "-0+ #", field width and
 * precision (also as '*'), length modifiers hh h l ll z t j, and conversions
 * d i u x X o c s p %.  The result is always terminated when size > 0, and
 * the return value is the length the full output would have had, as in C99.
 */
#include <xen/lib.h>
#include <xen/string.h>

struct out {
    char *buf;
    size_t size;
    size_t len;                 /* characters produced so far */
};

struct spec {
    bool left, zero, plus, space, alt;
    int width;
    int precision;              /* -1 when absent */
};

static void put(struct out *o, char c)
{
    if ( o->len + 1 < o->size )
        o->buf[o->len] = c;
    o->len++;
}

static void pad(struct out *o, char c, int n)
{
    while ( n-- > 0 )
        put(o, c);
}

static void put_string(struct out *o, const struct spec *sp, const char *s)
{
    size_t len;
    int fill;

    if ( !s )
        s = "(null)";
    len = sp->precision >= 0 ? strnlen(s, sp->precision) : strlen(s);
    fill = sp->width > (int)len ? sp->width - (int)len : 0;
    if ( !sp->left )
        pad(o, ' ', fill);
    while ( len-- )
        put(o, *s++);
    if ( sp->left )
        pad(o, ' ', fill);
}

static void put_number(struct out *o, const struct spec *sp,
                       unsigned long long v, bool negative,
                       unsigned int base, bool upper)
{
    const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    char tmp[24];
    int n = 0, zeros, fill, prefix_len;
    const char *prefix = "";

    bool zero = v == 0;

    /* C: zero with precision 0 prints no digits (but "%#.0o" prints "0"). */
    while ( v || (n == 0 && sp->precision != 0) )
    {
        tmp[n++] = digits[v % base];
        v /= base;
    }

    if ( negative )
        prefix = "-";
    else if ( sp->plus )
        prefix = "+";
    else if ( sp->space )
        prefix = " ";
    else if ( sp->alt && base == 16 && !zero )
        prefix = upper ? "0X" : "0x";
    else if ( sp->alt && base == 8 && (n == 0 || tmp[n - 1] != '0') )
        prefix = "0";
    prefix_len = strlen(prefix);

    zeros = sp->precision > n ? sp->precision - n : 0;
    fill = sp->width - (n + zeros + prefix_len);
    if ( fill < 0 )
        fill = 0;
    /* The 0 flag is ignored when a precision is given, as in C. */
    if ( sp->zero && !sp->left && sp->precision < 0 )
    {
        zeros += fill;
        fill = 0;
    }

    if ( !sp->left )
        pad(o, ' ', fill);
    while ( *prefix )
        put(o, *prefix++);
    pad(o, '0', zeros);
    while ( n )
        put(o, tmp[--n]);
    if ( sp->left )
        pad(o, ' ', fill);
}

static const char *parse_int(const char *fmt, int *out)
{
    int v = 0;

    while ( *fmt >= '0' && *fmt <= '9' )
    {
        if ( v < 100000 )
            v = v * 10 + (*fmt - '0');
        fmt++;
    }
    *out = v;
    return fmt;
}

enum length { LEN_INT, LEN_CHAR, LEN_SHORT, LEN_LONG, LEN_LLONG, LEN_SIZE };

static unsigned long long fetch_unsigned(va_list *ap, enum length len)
{
    switch ( len )
    {
    case LEN_CHAR:  return (unsigned char)va_arg(*ap, unsigned int);
    case LEN_SHORT: return (unsigned short)va_arg(*ap, unsigned int);
    case LEN_LONG:  return va_arg(*ap, unsigned long);
    case LEN_LLONG: return va_arg(*ap, unsigned long long);
    case LEN_SIZE:  return va_arg(*ap, size_t);
    default:        return va_arg(*ap, unsigned int);
    }
}

static long long fetch_signed(va_list *ap, enum length len)
{
    switch ( len )
    {
    case LEN_CHAR:  return (signed char)va_arg(*ap, int);
    case LEN_SHORT: return (short)va_arg(*ap, int);
    case LEN_LONG:  return va_arg(*ap, long);
    case LEN_LLONG: return va_arg(*ap, long long);
    case LEN_SIZE:  return va_arg(*ap, ptrdiff_t);
    default:        return va_arg(*ap, int);
    }
}

static const char *parse_spec(const char *fmt, struct spec *sp, va_list *ap)
{
    memset(sp, 0, sizeof(*sp));
    sp->precision = -1;

    for ( ; ; fmt++ )
    {
        switch ( *fmt )
        {
        case '-': sp->left = true; continue;
        case '0': sp->zero = true; continue;
        case '+': sp->plus = true; continue;
        case ' ': sp->space = true; continue;
        case '#': sp->alt = true; continue;
        }
        break;
    }

    if ( *fmt == '*' )
    {
        sp->width = va_arg(*ap, int);
        if ( sp->width < 0 )
        {
            sp->left = true;
            sp->width = -sp->width;
        }
        fmt++;
    }
    else
        fmt = parse_int(fmt, &sp->width);

    if ( *fmt == '.' )
    {
        fmt++;
        if ( *fmt == '*' )
        {
            sp->precision = va_arg(*ap, int);
            if ( sp->precision < 0 )
                sp->precision = -1;
            fmt++;
        }
        else
            fmt = parse_int(fmt, &sp->precision);
    }
    return fmt;
}

static const char *parse_length(const char *fmt, enum length *len)
{
    *len = LEN_INT;
    switch ( *fmt )
    {
    case 'h':
        *len = fmt[1] == 'h' ? LEN_CHAR : LEN_SHORT;
        return fmt + (fmt[1] == 'h' ? 2 : 1);
    case 'l':
        *len = fmt[1] == 'l' ? LEN_LLONG : LEN_LONG;
        return fmt + (fmt[1] == 'l' ? 2 : 1);
    case 'z': case 't': case 'j':
        *len = *fmt == 'j' ? LEN_LLONG : LEN_SIZE;
        return fmt + 1;
    }
    return fmt;
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list args)
{
    struct out o = { .buf = buf, .size = size, .len = 0 };
    struct spec sp;
    enum length len;
    va_list ap;

    va_copy(ap, args);
    for ( ; *fmt; fmt++ )
    {
        if ( *fmt != '%' )
        {
            put(&o, *fmt);
            continue;
        }
        fmt = parse_spec(fmt + 1, &sp, &ap);
        fmt = parse_length(fmt, &len);

        switch ( *fmt )
        {
        case 'd': case 'i':
        {
            long long v = fetch_signed(&ap, len);
            unsigned long long mag = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;

            put_number(&o, &sp, mag, v < 0, 10, false);
            break;
        }
        case 'u':
            put_number(&o, &sp, fetch_unsigned(&ap, len), false, 10, false);
            break;
        case 'x': case 'X':
            put_number(&o, &sp, fetch_unsigned(&ap, len), false, 16, *fmt == 'X');
            break;
        case 'o':
            put_number(&o, &sp, fetch_unsigned(&ap, len), false, 8, false);
            break;
        case 'p':
            /* Always "0x" and 16 digits, so that log columns line up. */
            put(&o, '0');
            put(&o, 'x');
            sp = (struct spec){ .zero = true, .width = 16, .precision = -1 };
            put_number(&o, &sp, (uintptr_t)va_arg(ap, void *), false, 16, false);
            break;
        case 'c':
        {
            char c[2] = { (char)va_arg(ap, int), '\0' };

            sp.precision = 1;
            if ( !c[0] )
            {
                /* A NUL character still counts as output. */
                pad(&o, ' ', sp.left ? 0 : sp.width - 1);
                put(&o, '\0');
                pad(&o, ' ', sp.left ? sp.width - 1 : 0);
                break;
            }
            put_string(&o, &sp, c);
            break;
        }
        case 's':
            put_string(&o, &sp, va_arg(ap, const char *));
            break;
        case '%':
            put(&o, '%');
            break;
        case '\0':
            /* A lone '%' at the end: print it and stop. */
            put(&o, '%');
            fmt--;
            break;
        default:
            /* Unknown conversion: show it verbatim rather than guess. */
            put(&o, '%');
            put(&o, *fmt);
            break;
        }
    }
    va_end(ap);

    if ( size )
        buf[o.len < size ? o.len : size - 1] = '\0';
    return o.len > INT32_MAX ? INT32_MAX : (int)o.len;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(buf, size, fmt, ap);
    va_end(ap);
    return n;
}

unsigned long simple_strtoul(const char *cp, const char **endp, unsigned int base)
{
    unsigned long v = 0;

    if ( base == 0 )
    {
        base = 10;
        if ( cp[0] == '0' && (cp[1] == 'x' || cp[1] == 'X') &&
             ((cp[2] >= '0' && cp[2] <= '9') ||
              ((cp[2] | 0x20) >= 'a' && (cp[2] | 0x20) <= 'f')) )
        {
            base = 16;
            cp += 2;
        }
        else if ( cp[0] == '0' )
            base = 8;
    }
    for ( ; ; cp++ )
    {
        unsigned int d;

        if ( *cp >= '0' && *cp <= '9' )
            d = *cp - '0';
        else if ( (*cp | 0x20) >= 'a' && (*cp | 0x20) <= 'z' )
            d = (*cp | 0x20) - 'a' + 10;
        else
            break;
        if ( d >= base )
            break;
        v = v * base + d;
    }
    if ( endp )
        *endp = cp;
    return v;
}

/* "512M", "2G", "4096", "64k": returns bytes.  Without a unit, bytes. */
unsigned long long parse_size_and_unit(const char *s, const char **endp)
{
    unsigned long long v = simple_strtoul(s, &s, 0);

    switch ( *s )
    {
    case 'T': case 't': v <<= 10; /* fall through */
    case 'G': case 'g': v <<= 10; /* fall through */
    case 'M': case 'm': v <<= 10; /* fall through */
    case 'K': case 'k': v <<= 10; s++; break;
    case 'B': case 'b': s++; break;
    }
    if ( endp )
        *endp = s;
    return v;
}
