/*
 * libvirt-domain-stats.c: entry points for the statistics of domains: the
 * bulk statistics of many domains (groups of "group.field" parameters)
 * and the memory statistics of one
 */
#include "internal.h"

#include "api.h"

#define VIR_FROM_THIS VIR_FROM_DOMAIN

/**
 * virDomainMemoryStats:
 * @dom: a running domain
 * @stats: array to fill
 * @nr_stats: room in @stats (at most VIR_DOMAIN_MEMORY_STAT_NR are used)
 * @flags: extra flags; not used yet, so callers should always pass 0
 *
 * Gives the memory statistics of a running domain, each a tag of
 * virDomainMemoryStatTags and its value, in the order of the tags; those
 * the driver does not know are left out.
 *
 * Returns the number of statistics filled (0 when @stats is NULL or
 * @nr_stats 0), -1 on error.
 */
int
virDomainMemoryStats(virDomainPtr dom, virDomainMemoryStatPtr stats,
                     unsigned int nr_stats, unsigned int flags)
{
    virConnectPtr conn;
    int ret;

    VIR_DEBUG("dom=%p, nr_stats=%u, flags=0x%x", dom, nr_stats, flags);
    virResetLastError();
    if (virCheckDomain(dom) < 0)
        return -1;
    conn = dom->conn;
    if (!stats || nr_stats == 0)
        return 0;
    nr_stats = MIN(nr_stats, VIR_DOMAIN_MEMORY_STAT_NR);
    if (!conn->driver->domainMemoryStats) {
        virReportUnsupported(conn, __func__);
        goto error;
    }
    if ((ret = conn->driver->domainMemoryStats(dom, stats, nr_stats, flags)) < 0)
        goto error;
    return ret;

 error:
    virDispatchError(conn);
    return -1;
}

/**
 * virDomainSetMemoryStatsPeriod:
 * @domain: a domain object
 * @period: how often the guest's balloon driver collects its statistics,
 *          in seconds; 0 stops the collection
 * @flags: bitwise-OR of virDomainModificationImpact
 *
 * Sets how often the balloon driver of the domain's guest collects the
 * statistics virDomainMemoryStats() gives, in the running domain
 * (VIR_DOMAIN_AFFECT_LIVE), its configuration (VIR_DOMAIN_AFFECT_CONFIG)
 * or, with VIR_DOMAIN_AFFECT_CURRENT, whichever its state says.  Only a
 * domain with a memory balloon device has one; the drivers whose domains
 * have no balloon (LVE, VServer, Xen) do not support the call.
 *
 * Returns 0 on success, -1 on error.
 */
int
virDomainSetMemoryStatsPeriod(virDomainPtr domain, int period, unsigned int flags)
{
    virConnectPtr conn;
    int ret;

    VIR_DEBUG("dom=%p, period=%d, flags=0x%x", domain, period, flags);
    virResetLastError();
    if (virCheckDomain(domain) < 0)
        return -1;
    conn = domain->conn;
    /* libvirt refuses a read-only connection before it looks at @period */
    if (virCheckReadOnly(conn) < 0 ||
        virCheckArg(period >= 0, "period", _("must be zero or greater")) < 0)
        goto error;
    if (!conn->driver->domainSetMemoryStatsPeriod) {
        virReportUnsupported(conn, __func__);
        goto error;
    }
    if ((ret = conn->driver->domainSetMemoryStatsPeriod(domain, period, flags)) < 0)
        goto error;
    return ret;

 error:
    virDispatchError(conn);
    return -1;
}

