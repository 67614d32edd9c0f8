/*
 * remote_client.c: one connection to a daemon: calls, replies, keepalive
 * and unasked messages
 *
 * The calling thread does the I/O of its own call: it queues the call,
 * then polls the stream until the reply with its serial arrives, handling
 * whatever comes before it (keepalive, events).  Between calls, a watch on
 * the application's event loop (when there is one) reads the stream, so
 * that events and pings are not left waiting for the next call.
 */
#include "internal.h"

#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "remote_client.h"
#include "rpc_channel.h"
#include "virerror.h"
#include "virevent.h"
#include "virlog.h"
#include "virthread.h"

#define VIR_FROM_THIS VIR_FROM_RPC

/* What one read() lends the channel: frames larger than this are read
 * straight into their own buffer. */
#define REMOTE_CLIENT_SCRATCH 65536

struct _remoteClient {
    gint refs;                  /* the owner's, and the loop's watch and timer */
    virMutex lock;              /* the stream: one reader, one call at a time */
    vkrChannel *ch;
    void *transport;            /* the layer under the channel (TLS), or NULL */
    GDestroyNotify transportFree;
    pid_t child;                /* the ssh (or other) command behind the stream; 0: none */
    int errfd;                  /* its standard error, -1: none */
    char *host;                 /* named in messages; NULL for a local socket */
    unsigned int serial;
    bool closed;
    char *closeReason;          /* why the stream ended, when not the read below */
    int closeErrno;             /* the read that failed: EIO for end of file */

    /* the call on the wire */
    bool waiting;
    unsigned int waitSerial;
    vkrMessage *reply;

    /* the event loop's part */
    int watch;                  /* -1: none */
    int timer;
    unsigned int pingsUnanswered;
    unsigned int pingsMax;
    bool closeReported;

    remoteClientEventFunc event;
    remoteClientCloseFunc closeFunc;
    void *opaque;
};

static void
remoteClientUnref(void *opaque)
{
    remoteClient *client = opaque;

    if (!g_atomic_int_dec_and_test(&client->refs))
        return;
    vkrMessageFree(client->reply);
    vkrChannelFree(client->ch);
    if (client->transport)
        client->transportFree(client->transport);
    if (client->child > 0) {
        /* the command saw its stream end; a stuck one is not waited for */
        kill(client->child, SIGTERM);
        while (waitpid(client->child, NULL, 0) < 0 && errno == EINTR)
            ;
    }
    virMutexDestroy(&client->lock);
    if (client->errfd >= 0)
        close(client->errfd);
    g_free(client->closeReason);
    g_free(client->host);
    g_free(client);
}

/**
 * remoteClientNew:
 * @fd: a connected, non-blocking stream; the client owns it
 * @errfd: the non-blocking standard error of @child (the client owns it), or -1
 * @child: the process at the other end of @fd (ssh), or 0
 * @host: the host named in errors, or NULL for a local socket
 *
 * Returns a client on @fd.
 */
remoteClient *
remoteClientNew(int fd, int errfd, pid_t child, const char *host)
{
    remoteClient *client = g_new0(remoteClient, 1);

    client->refs = 1;
    virMutexInit(&client->lock);
    client->ch = vkrChannelNew(fd);
    client->child = child;
    client->errfd = errfd;
    client->host = g_strdup(host);
    client->watch = -1;
    client->timer = -1;
    return client;
}

/**
 * remoteClientFree:
 * @client: a client, or NULL
 *
 * Stops its watch and timer and drops the owner's reference: the stream
 * is closed once the loop lets go of it too.
 */
void
remoteClientFree(remoteClient *client)
{
    if (!client)
        return;
    virMutexLock(&client->lock);
    client->event = NULL;
    client->closeFunc = NULL;
    if (client->watch >= 0)
        virEventRemoveHandle(client->watch);
    if (client->timer >= 0)
        virEventRemoveTimeout(client->timer);
    client->watch = client->timer = -1;
    virMutexUnlock(&client->lock);
    remoteClientUnref(client);
}

