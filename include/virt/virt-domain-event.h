/*
 * virt-domain-event.h: domain events: the lifecycle event and its
 * details, the event ids, and registering callbacks for them
 *
 * Part of virtkit's libvirt-compatible public API; include <virt/virt.h>.
 * Callbacks run on the registered event loop (virt-event.h), never inside
 * the call that caused the event.
 */
#ifndef VIRT_DOMAIN_EVENT_H
# define VIRT_DOMAIN_EVENT_H

# ifndef VIRT_VIRT_H_INCLUDES
#  error "Don't include this file directly, only use virt/virt.h"
# endif

/**
 * SECTION:virt-domain-event
 * @title: virt-domain-event
 * @short_description: domain events
 * @include: virt/virt.h
 *
 * Registering callbacks for domain events: lifecycle changes, with the event
 * and detail types they report.  Callbacks run from the event loop
 * (see virt-event), never inside the call that caused the event.
 */

# ifdef __cplusplus
extern "C" {
# endif

/**
 * virDomainEventType:
 *
 * What happened to a domain, in a lifecycle event.
 */
typedef enum {
    VIR_DOMAIN_EVENT_DEFINED = 0,
    VIR_DOMAIN_EVENT_UNDEFINED = 1,
    VIR_DOMAIN_EVENT_STARTED = 2,
    VIR_DOMAIN_EVENT_SUSPENDED = 3,
    VIR_DOMAIN_EVENT_RESUMED = 4,
    VIR_DOMAIN_EVENT_STOPPED = 5,
    VIR_DOMAIN_EVENT_SHUTDOWN = 6,
    VIR_DOMAIN_EVENT_PMSUSPENDED = 7,
    VIR_DOMAIN_EVENT_CRASHED = 8,
# ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_EVENT_LAST
# endif
} virDomainEventType;

/**
 * virDomainEventDefinedDetailType:
 *
 * The details of VIR_DOMAIN_EVENT_DEFINED.
 */
typedef enum {
    VIR_DOMAIN_EVENT_DEFINED_ADDED = 0,         /* a new configuration */
    VIR_DOMAIN_EVENT_DEFINED_UPDATED = 1,       /* a changed configuration */
    VIR_DOMAIN_EVENT_DEFINED_RENAMED = 2,       /* the domain was renamed */
    VIR_DOMAIN_EVENT_DEFINED_FROM_SNAPSHOT = 3, /* restored from a snapshot */
# ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_EVENT_DEFINED_LAST
# endif
} virDomainEventDefinedDetailType;

/**
 * virDomainEventUndefinedDetailType:
 *
 * The details of VIR_DOMAIN_EVENT_UNDEFINED.
 */
typedef enum {
    VIR_DOMAIN_EVENT_UNDEFINED_REMOVED = 0,     /* the configuration was deleted */
    VIR_DOMAIN_EVENT_UNDEFINED_RENAMED = 1,     /* the domain was renamed */
# ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_EVENT_UNDEFINED_LAST
# endif
} virDomainEventUndefinedDetailType;

/**
 * virDomainEventStartedDetailType:
 *
 * The details of VIR_DOMAIN_EVENT_STARTED.
 */
typedef enum {
    VIR_DOMAIN_EVENT_STARTED_BOOTED = 0,        /* a normal start */
    VIR_DOMAIN_EVENT_STARTED_MIGRATED = 1,      /* an incoming migration */
    VIR_DOMAIN_EVENT_STARTED_RESTORED = 2,      /* restored from a state file */
    VIR_DOMAIN_EVENT_STARTED_FROM_SNAPSHOT = 3, /* restored from a snapshot */
    VIR_DOMAIN_EVENT_STARTED_WAKEUP = 4,        /* started by a wakeup */
# ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_EVENT_STARTED_LAST
# endif
} virDomainEventStartedDetailType;

/**
 * virDomainEventSuspendedDetailType:
 *
 * The details of VIR_DOMAIN_EVENT_SUSPENDED.
 */
typedef enum {
    VIR_DOMAIN_EVENT_SUSPENDED_PAUSED = 0,          /* paused by the administrator */
    VIR_DOMAIN_EVENT_SUSPENDED_MIGRATED = 1,        /* for an offline migration */
    VIR_DOMAIN_EVENT_SUSPENDED_IOERROR = 2,         /* by a disk I/O error */
    VIR_DOMAIN_EVENT_SUSPENDED_WATCHDOG = 3,        /* by a watchdog */
    VIR_DOMAIN_EVENT_SUSPENDED_RESTORED = 4,        /* restored from a paused state file */
    VIR_DOMAIN_EVENT_SUSPENDED_FROM_SNAPSHOT = 5,   /* restored from a paused snapshot */
    VIR_DOMAIN_EVENT_SUSPENDED_API_ERROR = 6,       /* after a failed API call */
    VIR_DOMAIN_EVENT_SUSPENDED_POSTCOPY = 7,        /* for a post-copy migration */
    VIR_DOMAIN_EVENT_SUSPENDED_POSTCOPY_FAILED = 8, /* after a failed post-copy */
# ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_EVENT_SUSPENDED_LAST
# endif
} virDomainEventSuspendedDetailType;

/**
 * virDomainEventResumedDetailType:
 *
 * The details of VIR_DOMAIN_EVENT_RESUMED.
 */
typedef enum {
    VIR_DOMAIN_EVENT_RESUMED_UNPAUSED = 0,          /* resumed by the administrator */
    VIR_DOMAIN_EVENT_RESUMED_MIGRATED = 1,          /* a migration completed */
    VIR_DOMAIN_EVENT_RESUMED_FROM_SNAPSHOT = 2,     /* resumed from a snapshot */
    VIR_DOMAIN_EVENT_RESUMED_POSTCOPY = 3,          /* a post-copy migration runs on */
    VIR_DOMAIN_EVENT_RESUMED_POSTCOPY_FAILED = 4,   /* running, post-copy failed */
# ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_EVENT_RESUMED_LAST
# endif
} virDomainEventResumedDetailType;

/**
 * virDomainEventStoppedDetailType:
 *
 * The details of VIR_DOMAIN_EVENT_STOPPED.
 */
typedef enum {
    VIR_DOMAIN_EVENT_STOPPED_SHUTDOWN = 0,      /* a normal shutdown */
    VIR_DOMAIN_EVENT_STOPPED_DESTROYED = 1,     /* forced off by the host */
    VIR_DOMAIN_EVENT_STOPPED_CRASHED = 2,       /* the guest crashed */
    VIR_DOMAIN_EVENT_STOPPED_MIGRATED = 3,      /* migrated to another host */
    VIR_DOMAIN_EVENT_STOPPED_SAVED = 4,         /* saved to a state file */
    VIR_DOMAIN_EVENT_STOPPED_FAILED = 5,        /* the host's side failed */
    VIR_DOMAIN_EVENT_STOPPED_FROM_SNAPSHOT = 6, /* an offline snapshot was loaded */
# ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_EVENT_STOPPED_LAST
# endif
} virDomainEventStoppedDetailType;

/**
 * virDomainEventShutdownDetailType:
 *
 * The details of VIR_DOMAIN_EVENT_SHUTDOWN.
 */
typedef enum {
    VIR_DOMAIN_EVENT_SHUTDOWN_FINISHED = 0,     /* the guest finished shutting down */
    VIR_DOMAIN_EVENT_SHUTDOWN_GUEST = 1,        /* ... at the guest's own request */
    VIR_DOMAIN_EVENT_SHUTDOWN_HOST = 2,         /* ... at the host's request */
# ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_EVENT_SHUTDOWN_LAST
# endif
} virDomainEventShutdownDetailType;

/**
 * virDomainEventPMSuspendedDetailType:
 *
 * The details of VIR_DOMAIN_EVENT_PMSUSPENDED.
 */
typedef enum {
    VIR_DOMAIN_EVENT_PMSUSPENDED_MEMORY = 0,
    VIR_DOMAIN_EVENT_PMSUSPENDED_DISK = 1,
# ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_EVENT_PMSUSPENDED_LAST
# endif
} virDomainEventPMSuspendedDetailType;

/**
 * virDomainEventCrashedDetailType:
 *
 * The details of VIR_DOMAIN_EVENT_CRASHED.
 */
typedef enum {
    VIR_DOMAIN_EVENT_CRASHED_PANICKED = 0,
    VIR_DOMAIN_EVENT_CRASHED_CRASHLOADED = 1,
# ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_EVENT_CRASHED_LAST
# endif
} virDomainEventCrashedDetailType;

/**
 * virConnectDomainEventCallback:
 * @conn: the connection the callback was registered on
 * @dom: the domain the event is about
 * @event: a virDomainEventType
 * @detail: the matching virDomainEvent*DetailType
 * @opaque: user data given at registration
 *
 * A lifecycle callback: the legacy registration's, and
 * VIR_DOMAIN_EVENT_ID_LIFECYCLE's.
 *
 * Returns 0 (the value is ignored).
 */
typedef int (*virConnectDomainEventCallback)(virConnectPtr conn, virDomainPtr dom,
                                             int event, int detail, void *opaque);

int virConnectDomainEventRegister(virConnectPtr conn, virConnectDomainEventCallback cb,
                                  void *opaque, virFreeCallback freecb);
int virConnectDomainEventDeregister(virConnectPtr conn, virConnectDomainEventCallback cb);

/**
 * virConnectDomainEventGenericCallback:
 * @conn: the connection the callback was registered on
 * @dom: the domain the event is about
 * @opaque: user data given at registration
 *
 * The type virConnectDomainEventRegisterAny takes; each event id has its
 * own signature, cast with VIR_DOMAIN_EVENT_CALLBACK().
 */
typedef void (*virConnectDomainEventGenericCallback)(virConnectPtr conn, virDomainPtr dom,
                                                     void *opaque);

/**
 * VIR_DOMAIN_EVENT_CALLBACK:
 * @cb: the callback, of the type its event id calls
 *
 * Casts a callback of any event id to what
 * virConnectDomainEventRegisterAny takes (through void (*)(void), which
 * tells the compiler the change of signature is meant).
 */
# define VIR_DOMAIN_EVENT_CALLBACK(cb) \
    ((virConnectDomainEventGenericCallback)(void (*)(void))(cb))

/**
 * virConnectDomainEventMetadataChangeCallback:
 * @conn: the connection the callback was registered on
 * @dom: the domain whose metadata changed
 * @type: a virDomainMetadataType
 * @nsuri: the namespace of the changed element (VIR_DOMAIN_METADATA_ELEMENT),
 *   else NULL
 * @opaque: user data given at registration
 *
 * Called for VIR_DOMAIN_EVENT_ID_METADATA_CHANGE after each
 * virDomainSetMetadata() that changed the domain, in this process or in
 * another on the same root.
 */
typedef void (*virConnectDomainEventMetadataChangeCallback)(virConnectPtr conn,
                                                            virDomainPtr dom, int type,
                                                            const char *nsuri,
                                                            void *opaque);

/**
 * virDomainEventID:
 *
 * The events virConnectDomainEventRegisterAny can wait for: libvirt 9.0's
 * ids.  virtkit's drivers emit VIR_DOMAIN_EVENT_ID_LIFECYCLE and
 * VIR_DOMAIN_EVENT_ID_METADATA_CHANGE; a callback for another id is
 * accepted and waits for a driver that emits it.
 */
typedef enum {
    VIR_DOMAIN_EVENT_ID_LIFECYCLE = 0,          /* virConnectDomainEventCallback */
    VIR_DOMAIN_EVENT_ID_REBOOT = 1,
    VIR_DOMAIN_EVENT_ID_RTC_CHANGE = 2,
    VIR_DOMAIN_EVENT_ID_WATCHDOG = 3,
    VIR_DOMAIN_EVENT_ID_IO_ERROR = 4,
    VIR_DOMAIN_EVENT_ID_GRAPHICS = 5,
    VIR_DOMAIN_EVENT_ID_IO_ERROR_REASON = 6,
    VIR_DOMAIN_EVENT_ID_CONTROL_ERROR = 7,
    VIR_DOMAIN_EVENT_ID_BLOCK_JOB = 8,
    VIR_DOMAIN_EVENT_ID_DISK_CHANGE = 9,
    VIR_DOMAIN_EVENT_ID_TRAY_CHANGE = 10,
    VIR_DOMAIN_EVENT_ID_PMWAKEUP = 11,
    VIR_DOMAIN_EVENT_ID_PMSUSPEND = 12,
    VIR_DOMAIN_EVENT_ID_BALLOON_CHANGE = 13,
    VIR_DOMAIN_EVENT_ID_PMSUSPEND_DISK = 14,
    VIR_DOMAIN_EVENT_ID_DEVICE_REMOVED = 15,
    VIR_DOMAIN_EVENT_ID_BLOCK_JOB_2 = 16,
    VIR_DOMAIN_EVENT_ID_TUNABLE = 17,
    VIR_DOMAIN_EVENT_ID_AGENT_LIFECYCLE = 18,
    VIR_DOMAIN_EVENT_ID_DEVICE_ADDED = 19,
    VIR_DOMAIN_EVENT_ID_MIGRATION_ITERATION = 20,
    VIR_DOMAIN_EVENT_ID_JOB_COMPLETED = 21,
    VIR_DOMAIN_EVENT_ID_DEVICE_REMOVAL_FAILED = 22,
    VIR_DOMAIN_EVENT_ID_METADATA_CHANGE = 23,   /* virConnectDomainEventMetadataChangeCallback */
    VIR_DOMAIN_EVENT_ID_BLOCK_THRESHOLD = 24,
    VIR_DOMAIN_EVENT_ID_MEMORY_FAILURE = 25,
    VIR_DOMAIN_EVENT_ID_MEMORY_DEVICE_SIZE_CHANGE = 26,
# ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_EVENT_ID_LAST
# endif
} virDomainEventID;

int virConnectDomainEventRegisterAny(virConnectPtr conn, virDomainPtr dom, int eventID,
                                     virConnectDomainEventGenericCallback cb,
                                     void *opaque, virFreeCallback freecb);
int virConnectDomainEventDeregisterAny(virConnectPtr conn, int callbackID);

# ifdef __cplusplus
}
# endif

#endif /* VIRT_DOMAIN_EVENT_H */
