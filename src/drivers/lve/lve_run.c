/*
 * lve_run.c: LVE domains at run time: the id index, starting and stopping,
 * status files, and taking running LVEs back in a new process
 */
#include "internal.h"

#include "lve_private.h"
#include "virerror.h"
#include "virlog.h"
#include "viruuid.h"

#define VIR_FROM_THIS VIR_FROM_DOMAIN

/* ---- the LVE id index ---------------------------------------------- */

/* Reserves the LVE id of @def for its domain.  Returns 1 when it was
 * reserved now, 0 when the domain had it already, -1 when another domain
 * has it. */
int
lveDriverClaimId(lveDriver *driver, const virDomainDef *def)
{
    gpointer key = GINT_TO_POINTER(def->fixedId);
    const char *owner;
    int ret = 1;

    g_mutex_lock(&driver->lock);
    owner = g_hash_table_lookup(driver->ids, key);
    if (owner && STRNEQ(owner, def->name)) {
        virReportError(VIR_ERR_OPERATION_INVALID,
                       _("LVE id %d is already the id of domain '%s'"), def->fixedId, owner);
        ret = -1;
    } else if (owner) {
        ret = 0;
    } else {
        g_hash_table_insert(driver->ids, key, g_strdup(def->name));
    }
    g_mutex_unlock(&driver->lock);
    return ret;
}

void
lveDriverReleaseId(lveDriver *driver, int id)
{
    g_mutex_lock(&driver->lock);
    g_hash_table_remove(driver->ids, GINT_TO_POINTER(id));
    g_mutex_unlock(&driver->lock);
}

/**
 * lveDomainObjAdd:
 * @driver: the driver
 * @def: a new definition
 * @existing: set when the domain was defined already
 *
 * virDomainObjListAdd() with the LVE id reserved: an id belongs to one
 * domain, and a domain keeps its id for as long as it is defined.
 *
 * Returns the object locked, having taken @def when it is new; NULL with
 * @def untouched on error.
 */
virDomainObj *
lveDomainObjAdd(lveDriver *driver, virDomainDef *def, bool *existing)
{
    virDomainObj *obj;
    int claimed;

    if ((claimed = lveDriverClaimId(driver, def)) < 0)
        return NULL;
    if (!(obj = virDomainObjListAdd(driver->base.domains, def, existing)))
        goto error;
    if (*existing && (int)lveDomainId(obj) != def->fixedId) {
        virReportError(VIR_ERR_OPERATION_INVALID,
                       _("domain '%s' is LVE %u: its id cannot change (undefine it first)"),
                       def->name, lveDomainId(obj));
        virDomainObjEndAPI(&obj);
        goto error;
    }
    return obj;

 error:
    if (claimed == 1)
        lveDriverReleaseId(driver, def->fixedId);
    return NULL;
}

void
lveDomainObjRemove(lveDriver *driver, virDomainObj *obj)
{
    lveDriverReleaseId(driver, lveDomainId(obj));
    virDomainObjListRemove(driver->base.domains, obj);
}

/* ---- what a domain asks of the kernel ------------------------------ */

void
lveDomainEffective(lveDriver *driver, const virDomainDef *def, lveLimits *lim)
{
    g_mutex_lock(&driver->lock);
    lveLimitsEffective(def, &driver->defaults, lim);
    g_mutex_unlock(&driver->lock);
}

/* The CPUs the pins and <vcpu cpuset> allow, or NULL when they allow all. */
virBitmap *
lveDomainPlacement(lveDriver *driver, const virDomainDef *def)
{
    g_autoptr(virBitmap) all = NULL;
    unsigned int v;
    bool pinned = def->cpumask != NULL;

    for (v = 0; def->cputune.vcpupin && v < def->maxvcpus; v++)
        pinned |= def->cputune.vcpupin[v] != NULL;
    if (!pinned)
        return NULL;
    all = virBitmapNew(driver->base.hostcpus);
    for (v = 0; v < def->vcpus; v++) {
        g_autoptr(virBitmap) one = virDomainDefGetVcpuAffinity(def, v, driver->base.hostcpus);
        ssize_t cpu = -1;

        while ((cpu = virBitmapNextSetBit(one, cpu)) >= 0)
            virBitmapSetBit(all, cpu);
    }
    return g_steal_pointer(&all);
}