/**
 * remoteClientSetTransport:
 * @client: a client that made no call yet
 * @transport: the layer to read and write through (static)
 * @opaque: its data
 * @owned: what holds @opaque (the client owns it from now on)
 * @freeFunc: frees @owned once the stream is closed
 */
void
remoteClientSetTransport(remoteClient *client, const vkrChannelTransport *transport,
                         void *opaque, void *owned, GDestroyNotify freeFunc)
{
    client->transport = owned;
    client->transportFree = freeFunc;
    vkrChannelSetTransport(client->ch, transport, opaque);
}

void
remoteClientSetHandlers(remoteClient *client, remoteClientEventFunc event,
                        remoteClientCloseFunc closeFunc, void *opaque)
{
    virMutexLock(&client->lock);
    client->event = event;
    client->closeFunc = closeFunc;
    client->opaque = opaque;
    virMutexUnlock(&client->lock);
}

/* The stream is finished; the lock is held. */
static void
remoteClientMarkClosed(remoteClient *client, const char *reason)
{
    if (client->closed)
        return;
    client->closed = true;
    client->closeReason = g_strdup(reason);
    VIR_DEBUG("connection to %s closed: %s", client->host ? client->host : "the daemon", reason);
    vkrChannelShutdown(client->ch);
}

static void
remoteClientSendKeepalive(remoteClient *client, int proc)
{
    vkr_message_header header = {
        .prog = VKR_KEEPALIVE_PROGRAM,
        .vers = VKR_KEEPALIVE_VERSION,
        .proc = proc,
        .type = VKR_MESSAGE,
        .serial = 0,
        .status = VKR_OK,
    };
    vkrMessage *msg = vkrMessageNew(VKR_FRAME_MIN);
    g_autoptr(GError) error = NULL;

    if (!vkrMessageEncode(msg, &header, VKR_XDR_VOID, NULL, &error)) {
        vkrMessageFree(msg);
        return;
    }
    if (vkrChannelSend(client->ch, msg, &error) < 0)
        remoteClientMarkClosed(client, error->message);
}

/* An unasked message of the REMOTE program: an event for the owner. */
static void
remoteClientDeliverEvent(remoteClient *client, vkrMessage *msg)
{
    const vkrProc *proc = vkrRemoteProcGet(msg->header.proc);
    g_autoptr(GError) error = NULL;
    g_autofree void *data = NULL;

    if (!proc || !client->event) {
        VIR_DEBUG("dropping unasked message of procedure %d", msg->header.proc);
        return;
    }
    data = g_malloc0(proc->args_size ? proc->args_size : 1);
    if (!vkrMessageDecodePayload(msg, proc->args_filter, data, &error)) {
        VIR_WARN("dropping event %s: %s", proc->name, error->message);
        return;
    }
    client->event(client, msg->header.proc, data, client->opaque);
    xdr_free(proc->args_filter, data);
}

/* Each frame the channel completes; the lock is held. */
static void
remoteClientDeliver(vkrChannel *ch G_GNUC_UNUSED, vkrMessage *msg, void *opaque)
{
    remoteClient *client = opaque;
    g_autoptr(vkrMessage) owned = msg;
    g_autoptr(GError) error = NULL;

    if (!vkrMessageDecodeHeader(msg, &error)) {
        remoteClientMarkClosed(client, error->message);
        return;
    }
    /* anything the daemon says proves it alive */
    client->pingsUnanswered = 0;
    if (msg->header.prog == VKR_KEEPALIVE_PROGRAM) {
        if (msg->header.proc == VKR_KEEPALIVE_PROC_PING)
            remoteClientSendKeepalive(client, VKR_KEEPALIVE_PROC_PONG);
        return;
    }
    if (msg->header.type == VKR_MESSAGE) {
        if (msg->header.prog == VKR_REMOTE_PROGRAM)
            remoteClientDeliverEvent(client, msg);
    } else if (msg->header.type == VKR_REPLY && client->waiting &&
               msg->header.serial == client->waitSerial && !client->reply) {
        client->reply = g_steal_pointer(&owned);
    }
}

