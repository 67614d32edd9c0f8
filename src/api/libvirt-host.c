/*
 * libvirt-host.c: entry points for the library and its connections, and
 * the default authentication callback
 */
#include "internal.h"

#include <pthread.h>
#include <stdio.h>
#include <termios.h>
#include <unistd.h>

#include <libxml/parser.h>

#include "api.h"

#define VIR_FROM_THIS VIR_FROM_NONE

static void
virGlobalInit(void)
{
    virLogInit();
    xmlInitParser();
}

/**
 * virInitialize:
 *
 * Initializes the library: reads VIRTKIT_DEBUG and VIRTKIT_LOG_FILE and
 * sets up libxml2.  Every call that needs it runs it, so calling it
 * is optional; it is safe from any thread and runs once.
 *
 * Returns 0.
 */
int
virInitialize(void)
{
    /* pthread_once, not GOnce: ThreadSanitizer sees through it */
    static pthread_once_t once = PTHREAD_ONCE_INIT;

    pthread_once(&once, virGlobalInit);
    return 0;
}

/**
 * virGetVersion:
 * @libVer: return value for the library version (OUT)
 * @type: ignored unless @typeVer is given: a driver name such as "test"
 * @typeVer: return value for the version of the driver (OUT)
 *
 * Gives the version of the library as major * 1,000,000 + minor * 1,000 +
 * micro.  With @typeVer, also checks that the driver @type is built in and
 * gives its version (the library's).
 *
 * Returns 0 on success, -1 on error (an unknown driver @type).
 */
int
virGetVersion(unsigned long *libVer, const char *type, unsigned long *typeVer)
{
    virResetLastError();
    virInitialize();
    if (libVer)
        *libVer = VIRTKIT_VERSION_NUMBER;
    if (typeVer) {
        if (type) {
            g_autofree char *scheme = g_ascii_strdown(type, -1);

            if (!virDriverForScheme(scheme)) {
                virDispatchError(NULL);
                return -1;
            }
        }
        *typeVer = VIRTKIT_VERSION_NUMBER;
    }
    return 0;
}

/* Offers @conn to each driver that may take its URI, in turn, until one
 * takes it.  When every candidate declines, the last one's reason is the
 * error. */
static int
virConnectOpenDrivers(virConnectPtr conn, virConnectAuthPtr auth, unsigned int flags)
{
    virHypervisorDriver *candidates[2];
    int i, n;

    if ((n = virDriverCandidates(conn->uri, candidates)) < 0)
        return -1;
    for (i = 0; i < n; i++) {
        virDrvOpenStatus status;

        conn->driver = candidates[i];
        status = candidates[i]->connectOpen(conn, conn->uri, auth, flags);
        if (status == VIR_DRV_OPEN_SUCCESS)
            return 0;
        VIR_DEBUG("driver '%s' %s '%s'", candidates[i]->name,
                  status == VIR_DRV_OPEN_DECLINED ? "declined" : "failed", conn->uriString);
        conn->driver = NULL;    /* the driver cleaned up after itself */
        if (status == VIR_DRV_OPEN_ERROR)
            return -1;
    }
    if (!virGetLastError())
        virReportError(VIR_ERR_NO_CONNECT, _("no driver accepted the URI '%s'"), conn->uriString);
    return -1;
}

static virConnectPtr
virConnectOpenInternal(const char *name, virConnectAuthPtr auth,
                       unsigned int flags)
{
    g_autofree char *probed = NULL;
    g_autoptr(virURI) uri = NULL;
    virConnectPtr conn;

    virInitialize();
    if (!name || !*name)
        name = g_getenv("VIRTKIT_DEFAULT_URI");
    if (!name || !*name)
        name = g_getenv("LIBVIRT_DEFAULT_URI");
    if (!name || !*name) {
        if (virDriverProbeDefaultURI(&probed) < 0)
            return NULL;
        name = probed;
    }
    VIR_DEBUG("opening '%s' flags=0x%x", name, flags);
    if (!(uri = virURIParse(name)))
        return NULL;

    conn = virConnectNew();
    conn->flags = flags;
    conn->uriString = virURIFormat(uri);
    conn->uri = g_steal_pointer(&uri);
    if (virConnectOpenDrivers(conn, auth, flags) < 0) {
        virConnectUnrefInternal(conn);
        return NULL;
    }
    return conn;
}

/**
 * virConnectOpen:
 * @name: URI of the hypervisor, such as "test:///default", or NULL
 *
 * Opens a connection to the driver named by the URI's scheme (test, lve,
 * vserver, xen).  With @name NULL (or ""), uses VIRTKIT_DEFAULT_URI, else
 * LIBVIRT_DEFAULT_URI (the first set and not empty), and without them the
 * first driver whose hypervisor is present on this host.
 *
 * Returns a connection to close with virConnectClose(), or NULL.
 */
