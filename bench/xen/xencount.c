/*
 * xencount.c: what a toolstack command asks of Xen, counted (LD_PRELOAD)
 *
 * For the Xen benchmark in dom0 (make bench-xen): hypercalls (ioctls on
 * /dev/xen/privcmd), other privcmd ioctls (foreign mappings), and
 * messages to xenstored (writes on its socket or /dev/xen/xenbus), so that
 * `virtsh list --all` and `xl list` are compared by what they cost the
 * hypervisor and xenstored, not by wall time (noisy under TCG).  At exit
 * it prints one line to stderr:
 *   xencount: hypercalls=H privcmd_other=P xenstore_writes=X
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

/* linux/privcmd.h: _IOC(_IOC_NONE, 'P', 0, sizeof(privcmd_hypercall)) */
#define PRIVCMD_HYPERCALL 0x305000

enum { FD_UNKNOWN = 0, FD_OTHER, FD_PRIVCMD, FD_XENSTORE };
#define MAX_FDS 4096

static unsigned char kinds[MAX_FDS];
static unsigned long hypercalls, privcmdOther, xenstoreWrites;

static int
fdKind(int fd)
{
    char link[64], target[256];
    ssize_t n;

    if (fd < 0 || fd >= MAX_FDS)
        return FD_OTHER;
    if (kinds[fd] != FD_UNKNOWN)
        return kinds[fd];
    snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
    if ((n = readlink(link, target, sizeof(target) - 1)) < 0)
        return FD_OTHER;
    target[n] = '\0';
    if (strcmp(target, "/dev/xen/privcmd") == 0)
        kinds[fd] = FD_PRIVCMD;
    else if (strcmp(target, "/dev/xen/xenbus") == 0 || strncmp(target, "socket:", 7) == 0)
        kinds[fd] = FD_XENSTORE;     /* the only sockets these tools open */
    else
        kinds[fd] = FD_OTHER;
    return kinds[fd];
}

/* a descriptor closed and reused is looked at again */
int
close(int fd)
{
    static int (*real)(int);

    if (!real)
        real = dlsym(RTLD_NEXT, "close");
    if (fd >= 0 && fd < MAX_FDS)
        kinds[fd] = FD_UNKNOWN;
    return real(fd);
}

int
ioctl(int fd, unsigned long request, ...)
{
    static int (*real)(int, unsigned long, ...);
    va_list ap;
    void *arg;

    va_start(ap, request);
    arg = va_arg(ap, void *);
    va_end(ap);
    if (!real)
        real = dlsym(RTLD_NEXT, "ioctl");
    if (fdKind(fd) == FD_PRIVCMD) {
        if (request == PRIVCMD_HYPERCALL)
            hypercalls++;
        else
            privcmdOther++;
    }
    return real(fd, request, arg);
}

ssize_t
write(int fd, const void *buf, size_t count)
{
    static ssize_t (*real)(int, const void *, size_t);

    if (!real)
        real = dlsym(RTLD_NEXT, "write");
    if (fdKind(fd) == FD_XENSTORE)
        xenstoreWrites++;
    return real(fd, buf, count);
}

ssize_t
writev(int fd, const struct iovec *iov, int iovcnt)
{
    static ssize_t (*real)(int, const struct iovec *, int);

    if (!real)
        real = dlsym(RTLD_NEXT, "writev");
    if (fdKind(fd) == FD_XENSTORE)
        xenstoreWrites++;
    return real(fd, iov, iovcnt);
}

ssize_t
sendmsg(int fd, const struct msghdr *msg, int flags)
{
    static ssize_t (*real)(int, const struct msghdr *, int);

    if (!real)
        real = dlsym(RTLD_NEXT, "sendmsg");
    if (fdKind(fd) == FD_XENSTORE)
        xenstoreWrites++;
    return real(fd, msg, flags);
}

__attribute__((destructor)) static void
xencountReport(void)
{
    fprintf(stderr, "xencount: hypercalls=%lu privcmd_other=%lu xenstore_writes=%lu\n",
            hypercalls, privcmdOther, xenstoreWrites);
}