/**
 * virConnectGetAllDomainStats:
 * @conn: a connection
 * @stats: the groups to give (virDomainStatsTypes); 0 for all the driver has
 * @retStats: where the array of records is returned, ending with NULL;
 *            free it with virDomainStatsRecordListFree()
 * @flags: which domains (virConnectGetAllDomainStatsFlags filters, as
 *         virConnectListAllDomains takes them) and
 *         VIR_CONNECT_GET_ALL_DOMAINS_STATS_ENFORCE_STATS to fail on a
 *         group the driver does not have rather than leave it out
 *
 * Gives the statistics of every domain that passes the filters, one record
 * each, as typed parameters named "group.field": "state.state",
 * "state.reason" (VIR_DOMAIN_STATS_STATE), "cpu.time", "cpu.user",
 * "cpu.system" (CPU_TOTAL, nanoseconds), "balloon.current",
 * "balloon.maximum" (BALLOON, KiB), "vcpu.current", "vcpu.maximum",
 * "vcpu.<n>.state", "vcpu.<n>.time" (VCPU), as libvirt names them, and
 * the LVE driver's own group (VIR_DOMAIN_STATS_LVE).
 *
 * Returns the number of records, -1 on error.
 */
int
virConnectGetAllDomainStats(virConnectPtr conn, unsigned int stats,
                            virDomainStatsRecordPtr **retStats, unsigned int flags)
{
    int ret;

    VIR_DEBUG("conn=%p, stats=0x%x, flags=0x%x", conn, stats, flags);
    virResetLastError();
    if (virCheckConnect(conn) < 0)
        return -1;
    if (virCheckNonNullArg(retStats) < 0)
        goto error;
    if (!conn->driver->connectGetAllDomainStats) {
        virReportUnsupported(conn, __func__);
        goto error;
    }
    if ((ret = conn->driver->connectGetAllDomainStats(conn, NULL, 0, stats, retStats,
                                                      flags)) < 0)
        goto error;
    return ret;

 error:
    virDispatchError(conn);
    return -1;
}

/**
 * virDomainListGetStats:
 * @doms: the domains, of one connection, ending with NULL
 * @stats: the groups to give (virDomainStatsTypes); 0 for all the driver has
 * @retStats: where the array of records is returned, ending with NULL;
 *            free it with virDomainStatsRecordListFree()
 * @flags: as for virConnectGetAllDomainStats(): a domain of @doms that
 *         does not pass the filters is left out
 *
 * Gives the statistics of the domains @doms, as
 * virConnectGetAllDomainStats() does of all.
 *
 * Returns the number of records, -1 on error.
 */
int
virDomainListGetStats(virDomainPtr *doms, unsigned int stats,
                      virDomainStatsRecordPtr **retStats, unsigned int flags)
{
    virConnectPtr conn = NULL;
    unsigned int ndoms;
    int ret;

    VIR_DEBUG("doms=%p, stats=0x%x, flags=0x%x", doms, stats, flags);
    virResetLastError();
    if (virCheckNonNullArg(doms) < 0 || virCheckNonNullArg(retStats) < 0)
        goto error;
    if (virCheckArg(*doms != NULL, "doms", _("must contain at least one domain")) < 0)
        goto error;
    for (ndoms = 0; doms[ndoms]; ndoms++) {
        if (virCheckDomain(doms[ndoms]) < 0)
            return -1;
        if (virCheckArg(doms[ndoms]->conn == doms[0]->conn, "doms",
                        _("must hold domains of a single connection")) < 0)
            goto error;
    }
    conn = doms[0]->conn;
    if (!conn->driver->connectGetAllDomainStats) {
        virReportUnsupported(conn, __func__);
        goto error;
    }
    if ((ret = conn->driver->connectGetAllDomainStats(conn, doms, ndoms, stats, retStats,
                                                      flags)) < 0)
        goto error;
    return ret;

 error:
    virDispatchError(conn);
    return -1;
}

/**
 * virDomainStatsRecordListFree:
 * @stats: an array of records ending with NULL, or NULL
 *
 * Frees what virConnectGetAllDomainStats() and virDomainListGetStats()
 * returned: each record, its domain handle and its parameters.
 */
void
virDomainStatsRecordListFree(virDomainStatsRecordPtr *stats)
{
    virDomainStatsRecordPtr *next;

    if (!stats)
        return;
    for (next = stats; *next; next++) {
        virTypedParamsFree((*next)->params, (*next)->nparams);
        virDomainUnrefInternal((*next)->dom);
        g_free(*next);
    }
    g_free(stats);
}
