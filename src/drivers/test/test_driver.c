/*
 * test_driver.c: the test driver's table, connections and host
 *
 * URIs:
 *   test:///default              the preloaded state of libvirt's test driver,
 *                                shared by every connection in the process
 *   test:///embed?root=DIR       persistent state under DIR/etc/virtkit/test,
 *                                shared by every connection to the same DIR
 *   test:///ABS/PATH/node.xml    a node file; each connection gets its own
 */
#include "internal.h"

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
#include "test_keys.h"
#include "test_lifecycle.h"
#include "test_node.h"
#include "test_tune.h"
#include "test_virtkit.h"
#include "virerror.h"

#define VIR_FROM_THIS VIR_FROM_TEST

/* The shared states, by "default" or root directory. */
static virDriverRegistry testRegistry = VIR_DRIVER_REGISTRY_INITIALIZER;

/* Fills a new state: the preloaded "default", the configurations under
 * a root directory, or (@key NULL) the node file @nodeFile. */
static int
testDriverLoad(testDriver *driver, const char *key, const char *nodeFile)
{
    if (!key)
        return testDriverLoadNodeFile(driver, nodeFile);
    if (STREQ(key, "default"))
        return testDriverLoadDefault(driver);
    if (!(driver->base.store = virDomainStoreNew(key, "test")))
        return -1;
    return virDomainDriverLoad(&driver->base);
}

static virDomainDriverBase *
testDriverCreate(const char *key, void *opaque)
{
    testDriver *driver = testDriverNew();

    if (testDriverLoad(driver, key, opaque) < 0) {
        testDriverFree(driver);
        return NULL;
    }
    return &driver->base;
}

static void
testDriverRelease(virDomainDriverBase *base)
{
    testDriverFree((testDriver *)base);
}

static virDrvOpenStatus
testConnectOpen(virConnectPtr conn, virURI *uri, virConnectAuthPtr auth G_GNUC_UNUSED,
                unsigned int flags)
{
    const char *key = NULL;
    virDrvOpenStatus status;

    virCheckFlags(VIR_CONNECT_RO | VIR_CONNECT_NO_ALIASES, VIR_DRV_OPEN_ERROR);
    /* Parameters of test:///default and of a node file are ignored, as
     * libvirt's test driver ignores them (its tests tell URIs apart so:
     * test:///default?good_uri); embed's root= is checked. */
    if (STREQ(uri->path, "/embed")) {
        if ((status = virDriverParseRootURI(uri, NULL, &key)) != VIR_DRV_OPEN_SUCCESS)
            return status;
    } else if (STREQ(uri->path, "/default")) {
        key = "default";
    } else if (uri->path[0] != '/' || !uri->path[1]) {
        virReportError(VIR_ERR_INVALID_ARG,
                       _("unknown test driver URI path '%s': use test:///default, "
                         "test:///embed?root=DIR or test:///ABSOLUTE/PATH/node.xml"),
                       uri->path);
        return VIR_DRV_OPEN_ERROR;
    }
    return virDriverRegistryConnect(conn, &testRegistry, key, "", testDriverCreate, uri->path,
                                    testDriverRelease);
}

static char *
testConnectGetCapabilities(virConnectPtr conn)
{
    testDriver *driver = testDriverFromConn(conn);
    const virCapsGuest guests[] = {
        { "hvm", "i686", 32, "/usr/bin/test-hv", "test" },
        { "xen", "i686", 32, "/usr/bin/test-hv", "test" },
    };
    virCaps caps = {
        .arch = "i686",
        .node = driver->nodeInfo,
        .secModel = TEST_SECURITY_MODEL,
        .secDoi = "",
        .nguests = G_N_ELEMENTS(guests),
        .guests = guests,
    };

    return virCapabilitiesFormat(&caps);
}

static int
testConnectGetMaxVcpus(virConnectPtr conn G_GNUC_UNUSED, const char *type)
{
    if (type && g_ascii_strcasecmp(type, "test") != 0) {
        virReportError(VIR_ERR_INVALID_ARG, _("unknown domain type '%s' for the test driver"), type);
        return -1;
    }
    return TEST_MAX_VCPUS;
}

