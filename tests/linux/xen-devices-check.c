/*
 * xen-devices-check -- exercises dom0's Xen devices from user space, the way
 * a toolstack and the backends use them.  Runs inside the test initramfs
 * (tests/linux/init); built with the host's gcc -static.
 *
 *   privcmd   IOCTL_PRIVCMD_HYPERCALL: xen_version(XENVER_version) must equal
 *             /sys/hypervisor/version/{major,minor}, and
 *             xen_version(XENVER_extraversion), which writes into our own
 *             buffer, must equal /sys/hypervisor/version/extra.
 *   evtchn    a port bound unbound for ourselves, a second port bound
 *             interdomain to it (a loopback channel in our own domain); a
 *             notify on each end must be read back, once, on the other.
 *   grant     gntalloc grants one page to ourselves, gntdev maps that grant;
 *             bytes written through either mapping must be read through the
 *             other.
 *   vdso-clock (only when named) clock_gettime() must work in a child whose
 *             seccomp filter fails the clock_gettime system call: the
 *             vDSO answers from the hypervisor's pvclock copy
 *             (VCPUOP_register_vcpu_time_memory_area, TSC_STABLE).
 *
 * Each check prints "xen-devices-check: NAME: ok ..." or
 * "xen-devices-check: NAME: FAIL: why"; the exit status is the number of
 * failed checks.  The ioctl layouts are Linux's uapi headers (linux-libc-dev);
 * the Xen constants and types are our hypercall-abi/.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <sys/mman.h>
#include <unistd.h>

#include <xen/interface/xen.h>  /* dom0-tools/include: the shim, first */
#include <xen/version.h>        /* hypercall-abi */
#include <xen/privcmd.h>        /* Linux uapi, from here on */
#include <xen/evtchn.h>
#include <xen/gntalloc.h>
#include <xen/gntdev.h>

#define PAGE 4096
#define SELF 0          /* dom0's domain id: the test runs in dom0 */

static int failures;
static const char *check_name;

static int fail(const char *fmt, ...)
{
    va_list ap;

    printf("xen-devices-check: %s: FAIL: ", check_name);
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    printf("\n");
    fflush(stdout);
    failures++;
    return -1;
}

static void ok(const char *fmt, ...)
{
    va_list ap;

    printf("xen-devices-check: %s: ok ", check_name);
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    printf("\n");
    fflush(stdout);
}

/* The first line of a sysfs file, without its newline; -1 if unreadable. */
static int read_line(const char *path, char *buf, size_t len)
{
    FILE *f = fopen(path, "r");

    if ( !f )
        return -1;
    if ( !fgets(buf, len, f) )
    {
        fclose(f);
        return -1;
    }
    fclose(f);
    buf[strcspn(buf, "\n")] = 0;
    return 0;
}

static long privcmd_hypercall(int fd, unsigned long op, unsigned long a0,
                              unsigned long a1)
{
    struct privcmd_hypercall call = { .op = op, .arg = { a0, a1 } };

    return ioctl(fd, IOCTL_PRIVCMD_HYPERCALL, &call);
}

static int check_privcmd(void)
{
    char major[32], minor[32], extra[64];
    static char ours[XEN_EXTRAVERSION_LEN];
    long ver;
    int fd;

    check_name = "privcmd-hypercall";
    fd = open("/dev/xen/privcmd", O_RDWR | O_CLOEXEC);
    if ( fd < 0 )
        return fail("open /dev/xen/privcmd: %s", strerror(errno));
    ver = privcmd_hypercall(fd, __HYPERVISOR_xen_version, XENVER_version, 0);
    if ( ver < 0 )
    {
        fail("xen_version(XENVER_version): %s", strerror(errno));
        goto out;
    }
    if ( read_line("/sys/hypervisor/version/major", major, sizeof(major)) ||
         read_line("/sys/hypervisor/version/minor", minor, sizeof(minor)) )
    {
        fail("/sys/hypervisor/version/{major,minor} unreadable");
        goto out;
    }
    if ( strtol(major, NULL, 10) != (ver >> 16) ||
         strtol(minor, NULL, 10) != (ver & 0xffff) )
    {
        fail("xen_version says %ld.%ld, /sys/hypervisor says %s.%s",
             ver >> 16, ver & 0xffff, major, minor);
        goto out;
    }
    /* The hypervisor writes into this process's memory: touch it first. */
    memset(ours, 0xa5, sizeof(ours));
    if ( privcmd_hypercall(fd, __HYPERVISOR_xen_version, XENVER_extraversion,
                           (unsigned long)ours) < 0 )
    {
        fail("xen_version(XENVER_extraversion): %s", strerror(errno));
        goto out;
    }
    if ( !memchr(ours, 0, sizeof(ours)) )
    {
        fail("xen_version(XENVER_extraversion): no NUL in %zu bytes", sizeof(ours));
        goto out;
    }
    if ( read_line("/sys/hypervisor/version/extra", extra, sizeof(extra)) ||
         strcmp(extra, ours) )
    {
        fail("XENVER_extraversion \"%s\" differs from /sys/hypervisor/version/extra", ours);
        goto out;
    }
    ok("(xen_version: %ld.%ld%s)", ver >> 16, ver & 0xffff, ours);
 out:
    close(fd);
    return 0;
}

