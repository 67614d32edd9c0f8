/*
 * node_host.c: the Linux host a container driver runs on, as the node
 * methods report it: the facts are read by the util modules
 * (virhostcpu.h, virhostmem.h)
 */
#include "internal.h"

#include "node_host.h"
#include "virerror.h"
#include "virhostcpu.h"
#include "virhostmem.h"
#include "virksm.h"

#define VIR_FROM_THIS VIR_FROM_NONE

int
sharedNodeGetInfo(virConnectPtr conn G_GNUC_UNUSED, virNodeInfoPtr info)
{
    return virHostCPUGetNodeInfo(info);
}

unsigned long long
sharedNodeGetFreeMemory(virConnectPtr conn G_GNUC_UNUSED)
{
    return virHostMemGetMeminfo("MemFree") * 1024;
}

int
sharedNodeGetCPUMap(virConnectPtr conn, unsigned char **cpumap, unsigned int *online,
                    unsigned int flags)
{
    virDomainDriverCheckFlags(conn, 0, -1);
    return virHostCPUGetMap(cpumap, online);
}

int
sharedNodeGetMemoryStats(virConnectPtr conn, int cellNum, virNodeMemoryStatsPtr params,
                         int *nparams, unsigned int flags)
{
    virDomainDriverCheckFlags(conn, 0, -1);
    return virHostMemGetStats(cellNum, params, nparams);
}

/* ---- KSM as the node's memory parameters ------------------------------ */

/* virNodeMemoryShareApplyParams names the tunables with virksm's bits */
G_STATIC_ASSERT(VIR_KSM_PAGES_TO_SCAN == 1 << 0);
G_STATIC_ASSERT(VIR_KSM_SLEEP_MILLISECS == 1 << 1);
G_STATIC_ASSERT(VIR_KSM_MERGE_ACROSS_NODES == 1 << 2);

static void
virNodeHostShareToKsm(const virNodeMemoryShare *shm, virKsmInfo *info)
{
    info->pagesToScan = shm->pagesToScan;
    info->sleepMillisecs = shm->sleepMillisecs;
    info->mergeAcrossNodes = shm->mergeAcrossNodes;
    info->pagesShared = shm->pagesShared;
    info->pagesSharing = shm->pagesSharing;
    info->pagesUnshared = shm->pagesUnshared;
    info->pagesVolatile = shm->pagesVolatile;
    info->fullScans = shm->fullScans;
}

int
virNodeHostShareRead(virNodeMemoryShare *shm)
{
    virKsmInfo info;

    if (virKsmGetInfo(&info) < 0)
        return -1;
    *shm = (virNodeMemoryShare) {
        .pagesToScan = info.pagesToScan,
        .sleepMillisecs = info.sleepMillisecs,
        .mergeAcrossNodes = info.mergeAcrossNodes,
        .pagesShared = info.pagesShared,
        .pagesSharing = info.pagesSharing,
        .pagesUnshared = info.pagesUnshared,
        .pagesVolatile = info.pagesVolatile,
        .fullScans = info.fullScans,
    };
    return 0;
}

int
virNodeHostShareWrite(const virNodeMemoryShare *shm, const virNodeMemoryShare *old,
                      unsigned int changed)
{
    virKsmInfo info, oldInfo;

    virNodeHostShareToKsm(shm, &info);
    virNodeHostShareToKsm(old, &oldInfo);
    return virKsmSetTunables(&info, &oldInfo, changed);
}

int
sharedNodeGetMemoryParameters(virConnectPtr conn, virTypedParameterPtr params, int *nparams,
                              unsigned int flags)
{
    virNodeMemoryShare shm;

    virDomainDriverCheckFlags(conn, VIR_TYPED_PARAM_STRING_OKAY, -1);
    if (*nparams == 0) {
        *nparams = VIR_NODE_MEMORY_SHARE_NPARAMS;
        return 0;
    }
    if (virNodeHostShareRead(&shm) < 0)
        return -1;
    return virNodeMemoryShareGetParams(&shm, params, nparams);
}

int
sharedNodeSetMemoryParameters(virConnectPtr conn, virTypedParameterPtr params, int nparams,
                              unsigned int flags)
{
    virNodeMemoryShare old, shm;
    unsigned int changed = 0;

    virDomainDriverCheckFlags(conn, 0, -1);
    if (virNodeHostShareRead(&old) < 0)
        return -1;
    shm = old;
    if (virNodeMemoryShareApplyParams(&shm, params, nparams, &changed) < 0)
        return -1;
    return changed ? virNodeHostShareWrite(&shm, &old, changed) : 0;
}
