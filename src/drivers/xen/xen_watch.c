/*
 * xen_watch.c: xenstore watches, the events of a Xen host
 *
 * xenstored fires "@releaseDomain" when a domain has gone (died and its
 * pages released) and "@introduceDomain" when one is announced; a watch on
 * a key fires when it or anything below it changes.  Every watch also fires
 * once when it is set, as xenstored promises, so a watcher starts by
 * looking at the current state.  Events queue on the handle until read.
 */
#include "internal.h"

#include "virerror.h"
#include "xen_error.h"
#include "xen_handle.h"

#define VIR_FROM_THIS VIR_FROM_XEN

int
xenStoreWatch(xenHandle *h, const char *path, const char *token)
{
    if (!xs_watch(h->xsh, path, token)) {
        xenReportHostErrno(errno, _("watch %s in xenstore"), path);
        return -1;
    }
    return 0;
}

int
xenStoreUnwatch(xenHandle *h, const char *path, const char *token)
{
    if (!xs_unwatch(h->xsh, path, token)) {
        xenReportHostErrno(errno, _("stop watching %s in xenstore"), path);
        return -1;
    }
    return 0;
}

int
xenStoreWatchFd(xenHandle *h)
{
    int fd = xs_fileno(h->xsh);

    if (fd < 0)
        xenReportHostErrno(errno, "%s", _("get the xenstore watch descriptor"));
    return fd;
}

int
xenStorePollWatch(xenHandle *h, char **path, char **token)
{
    char **event = xs_check_watch(h->xsh);

    if (!event) {
        if (errno == EAGAIN)
            return 0;
        xenReportHostErrno(errno, "%s", _("read a xenstore watch event"));
        return -1;
    }
    *path = g_strdup(event[XS_WATCH_PATH]);
    *token = g_strdup(event[XS_WATCH_TOKEN]);
    free(event);        /* one block from libxenstore's malloc */
    return 1;
}
