/*
 * lve_info.h: what an LVE domain reports: its state and usage, its CPU time
 */
#ifndef VIR_LVE_INFO_H
# define VIR_LVE_INFO_H

# include "lve_private.h"

int lveDomainGetInfo(virDomainPtr dom, virDomainInfoPtr info);
int lveDomainGetCPUStats(virDomainPtr dom, virTypedParameterPtr params, unsigned int nparams,
                         int start_cpu, unsigned int ncpus, unsigned int flags);

#endif /* VIR_LVE_INFO_H */
