/*
 * vsnprintf for the test guests: %d %i %u %x %X %o %p %s %c %%, with flags
 * '-', '0', '#', a field width, a precision (%s only), and the l/ll/z/h length modifiers.
 * Always NUL-terminates; returns the length the full output would have.
 */
#include "guest.h"

struct out {
    char *buf;
    size_t size, len;
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

struct spec {
    bool left, zero, alt;
    int width, precision;       /* precision: -1 = none; only for %s */
};

static void put_str(struct out *o, const char *s, const struct spec *sp)
{
    int n = 0, i;

    while ( s[n] && (sp->precision < 0 || n < sp->precision) )
        n++;
    if ( !sp->left )
        pad(o, ' ', sp->width - n);
    for ( i = 0; i < n; i++ )
        put(o, s[i]);
    if ( sp->left )
        pad(o, ' ', sp->width - n);
}

static void put_num(struct out *o, unsigned long v, bool neg, unsigned int base,
                    bool upper, const struct spec *sp)
{
    const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    char tmp[24];
    int n = 0, prefix = 0, len;

    do {
        tmp[n++] = digits[v % base];
        v /= base;
    } while ( v );
    if ( neg )
        prefix = 1;
    else if ( sp->alt && base == 16 )
        prefix = 2;
    len = n + prefix;
    if ( !sp->left && !sp->zero )
        pad(o, ' ', sp->width - len);
    if ( neg )
        put(o, '-');
    else if ( prefix == 2 )
    {
        put(o, '0');
        put(o, upper ? 'X' : 'x');
    }
    if ( !sp->left && sp->zero )
        pad(o, '0', sp->width - len);
    while ( n )
        put(o, tmp[--n]);
    if ( sp->left )
        pad(o, ' ', sp->width - len);
}

static const char *parse_spec(const char *f, struct spec *sp)
{
    for ( ;; f++ )
    {
        if ( *f == '-' )
            sp->left = true;
        else if ( *f == '0' )
            sp->zero = true;
        else if ( *f == '#' )
            sp->alt = true;
        else
            break;
    }
    while ( *f >= '0' && *f <= '9' )
        sp->width = sp->width * 10 + (*f++ - '0');
    sp->precision = -1;
    if ( *f == '.' )
        for ( sp->precision = 0, f++; *f >= '0' && *f <= '9'; f++ )
            sp->precision = sp->precision * 10 + (*f - '0');
    return f;
}

/* Reads an integer argument of the width given by the length modifier. */
static unsigned long get_arg(va_list *ap, int longs, bool is_signed, bool *neg)
{
    long s;

    if ( !is_signed )
        return longs ? va_arg(*ap, unsigned long) : va_arg(*ap, unsigned int);
    s = longs ? va_arg(*ap, long) : va_arg(*ap, int);
    *neg = s < 0;
    return *neg ? -(unsigned long)s : (unsigned long)s;
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
    struct out o = { buf, size, 0 };
    va_list args;

    va_copy(args, ap);
    for ( ; *fmt; fmt++ )
    {
        struct spec sp = { 0 };
        int longs = 0;
        bool neg = false;
        unsigned long v;

        if ( *fmt != '%' )
        {
            put(&o, *fmt);
            continue;
        }
        fmt = parse_spec(fmt + 1, &sp);
        while ( *fmt == 'l' || *fmt == 'z' || *fmt == 'h' )
            longs += *fmt++ != 'h';
        switch ( *fmt )
        {
        case 'd': case 'i':
            v = get_arg(&args, longs, true, &neg);
            put_num(&o, v, neg, 10, false, &sp);
            break;
        case 'u': case 'x': case 'X': case 'o':
            v = get_arg(&args, longs, false, &neg);
            put_num(&o, v, false, *fmt == 'u' ? 10 : *fmt == 'o' ? 8 : 16,
                    *fmt == 'X', &sp);
            break;
        case 'p':
            sp.alt = true;
            put_num(&o, (unsigned long)va_arg(args, void *), false, 16, false, &sp);
            break;
        case 's': {
            const char *s = va_arg(args, const char *);

            put_str(&o, s ? s : "(null)", &sp);
            break;
        }
        case 'c':
            put(&o, (char)va_arg(args, int));
            break;
        case '\0':
            fmt--;
            break;
        default:
            put(&o, *fmt);
            break;
        }
    }
    va_end(args);
    if ( size )
        buf[o.len < size ? o.len : size - 1] = '\0';
    return o.len;
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
