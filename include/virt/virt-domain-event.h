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
 * and detail types they report, and the callbacks of the other event ids.  Callbacks run from the event loop
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

/*
 * The callbacks of the other event ids, with libvirt 9.0's signatures.
 * VIR_DOMAIN_EVENT_ID_REBOOT and VIR_DOMAIN_EVENT_ID_CONTROL_ERROR call a
 * virConnectDomainEventGenericCallback.
 */

/**
 * virConnectDomainEventRTCChangeCallback:
 * @conn: the connection the callback was registered on
 * @dom: the domain whose clock changed
 * @utcoffset: the new offset from UTC, in seconds
 * @opaque: user data given at registration
 *
 * Called for VIR_DOMAIN_EVENT_ID_RTC_CHANGE: the guest changed its
 * real-time clock.
 */
typedef void (*virConnectDomainEventRTCChangeCallback)(virConnectPtr conn,
                                                       virDomainPtr dom,
                                                       long long utcoffset,
                                                       void *opaque);

/**
 * virDomainEventWatchdogAction:
 *
 * What a watchdog that fired did to the domain.
 */
typedef enum {
    VIR_DOMAIN_EVENT_WATCHDOG_NONE = 0,     /* nothing: the watchdog is ignored */
    VIR_DOMAIN_EVENT_WATCHDOG_PAUSE,        /* the guest's CPUs were paused */
    VIR_DOMAIN_EVENT_WATCHDOG_RESET,        /* the guest was reset */
    VIR_DOMAIN_EVENT_WATCHDOG_POWEROFF,     /* the guest was forced off */
    VIR_DOMAIN_EVENT_WATCHDOG_SHUTDOWN,     /* the guest was asked to shut down */
    VIR_DOMAIN_EVENT_WATCHDOG_DEBUG,        /* nothing but a debug message */
    VIR_DOMAIN_EVENT_WATCHDOG_INJECTNMI,    /* a non-maskable interrupt was injected */
# ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_EVENT_WATCHDOG_LAST
# endif
} virDomainEventWatchdogAction;

/**
 * virConnectDomainEventWatchdogCallback:
 * @conn: the connection the callback was registered on
 * @dom: the domain whose watchdog fired
 * @action: a virDomainEventWatchdogAction
 * @opaque: user data given at registration
 *
 * Called for VIR_DOMAIN_EVENT_ID_WATCHDOG.
 */
typedef void (*virConnectDomainEventWatchdogCallback)(virConnectPtr conn,
                                                      virDomainPtr dom,
                                                      int action,
                                                      void *opaque);

/**
 * virDomainEventIOErrorAction:
 *
 * What an I/O error of a disk did to the domain.
 */
typedef enum {
    VIR_DOMAIN_EVENT_IO_ERROR_NONE = 0,     /* nothing: the error is ignored */
    VIR_DOMAIN_EVENT_IO_ERROR_PAUSE,        /* the guest's CPUs were paused */
    VIR_DOMAIN_EVENT_IO_ERROR_REPORT,       /* the error was reported to the guest */
# ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_EVENT_IO_ERROR_LAST
# endif
} virDomainEventIOErrorAction;

/**
 * virConnectDomainEventIOErrorCallback:
 * @conn: the connection the callback was registered on
 * @dom: the domain
 * @srcPath: the host path of the disk's source
 * @devAlias: the disk's alias
 * @action: a virDomainEventIOErrorAction
 * @opaque: user data given at registration
 *
 * Called for VIR_DOMAIN_EVENT_ID_IO_ERROR.
 */
typedef void (*virConnectDomainEventIOErrorCallback)(virConnectPtr conn,
                                                     virDomainPtr dom,
                                                     const char *srcPath,
                                                     const char *devAlias,
                                                     int action,
                                                     void *opaque);

/**
 * virConnectDomainEventIOErrorReasonCallback:
 * @conn: the connection the callback was registered on
 * @dom: the domain
 * @srcPath: the host path of the disk's source
 * @devAlias: the disk's alias
 * @action: a virDomainEventIOErrorAction
 * @reason: why ("enospc" for a full host disk, else the hypervisor's word)
 * @opaque: user data given at registration
 *
 * Called for VIR_DOMAIN_EVENT_ID_IO_ERROR_REASON.
 */
