/*
 * domain_driver.c: the seam between the shared driver layer and a driver:
 * the base every driver starts with, fixed ids, and a domain's run-time
 * life (start, stop, status files, loading and autostart)
 */
#include "internal.h"

#include "domain_driver.h"
#include "domain_kernel.h"
#include "domain_event.h"
#include "domain_events.h"
#include "domain_store_watch.h"
#include "domain_sync.h"
#include "driver.h"
#include "virerror.h"
#include "virlog.h"
#include "viruuid.h"

#define VIR_FROM_THIS VIR_FROM_DOMAIN

void
virDomainDriverBaseInit(virDomainDriverBase *base, int errorDomain,
                        const virDomainDriverHooks *hooks)
{
    base->domains = virDomainObjListNew();
    base->errorDomain = errorDomain;
    base->hooks = hooks;
    base->statsGroups = VIR_DOMAIN_STATS_STATE;
    virMutexInit(&base->idsLock);
    base->fixedIds = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, g_free);
    base->events = virDomainEventStateNew();
}

void
virDomainDriverBaseClear(virDomainDriverBase *base)
{
    virDomainStoreWatchStop(base);
    g_clear_pointer(&base->events, virDomainEventStateFree);
    g_clear_pointer(&base->domains, virDomainObjListFree);
    g_clear_pointer(&base->store, virDomainStoreFree);
    g_clear_pointer(&base->fixedIds, g_hash_table_destroy);
    g_clear_pointer(&base->key, g_free);
    g_clear_pointer(&base->options, g_free);
    virMutexDestroy(&base->idsLock);
}

void
virDomainDriverReportFlags(virConnectPtr conn, unsigned int unsupported, const char *func)
{
    const char *method = g_str_has_prefix(func, "shared") ? func + strlen("shared") : func;
    const char *driver = method == func ? "" : conn->driver->name;

    virReportErrorFull(virDomainDriverBaseFromConn(conn)->errorDomain, VIR_ERR_INVALID_ARG,
                       __FILE__, func, __LINE__, _("unsupported flags (0x%x) in function %s%s"),
                       unsupported, driver, method);
}

virDomainObj *
virDomainDriverFindObj(virDomainPtr dom, unsigned int flags)
{
    virDomainDriverBase *base = virDomainDriverBaseFromConn(dom->conn);
    virDomainObj *obj;
    char uuidstr[VIR_UUID_STRING_BUFLEN];

    if (flags & VIR_DOMAIN_DRIVER_OBJ_REFRESH) {
        virDomainDriverRefresh(base, dom->conn);
        virDomainDriverPollOne(base, dom->conn, dom->uuid);
    }
    if (!(obj = virDomainObjListFindByUUID(base->domains, dom->uuid))) {
        virDomainDriverError(base, VIR_ERR_NO_DOMAIN, _("no domain with matching uuid '%s' (%s)"),
                             virUUIDFormat(dom->uuid, uuidstr), dom->name);
        return NULL;
    }
    if (obj->configError && !(flags & VIR_DOMAIN_DRIVER_OBJ_BROKEN)) {
        virDomainDriverError(base, VIR_ERR_OPERATION_INVALID,
                             _("domain '%s' cannot be used: its configuration does not load: %s"),
                             obj->name, obj->configError);
        virDomainObjEndAPI(&obj);
    }
    return obj;
}

virDomainObj *
virDomainDriverGetActiveObj(virDomainPtr dom)
{
    virDomainObj *obj = virDomainDriverGetObj(dom);

    if (obj && virDomainDriverCheckActive(virDomainDriverBaseFromConn(dom->conn), obj) < 0)
        virDomainObjEndAPI(&obj);
    return obj;
}

virDomainPtr
virDomainDriverNewHandle(virConnectPtr conn, virDomainObj *obj)
{
    virDomainPtr dom;

    if (!obj)
        return NULL;
    dom = virGetDomain(conn, obj->def->name, obj->uuid, obj->id);
    virDomainObjEndAPI(&obj);
    return dom;
}

