/*
 * vkd_server.c: virtkitd's I/O loop, listeners and workers
 *
 * epoll, level-triggered: each wakeup reads once from a client (a
 * client with more to say comes back on the next wait), so one busy
 * client cannot hold the loop.  Frames are cut by the client's channel;
 * keepalive messages are answered here, calls go to the GThreadPool.
 * Workers write their replies themselves and only ask epoll for
 * writability when the socket is full.
 */
#include "internal.h"

#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include "vkd_dispatch.h"
#include "vkd_listen.h"
#include "vkd_server.h"
#include "vkd_tls.h"

typedef struct {
    int kind;                   /* VKD_WATCH_LISTENER */
    int fd;
    bool readonly;
    char *scheme;
    char *path;                 /* or address:port, for the log */
    bool unlinkAtExit;
    bool tcp;                   /* no peer credentials */
    bool tls;                   /* clients start with the TLS handshake */
} vkdListener;

typedef struct {
    vkdClient *client;
    vkrMessage *msg;            /* the call; NULL to dispose of the client */
} vkdJob;

struct _vkdServer {
    const vkdConfig *config;
    int epfd;
    struct {
        int kind;               /* VKD_WATCH_WAKEUP */
        int fd;
    } wakeup;
    GPtrArray *listeners;
    GHashTable *clients;        /* the I/O loop's: every client it watches */
    GPtrArray *gone;            /* clients let go of in this batch of events */
    bool accepting;
    GThreadPool *pool;
    vkdEvents *events;
    vkdTLS *tls;                /* the TLS listeners' credentials, or NULL */
    gint quit;
    gint keepalives;            /* clients with keepalive, to know when to tick */
    guint handshakes;           /* the I/O loop's: TLS clients with a deadline */
    unsigned long long nextId;
    gsize calls;                /* calls dispatched, for the log */
    char scratch[65536];        /* every channel reads into it, in turn */
};

#define VKD_EVENTS_MAX 64

static void vkdServerWork(gpointer data, gpointer opaque);

static void
vkdListenerFree(gpointer data)
{
    vkdListener *l = data;

    close(l->fd);
    if (l->unlinkAtExit && l->path)
        unlink(l->path);
    g_free(l->scheme);
    g_free(l->path);
    g_free(l);
}

/**
 * vkdServerNew:
 * @config: the configuration (it must outlive the server)
 * @error: where to say why the server cannot start
 *
 * Returns a server with no listener yet, or NULL.
 */
vkdServer *
vkdServerNew(const vkdConfig *config, GError **error)
{
    g_autofree vkdServer *server = g_new0(vkdServer, 1);
    struct epoll_event ev = { .events = EPOLLIN };

    server->config = config;
    server->wakeup.kind = VKD_WATCH_WAKEUP;
    if ((server->epfd = epoll_create1(EPOLL_CLOEXEC)) < 0 ||
        (server->wakeup.fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC)) < 0) {
        g_set_error(error, G_FILE_ERROR, g_file_error_from_errno(errno),
                    "cannot create the I/O loop: %s", g_strerror(errno));
        if (server->epfd >= 0)
            close(server->epfd);
        return NULL;
    }
    ev.data.ptr = &server->wakeup;
    epoll_ctl(server->epfd, EPOLL_CTL_ADD, server->wakeup.fd, &ev);
    server->listeners = g_ptr_array_new_with_free_func(vkdListenerFree);
    server->clients = g_hash_table_new(NULL, NULL);
    server->gone = g_ptr_array_new();
    server->accepting = true;
    if (!(server->pool = g_thread_pool_new(vkdServerWork, server, config->max_workers,
                                           FALSE, error))) {
        close(server->epfd);
        close(server->wakeup.fd);
        g_ptr_array_free(server->listeners, TRUE);
        g_hash_table_destroy(server->clients);
        g_ptr_array_free(server->gone, TRUE);
        return NULL;
    }
    g_thread_pool_set_max_unused_threads(MAX(config->min_workers, 1));
    server->events = vkdEventsNew();
    return g_steal_pointer(&server);
}

/**
 * vkdServerConfig:
 * @server: a server
 *
 * Returns its configuration.
 */
const vkdConfig *
vkdServerConfig(vkdServer *server)
{
    return server->config;
}

/**
 * vkdServerEvents:
 * @server: a server
 *
 * Returns its lifecycle events (vkd_events.h).
 */
