/*
 * rpc_events.h: domain events between virDomainEventData and the wire
 *
 * One table maps each event ID of libvirt 9.0's remote protocol to the
 * message that carries it (REMOTE_PROC_DOMAIN_EVENT_CALLBACK_* and the
 * later REMOTE_PROC_DOMAIN_EVENT_*) and to the layout of that message:
 * where its domain is, and which slot of virDomainEventData each of its
 * fields fills.  virtkitd encodes with it, the remote driver decodes.
 */
#ifndef VKR_RPC_EVENTS_H
# define VKR_RPC_EVENTS_H

# include "internal.h"

# include <rpc/rpc.h>

# include "domain_event.h"
# include "virtkit_protocol.h"

typedef struct _vkrEventWire vkrEventWire;

/* The message of event @eventID, or NULL for an ID the protocol lacks. */
const vkrEventWire *vkrEventWireByID(int eventID);
/* The event a message of procedure @proc carries, or NULL. */
const vkrEventWire *vkrEventWireByProc(int proc);

int vkrEventWireID(const vkrEventWire *w);
/* virsh's name of the event ("lifecycle"), for messages */
const char *vkrEventWireName(const vkrEventWire *w);
int vkrEventWireProc(const vkrEventWire *w);
xdrproc_t vkrEventWireFilter(const vkrEventWire *w);
size_t vkrEventWireSize(const vkrEventWire *w);

/* Fills the zeroed message @msg (vkrEventWireSize bytes) with copies:
 * free it with xdr_free(vkrEventWireFilter(w), msg).  FALSE when the
 * typed parameters do not fit the message. */
gboolean vkrEventToWire(const vkrEventWire *w, int callbackID, const char *name,
                        const unsigned char *uuid, int id, const virDomainEventData *data,
                        void *msg, GError **error);

/* Reads the decoded message @msg: its domain and @data, whose strings
 * point into @msg (which must outlive it); free what it allocated with
 * vkrEventDataClear.  FALSE for parameters the API cannot hold. */
gboolean vkrEventFromWire(const vkrEventWire *w, const void *msg,
                          const vkr_nonnull_domain **dom, virDomainEventData *data,
                          GError **error);
void vkrEventDataClear(virDomainEventData *data);

#endif /* VKR_RPC_EVENTS_H */
