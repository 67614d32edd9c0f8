/*
 * node_host.c: the Linux host a container driver runs on
 */
#include "internal.h"

#include <sys/utsname.h>
#include <unistd.h>

#include "node_host.h"
#include "virerror.h"

#define VIR_FROM_THIS VIR_FROM_NONE

/* The fields of /proc/meminfo the memory statistics give, in their order. */
static const struct {
    const char *field;
    const char *key;
} virNodeHostMemFields[] = {
    { VIR_NODE_MEMORY_STATS_TOTAL, "MemTotal" },
    { VIR_NODE_MEMORY_STATS_FREE, "MemFree" },
    { VIR_NODE_MEMORY_STATS_BUFFERS, "Buffers" },
    { VIR_NODE_MEMORY_STATS_CACHED, "Cached" },
};

/* "@key: N kB" of /proc/meminfo, in KiB; 0 when the host does not say. */
static unsigned long long
virNodeHostMeminfo(const char *key)
{
    g_autofree char *text = NULL;
    g_auto(GStrv) lines = NULL;
    size_t keylen = strlen(key);
    size_t i;

    if (!g_file_get_contents("/proc/meminfo", &text, NULL, NULL))
        return 0;
    lines = g_strsplit(text, "\n", -1);
    for (i = 0; lines[i]; i++) {
        if (strncmp(lines[i], key, keylen) == 0 && lines[i][keylen] == ':')
            return g_ascii_strtoull(lines[i] + keylen + 1, NULL, 10);
    }
    return 0;
}

/* The clock of the first CPU in MHz, as /proc/cpuinfo says; 0 if not. */
static unsigned int
virNodeHostMHz(void)
{
    g_autofree char *text = NULL;
    const char *at;

    if (!g_file_get_contents("/proc/cpuinfo", &text, NULL, NULL) ||
        !(at = strstr(text, "cpu MHz")) || !(at = strchr(at, ':')))
        return 0;
    return (unsigned int)g_ascii_strtod(at + 1, NULL);
}

int
virNodeHostGetInfo(virNodeInfoPtr info)
{
    struct utsname host;
    long online = sysconf(_SC_NPROCESSORS_ONLN);

    memset(info, 0, sizeof(*info));
    if (uname(&host) < 0 || online < 1) {
        virReportSystemError(errno, "%s", _("cannot read the architecture and CPUs of the host"));
        return -1;
    }
    g_strlcpy(info->model, host.machine, sizeof(info->model));
    info->memory = virNodeHostMeminfo("MemTotal");
    info->cpus = online;
    info->mhz = virNodeHostMHz();
    info->nodes = 1;
    info->sockets = 1;
    info->cores = online;
    info->threads = 1;
    return 0;
}

int
sharedNodeGetInfo(virConnectPtr conn G_GNUC_UNUSED, virNodeInfoPtr info)
{
    return virNodeHostGetInfo(info);
}

unsigned long long
sharedNodeGetFreeMemory(virConnectPtr conn G_GNUC_UNUSED)
{
    return virNodeHostMeminfo("MemFree") * 1024;
}

int
sharedNodeGetCPUMap(virConnectPtr conn, unsigned char **cpumap, unsigned int *online,
                    unsigned int flags)
{
    virDomainDriverBase *base = virDomainDriverBaseFromConn(conn);
    size_t cpu;

    virDomainDriverCheckFlags(conn, 0, -1);
    if (cpumap) {
        *cpumap = g_new0(unsigned char, VIR_CPU_MAPLEN(base->hostcpus));
        for (cpu = 0; cpu < base->hostcpus; cpu++)
            VIR_USE_CPU(*cpumap, cpu);
    }
    if (online)
        *online = base->hostcpus;
    return base->hostcpus;
}

int
sharedNodeGetMemoryStats(virConnectPtr conn, int cellNum, virNodeMemoryStatsPtr params,
                         int *nparams, unsigned int flags)
{
    int n = G_N_ELEMENTS(virNodeHostMemFields);
    int i;

    virDomainDriverCheckFlags(conn, 0, -1);
    if (cellNum != VIR_NODE_MEMORY_STATS_ALL_CELLS && cellNum != 0) {
        virReportError(VIR_ERR_INVALID_ARG, _("cell %d does not exist: the host is one cell (0)"),
                       cellNum);
        return -1;
    }
    if (*nparams == 0) {
        *nparams = n;
        return 0;
    }
    for (i = 0; i < MIN(*nparams, n); i++) {
        g_strlcpy(params[i].field, virNodeHostMemFields[i].field, sizeof(params[i].field));
        params[i].value = virNodeHostMeminfo(virNodeHostMemFields[i].key);
    }
    *nparams = i;
    return 0;
}
