/*
 * vserver_syscall.h: the seam between the binding and the kernel
 *
 * Every request of the VServer binding goes through one function of this
 * shape.  vserverSyscallKernel issues the real system call; the unit tests
 * of the command table put a recording fake in its place.  Nothing else
 * sees a system call number.
 */
#ifndef VIR_VSERVER_SYSCALL_H
# define VIR_VSERVER_SYSCALL_H

# include "internal.h"

typedef struct _vserverSyscall {
    const char *name;               /* "kernel", or the fake's name */
    /* Issues vserver(@cmd, @id, @data): returns the kernel's answer when
     * it is not negative, else -errno.  Must not change errno's meaning. */
    long (*call)(void *opaque, uint32_t cmd, uint32_t id, void *data);
} vserverSyscall;

/* The real system call (x86_64: 236, i386: 273); @opaque is unused. */
extern const vserverSyscall vserverSyscallKernel;

#endif /* VIR_VSERVER_SYSCALL_H */
