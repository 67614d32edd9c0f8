/*
 * test_domain.h: the test driver's domain methods, for its driver table
 */
#ifndef VIR_TEST_DOMAIN_H
# define VIR_TEST_DOMAIN_H

# include "internal.h"

/* test_domain.c */
int testDomainCreateWithFlags(virDomainPtr dom, unsigned int flags);

/* test_lifecycle.c */
int testDomainShutdownFlags(virDomainPtr dom, unsigned int flags);
int testDomainReboot(virDomainPtr dom, unsigned int flags);
int testDomainReset(virDomainPtr dom, unsigned int flags);
int testDomainDestroyFlags(virDomainPtr dom, unsigned int flags);
int testDomainSuspend(virDomainPtr dom);
int testDomainResume(virDomainPtr dom);
int testDomainSaveFlags(virDomainPtr dom, const char *to, const char *dxml, unsigned int flags);
int testDomainRestoreFlags(virConnectPtr conn, const char *from, const char *dxml,
                           unsigned int flags);
int testDomainManagedSave(virDomainPtr dom, unsigned int flags);
int testDomainHasManagedSaveImage(virDomainPtr dom, unsigned int flags);
int testDomainManagedSaveRemove(virDomainPtr dom, unsigned int flags);
int testDomainGetInfo(virDomainPtr dom, virDomainInfoPtr info);
int testDomainGetSecurityLabel(virDomainPtr dom, virSecurityLabelPtr seclabel);
int testDomainGetMessages(virDomainPtr dom, char ***msgs, unsigned int flags);

/* test_tune.c */
int testDomainSetMemoryFlags(virDomainPtr dom, unsigned long memory, unsigned int flags);
int testDomainSetVcpusFlags(virDomainPtr dom, unsigned int nvcpus, unsigned int flags);
int testDomainPinVcpuFlags(virDomainPtr dom, unsigned int vcpu, unsigned char *cpumap,
                           int maplen, unsigned int flags);
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

/* test_virtkit.c */
int testDomainEnter(virDomainPtr dom, unsigned int *cookie, unsigned int flags);
int testDomainLeave(virDomainPtr dom, unsigned int cookie, unsigned int flags);
int testDomainSetMemorySharing(virDomainPtr dom, int enable, unsigned int flags);
int testDomainGetMemorySharing(virDomainPtr dom, virTypedParameterPtr params, int *nparams,
                               unsigned int flags);

#endif /* VIR_TEST_DOMAIN_H */
