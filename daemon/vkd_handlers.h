/*
 * vkd_handlers.h: the handlers of the procedures virtkitd serves
 *
 * Each handler serves one procedure, or a family of procedures of one
 * shape through the public function in its table entry (vkd_procs.c).
 * Handlers use only virtkit's public API, on the client's connection.
 */
#ifndef VKD_HANDLERS_H
# define VKD_HANDLERS_H

# include "internal.h"

# include "vkd_dispatch.h"

/* Helpers the handler files share (vkd_handlers_domain.c). */
virDomainPtr vkdGetDomain(vkdCall *call, const vkr_nonnull_domain *wire);
void vkdDomainToWire(virDomainPtr dom, vkr_nonnull_domain *wire);
int vkdReturnDomain(virDomainPtr dom, vkr_nonnull_domain *wire);
int vkdDomainPut(vkdCall *call, virDomainPtr dom, int rc);
bool vkdCheckCount(vkdCall *call, const char *what, long long value, long long max);

/* Connections and the node (vkd_handlers_connect.c) */
int vkdConnectOpen(vkdCall *call);
int vkdConnectClose(vkdCall *call);
int vkdConnectSupportsFeature(vkdCall *call);
int vkdAuthList(vkdCall *call);
int vkdConnectNothing(vkdCall *call);
int vkdConnectGetType(vkdCall *call);
int vkdConnectUlongOut(vkdCall *call);
int vkdConnectString(vkdCall *call);
int vkdConnectInt(vkdCall *call);
int vkdConnectGetMaxVcpus(vkdCall *call);
int vkdConnectListDomains(vkdCall *call);
int vkdConnectListDefinedDomains(vkdCall *call);
int vkdConnectListAllDomains(vkdCall *call);
int vkdNodeGetInfo(vkdCall *call);
int vkdNodeGetCellsFreeMemory(vkdCall *call);
int vkdNodeGetFreeMemory(vkdCall *call);
int vkdNodeGetSecurityModel(vkdCall *call);
int vkdNodeGetCPUMap(vkdCall *call);
int vkdNodeGetMemoryStats(vkdCall *call);
int vkdNodeGetMemoryParameters(vkdCall *call);
int vkdNodeSetMemoryParameters(vkdCall *call);

/* Domains: lookups, lifecycle, state (vkd_handlers_domain.c) */
int vkdDomainLookupByID(vkdCall *call);
int vkdDomainLookupByUUID(vkdCall *call);
int vkdConnStringDom(vkdCall *call);
int vkdConnStringFlagsDom(vkdCall *call);
int vkdDomVoid(vkdCall *call);
int vkdDomFlagsVoid(vkdCall *call);
int vkdDomInt(vkdCall *call);
int vkdDomFlagsInt(vkdCall *call);
int vkdDomIntVoid(vkdCall *call);
int vkdDomIntOut(vkdCall *call);
int vkdDomString(vkdCall *call);
int vkdDomFlagsString(vkdCall *call);
int vkdDomainCreateWithFlags(vkdCall *call);
int vkdDomainGetInfo(vkdCall *call);
int vkdDomainGetState(vkdCall *call);
int vkdDomainGetSecurityLabel(vkdCall *call);
int vkdDomainGetMessages(vkdCall *call);
int vkdDomStringVoid(vkdCall *call);
int vkdDomStringFlagsVoid(vkdCall *call);
int vkdDomainSendKey(vkdCall *call);
int vkdDomainRename(vkdCall *call);
int vkdDomainSetMetadata(vkdCall *call);
int vkdDomainGetMetadata(vkdCall *call);
int vkdDomainSaveFlags(vkdCall *call);
int vkdDomainRestore(vkdCall *call);
int vkdDomainRestoreFlags(vkdCall *call);

/* Domains: vcpus, memory, tunables (vkd_handlers_tune.c) */
int vkdDomUintVoid(vkdCall *call);
int vkdDomIntFlagsVoid(vkdCall *call);
int vkdDomUintFlagsVoid(vkdCall *call);
int vkdDomUlongVoid(vkdCall *call);
int vkdDomUlongFlagsVoid(vkdCall *call);
int vkdDomainGetMaxMemory(vkdCall *call);
int vkdDomainGetVcpus(vkdCall *call);
int vkdDomainPinVcpu(vkdCall *call);
int vkdDomainPinVcpuFlags(vkdCall *call);
int vkdDomainGetVcpuPinInfo(vkdCall *call);
int vkdDomainGetSchedulerType(vkdCall *call);
int vkdDomainGetSchedulerParameters(vkdCall *call);
int vkdDomainGetSchedulerParametersFlags(vkdCall *call);
int vkdDomainSetSchedulerParameters(vkdCall *call);
int vkdDomSetParams(vkdCall *call);
int vkdDomGetParams(vkdCall *call);
int vkdDomainGetCPUStats(vkdCall *call);

/* Events (vkd_events.c) */
int vkdConnectDomainEventCallbackRegisterAny(vkdCall *call);
int vkdConnectDomainEventCallbackDeregisterAny(vkdCall *call);

/* virtkit's program (vkd_handlers_virtkit.c) */
int vkdConnFlagsString(vkdCall *call);
int vkdNodeMemoryDedup(vkdCall *call);

/* vkd_handlers_stats.c */
int vkdDomainMemoryStats(vkdCall *call);
int vkdConnectGetAllDomainStats(vkdCall *call);

#endif /* VKD_HANDLERS_H */
