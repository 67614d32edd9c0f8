/*
 * lve_domain.h: the LVE driver's methods, for its driver table
 */
#ifndef VIR_LVE_DOMAIN_H
# define VIR_LVE_DOMAIN_H

# include "internal.h"

/* lve_domain.c */
virDomainPtr lveDomainLookupByID(virConnectPtr conn, int id);
int lveDomainCreateWithFlags(virDomainPtr dom, unsigned int flags);

/* lve_lifecycle.c */
int lveDomainShutdownFlags(virDomainPtr dom, unsigned int flags);
int lveDomainReboot(virDomainPtr dom, unsigned int flags);
int lveDomainReset(virDomainPtr dom, unsigned int flags);
int lveDomainDestroyFlags(virDomainPtr dom, unsigned int flags);
int lveDomainSuspend(virDomainPtr dom);
int lveDomainResume(virDomainPtr dom);

/* lve_info.c */
int lveDomainGetInfo(virDomainPtr dom, virDomainInfoPtr info);
int lveDomainGetCPUStats(virDomainPtr dom, virTypedParameterPtr params, unsigned int nparams,
                         int start_cpu, unsigned int ncpus, unsigned int flags);
int lveDomainHasManagedSaveImage(virDomainPtr dom, unsigned int flags);

/* lve_tune.c */
int lveDomainSetMemoryFlags(virDomainPtr dom, unsigned long memory, unsigned int flags);
int lveDomainSetVcpusFlags(virDomainPtr dom, unsigned int nvcpus, unsigned int flags);

/* lve_vcpu.c */
int lveDomainPinVcpuFlags(virDomainPtr dom, unsigned int vcpu, unsigned char *cpumap,
                          int maplen, unsigned int flags);
int lveDomainGetVcpus(virDomainPtr dom, virVcpuInfoPtr info, int maxinfo,
                      unsigned char *cpumaps, int maplen);

/* lve_params.c */
char *lveDomainGetSchedulerType(virDomainPtr dom, int *nparams);
int lveDomainGetSchedulerParametersFlags(virDomainPtr dom, virTypedParameterPtr params,
                                         int *nparams, unsigned int flags);
int lveDomainSetSchedulerParametersFlags(virDomainPtr dom, virTypedParameterPtr params,
                                         int nparams, unsigned int flags);
int lveDomainGetMemoryParameters(virDomainPtr dom, virTypedParameterPtr params, int *nparams,
                                 unsigned int flags);
int lveDomainSetMemoryParameters(virDomainPtr dom, virTypedParameterPtr params, int nparams,
                                 unsigned int flags);
int lveDomainGetBlkioParameters(virDomainPtr dom, virTypedParameterPtr params, int *nparams,
                                unsigned int flags);
int lveDomainSetBlkioParameters(virDomainPtr dom, virTypedParameterPtr params, int nparams,
                                unsigned int flags);

/* lve_enter.c */
int lveDomainEnter(virDomainPtr dom, unsigned int *cookie, unsigned int flags);
int lveDomainLeave(virDomainPtr dom, unsigned int cookie, unsigned int flags);
int lveDomainSetMemorySharing(virDomainPtr dom, int enable, unsigned int flags);
int lveDomainGetMemorySharing(virDomainPtr dom, virTypedParameterPtr params, int *nparams,
                              unsigned int flags);

/* lve_host.c, lve_defaults.c */
unsigned long long lveNodeGetFreeMemory(virConnectPtr conn);
int lveNodeGetCPUMap(virConnectPtr conn, unsigned char **cpumap, unsigned int *online,
                     unsigned int flags);
int lveNodeGetMemoryStats(virConnectPtr conn, int cellNum, virNodeMemoryStatsPtr params,
                          int *nparams, unsigned int flags);
int lveNodeGetMemoryParameters(virConnectPtr conn, virTypedParameterPtr params, int *nparams,
                               unsigned int flags);
int lveNodeSetMemoryParameters(virConnectPtr conn, virTypedParameterPtr params, int nparams,
                               unsigned int flags);

#endif /* VIR_LVE_DOMAIN_H */
