/*
 * virt-event.h: the event loop the library's events are delivered on
 *
 * Part of virtkit's libvirt-compatible public API; include <virt/virt.h>.
 * An application either registers the default loop
 * (virEventRegisterDefaultImpl, which runs on GLib's default main
 * context) and runs it with virEventRunDefaultImpl, or hands the library
 * its own loop with virEventRegisterImpl.  Either is done before a
 * connection registers event callbacks.
 */
#ifndef VIRT_EVENT_H
# define VIRT_EVENT_H

# ifndef VIRT_VIRT_H_INCLUDES
#  error "Don't include this file directly, only use virt/virt.h"
# endif

/**
 * SECTION:virt-event
 * @title: virt-event
 * @short_description: the event loop
 * @include: virt/virt.h
 *
 * The event loop that delivers events and watches file descriptors and
 * timeouts: either the default one (virEventRegisterDefaultImpl() and
 * virEventRunDefaultImpl()) or the application's own, registered with
 * virEventRegisterImpl().
 */

# ifdef __cplusplus
extern "C" {
# endif

/**
 * virEventHandleType:
 *
 * What a watched file descriptor is waited for, and what happened to it.
 */
typedef enum {
    VIR_EVENT_HANDLE_READABLE  = (1 << 0),
    VIR_EVENT_HANDLE_WRITABLE  = (1 << 1),
    VIR_EVENT_HANDLE_ERROR     = (1 << 2),
    VIR_EVENT_HANDLE_HANGUP    = (1 << 3),
} virEventHandleType;

/**
 * virEventHandleCallback:
 * @watch: the watch, as virEventAddHandle returned it
 * @fd: the file descriptor
 * @events: the virEventHandleType bits that happened
 * @opaque: user data given at registration
 *
 * Called when @fd is ready.
 */
typedef void (*virEventHandleCallback)(int watch, int fd, int events, void *opaque);

/**
 * virEventAddHandleFunc:
 * @fd: the file descriptor to watch
 * @event: the virEventHandleType bits to wait for
 * @cb: called when @fd is ready
 * @opaque: for @cb
 * @ff: frees @opaque once the watch is removed (may be NULL)
 *
 * Part of an application's event loop (virEventRegisterImpl).
 *
 * Returns a watch number above zero, or -1 on failure.
 */
typedef int (*virEventAddHandleFunc)(int fd, int event, virEventHandleCallback cb,
                                     void *opaque, virFreeCallback ff);

/**
 * virEventUpdateHandleFunc:
 * @watch: a watch from virEventAddHandleFunc
 * @event: the virEventHandleType bits to wait for from now on
 *
 * Part of an application's event loop (virEventRegisterImpl).
 */
typedef void (*virEventUpdateHandleFunc)(int watch, int event);

/**
 * virEventRemoveHandleFunc:
 * @watch: a watch from virEventAddHandleFunc
 *
 * Part of an application's event loop (virEventRegisterImpl).  The free
 * function of the watch must not be called before this returns.
 *
 * Returns 0, or -1 when there is no such watch.
 */
typedef int (*virEventRemoveHandleFunc)(int watch);

/**
 * virEventTimeoutCallback:
 * @timer: the timer, as virEventAddTimeout returned it
 * @opaque: user data given at registration
 *
 * Called when @timer fires.
 */
typedef void (*virEventTimeoutCallback)(int timer, void *opaque);

/**
 * virEventAddTimeoutFunc:
 * @timeout: the period in milliseconds; 0 fires at every iteration of
 *           the loop, -1 never (until updated)
 * @cb: called when the timer fires
 * @opaque: for @cb
 * @ff: frees @opaque once the timer is removed (may be NULL)
 *
 * Part of an application's event loop (virEventRegisterImpl).
 *
 * Returns a timer number above zero, or -1 on failure.
 */
typedef int (*virEventAddTimeoutFunc)(int timeout, virEventTimeoutCallback cb,
                                      void *opaque, virFreeCallback ff);

/**
 * virEventUpdateTimeoutFunc:
 * @timer: a timer from virEventAddTimeoutFunc
 * @timeout: the new period, as for virEventAddTimeoutFunc
 *
 * Part of an application's event loop (virEventRegisterImpl).
 */
typedef void (*virEventUpdateTimeoutFunc)(int timer, int timeout);

/**
 * virEventRemoveTimeoutFunc:
 * @timer: a timer from virEventAddTimeoutFunc
 *
 * Part of an application's event loop (virEventRegisterImpl).
 *
 * Returns 0, or -1 when there is no such timer.
 */
typedef int (*virEventRemoveTimeoutFunc)(int timer);

void virEventRegisterImpl(virEventAddHandleFunc addHandle,
                          virEventUpdateHandleFunc updateHandle,
                          virEventRemoveHandleFunc removeHandle,
                          virEventAddTimeoutFunc addTimeout,
                          virEventUpdateTimeoutFunc updateTimeout,
                          virEventRemoveTimeoutFunc removeTimeout);

int virEventRegisterDefaultImpl(void);
int virEventRunDefaultImpl(void);

int virEventAddHandle(int fd, int events, virEventHandleCallback cb, void *opaque,
                      virFreeCallback ff);
void virEventUpdateHandle(int watch, int events);
int virEventRemoveHandle(int watch);

int virEventAddTimeout(int frequency, virEventTimeoutCallback cb, void *opaque,
                       virFreeCallback ff);
void virEventUpdateTimeout(int timer, int frequency);
int virEventRemoveTimeout(int timer);

# ifdef __cplusplus
}
# endif

#endif /* VIRT_EVENT_H */