typedef void (*virConnectDomainEventIOErrorReasonCallback)(virConnectPtr conn,
                                                           virDomainPtr dom,
                                                           const char *srcPath,
                                                           const char *devAlias,
                                                           int action,
                                                           const char *reason,
                                                           void *opaque);

/**
 * virDomainEventGraphicsPhase:
 *
 * The phase of a graphics client's connection.
 */
typedef enum {
    VIR_DOMAIN_EVENT_GRAPHICS_CONNECT = 0,  /* the socket was connected */
    VIR_DOMAIN_EVENT_GRAPHICS_INITIALIZE,   /* authentication and setup completed */
    VIR_DOMAIN_EVENT_GRAPHICS_DISCONNECT,   /* the socket was closed */
# ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_EVENT_GRAPHICS_LAST
# endif
} virDomainEventGraphicsPhase;

/**
 * virDomainEventGraphicsAddressType:
 *
 * The family of a graphics connection's address.
 */
typedef enum {
    VIR_DOMAIN_EVENT_GRAPHICS_ADDRESS_IPV4, /* an IPv4 address */
    VIR_DOMAIN_EVENT_GRAPHICS_ADDRESS_IPV6, /* an IPv6 address */
    VIR_DOMAIN_EVENT_GRAPHICS_ADDRESS_UNIX, /* a UNIX socket's path */
# ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_EVENT_GRAPHICS_ADDRESS_LAST
# endif
} virDomainEventGraphicsAddressType;

/**
 * virDomainEventGraphicsAddress:
 *
 * One end of a graphics connection: family (a
 * virDomainEventGraphicsAddressType), node (an address or a path) and
 * service (a port, or NULL).
 */
struct _virDomainEventGraphicsAddress {
    int family;
    char *node;
    char *service;
};
typedef struct _virDomainEventGraphicsAddress virDomainEventGraphicsAddress;

/**
 * virDomainEventGraphicsAddressPtr:
 *
 * A pointer to a virDomainEventGraphicsAddress.
 */
typedef virDomainEventGraphicsAddress *virDomainEventGraphicsAddressPtr;

/**
 * virDomainEventGraphicsSubjectIdentity:
 *
 * One identity of a graphics client: its type ("x509dname", "saslUsername")
 * and its name.
 */
struct _virDomainEventGraphicsSubjectIdentity {
    char *type;
    char *name;
};
typedef struct _virDomainEventGraphicsSubjectIdentity virDomainEventGraphicsSubjectIdentity;

/**
 * virDomainEventGraphicsSubjectIdentityPtr:
 *
 * A pointer to a virDomainEventGraphicsSubjectIdentity.
 */
typedef virDomainEventGraphicsSubjectIdentity *virDomainEventGraphicsSubjectIdentityPtr;

/**
 * virDomainEventGraphicsSubject:
 *
 * Who a graphics client is: nidentity identities.
 */
struct _virDomainEventGraphicsSubject {
    int nidentity;
    virDomainEventGraphicsSubjectIdentityPtr identities;
};
typedef struct _virDomainEventGraphicsSubject virDomainEventGraphicsSubject;

/**
 * virDomainEventGraphicsSubjectPtr:
 *
 * A pointer to a virDomainEventGraphicsSubject.
 */
typedef virDomainEventGraphicsSubject *virDomainEventGraphicsSubjectPtr;

/**
 * virConnectDomainEventGraphicsCallback:
 * @conn: the connection the callback was registered on
 * @dom: the domain
 * @phase: a virDomainEventGraphicsPhase
 * @local: the domain's end of the connection
 * @remote: the client's end
 * @authScheme: how the client authenticated ("none", "vnc", "sasl"...)
 * @subject: who the client is
 * @opaque: user data given at registration
 *
 * Called for VIR_DOMAIN_EVENT_ID_GRAPHICS.
 */
