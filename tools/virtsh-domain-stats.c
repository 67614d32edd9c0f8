/*
 * virtsh-domain-stats.c: domstats and dommemstat
 *
 * Their output is virsh 9's for the same statistics: domstats prints each
 * record's "group.field=value" lines (--raw is accepted: virsh has no
 * pretty-printing either), dommemstat "tag value" lines, or with --period
 * sets how often the guest's balloon collects them.  --json gives the
 * same records to scripts.
 */
#include <config.h>

#include "virtsh.h"
#include "vsh-util.h"

/*
 * "domstats" command
 */
static const vshCmdInfo info_domstats = {
    .help = "get statistics about one or multiple domains",
    .desc = "Gets statistics about one or more (or all) domains",
};

/* The group options, in libvirt's order of bits. */
static const struct {
    const char *option;
    unsigned int group;
} virtshDomstatsGroups[] = {
    {"state", VIR_DOMAIN_STATS_STATE},
    {"cpu-total", VIR_DOMAIN_STATS_CPU_TOTAL},
    {"balloon", VIR_DOMAIN_STATS_BALLOON},
    {"vcpu", VIR_DOMAIN_STATS_VCPU},
    {"interface", VIR_DOMAIN_STATS_INTERFACE},
    {"block", VIR_DOMAIN_STATS_BLOCK},
    {"perf", VIR_DOMAIN_STATS_PERF},
    {"iothread", VIR_DOMAIN_STATS_IOTHREAD},
    {"memory", VIR_DOMAIN_STATS_MEMORY},
    {"dirtyrate", VIR_DOMAIN_STATS_DIRTYRATE},
    {"vm", VIR_DOMAIN_STATS_VM},
    {"lve", VIR_DOMAIN_STATS_LVE},
};

static const struct {
    const char *option;
    unsigned int flag;
} virtshDomstatsFlags[] = {
    {"list-active", VIR_CONNECT_GET_ALL_DOMAINS_STATS_ACTIVE},
    {"list-inactive", VIR_CONNECT_GET_ALL_DOMAINS_STATS_INACTIVE},
    {"list-persistent", VIR_CONNECT_GET_ALL_DOMAINS_STATS_PERSISTENT},
    {"list-transient", VIR_CONNECT_GET_ALL_DOMAINS_STATS_TRANSIENT},
    {"list-running", VIR_CONNECT_GET_ALL_DOMAINS_STATS_RUNNING},
    {"list-paused", VIR_CONNECT_GET_ALL_DOMAINS_STATS_PAUSED},
    {"list-shutoff", VIR_CONNECT_GET_ALL_DOMAINS_STATS_SHUTOFF},
    {"list-other", VIR_CONNECT_GET_ALL_DOMAINS_STATS_OTHER},
    {"enforce", VIR_CONNECT_GET_ALL_DOMAINS_STATS_ENFORCE_STATS},
    {"backing", VIR_CONNECT_GET_ALL_DOMAINS_STATS_BACKING},
    {"nowait", VIR_CONNECT_GET_ALL_DOMAINS_STATS_NOWAIT},
};

static const vshCmdOptDef opts_domstats[] = {
    {.name = "state", .type = VSH_OT_BOOL, .help = "report domain state"},
    {.name = "cpu-total", .type = VSH_OT_BOOL, .help = "report domain physical cpu usage"},
    {.name = "balloon", .type = VSH_OT_BOOL, .help = "report domain balloon statistics"},
    {.name = "vcpu", .type = VSH_OT_BOOL, .help = "report domain virtual cpu information"},
    {.name = "interface", .type = VSH_OT_BOOL,
     .help = "report domain network interface information"},
    {.name = "block", .type = VSH_OT_BOOL, .help = "report domain block device statistics"},
    {.name = "perf", .type = VSH_OT_BOOL, .help = "report domain perf event statistics"},
    {.name = "iothread", .type = VSH_OT_BOOL, .help = "report domain IOThread information"},
    {.name = "memory", .type = VSH_OT_BOOL, .help = "report domain memory usage"},
    {.name = "dirtyrate", .type = VSH_OT_BOOL, .help = "report domain dirty rate information"},
    {.name = "vm", .type = VSH_OT_BOOL, .help = "report hypervisor-specific statistics"},
    {.name = "lve", .type = VSH_OT_BOOL,
     .help = "report LVE usage, limits and faults (virtkit)"},
    {.name = "list-active", .type = VSH_OT_BOOL, .help = "list only active domains"},
    {.name = "list-inactive", .type = VSH_OT_BOOL, .help = "list only inactive domains"},
    {.name = "list-persistent", .type = VSH_OT_BOOL, .help = "list only persistent domains"},
    {.name = "list-transient", .type = VSH_OT_BOOL, .help = "list only transient domains"},
    {.name = "list-running", .type = VSH_OT_BOOL, .help = "list only running domains"},
    {.name = "list-paused", .type = VSH_OT_BOOL, .help = "list only paused domains"},
    {.name = "list-shutoff", .type = VSH_OT_BOOL, .help = "list only shutoff domains"},
    {.name = "list-other", .type = VSH_OT_BOOL, .help = "list only domains in other states"},
    {.name = "raw", .type = VSH_OT_BOOL, .help = "do not pretty-print the fields"},
    {.name = "enforce", .type = VSH_OT_BOOL, .help = "enforce requested stats parameters"},
    {.name = "backing", .type = VSH_OT_BOOL,
     .help = "add backing chain information to block stats"},
    {.name = "nowait", .type = VSH_OT_BOOL,
     .help = "report only stats that are accessible instantly"},
    VIRTSH_OPT_JSON,
    {.name = "domain", .type = VSH_OT_ARGV, .complete = VSH_COMPLETE_DOMAIN,
     .help = "list of domains to get stats for"},
    VIRTSH_OPT_END
};

