/*
 * vkd_listen.c: the unix sockets virtkitd listens on
 *
 * A socket file is created under umask 077 and only then given its mode
 * and group, so it is never reachable by more than its final mode allows.
 * A file left behind by a daemon that died is replaced; one another
 * daemon still answers on is not.
 */
#include "internal.h"

#include <fcntl.h>
#include <grp.h>
#include <netdb.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "vkd_listen.h"
#include "vkd_tls.h"

/* The drivers a default socket pair is made for, when the library has them. */
static const char *const vkdSchemes[] = { "test", "lve", "vserver", "xen" };

/* The first fd systemd passes (SD_LISTEN_FDS_START). */
#define VKD_LISTEN_FDS_START 3

/**
 * vkdSocketScheme:
 * @path: a socket's path
 * @readonly: where to say whether it is a read-only socket ("-sock-ro")
 *
 * Returns the driver a "virt<scheme>d-sock" path is named after (caller
 * frees), or NULL for another name.
 */
char *
vkdSocketScheme(const char *path, bool *readonly)
{
    g_autofree char *base = g_path_get_basename(path);
    size_t len = strlen(base);

    *readonly = g_str_has_suffix(base, "-sock-ro");
    if (*readonly)
        base[len -= 3] = '\0';
    if (!g_str_has_prefix(base, "virt") || !g_str_has_suffix(base, "d-sock") || len <= 10)
        return NULL;
    return g_strndup(base + 4, len - 10);
}

/* Whether a daemon answers on @path: then it must not be replaced. */
static bool
vkdSocketAlive(const char *path)
{
    struct sockaddr_un addr = { .sun_family = AF_UNIX };
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    bool alive;

    g_strlcpy(addr.sun_path, path, sizeof(addr.sun_path));
    alive = fd >= 0 && connect(fd, (struct sockaddr *)&addr, sizeof(addr)) == 0;
    if (fd >= 0)
        close(fd);
    return alive;
}

static gboolean
vkdListenGroup(const char *name, gid_t *gid, GError **error)
{
    struct group *gr;
    guint64 num;

    if (g_ascii_string_to_unsigned(name, 10, 0, G_MAXINT, &num, NULL)) {
        *gid = num;
        return TRUE;
    }
    if (!(gr = getgrnam(name))) {
        g_set_error(error, G_FILE_ERROR, G_FILE_ERROR_NOENT,
                    "unix_sock_group: no group '%s'", name);
        return FALSE;
    }
    *gid = gr->gr_gid;
    return TRUE;
}

/* Replaces a dead daemon's socket file; refuses a live one's. */
static gboolean
vkdListenClear(const char *path, GError **error)
{
    struct stat st;

    if (lstat(path, &st) < 0)
        return TRUE;
    if (!S_ISSOCK(st.st_mode)) {
        g_set_error(error, G_FILE_ERROR, G_FILE_ERROR_EXIST, "%s exists and is not a socket", path);
        return FALSE;
    }
    if (vkdSocketAlive(path)) {
        g_set_error(error, G_FILE_ERROR, G_FILE_ERROR_EXIST,
                    "another daemon is listening on %s", path);
        return FALSE;
    }
    unlink(path);
    return TRUE;
}

/* A bound, listening socket at @path with @mode and @gid (-1: unchanged). */
static int
vkdListenSocket(const char *path, guint mode, gid_t gid, GError **error)
{
    struct sockaddr_un addr = { .sun_family = AF_UNIX };
    mode_t umask_old;
    int fd;

    if (strlen(path) >= sizeof(addr.sun_path)) {
        g_set_error(error, G_FILE_ERROR, G_FILE_ERROR_NAMETOOLONG,
                    "socket path %s is longer than %zu bytes", path, sizeof(addr.sun_path) - 1);
        return -1;
    }
    g_strlcpy(addr.sun_path, path, sizeof(addr.sun_path));
    if (!vkdListenClear(path, error))
        return -1;
    if ((fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0)) < 0)
        goto error;
    umask_old = umask(077);
    if (bind(fd, (struct sockaddr *)&addr, sizeof(addr)) < 0) {
        umask(umask_old);
        goto error;
    }
    umask(umask_old);
    if (chmod(path, mode) < 0 || (gid != (gid_t)-1 && chown(path, (uid_t)-1, gid) < 0) ||
        listen(fd, SOMAXCONN) < 0) {
        unlink(path);
        goto error;
    }
    return fd;

 error:
    g_set_error(error, G_FILE_ERROR, g_file_error_from_errno(errno),
                "cannot listen on %s: %s", path, g_strerror(errno));
    if (fd >= 0)
        close(fd);
    return -1;
}

