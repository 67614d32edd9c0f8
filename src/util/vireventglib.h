/*
 * vireventglib.h: the default event loop, on GLib's default main context
 * (registered by virEventRegisterDefaultImpl)
 */
#ifndef VIR_EVENT_GLIB_H
# define VIR_EVENT_GLIB_H

# include "internal.h"

int virEventGLibAddHandle(int fd, int events, virEventHandleCallback cb, void *opaque,
                          virFreeCallback ff);
void virEventGLibUpdateHandle(int watch, int events);
int virEventGLibRemoveHandle(int watch);
int virEventGLibAddTimeout(int frequency, virEventTimeoutCallback cb, void *opaque,
                           virFreeCallback ff);
void virEventGLibUpdateTimeout(int timer, int frequency);
int virEventGLibRemoveTimeout(int timer);

#endif /* VIR_EVENT_GLIB_H */
