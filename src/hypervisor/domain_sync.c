/*
 * domain_sync.c: several processes, one root: the root's lock around every
 * change, and the list kept in step with what the other processes wrote
 */
#include "internal.h"

#include "domain_events.h"
#include "domain_sync.h"
#include "driver.h"
#include "virerror.h"
#include "virlog.h"
#include "viruuid.h"

#define VIR_FROM_THIS VIR_FROM_DOMAIN

typedef struct {
    virDomainDriverBase *base;
    bool write;                     /* false: a read-only process changes no file */
} virDomainDriverSyncCtx;

/* ---- configurations that do not load ------------------------------- */

/* A definition that only names a domain: what a placeholder lists. */
static virDomainDef *
virDomainDriverPlaceholderDef(const virDomainDriverBase *base, const char *name)
{
    virDomainDef *def = g_new0(virDomainDef, 1);
    g_autoptr(GChecksum) sum = g_checksum_new(G_CHECKSUM_SHA256);
    guint8 digest[32];
    gsize len = sizeof(digest);

    /* the same uuid in every process, for the same name */
    g_checksum_update(sum, (const guchar *)name, -1);
    g_checksum_get_digest(sum, digest, &len);
    memcpy(def->uuid, digest, VIR_UUID_BUFLEN);
    def->uuid[6] = (def->uuid[6] & 0x0f) | 0x50;
    def->uuid[8] = (def->uuid[8] & 0x3f) | 0x80;
    def->name = g_strdup(name);
    def->fixedId = -1;
    def->virtType = base->xmlopt.virtTypes ? base->xmlopt.virtTypes[0] : 0;
    def->os.type = base->xmlopt.defaultOSType >= 0 ? base->xmlopt.defaultOSType :
                   base->xmlopt.osTypes ? base->xmlopt.osTypes[0] : 0;
    def->maxvcpus = def->vcpus = 1;
    return def;
}

/* The configuration of @name does not load: its domain stays listed with
 * the reason, where a user sees it. */
static void
virDomainDriverSyncBroken(virDomainDriverBase *base, const char *name, const char *error)
{
    virDomainObj *obj = virDomainObjListFindByName(base->domains, name);
    bool existing;

    VIR_WARN("domain '%s': its configuration in %s does not load: %s", name,
             virDomainStoreConfigDir(base->store), error);
    if (!obj) {
        virDomainDef *def = virDomainDriverPlaceholderDef(base, name);

        if (!(obj = virDomainObjListAdd(base->domains, def, &existing))) {
            VIR_WARN("domain '%s': %s", name, virGetLastErrorMessage());
            virResetLastError();
            virDomainDefFree(def);
            return;
        }
        obj->persistent = true;
    }
    g_free(obj->configError);
    obj->configError = g_strdup(error);
    virDomainObjEndAPI(&obj);
}

/* ---- applying what changed ----------------------------------------- */

static void
virDomainDriverSyncConfigGone(virDomainDriverBase *base, const char *name)
{
    virDomainObj *obj = virDomainObjListFindByName(base->domains, name);

    if (!obj)
        return;
    if (obj->persistent && !obj->configError)
        virDomainDriverEmitLifecycle(base, obj, VIR_DOMAIN_EVENT_UNDEFINED,
                                     VIR_DOMAIN_EVENT_UNDEFINED_REMOVED);
    obj->persistent = false;
    obj->autostart = false;
    g_clear_pointer(&obj->configError, g_free);
    if (virDomainObjIsActive(obj))
        g_clear_pointer(&obj->newDef, virDomainDefFree);    /* runs on, transient */
    else
        virDomainDriverObjRemove(base, obj);
    virDomainObjEndAPI(&obj);
}

