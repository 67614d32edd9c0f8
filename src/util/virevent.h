/*
 * virevent.h: the event loop the library uses: the application's
 * (virEventRegisterImpl) or the default one on GLib's main context
 *
 * The public virEvent* calls are defined in virevent.c; this header adds
 * what the library itself asks.
 */
#ifndef VIR_EVENT_H
# define VIR_EVENT_H

# include "internal.h"

/* Whether an event loop was registered (the default or the application's). */
bool virEventHasImpl(void);

#endif /* VIR_EVENT_H */