/*
 * Collects the events the evtchn device delivers: waits up to first_ms for
 * the first, then until 200 ms pass without another.  Each delivered port
 * is masked by the driver; writing it back unmasks it.  Returns the number
 * of ports stored in ports[], or -1.
 */
static int evtchn_collect(int fd, unsigned int *ports, int max, int first_ms)
{
    struct pollfd p = { .fd = fd, .events = POLLIN };
    int n = 0;

    for ( int wait = first_ms; ; wait = 200 )
    {
        unsigned int got[8];
        ssize_t len;
        int r = poll(&p, 1, wait);

        if ( r == 0 )
            return n;
        if ( r < 0 )
            return fail("poll: %s", strerror(errno));
        len = read(fd, got, sizeof(got));
        if ( len < 0 || len % sizeof(got[0]) )
            return fail("read from /dev/xen/evtchn: %zd (%s)", len, strerror(errno));
        if ( write(fd, got, len) != len )
            return fail("unmask: %s", strerror(errno));
        for ( size_t i = 0; i < len / sizeof(got[0]); i++ )
        {
            if ( n == max )
                return fail("more than %d events", max);
            ports[n++] = got[i];
        }
    }
}

/* One notify on port `from` must be exactly one event, on port `to`. */
static int evtchn_one_way(int fd, int from, int to)
{
    struct ioctl_evtchn_notify notify = { .port = from };
    unsigned int ports[8];
    int n;

    if ( ioctl(fd, IOCTL_EVTCHN_NOTIFY, &notify) < 0 )
        return fail("notify port %d: %s", from, strerror(errno));
    n = evtchn_collect(fd, ports, 8, 5000);
    if ( n < 0 )
        return -1;
    if ( n == 0 )
        return fail("notify on port %d: no event within 5 s", from);
    if ( n > 1 || ports[0] != (unsigned int)to )
        return fail("notify on port %d: %d event(s), first on port %u; expected one"
                    " on port %d", from, n, ports[0], to);
    return 0;
}

