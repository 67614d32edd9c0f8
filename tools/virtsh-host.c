/*
 * virtsh-host.c: the "host" group: nodeinfo, nodecpumap, nodememstats,
 * node-memory-tune, capabilities, uri, hostname, version
 */
#include <config.h>

#include <stdlib.h>

#include "virtsh.h"
#include "vsh-util.h"

/*
 * "nodeinfo" command
 */
static const vshCmdInfo info_nodeinfo = {
    .help = "node information",
    .desc = "Returns basic information about the node.",
};

static const vshCmdOptDef opts_nodeinfo[] = {
    VIRTSH_OPT_JSON,
    VIRTSH_OPT_END
};

static void
virtshNodeinfoPrintJSON(vshControl *ctl, const virNodeInfo *info)
{
    vshJson json;

    vshJsonBegin(&json, false);
    vshJsonString(&json, "cpu_model", info->model);
    vshJsonUInt(&json, "cpus", info->cpus);
    if (info->mhz)
        vshJsonUInt(&json, "cpu_frequency_mhz", info->mhz);
    else
        vshJsonNull(&json, "cpu_frequency_mhz");
    vshJsonUInt(&json, "cpu_sockets", info->sockets);
    vshJsonUInt(&json, "cores_per_socket", info->cores);
    vshJsonUInt(&json, "threads_per_core", info->threads);
    vshJsonUInt(&json, "numa_cells", info->nodes);
    vshJsonUInt(&json, "memory_kib", info->memory);
    vshJsonPrint(&json, ctl);
}

static bool
cmdNodeinfo(vshControl *ctl, const vshCmd *cmd)
{
    virNodeInfo info;

    if (virNodeGetInfo(ctl->conn, &info) < 0) {
        vshError(ctl, "%s", "failed to get node information");
        return false;
    }
    if (vshCommandOptBool(cmd, "json")) {
        virtshNodeinfoPrintJSON(ctl, &info);
        return true;
    }
    vshPrint(ctl, "%-20s %s\n", "CPU model:", info.model);
    vshPrint(ctl, "%-20s %d\n", "CPU(s):", info.cpus);
    if (info.mhz)
        vshPrint(ctl, "%-20s %d MHz\n", "CPU frequency:", info.mhz);
    vshPrint(ctl, "%-20s %d\n", "CPU socket(s):", info.sockets);
    vshPrint(ctl, "%-20s %d\n", "Core(s) per socket:", info.cores);
    vshPrint(ctl, "%-20s %d\n", "Thread(s) per core:", info.threads);
    vshPrint(ctl, "%-20s %d\n", "NUMA cell(s):", info.nodes);
    vshPrint(ctl, "%-20s %lu KiB\n", "Memory size:", info.memory);
    return true;
}

/*
 * "nodecpumap" command
 */
static const vshCmdInfo info_nodecpumap = {
    .help = "node cpu map",
    .desc = "Displays the node's total number of CPUs, the number of online CPUs and the list of online CPUs.",
};

static const vshCmdOptDef opts_nodecpumap[] = {
    {.name = "pretty", .type = VSH_OT_BOOL, .help = "return human readable output"},
    VIRTSH_OPT_JSON,
    VIRTSH_OPT_END
};

static void
virtshNodeCpuMapPrintJSON(vshControl *ctl, const unsigned char *cpumap, int cpunum,
                          unsigned int online)
{
    g_autofree char *str = vshFormatCPUMap(cpumap, VIR_CPU_MAPLEN(cpunum));
    vshJson json;

    vshJsonBegin(&json, false);
    vshJsonUInt(&json, "cpus_present", cpunum);
    vshJsonUInt(&json, "cpus_online", online);
    vshJsonString(&json, "cpu_map", str);
    vshJsonPrint(&json, ctl);
}

