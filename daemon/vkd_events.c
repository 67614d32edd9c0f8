/*
 * vkd_events.c: domain events, forwarded from the library to clients
 *
 * As libvirtd does: each callback a client registers is a callback
 * registered on its library connection, and what the library delivers
 * (any event ID of libvirt 9.0) goes to the client as the matching
 * message of rpc_events.c's table.  So a client hears what the drivers see, whoever caused it:
 * a call through the daemon, another process on the host, or the kernel
 * (an LVE emptied or OOM-killed).  The library delivers from its default
 * event loop, which runs in a thread of its own.  The ID a client gets
 * is the library's.
 */
#include "internal.h"

#include "rpc_events.h"
#include "rpc_message.h"
#include "rpc_procs.h"
#include "vkd_client.h"
#include "vkd_dispatch.h"
#include "vkd_events.h"
#include "vkd_handlers.h"
#include "vkd_server.h"

/* One client callback: the opaque of the library's. */
typedef struct {
    vkdClient *client;          /* a reference, dropped by the library's free */
    virConnectPtr conn;         /* the library callback holds it */
    int id;
    int eventID;
    gint muted;                 /* the client leaves its events unread */
} vkdForward;

struct _vkdEvents {
    GMutex lock;                /* guards forwards */
    GHashTable *forwards;       /* id -> vkdForward, while registered */
    GThread *thread;            /* the library's event loop */
    gint quit;
};

static gpointer
vkdEventsLoop(gpointer opaque)
{
    vkdEvents *events = opaque;

    while (!g_atomic_int_get(&events->quit))
        virEventRunDefaultImpl();
    return NULL;
}

/**
 * vkdEventsNew:
 *
 * Returns the events of a server: the library's default event loop
 * registered and running in a thread, nobody subscribed.
 */
vkdEvents *
vkdEventsNew(void)
{
    vkdEvents *events = g_new0(vkdEvents, 1);

    g_mutex_init(&events->lock);
    events->forwards = g_hash_table_new(NULL, NULL);
    virEventRegisterDefaultImpl();
    events->thread = g_thread_new("vkd-events", vkdEventsLoop, events);
    return events;
}

/**
 * vkdEventsFree:
 * @events: the events of a server, or NULL
 *
 * Stops the loop.  The clients, gone before, took their callbacks.
 */
void
vkdEventsFree(vkdEvents *events)
{
    if (!events)
        return;
    g_atomic_int_set(&events->quit, 1);
    g_main_context_wakeup(NULL);
    g_thread_join(events->thread);
    g_hash_table_destroy(events->forwards);
    g_mutex_clear(&events->lock);
    g_free(events);
}

static void
vkdForwardFree(void *opaque)
{
    vkdForward *fw = opaque;

    vkdClientUnref(fw->client);
    g_free(fw);
}

/* Sends one event message to the client of @fw, unless it stopped
 * reading: then it gets no more, rather than all the daemon's memory. */
static void
vkdForwardSend(vkdForward *fw, int proc, xdrproc_t filter, void *data)
{
    vkr_message_header header = {
        .prog = VKR_REMOTE_PROGRAM,
        .vers = VKR_REMOTE_VERSION,
        .proc = proc,
        .type = VKR_MESSAGE,
        .serial = 1,            /* what libvirtd puts in every event */
        .status = VKR_OK,
    };
    g_autoptr(GError) err = NULL;
    vkrMessage *msg;

    if (g_atomic_int_get(&fw->muted))
        return;
    if (vkrChannelQueued(fw->client->ch) >= VKD_CLIENT_OUTPUT_MAX) {
        g_warning("client %llu: does not read its events: no more events for callback %d",
                  fw->client->id, fw->id);
        g_atomic_int_set(&fw->muted, 1);
        return;
    }
    msg = vkrMessageNew(VKR_FRAME_MIN);
    if (!vkrMessageEncode(msg, &header, filter, data, &err)) {
        g_warning("cannot encode an event: %s", err->message);
        vkrMessageFree(msg);
        return;
    }
    vkdClientSend(fw->client, msg, false);
}

/* Sends the event of @fw's ID that @data holds about @dom, as the
 * message rpc_events.c describes for it. */
static void
vkdForwardData(vkdForward *fw, virDomainPtr dom, const virDomainEventData *data)
{
    const vkrEventWire *w = vkrEventWireByID(fw->eventID);
    unsigned char uuid[VIR_UUID_BUFLEN];
    g_autoptr(GError) err = NULL;
    g_autofree void *msg = g_malloc0(vkrEventWireSize(w));

    virDomainGetUUID(dom, uuid);
    if (vkrEventToWire(w, fw->id, virDomainGetName(dom), uuid, virDomainGetID(dom), data, msg,
                       &err))
        vkdForwardSend(fw, vkrEventWireProc(w), vkrEventWireFilter(w), msg);
    else
        g_warning("cannot send an event of ID %d: %s", fw->eventID, err->message);
    xdr_free(vkrEventWireFilter(w), msg);
}

