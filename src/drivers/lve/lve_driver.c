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
 *   shutdown_timeout=SECONDS   grace between SIGTERM and SIGKILL (10)
 *
 * Every connection to the same root shares one driver state; the
 * capabilities XML says which backend it uses (<lve:backend>).  The host
 * probe (virConnectOpen(NULL)) picks lve:///system only on a CloudLinux
 * host: /proc/lve present and liblve working.
 */
#include "internal.h"

#include <unistd.h>

#include "capabilities.h"
#include "driver.h"
#include "lve_domain.h"
#include "lve_private.h"
#include "virerror.h"
#include "virhostcpu.h"
#include "virstring.h"

#define VIR_FROM_THIS VIR_FROM_NONE

static GMutex lveDriversLock;
static GHashTable *lveDrivers;      /* root -> lveDriver */

static const int lveVirtTypes[] = { VIR_DOMAIN_VIRT_LVE, -1 };
static const int lveOSTypes[] = { VIR_DOMAIN_OSTYPE_EXE, -1 };

static void
lveDriverFree(lveDriver *driver)
{
    if (!driver)
        return;
    virDomainObjListFree(driver->base.domains);
    virDomainStoreFree(driver->base.store);
    lveBackendFree(driver->backend);
    if (driver->ids)
        g_hash_table_destroy(driver->ids);
    g_mutex_clear(&driver->lock);
    g_free(driver->defaultsPath);
    g_free(driver->options);
    g_free(driver->key);
    g_free(driver);
}

VIR_DOMAIN_DRIVER_BASE_FIRST(lveDriver);

/* What an LVE adds to the shared define, undefine and create: its id is
 * claimed and released with its place in the list, and a running one's
 * status is written in full before its configuration changes. */
static virDomainObj *
lveHookObjAdd(virDomainDriverBase *base, virDomainDef *def, bool *existing)
{
    return lveDomainObjAdd((lveDriver *)base, def, existing);
}

static void
lveHookObjRemove(virDomainDriverBase *base, virDomainObj *obj)
{
    lveDomainObjRemove((lveDriver *)base, obj);
}

static int
lveHookConfigChanging(virDomainDriverBase *base, virDomainObj *obj)
{
    return lveDomainDetachStatus((lveDriver *)base, obj);
}

static int
lveHookStartObj(virDomainDriverBase *base, virDomainObj *obj, int reason, bool paused)
{
    return lveDomainStartObj((lveDriver *)base, obj, reason, paused);
}

static const virDomainDriverHooks lveHooks = {
    .objAdd = lveHookObjAdd,
    .objRemove = lveHookObjRemove,
    .configChanging = lveHookConfigChanging,
    .startObj = lveHookStartObj,
};

static lveDriver *
lveDriverCreate(const char *root, lveBackendConfig *config, const char *backend)
{
    lveDriver *driver = g_new0(lveDriver, 1);

    g_mutex_init(&driver->lock);
    driver->refs = 1;
    driver->base.domains = virDomainObjListNew();
    driver->base.errorDomain = VIR_FROM_DOMAIN;
    driver->base.hooks = &lveHooks;
    driver->ids = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, g_free);
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
    if (!(driver->base.store = virDomainStoreNew(root, "lve")))
        goto error;
    driver->defaultsPath = g_build_filename(virDomainStoreConfigDir(driver->base.store),
                                            "defaults", "limits.xml", NULL);
    config->stateDir = virDomainStoreStateDir(driver->base.store);
    if (!(driver->backend = lveBackendOpen(backend, config)) ||
        lveDriverLoadDefaults(driver) < 0)
        goto error;
    lveDomainLoadAll(driver);
    return driver;

 error:
    lveDriverFree(driver);
    return NULL;
}

/* What a connection asks for: its root and how to reach the kernel. */
typedef struct {
    const char *root;
    const char *backend;
    lveBackendConfig config;
    unsigned int shutdownTimeoutMs;
} lveOpenOptions;

