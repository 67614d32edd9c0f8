/*
 * lve_host.h: the host an LVE driver runs on
 */
#ifndef VIR_LVE_HOST_H
# define VIR_LVE_HOST_H

# include "lve_private.h"

int lveHostInfo(virNodeInfo *info);
unsigned long long lveNodeGetFreeMemory(virConnectPtr conn);
int lveNodeGetCPUMap(virConnectPtr conn, unsigned char **cpumap, unsigned int *online,
                     unsigned int flags);
int lveNodeGetMemoryStats(virConnectPtr conn, int cellNum, virNodeMemoryStatsPtr params,
                          int *nparams, unsigned int flags);

#endif /* VIR_LVE_HOST_H */
