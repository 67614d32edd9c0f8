/*
 * domain_events.h: domain events in the shared driver layer: the shared
 * methods that register callbacks, and the hook through which the shared
 * flows, and a driver, emit lifecycle events
 *
 * The shared flows emit every lifecycle event of a change made through
 * them (define, start, stop, pause, save...), and of a change another
 * process made to a root, seen when the list is brought up to date.  A
 * driver calls virDomainDriverEmitLifecycle only for what happens on its
 * own and the shared layer cannot see: a guest that shut down or crashed
 * by itself, a kernel's notification (an emptied LVE, a context that
 * exited, a xenstore watch).
 */
#ifndef VIR_DOMAIN_EVENTS_H
# define VIR_DOMAIN_EVENTS_H

# include "domain_driver.h"

/**
 * virDomainDriverEmitLifecycle:
 * @base: the driver
 * @obj: the domain, locked
 * @event: a virDomainEventType
 * @detail: its virDomainEvent*DetailType
 *
 * Queues a lifecycle event for every callback registered on @base's
 * connections; it is delivered from the event loop.  Cheap when nobody
 * listens.
 */
void virDomainDriverEmitLifecycle(virDomainDriverBase *base, const virDomainObj *obj,
                                  int event, int detail);

/* STARTED for a start with the running @reason, then SUSPENDED when it
 * started @paused. */
void virDomainDriverEmitStarted(virDomainDriverBase *base, const virDomainObj *obj,
                                int reason, bool paused);

/* STOPPED with the detail of the shut-off @reason. */
void virDomainDriverEmitStopped(virDomainDriverBase *base, const virDomainObj *obj,
                                int reason);

/* METADATA_CHANGE of @type (a virDomainMetadataType), with the element's
 * namespace @nsuri or NULL. */
void virDomainDriverEmitMetadata(virDomainDriverBase *base, const virDomainObj *obj, int type,
                                 const char *nsuri);

/* What another process changed of @obj's metadata, from definition
 * @before to @after: METADATA_CHANGE for each description, title and
 * namespace that differs. */
void virDomainDriverEmitMetadataChanges(virDomainDriverBase *base, const virDomainObj *obj,
                                        const virDomainDef *before, const virDomainDef *after);

int sharedConnectDomainEventRegister(virConnectPtr conn, virConnectDomainEventCallback cb,
                                     void *opaque, virFreeCallback freecb);
int sharedConnectDomainEventDeregister(virConnectPtr conn, virConnectDomainEventCallback cb);
int sharedConnectDomainEventRegisterAny(virConnectPtr conn, virDomainPtr dom, int eventID,
                                        virConnectDomainEventGenericCallback cb,
                                        void *opaque, virFreeCallback freecb);
int sharedConnectDomainEventDeregisterAny(virConnectPtr conn, int callbackID);

#endif /* VIR_DOMAIN_EVENTS_H */
