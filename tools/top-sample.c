/*
 * top-sample.c: virtkit-top's samples and rows
 *
 * A sample is one virConnectGetAllDomainStats() call with the groups a
 * screen shows, kept as plain values; a row is a domain of the last sample
 * with its rates over the interval since the one before (CPU% from the
 * difference of cpu.time over wall time, as top computes it).  Only the
 * public API is used, so every driver and a remote connection give what
 * they have; a field a driver does not give stays unset and is shown '-'.
 */
#include <config.h>

#include <string.h>

#include "top-sample.h"

/* Every group a screen or --json uses (vcpu: in the record --json gives).
 * The LVE group is asked of every driver: one that lacks a group leaves it
 * out (no ENFORCE_STATS), libvirt's as ours. */
#define TOP_STATS_GROUPS \
    (VIR_DOMAIN_STATS_STATE | VIR_DOMAIN_STATS_CPU_TOTAL | VIR_DOMAIN_STATS_BALLOON | \
     VIR_DOMAIN_STATS_VCPU | VIR_DOMAIN_STATS_LVE)

static const char *const topSortKeys[TOP_SORT_LAST] = {
    [TOP_SORT_CPU] = "cpu",
    [TOP_SORT_MEM] = "mem",
    [TOP_SORT_IO] = "io",
    [TOP_SORT_FAULTS] = "faults",
    [TOP_SORT_NAME] = "name",
};

int
topSortKeyFromString(const char *str)
{
    int i;

    for (i = 0; i < TOP_SORT_LAST; i++) {
        if (g_str_equal(str, topSortKeys[i]))
            return i;
    }
    return -1;
}

const char *
topSortKeyToString(topSortKey key)
{
    return topSortKeys[key];
}

static void
topDomainFree(topDomain *dom)
{
    g_free(dom->name);
    virTypedParamsFree(dom->params, dom->nparams);
    g_free(dom);
}

/* The integer field @name of the record, whatever its integer type. */
static topValue
topRecordValue(const virDomainStatsRecord *rec, const char *name)
{
    topValue v = { 0 };
    unsigned long long ul;
    unsigned int ui;
    int i;

    if (virTypedParamsGetULLong(rec->params, rec->nparams, name, &ul) == 1) {
        v.set = true;
        v.value = ul;
    } else if (virTypedParamsGetUInt(rec->params, rec->nparams, name, &ui) == 1) {
        v.set = true;
        v.value = ui;
    } else if (virTypedParamsGetInt(rec->params, rec->nparams, name, &i) == 1 && i >= 0) {
        v.set = true;
        v.value = i;
    }
    return v;
}

/* The first of two fields the record has. */
static topValue
topRecordEither(const virDomainStatsRecord *rec, const char *name, const char *other)
{
    topValue v = topRecordValue(rec, name);

    return v.set ? v : topRecordValue(rec, other);
}

static void
topValueAdd(topValue *sum, topValue v)
{
    if (v.set) {
        sum->set = true;
        sum->value += v.value;
    }
}

static topDomain *
topDomainFromRecord(virDomainStatsRecord *rec)
{
    static const char *const faults[] = {
        "lve.cpu.faults", "lve.mem.faults", "lve.nproc.faults", "lve.ep.faults",
    };
    topDomain *dom = g_new0(topDomain, 1);
    int state = VIR_DOMAIN_NOSTATE;
    unsigned int id = virDomainGetID(rec->dom);
    size_t i;

    dom->name = g_strdup(virDomainGetName(rec->dom));
    virDomainGetUUIDString(rec->dom, dom->uuid);
    dom->id = id == (unsigned int)-1 ? -1 : (int)id;
    virTypedParamsGetInt(rec->params, rec->nparams, "state.state", &state);
    dom->state = state;
    dom->cpuTime = topRecordEither(rec, "cpu.time", "lve.cpu.usage");
    dom->cpuLimit = topRecordValue(rec, "lve.cpu.limit");
    if ((dom->memory = topRecordValue(rec, "lve.mem.usage")).set)
        dom->memoryLimit = topRecordValue(rec, "lve.mem.limit");
    else if ((dom->memory = topRecordValue(rec, "balloon.current")).set)
        dom->memoryLimit = topRecordValue(rec, "balloon.maximum");
    dom->entries = topRecordValue(rec, "lve.ep.usage");
    dom->tasks = topRecordValue(rec, "lve.nproc.usage");
    dom->ioBytes = topRecordValue(rec, "lve.io.usage");
    dom->ioOps = topRecordValue(rec, "lve.iops.usage");
    for (i = 0; i < G_N_ELEMENTS(faults); i++)
        topValueAdd(&dom->faults, topRecordValue(rec, faults[i]));
    /* the record's parameters, kept for --json */
    dom->params = g_steal_pointer(&rec->params);
    dom->nparams = rec->nparams;
    rec->nparams = 0;
    return dom;
}