static int
lveDomainCheckHost(lveDriver *driver, const virDomainDef *def)
{
    if (def->vcpus > driver->base.hostcpus) {
        virReportError(VIR_ERR_CONFIG_UNSUPPORTED,
                       _("LVE %d: ncpu is %u, but this host has %zu CPUs"),
                       def->fixedId, def->vcpus, driver->base.hostcpus);
        return -1;
    }
    return virDomainDefCheckHostCpus(def, driver->base.hostcpus);
}

/* A domain that runs its configuration unchanged gets a status that
 * points at it (see virDomainStoreSaveStatus): a start writes a few
 * bytes rather than the whole definition. */
int
lveDomainSaveStatus(lveDriver *driver, virDomainObj *obj)
{
    return virDomainStoreSaveStatus(driver->base.store, obj, NULL, VIR_DOMAIN_STORE_STATUS_BY_CONFIG);
}

/* Before the configuration of a running domain is replaced or removed,
 * its status stops pointing at it: otherwise a new process would take
 * the new configuration (or none) for what runs.  Written first, so that
 * a crash between the two writes leaves a status that still holds. */
int
lveDomainDetachStatus(lveDriver *driver, virDomainObj *obj)
{
    if (!virDomainObjIsActive(obj))
        return 0;
    return virDomainStoreSaveStatus(driver->base.store, obj, NULL, 0);
}

int
lveDomainSaveConfig(lveDriver *driver, virDomainObj *obj)
{
    if (!obj->persistent)
        return 0;
    if (lveDomainDetachStatus(driver, obj) < 0)
        return -1;
    return virDomainStoreSaveConfig(driver->base.store, virDomainObjGetPersistentDef(obj));
}

/**
 * lveDomainStartObj:
 * @driver: the driver
 * @obj: an inactive domain, locked
 * @reason: virDomainRunningReason
 * @paused: start frozen
 *
 * Sets the LVE up in the kernel with every limit, then makes the domain
 * active.  On failure the kernel is left as it was found.
 */
int
lveDomainStartObj(lveDriver *driver, virDomainObj *obj, int reason, bool paused)
{
    const lveOps *ops = driver->backend->ops;
    unsigned int id = lveDomainId(obj);
    g_autoptr(virBitmap) cpus = NULL;
    lveLimits lim;
    int existed;

    if (virDomainObjIsActive(obj)) {
        virReportError(VIR_ERR_OPERATION_INVALID, _("domain '%s' is already running"),
                       obj->def->name);
        return -1;
    }
    if (paused && !ops->freeze) {
        virReportError(VIR_ERR_OPERATION_UNSUPPORTED,
                       _("LVE %u cannot start paused: the %s backend cannot freeze an LVE"),
                       id, ops->name);
        return -1;
    }
    if (lveDomainCheckHost(driver, obj->def) < 0 ||
        (existed = ops->exists(driver->backend, id)) < 0)
        return -1;
    lveDomainEffective(driver, obj->def, &lim);
    cpus = lveDomainPlacement(driver, obj->def);
    if (ops->create(driver->backend, id, &lim, cpus) < 0)
        goto undo;
    if (paused && ops->freeze(driver->backend, id, true) < 0)
        goto undo;
    if (virDomainObjListSetID(driver->base.domains, obj, id) < 0)
        goto undo;
    if (paused)
        virDomainObjSetState(obj, VIR_DOMAIN_PAUSED, VIR_DOMAIN_PAUSED_USER);
    else
        virDomainObjSetState(obj, VIR_DOMAIN_RUNNING, reason);
    if (lveDomainSaveStatus(driver, obj) < 0) {
        virDomainObjStopped(driver->base.domains, obj, VIR_DOMAIN_SHUTOFF_FAILED);
        goto undo;
    }
    return 0;

 undo:
    /* an LVE that was there before (set up outside virtkit) stays */
    if (!existed) {
        virErrorPtr saved = NULL;

        virErrorPreserveLast(&saved);
        if (ops->destroy(driver->backend, id) < 0)
            VIR_WARN("LVE %u: cannot undo a failed start: %s", id, virGetLastErrorMessage());
        virErrorRestore(&saved);
    }
    return -1;
}

