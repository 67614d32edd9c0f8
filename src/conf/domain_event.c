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
#include "virtypedparam.h"

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
    virDomainEventData data;        /* owned: strings, params, graphics */
} virDomainEvent;

/* The signatures of the callbacks: the arguments between the domain and
 * the opaque, by the slots of virDomainEventData they come from. */
typedef enum {
    VIR_DOMAIN_EVENT_SHAPE_NONE,        /* virConnectDomainEventGenericCallback */
    VIR_DOMAIN_EVENT_SHAPE_LIFECYCLE,   /* int, int; returns int */
    VIR_DOMAIN_EVENT_SHAPE_I,           /* int */
    VIR_DOMAIN_EVENT_SHAPE_II,          /* int, int */
    VIR_DOMAIN_EVENT_SHAPE_IIU,         /* int, int, unsigned int */
    VIR_DOMAIN_EVENT_SHAPE_L,           /* long long */
    VIR_DOMAIN_EVENT_SHAPE_U,           /* unsigned long long */
    VIR_DOMAIN_EVENT_SHAPE_S,           /* string */
    VIR_DOMAIN_EVENT_SHAPE_SI,          /* string, int */
    VIR_DOMAIN_EVENT_SHAPE_SII,         /* string, int, int */
    VIR_DOMAIN_EVENT_SHAPE_SU,          /* string, unsigned long long */
    VIR_DOMAIN_EVENT_SHAPE_IS,          /* int, string */
    VIR_DOMAIN_EVENT_SHAPE_SSI,         /* string, string, int */
    VIR_DOMAIN_EVENT_SHAPE_SSIS,        /* string, string, int, string */
    VIR_DOMAIN_EVENT_SHAPE_SSSI,        /* string, string, string, int */
    VIR_DOMAIN_EVENT_SHAPE_SSUU,        /* string, string, two unsigned long long */
    VIR_DOMAIN_EVENT_SHAPE_PARAMS,      /* typed parameters, their count */
    VIR_DOMAIN_EVENT_SHAPE_GRAPHICS,    /* int, address, address, string, subject */
} virDomainEventShape;

