/*
 * vkd_client.c: one client of virtkitd
 */
#include "internal.h"

#include <sys/epoll.h>
#include <sys/socket.h>

#include "vkd_client.h"
#include "vkd_server.h"

/**
 * vkdClientNew:
 * @server: the server that accepted it
 * @fd: the connected socket (non-blocking); the client owns it
 * @readonly: whether it came in on a read-only socket
 * @scheme: the driver of that socket, for a client that names none
 *
 * Reads the peer's credentials from the kernel (SO_PEERCRED): they are
 * the kernel's word, not the client's.
 *
 * Returns a client holding one reference, the I/O loop's.
 */
vkdClient *
vkdClientNew(vkdServer *server, int fd, bool readonly, const char *scheme)
{
    vkdClient *client = g_new0(vkdClient, 1);
    struct ucred cred;
    socklen_t len = sizeof(cred);

    client->kind = VKD_WATCH_CLIENT;
    client->refs = 1;
    client->server = server;
    client->ch = vkrChannelNew(fd);
    client->readonly = readonly;
    client->scheme = g_strdup(scheme);
    if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cred, &len) == 0) {
        client->pid = cred.pid;
        client->uid = cred.uid;
        client->gid = cred.gid;
    } else {
        client->pid = -1;
        client->uid = (uid_t)-1;
        client->gid = (gid_t)-1;
    }
    virMutexInit(&client->lock);
    return client;
}

/**
 * vkdClientRef:
 * @client: a client
 *
 * Returns @client, with one more reference (for a call in a worker).
 */
vkdClient *
vkdClientRef(vkdClient *client)
{
    g_atomic_int_inc(&client->refs);
    return client;
}

/**
 * vkdClientDispose:
 * @client: a client nobody references any more
 *
 * Closes its library connection (a client that went away without
 * CONNECT_CLOSE), then its socket.
 */
void
vkdClientDispose(vkdClient *client)
{
    if (client->conn)
        virConnectClose(client->conn);
    g_debug("client %llu: released", client->id);
    vkrChannelFree(client->ch);
    vkdTLSSessionFree(client->tls);
    virMutexDestroy(&client->lock);
    g_free(client->scheme);
    g_free(client);
}

/**
 * vkdClientUnref:
 * @client: a client
 *
 * Drops a reference; the last one disposes of the client, in the
 * calling thread (a worker: the I/O loop hands its last references to
 * the workers, see vkdServerClientGone).
 */
void
vkdClientUnref(vkdClient *client)
{
    if (g_atomic_int_dec_and_test(&client->refs))
        vkdClientDispose(client);
}

/**
 * vkdClientGetConn:
 * @client: a client
 *
 * Returns a reference on the client's library connection (release it
 * with virConnectClose), or NULL before CONNECT_OPEN.
 */
virConnectPtr
vkdClientGetConn(vkdClient *client)
{
    virConnectPtr conn;

    virMutexLock(&client->lock);
    conn = client->conn;
    if (conn)
        virConnectRef(conn);
    virMutexUnlock(&client->lock);
    return conn;
}

/**
 * vkdClientSetConn:
 * @client: a client
 * @conn: the connection CONNECT_OPEN opened
 *
 * Returns 0, or -1 when the client already has one (@conn is left to
 * the caller).
 */
int
vkdClientSetConn(vkdClient *client, virConnectPtr conn)
{
    int ret = -1;

    virMutexLock(&client->lock);
    if (!client->conn) {
        client->conn = conn;
        ret = 0;
    }
    virMutexUnlock(&client->lock);
    return ret;
}

/**
 * vkdClientTakeConn:
 * @client: a client
 *
 * Returns the client's connection, which it no longer holds (the caller
 * closes it), or NULL.
 */
virConnectPtr
vkdClientTakeConn(vkdClient *client)
{
    virConnectPtr conn;

    virMutexLock(&client->lock);
    conn = g_steal_pointer(&client->conn);
    virMutexUnlock(&client->lock);
    return conn;
}

/**
 * vkdClientUpdateEventsLocked:
 * @client: a client, locked
 *
 * Tells epoll what the client waits for now: input unless it has
 * max_client_requests calls without a written reply, or more than
 * VKD_CLIENT_OUTPUT_MAX bytes it has not read (keepalive answers, say):
 * a client that stops reading stops being read; output while some waits
 * for the socket.
 */
void
vkdClientUpdateEventsLocked(vkdClient *client)
{
    const vkdConfig *config = vkdServerConfig(client->server);
    unsigned int events = 0;

    if (client->closed)
        return;
    /* a client that does not read what it asked for is not read either */
    if (client->calls < (unsigned int)config->max_client_requests &&
        (!client->wantWrite || vkrChannelQueued(client->ch) < VKD_CLIENT_OUTPUT_MAX))
        events |= EPOLLIN;
    if (client->wantWrite)
        events |= EPOLLOUT;
    if (events != client->events) {
        client->events = events;
        vkdServerWatchClient(client->server, client, events);
    }
}

/**
 * vkdClientSend:
 * @client: a client
 * @msg: an encoded message (taken), or NULL for none
 * @reply: whether it answers a call (one call fewer in flight)
 *
 * Sends @msg to the client from any thread: written at once when the
 * socket takes it, else queued for the I/O loop.  A message for a client
 * already gone is dropped.
 */
void
vkdClientSend(vkdClient *client, vkrMessage *msg, bool reply)
{
    g_autoptr(GError) err = NULL;
    int rc;

    virMutexLock(&client->lock);
    if (reply)
        client->calls--;
    if (msg && client->closed) {
        vkrMessageFree(msg);
    } else if (msg) {
        rc = vkrChannelSend(client->ch, msg, &err);
        if (rc == 0)
            client->wantWrite = true;
        else if (rc < 0)
            g_debug("client %llu: %s", client->id, err->message);
    }
    vkdClientUpdateEventsLocked(client);
    virMutexUnlock(&client->lock);
}

/**
 * vkdClientSendKeepalive:
 * @client: a client
 * @proc: VKR_KEEPALIVE_PROC_PING or VKR_KEEPALIVE_PROC_PONG
 *
 * Sends an unasked message of the keepalive program (type MESSAGE,
 * serial 0, no payload).
 */
void
vkdClientSendKeepalive(vkdClient *client, int proc)
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

    if (!vkrMessageEncode(msg, &header, VKR_XDR_VOID, NULL, NULL)) {
        vkrMessageFree(msg);
        return;
    }
    vkdClientSend(client, msg, false);
}

/**
 * vkdClientStartKeepalive:
 * @client: a client that asked for keepalive (CONNECT_SUPPORTS_FEATURE 10)
 *
 * From now on the I/O loop pings the client after keepalive_interval
 * seconds of silence and drops it after keepalive_count pings without an
 * answer.  Nothing happens when the configuration turns keepalive off.
 */
void
vkdClientStartKeepalive(vkdClient *client)
{
    const vkdConfig *config = vkdServerConfig(client->server);
    bool started;

    if (config->keepalive_interval <= 0 || config->keepalive_count <= 0)
        return;
    virMutexLock(&client->lock);
    started = !client->keepalive && !client->closed;
    client->keepalive = true;
    client->pings = 0;
    client->nextPing = g_get_monotonic_time() + config->keepalive_interval * G_USEC_PER_SEC;
    virMutexUnlock(&client->lock);
    if (started)
        vkdServerKeepaliveStarted(client->server);
}
