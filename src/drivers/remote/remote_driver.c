/*
 * remote_driver.c: the remote driver: a connection to a daemon that
 * speaks libvirt's protocol (virtkitd, or libvirt's own daemons)
 *
 * It takes the URIs with a transport or a host.  Opening one connects the
 * stream, checks that the daemon needs no authentication, and opens the
 * URI's name on the daemon; every later call is one procedure.  Errors
 * come back as the daemon's library reported them (code, domain, words).
 */
#include "internal.h"

#include "driver.h"
#include "remote_domain.h"
#include "remote_tls.h"
#include "remote_virtkit.h"
#include "virerror.h"
#include "virevent.h"
#include "virlog.h"

#define VIR_FROM_THIS VIR_FROM_REMOTE

#define REMOTE_AUTH_NONE 0
#define REMOTE_FEATURE_PROGRAM_KEEPALIVE 10

/* A procedure of libvirt's REMOTE program. */
int
remoteCall(virConnectPtr conn, int proc, void *args, void *ret)
{
    return remoteClientCall(REMOTE_PRIV(conn)->client, VKR_REMOTE_PROGRAM, proc, args, ret);
}

/* A procedure of @prog: REMOTE, or virtkit's once remoteVirtkitServed()
 * said the daemon serves it. */
int
remoteCallProgram(virConnectPtr conn, unsigned int prog, int proc, void *args, void *ret)
{
    return remoteClientCall(REMOTE_PRIV(conn)->client, prog, proc, args, ret);
}

/* The wire names a domain by the handle's own fields, borrowed. */
void
remoteDomainToWire(virDomainPtr dom, vkr_nonnull_domain *wire)
{
    wire->name = dom->name;
    memcpy(wire->uuid, dom->uuid, VIR_UUID_BUFLEN);
    wire->id = g_atomic_int_get(&dom->id);
}

virDomainPtr
remoteDomainFromWire(virConnectPtr conn, const vkr_nonnull_domain *wire)
{
    return virGetDomain(conn, wire->name, (const unsigned char *)wire->uuid, wire->id);
}

/* ------------------------------------------------------------------ */
/* Opening and closing */

static void
remoteDriverPrivateFree(remoteDriverPrivate *priv)
{
    if (!priv)
        return;
    remoteClientFree(priv->client);
    if (priv->events)
        virDomainEventStateFree(priv->events);
    g_hash_table_destroy(priv->callbackEvents);
    remoteURIFree(priv->ruri);
    virMutexDestroy(&priv->lock);
    g_free(priv->type);
    g_free(priv);
}

/* The stream ended between calls: the application's close callback. */
static void
remoteDriverClosed(remoteClient *client G_GNUC_UNUSED, int reason, void *opaque)
{
    virConnectPtr conn = opaque;
    virConnectCloseFunc cb;
    void *cbopaque;

    virMutexLock(&conn->lock);
    cb = conn->closeCallback;
    cbopaque = conn->closeOpaque;
    virMutexUnlock(&conn->lock);
    if (cb)
        cb(conn, reason, cbopaque);
}

static void
remoteDriverEvent(remoteClient *client, int proc, void *msg, void *opaque)
{
    virConnectPtr conn = opaque;

    remoteEventDispatch(client, proc, msg, REMOTE_PRIV(conn));
}

/* The daemon must let us in without credentials: virtkit's client knows
 * no SASL or polkit conversation yet. */
static int
remoteCheckAuth(virConnectPtr conn)
{
    vkr_auth_list_ret ret = { { 0 } };
    u_int i;
    bool none = false;

    if (remoteCall(conn, VKR_PROC_AUTH_LIST, NULL, &ret) < 0)
        return -1;
    for (i = 0; i < ret.types.types_len; i++)
        none |= ret.types.types_val[i] == REMOTE_AUTH_NONE;
    none |= ret.types.types_len == 0;
    xdr_free((xdrproc_t)xdr_vkr_auth_list_ret, &ret);
    if (!none) {
        virReportError(VIR_ERR_AUTH_FAILED,
                       _("the daemon on '%s' asks for authentication, which virtkit's client does not support"),
                       REMOTE_PRIV(conn)->ruri->host);
        return -1;
    }
    return 0;
}