vkdEvents *
vkdServerEvents(vkdServer *server)
{
    return server->events;
}

/**
 * vkdServerCalls:
 * @server: a server
 *
 * Returns how many calls it has served.
 */
unsigned long long
vkdServerCalls(vkdServer *server)
{
    return (gsize)g_atomic_pointer_get(&server->calls);
}

static gboolean
vkdServerWatchListener(vkdServer *server, vkdListener *l, GError **error)
{
    struct epoll_event ev = { .events = EPOLLIN, .data.ptr = l };

    l->kind = VKD_WATCH_LISTENER;
    g_ptr_array_add(server->listeners, l);
    if (epoll_ctl(server->epfd, EPOLL_CTL_ADD, l->fd, &ev) < 0) {
        g_set_error(error, G_FILE_ERROR, g_file_error_from_errno(errno),
                    "cannot watch %s: %s", l->path, g_strerror(errno));
        return FALSE;
    }
    g_info("listening on %s%s", l->path,
           l->readonly ? " (read-only)" : l->tls ? " (TLS)" : l->tcp ? " (plain TCP)" : "");
    return TRUE;
}

/**
 * vkdServerAddListener:
 * @server: a server
 * @fd: a listening unix socket; the server owns it from now on
 * @readonly: whether its clients may only read
 * @scheme: the driver a client that names none gets, or NULL
 * @path: the socket's path, for the log
 * @unlinkAtExit: whether the server created the path (and removes it)
 * @error: where to say why it cannot be watched
 *
 * Returns TRUE on success.
 */
gboolean
vkdServerAddListener(vkdServer *server, int fd, bool readonly, const char *scheme,
                     const char *path, bool unlinkAtExit, GError **error)
{
    vkdListener *l = g_new0(vkdListener, 1);

    l->fd = fd;
    l->readonly = readonly;
    l->scheme = g_strdup(scheme);
    l->path = g_strdup(path);
    l->unlinkAtExit = unlinkAtExit;
    return vkdServerWatchListener(server, l, error);
}

/**
 * vkdServerAddTCPListener:
 * @server: a server
 * @fd: a listening TCP socket; the server owns it from now on
 * @tls: whether its clients speak TLS (the server's credentials, set by
 *       vkdServerSetTLS) or plain TCP
 * @name: its address and port, for the log
 * @error: where to say why it cannot be watched
 *
 * Its clients name their driver in the URI they open, read and write.
 *
 * Returns TRUE on success.
 */
gboolean
vkdServerAddTCPListener(vkdServer *server, int fd, bool tls, const char *name, GError **error)
{
    vkdListener *l = g_new0(vkdListener, 1);

    l->fd = fd;
    l->path = g_strdup(name);
    l->tcp = true;
    l->tls = tls;
    return vkdServerWatchListener(server, l, error);
}

/**
 * vkdServerSetTLS:
 * @server: a server
 * @tls: the credentials its TLS listeners use (taken)
 */
void
vkdServerSetTLS(vkdServer *server, vkdTLS *tls)
{
    vkdTLSFree(server->tls);
    server->tls = tls;
}

/* Stops or resumes accepting, around max_clients. */
static void
vkdServerSetAccepting(vkdServer *server, bool accepting)
{
    guint i;

    if (server->accepting == accepting)
        return;
    server->accepting = accepting;
    for (i = 0; i < server->listeners->len; i++) {
        vkdListener *l = g_ptr_array_index(server->listeners, i);
        struct epoll_event ev = { .events = accepting ? EPOLLIN : 0, .data.ptr = l };

        epoll_ctl(server->epfd, EPOLL_CTL_MOD, l->fd, &ev);
    }
    if (!accepting)
        g_warning("%d clients: no more until one leaves (max_clients)",
                  server->config->max_clients);
}

/**
 * vkdServerWatchClient:
 * @server: a server
 * @client: one of its clients, locked
 * @events: the epoll events it waits for now
 *
 * Called by the client from any thread; epoll_ctl is safe alongside
 * epoll_wait.
 */
void
vkdServerWatchClient(vkdServer *server, vkdClient *client, unsigned int events)
{
    struct epoll_event ev = { .events = events, .data.ptr = client };

    epoll_ctl(server->epfd, EPOLL_CTL_MOD, vkrChannelGetFD(client->ch), &ev);
}

