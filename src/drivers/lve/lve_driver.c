/*
 * lve_driver.c: the LVE driver's table, connections and host
 *
 * URIs:
 *   lve:///system              root only; configuration in /etc/virtkit/lve,
 *                              run-time state in /run/virtkit/lve
 *   lve:///embed?root=DIR      the same under DIR, for any user (starting
 *                              LVEs still needs the right to do so)
 * Parameters of both:
 *   backend=liblve|cgroup      which backend asks the kernel; the default is
 *                              $VIRTKIT_LVE_BACKEND, else liblve where it is
 *                              installed, else cgroups
 *   cgroup_parent=PATH         where LVE groups live: "/abs" in every
 *                              hierarchy, or "rel" under this process's own
 *                              group (default /virtkit-lve; liblve: "/")
 *   cgroup_mode=v1|v2          the cgroup version (default: v1 when its
 *                              controllers are mounted)
 *   shutdown_timeout=SECONDS   how long a graceful destroy waits after SIGTERM (10)
 *
 * Every connection to the same root shares one driver state; the
 * capabilities XML says which backend it uses (<lve:backend>).  The host
 * probe (virConnectOpen(NULL)) picks lve:///system only on a CloudLinux
 * host: /proc/lve present and liblve working.
 */
#include "internal.h"

#include <unistd.h>

#include "capabilities.h"
#include "domain_events.h"
#include "domain_lifecycle.h"
#include "domain_metadata.h"
#include "domain_rename.h"
#include "domain_stats.h"
#include "domain_query.h"
#include "domain_sync.h"
#include "domain_update.h"
#include "domain_driver_table.h"
#include "driver.h"
#include "driver_registry.h"
#include "lve_dedup.h"
#include "lve_defaults.h"
#include "lve_enter.h"
#include "lve_events.h"
#include "lve_info.h"
#include "lve_lifecycle.h"
#include "lve_params.h"
#include "lve_run.h"
#include "lve_stats.h"
#include "lve_tune.h"
#include "lve_vcpu.h"
#include "node_host.h"
#include "virerror.h"
#include "virhostcpu.h"
#include "virstring.h"

#define VIR_FROM_THIS VIR_FROM_LVE

static virDriverRegistry lveRegistry = VIR_DRIVER_REGISTRY_INITIALIZER;

static const int lveVirtTypes[] = { VIR_DOMAIN_VIRT_LVE, -1 };
static const int lveOSTypes[] = { VIR_DOMAIN_OSTYPE_EXE, -1 };

/* What an LVE adds to the shared flows. */
static const virDomainDriverHooks lveHooks = {
    .start = lveDomainHookStart,
    .stop = lveDomainHookStop,
    .freeze = lveDomainHookFreeze,
    .shutdown = lveDomainHookShutdown,
    .terminate = lveDomainHookTerminate,
    .restart = lveDomainHookRestart,
    .checkChange = lveDomainHookCheckChange,
    .syncDef = lveDomainHookSyncDef,
    .applyLive = lveDomainHookApplyLive,
    .stillRunning = lveDomainHookStillRunning,
    .fate = lveDomainHookFate,
    .reconcile = lveDomainHookReconcile,
    .sharedPages = lveDomainHookSharedPages,
    .stats = lveDomainHookStats,
    .memoryStats = lveDomainHookMemoryStats,
    .watchEvents = lveDomainHookWatchEvents,
    .watchDomain = lveDomainHookWatchDomain,
};

static void
lveDriverFree(lveDriver *driver)
{
    if (!driver)
        return;
    if (driver->backend)
        lveDomainUnwatchAll(driver);
    virDomainDriverBaseClear(&driver->base);
    lveBackendFree(driver->backend);
    virDomainOwnersFree(driver->owners);
    virMutexDestroy(&driver->lock);
    virMutexDestroy(&driver->watchLock);
    g_clear_pointer(&driver->watches, g_hash_table_unref);
    g_free(driver->defaultsPath);
    g_free(driver);
}

VIR_DOMAIN_DRIVER_BASE_FIRST(lveDriver);

/* What a connection asks for: its root and how to reach the kernel. */
typedef struct {
    const char *root;
    const char *uri;                /* the root's, for messages */
    const char *backend;
    lveBackendConfig config;
    unsigned int shutdownTimeoutMs;
} lveOpenOptions;

