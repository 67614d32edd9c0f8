/*
 * virtsh-domain-cpu.c: virtual CPUs of a domain: setvcpus, vcpucount,
 * vcpuinfo, vcpupin, cpu-stats
 *
 * The outputs are virsh 9's: vcpucount's "%-12s %-12s %3d" lines,
 * vcpuinfo's y/- affinity strings (one character per host CPU), vcpupin's
 * table of CPU lists, cpu-stats' per-CPU and total times.
 */
#include <config.h>

#include <string.h>

#include "virtsh.h"
#include "vsh-util.h"

/*
 * "setvcpus" command
 */
static const vshCmdInfo info_setvcpus = {
    .help = "change number of virtual CPUs",
    .desc = "Change the number of virtual CPUs in the guest domain.",
};

static const vshCmdOptDef opts_setvcpus[] = {
    VIRTSH_OPT_DOMAIN_FULL(VSH_COMPLETE_DOMAIN),
    {.name = "count", .type = VSH_OT_INT, .flags = VSH_OFLAG_REQ, .help = "number of virtual CPUs"},
    {.name = "maximum", .type = VSH_OT_BOOL, .help = "set maximum limit on next boot"},
    VIRTSH_OPT_CONFIG("affect next boot"),
    VIRTSH_OPT_LIVE("affect running domain"),
    VIRTSH_OPT_CURRENT("affect current domain"),
    {.name = "guest", .type = VSH_OT_BOOL, .help = "modify cpu state in the guest"},
    {.name = "hotpluggable", .type = VSH_OT_BOOL, .help = "make added vcpus hot(un)pluggable"},
    VIRTSH_OPT_END
};

static bool
cmdSetvcpus(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virtshDomain) dom = NULL;
    unsigned int count = 0;
    unsigned int flags;

    if (!virtshImpactFlags(ctl, cmd, &flags) ||
        !vshExclusiveOptions(ctl, cmd, "guest", "config") ||
        !vshRequireOption(ctl, cmd, "maximum", "config"))
        return false;
    if (vshCommandOptBool(cmd, "guest"))
        flags |= VIR_DOMAIN_VCPU_GUEST;
    if (vshCommandOptBool(cmd, "maximum"))
        flags |= VIR_DOMAIN_VCPU_MAXIMUM;
    if (vshCommandOptBool(cmd, "hotpluggable"))
        flags |= VIR_DOMAIN_VCPU_HOTPLUGGABLE;
    if (!(dom = virtshCommandOptDomain(ctl, cmd, NULL)))
        return false;
    if (vshCommandOptUInt(ctl, cmd, "count", &count) < 0)
        return false;
    if (count == 0) {
        /* virsh refuses it itself, before the library would */
        vshError(ctl, "%s", "Can't set 0 processors for a VM");
        return false;
    }
    if (!vshCommandOptBool(cmd, "current") && flags == 0)
        return virDomainSetVcpus(dom, count) == 0;
    return virDomainSetVcpusFlags(dom, count, flags) == 0;
}

/*
 * "vcpucount" command
 */
static const vshCmdInfo info_vcpucount = {
    .help = "domain vcpu counts",
    .desc = "Returns the number of virtual CPUs used by the domain.",
};

static const vshCmdOptDef opts_vcpucount[] = {
    VIRTSH_OPT_DOMAIN_FULL(VSH_COMPLETE_DOMAIN),
    {.name = "maximum", .type = VSH_OT_BOOL, .help = "get maximum count of vcpus"},
    {.name = "active", .type = VSH_OT_BOOL, .help = "get number of currently active vcpus"},
    VIRTSH_OPT_LIVE("get value from running domain"),
    VIRTSH_OPT_CONFIG("get value to be used on next boot"),
    VIRTSH_OPT_CURRENT("get value according to current domain state"),
    {.name = "guest", .type = VSH_OT_BOOL, .help = "retrieve vcpu count from the guest instead of the hypervisor"},
    VIRTSH_OPT_JSON,
    VIRTSH_OPT_END
};

static bool
virtshExclusiveVars(vshControl *ctl, bool a, const char *aname, bool b, const char *bname)
{
    if (a && b) {
        vshError(ctl, "Options --%s and --%s are mutually exclusive", aname, bname);
        return false;
    }
    return true;
}