static void
virtshDomstatsPrint(vshControl *ctl, vshJson *json, virDomainStatsRecordPtr record)
{
    int i;

    if (json) {
        vshJsonOpen(json, NULL, false);
        vshJsonString(json, "domain", virDomainGetName(record->dom));
        vshJsonOpen(json, "stats", false);
        vshJsonTypedParams(json, record->params, record->nparams, "");
        vshJsonClose(json, false);
        vshJsonClose(json, false);
        return;
    }
    vshPrint(ctl, "Domain: '%s'\n", virDomainGetName(record->dom));
    for (i = 0; i < record->nparams; i++) {
        g_autofree char *value = vshTypedParamValue(&record->params[i]);

        vshPrint(ctl, "  %s=%s\n", record->params[i].field, value);
    }
}

/* The domains named on the command line, ending with NULL; NULL after an
 * error, or with none named (*@ndoms 0). */
static virDomainPtr *
virtshDomstatsDomains(vshControl *ctl, const vshCmd *cmd, bool *failed)
{
    g_autoptr(GPtrArray) doms = g_ptr_array_new_with_free_func((GDestroyNotify)virtshDomainFree);
    const vshCmdOpt *opt = NULL;

    *failed = false;
    while ((opt = vshCommandOptArgv(cmd, opt))) {
        virDomainPtr dom = virtshLookupDomainBy(ctl, opt->data, cmd->def->name, VIRTSH_BYANY);

        if (!dom) {
            *failed = true;
            return NULL;
        }
        g_ptr_array_add(doms, dom);
    }
    if (doms->len == 0)
        return NULL;
    g_ptr_array_add(doms, NULL);
    g_ptr_array_set_free_func(doms, NULL);
    return (virDomainPtr *)g_ptr_array_steal(doms, NULL);
}

static bool
cmdDomstats(vshControl *ctl, const vshCmd *cmd)
{
    g_autofree virDomainPtr *doms = NULL;
    virDomainStatsRecordPtr *records = NULL;
    unsigned int stats = 0, flags = 0;
    bool failed;
    vshJson json;
    size_t i;
    int n;

    for (i = 0; i < G_N_ELEMENTS(virtshDomstatsGroups); i++) {
        if (vshCommandOptBool(cmd, virtshDomstatsGroups[i].option))
            stats |= virtshDomstatsGroups[i].group;
    }
    for (i = 0; i < G_N_ELEMENTS(virtshDomstatsFlags); i++) {
        if (vshCommandOptBool(cmd, virtshDomstatsFlags[i].option))
            flags |= virtshDomstatsFlags[i].flag;
    }
    if (!(doms = virtshDomstatsDomains(ctl, cmd, &failed)) && failed)
        return false;
    n = doms ? virDomainListGetStats(doms, stats, &records, flags) :
               virConnectGetAllDomainStats(ctl->conn, stats, &records, flags);
    for (i = 0; doms && doms[i]; i++)
        virDomainFree(doms[i]);
    if (n < 0)
        return false;
    if (vshCommandOptBool(cmd, "json"))
        vshJsonBegin(&json, true);
    for (i = 0; records[i]; i++) {
        if (i > 0 && !vshCommandOptBool(cmd, "json"))
            vshPrint(ctl, "\n");
        virtshDomstatsPrint(ctl, vshCommandOptBool(cmd, "json") ? &json : NULL, records[i]);
    }
    if (vshCommandOptBool(cmd, "json"))
        vshJsonPrint(&json, ctl);
    virDomainStatsRecordListFree(records);
    return true;
}

/*
 * "dommemstat" command
 */
static const vshCmdInfo info_dommemstat = {
    .help = "get memory statistics for a domain",
    .desc = "Get memory statistics for a running domain.",
};

