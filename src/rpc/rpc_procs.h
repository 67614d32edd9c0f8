/*
 * rpc_procs.h: the procedures virtkit knows, of libvirt's REMOTE program
 * and of virtkit's own (VKR_VIRTKIT_PROGRAM)
 *
 * One entry per procedure of virtkit_protocol.x, with the XDR functions
 * and sizes of its arguments and result.  The tables themselves
 * (vkr_procs.c) are generated from the protocol description by
 * gen-procs.py, so a new procedure is one line of the description: the
 * daemon's dispatch and a client's stubs look its codecs up here.
 */
#ifndef VKR_RPC_PROCS_H
# define VKR_RPC_PROCS_H

# include "internal.h"

# include <rpc/rpc.h>

# include "virtkit_protocol.h"

/* xdr_void as a filter: libtirpc declares it without arguments. */
# define VKR_XDR_VOID ((xdrproc_t)(void (*)(void))xdr_void)

typedef struct _vkrProc vkrProc;
struct _vkrProc {
    const char *name;           /* "DOMAIN_GET_INFO"; NULL for an unknown number */
    xdrproc_t args_filter;      /* xdr_void when it takes none */
    size_t args_size;
    xdrproc_t ret_filter;       /* xdr_void when it returns none */
    size_t ret_size;
};

const vkrProc *vkrProcGet(unsigned int prog, int proc);
const vkrProc *vkrRemoteProcGet(int proc);

#endif /* VKR_RPC_PROCS_H */