/* The statistics of every domain now; NULL with the library's error set. */
topSample *
topSampleTake(virConnectPtr conn)
{
    virDomainStatsRecordPtr *records = NULL;
    topSample *sample;
    int n, i;

    if ((n = virConnectGetAllDomainStats(conn, TOP_STATS_GROUPS, &records, 0)) < 0)
        return NULL;
    sample = g_new0(topSample, 1);
    sample->monotonic = g_get_monotonic_time();
    sample->realtime = g_get_real_time();
    sample->domains = g_ptr_array_new_with_free_func((GDestroyNotify)topDomainFree);
    for (i = 0; i < n; i++)
        g_ptr_array_add(sample->domains, topDomainFromRecord(records[i]));
    virDomainStatsRecordListFree(records);
    return sample;
}

void
topSampleFree(topSample *sample)
{
    if (!sample)
        return;
    g_ptr_array_unref(sample->domains);
    g_free(sample);
}

/* Seconds between two samples. */
double
topSampleInterval(const topSample *prev, const topSample *cur)
{
    return (cur->monotonic - prev->monotonic) / (double)G_USEC_PER_SEC;
}

guint
topSampleRunning(const topSample *sample)
{
    guint i, n = 0;

    for (i = 0; i < sample->domains->len; i++) {
        const topDomain *dom = g_ptr_array_index(sample->domains, i);

        n += dom->state == VIR_DOMAIN_RUNNING || dom->state == VIR_DOMAIN_BLOCKED;
    }
    return n;
}

/* @dom in the sample before, when it ran there as the same instance: the
 * same uuid and id (a domain that was restarted starts its counters anew). */
static const topDomain *
topSampleFind(const topSample *sample, const topDomain *dom)
{
    guint i;

    for (i = 0; sample && i < sample->domains->len; i++) {
        const topDomain *old = g_ptr_array_index(sample->domains, i);

        if (g_str_equal(old->uuid, dom->uuid))
            return old->id == dom->id && dom->id != -1 ? old : NULL;
    }
    return NULL;
}

/* What a counter grew by per second; unset when either sample lacks it or
 * it went back (the kernel's object was made anew). */
static topRate
topRateOf(topValue before, topValue after, double seconds, double scale)
{
    topRate r = { 0 };

    if (before.set && after.set && after.value >= before.value && seconds > 0) {
        r.set = true;
        r.value = (after.value - before.value) * scale / seconds;
    }
    return r;
}

static topRow
topRowCompute(const topDomain *old, const topDomain *dom, double seconds)
{
    topRow row = { .dom = dom };

    if (!old)
        return row;
    /* ns of CPU per ns of wall time, in % of one CPU */
    row.cpu = topRateOf(old->cpuTime, dom->cpuTime, seconds, 100.0 / 1e9);
    row.io = topRateOf(old->ioBytes, dom->ioBytes, seconds, 1.0);
    row.iops = topRateOf(old->ioOps, dom->ioOps, seconds, 1.0);
    if (old->faults.set && dom->faults.set && dom->faults.value >= old->faults.value) {
        row.faults.set = true;
        row.faults.value = dom->faults.value - old->faults.value;
    }
    return row;
}

/* A key's value for sorting: larger first; an unset one after every set. */
static bool
topRowKey(const topRow *row, topSortKey key, double *value)
{
    switch (key) {
    case TOP_SORT_CPU:
        *value = row->cpu.value;
        return row->cpu.set;
    case TOP_SORT_MEM:
        *value = row->dom->memory.value;
        return row->dom->memory.set;
    case TOP_SORT_IO:
        *value = row->io.value;
        return row->io.set;
    case TOP_SORT_FAULTS:
        *value = row->faults.value;
        return row->faults.set;
    case TOP_SORT_NAME:
    case TOP_SORT_LAST:
        break;
    }
    return false;
}

static gint
topRowCompare(gconstpointer a, gconstpointer b, gpointer opaque)
{
    const topRow *x = a, *y = b;
    topSortKey key = GPOINTER_TO_INT(opaque);
    double vx = 0, vy = 0;
    bool hx = topRowKey(x, key, &vx), hy = topRowKey(y, key, &vy);

    if (hx != hy)
        return hx ? -1 : 1;
    if (vx != vy)
        return vx > vy ? -1 : 1;
    /* ties, and the name order, by name then uuid: a stable screen */
    if (!g_str_equal(x->dom->name, y->dom->name))
        return strcmp(x->dom->name, y->dom->name);
    return strcmp(x->dom->uuid, y->dom->uuid);
}

/* The rows of @cur whose name holds @filter (NULL or "": all), in the
 * order of @sort, with their rates since @prev (NULL: none yet). */
GArray *
topRowsCompute(const topSample *prev, const topSample *cur, const char *filter,
               topSortKey sort)
{
    GArray *rows = g_array_new(FALSE, FALSE, sizeof(topRow));
    double seconds = prev ? topSampleInterval(prev, cur) : 0;
    guint i;

    for (i = 0; i < cur->domains->len; i++) {
        const topDomain *dom = g_ptr_array_index(cur->domains, i);
        topRow row;

        if (filter && *filter && !strstr(dom->name, filter))
            continue;
        row = topRowCompute(topSampleFind(prev, dom), dom, seconds);
        g_array_append_val(rows, row);
    }
    g_array_sort_with_data(rows, topRowCompare, GINT_TO_POINTER(sort));
    return rows;
}