/* libvirt 9.0's callback type of each event id, by its shape */
static const virDomainEventShape virDomainEventShapes[VIR_DOMAIN_EVENT_ID_LAST] = {
    [VIR_DOMAIN_EVENT_ID_LIFECYCLE] = VIR_DOMAIN_EVENT_SHAPE_LIFECYCLE,
    [VIR_DOMAIN_EVENT_ID_REBOOT] = VIR_DOMAIN_EVENT_SHAPE_NONE,
    [VIR_DOMAIN_EVENT_ID_RTC_CHANGE] = VIR_DOMAIN_EVENT_SHAPE_L,
    [VIR_DOMAIN_EVENT_ID_WATCHDOG] = VIR_DOMAIN_EVENT_SHAPE_I,
    [VIR_DOMAIN_EVENT_ID_IO_ERROR] = VIR_DOMAIN_EVENT_SHAPE_SSI,
    [VIR_DOMAIN_EVENT_ID_GRAPHICS] = VIR_DOMAIN_EVENT_SHAPE_GRAPHICS,
    [VIR_DOMAIN_EVENT_ID_IO_ERROR_REASON] = VIR_DOMAIN_EVENT_SHAPE_SSIS,
    [VIR_DOMAIN_EVENT_ID_CONTROL_ERROR] = VIR_DOMAIN_EVENT_SHAPE_NONE,
    [VIR_DOMAIN_EVENT_ID_BLOCK_JOB] = VIR_DOMAIN_EVENT_SHAPE_SII,
    [VIR_DOMAIN_EVENT_ID_DISK_CHANGE] = VIR_DOMAIN_EVENT_SHAPE_SSSI,
    [VIR_DOMAIN_EVENT_ID_TRAY_CHANGE] = VIR_DOMAIN_EVENT_SHAPE_SI,
    [VIR_DOMAIN_EVENT_ID_PMWAKEUP] = VIR_DOMAIN_EVENT_SHAPE_I,
    [VIR_DOMAIN_EVENT_ID_PMSUSPEND] = VIR_DOMAIN_EVENT_SHAPE_I,
    [VIR_DOMAIN_EVENT_ID_BALLOON_CHANGE] = VIR_DOMAIN_EVENT_SHAPE_U,
    [VIR_DOMAIN_EVENT_ID_PMSUSPEND_DISK] = VIR_DOMAIN_EVENT_SHAPE_I,
    [VIR_DOMAIN_EVENT_ID_DEVICE_REMOVED] = VIR_DOMAIN_EVENT_SHAPE_S,
    [VIR_DOMAIN_EVENT_ID_BLOCK_JOB_2] = VIR_DOMAIN_EVENT_SHAPE_SII,
    [VIR_DOMAIN_EVENT_ID_TUNABLE] = VIR_DOMAIN_EVENT_SHAPE_PARAMS,
    [VIR_DOMAIN_EVENT_ID_AGENT_LIFECYCLE] = VIR_DOMAIN_EVENT_SHAPE_II,
    [VIR_DOMAIN_EVENT_ID_DEVICE_ADDED] = VIR_DOMAIN_EVENT_SHAPE_S,
    [VIR_DOMAIN_EVENT_ID_MIGRATION_ITERATION] = VIR_DOMAIN_EVENT_SHAPE_I,
    [VIR_DOMAIN_EVENT_ID_JOB_COMPLETED] = VIR_DOMAIN_EVENT_SHAPE_PARAMS,
    [VIR_DOMAIN_EVENT_ID_DEVICE_REMOVAL_FAILED] = VIR_DOMAIN_EVENT_SHAPE_S,
    [VIR_DOMAIN_EVENT_ID_METADATA_CHANGE] = VIR_DOMAIN_EVENT_SHAPE_IS,
    [VIR_DOMAIN_EVENT_ID_BLOCK_THRESHOLD] = VIR_DOMAIN_EVENT_SHAPE_SSUU,
    [VIR_DOMAIN_EVENT_ID_MEMORY_FAILURE] = VIR_DOMAIN_EVENT_SHAPE_IIU,
    [VIR_DOMAIN_EVENT_ID_MEMORY_DEVICE_SIZE_CHANGE] = VIR_DOMAIN_EVENT_SHAPE_SU,
};

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
virDomainEventGraphicsAddressClear(virDomainEventGraphicsAddress *addr)
{
    g_free(addr->node);
    g_free(addr->service);
}