/* A new or changed configuration: the domain's, or a new domain. */
static int
virDomainDriverSyncConfigDef(virDomainDriverBase *base, virDomainDef *def)
{
    virDomainObj *obj = virDomainObjListFindByName(base->domains, def->name);
    bool existing;

    if (obj && obj->configError && !virDomainObjIsActive(obj)) {
        virDomainObjListRemove(base->domains, obj);         /* the placeholder */
        virDomainObjEndAPI(&obj);
    }
    if (obj && memcmp(obj->uuid, def->uuid, VIR_UUID_BUFLEN) != 0) {
        virReportError(VIR_ERR_CONF_SYNTAX,
                       _("it gives domain '%s' another uuid than the one it runs with"),
                       def->name);
        virDomainObjEndAPI(&obj);
        return -1;
    }
    virDomainObjEndAPI(&obj);
    if (!(obj = virDomainDriverObjAdd(base, def, &existing)))
        return -1;
    if (existing && obj->persistent && !obj->configError)
        virDomainDriverEmitMetadataChanges(base, obj, obj->newDef ? obj->newDef : obj->def, def);
    if (existing)
        virDomainObjAssignConfig(obj, def);
    virDomainDriverEmitLifecycle(base, obj, VIR_DOMAIN_EVENT_DEFINED,
                                 existing && obj->persistent ? VIR_DOMAIN_EVENT_DEFINED_UPDATED :
                                                               VIR_DOMAIN_EVENT_DEFINED_ADDED);
    obj->persistent = true;
    g_clear_pointer(&obj->configError, g_free);
    virDomainObjEndAPI(&obj);
    return 0;
}

/* The configuration @def gives the uuid of another domain, defined and
 * shut off: a rename.  Made by another process, the old name's file is
 * gone; interrupted by a crash (domain_rename.c), both files are there
 * and the newer is the new name's: the older is set aside by a writer
 * (never removed: it may be a user's copy), skipped by a reader.
 * Returns 1 when @def was used up, 0 when it is no rename, -1 on error
 * (@def is still the caller's). */
static int
virDomainDriverSyncRenamed(virDomainDriverSyncCtx *ctx, virDomainDef *def)
{
    virDomainDriverBase *base = ctx->base;
    virDomainObj *obj = virDomainObjListFindByUUID(base->domains, def->uuid);
    virDomainObj *renamed;
    gint64 theirs;
    bool older;

    if (!obj || STREQ(obj->name, def->name) || virDomainObjIsActive(obj) ||
        !obj->persistent || obj->configError) {
        virDomainObjEndAPI(&obj);
        return 0;
    }
    theirs = virDomainStoreConfigTime(base->store, obj->name);
    older = theirs > virDomainStoreConfigTime(base->store, def->name);
    if (theirs >= 0) {
        g_autofree char *aside = NULL;
        const char *stale = older ? def->name : obj->name;

        VIR_WARN("domain '%s' and '%s' have one uuid: the configuration of '%s' is "
                 "older (an interrupted rename)", obj->name, def->name, stale);
        if (ctx->write && !(aside = virDomainStoreSetAside(base->store, stale))) {
            VIR_WARN("%s", virGetLastErrorMessage());
            virResetLastError();
        }
        if (older) {
            virDomainDefFree(def);
            virDomainObjEndAPI(&obj);
            return 1;
        }
    }
    if (!(renamed = virDomainDriverObjRename(base, obj, def))) {
        virDomainObjEndAPI(&obj);
        return -1;
    }
    renamed->autostart = virDomainStoreIsAutostart(base->store, renamed->name);
    virDomainDriverEmitLifecycle(base, obj, VIR_DOMAIN_EVENT_UNDEFINED,
                                 VIR_DOMAIN_EVENT_UNDEFINED_RENAMED);
    virDomainDriverEmitLifecycle(base, renamed, VIR_DOMAIN_EVENT_DEFINED,
                                 VIR_DOMAIN_EVENT_DEFINED_RENAMED);
    virDomainObjEndAPI(&renamed);
    virDomainObjEndAPI(&obj);
    return 1;
}

static void
virDomainDriverSyncConfig(const char *name, bool present, void *opaque)
{
    virDomainDriverSyncCtx *ctx = opaque;
    virDomainDef *def;
    int rc;

    if (!present) {
        virDomainDriverSyncConfigGone(ctx->base, name);
        return;
    }
    if ((def = virDomainStoreReadConfig(ctx->base->store, name, &ctx->base->xmlopt)) &&
        (rc = virDomainDriverSyncRenamed(ctx, def)) >= 0 &&
        (rc == 1 || virDomainDriverSyncConfigDef(ctx->base, def) == 0))
        return;
    virDomainDefFree(def);
    virDomainDriverSyncBroken(ctx->base, name, virGetLastErrorMessage());
    virResetLastError();
}

