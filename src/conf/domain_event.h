/*
 * domain_event.h: the callbacks registered for domain events and the
 * queue of events waiting for the event loop
 *
 * A driver state owns one virDomainEventState, shared by every connection
 * to it.  Events are queued from any thread (with domain objects locked:
 * the state's lock is taken last and held briefly) and delivered from a
 * timer on the registered event loop, so that a callback never runs
 * inside the call that caused its event, and may call the library,
 * deregister itself or close its connection.  Each callback holds a
 * reference on its connection, as in libvirt: virConnectClose() leaves a
 * connection with callbacks open until they are deregistered.
 */
#ifndef VIR_DOMAIN_EVENT_H
# define VIR_DOMAIN_EVENT_H

# include "internal.h"
# include "datatypes.h"

typedef struct _virDomainEventState virDomainEventState;

virDomainEventState *virDomainEventStateNew(void);
/* Drops the owner's reference; a timer on the loop may hold the last. */
void virDomainEventStateFree(virDomainEventState *state);

/**
 * virDomainEventStateRegister:
 * @state: the driver's events
 * @conn: the connection registering
 * @uuid: the domain to filter on, or NULL for all
 * @eventID: a virDomainEventID
 * @cb: the callback (a virConnectDomainEventCallback when @legacy)
 * @opaque, @freecb: as given by the application
 * @legacy: registered with virConnectDomainEventRegister
 *
 * Returns the callback id, or -1 with an error (the same callback is
 * already registered, or no event loop was registered).
 */
int virDomainEventStateRegister(virDomainEventState *state, virConnectPtr conn,
                                const unsigned char *uuid, int eventID,
                                virConnectDomainEventGenericCallback cb, void *opaque,
                                virFreeCallback freecb, bool legacy);

/* Deregisters callback @id of @conn (not a legacy one); -1 with an error
 * when there is none. */
int virDomainEventStateDeregisterID(virDomainEventState *state, virConnectPtr conn, int id);

/* Deregisters the legacy callback @cb of @conn; -1 with an error when
 * there is none. */
int virDomainEventStateDeregisterLegacy(virDomainEventState *state, virConnectPtr conn,
                                        virConnectDomainEventCallback cb);

/*
 * What an event says beyond its domain: the arguments of its callback
 * between the domain and the opaque, by kind, each kind in the
 * callback's order.  VIR_DOMAIN_EVENT_ID_IO_ERROR_REASON's (srcPath,
 * devAlias, action, reason) are strs[0], strs[1], ints[0], strs[2];
 * GRAPHICS's (phase, local, remote, authScheme, subject) are ints[0],
 * local, remote, strs[0], subject.  A queued event keeps a copy: the
 * caller's data is only read.
 */
# define VIR_DOMAIN_EVENT_DATA_INTS 3
# define VIR_DOMAIN_EVENT_DATA_NUMS 2
# define VIR_DOMAIN_EVENT_DATA_STRS 4

typedef struct {
    int ints[VIR_DOMAIN_EVENT_DATA_INTS];   /* int and unsigned int arguments */
    unsigned long long nums[VIR_DOMAIN_EVENT_DATA_NUMS]; /* long long and unsigned */
    char *strs[VIR_DOMAIN_EVENT_DATA_STRS]; /* strings; NULL where the callback allows */
    virTypedParameterPtr params;            /* TUNABLE, JOB_COMPLETED */
    int nparams;
    virDomainEventGraphicsAddress local;    /* GRAPHICS */
    virDomainEventGraphicsAddress remote;
    virDomainEventGraphicsSubject subject;
} virDomainEventData;

/* Queues an event of @eventID (a virDomainEventID) for the domain @name
 * (@uuid, @id), with a copy of @data. */
void virDomainEventStateQueueData(virDomainEventState *state, int eventID, const char *name,
                                  const unsigned char *uuid, int id,
                                  const virDomainEventData *data);

/* Queues a lifecycle event for the domain @name (@uuid, @id). */
void virDomainEventStateQueueLifecycle(virDomainEventState *state, const char *name,
                                       const unsigned char *uuid, int id, int event,
                                       int detail);

/* Queues a metadata change event (a virDomainMetadataType, and the
 * element's namespace or NULL) for the domain @name (@uuid, @id). */
void virDomainEventStateQueueMetadata(virDomainEventState *state, const char *name,
                                      const unsigned char *uuid, int id, int type,
                                      const char *nsuri);

#endif /* VIR_DOMAIN_EVENT_H */
