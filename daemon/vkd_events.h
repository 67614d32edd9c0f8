/*
 * vkd_events.h: domain events for the clients that ask for them
 *
 * Each callback a client registers (CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY)
 * is a callback on its library connection; what the library delivers goes
 * to the client as DOMAIN_EVENT_CALLBACK_LIFECYCLE or _METADATA_CHANGE.
 */
#ifndef VKD_EVENTS_H
# define VKD_EVENTS_H

# include "internal.h"

typedef struct _vkdClient vkdClient;
typedef struct _vkdEvents vkdEvents;

vkdEvents *vkdEventsNew(void);
void vkdEventsFree(vkdEvents *events);

int vkdEventsRegister(vkdEvents *events, vkdClient *client, virConnectPtr conn, int eventID,
                      virDomainPtr dom);
int vkdEventsDeregister(vkdEvents *events, vkdClient *client, int callbackID);
void vkdEventsClientGone(vkdEvents *events, vkdClient *client);

#endif /* VKD_EVENTS_H */
