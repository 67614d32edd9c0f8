/*
 * remote_transport.c: reading a remote URI as libvirt's client does, and
 * opening its stream: a unix socket, a TCP connection (under TLS:
 * remote_tls.c), or a command (ssh) whose standard input and output are
 * the stream
 */
#include "internal.h"

#include <fcntl.h>
#include <glib-unix.h>
#include <netdb.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "remote_transport.h"
#include "virerror.h"
#include "virlog.h"

#define VIR_FROM_THIS VIR_FROM_REMOTE

/* Where daemons listen (libvirt's RUNSTATEDIR/libvirt, virtkitd's too). */
#define REMOTE_SOCKET_DIR "/run/libvirt"
#define REMOTE_TLS_PORT "16514"
#define REMOTE_TCP_PORT "16509"

static const char *const remoteTransportNames[] = {
    [REMOTE_TRANSPORT_UNIX] = "unix",
    [REMOTE_TRANSPORT_SSH] = "ssh",
    [REMOTE_TRANSPORT_TCP] = "tcp",
    [REMOTE_TRANSPORT_TLS] = "tls",
    [REMOTE_TRANSPORT_EXT] = "ext",
};

/* The client's own parameters: never sent to the daemon in the name. */
static const char *const remoteClientParams[] = {
    "name", "command", "socket", "auth", "sshauth", "netcat", "keyfile", "pkipath",
    "known_hosts", "known_hosts_verify", "tls_priority", "mode", "proxy", "no_sanity",
    "no_verify", "no_tty", "authfile", NULL,
};

void
remoteURIFree(remoteURI *ruri)
{
    if (!ruri)
        return;
    g_free(ruri->name);
    g_free(ruri->host);
    g_free(ruri->port);
    g_free(ruri->user);
    g_free(ruri->socket);
    g_free(ruri->command);
    g_free(ruri->netcat);
    g_free(ruri->keyfile);
    g_free(ruri->knownHosts);
    g_free(ruri->pkipath);
    g_free(ruri->proxy);
    g_free(ruri);
}

static int
remoteTransportFromName(const char *name, remoteTransport *transport)
{
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(remoteTransportNames); i++) {
        if (STREQ(remoteTransportNames[i], name)) {
            *transport = i;
            return 0;
        }
    }
    virReportError(VIR_ERR_INVALID_ARG,
                   _("remote_open: transport in URL not recognised (should be tls|unix|ssh|ext|tcp|libssh2|libssh)"));
    return -1;
}

/* The URI without transport, host and the client's parameters: what the
 * daemon's own library opens. */
static char *
remoteURIName(const virURI *uri)
{
    g_autofree virURIParam *params = g_new0(virURIParam, uri->nparams + 1);
    virURI name = *uri;
    size_t i;

    name.transport = NULL;
    name.user = NULL;
    name.server = NULL;
    name.port = -1;
    name.nparams = 0;
    name.params = params;
    for (i = 0; i < uri->nparams; i++) {
        if (!g_strv_contains(remoteClientParams, uri->params[i].name))
            params[name.nparams++] = uri->params[i];
    }
    return virURIFormat(&name);
}

static bool
remoteURIBool(const virURI *uri, const char *name)
{
    const char *value = virURIGetParam(uri, name);

    return value && STRNEQ(value, "0");
}

/* libvirt's socket names: a driver's own daemon ("direct", virt<drv>d-sock)
 * or the monolithic libvirtd ("legacy", libvirt-sock).  Locally, auto takes
 * the direct socket when it exists; across ssh it cannot look, and asks
 * for the legacy one (which virt-ssh-helper does not use anyway). */