/* ---- the modelled host --------------------------------------------- */

static int
testNodeGetInfo(virConnectPtr conn, virNodeInfoPtr info)
{
    *info = testDriverFromConn(conn)->nodeInfo;
    return 0;
}

static void
testSumRunningMemory(virDomainObj *obj, void *opaque)
{
    if (virDomainObjIsActive(obj))
        *(unsigned long long *)opaque += obj->def->curMemory;
}

/* Free memory in KiB: the node's memory less what running domains hold. */
static unsigned long long
testNodeFreeKiB(testDriver *driver)
{
    unsigned long long used = 0;

    virDomainObjListForEach(driver->base.domains, testSumRunningMemory, &used);
    return used >= driver->nodeInfo.memory ? 0 : driver->nodeInfo.memory - used;
}

static unsigned long long
testNodeGetFreeMemory(virConnectPtr conn)
{
    return testNodeFreeKiB(testDriverFromConn(conn)) * 1024;
}

static int
testNodeGetCellsFreeMemory(virConnectPtr conn, unsigned long long *freeMems, int startCell,
                           int maxCells)
{
    testDriver *driver = testDriverFromConn(conn);
    unsigned long long perCell = testNodeFreeKiB(driver) * 1024 / driver->nodeInfo.nodes;
    int i, n = 0;

    if (startCell >= (int)driver->nodeInfo.nodes) {
        virReportError(VIR_ERR_INVALID_ARG, _("cell %d does not exist: the host has %u cells"),
                       startCell, driver->nodeInfo.nodes);
        return -1;
    }
    for (i = startCell; i < (int)driver->nodeInfo.nodes && n < maxCells; i++)
        freeMems[n++] = perCell;
    return n;
}

static int
testNodeGetCPUMap(virConnectPtr conn, unsigned char **cpumap, unsigned int *online,
                  unsigned int flags)
{
    testDriver *driver = testDriverFromConn(conn);
    unsigned int i;

    virCheckFlags(0, -1);
    if (cpumap) {
        *cpumap = g_new0(unsigned char, VIR_CPU_MAPLEN(driver->base.hostcpus));
        for (i = 0; i < driver->nodeInfo.cpus; i++)
            VIR_USE_CPU(*cpumap, i);
    }
    if (online)
        *online = driver->nodeInfo.cpus;
    return driver->base.hostcpus;
}

static int
testNodeGetMemoryStats(virConnectPtr conn, int cellNum, virNodeMemoryStatsPtr params,
                       int *nparams, unsigned int flags)
{
    testDriver *driver = testDriverFromConn(conn);
    unsigned long long total = driver->nodeInfo.memory, freeKiB = testNodeFreeKiB(driver);

    virCheckFlags(0, -1);
    if (cellNum >= (int)driver->nodeInfo.nodes) {
        virReportError(VIR_ERR_INVALID_ARG, _("cell %d does not exist: the host has %u cells"),
                       cellNum, driver->nodeInfo.nodes);
        return -1;
    }
    if (cellNum >= 0) {
        total /= driver->nodeInfo.nodes;
        freeKiB /= driver->nodeInfo.nodes;
    }
    if (*nparams == 0) {
        *nparams = 2;
        return 0;
    }
    g_strlcpy(params[0].field, VIR_NODE_MEMORY_STATS_TOTAL, sizeof(params[0].field));
    params[0].value = total;
    if (*nparams >= 2) {
        g_strlcpy(params[1].field, VIR_NODE_MEMORY_STATS_FREE, sizeof(params[1].field));
        params[1].value = freeKiB;
    }
    *nparams = MIN(*nparams, 2);
    return 0;
}

static int
testNodeGetMemoryParameters(virConnectPtr conn, virTypedParameterPtr params, int *nparams,
                            unsigned int flags)
{
    testDriver *driver = testDriverFromConn(conn);
    int ret;

    virCheckFlags(VIR_TYPED_PARAM_STRING_OKAY, -1);
    virMutexLock(&driver->lock);
    ret = virNodeMemoryShareGetParams(&driver->shm, params, nparams);
    virMutexUnlock(&driver->lock);
    return ret;
}

