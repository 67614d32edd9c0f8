/*
 * domain_stats.c: the bulk statistics of domains and their memory
 * statistics, for every driver (see domain_stats.h)
 */
#include "internal.h"

#include <stdarg.h>

#include "domain_kernel.h"
#include "domain_stats.h"
#include "virerror.h"
#include "virtypedparam.h"

#define VIR_FROM_THIS VIR_FROM_NONE

/* The domain filters of virConnectGetAllDomainStatsFlags, which are
 * virConnectListAllDomains'. */
#define VIR_DOMAIN_STATS_FILTERS \
    (VIR_CONNECT_GET_ALL_DOMAINS_STATS_ACTIVE | VIR_CONNECT_GET_ALL_DOMAINS_STATS_INACTIVE | \
     VIR_CONNECT_GET_ALL_DOMAINS_STATS_PERSISTENT | \
     VIR_CONNECT_GET_ALL_DOMAINS_STATS_TRANSIENT | \
     VIR_CONNECT_GET_ALL_DOMAINS_STATS_RUNNING | VIR_CONNECT_GET_ALL_DOMAINS_STATS_PAUSED | \
     VIR_CONNECT_GET_ALL_DOMAINS_STATS_SHUTOFF | VIR_CONNECT_GET_ALL_DOMAINS_STATS_OTHER)

#define VIR_DOMAIN_STATS_FLAGS \
    (VIR_DOMAIN_STATS_FILTERS | VIR_CONNECT_GET_ALL_DOMAINS_STATS_NOWAIT | \
     VIR_CONNECT_GET_ALL_DOMAINS_STATS_BACKING | \
     VIR_CONNECT_GET_ALL_DOMAINS_STATS_ENFORCE_STATS)

static virTypedParameterPtr
virDomainStatsAppend(virDomainStatsList *list, int type, const char *fmt, va_list ap)
{
    virTypedParameterPtr p;

    if (list->nparams >= list->maxparams) {
        list->maxparams = MAX(8, list->maxparams * 2);
        list->params = g_renew(virTypedParameter, list->params, list->maxparams);
    }
    p = &list->params[list->nparams++];
    memset(p, 0, sizeof(*p));
    g_vsnprintf(p->field, VIR_TYPED_PARAM_FIELD_LENGTH, fmt, ap);
    p->type = type;
    return p;
}

#define VIR_DOMAIN_STATS_ADD(func, ctype, tag, member) \
    void \
    func(virDomainStatsList *list, ctype value, const char *fmt, ...) \
    { \
        va_list ap; \
        va_start(ap, fmt); \
        virDomainStatsAppend(list, tag, fmt, ap)->value.member = value; \
        va_end(ap); \
    }

VIR_DOMAIN_STATS_ADD(virDomainStatsAddInt, int, VIR_TYPED_PARAM_INT, i)
VIR_DOMAIN_STATS_ADD(virDomainStatsAddUInt, unsigned int, VIR_TYPED_PARAM_UINT, ui)
VIR_DOMAIN_STATS_ADD(virDomainStatsAddULLong, unsigned long long, VIR_TYPED_PARAM_ULLONG, ul)

void *
virDomainStatsReadOnce(virDomainStatsList *list, size_t size, virDomainStatsReadFunc read,
                       virDomainDriverBase *base, virDomainObj *obj)
{
    g_autofree void *data = NULL;

    if (list->driverData)
        return list->driverData;
    data = g_malloc0(size);
    if (read(base, obj, data) < 0)
        return NULL;
    list->driverData = g_steal_pointer(&data);
    list->driverDataFree = g_free;
    return list->driverData;
}

void
virDomainStatsAddVcpus(virDomainStatsList *list, const virVcpuInfo *info, int n, bool withTime)
{
    int i;

    for (i = 0; i < n; i++) {
        virDomainStatsAddInt(list, info[i].state, "vcpu.%u.state", info[i].number);
        if (withTime)
            virDomainStatsAddULLong(list, info[i].cpuTime, "vcpu.%u.time", info[i].number);
    }
}

/* What every driver knows of @group from the domain object itself (the
 * state as its kernel says, when the driver has a state hook). */
static void
virDomainStatsShared(virDomainDriverBase *base, virDomainObj *obj, unsigned int group,
                     virDomainStatsList *list)
{
    int state = obj->state;
    int reason = obj->reason;

    switch (group) {
    case VIR_DOMAIN_STATS_STATE:
        if (base->hooks->state)
            base->hooks->state(base, obj, &state, &reason);
        virDomainStatsAddInt(list, state, "state.state");
        virDomainStatsAddInt(list, reason, "state.reason");
        break;
    case VIR_DOMAIN_STATS_BALLOON:
        virDomainStatsAddULLong(list, obj->def->curMemory, "balloon.current");
        virDomainStatsAddULLong(list, obj->def->maxMemory, "balloon.maximum");
        break;
    case VIR_DOMAIN_STATS_VCPU:
        virDomainStatsAddUInt(list, obj->def->vcpus, "vcpu.current");
        virDomainStatsAddUInt(list, obj->def->maxvcpus, "vcpu.maximum");
        break;
    default:
        break;
    }
}

static void
virDomainStatsRecordFree(virDomainStatsRecordPtr record)
{
    if (!record)
        return;
    virTypedParamsFree(record->params, record->nparams);
    virDomainUnrefInternal(record->dom);
    g_free(record);
}

/* The record of locked @obj: each group of @groups in the order of their
 * bits, shared fields first. */
