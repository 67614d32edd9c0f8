/*
 * vircgroupstats.c: what a group's files say it uses
 *
 *   CPU time      v1 cpuacct.usage, cpuacct.stat (ticks)   v2 cpu.stat (usec)
 *   per host CPU  v1 cpuacct.usage_percpu                  v2 none
 *   memory        v1 memory.usage_in_bytes                 v2 memory.current
 *   tasks         cgroup.procs of every hierarchy
 */
#include "internal.h"

#include <unistd.h>

#include "vircgrouppriv.h"
#include "virerror.h"
#include "virstring.h"

#define VIR_FROM_THIS VIR_FROM_CGROUP

/* cpuacct.stat counts in USER_HZ ticks. */
static unsigned long long
virCgroupTicksToNs(unsigned long long ticks)
{
    long hz = sysconf(_SC_CLK_TCK);

    return ticks * (1000000000ULL / (hz > 0 ? hz : 100));
}

static int
virCgroupUsageV1(const virCgroupTree *tree, const char *name, virCgroupUsage *u)
{
    g_autofree char *usage = NULL;
    g_autofree char *stat = NULL;
    g_autofree char *mem = NULL;
    unsigned long long ticks;

    if (tree->parent[VIR_CGROUP_CONTROLLER_CPUACCT]) {
        usage = virCgroupPath(tree, VIR_CGROUP_CONTROLLER_CPUACCT, name, "cpuacct.usage");
        stat = virCgroupPath(tree, VIR_CGROUP_CONTROLLER_CPUACCT, name, "cpuacct.stat");
        if (virCgroupReadFileULL(usage, &u->cpuTimeNs) < 0 ||
            virCgroupReadFileKey(stat, "user", &ticks) < 0)
            return -1;
        u->userTimeNs = virCgroupTicksToNs(ticks);
        if (virCgroupReadFileKey(stat, "system", &ticks) < 0)
            return -1;
        u->systemTimeNs = virCgroupTicksToNs(ticks);
    }
    if (tree->parent[VIR_CGROUP_CONTROLLER_MEMORY]) {
        mem = virCgroupPath(tree, VIR_CGROUP_CONTROLLER_MEMORY, name, "memory.usage_in_bytes");
        if (virCgroupReadFileULL(mem, &u->memoryBytes) < 0)
            return -1;
    }
    return 0;
}

static int
virCgroupUsageV2(const virCgroupTree *tree, const char *name, virCgroupUsage *u)
{
    g_autofree char *stat = virCgroupPath(tree, VIR_CGROUP_CONTROLLER_CPUACCT, name,
                                          "cpu.stat");
    g_autofree char *mem = NULL;
    unsigned long long usec, user, sys;

    if (virCgroupReadFileKey(stat, "usage_usec", &usec) < 0 ||
        virCgroupReadFileKey(stat, "user_usec", &user) < 0 ||
        virCgroupReadFileKey(stat, "system_usec", &sys) < 0)
        return -1;
    u->cpuTimeNs = usec * 1000;
    u->userTimeNs = user * 1000;
    u->systemTimeNs = sys * 1000;
    if (tree->parent[VIR_CGROUP_CONTROLLER_MEMORY]) {
        mem = virCgroupPath(tree, VIR_CGROUP_CONTROLLER_MEMORY, name, "memory.current");
        if (virCgroupReadFileULL(mem, &u->memoryBytes) < 0)
            return -1;
    }
    return 0;
}

int
virCgroupGetUsage(const virCgroupTree *tree, const char *name, virCgroupUsage *usage)
{
    g_autoptr(GArray) pids = g_array_new(FALSE, FALSE, sizeof(pid_t));
    int rc;

    memset(usage, 0, sizeof(*usage));
    rc = tree->version == 2 ? virCgroupUsageV2(tree, name, usage) :
                              virCgroupUsageV1(tree, name, usage);
    if (rc < 0 || virCgroupGetTasks(tree, name, pids) < 0)
        return -1;
    usage->tasks = pids->len;
    return 0;
}

int
virCgroupGetPerCpuUsage(const virCgroupTree *tree, const char *name, guint64 *percpu,
                        size_t ncpus)
{
    g_autofree char *path = NULL;
    g_autofree char *str = NULL;
    g_auto(GStrv) fields = NULL;
    size_t i, n;

    /* v2 keeps no per-CPU time */
    if (tree->version == 2 || !tree->parent[VIR_CGROUP_CONTROLLER_CPUACCT])
        return -1;
    path = virCgroupPath(tree, VIR_CGROUP_CONTROLLER_CPUACCT, name, "cpuacct.usage_percpu");
    if (virCgroupReadFile(path, &str) < 0) {
        virResetLastError();
        return -1;
    }
    fields = g_strsplit(g_strstrip(str), " ", 0);
    n = g_strv_length(fields);
    for (i = 0; i < ncpus; i++) {
        unsigned long long ns = 0;

        if (i < n && virStrToULL(fields[i], &ns) < 0)
            ns = 0;
        percpu[i] = ns;
    }
    return 0;
}
