/*
 * nullargtest.c: NULL for every pointer argument of every public function
 *
 * One row per (function, pointer argument): the call is made with that
 * argument NULL and every other argument valid, on the fixture of
 * relutils.h (files on disk, domains in every state).  A row says what
 * NULL must do there:
 *   REFUSED(code)  the failure value, the error @code with a message that
 *                  says something (not "failed without saying why")
 *   OPTIONAL       NULL means something documented (count only, default
 *                  URI, no reason wanted...): no argument error; the call
 *                  may still fail for another reason (a stopped domain)
 *   SILENT         the error helpers: NULL is ignored, no error is raised
 * After every row nothing observable may have changed: the model through
 * the API and the files on disk.
 *
 * tests/reliability/apicoverage.sh checks with --list that every public
 * function taking a pointer has a row.
 */
#include <config.h>

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "relutils.h"

typedef struct {
    relFixture fx;
    virDomainPtr dom;           /* "web", running */
    virDomainPtr idle;          /* "idle", shut off */
    virTypedParameter params[4];
    int nparams;
    int maxparams;
    char *savePath;             /* where a save would go (never written) */
} nullCtx;

typedef enum {
    REFUSED,
    OPTIONAL,
    SILENT,
} nullExpect;

typedef struct {
    const char *func;
    const char *arg;
    nullExpect expect;
    int code;
    /* makes the call; true when it returned its failure value */
    bool (*call)(nullCtx *c);
} nullCase;

static virTypedParameterPtr nullParamsPtr;   /* for the Add helpers */

/* Defines nc_<id>(): the call of one row. */
#define NC(id, expr) \
    static bool \
    nc_##id(nullCtx *c G_GNUC_UNUSED) \
    { \
        return (expr); \
    }
#define FAILS_INT(expr) ((expr) == -1)
#define FAILS_PTR(expr) ((expr) == NULL)

/* ---- typed parameters ---------------------------------------------- */