typedef void (*virConnectDomainEventGraphicsCallback)(virConnectPtr conn,
                                                      virDomainPtr dom,
                                                      int phase,
                                                      const virDomainEventGraphicsAddress *local,
                                                      const virDomainEventGraphicsAddress *remote,
                                                      const char *authScheme,
                                                      const virDomainEventGraphicsSubject *subject,
                                                      void *opaque);

/**
 * virConnectDomainEventBlockJobStatus:
 *
 * How a block job ended, or that it is ready.
 */
typedef enum {
    VIR_DOMAIN_BLOCK_JOB_COMPLETED = 0,
    VIR_DOMAIN_BLOCK_JOB_FAILED = 1,
    VIR_DOMAIN_BLOCK_JOB_CANCELED = 2,
    VIR_DOMAIN_BLOCK_JOB_READY = 3,
# ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_BLOCK_JOB_LAST
# endif
} virConnectDomainEventBlockJobStatus;

/**
 * virDomainBlockJobType:
 *
 * The kind of a block job.
 */
typedef enum {
    VIR_DOMAIN_BLOCK_JOB_TYPE_UNKNOWN = 0,
    VIR_DOMAIN_BLOCK_JOB_TYPE_PULL = 1,
    VIR_DOMAIN_BLOCK_JOB_TYPE_COPY = 2,
    VIR_DOMAIN_BLOCK_JOB_TYPE_COMMIT = 3,
    VIR_DOMAIN_BLOCK_JOB_TYPE_ACTIVE_COMMIT = 4,
    VIR_DOMAIN_BLOCK_JOB_TYPE_BACKUP = 5,
# ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_BLOCK_JOB_TYPE_LAST
# endif
} virDomainBlockJobType;

/**
 * virConnectDomainEventBlockJobCallback:
 * @conn: the connection the callback was registered on
 * @dom: the domain
 * @disk: the disk's source path (VIR_DOMAIN_EVENT_ID_BLOCK_JOB) or its
 *   target name (VIR_DOMAIN_EVENT_ID_BLOCK_JOB_2)
 * @type: a virDomainBlockJobType
 * @status: a virConnectDomainEventBlockJobStatus
 * @opaque: user data given at registration
 *
 * Called for VIR_DOMAIN_EVENT_ID_BLOCK_JOB and
 * VIR_DOMAIN_EVENT_ID_BLOCK_JOB_2.
 */
typedef void (*virConnectDomainEventBlockJobCallback)(virConnectPtr conn,
                                                      virDomainPtr dom,
                                                      const char *disk,
                                                      int type,
                                                      int status,
                                                      void *opaque);

/**
 * virConnectDomainEventDiskChangeReason:
 *
 * Why a disk's source changed.
 */
typedef enum {
    VIR_DOMAIN_EVENT_DISK_CHANGE_MISSING_ON_START = 0, /* a missing medium emptied at start */
    VIR_DOMAIN_EVENT_DISK_DROP_MISSING_ON_START = 1,   /* a disk with a missing source dropped */
# ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_EVENT_DISK_CHANGE_LAST
# endif
} virConnectDomainEventDiskChangeReason;

/**
 * virConnectDomainEventDiskChangeCallback:
 * @conn: the connection the callback was registered on
 * @dom: the domain
 * @oldSrcPath: the source before, or NULL
 * @newSrcPath: the source now, or NULL
 * @devAlias: the disk's alias
 * @reason: a virConnectDomainEventDiskChangeReason
 * @opaque: user data given at registration
 *
 * Called for VIR_DOMAIN_EVENT_ID_DISK_CHANGE.
 */
typedef void (*virConnectDomainEventDiskChangeCallback)(virConnectPtr conn,
                                                        virDomainPtr dom,
                                                        const char *oldSrcPath,
                                                        const char *newSrcPath,
                                                        const char *devAlias,
                                                        int reason,
                                                        void *opaque);

/**
 * virDomainEventTrayChangeReason:
 *
 * What a removable medium's tray did.
 */
typedef enum {
    VIR_DOMAIN_EVENT_TRAY_CHANGE_OPEN = 0,
    VIR_DOMAIN_EVENT_TRAY_CHANGE_CLOSE,
# ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_EVENT_TRAY_CHANGE_LAST
# endif
} virDomainEventTrayChangeReason;

