/*
 * vkd_events.h: domain lifecycle events for the clients that ask for them
 *
 * virtkit's public API has no event callbacks, so the daemon watches the
 * domains itself, through the public API, for each client with a lifecycle
 * callback (CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY): it lists the
 * client's domains after every call it serves that may change one, and
 * once a second for what other processes do on the host, and turns each
 * difference with the last listing into the lifecycle event libvirt sends
 * for it (DOMAIN_EVENT_CALLBACK_LIFECYCLE).  A metadata-change callback
 * gets DOMAIN_EVENT_CALLBACK_METADATA_CHANGE for each virDomainSetMetadata
 * the daemon serves.  Nobody registered: nothing runs.
 */
#ifndef VKD_EVENTS_H
# define VKD_EVENTS_H

# include "internal.h"

typedef struct _vkdClient vkdClient;
typedef struct _vkdEvents vkdEvents;

vkdEvents *vkdEventsNew(void);
void vkdEventsFree(vkdEvents *events);

int vkdEventsRegister(vkdEvents *events, vkdClient *client, virConnectPtr conn, int eventID,
                      const unsigned char *uuid);
int vkdEventsDeregister(vkdEvents *events, vkdClient *client, int callbackID);
void vkdEventsBeforeCall(vkdEvents *events, int proc, const void *args);
void vkdEventsAfterCall(vkdEvents *events, int proc, const void *args);

#endif /* VKD_EVENTS_H */
