/*
 * vkd_handlers_stats.c: the statistics of domains: memory statistics of
 * one, the bulk statistics of many (CONNECT_GET_ALL_DOMAIN_STATS serves
 * both virConnectGetAllDomainStats, with no domains, and
 * virDomainListGetStats)
 */
#include "internal.h"

#include "rpc_typedparam.h"
#include "vkd_handlers.h"

int
vkdDomainMemoryStats(vkdCall *call)
{
    const vkr_domain_memory_stats_args *args = call->args;
    vkr_domain_memory_stats_ret *ret = call->ret;
    g_autofree virDomainMemoryStatStruct *stats = NULL;
    virDomainPtr dom;
    int n, i;

    if (!vkdCheckCount(call, "maxStats", args->maxStats, VKR_DOMAIN_MEMORY_STATS_MAX) ||
        !(dom = vkdGetDomain(call, &args->dom)))
        return -1;
    stats = g_new0(virDomainMemoryStatStruct, MAX(args->maxStats, 1));
    n = virDomainMemoryStats(dom, stats, args->maxStats, args->flags);
    if (vkdDomainPut(call, dom, n) < 0)
        return -1;
    ret->stats.stats_val = g_new0(vkr_domain_memory_stat, MAX(n, 1));
    ret->stats.stats_len = n;
    for (i = 0; i < n; i++) {
        ret->stats.stats_val[i].tag = stats[i].tag;
        ret->stats.stats_val[i].val = stats[i].val;
    }
    return 0;
}

/* The handles of the domains the client named, ending with NULL. */
static virDomainPtr *
vkdStatsDomains(vkdCall *call, const vkr_connect_get_all_domain_stats_args *args)
{
    virDomainPtr *doms = g_new0(virDomainPtr, args->doms.doms_len + 1);
    u_int i;

    for (i = 0; i < args->doms.doms_len; i++) {
        if (!(doms[i] = vkdGetDomain(call, &args->doms.doms_val[i]))) {
            while (i > 0)
                virDomainFree(doms[--i]);
            g_free(doms);
            return NULL;
        }
    }
    return doms;
}

static int
vkdStatsRecordsToWire(vkdCall *call, virDomainStatsRecordPtr *records, int n,
                      vkr_connect_get_all_domain_stats_ret *ret)
{
    g_autoptr(GError) err = NULL;
    int i;

    ret->retStats.retStats_val = g_new0(vkr_domain_stats_record, MAX(n, 1));
    ret->retStats.retStats_len = n;
    for (i = 0; i < n; i++) {
        vkr_domain_stats_record *r = &ret->retStats.retStats_val[i];

        vkdDomainToWire(records[i]->dom, &r->dom);
        /* strings always travel here, as in libvirt */
        if (!vkrTypedParamsToWire(records[i]->params, records[i]->nparams,
                                  VKR_CONNECT_GET_ALL_DOMAIN_STATS_MAX,
                                  VIR_TYPED_PARAM_STRING_OKAY, &r->params.params_val,
                                  &r->params.params_len, &err)) {
            vkdCallError(call, VIR_ERR_RPC, "%s", err->message);
            return -1;
        }
    }
    return 0;
}

int
vkdConnectGetAllDomainStats(vkdCall *call)
{
    const vkr_connect_get_all_domain_stats_args *args = call->args;
    vkr_connect_get_all_domain_stats_ret *ret = call->ret;
    virDomainStatsRecordPtr *records = NULL;
    virDomainPtr *doms = NULL;
    int n, rc, i;

    if (args->doms.doms_len > 0) {
        if (!(doms = vkdStatsDomains(call, args)))
            return -1;
        n = virDomainListGetStats(doms, args->stats, &records, args->flags);
        for (i = 0; doms[i]; i++)
            virDomainFree(doms[i]);
        g_free(doms);
    } else {
        n = virConnectGetAllDomainStats(call->conn, args->stats, &records, args->flags);
    }
    if (n < 0)
        return -1;
    if (n > VKR_DOMAIN_LIST_MAX) {
        vkdCallError(call, VIR_ERR_RPC, "%d records exceed the protocol's limit of %d",
                     n, VKR_DOMAIN_LIST_MAX);
        rc = -1;
    } else {
        rc = vkdStatsRecordsToWire(call, records, n, ret);
    }
    virDomainStatsRecordListFree(records);
    return rc;
}