static virDomainStatsRecordPtr
virDomainStatsBuild(virDomainDriverBase *base, virConnectPtr conn, virDomainObj *obj,
                    unsigned int groups)
{
    virDomainStatsList list = { 0 };
    virDomainStatsRecordPtr record;
    unsigned int bit;
    int rc = 0;

    for (bit = 0; bit < 32 && rc == 0; bit++) {
        unsigned int group = 1U << bit;

        if (!(groups & group))
            continue;
        virDomainStatsShared(base, obj, group, &list);
        if (base->hooks->stats)
            rc = base->hooks->stats(base, obj, group, &list);
    }
    if (list.driverData && list.driverDataFree)
        list.driverDataFree(list.driverData);
    if (rc < 0) {
        virTypedParamsFree(list.params, list.nparams);
        return NULL;
    }
    record = g_new0(virDomainStatsRecord, 1);
    record->dom = virGetDomain(conn, obj->name, obj->uuid, obj->id);
    record->params = list.params;
    record->nparams = list.nparams;
    return record;
}

/* The groups to report: all the driver has for 0; refused with ENFORCE_STATS
 * when the driver lacks one, else those it lacks are left out. */
static int
virDomainStatsGroups(virDomainDriverBase *base, unsigned int stats, unsigned int flags,
                     unsigned int *groups)
{
    if (!stats) {
        *groups = base->statsGroups;
        return 0;
    }
    if ((flags & VIR_CONNECT_GET_ALL_DOMAINS_STATS_ENFORCE_STATS) &&
        (stats & ~base->statsGroups)) {
        virDomainDriverError(base, VIR_ERR_ARGUMENT_UNSUPPORTED,
                             _("Stats types bits 0x%x are not supported by this daemon"),
                             stats & ~base->statsGroups);
        return -1;
    }
    *groups = stats & base->statsGroups;
    return 0;
}

/* Appends the record of @dom to @records when it passes @filters; a
 * domain that went meanwhile is left out when @missingOk. */
static int
virDomainStatsAddDomain(virDomainDriverBase *base, virDomainPtr dom, unsigned int groups,
                        unsigned int filters, bool missingOk, GPtrArray *records)
{
    virDomainStatsRecordPtr record = NULL;
    virDomainObj *obj;

    if (!(obj = virDomainDriverFindObj(dom, VIR_DOMAIN_DRIVER_OBJ_REFRESH))) {
        if (!missingOk)
            return -1;
        virResetLastError();
        return 0;
    }
    if (virDomainObjMatchFilter(obj, filters) &&
        !(record = virDomainStatsBuild(base, dom->conn, obj, groups))) {
        virDomainObjEndAPI(&obj);
        return -1;
    }
    virDomainObjEndAPI(&obj);
    if (record)
        g_ptr_array_add(records, record);
    return 0;
}

int
sharedConnectGetAllDomainStats(virConnectPtr conn, virDomainPtr *doms, unsigned int ndoms,
                               unsigned int stats, virDomainStatsRecordPtr **retStats,
                               unsigned int flags)
{
    virDomainDriverBase *base = virDomainDriverBaseFromConn(conn);
    g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func(
        (GDestroyNotify)virDomainStatsRecordFree);
    virDomainPtr *all = NULL;
    unsigned int filters = flags & VIR_DOMAIN_STATS_FILTERS;
    unsigned int groups;
    unsigned int i;
    int n;
    int ret = -1;

    /* NOWAIT: nothing here waits for a busy domain; BACKING: no block
     * group.  The error names the call made: both come here. */
    if (flags & ~VIR_DOMAIN_STATS_FLAGS) {
        virDomainDriverReportFlags(conn, flags & ~VIR_DOMAIN_STATS_FLAGS,
                                   ndoms ? "sharedDomainListGetStats" : __func__);
        return -1;
    }
    if (virDomainStatsGroups(base, stats, flags, &groups) < 0)
        return -1;
    if (ndoms == 0) {
        virDomainDriverRefreshAll(base, conn);
        if ((n = virDomainObjListExport(base->domains, conn, &all, filters)) < 0)
            return -1;
        doms = all;
        ndoms = n;
    }
    for (i = 0; i < ndoms; i++) {
        if (virDomainStatsAddDomain(base, doms[i], groups, filters, all != NULL,
                                    records) < 0)
            goto cleanup;
    }
    ret = records->len;
    g_ptr_array_add(records, NULL);
    *retStats = (virDomainStatsRecordPtr *)g_ptr_array_steal(records, NULL);
 cleanup:
    if (all) {
        for (i = 0; all[i]; i++)
            virDomainUnrefInternal(all[i]);
        g_free(all);
    }
    return ret;
}

int
sharedDomainMemoryStats(virDomainPtr dom, virDomainMemoryStatPtr stats,
                        unsigned int nr_stats, unsigned int flags)
{
    virDomainDriverBase *base = virDomainDriverBaseFromConn(dom->conn);
    virDomainObj *obj;
    int ret;

    virDomainDriverCheckFlags(dom->conn, 0, -1);
    if (!base->hooks->memoryStats) {
        virDomainDriverError(base, VIR_ERR_NO_SUPPORT,
                             _("this function is not supported by the connection driver: %s"),
                             "virDomainMemoryStats");
        return -1;
    }
    if (!(obj = virDomainDriverGetActiveObj(dom)))
        return -1;
    ret = base->hooks->memoryStats(base, obj, stats, nr_stats);
    virDomainObjEndAPI(&obj);
    return ret;
}