/* Whether the daemon answers keepalive messages; asked once.  Returns 1
 * or 0, or -1 with an error. */
static int
remoteServerKeepAlive(virConnectPtr conn)
{
    remoteDriverPrivate *priv = REMOTE_PRIV(conn);
    vkr_int_args args = { .num = REMOTE_FEATURE_PROGRAM_KEEPALIVE };
    vkr_int_ret ret = { 0 };
    int supported;

    virMutexLock(&priv->lock);
    if (priv->serverKeepAlive < 0 &&
        remoteCall(conn, VKR_PROC_CONNECT_SUPPORTS_FEATURE, &args, &ret) == 0)
        priv->serverKeepAlive = ret.num > 0;
    supported = priv->serverKeepAlive;
    virMutexUnlock(&priv->lock);
    return supported;
}

/* libvirt's client: pings only when the application asks
 * (virConnectSetKeepAlive; virsh does, every 5 s, 6 lost close); the
 * daemon's pings are answered whenever the stream is read. */
static int
remoteConnectSetKeepAlive(virConnectPtr conn, int interval, unsigned int count)
{
    remoteDriverPrivate *priv = REMOTE_PRIV(conn);
    int supported;

    if (!remoteClientWatch(priv->client)) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "%s",
                       _("the caller doesn't support keepalive protocol; perhaps it's missing event loop implementation"));
        return -1;
    }
    if ((supported = remoteServerKeepAlive(conn)) <= 0)
        return supported < 0 ? -1 : 1;
    if (interval <= 0) {
        remoteClientStopKeepalive(priv->client);
        return 0;
    }
    if (interval > INT_MAX / 1000) {
        virReportError(VIR_ERR_INTERNAL_ERROR, _("keepalive interval %d too large"), interval);
        return -1;
    }
    return remoteClientStartKeepalive(priv->client, interval, count);
}

static virDrvOpenStatus
remoteConnectOpen(virConnectPtr conn, virURI *uri, virConnectAuthPtr auth G_GNUC_UNUSED,
                  unsigned int flags G_GNUC_UNUSED)
{
    bool readonly = conn->flags & VIR_CONNECT_RO;
    remoteDriverPrivate *priv;
    vkr_connect_open_args args = { .flags = readonly ? VIR_CONNECT_RO : 0 };
    g_autoptr(remoteTLS) tls = NULL;
    pid_t child;
    int fd, errfd;

    if (!uri->transport && !uri->server)
        return VIR_DRV_OPEN_DECLINED;

    priv = g_new0(remoteDriverPrivate, 1);
    virMutexInit(&priv->lock);
    priv->callbackEvents = g_hash_table_new(NULL, NULL);
    priv->serverKeepAlive = -1;
    conn->privateData = priv;
    if (!(priv->ruri = remoteURIParse(uri, readonly)) ||
        (priv->ruri->transport == REMOTE_TRANSPORT_TLS && !(tls = remoteTLSNew(priv->ruri))) ||
        remoteTransportOpen(priv->ruri, readonly, &fd, &errfd, &child) < 0)
        goto error;
    if (tls && remoteTLSStart(tls, priv->ruri, fd) < 0) {
        close(fd);
        goto error;
    }
    priv->client = remoteClientNew(fd, errfd, child, priv->ruri->host);
    if (tls) {
        gnutls_session_t session = remoteTLSSession(tls);

        remoteClientSetTransport(priv->client, &vkrTLSTransport, session,
                                 g_steal_pointer(&tls), (GDestroyNotify)remoteTLSFree);
    }
    priv->events = virDomainEventStateNew();
    remoteClientSetHandlers(priv->client, remoteDriverEvent, remoteDriverClosed, conn);

    args.name = &priv->ruri->name;
    if (remoteCheckAuth(conn) < 0 ||
        remoteCall(conn, VKR_PROC_CONNECT_OPEN, &args, NULL) < 0)
        goto error;
    /* with an event loop, events and the daemon's pings between calls */
    remoteClientWatch(priv->client);
    return VIR_DRV_OPEN_SUCCESS;

 error:
    remoteDriverPrivateFree(priv);
    conn->privateData = NULL;
    return VIR_DRV_OPEN_ERROR;
}

