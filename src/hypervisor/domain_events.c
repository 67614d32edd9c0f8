/*
 * domain_events.c: domain events in the shared driver layer: the shared
 * methods that register callbacks, and the hook that emits lifecycle
 * events
 */
#include "internal.h"

#include "domain_event.h"
#include "domain_events.h"
#include "domain_metadata_xml.h"
#include "domain_store_watch.h"

#define VIR_FROM_THIS VIR_FROM_DOMAIN

void
virDomainDriverEmitLifecycle(virDomainDriverBase *base, const virDomainObj *obj, int event,
                             int detail)
{
    virDomainEventStateQueueLifecycle(base->events, obj->def->name, obj->uuid, obj->id, event,
                                      detail);
    /* what the kernel tells of a domain is watched while it runs */
    if (g_atomic_int_get(&base->watchingKernel) && base->hooks->watchDomain &&
        (event == VIR_DOMAIN_EVENT_STARTED || event == VIR_DOMAIN_EVENT_STOPPED))
        base->hooks->watchDomain(base, obj);
}

void
virDomainDriverEmitMetadata(virDomainDriverBase *base, const virDomainObj *obj, int type,
                            const char *nsuri)
{
    virDomainEventStateQueueMetadata(base->events, obj->def->name, obj->uuid, obj->id, type,
                                     nsuri);
}

void
virDomainDriverEmitMetadataChanges(virDomainDriverBase *base, const virDomainObj *obj,
                                   const virDomainDef *before, const virDomainDef *after)
{
    g_autoptr(GPtrArray) uris = NULL;
    guint i;

    if (g_strcmp0(before->description, after->description) != 0)
        virDomainDriverEmitMetadata(base, obj, VIR_DOMAIN_METADATA_DESCRIPTION, NULL);
    if (g_strcmp0(before->title, after->title) != 0)
        virDomainDriverEmitMetadata(base, obj, VIR_DOMAIN_METADATA_TITLE, NULL);
    uris = virDomainMetadataChangedNamespaces(before->metadata, after->metadata);
    for (i = 0; i < uris->len; i++)
        virDomainDriverEmitMetadata(base, obj, VIR_DOMAIN_METADATA_ELEMENT,
                                    g_ptr_array_index(uris, i));
}

static int
virDomainDriverStartedDetail(int reason)
{
    switch ((virDomainRunningReason)reason) {
    case VIR_DOMAIN_RUNNING_MIGRATED:
        return VIR_DOMAIN_EVENT_STARTED_MIGRATED;
    case VIR_DOMAIN_RUNNING_RESTORED:
        return VIR_DOMAIN_EVENT_STARTED_RESTORED;
    case VIR_DOMAIN_RUNNING_FROM_SNAPSHOT:
        return VIR_DOMAIN_EVENT_STARTED_FROM_SNAPSHOT;
    case VIR_DOMAIN_RUNNING_WAKEUP:
        return VIR_DOMAIN_EVENT_STARTED_WAKEUP;
    default:
        return VIR_DOMAIN_EVENT_STARTED_BOOTED;
    }
}

void
virDomainDriverEmitStarted(virDomainDriverBase *base, const virDomainObj *obj, int reason,
                           bool paused)
{
    virDomainDriverEmitLifecycle(base, obj, VIR_DOMAIN_EVENT_STARTED,
                                 virDomainDriverStartedDetail(reason));
    if (paused)
        virDomainDriverEmitLifecycle(base, obj, VIR_DOMAIN_EVENT_SUSPENDED,
                                     reason == VIR_DOMAIN_RUNNING_RESTORED ?
                                     VIR_DOMAIN_EVENT_SUSPENDED_RESTORED :
                                     VIR_DOMAIN_EVENT_SUSPENDED_PAUSED);
}

void
virDomainDriverEmitStopped(virDomainDriverBase *base, const virDomainObj *obj, int reason)
{
    int detail;

    switch ((virDomainShutoffReason)reason) {
    case VIR_DOMAIN_SHUTOFF_SHUTDOWN:
        detail = VIR_DOMAIN_EVENT_STOPPED_SHUTDOWN;
        break;
    case VIR_DOMAIN_SHUTOFF_CRASHED:
        detail = VIR_DOMAIN_EVENT_STOPPED_CRASHED;
        break;
    case VIR_DOMAIN_SHUTOFF_MIGRATED:
        detail = VIR_DOMAIN_EVENT_STOPPED_MIGRATED;
        break;
    case VIR_DOMAIN_SHUTOFF_SAVED:
        detail = VIR_DOMAIN_EVENT_STOPPED_SAVED;
        break;
    case VIR_DOMAIN_SHUTOFF_FAILED:
        detail = VIR_DOMAIN_EVENT_STOPPED_FAILED;
        break;
    case VIR_DOMAIN_SHUTOFF_FROM_SNAPSHOT:
        detail = VIR_DOMAIN_EVENT_STOPPED_FROM_SNAPSHOT;
        break;
    default:
        /* destroyed, or gone without this process (another one stopped
         * it, or its kernel object went): forced off from the host */
        detail = VIR_DOMAIN_EVENT_STOPPED_DESTROYED;
        break;
    }
    virDomainDriverEmitLifecycle(base, obj, VIR_DOMAIN_EVENT_STOPPED, detail);
}

/* ---- registering callbacks ----------------------------------------- */

/* The first callback of a root with files starts watching them: changes
 * other processes make reach this one's listeners without a call. */
static void
virDomainDriverWatchStore(virDomainDriverBase *base)
{
    if (base->store && base->keepStatus)
        virDomainStoreWatchStart(base);
    if (base->hooks->watchEvents &&
        g_atomic_int_compare_and_exchange(&base->watchingKernel, 0, 1))
        base->hooks->watchEvents(base);
}

int
sharedConnectDomainEventRegister(virConnectPtr conn, virConnectDomainEventCallback cb,
                                 void *opaque, virFreeCallback freecb)
{
    virDomainDriverBase *base = virDomainDriverBaseFromConn(conn);

    if (virDomainEventStateRegister(base->events, conn, NULL, VIR_DOMAIN_EVENT_ID_LIFECYCLE,
                                    VIR_DOMAIN_EVENT_CALLBACK(cb), opaque, freecb, true) < 0)
        return -1;
    virDomainDriverWatchStore(base);
    return 0;
}

int
sharedConnectDomainEventDeregister(virConnectPtr conn, virConnectDomainEventCallback cb)
{
    return virDomainEventStateDeregisterLegacy(virDomainDriverBaseFromConn(conn)->events,
                                               conn, cb);
}

int
sharedConnectDomainEventRegisterAny(virConnectPtr conn, virDomainPtr dom, int eventID,
                                    virConnectDomainEventGenericCallback cb, void *opaque,
                                    virFreeCallback freecb)
{
    virDomainDriverBase *base = virDomainDriverBaseFromConn(conn);
    int id;

    if ((id = virDomainEventStateRegister(base->events, conn, dom ? dom->uuid : NULL, eventID,
                                          cb, opaque, freecb, false)) < 0)
        return -1;
    virDomainDriverWatchStore(base);
    return id;
}

int
sharedConnectDomainEventDeregisterAny(virConnectPtr conn, int callbackID)
{
    return virDomainEventStateDeregisterID(virDomainDriverBaseFromConn(conn)->events, conn,
                                           callbackID);
}
