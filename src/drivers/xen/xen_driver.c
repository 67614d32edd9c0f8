/*
 * xen_driver.c: the Xen driver's table, connections and host
 *
 * URIs:
 *   xen:///system              root only, in dom0; configuration in
 *                              /etc/virtkit/xen, run-time state in
 *                              /run/virtkit/xen
 *   xen:///embed?root=DIR      the same files under DIR, the same
 *                              hypervisor
 *
 * Every connection to one root shares one driver state, which holds one
 * handle on the hypervisor (xenOps: libxenctrl, xenstore, libxl).  The
 * list is the shared layer's: the domains defined here, and, taken in at
 * open, what else the hypervisor runs (Domain-0 first).  The host probe
 * (virConnectOpen(NULL)) picks xen:///system in a dom0 only.
 */
#include "internal.h"

#include <unistd.h>

#include "domain_events.h"
#include "domain_lifecycle.h"
#include "domain_metadata.h"
#include "domain_rename.h"
#include "domain_sync.h"
#include "domain_query.h"
#include "domain_stats.h"
#include "domain_update.h"
#include "domain_driver_table.h"
#include "driver.h"
#include "driver_registry.h"
#include "virerror.h"
#include "virkeycodesysrq.h"
#include "xen_dedup.h"
#include "xen_domain.h"
#include "xen_probe.h"
#include "xen_sched.h"
#include "xen_stats.h"

#define VIR_FROM_THIS VIR_FROM_XEN

static virDriverRegistry xenRegistry = VIR_DRIVER_REGISTRY_INITIALIZER;
static const xenOps *xenDriverOpsOverride;

static const int xenVirtTypes[] = { VIR_DOMAIN_VIRT_XEN, -1 };
static const int xenOSTypes[] = { VIR_DOMAIN_OSTYPE_XEN, VIR_DOMAIN_OSTYPE_XENPVH,
                                  VIR_DOMAIN_OSTYPE_HVM, -1 };

/* What a Xen guest adds to the shared flows. */
static const virDomainDriverHooks xenHooks = {
    .start = xenDomainHookStart,
    .stop = xenDomainHookStop,
    .freeze = xenDomainHookFreeze,
    .shutdown = xenDomainHookShutdown,
    .applyLive = xenDomainHookApplyLive,
    .stillRunning = xenDomainHookStillRunning,
    .fate = xenDomainHookFate,
    .pollBegin = xenDomainHookPollBegin,
    .pollEnd = xenDomainHookPollEnd,
    .reboot = xenDomainHookReboot,
    .coreDump = xenDomainHookCoreDump,
    .save = xenDomainHookSave,
    .readSave = xenDomainHookReadSave,
    .restore = xenDomainHookRestore,
    .sharedPages = xenDomainHookSharedPages,
    .stats = xenDomainHookStats,
    .memoryStats = xenDomainHookMemoryStats,
};

VIR_DOMAIN_DRIVER_BASE_FIRST(xenDriver);

void
xenDriverSetOps(const xenOps *ops)
{
    xenDriverOpsOverride = ops;
}

static void
xenDriverFree(xenDriver *driver)
{
    if (!driver)
        return;
    /* its thread reads the domains and the handle */
    xenDedupScannerFree(driver);
    virMutexDestroy(&driver->scannerLock);
    virDomainDriverBaseClear(&driver->base);
    if (driver->h)
        driver->ops->close(driver->h);
    g_free(driver->dumpDir);
    g_free(driver);
}

static xenDriver *
xenDriverNew(void)
{
    xenDriver *driver = g_new0(xenDriver, 1);

    virMutexInit(&driver->scannerLock);

    virDomainDriverBaseInit(&driver->base, VIR_FROM_XEN, &xenHooks);
    driver->ops = xenDriverOpsOverride ? xenDriverOpsOverride : &xenHypervisorOps;
    driver->base.keepStatus = true;
    /* a guest that powers off, reboots or crashes waits in Xen for its
     * action: reads look (xen_poll.c) */
    driver->base.pollRunning = true;
    driver->base.idName = "domain";
    driver->base.typeName = "Xen";
    driver->base.maxVcpus = XEN_MAX_VCPUS;
    driver->base.statsGroups = XEN_STATS_GROUPS;
    /* disks and bridged interfaces, through libxl's hotplug */
    driver->base.hotplugDevices = (G_GUINT64_CONSTANT(1) << VIR_DOMAIN_DEVICE_DISK) |
                                  (G_GUINT64_CONSTANT(1) << VIR_DOMAIN_DEVICE_INTERFACE);
    driver->base.xmlopt = (virDomainXMLOption) {
        .driverName = "xen",
        .virtTypes = xenVirtTypes,
        .osTypes = xenOSTypes,
        .defaultOSType = VIR_DOMAIN_OSTYPE_XEN,
        .maxVcpus = XEN_MAX_VCPUS,
    };
    return driver;
}

