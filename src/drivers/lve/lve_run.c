/*
 * lve_run.c: an LVE domain in the kernel: what it asks for (its limits in
 * force and its CPUs), and setting it up and tearing it down
 */
#include "internal.h"

#include "lve_defaults.h"
#include "lve_run.h"
#include "virerror.h"
#include "virlog.h"
#include "virstring.h"

#define VIR_FROM_THIS VIR_FROM_LVE

void
lveDomainEffective(lveDriver *driver, const virDomainDef *def, lveLimits *lim)
{
    virMutexLock(&driver->lock);
    lveLimitsEffective(def, &driver->defaults, lim);
    virMutexUnlock(&driver->lock);
}

void
lveDomainVcpuCpus(lveDriver *driver, const virDomainDef *def, ssize_t *cpus)
{
    g_autoptr(virBitmap) taken = virBitmapNew(driver->base.hostcpus);
    int pass;
    unsigned int v;

    /* the pinned first: an unpinned vcpu must not take a pinned one's CPU */
    for (pass = 0; pass < 2; pass++) {
        for (v = 0; v < def->vcpus; v++) {
            g_autoptr(virBitmap) mine = NULL;
            ssize_t cpu = -1;

            if ((virDomainDefGetVcpuPin(def, v) != NULL) != (pass == 0))
                continue;
            mine = virDomainDefGetVcpuAffinity(def, v, driver->base.hostcpus);
            while ((cpu = virBitmapNextSetBit(mine, cpu)) >= 0 &&
                   virBitmapIsBitSet(taken, cpu))
                ;
            if (cpu < 0)
                cpu = virBitmapNextSetBit(mine, -1);
            cpus[v] = cpu;
            if (cpu >= 0)
                virBitmapSetBit(taken, cpu);
        }
    }
}

virBitmap *
lveDomainPlacement(lveDriver *driver, const virDomainDef *def)
{
    g_autofree ssize_t *cpus = NULL;
    g_autoptr(virBitmap) all = NULL;
    unsigned int v;
    bool pinned = false;

    for (v = 0; v < def->vcpus; v++)
        pinned |= virDomainDefGetVcpuPin(def, v) != NULL;
    if (!pinned)
        return NULL;
    cpus = g_new0(ssize_t, def->vcpus);
    lveDomainVcpuCpus(driver, def, cpus);
    all = virBitmapNew(driver->base.hostcpus);
    for (v = 0; v < def->vcpus; v++) {
        if (cpus[v] >= 0)
            virBitmapSetBit(all, cpus[v]);
    }
    return g_steal_pointer(&all);
}

/* ---- who owns an LVE ----------------------------------------------- */

/* The mark of LVE @id: in the backend's scope, so that the LVEs of
 * another cgroup parent are others. */
static char *
lveDomainOwnerKey(lveDriver *driver, unsigned int id)
{
    return g_strdup_printf("%s/lve%u", driver->backend->scope, id);
}

/* Claims LVE @id for @obj before the kernel is touched.  Returns whether
 * the LVE existed (1, 0), or -1 with an error naming its owner. */
static int
lveDomainClaim(lveDriver *driver, virDomainObj *obj, unsigned int id)
{
    g_autofree char *key = lveDomainOwnerKey(driver, id);
    g_autofree char *what = g_strdup_printf("LVE %u", id);
    int exists;

    if ((exists = driver->backend->ops->exists(driver->backend, id)) < 0 ||
        virDomainOwnersClaim(driver->owners, key, what, obj->name, exists) < 0)
        return -1;
    return exists;
}

/* Whether running LVE @id is @obj's: 1 yes, 0 not marked (an LVE started
 * before marks existed: marked now), -1 another's (with an error). */
static int
lveDomainCheckOwner(lveDriver *driver, virDomainObj *obj, unsigned int id)
{
    g_autofree char *key = lveDomainOwnerKey(driver, id);
    g_autofree char *what = g_strdup_printf("LVE %u", id);
    int rc = virDomainOwnersCheck(driver->owners, key, what, obj->name);

    if (rc == 0 && virDomainOwnersClaim(driver->owners, key, what, obj->name, true) == 0)
        return 1;
    return rc;
}

