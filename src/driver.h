/*
 * driver.h: the hypervisor driver table
 *
 * One connection binds to one driver.  Every slot but name, uriSchemes,
 * connectOpen and connectClose is optional: the public entry point answers
 * a NULL slot with VIR_ERR_NO_SUPPORT naming the function and the driver.
 * A driver never re-validates a handle or a NULL argument: the entry point
 * already did.  Drivers reject flags they do not know (virCheckFlags).
 */
#ifndef VIR_DRIVER_H
# define VIR_DRIVER_H

# include "internal.h"
# include "datatypes.h"
# include "viruri.h"

/* What connectOpen answers, with libvirt's numbers.  DECLINED: the URI
 * is not for this driver (a non-root user on lve:///system); the next
 * candidate is asked, and if none takes it, the decliner's error is the
 * one reported. */
typedef enum {
    VIR_DRV_OPEN_SUCCESS = 0,
    VIR_DRV_OPEN_DECLINED = -1,
    VIR_DRV_OPEN_ERROR = -2,
} virDrvOpenStatus;

/* Host probe for virConnectOpen(NULL): sets *uri to the URI to open when
 * this host runs the driver's hypervisor, leaves it NULL when not.
 * Returns -1 only on errors worth reporting. */
typedef int (*virDrvConnectURIProbe)(char **uri);
typedef virDrvOpenStatus (*virDrvConnectOpen)(virConnectPtr conn, virURI *uri,
                                              virConnectAuthPtr auth,
                                              unsigned int flags);
typedef int (*virDrvConnectClose)(virConnectPtr conn);

struct _virHypervisorDriver {
    const char *name;                   /* "test": used in messages and GetType */
    const char *const *uriSchemes;      /* NULL-terminated */
    virDrvConnectURIProbe connectURIProbe;
    virDrvConnectOpen connectOpen;
    virDrvConnectClose connectClose;

    /* connection */
    const char *(*connectGetType)(virConnectPtr conn);
    int (*connectGetVersion)(virConnectPtr conn, unsigned long *hvVer);
    char *(*connectGetHostname)(virConnectPtr conn);
    char *(*connectGetCapabilities)(virConnectPtr conn);
    int (*connectGetMaxVcpus)(virConnectPtr conn, const char *type);
    int (*connectIsAlive)(virConnectPtr conn);
    int (*connectSetKeepAlive)(virConnectPtr conn, int interval, unsigned int count);
    int (*connectIsSecure)(virConnectPtr conn);
    int (*connectIsEncrypted)(virConnectPtr conn);
    int (*connectNumOfDomains)(virConnectPtr conn);
    int (*connectListDomains)(virConnectPtr conn, int *ids, int maxids);
    int (*connectNumOfDefinedDomains)(virConnectPtr conn);
    int (*connectListDefinedDomains)(virConnectPtr conn, char **const names,
                                     int maxnames);
    int (*connectListAllDomains)(virConnectPtr conn, virDomainPtr **domains,
                                 unsigned int flags);

    /* node */
    int (*nodeGetInfo)(virConnectPtr conn, virNodeInfoPtr info);
    unsigned long long (*nodeGetFreeMemory)(virConnectPtr conn);
    int (*nodeGetCellsFreeMemory)(virConnectPtr conn, unsigned long long *freeMems,
                                  int startCell, int maxCells);
    int (*nodeGetCPUMap)(virConnectPtr conn, unsigned char **cpumap,
                         unsigned int *online, unsigned int flags);
    int (*nodeGetMemoryStats)(virConnectPtr conn, int cellNum,
                              virNodeMemoryStatsPtr params, int *nparams,
                              unsigned int flags);
    int (*nodeGetMemoryParameters)(virConnectPtr conn, virTypedParameterPtr params,
                                   int *nparams, unsigned int flags);
    int (*nodeSetMemoryParameters)(virConnectPtr conn, virTypedParameterPtr params,
                                   int nparams, unsigned int flags);
    int (*nodeGetSecurityModel)(virConnectPtr conn, virSecurityModelPtr secmodel);

    /* lookup */
    virDomainPtr (*domainLookupByID)(virConnectPtr conn, int id);
    virDomainPtr (*domainLookupByName)(virConnectPtr conn, const char *name);
    virDomainPtr (*domainLookupByUUID)(virConnectPtr conn, const unsigned char *uuid);