/* A count of vcpus: -1 when @checkState finds the state does not have
 * it (live of a stopped domain, config of a transient one), -2 on error. */
static int
virtshCPUCountCollect(vshControl *ctl, virDomainPtr dom, unsigned int flags, bool checkState)
{
    virDomainInfo info;
    int count;

    if (checkState &&
        (((flags & VIR_DOMAIN_AFFECT_LIVE) && virDomainIsActive(dom) < 1) ||
         ((flags & VIR_DOMAIN_AFFECT_CONFIG) && virDomainIsPersistent(dom) < 1)))
        return -1;
    if ((count = virDomainGetVcpusFlags(dom, flags)) >= 0)
        return count;
    if (flags & VIR_DOMAIN_VCPU_GUEST) {
        vshError(ctl, "%s", "Failed to retrieve vCPU count from the guest");
        return -2;
    }
    /* drivers without the flags call still know the running domain */
    if ((vshLastErrorCode() != VIR_ERR_NO_SUPPORT && vshLastErrorCode() != VIR_ERR_INVALID_ARG) ||
        (flags & VIR_DOMAIN_AFFECT_CONFIG))
        return -2;
    vshResetLastError(ctl);
    if (flags & VIR_DOMAIN_VCPU_MAXIMUM)
        return (count = virDomainGetMaxVcpus(dom)) < 0 ? -2 : count;
    if (virDomainGetInfo(dom, &info) < 0)
        return -2;
    return info.nrVirtCpu;
}

static bool
virtshVcpucountAll(vshControl *ctl, virDomainPtr dom, bool optJSON)
{
    static const struct {
        const char *which, *state;
        unsigned int flags;
    } counts[] = {
        { "maximum", "config", VIR_DOMAIN_AFFECT_CONFIG | VIR_DOMAIN_VCPU_MAXIMUM },
        { "maximum", "live", VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_VCPU_MAXIMUM },
        { "current", "config", VIR_DOMAIN_AFFECT_CONFIG },
        { "current", "live", VIR_DOMAIN_AFFECT_LIVE },
    };
    int values[G_N_ELEMENTS(counts)];
    vshJson json;
    size_t i;

    /* every count is read before anything is printed, as virsh does */
    for (i = 0; i < G_N_ELEMENTS(counts); i++) {
        if ((values[i] = virtshCPUCountCollect(ctl, dom, counts[i].flags, true)) == -2)
            return false;
    }
    if (optJSON) {
        /* "maximum_config" for virsh's "maximum config" line; null for
         * the lines virsh leaves out */
        vshJsonBegin(&json, false);
        for (i = 0; i < G_N_ELEMENTS(counts); i++) {
            g_autofree char *key = g_strdup_printf("%s_%s", counts[i].which, counts[i].state);

            if (values[i] > 0)
                vshJsonUInt(&json, key, values[i]);
            else
                vshJsonNull(&json, key);
        }
        vshJsonPrint(&json, ctl);
        return true;
    }
    for (i = 0; i < G_N_ELEMENTS(counts); i++) {
        if (values[i] > 0)
            vshPrint(ctl, "%-12s %-12s %3d\n", counts[i].which, counts[i].state, values[i]);
    }
    return true;
}

