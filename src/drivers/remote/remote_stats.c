/*
 * remote_stats.c: statistics and the node's memory tunables over the
 * wire: memory and CPU statistics of a domain, the bulk statistics
 * (virConnectGetAllDomainStats and virDomainListGetStats are one
 * procedure), the node's memory parameters (KSM's, or Xen's sharing),
 * and keys sent to a domain
 */
#include "internal.h"

#include "remote_domain.h"
#include "rpc_typedparam.h"
#include "virerror.h"
#include "virtypedparam.h"

#define VIR_FROM_THIS VIR_FROM_REMOTE

int
remoteDomainMemoryStats(virDomainPtr dom, virDomainMemoryStatPtr stats, unsigned int nr_stats,
                        unsigned int flags)
{
    vkr_domain_memory_stats_args args = { .maxStats = nr_stats, .flags = flags };
    vkr_domain_memory_stats_ret ret = { { 0 } };
    u_int i;
    int n = -1;

    remoteDomainToWire(dom, &args.dom);
    if (remoteCall(dom->conn, VKR_PROC_DOMAIN_MEMORY_STATS, &args, &ret) < 0)
        return -1;
    if (ret.stats.stats_len > nr_stats) {
        virReportError(VIR_ERR_RPC, _("the daemon returned %u memory statistics for %u asked"),
                       ret.stats.stats_len, nr_stats);
    } else {
        for (i = 0; i < ret.stats.stats_len; i++) {
            stats[i].tag = ret.stats.stats_val[i].tag;
            stats[i].val = ret.stats.stats_val[i].val;
        }
        n = ret.stats.stats_len;
    }
    xdr_free((xdrproc_t)xdr_vkr_domain_memory_stats_ret, &ret);
    return n;
}

/* The daemon leaves out the empty slots: each CPU's row of ret.nparams
 * goes back to its place in the caller's rows of @nparams. */
int
remoteDomainGetCPUStats(virDomainPtr dom, virTypedParameterPtr params, unsigned int nparams,
                        int start_cpu, unsigned int ncpus, unsigned int flags)
{
    vkr_domain_get_cpu_stats_args args = {
        .nparams = nparams, .start_cpu = start_cpu, .ncpus = ncpus, .flags = flags,
    };
    vkr_domain_get_cpu_stats_ret ret = { { 0 } };
    u_int rows, cpu;
    int rc = -1;

    remoteDomainToWire(dom, &args.dom);
    if (remoteCall(dom->conn, VKR_PROC_DOMAIN_GET_CPU_STATS, &args, &ret) < 0)
        return -1;
    if (ret.params.params_len > (u_int)nparams * MAX(ncpus, 1) ||
        (ret.params.params_len > 0 &&
         (ret.nparams <= 0 || ret.params.params_len % ret.nparams != 0 ||
          (u_int)ret.nparams > nparams))) {
        virReportError(VIR_ERR_RPC, _("the daemon returned %u CPU statistics in rows of %d for "
                                      "%u CPUs of %u"),
                       ret.params.params_len, ret.nparams, ncpus, nparams);
        goto cleanup;
    }
    if (nparams == 0) {
        rc = ret.nparams;
        goto cleanup;
    }
    memset(params, 0, sizeof(*params) * nparams * MAX(ncpus, 1));
    rows = ret.params.params_len ? ret.params.params_len / ret.nparams : 0;
    for (cpu = 0; cpu < rows; cpu++) {
        int n = nparams;

        if (remoteParamsFromWire(&ret.params.params_val[cpu * ret.nparams], ret.nparams,
                                 &params[cpu * nparams], &n) < 0) {
            virTypedParamsClear(params, nparams * MAX(ncpus, 1));
            goto cleanup;
        }
    }
    rc = ret.nparams;

 cleanup:
    xdr_free((xdrproc_t)xdr_vkr_domain_get_cpu_stats_ret, &ret);
    return rc;
}

static void
remoteStatsRecordsFree(virDomainStatsRecordPtr *records, int n)
{
    int i;

    for (i = 0; i < n && records[i]; i++) {
        virTypedParamsFree(records[i]->params, records[i]->nparams);
        if (records[i]->dom)
            virDomainFree(records[i]->dom);
        g_free(records[i]);
    }
    g_free(records);
}