/* "address:port" of a TCP peer, for the log. */
static char *
vkdServerPeerName(int fd)
{
    struct sockaddr_storage ss;
    socklen_t len = sizeof(ss);

    if (getpeername(fd, (struct sockaddr *)&ss, &len) < 0)
        return g_strdup("an unknown address");
    return vkdSockAddrName((struct sockaddr *)&ss, len);
}

/* A client of a TCP listener: no kernel credentials; on a TLS listener,
 * nothing but the handshake until it is checked. */
static gboolean
vkdServerAcceptTCP(vkdServer *server, vkdListener *l, vkdClient *client, GError **error)
{
    g_autofree char *peer = vkdServerPeerName(vkrChannelGetFD(client->ch));

    client->pid = -1;
    client->uid = (uid_t)-1;
    client->gid = (gid_t)-1;
    g_info("client %llu: connected to %s from %s%s", client->id, l->path, peer,
           l->tls ? "" : " (plain TCP, no authentication)");
    if (!l->tls)
        return TRUE;
    if (!(client->tls = vkdTLSSessionNew(server->tls, vkrChannelGetFD(client->ch), error)))
        return FALSE;
    client->handshaking = true;
    if (server->config->tls_handshake_timeout > 0) {
        client->handshakeDeadline = g_get_monotonic_time() +
                                    server->config->tls_handshake_timeout * G_USEC_PER_SEC;
        server->handshakes++;
    }
    return TRUE;
}

/* A client no longer has a handshake deadline (done, or gone). */
static void
vkdServerHandshakeOver(vkdServer *server, vkdClient *client)
{
    if (client->handshakeDeadline == 0)
        return;
    client->handshakeDeadline = 0;
    server->handshakes--;
}

static void
vkdServerAccept(vkdServer *server, vkdListener *l)
{
    while (g_hash_table_size(server->clients) < (guint)server->config->max_clients) {
        struct epoll_event ev = { .events = EPOLLIN };
        g_autoptr(GError) err = NULL;
        vkdClient *client;
        int fd = accept4(l->fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);

        if (fd < 0) {
            if (errno == EMFILE || errno == ENFILE) {
                /* the listener stays readable: wait for a client to leave */
                g_warning("cannot accept on %s: %s", l->path, g_strerror(errno));
                vkdServerSetAccepting(server, false);
            } else if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
                g_warning("cannot accept on %s: %s", l->path, g_strerror(errno));
            }
            return;
        }
        client = vkdClientNew(server, fd, l->readonly, l->scheme);
        client->id = ++server->nextId;
        client->events = EPOLLIN;
        g_hash_table_add(server->clients, client);
        ev.data.ptr = client;
        epoll_ctl(server->epfd, EPOLL_CTL_ADD, fd, &ev);
        if (!l->tcp) {
            g_info("client %llu: connected to %s%s: pid %d, uid %d, gid %d", client->id, l->path,
                   l->readonly ? " (read-only)" : "", (int)client->pid, (int)client->uid,
                   (int)client->gid);
        } else if (!vkdServerAcceptTCP(server, l, client, &err)) {
            g_warning("client %llu: %s", client->id, err->message);
            vkdServerClientGone(server, client);
        }
    }
    vkdServerSetAccepting(server, false);
}

/**
 * vkdServerClientGone:
 * @server: a server
 * @client: one of its clients
 *
 * Lets go of a client: no more reading or writing, the socket shut down
 * (calls still running finish, their replies are dropped).  The I/O
 * loop's reference goes at the end of the current batch of events (see
 * vkdServerReleaseGone), so no client is freed, and its address taken by
 * a new one, while an event of this batch may still name it.
 */
void
vkdServerClientGone(vkdServer *server, vkdClient *client)
{
    bool keepalive;

    vkdServerHandshakeOver(server, client);
    virMutexLock(&client->lock);
    client->closed = true;
    keepalive = client->keepalive;
    virMutexUnlock(&client->lock);
    if (keepalive)
        g_atomic_int_dec_and_test(&server->keepalives);
    epoll_ctl(server->epfd, EPOLL_CTL_DEL, vkrChannelGetFD(client->ch), NULL);
    vkrChannelShutdown(client->ch);
    vkdEventsClientGone(server->events, client);
    g_hash_table_remove(server->clients, client);
    g_ptr_array_add(server->gone, client);
    if (!server->accepting &&
        g_hash_table_size(server->clients) < (guint)server->config->max_clients)
        vkdServerSetAccepting(server, true);
}