static bool
cmdVcpucount(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virtshDomain) dom = NULL;
    bool maximum = vshCommandOptBool(cmd, "maximum");
    bool active = vshCommandOptBool(cmd, "active");
    bool config = vshCommandOptBool(cmd, "config");
    bool live = vshCommandOptBool(cmd, "live");
    bool current = vshCommandOptBool(cmd, "current");
    bool guest = vshCommandOptBool(cmd, "guest");
    bool optJSON = vshCommandOptBool(cmd, "json");
    bool all = !maximum && !active && !current && !config && !live && !guest;
    unsigned int flags = VIR_DOMAIN_AFFECT_CURRENT;
    int count;

    /* the checks and their order are virsh's: --current conflicts with
     * --live and --config only next to --maximum, because before the
     * flags call existed --current meant "not --maximum" */
    if (!virtshExclusiveVars(ctl, live, "live", config, "config") ||
        (maximum && !virtshExclusiveVars(ctl, current, "current", live, "live")) ||
        (maximum && !virtshExclusiveVars(ctl, current, "current", config, "config")) ||
        !virtshExclusiveVars(ctl, active, "active", maximum, "maximum") ||
        !virtshExclusiveVars(ctl, guest, "guest", config, "config"))
        return false;
    if (live)
        flags |= VIR_DOMAIN_AFFECT_LIVE;
    if (config)
        flags |= VIR_DOMAIN_AFFECT_CONFIG;
    if (maximum)
        flags |= VIR_DOMAIN_VCPU_MAXIMUM;
    if (guest)
        flags |= VIR_DOMAIN_VCPU_GUEST;
    if (!(dom = virtshCommandOptDomain(ctl, cmd, NULL)))
        return false;
    if (all)
        return virtshVcpucountAll(ctl, dom, optJSON);
    if ((count = virtshCPUCountCollect(ctl, dom, flags, false)) < 0)
        return false;
    if (optJSON) {
        vshJson json;

        vshJsonBegin(&json, false);
        vshJsonUInt(&json, "count", count);
        vshJsonPrint(&json, ctl);
    } else {
        vshPrint(ctl, "%d\n", count);
    }
    return true;
}

/*
 * "vcpuinfo" command
 */
static const vshCmdInfo info_vcpuinfo = {
    .help = "detailed domain vcpu information",
    .desc = "Returns basic information about the domain virtual CPUs.",
};

static const vshCmdOptDef opts_vcpuinfo[] = {
    VIRTSH_OPT_DOMAIN_FULL(VSH_COMPLETE_DOMAIN),
    {.name = "pretty", .type = VSH_OT_BOOL, .help = "return human readable output"},
    VIRTSH_OPT_JSON,
    VIRTSH_OPT_END
};

/* One object per vcpu; what a stopped domain does not have is null, and
 * the affinity is a CPU list as vcpupin takes it. */
static void
virtshVcpuinfoPrintJSON(vshControl *ctl, const virVcpuInfo *cpuinfo, int ncpus,
                        const unsigned char *cpumaps, int cpumaplen)
{
    vshJson json;
    int n;

    vshJsonBegin(&json, true);
    for (n = 0; n < ncpus; n++) {
        g_autofree char *affinity = vshFormatCPUMap(VIR_GET_CPUMAP(cpumaps, cpumaplen, n),
                                                    cpumaplen);

        vshJsonOpen(&json, NULL, false);
        vshJsonUInt(&json, "vcpu", n);
        if (cpuinfo) {
            vshJsonInt(&json, "cpu", cpuinfo[n].cpu);
            vshJsonString(&json, "state", virtshDomainVcpuStateToString(cpuinfo[n].state));
            vshJsonUInt(&json, "cpu_time_ns", cpuinfo[n].cpuTime);
        } else {
            vshJsonNull(&json, "cpu");
            vshJsonNull(&json, "state");
            vshJsonNull(&json, "cpu_time_ns");
        }
        vshJsonString(&json, "cpu_affinity", affinity);
        vshJsonClose(&json, false);
    }
    vshJsonPrint(&json, ctl);
}

static void
virtshVcpuinfoPrintAffinity(vshControl *ctl, const unsigned char *cpumap, int maxcpu, bool pretty)
{
    int i;

    vshPrint(ctl, "%-15s ", "CPU Affinity:");
    if (pretty) {
        g_autofree char *str = vshFormatCPUMap(cpumap, VIR_CPU_MAPLEN(maxcpu));

        vshPrint(ctl, "%s (out of %d)", str, maxcpu);
    } else {
        for (i = 0; i < maxcpu; i++)
            vshPrint(ctl, "%c", VIR_CPU_USED(cpumap, i) ? 'y' : '-');
    }
    vshPrint(ctl, "\n");
}

