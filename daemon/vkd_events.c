/*
 * vkd_events.c: domain lifecycle events, from what the public API shows
 *
 * Each client with a lifecycle callback is a subscriber: the domains its
 * connection saw last (name, uuid, id, state and reason, persistence).
 * A pass lists them again and sends, for each difference, the event
 * libvirt's drivers send for that change, in their order (defined before
 * started, stopped before undefined).  The shut-off reason the library
 * reports gives the detail of a stop; a transient domain that is gone has
 * none, so the daemon remembers which of its own calls destroyed or shut
 * down which domain.  A pass runs in the worker after each call that may
 * change a domain, before its reply, and in a thread of its own once a
 * second for what other processes do; it holds the lock, so passes and
 * registrations never see a half-compared subscriber.
 */
#include "internal.h"

#include "rpc_message.h"
#include "rpc_procs.h"
#include "vkd_client.h"
#include "vkd_dispatch.h"
#include "vkd_events.h"
#include "vkd_handlers.h"
#include "vkd_server.h"

/* libvirt's numbers, as they travel (virDomainEventID, virDomainEventType
 * and the details of each type). */
#define VKD_EVENT_ID_LIFECYCLE 0
#define VKD_EVENT_ID_METADATA_CHANGE 23
enum {
    VKD_EVENT_DEFINED = 0,
    VKD_EVENT_UNDEFINED = 1,
    VKD_EVENT_STARTED = 2,
    VKD_EVENT_SUSPENDED = 3,
    VKD_EVENT_RESUMED = 4,
    VKD_EVENT_STOPPED = 5,
};
#define VKD_DETAIL_STOPPED_SHUTDOWN 0
#define VKD_DETAIL_STOPPED_DESTROYED 1

/* How often the host is looked at without a call to prompt it, and how
 * long the daemon remembers who destroyed a domain. */
#define VKD_EVENTS_POLL_USEC G_USEC_PER_SEC
#define VKD_EVENTS_HINT_USEC (5 * G_USEC_PER_SEC)

typedef struct {
    unsigned char uuid[VIR_UUID_BUFLEN]; /* first: the key */
    char *name;
    int id;                     /* -1 when shut off */
    int state;
    int reason;
    bool persistent;
} vkdSeen;

typedef struct {
    unsigned char uuid[VIR_UUID_BUFLEN]; /* first: the key */
    int detail;                 /* of the STOPPED event */
    gint64 when;
} vkdHint;

typedef struct {
    int id;
    int eventID;                /* VKD_EVENT_ID_* */
    bool anyDomain;
    unsigned char uuid[VIR_UUID_BUFLEN];
} vkdCallback;

typedef struct {
    vkdClient *client;          /* a reference */
    GArray *callbacks;          /* vkdCallback */
    GHashTable *seen;           /* uuid -> vkdSeen */
} vkdSubscriber;

struct _vkdEvents {
    GMutex lock;                /* guards everything below */
    GCond cond;
    GThread *thread;            /* started by the first registration */
    GHashTable *subscribers;    /* vkdClient * -> vkdSubscriber */
    gint nsubscribers;          /* read without the lock, to skip the work */
    GHashTable *hints;          /* uuid -> vkdHint */
    int nextID;
    bool quit;
};

static guint
vkdUUIDHash(gconstpointer key)
{
    guint h;

    memcpy(&h, key, sizeof(h));
    return h;
}

static gboolean
vkdUUIDEqual(gconstpointer a, gconstpointer b)
{
    return memcmp(a, b, VIR_UUID_BUFLEN) == 0;
}

static void
vkdSeenFree(gpointer data)
{
    vkdSeen *seen = data;

    g_free(seen->name);
    g_free(seen);
}

static void
vkdSubscriberFree(gpointer data)
{
    vkdSubscriber *sub = data;

    g_array_unref(sub->callbacks);
    if (sub->seen)
        g_hash_table_unref(sub->seen);
    vkdClientUnref(sub->client);
    g_free(sub);
}

