/*
 * virevent.c: the public event loop calls: registering a loop and the
 * watches and timers the library (or the application) puts on it
 *
 * The loop's functions are kept behind one lock so that a thread that
 * registers a loop while another adds a timer sees all six or none.
 */
#include "internal.h"

#include "virerror.h"
#include "virevent.h"
#include "vireventglib.h"
#include "virlog.h"
#include "virthread.h"

#define VIR_FROM_THIS VIR_FROM_EVENT

typedef struct {
    virEventAddHandleFunc addHandle;
    virEventUpdateHandleFunc updateHandle;
    virEventRemoveHandleFunc removeHandle;
    virEventAddTimeoutFunc addTimeout;
    virEventUpdateTimeoutFunc updateTimeout;
    virEventRemoveTimeoutFunc removeTimeout;
} virEventImpl;

static virMutex virEventImplLock = VIR_MUTEX_INITIALIZER;
static virEventImpl virEventImplCurrent;

static virEventImpl
virEventGetImpl(void)
{
    virEventImpl impl;

    virMutexLock(&virEventImplLock);
    impl = virEventImplCurrent;
    virMutexUnlock(&virEventImplLock);
    return impl;
}

bool
virEventHasImpl(void)
{
    return virEventGetImpl().addTimeout != NULL;
}

/**
 * virEventRegisterImpl:
 * @addHandle: adds a watch on a file descriptor
 * @updateHandle: changes what a watch waits for
 * @removeHandle: removes a watch
 * @addTimeout: adds a timer
 * @updateTimeout: changes a timer's period
 * @removeTimeout: removes a timer
 *
 * Hands the library the application's own event loop: events are then
 * delivered from it.  Call it before registering event callbacks; it
 * replaces a loop registered earlier (watches and timers already on that
 * loop stay there).
 */
void
virEventRegisterImpl(virEventAddHandleFunc addHandle, virEventUpdateHandleFunc updateHandle,
                     virEventRemoveHandleFunc removeHandle, virEventAddTimeoutFunc addTimeout,
                     virEventUpdateTimeoutFunc updateTimeout,
                     virEventRemoveTimeoutFunc removeTimeout)
{
    VIR_DEBUG("addHandle=%p addTimeout=%p", addHandle, addTimeout);
    virMutexLock(&virEventImplLock);
    virEventImplCurrent = (virEventImpl) {
        addHandle, updateHandle, removeHandle, addTimeout, updateTimeout, removeTimeout
    };
    virMutexUnlock(&virEventImplLock);
}

/**
 * virEventRegisterDefaultImpl:
 *
 * Registers the library's own event loop, which runs on GLib's default
 * main context: an application runs it with virEventRunDefaultImpl, or
 * with its GLib main loop.
 *
 * Returns 0 (-1 is kept for libvirt's signature).
 */
int
virEventRegisterDefaultImpl(void)
{
    virResetLastError();
    /* GLib creates the default context (and the eventfd that wakes its
     * loop) on first use: here, in the thread that will run the loop,
     * rather than in whichever thread first arms a timer.  GLib's own
     * locks are futexes ThreadSanitizer cannot see, so a context made in
     * a worker and polled here is a race to it. */
    g_main_context_default();
    virEventRegisterImpl(virEventGLibAddHandle, virEventGLibUpdateHandle,
                         virEventGLibRemoveHandle, virEventGLibAddTimeout,
                         virEventGLibUpdateTimeout, virEventGLibRemoveTimeout);
    return 0;
}

/**
 * virEventRunDefaultImpl:
 *
 * Runs one iteration of the default loop: waits until a watch or timer
 * is due and calls what is due.
 *
 * Returns 0 (-1 is kept for libvirt's signature).
 */
int
virEventRunDefaultImpl(void)
{
    virResetLastError();
    g_main_context_iteration(NULL, TRUE);
    return 0;
}

/**
 * virEventAddHandle:
 * @fd: the file descriptor to watch
 * @events: the virEventHandleType bits to wait for
 * @cb: called when @fd is ready
 * @opaque: for @cb
 * @ff: frees @opaque once the watch is removed (may be NULL)
 *
 * Adds a watch on the registered event loop.
 *
 * Returns the watch (above zero), or -1 when no loop is registered or it
 * refused.
 */
int
virEventAddHandle(int fd, int events, virEventHandleCallback cb, void *opaque,
                  virFreeCallback ff)
{
    virEventImpl impl = virEventGetImpl();

    if (!impl.addHandle)
        return -1;
    return impl.addHandle(fd, events, cb, opaque, ff);
}

/**
 * virEventUpdateHandle:
 * @watch: a watch from virEventAddHandle
 * @events: the virEventHandleType bits to wait for from now on (0: none)
 *
 * Changes what a watch waits for.
 */
void
virEventUpdateHandle(int watch, int events)
{
    virEventImpl impl = virEventGetImpl();

    if (impl.updateHandle)
        impl.updateHandle(watch, events);
}

/**
 * virEventRemoveHandle:
 * @watch: a watch from virEventAddHandle
 *
 * Removes a watch; its free function is called once no call of its
 * callback is under way.
 *
 * Returns 0, or -1 when there is no such watch or no loop.
 */
int
virEventRemoveHandle(int watch)
{
    virEventImpl impl = virEventGetImpl();

    if (!impl.removeHandle)
        return -1;
    return impl.removeHandle(watch);
}

/**
 * virEventAddTimeout:
 * @frequency: the period in milliseconds; 0 fires at every iteration of
 *             the loop, -1 never (until virEventUpdateTimeout)
 * @cb: called when the timer fires
 * @opaque: for @cb
 * @ff: frees @opaque once the timer is removed (may be NULL)
 *
 * Adds a timer on the registered event loop.
 *
 * Returns the timer (above zero), or -1 when no loop is registered or it
 * refused.
 */
int
virEventAddTimeout(int frequency, virEventTimeoutCallback cb, void *opaque,
                   virFreeCallback ff)
{
    virEventImpl impl = virEventGetImpl();

    if (!impl.addTimeout)
        return -1;
    return impl.addTimeout(frequency, cb, opaque, ff);
}

/**
 * virEventUpdateTimeout:
 * @timer: a timer from virEventAddTimeout
 * @frequency: the new period, as for virEventAddTimeout
 *
 * Changes a timer's period.
 */
void
virEventUpdateTimeout(int timer, int frequency)
{
    virEventImpl impl = virEventGetImpl();

    if (impl.updateTimeout)
        impl.updateTimeout(timer, frequency);
}

/**
 * virEventRemoveTimeout:
 * @timer: a timer from virEventAddTimeout
 *
 * Removes a timer; its free function is called once no call of its
 * callback is under way.
 *
 * Returns 0, or -1 when there is no such timer or no loop.
 */
int
virEventRemoveTimeout(int timer)
{
    virEventImpl impl = virEventGetImpl();

    if (!impl.removeTimeout)
        return -1;
    return impl.removeTimeout(timer);
}