/**
 * vkdListenPath:
 * @server: the server
 * @config: the configuration (modes, group)
 * @path: where to create the socket
 * @readonly: whether its clients may only read
 * @scheme: the driver a client that names none gets, or NULL
 * @error: where to say why it cannot listen
 *
 * The read-write socket gets unix_sock_rw_perms (0600; 0660 with a
 * unix_sock_group when no mode is configured) and the group, the
 * read-only one unix_sock_ro_perms (0666).
 *
 * Returns TRUE on success.
 */
gboolean
vkdListenPath(vkdServer *server, const vkdConfig *config, const char *path, bool readonly,
              const char *scheme, GError **error)
{
    gid_t gid = (gid_t)-1;
    guint mode;
    int fd;

    if (readonly) {
        mode = vkdConfigSockPerms(config->unix_sock_ro_perms);
    } else {
        if (config->unix_sock_group && !vkdListenGroup(config->unix_sock_group, &gid, error))
            return FALSE;
        mode = vkdConfigSockPerms(config->unix_sock_rw_perms);
        if (config->unix_sock_group && !config->rw_perms_set)
            mode = 0660;
    }
    if ((fd = vkdListenSocket(path, mode, gid, error)) < 0)
        return FALSE;
    return vkdServerAddListener(server, fd, readonly, scheme, path, true, error);
}

/**
 * vkdListenDefault:
 * @server: the server
 * @config: the configuration (unix_sock_dir, modes, group)
 * @error: where to say why it cannot listen
 *
 * Creates virt<scheme>d-sock and virt<scheme>d-sock-ro in unix_sock_dir
 * for every driver the library has (virGetVersion says which).
 *
 * Returns TRUE on success.
 */
gboolean
vkdListenDefault(vkdServer *server, const vkdConfig *config, GError **error)
{
    size_t i;

    if (g_mkdir_with_parents(config->unix_sock_dir, 0755) < 0) {
        g_set_error(error, G_FILE_ERROR, g_file_error_from_errno(errno), "cannot create %s: %s",
                    config->unix_sock_dir, g_strerror(errno));
        return FALSE;
    }
    for (i = 0; i < G_N_ELEMENTS(vkdSchemes); i++) {
        g_autofree char *rw = NULL;
        g_autofree char *ro = NULL;
        unsigned long lib, ver;

        if (virGetVersion(&lib, vkdSchemes[i], &ver) < 0)
            continue;   /* not built */
        rw = g_strdup_printf("%s/virt%sd-sock", config->unix_sock_dir, vkdSchemes[i]);
        ro = g_strdup_printf("%s-ro", rw);
        if (!vkdListenPath(server, config, rw, false, vkdSchemes[i], error) ||
            !vkdListenPath(server, config, ro, true, vkdSchemes[i], error))
            return FALSE;
    }
    return TRUE;
}

/* One socket systemd passed; its path says what it is for. */
static gboolean
vkdListenAdopt(vkdServer *server, int fd, GError **error)
{
    struct sockaddr_un addr = { 0 };
    socklen_t len = sizeof(addr);
    g_autofree char *scheme = NULL;
    bool readonly = false;

    if (getsockname(fd, (struct sockaddr *)&addr, &len) < 0 || addr.sun_family != AF_UNIX) {
        g_set_error(error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                    "descriptor %d from systemd is not a unix socket", fd);
        return FALSE;
    }
    scheme = vkdSocketScheme(addr.sun_path, &readonly);
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
    fcntl(fd, F_SETFD, FD_CLOEXEC);
    return vkdServerAddListener(server, fd, readonly, scheme, addr.sun_path, false, error);
}

/**
 * vkdListenActivated:
 * @server: the server
 * @error: where to say why a socket cannot be used
 *
 * Takes the sockets systemd passed (LISTEN_PID, LISTEN_FDS): a socket
 * named virt<scheme>d-sock-ro is read-only.
 *
 * Returns the number of sockets taken (0 without socket activation), or
 * -1.
 */
int
vkdListenActivated(vkdServer *server, GError **error)
{
    const char *pid = g_getenv("LISTEN_PID");
    const char *fds = g_getenv("LISTEN_FDS");
    guint64 n = 0, owner = 0;
    guint64 i;

    if (!pid || !fds ||
        !g_ascii_string_to_unsigned(pid, 10, 1, G_MAXINT, &owner, NULL) ||
        owner != (guint64)getpid() ||
        !g_ascii_string_to_unsigned(fds, 10, 0, 1024, &n, NULL))
        return 0;
    g_unsetenv("LISTEN_PID");
    g_unsetenv("LISTEN_FDS");
    g_unsetenv("LISTEN_FDNAMES");
    for (i = 0; i < n; i++) {
        if (!vkdListenAdopt(server, VKD_LISTEN_FDS_START + i, error))
            return -1;
    }
    return n;
}