static int
remoteConnectClose(virConnectPtr conn)
{
    remoteDriverPrivate *priv = REMOTE_PRIV(conn);

    if (remoteClientIsAlive(priv->client))
        remoteCall(conn, VKR_PROC_CONNECT_CLOSE, NULL, NULL);
    remoteDriverPrivateFree(priv);
    conn->privateData = NULL;
    return 0;
}

/* ------------------------------------------------------------------ */
/* Shapes of the connection calls */

static int
remoteConnInt(virConnectPtr conn, int proc)
{
    vkr_int_ret ret = { 0 };

    if (remoteCall(conn, proc, NULL, &ret) < 0)
        return -1;
    return ret.num;
}

static char *
remoteConnString(virConnectPtr conn, int proc)
{
    vkr_string_ret ret = { 0 };

    if (remoteCall(conn, proc, NULL, &ret) < 0)
        return NULL;
    return ret.str;
}

static const char *
remoteConnectGetType(virConnectPtr conn)
{
    remoteDriverPrivate *priv = REMOTE_PRIV(conn);
    char *type;

    virMutexLock(&priv->lock);
    if (!priv->type)
        priv->type = remoteConnString(conn, VKR_PROC_CONNECT_GET_TYPE);
    type = priv->type;
    virMutexUnlock(&priv->lock);
    return type;
}

static int
remoteConnectGetVersion(virConnectPtr conn, unsigned long *hvVer)
{
    vkr_uhyper_ret ret = { 0 };

    if (remoteCall(conn, VKR_PROC_CONNECT_GET_VERSION, NULL, &ret) < 0)
        return -1;
    *hvVer = ret.num;
    return 0;
}

static char *
remoteConnectGetHostname(virConnectPtr conn)
{
    return remoteConnString(conn, VKR_PROC_CONNECT_GET_HOSTNAME);
}

static char *
remoteConnectGetCapabilities(virConnectPtr conn)
{
    return remoteConnString(conn, VKR_PROC_CONNECT_GET_CAPABILITIES);
}

static int
remoteConnectGetMaxVcpus(virConnectPtr conn, const char *type)
{
    vkr_connect_get_max_vcpus_args args = { .type = type ? (char **)&type : NULL };
    vkr_int_ret ret = { 0 };

    if (remoteCall(conn, VKR_PROC_CONNECT_GET_MAX_VCPUS, &args, &ret) < 0)
        return -1;
    return ret.num;
}

static int
remoteConnectIsAlive(virConnectPtr conn)
{
    return remoteClientIsAlive(REMOTE_PRIV(conn)->client);
}

static int
remoteConnectIsSecure(virConnectPtr conn)
{
    /* a local socket is as secure as the daemon says; a network stream
     * without TLS is not */
    if (REMOTE_PRIV(conn)->ruri->transport == REMOTE_TRANSPORT_TCP)
        return 0;
    if (REMOTE_PRIV(conn)->ruri->transport != REMOTE_TRANSPORT_UNIX)
        return 1;
    return remoteConnInt(conn, VKR_PROC_CONNECT_IS_SECURE);
}

static int
remoteConnectIsEncrypted(virConnectPtr conn)
{
    return REMOTE_PRIV(conn)->ruri->transport == REMOTE_TRANSPORT_SSH ||
           REMOTE_PRIV(conn)->ruri->transport == REMOTE_TRANSPORT_TLS;
}

static int
remoteConnectNumOfDomains(virConnectPtr conn)
{
    return remoteConnInt(conn, VKR_PROC_CONNECT_NUM_OF_DOMAINS);
}

static int
remoteConnectNumOfDefinedDomains(virConnectPtr conn)
{
    return remoteConnInt(conn, VKR_PROC_CONNECT_NUM_OF_DEFINED_DOMAINS);
}

static int
remoteConnectListDomains(virConnectPtr conn, int *ids, int maxids)
{
    vkr_int_args args = { .num = maxids };
    vkr_list_domains_ret ret = { { 0 } };
    int n;

    if (remoteCall(conn, VKR_PROC_CONNECT_LIST_DOMAINS, &args, &ret) < 0)
        return -1;
    n = MIN((int)ret.ids.ids_len, maxids);
    memcpy(ids, ret.ids.ids_val, sizeof(*ids) * n);
    xdr_free((xdrproc_t)xdr_vkr_list_domains_ret, &ret);
    return n;
}

