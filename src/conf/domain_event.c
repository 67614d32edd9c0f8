/*
 * domain_event.c: the callbacks registered for domain events and the
 * queue of events waiting for the event loop
 *
 * A callback is referenced by the list and by each delivery under way:
 * deregistering it (from its own call, too) takes it off the list at
 * once, and the last reference calls its free function and drops its
 * connection, never with the state's lock held (dropping a connection
 * may free the driver state).  The loop's timer holds a reference on the
 * state, so that a delivery under way outlives the driver.
 */
#include "internal.h"

#include "domain_event.h"
#include "virerror.h"
#include "virevent.h"
#include "virlog.h"
#include "virthread.h"

#define VIR_FROM_THIS VIR_FROM_EVENT

typedef struct {
    gint refs;
    int id;
    virConnectPtr conn;             /* referenced */
    bool filter;
    unsigned char uuid[VIR_UUID_BUFLEN];
    int eventID;
    virConnectDomainEventGenericCallback cb;
    void *opaque;
    virFreeCallback freecb;
    bool legacy;
    bool deleted;                   /* off the list; deliveries skip it */
} virDomainEventCallback;

typedef struct {
    int eventID;
    char *name;
    unsigned char uuid[VIR_UUID_BUFLEN];
    int id;
    int event;                      /* lifecycle; metadata change: the type */
    int detail;
    char *nsuri;                    /* metadata change */
} virDomainEvent;

struct _virDomainEventState {
    gint refs;
    virMutex lock;                  /* guards the fields below */
    GPtrArray *callbacks;           /* virDomainEventCallback */
    GQueue queue;                   /* virDomainEvent waiting for the timer */
    int timer;                      /* on the event loop; -1: none */
};

/* libvirt numbers callbacks from 1 across the process */
static gint virDomainEventNextId = 1;

static void
virDomainEventFree(virDomainEvent *event)
{
    g_free(event->name);
    g_free(event->nsuri);
    g_free(event);
}

static void
virDomainEventCallbackUnref(virDomainEventCallback *cb)
{
    if (!g_atomic_int_dec_and_test(&cb->refs))
        return;
    if (cb->freecb)
        cb->freecb(cb->opaque);
    virConnectUnrefInternal(cb->conn);
    g_free(cb);
}

static void
virDomainEventStateUnref(void *opaque)
{
    virDomainEventState *state = opaque;

    if (!g_atomic_int_dec_and_test(&state->refs))
        return;
    g_queue_clear_full(&state->queue, (GDestroyNotify)virDomainEventFree);
    g_ptr_array_unref(state->callbacks);
    virMutexDestroy(&state->lock);
    g_free(state);
}

virDomainEventState *
virDomainEventStateNew(void)
{
    virDomainEventState *state = g_new0(virDomainEventState, 1);

    state->refs = 1;
    virMutexInit(&state->lock);
    state->callbacks = g_ptr_array_new();
    g_queue_init(&state->queue);
    state->timer = -1;
    return state;
}

/* With the lock held: the timer goes with the last callback. */
static void
virDomainEventStateDropTimer(virDomainEventState *state)
{
    if (state->timer < 0)
        return;
    virEventRemoveTimeout(state->timer);
    g_atomic_int_set(&state->timer, -1);
    g_queue_clear_full(&state->queue, (GDestroyNotify)virDomainEventFree);
}

void
virDomainEventStateFree(virDomainEventState *state)
{
    if (!state)
        return;
    virMutexLock(&state->lock);
    virDomainEventStateDropTimer(state);
    virMutexUnlock(&state->lock);
    virDomainEventStateUnref(state);
}

/* ---- delivery ------------------------------------------------------ */

static void
virDomainEventCall(virDomainEventCallback *cb, const virDomainEvent *event)
{
    virDomainPtr dom = virGetDomain(cb->conn, event->name, event->uuid, event->id);

    if (cb->legacy || cb->eventID == VIR_DOMAIN_EVENT_ID_LIFECYCLE)
        ((virConnectDomainEventCallback)(void (*)(void))cb->cb)(cb->conn, dom, event->event,
                                                               event->detail, cb->opaque);
    else if (cb->eventID == VIR_DOMAIN_EVENT_ID_METADATA_CHANGE)
        ((virConnectDomainEventMetadataChangeCallback)(void (*)(void))cb->cb)
            (cb->conn, dom, event->event, event->nsuri, cb->opaque);
    if (g_atomic_int_dec_and_test(&dom->refs))
        virDomainRelease(dom);
}