/* Drops the I/O loop's references on the clients gone in this batch.
 * When it is the last one and a library connection is open, a worker
 * closes it: a driver's close may be slow. */
static void
vkdServerReleaseGone(vkdServer *server)
{
    guint i;

    for (i = 0; i < server->gone->len; i++) {
        vkdClient *client = g_ptr_array_index(server->gone, i);

        if (g_atomic_int_dec_and_test(&client->refs)) {
            vkdJob *job = g_new0(vkdJob, 1);

            job->client = client;
            g_thread_pool_push(server->pool, job, NULL);
        }
    }
    g_ptr_array_set_size(server->gone, 0);
}

/**
 * vkdServerDispatch:
 * @server: a server
 * @client: the client that sent @msg
 * @msg: a call (taken)
 *
 * Hands a call to the workers; the client stops being read while it has
 * max_client_requests calls without a written reply.
 */
void
vkdServerDispatch(vkdServer *server, vkdClient *client, vkrMessage *msg)
{
    vkdJob *job = g_new(vkdJob, 1);

    virMutexLock(&client->lock);
    client->calls++;
    vkdClientUpdateEventsLocked(client);
    virMutexUnlock(&client->lock);
    job->client = vkdClientRef(client);
    job->msg = msg;
    g_atomic_pointer_add(&server->calls, 1);
    g_thread_pool_push(server->pool, job, NULL);
}

static void
vkdServerWork(gpointer data, gpointer opaque)
{
    vkdJob *job = data;

    if (job->msg) {
        vkdDispatchCall(job->client, job->msg);
        vkdClientUnref(job->client);
    } else {
        vkdClientDispose(job->client);
    }
    g_free(job);
}

/* Whether a frame that is no call of the REMOTE program leaves the client
 * usable; keepalive is answered here. */
typedef struct {
    vkdServer *server;
    vkdClient *client;
    const char *fatal;          /* why the client must go */
} vkdReadContext;

static void
vkdServerOnFrame(vkrChannel *ch, vkrMessage *msg, void *opaque)
{
    vkdReadContext *ctx = opaque;
    vkr_message_header *hdr = &msg->header;

    if (ctx->fatal || !vkrMessageDecodeHeader(msg, NULL)) {
        vkrMessageFree(msg);
        return;
    }
    if (hdr->prog == VKR_KEEPALIVE_PROGRAM && hdr->type == VKR_MESSAGE) {
        if (hdr->proc == VKR_KEEPALIVE_PROC_PING)
            vkdClientSendKeepalive(ctx->client, VKR_KEEPALIVE_PROC_PONG);
        vkrMessageFree(msg);
    } else if (hdr->type == VKR_CALL) {
        vkdServerDispatch(ctx->server, ctx->client, msg);
    } else {
        /* streams, fd passing, replies to nothing: nothing virtkitd can follow */
        ctx->fatal = "sent a message that is no call";
        g_info("client %llu: message of type %d, program 0x%x, procedure %d",
               ctx->client->id, hdr->type, hdr->prog, hdr->proc);
        vkrMessageFree(msg);
    }
}

static void
vkdServerReadClient(vkdServer *server, vkdClient *client)
{
    vkdReadContext ctx = { server, client, NULL };
    g_autoptr(GError) err = NULL;
    int rc = vkrChannelRead(client->ch, server->scratch, sizeof(server->scratch),
                            vkdServerOnFrame, &ctx, &err);

    if (rc > 0) {
        virMutexLock(&client->lock);
        if (client->keepalive) {
            client->pings = 0;
            client->nextPing = g_get_monotonic_time() +
                               server->config->keepalive_interval * G_USEC_PER_SEC;
        }
        virMutexUnlock(&client->lock);
    }
    if (rc < 0 || ctx.fatal) {
        g_info("client %llu: disconnected: %s", client->id, ctx.fatal ? ctx.fatal : err->message);
        vkdServerClientGone(server, client);
    }
}

/* One step of a TLS client's handshake; once it is done and the client
 * checked, the confirmation byte libvirt's clients wait for, and the
 * channel reads and writes through the session. */
