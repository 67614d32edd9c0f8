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
                          virtshEventMetadataTypes[type] : "unsupported value",
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

/* virsh's words for the values of the other events; libvirt's
 * UNKNOWNSTR says "unsupported value" where virsh uses it, and the
 * ToString helpers "unknown" elsewhere */
#define VIRTSH_NAME(names, i, unknown) \
    ((i) >= 0 && (size_t)(i) < G_N_ELEMENTS(names) && (names)[i] ? (names)[i] : (unknown))

static const char *const virtshEventWatchdog[] = {
    "none", "pause", "reset", "poweroff", "shutdown", "debug", "inject-nmi" };
G_STATIC_ASSERT(G_N_ELEMENTS(virtshEventWatchdog) == VIR_DOMAIN_EVENT_WATCHDOG_LAST);
static const char *const virtshEventIOError[] = { "none", "pause", "report" };
G_STATIC_ASSERT(G_N_ELEMENTS(virtshEventIOError) == VIR_DOMAIN_EVENT_IO_ERROR_LAST);
static const char *const virtshEventGraphicsPhase[] = { "connect", "initialize", "disconnect" };
G_STATIC_ASSERT(G_N_ELEMENTS(virtshEventGraphicsPhase) == VIR_DOMAIN_EVENT_GRAPHICS_LAST);
static const char *const virtshEventGraphicsAddress[] = { "IPv4", "IPv6", "unix" };
G_STATIC_ASSERT(G_N_ELEMENTS(virtshEventGraphicsAddress) ==
                VIR_DOMAIN_EVENT_GRAPHICS_ADDRESS_LAST);
static const char *const virtshEventBlockJob[] = {
    "Unknown job", "Block Pull", "Block Copy", "Block Commit", "Active Block Commit",
    "Backup" };
G_STATIC_ASSERT(G_N_ELEMENTS(virtshEventBlockJob) == VIR_DOMAIN_BLOCK_JOB_TYPE_LAST);
static const char *const virtshEventBlockJobStatus[] = {
    "completed", "failed", "canceled", "ready" };
G_STATIC_ASSERT(G_N_ELEMENTS(virtshEventBlockJobStatus) == VIR_DOMAIN_BLOCK_JOB_LAST);
static const char *const virtshEventDiskChange[] = { "changed", "dropped" };
G_STATIC_ASSERT(G_N_ELEMENTS(virtshEventDiskChange) == VIR_DOMAIN_EVENT_DISK_CHANGE_LAST);
static const char *const virtshEventTrayChange[] = { "opened", "closed" };
G_STATIC_ASSERT(G_N_ELEMENTS(virtshEventTrayChange) == VIR_DOMAIN_EVENT_TRAY_CHANGE_LAST);
static const char *const virtshEventAgentState[] = { "unknown", "connected", "disconnected" };
G_STATIC_ASSERT(G_N_ELEMENTS(virtshEventAgentState) ==
                VIR_CONNECT_DOMAIN_EVENT_AGENT_LIFECYCLE_STATE_LAST);
static const char *const virtshEventAgentReason[] = {
    "unknown", "domain started", "channel event" };
G_STATIC_ASSERT(G_N_ELEMENTS(virtshEventAgentReason) ==
                VIR_CONNECT_DOMAIN_EVENT_AGENT_LIFECYCLE_REASON_LAST);
static const char *const virtshEventMemoryRecipient[] = { "hypervisor", "guest" };
G_STATIC_ASSERT(G_N_ELEMENTS(virtshEventMemoryRecipient) ==
                VIR_DOMAIN_EVENT_MEMORY_FAILURE_RECIPIENT_LAST);
static const char *const virtshEventMemoryAction[] = { "ignore", "inject", "fatal", "reset" };
G_STATIC_ASSERT(G_N_ELEMENTS(virtshEventMemoryAction) ==
                VIR_DOMAIN_EVENT_MEMORY_FAILURE_ACTION_LAST);

#define VIRTSH_UNSUPPORTED "unsupported value"

/* Prints what a callback formats, as virsh's virshEventPrint. */
static void G_GNUC_PRINTF(2, 3)
virtshEventPrintf(void *opaque, const char *fmt, ...)
{
    g_autofree char *msg = NULL;
    va_list ap;

    va_start(ap, fmt);
    msg = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    virtshEventPrint(opaque, msg);
}