static void
virDomainDriverSyncAutostartOne(virDomainObj *obj, void *opaque)
{
    virDomainDriverBase *base = opaque;

    obj->autostart = obj->persistent && virDomainStoreIsAutostart(base->store, obj->name);
}

void
virDomainDriverObjGone(virDomainDriverBase *base, virDomainObj *obj, bool write, int reason)
{
    if (write) {
        virDomainDriverObjStopped(base, obj, reason);
        return;
    }
    /* a reader leaves the status file to the next writer */
    if (base->store)
        virDomainStoreForget(base->store, VIR_DOMAIN_STORE_STATUSES, obj->name);
    if (base->hooks->stopped)
        base->hooks->stopped(base, obj);
    virDomainObjStopped(base->domains, obj, reason);
    virDomainDriverEmitStopped(base, obj, reason);
    if (!obj->persistent)
        virDomainDriverObjRemove(base, obj);
}

/* The domain stopped, without this process: another one stopped it (and
 * said why in its last stop), or its kernel object went (unknown: a
 * status no process removed outlived what it described). */
static void
virDomainDriverSyncStopped(virDomainDriverSyncCtx *ctx, virDomainObj *obj, int reason)
{
    virDomainDriverObjGone(ctx->base, obj, ctx->write, reason);
}

/* The live definition a status gives: its own, or the configuration. */
static virDomainObj *
virDomainDriverSyncLiveDef(virDomainDriverBase *base, const char *name,
                           virDomainStoreStatus *st)
{
    virDomainObj *obj = virDomainObjListFindByName(base->domains, name);
    bool existing;

    if (!st->def) {
        if (!obj || !obj->persistent || obj->configError) {
            virReportError(VIR_ERR_CONF_SYNTAX,
                           _("it says domain '%s' runs its configuration, but none was loaded"),
                           name);
            virDomainObjEndAPI(&obj);
            return NULL;
        }
        if (obj->newDef) {
            virDomainDefFree(obj->def);
            obj->def = g_steal_pointer(&obj->newDef);
        }
        return obj;
    }
    if (!obj) {
        if ((obj = virDomainDriverObjAdd(base, st->def, &existing)))
            st->def = NULL;
        return obj;
    }
    if (virDomainObjIsActive(obj))
        virDomainDriverEmitMetadataChanges(base, obj, obj->def, st->def);
    if (virDomainObjIsActive(obj) || !obj->persistent)
        virDomainDefFree(obj->def);
    else if (!obj->newDef)
        obj->newDef = obj->def;
    else
        virDomainDefFree(obj->def);
    obj->def = g_steal_pointer(&st->def);
    return obj;
}

/* The events of a domain another process started, paused or resumed:
 * @wasActive and @oldState are what this process knew. */
static void
virDomainDriverSyncEmit(virDomainDriverBase *base, virDomainObj *obj, bool wasActive,
                        int oldState)
{
    bool paused = obj->state == VIR_DOMAIN_PAUSED;

    if (!wasActive)
        virDomainDriverEmitStarted(base, obj, paused ? VIR_DOMAIN_RUNNING_BOOTED : obj->reason,
                                   paused);
    else if (oldState == VIR_DOMAIN_PAUSED && obj->state == VIR_DOMAIN_RUNNING)
        virDomainDriverEmitLifecycle(base, obj, VIR_DOMAIN_EVENT_RESUMED,
                                     VIR_DOMAIN_EVENT_RESUMED_UNPAUSED);
    else if (oldState == VIR_DOMAIN_RUNNING && obj->state == VIR_DOMAIN_PAUSED)
        virDomainDriverEmitLifecycle(base, obj, VIR_DOMAIN_EVENT_SUSPENDED,
                                     VIR_DOMAIN_EVENT_SUSPENDED_PAUSED);
}