static bool
cmdNodeCpuMap(vshControl *ctl, const vshCmd *cmd)
{
    unsigned char *cpumap = NULL;
    unsigned int online = 0;
    int cpunum, cpu;

    if ((cpunum = virNodeGetCPUMap(ctl->conn, &cpumap, &online, 0)) < 0) {
        vshError(ctl, "%s", "Unable to get cpu map");
        return false;
    }
    if (vshCommandOptBool(cmd, "json")) {
        virtshNodeCpuMapPrintJSON(ctl, cpumap, cpunum, online);
        free(cpumap);
        return true;
    }
    vshPrint(ctl, "%-15s %d\n", "CPUs present:", cpunum);
    vshPrint(ctl, "%-15s %u\n", "CPUs online:", online);
    vshPrint(ctl, "%-15s ", "CPU map:");
    if (vshCommandOptBool(cmd, "pretty")) {
        g_autofree char *str = vshFormatCPUMap(cpumap, VIR_CPU_MAPLEN(cpunum));

        vshPrint(ctl, "%s", str);
    } else {
        for (cpu = 0; cpu < cpunum; cpu++)
            vshPrint(ctl, "%c", VIR_CPU_USED(cpumap, cpu) ? 'y' : '-');
    }
    vshPrint(ctl, "\n");
    free(cpumap);
    return true;
}

/*
 * "nodememstats" command
 */
static const vshCmdInfo info_nodememstats = {
    .help = "Prints memory stats of the node.",
    .desc = "Returns memory stats of the node, in kilobytes.",
};

static const vshCmdOptDef opts_nodememstats[] = {
    {.name = "cell", .type = VSH_OT_INT, .help = "prints specified cell statistics only."},
    VIRTSH_OPT_JSON,
    VIRTSH_OPT_END
};

static bool
cmdNodeMemStats(vshControl *ctl, const vshCmd *cmd)
{
    g_autofree virNodeMemoryStatsPtr params = NULL;
    int cellNum = VIR_NODE_MEMORY_STATS_ALL_CELLS;
    int nparams = 0, i;
    bool optJSON = vshCommandOptBool(cmd, "json");
    vshJson json;

    if (vshCommandOptInt(ctl, cmd, "cell", &cellNum) < 0)
        return false;
    if (virNodeGetMemoryStats(ctl->conn, cellNum, NULL, &nparams, 0) != 0) {
        vshError(ctl, "%s", "Unable to get number of memory stats");
        return false;
    }
    if (nparams == 0 && !optJSON)
        return true;
    params = g_new0(virNodeMemoryStats, MAX(nparams, 1));
    if (nparams > 0 && virNodeGetMemoryStats(ctl->conn, cellNum, params, &nparams, 0) != 0) {
        vshError(ctl, "%s", "Unable to get memory stats");
        return false;
    }
    if (optJSON) {
        vshJsonBegin(&json, false);
        for (i = 0; i < nparams; i++) {
            g_autofree char *key = g_strconcat(params[i].field, "_kib", NULL);

            vshJsonUInt(&json, key, params[i].value);
        }
        vshJsonPrint(&json, ctl);
        return true;
    }
    for (i = 0; i < nparams; i++)
        vshPrint(ctl, "%-7s: %20llu KiB\n", params[i].field, params[i].value);
    return true;
}

/*
 * "node-memory-tune" command
 */
static const vshCmdInfo info_node_memory_tune = {
    .help = "Get or set node memory parameters",
    .desc = "Get or set node memory parameters\n"
            "    To get the memory parameters, use following command: \n\n"
            "    virtsh # node-memory-tune",
};

static const vshCmdOptDef opts_node_memory_tune[] = {
    {.name = "shm-pages-to-scan", .type = VSH_OT_INT,
     .help = "number of pages to scan before the shared memory service goes to sleep"},
    {.name = "shm-sleep-millisecs", .type = VSH_OT_INT,
     .help = "number of millisecs the shared memory service should sleep before next scan"},
    {.name = "shm-merge-across-nodes", .type = VSH_OT_INT,
     .help = "Specifies if pages from different numa nodes can be merged"},
    VIRTSH_OPT_JSON,
    VIRTSH_OPT_END
};

