/*
 * virtsh-event.c: the "events" group: event, which waits for domain
 * events and prints them as virsh 9 does
 *
 * The events arrive on the library's default event loop (GLib's default
 * main context), which the command runs until the first event (or, with
 * --loop, until --timeout or Ctrl-C).
 */
#include <config.h>

/* the _LAST values size the tables of names */
#define VIR_ENUM_SENTINELS

#include <glib-unix.h>
#include <signal.h>
#include <stdio.h>

#include "virtsh.h"
#include "vsh-util.h"

/* virsh's names of the event ids, in their order. */
static const char *const virtshEventNames[] = {
    "lifecycle", "reboot", "rtc-change", "watchdog", "io-error", "graphics",
    "io-error-reason", "control-error", "block-job", "disk-change", "tray-change",
    "pm-wakeup", "pm-suspend", "balloon-change", "pm-suspend-disk", "device-removed",
    "block-job-2", "tunable", "agent-lifecycle", "device-added", "migration-iteration",
    "job-completed", "device-removal-failed", "metadata-change", "block-threshold",
    "memory-failure", "memory-device-size-change",
};
G_STATIC_ASSERT(G_N_ELEMENTS(virtshEventNames) == VIR_DOMAIN_EVENT_ID_LAST);

static const char *const virtshEventTypes[] = {
    "Defined", "Undefined", "Started", "Suspended", "Resumed", "Stopped", "Shutdown",
    "PMSuspended", "Crashed",
};
G_STATIC_ASSERT(G_N_ELEMENTS(virtshEventTypes) == VIR_DOMAIN_EVENT_LAST);

/* The details of each event type, as virsh words them. */
static const char *const virtshEventDefined[] = { "Added", "Updated", "Renamed", "Snapshot", NULL };
static const char *const virtshEventUndefined[] = { "Removed", "Renamed", NULL };
static const char *const virtshEventStarted[] = {
    "Booted", "Migrated", "Restored", "Snapshot", "Event wakeup", NULL };
static const char *const virtshEventSuspended[] = {
    "Paused", "Migrated", "I/O Error", "Watchdog", "Restored", "Snapshot", "API error",
    "Post-copy", "Post-copy Error", NULL };
static const char *const virtshEventResumed[] = {
    "Unpaused", "Migrated", "Snapshot", "Post-copy", "Post-copy Error", NULL };
static const char *const virtshEventStopped[] = {
    "Shutdown", "Destroyed", "Crashed", "Migrated", "Saved", "Failed", "Snapshot", NULL };
static const char *const virtshEventShutdown[] = {
    "Finished", "Finished after guest request", "Finished after host request", NULL };
static const char *const virtshEventPMSuspended[] = { "Memory", "Disk", NULL };
static const char *const virtshEventCrashed[] = { "Panicked", "Crashloaded", NULL };

static const char *const *const virtshEventDetails[] = {
    virtshEventDefined, virtshEventUndefined, virtshEventStarted, virtshEventSuspended,
    virtshEventResumed, virtshEventStopped, virtshEventShutdown, virtshEventPMSuspended,
    virtshEventCrashed,
};
G_STATIC_ASSERT(G_N_ELEMENTS(virtshEventDetails) == VIR_DOMAIN_EVENT_LAST);

static const char *
virtshEventDetailToString(int event, int detail)
{
    const char *const *names;
    int i;

    if (event < 0 || event >= VIR_DOMAIN_EVENT_LAST || detail < 0)
        return "unknown";
    names = virtshEventDetails[event];
    for (i = 0; names[i] && i < detail; i++)
        ;
    return names[i] ? names[i] : "unknown";
}

/* What the command's callbacks share. */
typedef struct {
    vshControl *ctl;
    bool loop;
    bool timestamp;
    bool done;
    int count;
} virtshEventWait;

typedef struct {
    virtshEventWait *wait;
    int eventID;
    int callbackID;
} virtshEventData;

static void
virtshEventPrint(virtshEventData *data, const char *msg)
{
    virtshEventWait *wait = data->wait;

    if (!wait->loop && wait->count)
        return;
    if (wait->timestamp) {
        g_autoptr(GDateTime) now = g_date_time_new_now_utc();
        g_autofree char *stamp = g_date_time_format(now, "%Y-%m-%d %H:%M:%S");

        vshPrint(wait->ctl, "%s.%03d+0000: %s", stamp,
                 g_date_time_get_microsecond(now) / 1000, msg);
    } else {
        vshPrint(wait->ctl, "%s", msg);
    }
    fflush(stdout);
    wait->count++;
    if (!wait->loop)
        wait->done = true;
}

