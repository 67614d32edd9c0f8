/*
 * readonlytest.c: a read-only connection changes nothing
 *
 * A read-only connection and a read-write one share the fixture's root.
 * Every public function that changes something is called through the
 * read-only one, with arguments that would succeed on the other: each
 * must fail with VIR_ERR_OPERATION_DENIED, and the state seen through the
 * read-write connection (every domain's XML, state, flags, the counts,
 * the node's tunables) and every file under the root must be exactly as
 * before.  Every function that only reads must work through it.
 * Connections opened both ways are tried: virConnectOpenReadOnly() and
 * virConnectOpenAuth(VIR_CONNECT_RO).
 *
 * Every public function is in one table or the other, or in the list of
 * those that involve no connection; tests/reliability/apicoverage.sh
 * checks that with --list.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "relutils.h"

typedef struct {
    relFixture fx;
    virConnectPtr ro;
    virDomainPtr web;           /* running, through ro */
    virDomainPtr idle;          /* shut off, through ro */
    virDomainPtr db;            /* paused, through ro */
    virDomainPtr saved;         /* with a managed save image, through ro */
    char *savePath;             /* a save file of "victim" */
    char *newSavePath;          /* where a save would go */
    unsigned int cookie;        /* of a virDomainEnter on "web" (read-write) */
} roCtx;

typedef struct {
    const char *func;
    bool (*call)(roCtx *c);     /* true: failed */
} roCase;

#define RC(id, expr) \
    static bool \
    rc_##id(roCtx *c G_GNUC_UNUSED) \
    { \
        return (expr); \
    }
#define FAILS_INT(expr) ((expr) == -1)
#define NEW_XML "<domain type='test'><name>new</name><memory>1024</memory><os><type>hvm</type></os></domain>"

static bool
roNoHandle(virDomainPtr dom)
{
    if (!dom)
        return true;
    virDomainFree(dom);
    return false;
}

static const virTypedParameter roWeight = {
    VIR_DOMAIN_SCHEDULER_WEIGHT, VIR_TYPED_PARAM_UINT, { .ui = 77 }
};
static const virTypedParameter roSoftLimit = {
    VIR_DOMAIN_MEMORY_SOFT_LIMIT, VIR_TYPED_PARAM_ULLONG, { .ul = 1000 }
};
static const virTypedParameter roBlkioWeight = {
    VIR_DOMAIN_BLKIO_WEIGHT, VIR_TYPED_PARAM_UINT, { .ui = 300 }
};
static const virTypedParameter roPagesToScan = {
    VIR_NODE_MEMORY_SHARED_PAGES_TO_SCAN, VIR_TYPED_PARAM_UINT, { .ui = 7 }
};

/* ---- what changes something: denied -------------------------------- */

RC(virNodeSetMemoryParameters,
   FAILS_INT(virNodeSetMemoryParameters(c->ro, (virTypedParameterPtr)&roPagesToScan, 1, 0)))
RC(virDomainDefineXML, roNoHandle(virDomainDefineXML(c->ro, NEW_XML)))
RC(virDomainDefineXMLFlags, roNoHandle(virDomainDefineXMLFlags(c->ro, NEW_XML, 0)))
RC(virDomainUndefine, FAILS_INT(virDomainUndefine(c->idle)))
RC(virDomainUndefineFlags, FAILS_INT(virDomainUndefineFlags(c->idle, 0)))
RC(virDomainRename, FAILS_INT(virDomainRename(c->idle, "renamed", 0)))
RC(virDomainSetMetadata,
   FAILS_INT(virDomainSetMetadata(c->idle, VIR_DOMAIN_METADATA_TITLE, "t", NULL, NULL, 0)))
