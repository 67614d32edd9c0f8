/*
 * domain_query.h: the shared methods that read a domain (and its
 * autostart flag), for a driver's table as they are
 */
#ifndef VIR_DOMAIN_QUERY_H
# define VIR_DOMAIN_QUERY_H

# include "domain_driver.h"

virDomainPtr sharedDomainLookupByID(virConnectPtr conn, int id);
virDomainPtr sharedDomainLookupByName(virConnectPtr conn, const char *name);
virDomainPtr sharedDomainLookupByUUID(virConnectPtr conn, const unsigned char *uuid);
int sharedConnectNumOfDomains(virConnectPtr conn);
int sharedConnectListDomains(virConnectPtr conn, int *ids, int maxids);
int sharedConnectNumOfDefinedDomains(virConnectPtr conn);
int sharedConnectListDefinedDomains(virConnectPtr conn, char **const names, int maxnames);
int sharedConnectListAllDomains(virConnectPtr conn, virDomainPtr **domains, unsigned int flags);
const char *sharedConnectGetType(virConnectPtr conn);
int sharedConnectGetVersion(virConnectPtr conn, unsigned long *hvVer);
int sharedConnectGetMaxVcpus(virConnectPtr conn, const char *type);
char *sharedConnectGetHostname(virConnectPtr conn);
int sharedConnectIsAlive(virConnectPtr conn);
int sharedConnectIsSecure(virConnectPtr conn);
int sharedConnectIsEncrypted(virConnectPtr conn);

int sharedDomainGetState(virDomainPtr dom, int *state, int *reason, unsigned int flags);
char *sharedDomainGetXMLDesc(virDomainPtr dom, unsigned int flags);
char *sharedDomainGetOSType(virDomainPtr dom);
/* A running domain's control interface is always ready: the drivers act on
 * it directly, with no monitor that could be busy or broken. */
int sharedDomainGetControlInfo(virDomainPtr dom, virDomainControlInfoPtr info,
                               unsigned int flags);
int sharedDomainIsActive(virDomainPtr dom);
int sharedDomainIsPersistent(virDomainPtr dom);
int sharedDomainIsUpdated(virDomainPtr dom);
int sharedDomainGetAutostart(virDomainPtr dom, int *autostart);
int sharedDomainSetAutostart(virDomainPtr dom, int autostart);
int sharedDomainHasManagedSaveImage(virDomainPtr dom, unsigned int flags);
unsigned long long sharedDomainGetMaxMemory(virDomainPtr dom);
int sharedDomainGetVcpusFlags(virDomainPtr dom, unsigned int flags);
int sharedDomainGetVcpuPinInfo(virDomainPtr dom, int ncpumaps, unsigned char *cpumaps,
                               int maplen, unsigned int flags);
int sharedDomainGetMemorySharing(virDomainPtr dom, virTypedParameterPtr params, int *nparams,
                                 unsigned int flags);

#endif /* VIR_DOMAIN_QUERY_H */
