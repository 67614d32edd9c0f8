/*
 * wireclient.c: a raw client of libvirt's remote protocol, for the tests
 */
#include "internal.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include "wireclient.h"

struct _wireClient {
    vkrChannel *ch;
    GQueue inbox;               /* frames received, not taken yet */
    unsigned int serial;        /* of the next call: from 0, as libvirt's clients */
    bool eof;
    char scratch[65536];
};

/**
 * wireConnect:
 * @path: a unix socket
 *
 * Returns a connected client, or NULL.
 */
wireClient *
wireConnect(const char *path)
{
    struct sockaddr_un addr = { .sun_family = AF_UNIX };
    wireClient *c;
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);

    g_strlcpy(addr.sun_path, path, sizeof(addr.sun_path));
    if (fd < 0 || connect(fd, (struct sockaddr *)&addr, sizeof(addr)) < 0) {
        if (fd >= 0)
            close(fd);
        return NULL;
    }
    fcntl(fd, F_SETFL, O_NONBLOCK);
    c = g_new0(wireClient, 1);
    c->ch = vkrChannelNew(fd);
    g_queue_init(&c->inbox);
    return c;
}

/**
 * wireClose:
 * @c: a client, or NULL
 */
void
wireClose(wireClient *c)
{
    if (!c)
        return;
    g_queue_clear_full(&c->inbox, (GDestroyNotify)vkrMessageFree);
    vkrChannelFree(c->ch);
    g_free(c);
}

/**
 * wireFD:
 * @c: a client
 *
 * Returns its socket.
 */
int
wireFD(wireClient *c)
{
    return vkrChannelGetFD(c->ch);
}

static gboolean
wireFlush(wireClient *c)
{
    int rc;

    while ((rc = vkrChannelFlush(c->ch, NULL)) == 0) {
        struct pollfd pfd = { .fd = wireFD(c), .events = POLLOUT };

        if (poll(&pfd, 1, 10000) <= 0)
            return FALSE;
    }
    return rc > 0;
}

/**
 * wireSendMessage:
 * @c: a client
 * @hdr: the header, as it is (any program, version, type or serial)
 * @filter: the payload's XDR function
 * @data: the payload
 *
 * Returns TRUE when the socket took the whole message.
 */
gboolean
wireSendMessage(wireClient *c, const vkr_message_header *hdr, xdrproc_t filter, void *data)
{
    vkrMessage *msg = vkrMessageNew(0);

    if (!vkrMessageEncode(msg, hdr, filter, data, NULL))
        g_error("cannot encode procedure %d", hdr->proc);
    if (vkrChannelSend(c->ch, msg, NULL) < 0 || !wireFlush(c)) {
        c->eof = true;
        return FALSE;
    }
    return TRUE;
}

/**
 * wireSend:
 * @c: a client
 * @prog: the program
 * @proc: the procedure
 * @type: VKR_CALL, VKR_MESSAGE...
 * @filter: the payload's XDR function
 * @data: the payload
 *
 * Sends one message, waiting until the socket took it.
 *
 * Returns its serial.
 */
unsigned int
wireSend(wireClient *c, unsigned int prog, int proc, int type, xdrproc_t filter, void *data)
{
    vkr_message_header hdr = {
        .prog = prog, .vers = 1, .proc = proc, .type = type,
        .serial = type == VKR_CALL ? c->serial++ : 0, .status = VKR_OK,
    };

    wireSendMessage(c, &hdr, filter, data);
    return hdr.serial;
}

/**
 * wireSendRaw:
 * @c: a client
 * @data: bytes
 * @len: how many
 *
 * Returns TRUE when the socket took them all.
 */
gboolean
wireSendRaw(wireClient *c, const void *data, size_t len)
{
    vkrMessage *msg = vkrMessageNew(MAX(len, 1));

    memcpy(msg->buffer, data, len);
    msg->length = len;
    return vkrChannelSend(c->ch, msg, NULL) >= 0 && wireFlush(c);
}

static void
wireDeliver(vkrChannel *ch, vkrMessage *msg, void *opaque)
{
    wireClient *c = opaque;

    if (!vkrMessageDecodeHeader(msg, NULL))
        g_error("the daemon sent a frame without a header");
    g_queue_push_tail(&c->inbox, msg);
}