static int
remoteConnectListDefinedDomains(virConnectPtr conn, char **const names, int maxnames)
{
    vkr_int_args args = { .num = maxnames };
    vkr_list_defined_domains_ret ret = { { 0 } };
    int i, n;

    if (remoteCall(conn, VKR_PROC_CONNECT_LIST_DEFINED_DOMAINS, &args, &ret) < 0)
        return -1;
    n = MIN((int)ret.names.names_len, maxnames);
    for (i = 0; i < n; i++)
        names[i] = g_strdup(ret.names.names_val[i]);
    xdr_free((xdrproc_t)xdr_vkr_list_defined_domains_ret, &ret);
    return n;
}

static int
remoteConnectListAllDomains(virConnectPtr conn, virDomainPtr **domains, unsigned int flags)
{
    vkr_list_all_domains_args args = { .need_results = domains != NULL, .flags = flags };
    vkr_list_all_domains_ret ret = { { 0 } };
    u_int i;
    int n;

    if (remoteCall(conn, VKR_PROC_CONNECT_LIST_ALL_DOMAINS, &args, &ret) < 0)
        return -1;
    if (domains) {
        *domains = g_new0(virDomainPtr, ret.domains.domains_len + 1);
        for (i = 0; i < ret.domains.domains_len; i++)
            (*domains)[i] = remoteDomainFromWire(conn, &ret.domains.domains_val[i]);
    }
    n = ret.ret;
    xdr_free((xdrproc_t)xdr_vkr_list_all_domains_ret, &ret);
    return n;
}

/* ------------------------------------------------------------------ */
/* The node */

static int
remoteNodeGetInfo(virConnectPtr conn, virNodeInfoPtr info)
{
    vkr_node_get_info_ret ret = { { 0 } };
    size_t i;

    if (remoteCall(conn, VKR_PROC_NODE_GET_INFO, NULL, &ret) < 0)
        return -1;
    for (i = 0; i < sizeof(info->model); i++)
        info->model[i] = ret.model[i];
    info->model[sizeof(info->model) - 1] = '\0';
    info->memory = ret.memory;
    info->cpus = ret.cpus;
    info->mhz = ret.mhz;
    info->nodes = ret.nodes;
    info->sockets = ret.sockets;
    info->cores = ret.cores;
    info->threads = ret.threads;
    return 0;
}

static unsigned long long
remoteNodeGetFreeMemory(virConnectPtr conn)
{
    vkr_uhyper_ret ret = { 0 };

    if (remoteCall(conn, VKR_PROC_NODE_GET_FREE_MEMORY, NULL, &ret) < 0)
        return 0;
    return ret.num;
}

static int
remoteNodeGetCellsFreeMemory(virConnectPtr conn, unsigned long long *freeMems,
                             int startCell, int maxCells)
{
    vkr_node_get_cells_free_memory_args args = { .start_cell = startCell, .max_cells = maxCells };
    vkr_node_get_cells_free_memory_ret ret = { { 0 } };
    int i, n;

    if (remoteCall(conn, VKR_PROC_NODE_GET_CELLS_FREE_MEMORY, &args, &ret) < 0)
        return -1;
    n = MIN((int)ret.cells.cells_len, maxCells);
    for (i = 0; i < n; i++)
        freeMems[i] = ret.cells.cells_val[i];
    xdr_free((xdrproc_t)xdr_vkr_node_get_cells_free_memory_ret, &ret);
    return n;
}

static int
remoteNodeGetCPUMap(virConnectPtr conn, unsigned char **cpumap, unsigned int *online,
                    unsigned int flags)
{
    vkr_node_get_cpu_map_args args = {
        .need_map = cpumap != NULL, .need_online = online != NULL, .flags = flags,
    };
    vkr_node_get_cpu_map_ret ret = { { 0 } };

    if (remoteCall(conn, VKR_PROC_NODE_GET_CPU_MAP, &args, &ret) < 0)
        return -1;
    if (cpumap) {
        *cpumap = g_malloc0(MAX(ret.cpumap.cpumap_len, 1));
        memcpy(*cpumap, ret.cpumap.cpumap_val, ret.cpumap.cpumap_len);
    }
    if (online)
        *online = ret.online;
    xdr_free((xdrproc_t)xdr_vkr_node_get_cpu_map_ret, &ret);
    return ret.ret;
}