void
virDomainDriverReportInactive(const virDomainDriverBase *base, const virDomainObj *obj)
{
    if (base->xmlopt.fixedId)
        virDomainDriverError(base, VIR_ERR_OPERATION_INVALID, _("domain '%s' (%s %d) is not running"),
                             obj->def->name, base->idName, obj->def->fixedId);
    else
        virDomainDriverError(base, VIR_ERR_OPERATION_INVALID, _("domain '%s' is not running"),
                             obj->def->name);
}

int
virDomainDriverCheckMaplen(const virDomainDriverBase *base, int maplen)
{
    if (maplen > (int)VIR_CPU_MAPLEN(base->hostcpus)) {
        virDomainDriverError(base, VIR_ERR_INVALID_ARG,
                             _("cpumap length %d is out of range: this host has %zu CPUs, so it must be 1 to %d bytes"),
                             maplen, base->hostcpus, VIR_CPU_MAPLEN((int)base->hostcpus));
        return -1;
    }
    return 0;
}

int
virDomainDriverCheckStartCpu(const virDomainDriverBase *base, int start_cpu)
{
    if (start_cpu >= (int)base->hostcpus) {
        virDomainDriverError(base, VIR_ERR_INVALID_ARG,
                             _("start_cpu %d is not below the %zu CPUs of this host"),
                             start_cpu, base->hostcpus);
        return -1;
    }
    return 0;
}

/* ---- the list, with fixed ids ---------------------------------------- */

/* Reserves the fixed id of @def for its domain.  Returns 1 when it was
 * reserved now, 0 when the domain had it already, -1 when another domain
 * has it. */
static int
virDomainDriverClaimId(virDomainDriverBase *base, const virDomainDef *def)
{
    gpointer key = GINT_TO_POINTER(def->fixedId);
    const char *owner;
    int ret = 1;

    virMutexLock(&base->idsLock);
    owner = g_hash_table_lookup(base->fixedIds, key);
    if (owner && STRNEQ(owner, def->name)) {
        virDomainDriverError(base, VIR_ERR_OPERATION_INVALID,
                             _("%s id %d is already the id of domain '%s'"),
                             base->idName, def->fixedId, owner);
        ret = -1;
    } else if (owner) {
        ret = 0;
    } else {
        g_hash_table_insert(base->fixedIds, key, g_strdup(def->name));
    }
    virMutexUnlock(&base->idsLock);
    return ret;
}

static void
virDomainDriverReleaseId(virDomainDriverBase *base, int id)
{
    virMutexLock(&base->idsLock);
    g_hash_table_remove(base->fixedIds, GINT_TO_POINTER(id));
    virMutexUnlock(&base->idsLock);
}

virDomainObj *
virDomainDriverObjAdd(virDomainDriverBase *base, virDomainDef *def, bool *existing)
{
    virDomainObj *obj;
    int claimed = 0;

    if (base->xmlopt.fixedId && (claimed = virDomainDriverClaimId(base, def)) < 0)
        return NULL;
    if (!(obj = virDomainObjListAdd(base->domains, def, existing)))
        goto error;
    if (*existing && base->xmlopt.fixedId && obj->def->fixedId != def->fixedId) {
        virDomainDriverError(base, VIR_ERR_OPERATION_INVALID,
                             _("domain '%s' is %s %d: its id cannot change (undefine it first)"),
                             def->name, base->idName, obj->def->fixedId);
        virDomainObjEndAPI(&obj);
        goto error;
    }
    return obj;

 error:
    if (claimed == 1)
        virDomainDriverReleaseId(base, def->fixedId);
    return NULL;
}

virDomainObj *
virDomainDriverObjRename(virDomainDriverBase *base, virDomainObj *obj, virDomainDef *def)
{
    virDomainObj *renamed;

    if (!(renamed = virDomainObjListRename(base->domains, obj, def)))
        return NULL;
    /* the id stays the domain's: only the name it is booked under changes */
    if (base->xmlopt.fixedId) {
        virMutexLock(&base->idsLock);
        g_hash_table_insert(base->fixedIds, GINT_TO_POINTER(def->fixedId),
                            g_strdup(def->name));
        virMutexUnlock(&base->idsLock);
    }
    return renamed;
}

void
virDomainDriverObjRemove(virDomainDriverBase *base, virDomainObj *obj)
{
    if (base->xmlopt.fixedId)
        virDomainDriverReleaseId(base, obj->def->fixedId);
    virDomainObjListRemove(base->domains, obj);
}

