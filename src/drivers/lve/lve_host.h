/*
 * lve_host.h: the host an LVE driver runs on, as the node calls give it
 */
#ifndef VIR_LVE_HOST_H
# define VIR_LVE_HOST_H

# include "lve_private.h"

unsigned long long lveNodeGetFreeMemory(virConnectPtr conn);
int lveNodeGetCPUMap(virConnectPtr conn, unsigned char **cpumap, unsigned int *online,
                     unsigned int flags);
int lveNodeGetMemoryStats(virConnectPtr conn, int cellNum, virNodeMemoryStatsPtr params,
                          int *nparams, unsigned int flags);

#endif /* VIR_LVE_HOST_H */