static bool
cmdVcpuinfo(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virtshDomain) dom = NULL;
    g_autofree virVcpuInfoPtr cpuinfo = NULL;
    g_autofree unsigned char *cpumaps = NULL;
    bool pretty = vshCommandOptBool(cmd, "pretty");
    virDomainInfo info;
    int maxcpu, cpumaplen, ncpus, n;

    if (!(dom = virtshCommandOptDomain(ctl, cmd, NULL)))
        return false;
    if ((maxcpu = virtshNodeGetCPUCount(ctl->conn)) < 0)
        return false;
    if (virDomainGetInfo(dom, &info) != 0)
        return false;
    cpuinfo = g_new0(virVcpuInfo, info.nrVirtCpu);
    cpumaplen = VIR_CPU_MAPLEN(maxcpu);
    cpumaps = g_new0(unsigned char, (size_t)info.nrVirtCpu * cpumaplen);
    if ((ncpus = virDomainGetVcpus(dom, cpuinfo, info.nrVirtCpu, cpumaps, cpumaplen)) < 0) {
        if (info.state != VIR_DOMAIN_SHUTOFF)
            return false;
        /* a stopped domain still has its configured affinity */
        g_clear_pointer(&cpuinfo, g_free);
        if ((ncpus = virDomainGetVcpuPinInfo(dom, info.nrVirtCpu, cpumaps, cpumaplen,
                                             VIR_DOMAIN_AFFECT_CONFIG)) < 0)
            return false;
    }
    if (vshCommandOptBool(cmd, "json")) {
        virtshVcpuinfoPrintJSON(ctl, cpuinfo, ncpus, cpumaps, cpumaplen);
        return true;
    }
    for (n = 0; n < ncpus; n++) {
        vshPrint(ctl, "%-15s %d\n", "VCPU:", n);
        if (cpuinfo) {
            vshPrint(ctl, "%-15s %d\n", "CPU:", cpuinfo[n].cpu);
            vshPrint(ctl, "%-15s %s\n", "State:", virtshDomainVcpuStateToString(cpuinfo[n].state));
            if (cpuinfo[n].cpuTime != 0)
                vshPrint(ctl, "%-15s %.1lfs\n", "CPU time:", cpuinfo[n].cpuTime / 1000000000.0);
        } else {
            vshPrint(ctl, "%-15s %s\n", "CPU:", "N/A");
            vshPrint(ctl, "%-15s %s\n", "State:", "N/A");
            /* virsh prints this label without its colon */
            vshPrint(ctl, "%-15s %s\n", "CPU time", "N/A");
        }
        virtshVcpuinfoPrintAffinity(ctl, VIR_GET_CPUMAP(cpumaps, cpumaplen, n), maxcpu, pretty);
        if (n < ncpus - 1)
            vshPrint(ctl, "\n");
    }
    return true;
}

/*
 * "vcpupin" command
 */
static const vshCmdInfo info_vcpupin = {
    .help = "control or query domain vcpu affinity",
    .desc = "Pin domain VCPUs to host physical CPUs.",
};

static const vshCmdOptDef opts_vcpupin[] = {
    VIRTSH_OPT_DOMAIN_FULL(VSH_COMPLETE_DOMAIN),
    {.name = "vcpu", .type = VSH_OT_INT, .help = "vcpu number"},
    {.name = "cpulist", .type = VSH_OT_STRING, .flags = VSH_OFLAG_EMPTY_OK,
     .help = "host cpu number(s) to set, or omit option to query"},
    VIRTSH_OPT_CONFIG("affect next boot"),
    VIRTSH_OPT_LIVE("affect running domain"),
    VIRTSH_OPT_CURRENT("affect current domain"),
    VIRTSH_OPT_JSON,
    VIRTSH_OPT_END
};