/**
 * virConnectDomainEventTrayChangeCallback:
 * @conn: the connection the callback was registered on
 * @dom: the domain
 * @devAlias: the device's alias
 * @reason: a virDomainEventTrayChangeReason
 * @opaque: user data given at registration
 *
 * Called for VIR_DOMAIN_EVENT_ID_TRAY_CHANGE.
 */
typedef void (*virConnectDomainEventTrayChangeCallback)(virConnectPtr conn,
                                                        virDomainPtr dom,
                                                        const char *devAlias,
                                                        int reason,
                                                        void *opaque);

/**
 * virConnectDomainEventPMWakeupCallback:
 * @conn: the connection the callback was registered on
 * @dom: the domain that woke up
 * @reason: always 0 (no reasons are defined)
 * @opaque: user data given at registration
 *
 * Called for VIR_DOMAIN_EVENT_ID_PMWAKEUP.
 */
typedef void (*virConnectDomainEventPMWakeupCallback)(virConnectPtr conn,
                                                      virDomainPtr dom,
                                                      int reason,
                                                      void *opaque);

/**
 * virConnectDomainEventPMSuspendCallback:
 * @conn: the connection the callback was registered on
 * @dom: the domain suspended to memory
 * @reason: always 0 (no reasons are defined)
 * @opaque: user data given at registration
 *
 * Called for VIR_DOMAIN_EVENT_ID_PMSUSPEND.
 */
typedef void (*virConnectDomainEventPMSuspendCallback)(virConnectPtr conn,
                                                       virDomainPtr dom,
                                                       int reason,
                                                       void *opaque);

/**
 * virConnectDomainEventBalloonChangeCallback:
 * @conn: the connection the callback was registered on
 * @dom: the domain
 * @actual: the memory the guest now has, in KiB
 * @opaque: user data given at registration
 *
 * Called for VIR_DOMAIN_EVENT_ID_BALLOON_CHANGE.
 */
typedef void (*virConnectDomainEventBalloonChangeCallback)(virConnectPtr conn,
                                                           virDomainPtr dom,
                                                           unsigned long long actual,
                                                           void *opaque);

/**
 * virConnectDomainEventPMSuspendDiskCallback:
 * @conn: the connection the callback was registered on
 * @dom: the domain suspended to disk
 * @reason: always 0 (no reasons are defined)
 * @opaque: user data given at registration
 *
 * Called for VIR_DOMAIN_EVENT_ID_PMSUSPEND_DISK.
 */
typedef void (*virConnectDomainEventPMSuspendDiskCallback)(virConnectPtr conn,
                                                           virDomainPtr dom,
                                                           int reason,
                                                           void *opaque);

/**
 * virConnectDomainEventDeviceRemovedCallback:
 * @conn: the connection the callback was registered on
 * @dom: the domain
 * @devAlias: the alias of the device the guest let go
 * @opaque: user data given at registration
 *
 * Called for VIR_DOMAIN_EVENT_ID_DEVICE_REMOVED.
 */
typedef void (*virConnectDomainEventDeviceRemovedCallback)(virConnectPtr conn,
                                                           virDomainPtr dom,
                                                           const char *devAlias,
                                                           void *opaque);

/**
 * virConnectDomainEventDeviceAddedCallback:
 * @conn: the connection the callback was registered on
 * @dom: the domain
 * @devAlias: the alias of the device added
 * @opaque: user data given at registration
 *
 * Called for VIR_DOMAIN_EVENT_ID_DEVICE_ADDED.
 */
typedef void (*virConnectDomainEventDeviceAddedCallback)(virConnectPtr conn,
                                                         virDomainPtr dom,
                                                         const char *devAlias,
                                                         void *opaque);

/**
 * virConnectDomainEventDeviceRemovalFailedCallback:
 * @conn: the connection the callback was registered on
 * @dom: the domain
 * @devAlias: the alias of the device the guest did not let go
 * @opaque: user data given at registration
 *
 * Called for VIR_DOMAIN_EVENT_ID_DEVICE_REMOVAL_FAILED.
 */