static const vshCmdOptDef opts_dommemstat[] = {
    VIRTSH_OPT_DOMAIN_FULL(VSH_COMPLETE_DOMAIN_ACTIVE),
    {.name = "period", .type = VSH_OT_INT, .help = "period in seconds to set collection"},
    VIRTSH_OPT_CONFIG("affect next boot"),
    VIRTSH_OPT_LIVE("affect running domain"),
    VIRTSH_OPT_CURRENT("affect current domain"),
    VIRTSH_OPT_JSON,
    VIRTSH_OPT_END
};

/* virsh's names of the tags. */
static const char *const virtshMemStatNames[VIR_DOMAIN_MEMORY_STAT_NR] = {
    [VIR_DOMAIN_MEMORY_STAT_SWAP_IN] = "swap_in",
    [VIR_DOMAIN_MEMORY_STAT_SWAP_OUT] = "swap_out",
    [VIR_DOMAIN_MEMORY_STAT_MAJOR_FAULT] = "major_fault",
    [VIR_DOMAIN_MEMORY_STAT_MINOR_FAULT] = "minor_fault",
    [VIR_DOMAIN_MEMORY_STAT_UNUSED] = "unused",
    [VIR_DOMAIN_MEMORY_STAT_AVAILABLE] = "available",
    [VIR_DOMAIN_MEMORY_STAT_ACTUAL_BALLOON] = "actual",
    [VIR_DOMAIN_MEMORY_STAT_RSS] = "rss",
    [VIR_DOMAIN_MEMORY_STAT_USABLE] = "usable",
    [VIR_DOMAIN_MEMORY_STAT_LAST_UPDATE] = "last_update",
    [VIR_DOMAIN_MEMORY_STAT_DISK_CACHES] = "disk_caches",
    [VIR_DOMAIN_MEMORY_STAT_HUGETLB_PGALLOC] = "hugetlb_pgalloc",
    [VIR_DOMAIN_MEMORY_STAT_HUGETLB_PGFAIL] = "hugetlb_pgfail",
};

/* --period: the balloon's collection period, as virsh sets it (the
 * running domain when it runs and no flag says otherwise). */
static bool
virtshDomMemStatPeriod(vshControl *ctl, virDomainPtr dom, const vshCmd *cmd,
                       unsigned int flags, int period)
{
    if (period < 0) {
        vshError(ctl, "Invalid collection period value '%d'", period);
        return false;
    }
    if (!(flags & (VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG)) &&
        !vshCommandOptBool(cmd, "current") && virDomainIsActive(dom) == 1)
        flags |= VIR_DOMAIN_AFFECT_LIVE;
    if (virDomainSetMemoryStatsPeriod(dom, period, flags) < 0) {
        vshError(ctl, "%s", "Unable to change balloon collection period.");
        return false;
    }
    return true;
}

static bool
cmdDomMemStat(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virtshDomain) dom = NULL;
    virDomainMemoryStatStruct stats[VIR_DOMAIN_MEMORY_STAT_NR];
    bool json = vshCommandOptBool(cmd, "json");
    unsigned int flags;
    const char *name;
    int period = -1;
    vshJson out;
    int n, i, rc;

    if (!virtshImpactFlags(ctl, cmd, &flags) ||
        !(dom = virtshCommandOptDomain(ctl, cmd, &name)) ||
        (rc = vshCommandOptInt(ctl, cmd, "period", &period)) < 0)
        return false;
    if (rc > 0)
        return virtshDomMemStatPeriod(ctl, dom, cmd, flags, period);
    if ((n = virDomainMemoryStats(dom, stats, VIR_DOMAIN_MEMORY_STAT_NR, 0)) < 0) {
        vshError(ctl, "Failed to get memory statistics for domain %s", name);
        return false;
    }
    if (json)
        vshJsonBegin(&out, false);
    for (i = 0; i < n; i++) {
        /* a tag this virtsh does not know is left out, as virsh does */
        if (stats[i].tag < 0 || stats[i].tag >= VIR_DOMAIN_MEMORY_STAT_NR)
            continue;
        if (json)
            vshJsonUInt(&out, virtshMemStatNames[stats[i].tag], stats[i].val);
        else
            vshPrint(ctl, "%s %llu\n", virtshMemStatNames[stats[i].tag], stats[i].val);
    }
    if (json)
        vshJsonPrint(&out, ctl);
    return true;
}

const vshCmdDef domStatsCmds[] = {
    {.name = "domstats", .handler = cmdDomstats, .opts = opts_domstats, .info = &info_domstats},
    {.name = "dommemstat", .handler = cmdDomMemStat, .opts = opts_dommemstat,
     .info = &info_dommemstat},
    {.name = NULL}
};