/* Reads what the stream has; the lock is held.  Returns -1 once closed. */
static int
remoteClientReadSome(remoteClient *client)
{
    g_autofree char *scratch = g_malloc(REMOTE_CLIENT_SCRATCH);
    g_autoptr(GError) error = NULL;
    int rc;

    int saved = 0;

    while ((rc = vkrChannelRead(client->ch, scratch, REMOTE_CLIENT_SCRATCH,
                                remoteClientDeliver, client, &error)) > 0 &&
           !client->reply && !client->closed)
        ;
    saved = errno;
    if (rc < 0) {
        if (g_error_matches(error, VKR_RPC_ERROR, VKR_RPC_ERROR_EOF))
            client->closeErrno = EIO;
        else if (g_error_matches(error, VKR_RPC_ERROR, VKR_RPC_ERROR_IO))
            client->closeErrno = saved;
        remoteClientMarkClosed(client, error->message);
    }
    return client->closed ? -1 : 0;
}

/* A write failed (errno says why); the lock is held.  The other end gone
 * (an ssh that could not connect died before the call left) is reported
 * as libvirt reports it when its read finds it gone, with what the
 * command said; which of the two sees it first is a race. */
static void
remoteClientWriteFailed(remoteClient *client, const GError *error)
{
    if (errno == EPIPE || errno == ECONNRESET)
        client->closeErrno = ECONNRESET;
    remoteClientMarkClosed(client, error->message);
}

/* Polls until the reply to the call on the wire arrives; the lock is held. */
static int
remoteClientWaitReply(remoteClient *client)
{
    g_autoptr(GError) error = NULL;
    int fd = vkrChannelGetFD(client->ch);

    while (!client->reply && !client->closed) {
        struct pollfd pfd = { .fd = fd, .events = POLLIN };

        if (vkrChannelQueued(client->ch) > 0)
            pfd.events |= POLLOUT;
        if (poll(&pfd, 1, -1) < 0) {
            if (errno == EINTR)
                continue;
            remoteClientMarkClosed(client, g_strerror(errno));
            break;
        }
        if ((pfd.revents & POLLOUT) && vkrChannelFlush(client->ch, &error) < 0) {
            remoteClientWriteFailed(client, error);
            break;
        }
        if (pfd.revents & (POLLIN | POLLHUP | POLLERR))
            remoteClientReadSome(client);
    }
    return client->reply ? 0 : -1;
}

/* What the command behind the stream said on its way out ("ssh: connect
 * to host h2 port 22: Connection refused"), without its line ends. */
static char *
remoteClientErrorOutput(remoteClient *client)
{
    GString *out = g_string_new(NULL);
    char buf[1024];
    ssize_t got;

    while (client->errfd >= 0 && (got = read(client->errfd, buf, sizeof(buf))) > 0)
        g_string_append_len(out, buf, got);
    /* ssh ends its lines with "\r\n" when it has no terminal */
    while (out->len > 0 && strchr("\r\n", out->str[out->len - 1]))
        g_string_truncate(out, out->len - 1);
    return g_string_free(out, out->len == 0);
}

/* libvirt's words for a stream that ended, with what the command said. */
static void
remoteClientReportClosed(remoteClient *client)
{
    g_autofree char *errout = NULL;

    if (client->closeErrno) {
        errout = remoteClientErrorOutput(client);
        if (client->closeErrno == EIO)
            virReportSystemError(EIO, "%s%s%s", _("End of file while reading data"),
                                 errout ? ": " : "", errout ? errout : "");
        else
            virReportSystemError(client->closeErrno, "%s%s%s", _("Cannot recv data"),
                                 errout ? ": " : "", errout ? errout : "");
    } else if (client->closeReason)
        virReportError(VIR_ERR_INTERNAL_ERROR, _("connection to %s failed: %s"),
                       client->host ? client->host : _("the daemon"), client->closeReason);
    else
        virReportError(VIR_ERR_INTERNAL_ERROR, "%s", _("client socket is closed"));
}

/* Turns a reply into the result, or into the daemon's error, kept whole:
 * the application sees the code, domain and words of the remote library. */
