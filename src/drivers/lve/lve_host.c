/*
 * lve_host.c: the host an LVE driver runs on, its KSM settings, and the
 * default limits of LVEs
 *
 * virNodeGetMemoryParameters gives KSM's shm_* parameters, then the
 * default limits as lve_default_<limit> (speed, ncpu, io, iops, nproc, ep
 * as uint; pmem, vmem as ullong KiB); virNodeSetMemoryParameters changes
 * either, all or nothing.  The defaults are what lve_set_default() sets:
 * limits an LVE has when its definition does not give them.  They are
 * kept in <root>/etc/virtkit/lve/defaults/limits.xml.
 */
#include "internal.h"

#include <sys/utsname.h>
#include <unistd.h>

#include "lve_host.h"
#include "lve_ksm.h"
#include "virerror.h"
#include "virlog.h"
#include "virtypedparam.h"

#define VIR_FROM_THIS VIR_FROM_NONE

/* The value of "Key:   N kB" in /proc/meminfo, in KiB. */
static unsigned long long
lveMeminfo(const char *key)
{
    g_autofree char *info = NULL;
    const char *line;

    if (!g_file_get_contents("/proc/meminfo", &info, NULL, NULL) || !(line = strstr(info, key)))
        return 0;
    return g_ascii_strtoull(line + strlen(key) + 1, NULL, 10);
}

int
lveHostInfo(virNodeInfo *info)
{
    struct utsname uts;
    g_autofree char *cpuinfo = NULL;
    const char *mhz;
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);

    memset(info, 0, sizeof(*info));
    if (uname(&uts) < 0 || cpus < 1) {
        virReportSystemError(errno, "%s", _("cannot read the host's architecture and CPUs"));
        return -1;
    }
    g_strlcpy(info->model, uts.machine, sizeof(info->model));
    info->memory = lveMeminfo("MemTotal:");
    info->cpus = cpus;
    if (g_file_get_contents("/proc/cpuinfo", &cpuinfo, NULL, NULL) &&
        (mhz = strstr(cpuinfo, "cpu MHz")) && (mhz = strchr(mhz, ':')))
        info->mhz = (unsigned int)g_ascii_strtod(mhz + 1, NULL);
    /* one cell of single-threaded cores: what every host can honestly say */
    info->nodes = 1;
    info->sockets = 1;
    info->cores = cpus;
    info->threads = 1;
    return 0;
}

unsigned long long
lveNodeGetFreeMemory(virConnectPtr conn G_GNUC_UNUSED)
{
    return lveMeminfo("MemFree:") * 1024;
}

int
lveNodeGetCPUMap(virConnectPtr conn, unsigned char **cpumap, unsigned int *online,
                 unsigned int flags)
{
    lveDriver *driver = lveDriverFromConn(conn);
    unsigned int i;

    virCheckFlags(0, -1);
    if (cpumap) {
        *cpumap = g_new0(unsigned char, VIR_CPU_MAPLEN(driver->base.hostcpus));
        for (i = 0; i < driver->base.hostcpus; i++)
            VIR_USE_CPU(*cpumap, i);
    }
    if (online)
        *online = driver->base.hostcpus;
    return driver->base.hostcpus;
}

int
lveNodeGetMemoryStats(virConnectPtr conn G_GNUC_UNUSED, int cellNum,
                      virNodeMemoryStatsPtr params, int *nparams, unsigned int flags)
{
    const struct { const char *field; const char *key; } stats[] = {
        { VIR_NODE_MEMORY_STATS_TOTAL, "MemTotal:" },
        { VIR_NODE_MEMORY_STATS_FREE, "MemFree:" },
        { VIR_NODE_MEMORY_STATS_BUFFERS, "Buffers:" },
        { VIR_NODE_MEMORY_STATS_CACHED, "Cached:" },
    };
    int i;

    virCheckFlags(0, -1);
    if (cellNum != VIR_NODE_MEMORY_STATS_ALL_CELLS && cellNum != 0) {
        virReportError(VIR_ERR_INVALID_ARG, _("cell %d does not exist: the host has 1 cell"),
                       cellNum);
        return -1;
    }
    if (*nparams == 0) {
        *nparams = G_N_ELEMENTS(stats);
        return 0;
    }
    for (i = 0; i < *nparams && i < (int)G_N_ELEMENTS(stats); i++) {
        g_strlcpy(params[i].field, stats[i].field, sizeof(params[i].field));
        params[i].value = lveMeminfo(stats[i].key);
    }
    *nparams = i;
    return 0;
}
