/*
 * lve_dedup.h: virNodeMemoryDedup on an LVE host, as one KSM pass
 */
#ifndef VIR_LVE_DEDUP_H
# define VIR_LVE_DEDUP_H

# include "lve_private.h"

int lveNodeMemoryDedup(virConnectPtr conn, virDomainPtr *domains, unsigned int ndomains,
                       virTypedParameterPtr *params, int *nparams, unsigned int flags);

#endif /* VIR_LVE_DEDUP_H */
