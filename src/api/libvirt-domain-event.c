/*
 * libvirt-domain-event.c: entry points for domain event callbacks and
 * the connection's close callback
 */
#include "internal.h"

#include "api.h"

#define VIR_FROM_THIS VIR_FROM_DOMAIN

/**
 * virConnectDomainEventRegister:
 * @conn: pointer to the connection
 * @cb: called with each lifecycle event of every domain
 * @opaque: for @cb
 * @freecb: frees @opaque once @cb is deregistered (may be NULL)
 *
 * The legacy registration of a lifecycle callback; new code uses
 * virConnectDomainEventRegisterAny().  Events are delivered from the
 * registered event loop (virEventRegisterDefaultImpl()).  The callback
 * holds a reference on @conn until it is deregistered.
 *
 * Returns 0, or -1 (@cb already registered on @conn, or no event loop).
 */
int
virConnectDomainEventRegister(virConnectPtr conn, virConnectDomainEventCallback cb,
                              void *opaque, virFreeCallback freecb)
{
    VIR_DEBUG("conn=%p cb=%p opaque=%p", conn, cb, opaque);
    virResetLastError();
    if (virCheckConnect(conn) < 0)
        return -1;
    if (virCheckNonNullArg(cb) < 0)
        goto error;
    if (!conn->driver->connectDomainEventRegister) {
        virReportUnsupported(conn, __func__);
        goto error;
    }
    if (conn->driver->connectDomainEventRegister(conn, cb, opaque, freecb) < 0)
        goto error;
    return 0;

 error:
    virDispatchError(conn);
    return -1;
}

/**
 * virConnectDomainEventDeregister:
 * @conn: pointer to the connection
 * @cb: a callback given to virConnectDomainEventRegister()
 *
 * Deregisters a legacy lifecycle callback; its free function runs once no
 * delivery of it is under way (it may deregister itself from its call).
 *
 * Returns 0, or -1 when @cb is not registered on @conn.
 */
int
virConnectDomainEventDeregister(virConnectPtr conn, virConnectDomainEventCallback cb)
{
    VIR_DEBUG("conn=%p cb=%p", conn, cb);
    virResetLastError();
    if (virCheckConnect(conn) < 0)
        return -1;
    if (virCheckNonNullArg(cb) < 0)
        goto error;
    if (!conn->driver->connectDomainEventDeregister) {
        virReportUnsupported(conn, __func__);
        goto error;
    }
    if (conn->driver->connectDomainEventDeregister(conn, cb) < 0)
        goto error;
    return 0;

 error:
    virDispatchError(conn);
    return -1;
}

/**
 * virConnectDomainEventRegisterAny:
 * @conn: pointer to the connection
 * @dom: the domain whose events are wanted, or NULL for every domain
 * @eventID: a virDomainEventID
 * @cb: the callback of @eventID's type, cast with VIR_DOMAIN_EVENT_CALLBACK()
 * @opaque: for @cb
 * @freecb: frees @opaque once @cb is deregistered (may be NULL)
 *
 * Registers a callback for one kind of domain event.  Events are
 * delivered from the registered event loop (virEventRegisterDefaultImpl()
 * or virEventRegisterImpl(), called before this); the callback holds a
 * reference on @conn until it is deregistered.
 *
 * Returns a callback id for virConnectDomainEventDeregisterAny(), or -1.
 */
int
virConnectDomainEventRegisterAny(virConnectPtr conn, virDomainPtr dom, int eventID,
                                 virConnectDomainEventGenericCallback cb, void *opaque,
                                 virFreeCallback freecb)
{
    int ret;

    VIR_DEBUG("conn=%p dom=%p eventID=%d cb=%p opaque=%p", conn, dom, eventID, cb, opaque);
    virResetLastError();
    if (virCheckConnect(conn) < 0)
        return -1;
    if (dom && virCheckDomain(dom) < 0)
        goto error;
    if (virCheckArg(!dom || dom->conn == conn, "dom", _("must belong to the connection")) < 0 ||
        virCheckNonNullArg(cb) < 0 ||
        virCheckArg(eventID >= 0 && eventID < VIR_DOMAIN_EVENT_ID_LAST, "eventID",
                    _("must be a virDomainEventID below VIR_DOMAIN_EVENT_ID_LAST")) < 0)
        goto error;
    if (!conn->driver->connectDomainEventRegisterAny) {
        virReportUnsupported(conn, __func__);
        goto error;
    }
    if ((ret = conn->driver->connectDomainEventRegisterAny(conn, dom, eventID, cb, opaque,
                                                           freecb)) < 0)
        goto error;
    return ret;

 error:
    virDispatchError(conn);
    return -1;
}

