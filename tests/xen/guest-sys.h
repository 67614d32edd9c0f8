/*
 * guest-sys.h: system calls for the test guests' static helpers, which
 * run with no C library (tests/xen/run-xen-qemu.sh builds them with
 * -nostdlib): the less user-mode code a guest runs under QEMU's TCG, the
 * less of it can fail there.
 */
#ifndef GUEST_SYS_H
# define GUEST_SYS_H

# include <fcntl.h>
# include <sys/syscall.h>

static long
sys(long n, long a, long b, long c, long d, long e)
{
    register long r10 __asm__("r10") = d;
    register long r8 __asm__("r8") = e;
    long ret;

    __asm__ volatile ("syscall"
                      : "=a"(ret)
                      : "a"(n), "D"(a), "S"(b), "d"(c), "r"(r10), "r"(r8)
                      : "rcx", "r11", "memory");
    return ret;
}

static void
say(const char *text)
{
    long n = 0;

    while (text[n])
        n++;
    sys(SYS_write, 1, (long)text, n, 0, 0);
}

#endif /* GUEST_SYS_H */
