/*
 * vircgroupstats.c: what a group's files say it uses
 *
 *   CPU time      v1 cpuacct.usage, cpuacct.stat (ticks)   v2 cpu.stat (usec)
 *   per host CPU  v1 cpuacct.usage_percpu                  v2 none
 *   memory        v1 memory.usage_in_bytes                 v2 memory.current
 *   tasks         cgroup.procs of every hierarchy
 *   memory faults v1 memory.failcnt                        v2 memory.events max
 *   fork faults   pids.events max
 *   CPU throttled cpu.stat nr_throttled
 *   page faults   memory.stat pgfault, pgmajfault
 *   disk I/O      v1 blkio.throttle.io_service_bytes, _serviced   v2 io.stat
 */
#include "internal.h"

#include <stdio.h>
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

/* ---- counters of what the limits refused ----------------------------- */

/* The contents of @file of group @name under @c, or NULL without an error
 * where the kernel keeps no such file (an older kernel, a controller not
 * mounted): a counter it does not keep is 0. */
static char *
virCgroupReadCounterFile(const virCgroupTree *tree, virCgroupController c, const char *name,
                         const char *file)
{
    g_autofree char *path = NULL;
    char *text = NULL;

    if (!tree->parent[c])
        return NULL;
    path = virCgroupPath(tree, c, name, file);
    if (!g_file_get_contents(path, &text, NULL, NULL))
        return NULL;
    return text;
}

/* The value of the line "@key <n>" of @text (memory.events, pids.events,
 * cpu.stat, memory.stat); 0 without one. */
static unsigned long long
virCgroupKeyValue(const char *text, const char *key)
{
    size_t len = strlen(key);
    const char *line;

    for (line = text; line && *line; line = strchr(line, '\n'), line = line ? line + 1 : NULL) {
        unsigned long long v;

        if (strncmp(line, key, len) == 0 && line[len] == ' ' &&
            sscanf(line + len + 1, "%llu", &v) == 1)
            return v;
    }
    return 0;
}

static unsigned long long
virCgroupCounter(const virCgroupTree *tree, virCgroupController c, const char *name,
                 const char *file, const char *key)
{
    g_autofree char *text = virCgroupReadCounterFile(tree, c, name, file);
    unsigned long long v = 0;

    if (!text)
        return 0;
    if (!key)
        return virStrToULL(g_strstrip(text), &v) < 0 ? 0 : v;
    return virCgroupKeyValue(text, key);
}

/* Bytes and operations of every disk: v2 io.stat "rbytes= wbytes= rios=
 * wios=" per disk, v1 the "Total" lines of the throttle files. */
static void
virCgroupIoCounters(const virCgroupTree *tree, const char *name, virCgroupCounters *c)
{
    g_autofree char *bytes = NULL;
    g_autofree char *ops = NULL;
    g_auto(GStrv) lines = NULL;
    size_t i;

    if (tree->version == 1) {
        bytes = virCgroupReadCounterFile(tree, VIR_CGROUP_CONTROLLER_BLKIO, name,
                                         "blkio.throttle.io_service_bytes");
        ops = virCgroupReadCounterFile(tree, VIR_CGROUP_CONTROLLER_BLKIO, name,
                                       "blkio.throttle.io_serviced");
        c->ioBytes = bytes ? virCgroupKeyValue(bytes, "Total") : 0;
        c->ioOps = ops ? virCgroupKeyValue(ops, "Total") : 0;
        return;
    }
    if (!(bytes = virCgroupReadCounterFile(tree, VIR_CGROUP_CONTROLLER_BLKIO, name, "io.stat")))
        return;
    lines = g_strsplit(bytes, "\n", 0);
    for (i = 0; lines[i]; i++) {
        g_auto(GStrv) fields = g_strsplit(lines[i], " ", 0);
        size_t j;

        for (j = 1; fields[0] && fields[j]; j++) {
            unsigned long long v;

            if (sscanf(fields[j], "rbytes=%llu", &v) == 1 ||
                sscanf(fields[j], "wbytes=%llu", &v) == 1)
                c->ioBytes += v;
            else if (sscanf(fields[j], "rios=%llu", &v) == 1 ||
                     sscanf(fields[j], "wios=%llu", &v) == 1)
                c->ioOps += v;
        }
    }
}

void
virCgroupGetCounters(const virCgroupTree *tree, const char *name, virCgroupCounters *c)
{
    memset(c, 0, sizeof(*c));
    if (tree->version == 2)
        c->memFaults = virCgroupCounter(tree, VIR_CGROUP_CONTROLLER_MEMORY, name,
                                        "memory.events", "max");
    else
        c->memFaults = virCgroupCounter(tree, VIR_CGROUP_CONTROLLER_MEMORY, name,
                                        "memory.failcnt", NULL);
    c->pidsFaults = virCgroupCounter(tree, VIR_CGROUP_CONTROLLER_PIDS, name, "pids.events",
                                     "max");
    c->cpuThrottled = virCgroupCounter(tree, VIR_CGROUP_CONTROLLER_CPU, name, "cpu.stat",
                                       "nr_throttled");
    c->pageFaults = virCgroupCounter(tree, VIR_CGROUP_CONTROLLER_MEMORY, name, "memory.stat",
                                     "pgfault");
    c->majorFaults = virCgroupCounter(tree, VIR_CGROUP_CONTROLLER_MEMORY, name, "memory.stat",
                                      "pgmajfault");
    virCgroupIoCounters(tree, name, c);
}
