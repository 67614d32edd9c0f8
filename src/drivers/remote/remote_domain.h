/*
 * remote_domain.h: the remote driver's domain methods (remote_domain.c)
 */
#ifndef REMOTE_DOMAIN_H
# define REMOTE_DOMAIN_H

# include "remote_driver.h"

virDomainPtr remoteDomainLookupByID(virConnectPtr conn, int id);
virDomainPtr remoteDomainLookupByName(virConnectPtr conn, const char *name);
virDomainPtr remoteDomainLookupByUUID(virConnectPtr conn, const unsigned char *uuid);
virDomainPtr remoteDomainDefineXMLFlags(virConnectPtr conn, const char *xml, unsigned int flags);
virDomainPtr remoteDomainCreateXML(virConnectPtr conn, const char *xml, unsigned int flags);
int remoteDomainUndefineFlags(virDomainPtr dom, unsigned int flags);
int remoteDomainRename(virDomainPtr dom, const char *new_name, unsigned int flags);
int remoteDomainCreateWithFlags(virDomainPtr dom, unsigned int flags);
int remoteDomainDestroyFlags(virDomainPtr dom, unsigned int flags);
int remoteDomainShutdownFlags(virDomainPtr dom, unsigned int flags);
int remoteDomainReboot(virDomainPtr dom, unsigned int flags);
int remoteDomainReset(virDomainPtr dom, unsigned int flags);
int remoteDomainSuspend(virDomainPtr dom);
int remoteDomainResume(virDomainPtr dom);
int remoteDomainSaveFlags(virDomainPtr dom, const char *to, const char *dxml, unsigned int flags);
int remoteDomainRestoreFlags(virConnectPtr conn, const char *from, const char *dxml, unsigned int flags);
int remoteDomainManagedSave(virDomainPtr dom, unsigned int flags);
int remoteDomainHasManagedSaveImage(virDomainPtr dom, unsigned int flags);
int remoteDomainManagedSaveRemove(virDomainPtr dom, unsigned int flags);
int remoteDomainGetAutostart(virDomainPtr dom, int *autostart);
int remoteDomainSetAutostart(virDomainPtr dom, int autostart);
int remoteDomainGetInfo(virDomainPtr dom, virDomainInfoPtr info);
int remoteDomainGetState(virDomainPtr dom, int *state, int *reason, unsigned int flags);
char *remoteDomainGetXMLDesc(virDomainPtr dom, unsigned int flags);
char *remoteDomainGetOSType(virDomainPtr dom);
char *remoteDomainGetMetadata(virDomainPtr dom, int type, const char *uri, unsigned int flags);
int remoteDomainSetMetadata(virDomainPtr dom, int type, const char *metadata, const char *key, const char *uri, unsigned int flags);
int remoteDomainGetMessages(virDomainPtr dom, char ***msgs, unsigned int flags);
int remoteDomainGetSecurityLabel(virDomainPtr dom, virSecurityLabelPtr seclabel);
int remoteDomainIsActive(virDomainPtr dom);
int remoteDomainIsPersistent(virDomainPtr dom);
int remoteDomainIsUpdated(virDomainPtr dom);
int remoteDomainAttachDeviceFlags(virDomainPtr dom, const char *xml, unsigned int flags);
int remoteDomainDetachDeviceFlags(virDomainPtr dom, const char *xml, unsigned int flags);
int remoteDomainUpdateDeviceFlags(virDomainPtr dom, const char *xml, unsigned int flags);
int remoteDomainDetachDeviceAlias(virDomainPtr dom, const char *alias, unsigned int flags);
unsigned long long remoteDomainGetMaxMemory(virDomainPtr dom);
int remoteDomainSetMemoryFlags(virDomainPtr dom, unsigned long memory, unsigned int flags);
int remoteDomainSetMemoryStatsPeriod(virDomainPtr dom, int period, unsigned int flags);
int remoteDomainSetVcpusFlags(virDomainPtr dom, unsigned int nvcpus, unsigned int flags);
int remoteDomainGetVcpusFlags(virDomainPtr dom, unsigned int flags);
int remoteDomainPinVcpuFlags(virDomainPtr dom, unsigned int vcpu, unsigned char *cpumap, int maplen, unsigned int flags);
int remoteDomainGetVcpuPinInfo(virDomainPtr dom, int ncpumaps, unsigned char *cpumaps, int maplen, unsigned int flags);
int remoteDomainGetVcpus(virDomainPtr dom, virVcpuInfoPtr info, int maxinfo, unsigned char *cpumaps, int maplen);
char *remoteDomainGetSchedulerType(virDomainPtr dom, int *nparams);
int remoteDomainGetSchedulerParametersFlags(virDomainPtr dom, virTypedParameterPtr params, int *nparams, unsigned int flags);
int remoteDomainSetSchedulerParametersFlags(virDomainPtr dom, virTypedParameterPtr params, int nparams, unsigned int flags);
int remoteDomainGetMemoryParameters(virDomainPtr dom, virTypedParameterPtr params, int *nparams, unsigned int flags);
int remoteDomainSetMemoryParameters(virDomainPtr dom, virTypedParameterPtr params, int nparams, unsigned int flags);
int remoteDomainGetBlkioParameters(virDomainPtr dom, virTypedParameterPtr params, int *nparams, unsigned int flags);
int remoteDomainSetBlkioParameters(virDomainPtr dom, virTypedParameterPtr params, int nparams, unsigned int flags);

/* typed parameters to and from the wire (remote_domain.c) */
int remoteParamsFromWire(vkr_typed_param *wire, u_int nwire, virTypedParameterPtr params,
                         int *nparams);
int remoteDomGetParams(virDomainPtr dom, unsigned int prog, int proc, virTypedParameterPtr params,
                       int *nparams, unsigned int flags);
int remoteParamsToWire(virTypedParameterPtr params, int nparams, unsigned int max,
                       vkr_typed_param **wire, u_int *nwire);

/* remote_stats.c */
int remoteDomainMemoryStats(virDomainPtr dom, virDomainMemoryStatPtr stats, unsigned int nr_stats,
                            unsigned int flags);
int remoteDomainGetCPUStats(virDomainPtr dom, virTypedParameterPtr params, unsigned int nparams,
                            int start_cpu, unsigned int ncpus, unsigned int flags);
int remoteConnectGetAllDomainStats(virConnectPtr conn, virDomainPtr *doms, unsigned int ndoms,
                                   unsigned int stats, virDomainStatsRecordPtr **retStats,
                                   unsigned int flags);
int remoteDomainSendKey(virDomainPtr dom, unsigned int codeset, unsigned int holdtime,
                        unsigned int *keycodes, int nkeycodes, unsigned int flags);
int remoteNodeGetMemoryParameters(virConnectPtr conn, virTypedParameterPtr params, int *nparams,
                                  unsigned int flags);
int remoteNodeSetMemoryParameters(virConnectPtr conn, virTypedParameterPtr params, int nparams,
                                  unsigned int flags);

#endif /* REMOTE_DOMAIN_H */