typedef void (*virConnectDomainEventDeviceRemovalFailedCallback)(virConnectPtr conn,
                                                                 virDomainPtr dom,
                                                                 const char *devAlias,
                                                                 void *opaque);

/**
 * virConnectDomainEventMigrationIterationCallback:
 * @conn: the connection the callback was registered on
 * @dom: the domain being migrated
 * @iteration: the number of the pass over its memory, from 1
 * @opaque: user data given at registration
 *
 * Called for VIR_DOMAIN_EVENT_ID_MIGRATION_ITERATION.
 */
typedef void (*virConnectDomainEventMigrationIterationCallback)(virConnectPtr conn,
                                                                virDomainPtr dom,
                                                                int iteration,
                                                                void *opaque);

/**
 * virConnectDomainEventJobCompletedCallback:
 * @conn: the connection the callback was registered on
 * @dom: the domain
 * @params: the job's statistics (as virDomainGetJobStats gives them),
 *   valid during the call only
 * @nparams: how many
 * @opaque: user data given at registration
 *
 * Called for VIR_DOMAIN_EVENT_ID_JOB_COMPLETED.
 */
typedef void (*virConnectDomainEventJobCompletedCallback)(virConnectPtr conn,
                                                          virDomainPtr dom,
                                                          virTypedParameterPtr params,
                                                          int nparams,
                                                          void *opaque);

/**
 * virConnectDomainEventTunableCallback:
 * @conn: the connection the callback was registered on
 * @dom: the domain
 * @params: the tunables changed, by their names ("cputune.vcpupin0"...),
 *   valid during the call only
 * @nparams: how many
 * @opaque: user data given at registration
 *
 * Called for VIR_DOMAIN_EVENT_ID_TUNABLE.
 */
typedef void (*virConnectDomainEventTunableCallback)(virConnectPtr conn,
                                                     virDomainPtr dom,
                                                     virTypedParameterPtr params,
                                                     int nparams,
                                                     void *opaque);

/**
 * virConnectDomainEventAgentLifecycleState:
 *
 * The state of a guest agent.
 */
typedef enum {
    VIR_CONNECT_DOMAIN_EVENT_AGENT_LIFECYCLE_STATE_CONNECTED = 1,
    VIR_CONNECT_DOMAIN_EVENT_AGENT_LIFECYCLE_STATE_DISCONNECTED = 2,
# ifdef VIR_ENUM_SENTINELS
    VIR_CONNECT_DOMAIN_EVENT_AGENT_LIFECYCLE_STATE_LAST
# endif
} virConnectDomainEventAgentLifecycleState;

/**
 * virConnectDomainEventAgentLifecycleReason:
 *
 * Why a guest agent's state changed.
 */
typedef enum {
    VIR_CONNECT_DOMAIN_EVENT_AGENT_LIFECYCLE_REASON_UNKNOWN = 0,
    VIR_CONNECT_DOMAIN_EVENT_AGENT_LIFECYCLE_REASON_DOMAIN_STARTED = 1,
    VIR_CONNECT_DOMAIN_EVENT_AGENT_LIFECYCLE_REASON_CHANNEL = 2,
# ifdef VIR_ENUM_SENTINELS
    VIR_CONNECT_DOMAIN_EVENT_AGENT_LIFECYCLE_REASON_LAST
# endif
} virConnectDomainEventAgentLifecycleReason;

/**
 * virConnectDomainEventAgentLifecycleCallback:
 * @conn: the connection the callback was registered on
 * @dom: the domain
 * @state: a virConnectDomainEventAgentLifecycleState
 * @reason: a virConnectDomainEventAgentLifecycleReason
 * @opaque: user data given at registration
 *
 * Called for VIR_DOMAIN_EVENT_ID_AGENT_LIFECYCLE.
 */
typedef void (*virConnectDomainEventAgentLifecycleCallback)(virConnectPtr conn,
                                                            virDomainPtr dom,
                                                            int state,
                                                            int reason,
                                                            void *opaque);