static void
virtshEventRTCChangePrint(virConnectPtr conn G_GNUC_UNUSED, virDomainPtr dom,
                          long long utcoffset, void *opaque)
{
    virtshEventPrintf(opaque, "event 'rtc-change' for domain '%s': %lld\n",
                      virDomainGetName(dom), utcoffset);
}

static void
virtshEventWatchdogPrint(virConnectPtr conn G_GNUC_UNUSED, virDomainPtr dom, int action,
                         void *opaque)
{
    virtshEventPrintf(opaque, "event 'watchdog' for domain '%s': %s\n", virDomainGetName(dom),
                      VIRTSH_NAME(virtshEventWatchdog, action, "unknown"));
}

static void
virtshEventIOErrorPrint(virConnectPtr conn G_GNUC_UNUSED, virDomainPtr dom,
                        const char *srcPath, const char *devAlias, int action, void *opaque)
{
    virtshEventPrintf(opaque, "event 'io-error' for domain '%s': %s (%s) %s\n",
                      virDomainGetName(dom), srcPath, devAlias,
                      VIRTSH_NAME(virtshEventIOError, action, "unknown"));
}

static void
virtshEventGraphicsPrint(virConnectPtr conn G_GNUC_UNUSED, virDomainPtr dom, int phase,
                         const virDomainEventGraphicsAddress *local,
                         const virDomainEventGraphicsAddress *remote, const char *authScheme,
                         const virDomainEventGraphicsSubject *subject, void *opaque)
{
    g_autoptr(GString) msg = g_string_new(NULL);
    int i;

    g_string_append_printf(msg, "event 'graphics' for domain '%s': "
                           "%s local[%s %s %s] remote[%s %s %s] %s\n",
                           virDomainGetName(dom),
                           VIRTSH_NAME(virtshEventGraphicsPhase, phase, "unknown"),
                           VIRTSH_NAME(virtshEventGraphicsAddress, local->family, "unknown"),
                           local->node, local->service,
                           VIRTSH_NAME(virtshEventGraphicsAddress, remote->family, "unknown"),
                           remote->node, remote->service, authScheme);
    for (i = 0; i < subject->nidentity; i++)
        g_string_append_printf(msg, "\t%s=%s\n", subject->identities[i].type,
                               subject->identities[i].name);
    virtshEventPrint(opaque, msg->str);
}

static void
virtshEventIOErrorReasonPrint(virConnectPtr conn G_GNUC_UNUSED, virDomainPtr dom,
                              const char *srcPath, const char *devAlias, int action,
                              const char *reason, void *opaque)
{
    virtshEventPrintf(opaque, "event 'io-error-reason' for domain '%s': %s (%s) %s due to %s\n",
                      virDomainGetName(dom), srcPath, devAlias,
                      VIRTSH_NAME(virtshEventIOError, action, "unknown"), reason);
}

static void
virtshEventBlockJobPrint(virConnectPtr conn G_GNUC_UNUSED, virDomainPtr dom, const char *disk,
                         int type, int status, void *opaque)
{
    virtshEventPrintf(opaque, "event '%s' for domain '%s': %s for %s %s\n",
                      virtshEventNames[((virtshEventData *)opaque)->eventID],
                      virDomainGetName(dom),
                      VIRTSH_NAME(virtshEventBlockJob, type, "Unknown job"), disk,
                      VIRTSH_NAME(virtshEventBlockJobStatus, status, "unknown"));
}

static void
virtshEventDiskChangePrint(virConnectPtr conn G_GNUC_UNUSED, virDomainPtr dom,
                           const char *oldSrc, const char *newSrc, const char *alias,
                           int reason, void *opaque)
{
    virtshEventPrintf(opaque, "event 'disk-change' for domain '%s' disk %s: %s -> %s: %s\n",
                      virDomainGetName(dom), alias, oldSrc ? oldSrc : "<null>",
                      newSrc ? newSrc : "<null>",
                      VIRTSH_NAME(virtshEventDiskChange, reason, "unknown"));
}

