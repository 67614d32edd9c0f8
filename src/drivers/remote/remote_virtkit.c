/*
 * remote_virtkit.c: virtkit's own calls (virt-virtkit.h) on another host
 *
 * They travel in virtkit's program (VKR_VIRTKIT_PROGRAM), which virtkitd
 * serves beside libvirt's REMOTE and libvirt's daemons do not know.
 * Before the first of them on a connection the daemon is asked once
 * (PROBE) whether it serves the program, so that a libvirtd answers
 * "not supported" as a local driver without the feature does, and never
 * sees a call it cannot read.
 *
 * virDomainEnter and virDomainLeave stay local: they move the calling
 * process into a domain, and a daemon could only move itself; the remote
 * driver leaves their slots empty (VIR_ERR_NO_SUPPORT).
 */
#include "internal.h"

#include "remote_domain.h"
#include "remote_virtkit.h"
#include "rpc_typedparam.h"
#include "virerror.h"
#include "virlog.h"

#define VIR_FROM_THIS VIR_FROM_REMOTE

/* Whether the daemon serves virtkit's program; asked once per
 * connection.  Returns 0, or -1 with the error @func (the public call)
 * answers. */
static int
remoteVirtkitServed(virConnectPtr conn, const char *func)
{
    remoteDriverPrivate *priv = REMOTE_PRIV(conn);
    int served;

    virMutexLock(&priv->lock);
    if (priv->virtkitProgram == 0) {
        if (remoteCallProgram(conn, VKR_VIRTKIT_PROGRAM, VKR_VIRTKIT_PROC_PROBE,
                              NULL, NULL) == 0) {
            priv->virtkitProgram = 1;
        } else if (remoteClientIsAlive(priv->client)) {
            /* libvirtd: "Cannot find program ..." */
            VIR_DEBUG("the daemon does not serve virtkit's program: %s",
                      virGetLastErrorMessage());
            priv->virtkitProgram = -1;
        }
    }
    served = priv->virtkitProgram;
    virMutexUnlock(&priv->lock);
    if (served > 0)
        return 0;
    if (served < 0)
        virReportError(VIR_ERR_NO_SUPPORT,
                       _("%s is not implemented by the daemon on '%s': only virtkitd serves virtkit's own calls"),
                       func, priv->ruri->host);
    /* else the connection failed, and said so */
    return -1;
}

static int
remoteCallVirtkit(virConnectPtr conn, const char *func, int proc, void *args, void *ret)
{
    if (remoteVirtkitServed(conn, func) < 0)
        return -1;
    return remoteCallProgram(conn, VKR_VIRTKIT_PROGRAM, proc, args, ret);
}

int
remoteDomainSetMemorySharing(virDomainPtr dom, int enable, unsigned int flags)
{
    vkr_dom_int_flags_args args = { .num = enable, .flags = flags };

    remoteDomainToWire(dom, &args.dom);
    return remoteCallVirtkit(dom->conn, "virDomainSetMemorySharing",
                             VKR_VIRTKIT_PROC_DOMAIN_SET_MEMORY_SHARING, &args, NULL);
}

int
remoteDomainGetMemorySharing(virDomainPtr dom, virTypedParameterPtr params, int *nparams,
                             unsigned int flags)
{
    if (remoteVirtkitServed(dom->conn, "virDomainGetMemorySharing") < 0)
        return -1;
    return remoteDomGetParams(dom, VKR_VIRTKIT_PROGRAM, VKR_VIRTKIT_PROC_DOMAIN_GET_MEMORY_SHARING,
                              params, nparams, flags);
}

int
remoteNodeMemoryDedup(virConnectPtr conn, virDomainPtr *domains, unsigned int ndomains,
                      virTypedParameterPtr *params, int *nparams, unsigned int flags)
{
    g_autofree vkr_nonnull_domain *doms = NULL;
    vkr_node_memory_dedup_args args = { .flags = flags };
    vkr_node_memory_dedup_ret ret = { { 0 } };
    g_autoptr(GError) error = NULL;
    unsigned int i;
    int rc = 0;

    if (ndomains > VKR_DOMAIN_LIST_MAX) {
        virReportError(VIR_ERR_RPC, _("too many domains (%u) for one call: at most %d"),
                       ndomains, VKR_DOMAIN_LIST_MAX);
        return -1;
    }
    doms = g_new0(vkr_nonnull_domain, MAX(ndomains, 1));
    for (i = 0; i < ndomains; i++)
        remoteDomainToWire(domains[i], &doms[i]);
    args.doms.doms_val = doms;
    args.doms.doms_len = ndomains;
    if (remoteCallVirtkit(conn, "virNodeMemoryDedup", VKR_VIRTKIT_PROC_NODE_MEMORY_DEDUP,
                          &args, &ret) < 0)
        return -1;
    if (!vkrTypedParamsFromWire(ret.params.params_val, ret.params.params_len,
                                VKR_NODE_DEDUP_PARAMETERS_MAX, params, nparams, &error)) {
        virReportError(VIR_ERR_RPC, "%s", error->message);
        rc = -1;
    }
    xdr_free((xdrproc_t)xdr_vkr_node_memory_dedup_ret, &ret);
    return rc;
}

char *
remoteConnectGetHypervisorLog(virConnectPtr conn, unsigned int flags)
{
    vkr_flags_args args = { .flags = flags };
    vkr_string_ret ret = { 0 };

    if (remoteCallVirtkit(conn, "virConnectGetHypervisorLog",
                          VKR_VIRTKIT_PROC_CONNECT_GET_HYPERVISOR_LOG, &args, &ret) < 0)
        return NULL;
    return ret.str;
}