static int
virtshEventLifecyclePrint(virConnectPtr conn G_GNUC_UNUSED, virDomainPtr dom, int event,
                          int detail, void *opaque)
{
    g_autofree char *msg = NULL;

    msg = g_strdup_printf("event 'lifecycle' for domain '%s': %s %s\n", virDomainGetName(dom),
                          event >= 0 && event < VIR_DOMAIN_EVENT_LAST ?
                          virtshEventTypes[event] : "unknown",
                          virtshEventDetailToString(event, detail));
    virtshEventPrint(opaque, msg);
    return 0;
}

/* virsh's names of virDomainMetadataType */
static const char *const virtshEventMetadataTypes[] = { "description", "title", "element" };
G_STATIC_ASSERT(G_N_ELEMENTS(virtshEventMetadataTypes) == VIR_DOMAIN_METADATA_LAST);

static void
virtshEventMetadataChangePrint(virConnectPtr conn G_GNUC_UNUSED, virDomainPtr dom, int type,
                               const char *nsuri, void *opaque)
{
    g_autofree char *msg = NULL;

    /* libvirt's UNKNOWNSTR and NULLSTR */
    msg = g_strdup_printf("event 'metadata-change' for domain '%s': type %s, uri %s\n",
                          virDomainGetName(dom),
                          type >= 0 && type < VIR_DOMAIN_METADATA_LAST ?
                          virtshEventMetadataTypes[type] : "unknown",
                          nsuri ? nsuri : "<null>");
    virtshEventPrint(opaque, msg);
}

static void
virtshEventGenericPrint(virConnectPtr conn G_GNUC_UNUSED, virDomainPtr dom, void *opaque)
{
    virtshEventData *data = opaque;
    g_autofree char *msg = NULL;

    msg = g_strdup_printf("event '%s' for domain '%s'\n", virtshEventNames[data->eventID],
                          virDomainGetName(dom));
    virtshEventPrint(data, msg);
}

/* The callback virtsh prints @eventID with; NULL for the ids whose
 * callbacks carry data virtsh does not print yet. */
static virConnectDomainEventGenericCallback
virtshEventCallback(int eventID)
{
    switch (eventID) {
    case VIR_DOMAIN_EVENT_ID_LIFECYCLE:
        return VIR_DOMAIN_EVENT_CALLBACK(virtshEventLifecyclePrint);
    case VIR_DOMAIN_EVENT_ID_REBOOT:
    case VIR_DOMAIN_EVENT_ID_CONTROL_ERROR:
        return virtshEventGenericPrint;
    case VIR_DOMAIN_EVENT_ID_METADATA_CHANGE:
        return VIR_DOMAIN_EVENT_CALLBACK(virtshEventMetadataChangePrint);
    default:
        return NULL;
    }
}

/*
 * "event" command
 */
static const vshCmdInfo info_event = {
    .help = "Domain Events",
    .desc = "List event types, or wait for domain events to occur",
};

static const vshCmdOptDef opts_event[] = {
    {.name = "domain", .type = VSH_OT_STRING, .help = "filter by domain name, id or uuid",
     .complete = VSH_COMPLETE_DOMAIN},
    {.name = "event", .type = VSH_OT_STRING, .help = "which event type to wait for"},
    {.name = "all", .type = VSH_OT_BOOL, .help = "wait for all events instead of just one type"},
    {.name = "loop", .type = VSH_OT_BOOL,
     .help = "loop until timeout or interrupt, rather than one-shot"},
    {.name = "timeout", .type = VSH_OT_INT, .help = "timeout seconds"},
    {.name = "list", .type = VSH_OT_BOOL, .help = "list valid event types"},
    {.name = "timestamp", .type = VSH_OT_BOOL, .help = "show timestamp for each printed event"},
    VIRTSH_OPT_END
};

static gboolean
virtshEventStop(gpointer opaque)
{
    *(int *)opaque = 1;
    return G_SOURCE_REMOVE;
}

/* Runs the default loop until an event ends the wait, --timeout passes
 * or Ctrl-C; prints how it ended as virsh does. */
