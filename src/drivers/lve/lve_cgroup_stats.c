/*
 * lve_cgroup_stats.c: what an LVE's cgroups say it uses
 *
 * Shared by both backends: the cgroup backend reads the groups it made,
 * the liblve backend those kmod-lve keeps for each LVE.
 */
#include "internal.h"

#include <unistd.h>

#include "lve_cgroup_stats.h"
#include "virerror.h"
#include "virstring.h"

#define VIR_FROM_THIS VIR_FROM_CGROUP

int
lveCgroupReadTasks(const lveCgroupTree *tree, unsigned int id, GArray *pids)
{
    g_autoptr(GHashTable) seen = g_hash_table_new(g_direct_hash, g_direct_equal);
    g_autoptr(GArray) all = g_array_new(FALSE, FALSE, sizeof(pid_t));
    int c, ret = 0;
    guint i;

    /* co-mounted controllers share a group; with VIR_DOMAIN_ENTER_NO_UBC
     * a task is in some groups only: read them all, keep each pid once */
    for (c = 0; c < LVE_CG_LAST; c++) {
        g_autofree char *procs = NULL;

        if (!tree->parent[c] || !tree->primary[c])
            continue;
        procs = lveCgroupPath(tree, c, id, "cgroup.procs");
        if (g_file_test(procs, G_FILE_TEST_EXISTS) && lveCgroupReadPids(procs, all) < 0)
            ret = -1;
    }
    for (i = 0; i < all->len; i++) {
        pid_t pid = g_array_index(all, pid_t, i);

        if (g_hash_table_add(seen, GINT_TO_POINTER(pid)))
            g_array_append_val(pids, pid);
    }
    return ret;
}

/* cpuacct.stat counts in USER_HZ ticks. */
static unsigned long long
lveTicksToNs(unsigned long long ticks)
{
    long hz = sysconf(_SC_CLK_TCK);

    return ticks * (1000000000ULL / (hz > 0 ? hz : 100));
}

static int
lveCgroupUsageV1(const lveCgroupTree *tree, unsigned int id, lveUsage *u)
{
    g_autofree char *usage = NULL;
    g_autofree char *stat = NULL;
    g_autofree char *mem = NULL;
    unsigned long long ticks;

    if (lveCgroupHas(tree, LVE_CG_CPUACCT)) {
        usage = lveCgroupPath(tree, LVE_CG_CPUACCT, id, "cpuacct.usage");
        stat = lveCgroupPath(tree, LVE_CG_CPUACCT, id, "cpuacct.stat");
        if (lveCgroupReadULL(usage, &u->cpuTimeNs) < 0 ||
            lveCgroupReadKey(stat, "user", &ticks) < 0)
            return -1;
        u->userTimeNs = lveTicksToNs(ticks);
        if (lveCgroupReadKey(stat, "system", &ticks) < 0)
            return -1;
        u->systemTimeNs = lveTicksToNs(ticks);
    }
    if (lveCgroupHas(tree, LVE_CG_MEMORY)) {
        mem = lveCgroupPath(tree, LVE_CG_MEMORY, id, "memory.usage_in_bytes");
        if (lveCgroupReadULL(mem, &u->memoryBytes) < 0)
            return -1;
    }
    return 0;
}

static int
lveCgroupUsageV2(const lveCgroupTree *tree, unsigned int id, lveUsage *u)
{
    g_autofree char *stat = lveCgroupPath(tree, LVE_CG_CPUACCT, id, "cpu.stat");
    g_autofree char *mem = NULL;
    unsigned long long usec, user, sys;

    if (lveCgroupReadKey(stat, "usage_usec", &usec) < 0 ||
        lveCgroupReadKey(stat, "user_usec", &user) < 0 ||
        lveCgroupReadKey(stat, "system_usec", &sys) < 0)
        return -1;
    u->cpuTimeNs = usec * 1000;
    u->userTimeNs = user * 1000;
    u->systemTimeNs = sys * 1000;
    if (lveCgroupHas(tree, LVE_CG_MEMORY)) {
        mem = lveCgroupPath(tree, LVE_CG_MEMORY, id, "memory.current");
        if (lveCgroupReadULL(mem, &u->memoryBytes) < 0)
            return -1;
    }
    return 0;
}

int
lveCgroupReadUsage(const lveCgroupTree *tree, unsigned int id, lveUsage *usage)
{
    g_autoptr(GArray) pids = g_array_new(FALSE, FALSE, sizeof(pid_t));
    int rc;

    memset(usage, 0, sizeof(*usage));
    rc = tree->version == 2 ? lveCgroupUsageV2(tree, id, usage) : lveCgroupUsageV1(tree, id, usage);
    if (rc < 0 || lveCgroupReadTasks(tree, id, pids) < 0)
        return -1;
    usage->tasks = pids->len;
    return 0;
}

int
lveCgroupReadPerCpu(const lveCgroupTree *tree, unsigned int id, guint64 *percpu, size_t ncpus)
{
    g_autofree char *path = NULL;
    g_autofree char *str = NULL;
    g_auto(GStrv) fields = NULL;
    size_t i, n;

    /* v2 keeps no per-CPU time */
    if (tree->version == 2 || !lveCgroupHas(tree, LVE_CG_CPUACCT))
        return -1;
    path = lveCgroupPath(tree, LVE_CG_CPUACCT, id, "cpuacct.usage_percpu");
    if (lveCgroupRead(path, &str) < 0) {
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