static int check_evtchn(void)
{
    struct ioctl_evtchn_bind_unbound_port unbound = { .remote_domain = SELF };
    struct ioctl_evtchn_bind_interdomain inter = { .remote_domain = SELF };
    struct ioctl_evtchn_unbind unbind;
    unsigned int early[8];
    int fd, a, b, n;

    check_name = "evtchn-loopback";
    fd = open("/dev/xen/evtchn", O_RDWR | O_CLOEXEC);
    if ( fd < 0 )
        return fail("open /dev/xen/evtchn: %s", strerror(errno));
    a = ioctl(fd, IOCTL_EVTCHN_BIND_UNBOUND_PORT, &unbound);
    if ( a < 0 )
    {
        fail("bind_unbound_port(remote dom %u): %s", SELF, strerror(errno));
        goto out;
    }
    inter.remote_port = a;
    b = ioctl(fd, IOCTL_EVTCHN_BIND_INTERDOMAIN, &inter);
    if ( b < 0 )
    {
        fail("bind_interdomain(dom %u, port %d): %s", SELF, a, strerror(errno));
        goto out;
    }
    if ( a == b )
    {
        fail("both ends got port %d", a);
        goto out;
    }
    /*
     * Xen 4.17 marks the new local end of bind_interdomain pending, in case
     * the unbound end was notified before the bind (common/event_channel.c,
     * evtchn_bind_interdomain).  That one event is allowed, nothing else.
     */
    n = evtchn_collect(fd, early, 8, 300);
    if ( n < 0 )
        goto out;
    if ( n > 1 || (n == 1 && early[0] != (unsigned int)b) )
    {
        fail("%d event(s) before any notify, first on port %u (only port %d may be"
             " pending after its bind)", n, early[0], b);
        goto out;
    }
    if ( evtchn_one_way(fd, b, a) || evtchn_one_way(fd, a, b) )
        goto out;
    unbind.port = b;
    if ( ioctl(fd, IOCTL_EVTCHN_UNBIND, &unbind) < 0 )
    {
        fail("unbind port %d: %s", b, strerror(errno));
        goto out;
    }
    unbind.port = a;
    if ( ioctl(fd, IOCTL_EVTCHN_UNBIND, &unbind) < 0 )
    {
        fail("unbind port %d: %s", a, strerror(errno));
        goto out;
    }
    ok("(ports %d <-> %d, one event each way; %s at bind)", a, b,
       n ? "local end pending" : "nothing pending");
 out:
    close(fd);
    return 0;
}

static void fill(volatile unsigned char *p, unsigned int seed)
{
    for ( unsigned int i = 0; i < PAGE; i++ )
        p[i] = (unsigned char)(i * 31 + seed);
}

/* Index of the first byte that differs from fill(seed), or -1. */
static int differs(const volatile unsigned char *p, unsigned int seed)
{
    for ( unsigned int i = 0; i < PAGE; i++ )
        if ( p[i] != (unsigned char)(i * 31 + seed) )
            return i;
    return -1;
}

static int check_grant(void)
{
    struct ioctl_gntalloc_alloc_gref alloc = {
        .domid = SELF, .flags = GNTALLOC_FLAG_WRITABLE, .count = 1,
    };
    struct ioctl_gntalloc_dealloc_gref dealloc;
    struct ioctl_gntdev_map_grant_ref map = { .count = 1 };
    struct ioctl_gntdev_unmap_grant_ref unmap = { .count = 1 };
    unsigned char *granted = MAP_FAILED, *mapped = MAP_FAILED;
    int ga = -1, gd = -1, at, allocated = 0, gmapped = 0;

    check_name = "grant-self-map";
    ga = open("/dev/xen/gntalloc", O_RDWR | O_CLOEXEC);
    if ( ga < 0 )
        return fail("open /dev/xen/gntalloc: %s", strerror(errno));
    gd = open("/dev/xen/gntdev", O_RDWR | O_CLOEXEC);
    if ( gd < 0 )
    {
        fail("open /dev/xen/gntdev: %s", strerror(errno));
        goto out;
    }
    if ( ioctl(ga, IOCTL_GNTALLOC_ALLOC_GREF, &alloc) < 0 )
    {
        fail("gntalloc alloc_gref(dom %u, writable): %s", SELF, strerror(errno));
        goto out;
    }
    allocated = 1;
    granted = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, ga, alloc.index);
    if ( granted == MAP_FAILED )
    {
        fail("mmap of the granted page: %s", strerror(errno));
        goto out;
    }
    map.refs[0].domid = SELF;
    map.refs[0].ref = alloc.gref_ids[0];
    if ( ioctl(gd, IOCTL_GNTDEV_MAP_GRANT_REF, &map) < 0 )
    {
        fail("gntdev map_grant_ref(dom %u, ref %u): %s", SELF, alloc.gref_ids[0],
             strerror(errno));
        goto out;
    }
    gmapped = 1;
    /* The grant is mapped (GNTTABOP_map_grant_ref) when gntdev is mmapped. */
    mapped = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, gd, map.index);
    if ( mapped == MAP_FAILED )
    {
        fail("mmap of grant ref %u through gntdev: %s", alloc.gref_ids[0],
             strerror(errno));
        goto out;
    }
    if ( mapped == granted )
    {
        fail("both mappings at the same address");
        goto out;
    }
    fill(granted, 7);
    if ( (at = differs(mapped, 7)) >= 0 )
    {
        fail("byte %d written through gntalloc reads 0x%02x through gntdev",
             at, mapped[at]);
        goto out;
    }
    fill(mapped, 101);
    if ( (at = differs(granted, 101)) >= 0 )
    {
        fail("byte %d written through gntdev reads 0x%02x through gntalloc",
             at, granted[at]);
        goto out;
    }
    ok("(grant ref %u, 4096 bytes both ways)", alloc.gref_ids[0]);
 out:
    if ( mapped != MAP_FAILED && munmap(mapped, PAGE) )
        fail("munmap of the gntdev mapping: %s", strerror(errno));
    if ( gmapped )
    {
        unmap.index = map.index;
        if ( ioctl(gd, IOCTL_GNTDEV_UNMAP_GRANT_REF, &unmap) < 0 )
            fail("gntdev unmap_grant_ref: %s", strerror(errno));
    }
    if ( granted != MAP_FAILED && munmap(granted, PAGE) )
        fail("munmap of the gntalloc mapping: %s", strerror(errno));
    if ( allocated )
    {
        dealloc.index = alloc.index;
        dealloc.count = 1;
        if ( ioctl(ga, IOCTL_GNTALLOC_DEALLOC_GREF, &dealloc) < 0 )
            fail("gntalloc dealloc_gref: %s", strerror(errno));
    }
    if ( gd >= 0 )
        close(gd);
    close(ga);
    return 0;
}