/* Reads what arrives within @timeoutMs; FALSE at the end of the stream. */
static gboolean
wirePump(wireClient *c, int timeoutMs)
{
    struct pollfd pfd = { .fd = wireFD(c), .events = POLLIN };

    if (c->eof)
        return FALSE;
    if (poll(&pfd, 1, timeoutMs) <= 0)
        return TRUE;
    if (vkrChannelRead(c->ch, c->scratch, sizeof(c->scratch), wireDeliver, c, NULL) < 0)
        c->eof = true;
    return !c->eof;
}

/**
 * wireRecv:
 * @c: a client
 * @timeoutMs: how long to wait
 *
 * Returns the next frame (header decoded; free it), or NULL after the
 * timeout or at the end of the stream.
 */
vkrMessage *
wireRecv(wireClient *c, int timeoutMs)
{
    gint64 end = g_get_monotonic_time() + (gint64)timeoutMs * 1000;

    while (g_queue_is_empty(&c->inbox)) {
        gint64 left = (end - g_get_monotonic_time()) / 1000;

        if (left <= 0 || !wirePump(c, left))
            return NULL;
    }
    return g_queue_pop_head(&c->inbox);
}

/**
 * wireClosedByPeer:
 * @c: a client
 * @timeoutMs: how long to wait
 *
 * Returns TRUE when the daemon closed the connection within @timeoutMs
 * (frames it sent before are dropped).
 */
gboolean
wireClosedByPeer(wireClient *c, int timeoutMs)
{
    gint64 end = g_get_monotonic_time() + (gint64)timeoutMs * 1000;

    while (g_get_monotonic_time() < end) {
        if (!wirePump(c, 100))
            return TRUE;
        g_queue_clear_full(&c->inbox, (GDestroyNotify)vkrMessageFree);
    }
    return FALSE;
}

/**
 * wireCall:
 * @c: a client
 * @proc: a procedure of the REMOTE program
 * @args: its arguments (NULL for none)
 * @ret: where to decode its result (zeroed; NULL for none)
 * @err: where to decode an error reply
 *
 * Returns 0, 1 for an error reply, -1 when the connection failed.
 */
int
wireCall(wireClient *c, int proc, void *args, void *ret, virError *err)
{
    const vkrProc *p = vkrRemoteProcGet(proc);
    unsigned int serial = wireSend(c, VKR_REMOTE_PROGRAM, proc, VKR_CALL,
                                   p ? p->args_filter : VKR_XDR_VOID, args);
    vkrMessage *msg;
    int rc;

    while ((msg = wireRecv(c, 30000))) {
        if (msg->header.type == VKR_REPLY && msg->header.serial == serial)
            break;
        vkrMessageFree(msg);    /* keepalive */
    }
    if (!msg)
        return -1;
    if (msg->header.prog != VKR_REMOTE_PROGRAM || msg->header.proc != proc)
        g_error("reply to %d echoes program 0x%x procedure %d",
                proc, msg->header.prog, msg->header.proc);
    if (msg->header.status == VKR_ERROR)
        rc = vkrMessageDecodeError(msg, err, NULL) ? 1 : -1;
    else
        rc = vkrMessageDecodePayload(msg, p ? p->ret_filter : VKR_XDR_VOID, ret, NULL) ? 0 : -1;
    vkrMessageFree(msg);
    return rc;
}

/**
 * wireOpen:
 * @c: a client
 * @uri: the URI to open (NULL: none)
 * @flags: the remote driver's flags (1 read-only)
 *
 * Returns 0 once open, the error code of a refusal, or -1.
 */
int
wireOpen(wireClient *c, const char *uri, unsigned int flags)
{
    vkr_auth_list_ret auth = { 0 };
    char *name = (char *)uri;
    vkr_connect_open_args args = { .name = uri ? &name : NULL, .flags = flags };
    virError err = { 0 };
    int rc;

    if (wireCall(c, VKR_PROC_AUTH_LIST, NULL, &auth, &err) != 0)
        return -1;
    xdr_free((xdrproc_t)xdr_vkr_auth_list_ret, &auth);
    if ((rc = wireCall(c, VKR_PROC_CONNECT_OPEN, &args, NULL, &err)) == 1) {
        rc = err.code;
        virResetError(&err);
    }
    return rc;
}