static int
remoteNodeGetMemoryStats(virConnectPtr conn, int cellNum, virNodeMemoryStatsPtr params,
                         int *nparams, unsigned int flags)
{
    vkr_node_get_memory_stats_args args = {
        .nparams = *nparams, .cell_num = cellNum, .flags = flags,
    };
    vkr_node_get_memory_stats_ret ret = { { 0 } };
    int i, n;

    if (remoteCall(conn, VKR_PROC_NODE_GET_MEMORY_STATS, &args, &ret) < 0)
        return -1;
    if (*nparams == 0) {
        *nparams = ret.nparams;
    } else {
        n = MIN((int)ret.params.params_len, *nparams);
        for (i = 0; i < n; i++) {
            g_strlcpy(params[i].field, ret.params.params_val[i].field, sizeof(params[i].field));
            params[i].value = ret.params.params_val[i].value;
        }
        *nparams = n;
    }
    xdr_free((xdrproc_t)xdr_vkr_node_get_memory_stats_ret, &ret);
    return 0;
}

static int
remoteNodeGetSecurityModel(virConnectPtr conn, virSecurityModelPtr secmodel)
{
    vkr_node_get_security_model_ret ret = { { 0 } };

    if (remoteCall(conn, VKR_PROC_NODE_GET_SECURITY_MODEL, NULL, &ret) < 0)
        return -1;
    memset(secmodel, 0, sizeof(*secmodel));
    memcpy(secmodel->model, ret.model.model_val,
           MIN(ret.model.model_len, sizeof(secmodel->model) - 1));
    memcpy(secmodel->doi, ret.doi.doi_val, MIN(ret.doi.doi_len, sizeof(secmodel->doi) - 1));
    xdr_free((xdrproc_t)xdr_vkr_node_get_security_model_ret, &ret);
    return 0;
}

static const char *const remoteSchemes[] = { "remote", NULL };