static int
testNodeSetMemoryParameters(virConnectPtr conn, virTypedParameterPtr params, int nparams,
                            unsigned int flags)
{
    testDriver *driver = testDriverFromConn(conn);
    unsigned int changed;
    int ret;

    virCheckFlags(0, -1);
    virMutexLock(&driver->lock);
    ret = virNodeMemoryShareApplyParams(&driver->shm, params, nparams, &changed);
    virMutexUnlock(&driver->lock);
    return ret;
}

static int
testNodeGetSecurityModel(virConnectPtr conn G_GNUC_UNUSED, virSecurityModelPtr secmodel)
{
    memset(secmodel, 0, sizeof(*secmodel));
    g_strlcpy(secmodel->model, TEST_SECURITY_MODEL, sizeof(secmodel->model));
    return 0;
}

/* libvirt's test driver answers "linux" for every domain, whatever its
 * <os><type> says, and applications written against it see that; the
 * domain must still exist. */
static char *
testDomainGetOSType(virDomainPtr dom)
{
    g_autofree char *type = sharedDomainGetOSType(dom);

    return type ? g_strdup("linux") : NULL;
}

static const char *const testSchemes[] = { "test", NULL };

virHypervisorDriver testHypervisorDriver = {
    .name = "test",
    VIR_DOMAIN_DRIVER_SHARED_METHODS,
    .uriSchemes = testSchemes,
    .connectOpen = testConnectOpen,
    .connectGetCapabilities = testConnectGetCapabilities,
    .connectGetMaxVcpus = testConnectGetMaxVcpus,
    .nodeGetInfo = testNodeGetInfo,
    .nodeGetFreeMemory = testNodeGetFreeMemory,
    .nodeGetCellsFreeMemory = testNodeGetCellsFreeMemory,
    .nodeGetCPUMap = testNodeGetCPUMap,
    .nodeGetMemoryStats = testNodeGetMemoryStats,
    .nodeGetMemoryParameters = testNodeGetMemoryParameters,
    .nodeSetMemoryParameters = testNodeSetMemoryParameters,
    .nodeGetSecurityModel = testNodeGetSecurityModel,
    .domainSaveFlags = sharedDomainSaveFlags,
    .domainRestoreFlags = sharedDomainRestoreFlags,
    .domainManagedSave = testDomainManagedSave,
    .domainManagedSaveRemove = testDomainManagedSaveRemove,
    .domainGetInfo = testDomainGetInfo,
    .domainGetState = sharedDomainGetState,
    .domainGetOSType = testDomainGetOSType,
    .domainGetControlInfo = sharedDomainGetControlInfo,
    .domainGetSecurityLabel = testDomainGetSecurityLabel,
    .domainGetCPUStats = testDomainGetCPUStats,
    .domainSetMemoryStatsPeriod = testDomainSetMemoryStatsPeriod,
    .domainGetMessages = testDomainGetMessages,
    .domainSendKey = testDomainSendKey,
    .domainGetVcpus = testDomainGetVcpus,
    .domainGetSchedulerType = testDomainGetSchedulerType,
    .domainGetSchedulerParametersFlags = testDomainGetSchedulerParametersFlags,
    .domainSetSchedulerParametersFlags = testDomainSetSchedulerParametersFlags,
    .domainGetMemoryParameters = testDomainGetMemoryParameters,
    .domainSetMemoryParameters = testDomainSetMemoryParameters,
    .domainGetBlkioParameters = testDomainGetBlkioParameters,
    .domainSetBlkioParameters = testDomainSetBlkioParameters,
    .domainEnter = testDomainEnter,
    .domainLeave = testDomainLeave,
    .domainSetMemorySharing = sharedDomainSetMemorySharing,
    .domainGetMemorySharing = sharedDomainGetMemorySharing,
};