/* The library's callbacks, one per signature: each puts its arguments
 * in the slots of virDomainEventData, in their order. */
static void
vkdForwardNone(virConnectPtr conn G_GNUC_UNUSED, virDomainPtr dom, void *opaque)
{
    virDomainEventData data = { { 0 } };

    vkdForwardData(opaque, dom, &data);
}

static int
vkdForwardLifecycle(virConnectPtr conn G_GNUC_UNUSED, virDomainPtr dom, int event,
                    int detail, void *opaque)
{
    virDomainEventData data = { .ints = { event, detail } };

    vkdForwardData(opaque, dom, &data);
    return 0;
}

static void
vkdForwardI(virConnectPtr conn G_GNUC_UNUSED, virDomainPtr dom, int i, void *opaque)
{
    virDomainEventData data = { .ints = { i } };

    vkdForwardData(opaque, dom, &data);
}

static void
vkdForwardII(virConnectPtr conn G_GNUC_UNUSED, virDomainPtr dom, int i, int j, void *opaque)
{
    virDomainEventData data = { .ints = { i, j } };

    vkdForwardData(opaque, dom, &data);
}

static void
vkdForwardIIU(virConnectPtr conn G_GNUC_UNUSED, virDomainPtr dom, int i, int j,
              unsigned int u, void *opaque)
{
    virDomainEventData data = { .ints = { i, j, (int)u } };

    vkdForwardData(opaque, dom, &data);
}

static void
vkdForwardL(virConnectPtr conn G_GNUC_UNUSED, virDomainPtr dom, long long l, void *opaque)
{
    virDomainEventData data = { .nums = { (unsigned long long)l } };

    vkdForwardData(opaque, dom, &data);
}

static void
vkdForwardU(virConnectPtr conn G_GNUC_UNUSED, virDomainPtr dom, unsigned long long u,
            void *opaque)
{
    virDomainEventData data = { .nums = { u } };

    vkdForwardData(opaque, dom, &data);
}

static void
vkdForwardS(virConnectPtr conn G_GNUC_UNUSED, virDomainPtr dom, const char *s, void *opaque)
{
    virDomainEventData data = { .strs = { (char *)s } };

    vkdForwardData(opaque, dom, &data);
}

static void
vkdForwardSI(virConnectPtr conn G_GNUC_UNUSED, virDomainPtr dom, const char *s, int i,
             void *opaque)
{
    virDomainEventData data = { .ints = { i }, .strs = { (char *)s } };

    vkdForwardData(opaque, dom, &data);
}

static void
vkdForwardSII(virConnectPtr conn G_GNUC_UNUSED, virDomainPtr dom, const char *s, int i, int j,
              void *opaque)
{
    virDomainEventData data = { .ints = { i, j }, .strs = { (char *)s } };

    vkdForwardData(opaque, dom, &data);
}

static void
vkdForwardSU(virConnectPtr conn G_GNUC_UNUSED, virDomainPtr dom, const char *s,
             unsigned long long u, void *opaque)
{
    virDomainEventData data = { .nums = { u }, .strs = { (char *)s } };

    vkdForwardData(opaque, dom, &data);
}

static void
vkdForwardIS(virConnectPtr conn G_GNUC_UNUSED, virDomainPtr dom, int i, const char *s,
             void *opaque)
{
    virDomainEventData data = { .ints = { i }, .strs = { (char *)s } };

    vkdForwardData(opaque, dom, &data);
}

static void
vkdForwardSSI(virConnectPtr conn G_GNUC_UNUSED, virDomainPtr dom, const char *s, const char *t,
              int i, void *opaque)
{
    virDomainEventData data = { .ints = { i }, .strs = { (char *)s, (char *)t } };

    vkdForwardData(opaque, dom, &data);
}

static void
vkdForwardSSIS(virConnectPtr conn G_GNUC_UNUSED, virDomainPtr dom, const char *s,
               const char *t, int i, const char *u, void *opaque)
{
    virDomainEventData data = { .ints = { i }, .strs = { (char *)s, (char *)t, (char *)u } };

    vkdForwardData(opaque, dom, &data);
}

static void
vkdForwardSSSI(virConnectPtr conn G_GNUC_UNUSED, virDomainPtr dom, const char *s,
               const char *t, const char *u, int i, void *opaque)
{
    virDomainEventData data = { .ints = { i }, .strs = { (char *)s, (char *)t, (char *)u } };

    vkdForwardData(opaque, dom, &data);
}

