/*
 * lve_cgroup_stats.c: an LVE's groups in a cgroup tree, and what they say
 * it uses
 */
#include "internal.h"

#include "lve_cgroup_stats.h"

const char *
lveCgroupName(unsigned int id, char *buf)
{
    memcpy(buf, "lve", 3);
    virFormatULL(id, buf + 3);
    return buf;
}

/* Names are only ever lveCgroupName()'s. */
static char *
lveCgroupSubject(const char *name, void *opaque G_GNUC_UNUSED)
{
    return g_strdup_printf("LVE %s", name + 3);
}

virCgroupTree *
lveCgroupTreeNew(const char *parent, const char *mode)
{
    virCgroupTree *tree = virCgroupTreeNew(parent, mode);

    if (tree)
        virCgroupTreeSetSubject(tree, lveCgroupSubject, NULL);
    return tree;
}

char *
lveCgroupPath(const virCgroupTree *tree, virCgroupController c, unsigned int id,
              const char *file)
{
    char name[LVE_CGROUP_NAME_BUFLEN];

    return virCgroupPath(tree, c, lveCgroupName(id, name), file);
}

int
lveCgroupReadTasks(const virCgroupTree *tree, unsigned int id, GArray *pids)
{
    char name[LVE_CGROUP_NAME_BUFLEN];

    /* with VIR_DOMAIN_ENTER_NO_UBC a task is in some groups only: the
     * module reads them all */
    return virCgroupGetTasks(tree, lveCgroupName(id, name), pids);
}

int
lveCgroupReadUsage(const virCgroupTree *tree, unsigned int id, lveUsage *usage)
{
    char name[LVE_CGROUP_NAME_BUFLEN];
    virCgroupUsage u;
    virCgroupCounters c;

    memset(usage, 0, sizeof(*usage));
    if (virCgroupGetUsage(tree, lveCgroupName(id, name), &u) < 0)
        return -1;
    usage->cpuTimeNs = u.cpuTimeNs;
    usage->userTimeNs = u.userTimeNs;
    usage->systemTimeNs = u.systemTimeNs;
    usage->memoryBytes = u.memoryBytes;
    usage->tasks = u.tasks;
    virCgroupGetCounters(tree, name, &c);
    usage->cpuFaults = c.cpuThrottled;
    usage->memFaults = c.memFaults;
    usage->nprocFaults = c.pidsFaults;
    usage->pageFaults = c.pageFaults;
    usage->majorFaults = c.majorFaults;
    usage->ioBytes = c.ioBytes;
    usage->ioOps = c.ioOps;
    return 0;
}

int
lveCgroupReadPerCpu(const virCgroupTree *tree, unsigned int id, guint64 *percpu, size_t ncpus)
{
    char name[LVE_CGROUP_NAME_BUFLEN];

    return virCgroupGetPerCpuUsage(tree, lveCgroupName(id, name), percpu, ncpus);
}