/* The domains of @conn as a table uuid -> vkdSeen; NULL with the
 * library's error set. */
static GHashTable *
vkdEventsList(virConnectPtr conn)
{
    virDomainPtr *doms = NULL;
    GHashTable *table;
    int n, i;

    if ((n = virConnectListAllDomains(conn, &doms, 0)) < 0)
        return NULL;
    table = g_hash_table_new_full(vkdUUIDHash, vkdUUIDEqual, NULL, vkdSeenFree);
    for (i = 0; i < n; i++) {
        vkdSeen *seen = g_new0(vkdSeen, 1);

        /* a domain gone since the listing is simply not seen */
        if (virDomainGetUUID(doms[i], seen->uuid) < 0 ||
            virDomainGetState(doms[i], &seen->state, &seen->reason, 0) < 0) {
            vkdSeenFree(seen);
        } else {
            seen->name = g_strdup(virDomainGetName(doms[i]));
            seen->id = seen->state == VIR_DOMAIN_SHUTOFF ? -1 : (int)virDomainGetID(doms[i]);
            seen->persistent = virDomainIsPersistent(doms[i]) == 1;
            g_hash_table_replace(table, seen->uuid, seen);
        }
        virDomainFree(doms[i]);
    }
    g_free(doms);
    virResetLastError();
    return table;
}

static bool
vkdCallbackWants(const vkdCallback *cb, int eventID, const unsigned char *uuid)
{
    return cb->eventID == eventID &&
           (cb->anyDomain || memcmp(cb->uuid, uuid, VIR_UUID_BUFLEN) == 0);
}

/* Sends one lifecycle event about @seen to each of @sub's callbacks that
 * wants it. */
static void
vkdEventsEmit(vkdSubscriber *sub, const vkdSeen *seen, int id, int event, int detail)
{
    vkr_message_header header = {
        .prog = VKR_REMOTE_PROGRAM,
        .vers = VKR_REMOTE_VERSION,
        .proc = VKR_PROC_DOMAIN_EVENT_CALLBACK_LIFECYCLE,
        .type = VKR_MESSAGE,
        .serial = 1,            /* what libvirtd puts in every event */
        .status = VKR_OK,
    };
    vkr_domain_event_callback_lifecycle_msg data = {
        .msg = { .dom = { .name = seen->name, .id = id }, .event = event, .detail = detail },
    };
    guint i;

    memcpy(data.msg.dom.uuid, seen->uuid, VIR_UUID_BUFLEN);
    for (i = 0; i < sub->callbacks->len; i++) {
        const vkdCallback *cb = &g_array_index(sub->callbacks, vkdCallback, i);
        g_autoptr(GError) err = NULL;
        vkrMessage *msg;

        if (!vkdCallbackWants(cb, VKD_EVENT_ID_LIFECYCLE, seen->uuid))
            continue;
        data.callbackID = cb->id;
        msg = vkrMessageNew(VKR_FRAME_MIN);
        if (!vkrMessageEncode(msg, &header,
                              (xdrproc_t)xdr_vkr_domain_event_callback_lifecycle_msg,
                              &data, &err)) {
            g_warning("cannot encode an event: %s", err->message);
            vkrMessageFree(msg);
            continue;
        }
        vkdClientSend(sub->client, msg, false);
    }
}

/* The detail of a stop: the library's shut-off reason when the domain is
 * still there, else what the daemon's own call did, else a shutdown. */
static int
vkdEventsStopDetail(vkdEvents *events, const vkdSeen *before, const vkdSeen *now)
{
    vkdHint *hint;

    /* virDomainShutoffReason 1..7 are the STOPPED details 0..6 */
    if (now && now->state == VIR_DOMAIN_SHUTOFF && now->reason >= 1 && now->reason <= 7)
        return now->reason - 1;
    if ((hint = g_hash_table_lookup(events->hints, before->uuid)))
        return hint->detail;
    return VKD_DETAIL_STOPPED_SHUTDOWN;
}