static int
lveParseOpenOptions(virURI *uri, lveOpenOptions *opts)
{
    static const char *const systemParams[] = {
        "backend", "cgroup_parent", "cgroup_mode", "shutdown_timeout", NULL
    };
    static const char *const embedParams[] = {
        "root", "backend", "cgroup_parent", "cgroup_mode", "shutdown_timeout", NULL
    };
    const char *timeout = virURIGetParam(uri, "shutdown_timeout");
    const char *mode = virURIGetParam(uri, "cgroup_mode");
    unsigned int secs = LVE_SHUTDOWN_TIMEOUT_MS / 1000;
    bool embed = STREQ(uri->path, "/embed");

    if (!embed && STRNEQ(uri->path, "/system")) {
        virReportError(VIR_ERR_INVALID_ARG,
                       _("unknown LVE driver URI path '%s': use lve:///system or lve:///embed?root=DIR"),
                       uri->path);
        return -1;
    }
    if (virURICheckParams(uri, embed ? embedParams : systemParams) < 0)
        return -1;
    opts->root = embed ? virURIGetParam(uri, "root") : "/";
    if (embed && (!opts->root || !g_path_is_absolute(opts->root))) {
        virReportError(VIR_ERR_INVALID_ARG, "%s",
                       _("lve:///embed needs an absolute root directory: lve:///embed?root=/DIR"));
        return -1;
    }
    if (!embed && geteuid() != 0) {
        virReportError(VIR_ERR_NO_CONNECT, "%s",
                       _("lve:///system is for root; other users can use lve:///embed?root=DIR"));
        return -1;
    }
    if (mode && STRNEQ(mode, "v1") && STRNEQ(mode, "v2")) {
        virReportError(VIR_ERR_INVALID_ARG, _("cgroup_mode must be v1 or v2, not '%s'"), mode);
        return -1;
    }
    if (timeout && (virStrToUInt(timeout, &secs) < 0 || secs > 3600)) {
        virReportError(VIR_ERR_INVALID_ARG,
                       _("shutdown_timeout must be 0 to 3600 seconds, not '%s'"), timeout);
        return -1;
    }
    opts->backend = virURIGetParam(uri, "backend");
    if (!opts->backend && g_getenv("VIRTKIT_LVE_BACKEND") && *g_getenv("VIRTKIT_LVE_BACKEND"))
        opts->backend = g_getenv("VIRTKIT_LVE_BACKEND");
    opts->config.cgroupParent = virURIGetParam(uri, "cgroup_parent");
    opts->config.cgroupMode = mode;
    opts->shutdownTimeoutMs = secs * 1000;
    return 0;
}

static char *
lveOpenOptionsKey(const lveOpenOptions *opts)
{
    return g_strdup_printf("backend=%s cgroup_parent=%s cgroup_mode=%s",
                           NULLSTR(opts->backend), NULLSTR(opts->config.cgroupParent),
                           NULLSTR(opts->config.cgroupMode));
}

/* Finds or creates the shared state for a root; a root is served with
 * one backend at a time. */
static lveDriver *
lveDriverAcquire(lveOpenOptions *opts)
{
    g_autofree char *options = lveOpenOptionsKey(opts);
    lveDriver *driver;

    g_mutex_lock(&lveDriversLock);
    if (!lveDrivers)
        lveDrivers = g_hash_table_new(g_str_hash, g_str_equal);
    if ((driver = g_hash_table_lookup(lveDrivers, opts->root))) {
        if (STRNEQ(driver->options, options)) {
            virReportError(VIR_ERR_OPERATION_INVALID,
                           _("LVE root '%s' is already open in this process with %s; it cannot also be opened with %s"),
                           opts->root, driver->options, options);
            driver = NULL;
        } else {
            driver->refs++;
        }
    } else if ((driver = lveDriverCreate(opts->root, &opts->config, opts->backend))) {
        driver->key = g_strdup(opts->root);
        driver->options = g_steal_pointer(&options);
        driver->shutdownTimeoutMs = opts->shutdownTimeoutMs;
        g_hash_table_insert(lveDrivers, driver->key, driver);
    }
    g_mutex_unlock(&lveDriversLock);
    return driver;
}

static void
lveDriverRelease(lveDriver *driver)
{
    g_mutex_lock(&lveDriversLock);
    if (--driver->refs == 0) {
        g_hash_table_remove(lveDrivers, driver->key);
        lveDriverFree(driver);
    }
    g_mutex_unlock(&lveDriversLock);
}

static virDrvOpenStatus
lveConnectOpen(virConnectPtr conn, virURI *uri, virConnectAuthPtr auth G_GNUC_UNUSED,
               unsigned int flags)
{
    lveOpenOptions opts = { 0 };
    lveDriver *driver;

    virCheckFlags(VIR_CONNECT_RO | VIR_CONNECT_NO_ALIASES, VIR_DRV_OPEN_ERROR);
    if (lveParseOpenOptions(uri, &opts) < 0 || !(driver = lveDriverAcquire(&opts)))
        return VIR_DRV_OPEN_ERROR;
    conn->privateData = driver;
    return VIR_DRV_OPEN_SUCCESS;
}