static void
vkdServerHandshake(vkdServer *server, vkdClient *client)
{
    g_autoptr(GError) err = NULL;
    unsigned int want = EPOLLIN;
    vkrMessage *confirm;
    int rc = vkdTLSSessionHandshake(client->tls, &want, &err);

    if (rc == 0) {
        virMutexLock(&client->lock);
        client->events = want;
        vkdServerWatchClient(server, client, want);
        virMutexUnlock(&client->lock);
        return;
    }
    if (rc < 0 || !vkdTLSSessionCheck(client->tls, &err)) {
        g_info("client %llu: disconnected: %s", client->id, err->message);
        if (rc > 0)
            vkdTLSSessionRefuse(client->tls);
        vkdServerClientGone(server, client);
        return;
    }
    g_info("client %llu: TLS client '%s'", client->id,
           vkdTLSSessionDN(client->tls) ? vkdTLSSessionDN(client->tls) : "without a certificate");
    vkdTLSSessionAttach(client->tls, client->ch);
    client->handshaking = false;
    vkdServerHandshakeOver(server, client);
    confirm = vkrMessageNew(1);
    confirm->buffer[0] = '\1';
    confirm->length = 1;
    vkdClientSend(client, confirm, false);
}

static void
vkdServerClientEvent(vkdServer *server, vkdClient *client, unsigned int events)
{
    if (client->handshaking) {
        if (events & (EPOLLIN | EPOLLOUT))
            vkdServerHandshake(server, client);
        else
            vkdServerClientGone(server, client);
        return;
    }
    if (events & EPOLLOUT) {
        g_autoptr(GError) err = NULL;
        int rc;

        virMutexLock(&client->lock);
        if ((rc = vkrChannelFlush(client->ch, &err)) != 0)
            client->wantWrite = false;
        vkdClientUpdateEventsLocked(client);
        virMutexUnlock(&client->lock);
        if (rc < 0) {
            g_info("client %llu: disconnected: %s", client->id, err->message);
            vkdServerClientGone(server, client);
            return;
        }
    }
    if (events & EPOLLIN) {
        vkdServerReadClient(server, client);
    } else if (events & (EPOLLHUP | EPOLLERR)) {
        g_info("client %llu: disconnected", client->id);
        vkdServerClientGone(server, client);
    }
}

/**
 * vkdServerKeepaliveStarted:
 * @server: a server
 *
 * One more client wants keepalive: the loop wakes up every second while
 * any does.
 */
void
vkdServerKeepaliveStarted(vkdServer *server)
{
    g_atomic_int_inc(&server->keepalives);
}

/* Pings the clients silent for keepalive_interval, drops those that let
 * keepalive_count pings go unanswered. */
static void
vkdServerKeepaliveTick(vkdServer *server)
{
    const vkdConfig *config = server->config;
    gint64 now = g_get_monotonic_time();
    g_autoptr(GPtrArray) dead = g_ptr_array_new();
    GHashTableIter iter;
    gpointer key;
    guint i;

    g_hash_table_iter_init(&iter, server->clients);
    while (g_hash_table_iter_next(&iter, &key, NULL)) {
        vkdClient *client = key;
        bool ping = false;

        virMutexLock(&client->lock);
        if (client->keepalive && now >= client->nextPing) {
            if (client->pings >= (unsigned int)config->keepalive_count) {
                g_ptr_array_add(dead, client);
            } else {
                client->pings++;
                client->nextPing = now + config->keepalive_interval * G_USEC_PER_SEC;
                ping = true;
            }
        }
        virMutexUnlock(&client->lock);
        if (ping)
            vkdClientSendKeepalive(client, VKR_KEEPALIVE_PROC_PING);
    }
    for (i = 0; i < dead->len; i++) {
        vkdClient *client = g_ptr_array_index(dead, i);

        g_info("client %llu: disconnected: %d keepalive pings unanswered",
               client->id, config->keepalive_count);
        vkdServerClientGone(server, client);
    }
}

/* Drops the TLS clients whose handshake is not done by their deadline
 * (tls_handshake_timeout): idle connections must not hold the slots of
 * max_clients. */