static bool
virtshVcpuPinQuery(vshControl *ctl, virDomainPtr dom, unsigned int vcpu, bool gotVcpu,
                   int maxcpu, unsigned int flags, bool optJSON)
{
    g_autofree unsigned char *cpumap = NULL;
    g_autoptr(vshTable) table = NULL;
    int cpumaplen, ncpus, i;
    vshJson json;

    if ((ncpus = virtshCPUCountCollect(ctl, dom, flags | VIR_DOMAIN_VCPU_MAXIMUM, true)) < 0) {
        if (ncpus == -1)
            vshError(ctl, "%s", (flags & VIR_DOMAIN_AFFECT_LIVE) ?
                     "cannot get vcpupin for offline domain" :
                     "cannot get vcpupin for transient domain");
        return false;
    }
    if (gotVcpu && vcpu >= (unsigned int)ncpus) {
        if ((flags & VIR_DOMAIN_AFFECT_LIVE) ||
            (!(flags & VIR_DOMAIN_AFFECT_CONFIG) && virDomainIsActive(dom) == 1))
            vshError(ctl, "vcpu %u is out of range of live cpu count %d", vcpu, ncpus);
        else
            vshError(ctl, "vcpu %u is out of range of persistent cpu count %d", vcpu, ncpus);
        return false;
    }
    cpumaplen = VIR_CPU_MAPLEN(maxcpu);
    cpumap = g_new0(unsigned char, (size_t)ncpus * cpumaplen);
    if ((ncpus = virDomainGetVcpuPinInfo(dom, ncpus, cpumap, cpumaplen, flags)) < 0)
        return false;
    table = vshTableNew("VCPU", "CPU Affinity", NULL);
    if (optJSON)
        vshJsonBegin(&json, true);
    for (i = 0; i < ncpus; i++) {
        g_autofree char *pinInfo = NULL;
        g_autofree char *vcpuStr = NULL;

        if (gotVcpu && (unsigned int)i != vcpu)
            continue;
        pinInfo = vshFormatCPUMap(VIR_GET_CPUMAP(cpumap, cpumaplen, i), cpumaplen);
        if (optJSON) {
            vshJsonOpen(&json, NULL, false);
            vshJsonUInt(&json, "vcpu", i);
            vshJsonString(&json, "cpu_affinity", pinInfo);
            vshJsonClose(&json, false);
            continue;
        }
        vcpuStr = g_strdup_printf("%d", i);
        vshTableRowAppend(table, vcpuStr, pinInfo, NULL);
    }
    if (optJSON)
        vshJsonPrint(&json, ctl);
    else
        vshTablePrintToStdout(table, ctl);
    return true;
}

static bool
cmdVcpuPin(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virtshDomain) dom = NULL;
    g_autofree unsigned char *cpumap = NULL;
    const char *cpulist = NULL;
    unsigned int vcpu = 0, flags;
    int gotVcpu, maxcpu, cpumaplen;

    if (!virtshImpactFlags(ctl, cmd, &flags))
        return false;
    if (vshCommandOptString(ctl, cmd, "cpulist", &cpulist) < 0)
        return false;
    if (!cpulist && !vshExclusiveOptions(ctl, cmd, "live", "config"))
        return false;
    if ((gotVcpu = vshCommandOptUInt(ctl, cmd, "vcpu", &vcpu)) < 0)
        return false;
    if (cpulist && gotVcpu == 0) {
        vshError(ctl, "%s", "vcpupin: Missing vCPU number in pin mode.");
        return false;
    }
    if ((maxcpu = virtshNodeGetCPUCount(ctl->conn)) < 0)
        return false;
    if (!(dom = virtshCommandOptDomain(ctl, cmd, NULL)))
        return false;
    if (!cpulist)
        return virtshVcpuPinQuery(ctl, dom, vcpu, gotVcpu > 0, maxcpu, flags,
                                  vshCommandOptBool(cmd, "json"));
    if (!(cpumap = vshParseCPUList(ctl, cpulist, maxcpu, &cpumaplen)))
        return false;
    /* without an explicit choice, the old call (live domain) */
    if (flags == VIR_DOMAIN_AFFECT_CURRENT && !vshCommandOptBool(cmd, "current"))
        return virDomainPinVcpu(dom, vcpu, cpumap, cpumaplen) == 0;
    return virDomainPinVcpuFlags(dom, vcpu, cpumap, cpumaplen, flags) == 0;
}

/*
 * "cpu-stats" command
 */
static const vshCmdInfo info_cpu_stats = {
    .help = "show domain cpu statistics",
    .desc = "Display per-CPU and total statistics about the domain's CPUs",
};

static const vshCmdOptDef opts_cpu_stats[] = {
    VIRTSH_OPT_DOMAIN_FULL(VSH_COMPLETE_DOMAIN_ACTIVE),
    {.name = "total", .type = VSH_OT_BOOL, .help = "Show total statistics only"},
    {.name = "start", .type = VSH_OT_INT, .help = "Show statistics from this CPU"},
    {.name = "count", .type = VSH_OT_INT, .help = "Number of shown CPUs at most"},
    VIRTSH_OPT_JSON,
    VIRTSH_OPT_END
};