static char *
remoteDefaultSocket(remoteTransport transport, const char *mode, const char *driver,
                    bool readonly)
{
    const char *suffix = readonly ? "sock-ro" : "sock";
    g_autofree char *direct = g_strdup_printf(REMOTE_SOCKET_DIR "/virt%sd-%s", driver, suffix);
    g_autofree char *legacy = g_strdup_printf(REMOTE_SOCKET_DIR "/libvirt-%s", suffix);

    if (!mode || STREQ(mode, "auto")) {
        if (transport != REMOTE_TRANSPORT_UNIX)
            return g_steal_pointer(&legacy);
        if (access(direct, F_OK) == 0 || access(legacy, F_OK) != 0)
            return g_steal_pointer(&direct);
        return g_steal_pointer(&legacy);
    }
    if (STREQ(mode, "direct"))
        return g_steal_pointer(&direct);
    if (STREQ(mode, "legacy"))
        return g_steal_pointer(&legacy);
    virReportError(VIR_ERR_INVALID_ARG, _("Unknown remote mode '%s'"), mode);
    return NULL;
}

/**
 * remoteURIParse:
 * @uri: a URI with a transport or a host
 * @readonly: the connection is read-only (its default socket is -sock-ro)
 *
 * Returns what @uri asks of the client, or NULL with an error.
 */
remoteURI *
remoteURIParse(const virURI *uri, bool readonly)
{
    g_autoptr(remoteURI) ruri = g_new0(remoteURI, 1);
    const char *name = virURIGetParam(uri, "name");
    const char *socket = virURIGetParam(uri, "socket");

    ruri->transport = uri->server ? REMOTE_TRANSPORT_TLS : REMOTE_TRANSPORT_UNIX;
    if (uri->transport && remoteTransportFromName(uri->transport, &ruri->transport) < 0)
        return NULL;
    ruri->host = g_strdup(uri->server ? uri->server : "localhost");
    if (uri->port > 0)
        ruri->port = g_strdup_printf("%d", uri->port);
    else if (ruri->transport == REMOTE_TRANSPORT_TLS)
        ruri->port = g_strdup(REMOTE_TLS_PORT);
    else if (ruri->transport == REMOTE_TRANSPORT_TCP)
        ruri->port = g_strdup(REMOTE_TCP_PORT);
    ruri->user = g_strdup(uri->user);
    ruri->name = name ? g_strdup(name) : remoteURIName(uri);
    ruri->command = g_strdup(virURIGetParam(uri, "command"));
    ruri->netcat = g_strdup(virURIGetParam(uri, "netcat"));
    ruri->keyfile = g_strdup(virURIGetParam(uri, "keyfile"));
    ruri->knownHosts = g_strdup(virURIGetParam(uri, "known_hosts"));
    ruri->pkipath = g_strdup(virURIGetParam(uri, "pkipath"));
    ruri->proxy = g_strdup(virURIGetParam(uri, "proxy"));
    ruri->noVerify = remoteURIBool(uri, "no_verify");
    ruri->noTTY = remoteURIBool(uri, "no_tty");

    if (ruri->transport == REMOTE_TRANSPORT_UNIX && uri->server) {
        virReportError(VIR_ERR_INVALID_ARG, "%s",
                       _("transport methods unix, ssh and ext are not supported under Windows"));
        return NULL;
    }
    if (ruri->transport == REMOTE_TRANSPORT_EXT && !ruri->command) {
        virReportError(VIR_ERR_INVALID_ARG, "%s",
                       _("remote_open: for 'ext' transport, command is required"));
        return NULL;
    }
    if (socket)
        ruri->socket = g_strdup(socket);
    else if (ruri->transport == REMOTE_TRANSPORT_UNIX || ruri->transport == REMOTE_TRANSPORT_SSH)
        ruri->socket = remoteDefaultSocket(ruri->transport, virURIGetParam(uri, "mode"),
                                           uri->scheme, readonly);
    if ((ruri->transport == REMOTE_TRANSPORT_UNIX || ruri->transport == REMOTE_TRANSPORT_SSH) &&
        !ruri->socket)
        return NULL;
    return g_steal_pointer(&ruri);
}

static int
remoteSetNonBlock(int fd)
{
    int flags = fcntl(fd, F_GETFL);

    if (flags < 0 || fcntl(fd, F_SETFL, flags | O_NONBLOCK) < 0) {
        virReportSystemError(errno, "%s", _("Unable to set non-blocking mode"));
        return -1;
    }
    return 0;
}