/**
 * virConnectDomainEventDeregisterAny:
 * @conn: pointer to the connection
 * @callbackID: an id virConnectDomainEventRegisterAny() returned
 *
 * Deregisters a callback; its free function runs once no delivery of it
 * is under way (it may deregister itself from its call).
 *
 * Returns 0, or -1 when @callbackID is not registered on @conn.
 */
int
virConnectDomainEventDeregisterAny(virConnectPtr conn, int callbackID)
{
    VIR_DEBUG("conn=%p callbackID=%d", conn, callbackID);
    virResetLastError();
    if (virCheckConnect(conn) < 0)
        return -1;
    if (virCheckArg(callbackID >= 0, "callbackID", _("must not be negative")) < 0)
        goto error;
    if (!conn->driver->connectDomainEventDeregisterAny) {
        virReportUnsupported(conn, __func__);
        goto error;
    }
    if (conn->driver->connectDomainEventDeregisterAny(conn, callbackID) < 0)
        goto error;
    return 0;

 error:
    virDispatchError(conn);
    return -1;
}

/**
 * virConnectRegisterCloseCallback:
 * @conn: pointer to the connection
 * @cb: called when the connection is closed by anything but the
 *      application (a remote peer's end; a local driver's connection
 *      is never closed under the application)
 * @opaque: for @cb
 * @freecb: frees @opaque when @cb is unregistered or the connection goes
 *
 * Returns 0, or -1 when a close callback is already registered.
 */
int
virConnectRegisterCloseCallback(virConnectPtr conn, virConnectCloseFunc cb, void *opaque,
                                virFreeCallback freecb)
{
    bool busy;

    VIR_DEBUG("conn=%p cb=%p opaque=%p", conn, cb, opaque);
    virResetLastError();
    if (virCheckConnect(conn) < 0)
        return -1;
    if (virCheckNonNullArg(cb) < 0)
        goto error;
    virMutexLock(&conn->lock);
    if (!(busy = conn->closeCallback != NULL)) {
        conn->closeCallback = cb;
        conn->closeOpaque = opaque;
        conn->closeFreecb = freecb;
    }
    virMutexUnlock(&conn->lock);
    if (busy) {
        virReportError(VIR_ERR_OPERATION_INVALID, "%s",
                       _("A close callback is already registered"));
        goto error;
    }
    return 0;

 error:
    virDispatchError(conn);
    return -1;
}

/**
 * virConnectUnregisterCloseCallback:
 * @conn: pointer to the connection
 * @cb: the callback given to virConnectRegisterCloseCallback()
 *
 * Returns 0, or -1 when @cb is not the registered close callback.
 */
int
virConnectUnregisterCloseCallback(virConnectPtr conn, virConnectCloseFunc cb)
{
    virFreeCallback freecb = NULL;
    void *opaque = NULL;
    bool found;

    VIR_DEBUG("conn=%p cb=%p", conn, cb);
    virResetLastError();
    if (virCheckConnect(conn) < 0)
        return -1;
    if (virCheckNonNullArg(cb) < 0)
        goto error;
    virMutexLock(&conn->lock);
    if ((found = conn->closeCallback == cb)) {
        freecb = conn->closeFreecb;
        opaque = conn->closeOpaque;
        conn->closeCallback = NULL;
        conn->closeFreecb = NULL;
        conn->closeOpaque = NULL;
    }
    virMutexUnlock(&conn->lock);
    if (!found) {
        virReportError(VIR_ERR_OPERATION_INVALID, "%s",
                       _("A different callback was requested"));
        goto error;
    }
    if (freecb)
        freecb(opaque);
    return 0;

 error:
    virDispatchError(conn);
    return -1;
}