    /* definition and lifecycle */
    virDomainPtr (*domainDefineXMLFlags)(virConnectPtr conn, const char *xml,
                                         unsigned int flags);
    int (*domainUndefineFlags)(virDomainPtr dom, unsigned int flags);
    /* a defined, shut off domain; new_name non-empty */
    int (*domainRename)(virDomainPtr dom, const char *new_name, unsigned int flags);
    virDomainPtr (*domainCreateXML)(virConnectPtr conn, const char *xml,
                                    unsigned int flags);
    int (*domainCreateWithFlags)(virDomainPtr dom, unsigned int flags);
    int (*domainShutdownFlags)(virDomainPtr dom, unsigned int flags);
    int (*domainReboot)(virDomainPtr dom, unsigned int flags);
    int (*domainReset)(virDomainPtr dom, unsigned int flags);
    int (*domainDestroyFlags)(virDomainPtr dom, unsigned int flags);
    int (*domainSuspend)(virDomainPtr dom);
    int (*domainResume)(virDomainPtr dom);
    int (*domainSaveFlags)(virDomainPtr dom, const char *to, const char *dxml,
                           unsigned int flags);
    int (*domainRestoreFlags)(virConnectPtr conn, const char *from,
                              const char *dxml, unsigned int flags);
    int (*domainManagedSave)(virDomainPtr dom, unsigned int flags);
    int (*domainHasManagedSaveImage)(virDomainPtr dom, unsigned int flags);
    int (*domainManagedSaveRemove)(virDomainPtr dom, unsigned int flags);
    int (*domainGetAutostart)(virDomainPtr dom, int *autostart);
    int (*domainSetAutostart)(virDomainPtr dom, int autostart);

    /* state and description */
    int (*domainGetInfo)(virDomainPtr dom, virDomainInfoPtr info);
    int (*domainGetState)(virDomainPtr dom, int *state, int *reason,
                          unsigned int flags);
    char *(*domainGetXMLDesc)(virDomainPtr dom, unsigned int flags);
    /* uri NULL for a title or description, set for an element (and key
     * for a new one); a title has no newline */
    char *(*domainGetMetadata)(virDomainPtr dom, int type, const char *uri, unsigned int flags);
    int (*domainSetMetadata)(virDomainPtr dom, int type, const char *metadata, const char *key,
                             const char *uri, unsigned int flags);
    char *(*domainGetOSType)(virDomainPtr dom);
    int (*domainIsActive)(virDomainPtr dom);
    int (*domainIsPersistent)(virDomainPtr dom);
    int (*domainIsUpdated)(virDomainPtr dom);
    int (*domainGetSecurityLabel)(virDomainPtr dom, virSecurityLabelPtr seclabel);
    int (*domainGetCPUStats)(virDomainPtr dom, virTypedParameterPtr params,
                             unsigned int nparams, int start_cpu,
                             unsigned int ncpus, unsigned int flags);
    int (*domainGetMessages)(virDomainPtr dom, char ***msgs, unsigned int flags);
    int (*domainMemoryStats)(virDomainPtr dom, virDomainMemoryStatPtr stats,
                             unsigned int nr_stats, unsigned int flags);
    int (*domainSetMemoryStatsPeriod)(virDomainPtr dom, int period, unsigned int flags);
    /* doms NULL (ndoms 0): every domain that passes the filters in flags */
    int (*connectGetAllDomainStats)(virConnectPtr conn, virDomainPtr *doms,
                                    unsigned int ndoms, unsigned int stats,
                                    virDomainStatsRecordPtr **retStats, unsigned int flags);
    int (*domainGetControlInfo)(virDomainPtr dom, virDomainControlInfoPtr info,
                                unsigned int flags);

    /* devices: AttachDevice and DetachDevice arrive with VIR_DOMAIN_AFFECT_LIVE */
    int (*domainAttachDeviceFlags)(virDomainPtr dom, const char *xml, unsigned int flags);
    int (*domainDetachDeviceFlags)(virDomainPtr dom, const char *xml, unsigned int flags);
    int (*domainUpdateDeviceFlags)(virDomainPtr dom, const char *xml, unsigned int flags);
    int (*domainDetachDeviceAlias)(virDomainPtr dom, const char *alias, unsigned int flags);

    /* keys: the codeset is a virKeycodeSet, 1 to VIR_DOMAIN_SEND_KEY_MAX_KEYS keys */
    int (*domainSendKey)(virDomainPtr dom, unsigned int codeset, unsigned int holdtime,
                         unsigned int *keycodes, int nkeycodes, unsigned int flags);

    /* memory: SetMemory and SetMaxMemory arrive as SetMemoryFlags */
    unsigned long long (*domainGetMaxMemory)(virDomainPtr dom);
    int (*domainSetMemoryFlags)(virDomainPtr dom, unsigned long memory,
                                unsigned int flags);

