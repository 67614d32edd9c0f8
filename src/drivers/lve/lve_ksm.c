/*
 * lve_ksm.c: the host's KSM settings and counters as the node's memory
 * parameters (virNode{Get,Set}MemoryParameters' shm_*)
 */
#include "internal.h"

#include "lve_ksm.h"
#include "virksm.h"

/* virNodeMemoryShareApplyParams names the tunables with virksm's bits */
G_STATIC_ASSERT(VIR_KSM_PAGES_TO_SCAN == 1 << 0);
G_STATIC_ASSERT(VIR_KSM_SLEEP_MILLISECS == 1 << 1);
G_STATIC_ASSERT(VIR_KSM_MERGE_ACROSS_NODES == 1 << 2);

static void
lveKsmToInfo(const virNodeMemoryShare *shm, virKsmInfo *info)
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
lveKsmRead(virNodeMemoryShare *shm)
{
    virKsmInfo info;

    if (virKsmGetInfo(&info) < 0)
        return -1;
    shm->pagesToScan = info.pagesToScan;
    shm->sleepMillisecs = info.sleepMillisecs;
    shm->mergeAcrossNodes = info.mergeAcrossNodes;
    shm->pagesShared = info.pagesShared;
    shm->pagesSharing = info.pagesSharing;
    shm->pagesUnshared = info.pagesUnshared;
    shm->pagesVolatile = info.pagesVolatile;
    shm->fullScans = info.fullScans;
    return 0;
}

int
lveKsmWrite(const virNodeMemoryShare *shm, const virNodeMemoryShare *old, unsigned int changed)
{
    virKsmInfo info, oldInfo;

    lveKsmToInfo(shm, &info);
    lveKsmToInfo(old, &oldInfo);
    return virKsmSetTunables(&info, &oldInfo, changed);
}
