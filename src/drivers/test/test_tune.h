/*
 * test_tune.h: where the test driver's vcpus run, and its tunables
 */
#ifndef VIR_TEST_TUNE_H
# define VIR_TEST_TUNE_H

# include "test_private.h"

int testDomainGetVcpus(virDomainPtr dom, virVcpuInfoPtr info, int maxinfo,
                       unsigned char *cpumaps, int maplen);
int testDomainGetCPUStats(virDomainPtr dom, virTypedParameterPtr params, unsigned int nparams,
                          int start_cpu, unsigned int ncpus, unsigned int flags);
char *testDomainGetSchedulerType(virDomainPtr dom, int *nparams);
int testDomainGetSchedulerParametersFlags(virDomainPtr dom, virTypedParameterPtr params,
                                          int *nparams, unsigned int flags);
int testDomainSetSchedulerParametersFlags(virDomainPtr dom, virTypedParameterPtr params,
                                          int nparams, unsigned int flags);
int testDomainGetMemoryParameters(virDomainPtr dom, virTypedParameterPtr params, int *nparams,
                                  unsigned int flags);
int testDomainSetMemoryParameters(virDomainPtr dom, virTypedParameterPtr params, int nparams,
                                  unsigned int flags);
int testDomainGetBlkioParameters(virDomainPtr dom, virTypedParameterPtr params, int *nparams,
                                 unsigned int flags);
int testDomainSetBlkioParameters(virDomainPtr dom, virTypedParameterPtr params, int nparams,
                                 unsigned int flags);
int testDomainSetMemoryStatsPeriod(virDomainPtr dom, int period, unsigned int flags);
/* hooks->memoryStats: libvirt's test driver's memory statistics */
int testDomainHookMemoryStats(virDomainDriverBase *base, virDomainObj *obj,
                              virDomainMemoryStatPtr stats, unsigned int nr);

#endif /* VIR_TEST_TUNE_H */
