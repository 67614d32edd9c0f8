/*
 * lve_run.c: an LVE domain in the kernel: what it asks for (its limits in
 * force and its CPUs), and setting it up and tearing it down
 */
#include "internal.h"

#include "lve_defaults.h"
#include "lve_run.h"
#include "virerror.h"
#include "virlog.h"

#define VIR_FROM_THIS VIR_FROM_LVE

void
lveDomainEffective(lveDriver *driver, const virDomainDef *def, lveLimits *lim)
{
    virMutexLock(&driver->lock);
    lveLimitsEffective(def, &driver->defaults, lim);
    virMutexUnlock(&driver->lock);
}

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
    if (lveDomainCheckHost(driver, obj->def) < 0 ||
        (existed = ops->exists(driver->backend, lve)) < 0)
        return -1;
    lveDomainEffective(driver, obj->def, &lim);
    cpus = lveDomainPlacement(driver, obj->def);
    if (ops->create(driver->backend, lve, &lim, cpus) == 0 &&
        (!paused || ops->freeze(driver->backend, lve, true) == 0))
        return 0;
    virErrorPreserveLast(&saved);
    if (!existed && ops->destroy(driver->backend, lve) < 0)
        VIR_WARN("LVE %u: cannot undo a failed start: %s", lve, virGetLastErrorMessage());
    virErrorRestore(&saved);
    return -1;
}

/* Kills every task (also those forking meanwhile) and removes the LVE. */
int
lveDomainHookStop(virDomainDriverBase *base, virDomainObj *obj)
{
    lveDriver *driver = lveDriverFromBase(base);

    return driver->backend->ops->destroy(driver->backend, lveDomainId(obj));
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
    if (ops->destroy(driver->backend, lve) < 0)
        return -1;
    if (ops->create(driver->backend, lve, &lim, cpus) == 0)
        return 0;
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

    return driver->backend->ops->exists(driver->backend, lveDomainId(obj));
}
