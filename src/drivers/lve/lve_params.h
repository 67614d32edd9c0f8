/*
 * lve_params.h: the generic tunables of LVE domains (schedinfo, memtune,
 * blkiotune), as typed parameters onto LVE limits
 */
#ifndef VIR_LVE_PARAMS_H
# define VIR_LVE_PARAMS_H

# include "lve_private.h"

char *lveDomainGetSchedulerType(virDomainPtr dom, int *nparams);
int lveDomainGetSchedulerParametersFlags(virDomainPtr dom, virTypedParameterPtr params,
                                         int *nparams, unsigned int flags);
int lveDomainSetSchedulerParametersFlags(virDomainPtr dom, virTypedParameterPtr params,
                                         int nparams, unsigned int flags);
int lveDomainGetBlkioParameters(virDomainPtr dom, virTypedParameterPtr params, int *nparams,
                                unsigned int flags);
int lveDomainSetBlkioParameters(virDomainPtr dom, virTypedParameterPtr params, int nparams,
                                unsigned int flags);
int lveDomainGetMemoryParameters(virDomainPtr dom, virTypedParameterPtr params, int *nparams,
                                 unsigned int flags);
int lveDomainSetMemoryParameters(virDomainPtr dom, virTypedParameterPtr params, int nparams,
                                 unsigned int flags);

#endif /* VIR_LVE_PARAMS_H */