static void
virtshEventTrayChangePrint(virConnectPtr conn G_GNUC_UNUSED, virDomainPtr dom,
                           const char *alias, int reason, void *opaque)
{
    virtshEventPrintf(opaque, "event 'tray-change' for domain '%s' disk %s: %s\n",
                      virDomainGetName(dom), alias,
                      VIRTSH_NAME(virtshEventTrayChange, reason, "unknown"));
}

/* virsh prints the PM events as generic ones: libvirt defines no reasons */
static void
virtshEventPMChangePrint(virConnectPtr conn, virDomainPtr dom, int reason G_GNUC_UNUSED,
                         void *opaque)
{
    virtshEventGenericPrint(conn, dom, opaque);
}

static void
virtshEventBalloonChangePrint(virConnectPtr conn G_GNUC_UNUSED, virDomainPtr dom,
                              unsigned long long actual, void *opaque)
{
    virtshEventPrintf(opaque, "event 'balloon-change' for domain '%s': %lluKiB\n",
                      virDomainGetName(dom), actual);
}

/* device-removed, device-added and device-removal-failed */
static void
virtshEventDevicePrint(virConnectPtr conn G_GNUC_UNUSED, virDomainPtr dom, const char *alias,
                       void *opaque)
{
    virtshEventPrintf(opaque, "event '%s' for domain '%s': %s\n",
                      virtshEventNames[((virtshEventData *)opaque)->eventID],
                      virDomainGetName(dom), alias);
}

/* A parameter's value as libvirt's virTypedParameterToString writes it
 * (not as virsh's own listings: a double is %g, a boolean 0 or 1). */
static char *
virtshEventParamValue(const virTypedParameter *param)
{
    switch ((virTypedParameterType)param->type) {
    case VIR_TYPED_PARAM_DOUBLE:
        return g_strdup_printf("%g", param->value.d);
    case VIR_TYPED_PARAM_BOOLEAN:
        return g_strdup_printf("%d", param->value.b);
    case VIR_TYPED_PARAM_INT:
    case VIR_TYPED_PARAM_UINT:
    case VIR_TYPED_PARAM_LLONG:
    case VIR_TYPED_PARAM_ULLONG:
    case VIR_TYPED_PARAM_STRING:
        return vshTypedParamValue(param);
    case VIR_TYPED_PARAM_LAST:
        break;
    }
    return NULL;
}

/* tunable and job-completed */
static void
virtshEventParamsPrint(virConnectPtr conn G_GNUC_UNUSED, virDomainPtr dom,
                       virTypedParameterPtr params, int nparams, void *opaque)
{
    g_autoptr(GString) msg = g_string_new(NULL);
    int i;

    g_string_append_printf(msg, "event '%s' for domain '%s':\n",
                           virtshEventNames[((virtshEventData *)opaque)->eventID],
                           virDomainGetName(dom));
    for (i = 0; i < nparams; i++) {
        g_autofree char *value = virtshEventParamValue(&params[i]);

        if (value)
            g_string_append_printf(msg, "\t%s: %s\n", params[i].field, value);
    }
    virtshEventPrint(opaque, msg->str);
}

static void
virtshEventAgentLifecyclePrint(virConnectPtr conn G_GNUC_UNUSED, virDomainPtr dom, int state,
                               int reason, void *opaque)
{
    virtshEventPrintf(opaque, "event 'agent-lifecycle' for domain '%s': state: '%s' reason: '%s'\n",
                      virDomainGetName(dom),
                      VIRTSH_NAME(virtshEventAgentState, state, VIRTSH_UNSUPPORTED),
                      VIRTSH_NAME(virtshEventAgentReason, reason, VIRTSH_UNSUPPORTED));
}

static void
virtshEventMigrationIterationPrint(virConnectPtr conn G_GNUC_UNUSED, virDomainPtr dom,
                                   int iteration, void *opaque)
{
    virtshEventPrintf(opaque, "event 'migration-iteration' for domain '%s': iteration: '%d'\n",
                      virDomainGetName(dom), iteration);
}