static bool
virtshNodeMemoryTunePrint(vshControl *ctl, bool optJSON)
{
    virTypedParameterPtr params = NULL;
    int nparams = 0, i;
    vshJson json;

    if (virNodeGetMemoryParameters(ctl->conn, NULL, &nparams, 0) != 0) {
        vshError(ctl, "%s", "Unable to get number of memory parameters");
        return false;
    }
    if (nparams == 0 && !optJSON)
        return true;
    params = g_new0(virTypedParameter, MAX(nparams, 1));
    if (nparams > 0 && virNodeGetMemoryParameters(ctl->conn, params, &nparams, 0) != 0) {
        vshError(ctl, "%s", "Unable to get memory parameters");
        g_free(params);
        return false;
    }
    if (optJSON) {
        vshJsonBegin(&json, false);
        vshJsonTypedParams(&json, params, nparams, "");
        vshJsonPrint(&json, ctl);
        virTypedParamsFree(params, nparams);
        return true;
    }
    vshPrint(ctl, "Shared memory:\n");
    for (i = 0; i < nparams; i++) {
        g_autofree char *str = vshTypedParamValue(&params[i]);

        vshPrint(ctl, "\t%-15s %s\n", params[i].field, str);
    }
    virTypedParamsFree(params, nparams);
    return true;
}

static bool
cmdNodeMemoryTune(vshControl *ctl, const vshCmd *cmd)
{
    static const char *const tunables[][2] = {
        { "shm-pages-to-scan", VIR_NODE_MEMORY_SHARED_PAGES_TO_SCAN },
        { "shm-sleep-millisecs", VIR_NODE_MEMORY_SHARED_SLEEP_MILLISECS },
        { "shm-merge-across-nodes", VIR_NODE_MEMORY_SHARED_MERGE_ACROSS_NODES },
    };
    virTypedParameterPtr params = NULL;
    int nparams = 0, maxparams = 0, rc;
    bool ret = false;
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(tunables); i++) {
        unsigned int value;

        if ((rc = vshCommandOptUInt(ctl, cmd, tunables[i][0], &value)) < 0)
            goto cleanup;
        if (rc > 0 &&
            virTypedParamsAddUInt(&params, &nparams, &maxparams, tunables[i][1], value) < 0)
            goto error;
    }
    if (nparams == 0) {
        ret = virtshNodeMemoryTunePrint(ctl, vshCommandOptBool(cmd, "json"));
        goto cleanup;
    }
    if (virNodeSetMemoryParameters(ctl->conn, params, nparams, 0) != 0)
        goto error;
    ret = true;
    goto cleanup;

 error:
    vshError(ctl, "%s", "Unable to change memory parameters");
 cleanup:
    virTypedParamsFree(params, nparams);
    return ret;
}

/*
 * "capabilities", "uri", "hostname" commands
 */
static const vshCmdInfo info_capabilities = {
    .help = "capabilities",
    .desc = "Returns capabilities of hypervisor/driver.",
};

static bool
cmdCapabilities(vshControl *ctl, const vshCmd *cmd G_GNUC_UNUSED)
{
    g_autofree char *caps = NULL;

    if (!(caps = virConnectGetCapabilities(ctl->conn))) {
        vshError(ctl, "%s", "failed to get capabilities");
        return false;
    }
    vshPrint(ctl, "%s\n", caps);
    return true;
}

static const vshCmdInfo info_uri = {
    .help = "print the hypervisor canonical URI",
    .desc = "",
};

static const vshCmdOptDef opts_json_only[] = {
    VIRTSH_OPT_JSON,
    VIRTSH_OPT_END
};

static bool
cmdURI(vshControl *ctl, const vshCmd *cmd)
{
    g_autofree char *uri = NULL;

    if (!(uri = virConnectGetURI(ctl->conn))) {
        vshError(ctl, "%s", "failed to get URI");
        return false;
    }
    if (vshCommandOptBool(cmd, "json"))
        vshJsonPrintString(ctl, "uri", uri);
    else
        vshPrint(ctl, "%s\n", uri);
    return true;
}

static const vshCmdInfo info_hostname = {
    .help = "print the hypervisor hostname",
    .desc = "",
};

static bool
cmdHostname(vshControl *ctl, const vshCmd *cmd)
{
    g_autofree char *hostname = NULL;

    if (!(hostname = virConnectGetHostname(ctl->conn))) {
        vshError(ctl, "%s", "failed to get hostname");
        return false;
    }
    if (vshCommandOptBool(cmd, "json"))
        vshJsonPrintString(ctl, "hostname", hostname);
    else
        vshPrint(ctl, "%s\n", hostname);
    return true;
}