/**
 * vkdSockAddrName:
 * @sa: an IPv4 or IPv6 address and port
 * @len: its size
 *
 * Returns "address:port" ("[address]:port" for IPv6), for the log.
 */
char *
vkdSockAddrName(const struct sockaddr *sa, socklen_t len)
{
    char host[NI_MAXHOST], port[NI_MAXSERV];

    if (getnameinfo(sa, len, host, sizeof(host), port, sizeof(port),
                    NI_NUMERICHOST | NI_NUMERICSERV) != 0)
        return g_strdup("an unknown address");
    return g_strdup_printf(sa->sa_family == AF_INET6 ? "[%s]:%s" : "%s:%s", host, port);
}

/* A listening TCP socket on @ai. */
static int
vkdListenTCPSocket(const struct addrinfo *ai, const char *name, GError **error)
{
    int one = 1;
    int fd = socket(ai->ai_family, ai->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC,
                    ai->ai_protocol);

    if (fd < 0)
        goto error;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
    /* the wildcard gives 0.0.0.0 and ::, each on its own socket */
    if (ai->ai_family == AF_INET6)
        setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof(one));
    if (bind(fd, ai->ai_addr, ai->ai_addrlen) < 0 || listen(fd, SOMAXCONN) < 0)
        goto error;
    return fd;

 error:
    g_set_error(error, G_FILE_ERROR, g_file_error_from_errno(errno),
                "cannot listen on %s: %s", name, g_strerror(errno));
    if (fd >= 0)
        close(fd);
    return -1;
}

/* Listens on every address listen_addr (or the wildcard) gives for @port. */
static gboolean
vkdListenTCP(vkdServer *server, const vkdConfig *config, const char *key, const char *port,
             bool tls, GError **error)
{
    struct addrinfo hints = {
        .ai_flags = AI_PASSIVE | AI_ADDRCONFIG,
        .ai_family = AF_UNSPEC,
        .ai_socktype = SOCK_STREAM,
    };
    struct addrinfo *res = NULL;
    struct addrinfo *ai;
    int rc;

    if ((rc = getaddrinfo(config->listen_addr, port, &hints, &res)) != 0) {
        g_set_error(error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                    "listen_addr \"%s\", %s \"%s\": %s",
                    config->listen_addr ? config->listen_addr : "", key, port, gai_strerror(rc));
        return FALSE;
    }
    for (ai = res; ai; ai = ai->ai_next) {
        g_autofree char *name = vkdSockAddrName(ai->ai_addr, ai->ai_addrlen);
        int fd = vkdListenTCPSocket(ai, name, error);

        if (fd < 0 || !vkdServerAddTCPListener(server, fd, tls, name, error)) {
            freeaddrinfo(res);
            return FALSE;
        }
    }
    freeaddrinfo(res);
    return TRUE;
}

/**
 * vkdListenNetwork:
 * @server: the server
 * @config: listen_tls, listen_tcp, their ports, listen_addr, auth_tcp and
 *          the TLS files
 * @error: where to say why it cannot listen
 *
 * What virtkitd --listen adds to the unix sockets, as libvirtd --listen:
 * TLS on tls_port (16514) unless listen_tls = 0, and plain TCP on
 * tcp_port (16509) only with listen_tcp = 1.  libvirtd requires SASL on
 * plain TCP; virtkitd has no SASL, so it serves plain TCP only when
 * auth_tcp = "none" says that anyone who reaches the port may manage the
 * host.
 *
 * Returns TRUE on success.
 */
gboolean
vkdListenNetwork(vkdServer *server, const vkdConfig *config, GError **error)
{
    if (config->listen_tcp && STRNEQ(config->auth_tcp, "none")) {
        g_set_error(error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                    "listen_tcp = 1 needs auth_tcp = \"none\": virtkitd has no SASL (auth_tcp "
                    "\"%s\"), and plain TCP would let anyone who reaches the port manage the "
                    "host unencrypted; use TLS (listen_tls) or SSH",
                    config->auth_tcp);
        return FALSE;
    }
    if (!config->listen_tls && !config->listen_tcp) {
        g_set_error(error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                    "--listen, but listen_tls = 0 and listen_tcp is not 1: nothing to listen on");
        return FALSE;
    }
    if (config->listen_tls) {
        vkdTLS *tls = vkdTLSNew(config, error);

        if (!tls)
            return FALSE;
        vkdServerSetTLS(server, tls);
        if (!vkdListenTCP(server, config, "tls_port", config->tls_port, true, error))
            return FALSE;
    }
    if (config->listen_tcp) {
        g_warning("plain TCP on port %s: no encryption, no authentication (auth_tcp = \"none\")",
                  config->tcp_port);
        if (!vkdListenTCP(server, config, "tcp_port", config->tcp_port, false, error))
            return FALSE;
    }
    return TRUE;
}