/* ---- run-time state ------------------------------------------------ */

/* A domain that runs its configuration unchanged gets a status that
 * points at it (VIR_DOMAIN_STORE_STATUS_BY_CONFIG): a start writes a few
 * bytes rather than the whole definition. */
int
virDomainDriverWriteStatus(virDomainDriverBase *base, virDomainObj *obj)
{
    return virDomainStoreSaveStatus(base->store, obj, VIR_DOMAIN_STORE_STATUS_BY_CONFIG);
}

/* Written before the configuration changes, so that a crash between the
 * two writes leaves a status that still holds. */
int
virDomainDriverDetachStatus(virDomainDriverBase *base, virDomainObj *obj)
{
    if (!base->keepStatus || !virDomainObjIsActive(obj))
        return 0;
    return virDomainStoreSaveStatus(base->store, obj, 0);
}

/* Undoes a start whose bookkeeping failed, keeping that error. */
static void
virDomainDriverUndoStart(virDomainDriverBase *base, virDomainObj *obj)
{
    virErrorPtr saved = NULL;

    virErrorPreserveLast(&saved);
    if (base->hooks->stop(base, obj) < 0)
        VIR_WARN("domain '%s': cannot undo a failed start: %s", obj->def->name,
                 virGetLastErrorMessage());
    virErrorRestore(&saved);
}

int
virDomainDriverStartObj(virDomainDriverBase *base, virDomainObj *obj, int reason, bool paused)
{
    return virDomainDriverStartObjFrom(base, obj, reason, paused, NULL);
}

int
virDomainDriverStartObjFrom(virDomainDriverBase *base, virDomainObj *obj, int reason,
                            bool paused, const char *from)
{
    int id = base->xmlopt.fixedId ? obj->def->fixedId : -1;

    if (virDomainObjIsActive(obj)) {
        virDomainDriverError(base, VIR_ERR_OPERATION_INVALID, _("domain '%s' is already running"),
                             obj->def->name);
        return -1;
    }
    if ((from ? base->hooks->restore(base, obj, from, paused, &id)
              : base->hooks->start(base, obj, paused, &id)) < 0)
        return -1;
    if (id < 0) {
        virDomainObjListAssignID(base->domains, obj);
    } else if (virDomainObjListSetID(base->domains, obj, id) < 0) {
        virDomainDriverUndoStart(base, obj);
        return -1;
    }
    if (paused)
        virDomainObjSetState(obj, VIR_DOMAIN_PAUSED, VIR_DOMAIN_PAUSED_USER);
    else
        virDomainObjSetState(obj, VIR_DOMAIN_RUNNING, reason);
    if (virDomainDriverSaveStatus(base, obj) < 0) {
        virDomainObjStopped(base->domains, obj, VIR_DOMAIN_SHUTOFF_FAILED);
        virDomainDriverUndoStart(base, obj);
        return -1;
    }
    virDomainDriverEmitStarted(base, obj, reason, paused);
    return 0;
}

/* What cannot be undone and must not stop the flow: said, and forgotten. */
static void
virDomainDriverWarn(const virDomainObj *obj)
{
    VIR_WARN("domain '%s': %s", obj->def->name, virGetLastErrorMessage());
    virResetLastError();
}

void
virDomainDriverObjStopped(virDomainDriverBase *base, virDomainObj *obj, int reason)
{
    if (base->hooks->stopped)
        base->hooks->stopped(base, obj);
    virDomainObjStopped(base->domains, obj, reason);
    virDomainDriverEmitStopped(base, obj, reason);
    /* the reason first: a process that sees the status gone reads it */
    if (base->keepStatus) {
        if (virDomainStoreSaveStop(base->store, obj->def->name, reason) < 0)
            virDomainDriverWarn(obj);
        if (virDomainStoreDeleteStatus(base->store, obj->def->name) < 0)
            virDomainDriverWarn(obj);
    }
    if (!obj->persistent)
        virDomainDriverObjRemove(base, obj);
}

int
virDomainDriverStopObj(virDomainDriverBase *base, virDomainObj *obj, int reason)
{
    if (base->hooks->stop(base, obj) < 0)
        return -1;
    virDomainDriverObjStopped(base, obj, reason);
    return 0;
}
