/*
 * guest-stop.c: /sbin/poweroff and /sbin/reboot of the PV test guest
 * (tests/xen/run-xen-qemu.sh builds it twice, static with no C library,
 * GUEST_STOP_CMD being LINUX_REBOOT_CMD_POWER_OFF or _RESTART)
 *
 * The guest's kernel runs these as usermode helpers when Xen asks it to
 * stop (control/shutdown).  They used to be busybox scripts; once under
 * TCG busybox died of SIGSEGV there, and the kernel, whose helper had
 * "run", never stopped the guest: the suite waited in vain.  This helper
 * does the one thing needed, in the kernel: reboot(2), which for a PV
 * guest is SCHEDOP_shutdown with the matching reason.
 */
#include <linux/reboot.h>

#include "guest-sys.h"

void _start(void);

void
_start(void)
{
    int fd = sys(SYS_open, (long)"/dev/console", O_WRONLY | O_CLOEXEC, 0, 0, 0);

    if (fd >= 0)
        sys(SYS_dup2, fd, 1, 0, 0, 0);
    say(GUEST_STOP_CMD == LINUX_REBOOT_CMD_POWER_OFF ?
        "GUEST: poweroff requested\n" : "GUEST: reboot requested\n");
    sys(SYS_reboot, LINUX_REBOOT_MAGIC1, LINUX_REBOOT_MAGIC2, GUEST_STOP_CMD, 0, 0);
    sys(SYS_exit, 1, 0, 0, 0, 0);
    for (;;)
        ;
}