static void
vkdForwardSSUU(virConnectPtr conn G_GNUC_UNUSED, virDomainPtr dom, const char *s,
               const char *t, unsigned long long u, unsigned long long v, void *opaque)
{
    virDomainEventData data = { .nums = { u, v }, .strs = { (char *)s, (char *)t } };

    vkdForwardData(opaque, dom, &data);
}

static void
vkdForwardParams(virConnectPtr conn G_GNUC_UNUSED, virDomainPtr dom,
                 virTypedParameterPtr params, int nparams, void *opaque)
{
    virDomainEventData data = { .params = params, .nparams = nparams };

    vkdForwardData(opaque, dom, &data);
}

static void
vkdForwardGraphics(virConnectPtr conn G_GNUC_UNUSED, virDomainPtr dom, int phase,
                   const virDomainEventGraphicsAddress *local,
                   const virDomainEventGraphicsAddress *remote, const char *authScheme,
                   const virDomainEventGraphicsSubject *subject, void *opaque)
{
    virDomainEventData data = {
        .ints = { phase }, .strs = { (char *)authScheme },
        .local = *local, .remote = *remote, .subject = *subject,
    };

    vkdForwardData(opaque, dom, &data);
}

#define VKD_CB(cb) VIR_DOMAIN_EVENT_CALLBACK(cb)

/* The callback of each event ID: libvirt 9.0's signature for it. */
static const virConnectDomainEventGenericCallback vkdForwards[VIR_DOMAIN_EVENT_ID_LAST] = {
    [VIR_DOMAIN_EVENT_ID_LIFECYCLE] = VKD_CB(vkdForwardLifecycle),
    [VIR_DOMAIN_EVENT_ID_REBOOT] = vkdForwardNone,
    [VIR_DOMAIN_EVENT_ID_RTC_CHANGE] = VKD_CB(vkdForwardL),
    [VIR_DOMAIN_EVENT_ID_WATCHDOG] = VKD_CB(vkdForwardI),
    [VIR_DOMAIN_EVENT_ID_IO_ERROR] = VKD_CB(vkdForwardSSI),
    [VIR_DOMAIN_EVENT_ID_GRAPHICS] = VKD_CB(vkdForwardGraphics),
    [VIR_DOMAIN_EVENT_ID_IO_ERROR_REASON] = VKD_CB(vkdForwardSSIS),
    [VIR_DOMAIN_EVENT_ID_CONTROL_ERROR] = vkdForwardNone,
    [VIR_DOMAIN_EVENT_ID_BLOCK_JOB] = VKD_CB(vkdForwardSII),
    [VIR_DOMAIN_EVENT_ID_DISK_CHANGE] = VKD_CB(vkdForwardSSSI),
    [VIR_DOMAIN_EVENT_ID_TRAY_CHANGE] = VKD_CB(vkdForwardSI),
    [VIR_DOMAIN_EVENT_ID_PMWAKEUP] = VKD_CB(vkdForwardI),
    [VIR_DOMAIN_EVENT_ID_PMSUSPEND] = VKD_CB(vkdForwardI),
    [VIR_DOMAIN_EVENT_ID_BALLOON_CHANGE] = VKD_CB(vkdForwardU),
    [VIR_DOMAIN_EVENT_ID_PMSUSPEND_DISK] = VKD_CB(vkdForwardI),
    [VIR_DOMAIN_EVENT_ID_DEVICE_REMOVED] = VKD_CB(vkdForwardS),
    [VIR_DOMAIN_EVENT_ID_BLOCK_JOB_2] = VKD_CB(vkdForwardSII),
    [VIR_DOMAIN_EVENT_ID_TUNABLE] = VKD_CB(vkdForwardParams),
    [VIR_DOMAIN_EVENT_ID_AGENT_LIFECYCLE] = VKD_CB(vkdForwardII),
    [VIR_DOMAIN_EVENT_ID_DEVICE_ADDED] = VKD_CB(vkdForwardS),
    [VIR_DOMAIN_EVENT_ID_MIGRATION_ITERATION] = VKD_CB(vkdForwardI),
    [VIR_DOMAIN_EVENT_ID_JOB_COMPLETED] = VKD_CB(vkdForwardParams),
    [VIR_DOMAIN_EVENT_ID_DEVICE_REMOVAL_FAILED] = VKD_CB(vkdForwardS),
    [VIR_DOMAIN_EVENT_ID_METADATA_CHANGE] = VKD_CB(vkdForwardIS),
    [VIR_DOMAIN_EVENT_ID_BLOCK_THRESHOLD] = VKD_CB(vkdForwardSSUU),
    [VIR_DOMAIN_EVENT_ID_MEMORY_FAILURE] = VKD_CB(vkdForwardIIU),
    [VIR_DOMAIN_EVENT_ID_MEMORY_DEVICE_SIZE_CHANGE] = VKD_CB(vkdForwardSU),
};

