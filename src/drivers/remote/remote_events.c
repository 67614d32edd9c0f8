/*
 * remote_events.c: the daemon's events, forwarded to local callbacks
 *
 * The application's callbacks live in a local virDomainEventState, as a
 * local driver's do, so they are filtered by domain and delivered from
 * the event loop in the same way.  The daemon is asked for lifecycle
 * events once, while at least one local callback wants them: each event
 * then arrives once and the local state fans it out.
 */
#include "internal.h"

#include "remote_driver.h"
#include "virerror.h"
#include "virlog.h"

#define VIR_FROM_THIS VIR_FROM_REMOTE

/**
 * remoteEventDispatch:
 * @client: the connection's client
 * @proc: the procedure of an unasked message
 * @msg: its decoded payload
 * @opaque: the connection's private data
 *
 * Queues a lifecycle event for the local callbacks.
 */
void
remoteEventDispatch(remoteClient *client G_GNUC_UNUSED, int proc, void *msg, void *opaque)
{
    remoteDriverPrivate *priv = opaque;
    const vkr_domain_event_callback_lifecycle_msg *ev = msg;

    if (proc != VKR_PROC_DOMAIN_EVENT_CALLBACK_LIFECYCLE) {
        VIR_DEBUG("ignoring event procedure %d", proc);
        return;
    }
    virDomainEventStateQueueLifecycle(priv->events, ev->msg.dom.name,
                                      (const unsigned char *)ev->msg.dom.uuid,
                                      ev->msg.dom.id, ev->msg.event, ev->msg.detail);
}

/* Asks the daemon for lifecycle events for the first local callback. */
static int
remoteEventAcquire(virConnectPtr conn)
{
    remoteDriverPrivate *priv = REMOTE_PRIV(conn);
    vkr_event_callback_register_any_args args = { .eventID = VIR_DOMAIN_EVENT_ID_LIFECYCLE };
    vkr_int_ret ret = { 0 };
    int rc = 0;

    virMutexLock(&priv->lock);
    if (priv->eventRefs == 0) {
        if ((rc = remoteCall(conn, VKR_PROC_CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY,
                             &args, &ret)) == 0)
            priv->eventCallbackID = ret.num;
    }
    if (rc == 0)
        priv->eventRefs++;
    virMutexUnlock(&priv->lock);
    return rc;
}

static void
remoteEventRelease(virConnectPtr conn)
{
    remoteDriverPrivate *priv = REMOTE_PRIV(conn);
    vkr_int_args args;

    virMutexLock(&priv->lock);
    if (--priv->eventRefs == 0) {
        args.num = priv->eventCallbackID;
        /* a connection already gone has nothing left to stop */
        if (remoteClientIsAlive(priv->client))
            remoteCall(conn, VKR_PROC_CONNECT_DOMAIN_EVENT_CALLBACK_DEREGISTER_ANY, &args, NULL);
    }
    virMutexUnlock(&priv->lock);
}

static int
remoteEventRegister(virConnectPtr conn, virDomainPtr dom, int eventID,
                    virConnectDomainEventGenericCallback cb, void *opaque,
                    virFreeCallback freecb, bool legacy)
{
    remoteDriverPrivate *priv = REMOTE_PRIV(conn);
    int id;

    if (eventID != VIR_DOMAIN_EVENT_ID_LIFECYCLE) {
        virReportError(VIR_ERR_NO_SUPPORT,
                       _("event %d is not forwarded by the remote driver: only lifecycle events are"),
                       eventID);
        return -1;
    }
    if (remoteEventAcquire(conn) < 0)
        return -1;
    id = virDomainEventStateRegister(priv->events, conn, dom ? dom->uuid : NULL, eventID,
                                     cb, opaque, freecb, legacy);
    if (id < 0)
        remoteEventRelease(conn);
    return id;
}

int
remoteConnectDomainEventRegisterAny(virConnectPtr conn, virDomainPtr dom, int eventID,
                                    virConnectDomainEventGenericCallback cb,
                                    void *opaque, virFreeCallback freecb)
{
    return remoteEventRegister(conn, dom, eventID, cb, opaque, freecb, false);
}

int
remoteConnectDomainEventRegister(virConnectPtr conn, virConnectDomainEventCallback cb,
                                 void *opaque, virFreeCallback freecb)
{
    if (remoteEventRegister(conn, NULL, VIR_DOMAIN_EVENT_ID_LIFECYCLE,
                            VIR_DOMAIN_EVENT_CALLBACK(cb), opaque, freecb, true) < 0)
        return -1;
    return 0;
}

int
remoteConnectDomainEventDeregisterAny(virConnectPtr conn, int callbackID)
{
    if (virDomainEventStateDeregisterID(REMOTE_PRIV(conn)->events, conn, callbackID) < 0)
        return -1;
    remoteEventRelease(conn);
    return 0;
}

int
remoteConnectDomainEventDeregister(virConnectPtr conn, virConnectDomainEventCallback cb)
{
    if (virDomainEventStateDeregisterLegacy(REMOTE_PRIV(conn)->events, conn, cb) < 0)
        return -1;
    remoteEventRelease(conn);
    return 0;
}
