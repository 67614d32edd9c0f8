/*
 * node_host.h: the Linux host a container driver runs on, as the node
 * methods report it
 *
 * Container domains (LVE, VServer contexts) run on the host's own CPUs
 * and memory: the node is the host, as the util modules read it
 * (virhostcpu.h, virhostmem.h), and its KSM tunables and counters
 * (virksm.h) are the node's memory parameters.  These go in a driver's
 * table as they are.
 */
#ifndef VIR_NODE_HOST_H
# define VIR_NODE_HOST_H

# include "domain_driver.h"
# include "node_memory.h"

int sharedNodeGetInfo(virConnectPtr conn, virNodeInfoPtr info);
unsigned long long sharedNodeGetFreeMemory(virConnectPtr conn);
int sharedNodeGetCPUMap(virConnectPtr conn, unsigned char **cpumap, unsigned int *online,
                        unsigned int flags);
int sharedNodeGetMemoryStats(virConnectPtr conn, int cellNum, virNodeMemoryStatsPtr params,
                             int *nparams, unsigned int flags);

/* KSM's tunables and counters (/sys/kernel/mm/ksm), for a driver that
 * adds parameters of its own beside them.  The write sets the tunables
 * named by @changed (virNodeMemoryShareApplyParams' bits) and, on
 * failure, puts back from @old those already written. */
int virNodeHostShareRead(virNodeMemoryShare *shm);
int virNodeHostShareWrite(const virNodeMemoryShare *shm, const virNodeMemoryShare *old,
                          unsigned int changed);

/* The shm_* parameters of virNode{Get,Set}MemoryParameters: KSM. */
int sharedNodeGetMemoryParameters(virConnectPtr conn, virTypedParameterPtr params,
                                  int *nparams, unsigned int flags);
int sharedNodeSetMemoryParameters(virConnectPtr conn, virTypedParameterPtr params,
                                  int nparams, unsigned int flags);

#endif /* VIR_NODE_HOST_H */
