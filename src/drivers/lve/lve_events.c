/*
 * lve_events.c: what the kernel tells of a running LVE, as domain events
 *
 * libvirt has no event for a limit, so each notice is the lifecycle event
 * nearest to what a guest would show (README.md, "LVE events"):
 *   the last task ended        SHUTDOWN / GUEST: the workload ended by
 *                              itself; the LVE stays, running and empty,
 *                              as the kernel keeps it (an empty LVE is a
 *                              running domain: restart leaves one)
 *   a task OOM-killed          CRASHED / PANICKED: part of the guest died;
 *   a fork refused at nproc    the LVE runs on, as a libvirt guest does
 *                              after a crash with on_crash=restart
 * No state changes: the events say what happened inside a domain that
 * still runs.  Watches run in every process that registered a callback,
 * for every running LVE it knows, started there or in another process.
 */
#include "internal.h"

#include "domain_events.h"
#include "domain_kernel.h"
#include "lve_events.h"
#include "virlog.h"

#define VIR_FROM_THIS VIR_FROM_LVE

typedef struct {
    lveDriver *driver;              /* outlives the watch: lveDomainUnwatchAll */
    unsigned char uuid[VIR_UUID_BUFLEN];
} lveEventTarget;

static void
lveDomainNotice(unsigned int id, lveNotice what, unsigned long long count, void *opaque)
{
    lveEventTarget *target = opaque;
    virDomainDriverBase *base = &target->driver->base;
    virDomainObj *obj = virDomainObjListFindByUUID(base->domains, target->uuid);
    bool emptied = false;

    if (!obj || !virDomainObjIsActive(obj) || lveDomainId(obj) != id) {
        virDomainObjEndAPI(&obj);
        return;
    }
    switch (what) {
    case LVE_NOTICE_EMPTIED:
        VIR_INFO("LVE %u of domain '%s': its last task ended", id, obj->name);
        virDomainDriverEmitLifecycle(base, obj, VIR_DOMAIN_EVENT_SHUTDOWN,
                                     VIR_DOMAIN_EVENT_SHUTDOWN_GUEST);
        emptied = true;
        break;
    case LVE_NOTICE_OOM:
        VIR_WARN("LVE %u of domain '%s': %llu task(s) killed by the memory limit", id,
                 obj->name, count);
        virDomainDriverEmitLifecycle(base, obj, VIR_DOMAIN_EVENT_CRASHED,
                                     VIR_DOMAIN_EVENT_CRASHED_PANICKED);
        break;
    case LVE_NOTICE_NPROC:
        VIR_WARN("LVE %u of domain '%s': %llu fork(s) refused at the process limit", id,
                 obj->name, count);
        virDomainDriverEmitLifecycle(base, obj, VIR_DOMAIN_EVENT_CRASHED,
                                     VIR_DOMAIN_EVENT_CRASHED_PANICKED);
        break;
    }
    virDomainObjEndAPI(&obj);
    /* asked to shut down (here or by another process), it has now ended */
    if (emptied)
        virDomainDriverSettleNotice(base, target->uuid);
}

void
lveDomainHookWatchDomain(virDomainDriverBase *base, const virDomainObj *obj)
{
    lveDriver *driver = lveDriverFromBase(base);
    const lveOps *ops = driver->backend->ops;
    unsigned int id = lveDomainId(obj);
    lveEventTarget *target;
    lveWatch *w;

    if (!ops->watch)
        return;
    virMutexLock(&driver->watchLock);
    /* a new LVE of that id has new groups: the old watch goes */
    if ((w = g_hash_table_lookup(driver->watches, GUINT_TO_POINTER(id)))) {
        g_hash_table_steal(driver->watches, GUINT_TO_POINTER(id));
        ops->unwatch(w, false);
    }
    if (virDomainObjIsActive(obj)) {
        target = g_new0(lveEventTarget, 1);
        target->driver = driver;
        memcpy(target->uuid, obj->uuid, VIR_UUID_BUFLEN);
        if ((w = ops->watch(driver->backend, id, lveDomainNotice, target, g_free))) {
            g_hash_table_insert(driver->watches, GUINT_TO_POINTER(id), w);
        } else {
            VIR_WARN("domain '%s': no events from the kernel: %s", obj->name,
                     virGetLastErrorMessage());
            virResetLastError();
        }
    }
    virMutexUnlock(&driver->watchLock);
}

static void
lveDomainWatchOne(virDomainObj *obj, void *opaque)
{
    if (virDomainObjIsActive(obj))
        lveDomainHookWatchDomain(opaque, obj);
}

void
lveDomainHookWatchEvents(virDomainDriverBase *base)
{
    virDomainObjListForEach(base->domains, lveDomainWatchOne, base);
}

void
lveDomainUnwatchAll(lveDriver *driver)
{
    g_autoptr(GHashTable) watches = NULL;
    GHashTableIter iter;
    gpointer w;

    if (!driver->watches)
        return;
    virMutexLock(&driver->watchLock);
    watches = g_steal_pointer(&driver->watches);
    virMutexUnlock(&driver->watchLock);
    g_hash_table_iter_init(&iter, watches);
    while (g_hash_table_iter_next(&iter, NULL, &w))
        driver->backend->ops->unwatch(w, true);
}
