/*
 * Hypervisor command-line options.  Each option is a table entry placed in
 * the .init.setup section by one of the *_param() macros; the parser walks
 * that table, so adding an option never touches a central list.
 *
 * Syntax, as Xen's: space-separated `name`, `name=value`, or `no-name` to set
 * a boolean false.  '-' and '_' are interchangeable in names.
 */
#ifndef XEN_PARAM_H
#define XEN_PARAM_H

#include <xen/compiler.h>
#include <xen/types.h>

enum param_type {
    PARAM_BOOL,
    PARAM_UINT,     /* unsigned int, any base simple_strtoul accepts */
    PARAM_SIZE,     /* unsigned long long bytes, with K/M/G/T suffix */
    PARAM_STRING,   /* copied into a char array of `len` bytes */
    PARAM_CUSTOM,   /* parse(value) returns 0 or a negative errno */
};

struct kernel_param {
    const char *name;
    enum param_type type;
    size_t len;
    union {
        void *var;
        int (*parse)(const char *value);
    } u;
};

#define __param_entry(_name, _type, _len, _field, _ptr, _tag)               \
    static const struct kernel_param __param_##_tag                         \
    __used __section(".init.setup") __aligned(8) =                          \
        { .name = _name, .type = _type, .len = _len, .u._field = _ptr }

#define boolean_param(n, v) __param_entry(n, PARAM_BOOL, sizeof(v), var, &(v), v)
#define integer_param(n, v) __param_entry(n, PARAM_UINT, sizeof(v), var, &(v), v)
#define size_param(n, v)    __param_entry(n, PARAM_SIZE, sizeof(v), var, &(v), v)
#define string_param(n, v)  __param_entry(n, PARAM_STRING, sizeof(v), var, (v), v)
#define custom_param(n, f)  __param_entry(n, PARAM_CUSTOM, 0, parse, (f), f)

/*
 * Applies every option in `cmdline` to the table [start, end).  Options that
 * are unknown or whose value does not parse are reported through `report`
 * (may be NULL) and skipped.  Returns how many were skipped.
 */
unsigned int cmdline_parse(const char *cmdline,
                           const struct kernel_param *start,
                           const struct kernel_param *end,
                           void (*report)(const char *option, const char *why));

/* Parses the boot command line against the image's own option table. */
void cmdline_parse_boot(const char *cmdline);

#endif /* XEN_PARAM_H */