RC(virDomainCreateXML, roNoHandle(virDomainCreateXML(c->ro, NEW_XML, 0)))
RC(virDomainCreate, FAILS_INT(virDomainCreate(c->idle)))
RC(virDomainCreateWithFlags, FAILS_INT(virDomainCreateWithFlags(c->idle, 0)))
RC(virDomainShutdown, FAILS_INT(virDomainShutdown(c->web)))
RC(virDomainShutdownFlags, FAILS_INT(virDomainShutdownFlags(c->web, 0)))
RC(virDomainReboot, FAILS_INT(virDomainReboot(c->web, 0)))
RC(virDomainReset, FAILS_INT(virDomainReset(c->web, 0)))
RC(virDomainDestroy, FAILS_INT(virDomainDestroy(c->web)))
RC(virDomainDestroyFlags, FAILS_INT(virDomainDestroyFlags(c->web, 0)))
RC(virDomainSuspend, FAILS_INT(virDomainSuspend(c->web)))
RC(virDomainResume, FAILS_INT(virDomainResume(c->db)))
RC(virDomainSave, FAILS_INT(virDomainSave(c->web, c->newSavePath)))
RC(virDomainSaveFlags, FAILS_INT(virDomainSaveFlags(c->web, c->newSavePath, NULL, 0)))
RC(virDomainRestore, FAILS_INT(virDomainRestore(c->ro, c->savePath)))
RC(virDomainRestoreFlags, FAILS_INT(virDomainRestoreFlags(c->ro, c->savePath, NULL, 0)))
RC(virDomainManagedSave, FAILS_INT(virDomainManagedSave(c->web, 0)))
RC(virDomainManagedSaveRemove, FAILS_INT(virDomainManagedSaveRemove(c->saved, 0)))
RC(virDomainSetAutostart, FAILS_INT(virDomainSetAutostart(c->web, 1)))
RC(virDomainSetMaxMemory, FAILS_INT(virDomainSetMaxMemory(c->idle, 100000)))
RC(virDomainSetMemory, FAILS_INT(virDomainSetMemory(c->web, 100000)))
RC(virDomainSetMemoryFlags, FAILS_INT(virDomainSetMemoryFlags(c->web, 100000, 0)))
RC(virDomainSetVcpus, FAILS_INT(virDomainSetVcpus(c->web, 1)))
RC(virDomainSetVcpusFlags, FAILS_INT(virDomainSetVcpusFlags(c->web, 1, 0)))
RC(virDomainPinVcpu, ({ unsigned char m[1] = { 0x20 }; FAILS_INT(virDomainPinVcpu(c->web, 0, m, 1)); }))
RC(virDomainPinVcpuFlags,
   ({ unsigned char m[1] = { 0x20 }; FAILS_INT(virDomainPinVcpuFlags(c->web, 0, m, 1, 0)); }))
RC(virDomainSetSchedulerParameters,
   FAILS_INT(virDomainSetSchedulerParameters(c->web, (virTypedParameterPtr)&roWeight, 1)))
RC(virDomainSetSchedulerParametersFlags,
   FAILS_INT(virDomainSetSchedulerParametersFlags(c->web, (virTypedParameterPtr)&roWeight, 1, 0)))
RC(virDomainSetMemoryParameters,
   FAILS_INT(virDomainSetMemoryParameters(c->web, (virTypedParameterPtr)&roSoftLimit, 1, 0)))
RC(virDomainSetBlkioParameters,
   FAILS_INT(virDomainSetBlkioParameters(c->web, (virTypedParameterPtr)&roBlkioWeight, 1, 0)))
RC(virDomainEnter, ({ unsigned int k; FAILS_INT(virDomainEnter(c->web, &k, 0)); }))
RC(virDomainLeave, FAILS_INT(virDomainLeave(c->web, c->cookie, 0)))
RC(virDomainSetMemorySharing, FAILS_INT(virDomainSetMemorySharing(c->web, 0, 0)))
RC(virDomainSetMemoryStatsPeriod, FAILS_INT(virDomainSetMemoryStatsPeriod(c->web, 10, 0)))
RC(virNodeMemoryDedup, ({
    virTypedParameterPtr p = NULL;
    int n = 0;
    FAILS_INT(virNodeMemoryDedup(c->ro, NULL, 0, &p, &n, 0));
}))
#define RO_DISK "<disk type='file'><source file='/nonexistent'/><target dev='vdz'/></disk>"
RC(virDomainAttachDevice, FAILS_INT(virDomainAttachDevice(c->web, RO_DISK)))
RC(virDomainAttachDeviceFlags, FAILS_INT(virDomainAttachDeviceFlags(c->web, RO_DISK, 0)))
RC(virDomainDetachDevice, FAILS_INT(virDomainDetachDevice(c->web, RO_DISK)))
RC(virDomainDetachDeviceFlags, FAILS_INT(virDomainDetachDeviceFlags(c->web, RO_DISK, 0)))
RC(virDomainUpdateDeviceFlags, FAILS_INT(virDomainUpdateDeviceFlags(c->web, RO_DISK, 0)))
RC(virDomainDetachDeviceAlias, FAILS_INT(virDomainDetachDeviceAlias(c->web, "ua-disk", 0)))
RC(virDomainSendKey, ({
    unsigned int keys[] = { 56, 99, 48 };       /* Alt+SysRq+B */
    FAILS_INT(virDomainSendKey(c->web, VIR_KEYCODE_SET_LINUX, 0, keys, 3, 0));
}))
/* reading the hypervisor's log is not a change; clearing it is */
RC(virConnectGetHypervisorLog, ({
    char *log = virConnectGetHypervisorLog(c->ro, VIR_CONNECT_HYPERVISOR_LOG_CLEAR);
    bool failed = log == NULL;
    free(log);
    failed;
}))
/* not a change, but the secrets a read-only caller may not see */
RC(virDomainGetXMLDesc, ({
    char *xml = virDomainGetXMLDesc(c->web, VIR_DOMAIN_XML_SECURE);
    bool failed = xml == NULL;
    free(xml);
    failed;
}))