/**
 * vkdEventsRegister:
 * @events: the events of the server
 * @client: the client that registers
 * @conn: its connection
 * @eventID: a virDomainEventID
 * @dom: the one domain of interest, or NULL for all
 *
 * Registers a callback on @conn whose events go to @client.
 *
 * Returns the callback's ID, or -1 with the library's error set.
 */
int
vkdEventsRegister(vkdEvents *events, vkdClient *client, virConnectPtr conn, int eventID,
                  virDomainPtr dom)
{
    vkdForward *fw = g_new0(vkdForward, 1);
    int id;

    fw->client = vkdClientRef(client);
    fw->conn = conn;
    fw->eventID = eventID;
    /* the lock: a delivery cannot run before fw->id is set */
    g_mutex_lock(&events->lock);
    if ((id = virConnectDomainEventRegisterAny(conn, dom, eventID, vkdForwards[eventID], fw,
                                               vkdForwardFree)) < 0) {
        g_mutex_unlock(&events->lock);
        vkdForwardFree(fw);
        return -1;
    }
    fw->id = id;
    g_hash_table_insert(events->forwards, GINT_TO_POINTER(id), fw);
    g_mutex_unlock(&events->lock);
    g_info("client %llu: %s events, callback %d", client->id,
           vkrEventWireName(vkrEventWireByID(eventID)), id);
    return id;
}

/* Takes the callback of @fw, off the table already, off the library,
 * which calls vkdForwardFree once no delivery is under way. */
static void
vkdEventsDrop(vkdForward *fw)
{
    virConnectDomainEventDeregisterAny(fw->conn, fw->id);
}

/**
 * vkdEventsDeregister:
 * @events: the events of the server
 * @client: the client
 * @callbackID: one of its callbacks
 *
 * Returns 0, or -1 when @client has no such callback.
 */
int
vkdEventsDeregister(vkdEvents *events, vkdClient *client, int callbackID)
{
    vkdForward *fw;

    g_mutex_lock(&events->lock);
    fw = g_hash_table_lookup(events->forwards, GINT_TO_POINTER(callbackID));
    if (!fw || fw->client != client) {
        g_mutex_unlock(&events->lock);
        return -1;
    }
    g_hash_table_remove(events->forwards, GINT_TO_POINTER(callbackID));
    g_mutex_unlock(&events->lock);
    vkdEventsDrop(fw);
    return 0;
}

/**
 * vkdEventsClientGone:
 * @events: the events of the server
 * @client: a client that closed its connection or went away
 *
 * Takes every callback of @client off the library: each holds its
 * connection, which could not close otherwise.
 */
void
vkdEventsClientGone(vkdEvents *events, vkdClient *client)
{
    g_autoptr(GPtrArray) gone = g_ptr_array_new();
    GHashTableIter iter;
    gpointer value;
    guint i;

    g_mutex_lock(&events->lock);
    g_hash_table_iter_init(&iter, events->forwards);
    while (g_hash_table_iter_next(&iter, NULL, &value)) {
        if (((vkdForward *)value)->client == client) {
            g_ptr_array_add(gone, value);
            g_hash_table_iter_remove(&iter);
        }
    }
    g_mutex_unlock(&events->lock);
    for (i = 0; i < gone->len; i++)
        vkdEventsDrop(g_ptr_array_index(gone, i));
}

int
vkdConnectDomainEventCallbackRegisterAny(vkdCall *call)
{
    const vkr_event_callback_register_any_args *args = call->args;
    vkr_int_ret *ret = call->ret;
    virDomainPtr dom = NULL;

    /* libvirtd's answer to an ID beyond its own */
    if (args->eventID < 0 || args->eventID >= VIR_DOMAIN_EVENT_ID_LAST) {
        vkdCallError(call, VIR_ERR_INTERNAL_ERROR, "unsupported event ID %d", args->eventID);
        return -1;
    }
    /* a domain that does not exist is an error now, as in libvirt */
    if (args->dom &&
        !(dom = virDomainLookupByUUID(call->conn, (const unsigned char *)args->dom->uuid)))
        return -1;
    ret->num = vkdEventsRegister(vkdServerEvents(call->client->server), call->client,
                                 call->conn, args->eventID, dom);
    if (dom)
        virDomainFree(dom);
    return ret->num < 0 ? -1 : 0;
}

int
vkdConnectDomainEventCallbackDeregisterAny(vkdCall *call)
{
    const vkr_int_args *args = call->args;

    if (vkdEventsDeregister(vkdServerEvents(call->client->server), call->client,
                            args->num) < 0) {
        vkdCallError(call, VIR_ERR_INVALID_ARG, "callback ID %d not registered", args->num);
        return -1;
    }
    return 0;
}
