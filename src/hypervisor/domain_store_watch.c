/*
 * domain_store_watch.c: changes other processes make to a root, seen as
 * they happen, through inotify on the root's generation file
 */
#include "internal.h"

#include <sys/inotify.h>
#include <unistd.h>

#include "domain_store_watch.h"
#include "domain_sync.h"
#include "virerror.h"
#include "virlog.h"
#include "virthread.h"

#define VIR_FROM_THIS VIR_FROM_DOMAIN

/* The loop's watch outlives the driver until its free function runs:
 * the driver's end clears @base under @lock, so that a callback under way
 * finishes first and a later one does nothing. */
struct _virDomainStoreWatch {
    gint refs;
    virMutex lock;
    virDomainDriverBase *base;      /* NULL once the driver ends */
    int fd;                         /* inotify */
    int watch;                      /* on the event loop */
};

static void
virDomainStoreWatchUnref(void *opaque)
{
    virDomainStoreWatch *w = opaque;

    if (!g_atomic_int_dec_and_test(&w->refs))
        return;
    if (w->fd >= 0)
        close(w->fd);
    virMutexDestroy(&w->lock);
    g_free(w);
}

static void
virDomainStoreWatchDrain(int fd)
{
    char buf[4096] __attribute__((aligned(__alignof__(struct inotify_event))));

    while (read(fd, buf, sizeof(buf)) > 0)
        ;
}

static void
virDomainStoreWatchChanged(int watch G_GNUC_UNUSED, int fd, int events G_GNUC_UNUSED,
                           void *opaque)
{
    virDomainStoreWatch *w = opaque;

    virDomainStoreWatchDrain(fd);
    virMutexLock(&w->lock);
    /* as a reader: the files stay for the next process that writes */
    if (w->base)
        virDomainDriverRefreshAs(w->base, false);
    virMutexUnlock(&w->lock);
}

static virDomainStoreWatch *
virDomainStoreWatchNew(virDomainDriverBase *base)
{
    g_autofree char *path = g_build_filename(virDomainStoreStateDir(base->store),
                                             ".generation", NULL);
    virDomainStoreWatch *w;
    int fd;

    if ((fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC)) < 0 ||
        inotify_add_watch(fd, path, IN_MODIFY | IN_CLOSE_WRITE) < 0) {
        VIR_WARN("cannot watch '%s' for other processes' changes: %s", path,
                 g_strerror(errno));
        if (fd >= 0)
            close(fd);
        return NULL;
    }
    w = g_new0(virDomainStoreWatch, 1);
    w->refs = 1;
    virMutexInit(&w->lock);
    w->base = base;
    w->fd = fd;
    g_atomic_int_inc(&w->refs);
    if ((w->watch = virEventAddHandle(fd, VIR_EVENT_HANDLE_READABLE, virDomainStoreWatchChanged,
                                      w, virDomainStoreWatchUnref)) < 0) {
        VIR_WARN("cannot watch '%s': no event loop", path);
        g_atomic_int_dec_and_test(&w->refs);
        virDomainStoreWatchUnref(w);
        return NULL;
    }
    return w;
}

void
virDomainStoreWatchStart(virDomainDriverBase *base)
{
    virMutexLock(&base->idsLock);
    if (!base->storeWatch)
        base->storeWatch = virDomainStoreWatchNew(base);
    virMutexUnlock(&base->idsLock);
}

void
virDomainStoreWatchStop(virDomainDriverBase *base)
{
    virDomainStoreWatch *w = g_steal_pointer(&base->storeWatch);

    if (!w)
        return;
    virEventRemoveHandle(w->watch);
    virMutexLock(&w->lock);
    w->base = NULL;
    virMutexUnlock(&w->lock);
    virDomainStoreWatchUnref(w);
}
