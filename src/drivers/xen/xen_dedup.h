/*
 * xen_dedup.h: memory sharing on Xen as the node methods see it
 */
#ifndef VIR_XEN_DEDUP_H
# define VIR_XEN_DEDUP_H

# include "xen_private.h"

int xenNodeMemoryDedup(virConnectPtr conn, virDomainPtr *domains, unsigned int ndomains,
                       virTypedParameterPtr *params, int *nparams, unsigned int flags);
int xenNodeGetMemoryParameters(virConnectPtr conn, virTypedParameterPtr params, int *nparams,
                               unsigned int flags);
int xenNodeSetMemoryParameters(virConnectPtr conn, virTypedParameterPtr params, int nparams,
                               unsigned int flags);
/* Stops the continuous scanner, if there is one, and frees it */
void xenDedupScannerFree(xenDriver *driver);

#endif /* VIR_XEN_DEDUP_H */