static bool
virtshCPUStatsIsTime(const virTypedParameter *param)
{
    return (strcmp(param->field, VIR_DOMAIN_CPU_STATS_CPUTIME) == 0 ||
            strcmp(param->field, VIR_DOMAIN_CPU_STATS_VCPUTIME) == 0 ||
            strcmp(param->field, VIR_DOMAIN_CPU_STATS_USERTIME) == 0 ||
            strcmp(param->field, VIR_DOMAIN_CPU_STATS_SYSTEMTIME) == 0) &&
           param->type == VIR_TYPED_PARAM_ULLONG;
}

/* Times in seconds with nanoseconds, anything else as it is; with @json,
 * times in nanoseconds under their name and "_ns". */
static void
virtshCPUStatsPrintField(vshControl *ctl, vshJson *json, const virTypedParameter *param)
{
    if (json) {
        g_autofree char *key = g_strconcat(param->field,
                                           virtshCPUStatsIsTime(param) ? "_ns" : "", NULL);

        vshJsonTypedParam(json, key, param);
        return;
    }
    vshPrint(ctl, "\t%-12s ", param->field);
    if (virtshCPUStatsIsTime(param)) {
        vshPrint(ctl, "%9llu.%09llu seconds\n", param->value.ul / 1000000000,
                 param->value.ul % 1000000000);
    } else {
        g_autofree char *value = vshTypedParamValue(param);

        vshPrint(ctl, "%s\n", value);
    }
}

static bool
virtshCPUStatsFailed(vshControl *ctl, virDomainPtr dom)
{
    vshError(ctl, "Failed to retrieve CPU statistics for domain '%s'", virDomainGetName(dom));
    return false;
}

/* The statistics of @count host CPUs from @cpu, 128 at a time as virsh
 * asks for them; CPUs outside the host's map are left out.  With @json,
 * an array "cpus" of them. */
static bool
virtshCPUStatsPerCPU(vshControl *ctl, vshJson *json, virDomainPtr dom, int cpu, int count)
{
    virTypedParameterPtr params;
    int nparams, ncpus, i, j;

    if ((nparams = virDomainGetCPUStats(dom, NULL, 0, 0, 1, 0)) < 0)
        return virtshCPUStatsFailed(ctl, dom);
    if (json)
        vshJsonOpen(json, "cpus", true);
    if (nparams == 0) {
        if (json)
            vshJsonClose(json, true);
        else
            vshPrint(ctl, "%s", "No per-CPU stats available");
        return true;
    }
    params = g_new0(virTypedParameter, (size_t)nparams * MIN(count, 128));
    for (; count > 0; cpu += ncpus, count -= ncpus) {
        ncpus = MIN(count, 128);
        if (virDomainGetCPUStats(dom, params, nparams, cpu, ncpus, 0) < 0) {
            g_free(params);
            return virtshCPUStatsFailed(ctl, dom);
        }
        for (i = 0; i < ncpus; i++) {
            if (params[i * nparams].type == 0)
                continue;
            if (json) {
                vshJsonOpen(json, NULL, false);
                vshJsonUInt(json, "cpu", cpu + i);
            } else {
                vshPrint(ctl, "CPU%d:\n", cpu + i);
            }
            for (j = 0; j < nparams; j++)
                virtshCPUStatsPrintField(ctl, json, &params[i * nparams + j]);
            if (json)
                vshJsonClose(json, false);
        }
        virTypedParamsClear(params, nparams * ncpus);
    }
    g_free(params);
    if (json)
        vshJsonClose(json, true);
    return true;
}

