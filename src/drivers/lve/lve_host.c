/*
 * lve_host.c: the host an LVE driver runs on, as the node calls give it
 *
 * The facts are the host's, read by the util modules (virhostcpu.h,
 * virhostmem.h): an LVE driver reports the machine it runs on.  Its KSM
 * settings and the default limits of LVEs are in lve_defaults.c.
 */
#include "internal.h"

#include "lve_host.h"
#include "virerror.h"
#include "virhostcpu.h"
#include "virhostmem.h"

#define VIR_FROM_THIS VIR_FROM_LVE

unsigned long long
lveNodeGetFreeMemory(virConnectPtr conn G_GNUC_UNUSED)
{
    return virHostMemGetMeminfo("MemFree") * 1024;
}

int
lveNodeGetCPUMap(virConnectPtr conn G_GNUC_UNUSED, unsigned char **cpumap,
                 unsigned int *online, unsigned int flags)
{
    virCheckFlags(0, -1);
    return virHostCPUGetMap(cpumap, online);
}

int
lveNodeGetMemoryStats(virConnectPtr conn G_GNUC_UNUSED, int cellNum,
                      virNodeMemoryStatsPtr params, int *nparams, unsigned int flags)
{
    virCheckFlags(0, -1);
    return virHostMemGetStats(cellNum, params, nparams);
}
