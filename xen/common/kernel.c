/*
 * The hypervisor command line.
 */
#include <xen/lib.h>
#include <xen/param.h>
#include <xen/string.h>

#define MAX_OPTION_LEN  128

/* '-' and '_' are the same character in option names. */
static bool name_matches(const char *want, const char *have, size_t have_len)
{
    size_t i;

    for ( i = 0; i < have_len; i++ )
    {
        char a = want[i], b = have[i];

        if ( a == '\0' )
            return false;
        if ( a == '_' )
            a = '-';
        if ( b == '_' )
            b = '-';
        if ( a != b )
            return false;
    }
    return want[have_len] == '\0';
}

static int parse_bool_value(const char *s)
{
    if ( !strcmp(s, "1") || !strcmp(s, "yes") || !strcmp(s, "on") ||
         !strcmp(s, "true") || !strcmp(s, "enable") )
        return 1;
    if ( !strcmp(s, "0") || !strcmp(s, "no") || !strcmp(s, "off") ||
         !strcmp(s, "false") || !strcmp(s, "disable") )
        return 0;
    return -1;
}

static void store_uint(void *var, size_t len, unsigned long long v)
{
    switch ( len )
    {
    case 1: *(uint8_t *)var = v; break;
    case 2: *(uint16_t *)var = v; break;
    case 4: *(uint32_t *)var = v; break;
    default: *(uint64_t *)var = v; break;
    }
}

/* Returns NULL on success or a reason for the report. */
static const char *apply(const struct kernel_param *p, const char *value,
                         bool negated)
{
    const char *end;
    unsigned long long v;

    switch ( p->type )
    {
    case PARAM_BOOL:
    {
        int b = value ? parse_bool_value(value) : 1;

        if ( b < 0 )
            return "not a boolean";
        *(bool *)p->u.var = negated ? !b : b;
        return NULL;
    }
    case PARAM_UINT:
    case PARAM_SIZE:
        if ( negated || !value || !*value )
            return "needs a value";
        v = p->type == PARAM_SIZE ? parse_size_and_unit(value, &end)
                                  : simple_strtoul(value, &end, 0);
        if ( *end )
            return "not a number";
        store_uint(p->u.var, p->len, v);
        return NULL;
    case PARAM_STRING:
        if ( negated || !value )
            return "needs a value";
        if ( strlcpy(p->u.var, value, p->len) >= p->len )
            return "value too long";
        return NULL;
    case PARAM_CUSTOM:
        if ( negated )
            return "cannot be negated";
        return p->u.parse(value ? value : "") ? "invalid value" : NULL;
    }
    return "bad table entry";
}

static const char *apply_option(const char *opt,
                                const struct kernel_param *start,
                                const struct kernel_param *end)
{
    const char *eq = strchr(opt, '=');
    size_t name_len = eq ? (size_t)(eq - opt) : strlen(opt);
    const char *value = eq ? eq + 1 : NULL;
    const struct kernel_param *p;

    for ( p = start; p < end; p++ )
        if ( name_matches(p->name, opt, name_len) )
            return apply(p, value, false);

    /* "no-foo" turns a boolean foo off. */
    if ( name_len > 3 && !strncmp(opt, "no-", 3) && !eq )
        for ( p = start; p < end; p++ )
            if ( p->type == PARAM_BOOL &&
                 name_matches(p->name, opt + 3, name_len - 3) )
                return apply(p, NULL, true);

    return "unknown";
}

unsigned int cmdline_parse(const char *cmdline,
                           const struct kernel_param *start,
                           const struct kernel_param *end,
                           void (*report)(const char *option, const char *why))
{
    char opt[MAX_OPTION_LEN];
    unsigned int skipped = 0;

    while ( cmdline && *cmdline )
    {
        size_t len = 0;
        const char *why;

        while ( *cmdline == ' ' || *cmdline == '\t' )
            cmdline++;
        while ( cmdline[len] && cmdline[len] != ' ' && cmdline[len] != '\t' )
            len++;
        if ( !len )
            break;

        if ( len >= sizeof(opt) )
            why = "too long";
        else
        {
            memcpy(opt, cmdline, len);
            opt[len] = '\0';
            why = apply_option(opt, start, end);
        }
        if ( why )
        {
            skipped++;
            if ( report )
            {
                char shown[MAX_OPTION_LEN];

                strlcpy(shown, cmdline, MIN(len + 1, sizeof(shown)));
                report(shown, why);
            }
        }
        cmdline += len;
    }
    return skipped;
}