static int
lveConnectClose(virConnectPtr conn)
{
    lveDriverRelease(lveDriverFromConn(conn));
    conn->privateData = NULL;
    return 0;
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

static const char *
lveConnectGetType(virConnectPtr conn G_GNUC_UNUSED)
{
    return "LVE";
}

static int
lveConnectGetVersion(virConnectPtr conn G_GNUC_UNUSED, unsigned long *hvVer)
{
    *hvVer = VIRTKIT_VERSION_NUMBER;
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

static int
lveConnectIsAlive(virConnectPtr conn G_GNUC_UNUSED)
{
    return 1;
}

/* In-process: nothing crosses a wire. */
static int
lveConnectIsSecure(virConnectPtr conn G_GNUC_UNUSED)
{
    return 1;
}

static int
lveConnectIsEncrypted(virConnectPtr conn G_GNUC_UNUSED)
{
    return 0;
}

static int
lveNodeGetInfo(virConnectPtr conn G_GNUC_UNUSED, virNodeInfoPtr info)
{
    return virHostCPUGetNodeInfo(info);
}

static const char *const lveSchemes[] = { "lve", NULL };

virHypervisorDriver lveHypervisorDriver = {
    .name = "lve",
    .uriSchemes = lveSchemes,
    .connectURIProbe = lveConnectURIProbe,
    .connectOpen = lveConnectOpen,
    .connectClose = lveConnectClose,
    .connectGetType = lveConnectGetType,
    .connectGetVersion = lveConnectGetVersion,
    .connectGetHostname = virDriverConnectGetHostname,
    .connectGetCapabilities = lveConnectGetCapabilities,
    .connectGetMaxVcpus = lveConnectGetMaxVcpus,
    .connectIsAlive = lveConnectIsAlive,
    .connectIsSecure = lveConnectIsSecure,
    .connectIsEncrypted = lveConnectIsEncrypted,
    .connectNumOfDomains = virDriverConnectNumOfDomains,
    .connectListDomains = virDriverConnectListDomains,
    .connectNumOfDefinedDomains = virDriverConnectNumOfDefinedDomains,
    .connectListDefinedDomains = virDriverConnectListDefinedDomains,
    .connectListAllDomains = virDriverConnectListAllDomains,
    .nodeGetInfo = lveNodeGetInfo,
    .nodeGetFreeMemory = lveNodeGetFreeMemory,
    .nodeGetCPUMap = lveNodeGetCPUMap,
    .nodeGetMemoryStats = lveNodeGetMemoryStats,
    .nodeGetMemoryParameters = lveNodeGetMemoryParameters,
    .nodeSetMemoryParameters = lveNodeSetMemoryParameters,
    .domainLookupByID = lveDomainLookupByID,
    .domainLookupByName = virDriverDomainLookupByName,
    .domainLookupByUUID = virDriverDomainLookupByUUID,
    .domainDefineXMLFlags = virDriverDomainDefineXMLFlags,
    .domainUndefineFlags = virDriverDomainUndefineFlags,
    .domainCreateXML = virDriverDomainCreateXML,
    .domainCreateWithFlags = lveDomainCreateWithFlags,
    .domainShutdownFlags = lveDomainShutdownFlags,
    .domainReboot = lveDomainReboot,
    .domainReset = lveDomainReset,
    .domainDestroyFlags = lveDomainDestroyFlags,
    .domainSuspend = lveDomainSuspend,
    .domainResume = lveDomainResume,
    .domainHasManagedSaveImage = lveDomainHasManagedSaveImage,
    .domainGetAutostart = virDriverDomainGetAutostart,
    .domainSetAutostart = virDriverDomainSetAutostart,
    .domainGetInfo = lveDomainGetInfo,
    .domainGetState = virDriverDomainGetState,
    .domainGetXMLDesc = virDriverDomainGetXMLDesc,
    .domainGetOSType = virDriverDomainGetOSType,
    .domainIsActive = virDriverDomainIsActive,
    .domainIsPersistent = virDriverDomainIsPersistent,
    .domainIsUpdated = virDriverDomainIsUpdated,
    .domainGetCPUStats = lveDomainGetCPUStats,
    .domainGetMaxMemory = virDriverDomainGetMaxMemory,
    .domainSetMemoryFlags = lveDomainSetMemoryFlags,
    .domainSetVcpusFlags = lveDomainSetVcpusFlags,
    .domainGetVcpusFlags = virDriverDomainGetVcpusFlags,
    .domainPinVcpuFlags = lveDomainPinVcpuFlags,
    .domainGetVcpuPinInfo = virDriverDomainGetVcpuPinInfo,
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
    .domainSetMemorySharing = lveDomainSetMemorySharing,
    .domainGetMemorySharing = lveDomainGetMemorySharing,
};