static void
virDomainEventFree(virDomainEvent *event)
{
    virDomainEventData *data = &event->data;
    size_t i;

    for (i = 0; i < VIR_DOMAIN_EVENT_DATA_STRS; i++)
        g_free(data->strs[i]);
    virTypedParamsFree(data->params, data->nparams);
    virDomainEventGraphicsAddressClear(&data->local);
    virDomainEventGraphicsAddressClear(&data->remote);
    for (i = 0; i < (size_t)data->subject.nidentity; i++) {
        g_free(data->subject.identities[i].type);
        g_free(data->subject.identities[i].name);
    }
    g_free(data->subject.identities);
    g_free(event->name);
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

/* The callback types, through void (*)(void) as VIR_DOMAIN_EVENT_CALLBACK
 * casts them the other way. */
#define VIR_DOMAIN_EVENT_CB(type, cb) ((type)(void (*)(void))(cb))

typedef void (*virDomainEventCbI)(virConnectPtr, virDomainPtr, int, void *);
typedef void (*virDomainEventCbII)(virConnectPtr, virDomainPtr, int, int, void *);
typedef void (*virDomainEventCbIIU)(virConnectPtr, virDomainPtr, int, int, unsigned int,
                                    void *);
typedef void (*virDomainEventCbS)(virConnectPtr, virDomainPtr, const char *, void *);
typedef void (*virDomainEventCbSII)(virConnectPtr, virDomainPtr, const char *, int, int,
                                    void *);

/* Calls @cb with the arguments of its shape (see virDomainEventShapes). */
static void
virDomainEventCallShape(virDomainEventCallback *cb, virDomainPtr dom, virDomainEventShape shape,
                        const virDomainEventData *d)
{
    virConnectPtr conn = cb->conn;
    void *op = cb->opaque;

    switch (shape) {
    case VIR_DOMAIN_EVENT_SHAPE_NONE:
        cb->cb(conn, dom, op);
        break;
    case VIR_DOMAIN_EVENT_SHAPE_LIFECYCLE:
        VIR_DOMAIN_EVENT_CB(virConnectDomainEventCallback, cb->cb)(conn, dom, d->ints[0],
                                                                 d->ints[1], op);
        break;
    case VIR_DOMAIN_EVENT_SHAPE_I:
        VIR_DOMAIN_EVENT_CB(virDomainEventCbI, cb->cb)(conn, dom, d->ints[0], op);
        break;
    case VIR_DOMAIN_EVENT_SHAPE_II:
        VIR_DOMAIN_EVENT_CB(virDomainEventCbII, cb->cb)(conn, dom, d->ints[0], d->ints[1], op);
        break;
    case VIR_DOMAIN_EVENT_SHAPE_IIU:
        VIR_DOMAIN_EVENT_CB(virDomainEventCbIIU, cb->cb)(conn, dom, d->ints[0], d->ints[1],
                                                        (unsigned int)d->ints[2], op);
        break;
    case VIR_DOMAIN_EVENT_SHAPE_L:
        VIR_DOMAIN_EVENT_CB(virConnectDomainEventRTCChangeCallback, cb->cb)
            (conn, dom, (long long)d->nums[0], op);
        break;
    case VIR_DOMAIN_EVENT_SHAPE_U:
        VIR_DOMAIN_EVENT_CB(virConnectDomainEventBalloonChangeCallback, cb->cb)
            (conn, dom, d->nums[0], op);
        break;
    case VIR_DOMAIN_EVENT_SHAPE_S:
        VIR_DOMAIN_EVENT_CB(virDomainEventCbS, cb->cb)(conn, dom, d->strs[0], op);
        break;
    case VIR_DOMAIN_EVENT_SHAPE_SI:
        VIR_DOMAIN_EVENT_CB(virConnectDomainEventTrayChangeCallback, cb->cb)
            (conn, dom, d->strs[0], d->ints[0], op);
        break;
    case VIR_DOMAIN_EVENT_SHAPE_SII:
        VIR_DOMAIN_EVENT_CB(virDomainEventCbSII, cb->cb)(conn, dom, d->strs[0], d->ints[0],
                                                        d->ints[1], op);
        break;
    case VIR_DOMAIN_EVENT_SHAPE_SU:
        VIR_DOMAIN_EVENT_CB(virConnectDomainEventMemoryDeviceSizeChangeCallback, cb->cb)
            (conn, dom, d->strs[0], d->nums[0], op);
        break;
    case VIR_DOMAIN_EVENT_SHAPE_IS:
        VIR_DOMAIN_EVENT_CB(virConnectDomainEventMetadataChangeCallback, cb->cb)
            (conn, dom, d->ints[0], d->strs[0], op);
        break;
    case VIR_DOMAIN_EVENT_SHAPE_SSI:
        VIR_DOMAIN_EVENT_CB(virConnectDomainEventIOErrorCallback, cb->cb)
            (conn, dom, d->strs[0], d->strs[1], d->ints[0], op);
        break;
    case VIR_DOMAIN_EVENT_SHAPE_SSIS:
        VIR_DOMAIN_EVENT_CB(virConnectDomainEventIOErrorReasonCallback, cb->cb)
            (conn, dom, d->strs[0], d->strs[1], d->ints[0], d->strs[2], op);
        break;
    case VIR_DOMAIN_EVENT_SHAPE_SSSI:
        VIR_DOMAIN_EVENT_CB(virConnectDomainEventDiskChangeCallback, cb->cb)
            (conn, dom, d->strs[0], d->strs[1], d->strs[2], d->ints[0], op);
        break;
    case VIR_DOMAIN_EVENT_SHAPE_SSUU:
        VIR_DOMAIN_EVENT_CB(virConnectDomainEventBlockThresholdCallback, cb->cb)
            (conn, dom, d->strs[0], d->strs[1], d->nums[0], d->nums[1], op);
        break;
    case VIR_DOMAIN_EVENT_SHAPE_PARAMS:
        VIR_DOMAIN_EVENT_CB(virConnectDomainEventTunableCallback, cb->cb)
            (conn, dom, d->params, d->nparams, op);
        break;
    case VIR_DOMAIN_EVENT_SHAPE_GRAPHICS:
        VIR_DOMAIN_EVENT_CB(virConnectDomainEventGraphicsCallback, cb->cb)
            (conn, dom, d->ints[0], &d->local, &d->remote, d->strs[0], &d->subject, op);
        break;
    }
}

static void
virDomainEventCall(virDomainEventCallback *cb, const virDomainEvent *event)
{
    virDomainPtr dom = virGetDomain(cb->conn, event->name, event->uuid, event->id);

    virDomainEventCallShape(cb, dom, cb->legacy ? VIR_DOMAIN_EVENT_SHAPE_LIFECYCLE
                                                : virDomainEventShapes[event->eventID],
                            &event->data);
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

static void
virDomainEventGraphicsAddressCopy(virDomainEventGraphicsAddress *dst,
                                  const virDomainEventGraphicsAddress *src)
{
    dst->family = src->family;
    dst->node = g_strdup(src->node);
    dst->service = g_strdup(src->service);
}

/* A deep copy of @src into the zeroed @dst. */
static void
virDomainEventDataCopy(virDomainEventData *dst, const virDomainEventData *src)
{
    size_t i;

    memcpy(dst->ints, src->ints, sizeof(dst->ints));
    memcpy(dst->nums, src->nums, sizeof(dst->nums));
    for (i = 0; i < VIR_DOMAIN_EVENT_DATA_STRS; i++)
        dst->strs[i] = g_strdup(src->strs[i]);
    if (src->nparams > 0) {
        dst->params = g_new0(virTypedParameter, src->nparams);
        dst->nparams = src->nparams;
        memcpy(dst->params, src->params, sizeof(virTypedParameter) * src->nparams);
        for (i = 0; i < (size_t)src->nparams; i++) {
            if (src->params[i].type == VIR_TYPED_PARAM_STRING)
                dst->params[i].value.s = g_strdup(src->params[i].value.s);
        }
    }
    virDomainEventGraphicsAddressCopy(&dst->local, &src->local);
    virDomainEventGraphicsAddressCopy(&dst->remote, &src->remote);
    if (src->subject.nidentity > 0) {
        dst->subject.nidentity = src->subject.nidentity;
        dst->subject.identities = g_new0(virDomainEventGraphicsSubjectIdentity,
                                         src->subject.nidentity);
        for (i = 0; i < (size_t)src->subject.nidentity; i++) {
            dst->subject.identities[i].type = g_strdup(src->subject.identities[i].type);
            dst->subject.identities[i].name = g_strdup(src->subject.identities[i].name);
        }
    }
}

void
virDomainEventStateQueueData(virDomainEventState *state, int eventID, const char *name,
                             const unsigned char *uuid, int id, const virDomainEventData *data)
{
    virDomainEvent *ev;

    /* the common case, cheaply: nobody listens */
    if (!state || g_atomic_int_get(&state->timer) < 0)
        return;
    if (eventID < 0 || eventID >= VIR_DOMAIN_EVENT_ID_LAST) {
        VIR_DEBUG("domain '%s': dropping an event of the unknown id %d", name, eventID);
        return;
    }
    VIR_DEBUG("domain '%s': event %d", name, eventID);
    ev = g_new0(virDomainEvent, 1);
    ev->eventID = eventID;
    ev->name = g_strdup(name);
    memcpy(ev->uuid, uuid, VIR_UUID_BUFLEN);
    ev->id = id;
    virDomainEventDataCopy(&ev->data, data);
    virDomainEventStateQueue(state, ev);
}

void
virDomainEventStateQueueLifecycle(virDomainEventState *state, const char *name,
                                  const unsigned char *uuid, int id, int event, int detail)
{
    virDomainEventData data = { .ints = { event, detail } };

    virDomainEventStateQueueData(state, VIR_DOMAIN_EVENT_ID_LIFECYCLE, name, uuid, id, &data);
}

void
virDomainEventStateQueueMetadata(virDomainEventState *state, const char *name,
                                 const unsigned char *uuid, int id, int type, const char *nsuri)
{
    virDomainEventData data = { .ints = { type }, .strs = { (char *)nsuri } };

    virDomainEventStateQueueData(state, VIR_DOMAIN_EVENT_ID_METADATA_CHANGE, name, uuid, id,
                                 &data);
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