static bool
virDomainEventMatches(const virDomainEventCallback *cb, const virDomainEvent *event)
{
    if (cb->deleted)
        return false;
    if (cb->filter && memcmp(cb->uuid, event->uuid, VIR_UUID_BUFLEN) != 0)
        return false;
    if (cb->legacy)
        return event->eventID == VIR_DOMAIN_EVENT_ID_LIFECYCLE;
    return cb->eventID == event->eventID;
}

static void
virDomainEventStateDeliver(virDomainEventState *state, const virDomainEvent *event)
{
    g_autoptr(GPtrArray) targets = g_ptr_array_new();
    size_t i;

    virMutexLock(&state->lock);
    for (i = 0; i < state->callbacks->len; i++) {
        virDomainEventCallback *cb = g_ptr_array_index(state->callbacks, i);

        if (virDomainEventMatches(cb, event)) {
            g_atomic_int_inc(&cb->refs);
            g_ptr_array_add(targets, cb);
        }
    }
    virMutexUnlock(&state->lock);

    for (i = 0; i < targets->len; i++) {
        virDomainEventCallback *cb = g_ptr_array_index(targets, i);
        bool deleted;

        /* an earlier callback of this event may have deregistered it */
        virMutexLock(&state->lock);
        deleted = cb->deleted;
        virMutexUnlock(&state->lock);
        if (!deleted)
            virDomainEventCall(cb, event);
        virDomainEventCallbackUnref(cb);
    }
}

static void
virDomainEventStateDispatch(int timer, void *opaque)
{
    virDomainEventState *state = opaque;
    GQueue pending = G_QUEUE_INIT;
    virDomainEvent *event;

    virMutexLock(&state->lock);
    if (state->timer == timer)
        virEventUpdateTimeout(timer, -1);
    pending = state->queue;
    g_queue_init(&state->queue);
    virMutexUnlock(&state->lock);

    while ((event = g_queue_pop_head(&pending))) {
        virDomainEventStateDeliver(state, event);
        virDomainEventFree(event);
    }
}

static void
virDomainEventStateQueue(virDomainEventState *state, virDomainEvent *event)
{
    virMutexLock(&state->lock);
    if (state->timer < 0) {
        /* nobody listens: nothing to keep */
        virMutexUnlock(&state->lock);
        virDomainEventFree(event);
        return;
    }
    g_queue_push_tail(&state->queue, event);
    virEventUpdateTimeout(state->timer, 0);
    virMutexUnlock(&state->lock);
}

static virDomainEvent *
virDomainEventNew(int eventID, const char *name, const unsigned char *uuid, int id)
{
    virDomainEvent *ev = g_new0(virDomainEvent, 1);

    ev->eventID = eventID;
    ev->name = g_strdup(name);
    memcpy(ev->uuid, uuid, VIR_UUID_BUFLEN);
    ev->id = id;
    return ev;
}

void
virDomainEventStateQueueLifecycle(virDomainEventState *state, const char *name,
                                  const unsigned char *uuid, int id, int event, int detail)
{
    virDomainEvent *ev;

    /* the common case, cheaply: nobody listens */
    if (!state || g_atomic_int_get(&state->timer) < 0)
        return;
    VIR_DEBUG("domain '%s': lifecycle event %d detail %d", name, event, detail);
    ev = virDomainEventNew(VIR_DOMAIN_EVENT_ID_LIFECYCLE, name, uuid, id);
    ev->event = event;
    ev->detail = detail;
    virDomainEventStateQueue(state, ev);
}

void
virDomainEventStateQueueMetadata(virDomainEventState *state, const char *name,
                                 const unsigned char *uuid, int id, int type, const char *nsuri)
{
    virDomainEvent *ev;

    if (!state || g_atomic_int_get(&state->timer) < 0)
        return;
    VIR_DEBUG("domain '%s': metadata change event type %d nsuri %s", name, type,
              nsuri ? nsuri : "(none)");
    ev = virDomainEventNew(VIR_DOMAIN_EVENT_ID_METADATA_CHANGE, name, uuid, id);
    ev->event = type;
    ev->nsuri = g_strdup(nsuri);
    virDomainEventStateQueue(state, ev);
}

/* ---- registration -------------------------------------------------- */

static bool
virDomainEventSameCallback(const virDomainEventCallback *cb, const virDomainEventCallback *other)
{
    return cb->conn == other->conn && cb->cb == other->cb && cb->legacy == other->legacy &&
           cb->eventID == other->eventID && cb->filter == other->filter &&
           (!cb->filter || memcmp(cb->uuid, other->uuid, VIR_UUID_BUFLEN) == 0);
}