#define ROW(fn) { #fn, rc_##fn }

static const roCase roDenied[] = {
    ROW(virNodeSetMemoryParameters), ROW(virDomainDefineXML), ROW(virDomainDefineXMLFlags),
    ROW(virDomainUndefine), ROW(virDomainUndefineFlags), ROW(virDomainRename),
    ROW(virDomainSetMetadata),
    ROW(virDomainCreateXML),
    ROW(virDomainCreate), ROW(virDomainCreateWithFlags), ROW(virDomainShutdown),
    ROW(virDomainShutdownFlags), ROW(virDomainReboot), ROW(virDomainReset),
    ROW(virDomainDestroy), ROW(virDomainDestroyFlags), ROW(virDomainSuspend),
    ROW(virDomainResume), ROW(virDomainSave), ROW(virDomainSaveFlags), ROW(virDomainRestore),
    ROW(virDomainRestoreFlags), ROW(virDomainManagedSave), ROW(virDomainManagedSaveRemove),
    ROW(virDomainSetAutostart), ROW(virDomainSetMaxMemory), ROW(virDomainSetMemory),
    ROW(virDomainSetMemoryFlags), ROW(virDomainSetVcpus), ROW(virDomainSetVcpusFlags),
    ROW(virDomainPinVcpu), ROW(virDomainPinVcpuFlags), ROW(virDomainSetSchedulerParameters),
    ROW(virDomainSetSchedulerParametersFlags), ROW(virDomainSetMemoryParameters),
    ROW(virDomainSetBlkioParameters), ROW(virDomainEnter), ROW(virDomainLeave),
    ROW(virDomainSetMemorySharing), ROW(virDomainSetMemoryStatsPeriod), ROW(virNodeMemoryDedup), ROW(virDomainGetXMLDesc), ROW(virDomainAttachDevice),
    ROW(virDomainAttachDeviceFlags), ROW(virDomainDetachDevice), ROW(virDomainDetachDeviceFlags),
    ROW(virDomainUpdateDeviceFlags), ROW(virDomainDetachDeviceAlias),
    ROW(virConnectGetHypervisorLog), ROW(virDomainSendKey),
};

/* ---- what only reads: allowed -------------------------------------- */

#undef RC
#define RC(id, expr) \
    static bool \
    rr_##id(roCtx *c G_GNUC_UNUSED) \
    { \
        return (expr); \
    }

static bool
roNoString(char *str)
{
    bool failed = str == NULL;

    free(str);
    return failed;
}

static void
roClosed(virConnectPtr conn G_GNUC_UNUSED, int reason G_GNUC_UNUSED, void *opaque G_GNUC_UNUSED)
{
}

static int
roLifecycle(virConnectPtr conn G_GNUC_UNUSED, virDomainPtr dom G_GNUC_UNUSED,
            int event G_GNUC_UNUSED, int detail G_GNUC_UNUSED, void *opaque G_GNUC_UNUSED)
{
    return 0;
}