static void
virtshEventRun(vshControl *ctl, virtshEventWait *wait, int timeoutMs)
{
    int timedOut = 0, interrupted = 0;
    guint timer = timeoutMs > 0 ? g_timeout_add(timeoutMs, virtshEventStop, &timedOut) : 0;
    guint sigint = g_unix_signal_add(SIGINT, virtshEventStop, &interrupted);

    while (!wait->done && !timedOut && !interrupted)
        virEventRunDefaultImpl();
    if (timer && !timedOut)
        g_source_remove(timer);
    if (!interrupted)
        g_source_remove(sigint);
    if (interrupted)
        vshPrint(ctl, "%s", "event loop interrupted\n");
    else if (timedOut)
        vshPrint(ctl, "%s", "event loop timed out\n");
}

/* Parses --event, --all and --timeout; fills @ids with what to wait for. */
static bool
virtshEventOptions(vshControl *ctl, const vshCmd *cmd, GArray *ids, int *timeoutMs)
{
    const char *name = NULL;
    unsigned int seconds = 0;
    int rc;
    size_t i;

    if (vshCommandOptString(ctl, cmd, "event", &name) < 0)
        return false;
    if (!name && !vshCommandOptBool(cmd, "all")) {
        vshError(ctl, "%s", "one of --list, --all, or --event <type> is required");
        return false;
    }
    for (i = 0; i < G_N_ELEMENTS(virtshEventNames); i++) {
        if ((name && strcmp(name, virtshEventNames[i]) != 0) || !virtshEventCallback(i))
            continue;
        g_array_append_val(ids, i);
    }
    if (ids->len == 0) {
        for (i = 0; i < G_N_ELEMENTS(virtshEventNames) && strcmp(name, virtshEventNames[i]) != 0; i++)
            ;
        if (i < G_N_ELEMENTS(virtshEventNames))
            vshError(ctl, "event type %s is not supported by virtsh yet", name);
        else
            vshError(ctl, "unknown event type %s", name);
        return false;
    }
    if ((rc = vshCommandOptUInt(ctl, cmd, "timeout", &seconds)) < 0)
        return false;
    if (rc > 0 && (seconds == 0 || seconds > G_MAXINT / 1000)) {
        vshError(ctl, "Numeric value '%u' for <%s> option is malformed or out of range",
                 seconds, "timeout");
        return false;
    }
    *timeoutMs = (int)seconds * 1000;
    return true;
}

static bool
cmdEvent(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virtshDomain) dom = NULL;
    g_autoptr(GArray) ids = g_array_new(FALSE, FALSE, sizeof(int));
    g_autofree virtshEventData *data = NULL;
    virtshEventWait wait = { ctl, vshCommandOptBool(cmd, "loop"),
                             vshCommandOptBool(cmd, "timestamp"), false, 0 };
    int timeoutMs = 0;
    bool ret = false;
    size_t i;

    if (!vshExclusiveOptions(ctl, cmd, "all", "event") ||
        !vshExclusiveOptions(ctl, cmd, "list", "all") ||
        !vshExclusiveOptions(ctl, cmd, "list", "event"))
        return false;
    if (vshCommandOptBool(cmd, "list")) {
        for (i = 0; i < G_N_ELEMENTS(virtshEventNames); i++)
            vshPrint(ctl, "%s\n", virtshEventNames[i]);
        return true;
    }
    if (!virtshEventOptions(ctl, cmd, ids, &timeoutMs))
        return false;
    if (vshCommandOptBool(cmd, "domain") && !(dom = virtshCommandOptDomain(ctl, cmd, NULL)))
        return false;

    virEventRegisterDefaultImpl();
    data = g_new0(virtshEventData, ids->len);
    /* none registered yet: a failure leaves the rest alone in cleanup */
    for (i = 0; i < ids->len; i++)
        data[i] = (virtshEventData) { &wait, g_array_index(ids, int, i), -1 };
    for (i = 0; i < ids->len; i++) {
        int id = g_array_index(ids, int, i);

        if ((data[i].callbackID = virConnectDomainEventRegisterAny(ctl->conn, dom, id,
                                                                   virtshEventCallback(id),
                                                                   &data[i], NULL)) < 0)
            goto cleanup;
    }
    virtshEventRun(ctl, &wait, timeoutMs);
    vshPrint(ctl, "events received: %d\n", wait.count);
    ret = wait.count > 0;

 cleanup:
    for (i = 0; data && i < ids->len; i++) {
        if (data[i].callbackID >= 0 &&
            virConnectDomainEventDeregisterAny(ctl->conn, data[i].callbackID) < 0)
            ret = false;
    }
    return ret;
}

const vshCmdDef domEventCmds[] = {
    {.name = "event", .handler = cmdEvent, .opts = opts_event, .info = &info_event},
    {.name = NULL}
};