/**
 * virConnectDomainEventBlockThresholdCallback:
 * @conn: the connection the callback was registered on
 * @dom: the domain
 * @dev: the disk's target name, or target[index] for a backing image
 * @path: the disk's source path, or NULL
 * @threshold: the threshold that was crossed, in bytes
 * @excess: how far the write went beyond it, in bytes
 * @opaque: user data given at registration
 *
 * Called for VIR_DOMAIN_EVENT_ID_BLOCK_THRESHOLD.
 */
typedef void (*virConnectDomainEventBlockThresholdCallback)(virConnectPtr conn,
                                                            virDomainPtr dom,
                                                            const char *dev,
                                                            const char *path,
                                                            unsigned long long threshold,
                                                            unsigned long long excess,
                                                            void *opaque);

/**
 * virDomainMemoryFailureRecipientType:
 *
 * Who received a hardware memory error.
 */
typedef enum {
    VIR_DOMAIN_EVENT_MEMORY_FAILURE_RECIPIENT_HYPERVISOR = 0,
    VIR_DOMAIN_EVENT_MEMORY_FAILURE_RECIPIENT_GUEST = 1,
# ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_EVENT_MEMORY_FAILURE_RECIPIENT_LAST
# endif
} virDomainMemoryFailureRecipientType;

/**
 * virDomainMemoryFailureActionType:
 *
 * What was done about a hardware memory error.
 */
typedef enum {
    VIR_DOMAIN_EVENT_MEMORY_FAILURE_ACTION_IGNORE = 0,
    VIR_DOMAIN_EVENT_MEMORY_FAILURE_ACTION_INJECT = 1,
    VIR_DOMAIN_EVENT_MEMORY_FAILURE_ACTION_FATAL = 2,
    VIR_DOMAIN_EVENT_MEMORY_FAILURE_ACTION_RESET = 3,
# ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_EVENT_MEMORY_FAILURE_ACTION_LAST
# endif
} virDomainMemoryFailureActionType;

/**
 * virDomainMemoryFailureFlags:
 *
 * The flags of a hardware memory error.
 */
typedef enum {
    VIR_DOMAIN_MEMORY_FAILURE_ACTION_REQUIRED = (1 << 0), /* the guest must act */
    VIR_DOMAIN_MEMORY_FAILURE_RECURSIVE = (1 << 1),       /* an error while handling one */
} virDomainMemoryFailureFlags;

/**
 * virConnectDomainEventMemoryFailureCallback:
 * @conn: the connection the callback was registered on
 * @dom: the domain
 * @recipient: a virDomainMemoryFailureRecipientType
 * @action: a virDomainMemoryFailureActionType
 * @flags: virDomainMemoryFailureFlags
 * @opaque: user data given at registration
 *
 * Called for VIR_DOMAIN_EVENT_ID_MEMORY_FAILURE.
 */
typedef void (*virConnectDomainEventMemoryFailureCallback)(virConnectPtr conn,
                                                           virDomainPtr dom,
                                                           int recipient,
                                                           int action,
                                                           unsigned int flags,
                                                           void *opaque);

/**
 * virConnectDomainEventMemoryDeviceSizeChangeCallback:
 * @conn: the connection the callback was registered on
 * @dom: the domain
 * @alias: the memory device's alias
 * @size: its new size, in KiB
 * @opaque: user data given at registration
 *
 * Called for VIR_DOMAIN_EVENT_ID_MEMORY_DEVICE_SIZE_CHANGE.
 */
typedef void (*virConnectDomainEventMemoryDeviceSizeChangeCallback)(virConnectPtr conn,
                                                                    virDomainPtr dom,
                                                                    const char *alias,
                                                                    unsigned long long size,
                                                                    void *opaque);

/**
 * virDomainEventID:
 *
 * The events virConnectDomainEventRegisterAny can wait for: libvirt 9.0's
 * ids, each with the callback type it calls.  virtkit's local drivers
 * emit VIR_DOMAIN_EVENT_ID_LIFECYCLE and VIR_DOMAIN_EVENT_ID_METADATA_CHANGE
 * (as libvirt's test driver does); the remote driver forwards every id a
 * daemon sends.
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
