/*
 * node_host.h: the Linux host a container driver runs on, as the node
 * methods report it
 *
 * Container domains (LVE, VServer contexts) run on the host's own CPUs
 * and memory: the node is the host, as the util modules read it
 * (virhostcpu.h, virhostmem.h).  These go in a driver's table as they
 * are.
 */
#ifndef VIR_NODE_HOST_H
# define VIR_NODE_HOST_H

# include "domain_driver.h"

int sharedNodeGetInfo(virConnectPtr conn, virNodeInfoPtr info);
unsigned long long sharedNodeGetFreeMemory(virConnectPtr conn);
int sharedNodeGetCPUMap(virConnectPtr conn, unsigned char **cpumap, unsigned int *online,
                        unsigned int flags);
int sharedNodeGetMemoryStats(virConnectPtr conn, int cellNum, virNodeMemoryStatsPtr params,
                             int *nparams, unsigned int flags);

#endif /* VIR_NODE_HOST_H */