/* With the lock held: the loop's timer, made with the first callback. */
static int
virDomainEventStateArm(virDomainEventState *state)
{
    int timer;

    if (state->timer >= 0)
        return 0;
    g_atomic_int_inc(&state->refs);
    timer = virEventAddTimeout(-1, virDomainEventStateDispatch, state, virDomainEventStateUnref);
    if (timer >= 0) {
        g_atomic_int_set(&state->timer, timer);
        return 0;
    }
    g_atomic_int_dec_and_test(&state->refs);
    virReportError(VIR_ERR_INTERNAL_ERROR, "%s",
                   _("could not initialize domain event timer: register an event loop first (virEventRegisterDefaultImpl)"));
    return -1;
}

int
virDomainEventStateRegister(virDomainEventState *state, virConnectPtr conn,
                            const unsigned char *uuid, int eventID,
                            virConnectDomainEventGenericCallback cb, void *opaque,
                            virFreeCallback freecb, bool legacy)
{
    virDomainEventCallback *new = g_new0(virDomainEventCallback, 1);
    size_t i;

    new->refs = 1;
    new->conn = conn;
    new->filter = uuid != NULL;
    if (uuid)
        memcpy(new->uuid, uuid, VIR_UUID_BUFLEN);
    new->eventID = eventID;
    new->cb = cb;
    new->opaque = opaque;
    new->freecb = freecb;
    new->legacy = legacy;

    virMutexLock(&state->lock);
    for (i = 0; i < state->callbacks->len; i++) {
        if (virDomainEventSameCallback(g_ptr_array_index(state->callbacks, i), new)) {
            virReportError(VIR_ERR_INVALID_ARG, "%s", _("event callback already tracked"));
            goto error;
        }
    }
    if (virDomainEventStateArm(state) < 0)
        goto error;
    new->id = g_atomic_int_add(&virDomainEventNextId, 1);
    g_atomic_int_inc(&conn->refs);
    g_ptr_array_add(state->callbacks, new);
    virMutexUnlock(&state->lock);
    return new->id;

 error:
    virMutexUnlock(&state->lock);
    g_free(new);
    return -1;
}

/* Takes the first callback @match accepts off the list. */
static virDomainEventCallback *
virDomainEventStateTake(virDomainEventState *state,
                        bool (*match)(const virDomainEventCallback *cb, const void *key),
                        const void *key)
{
    virDomainEventCallback *found = NULL;
    size_t i;

    virMutexLock(&state->lock);
    for (i = 0; i < state->callbacks->len && !found; i++) {
        virDomainEventCallback *cb = g_ptr_array_index(state->callbacks, i);

        if (match(cb, key)) {
            found = g_ptr_array_steal_index(state->callbacks, i);
            found->deleted = true;
        }
    }
    if (state->callbacks->len == 0)
        virDomainEventStateDropTimer(state);
    virMutexUnlock(&state->lock);
    return found;
}

typedef struct {
    virConnectPtr conn;
    int id;
    virConnectDomainEventCallback legacy;
} virDomainEventKey;

static bool
virDomainEventMatchID(const virDomainEventCallback *cb, const void *opaque)
{
    const virDomainEventKey *key = opaque;

    return cb->conn == key->conn && !cb->legacy && cb->id == key->id;
}

static bool
virDomainEventMatchLegacy(const virDomainEventCallback *cb, const void *opaque)
{
    const virDomainEventKey *key = opaque;

    return cb->conn == key->conn && cb->legacy &&
           cb->cb == VIR_DOMAIN_EVENT_CALLBACK(key->legacy);
}

int
virDomainEventStateDeregisterID(virDomainEventState *state, virConnectPtr conn, int id)
{
    virDomainEventKey key = { conn, id, NULL };
    virDomainEventCallback *cb = virDomainEventStateTake(state, virDomainEventMatchID, &key);

    if (!cb) {
        virReportError(VIR_ERR_INVALID_ARG, _("event callback id %d not registered"), id);
        return -1;
    }
    virDomainEventCallbackUnref(cb);
    return 0;
}

int
virDomainEventStateDeregisterLegacy(virDomainEventState *state, virConnectPtr conn,
                                    virConnectDomainEventCallback legacy)
{
    virDomainEventKey key = { conn, 0, legacy };
    virDomainEventCallback *cb = virDomainEventStateTake(state, virDomainEventMatchLegacy,
                                                         &key);

    if (!cb) {
        virReportError(VIR_ERR_INVALID_ARG, _("event callback function %p not registered"),
                       (void *)(uintptr_t)legacy);
        return -1;
    }
    virDomainEventCallbackUnref(cb);
    return 0;
}