/* The hypervisor's facts the base reports: its version, its CPUs. */
static int
xenDriverReadHost(xenDriver *driver)
{
    xenVersionInfo version;

    if (driver->ops->version(driver->h, &version) < 0 ||
        driver->ops->physinfo(driver->h, &driver->phys) < 0)
        return -1;
    driver->base.hvVersion = version.major * 1000000UL + version.minor * 1000UL;
    driver->base.hostcpus = driver->phys.maxCpuId + 1;
    return 0;
}

static virDomainDriverBase *
xenDriverCreate(const char *root, void *opaque G_GNUC_UNUSED)
{
    xenDriver *driver = xenDriverNew();

    driver->dumpDir = g_build_filename(root, "var", "lib", "virtkit", "xen", "dump", NULL);
    if (!(driver->h = driver->ops->open()) ||
        xenDriverReadHost(driver) < 0 ||
        !(driver->base.store = virDomainStoreNew(root, "xen")) ||
        virDomainDriverLoad(&driver->base) < 0 ||
        xenDomainAdoptRunning(driver) < 0) {
        xenDriverFree(driver);
        return NULL;
    }
    return &driver->base;
}

static void
xenDriverRelease(virDomainDriverBase *base)
{
    xenDriverFree(xenDriverFromBase(base));
}

static virDrvOpenStatus
xenConnectOpen(virConnectPtr conn, virURI *uri, virConnectAuthPtr auth G_GNUC_UNUSED,
               unsigned int flags)
{
    static const char *const params[] = { NULL };
    const char *root = NULL;
    virDrvOpenStatus status;

    virCheckFlags(VIR_CONNECT_RO | VIR_CONNECT_NO_ALIASES, VIR_DRV_OPEN_ERROR);
    if ((status = virDriverParseRootURI(uri, params, &root)) != VIR_DRV_OPEN_SUCCESS)
        return status;
    return virDriverRegistryConnect(conn, &xenRegistry, root, "", xenDriverCreate, NULL,
                                    xenDriverRelease);
}

/* Only a dom0 is a Xen host: anywhere else, a Xen URI must be asked for. */
static int
xenConnectURIProbe(char **uri)
{
    *uri = NULL;
    if (geteuid() == 0 && xenProbeDom0("/") == 0)
        *uri = g_strdup("xen:///system");
    virResetLastError();
    return 0;
}

/* As xl info: the CPUs Xen has, its nodes, its memory. */
static int
xenNodeGetInfo(virConnectPtr conn, virNodeInfoPtr info)
{
    xenDriver *driver = xenDriverFromConn(conn);
    xenPhysInfo phys;
    unsigned int perSocket;

    if (driver->ops->physinfo(driver->h, &phys) < 0)
        return -1;
    memset(info, 0, sizeof(*info));
    g_strlcpy(info->model, "x86_64", sizeof(info->model));
    info->memory = phys.totalKiB;
    info->cpus = phys.nrCpus;
    info->mhz = phys.cpuMHz;
    info->nodes = MAX(phys.nrNodes, 1);
    info->cores = MAX(phys.coresPerSocket, 1);
    info->threads = MAX(phys.threadsPerCore, 1);
    perSocket = info->nodes * info->cores * info->threads;
    info->sockets = MAX(phys.nrCpus / perSocket, 1);
    return 0;
}

static unsigned long long
xenNodeGetFreeMemory(virConnectPtr conn)
{
    xenDriver *driver = xenDriverFromConn(conn);
    xenPhysInfo phys;

    if (driver->ops->physinfo(driver->h, &phys) < 0)
        return 0;
    return phys.freeKiB * 1024;
}