/*
 * "version" command
 */
static const vshCmdInfo info_version = {
    .help = "show version",
    .desc = "Display the system version information.",
};

static char *
virtshVersionString(unsigned long v)
{
    return g_strdup_printf("%lu.%lu.%lu", v / 1000000, (v / 1000) % 1000, v % 1000);
}

static void
virtshPrintVersion(vshControl *ctl, const char *what, const char *name, unsigned long v)
{
    g_autofree char *str = virtshVersionString(v);

    vshPrint(ctl, "%s: %s %s\n", what, name, str);
}

/* virsh's labels as keys, the versions as "major.minor.micro"; a
 * hypervisor version that cannot be read is null. */
static void
virtshVersionPrintJSON(vshControl *ctl, const char *hvType, unsigned long libVersion,
                       unsigned long apiVersion, unsigned long hvVersion)
{
    g_autofree char *compiled = virtshVersionString(VIRTKIT_VERSION_NUMBER);
    g_autofree char *lib = virtshVersionString(libVersion);
    g_autofree char *api = virtshVersionString(apiVersion);
    g_autofree char *hv = hvVersion ? virtshVersionString(hvVersion) : NULL;
    vshJson json;

    vshJsonBegin(&json, false);
    vshJsonString(&json, "compiled_against_library", compiled);
    vshJsonString(&json, "using_library", lib);
    vshJsonString(&json, "using_api", api);
    vshJsonString(&json, "hypervisor_type", hvType);
    vshJsonString(&json, "running_hypervisor", hv);
    vshJsonPrint(&json, ctl);
}

static bool
cmdVersion(vshControl *ctl, const vshCmd *cmd)
{
    unsigned long libVersion, apiVersion, hvVersion;
    bool optJSON = vshCommandOptBool(cmd, "json");
    const char *hvType;

    if (!(hvType = virConnectGetType(ctl->conn))) {
        vshError(ctl, "%s", "failed to get hypervisor type");
        return false;
    }
    if (!optJSON)
        virtshPrintVersion(ctl, "Compiled against library", "virtkit", VIRTKIT_VERSION_NUMBER);
    if (virGetVersion(&libVersion, hvType, &apiVersion) < 0) {
        vshError(ctl, "%s", "failed to get the library version");
        return false;
    }
    if (!optJSON) {
        virtshPrintVersion(ctl, "Using library", "virtkit", libVersion);
        virtshPrintVersion(ctl, "Using API", hvType, apiVersion);
    }
    if (virConnectGetVersion(ctl->conn, &hvVersion) < 0) {
        vshError(ctl, "%s", "failed to get the hypervisor version");
        return false;
    }
    if (optJSON)
        virtshVersionPrintJSON(ctl, hvType, libVersion, apiVersion, hvVersion);
    else if (hvVersion == 0)
        vshPrint(ctl, "Cannot extract running %s hypervisor version\n", hvType);
    else
        virtshPrintVersion(ctl, "Running hypervisor", hvType, hvVersion);
    return true;
}

const vshCmdDef hostAndHypervisorCmds[] = {
    {.name = "capabilities", .handler = cmdCapabilities, .info = &info_capabilities},
    {.name = "hostname", .handler = cmdHostname, .opts = opts_json_only, .info = &info_hostname},
    {.name = "node-memory-tune", .handler = cmdNodeMemoryTune, .opts = opts_node_memory_tune,
     .info = &info_node_memory_tune},
    {.name = "nodecpumap", .handler = cmdNodeCpuMap, .opts = opts_nodecpumap, .info = &info_nodecpumap},
    {.name = "nodeinfo", .handler = cmdNodeinfo, .opts = opts_nodeinfo, .info = &info_nodeinfo},
    {.name = "nodememstats", .handler = cmdNodeMemStats, .opts = opts_nodememstats,
     .info = &info_nodememstats},
    {.name = "uri", .handler = cmdURI, .opts = opts_json_only, .info = &info_uri},
    {.name = "version", .handler = cmdVersion, .opts = opts_json_only, .info = &info_version},
    {.name = NULL}
};
