/*
 * vkd_procs.c: what serves each procedure: the dispatch tables
 *
 * One per program (libvirt's REMOTE, virtkit's own), indexed by procedure
 * number.  An entry is a handler and, for a shape
 * handler, the public function it calls.  A number without an entry is
 * answered VIR_ERR_NO_SUPPORT, and so are the older event registrations
 * (CONNECT_DOMAIN_EVENT_REGISTER 105, _REGISTER_ANY 167): a client that
 * hears REMOTE_EVENT_CALLBACK supported uses _CALLBACK_REGISTER_ANY 316.
 * Mutations need no mark here: on a read-only connection the library
 * itself refuses them.
 */
#include "internal.h"

#include "vkd_handlers.h"

#define DOM(fn) .api.dom = fn
#define DOM_FLAGS(fn) .api.domFlags = fn

static const vkdProcEntry vkdRemoteProcs[] = {
    /* the connection, before and after CONNECT_OPEN */
    [VKR_PROC_AUTH_LIST] = { vkdAuthList, .flags = VKD_PROC_BEFORE_OPEN },
    [VKR_PROC_CONNECT_SUPPORTS_FEATURE] = { vkdConnectSupportsFeature,
                                            .flags = VKD_PROC_BEFORE_OPEN },
    [VKR_PROC_CONNECT_OPEN] = { vkdConnectOpen, .flags = VKD_PROC_BEFORE_OPEN },
    [VKR_PROC_CONNECT_CLOSE] = { vkdConnectClose, .flags = VKD_PROC_BEFORE_OPEN },
    [VKR_PROC_CONNECT_REGISTER_CLOSE_CALLBACK] = { vkdConnectNothing },
    [VKR_PROC_CONNECT_UNREGISTER_CLOSE_CALLBACK] = { vkdConnectNothing },
    [VKR_PROC_CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY] = {
        vkdConnectDomainEventCallbackRegisterAny },
    [VKR_PROC_CONNECT_DOMAIN_EVENT_CALLBACK_DEREGISTER_ANY] = {
        vkdConnectDomainEventCallbackDeregisterAny },
    [VKR_PROC_CONNECT_GET_TYPE] = { vkdConnectGetType },
    [VKR_PROC_CONNECT_GET_VERSION] = { vkdConnectUlongOut,
                                       .api.connUlongOut = virConnectGetVersion },
    [VKR_PROC_CONNECT_GET_LIB_VERSION] = { vkdConnectUlongOut,
                                           .api.connUlongOut = virConnectGetLibVersion },
    [VKR_PROC_CONNECT_GET_HOSTNAME] = { vkdConnectString,
                                        .api.connString0 = virConnectGetHostname },
    [VKR_PROC_CONNECT_GET_URI] = { vkdConnectString, .api.connString0 = virConnectGetURI },
    [VKR_PROC_CONNECT_GET_CAPABILITIES] = { vkdConnectString,
                                            .api.connString0 = virConnectGetCapabilities },
    [VKR_PROC_CONNECT_GET_MAX_VCPUS] = { vkdConnectGetMaxVcpus },
    [VKR_PROC_CONNECT_IS_SECURE] = { vkdConnectInt, .api.conn = virConnectIsSecure },

    /* the node */
    [VKR_PROC_NODE_GET_INFO] = { vkdNodeGetInfo },
    [VKR_PROC_NODE_GET_CELLS_FREE_MEMORY] = { vkdNodeGetCellsFreeMemory },
    [VKR_PROC_NODE_GET_FREE_MEMORY] = { vkdNodeGetFreeMemory },
    [VKR_PROC_NODE_GET_SECURITY_MODEL] = { vkdNodeGetSecurityModel },
    [VKR_PROC_NODE_GET_CPU_MAP] = { vkdNodeGetCPUMap },
    [VKR_PROC_NODE_GET_MEMORY_STATS] = { vkdNodeGetMemoryStats },
    [VKR_PROC_NODE_GET_MEMORY_PARAMETERS] = { vkdNodeGetMemoryParameters },
    [VKR_PROC_NODE_SET_MEMORY_PARAMETERS] = { vkdNodeSetMemoryParameters },

    /* listing and lookups */
    [VKR_PROC_CONNECT_NUM_OF_DOMAINS] = { vkdConnectInt, .api.conn = virConnectNumOfDomains },
    [VKR_PROC_CONNECT_NUM_OF_DEFINED_DOMAINS] = { vkdConnectInt,
                                                  .api.conn = virConnectNumOfDefinedDomains },
    [VKR_PROC_CONNECT_LIST_DOMAINS] = { vkdConnectListDomains },
    [VKR_PROC_CONNECT_LIST_DEFINED_DOMAINS] = { vkdConnectListDefinedDomains },
    [VKR_PROC_CONNECT_LIST_ALL_DOMAINS] = { vkdConnectListAllDomains },
    [VKR_PROC_DOMAIN_LOOKUP_BY_ID] = { vkdDomainLookupByID },
    [VKR_PROC_DOMAIN_LOOKUP_BY_NAME] = { vkdConnStringDom,
                                         .api.connString = virDomainLookupByName },
    [VKR_PROC_DOMAIN_LOOKUP_BY_UUID] = { vkdDomainLookupByUUID },

    /* definition and lifecycle */
    [VKR_PROC_DOMAIN_DEFINE_XML] = { vkdConnStringDom, .api.connString = virDomainDefineXML },
    [VKR_PROC_DOMAIN_DEFINE_XML_FLAGS] = { vkdConnStringFlagsDom,
                                           .api.connStringFlags = virDomainDefineXMLFlags },
    [VKR_PROC_DOMAIN_CREATE_XML] = { vkdConnStringFlagsDom,
                                     .api.connStringFlags = virDomainCreateXML },
    [VKR_PROC_DOMAIN_UNDEFINE] = { vkdDomVoid, DOM(virDomainUndefine) },
    [VKR_PROC_DOMAIN_UNDEFINE_FLAGS] = { vkdDomFlagsVoid, DOM_FLAGS(virDomainUndefineFlags) },
    [VKR_PROC_DOMAIN_CREATE] = { vkdDomVoid, DOM(virDomainCreate) },
    [VKR_PROC_DOMAIN_CREATE_WITH_FLAGS] = { vkdDomainCreateWithFlags },
    [VKR_PROC_DOMAIN_SHUTDOWN] = { vkdDomVoid, DOM(virDomainShutdown) },
    [VKR_PROC_DOMAIN_SHUTDOWN_FLAGS] = { vkdDomFlagsVoid, DOM_FLAGS(virDomainShutdownFlags) },
    [VKR_PROC_DOMAIN_REBOOT] = { vkdDomFlagsVoid, DOM_FLAGS(virDomainReboot) },
    [VKR_PROC_DOMAIN_RESET] = { vkdDomFlagsVoid, DOM_FLAGS(virDomainReset) },
    [VKR_PROC_DOMAIN_DESTROY] = { vkdDomVoid, DOM(virDomainDestroy) },
    [VKR_PROC_DOMAIN_DESTROY_FLAGS] = { vkdDomFlagsVoid, DOM_FLAGS(virDomainDestroyFlags) },
    [VKR_PROC_DOMAIN_SUSPEND] = { vkdDomVoid, DOM(virDomainSuspend) },
    [VKR_PROC_DOMAIN_RESUME] = { vkdDomVoid, DOM(virDomainResume) },
    [VKR_PROC_DOMAIN_SAVE] = { vkdDomStringVoid, .api.domStr = virDomainSave },
    [VKR_PROC_DOMAIN_SAVE_FLAGS] = { vkdDomainSaveFlags },
    [VKR_PROC_DOMAIN_RESTORE] = { vkdDomainRestore },
    [VKR_PROC_DOMAIN_RESTORE_FLAGS] = { vkdDomainRestoreFlags },
    [VKR_PROC_DOMAIN_MANAGED_SAVE] = { vkdDomFlagsVoid, DOM_FLAGS(virDomainManagedSave) },
    [VKR_PROC_DOMAIN_HAS_MANAGED_SAVE_IMAGE] = { vkdDomFlagsInt,
                                                 DOM_FLAGS(virDomainHasManagedSaveImage) },
    [VKR_PROC_DOMAIN_MANAGED_SAVE_REMOVE] = { vkdDomFlagsVoid,
                                              DOM_FLAGS(virDomainManagedSaveRemove) },
    [VKR_PROC_DOMAIN_GET_AUTOSTART] = { vkdDomIntOut, .api.domIntOut = virDomainGetAutostart },
    [VKR_PROC_DOMAIN_SET_AUTOSTART] = { vkdDomIntVoid, .api.domInt = virDomainSetAutostart },

    /* state and description */
    [VKR_PROC_DOMAIN_GET_INFO] = { vkdDomainGetInfo },
    [VKR_PROC_DOMAIN_GET_STATE] = { vkdDomainGetState },
    [VKR_PROC_DOMAIN_GET_XML_DESC] = { vkdDomFlagsString,
                                       .api.domFlagsString = virDomainGetXMLDesc },
    [VKR_PROC_DOMAIN_GET_OS_TYPE] = { vkdDomString, .api.domString = virDomainGetOSType },

    /* devices */
    [VKR_PROC_DOMAIN_ATTACH_DEVICE] = { vkdDomStringVoid, .api.domStr = virDomainAttachDevice },
    [VKR_PROC_DOMAIN_DETACH_DEVICE] = { vkdDomStringVoid, .api.domStr = virDomainDetachDevice },
    [VKR_PROC_DOMAIN_ATTACH_DEVICE_FLAGS] = { vkdDomStringFlagsVoid,
                                              .api.domStrFlags = virDomainAttachDeviceFlags },
    [VKR_PROC_DOMAIN_DETACH_DEVICE_FLAGS] = { vkdDomStringFlagsVoid,
                                              .api.domStrFlags = virDomainDetachDeviceFlags },
    [VKR_PROC_DOMAIN_UPDATE_DEVICE_FLAGS] = { vkdDomStringFlagsVoid,
                                              .api.domStrFlags = virDomainUpdateDeviceFlags },
    [VKR_PROC_DOMAIN_DETACH_DEVICE_ALIAS] = { vkdDomStringFlagsVoid,
                                              .api.domStrFlags = virDomainDetachDeviceAlias },
    [VKR_PROC_DOMAIN_SEND_KEY] = { vkdDomainSendKey },
    [VKR_PROC_DOMAIN_RENAME] = { vkdDomainRename },
    [VKR_PROC_DOMAIN_SET_METADATA] = { vkdDomainSetMetadata },
    [VKR_PROC_DOMAIN_GET_METADATA] = { vkdDomainGetMetadata },
    [VKR_PROC_DOMAIN_IS_ACTIVE] = { vkdDomInt, DOM(virDomainIsActive) },
    [VKR_PROC_DOMAIN_IS_PERSISTENT] = { vkdDomInt, DOM(virDomainIsPersistent) },
    [VKR_PROC_DOMAIN_IS_UPDATED] = { vkdDomInt, DOM(virDomainIsUpdated) },
    [VKR_PROC_DOMAIN_GET_SECURITY_LABEL] = { vkdDomainGetSecurityLabel },
    [VKR_PROC_DOMAIN_GET_MESSAGES] = { vkdDomainGetMessages },
    [VKR_PROC_DOMAIN_GET_CPU_STATS] = { vkdDomainGetCPUStats },
    [VKR_PROC_DOMAIN_MEMORY_STATS] = { vkdDomainMemoryStats },
    [VKR_PROC_CONNECT_GET_ALL_DOMAIN_STATS] = { vkdConnectGetAllDomainStats },

    /* memory */
    [VKR_PROC_DOMAIN_GET_MAX_MEMORY] = { vkdDomainGetMaxMemory },
    [VKR_PROC_DOMAIN_SET_MAX_MEMORY] = { vkdDomUlongVoid, .api.domUlong = virDomainSetMaxMemory },
    [VKR_PROC_DOMAIN_SET_MEMORY] = { vkdDomUlongVoid, .api.domUlong = virDomainSetMemory },
    [VKR_PROC_DOMAIN_SET_MEMORY_FLAGS] = { vkdDomUlongFlagsVoid,
                                           .api.domUlongFlags = virDomainSetMemoryFlags },

    /* virtual CPUs */
    [VKR_PROC_DOMAIN_SET_VCPUS] = { vkdDomUintVoid, .api.domUint = virDomainSetVcpus },
    [VKR_PROC_DOMAIN_SET_MEMORY_STATS_PERIOD] = { vkdDomIntFlagsVoid,
                                                  .api.domIntFlags = virDomainSetMemoryStatsPeriod },
    [VKR_PROC_DOMAIN_SET_VCPUS_FLAGS] = { vkdDomUintFlagsVoid,
                                          .api.domUintFlags = virDomainSetVcpusFlags },
    [VKR_PROC_DOMAIN_GET_VCPUS_FLAGS] = { vkdDomFlagsInt, DOM_FLAGS(virDomainGetVcpusFlags) },
    [VKR_PROC_DOMAIN_GET_MAX_VCPUS] = { vkdDomInt, DOM(virDomainGetMaxVcpus) },
    [VKR_PROC_DOMAIN_PIN_VCPU] = { vkdDomainPinVcpu },
    [VKR_PROC_DOMAIN_PIN_VCPU_FLAGS] = { vkdDomainPinVcpuFlags },
    [VKR_PROC_DOMAIN_GET_VCPU_PIN_INFO] = { vkdDomainGetVcpuPinInfo },
    [VKR_PROC_DOMAIN_GET_VCPUS] = { vkdDomainGetVcpus },

    /* tunables */
    [VKR_PROC_DOMAIN_GET_SCHEDULER_TYPE] = { vkdDomainGetSchedulerType },
    [VKR_PROC_DOMAIN_GET_SCHEDULER_PARAMETERS] = { vkdDomainGetSchedulerParameters },
    [VKR_PROC_DOMAIN_GET_SCHEDULER_PARAMETERS_FLAGS] = { vkdDomainGetSchedulerParametersFlags },
    [VKR_PROC_DOMAIN_SET_SCHEDULER_PARAMETERS] = { vkdDomainSetSchedulerParameters },
    [VKR_PROC_DOMAIN_SET_SCHEDULER_PARAMETERS_FLAGS] = {
        vkdDomSetParams, .api.domSetParams = virDomainSetSchedulerParametersFlags },
    [VKR_PROC_DOMAIN_GET_MEMORY_PARAMETERS] = { vkdDomGetParams,
                                                .api.domGetParams = virDomainGetMemoryParameters },
    [VKR_PROC_DOMAIN_SET_MEMORY_PARAMETERS] = { vkdDomSetParams,
                                                .api.domSetParams = virDomainSetMemoryParameters },
    [VKR_PROC_DOMAIN_GET_BLKIO_PARAMETERS] = { vkdDomGetParams,
                                               .api.domGetParams = virDomainGetBlkioParameters },
    [VKR_PROC_DOMAIN_SET_BLKIO_PARAMETERS] = { vkdDomSetParams,
                                               .api.domSetParams = virDomainSetBlkioParameters },
};