#define VKD_ACTIVE(s) ((s) && (s)->state != VIR_DOMAIN_SHUTOFF && (s)->id >= 0)
#define VKD_PAUSED(s) ((s) && (s)->state == VIR_DOMAIN_PAUSED)

/* The events that take a domain from @before to @now (either NULL for
 * a domain that was not there). */
static void
vkdEventsCompare(vkdEvents *events, vkdSubscriber *sub, const vkdSeen *before,
                 const vkdSeen *now)
{
    const vkdSeen *dom = now ? now : before;
    bool restarted = VKD_ACTIVE(before) && VKD_ACTIVE(now) && before->id != now->id;

    if (now && now->persistent && !(before && before->persistent))
        vkdEventsEmit(sub, now, now->id, VKD_EVENT_DEFINED, 0);
    if (VKD_ACTIVE(before) && (!VKD_ACTIVE(now) || restarted))
        vkdEventsEmit(sub, dom, -1, VKD_EVENT_STOPPED,
                      vkdEventsStopDetail(events, before, restarted ? NULL : now));
    if (VKD_ACTIVE(now) && (!VKD_ACTIVE(before) || restarted)) {
        vkdEventsEmit(sub, now, now->id, VKD_EVENT_STARTED, 0);
        if (VKD_PAUSED(now))
            vkdEventsEmit(sub, now, now->id, VKD_EVENT_SUSPENDED, 0);
    } else if (VKD_ACTIVE(now) && VKD_PAUSED(before) != VKD_PAUSED(now)) {
        vkdEventsEmit(sub, now, now->id,
                      VKD_PAUSED(now) ? VKD_EVENT_SUSPENDED : VKD_EVENT_RESUMED, 0);
    }
    if (before && before->persistent && !(now && now->persistent))
        vkdEventsEmit(sub, dom, now ? now->id : -1, VKD_EVENT_UNDEFINED, 0);
}

/* One subscriber's pass; FALSE when its client is gone, closed its
 * connection or leaves its events unread, and it is to be dropped. */
static gboolean
vkdEventsPassOne(vkdEvents *events, vkdSubscriber *sub)
{
    virConnectPtr conn = vkdClientGetConn(sub->client);
    GHashTable *now;
    GHashTableIter iter;
    gpointer value;

    if (!conn)
        return FALSE;
    /* a client that does not read its events gets no more, rather than
     * all the daemon's memory */
    if (vkrChannelQueued(sub->client->ch) >= VKD_CLIENT_OUTPUT_MAX) {
        g_warning("client %llu: does not read its events: no more events for it",
                  sub->client->id);
        virConnectClose(conn);
        return FALSE;
    }
    now = vkdEventsList(conn);
    virConnectClose(conn);
    if (!now)
        return TRUE;            /* the host did not answer: compare next time */
    g_hash_table_iter_init(&iter, sub->seen);
    while (g_hash_table_iter_next(&iter, NULL, &value)) {
        vkdSeen *before = value;

        vkdEventsCompare(events, sub, before, g_hash_table_lookup(now, before->uuid));
    }
    g_hash_table_iter_init(&iter, now);
    while (g_hash_table_iter_next(&iter, NULL, &value)) {
        if (!g_hash_table_contains(sub->seen, value))
            vkdEventsCompare(events, sub, NULL, value);
    }
    g_hash_table_unref(sub->seen);
    sub->seen = now;
    return TRUE;
}

static gboolean
vkdHintExpired(gpointer key, gpointer value, gpointer now)
{
    return ((vkdHint *)value)->when + VKD_EVENTS_HINT_USEC < *(gint64 *)now;
}

