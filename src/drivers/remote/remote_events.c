/*
 * remote_events.c: the daemon's events, forwarded to local callbacks
 *
 * The application's callbacks live in a local virDomainEventState, as a
 * local driver's do, so they are filtered by domain and delivered from
 * the event loop in the same way.  The daemon is asked for each event ID
 * once, while at least one local callback wants it: each event then
 * arrives once and the local state fans it out.  Every ID of libvirt
 * 9.0's protocol is forwarded; the messages are read by the table of
 * src/rpc/rpc_events.c.
 */
#include "internal.h"

#include "remote_driver.h"
#include "rpc_events.h"
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
 * Queues the event a message carries for the local callbacks.
 * Called with the client's lock held (inside a call, or from the loop's
 * watch): it takes no lock of the connection's, whose holders call the
 * daemon.
 */
void
remoteEventDispatch(remoteClient *client G_GNUC_UNUSED, int proc, void *msg, void *opaque)
{
    remoteDriverPrivate *priv = opaque;
    const vkrEventWire *w = vkrEventWireByProc(proc);
    const vkr_nonnull_domain *dom;
    virDomainEventData data;
    g_autoptr(GError) error = NULL;

    if (!w) {
        VIR_DEBUG("ignoring event procedure %d", proc);
        return;
    }
    if (!vkrEventFromWire(w, msg, &dom, &data, &error)) {
        VIR_WARN("dropping an event of procedure %d: %s", proc, error->message);
        return;
    }
    virDomainEventStateQueueData(priv->events, vkrEventWireID(w), dom->name,
                                 (const unsigned char *)dom->uuid, dom->id, &data);
    vkrEventDataClear(&data);
}

/* Asks the daemon for event ID @ev for its first local callback. */
static int
remoteEventAcquire(virConnectPtr conn, int ev)
{
    remoteDriverPrivate *priv = REMOTE_PRIV(conn);
    vkr_event_callback_register_any_args args = { .eventID = ev };
    vkr_int_ret ret = { 0 };
    int rc = 0;

    virMutexLock(&priv->lock);
    if (priv->eventRefs[ev] == 0) {
        if ((rc = remoteCall(conn, VKR_PROC_CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY,
                             &args, &ret)) == 0)
            priv->eventCallbackID[ev] = ret.num;
    }
    if (rc == 0)
        priv->eventRefs[ev]++;
    virMutexUnlock(&priv->lock);
    return rc;
}

static void
remoteEventRelease(virConnectPtr conn, int ev)
{
    remoteDriverPrivate *priv = REMOTE_PRIV(conn);
    vkr_int_args args;

    virMutexLock(&priv->lock);
    if (--priv->eventRefs[ev] == 0) {
        args.num = priv->eventCallbackID[ev];
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

    /* the API let only known IDs through: each has its message */
    if (!vkrEventWireByID(eventID)) {
        virReportError(VIR_ERR_NO_SUPPORT,
                       _("event %d is not forwarded by the remote driver"), eventID);
        return -1;
    }
    /* an application that registered its event loop after opening the
     * connection: the stream is watched from now on */
    remoteClientWatch(priv->client);
    if (remoteEventAcquire(conn, eventID) < 0)
        return -1;
    id = virDomainEventStateRegister(priv->events, conn, dom ? dom->uuid : NULL, eventID,
                                     cb, opaque, freecb, legacy);
    if (id < 0) {
        remoteEventRelease(conn, eventID);
        return -1;
    }
    virMutexLock(&priv->lock);
    g_hash_table_insert(priv->callbackEvents, GINT_TO_POINTER(id), GINT_TO_POINTER(eventID));
    virMutexUnlock(&priv->lock);
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

/* The local callback may hold the last reference on @conn (closed by
 * the application while callbacks were left): the driver keeps it until
 * the daemon was told, and closes it then. */
int
remoteConnectDomainEventDeregisterAny(virConnectPtr conn, int callbackID)
{
    remoteDriverPrivate *priv = REMOTE_PRIV(conn);
    gpointer ev;
    int rc = -1;

    g_atomic_int_inc(&conn->refs);
    if (virDomainEventStateDeregisterID(priv->events, conn, callbackID) == 0) {
        virMutexLock(&priv->lock);
        ev = g_hash_table_lookup(priv->callbackEvents, GINT_TO_POINTER(callbackID));
        g_hash_table_remove(priv->callbackEvents, GINT_TO_POINTER(callbackID));
        virMutexUnlock(&priv->lock);
        remoteEventRelease(conn, GPOINTER_TO_INT(ev));
        rc = 0;
    }
    virConnectUnrefInternal(conn);
    return rc;
}

int
remoteConnectDomainEventDeregister(virConnectPtr conn, virConnectDomainEventCallback cb)
{
    int rc = -1;

    g_atomic_int_inc(&conn->refs);
    if (virDomainEventStateDeregisterLegacy(REMOTE_PRIV(conn)->events, conn, cb) == 0) {
        remoteEventRelease(conn, VIR_DOMAIN_EVENT_ID_LIFECYCLE);
        rc = 0;
    }
    virConnectUnrefInternal(conn);
    return rc;
}
