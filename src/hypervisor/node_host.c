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