static void
vkdEventsPassLocked(vkdEvents *events)
{
    GHashTableIter iter;
    gpointer value;
    gint64 now = g_get_monotonic_time();

    g_hash_table_iter_init(&iter, events->subscribers);
    while (g_hash_table_iter_next(&iter, NULL, &value)) {
        if (!vkdEventsPassOne(events, value)) {
            g_hash_table_iter_remove(&iter);
            g_atomic_int_add(&events->nsubscribers, -1);
        }
    }
    g_hash_table_foreach_remove(events->hints, vkdHintExpired, &now);
}

static gpointer
vkdEventsThread(gpointer opaque)
{
    vkdEvents *events = opaque;

    g_mutex_lock(&events->lock);
    while (!events->quit) {
        g_cond_wait_until(&events->cond, &events->lock,
                          g_get_monotonic_time() + VKD_EVENTS_POLL_USEC);
        if (!events->quit)
            vkdEventsPassLocked(events);
    }
    g_mutex_unlock(&events->lock);
    return NULL;
}

/**
 * vkdEventsNew:
 *
 * Returns the events of a server: nobody subscribed, no thread yet.
 */
vkdEvents *
vkdEventsNew(void)
{
    vkdEvents *events = g_new0(vkdEvents, 1);

    g_mutex_init(&events->lock);
    g_cond_init(&events->cond);
    events->subscribers = g_hash_table_new_full(NULL, NULL, NULL, vkdSubscriberFree);
    events->hints = g_hash_table_new_full(vkdUUIDHash, vkdUUIDEqual, NULL, g_free);
    return events;
}

/**
 * vkdEventsFree:
 * @events: the events of a server, or NULL
 *
 * Stops the thread and lets every subscriber go.
 */
void
vkdEventsFree(vkdEvents *events)
{
    if (!events)
        return;
    g_mutex_lock(&events->lock);
    events->quit = true;
    g_cond_signal(&events->cond);
    g_mutex_unlock(&events->lock);
    if (events->thread)
        g_thread_join(events->thread);
    g_hash_table_destroy(events->subscribers);
    g_hash_table_destroy(events->hints);
    g_cond_clear(&events->cond);
    g_mutex_clear(&events->lock);
    g_free(events);
}

/* Starts the thread with the first subscriber; lock held.  GLib aborts
 * when it cannot, as for the workers. */
static void
vkdEventsStartLocked(vkdEvents *events)
{
    if (!events->thread)
        events->thread = g_thread_new("vkd-events", vkdEventsThread, events);
}

/**
 * vkdEventsRegister:
 * @events: the events of the server
 * @client: the client that registers
 * @conn: its connection
 * @eventID: VIR_DOMAIN_EVENT_ID_LIFECYCLE or _METADATA_CHANGE
 * @uuid: the one domain of interest, or NULL for all
 *
 * Adds a callback: from now on each change of the domains seen through
 * @conn (lifecycle), or each metadata change made through the daemon, is
 * sent to @client.
 *
 * Returns the callback's ID, or -1 with the library's error set (the
 * domains could not be listed).
 */
int
vkdEventsRegister(vkdEvents *events, vkdClient *client, virConnectPtr conn, int eventID,
                  const unsigned char *uuid)
{
    g_autoptr(GMutexLocker) locker = g_mutex_locker_new(&events->lock);
    vkdSubscriber *sub = g_hash_table_lookup(events->subscribers, client);
    vkdCallback cb = { .eventID = eventID, .anyDomain = !uuid };

    if (!sub) {
        GHashTable *seen = vkdEventsList(conn);

        if (!seen)
            return -1;
        sub = g_new0(vkdSubscriber, 1);
        sub->client = vkdClientRef(client);
        sub->callbacks = g_array_new(FALSE, FALSE, sizeof(vkdCallback));
        sub->seen = seen;
        g_hash_table_insert(events->subscribers, client, sub);
        g_atomic_int_inc(&events->nsubscribers);
        vkdEventsStartLocked(events);
    }
    if (uuid)
        memcpy(cb.uuid, uuid, VIR_UUID_BUFLEN);
    cb.id = ++events->nextID;
    g_array_append_val(sub->callbacks, cb);
    g_info("client %llu: %s events, callback %d", client->id,
           eventID == VKD_EVENT_ID_LIFECYCLE ? "lifecycle" : "metadata-change", cb.id);
    return cb.id;
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
    g_autoptr(GMutexLocker) locker = g_mutex_locker_new(&events->lock);
    vkdSubscriber *sub = g_hash_table_lookup(events->subscribers, client);
    guint i;

    for (i = 0; sub && i < sub->callbacks->len; i++) {
        if (g_array_index(sub->callbacks, vkdCallback, i).id != callbackID)
            continue;
        g_array_remove_index(sub->callbacks, i);
        if (sub->callbacks->len == 0) {
            g_hash_table_remove(events->subscribers, client);
            g_atomic_int_add(&events->nsubscribers, -1);
        }
        return 0;
    }
    return -1;
}