/* Listening changes nothing: a read-only connection may. */
static bool
roListen(virConnectPtr conn)
{
    int id;

    virEventRegisterDefaultImpl();
    if (virConnectDomainEventRegister(conn, roLifecycle, NULL, NULL) < 0 ||
        virConnectDomainEventDeregister(conn, roLifecycle) < 0)
        return true;
    id = virConnectDomainEventRegisterAny(conn, NULL, VIR_DOMAIN_EVENT_ID_LIFECYCLE,
                                          VIR_DOMAIN_EVENT_CALLBACK(roLifecycle), NULL, NULL);
    return id < 0 || virConnectDomainEventDeregisterAny(conn, id) < 0;
}
RC(virConnectDomainEventRegister, roListen(c->ro))
RC(virConnectDomainEventDeregister, roListen(c->ro))
RC(virConnectDomainEventRegisterAny, roListen(c->ro))
RC(virConnectDomainEventDeregisterAny, roListen(c->ro))
RC(virConnectRegisterCloseCallback, virConnectRegisterCloseCallback(c->ro, roClosed, NULL, NULL) < 0 ||
                                    virConnectUnregisterCloseCallback(c->ro, roClosed) < 0)
RC(virConnectUnregisterCloseCallback, virConnectRegisterCloseCallback(c->ro, roClosed, NULL, NULL) < 0 ||
                                      virConnectUnregisterCloseCallback(c->ro, roClosed) < 0)
RC(virConnectRef, virConnectRef(c->ro) < 0 || virConnectClose(c->ro) < 0)
RC(virConnectClose, virConnectRef(c->ro) < 0 || virConnectClose(c->ro) < 0)
RC(virConnectGetType, virConnectGetType(c->ro) == NULL)
RC(virConnectGetVersion, ({ unsigned long v; FAILS_INT(virConnectGetVersion(c->ro, &v)); }))
RC(virConnectGetLibVersion, ({ unsigned long v; FAILS_INT(virConnectGetLibVersion(c->ro, &v)); }))
RC(virConnectGetHostname, roNoString(virConnectGetHostname(c->ro)))
RC(virConnectGetURI, roNoString(virConnectGetURI(c->ro)))
RC(virConnectGetCapabilities, roNoString(virConnectGetCapabilities(c->ro)))
RC(virConnectGetMaxVcpus, FAILS_INT(virConnectGetMaxVcpus(c->ro, NULL)))
RC(virConnectIsAlive, FAILS_INT(virConnectIsAlive(c->ro)))
/* a local connection has no other end to ping: not supported, not denied */
RC(virConnectSetKeepAlive, virConnectSetKeepAlive(c->ro, 5, 6) < 0 &&
                           virGetLastErrorCode() != VIR_ERR_NO_SUPPORT)
RC(virConnectIsSecure, FAILS_INT(virConnectIsSecure(c->ro)))
RC(virConnectIsEncrypted, FAILS_INT(virConnectIsEncrypted(c->ro)))
RC(virNodeGetInfo, ({ virNodeInfo i; FAILS_INT(virNodeGetInfo(c->ro, &i)); }))
RC(virNodeGetFreeMemory, virNodeGetFreeMemory(c->ro) == 0)
RC(virNodeGetCellsFreeMemory,
   ({ unsigned long long m[2]; FAILS_INT(virNodeGetCellsFreeMemory(c->ro, m, 0, 2)); }))
RC(virNodeGetCPUMap, ({
    unsigned char *map = NULL;
    bool failed = FAILS_INT(virNodeGetCPUMap(c->ro, &map, NULL, 0));
    free(map);
    failed;
}))
RC(virNodeGetMemoryStats,
   ({ virNodeMemoryStats s[2]; int n = 2; FAILS_INT(virNodeGetMemoryStats(c->ro, -1, s, &n, 0)); }))
