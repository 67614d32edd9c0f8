/*
 * xen_sched.h: a running domain's share of the CPUs under Xen's credit
 * and credit2 schedulers, as virsh schedinfo reads and sets it
 */
#ifndef VIR_XEN_SCHED_H
# define VIR_XEN_SCHED_H

# include "xen_private.h"

char *xenDomainGetSchedulerType(virDomainPtr dom, int *nparams);
int xenDomainGetSchedulerParametersFlags(virDomainPtr dom, virTypedParameterPtr params,
                                         int *nparams, unsigned int flags);
int xenDomainSetSchedulerParametersFlags(virDomainPtr dom, virTypedParameterPtr params,
                                         int nparams, unsigned int flags);

#endif /* VIR_XEN_SCHED_H */