static void
virDomainDriverSyncStatus(const char *name, bool present, void *opaque)
{
    virDomainDriverSyncCtx *ctx = opaque;
    virDomainDriverBase *base = ctx->base;
    virDomainStoreStatus st = { 0 };
    virDomainObj *obj = NULL;
    bool wasActive;
    int oldState;
    int running;

    if (!present) {
        if ((obj = virDomainObjListFindByName(base->domains, name)) && virDomainObjIsActive(obj))
            virDomainDriverSyncStopped(ctx, obj, virDomainStoreReadStop(base->store, name));
        virDomainObjEndAPI(&obj);
        return;
    }
    if (virDomainStoreReadStatus(base->store, name, &base->xmlopt, &st) < 0 ||
        !(obj = virDomainDriverSyncLiveDef(base, name, &st)))
        goto skip;
    wasActive = virDomainObjIsActive(obj);
    oldState = obj->state;
    if (obj->id != st.id) {
        if (virDomainObjIsActive(obj)) {
            virDomainObjStopped(base->domains, obj, VIR_DOMAIN_SHUTOFF_UNKNOWN);
            virDomainDriverEmitStopped(base, obj, VIR_DOMAIN_SHUTOFF_UNKNOWN);
            wasActive = false;
        }
        if (virDomainObjListSetID(base->domains, obj, st.id) < 0)
            goto skip;
    }
    virDomainObjSetState(obj, st.state, st.reason);
    obj->shutdownAsked = st.shutdownAsked;
    virDomainDriverSyncEmit(base, obj, wasActive, oldState);
    /* the kernel is the truth for what runs */
    running = base->hooks->stillRunning ? base->hooks->stillRunning(base, obj) : 1;
    if (running < 0) {
        VIR_WARN("domain '%s': cannot tell whether it still runs: %s", name,
                 virGetLastErrorMessage());
        virResetLastError();
    } else if (running == 0) {
        VIR_DEBUG("domain '%s' is gone: it stopped", name);
        virDomainDriverSyncStopped(ctx, obj, VIR_DOMAIN_SHUTOFF_UNKNOWN);
    }
    virDomainObjEndAPI(&obj);
    virDomainStoreStatusClear(&st);
    return;

 skip:
    VIR_WARN("domain '%s': its status in %s does not load: %s", name,
             virDomainStoreStateDir(base->store), virGetLastErrorMessage());
    virResetLastError();
    virDomainObjEndAPI(&obj);
    virDomainStoreStatusClear(&st);
}

/* A domain shut off here says why it last stopped, as the process that
 * stopped it does (also when this one never saw it run). */
static void
virDomainDriverSyncStop(const char *name, bool present, void *opaque)
{
    virDomainDriverSyncCtx *ctx = opaque;
    virDomainObj *obj;

    if (!present || !(obj = virDomainObjListFindByName(ctx->base->domains, name)))
        return;
    if (!virDomainObjIsActive(obj))
        virDomainObjSetState(obj, VIR_DOMAIN_SHUTOFF,
                             virDomainStoreReadStop(ctx->base->store, name));
    virDomainObjEndAPI(&obj);
}

/* With the root's lock held. */
static void
virDomainDriverSync(virDomainDriverBase *base, bool write)
{
    virDomainDriverSyncCtx ctx = { base, write };

    virDomainStoreScan(base->store, VIR_DOMAIN_STORE_CONFIGS, virDomainDriverSyncConfig, &ctx);
    virDomainObjListForEach(base->domains, virDomainDriverSyncAutostartOne, base);
    if (!base->keepStatus)
        return;
    virDomainStoreScan(base->store, VIR_DOMAIN_STORE_STATUSES, virDomainDriverSyncStatus, &ctx);
    virDomainStoreScan(base->store, VIR_DOMAIN_STORE_STOPS, virDomainDriverSyncStop, &ctx);
}

/* ---- the root's lock ----------------------------------------------- */

int
virDomainDriverLockRoot(virDomainDriverBase *base)
{
    if (!base->store)
        return 0;
    if (virDomainStoreLock(base->store) < 0)
        return -1;
    if (virDomainStoreIsStale(base->store))
        virDomainDriverSync(base, true);
    return 0;
}

void
virDomainDriverUnlockRoot(virDomainDriverBase *base)
{
    if (base->store)
        virDomainStoreUnlock(base->store);
}

