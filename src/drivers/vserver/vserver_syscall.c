/*
 * vserver_syscall.c: the one place that issues the vserver system call
 */
#include "internal.h"

#include <sys/syscall.h>
#include <unistd.h>

#include "vserver_abi.h"
#include "vserver_syscall.h"

#ifndef VS_NR
# error "the vserver system call has no known number on this architecture"
#endif

static long
vserverSyscallKernelCall(void *opaque G_GNUC_UNUSED, uint32_t cmd, uint32_t id, void *data)
{
    long ret = syscall(VS_NR, cmd, id, data);

    return ret < 0 ? -errno : ret;
}

const vserverSyscall vserverSyscallKernel = {
    .name = "kernel",
    .call = vserverSyscallKernelCall,
};
