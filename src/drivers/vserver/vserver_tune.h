/*
 * vserver_tune.h: changes to a VServer domain, and its tunables
 *
 *   memory (SetMemory)      the RSS hard limit, in pages
 *   maximum memory          what the RSS hard limit may be raised to
 *   vcpus, pins             no CPU mask in the kernel: refused live, pins always
 *   scheduler (type "vserver"): fill_rate, interval, fill_rate2, interval2,
 *                           tokens, tokens_min, tokens_max (uint),
 *                           priority_bias (int, -20..20): the context's
 *                           token bucket; fill_rate2/interval2 are V2's
 *                           idle-time bucket
 *   memtune                 hard_limit: the current memory (RSS hard);
 *                           soft_limit: RSS soft; swap_hard_limit: AS hard;
 *                           min_guarantee: RSS minimum (where the kernel
 *                           keeps one), all KiB
 *   blkiotune               none: VServer has disk limits, no I/O throttling
 */
#ifndef VIR_VSERVER_TUNE_H
# define VIR_VSERVER_TUNE_H

# include "domain_driver.h"

/* A running context gets the limits and scheduler values that changed. */
int vserverDomainHookApplyLive(virDomainDriverBase *base, virDomainObj *obj,
                               const virDomainDef *from, const virDomainDef *to,
                               unsigned int changes);

char *vserverDomainGetSchedulerType(virDomainPtr dom, int *nparams);
int vserverDomainGetSchedulerParametersFlags(virDomainPtr dom, virTypedParameterPtr params,
                                             int *nparams, unsigned int flags);
int vserverDomainSetSchedulerParametersFlags(virDomainPtr dom, virTypedParameterPtr params,
                                             int nparams, unsigned int flags);
int vserverDomainGetMemoryParameters(virDomainPtr dom, virTypedParameterPtr params,
                                     int *nparams, unsigned int flags);
int vserverDomainSetMemoryParameters(virDomainPtr dom, virTypedParameterPtr params,
                                     int nparams, unsigned int flags);

/* No CPU mask: vcpus cannot change live, nor be pinned. */
int vserverDomainHookCheckChange(virDomainDriverBase *base, const virDomainDef *def, bool live,
                                 virDomainDriverChange change);
/* The RSS hard limit follows the current memory. */
void vserverDomainHookSyncDef(virDomainDriverBase *base, virDomainDef *def,
                              virDomainDriverChange change);

#endif /* VIR_VSERVER_TUNE_H */
