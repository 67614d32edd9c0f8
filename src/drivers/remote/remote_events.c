/*
 * remote_events.c: the daemon's events, forwarded to local callbacks
 *
 * The application's callbacks live in a local virDomainEventState, as a
 * local driver's do, so they are filtered by domain and delivered from
 * the event loop in the same way.  The daemon is asked for each kind of
 * event it sends (lifecycle, metadata change) once, while at least one
 * local callback wants it: each event then arrives once and the local
 * state fans it out.
 */
#include "internal.h"

#include "remote_driver.h"
#include "virerror.h"
#include "virlog.h"

#define VIR_FROM_THIS VIR_FROM_REMOTE

/* The daemon's events the driver forwards, by remoteEvent. */
static const struct {
    int eventID;                /* a virDomainEventID */
    int proc;                   /* the message that carries it */
} remoteEvents[REMOTE_EVENT_LAST] = {
    [REMOTE_EVENT_LIFECYCLE] = {
        VIR_DOMAIN_EVENT_ID_LIFECYCLE, VKR_PROC_DOMAIN_EVENT_CALLBACK_LIFECYCLE },
    [REMOTE_EVENT_METADATA_CHANGE] = {
        VIR_DOMAIN_EVENT_ID_METADATA_CHANGE, VKR_PROC_DOMAIN_EVENT_CALLBACK_METADATA_CHANGE },
};

static int
remoteEventFromID(int eventID)
{
    size_t i;

    for (i = 0; i < REMOTE_EVENT_LAST; i++) {
        if (remoteEvents[i].eventID == eventID)
            return i;
    }
    return -1;
}

/**
 * remoteEventDispatch:
 * @client: the connection's client
 * @proc: the procedure of an unasked message
 * @msg: its decoded payload
 * @opaque: the connection's private data
 *
 * Queues a lifecycle or metadata change event for the local callbacks.
 * Called with the client's lock held (inside a call, or from the loop's
 * watch): it takes no lock of the connection's, whose holders call the
 * daemon.
 */
void
remoteEventDispatch(remoteClient *client G_GNUC_UNUSED, int proc, void *msg, void *opaque)
{
    remoteDriverPrivate *priv = opaque;

    if (proc == VKR_PROC_DOMAIN_EVENT_CALLBACK_LIFECYCLE) {
        const vkr_domain_event_callback_lifecycle_msg *ev = msg;

        virDomainEventStateQueueLifecycle(priv->events, ev->msg.dom.name,
                                          (const unsigned char *)ev->msg.dom.uuid,
                                          ev->msg.dom.id, ev->msg.event, ev->msg.detail);
    } else if (proc == VKR_PROC_DOMAIN_EVENT_CALLBACK_METADATA_CHANGE) {
        const vkr_domain_event_callback_metadata_change_msg *ev = msg;

        virDomainEventStateQueueMetadata(priv->events, ev->dom.name,
                                         (const unsigned char *)ev->dom.uuid, ev->dom.id,
                                         ev->type, ev->nsuri ? *ev->nsuri : NULL);
    } else {
        VIR_DEBUG("ignoring event procedure %d", proc);
    }
}

/* Asks the daemon for event @ev for its first local callback. */
static int
remoteEventAcquire(virConnectPtr conn, remoteEvent ev)
{
    remoteDriverPrivate *priv = REMOTE_PRIV(conn);
    vkr_event_callback_register_any_args args = { .eventID = remoteEvents[ev].eventID };
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
remoteEventRelease(virConnectPtr conn, remoteEvent ev)
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
    int ev = remoteEventFromID(eventID);
    int id;

    if (ev < 0) {
        virReportError(VIR_ERR_NO_SUPPORT,
                       _("event %d is not forwarded by the remote driver: only lifecycle and metadata change events are"),
                       eventID);
        return -1;
    }
    /* an application that registered its event loop after opening the
     * connection: the stream is watched from now on */
    remoteClientWatch(priv->client);
    if (remoteEventAcquire(conn, ev) < 0)
        return -1;
    id = virDomainEventStateRegister(priv->events, conn, dom ? dom->uuid : NULL, eventID,
                                     cb, opaque, freecb, legacy);
    if (id < 0) {
        remoteEventRelease(conn, ev);
        return -1;
    }
    virMutexLock(&priv->lock);
    g_hash_table_insert(priv->callbackEvents, GINT_TO_POINTER(id), GINT_TO_POINTER(ev));
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
        remoteEventRelease(conn, REMOTE_EVENT_LIFECYCLE);
        rc = 0;
    }
    virConnectUnrefInternal(conn);
    return rc;
}
