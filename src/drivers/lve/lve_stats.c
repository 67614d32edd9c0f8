/*
 * lve_stats.c: the numbers an LVE adds to the bulk statistics (cpu.*,
 * balloon.*, vcpu.<n>.*, the virtkit group lve.*) and its memory
 * statistics
 *
 * Everything but the vcpus comes from one read of the backend's usage per
 * record: the kernel's counters (cgroup files, the same on both backends)
 * and, for entry processes, the cgroup backend's entry registry; the
 * vcpus from its time per CPU (lve_vcpu.c).  A stopped LVE has no numbers
 * beyond those the shared layer gives.
 */
#include "internal.h"

#include "domain_stats.h"
#include "lve_run.h"
#include "lve_stats.h"
#include "lve_vcpu.h"

#define VIR_FROM_THIS VIR_FROM_LVE

/* What one record's groups read, once. */
typedef struct {
    lveUsage usage;
    lveLimits limits;
} lveStatsData;

static int
lveStatsRead(virDomainDriverBase *base, virDomainObj *obj, void *opaque)
{
    lveDriver *driver = lveDriverFromBase(base);
    lveStatsData *data = opaque;

    if (driver->backend->ops->usage(driver->backend, lveDomainId(obj), &data->usage) < 0)
        return -1;
    lveDomainEffective(driver, obj->def, &data->limits);
    return 0;
}

static void
lveStatsCpuTotal(const lveUsage *u, virDomainStatsList *list)
{
    virDomainStatsAddULLong(list, u->cpuTimeNs, "cpu.time");
    virDomainStatsAddULLong(list, u->userTimeNs, "cpu.user");
    virDomainStatsAddULLong(list, u->systemTimeNs, "cpu.system");
}

/* libvirt's names for what a guest's balloon reports (KiB, counts). */
static void
lveStatsBalloon(const lveUsage *u, virDomainStatsList *list)
{
    virDomainStatsAddULLong(list, u->majorFaults, "balloon.major_fault");
    virDomainStatsAddULLong(list, u->pageFaults - MIN(u->majorFaults, u->pageFaults),
                            "balloon.minor_fault");
    virDomainStatsAddULLong(list, u->memoryBytes / 1024, "balloon.rss");
}

/* The virtkit group: usage, limit and faults of each LVE limit
 * (VIR_DOMAIN_STATS_LVE in virt-virtkit.h). */
static void
lveStatsLve(const lveStatsData *d, virDomainStatsList *list)
{
    const lveUsage *u = &d->usage;
    const unsigned long long *lim = d->limits.value;

    virDomainStatsAddULLong(list, u->cpuTimeNs, "lve.cpu.usage");
    virDomainStatsAddUInt(list, lim[LVE_LIMIT_SPEED], "lve.cpu.limit");
    virDomainStatsAddULLong(list, u->cpuFaults, "lve.cpu.faults");
    virDomainStatsAddULLong(list, u->memoryBytes / 1024, "lve.mem.usage");
    virDomainStatsAddULLong(list, lim[LVE_LIMIT_PMEM], "lve.mem.limit");
    virDomainStatsAddULLong(list, u->memFaults, "lve.mem.faults");
    virDomainStatsAddUInt(list, u->tasks, "lve.nproc.usage");
    virDomainStatsAddULLong(list, lim[LVE_LIMIT_NPROC], "lve.nproc.limit");
    virDomainStatsAddULLong(list, u->nprocFaults, "lve.nproc.faults");
    virDomainStatsAddUInt(list, u->entries, "lve.ep.usage");
    virDomainStatsAddULLong(list, lim[LVE_LIMIT_EP], "lve.ep.limit");
    virDomainStatsAddULLong(list, u->epFaults, "lve.ep.faults");
    virDomainStatsAddULLong(list, u->ioBytes, "lve.io.usage");
    virDomainStatsAddULLong(list, lim[LVE_LIMIT_IO], "lve.io.limit");
    virDomainStatsAddULLong(list, u->ioOps, "lve.iops.usage");
    virDomainStatsAddULLong(list, lim[LVE_LIMIT_IOPS], "lve.iops.limit");
}

/* vcpu.<n>.state, and vcpu.<n>.time: the LVE's time on the host CPU the
 * vcpu stands for (cpuacct.usage_percpu through the pins, as
 * virDomainGetVcpus reports it).  An LVE has no thread per vcpu, so that
 * is the time of whatever of its tasks ran there, which is what a vcpu
 * of a container is.  Where the kernel keeps no time per CPU (cgroup v2,
 * liblve without cpuacct) the time is left out: 0 would read as an idle
 * vcpu. */
static void
lveStatsVcpus(lveDriver *driver, virDomainObj *obj, virDomainStatsList *list)
{
    g_autofree virVcpuInfo *info = g_new0(virVcpuInfo, MAX(obj->def->vcpus, 1));
    bool haveTimes = lveDomainFillVcpus(driver, obj, info, obj->def->vcpus, NULL, 0);

    virDomainStatsAddVcpus(list, info, obj->def->vcpus, haveTimes);
}

int
lveDomainHookStats(virDomainDriverBase *base, virDomainObj *obj, unsigned int group,
                   virDomainStatsList *list)
{
    lveStatsData *data;

    if (virDomainObjIsActive(obj) && group == VIR_DOMAIN_STATS_VCPU) {
        lveStatsVcpus(lveDriverFromBase(base), obj, list);
        return 0;
    }
    if (!virDomainObjIsActive(obj) ||
        !(group & (VIR_DOMAIN_STATS_CPU_TOTAL | VIR_DOMAIN_STATS_BALLOON |
                   VIR_DOMAIN_STATS_LVE)))
        return 0;
    if (!(data = virDomainStatsReadOnce(list, sizeof(*data), lveStatsRead, base, obj)))
        return -1;
    switch (group) {
    case VIR_DOMAIN_STATS_CPU_TOTAL:
        lveStatsCpuTotal(&data->usage, list);
        break;
    case VIR_DOMAIN_STATS_BALLOON:
        lveStatsBalloon(&data->usage, list);
        break;
    case VIR_DOMAIN_STATS_LVE:
        lveStatsLve(data, list);
        break;
    }
    return 0;
}

/* What an LVE has of a guest's balloon report, in the order of the tags:
 * page faults, the memory it may use (its current memory) and uses. */
int
lveDomainHookMemoryStats(virDomainDriverBase *base, virDomainObj *obj,
                         virDomainMemoryStatPtr stats, unsigned int nr)
{
    lveDriver *driver = lveDriverFromBase(base);
    lveUsage u;
    int n = 0;

    if (driver->backend->ops->usage(driver->backend, lveDomainId(obj), &u) < 0)
        return -1;
    virDomainMemoryStatsSet(stats, nr, &n, VIR_DOMAIN_MEMORY_STAT_MAJOR_FAULT, u.majorFaults);
    virDomainMemoryStatsSet(stats, nr, &n, VIR_DOMAIN_MEMORY_STAT_MINOR_FAULT,
                            u.pageFaults - MIN(u.majorFaults, u.pageFaults));
    virDomainMemoryStatsSet(stats, nr, &n, VIR_DOMAIN_MEMORY_STAT_ACTUAL_BALLOON,
                            obj->def->curMemory);
    virDomainMemoryStatsSet(stats, nr, &n, VIR_DOMAIN_MEMORY_STAT_RSS, u.memoryBytes / 1024);
    return n;
}
