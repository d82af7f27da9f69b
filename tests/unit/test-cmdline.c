/*
 * The hypervisor command-line parser (xen/common/kernel.c): option syntax,
 * types, negation, '-'/'_' equivalence, and hostile input (over-long
 * options and values, garbage, missing values) that must be reported and
 * skipped without touching other options.
 */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <xen/param.h>
#include "unit.h"

static bool opt_flag, opt_other = true;
static unsigned int opt_num;
static uint8_t opt_small;
static unsigned long long opt_mem;
static char opt_str[8];
static char custom_seen[32];
static unsigned int reports;
static char last_report[160];

static int parse_custom(const char *v)
{
    if ( !strcmp(v, "bad") )
        return -22;
    strncpy(custom_seen, v, sizeof(custom_seen) - 1);
    return 0;
}

static const struct kernel_param table[] = {
    { "flag", PARAM_BOOL, sizeof(opt_flag), { .var = &opt_flag } },
    { "other_flag", PARAM_BOOL, sizeof(opt_other), { .var = &opt_other } },
    { "num", PARAM_UINT, sizeof(opt_num), { .var = &opt_num } },
    { "small", PARAM_UINT, sizeof(opt_small), { .var = &opt_small } },
    { "dom0_mem", PARAM_SIZE, sizeof(opt_mem), { .var = &opt_mem } },
    { "str", PARAM_STRING, sizeof(opt_str), { .var = opt_str } },
    { "custom", PARAM_CUSTOM, 0, { .parse = parse_custom } },
};

static void report(const char *option, const char *why)
{
    reports++;
    snprintf(last_report, sizeof(last_report), "%s: %s", option, why);
}

static unsigned int parse(const char *s)
{
    reports = 0;
    last_report[0] = '\0';
    return cmdline_parse(s, table, table + sizeof(table) / sizeof(table[0]), report);
}

int main(void)
{
    CHECK(parse("flag num=42 dom0_mem=512M str=abc custom=x,y") == 0,
          "valid line: %s", last_report);
    CHECK(opt_flag && opt_num == 42 && opt_mem == 512ULL << 20, "values");
    CHECK(!strcmp(opt_str, "abc") && !strcmp(custom_seen, "x,y"), "strings");

    CHECK(parse("no-flag other-flag=off") == 0, "negation: %s", last_report);
    CHECK(!opt_flag && !opt_other, "negated values");
    CHECK(parse("  other_flag   flag=yes\t num=0x10 ") == 0, "spacing");
    CHECK(opt_other && opt_flag && opt_num == 16, "spacing values");
    CHECK(parse("dom0-mem=1G") == 0 && opt_mem == 1ULL << 30, "dash alias");

    CHECK(parse("bogus num=7") == 1 && opt_num == 7, "unknown skipped");
    CHECK(!strcmp(last_report, "bogus: unknown"), "report: %s", last_report);
    CHECK(parse("num=12abc") == 1 && opt_num == 7, "garbage number kept old value");
    CHECK(parse("num") == 1 && parse("num=") == 1, "number needs a value");
    CHECK(parse("flag=maybe") == 1 && opt_flag, "bad boolean");
    CHECK(parse("no-num") == 1, "no- only for booleans");
    CHECK(parse("str=toolongvalue") == 1, "string overflow reported");
    CHECK(opt_str[sizeof(opt_str) - 1] == '\0', "string stays terminated");
    CHECK(parse("custom=bad") == 1, "custom rejection");
    CHECK(parse("small=300") == 0 && opt_small == (uint8_t)300, "narrow store");

    {
        char longopt[400];

        memset(longopt, 'a', sizeof(longopt) - 1);
        longopt[sizeof(longopt) - 1] = '\0';
        CHECK(parse(longopt) == 1, "over-long option skipped");
        CHECK(strlen(last_report) < sizeof(last_report), "report bounded");
    }
    CHECK(parse("") == 0 && parse("   ") == 0, "empty");
    CHECK(parse(NULL) == 0, "NULL");
    CHECK(parse("=5 ==") == 2, "bare equals");
    return unit_finish("cmdline");
}