    /* vcpus: GetMaxVcpus arrives as GetVcpusFlags(MAXIMUM) */
    int (*domainSetVcpusFlags)(virDomainPtr dom, unsigned int nvcpus,
                               unsigned int flags);
    int (*domainGetVcpusFlags)(virDomainPtr dom, unsigned int flags);
    int (*domainPinVcpuFlags)(virDomainPtr dom, unsigned int vcpu,
                              unsigned char *cpumap, int maplen,
                              unsigned int flags);
    int (*domainGetVcpuPinInfo)(virDomainPtr dom, int ncpumaps,
                                unsigned char *cpumaps, int maplen,
                                unsigned int flags);
    int (*domainGetVcpus)(virDomainPtr dom, virVcpuInfoPtr info, int maxinfo,
                          unsigned char *cpumaps, int maplen);

    /* tunables: the calls without flags arrive with VIR_DOMAIN_AFFECT_CURRENT */
    char *(*domainGetSchedulerType)(virDomainPtr dom, int *nparams);
    int (*domainGetSchedulerParametersFlags)(virDomainPtr dom,
                                             virTypedParameterPtr params,
                                             int *nparams, unsigned int flags);
    int (*domainSetSchedulerParametersFlags)(virDomainPtr dom,
                                             virTypedParameterPtr params,
                                             int nparams, unsigned int flags);
    int (*domainGetMemoryParameters)(virDomainPtr dom, virTypedParameterPtr params,
                                     int *nparams, unsigned int flags);
    int (*domainSetMemoryParameters)(virDomainPtr dom, virTypedParameterPtr params,
                                     int nparams, unsigned int flags);
    int (*domainGetBlkioParameters)(virDomainPtr dom, virTypedParameterPtr params,
                                    int *nparams, unsigned int flags);
    int (*domainSetBlkioParameters)(virDomainPtr dom, virTypedParameterPtr params,
                                    int nparams, unsigned int flags);

    /* events: the entry point checked the arguments */
    int (*connectDomainEventRegister)(virConnectPtr conn, virConnectDomainEventCallback cb,
                                      void *opaque, virFreeCallback freecb);
    int (*connectDomainEventDeregister)(virConnectPtr conn, virConnectDomainEventCallback cb);
    int (*connectDomainEventRegisterAny)(virConnectPtr conn, virDomainPtr dom, int eventID,
                                         virConnectDomainEventGenericCallback cb,
                                         void *opaque, virFreeCallback freecb);
    int (*connectDomainEventDeregisterAny)(virConnectPtr conn, int callbackID);

    /* virtkit extensions (virt-virtkit.h) */
    int (*domainEnter)(virDomainPtr dom, unsigned int *cookie, unsigned int flags);
    int (*domainLeave)(virDomainPtr dom, unsigned int cookie, unsigned int flags);
    int (*domainSetMemorySharing)(virDomainPtr dom, int enable, unsigned int flags);
    char *(*connectGetHypervisorLog)(virConnectPtr conn, unsigned int flags);
    int (*domainGetMemorySharing)(virDomainPtr dom, virTypedParameterPtr params,
                                  int *nparams, unsigned int flags);
    /* @domains: ndomains handles of this connection, or none for every
     * running domain with sharing on; *@params is the caller's */
    int (*nodeMemoryDedup)(virConnectPtr conn, virDomainPtr *domains, unsigned int ndomains,
                           virTypedParameterPtr *params, int *nparams, unsigned int flags);
};

/* Each driver's table, defined in its <name>_driver.c. */
extern virHypervisorDriver testHypervisorDriver;
extern virHypervisorDriver lveHypervisorDriver;
extern virHypervisorDriver vserverHypervisorDriver;
extern virHypervisorDriver xenHypervisorDriver;
extern virHypervisorDriver remoteHypervisorDriver;

/* For a program linked with a driver that is otherwise a module. */
void virDriverRegisterModule(const char *scheme, virHypervisorDriver *driver);

/* The driver that serves @scheme.  NULL with an error when the scheme is
 * unknown, or known but compiled out. */
virHypervisorDriver *virDriverForScheme(const char *scheme);

/* The drivers that may take @uri, in the order they are asked: the local
 * driver of its scheme (never for a URI with a transport or a host), then
 * the remote driver.  Returns how many were put in @candidates, or -1 with
 * an error saying why no driver can take @uri. */
int virDriverCandidates(const virURI *uri, virHypervisorDriver *candidates[2]);

/* Asks each driver's probe, in priority order, for a default URI.
 * Returns 0 with *uri set, or -1 with an error saying nothing was found. */
int virDriverProbeDefaultURI(char **uri);

#endif /* VIR_DRIVER_H */