static void
vkdServerHandshakeTick(vkdServer *server)
{
    g_autoptr(GPtrArray) late = g_ptr_array_new();
    gint64 now = g_get_monotonic_time();
    GHashTableIter iter;
    gpointer key;
    guint i;

    g_hash_table_iter_init(&iter, server->clients);
    while (g_hash_table_iter_next(&iter, &key, NULL)) {
        vkdClient *client = key;

        if (client->handshaking && client->handshakeDeadline && now >= client->handshakeDeadline)
            g_ptr_array_add(late, client);
    }
    for (i = 0; i < late->len; i++) {
        vkdClient *client = g_ptr_array_index(late, i);

        g_info("client %llu: disconnected: no TLS handshake within %d seconds "
               "(tls_handshake_timeout)", client->id, server->config->tls_handshake_timeout);
        vkdServerClientGone(server, client);
    }
}

static void
vkdServerEvent(vkdServer *server, struct epoll_event *ev)
{
    int kind = *(int *)ev->data.ptr;

    switch (kind) {
    case VKD_WATCH_LISTENER:
        vkdServerAccept(server, ev->data.ptr);
        break;
    case VKD_WATCH_CLIENT:
        vkdServerClientEvent(server, ev->data.ptr, ev->events);
        break;
    case VKD_WATCH_WAKEUP: {
        guint64 count;

        if (read(server->wakeup.fd, &count, sizeof(count)) < 0 && errno != EAGAIN)
            g_warning("cannot read the wakeup event: %s", g_strerror(errno));
        break;
    }
    }
}

/**
 * vkdServerRun:
 * @server: a server with its listeners
 *
 * Serves until vkdServerQuit(), then lets every client go and waits for
 * the calls still running.
 *
 * Returns 0, or -1 when the loop failed.
 */
int
vkdServerRun(vkdServer *server)
{
    struct epoll_event events[VKD_EVENTS_MAX];
    gint64 lastTick = g_get_monotonic_time();
    int ret = 0;

    while (!g_atomic_int_get(&server->quit)) {
        int timeout = g_atomic_int_get(&server->keepalives) > 0 || server->handshakes > 0 ?
                      1000 : -1;
        int n = epoll_wait(server->epfd, events, VKD_EVENTS_MAX, timeout);
        int i;

        if (n < 0) {
            if (errno == EINTR)
                continue;
            g_critical("epoll_wait: %s", g_strerror(errno));
            ret = -1;
            break;
        }
        for (i = 0; i < n; i++) {
            /* a client dropped earlier in this batch: its events are stale
             * (only this thread sets closed) */
            if (*(int *)events[i].data.ptr == VKD_WATCH_CLIENT &&
                ((vkdClient *)events[i].data.ptr)->closed)
                continue;
            vkdServerEvent(server, &events[i]);
        }
        if (timeout > 0 && g_get_monotonic_time() - lastTick >= G_USEC_PER_SEC) {
            lastTick = g_get_monotonic_time();
            vkdServerKeepaliveTick(server);
            vkdServerHandshakeTick(server);
        }
        vkdServerReleaseGone(server);
    }
    g_info("stopping: %" G_GSIZE_FORMAT " calls served", (gsize)vkdServerCalls(server));
    return ret;
}

/**
 * vkdServerQuit:
 * @server: a server
 *
 * Makes vkdServerRun() return.  Async-signal-safe: a signal handler may
 * call it.
 */
void
vkdServerQuit(vkdServer *server)
{
    guint64 one = 1;

    g_atomic_int_set(&server->quit, 1);
    if (write(server->wakeup.fd, &one, sizeof(one)) < 0) {
        /* the counter is full: the loop is being woken anyway */
    }
}

/**
 * vkdServerFree:
 * @server: a server, or NULL
 *
 * Lets every client go, waits for the running calls and the pending
 * closes, and removes the sockets the server created.
 */
void
vkdServerFree(vkdServer *server)
{
    g_autofree gpointer *clients = NULL;
    guint i, n;

    if (!server)
        return;
    clients = g_hash_table_get_keys_as_array(server->clients, &n);
    for (i = 0; i < n; i++)
        vkdServerClientGone(server, clients[i]);
    vkdServerReleaseGone(server);
    g_thread_pool_free(server->pool, FALSE, TRUE);
    /* after the workers, which may register; its last references on
     * clients close them here */
    vkdEventsFree(server->events);
    g_ptr_array_free(server->listeners, TRUE);
    vkdTLSFree(server->tls);
    g_hash_table_destroy(server->clients);
    g_ptr_array_free(server->gone, TRUE);
    close(server->wakeup.fd);
    close(server->epfd);
    g_free(server);
}