virConnectPtr
virConnectOpen(const char *name)
{
    virConnectPtr conn;

    virResetLastError();
    if (!(conn = virConnectOpenInternal(name, NULL, 0)))
        virDispatchError(NULL);
    return conn;
}

/**
 * virConnectOpenReadOnly:
 * @name: URI of the hypervisor, or NULL
 *
 * Like virConnectOpen(), but every call that would change something fails
 * with VIR_ERR_OPERATION_DENIED.
 *
 * Returns a connection, or NULL.
 */
virConnectPtr
virConnectOpenReadOnly(const char *name)
{
    virConnectPtr conn;

    virResetLastError();
    if (!(conn = virConnectOpenInternal(name, NULL, VIR_CONNECT_RO)))
        virDispatchError(NULL);
    return conn;
}

/**
 * virConnectOpenAuth:
 * @name: URI of the hypervisor, or NULL
 * @auth: authentication callbacks (local drivers need none)
 * @flags: bitwise-OR of virConnectFlags
 *
 * Opens a connection, asking @auth for credentials if the driver needs
 * them.
 *
 * Returns a connection, or NULL.
 */
virConnectPtr
virConnectOpenAuth(const char *name, virConnectAuthPtr auth, unsigned int flags)
{
    virConnectPtr conn = NULL;

    virResetLastError();
    if (flags & ~(VIR_CONNECT_RO | VIR_CONNECT_NO_ALIASES))
        virReportError(VIR_ERR_INVALID_ARG, _("unsupported flags (0x%x) in function %s"),
                       flags & ~(VIR_CONNECT_RO | VIR_CONNECT_NO_ALIASES), __func__);
    else
        conn = virConnectOpenInternal(name, auth, flags);
    if (!conn)
        virDispatchError(NULL);
    return conn;
}

/**
 * virConnectRef:
 * @conn: the connection to hold a reference on
 *
 * Takes one more reference on @conn, for a second user of the handle
 * (another thread, say); each reference is released with virConnectClose().
 *
 * Returns 0 in case of success, -1 in case of failure.
 */
int
virConnectRef(virConnectPtr conn)
{
    VIR_DEBUG("conn=%p", conn);
    virResetLastError();
    if (virCheckConnect(conn) < 0)
        return -1;
    g_atomic_int_inc(&conn->refs);
    return 0;
}

/**
 * virConnectClose:
 * @conn: pointer to the hypervisor connection
 *
 * Releases one reference on @conn.  Domain handles hold references too:
 * the connection goes away when the last is released.
 *
 * Returns the number of references left (0 when the connection was
 * closed; more means handles are still held), -1 on error.
 */
int
virConnectClose(virConnectPtr conn)
{
    int left;

    VIR_DEBUG("conn=%p", conn);
    virResetLastError();
    if (virCheckConnect(conn) < 0)
        return -1;
    /* read the count before dropping: after the drop, conn may be gone */
    left = g_atomic_int_get(&conn->refs) - 1;
    virConnectUnrefInternal(conn);
    return left < 0 ? 0 : left;
}

/**
 * virConnectGetType:
 * @conn: pointer to the hypervisor connection
 *
 * Returns the name of the driver ("TEST", "LVE", ...), owned by the
 * library, or NULL on error.
 */
const char *
virConnectGetType(virConnectPtr conn)
{
    VIR_DEBUG("conn=%p", conn);
    virResetLastError();
    if (virCheckConnect(conn) < 0)
        return NULL;
    if (conn->driver->connectGetType)
        return conn->driver->connectGetType(conn);
    return conn->driver->name;
}

/**
 * virConnectGetVersion:
 * @conn: pointer to the hypervisor connection
 * @hvVer: return value for the version of the hypervisor (OUT)
 *
 * Gives the hypervisor's version as major * 1,000,000 + minor * 1,000 +
 * micro.
 *
 * Returns 0 on success, -1 on error.
 */
int
virConnectGetVersion(virConnectPtr conn, unsigned long *hvVer)
{
    int ret;

    VIR_DEBUG("conn=%p", conn);
    virResetLastError();
    if (virCheckConnect(conn) < 0)
        return -1;
    if (virCheckNonNullArg(hvVer) < 0)
        goto error;
    if (!conn->driver->connectGetVersion) {
        virReportUnsupported(conn, __func__);
        goto error;
    }
    if ((ret = conn->driver->connectGetVersion(conn, hvVer)) < 0)
        goto error;
    return ret;

 error:
    virDispatchError(conn);
    return -1;
}