RC(virNodeGetMemoryParameters, ({ int n = 0; FAILS_INT(virNodeGetMemoryParameters(c->ro, NULL, &n, 0)); }))
RC(virNodeGetSecurityModel, ({ virSecurityModel m; FAILS_INT(virNodeGetSecurityModel(c->ro, &m)); }))
RC(virConnectNumOfDomains, FAILS_INT(virConnectNumOfDomains(c->ro)))
RC(virConnectListDomains, ({ int ids[8]; FAILS_INT(virConnectListDomains(c->ro, ids, 8)); }))
RC(virConnectNumOfDefinedDomains, FAILS_INT(virConnectNumOfDefinedDomains(c->ro)))
RC(virConnectListDefinedDomains, ({
    char *names[8];
    int n = virConnectListDefinedDomains(c->ro, names, 8), i;

    for (i = 0; i < n; i++)
        free(names[i]);
    n < 0;
}))
RC(virConnectListAllDomains, FAILS_INT(virConnectListAllDomains(c->ro, NULL, 0)))
RC(virDomainGetConnect, virDomainGetConnect(c->web) != c->ro)
RC(virDomainLookupByID, roNoHandle(virDomainLookupByID(c->ro, virDomainGetID(c->web))))
RC(virDomainLookupByName, roNoHandle(virDomainLookupByName(c->ro, "web")))
RC(virDomainLookupByUUID, ({
    unsigned char uuid[VIR_UUID_BUFLEN];
    virDomainGetUUID(c->web, uuid);
    roNoHandle(virDomainLookupByUUID(c->ro, uuid));
}))
RC(virDomainLookupByUUIDString,
   roNoHandle(virDomainLookupByUUIDString(c->ro, "3c7a5d2e-1b4f-4a6d-9e8c-0f1e2d3c4b5a")))
RC(virDomainRef, virDomainRef(c->web) < 0 || virDomainFree(c->web) < 0)
RC(virDomainFree, virDomainRef(c->web) < 0 || virDomainFree(c->web) < 0)
RC(virDomainGetName, virDomainGetName(c->web) == NULL)
RC(virDomainGetID, virDomainGetID(c->web) == (unsigned int)-1)
RC(virDomainGetUUID, ({ unsigned char u[VIR_UUID_BUFLEN]; FAILS_INT(virDomainGetUUID(c->web, u)); }))
RC(virDomainGetUUIDString,
   ({ char b[VIR_UUID_STRING_BUFLEN]; FAILS_INT(virDomainGetUUIDString(c->web, b)); }))
RC(virDomainGetOSType, roNoString(virDomainGetOSType(c->web)))
RC(virDomainHasManagedSaveImage, virDomainHasManagedSaveImage(c->saved, 0) != 1)
RC(virDomainGetAutostart, ({ int a; FAILS_INT(virDomainGetAutostart(c->idle, &a)) || a != 1; }))
RC(virDomainGetInfo, ({ virDomainInfo i; FAILS_INT(virDomainGetInfo(c->web, &i)); }))
RC(virDomainGetState, ({ int s; FAILS_INT(virDomainGetState(c->web, &s, NULL, 0)); }))
RC(virDomainGetXMLDesc, roNoString(virDomainGetXMLDesc(c->web, VIR_DOMAIN_XML_INACTIVE)))
RC(virDomainIsActive, virDomainIsActive(c->web) != 1)
RC(virDomainIsPersistent, virDomainIsPersistent(c->web) != 1)
RC(virDomainIsUpdated, FAILS_INT(virDomainIsUpdated(c->web)))
RC(virDomainGetSecurityLabel,
   ({ virSecurityLabel l; FAILS_INT(virDomainGetSecurityLabel(c->web, &l)); }))
RC(virDomainGetCPUStats, FAILS_INT(virDomainGetCPUStats(c->web, NULL, 0, -1, 1, 0)))
RC(virDomainMemoryStats,
   ({ virDomainMemoryStatStruct s[2]; FAILS_INT(virDomainMemoryStats(c->web, s, 2, 0)); }))
RC(virConnectGetAllDomainStats, ({
    virDomainStatsRecordPtr *r = NULL;
    int n = virConnectGetAllDomainStats(c->ro, 0, &r, 0);
    virDomainStatsRecordListFree(r);
    n < 0;
}))
RC(virDomainListGetStats, ({
    virDomainPtr d[2] = { c->web, NULL };
    virDomainStatsRecordPtr *r = NULL;
    int n = virDomainListGetStats(d, 0, &r, 0);
    virDomainStatsRecordListFree(r);
    n < 0;
}))
RC(virDomainGetMessages, ({
    char **msgs = NULL;
    int n = virDomainGetMessages(c->web, &msgs, 0), i;

    for (i = 0; i < n; i++)
        free(msgs[i]);
    free(msgs);
    n < 0;
}))
RC(virDomainGetControlInfo,
   ({ virDomainControlInfo i; FAILS_INT(virDomainGetControlInfo(c->web, &i, 0)); }))
