/*
 * remote_driver.h: what the remote driver's files share
 *
 * A connection's private data is the client on its stream; the methods
 * are small wrappers that name a procedure and move values between the
 * API's types and the protocol's (the codecs are generated from
 * src/rpc/virtkit_protocol.x).  libvirt's calls are procedures of its
 * REMOTE program; virtkit's own (virt-virtkit.h) of virtkit's program,
 * which only virtkitd serves (remote_virtkit.c).
 */
#ifndef REMOTE_DRIVER_H
# define REMOTE_DRIVER_H

# include "internal.h"

# include "datatypes.h"
# include "domain_event.h"
# include "remote_client.h"
# include "remote_transport.h"

typedef struct _remoteDriverPrivate remoteDriverPrivate;
struct _remoteDriverPrivate {
    remoteClient *client;
    remoteURI *ruri;
    virMutex lock;              /* guards the fields below */
    char *type;                 /* what GetType answered: it returns a const string */
    virDomainEventState *events;
    /* the events the driver forwards: one registration on the daemon per
     * event ID, while a local callback wants it (remote_events.c) */
    int eventRefs[VIR_DOMAIN_EVENT_ID_LAST];       /* local callbacks, by event ID */
    int eventCallbackID[VIR_DOMAIN_EVENT_ID_LAST]; /* the daemon's id for ours */
    GHashTable *callbackEvents; /* local callback id -> its event ID */
    int serverKeepAlive;        /* the daemon answers keepalive: 1 yes, 0 no, -1 not asked */
    int virtkitProgram;         /* the daemon serves VKR_VIRTKIT_PROGRAM: 1 yes, -1 no,
                                 * 0 not asked yet */
};

# define REMOTE_PRIV(conn) ((remoteDriverPrivate *)(conn)->privateData)

int remoteCall(virConnectPtr conn, int proc, void *args, void *ret);
int remoteCallProgram(virConnectPtr conn, unsigned int prog, int proc, void *args, void *ret);
void remoteDomainToWire(virDomainPtr dom, vkr_nonnull_domain *wire);
virDomainPtr remoteDomainFromWire(virConnectPtr conn, const vkr_nonnull_domain *wire);

/* remote_events.c */
void remoteEventDispatch(remoteClient *client, int proc, void *msg, void *opaque);
int remoteConnectDomainEventRegister(virConnectPtr conn, virConnectDomainEventCallback cb,
                                     void *opaque, virFreeCallback freecb);
int remoteConnectDomainEventDeregister(virConnectPtr conn, virConnectDomainEventCallback cb);
int remoteConnectDomainEventRegisterAny(virConnectPtr conn, virDomainPtr dom, int eventID,
                                        virConnectDomainEventGenericCallback cb,
                                        void *opaque, virFreeCallback freecb);
int remoteConnectDomainEventDeregisterAny(virConnectPtr conn, int callbackID);

#endif /* REMOTE_DRIVER_H */
