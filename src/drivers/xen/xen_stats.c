/*
 * xen_stats.c: what a running Xen guest reports of its vcpus, its bulk
 * statistics and its memory statistics
 *
 * The hypervisor's domain information (xc_domain_getinfolist: CPU time,
 * the pages held and the cap) and each vcpu's (xc_vcpu_getinfo: state,
 * time).  The state and the balloon's target and maximum are the shared
 * layer's: reads follow the hypervisor's state (xen_poll.c), and the
 * target is what the definition says (xenDomainHookApplyLive sets it).
 */
#include "internal.h"

#include "domain_stats.h"
#include "xen_domain.h"
#include "xen_stats.h"

#define VIR_FROM_THIS VIR_FROM_XEN

/* One hypercall per vcpu for its state, one per vcpu for its map */
int
xenDomainFillVcpus(xenDriver *driver, virDomainObj *obj, virVcpuInfoPtr info, int maxinfo,
                   unsigned char *cpumaps, int maplen)
{
    g_autofree xenVcpuInfo *vcpus = NULL;
    size_t nvcpus = 0;
    int n, i;

    if (driver->ops->vcpuList(driver->h, obj->id, &vcpus, &nvcpus) < 0)
        return -1;
    n = MIN(maxinfo, (int)nvcpus);
    for (i = 0; i < n; i++) {
        g_autoptr(virBitmap) hard = NULL;

        info[i].number = vcpus[i].number;
        info[i].state = !vcpus[i].online ? VIR_VCPU_OFFLINE :
                        vcpus[i].running ? VIR_VCPU_RUNNING : VIR_VCPU_BLOCKED;
        info[i].cpuTime = vcpus[i].cpuTimeNs;
        info[i].cpu = vcpus[i].cpu;
        if (!cpumaps)
            continue;
        if (driver->ops->vcpuGetAffinity(driver->h, obj->id, vcpus[i].number, &hard, NULL) < 0)
            return -1;
        virBitmapToCpumap(hard, VIR_GET_CPUMAP(cpumaps, maplen, i), maplen);
    }
    return n;
}

/* Every vcpu the guest was built with, offline ones too, as libvirt's
 * libxl driver lists them: vcpu.<n>.state and .time. */
static int
xenStatsVcpus(xenDriver *driver, virDomainObj *obj, virDomainStatsList *list)
{
    int max = MAX(obj->def->maxvcpus, 1);
    g_autofree virVcpuInfo *info = g_new0(virVcpuInfo, max);
    int n;

    if ((n = xenDomainFillVcpus(driver, obj, info, max, NULL, 0)) < 0)
        return -1;
    virDomainStatsAddVcpus(list, info, n, true);
    return 0;
}

int
xenDomainHookStats(virDomainDriverBase *base, virDomainObj *obj, unsigned int group,
                   virDomainStatsList *list)
{
    xenDriver *driver = xenDriverFromBase(base);
    xenDomainInfo info;

    if (!virDomainObjIsActive(obj))
        return 0;
    switch (group) {
    case VIR_DOMAIN_STATS_CPU_TOTAL:
        /* a guest gone meanwhile is booked shut off, with no numbers */
        switch (xenDomainRefresh(driver, obj, &info)) {
        case -1:
            return -1;
        case 1:
            virDomainStatsAddULLong(list, info.cpuTimeNs, "cpu.time");
        }
        break;
    case VIR_DOMAIN_STATS_VCPU:
        return xenStatsVcpus(driver, obj, list);
    }
    return 0;
}

/* As libvirt's libxl driver: the pages the guest holds (its balloon now)
 * and the most it may hold. */
int
xenDomainHookMemoryStats(virDomainDriverBase *base, virDomainObj *obj,
                         virDomainMemoryStatPtr stats, unsigned int nr)
{
    xenDriver *driver = xenDriverFromBase(base);
    xenDomainInfo info;
    int n = 0;

    if (driver->ops->domainInfo(driver->h, obj->id, &info) < 0)
        return -1;
    virDomainMemoryStatsSet(stats, nr, &n, VIR_DOMAIN_MEMORY_STAT_ACTUAL_BALLOON,
                            info.memoryKiB);
    virDomainMemoryStatsSet(stats, nr, &n, VIR_DOMAIN_MEMORY_STAT_AVAILABLE,
                            info.maxMemoryKiB);
    return n;
}