/**
 * virConnectGetLibVersion:
 * @conn: pointer to the hypervisor connection
 * @libVer: returns the library version (OUT)
 *
 * Returns 0 on success, -1 on error.
 */
int
virConnectGetLibVersion(virConnectPtr conn, unsigned long *libVer)
{
    VIR_DEBUG("conn=%p", conn);
    virResetLastError();
    if (virCheckConnect(conn) < 0)
        return -1;
    if (virCheckNonNullArg(libVer) < 0)
        goto error;
    *libVer = VIRTKIT_VERSION_NUMBER;
    return 0;

 error:
    virDispatchError(conn);
    return -1;
}

/**
 * virConnectGetHostname:
 * @conn: pointer to a hypervisor connection
 *
 * Returns the host name of the hypervisor's host, to free with free(),
 * or NULL on error.
 */
char *
virConnectGetHostname(virConnectPtr conn)
{
    char *ret;

    VIR_DEBUG("conn=%p", conn);
    virResetLastError();
    if (virCheckConnect(conn) < 0)
        return NULL;
    if (!conn->driver->connectGetHostname) {
        virReportUnsupported(conn, __func__);
        goto error;
    }
    if (!(ret = conn->driver->connectGetHostname(conn)))
        goto error;
    return ret;

 error:
    virDispatchError(conn);
    return NULL;
}

/**
 * virConnectGetURI:
 * @conn: pointer to a hypervisor connection
 *
 * Returns the canonical URI of the connection, to free with free(), or
 * NULL on error.
 */
char *
virConnectGetURI(virConnectPtr conn)
{
    VIR_DEBUG("conn=%p", conn);
    virResetLastError();
    if (virCheckConnect(conn) < 0)
        return NULL;
    return g_strdup(conn->uriString);
}

/**
 * virConnectGetCapabilities:
 * @conn: pointer to the hypervisor connection
 *
 * Returns the capabilities XML of the host and driver, to free with
 * free(), or NULL on error.
 */
char *
virConnectGetCapabilities(virConnectPtr conn)
{
    char *ret;

    VIR_DEBUG("conn=%p", conn);
    virResetLastError();
    if (virCheckConnect(conn) < 0)
        return NULL;
    if (!conn->driver->connectGetCapabilities) {
        virReportUnsupported(conn, __func__);
        goto error;
    }
    if (!(ret = conn->driver->connectGetCapabilities(conn)))
        goto error;
    return ret;

 error:
    virDispatchError(conn);
    return NULL;
}

/**
 * virConnectGetMaxVcpus:
 * @conn: pointer to the hypervisor connection
 * @type: value of the 'type' attribute of a <domain> element, or NULL
 *
 * Returns the largest number of vcpus a domain may have, or -1.
 */
int
virConnectGetMaxVcpus(virConnectPtr conn, const char *type)
{
    int ret;

    VIR_DEBUG("conn=%p", conn);
    virResetLastError();
    if (virCheckConnect(conn) < 0)
        return -1;
    if (!conn->driver->connectGetMaxVcpus) {
        virReportUnsupported(conn, __func__);
        goto error;
    }
    if ((ret = conn->driver->connectGetMaxVcpus(conn, type)) < 0)
        goto error;
    return ret;

 error:
    virDispatchError(conn);
    return -1;
}

/**
 * virConnectIsAlive:
 * @conn: pointer to the connection object
 *
 * Returns 1 if the connection is usable, 0 if not, -1 on error.
 */
int
virConnectIsAlive(virConnectPtr conn)
{
    int ret;

    VIR_DEBUG("conn=%p", conn);
    virResetLastError();
    if (virCheckConnect(conn) < 0)
        return -1;
    if (!conn->driver->connectIsAlive) {
        virReportUnsupported(conn, __func__);
        goto error;
    }
    if ((ret = conn->driver->connectIsAlive(conn)) < 0)
        goto error;
    return ret;

 error:
    virDispatchError(conn);
    return -1;
}

/**
 * virConnectSetKeepAlive:
 * @conn: pointer to the connection object
 * @interval: seconds of silence from the other end before a keepalive
 *            message is sent; <= 0 stops sending them
 * @count: how many keepalive messages may go unanswered in a row: the
 *         connection is closed when one more would be sent (0: closed
 *         after @interval seconds of silence, without sending any)
 *
 * Asks a remote connection to check that its daemon still answers, as
 * libvirt's client does.  The application must run an event loop
 * (virEventRegisterDefaultImpl() or its own with handles) for the
 * messages to go and their answers to be read.  Local drivers have no
 * other end and answer VIR_ERR_NO_SUPPORT.
 *
 * Returns 0 on success, 1 when the daemon does not support keepalive
 * messages, -1 on error.
 */