static lveDriver *
lveDriverNew(const lveOpenOptions *opts)
{
    lveDriver *driver = g_new0(lveDriver, 1);

    virMutexInit(&driver->lock);
    virMutexInit(&driver->watchLock);
    driver->watches = g_hash_table_new(g_direct_hash, g_direct_equal);
    virDomainDriverBaseInit(&driver->base, VIR_FROM_LVE, &lveHooks);
    driver->base.keepStatus = true;
    driver->base.idName = "LVE";
    driver->base.typeName = "LVE";
    driver->base.maxVcpus = LVE_MAX_VCPUS;
    driver->base.statsGroups = LVE_STATS_GROUPS;
    driver->base.shutdownFlags = VIR_DOMAIN_SHUTDOWN_SIGNAL;
    driver->base.rebootFlags = VIR_DOMAIN_REBOOT_SIGNAL;
    driver->base.hostcpus = MAX(sysconf(_SC_NPROCESSORS_ONLN), 1);
    driver->base.xmlopt = (virDomainXMLOption) {
        .driverName = "lve",
        .virtTypes = lveVirtTypes,
        .osTypes = lveOSTypes,
        .defaultOSType = VIR_DOMAIN_OSTYPE_EXE,
        .maxVcpus = LVE_MAX_VCPUS,
        .fixedId = true,
        .ns = &lveXMLNamespace,
        .postParse = lveDomainDefPostParse,
        .opaque = &driver->base.hostcpus,
    };
    driver->shutdownTimeoutMs = opts->shutdownTimeoutMs;
    return driver;
}

static virDomainDriverBase *
lveDriverCreate(const char *root, void *opaque)
{
    lveOpenOptions *opts = opaque;
    lveDriver *driver = lveDriverNew(opts);

    if (!(driver->base.store = virDomainStoreNew(root, "lve")))
        goto error;
    driver->defaultsPath = g_build_filename(virDomainStoreConfigDir(driver->base.store),
                                            "defaults", "limits.xml", NULL);
    opts->config.stateDir = virDomainStoreStateDir(driver->base.store);
    opts->config.root = root;
    if (!(driver->backend = lveBackendOpen(opts->backend, &opts->config)))
        goto error;
    /* what runs the LVEs, not virtkit: "Running hypervisor" in virsh */
    driver->base.hvVersion = driver->backend->ops->version(driver->backend);
    if (!(driver->owners = virDomainOwnersNew("lve", root, opts->uri)) ||
        lveDriverLoadDefaults(driver) < 0 ||
        virDomainDriverLoad(&driver->base) < 0)
        goto error;
    return &driver->base;

 error:
    lveDriverFree(driver);
    return NULL;
}

static void
lveDriverRelease(virDomainDriverBase *base)
{
    lveDriverFree(lveDriverFromBase(base));
}

static virDrvOpenStatus
lveParseOpenOptions(virURI *uri, lveOpenOptions *opts)
{
    static const char *const params[] = {
        "backend", "cgroup_parent", "cgroup_mode", "shutdown_timeout", NULL
    };
    const char *timeout = virURIGetParam(uri, "shutdown_timeout");
    const char *mode = virURIGetParam(uri, "cgroup_mode");
    unsigned int secs = LVE_SHUTDOWN_TIMEOUT_MS / 1000;
    virDrvOpenStatus status;

    if ((status = virDriverParseRootURI(uri, params, &opts->root)) != VIR_DRV_OPEN_SUCCESS)
        return status;
    if (mode && STRNEQ(mode, "v1") && STRNEQ(mode, "v2")) {
        virReportError(VIR_ERR_INVALID_ARG, _("cgroup_mode must be v1 or v2, not '%s'"), mode);
        return VIR_DRV_OPEN_ERROR;
    }
    if (timeout && (virStrToUInt(timeout, &secs) < 0 || secs > 3600)) {
        virReportError(VIR_ERR_INVALID_ARG,
                       _("shutdown_timeout must be 0 to 3600 seconds, not '%s'"), timeout);
        return VIR_DRV_OPEN_ERROR;
    }
    opts->backend = virURIGetParam(uri, "backend");
    if (!opts->backend && g_getenv("VIRTKIT_LVE_BACKEND") && *g_getenv("VIRTKIT_LVE_BACKEND"))
        opts->backend = g_getenv("VIRTKIT_LVE_BACKEND");
    opts->config.cgroupParent = virURIGetParam(uri, "cgroup_parent");
    opts->config.cgroupMode = mode;
    opts->shutdownTimeoutMs = secs * 1000;
    return VIR_DRV_OPEN_SUCCESS;
}

