/*
 * vkd_dispatch.h: how a call reaches its handler
 *
 * virtkitd serves two programs: libvirt's REMOTE, and virtkit's own
 * (VKR_VIRTKIT_PROGRAM: the calls of virt-virtkit.h), which libvirt's
 * clients never send.  Each procedure it serves is one entry of a
 * program's table (vkdRemoteProcs[], vkdVirtkitProcs[] in vkd_procs.c):
 * a handler, and for the handlers that serve a family of procedures of the
 * same shape, the public API function to call.  The handler reads the
 * decoded arguments, calls virtkit's public API on the client's
 * connection, and fills the result; on failure it returns -1 and the
 * thread's last error (or the one it set with vkdCallError()) goes back
 * as the error reply.  Adding a procedure: its line in
 * src/rpc/virtkit_protocol.x, its entry in its program's table, and a handler
 * unless one of the shapes fits.
 */
#ifndef VKD_DISPATCH_H
# define VKD_DISPATCH_H

# include "internal.h"

# include "rpc_message.h"
# include "rpc_procs.h"

typedef struct _vkdClient vkdClient;
typedef struct _vkdCall vkdCall;
typedef struct _vkdProcEntry vkdProcEntry;

typedef int (*vkdHandler)(vkdCall *call);

/* The public function a shape handler calls, by shape. */
typedef union {
    int (*dom)(virDomainPtr);
    int (*domFlags)(virDomainPtr, unsigned int);
    int (*domInt)(virDomainPtr, int);
    int (*domUint)(virDomainPtr, unsigned int);
    int (*domIntFlags)(virDomainPtr, int, unsigned int);
    int (*domUintFlags)(virDomainPtr, unsigned int, unsigned int);
    int (*domUlong)(virDomainPtr, unsigned long);
    int (*domUlongFlags)(virDomainPtr, unsigned long, unsigned int);
    int (*domIntOut)(virDomainPtr, int *);
    char *(*domString)(virDomainPtr);
    int (*domStr)(virDomainPtr, const char *);
    int (*domStrFlags)(virDomainPtr, const char *, unsigned int);
    char *(*domFlagsString)(virDomainPtr, unsigned int);
    int (*domSetParams)(virDomainPtr, virTypedParameterPtr, int, unsigned int);
    int (*domGetParams)(virDomainPtr, virTypedParameterPtr, int *, unsigned int);
    virDomainPtr (*connString)(virConnectPtr, const char *);
    virDomainPtr (*connStringFlags)(virConnectPtr, const char *, unsigned int);
    int (*conn)(virConnectPtr);
    int (*connUlongOut)(virConnectPtr, unsigned long *);
    char *(*connString0)(virConnectPtr);
    char *(*connFlagsString)(virConnectPtr, unsigned int);
} vkdApi;

/* Entry flags */
enum {
    VKD_PROC_BEFORE_OPEN = 1 << 0,  /* served before CONNECT_OPEN: no library connection */
};

struct _vkdProcEntry {
    vkdHandler handler;
    vkdApi api;
    unsigned int flags;
};

/* One call being served, on a worker thread. */
struct _vkdCall {
    vkdClient *client;
    const vkrProc *proc;        /* its codecs */
    const vkdProcEntry *entry;
    virConnectPtr conn;         /* a reference on the client's connection, or NULL */
    void *args;                 /* decoded arguments */
    void *ret;                  /* the result to fill */
    virError err;               /* an error the daemon raised itself (code != 0) */
};

const vkdProcEntry *vkdProcLookup(unsigned int prog, int proc);

void vkdCallError(vkdCall *call, int code, const char *fmt, ...) G_GNUC_PRINTF(3, 4);
void vkdDispatchCall(vkdClient *client, vkrMessage *msg);

#endif /* VKD_DISPATCH_H */
