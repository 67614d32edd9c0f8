/*
 * libvirt-host.c: entry points for the library, connections and the node
 */
#include "internal.h"

#include <pthread.h>
#include <stdio.h>
#include <termios.h>
#include <unistd.h>

#include <libxml/parser.h>

#include "api.h"

#define VIR_FROM_THIS VIR_FROM_NONE

void
virReportInvalidHandle(int code, const char *func)
{
    virReportErrorFull(code == VIR_ERR_INVALID_DOMAIN ? VIR_FROM_DOM : VIR_FROM_NONE,
                       code, __FILE__, __func__, __LINE__, "%s", func);
    virDispatchError(NULL);
}

void
virReportUnsupported(virConnectPtr conn, const char *func)
{
    virReportError(VIR_ERR_NO_SUPPORT, _("%s is not implemented by the '%s' driver"),
                   func, conn->driver->name);
}

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
 * vserver, xen).  With @name NULL, uses VIRTKIT_DEFAULT_URI, and without
 * it the first driver whose hypervisor is present on this host.
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
    VIR_ENTRY_CONN(conn, -1);
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

    VIR_ENTRY_CONN(conn, -1);
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
    VIR_ENTRY_CONN(conn, NULL);
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
    VIR_ENTRY_CONN(conn, -1);
    VIR_CHECK_NONNULL(conn, hvVer, -1);
    VIR_DRIVER_CALL(conn, connectGetVersion, < 0, -1, conn, hvVer);
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
    VIR_ENTRY_CONN(conn, -1);
    VIR_CHECK_NONNULL(conn, libVer, -1);
    *libVer = VIRTKIT_VERSION_NUMBER;
    return 0;
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
    VIR_ENTRY_CONN(conn, NULL);
    VIR_DRIVER_CALL(conn, connectGetHostname, == NULL, NULL, conn);
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
    VIR_ENTRY_CONN(conn, NULL);
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
    VIR_ENTRY_CONN(conn, NULL);
    VIR_DRIVER_CALL(conn, connectGetCapabilities, == NULL, NULL, conn);
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
    VIR_ENTRY_CONN(conn, -1);
    VIR_DRIVER_CALL(conn, connectGetMaxVcpus, < 0, -1, conn, type);
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
    VIR_ENTRY_CONN(conn, -1);
    VIR_DRIVER_CALL(conn, connectIsAlive, < 0, -1, conn);
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
    VIR_ENTRY_CONN(conn, -1);
    VIR_DRIVER_CALL(conn, connectIsSecure, < 0, -1, conn);
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
    VIR_ENTRY_CONN(conn, -1);
    VIR_DRIVER_CALL(conn, connectIsEncrypted, < 0, -1, conn);
}

/**
 * virNodeGetInfo:
 * @conn: pointer to the hypervisor connection
 * @info: pointer to a virNodeInfo structure allocated by the user
 *
 * Returns 0 on success, -1 on error.
 */
int
virNodeGetInfo(virConnectPtr conn, virNodeInfoPtr info)
{
    VIR_ENTRY_CONN(conn, -1);
    VIR_CHECK_NONNULL(conn, info, -1);
    VIR_DRIVER_CALL(conn, nodeGetInfo, < 0, -1, conn, info);
}

/**
 * virNodeGetFreeMemory:
 * @conn: pointer to the hypervisor connection
 *
 * Returns the free memory of the host in bytes; 0 with an error set
 * (virGetLastError()) on failure.
 */
unsigned long long
virNodeGetFreeMemory(virConnectPtr conn)
{
    unsigned long long mem;

    VIR_ENTRY_CONN(conn, 0);
    if (!conn->driver->nodeGetFreeMemory) {
        virReportUnsupported(conn, __func__);
        virDispatchError(conn);
        return 0;
    }
    /* 0 is both "no memory free" and "error": only an error is dispatched */
    mem = conn->driver->nodeGetFreeMemory(conn);
    if (mem == 0 && virErrorIsSet())
        virDispatchError(conn);
    return mem;
}

/**
 * virNodeGetCellsFreeMemory:
 * @conn: pointer to the hypervisor connection
 * @freeMems: array filled with the free memory of each cell, in bytes
 * @startCell: index of the first cell
 * @maxCells: size of @freeMems
 *
 * Returns the number of entries filled, or -1.
 */
int
virNodeGetCellsFreeMemory(virConnectPtr conn, unsigned long long *freeMems,
                          int startCell, int maxCells)
{
    VIR_ENTRY_CONN(conn, -1);
    VIR_CHECK_NONNULL(conn, freeMems, -1);
    VIR_CHECK_ARG(conn, maxCells > 0, "maxCells", _("must be positive"), -1);
    VIR_CHECK_ARG(conn, startCell >= 0, "startCell", _("must not be negative"), -1);
    VIR_DRIVER_CALL(conn, nodeGetCellsFreeMemory, < 0, -1, conn, freeMems,
                    startCell, maxCells);
}