#define NC_GET(fn, ctype) \
    NC(fn##_params, ({ ctype v; FAILS_INT(fn(NULL, 1, "weight", &v)); })) \
    NC(fn##_name, ({ ctype v; FAILS_INT(fn(c->params, c->nparams, NULL, &v)); })) \
    NC(fn##_value, FAILS_INT(fn(c->params, c->nparams, "weight", NULL)))
NC_GET(virTypedParamsGetInt, int)
NC_GET(virTypedParamsGetUInt, unsigned int)
NC_GET(virTypedParamsGetLLong, long long)
NC_GET(virTypedParamsGetULLong, unsigned long long)
NC_GET(virTypedParamsGetDouble, double)
NC_GET(virTypedParamsGetBoolean, int)
NC_GET(virTypedParamsGetString, const char *)

#define NC_ADD(fn, value) \
    NC(fn##_params, FAILS_INT(fn(NULL, &c->nparams, &c->maxparams, "x", value))) \
    NC(fn##_nparams, FAILS_INT(fn(&nullParamsPtr, NULL, &c->maxparams, "x", value))) \
    NC(fn##_maxparams, FAILS_INT(fn(&nullParamsPtr, &c->nparams, NULL, "x", value))) \
    NC(fn##_name, FAILS_INT(fn(&nullParamsPtr, &c->nparams, &c->maxparams, NULL, value)))
NC_ADD(virTypedParamsAddInt, 1)
NC_ADD(virTypedParamsAddUInt, 1)
NC_ADD(virTypedParamsAddLLong, 1)
NC_ADD(virTypedParamsAddULLong, 1)
NC_ADD(virTypedParamsAddDouble, 1.5)
NC_ADD(virTypedParamsAddBoolean, 1)
NC_ADD(virTypedParamsAddString, "s")
NC(virTypedParamsAddString_value,
   FAILS_INT(virTypedParamsAddString(&nullParamsPtr, &c->nparams, &c->maxparams, "x", NULL)))
static const char *nullStrings[] = { "a", "b", NULL };
NC_ADD(virTypedParamsAddStringList, nullStrings)
NC(virTypedParamsAddStringList_values,
   FAILS_INT(virTypedParamsAddStringList(&nullParamsPtr, &c->nparams, &c->maxparams, "x", NULL)))
NC(virTypedParamsAddFromString_params,
   FAILS_INT(virTypedParamsAddFromString(NULL, &c->nparams, &c->maxparams, "x",
                                         VIR_TYPED_PARAM_INT, "1")))
NC(virTypedParamsAddFromString_nparams,
   FAILS_INT(virTypedParamsAddFromString(&nullParamsPtr, NULL, &c->maxparams, "x",
                                         VIR_TYPED_PARAM_INT, "1")))
NC(virTypedParamsAddFromString_maxparams,
   FAILS_INT(virTypedParamsAddFromString(&nullParamsPtr, &c->nparams, NULL, "x",
                                         VIR_TYPED_PARAM_INT, "1")))
NC(virTypedParamsAddFromString_name,
   FAILS_INT(virTypedParamsAddFromString(&nullParamsPtr, &c->nparams, &c->maxparams, NULL,
                                         VIR_TYPED_PARAM_INT, "1")))
NC(virTypedParamsAddFromString_value,
   FAILS_INT(virTypedParamsAddFromString(&nullParamsPtr, &c->nparams, &c->maxparams, "x",
                                         VIR_TYPED_PARAM_INT, NULL)))
NC(virTypedParamsGet_params, FAILS_PTR(virTypedParamsGet(NULL, 1, "weight")))
NC(virTypedParamsGet_name, FAILS_PTR(virTypedParamsGet(c->params, c->nparams, NULL)))
NC(virTypedParamsClear_params, ({ virTypedParamsClear(NULL, 3); true; }))
NC(virTypedParamsFree_params, ({ virTypedParamsFree(NULL, 3); true; }))

/* ---- the library and connections ----------------------------------- */

NC(virGetVersion_libVer, ({ unsigned long t; FAILS_INT(virGetVersion(NULL, "test", &t)); }))
NC(virGetVersion_type, ({ unsigned long l, t; FAILS_INT(virGetVersion(&l, NULL, &t)); }))
NC(virGetVersion_typeVer, ({ unsigned long l; FAILS_INT(virGetVersion(&l, "test", NULL)); }))

/* The default URI is VIRTKIT_DEFAULT_URI, test:///default here. */
static bool
nullOpenDefault(virConnectPtr conn)
{
    if (!conn)
        return true;
    ck_assert_int_eq(virConnectClose(conn), 0);
    return false;
}
NC(virConnectOpen_name, nullOpenDefault(virConnectOpen(NULL)))
NC(virConnectOpenReadOnly_name, nullOpenDefault(virConnectOpenReadOnly(NULL)))
NC(virConnectOpenAuth_name, nullOpenDefault(virConnectOpenAuth(NULL, virConnectAuthPtrDefault, 0)))
NC(virConnectOpenAuth_auth, nullOpenDefault(virConnectOpenAuth(c->fx.uri, NULL, 0)))

#define NC_CONN(fn, ...) NC(fn##_conn, FAILS_INT(fn(NULL, ##__VA_ARGS__)))
#define NC_CONN_PTR(fn, ...) NC(fn##_conn, FAILS_PTR(fn(NULL, ##__VA_ARGS__)))
/* callbacks the event rows register; never called */
static void
nullClosed(virConnectPtr conn G_GNUC_UNUSED, int reason G_GNUC_UNUSED, void *opaque G_GNUC_UNUSED)
{
}

static int
nullLifecycle(virConnectPtr conn G_GNUC_UNUSED, virDomainPtr dom G_GNUC_UNUSED,
              int event G_GNUC_UNUSED, int detail G_GNUC_UNUSED, void *opaque G_GNUC_UNUSED)
{
    return 0;
}
NC_CONN(virConnectRegisterCloseCallback, nullClosed, NULL, NULL)
NC(virConnectRegisterCloseCallback_cb,
   FAILS_INT(virConnectRegisterCloseCallback(c->fx.conn, NULL, NULL, NULL)))
NC_CONN(virConnectUnregisterCloseCallback, nullClosed)
NC(virConnectUnregisterCloseCallback_cb, FAILS_INT(virConnectUnregisterCloseCallback(c->fx.conn, NULL)))
NC_CONN(virConnectDomainEventRegister, nullLifecycle, NULL, NULL)
NC(virConnectDomainEventRegister_cb,
   FAILS_INT(virConnectDomainEventRegister(c->fx.conn, NULL, NULL, NULL)))
NC_CONN(virConnectDomainEventDeregister, nullLifecycle)
NC(virConnectDomainEventDeregister_cb, FAILS_INT(virConnectDomainEventDeregister(c->fx.conn, NULL)))
NC_CONN(virConnectDomainEventRegisterAny, NULL, 0, VIR_DOMAIN_EVENT_CALLBACK(nullLifecycle), NULL,
        NULL)
NC(virConnectDomainEventRegisterAny_cb,
   FAILS_INT(virConnectDomainEventRegisterAny(c->fx.conn, NULL, 0, NULL, NULL, NULL)))
NC_CONN(virConnectDomainEventDeregisterAny, 1)
NC_CONN(virConnectRef)
NC_CONN(virConnectClose)
NC_CONN_PTR(virConnectGetType)
NC(virConnectGetVersion_conn, ({ unsigned long v; FAILS_INT(virConnectGetVersion(NULL, &v)); }))
NC(virConnectGetVersion_hvVer, FAILS_INT(virConnectGetVersion(c->fx.conn, NULL)))
NC(virConnectGetLibVersion_conn, ({ unsigned long v; FAILS_INT(virConnectGetLibVersion(NULL, &v)); }))
NC(virConnectGetLibVersion_libVer, FAILS_INT(virConnectGetLibVersion(c->fx.conn, NULL)))
NC_CONN_PTR(virConnectGetHostname)
NC_CONN_PTR(virConnectGetURI)
NC_CONN_PTR(virConnectGetCapabilities)
NC_CONN_PTR(virConnectGetHypervisorLog, 0)
NC_CONN(virConnectGetMaxVcpus, "test")
NC(virConnectGetMaxVcpus_type, FAILS_INT(virConnectGetMaxVcpus(c->fx.conn, NULL)))
NC_CONN(virConnectIsAlive)
NC_CONN(virConnectSetKeepAlive, 5, 6)
NC_CONN(virConnectIsSecure)
NC_CONN(virConnectIsEncrypted)

/* ---- the node ------------------------------------------------------ */

NC(virNodeGetInfo_conn, ({ virNodeInfo i; FAILS_INT(virNodeGetInfo(NULL, &i)); }))
NC(virNodeGetInfo_info, FAILS_INT(virNodeGetInfo(c->fx.conn, NULL)))
NC(virNodeGetFreeMemory_conn, virNodeGetFreeMemory(NULL) == 0)
NC(virNodeGetCellsFreeMemory_conn,
   ({ unsigned long long m[2]; FAILS_INT(virNodeGetCellsFreeMemory(NULL, m, 0, 2)); }))
NC(virNodeGetCellsFreeMemory_freeMems, FAILS_INT(virNodeGetCellsFreeMemory(c->fx.conn, NULL, 0, 2)))
NC(virNodeGetCPUMap_conn, FAILS_INT(virNodeGetCPUMap(NULL, NULL, NULL, 0)))
NC(virNodeGetCPUMap_cpumap, ({ unsigned int on; FAILS_INT(virNodeGetCPUMap(c->fx.conn, NULL, &on, 0)); }))
NC(virNodeGetCPUMap_online, ({
    unsigned char *map = NULL;
    bool failed = FAILS_INT(virNodeGetCPUMap(c->fx.conn, &map, NULL, 0));
    free(map);
    failed;
}))
NC(virNodeGetMemoryStats_conn,
   ({ virNodeMemoryStats s[2]; int n = 2; FAILS_INT(virNodeGetMemoryStats(NULL, -1, s, &n, 0)); }))
NC(virNodeGetMemoryStats_params,
   ({ int n = 2; FAILS_INT(virNodeGetMemoryStats(c->fx.conn, -1, NULL, &n, 0)); }))
NC(virNodeGetMemoryStats_nparams,
   ({ virNodeMemoryStats s[2]; FAILS_INT(virNodeGetMemoryStats(c->fx.conn, -1, s, NULL, 0)); }))
NC(virNodeGetMemoryParameters_conn,
   ({ int n = 1; FAILS_INT(virNodeGetMemoryParameters(NULL, c->params, &n, 0)); }))
NC(virNodeGetMemoryParameters_params,
   ({ int n = 2; FAILS_INT(virNodeGetMemoryParameters(c->fx.conn, NULL, &n, 0)); }))
NC(virNodeGetMemoryParameters_nparams,
   FAILS_INT(virNodeGetMemoryParameters(c->fx.conn, c->params, NULL, 0)))
NC(virNodeSetMemoryParameters_conn, FAILS_INT(virNodeSetMemoryParameters(NULL, c->params, 1, 0)))
NC(virNodeSetMemoryParameters_params, FAILS_INT(virNodeSetMemoryParameters(c->fx.conn, NULL, 1, 0)))
NC(virNodeGetSecurityModel_conn, ({ virSecurityModel m; FAILS_INT(virNodeGetSecurityModel(NULL, &m)); }))
NC(virNodeGetSecurityModel_secmodel, FAILS_INT(virNodeGetSecurityModel(c->fx.conn, NULL)))

/* ---- listing and lookup -------------------------------------------- */

NC_CONN(virConnectNumOfDomains)
NC_CONN(virConnectNumOfDefinedDomains)
NC(virConnectListDomains_conn, ({ int ids[4]; FAILS_INT(virConnectListDomains(NULL, ids, 4)); }))
NC(virConnectListDomains_ids, FAILS_INT(virConnectListDomains(c->fx.conn, NULL, 4)))
NC(virConnectListDefinedDomains_conn,
   ({ char *n[4]; FAILS_INT(virConnectListDefinedDomains(NULL, n, 4)); }))
NC(virConnectListDefinedDomains_names, FAILS_INT(virConnectListDefinedDomains(c->fx.conn, NULL, 4)))
NC(virConnectListAllDomains_conn,
   ({ virDomainPtr *d; FAILS_INT(virConnectListAllDomains(NULL, &d, 0)); }))
NC(virConnectListAllDomains_domains, FAILS_INT(virConnectListAllDomains(c->fx.conn, NULL, 0)))
NC(virDomainGetConnect_domain, FAILS_PTR(virDomainGetConnect(NULL)))

static bool
nullLookedUp(virDomainPtr dom)
{
    if (!dom)
        return true;
    virDomainFree(dom);
    return false;
}
NC(virDomainLookupByID_conn, nullLookedUp(virDomainLookupByID(NULL, 1)))
NC(virDomainLookupByName_conn, nullLookedUp(virDomainLookupByName(NULL, "web")))
NC(virDomainLookupByName_name, nullLookedUp(virDomainLookupByName(c->fx.conn, NULL)))
NC(virDomainLookupByUUID_conn, ({
    unsigned char uuid[VIR_UUID_BUFLEN] = { 0 };
    nullLookedUp(virDomainLookupByUUID(NULL, uuid));
}))
NC(virDomainLookupByUUID_uuid, nullLookedUp(virDomainLookupByUUID(c->fx.conn, NULL)))
NC(virDomainLookupByUUIDString_conn,
   nullLookedUp(virDomainLookupByUUIDString(NULL, "3c7a5d2e-1b4f-4a6d-9e8c-0f1e2d3c4b5a")))
NC(virDomainLookupByUUIDString_uuid, nullLookedUp(virDomainLookupByUUIDString(c->fx.conn, NULL)))

/* ---- domain handles ------------------------------------------------ */

#define NC_DOM(fn, ...) NC(fn##_domain, FAILS_INT(fn(NULL, ##__VA_ARGS__)))
#define NC_DOM_PTR(fn, ...) NC(fn##_domain, FAILS_PTR(fn(NULL, ##__VA_ARGS__)))
NC_DOM(virDomainRef)
NC_DOM(virDomainFree)
NC_DOM_PTR(virDomainGetName)
NC(virDomainGetID_domain, virDomainGetID(NULL) == (unsigned int)-1)
NC(virDomainGetUUID_domain, ({ unsigned char u[VIR_UUID_BUFLEN]; FAILS_INT(virDomainGetUUID(NULL, u)); }))
NC(virDomainGetUUID_uuid, FAILS_INT(virDomainGetUUID(c->dom, NULL)))
NC(virDomainGetUUIDString_domain,
   ({ char b[VIR_UUID_STRING_BUFLEN]; FAILS_INT(virDomainGetUUIDString(NULL, b)); }))
NC(virDomainGetUUIDString_buf, FAILS_INT(virDomainGetUUIDString(c->dom, NULL)))
NC_DOM_PTR(virDomainGetOSType)

/* ---- definition and lifecycle -------------------------------------- */

#define NEW_XML "<domain type='test'><name>new</name><memory>1024</memory><os><type>hvm</type></os></domain>"
NC(virDomainDefineXML_conn, nullLookedUp(virDomainDefineXML(NULL, NEW_XML)))
NC(virDomainDefineXML_xml, nullLookedUp(virDomainDefineXML(c->fx.conn, NULL)))
NC(virDomainDefineXMLFlags_conn, nullLookedUp(virDomainDefineXMLFlags(NULL, NEW_XML, 0)))
NC(virDomainDefineXMLFlags_xml, nullLookedUp(virDomainDefineXMLFlags(c->fx.conn, NULL, 0)))
NC_DOM(virDomainUndefine)
NC_DOM(virDomainUndefineFlags, 0)
NC_DOM(virDomainRename, "renamed", 0)
NC(virDomainRename_new_name, FAILS_INT(virDomainRename(c->dom, NULL, 0)))
NC_DOM(virDomainSetMetadata, VIR_DOMAIN_METADATA_TITLE, "t", NULL, NULL, 0)
NC_DOM_PTR(virDomainGetMetadata, VIR_DOMAIN_METADATA_TITLE, NULL, 0)
NC(virDomainSetMetadata_uri, FAILS_INT(virDomainSetMetadata(c->dom, VIR_DOMAIN_METADATA_ELEMENT,
                                                            "<a/>", "k", NULL, 0)))
NC(virDomainSetMetadata_key, FAILS_INT(virDomainSetMetadata(c->dom, VIR_DOMAIN_METADATA_ELEMENT,
                                                            "<a/>", NULL, "http://x", 0)))
NC(virDomainGetMetadata_uri, FAILS_PTR(virDomainGetMetadata(c->dom, VIR_DOMAIN_METADATA_ELEMENT,
                                                            NULL, 0)))
NC(virDomainCreateXML_conn, nullLookedUp(virDomainCreateXML(NULL, NEW_XML, 0)))
NC(virDomainCreateXML_xmlDesc, nullLookedUp(virDomainCreateXML(c->fx.conn, NULL, 0)))
NC_DOM(virDomainCreate)
NC_DOM(virDomainCreateWithFlags, 0)
NC_DOM(virDomainShutdown)
NC_DOM(virDomainShutdownFlags, 0)
NC_DOM(virDomainReboot, 0)
NC_DOM(virDomainReset, 0)
NC_DOM(virDomainDestroy)
NC_DOM(virDomainDestroyFlags, 0)
NC_DOM(virDomainSuspend)
NC_DOM(virDomainResume)
NC(virDomainSave_domain, FAILS_INT(virDomainSave(NULL, c->savePath)))
NC(virDomainSave_to, FAILS_INT(virDomainSave(c->dom, NULL)))
NC(virDomainSaveFlags_domain, FAILS_INT(virDomainSaveFlags(NULL, c->savePath, NULL, 0)))
NC(virDomainSaveFlags_to, FAILS_INT(virDomainSaveFlags(c->dom, NULL, NULL, 0)))
/* a stopped domain: the call gets past the arguments, then fails */
NC(virDomainSaveFlags_dxml, FAILS_INT(virDomainSaveFlags(c->idle, c->savePath, NULL, 0)))
NC(virDomainRestore_conn, FAILS_INT(virDomainRestore(NULL, c->savePath)))
NC(virDomainRestore_from, FAILS_INT(virDomainRestore(c->fx.conn, NULL)))
NC(virDomainRestoreFlags_conn, FAILS_INT(virDomainRestoreFlags(NULL, c->savePath, NULL, 0)))
NC(virDomainRestoreFlags_from, FAILS_INT(virDomainRestoreFlags(c->fx.conn, NULL, NULL, 0)))
NC(virDomainRestoreFlags_dxml, FAILS_INT(virDomainRestoreFlags(c->fx.conn, c->savePath, NULL, 0)))
NC(virDomainManagedSave_dom, FAILS_INT(virDomainManagedSave(NULL, 0)))
NC(virDomainHasManagedSaveImage_dom, FAILS_INT(virDomainHasManagedSaveImage(NULL, 0)))
NC(virDomainManagedSaveRemove_dom, FAILS_INT(virDomainManagedSaveRemove(NULL, 0)))
NC(virDomainGetAutostart_domain, ({ int a; FAILS_INT(virDomainGetAutostart(NULL, &a)); }))
NC(virDomainGetAutostart_autostart, FAILS_INT(virDomainGetAutostart(c->dom, NULL)))
NC_DOM(virDomainSetAutostart, 1)

/* ---- state and description ----------------------------------------- */

NC(virDomainGetInfo_domain, ({ virDomainInfo i; FAILS_INT(virDomainGetInfo(NULL, &i)); }))
NC(virDomainGetInfo_info, FAILS_INT(virDomainGetInfo(c->dom, NULL)))
NC(virDomainGetState_domain, ({ int s, r; FAILS_INT(virDomainGetState(NULL, &s, &r, 0)); }))
NC(virDomainGetState_state, ({ int r; FAILS_INT(virDomainGetState(c->dom, NULL, &r, 0)); }))
NC(virDomainGetState_reason, ({ int s; FAILS_INT(virDomainGetState(c->dom, &s, NULL, 0)); }))
NC_DOM_PTR(virDomainGetXMLDesc, 0)
NC(virDomainIsActive_dom, FAILS_INT(virDomainIsActive(NULL)))
NC(virDomainIsPersistent_dom, FAILS_INT(virDomainIsPersistent(NULL)))
NC(virDomainIsUpdated_dom, FAILS_INT(virDomainIsUpdated(NULL)))
NC(virDomainGetSecurityLabel_domain,
   ({ virSecurityLabel l; FAILS_INT(virDomainGetSecurityLabel(NULL, &l)); }))
NC(virDomainGetSecurityLabel_seclabel, FAILS_INT(virDomainGetSecurityLabel(c->dom, NULL)))
NC(virDomainMemoryStats_dom,
   ({ virDomainMemoryStatStruct s[2]; FAILS_INT(virDomainMemoryStats(NULL, s, 2, 0)); }))
NC(virDomainMemoryStats_stats, FAILS_INT(virDomainMemoryStats(c->dom, NULL, 2, 0)))
NC(virConnectGetAllDomainStats_conn,
   ({ virDomainStatsRecordPtr *r; FAILS_INT(virConnectGetAllDomainStats(NULL, 0, &r, 0)); }))
NC(virConnectGetAllDomainStats_retStats,
   FAILS_INT(virConnectGetAllDomainStats(c->fx.conn, 0, NULL, 0)))
NC(virDomainListGetStats_doms,
   ({ virDomainStatsRecordPtr *r; FAILS_INT(virDomainListGetStats(NULL, 0, &r, 0)); }))
NC(virDomainListGetStats_retStats,
   ({ virDomainPtr d[2] = { c->dom, NULL }; FAILS_INT(virDomainListGetStats(d, 0, NULL, 0)); }))
NC(virDomainStatsRecordListFree_stats, ({ virDomainStatsRecordListFree(NULL); true; }))
NC(virDomainGetCPUStats_domain, FAILS_INT(virDomainGetCPUStats(NULL, c->params, 3, -1, 1, 0)))
NC(virDomainGetCPUStats_params, FAILS_INT(virDomainGetCPUStats(c->dom, NULL, 3, -1, 1, 0)))
NC(virDomainGetMessages_domain, ({ char **m; FAILS_INT(virDomainGetMessages(NULL, &m, 0)); }))
NC(virDomainGetMessages_msgs, FAILS_INT(virDomainGetMessages(c->dom, NULL, 0)))
NC(virDomainGetControlInfo_domain,
   ({ virDomainControlInfo i; FAILS_INT(virDomainGetControlInfo(NULL, &i, 0)); }))
NC(virDomainGetControlInfo_info, FAILS_INT(virDomainGetControlInfo(c->dom, NULL, 0)))

/* ---- memory, vcpus, tunables --------------------------------------- */

NC(virDomainGetMaxMemory_domain, virDomainGetMaxMemory(NULL) == 0)
NC_DOM(virDomainSetMaxMemory, 1024)
NC_DOM(virDomainSetMemory, 1024)
NC_DOM(virDomainSetMemoryFlags, 1024, 0)
NC_DOM(virDomainSetMemoryStatsPeriod, 10, 0)
NC_DOM(virDomainSetVcpus, 1)
NC_DOM(virDomainSetVcpusFlags, 1, 0)
NC_DOM(virDomainGetVcpusFlags, 0)
NC_DOM(virDomainGetMaxVcpus)
NC(virDomainPinVcpu_domain, ({ unsigned char m[1] = { 1 }; FAILS_INT(virDomainPinVcpu(NULL, 0, m, 1)); }))
NC(virDomainPinVcpu_cpumap, FAILS_INT(virDomainPinVcpu(c->dom, 0, NULL, 1)))
NC(virDomainPinVcpuFlags_domain,
   ({ unsigned char m[1] = { 1 }; FAILS_INT(virDomainPinVcpuFlags(NULL, 0, m, 1, 0)); }))
NC(virDomainPinVcpuFlags_cpumap, FAILS_INT(virDomainPinVcpuFlags(c->dom, 0, NULL, 1, 0)))
NC(virDomainGetVcpuPinInfo_domain,
   ({ unsigned char m[8]; FAILS_INT(virDomainGetVcpuPinInfo(NULL, 4, m, 2, 0)); }))
NC(virDomainGetVcpuPinInfo_cpumaps, FAILS_INT(virDomainGetVcpuPinInfo(c->dom, 4, NULL, 2, 0)))
NC(virDomainGetVcpus_domain, ({ virVcpuInfo i[4]; FAILS_INT(virDomainGetVcpus(NULL, i, 4, NULL, 0)); }))
NC(virDomainGetVcpus_info, FAILS_INT(virDomainGetVcpus(c->dom, NULL, 4, NULL, 0)))
NC(virDomainGetVcpus_cpumaps, ({ virVcpuInfo i[4]; FAILS_INT(virDomainGetVcpus(c->dom, i, 4, NULL, 0)); }))
NC(virDomainGetSchedulerType_domain, ({ int n; FAILS_PTR(virDomainGetSchedulerType(NULL, &n)); }))
NC(virDomainGetSchedulerType_nparams, ({
    char *type = virDomainGetSchedulerType(c->dom, NULL);
    bool failed = type == NULL;
    free(type);
    failed;
}))

#define NC_GET_PARAMS(fn, ...) \
    NC(fn##_domain, ({ int n = 2; FAILS_INT(fn(NULL, c->params, &n, ##__VA_ARGS__)); })) \
    NC(fn##_params, ({ int n = 2; FAILS_INT(fn(c->dom, NULL, &n, ##__VA_ARGS__)); })) \
    NC(fn##_nparams, FAILS_INT(fn(c->dom, c->params, NULL, ##__VA_ARGS__)))
#define NC_SET_PARAMS(fn, ...) \
    NC(fn##_domain, FAILS_INT(fn(NULL, c->params, 1, ##__VA_ARGS__))) \
    NC(fn##_params, FAILS_INT(fn(c->dom, NULL, 1, ##__VA_ARGS__)))
NC_GET_PARAMS(virDomainGetSchedulerParameters)
NC_GET_PARAMS(virDomainGetSchedulerParametersFlags, 0)
NC_SET_PARAMS(virDomainSetSchedulerParameters)
NC_SET_PARAMS(virDomainSetSchedulerParametersFlags, 0)
NC_GET_PARAMS(virDomainGetMemoryParameters, 0)
NC_SET_PARAMS(virDomainSetMemoryParameters, 0)
NC_GET_PARAMS(virDomainGetBlkioParameters, 0)
NC_SET_PARAMS(virDomainSetBlkioParameters, 0)
NC_GET_PARAMS(virDomainGetMemorySharing, 0)

/* ---- virtkit's extensions ------------------------------------------ */

NC(virDomainEnter_domain, ({ unsigned int k; FAILS_INT(virDomainEnter(NULL, &k, 0)); }))
NC(virDomainEnter_cookie, FAILS_INT(virDomainEnter(c->dom, NULL, 0)))
NC_DOM(virDomainLeave, 1, 0)
NC_DOM(virDomainSetMemorySharing, 1, 0)
NC(virNodeMemoryDedup_conn, ({
    virTypedParameterPtr p = NULL;
    int n = 0;
    FAILS_INT(virNodeMemoryDedup(NULL, NULL, 0, &p, &n, 0));
}))
NC(virNodeMemoryDedup_domains, ({
    virTypedParameterPtr p = NULL;
    int n = 0;
    FAILS_INT(virNodeMemoryDedup(c->fx.conn, NULL, 1, &p, &n, 0));
}))
NC(virNodeMemoryDedup_params,
   ({ int n = 0; FAILS_INT(virNodeMemoryDedup(c->fx.conn, NULL, 0, NULL, &n, 0)); }))
NC(virNodeMemoryDedup_nparams, ({
    virTypedParameterPtr p = NULL;
    FAILS_INT(virNodeMemoryDedup(c->fx.conn, NULL, 0, &p, NULL, 0));
}))

#define NC_DISK "<disk type='file'><source file='/nonexistent'/><target dev='vdz'/></disk>"
NC_DOM(virDomainAttachDevice, NC_DISK)
NC(virDomainAttachDevice_xml, FAILS_INT(virDomainAttachDevice(c->dom, NULL)))
NC_DOM(virDomainAttachDeviceFlags, NC_DISK, 0)
NC(virDomainAttachDeviceFlags_xml, FAILS_INT(virDomainAttachDeviceFlags(c->dom, NULL, 0)))
NC_DOM(virDomainDetachDevice, NC_DISK)
NC(virDomainDetachDevice_xml, FAILS_INT(virDomainDetachDevice(c->dom, NULL)))
NC_DOM(virDomainDetachDeviceFlags, NC_DISK, 0)
NC(virDomainDetachDeviceFlags_xml, FAILS_INT(virDomainDetachDeviceFlags(c->dom, NULL, 0)))
NC_DOM(virDomainUpdateDeviceFlags, NC_DISK, 0)
NC(virDomainUpdateDeviceFlags_xml, FAILS_INT(virDomainUpdateDeviceFlags(c->dom, NULL, 0)))
NC_DOM(virDomainDetachDeviceAlias, "ua-disk", 0)
NC(virDomainDetachDeviceAlias_alias, FAILS_INT(virDomainDetachDeviceAlias(c->dom, NULL, 0)))
NC(virDomainSendKey_domain,
   ({ unsigned int k[1] = { 30 }; FAILS_INT(virDomainSendKey(NULL, 0, 0, k, 1, 0)); }))
NC(virDomainSendKey_keycodes, FAILS_INT(virDomainSendKey(c->dom, 0, 0, NULL, 1, 0)))

/* ---- errors -------------------------------------------------------- */

NC(virResetError_err, ({ virResetError(NULL); true; }))
NC(virFreeError_err, ({ virFreeError(NULL); true; }))
NC(virConnGetLastError_conn, FAILS_PTR(virConnGetLastError(NULL)))
NC(virConnResetLastError_conn, ({ virConnResetLastError(NULL); true; }))
NC(virCopyLastError_to, FAILS_INT(virCopyLastError(NULL)))
NC(virDefaultErrorFunc_err, ({ virDefaultErrorFunc(NULL); true; }))
NC(virConnCopyLastError_conn, ({ virError e = { 0 }; FAILS_INT(virConnCopyLastError(NULL, &e)); }))
NC(virConnCopyLastError_to, FAILS_INT(virConnCopyLastError(c->fx.conn, NULL)))
NC(virConnSetErrorFunc_conn, ({ virConnSetErrorFunc(NULL, NULL, NULL); true; }))
NC(virConnSetErrorFunc_userData, ({ virConnSetErrorFunc(c->fx.conn, NULL, NULL); false; }))
NC(virConnSetErrorFunc_handler, ({ virConnSetErrorFunc(c->fx.conn, NULL, NULL); false; }))
/* NULL handler: the default printer; the suite's quiet one comes back */
NC(virSetErrorFunc_userData, ({ virSetErrorFunc(NULL, NULL); testQuietErrors(); false; }))
NC(virSetErrorFunc_handler, ({ virSetErrorFunc(NULL, NULL); testQuietErrors(); false; }))

#define ROW(fn, arg, expect, code) { #fn, #arg, expect, code, nc_##fn##_##arg }
#define CONN(fn) ROW(fn, conn, REFUSED, VIR_ERR_INVALID_CONN)
#define DOM(fn) ROW(fn, domain, REFUSED, VIR_ERR_INVALID_DOMAIN)
#define DOM2(fn) ROW(fn, dom, REFUSED, VIR_ERR_INVALID_DOMAIN)
#define ARG(fn, arg) ROW(fn, arg, REFUSED, VIR_ERR_INVALID_ARG)
#define OPT(fn, arg) ROW(fn, arg, OPTIONAL, 0)
#define QUIET(fn, arg) ROW(fn, arg, SILENT, 0)
#define GET_ROWS(fn) ARG(fn, params), ARG(fn, name), ARG(fn, value)
#define ADD_ROWS(fn) ARG(fn, params), ARG(fn, nparams), ARG(fn, maxparams), ARG(fn, name)
#define GETP_ROWS(fn) DOM(fn), ARG(fn, params), ARG(fn, nparams)
#define SETP_ROWS(fn) DOM(fn), ARG(fn, params)

static const nullCase nullCases[] = {
    GET_ROWS(virTypedParamsGetInt), GET_ROWS(virTypedParamsGetUInt),
    GET_ROWS(virTypedParamsGetLLong), GET_ROWS(virTypedParamsGetULLong),
    GET_ROWS(virTypedParamsGetDouble), GET_ROWS(virTypedParamsGetBoolean),
    GET_ROWS(virTypedParamsGetString),
    ADD_ROWS(virTypedParamsAddInt), ADD_ROWS(virTypedParamsAddUInt),
    ADD_ROWS(virTypedParamsAddLLong), ADD_ROWS(virTypedParamsAddULLong),
    ADD_ROWS(virTypedParamsAddDouble), ADD_ROWS(virTypedParamsAddBoolean),
    ADD_ROWS(virTypedParamsAddString), ARG(virTypedParamsAddString, value),
    ADD_ROWS(virTypedParamsAddStringList), OPT(virTypedParamsAddStringList, values),
    ADD_ROWS(virTypedParamsAddFromString), ARG(virTypedParamsAddFromString, value),
    QUIET(virTypedParamsGet, params), QUIET(virTypedParamsGet, name),
    QUIET(virTypedParamsClear, params), QUIET(virTypedParamsFree, params),

    OPT(virGetVersion, libVer), OPT(virGetVersion, type), OPT(virGetVersion, typeVer),
    OPT(virConnectOpen, name), OPT(virConnectOpenReadOnly, name),
    OPT(virConnectOpenAuth, name), OPT(virConnectOpenAuth, auth),
    CONN(virConnectRef), CONN(virConnectClose), CONN(virConnectGetType),
    CONN(virConnectRegisterCloseCallback), ARG(virConnectRegisterCloseCallback, cb),
    CONN(virConnectUnregisterCloseCallback), ARG(virConnectUnregisterCloseCallback, cb),
    CONN(virConnectDomainEventRegister), ARG(virConnectDomainEventRegister, cb),
    CONN(virConnectDomainEventDeregister), ARG(virConnectDomainEventDeregister, cb),
    CONN(virConnectDomainEventRegisterAny), ARG(virConnectDomainEventRegisterAny, cb),
    CONN(virConnectDomainEventDeregisterAny),
    CONN(virConnectGetVersion), ARG(virConnectGetVersion, hvVer),
    CONN(virConnectGetLibVersion), ARG(virConnectGetLibVersion, libVer),
    CONN(virConnectGetHostname), CONN(virConnectGetURI), CONN(virConnectGetCapabilities),
    CONN(virConnectGetHypervisorLog),
    CONN(virConnectGetMaxVcpus), OPT(virConnectGetMaxVcpus, type),
    CONN(virConnectIsAlive), CONN(virConnectSetKeepAlive), CONN(virConnectIsSecure),
    CONN(virConnectIsEncrypted),

    CONN(virNodeGetInfo), ARG(virNodeGetInfo, info), CONN(virNodeGetFreeMemory),
    CONN(virNodeGetCellsFreeMemory), ARG(virNodeGetCellsFreeMemory, freeMems),
    CONN(virNodeGetCPUMap), OPT(virNodeGetCPUMap, cpumap), OPT(virNodeGetCPUMap, online),
    CONN(virNodeGetMemoryStats), ARG(virNodeGetMemoryStats, params),
    ARG(virNodeGetMemoryStats, nparams),
    CONN(virNodeGetMemoryParameters), ARG(virNodeGetMemoryParameters, params),
    ARG(virNodeGetMemoryParameters, nparams),
    CONN(virNodeSetMemoryParameters), ARG(virNodeSetMemoryParameters, params),
    CONN(virNodeGetSecurityModel), ARG(virNodeGetSecurityModel, secmodel),

    CONN(virConnectNumOfDomains), CONN(virConnectNumOfDefinedDomains),
    CONN(virConnectListDomains), ARG(virConnectListDomains, ids),
    CONN(virConnectListDefinedDomains), ARG(virConnectListDefinedDomains, names),
    CONN(virConnectListAllDomains), OPT(virConnectListAllDomains, domains),
    DOM(virDomainGetConnect),
    CONN(virDomainLookupByID), CONN(virDomainLookupByName), ARG(virDomainLookupByName, name),
    CONN(virDomainLookupByUUID), ARG(virDomainLookupByUUID, uuid),
    CONN(virDomainLookupByUUIDString), ARG(virDomainLookupByUUIDString, uuid),

    DOM(virDomainRef), DOM(virDomainFree), DOM(virDomainGetName), DOM(virDomainGetID),
    DOM(virDomainGetUUID), ARG(virDomainGetUUID, uuid),
    DOM(virDomainGetUUIDString), ARG(virDomainGetUUIDString, buf), DOM(virDomainGetOSType),

    CONN(virDomainDefineXML), ARG(virDomainDefineXML, xml),
    CONN(virDomainDefineXMLFlags), ARG(virDomainDefineXMLFlags, xml),
    DOM(virDomainUndefine), DOM(virDomainUndefineFlags),
    DOM(virDomainRename), ARG(virDomainRename, new_name),
    DOM(virDomainSetMetadata), ARG(virDomainSetMetadata, uri), ARG(virDomainSetMetadata, key),
    DOM(virDomainGetMetadata), ARG(virDomainGetMetadata, uri),
    CONN(virDomainCreateXML), ARG(virDomainCreateXML, xmlDesc),
    DOM(virDomainCreate), DOM(virDomainCreateWithFlags),
    DOM(virDomainShutdown), DOM(virDomainShutdownFlags), DOM(virDomainReboot),
    DOM(virDomainReset), DOM(virDomainDestroy), DOM(virDomainDestroyFlags),
    DOM(virDomainSuspend), DOM(virDomainResume),
    DOM(virDomainSave), ARG(virDomainSave, to),
    DOM(virDomainSaveFlags), ARG(virDomainSaveFlags, to), OPT(virDomainSaveFlags, dxml),
    CONN(virDomainRestore), ARG(virDomainRestore, from),
    CONN(virDomainRestoreFlags), ARG(virDomainRestoreFlags, from),
    OPT(virDomainRestoreFlags, dxml),
    DOM2(virDomainManagedSave), DOM2(virDomainHasManagedSaveImage),
    DOM2(virDomainManagedSaveRemove),
    DOM(virDomainGetAutostart), ARG(virDomainGetAutostart, autostart),
    DOM(virDomainSetAutostart),

    DOM(virDomainGetInfo), ARG(virDomainGetInfo, info),
    DOM(virDomainGetState), ARG(virDomainGetState, state), OPT(virDomainGetState, reason),
    DOM(virDomainGetXMLDesc),
    DOM2(virDomainIsActive), DOM2(virDomainIsPersistent), DOM2(virDomainIsUpdated),
    DOM(virDomainGetSecurityLabel), ARG(virDomainGetSecurityLabel, seclabel),
    DOM(virDomainGetCPUStats), ARG(virDomainGetCPUStats, params),
    DOM2(virDomainMemoryStats), OPT(virDomainMemoryStats, stats),
    CONN(virConnectGetAllDomainStats), ARG(virConnectGetAllDomainStats, retStats),
    ARG(virDomainListGetStats, doms), ARG(virDomainListGetStats, retStats),
    QUIET(virDomainStatsRecordListFree, stats),
    DOM(virDomainGetMessages), ARG(virDomainGetMessages, msgs),
    DOM(virDomainGetControlInfo), ARG(virDomainGetControlInfo, info),

    DOM(virDomainGetMaxMemory), DOM(virDomainSetMaxMemory), DOM(virDomainSetMemory),
    DOM(virDomainSetMemoryFlags), DOM(virDomainSetMemoryStatsPeriod), DOM(virDomainSetVcpus), DOM(virDomainSetVcpusFlags),
    DOM(virDomainGetVcpusFlags), DOM(virDomainGetMaxVcpus),
    DOM(virDomainPinVcpu), ARG(virDomainPinVcpu, cpumap),
    DOM(virDomainPinVcpuFlags), ARG(virDomainPinVcpuFlags, cpumap),
    DOM(virDomainGetVcpuPinInfo), ARG(virDomainGetVcpuPinInfo, cpumaps),
    DOM(virDomainGetVcpus), ARG(virDomainGetVcpus, info), OPT(virDomainGetVcpus, cpumaps),
    DOM(virDomainGetSchedulerType), OPT(virDomainGetSchedulerType, nparams),
    GETP_ROWS(virDomainGetSchedulerParameters), GETP_ROWS(virDomainGetSchedulerParametersFlags),
    SETP_ROWS(virDomainSetSchedulerParameters), SETP_ROWS(virDomainSetSchedulerParametersFlags),
    GETP_ROWS(virDomainGetMemoryParameters), SETP_ROWS(virDomainSetMemoryParameters),
    GETP_ROWS(virDomainGetBlkioParameters), SETP_ROWS(virDomainSetBlkioParameters),

    DOM(virDomainEnter), ARG(virDomainEnter, cookie), DOM(virDomainLeave),
    DOM(virDomainSetMemorySharing), GETP_ROWS(virDomainGetMemorySharing),
    CONN(virNodeMemoryDedup), ARG(virNodeMemoryDedup, domains), ARG(virNodeMemoryDedup, params),
    ARG(virNodeMemoryDedup, nparams),

    DOM(virDomainAttachDevice), ARG(virDomainAttachDevice, xml),
    DOM(virDomainAttachDeviceFlags), ARG(virDomainAttachDeviceFlags, xml),
    DOM(virDomainDetachDevice), ARG(virDomainDetachDevice, xml),
    DOM(virDomainDetachDeviceFlags), ARG(virDomainDetachDeviceFlags, xml),
    DOM(virDomainUpdateDeviceFlags), ARG(virDomainUpdateDeviceFlags, xml),
    DOM(virDomainDetachDeviceAlias), ARG(virDomainDetachDeviceAlias, alias),
    DOM(virDomainSendKey), ARG(virDomainSendKey, keycodes),

    QUIET(virResetError, err), QUIET(virFreeError, err), QUIET(virConnGetLastError, conn),
    QUIET(virConnResetLastError, conn), QUIET(virCopyLastError, to),
    QUIET(virDefaultErrorFunc, err), QUIET(virConnCopyLastError, conn),
    QUIET(virConnCopyLastError, to), QUIET(virConnSetErrorFunc, conn),
    OPT(virConnSetErrorFunc, userData), OPT(virConnSetErrorFunc, handler),
    OPT(virSetErrorFunc, userData), OPT(virSetErrorFunc, handler),
};

static void
nullCtxInit(nullCtx *c)
{
    memset(c, 0, sizeof(*c));
    relFixtureInit(&c->fx);
    c->dom = relLookup(c->fx.conn, "web");
    c->idle = relLookup(c->fx.conn, "idle");
    c->savePath = g_build_filename(c->fx.root, "never.save", NULL);
    /* a valid parameter for the calls that set one */
    g_strlcpy(c->params[0].field, VIR_DOMAIN_SCHEDULER_WEIGHT, VIR_TYPED_PARAM_FIELD_LENGTH);
    c->params[0].type = VIR_TYPED_PARAM_UINT;
    c->params[0].value.ui = 100;
    c->nparams = 1;
    c->maxparams = G_N_ELEMENTS(c->params);
}

static void
nullCtxClear(nullCtx *c)
{
    virDomainFree(c->dom);
    virDomainFree(c->idle);
    g_free(c->savePath);
    relFixtureClear(&c->fx);
}

static void
nullCheckOutcome(const nullCase *nc, bool failed)
{
    virErrorPtr err = virGetLastError();

    switch (nc->expect) {
    case REFUSED:
        ck_assert_msg(failed, "%s(%s = NULL) did not fail", nc->func, nc->arg);
        ck_assert_msg(err != NULL, "%s(%s = NULL) failed without an error", nc->func, nc->arg);
        ck_assert_msg(err->code == nc->code, "%s(%s = NULL): error %d, expected %d: %s",
                      nc->func, nc->arg, err->code, nc->code, err->message);
        ck_assert_msg(err->message && !strstr(err->message, "without saying why"),
                      "%s(%s = NULL): no clear message", nc->func, nc->arg);
        break;
    case OPTIONAL:
        /* it may fail, but not because of the NULL */
        ck_assert_msg(!failed || (err && err->code != VIR_ERR_INVALID_ARG &&
                                  err->code != VIR_ERR_INVALID_CONN &&
                                  err->code != VIR_ERR_INVALID_DOMAIN),
                      "%s(%s = NULL) was refused: %s", nc->func, nc->arg,
                      err ? err->message : "no error");
        break;
    case SILENT:
        ck_assert_msg(err == NULL, "%s(%s = NULL) raised: %s", nc->func, nc->arg, err->message);
        break;
    }
}

/* One fixture for every row: each row runs in a process of its own (check
 * forks), and none may change the files they share. */
static nullCtx nullShared;

static void
nullSetup(void)
{
    nullCtxInit(&nullShared);
}

static void
nullTeardown(void)
{
    nullCtxClear(&nullShared);
}

START_TEST(test_null_argument)
{
    const nullCase *nc = &nullCases[_i];
    g_autofree char *before = relFixtureSnapshot(&nullShared.fx);
    g_autofree char *after = NULL;
    bool failed;

    virResetLastError();
    failed = nc->call(&nullShared);
    nullCheckOutcome(nc, failed);
    ck_assert_ptr_null(nullParamsPtr);     /* the Add helpers allocated nothing */
    after = relFixtureSnapshot(&nullShared.fx);
    rel_assert_unchanged(before, after, nc->func);
}
END_TEST

int
main(int argc, char **argv)
{
    g_autofree const char **names = g_new0(const char *, G_N_ELEMENTS(nullCases));
    Suite *s;
    TCase *tc;
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(nullCases); i++)
        names[i] = nullCases[i].func;
    if (relListNames(argc, argv, names, G_N_ELEMENTS(nullCases)))
        return EXIT_SUCCESS;
    s = suite_create("nullarg");
    tc = tcase_create("nullarg");
    /* virConnectOpen(NULL) must not find a real hypervisor on this host */
    g_setenv("VIRTKIT_DEFAULT_URI", "test:///default", TRUE);
    tcase_add_unchecked_fixture(tc, nullSetup, nullTeardown);
    tcase_add_loop_test(tc, test_null_argument, 0, G_N_ELEMENTS(nullCases));
    tcase_set_timeout(tc, 120);
    suite_add_tcase(s, tc);
    return testRunSuite(s);
}
