/*
 * vkd_handlers_virtkit.c: the handlers of virtkit's own program
 *
 * VKR_VIRTKIT_PROGRAM carries the calls of virt-virtkit.h that make sense
 * on another host: memory sharing per domain and the node's
 * deduplication pass (the shape handlers of vkd_handlers_tune.c serve
 * the first two), and the hypervisor's log.  virDomainEnter and
 * virDomainLeave are not served: they move the calling process into a
 * domain, and here that process would be the daemon.
 */
#include "internal.h"

#include "rpc_typedparam.h"
#include "vkd_handlers.h"

int
vkdConnFlagsString(vkdCall *call)
{
    const vkr_flags_args *args = call->args;
    vkr_string_ret *ret = call->ret;

    return (ret->str = call->entry->api.connFlagsString(call->conn, args->flags)) ? 0 : -1;
}

/* The domains a call names, or NULL with the error set; *@n of them. */
static virDomainPtr *
vkdGetDomains(vkdCall *call, const vkr_nonnull_domain *wire, u_int nwire, unsigned int *n)
{
    g_autofree virDomainPtr *doms = g_new0(virDomainPtr, nwire + 1);

    for (*n = 0; *n < nwire; (*n)++) {
        if (!(doms[*n] = vkdGetDomain(call, &wire[*n]))) {
            while (*n > 0)
                virDomainFree(doms[--(*n)]);
            return NULL;
        }
    }
    return g_steal_pointer(&doms);
}

int
vkdNodeMemoryDedup(vkdCall *call)
{
    const vkr_node_memory_dedup_args *args = call->args;
    vkr_node_memory_dedup_ret *ret = call->ret;
    g_autoptr(GError) err = NULL;
    virTypedParameterPtr params = NULL;
    virDomainPtr *doms;
    unsigned int ndoms, i;
    int nparams = 0;
    int rc;

    if (!(doms = vkdGetDomains(call, args->doms.doms_val, args->doms.doms_len, &ndoms)))
        return -1;
    rc = virNodeMemoryDedup(call->conn, ndoms ? doms : NULL, ndoms, &params, &nparams,
                            args->flags);
    if (rc < 0)
        virCopyLastError(&call->err);
    for (i = 0; i < ndoms; i++)
        virDomainFree(doms[i]);
    g_free(doms);
    if (rc == 0 &&
        !vkrTypedParamsToWire(params, nparams, VKR_NODE_DEDUP_PARAMETERS_MAX, 0,
                              &ret->params.params_val, &ret->params.params_len, &err)) {
        vkdCallError(call, VIR_ERR_RPC, "%s", err->message);
        rc = -1;
    }
    virTypedParamsFree(params, nparams);
    return rc;
}