RC(virDomainGetMaxMemory, virDomainGetMaxMemory(c->web) == 0)
RC(virDomainGetVcpusFlags, FAILS_INT(virDomainGetVcpusFlags(c->web, 0)))
RC(virDomainGetMaxVcpus, FAILS_INT(virDomainGetMaxVcpus(c->web)))
RC(virDomainGetVcpuPinInfo,
   ({ unsigned char maps[8]; FAILS_INT(virDomainGetVcpuPinInfo(c->web, 4, maps, 2, 0)); }))
RC(virDomainGetVcpus, ({ virVcpuInfo i[4]; FAILS_INT(virDomainGetVcpus(c->web, i, 4, NULL, 0)); }))
RC(virDomainGetSchedulerType, roNoString(virDomainGetSchedulerType(c->web, NULL)))
RC(virDomainGetSchedulerParameters, ({
    virTypedParameter p[1];
    int n = 1;
    FAILS_INT(virDomainGetSchedulerParameters(c->web, p, &n));
}))
RC(virDomainGetSchedulerParametersFlags, ({
    virTypedParameter p[1];
    int n = 1;
    FAILS_INT(virDomainGetSchedulerParametersFlags(c->web, p, &n, 0));
}))
RC(virDomainGetMemoryParameters, ({
    virTypedParameter p[4];
    int n = 4;
    FAILS_INT(virDomainGetMemoryParameters(c->web, p, &n, 0));
}))
RC(virDomainGetBlkioParameters, ({
    int n = 0;
    FAILS_INT(virDomainGetBlkioParameters(c->web, NULL, &n, 0));
}))
RC(virDomainGetMemorySharing, ({
    virTypedParameter p[2];
    int n = 2;
    FAILS_INT(virDomainGetMemorySharing(c->web, p, &n, 0));
}))
/* reading what is not there is an answer too, not a refusal */
RC(virDomainGetMetadata, ({
    char *m = virDomainGetMetadata(c->web, VIR_DOMAIN_METADATA_DESCRIPTION, NULL, 0);
    bool failed = !m && virGetLastErrorCode() != VIR_ERR_NO_DOMAIN_METADATA;
    free(m);
    failed;
}))
/* the error helpers work on a read-only connection's errors too */
RC(virConnGetLastError, ({ virConnGetLastError(c->ro); false; }))
RC(virConnResetLastError, ({ virConnResetLastError(c->ro); false; }))
RC(virConnCopyLastError, ({
    virError e = { 0 };
    bool failed = virConnCopyLastError(c->ro, &e) < 0;
    virResetError(&e);
    failed;
}))
RC(virConnSetErrorFunc, ({ virConnSetErrorFunc(c->ro, NULL, NULL); false; }))

#undef ROW
#define ROW(fn) { #fn, rr_##fn }