static void
lveDomainRelease(lveDriver *driver, unsigned int id)
{
    g_autofree char *key = lveDomainOwnerKey(driver, id);

    virDomainOwnersRelease(driver->owners, key);
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

/* Sets the LVE up in the kernel with every limit, frozen when @paused.
 * On failure the kernel is left as it was found: an LVE that was there
 * before (set up outside virtkit) stays. */
int
lveDomainHookStart(virDomainDriverBase *base, virDomainObj *obj, bool paused,
                   int *id G_GNUC_UNUSED)
{
    lveDriver *driver = lveDriverFromBase(base);
    const lveOps *ops = driver->backend->ops;
    unsigned int lve = lveDomainId(obj);
    g_autoptr(virBitmap) cpus = NULL;
    virErrorPtr saved = NULL;
    lveLimits lim;
    int existed;

    if (paused && !ops->freeze) {
        virReportError(VIR_ERR_OPERATION_UNSUPPORTED,
                       _("LVE %u cannot start paused: the %s backend cannot freeze an LVE"),
                       lve, ops->name);
        return -1;
    }
    /* the mark first: a process killed from here on leaves an LVE that
     * the next writer knows to be this root's; an LVE that exists already
     * may only be this domain's own (a start after a crash) */
    if (lveDomainCheckHost(driver, obj->def) < 0 ||
        (existed = lveDomainClaim(driver, obj, lve)) < 0)
        return -1;
    lveDomainEffective(driver, obj->def, &lim);
    cpus = lveDomainPlacement(driver, obj->def);
    if (ops->create(driver->backend, lve, &lim, cpus) == 0 &&
        (!paused || ops->freeze(driver->backend, lve, true) == 0))
        return 0;
    virErrorPreserveLast(&saved);
    if (!existed) {
        if (ops->destroy(driver->backend, lve) < 0)
            VIR_WARN("LVE %u: cannot undo a failed start: %s", lve, virGetLastErrorMessage());
        else
            lveDomainRelease(driver, lve);
    }
    virErrorRestore(&saved);
    return -1;
}

/* Kills every task (also those forking meanwhile) and removes the LVE. */
int
lveDomainHookStop(virDomainDriverBase *base, virDomainObj *obj)
{
    lveDriver *driver = lveDriverFromBase(base);
    unsigned int id = lveDomainId(obj);

    if (lveDomainCheckOwner(driver, obj, id) < 0 ||
        driver->backend->ops->destroy(driver->backend, id) < 0)
        return -1;
    lveDomainRelease(driver, id);
    return 0;
}

/* Destroy and set up again: same id, the same limits, no task.  When the
 * LVE cannot come back, the domain has stopped. */
int
lveDomainHookRestart(virDomainDriverBase *base, virDomainObj *obj)
{
    lveDriver *driver = lveDriverFromBase(base);
    const lveOps *ops = driver->backend->ops;
    g_autoptr(virBitmap) cpus = lveDomainPlacement(driver, obj->def);
    unsigned int lve = lveDomainId(obj);
    virErrorPtr saved = NULL;
    lveLimits lim;

    lveDomainEffective(driver, obj->def, &lim);
    if (lveDomainCheckOwner(driver, obj, lve) < 0 || ops->destroy(driver->backend, lve) < 0)
        return -1;
    if (ops->create(driver->backend, lve, &lim, cpus) == 0)
        return 0;
    lveDomainRelease(driver, lve);
    virErrorPreserveLast(&saved);
    virDomainDriverObjStopped(base, obj, VIR_DOMAIN_SHUTOFF_FAILED);
    virErrorRestore(&saved);
    return -1;
}

/* A status file names an LVE that ran: it still runs if the kernel still
 * has it. */
int
lveDomainHookStillRunning(virDomainDriverBase *base, virDomainObj *obj)
{
    lveDriver *driver = lveDriverFromBase(base);
    unsigned int id = lveDomainId(obj);
    int exists = driver->backend->ops->exists(driver->backend, id);

    if (exists <= 0)
        return exists;
    /* the kernel has an LVE of that id: this root's, or another's now */
    if (lveDomainCheckOwner(driver, obj, id) < 0) {
        VIR_WARN("domain '%s': %s", obj->name, virGetLastErrorMessage());
        virResetLastError();
        return 0;
    }
    return 1;
}

/* An LVE marked as this root's that no running domain accounts for was
 * left by a process killed while it started one (before its status was
 * written): it never ran as far as anyone was told, so it goes. */
static void
lveDomainReconcileOne(lveDriver *driver, const char *key, const char *name)
{
    const char *tail = strrchr(key, '/');
    unsigned int id;
    virDomainObj *obj;
    int exists;

    if (!tail || !g_str_has_prefix(key, driver->backend->scope) ||
        strncmp(tail, "/lve", 4) != 0 || virStrToUInt(tail + 4, &id) < 0)
        return;
    if ((obj = virDomainObjListFindByName(driver->base.domains, name)) &&
        virDomainObjIsActive(obj) && lveDomainId(obj) == id) {
        virDomainObjEndAPI(&obj);
        return;
    }
    virDomainObjEndAPI(&obj);
    if ((exists = driver->backend->ops->exists(driver->backend, id)) > 0) {
        VIR_WARN("LVE %u of domain '%s' was left by a start that did not finish: destroying it",
                 id, name);
        if (driver->backend->ops->destroy(driver->backend, id) < 0) {
            VIR_WARN("LVE %u: %s", id, virGetLastErrorMessage());
            virResetLastError();
            return;
        }
    } else if (exists < 0) {
        virResetLastError();
        return;
    }
    virDomainOwnersRelease(driver->owners, key);
}

void
lveDomainHookReconcile(virDomainDriverBase *base)
{
    lveDriver *driver = lveDriverFromBase(base);
    g_autoptr(GHashTable) marks = virDomainOwnersList(driver->owners);
    GHashTableIter iter;
    gpointer key, name;

    g_hash_table_iter_init(&iter, marks);
    while (g_hash_table_iter_next(&iter, &key, &name))
        lveDomainReconcileOne(driver, key, name);
}
