/*
 * stats-sample.c: a domain's usage from its bulk statistics record, for
 * virtkit-statsd and virtkit-top
 *
 * Each field comes from the first parameter of the record that has it:
 * an LVE's own (lve.*) or libvirt's generic ones, so that any driver gives
 * what it has and a field no driver gives stays unset.
 */
#include <config.h>

#include <string.h>

#include "stats-sample.h"

/* Memory in use is the LVE's resident memory or the guest's balloon RSS,
 * else its current balloon; its limit the LVE's or the balloon maximum. */
static const char *const statsSampleSources[STATS_FIELD_LAST][3] = {
    [STATS_CPU_TIME] = { "cpu.time", "lve.cpu.usage" },
    [STATS_IO_BYTES] = { "lve.io.usage" },
    [STATS_IO_OPS] = { "lve.iops.usage" },
    [STATS_CPU_FAULTS] = { "lve.cpu.faults" },
    [STATS_MEM_FAULTS] = { "lve.mem.faults" },
    [STATS_NPROC_FAULTS] = { "lve.nproc.faults" },
    [STATS_EP_FAULTS] = { "lve.ep.faults" },
    [STATS_MEM] = { "lve.mem.usage", "balloon.rss", "balloon.current" },
    [STATS_NPROC] = { "lve.nproc.usage" },
    [STATS_EP] = { "lve.ep.usage" },
    [STATS_CPU_LIMIT] = { "lve.cpu.limit" },
    [STATS_MEM_LIMIT] = { "lve.mem.limit", "balloon.maximum" },
};

void
statsSampleClear(statsSample *sample)
{
    g_free(sample->uuid);
    g_free(sample->name);
    memset(sample, 0, sizeof(*sample));
}

/* The LVE group is asked of LVE hosts only: another driver would leave it
 * out anyway, but a bit libvirt does not know is best not sent. */
bool
statsSampleHasLve(virConnectPtr conn)
{
    const char *type = virConnectGetType(conn);

    return type && g_str_equal(type, "LVE");
}

/* The unsigned value of parameter @name, whatever its integer type. */
static bool
statsSampleParam(const virDomainStatsRecord *rec, const char *name, unsigned long long *value)
{
    virTypedParameterPtr p = virTypedParamsGet(rec->params, rec->nparams, name);

    if (!p)
        return false;
    switch (p->type) {
    case VIR_TYPED_PARAM_INT:
        *value = p->value.i < 0 ? 0 : (unsigned long long)p->value.i;
        return true;
    case VIR_TYPED_PARAM_UINT:
        *value = p->value.ui;
        return true;
    case VIR_TYPED_PARAM_LLONG:
        *value = p->value.l < 0 ? 0 : (unsigned long long)p->value.l;
        return true;
    case VIR_TYPED_PARAM_ULLONG:
        *value = p->value.ul;
        return true;
    }
    return false;
}

bool
statsSampleFromRecord(const virDomainStatsRecord *rec, statsSample *sample)
{
    char uuid[VIR_UUID_STRING_BUFLEN];
    unsigned long long state = 0;
    size_t f, i;

    if (virDomainGetUUIDString(rec->dom, uuid) < 0)
        return false;
    sample->uuid = g_strdup(uuid);
    sample->name = g_strdup(virDomainGetName(rec->dom));
    statsSampleParam(rec, "state.state", &state);
    sample->state = (int)state;
    for (f = 0; f < STATS_FIELD_LAST; f++) {
        for (i = 0; i < G_N_ELEMENTS(statsSampleSources[f]) && statsSampleSources[f][i]; i++) {
            if (statsSampleParam(rec, statsSampleSources[f][i], &sample->value[f])) {
                sample->has[f] = true;
                break;
            }
        }
    }
    return true;
}