static const roCase roAllowed[] = {
    ROW(virConnectRef), ROW(virConnectClose), ROW(virConnectGetType),
    ROW(virConnectDomainEventRegister), ROW(virConnectDomainEventDeregister),
    ROW(virConnectDomainEventRegisterAny), ROW(virConnectDomainEventDeregisterAny),
    ROW(virConnectRegisterCloseCallback), ROW(virConnectUnregisterCloseCallback),
    ROW(virConnectGetVersion), ROW(virConnectGetLibVersion), ROW(virConnectGetHostname),
    ROW(virConnectGetURI), ROW(virConnectGetCapabilities), ROW(virConnectGetMaxVcpus),
    ROW(virConnectIsAlive), ROW(virConnectSetKeepAlive), ROW(virConnectIsSecure), ROW(virConnectIsEncrypted),
    ROW(virNodeGetInfo), ROW(virNodeGetFreeMemory), ROW(virNodeGetCellsFreeMemory),
    ROW(virNodeGetCPUMap), ROW(virNodeGetMemoryStats), ROW(virNodeGetMemoryParameters),
    ROW(virNodeGetSecurityModel), ROW(virConnectNumOfDomains), ROW(virConnectListDomains),
    ROW(virConnectNumOfDefinedDomains), ROW(virConnectListDefinedDomains),
    ROW(virConnectListAllDomains), ROW(virDomainGetConnect), ROW(virDomainLookupByID),
    ROW(virDomainLookupByName), ROW(virDomainLookupByUUID), ROW(virDomainLookupByUUIDString),
    ROW(virDomainRef), ROW(virDomainFree), ROW(virDomainGetName), ROW(virDomainGetID),
    ROW(virDomainGetUUID), ROW(virDomainGetUUIDString), ROW(virDomainGetOSType),
    ROW(virDomainHasManagedSaveImage), ROW(virDomainGetAutostart), ROW(virDomainGetInfo),
    ROW(virDomainGetState), ROW(virDomainGetXMLDesc), ROW(virDomainIsActive),
    ROW(virDomainIsPersistent), ROW(virDomainIsUpdated), ROW(virDomainGetSecurityLabel),
    ROW(virDomainGetCPUStats), ROW(virDomainGetMessages), ROW(virDomainGetControlInfo),
    ROW(virDomainGetMaxMemory), ROW(virDomainMemoryStats), ROW(virConnectGetAllDomainStats),
    ROW(virDomainListGetStats),
    ROW(virDomainGetVcpusFlags), ROW(virDomainGetMaxVcpus), ROW(virDomainGetVcpuPinInfo),
    ROW(virDomainGetVcpus), ROW(virDomainGetSchedulerType),
    ROW(virDomainGetSchedulerParameters), ROW(virDomainGetSchedulerParametersFlags),
    ROW(virDomainGetMemoryParameters), ROW(virDomainGetBlkioParameters),
    ROW(virDomainGetMemorySharing), ROW(virDomainGetMetadata), ROW(virConnGetLastError),
    ROW(virConnResetLastError),
    ROW(virConnCopyLastError), ROW(virConnSetErrorFunc),
};

/* Functions that take no connection or domain: nothing to deny.  Listed
 * so that apicoverage.sh knows every public function was thought of. */
static const char *const roNoConnection[] = {
    "virTypedParamsGet", "virTypedParamsGetInt", "virTypedParamsGetUInt",
    "virTypedParamsGetLLong", "virTypedParamsGetULLong", "virTypedParamsGetDouble",
    "virTypedParamsGetBoolean", "virTypedParamsGetString", "virTypedParamsAddInt",
    "virTypedParamsAddUInt", "virTypedParamsAddLLong", "virTypedParamsAddULLong",
    "virTypedParamsAddDouble", "virTypedParamsAddBoolean", "virTypedParamsAddString",
    "virTypedParamsAddStringList", "virTypedParamsAddFromString", "virTypedParamsClear",
    "virTypedParamsFree", "virGetVersion", "virInitialize", "virConnectOpen",
    "virConnectOpenReadOnly", "virConnectOpenAuth", "virGetLastError", "virSaveLastError",
    "virResetLastError", "virResetError", "virFreeError", "virGetLastErrorCode",
    "virGetLastErrorDomain", "virGetLastErrorMessage", "virCopyLastError",
    "virDefaultErrorFunc", "virSetErrorFunc", "virDomainStatsRecordListFree",
};

static roCtx roShared;

/* @how: 0 virConnectOpenReadOnly, 1 virConnectOpenAuth with VIR_CONNECT_RO */
static void
roSetup(int how)
{
    roCtx *c = &roShared;
    virDomainPtr victim, web;

    memset(c, 0, sizeof(*c));
    relFixtureInit(&c->fx);
    c->savePath = g_build_filename(c->fx.root, "victim.save", NULL);
    c->newSavePath = g_build_filename(c->fx.root, "new.save", NULL);
    victim = virDomainCreateXML(c->fx.conn, "<domain type='test'><name>victim</name>"
                                "<memory>1024</memory><os><type>hvm</type></os></domain>", 0);
    ck_assert_ptr_nonnull(victim);
    ck_assert_int_eq(virDomainSave(victim, c->savePath), 0);
    virDomainFree(victim);
    web = relLookup(c->fx.conn, "web");
    ck_assert_int_eq(virDomainEnter(web, &c->cookie, 0), 0);
    virDomainFree(web);

    c->ro = how == 0 ? virConnectOpenReadOnly(c->fx.uri) :
                       virConnectOpenAuth(c->fx.uri, NULL, VIR_CONNECT_RO);
    ck_assert_ptr_nonnull(c->ro);
    c->web = relLookup(c->ro, "web");
    c->idle = relLookup(c->ro, "idle");
    c->db = relLookup(c->ro, "db");
    c->saved = relLookup(c->ro, "saved");
}