virHypervisorDriver remoteHypervisorDriver = {
    .name = "remote",
    .uriSchemes = remoteSchemes,
    .connectOpen = remoteConnectOpen,
    .connectClose = remoteConnectClose,

    .connectGetType = remoteConnectGetType,
    .connectGetVersion = remoteConnectGetVersion,
    .connectGetHostname = remoteConnectGetHostname,
    .connectGetCapabilities = remoteConnectGetCapabilities,
    .connectGetMaxVcpus = remoteConnectGetMaxVcpus,
    .connectIsAlive = remoteConnectIsAlive,
    .connectSetKeepAlive = remoteConnectSetKeepAlive,
    .connectIsSecure = remoteConnectIsSecure,
    .connectIsEncrypted = remoteConnectIsEncrypted,
    .connectNumOfDomains = remoteConnectNumOfDomains,
    .connectListDomains = remoteConnectListDomains,
    .connectNumOfDefinedDomains = remoteConnectNumOfDefinedDomains,
    .connectListDefinedDomains = remoteConnectListDefinedDomains,
    .connectListAllDomains = remoteConnectListAllDomains,

    .nodeGetInfo = remoteNodeGetInfo,
    .nodeGetFreeMemory = remoteNodeGetFreeMemory,
    .nodeGetCellsFreeMemory = remoteNodeGetCellsFreeMemory,
    .nodeGetCPUMap = remoteNodeGetCPUMap,
    .nodeGetMemoryStats = remoteNodeGetMemoryStats,
    .nodeGetMemoryParameters = remoteNodeGetMemoryParameters,
    .nodeSetMemoryParameters = remoteNodeSetMemoryParameters,
    .nodeGetSecurityModel = remoteNodeGetSecurityModel,

    .domainLookupByID = remoteDomainLookupByID,
    .domainLookupByName = remoteDomainLookupByName,
    .domainLookupByUUID = remoteDomainLookupByUUID,

    .domainDefineXMLFlags = remoteDomainDefineXMLFlags,
    .domainUndefineFlags = remoteDomainUndefineFlags,
    .domainRename = remoteDomainRename,
    .domainCreateXML = remoteDomainCreateXML,
    .domainCreateWithFlags = remoteDomainCreateWithFlags,
    .domainShutdownFlags = remoteDomainShutdownFlags,
    .domainReboot = remoteDomainReboot,
    .domainReset = remoteDomainReset,
    .domainDestroyFlags = remoteDomainDestroyFlags,
    .domainSuspend = remoteDomainSuspend,
    .domainResume = remoteDomainResume,
    .domainSaveFlags = remoteDomainSaveFlags,
    .domainRestoreFlags = remoteDomainRestoreFlags,
    .domainManagedSave = remoteDomainManagedSave,
    .domainHasManagedSaveImage = remoteDomainHasManagedSaveImage,
    .domainManagedSaveRemove = remoteDomainManagedSaveRemove,
    .domainGetAutostart = remoteDomainGetAutostart,
    .domainSetAutostart = remoteDomainSetAutostart,

    .domainGetInfo = remoteDomainGetInfo,
    .domainGetState = remoteDomainGetState,
    .domainGetXMLDesc = remoteDomainGetXMLDesc,
    .domainGetMetadata = remoteDomainGetMetadata,
    .domainSetMetadata = remoteDomainSetMetadata,
    .domainGetOSType = remoteDomainGetOSType,
    .domainGetMessages = remoteDomainGetMessages,
    .domainGetSecurityLabel = remoteDomainGetSecurityLabel,
    .domainIsActive = remoteDomainIsActive,
    .domainIsPersistent = remoteDomainIsPersistent,
    .domainIsUpdated = remoteDomainIsUpdated,

    .domainAttachDeviceFlags = remoteDomainAttachDeviceFlags,
    .domainDetachDeviceFlags = remoteDomainDetachDeviceFlags,
    .domainUpdateDeviceFlags = remoteDomainUpdateDeviceFlags,
    .domainDetachDeviceAlias = remoteDomainDetachDeviceAlias,

    .domainGetMaxMemory = remoteDomainGetMaxMemory,
    .domainSetMemoryFlags = remoteDomainSetMemoryFlags,
    .domainSetVcpusFlags = remoteDomainSetVcpusFlags,
    .domainSetMemoryStatsPeriod = remoteDomainSetMemoryStatsPeriod,
    .domainGetVcpusFlags = remoteDomainGetVcpusFlags,
    .domainPinVcpuFlags = remoteDomainPinVcpuFlags,
    .domainGetVcpuPinInfo = remoteDomainGetVcpuPinInfo,
    .domainGetVcpus = remoteDomainGetVcpus,

    .domainGetSchedulerType = remoteDomainGetSchedulerType,
    .domainGetSchedulerParametersFlags = remoteDomainGetSchedulerParametersFlags,
    .domainSetSchedulerParametersFlags = remoteDomainSetSchedulerParametersFlags,
    .domainGetMemoryParameters = remoteDomainGetMemoryParameters,
    .domainSetMemoryParameters = remoteDomainSetMemoryParameters,
    .domainGetBlkioParameters = remoteDomainGetBlkioParameters,
    .domainSetBlkioParameters = remoteDomainSetBlkioParameters,

    .domainMemoryStats = remoteDomainMemoryStats,
    .domainGetCPUStats = remoteDomainGetCPUStats,
    .connectGetAllDomainStats = remoteConnectGetAllDomainStats,
    .domainSendKey = remoteDomainSendKey,

    /* virtkit's own calls; not domainEnter and domainLeave, which move the
     * calling process (remote_virtkit.c) */
    .domainSetMemorySharing = remoteDomainSetMemorySharing,
    .domainGetMemorySharing = remoteDomainGetMemorySharing,
    .nodeMemoryDedup = remoteNodeMemoryDedup,
    .connectGetHypervisorLog = remoteConnectGetHypervisorLog,

    .connectDomainEventRegister = remoteConnectDomainEventRegister,
    .connectDomainEventDeregister = remoteConnectDomainEventDeregister,
    .connectDomainEventRegisterAny = remoteConnectDomainEventRegisterAny,
    .connectDomainEventDeregisterAny = remoteConnectDomainEventDeregisterAny,
};