/* virtkit's own calls (VKR_VIRTKIT_PROGRAM); virDomainEnter and
 * virDomainLeave have no procedure: they move the calling process. */
static const vkdProcEntry vkdVirtkitProcs[] = {
    [VKR_VIRTKIT_PROC_PROBE] = { vkdConnectNothing },
    [VKR_VIRTKIT_PROC_DOMAIN_SET_MEMORY_SHARING] = {
        vkdDomIntFlagsVoid, .api.domIntFlags = virDomainSetMemorySharing },
    [VKR_VIRTKIT_PROC_DOMAIN_GET_MEMORY_SHARING] = {
        vkdDomGetParams, .api.domGetParams = virDomainGetMemorySharing },
    [VKR_VIRTKIT_PROC_NODE_MEMORY_DEDUP] = { vkdNodeMemoryDedup },
    [VKR_VIRTKIT_PROC_CONNECT_GET_HYPERVISOR_LOG] = {
        vkdConnFlagsString, .api.connFlagsString = virConnectGetHypervisorLog },
};

/**
 * vkdProcLookup:
 * @prog: a program number
 * @proc: a procedure number of @prog
 *
 * Returns what serves @proc, or NULL when virtkitd does not serve it.
 */
const vkdProcEntry *
vkdProcLookup(unsigned int prog, int proc)
{
    const vkdProcEntry *procs;
    size_t n;

    switch (prog) {
    case VKR_REMOTE_PROGRAM:
        procs = vkdRemoteProcs;
        n = G_N_ELEMENTS(vkdRemoteProcs);
        break;
    case VKR_VIRTKIT_PROGRAM:
        procs = vkdVirtkitProcs;
        n = G_N_ELEMENTS(vkdVirtkitProcs);
        break;
    default:
        return NULL;
    }
    if (proc < 0 || (size_t)proc >= n || !procs[proc].handler)
        return NULL;
    return &procs[proc];
}