/* Xen's console ring, as xl dmesg prints it. */
static char *
xenConnectGetHypervisorLog(virConnectPtr conn, unsigned int flags)
{
    xenDriver *driver = xenDriverFromConn(conn);

    virCheckFlags(VIR_CONNECT_HYPERVISOR_LOG_CLEAR, NULL);
    return driver->ops->consoleRing(driver->h, flags & VIR_CONNECT_HYPERVISOR_LOG_CLEAR);
}

static int
xenDomainGetInfo(virDomainPtr dom, virDomainInfoPtr info)
{
    xenDriver *driver = xenDriverFromConn(dom->conn);
    virDomainObj *obj;
    xenDomainInfo xi;
    int running;

    if (!(obj = virDomainDriverGetObj(dom)))
        return -1;
    if ((running = xenDomainRefresh(driver, obj, &xi)) >= 0) {
        info->state = obj->state;
        info->maxMem = obj->def->maxMemory;
        info->memory = running ? xi.memoryKiB : obj->def->curMemory;
        info->nrVirtCpu = running ? xi.onlineVcpus : obj->def->vcpus;
        info->cpuTime = running ? xi.cpuTimeNs : 0;
    }
    virDomainObjEndAPI(&obj);
    return running < 0 ? -1 : 0;
}

/* What Xen says of each vcpu: state, CPU, time, hard affinity */
static int
xenDomainGetVcpus(virDomainPtr dom, virVcpuInfoPtr info, int maxinfo, unsigned char *cpumaps,
                  int maplen)
{
    xenDriver *driver = xenDriverFromConn(dom->conn);
    virDomainObj *obj;
    int n;

    if (virDomainDriverCheckMaplen(&driver->base, maplen) < 0 ||
        !(obj = virDomainDriverGetActiveObj(dom)))
        return -1;
    n = xenDomainFillVcpus(driver, obj, info, maxinfo, cpumaps, maplen);
    virDomainObjEndAPI(&obj);
    return n;
}

/* Xen takes no key presses from dom0 for a PV or PVH guest, but a magic
 * SysRq request (control/sysrq, as xl sysrq): Alt+SysRq+key. */
static int
xenDomainSendKey(virDomainPtr dom, unsigned int codeset, unsigned int holdtime G_GNUC_UNUSED,
                 unsigned int *keycodes, int nkeycodes, unsigned int flags)
{
    xenDriver *driver = xenDriverFromConn(dom->conn);
    virDomainObj *obj;
    char key;
    int rc;

    virCheckFlags(0, -1);
    if (virKeycodeSysrqKey(codeset, keycodes, nkeycodes, &key) < 0 ||
        !(obj = virDomainDriverGetActiveObj(dom)))
        return -1;
    rc = driver->ops->sysrq(driver->h, obj->id, key);
    virDomainObjEndAPI(&obj);
    return rc;
}

static const char *const xenSchemes[] = { "xen", NULL };

virHypervisorDriver xenHypervisorDriver = {
    .name = "xen",
    VIR_DOMAIN_DRIVER_SHARED_METHODS,
    .uriSchemes = xenSchemes,
    .connectURIProbe = xenConnectURIProbe,
    .connectOpen = xenConnectOpen,
    .connectGetMaxVcpus = sharedConnectGetMaxVcpus,
    .nodeGetInfo = xenNodeGetInfo,
    .nodeGetFreeMemory = xenNodeGetFreeMemory,
    .connectGetHypervisorLog = xenConnectGetHypervisorLog,
    .nodeGetMemoryParameters = xenNodeGetMemoryParameters,
    .nodeSetMemoryParameters = xenNodeSetMemoryParameters,
    .nodeMemoryDedup = xenNodeMemoryDedup,
    .domainSetMemorySharing = sharedDomainSetMemorySharing,
    .domainGetMemorySharing = sharedDomainGetMemorySharing,
    .domainSaveFlags = sharedDomainSaveFlags,
    .domainRestoreFlags = sharedDomainRestoreFlags,
    .domainGetInfo = xenDomainGetInfo,
    .domainGetState = sharedDomainGetState,
    .domainGetOSType = sharedDomainGetOSType,
    .domainGetVcpus = xenDomainGetVcpus,
    .domainSendKey = xenDomainSendKey,
    .domainGetSchedulerType = xenDomainGetSchedulerType,
    .domainGetSchedulerParametersFlags = xenDomainGetSchedulerParametersFlags,
    .domainSetSchedulerParametersFlags = xenDomainSetSchedulerParametersFlags,
};
