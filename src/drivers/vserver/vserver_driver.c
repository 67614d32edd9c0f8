/*
 * vserver_driver.c: the VServer driver's table, connections and host
 *
 * URIs:
 *   vserver:///system              root only; configuration in
 *                                  /etc/virtkit/vserver, run-time state in
 *                                  /run/virtkit/vserver
 *   vserver:///embed?root=DIR      the same under DIR (managing contexts
 *                                  still needs CAP_SYS_ADMIN)
 * Parameter of both:
 *   shutdown_timeout=SECONDS       how long a shutdown waits for the
 *                                  context to end (10)
 *
 * Opening a connection asks the kernel for its version (the binding picks
 * the encoding from the answer): a kernel without Linux-VServer fails the
 * open, before anything is written.  Every connection to the same root
 * shares one driver state.  The host probe (virConnectOpen(NULL)) picks
 * vserver:///system on a VServer kernel, for root.
 */
#include "internal.h"

#include <unistd.h>

#include "capabilities.h"
#include "domain_events.h"
#include "domain_lifecycle.h"
#include "domain_metadata.h"
#include "domain_rename.h"
#include "domain_query.h"
#include "domain_stats.h"
#include "domain_sync.h"
#include "domain_update.h"
#include "domain_driver_table.h"
#include "driver.h"
#include "driver_registry.h"
#include "node_host.h"
#include "vserver_def.h"
#include "vserver_info.h"
#include "vserver_lifecycle.h"
#include "vserver_tune.h"
#include "virerror.h"
#include "virhostcpu.h"

#define VIR_FROM_THIS VIR_FROM_VSERVER

static virDriverRegistry vserverRegistry = VIR_DRIVER_REGISTRY_INITIALIZER;

static const int vserverVirtTypes[] = { VIR_DOMAIN_VIRT_VSERVER, -1 };
static const int vserverOSTypes[] = { VIR_DOMAIN_OSTYPE_EXE, -1 };

/* What a context adds to the shared flows; a reboot is the shared
 * layer's stop and start. */
static const virDomainDriverHooks vserverHooks = {
    .start = vserverDomainHookStart,
    .stop = vserverDomainHookStop,
    .freeze = vserverDomainHookFreeze,
    .shutdown = vserverDomainHookShutdown,
    .terminate = vserverDomainHookTerminate,
    .checkChange = vserverDomainHookCheckChange,
    .syncDef = vserverDomainHookSyncDef,
    .applyLive = vserverDomainHookApplyLive,
    .stillRunning = vserverDomainHookStillRunning,
    .state = vserverDomainHookState,
    .stats = vserverDomainHookStats,
    .memoryStats = vserverDomainHookMemoryStats,
};

VIR_DOMAIN_DRIVER_BASE_FIRST(vserverDriver);

static void
vserverDriverFree(vserverDriver *driver)
{
    if (!driver)
        return;
    virDomainDriverBaseClear(&driver->base);
    vserverBindingFree(driver->binding);
    g_free(driver);
}

/* libvirt's version numbers of the kernel's interface: 2.3.1 is 2003001. */
static unsigned long
vserverKernelVersion(vserverBinding *b)
{
    uint32_t v = vserverBindingGetVersion(b);

    if (vserverBindingGetAbi(b) == VSERVER_ABI_V2)
        return (v >> 16) * 1000000 + ((v >> 8) & 0xFF) * 1000 + (v & 0xFF);
    return (v >> 16) * 1000000 + (v & 0xFFFF) * 1000;
}

static vserverDriver *
vserverDriverNew(vserverBinding *binding, unsigned int shutdownTimeoutMs)
{
    vserverDriver *driver = g_new0(vserverDriver, 1);

    virDomainDriverBaseInit(&driver->base, VIR_FROM_VSERVER, &vserverHooks);
    driver->binding = binding;
    driver->shutdownTimeoutMs = shutdownTimeoutMs;
    driver->pageSize = sysconf(_SC_PAGESIZE);
    driver->base.keepStatus = true;
    driver->base.pollRunning = true;
    driver->base.idName = "context";
    driver->base.typeName = "VServer";
    driver->base.hvVersion = vserverKernelVersion(binding);
    driver->base.maxVcpus = VIR_DOMAIN_MAX_VCPUS;
    driver->base.shutdownFlags = VIR_DOMAIN_SHUTDOWN_SIGNAL;
    driver->base.rebootFlags = VIR_DOMAIN_REBOOT_SIGNAL;
    driver->base.hostcpus = MAX(sysconf(_SC_NPROCESSORS_ONLN), 1);
    driver->base.statsGroups = VSERVER_STATS_GROUPS;
    driver->base.xmlopt = (virDomainXMLOption) {
        .driverName = "vserver",
        .virtTypes = vserverVirtTypes,
        .osTypes = vserverOSTypes,
        .defaultOSType = VIR_DOMAIN_OSTYPE_EXE,
        .fixedId = true,
        .ns = &vserverXMLNamespace,
        .postParse = vserverDefPostParse,
        .opaque = &driver->pageSize,
    };
    return driver;
}

typedef struct {
    unsigned int shutdownTimeoutMs;
} vserverOpenOptions;

