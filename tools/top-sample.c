/*
 * top-sample.c: virtkit-top's samples and rows
 *
 * A sample is one virConnectGetAllDomainStats() call with the groups a
 * screen shows, each record read as virtkit-statsd reads it
 * (stats-sample.c) and kept whole for --json; a row is a domain of the last sample
 * with its rates over the interval since the one before (CPU% from the
 * difference of cpu.time over wall time, as top computes it).  Only the
 * public API is used, so every driver and a remote connection give what
 * they have; a field a driver does not give stays unset and is shown '-'.
 */
#include <config.h>

#include <string.h>

#include "top-sample.h"

/* Every group a screen or --json uses (vcpu: in the record --json
 * gives); the LVE group on an LVE connection (statsSampleHasLve). */
#define TOP_STATS_GROUPS (STATS_SAMPLE_GROUPS | VIR_DOMAIN_STATS_VCPU)

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
    statsSampleClear(&dom->s);
    virTypedParamsFree(dom->params, dom->nparams);
    g_free(dom);
}

topValue
topDomainValue(const topDomain *dom, statsField field)
{
    topValue v = { .set = dom->s.has[field], .value = dom->s.value[field] };

    return v;
}

/* NULL for a domain that went meanwhile. */
static topDomain *
topDomainFromRecord(virDomainStatsRecord *rec)
{
    topDomain *dom = g_new0(topDomain, 1);
    unsigned int id = virDomainGetID(rec->dom);

    if (!statsSampleFromRecord(rec, &dom->s)) {
        g_free(dom);
        return NULL;
    }
    dom->id = id == (unsigned int)-1 ? -1 : (int)id;
    /* the record's parameters, kept for --json */
    dom->params = g_steal_pointer(&rec->params);
    dom->nparams = rec->nparams;
    rec->nparams = 0;
    return dom;
}

/* The statistics of every domain now; NULL with the library's error set. */
topSample *
topSampleTake(virConnectPtr conn, bool lve)
{
    virDomainStatsRecordPtr *records = NULL;
    topSample *sample;
    topDomain *dom;
    int n, i;

    unsigned int groups = TOP_STATS_GROUPS | (lve ? VIR_DOMAIN_STATS_LVE : 0);

    if ((n = virConnectGetAllDomainStats(conn, groups, &records, 0)) < 0)
        return NULL;
    sample = g_new0(topSample, 1);
    sample->monotonic = g_get_monotonic_time();
    sample->realtime = g_get_real_time();
    sample->domains = g_ptr_array_new_with_free_func((GDestroyNotify)topDomainFree);
    for (i = 0; i < n; i++) {
        if ((dom = topDomainFromRecord(records[i])))
            g_ptr_array_add(sample->domains, dom);
    }
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

        n += dom->s.state == VIR_DOMAIN_RUNNING || dom->s.state == VIR_DOMAIN_BLOCKED;
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

        if (g_str_equal(old->s.uuid, dom->s.uuid))
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

/* The faults of every limit since the domain started. */
static topValue
topDomainFaults(const topDomain *dom)
{
    static const statsField faults[] = {
        STATS_CPU_FAULTS, STATS_MEM_FAULTS, STATS_NPROC_FAULTS, STATS_EP_FAULTS,
    };
    topValue sum = { 0 };
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(faults); i++) {
        if (dom->s.has[faults[i]]) {
            sum.set = true;
            sum.value += dom->s.value[faults[i]];
        }
    }
    return sum;
}

static topRow
topRowCompute(const topDomain *old, const topDomain *dom, double seconds)
{
    topRow row = { .dom = dom };
    topValue before, after;

    if (!old)
        return row;
    /* ns of CPU per ns of wall time, in % of one CPU */
    row.cpu = topRateOf(topDomainValue(old, STATS_CPU_TIME),
                        topDomainValue(dom, STATS_CPU_TIME), seconds, 100.0 / 1e9);
    row.io = topRateOf(topDomainValue(old, STATS_IO_BYTES),
                       topDomainValue(dom, STATS_IO_BYTES), seconds, 1.0);
    row.iops = topRateOf(topDomainValue(old, STATS_IO_OPS),
                         topDomainValue(dom, STATS_IO_OPS), seconds, 1.0);
    before = topDomainFaults(old);
    after = topDomainFaults(dom);
    if (before.set && after.set && after.value >= before.value) {
        row.faults.set = true;
        row.faults.value = after.value - before.value;
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
        *value = row->dom->s.value[STATS_MEM];
        return row->dom->s.has[STATS_MEM];
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
    if (!g_str_equal(x->dom->s.name, y->dom->s.name))
        return strcmp(x->dom->s.name, y->dom->s.name);
    return strcmp(x->dom->s.uuid, y->dom->s.uuid);
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

        if (filter && *filter && !strstr(dom->s.name, filter))
            continue;
        row = topRowCompute(topSampleFind(prev, dom), dom, seconds);
        g_array_append_val(rows, row);
    }
    g_array_sort_with_data(rows, topRowCompare, GINT_TO_POINTER(sort));
    return rows;
}
