/*
 * pvh-init.c: /init of the PVH test guest (tests/xen/run-xen-qemu.sh
 * builds it static, with no C library)
 *
 * As little user-mode work as a guest can do: mount devtmpfs, open the
 * console, load the PV block and network front ends, say hello, then wait
 * in the kernel for good.  Under QEMU's TCG, a PVH guest's kernel now and
 * then takes recursive page faults on an entry from user mode (its GS base
 * is wrong after swapgs), as far as we can tell an emulation gap of TCG's
 * SVM; with the busybox init of the PV guest, which wakes every second, a
 * PVH guest died within minutes in about half of the runs.  What the
 * suite asks of the PVH guest is answered by its kernel: the front ends
 * connect (xenstore says so), a reboot request restarts it (with no
 * /sbin/reboot the kernel reboots by itself).
 */
#include "guest-sys.h"

static void
load(const char *path)
{
    long fd = sys(SYS_open, (long)path, O_RDONLY | O_CLOEXEC, 0, 0, 0);

    if (fd < 0 || sys(SYS_finit_module, fd, (long)"", 0, 0, 0) < 0) {
        say("GUEST: cannot load ");
        say(path);
        say("\n");
    }
}

void _start(void);

void
_start(void)
{
    sys(SYS_mount, (long)"devtmpfs", (long)"/dev", (long)"devtmpfs", 0, 0);
    if (sys(SYS_open, (long)"/dev/console", O_WRONLY, 0, 0, 0) == 0)
        sys(SYS_dup2, 0, 1, 0, 0, 0);
    load("/lib/xen-blkfront.ko");
    load("/lib/xen-netfront.ko");
    say("GUEST: hello from the PVH guest's init\n");
    for (;;)
        sys(SYS_pause, 0, 0, 0, 0, 0);
}
