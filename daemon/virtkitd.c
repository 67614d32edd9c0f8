/*
 * virtkitd.c: the daemon's command line, startup and shutdown
 *
 * virtkitd serves virtkit's drivers over libvirt's own remote protocol,
 * so unmodified libvirt clients (virsh, python3-libvirt, Ansible's
 * community.libvirt) manage the host.  It is a client of libvirtkit's
 * public API like any other program.
 */
#include "internal.h"

#include <signal.h>
#include <stdio.h>
#include <unistd.h>

#include "vkd_config.h"
#include "vkd_listen.h"
#include "vkd_server.h"
#include "vkd_scanner.h"
#include "vkd_system.h"

#define VKD_CONFIG_FILE SYSCONFDIR "/virtkit/virtkitd.conf"

typedef struct {
    char *config;
    char *socket;
    char *socketRO;
    char *pidFile;
    gboolean listen;
    gboolean daemon;
    gboolean version;
} vkdOptions;

static vkdServer *vkdTheServer;

static void
vkdOnSignal(int sig)
{
    if (vkdTheServer)
        vkdServerQuit(vkdTheServer);
}

/* The library reports failed calls to the clients, not to stderr. */
static void
vkdQuietErrors(void *opaque, virErrorPtr err)
{
}

static gboolean
vkdParseOptions(vkdOptions *opts, int *argc, char ***argv, GError **error)
{
    GOptionEntry entries[] = {
        { "config", 'f', 0, G_OPTION_ARG_FILENAME, &opts->config,
          "configuration file (default " VKD_CONFIG_FILE ")", "FILE" },
        { "socket", 0, 0, G_OPTION_ARG_FILENAME, &opts->socket,
          "listen on this read-write socket only", "PATH" },
        { "socket-ro", 0, 0, G_OPTION_ARG_FILENAME, &opts->socketRO,
          "listen on this read-only socket only", "PATH" },
        { "listen", 'l', 0, G_OPTION_ARG_NONE, &opts->listen,
          "listen on TCP too: TLS (listen_tls) and, when enabled, plain TCP (listen_tcp)",
          NULL },
        { "daemon", 'd', 0, G_OPTION_ARG_NONE, &opts->daemon, "run in the background", NULL },
        { "pid-file", 'p', 0, G_OPTION_ARG_FILENAME, &opts->pidFile,
          "write the daemon's pid into FILE", "FILE" },
        { "version", 'V', 0, G_OPTION_ARG_NONE, &opts->version, "print the version", NULL },
        { NULL }
    };
    g_autoptr(GOptionContext) ctx = g_option_context_new(NULL);

    g_option_context_set_summary(ctx, "Serves virtkit's drivers over libvirt's remote protocol.");
    g_option_context_add_main_entries(ctx, entries, NULL);
    if (!g_option_context_parse(ctx, argc, argv, error))
        return FALSE;
    if (*argc > 1) {
        g_set_error(error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                    "unexpected argument '%s'", (*argv)[1]);
        return FALSE;
    }
    return TRUE;
}

/* The unix sockets: the command line's or the defaults. */
static gboolean
vkdListenUnix(vkdServer *server, const vkdConfig *config, const vkdOptions *opts,
              GError **error)
{
    if (!opts->socket && !opts->socketRO)
        return vkdListenDefault(server, config, error);
    if (opts->socket && !vkdListenPath(server, config, opts->socket, false, NULL, error))
        return FALSE;
    return !opts->socketRO || vkdListenPath(server, config, opts->socketRO, true, NULL, error);
}

/* The sockets: systemd's (which replace every setting, as libvirtd's), or
 * the unix sockets and, with --listen, TCP.  The network listeners come
 * first: a unix socket appearing is what scripts and tests wait for, so
 * once it exists every listener takes connections. */
static gboolean
vkdListen(vkdServer *server, const vkdConfig *config, const vkdOptions *opts, GError **error)
{
    int activated;

    if ((activated = vkdListenActivated(server, error)) != 0)
        return activated > 0;
    if (opts->listen && !vkdListenNetwork(server, config, error))
        return FALSE;
    return vkdListenUnix(server, config, opts, error);
}

static void
vkdSignals(void)
{
    struct sigaction quit = { .sa_handler = vkdOnSignal };
    struct sigaction ignore = { .sa_handler = SIG_IGN };

    sigemptyset(&quit.sa_mask);
    sigaction(SIGTERM, &quit, NULL);
    sigaction(SIGINT, &quit, NULL);
    sigaction(SIGPIPE, &ignore, NULL);
    sigaction(SIGHUP, &ignore, NULL);
}

/* Everything after the configuration: 0 once served and stopped. */
static int
vkdServe(const vkdConfig *config, const vkdOptions *opts)
{
    g_autoptr(GError) err = NULL;
    int ready = -1;
    int pidfd = -1;
    int ret = EXIT_FAILURE;

    if (opts->daemon && (ready = vkdDaemonize(&err)) < 0)
        goto cleanup;
    if (opts->pidFile && (pidfd = vkdPidFileAcquire(opts->pidFile, &err)) < 0)
        goto cleanup;
    vkdRaiseFileLimit();
    if (!(vkdTheServer = vkdServerNew(config, &err)))
        goto cleanup;
    /* before the sockets appear: whoever sees one may stop the daemon at
     * once (SIGTERM then ends the serving loop before its first turn) */
    vkdSignals();
    if (!vkdListen(vkdTheServer, config, opts, &err))
        goto cleanup;
    vkdDaemonReady(ready, NULL);
    ready = -1;
    vkdNotifyReady();
    g_info("virtkitd %s serving", PACKAGE_VERSION);
    ret = vkdServerRun(vkdTheServer) < 0 ? EXIT_FAILURE : EXIT_SUCCESS;

 cleanup:
    if (err) {
        g_critical("%s", err->message);
        vkdDaemonReady(ready, err->message);
    }
    vkdServerFree(g_steal_pointer(&vkdTheServer));
    /* after every client: the last connection to a driver stops its scanner */
    vkdScannerShutdown();
    if (pidfd >= 0)
        vkdPidFileRelease(opts->pidFile, pidfd);
    return ret;
}

int
main(int argc, char **argv)
{
    vkdOptions opts = { 0 };
    g_autoptr(vkdConfig) config = vkdConfigNew();
    g_autoptr(GError) err = NULL;
    int ret;

    if (!vkdParseOptions(&opts, &argc, &argv, &err)) {
        fprintf(stderr, "virtkitd: %s (see --help)\n", err->message);
        return EXIT_FAILURE;
    }
    if (opts.version) {
        printf("virtkitd (virtkit) %s\n", PACKAGE_VERSION);
        return EXIT_SUCCESS;
    }
    if (!vkdConfigLoadFile(config, opts.config ? opts.config : VKD_CONFIG_FILE,
                           opts.config != NULL, &err)) {
        fprintf(stderr, "virtkitd: %s\n", err->message);
        return EXIT_FAILURE;
    }
    vkdLogInit(config->log_level, opts.daemon);
    virSetErrorFunc(NULL, vkdQuietErrors);
    ret = vkdServe(config, &opts);
    g_free(opts.config);
    g_free(opts.socket);
    g_free(opts.socketRO);
    g_free(opts.pidFile);
    return ret;
}