static int
remoteOpenUnix(const char *path, int *fd)
{
    struct sockaddr_un addr = { .sun_family = AF_UNIX };
    int sock;

    if (strlen(path) >= sizeof(addr.sun_path)) {
        virReportError(VIR_ERR_INTERNAL_ERROR, _("Path %s too long for unix socket"), path);
        return -1;
    }
    g_strlcpy(addr.sun_path, path, sizeof(addr.sun_path));
    if ((sock = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)) < 0) {
        virReportSystemError(errno, "%s", _("Failed to create socket"));
        return -1;
    }
    if (connect(sock, (struct sockaddr *)&addr, sizeof(addr)) < 0) {
        virReportSystemError(errno, _("Failed to connect socket to '%s'"), path);
        close(sock);
        return -1;
    }
    *fd = sock;
    return 0;
}

static int
remoteOpenTCP(const char *host, const char *port, int *fd)
{
    struct addrinfo hints = { .ai_flags = AI_ADDRCONFIG, .ai_socktype = SOCK_STREAM };
    struct addrinfo *ai = NULL, *p;
    int sock = -1, saved = 0, rc;

    if ((rc = getaddrinfo(host, port, &hints, &ai)) != 0) {
        virReportError(VIR_ERR_SYSTEM_ERROR, _("Unable to resolve address '%s' service '%s': %s"),
                       host, port, gai_strerror(rc));
        return -1;
    }
    for (p = ai; p; p = p->ai_next) {
        if ((sock = socket(p->ai_family, p->ai_socktype | SOCK_CLOEXEC, p->ai_protocol)) < 0) {
            saved = errno;
            continue;
        }
        if (connect(sock, p->ai_addr, p->ai_addrlen) == 0)
            break;
        saved = errno;
        close(sock);
        sock = -1;
    }
    freeaddrinfo(ai);
    if (sock < 0) {
        /* libvirt's words, which virsh users know: the host and port */
        virReportSystemError(saved, _("unable to connect to server at '%s:%s'"), host, port);
        return -1;
    }
    *fd = sock;
    return 0;
}

/* What libvirt's client runs on the far side of ssh: virt-ssh-helper with
 * the driver URI when the host has it (proxy=auto), else a netcat to the
 * daemon's socket.  The words are libvirt's, so that a host set up for
 * virsh (a forced command, an sshd rule) takes virtkit too; like libvirt's,
 * they assume paths and names without quotes. */
static char *
remoteSSHProxyCommand(const remoteURI *ruri, bool readonly)
{
    g_autofree char *nc = g_strdup(ruri->netcat ? ruri->netcat : "nc");
    g_autofree char *helper = NULL;
    g_autofree char *nccmd = NULL;
    const char *proxy = ruri->proxy ? ruri->proxy : (ruri->netcat ? "netcat" : "auto");

    nccmd = g_strdup_printf("if '%s' -q 2>&1 | grep \"requires an argument\" >/dev/null 2>&1; then "
                            "ARG=-q0;else ARG=;fi;'%s' $ARG -U %s", nc, nc, ruri->socket);
    helper = g_strdup_printf("virt-ssh-helper%s'%s'", readonly ? " -r " : " ", ruri->name);
    if (STREQ(proxy, "netcat"))
        return g_strdup_printf("sh -c '%s'", nccmd);
    if (STREQ(proxy, "native")) {
        if (ruri->netcat) {
            virReportError(VIR_ERR_INVALID_ARG, "%s",
                           _("netcat path not valid with native proxy mode"));
            return NULL;
        }
        return g_strdup_printf("sh -c '%s'", helper);
    }
    if (STREQ(proxy, "auto"))
        return g_strdup_printf("sh -c 'which virt-ssh-helper 1>/dev/null 2>&1; if test $? = 0; then "
                               "    %s; else    %s; fi'", helper, nccmd);
    virReportError(VIR_ERR_INVALID_ARG, _("Unknown proxy type '%s'"), proxy);
    return NULL;
}

