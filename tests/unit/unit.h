/*
 * A minimal harness for host unit tests of hypervisor sources.
 * Each failed CHECK prints file:line and the message; unit_finish() prints
 * a summary and returns the process exit status (0 only if nothing failed).
 */
#ifndef TESTS_UNIT_H
#define TESTS_UNIT_H

#include <stdio.h>

static unsigned int unit_checks, unit_failures;

#define CHECK(cond, ...)                                                    \
    do {                                                                    \
        unit_checks++;                                                      \
        if ( !(cond) )                                                      \
        {                                                                   \
            unit_failures++;                                                \
            fprintf(stderr, "%s:%d: check failed: %s: ", __FILE__,          \
                    __LINE__, #cond);                                       \
            fprintf(stderr, __VA_ARGS__);                                   \
            fputc('\n', stderr);                                            \
        }                                                                   \
    } while ( 0 )

static inline int unit_finish(const char *name)
{
    printf("%s: %u checks, %u failed\n", name, unit_checks, unit_failures);
    return unit_failures ? 1 : 0;
}

#endif /* TESTS_UNIT_H */