/**
 * vkdEventsBeforeCall:
 * @events: the events of the server
 * @proc: the procedure about to run
 * @args: its decoded arguments
 *
 * Remembers what a destroy or a shutdown is about to do, for the event of
 * a transient domain that will be gone.  Nothing when nobody subscribed.
 */
void
vkdEventsBeforeCall(vkdEvents *events, int proc, const void *args)
{
    const vkr_dom_args *dom = args;     /* each of these starts with the domain */
    vkdHint *hint;
    int detail;

    if (!g_atomic_int_get(&events->nsubscribers))
        return;
    switch (proc) {
    case VKR_PROC_DOMAIN_DESTROY:
    case VKR_PROC_DOMAIN_DESTROY_FLAGS:
        detail = VKD_DETAIL_STOPPED_DESTROYED;
        break;
    case VKR_PROC_DOMAIN_SHUTDOWN:
    case VKR_PROC_DOMAIN_SHUTDOWN_FLAGS:
        detail = VKD_DETAIL_STOPPED_SHUTDOWN;
        break;
    default:
        return;
    }
    hint = g_new0(vkdHint, 1);
    memcpy(hint->uuid, dom->dom.uuid, VIR_UUID_BUFLEN);
    hint->detail = detail;
    hint->when = g_get_monotonic_time();
    g_mutex_lock(&events->lock);
    g_hash_table_replace(events->hints, hint->uuid, hint);
    g_mutex_unlock(&events->lock);
}

/* Whether @proc may define, start, stop or undefine a domain. */
static bool
vkdEventsChanges(int proc)
{
    switch (proc) {
    case VKR_PROC_DOMAIN_CREATE:
    case VKR_PROC_DOMAIN_CREATE_XML:
    case VKR_PROC_DOMAIN_CREATE_WITH_FLAGS:
    case VKR_PROC_DOMAIN_DEFINE_XML:
    case VKR_PROC_DOMAIN_DEFINE_XML_FLAGS:
    case VKR_PROC_DOMAIN_UNDEFINE:
    case VKR_PROC_DOMAIN_UNDEFINE_FLAGS:
    case VKR_PROC_DOMAIN_DESTROY:
    case VKR_PROC_DOMAIN_DESTROY_FLAGS:
    case VKR_PROC_DOMAIN_SHUTDOWN:
    case VKR_PROC_DOMAIN_SHUTDOWN_FLAGS:
    case VKR_PROC_DOMAIN_REBOOT:
    case VKR_PROC_DOMAIN_RESET:
    case VKR_PROC_DOMAIN_SUSPEND:
    case VKR_PROC_DOMAIN_RESUME:
    case VKR_PROC_DOMAIN_SAVE:
    case VKR_PROC_DOMAIN_SAVE_FLAGS:
    case VKR_PROC_DOMAIN_RESTORE:
    case VKR_PROC_DOMAIN_RESTORE_FLAGS:
    case VKR_PROC_DOMAIN_MANAGED_SAVE:
        return true;
    default:
        return false;
    }
}