/* In a child: the clock_gettime system call now fails with EPERM. */
static int deny_clock_syscall(void)
{
    struct sock_filter code[] = {
        BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch)),
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_X86_64, 1, 0),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
        BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_clock_gettime, 0, 1),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EPERM),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
    };
    struct sock_fprog prog = { sizeof(code) / sizeof(code[0]), code };

    if ( prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) ||
         prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog) )
        return -1;
    return 0;
}

static int check_vdso_clock(void)
{
    struct timespec a, b;
    int status;
    pid_t pid;

    check_name = "vdso-clock";
    pid = fork();
    if ( pid == 0 )
    {
        if ( deny_clock_syscall() )
            _exit(2);
        /* The filter works: the system call itself is refused. */
        if ( syscall(__NR_clock_gettime, CLOCK_MONOTONIC, &a) == 0 || errno != EPERM )
            _exit(3);
        if ( clock_gettime(CLOCK_MONOTONIC, &a) || clock_gettime(CLOCK_MONOTONIC, &b) )
            _exit(4);
        if ( b.tv_sec < a.tv_sec || (b.tv_sec == a.tv_sec && b.tv_nsec < a.tv_nsec) )
            _exit(5);
        _exit(0);
    }
    if ( pid < 0 || waitpid(pid, &status, 0) != pid )
        return fail("fork/wait: %s", strerror(errno));
    if ( !WIFEXITED(status) )
        return fail("the child died of signal %d", WTERMSIG(status));
    switch ( WEXITSTATUS(status) )
    {
    case 0:
        ok("clock_gettime(CLOCK_MONOTONIC) answered with the system call denied");
        return 0;
    case 2: return fail("cannot install a seccomp filter");
    case 3: return fail("the seccomp filter does not deny clock_gettime");
    case 4: return fail("clock_gettime needs the system call: no vDSO pvclock");
    default: return fail("the vDSO clock went backwards");
    }
}

int main(int argc, char **argv)
{
    static const struct {
        const char *name;
        int (*fn)(void);
    } checks[] = {
        { "privcmd", check_privcmd },
        { "evtchn", check_evtchn },
        { "grant", check_grant },
        { "vdso-clock", check_vdso_clock },     /* only when named */
    };

    setvbuf(stdout, NULL, _IOLBF, 0);
    for ( size_t i = 0; i < sizeof(checks) / sizeof(checks[0]); i++ )
    {
        int wanted = argc < 2 && checks[i].fn != check_vdso_clock;

        for ( int j = 1; j < argc; j++ )
            wanted |= !strcmp(argv[j], checks[i].name);
        if ( wanted )
            checks[i].fn();
    }
    return failures > 125 ? 125 : failures;
}