int
virConnectSetKeepAlive(virConnectPtr conn, int interval, unsigned int count)
{
    int ret;

    VIR_DEBUG("conn=%p, interval=%d, count=%u", conn, interval, count);
    virResetLastError();
    if (virCheckConnect(conn) < 0)
        return -1;
    if (!conn->driver->connectSetKeepAlive) {
        /* libvirt's words, which virsh -k prints on a local connection */
        virReportError(VIR_ERR_NO_SUPPORT, "%s", __func__);
        goto error;
    }
    if ((ret = conn->driver->connectSetKeepAlive(conn, interval, count)) < 0)
        goto error;
    return ret;

 error:
    virDispatchError(conn);
    return -1;
}

/**
 * virConnectIsSecure:
 * @conn: pointer to the connection object
 *
 * Returns 1 if the connection cannot be snooped (local drivers), 0 if
 * not, -1 on error.
 */
int
virConnectIsSecure(virConnectPtr conn)
{
    int ret;

    VIR_DEBUG("conn=%p", conn);
    virResetLastError();
    if (virCheckConnect(conn) < 0)
        return -1;
    if (!conn->driver->connectIsSecure) {
        virReportUnsupported(conn, __func__);
        goto error;
    }
    if ((ret = conn->driver->connectIsSecure(conn)) < 0)
        goto error;
    return ret;

 error:
    virDispatchError(conn);
    return -1;
}

/**
 * virConnectIsEncrypted:
 * @conn: pointer to the connection object
 *
 * Returns 1 if the connection is encrypted, 0 if not, -1 on error.
 */
int
virConnectIsEncrypted(virConnectPtr conn)
{
    int ret;

    VIR_DEBUG("conn=%p", conn);
    virResetLastError();
    if (virCheckConnect(conn) < 0)
        return -1;
    if (!conn->driver->connectIsEncrypted) {
        virReportUnsupported(conn, __func__);
        goto error;
    }
    if ((ret = conn->driver->connectIsEncrypted(conn)) < 0)
        goto error;
    return ret;

 error:
    virDispatchError(conn);
    return -1;
}

/* ---- virConnectAuthPtrDefault ---------------------------------------- */

static int
virAuthReadLine(const char *prompt, bool echo, char **result)
{
    struct termios old, quiet;
    bool restore = false;
    char buf[1024];

    fprintf(stderr, "%s: ", prompt);
    fflush(stderr);
    if (!echo && isatty(STDIN_FILENO) && tcgetattr(STDIN_FILENO, &old) == 0) {
        quiet = old;
        quiet.c_lflag &= ~ECHO;
        restore = tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet) == 0;
    }
    if (!fgets(buf, sizeof(buf), stdin))
        buf[0] = '\0';
    if (restore) {
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
        fputc('\n', stderr);
    }
    buf[strcspn(buf, "\r\n")] = '\0';
    *result = g_strdup(buf);
    return 0;
}

static int
virConnectAuthCallbackDefault(virConnectCredentialPtr cred, unsigned int ncred,
                              void *cbdata G_GNUC_UNUSED)
{
    unsigned int i;

    for (i = 0; i < ncred; i++) {
        bool echo = cred[i].type != VIR_CRED_PASSPHRASE &&
                    cred[i].type != VIR_CRED_NOECHOPROMPT;

        if (cred[i].type == VIR_CRED_EXTERNAL)
            return -1;
        virAuthReadLine(cred[i].prompt ? cred[i].prompt : _("Value"), echo, &cred[i].result);
        if (!*cred[i].result && cred[i].defresult) {
            g_free(cred[i].result);
            cred[i].result = g_strdup(cred[i].defresult);
        }
        cred[i].resultlen = strlen(cred[i].result);
    }
    return 0;
}

static int virConnectCredTypeDefault[] = {
    VIR_CRED_AUTHNAME,
    VIR_CRED_ECHOPROMPT,
    VIR_CRED_REALM,
    VIR_CRED_PASSPHRASE,
    VIR_CRED_NOECHOPROMPT,
    VIR_CRED_EXTERNAL,
};

static virConnectAuth virConnectAuthDefault = {
    virConnectCredTypeDefault,
    G_N_ELEMENTS(virConnectCredTypeDefault),
    virConnectAuthCallbackDefault,
    NULL,
};

/* A default authentication that prompts on the terminal. */
virConnectAuthPtr virConnectAuthPtrDefault = &virConnectAuthDefault;