/* METADATA_CHANGE for a virDomainSetMetadata that succeeded, to each
 * callback of each subscriber that waits for it; lock held. */
static void
vkdEventsMetadataLocked(vkdEvents *events, const vkr_domain_set_metadata_args *args)
{
    vkr_message_header header = {
        .prog = VKR_REMOTE_PROGRAM,
        .vers = VKR_REMOTE_VERSION,
        .proc = VKR_PROC_DOMAIN_EVENT_CALLBACK_METADATA_CHANGE,
        .type = VKR_MESSAGE,
        .serial = 1,
        .status = VKR_OK,
    };
    vkr_domain_event_callback_metadata_change_msg data = {
        .dom = args->dom, .type = args->type, .nsuri = args->uri,
    };
    GHashTableIter iter;
    gpointer value;

    g_hash_table_iter_init(&iter, events->subscribers);
    while (g_hash_table_iter_next(&iter, NULL, &value)) {
        vkdSubscriber *sub = value;
        guint i;

        for (i = 0; i < sub->callbacks->len; i++) {
            const vkdCallback *cb = &g_array_index(sub->callbacks, vkdCallback, i);
            g_autoptr(GError) err = NULL;
            vkrMessage *msg;

            if (!vkdCallbackWants(cb, VKD_EVENT_ID_METADATA_CHANGE,
                                  (const unsigned char *)args->dom.uuid))
                continue;
            data.callbackID = cb->id;
            msg = vkrMessageNew(VKR_FRAME_MIN);
            if (!vkrMessageEncode(msg, &header,
                                  (xdrproc_t)xdr_vkr_domain_event_callback_metadata_change_msg,
                                  &data, &err)) {
                g_warning("cannot encode an event: %s", err->message);
                vkrMessageFree(msg);
                continue;
            }
            vkdClientSend(sub->client, msg, false);
        }
    }
}

/**
 * vkdEventsAfterCall:
 * @events: the events of the server
 * @proc: a procedure that succeeded
 * @args: its arguments
 *
 * When @proc may have changed a domain, runs a pass before its reply
 * goes out: each change made through the daemon is seen on its own, in
 * the order of the calls, however fast they follow each other.  A
 * virDomainSetMetadata is a METADATA_CHANGE, as libvirt sends one for
 * each such call.  Nothing when nobody subscribed.
 */
void
vkdEventsAfterCall(vkdEvents *events, int proc, const void *args)
{
    if (!g_atomic_int_get(&events->nsubscribers))
        return;
    if (proc == VKR_PROC_DOMAIN_SET_METADATA) {
        g_mutex_lock(&events->lock);
        vkdEventsMetadataLocked(events, args);
        g_mutex_unlock(&events->lock);
        return;
    }
    if (!vkdEventsChanges(proc))
        return;
    g_mutex_lock(&events->lock);
    vkdEventsPassLocked(events);
    g_mutex_unlock(&events->lock);
}

int
vkdConnectDomainEventCallbackRegisterAny(vkdCall *call)
{
    const vkr_event_callback_register_any_args *args = call->args;
    vkr_int_ret *ret = call->ret;
    virDomainPtr dom = NULL;

    if (args->eventID != VKD_EVENT_ID_LIFECYCLE &&
        args->eventID != VKD_EVENT_ID_METADATA_CHANGE) {
        vkdCallError(call, VIR_ERR_NO_SUPPORT,
                     "virtkitd sends lifecycle and metadata-change events only, not events of ID %d",
                     args->eventID);
        return -1;
    }
    /* a domain that does not exist is an error now, as in libvirt */
    if (args->dom &&
        !(dom = virDomainLookupByUUID(call->conn, (const unsigned char *)args->dom->uuid)))
        return -1;
    if (dom)
        virDomainFree(dom);
    ret->num = vkdEventsRegister(vkdServerEvents(call->client->server), call->client,
                                 call->conn, args->eventID,
                                 args->dom ? (const unsigned char *)args->dom->uuid : NULL);
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