/* Destroys the LVE; the domain becomes inactive, and a transient one
 * leaves the list (the caller keeps its reference and lock). */
int
lveDomainStopObj(lveDriver *driver, virDomainObj *obj, int reason)
{
    if (driver->backend->ops->destroy(driver->backend, lveDomainId(obj)) < 0)
        return -1;
    virDomainObjStopped(driver->base.domains, obj, reason);
    if (virDomainStoreDeleteStatus(driver->base.store, obj->def->name) < 0) {
        VIR_WARN("domain '%s': %s", obj->def->name, virGetLastErrorMessage());
        virResetLastError();
    }
    if (!obj->persistent)
        lveDomainObjRemove(driver, obj);
    return 0;
}

/* ---- a new process takes over -------------------------------------- */

/* A status file names a domain that ran: it still runs if the kernel
 * still has its LVE. */
static void
lveDomainStatusLoaded(virDomainObj *obj, xmlNodePtr status G_GNUC_UNUSED, void *opaque)
{
    lveDriver *driver = opaque;
    int exists = driver->backend->ops->exists(driver->backend, lveDomainId(obj));

    if (exists > 0)
        return;
    if (exists < 0) {
        VIR_WARN("domain '%s': cannot ask the kernel about LVE %u: %s", obj->def->name,
                 lveDomainId(obj), virGetLastErrorMessage());
        virResetLastError();
    }
    VIR_DEBUG("LVE %u of domain '%s' is gone: it stopped", lveDomainId(obj), obj->def->name);
    virDomainObjStopped(driver->base.domains, obj, VIR_DOMAIN_SHUTOFF_UNKNOWN);
    virDomainStoreDeleteStatus(driver->base.store, obj->def->name);
    if (!obj->persistent)
        virDomainObjListRemove(driver->base.domains, obj);
}

static void
lveDomainIndexOne(virDomainObj *obj, void *opaque)
{
    lveDriver *driver = opaque;

    if (lveDriverClaimId(driver, obj->def) < 0) {
        VIR_WARN("domain '%s': %s", obj->def->name, virGetLastErrorMessage());
        virResetLastError();
    }
}

static void
lveDomainAutostartOne(virDomainObj *obj, void *opaque)
{
    lveDriver *driver = opaque;

    if (!obj->autostart || virDomainObjIsActive(obj))
        return;
    if (lveDomainStartObj(driver, obj, VIR_DOMAIN_RUNNING_BOOTED, false) < 0) {
        VIR_WARN("cannot autostart domain '%s': %s", obj->def->name, virGetLastErrorMessage());
        virResetLastError();
    }
}

/* Configurations, then the status of LVEs that ran, then autostart. */
void
lveDomainLoadAll(lveDriver *driver)
{
    virDomainStoreLoadConfigs(driver->base.store, driver->base.domains, &driver->base.xmlopt);
    virDomainStoreLoadStatus(driver->base.store, driver->base.domains, &driver->base.xmlopt,
                             lveDomainStatusLoaded, driver);
    virDomainObjListForEach(driver->base.domains, lveDomainIndexOne, driver);
    virDomainObjListForEach(driver->base.domains, lveDomainAutostartOne, driver);
}