static virDrvOpenStatus
lveConnectOpen(virConnectPtr conn, virURI *uri, virConnectAuthPtr auth G_GNUC_UNUSED,
               unsigned int flags)
{
    lveOpenOptions opts = { 0 };
    g_autofree char *embedUri = NULL;
    g_autofree char *options = NULL;
    virDrvOpenStatus status;

    virCheckFlags(VIR_CONNECT_RO | VIR_CONNECT_NO_ALIASES, VIR_DRV_OPEN_ERROR);
    if ((status = lveParseOpenOptions(uri, &opts)) != VIR_DRV_OPEN_SUCCESS)
        return status;
    opts.uri = STREQ(uri->path, "/system") ? "lve:///system" :
               (embedUri = g_strdup_printf("lve:///embed?root=%s", opts.root));
    options = g_strdup_printf("backend=%s cgroup_parent=%s cgroup_mode=%s",
                              NULLSTR(opts.backend), NULLSTR(opts.config.cgroupParent),
                              NULLSTR(opts.config.cgroupMode));
    return virDriverRegistryConnect(conn, &lveRegistry, opts.root, options, lveDriverCreate,
                                    &opts, lveDriverRelease);
}

/* Only a CloudLinux host (LVE kernel module and liblve) is an LVE host:
 * anywhere else, an LVE URI must be asked for. */
static int
lveConnectURIProbe(char **uri)
{
    *uri = NULL;
    if (geteuid() == 0 && lveLiblveAvailable())
        *uri = g_strdup("lve:///system");
    return 0;
}

static char *
lveConnectGetCapabilities(virConnectPtr conn)
{
    lveDriver *driver = lveDriverFromConn(conn);
    g_autoptr(GString) extra = g_string_new(NULL);
    virCaps caps = { 0 };
    virCapsGuest guest = { "exe", NULL, 8 * sizeof(void *), NULL, "lve" };

    if (virHostCPUGetNodeInfo(&caps.node) < 0)
        return NULL;
    caps.arch = caps.node.model;
    guest.arch = caps.node.model;
    caps.nguests = 1;
    caps.guests = &guest;
    driver->backend->ops->formatCaps(driver->backend, extra);
    caps.hostExtraXML = extra->str;
    return virCapabilitiesFormat(&caps);
}

static int
lveConnectGetMaxVcpus(virConnectPtr conn, const char *type)
{
    if (type && g_ascii_strcasecmp(type, "lve") != 0) {
        virReportError(VIR_ERR_INVALID_ARG, _("unknown domain type '%s' for the LVE driver"), type);
        return -1;
    }
    return lveDriverFromConn(conn)->base.hostcpus;
}

static const char *const lveSchemes[] = { "lve", NULL };

virHypervisorDriver lveHypervisorDriver = {
    .name = "lve",
    VIR_DOMAIN_DRIVER_SHARED_METHODS,
    .uriSchemes = lveSchemes,
    .connectURIProbe = lveConnectURIProbe,
    .connectOpen = lveConnectOpen,
    .connectGetCapabilities = lveConnectGetCapabilities,
    .connectGetMaxVcpus = lveConnectGetMaxVcpus,
    .nodeGetInfo = sharedNodeGetInfo,
    .nodeGetFreeMemory = sharedNodeGetFreeMemory,
    .nodeGetCPUMap = sharedNodeGetCPUMap,
    .nodeGetMemoryStats = sharedNodeGetMemoryStats,
    .nodeGetMemoryParameters = lveNodeGetMemoryParameters,
    .nodeSetMemoryParameters = lveNodeSetMemoryParameters,
    .nodeMemoryDedup = lveNodeMemoryDedup,
    .domainGetInfo = lveDomainGetInfo,
    .domainGetState = sharedDomainGetState,
    .domainGetOSType = sharedDomainGetOSType,
    .domainGetControlInfo = sharedDomainGetControlInfo,
    .domainGetCPUStats = lveDomainGetCPUStats,
    .domainGetVcpus = lveDomainGetVcpus,
    .domainGetSchedulerType = lveDomainGetSchedulerType,
    .domainGetSchedulerParametersFlags = lveDomainGetSchedulerParametersFlags,
    .domainSetSchedulerParametersFlags = lveDomainSetSchedulerParametersFlags,
    .domainGetMemoryParameters = lveDomainGetMemoryParameters,
    .domainSetMemoryParameters = lveDomainSetMemoryParameters,
    .domainGetBlkioParameters = lveDomainGetBlkioParameters,
    .domainSetBlkioParameters = lveDomainSetBlkioParameters,
    .domainEnter = lveDomainEnter,
    .domainLeave = lveDomainLeave,
    .domainSetMemorySharing = sharedDomainSetMemorySharing,
    .domainGetMemorySharing = sharedDomainGetMemorySharing,
};