static char **
remoteSSHArgv(const remoteURI *ruri, bool readonly)
{
    g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func(g_free);
    char *proxy = remoteSSHProxyCommand(ruri, readonly);

    if (!proxy)
        return NULL;
#define ARG(s) g_ptr_array_add(argv, g_strdup(s))
    ARG(ruri->command ? ruri->command : "ssh");
    if (ruri->port) {
        ARG("-p");
        ARG(ruri->port);
    }
    if (ruri->user) {
        ARG("-l");
        ARG(ruri->user);
    }
    if (ruri->keyfile) {
        ARG("-i");
        ARG(ruri->keyfile);
    }
    ARG("-T");
    ARG("-e");
    ARG("none");
    if (ruri->noTTY) {
        ARG("-o");
        ARG("BatchMode=yes");
    }
    if (ruri->noVerify) {
        ARG("-o");
        ARG("StrictHostKeyChecking=no");
    }
    if (ruri->knownHosts) {
        /* libvirt's libssh transports read it; the ssh binary is told so */
        g_ptr_array_add(argv, g_strdup("-o"));
        g_ptr_array_add(argv, g_strdup_printf("UserKnownHostsFile=%s", ruri->knownHosts));
    }
    ARG("--");
    ARG(ruri->host);
#undef ARG
    g_ptr_array_add(argv, proxy);
    g_ptr_array_add(argv, NULL);
    return (char **)g_ptr_array_free(g_steal_pointer(&argv), FALSE);
}

/* Runs @argv with one end of a socket pair as its standard input and
 * output, and a pipe as its standard error: what ssh says when it fails
 * ends the error, as libvirt's client reports it (its password prompts go
 * to the terminal, not to standard error). */
static int
remoteOpenCommand(char **argv, int *fd, int *errfd, pid_t *child)
{
    g_autoptr(GError) error = NULL;
    int sv[2];
    int ep[2];
    GPid pid;

    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) < 0) {
        virReportSystemError(errno, "%s", _("unable to create socket pair"));
        return -1;
    }
    if (!g_unix_open_pipe(ep, FD_CLOEXEC, NULL)) {
        virReportSystemError(errno, "%s", _("unable to create pipe"));
        close(sv[0]);
        close(sv[1]);
        return -1;
    }
    if (!g_spawn_async_with_fds(NULL, argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD,
                                NULL, NULL, &pid, sv[1], sv[1], ep[1], &error)) {
        virReportError(VIR_ERR_SYSTEM_ERROR, _("cannot run '%s': %s"), argv[0], error->message);
        close(sv[0]);
        close(sv[1]);
        close(ep[0]);
        close(ep[1]);
        return -1;
    }
    close(sv[1]);
    close(ep[1]);
    *fd = sv[0];
    *errfd = ep[0];
    *child = pid;
    return remoteSetNonBlock(ep[0]);
}

/**
 * remoteTransportOpen:
 * @ruri: a parsed remote URI
 * @readonly: the connection is read-only (virt-ssh-helper -r)
 * @fd: where to return the non-blocking stream
 * @errfd: where to return the command's standard error (-1: none)
 * @child: where to return the command behind it (0: none)
 *
 * Returns 0, or -1 with an error naming the socket or the host.
 */
int
remoteTransportOpen(const remoteURI *ruri, bool readonly, int *fd, int *errfd, pid_t *child)
{
    g_auto(GStrv) argv = NULL;

    *child = 0;
    *errfd = -1;
    switch (ruri->transport) {
    case REMOTE_TRANSPORT_UNIX:
        if (remoteOpenUnix(ruri->socket, fd) < 0)
            return -1;
        break;
    case REMOTE_TRANSPORT_TCP:
    case REMOTE_TRANSPORT_TLS:
        if (remoteOpenTCP(ruri->host, ruri->port, fd) < 0)
            return -1;
        break;
    case REMOTE_TRANSPORT_SSH:
        if (!(argv = remoteSSHArgv(ruri, readonly)) || remoteOpenCommand(argv, fd, errfd, child) < 0)
            return -1;
        break;
    case REMOTE_TRANSPORT_EXT:
        argv = g_new0(char *, 2);
        argv[0] = g_strdup(ruri->command);
        if (remoteOpenCommand(argv, fd, errfd, child) < 0)
            return -1;
        break;
    }
    return remoteSetNonBlock(*fd);
}