/**
 * wireDaemonStart:
 * @d: where to keep what was started
 * @conf: the content of its configuration file, or NULL for none
 *
 * Starts the built virtkitd (ABS_BUILDDIR/daemon/virtkitd) in a new
 * directory under /tmp (a socket's path must stay short) and waits until
 * it listens.
 *
 * Returns TRUE once it listens.
 */
gboolean
wireDaemonStart(wireDaemon *d, const char *conf)
{
    g_autofree char *bin = g_build_filename(ABS_BUILDDIR, "daemon", "virtkitd", NULL);
    g_autofree char *confPath = NULL;
    int i;

    memset(d, 0, sizeof(*d));
    /* searchable by anyone: the read-only socket is for every user */
    if (!(d->dir = g_dir_make_tmp("vkd-wire-XXXXXX", NULL)) || chmod(d->dir, 0755) < 0)
        return FALSE;
    d->sock = g_build_filename(d->dir, "sock", NULL);
    d->sockRO = g_build_filename(d->dir, "sock-ro", NULL);
    d->log = g_build_filename(d->dir, "virtkitd.log", NULL);
    confPath = g_build_filename(d->dir, "virtkitd.conf", NULL);
    if (!g_file_set_contents(confPath, conf ? conf : "", -1, NULL))
        return FALSE;
    if ((d->pid = fork()) == 0) {
        int log = open(d->log, O_WRONLY | O_CREAT | O_APPEND, 0600);

        dup2(log, STDERR_FILENO);
        /* make check-valgrind: the daemon too, and a leak or an error in
         * it is a failed stop */
        if (g_getenv("VIRTKIT_TEST_UNDER_VALGRIND"))
            execl(ABS_BUILDDIR "/libtool", "libtool", "--mode=execute", "valgrind",
                  "--leak-check=full", "--show-leak-kinds=definite,indirect",
                  "--errors-for-leak-kinds=definite,indirect", "--error-exitcode=1",
                  "--num-callers=30", "--suppressions=" ABS_SRCDIR "/tests/valgrind.supp", "-q",
                  bin, "--config", confPath, "--socket", d->sock, "--socket-ro", d->sockRO,
                  (char *)NULL);
        else
            execl(bin, "virtkitd", "--config", confPath, "--socket", d->sock,
                  "--socket-ro", d->sockRO, (char *)NULL);
        _exit(127);
    }
    for (i = 0; i < 6000 && d->pid > 0; i++) {
        if (g_file_test(d->sockRO, G_FILE_TEST_EXISTS))
            return TRUE;
        if (!wireDaemonAlive(d))
            break;
        g_usleep(10000);
    }
    return FALSE;
}

/**
 * wireDaemonAlive:
 * @d: a started daemon
 *
 * Returns TRUE while it runs.
 */
gboolean
wireDaemonAlive(wireDaemon *d)
{
    return d->pid > 0 && waitpid(d->pid, NULL, WNOHANG) == 0 && kill(d->pid, 0) == 0;
}

/**
 * wireDaemonStop:
 * @d: a started daemon
 *
 * Stops it with SIGTERM and removes its directory.
 *
 * Returns its exit status (0 for a clean stop), or -1 when it died of a
 * signal or was gone.
 */
int
wireDaemonStop(wireDaemon *d)
{
    g_autofree char *cmd = NULL;
    int status = -1;
    int rc = -1;

    if (d->pid > 0 && kill(d->pid, SIGTERM) == 0 && waitpid(d->pid, &status, 0) == d->pid &&
        WIFEXITED(status))
        rc = WEXITSTATUS(status);
    if (rc != 0 && d->log) {
        g_autofree char *log = NULL;

        if (g_file_get_contents(d->log, &log, NULL, NULL))
            fprintf(stderr, "virtkitd's log:\n%s", log);
    }
    if (d->dir) {
        cmd = g_strdup_printf("rm -rf '%s'", d->dir);
        if (system(cmd) != 0)
            fprintf(stderr, "cannot remove %s\n", d->dir);
    }
    g_free(d->dir);
    g_free(d->sock);
    g_free(d->sockRO);
    g_free(d->log);
    memset(d, 0, sizeof(*d));
    return rc;
}