/**
 * virNodeGetCPUMap:
 * @conn: pointer to the hypervisor connection
 * @cpumap: optional pointer to a bit map of the present CPUs, to free with free()
 * @online: optional number of online CPUs
 * @flags: extra flags; not used yet, so callers should always pass 0
 *
 * Returns the number of CPUs present on the host (the size of a cpumap in
 * bits), or -1.
 */
int
virNodeGetCPUMap(virConnectPtr conn, unsigned char **cpumap,
                 unsigned int *online, unsigned int flags)
{
    VIR_ENTRY_CONN(conn, -1);
    VIR_DRIVER_CALL(conn, nodeGetCPUMap, < 0, -1, conn, cpumap, online, flags);
}

/**
 * virNodeGetMemoryStats:
 * @conn: pointer to the hypervisor connection
 * @cellNum: a cell number, or VIR_NODE_MEMORY_STATS_ALL_CELLS
 * @params: array of statistics to fill, or NULL to ask for their number
 * @nparams: in: size of @params; out: number of statistics
 * @flags: extra flags; not used yet, so callers should always pass 0
 *
 * Returns 0 on success, -1 on error.
 */
int
virNodeGetMemoryStats(virConnectPtr conn, int cellNum,
                      virNodeMemoryStatsPtr params, int *nparams,
                      unsigned int flags)
{
    VIR_ENTRY_CONN(conn, -1);
    VIR_CHECK_NONNULL(conn, nparams, -1);
    VIR_CHECK_ARG(conn, *nparams >= 0, "nparams", _("must not be negative"), -1);
    VIR_CHECK_ARG(conn, params || *nparams == 0, "params", _("must not be NULL when *nparams > 0"), -1);
    VIR_CHECK_ARG(conn, cellNum >= VIR_NODE_MEMORY_STATS_ALL_CELLS, "cellNum",
                  _("must be a cell number or VIR_NODE_MEMORY_STATS_ALL_CELLS"), -1);
    VIR_DRIVER_CALL(conn, nodeGetMemoryStats, < 0, -1, conn, cellNum, params,
                    nparams, flags);
}

/**
 * virNodeGetMemoryParameters:
 * @conn: pointer to the hypervisor connection
 * @params: array to fill, or NULL with *@nparams 0 to ask for their number
 * @nparams: in: size of @params; out: number of parameters filled
 * @flags: VIR_TYPED_PARAM_STRING_OKAY or 0
 *
 * Gives the memory-sharing tunables and counters (shm_pages_to_scan,
 * shm_pages_shared, ...).
 *
 * Returns 0 on success, -1 on error.
 */
int
virNodeGetMemoryParameters(virConnectPtr conn, virTypedParameterPtr params,
                           int *nparams, unsigned int flags)
{
    VIR_ENTRY_CONN(conn, -1);
    VIR_CHECK_NONNULL(conn, nparams, -1);
    VIR_CHECK_ARG(conn, *nparams >= 0, "nparams", _("must not be negative"), -1);
    VIR_CHECK_ARG(conn, params || *nparams == 0, "params", _("must not be NULL when *nparams > 0"), -1);
    VIR_DRIVER_CALL(conn, nodeGetMemoryParameters, < 0, -1, conn, params, nparams, flags);
}

/**
 * virNodeSetMemoryParameters:
 * @conn: pointer to the hypervisor connection
 * @params: the tunables to change
 * @nparams: number of entries in @params
 * @flags: extra flags; not used yet, so callers should always pass 0
 *
 * Changes memory-sharing tunables (shm_pages_to_scan, shm_sleep_millisecs,
 * shm_merge_across_nodes); all or none are applied.
 *
 * Returns 0 on success, -1 on error.
 */
int
virNodeSetMemoryParameters(virConnectPtr conn, virTypedParameterPtr params,
                           int nparams, unsigned int flags)
{
    VIR_ENTRY_CONN(conn, -1);
    VIR_CHECK_NONNULL(conn, params, -1);
    VIR_CHECK_ARG(conn, nparams > 0, "nparams", _("must be positive"), -1);
    VIR_CHECK_READ_ONLY(conn, -1);
    VIR_DRIVER_CALL(conn, nodeSetMemoryParameters, < 0, -1, conn, params, nparams, flags);
}

/**
 * virNodeGetSecurityModel:
 * @conn: a connection object
 * @secmodel: pointer to a virSecurityModel structure
 *
 * Returns 0 on success, -1 on error.
 */
int
virNodeGetSecurityModel(virConnectPtr conn, virSecurityModelPtr secmodel)
{
    VIR_ENTRY_CONN(conn, -1);
    VIR_CHECK_NONNULL(conn, secmodel, -1);
    VIR_DRIVER_CALL(conn, nodeGetSecurityModel, < 0, -1, conn, secmodel);
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
