/*
 * Logging to a file (default /var/log/xen/xenstored.log), and allocation
 * helpers.  "-" logs to stderr.  Each line is written with one write() on
 * an O_APPEND descriptor, so lines from a restarted daemon never interleave
 * mid-line.
 */
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "xenstored.h"

static int log_fd = 2;
static char *log_path;
static enum xs_log_level log_level = XS_LOG_INFO;

static void make_parent_dir(const char *path)
{
    char *dir = xs_strndup(path, strlen(path));
    char *slash = strrchr(dir, '/');

    if ( slash && slash != dir )
    {
        *slash = '\0';
        mkdir(dir, 0755);
    }
    free(dir);
}

int xs_log_open(const char *path)
{
    int fd;

    if ( !strcmp(path, "-") )
        fd = 2;
    else
    {
        make_parent_dir(path);
        fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0640);
        if ( fd < 0 )
            return -1;
    }
    if ( log_fd > 2 )
        close(log_fd);
    log_fd = fd;
    if ( log_path != path )
    {
        free(log_path);
        log_path = xs_strndup(path, strlen(path));
    }
    return 0;
}

/* SIGHUP: logrotate moved the file away. */
void xs_log_reopen(void)
{
    if ( log_path )
        xs_log_open(log_path);
}

void xs_log_set_level(enum xs_log_level level)
{
    log_level = level;
}

void xs_log(enum xs_log_level level, const char *fmt, ...)
{
    static const char *const names[] = { "error", "warning", "info",
                                         "debug" };
    char line[1024];
    struct timespec ts;
    struct tm tm;
    va_list ap;
    int n;

    if ( level > log_level )
        return;
    clock_gettime(CLOCK_REALTIME, &ts);
    localtime_r(&ts.tv_sec, &tm);
    n = strftime(line, sizeof(line), "%Y-%m-%d %H:%M:%S", &tm);
    n += snprintf(line + n, sizeof(line) - n, ".%03ld xenstored[%d] %s: ",
                  ts.tv_nsec / 1000000, (int)getpid(), names[level]);
    va_start(ap, fmt);
    n += vsnprintf(line + n, sizeof(line) - n, fmt, ap);
    va_end(ap);
    if ( n > (int)sizeof(line) - 2 )
        n = sizeof(line) - 2;
    line[n++] = '\n';
    if ( write(log_fd, line, n) < 0 )
        return;                 /* nowhere left to complain */
}

static void *check(void *p, size_t size)
{
    if ( !p && size )
    {
        xs_log(XS_LOG_ERR, "out of memory allocating %zu bytes", size);
        abort();
    }
    return p;
}

void *xs_malloc(size_t size)
{
    return check(malloc(size ? size : 1), size);
}

void *xs_zalloc(size_t size)
{
    return check(calloc(1, size ? size : 1), size);
}

void *xs_realloc(void *p, size_t size)
{
    return check(realloc(p, size ? size : 1), size);
}

char *xs_strndup(const char *s, size_t len)
{
    char *d = xs_malloc(len + 1);

    memcpy(d, s, len);
    d[len] = '\0';
    return d;
}