/* With @json, an object "total". */
static bool
virtshCPUStatsTotal(vshControl *ctl, vshJson *json, virDomainPtr dom)
{
    virTypedParameterPtr params;
    int nparams, nstats, i;

    if ((nparams = virDomainGetCPUStats(dom, NULL, 0, -1, 1, 0)) < 0)
        return virtshCPUStatsFailed(ctl, dom);
    if (nparams == 0) {
        if (!json)
            vshPrint(ctl, "%s", "No total stats available");
        return false;
    }
    params = g_new0(virTypedParameter, nparams);
    if ((nstats = virDomainGetCPUStats(dom, params, nparams, -1, 1, 0)) < 0) {
        virTypedParamsFree(params, nparams);
        return virtshCPUStatsFailed(ctl, dom);
    }
    if (json)
        vshJsonOpen(json, "total", false);
    else
        vshPrint(ctl, "Total:\n");
    for (i = 0; i < nstats; i++)
        virtshCPUStatsPrintField(ctl, json, &params[i]);
    if (json)
        vshJsonClose(json, false);
    virTypedParamsFree(params, nparams);
    return true;
}

/* --start and --count; *perCPU is set when either was given. */
static bool
virtshCPUStatsRange(vshControl *ctl, const vshCmd *cmd, int *cpu, int *count, bool *perCPU)
{
    int rv;

    if ((rv = vshCommandOptInt(ctl, cmd, "start", cpu)) < 0)
        return false;
    if (rv > 0 && *cpu < 0) {
        vshError(ctl, "%s", "Invalid value for start CPU");
        return false;
    }
    *perCPU = rv > 0;
    if ((rv = vshCommandOptInt(ctl, cmd, "count", count)) < 0)
        return false;
    if (rv > 0 && *count < 0) {
        vshError(ctl, "%s", "Invalid value for number of CPUs to show");
        return false;
    }
    *perCPU = *perCPU || rv > 0;
    return true;
}

/* The per-CPU part and the total that cpu-stats shows, the one after the
 * other; @json (or NULL for text) is the object both go into. */
static bool
virtshCPUStatsShow(vshControl *ctl, vshJson *json, virDomainPtr dom, int cpu, int count,
                   bool perCPU, bool total)
{
    int maxCPU;

    if (!perCPU)
        return virtshCPUStatsTotal(ctl, json, dom);
    if ((maxCPU = virDomainGetCPUStats(dom, NULL, 0, 0, 0, 0)) < 0)
        return virtshCPUStatsFailed(ctl, dom);
    if (cpu >= maxCPU) {
        vshError(ctl, "Start CPU %d is out of range (min: 0, max: %d)", cpu, maxCPU - 1);
        return false;
    }
    if (count < 0 || count > maxCPU) {
        if (count > maxCPU && !json)
            vshPrint(ctl, "Only %d CPUs available to show\n", maxCPU);
        count = maxCPU - cpu;
    }
    if (!virtshCPUStatsPerCPU(ctl, json, dom, cpu, count))
        return false;
    return !total || virtshCPUStatsTotal(ctl, json, dom);
}

static bool
cmdCPUStats(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virtshDomain) dom = NULL;
    bool total = vshCommandOptBool(cmd, "total");
    int cpu = 0, count = -1;
    bool perCPU;
    vshJson json;

    if (!(dom = virtshCommandOptDomain(ctl, cmd, NULL)) ||
        !virtshCPUStatsRange(ctl, cmd, &cpu, &count, &perCPU))
        return false;
    if (!total && !perCPU)
        total = perCPU = true;
    if (!vshCommandOptBool(cmd, "json"))
        return virtshCPUStatsShow(ctl, NULL, dom, cpu, count, perCPU, total);
    /* nothing is printed unless everything could be read */
    vshJsonBegin(&json, false);
    if (!virtshCPUStatsShow(ctl, &json, dom, cpu, count, perCPU, total)) {
        vshJsonDiscard(&json);
        return false;
    }
    vshJsonPrint(&json, ctl);
    return true;
}

const vshCmdDef domCpuCmds[] = {
    {.name = "cpu-stats", .handler = cmdCPUStats, .opts = opts_cpu_stats, .info = &info_cpu_stats},
    {.name = "setvcpus", .handler = cmdSetvcpus, .opts = opts_setvcpus, .info = &info_setvcpus},
    {.name = "vcpucount", .handler = cmdVcpucount, .opts = opts_vcpucount, .info = &info_vcpucount},
    {.name = "vcpuinfo", .handler = cmdVcpuinfo, .opts = opts_vcpuinfo, .info = &info_vcpuinfo},
    {.name = "vcpupin", .handler = cmdVcpuPin, .opts = opts_vcpupin, .info = &info_vcpupin},
    {.name = NULL}
};