static void
roSetupReadOnly(void)
{
    roSetup(0);
}

static void
roSetupAuth(void)
{
    roSetup(1);
}

static void
roTeardown(void)
{
    roCtx *c = &roShared;
    virDomainPtr web = relLookup(c->fx.conn, "web");

    /* the entry the read-only connection could not leave is still there */
    ck_assert_int_eq(virDomainLeave(web, c->cookie, 0), 0);
    virDomainFree(web);
    virDomainFree(c->web);
    virDomainFree(c->idle);
    virDomainFree(c->db);
    virDomainFree(c->saved);
    ck_assert_int_eq(virConnectClose(c->ro), 0);
    g_free(c->savePath);
    g_free(c->newSavePath);
    relFixtureClear(&c->fx);
}

/* Entries are not in the snapshot: the read-write connection's entry is
 * still there to leave, and there is no other (a new one would be refused
 * a leave with any other cookie). */
static void
roCheckCookie(roCtx *c)
{
    virDomainPtr web = relLookup(c->fx.conn, "web");

    ck_assert_int_eq(virDomainLeave(web, c->cookie, 0), 0);
    ck_assert_int_eq(virDomainLeave(web, c->cookie, 0), -1);
    ck_assert_int_eq(virDomainEnter(web, &c->cookie, 0), 0);
    virDomainFree(web);
}

START_TEST(test_denied)
{
    const roCase *rc = &roDenied[_i];
    g_autofree char *before = relFixtureSnapshot(&roShared.fx);
    g_autofree char *after = NULL;

    virResetLastError();
    ck_assert_msg(rc->call(&roShared), "%s succeeded on a read-only connection", rc->func);
    ck_assert_error(VIR_ERR_OPERATION_DENIED, rc->func);
    after = relFixtureSnapshot(&roShared.fx);
    rel_assert_unchanged(before, after, rc->func);
    if (strcmp(rc->func, "virDomainEnter") == 0 || strcmp(rc->func, "virDomainLeave") == 0)
        roCheckCookie(&roShared);
}
END_TEST

START_TEST(test_allowed)
{
    const roCase *rc = &roAllowed[_i];
    g_autofree char *before = relFixtureSnapshot(&roShared.fx);
    g_autofree char *after = NULL;

    virResetLastError();
    ck_assert_msg(!rc->call(&roShared), "%s failed on a read-only connection: %s", rc->func,
                  virGetLastErrorMessage());
    after = relFixtureSnapshot(&roShared.fx);
    rel_assert_unchanged(before, after, rc->func);
}
END_TEST

static bool
roList(int argc, char **argv)
{
    g_autoptr(GPtrArray) names = g_ptr_array_new();
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(roDenied); i++)
        g_ptr_array_add(names, (gpointer)roDenied[i].func);
    for (i = 0; i < G_N_ELEMENTS(roAllowed); i++)
        g_ptr_array_add(names, (gpointer)roAllowed[i].func);
    for (i = 0; i < G_N_ELEMENTS(roNoConnection); i++)
        g_ptr_array_add(names, (gpointer)roNoConnection[i]);
    return relListNames(argc, argv, (const char *const *)names->pdata, names->len);
}

int
main(int argc, char **argv)
{
    Suite *s;
    TCase *tcro, *tcauth;

    if (roList(argc, argv))
        return EXIT_SUCCESS;
    s = suite_create("readonly");
    tcro = tcase_create("OpenReadOnly");
    tcauth = tcase_create("OpenAuth-RO");
    tcase_add_unchecked_fixture(tcro, roSetupReadOnly, roTeardown);
    tcase_add_loop_test(tcro, test_denied, 0, G_N_ELEMENTS(roDenied));
    tcase_add_loop_test(tcro, test_allowed, 0, G_N_ELEMENTS(roAllowed));
    tcase_add_unchecked_fixture(tcauth, roSetupAuth, roTeardown);
    tcase_add_loop_test(tcauth, test_denied, 0, G_N_ELEMENTS(roDenied));
    suite_add_tcase(s, tcro);
    suite_add_tcase(s, tcauth);
    return testRunSuite(s);
}