static virDomainObj *
virDomainDriverBeginChangeFlags(virDomainPtr dom, bool any)
{
    virDomainDriverBase *base = virDomainDriverBaseFromConn(dom->conn);
    virDomainObj *obj;

    if (virDomainDriverLockRoot(base) < 0)
        return NULL;
    if ((obj = virDomainDriverFindObj(dom, any ? VIR_DOMAIN_DRIVER_OBJ_BROKEN : 0)))
        return obj;
    virDomainDriverUnlockRoot(base);
    return NULL;
}

virDomainObj *
virDomainDriverBeginChange(virDomainPtr dom)
{
    return virDomainDriverBeginChangeFlags(dom, false);
}

virDomainObj *
virDomainDriverBeginChangeAny(virDomainPtr dom)
{
    return virDomainDriverBeginChangeFlags(dom, true);
}

void
virDomainDriverEndChange(virDomainDriverBase *base, virDomainObj **obj)
{
    virDomainObjEndAPI(obj);
    virDomainDriverUnlockRoot(base);
}

void
virDomainDriverRefresh(virDomainDriverBase *base, virConnectPtr conn)
{
    virDomainDriverRefreshAs(base, !(conn->flags & VIR_CONNECT_RO));
}

void
virDomainDriverRefreshAs(virDomainDriverBase *base, bool write)
{
    if (!base->store || !virDomainStoreIsStale(base->store))
        return;
    if (virDomainStoreLock(base->store) < 0) {
        VIR_WARN("%s", virGetLastErrorMessage());
        virResetLastError();
        return;
    }
    virDomainDriverSync(base, write);
    virDomainStoreUnlock(base->store);
}

/* ---- opening a root ------------------------------------------------ */

int
virDomainDriverLoad(virDomainDriverBase *base)
{
    if (!base->store)
        return 0;
    if (virDomainStoreLock(base->store) < 0)
        return -1;
    virDomainDriverSync(base, false);
    virDomainStoreUnlock(base->store);
    return 0;
}

static void
virDomainDriverAutostartOne(virDomainObj *obj, void *opaque)
{
    virDomainDriverBase *base = opaque;

    if (!obj->autostart || obj->configError || virDomainObjIsActive(obj))
        return;
    if (virDomainDriverStartObj(base, obj, VIR_DOMAIN_RUNNING_BOOTED, false) < 0) {
        VIR_WARN("cannot autostart domain '%s': %s", obj->def->name, virGetLastErrorMessage());
        virResetLastError();
    }
}

void
virDomainDriverOpenWritable(virDomainDriverBase *base)
{
    bool done;

    virMutexLock(&base->idsLock);
    done = base->autostarted;
    base->autostarted = true;
    virMutexUnlock(&base->idsLock);
    if (done || virDomainDriverLockRoot(base) < 0)
        return;
    if (base->store) {
        virDomainStoreRemoveStale(base->store);
        virDomainDriverSync(base, true);
    }
    if (base->hooks->reconcile)
        base->hooks->reconcile(base);
    /* domains that outlive processes autostart once per boot of the host,
     * not at each process that opens the root */
    if (!base->keepStatus || virDomainStoreFirstSinceBoot(base->store))
        virDomainObjListForEach(base->domains, virDomainDriverAutostartOne, base);
    virDomainDriverUnlockRoot(base);
}

int
virDomainDriverSetAside(virDomainDriverBase *base, virDomainObj *obj)
{
    g_autofree char *aside = NULL;

    if (!(aside = virDomainStoreSetAside(base->store, obj->name)))
        return -1;
    VIR_WARN("domain '%s': its configuration did not load (%s); it is kept as %s",
             obj->name, obj->configError, aside);
    virDomainObjListRemove(base->domains, obj);
    return 0;
}

int
virDomainDriverReplaceBroken(virDomainDriverBase *base, const char *name)
{
    virDomainObj *obj = virDomainObjListFindByName(base->domains, name);
    int ret = 0;

    if (obj && obj->configError && !virDomainObjIsActive(obj))
        ret = virDomainDriverSetAside(base, obj);
    virDomainObjEndAPI(&obj);
    return ret;
}