int
remoteConnectGetAllDomainStats(virConnectPtr conn, virDomainPtr *doms, unsigned int ndoms,
                               unsigned int stats, virDomainStatsRecordPtr **retStats,
                               unsigned int flags)
{
    vkr_connect_get_all_domain_stats_args args = { .stats = stats, .flags = flags };
    vkr_connect_get_all_domain_stats_ret ret = { { 0 } };
    g_autoptr(GError) error = NULL;
    virDomainStatsRecordPtr *records = NULL;
    unsigned int i;
    int n = -1;

    args.doms.doms_len = ndoms;
    args.doms.doms_val = g_new0(vkr_nonnull_domain, MAX(ndoms, 1));
    for (i = 0; i < ndoms; i++)
        remoteDomainToWire(doms[i], &args.doms.doms_val[i]);
    if (remoteCall(conn, VKR_PROC_CONNECT_GET_ALL_DOMAIN_STATS, &args, &ret) < 0)
        goto cleanup;
    records = g_new0(virDomainStatsRecordPtr, ret.retStats.retStats_len + 1);
    for (i = 0; i < ret.retStats.retStats_len; i++) {
        vkr_domain_stats_record *r = &ret.retStats.retStats_val[i];

        records[i] = g_new0(virDomainStatsRecord, 1);
        if (!(records[i]->dom = remoteDomainFromWire(conn, &r->dom)))
            goto error;
        if (!vkrTypedParamsFromWire(r->params.params_val, r->params.params_len,
                                    VKR_CONNECT_GET_ALL_DOMAIN_STATS_MAX,
                                    &records[i]->params, &records[i]->nparams, &error)) {
            virReportError(VIR_ERR_RPC, "%s", error->message);
            goto error;
        }
    }
    n = ret.retStats.retStats_len;
    *retStats = g_steal_pointer(&records);
    goto cleanup;

 error:
    remoteStatsRecordsFree(records, ret.retStats.retStats_len);

 cleanup:
    /* the names are the handles': only the array is ours */
    g_free(args.doms.doms_val);
    xdr_free((xdrproc_t)xdr_vkr_connect_get_all_domain_stats_ret, &ret);
    return n;
}

int
remoteDomainSendKey(virDomainPtr dom, unsigned int codeset, unsigned int holdtime,
                    unsigned int *keycodes, int nkeycodes, unsigned int flags)
{
    vkr_domain_send_key_args args = {
        .codeset = codeset, .holdtime = holdtime, .flags = flags,
        .keycodes = { .keycodes_len = nkeycodes, .keycodes_val = keycodes },
    };

    remoteDomainToWire(dom, &args.dom);
    return remoteCall(dom->conn, VKR_PROC_DOMAIN_SEND_KEY, &args, NULL);
}

int
remoteNodeGetMemoryParameters(virConnectPtr conn, virTypedParameterPtr params, int *nparams,
                              unsigned int flags)
{
    vkr_node_get_memory_parameters_args args = { .nparams = *nparams, .flags = flags };
    vkr_node_get_memory_parameters_ret ret = { { 0 } };
    int rc = 0;

    if (remoteCall(conn, VKR_PROC_NODE_GET_MEMORY_PARAMETERS, &args, &ret) < 0)
        return -1;
    if (*nparams == 0)
        *nparams = ret.nparams;
    else
        rc = remoteParamsFromWire(ret.params.params_val, ret.params.params_len, params, nparams);
    xdr_free((xdrproc_t)xdr_vkr_node_get_memory_parameters_ret, &ret);
    return rc;
}

int
remoteNodeSetMemoryParameters(virConnectPtr conn, virTypedParameterPtr params, int nparams,
                              unsigned int flags)
{
    vkr_node_set_memory_parameters_args args = { .flags = flags };
    int rc;

    if (remoteParamsToWire(params, nparams, VKR_NODE_MEMORY_PARAMETERS_MAX,
                           &args.params.params_val, &args.params.params_len) < 0)
        return -1;
    rc = remoteCall(conn, VKR_PROC_NODE_SET_MEMORY_PARAMETERS, &args, NULL);
    xdr_free((xdrproc_t)xdr_vkr_node_set_memory_parameters_args, &args);
    return rc;
}