static void
virtshEventBlockThresholdPrint(virConnectPtr conn G_GNUC_UNUSED, virDomainPtr dom,
                               const char *dev, const char *path, unsigned long long threshold,
                               unsigned long long excess, void *opaque)
{
    virtshEventPrintf(opaque, "event 'block-threshold' for domain '%s': dev: %s(%s) %llu %llu\n",
                      virDomainGetName(dom), dev, path ? path : "<null>", threshold, excess);
}

static void
virtshEventMemoryFailurePrint(virConnectPtr conn G_GNUC_UNUSED, virDomainPtr dom,
                              int recipient, int action, unsigned int flags, void *opaque)
{
    virtshEventPrintf(opaque, "event 'memory-failure' for domain '%s':\n"
                      "recipient: %s\naction: %s\n"
                      "flags:\n\taction required: %d\n\trecursive: %d\n",
                      virDomainGetName(dom),
                      VIRTSH_NAME(virtshEventMemoryRecipient, recipient, VIRTSH_UNSUPPORTED),
                      VIRTSH_NAME(virtshEventMemoryAction, action, VIRTSH_UNSUPPORTED),
                      !!(flags & VIR_DOMAIN_MEMORY_FAILURE_ACTION_REQUIRED),
                      !!(flags & VIR_DOMAIN_MEMORY_FAILURE_RECURSIVE));
}

static void
virtshEventMemoryDeviceSizeChangePrint(virConnectPtr conn G_GNUC_UNUSED, virDomainPtr dom,
                                       const char *alias, unsigned long long size,
                                       void *opaque)
{
    virtshEventPrintf(opaque, "event 'memory-device-size-change' for domain '%s':\n"
                      "alias: %s\nsize: %llu\n", virDomainGetName(dom), alias, size);
}

#define VIRTSH_CB(cb) VIR_DOMAIN_EVENT_CALLBACK(cb)

/* The callback virtsh prints each event id with, in virsh's order. */
static const virConnectDomainEventGenericCallback virtshEventCallbacks[] = {
    VIRTSH_CB(virtshEventLifecyclePrint),
    virtshEventGenericPrint,                            /* reboot */
    VIRTSH_CB(virtshEventRTCChangePrint),
    VIRTSH_CB(virtshEventWatchdogPrint),
    VIRTSH_CB(virtshEventIOErrorPrint),
    VIRTSH_CB(virtshEventGraphicsPrint),
    VIRTSH_CB(virtshEventIOErrorReasonPrint),
    virtshEventGenericPrint,                            /* control-error */
    VIRTSH_CB(virtshEventBlockJobPrint),
    VIRTSH_CB(virtshEventDiskChangePrint),
    VIRTSH_CB(virtshEventTrayChangePrint),
    VIRTSH_CB(virtshEventPMChangePrint),                /* pm-wakeup */
    VIRTSH_CB(virtshEventPMChangePrint),                /* pm-suspend */
    VIRTSH_CB(virtshEventBalloonChangePrint),
    VIRTSH_CB(virtshEventPMChangePrint),                /* pm-suspend-disk */
    VIRTSH_CB(virtshEventDevicePrint),                  /* device-removed */
    VIRTSH_CB(virtshEventBlockJobPrint),                /* block-job-2 */
    VIRTSH_CB(virtshEventParamsPrint),                  /* tunable */
    VIRTSH_CB(virtshEventAgentLifecyclePrint),
    VIRTSH_CB(virtshEventDevicePrint),                  /* device-added */
    VIRTSH_CB(virtshEventMigrationIterationPrint),
    VIRTSH_CB(virtshEventParamsPrint),                  /* job-completed */
    VIRTSH_CB(virtshEventDevicePrint),                  /* device-removal-failed */
    VIRTSH_CB(virtshEventMetadataChangePrint),
    VIRTSH_CB(virtshEventBlockThresholdPrint),
    VIRTSH_CB(virtshEventMemoryFailurePrint),
    VIRTSH_CB(virtshEventMemoryDeviceSizeChangePrint),
};
G_STATIC_ASSERT(G_N_ELEMENTS(virtshEventCallbacks) == VIR_DOMAIN_EVENT_ID_LAST);

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
        if (name && strcmp(name, virtshEventNames[i]) != 0)
            continue;
        g_array_append_val(ids, i);
    }
    if (ids->len == 0) {
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
                                                                   virtshEventCallbacks[id],
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