static int
remoteClientDecodeReply(const vkrProc *proc, vkrMessage *reply, void *ret)
{
    g_autoptr(GError) error = NULL;

    if (reply->header.status == VKR_ERROR) {
        virErrorPtr err = g_new0(virError, 1);

        if (!vkrMessageDecodeError(reply, err, &error)) {
            g_free(err);
            virReportError(VIR_ERR_RPC, _("cannot read the error of %s: %s"),
                           proc->name, error->message);
            return -1;
        }
        virErrorRestore(&err);
        return -1;
    }
    if (reply->header.status != VKR_OK) {
        virReportError(VIR_ERR_RPC, _("unexpected status %d in the reply to %s"),
                       reply->header.status, proc->name);
        return -1;
    }
    if (!vkrMessageDecodePayload(reply, proc->ret_filter, ret, &error)) {
        virReportError(VIR_ERR_RPC, _("cannot read the reply to %s: %s"), proc->name,
                       error->message);
        return -1;
    }
    return 0;
}

/**
 * remoteClientCall:
 * @client: a client
 * @prog: VKR_REMOTE_PROGRAM, or VKR_VIRTKIT_PROGRAM (virtkitd only)
 * @proc: a procedure of @prog
 * @args: its arguments (NULL when it takes none)
 * @ret: where to decode its result, zeroed (NULL when it returns none);
 *       free with xdr_free(the procedure's ret_filter, @ret)
 *
 * Calls @proc and waits for its reply.
 *
 * Returns 0, or -1 with the daemon's error or one saying why the
 * connection failed.
 */
int
remoteClientCall(remoteClient *client, unsigned int prog, int proc, void *args, void *ret)
{
    const vkrProc *info = vkrProcGet(prog, proc);
    vkr_message_header header = {
        .prog = prog,
        .vers = prog == VKR_VIRTKIT_PROGRAM ? VKR_VIRTKIT_VERSION : VKR_REMOTE_VERSION,
        .proc = proc,
        .type = VKR_CALL,
        .status = VKR_OK,
    };
    g_autoptr(vkrMessage) reply = NULL;
    g_autoptr(GError) error = NULL;
    vkrMessage *msg;

    if (!info) {
        virReportInvariantError("a procedure the protocol does not describe");
        return -1;
    }
    virMutexLock(&client->lock);
    if (client->closed) {
        remoteClientReportClosed(client);
        virMutexUnlock(&client->lock);
        return -1;
    }
    header.serial = client->serial++;
    msg = vkrMessageNew(VKR_FRAME_MIN + 256);
    if (!vkrMessageEncode(msg, &header, info->args_filter, args, &error)) {
        virMutexUnlock(&client->lock);
        vkrMessageFree(msg);
        virReportError(VIR_ERR_RPC, _("cannot send %s: %s"), info->name, error->message);
        return -1;
    }
    client->waiting = true;
    client->waitSerial = header.serial;
    if (vkrChannelSend(client->ch, msg, &error) < 0)
        remoteClientWriteFailed(client, error);
    if (remoteClientWaitReply(client) < 0)
        remoteClientReportClosed(client);
    client->waiting = false;
    reply = g_steal_pointer(&client->reply);
    virMutexUnlock(&client->lock);

    if (!reply)
        return -1;
    return remoteClientDecodeReply(info, reply, ret);
}

bool
remoteClientIsAlive(remoteClient *client)
{
    bool alive;

    virMutexLock(&client->lock);
    alive = !client->closed;
    virMutexUnlock(&client->lock);
    return alive;
}

/* Tells the owner once that the stream ended; never with the lock held,
 * since its callback may call into the library. */
static void
remoteClientNotifyClosed(remoteClient *client)
{
    remoteClientCloseFunc func = NULL;
    void *opaque = NULL;

    virMutexLock(&client->lock);
    if (client->closed && !client->closeReported) {
        client->closeReported = true;
        func = client->closeFunc;
        opaque = client->opaque;
        if (client->watch >= 0)
            virEventRemoveHandle(client->watch);
        if (client->timer >= 0)
            virEventRemoveTimeout(client->timer);
        client->watch = client->timer = -1;
    }
    virMutexUnlock(&client->lock);
    if (func)
        func(client, VIR_CONNECT_CLOSE_REASON_EOF, opaque);
}

