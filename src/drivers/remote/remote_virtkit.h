/*
 * remote_virtkit.h: virtkit's own calls through the remote driver
 * (remote_virtkit.c)
 */
#ifndef REMOTE_VIRTKIT_H
# define REMOTE_VIRTKIT_H

# include "remote_driver.h"

int remoteDomainSetMemorySharing(virDomainPtr dom, int enable, unsigned int flags);
int remoteDomainGetMemorySharing(virDomainPtr dom, virTypedParameterPtr params, int *nparams,
                                 unsigned int flags);
int remoteNodeMemoryDedup(virConnectPtr conn, virDomainPtr *domains, unsigned int ndomains,
                          virTypedParameterPtr *params, int *nparams, unsigned int flags);
char *remoteConnectGetHypervisorLog(virConnectPtr conn, unsigned int flags);

#endif /* REMOTE_VIRTKIT_H */