/* The kernel first: on a kernel without VServer nothing is written. */
static virDomainDriverBase *
vserverDriverCreate(const char *root, void *opaque)
{
    const vserverOpenOptions *opts = opaque;
    vserverBinding *binding;
    vserverDriver *driver;

    if (!(binding = vserverBindingOpen(&vserverSyscallKernel, NULL)))
        return NULL;
    driver = vserverDriverNew(binding, opts->shutdownTimeoutMs);
    if (!(driver->base.store = virDomainStoreNew(root, "vserver")) ||
        virDomainDriverLoad(&driver->base) < 0) {
        vserverDriverFree(driver);
        return NULL;
    }
    return &driver->base;
}

static void
vserverDriverRelease(virDomainDriverBase *base)
{
    vserverDriverFree(vserverDriverFromBase(base));
}

static virDrvOpenStatus
vserverConnectOpen(virConnectPtr conn, virURI *uri, virConnectAuthPtr auth G_GNUC_UNUSED,
                   unsigned int flags)
{
    static const char *const params[] = { "shutdown_timeout", NULL };
    vserverOpenOptions opts = { VSERVER_SHUTDOWN_TIMEOUT_MS };
    virDrvOpenStatus status;
    const char *root;

    virCheckFlags(VIR_CONNECT_RO | VIR_CONNECT_NO_ALIASES, VIR_DRV_OPEN_ERROR);
    if ((status = virDriverParseRootURI(uri, params, &root)) != VIR_DRV_OPEN_SUCCESS)
        return status;
    if (virDriverGetSecondsParam(uri, "shutdown_timeout", VSERVER_SHUTDOWN_TIMEOUT_MAX,
                                 &opts.shutdownTimeoutMs) < 0)
        return VIR_DRV_OPEN_ERROR;
    return virDriverRegistryConnect(conn, &vserverRegistry, root, "", vserverDriverCreate,
                                    &opts, vserverDriverRelease);
}

/* A VServer kernel answers the version query; any other one does not. */
static int
vserverConnectURIProbe(char **uri)
{
    g_autoptr(vserverBinding) binding = NULL;

    *uri = NULL;
    if (geteuid() != 0)
        return 0;
    if ((binding = vserverBindingOpen(&vserverSyscallKernel, NULL)))
        *uri = g_strdup("vserver:///system");
    virResetLastError();
    return 0;
}

static char *
vserverConnectGetCapabilities(virConnectPtr conn)
{
    vserverDriver *driver = vserverDriverFromConn(conn);
    g_autofree char *kernel = NULL;
    virCaps caps = { 0 };
    virCapsGuest guest = { "exe", NULL, 8 * sizeof(void *), NULL, "vserver" };

    if (virHostCPUGetNodeInfo(&caps.node) < 0)
        return NULL;
    caps.arch = guest.arch = caps.node.model;
    caps.nguests = 1;
    caps.guests = &guest;
    kernel = g_strdup_printf("<vserver:kernel xmlns:vserver='" VSERVER_NS_URI "' abi='%s' version='0x%08x'/>\n",
                             vserverAbiName(vserverBindingGetAbi(driver->binding)),
                             vserverBindingGetVersion(driver->binding));
    caps.hostExtraXML = kernel;
    return virCapabilitiesFormat(&caps);
}

static int
vserverConnectGetMaxVcpus(virConnectPtr conn, const char *type)
{
    if (type && g_ascii_strcasecmp(type, "vserver") != 0) {
        virReportError(VIR_ERR_INVALID_ARG, _("unknown domain type '%s' for the VServer driver"),
                       type);
        return -1;
    }
    return vserverDriverFromConn(conn)->base.hostcpus;
}

static const char *const vserverSchemes[] = { "vserver", NULL };

virHypervisorDriver vserverHypervisorDriver = {
    .name = "vserver",
    VIR_DOMAIN_DRIVER_SHARED_METHODS,
    .uriSchemes = vserverSchemes,
    .connectURIProbe = vserverConnectURIProbe,
    .connectOpen = vserverConnectOpen,
    .connectGetCapabilities = vserverConnectGetCapabilities,
    .connectGetMaxVcpus = vserverConnectGetMaxVcpus,
    .nodeGetInfo = sharedNodeGetInfo,
    .nodeGetFreeMemory = sharedNodeGetFreeMemory,
    .nodeGetCPUMap = sharedNodeGetCPUMap,
    .nodeGetMemoryStats = sharedNodeGetMemoryStats,
    .nodeGetMemoryParameters = sharedNodeGetMemoryParameters,
    .nodeSetMemoryParameters = sharedNodeSetMemoryParameters,
    .domainGetInfo = vserverDomainGetInfo,
    .domainGetState = vserverDomainGetState,
    .domainGetOSType = sharedDomainGetOSType,
    .domainGetCPUStats = vserverDomainGetCPUStats,
    .domainGetVcpus = vserverDomainGetVcpus,
    .domainGetSchedulerType = vserverDomainGetSchedulerType,
    .domainGetSchedulerParametersFlags = vserverDomainGetSchedulerParametersFlags,
    .domainSetSchedulerParametersFlags = vserverDomainSetSchedulerParametersFlags,
    .domainGetMemoryParameters = vserverDomainGetMemoryParameters,
    .domainSetMemoryParameters = vserverDomainSetMemoryParameters,
    .domainEnter = vserverDomainEnter,
    .domainLeave = vserverDomainLeave,
};
