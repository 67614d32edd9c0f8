/*
 * vserver_binding.h: a connection to the kernel's vserver system call
 *
 * vserverBindingOpen() negotiates as the 2003 design asks: the kernel's
 * version first, which also picks the encoding (a V2 kernel answers the V2
 * version query, a 2003 kernel refuses it with ENOTSUP and answers its own,
 * a mainline kernel answers ENOSYS); then, before a command is first used,
 * its version.  The operations (vserver_context.h, vserver_limits.h,
 * vserver_net.h) go through vserverBindingCall(), which turns every
 * refusal into a vir error that names the context and the command.
 *
 * A binding may be used from any thread; it keeps no state but what the
 * kernel answered about itself.
 */
#ifndef VIR_VSERVER_BINDING_H
# define VIR_VSERVER_BINDING_H

# include "internal.h"

# include "vserver_cmd.h"
# include "vserver_syscall.h"

/* Every file of the VServer driver reports in VIR_FROM_VSERVER
 * (virt-virtkit.h). */

typedef struct _vserverBinding vserverBinding;

/**
 * vserverBindingOpen:
 * @sys: how to reach the kernel (&vserverSyscallKernel, or a test's fake)
 * @opaque: passed to @sys->call
 *
 * Asks the kernel for its version and picks the encoding.  On a kernel
 * without VServer, reports VIR_ERR_NO_SUPPORT "this kernel has no
 * Linux-VServer support (the vserver system call is not implemented)".
 *
 * Returns the binding, or NULL with an error reported.
 */
vserverBinding *vserverBindingOpen(const vserverSyscall *sys, void *opaque);
void vserverBindingFree(vserverBinding *b);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(vserverBinding, vserverBindingFree);

/* The negotiated encoding, and the kernel's version in it (V2: the VCI,
 * 0x00020301 for 2.3.1; 2003: the patch version, major << 16 | minor). */
vserverAbi vserverBindingGetAbi(const vserverBinding *b);
uint32_t vserverBindingGetVersion(const vserverBinding *b);

/**
 * vserverBindingSupports:
 * @b: the binding
 * @cmd: an operation
 * @limit: for the limit operations, which limit (else ignored)
 *
 * Whether the kernel offers @cmd, asking it for the command's version
 * the first time (2003).  Reports nothing when it does not.
 *
 * Returns 1 when it does, 0 when it does not, -1 when asking failed
 * (with an error reported).
 */
int vserverBindingSupports(vserverBinding *b, vserverCmd cmd, unsigned int limit);

/* Like vserverBindingSupports(), but reports VIR_ERR_NO_SUPPORT with the
 * reason when the kernel lacks @cmd.  Returns 0 or -1. */
int vserverBindingRequire(vserverBinding *b, vserverCmd cmd, unsigned int limit);

/**
 * vserverBindingCall:
 * @b: the binding
 * @cmd: the operation
 * @limit: for the limit operations, which limit (else ignored)
 * @id: the id argument (a context, a network context, a pid, a device)
 * @data: the argument struct of @cmd in the negotiated ABI, or NULL
 *
 * Checks that the kernel offers @cmd, issues it and translates a refusal:
 * ENOSYS (V2) and ENOTSUP (2003) become VIR_ERR_NO_SUPPORT naming the
 * command; EPERM, EACCES, ESRCH, EINVAL, EEXIST, EBUSY an error naming
 * the context and the command.
 *
 * Returns the kernel's answer (>= 0), or -1 with an error reported.
 */
long vserverBindingCall(vserverBinding *b, vserverCmd cmd, unsigned int limit,
                        uint32_t id, void *data);

/* Reports that @cmd cannot take @what in the negotiated ABI (an argument
 * only the other ABI can express); the operations use it. */
void vserverBindingReportUnexpressible(vserverBinding *b, vserverCmd cmd,
                                       unsigned int limit, const char *what);

#endif /* VIR_VSERVER_BINDING_H */