static void
remoteClientHandleEvent(int watch G_GNUC_UNUSED, int fd G_GNUC_UNUSED,
                        int events G_GNUC_UNUSED, void *opaque)
{
    remoteClient *client = opaque;
    g_autoptr(GError) error = NULL;

    virMutexLock(&client->lock);
    if (!client->closed) {
        if (vkrChannelFlush(client->ch, &error) < 0)
            remoteClientMarkClosed(client, error->message);
        else
            remoteClientReadSome(client);
    }
    virMutexUnlock(&client->lock);
    remoteClientNotifyClosed(client);
}

/* Every interval of silence: a ping; too many unanswered end the
 * connection, as libvirt's client does. */
static void
remoteClientKeepaliveTimer(int timer G_GNUC_UNUSED, void *opaque)
{
    remoteClient *client = opaque;

    virMutexLock(&client->lock);
    if (!client->closed && !client->waiting) {
        if (client->pingsUnanswered >= client->pingsMax) {
            remoteClientMarkClosed(client, "connection closed due to keepalive timeout");
        } else {
            client->pingsUnanswered++;
            remoteClientSendKeepalive(client, VKR_KEEPALIVE_PROC_PING);
        }
    }
    virMutexUnlock(&client->lock);
    remoteClientNotifyClosed(client);
}

/**
 * remoteClientWatch:
 * @client: a client
 *
 * Watches the stream on the registered event loop, so that events arrive
 * between calls; once is enough.  Without an event loop, or with one that
 * cannot watch descriptors (an application's own, with timers only),
 * nothing is watched, as with libvirt's client: events and pings then
 * wait for the next call.
 *
 * Returns whether the stream is watched.
 */
bool
remoteClientWatch(remoteClient *client)
{
    bool watched;

    virMutexLock(&client->lock);
    if (client->watch < 0 && !client->closed && virEventHasImpl()) {
        g_atomic_int_inc(&client->refs);
        client->watch = virEventAddHandle(vkrChannelGetFD(client->ch), VIR_EVENT_HANDLE_READABLE,
                                          remoteClientHandleEvent, client, remoteClientUnref);
        if (client->watch < 0) {
            g_atomic_int_add(&client->refs, -1);
            VIR_DEBUG("cannot watch the connection on the event loop: no events between calls");
        }
    }
    watched = client->watch >= 0;
    virMutexUnlock(&client->lock);
    return watched;
}

/**
 * remoteClientStartKeepalive:
 * @client: a watched client (remoteClientWatch)
 * @interval: seconds between pings, 0 for none
 * @count: how many pings may go unanswered before the connection is closed
 *
 * Pings the daemon every @interval seconds; nothing changes when it
 * already does (as libvirt's client).
 *
 * Returns 0.
 */
int
remoteClientStartKeepalive(remoteClient *client, int interval, unsigned int count)
{
    virMutexLock(&client->lock);
    if (interval > 0 && client->watch >= 0 && client->timer < 0) {
        client->pingsMax = count;
        g_atomic_int_inc(&client->refs);
        client->timer = virEventAddTimeout(interval * 1000, remoteClientKeepaliveTimer,
                                           client, remoteClientUnref);
        if (client->timer < 0)
            g_atomic_int_add(&client->refs, -1);
    }
    virMutexUnlock(&client->lock);
    return 0;
}

/**
 * remoteClientStopKeepalive:
 * @client: a client
 *
 * Sends no more pings (the daemon's are still answered).
 */
void
remoteClientStopKeepalive(remoteClient *client)
{
    virMutexLock(&client->lock);
    if (client->timer >= 0)
        virEventRemoveTimeout(client->timer);
    client->timer = -1;
    client->pingsUnanswered = 0;
    virMutexUnlock(&client->lock);
}
