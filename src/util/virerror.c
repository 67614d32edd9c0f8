/*
 * virerror.c: thread-local last error, error callbacks, error texts
 */
#include "internal.h"

#include "virthread.h"

#include <stdio.h>

#include "datatypes.h"
#include "virerror.h"
#include "virlog.h"

/* The thread's last error.  Entry points reset it on entry, so its life is
 * one public call; it is freed when the thread exits. */
static void virLastErrFree(gpointer data);
static GPrivate virLastErr = G_PRIVATE_INIT(virLastErrFree);

/* The process-wide callback set by virSetErrorFunc(). */
static virMutex virErrorHandlerLock = VIR_MUTEX_INITIALIZER;
static virErrorFunc virErrorHandler;
static void *virUserData;

/* Texts of the error domains, as libvirt spells them. */
static const char *const virErrorDomainNames[] = {
    [VIR_FROM_NONE] = "",
    [VIR_FROM_XEN] = "Xen",
    [VIR_FROM_XEND] = "Xen Daemon",
    [VIR_FROM_XENSTORE] = "Xen Store",
    [VIR_FROM_SEXPR] = "S-Expression",
    [VIR_FROM_XML] = "XML",
    [VIR_FROM_DOM] = "Domain",
    [VIR_FROM_RPC] = "RPC",
    [VIR_FROM_PROXY] = "PROXY",
    [VIR_FROM_CONF] = "Config File",
    [VIR_FROM_QEMU] = "QEMU",
    [VIR_FROM_NET] = "Network",
    [VIR_FROM_TEST] = "Test Driver",
    [VIR_FROM_REMOTE] = "Remote",
    [VIR_FROM_OPENVZ] = "OpenVZ",
    [VIR_FROM_XENXM] = "Xen XM",
    [VIR_FROM_STATS_LINUX] = "Linux Stats",
    [VIR_FROM_LXC] = "LXC",
    [VIR_FROM_STORAGE] = "Storage",
    [VIR_FROM_NETWORK] = "Network Config",
    [VIR_FROM_DOMAIN] = "Domain Config",
    [VIR_FROM_UML] = "UML",
    [VIR_FROM_NODEDEV] = "Node Device",
    [VIR_FROM_XEN_INOTIFY] = "Xen Inotify",
    [VIR_FROM_SECURITY] = "Security Labeling",
    [VIR_FROM_VBOX] = "VBOX",
    [VIR_FROM_INTERFACE] = "Interface",
    [VIR_FROM_ONE] = "ONE",
    [VIR_FROM_ESX] = "ESX",
    [VIR_FROM_PHYP] = "Power Hypervisor",
    [VIR_FROM_SECRET] = "Secrets",
    [VIR_FROM_CPU] = "CPU",
    [VIR_FROM_XENAPI] = "XenAPI",
    [VIR_FROM_NWFILTER] = "Network Filter",
    [VIR_FROM_HOOK] = "Sync Hook",
    [VIR_FROM_DOMAIN_SNAPSHOT] = "Domain Snapshot",
    [VIR_FROM_AUDIT] = "Audit Utils",
    [VIR_FROM_SYSINFO] = "Sysinfo",
    [VIR_FROM_STREAMS] = "Streams",
    [VIR_FROM_VMWARE] = "VMware",
    [VIR_FROM_EVENT] = "Events",
    [VIR_FROM_LIBXL] = "libxenlight",
    [VIR_FROM_LOCKING] = "Lock Driver",
    [VIR_FROM_HYPERV] = "Hyper-V",
    [VIR_FROM_CAPABILITIES] = "Capabilities",
    [VIR_FROM_URI] = "URI Utils",
    [VIR_FROM_AUTH] = "Authentication Utils",
    [VIR_FROM_DBUS] = "DBus Utils",
    [VIR_FROM_PARALLELS] = "Parallels Cloud Server",
    [VIR_FROM_DEVICE] = "Device Config",
    [VIR_FROM_SSH] = "SSH transport layer",
    [VIR_FROM_LOCKSPACE] = "Lockspace",
    [VIR_FROM_INITCTL] = "Init control",
    [VIR_FROM_IDENTITY] = "Identity",
    [VIR_FROM_CGROUP] = "Cgroup",
    [VIR_FROM_ACCESS] = "Access Manager",
    [VIR_FROM_SYSTEMD] = "Systemd",
    [VIR_FROM_BHYVE] = "Bhyve",
    [VIR_FROM_CRYPTO] = "Crypto",
    [VIR_FROM_FIREWALL] = "Firewall",
    [VIR_FROM_POLKIT] = "Polkit",
    [VIR_FROM_THREAD] = "Thread jobs",
    [VIR_FROM_ADMIN] = "Admin Interface",
    [VIR_FROM_LOGGING] = "Logging",
    [VIR_FROM_XENXL] = "Xen XL Config",
    [VIR_FROM_PERF] = "Perf",
    [VIR_FROM_LIBSSH] = "libssh transport layer",
    [VIR_FROM_RESCTRL] = "Resource control",
    [VIR_FROM_FIREWALLD] = "FirewallD",
    [VIR_FROM_DOMAIN_CHECKPOINT] = "Domain Checkpoint",
    [VIR_FROM_TPM] = "TPM",
    [VIR_FROM_BPF] = "BPF",
    [VIR_FROM_CH] = "Cloud-Hypervisor Driver",
};
G_STATIC_ASSERT(G_N_ELEMENTS(virErrorDomainNames) == VIR_ERR_DOMAIN_LAST);

/* What each error code means; the detail of one error follows ": ". */
static const char *const virErrorMessages[] = {
    [VIR_ERR_OK] = "no error",
    [VIR_ERR_INTERNAL_ERROR] = "internal error",
    [VIR_ERR_NO_MEMORY] = "out of memory",
    [VIR_ERR_NO_SUPPORT] = "this function is not supported by the connection driver",
    [VIR_ERR_UNKNOWN_HOST] = "unknown host",
    [VIR_ERR_NO_CONNECT] = "no connection driver available",
    [VIR_ERR_INVALID_CONN] = "invalid connection pointer in",
    [VIR_ERR_INVALID_DOMAIN] = "invalid domain pointer in",
    [VIR_ERR_INVALID_ARG] = "invalid argument",
    [VIR_ERR_OPERATION_FAILED] = "operation failed",
    [VIR_ERR_GET_FAILED] = "GET operation failed",
    [VIR_ERR_POST_FAILED] = "POST operation failed",
    [VIR_ERR_HTTP_ERROR] = "got unknown HTTP error code",
    [VIR_ERR_SEXPR_SERIAL] = "failed to serialize S-Expr",
    [VIR_ERR_NO_XEN] = "could not use Xen hypervisor entry",
    [VIR_ERR_XEN_CALL] = "failed Xen syscall",
    [VIR_ERR_OS_TYPE] = "unknown OS type",
    [VIR_ERR_NO_KERNEL] = "missing kernel information",
    [VIR_ERR_NO_ROOT] = "missing root device information",
    [VIR_ERR_NO_SOURCE] = "missing source information for device",
    [VIR_ERR_NO_TARGET] = "missing target information for device",
    [VIR_ERR_NO_NAME] = "missing name information",
    [VIR_ERR_NO_OS] = "missing operating system information",
    [VIR_ERR_NO_DEVICE] = "missing devices information",
    [VIR_ERR_NO_XENSTORE] = "could not connect to Xen Store",
    [VIR_ERR_DRIVER_FULL] = "too many drivers registered",
    [VIR_ERR_CALL_FAILED] = "library call failed",
    [VIR_ERR_XML_ERROR] = "XML error",
    [VIR_ERR_DOM_EXIST] = "this domain exists already",
    [VIR_ERR_OPERATION_DENIED] = "operation forbidden",
    [VIR_ERR_OPEN_FAILED] = "failed to open configuration file",
    [VIR_ERR_READ_FAILED] = "failed to read configuration file",
    [VIR_ERR_PARSE_FAILED] = "failed to parse configuration file",
    [VIR_ERR_CONF_SYNTAX] = "configuration file syntax error",
    [VIR_ERR_WRITE_FAILED] = "failed to write configuration file",
    [VIR_ERR_XML_DETAIL] = "parser error",
    [VIR_ERR_INVALID_NETWORK] = "invalid network pointer in",
    [VIR_ERR_NETWORK_EXIST] = "this network exists already",
    [VIR_ERR_SYSTEM_ERROR] = "system error",
    [VIR_ERR_RPC] = "RPC error",
    [VIR_ERR_GNUTLS_ERROR] = "GNUTLS call error",
    [VIR_WAR_NO_NETWORK] = "Failed to find the network",
    [VIR_ERR_NO_DOMAIN] = "Domain not found",
    [VIR_ERR_NO_NETWORK] = "Network not found",
    [VIR_ERR_INVALID_MAC] = "invalid MAC address",
    [VIR_ERR_AUTH_FAILED] = "authentication failed",
    [VIR_ERR_INVALID_STORAGE_POOL] = "invalid storage pool pointer in",
    [VIR_ERR_INVALID_STORAGE_VOL] = "invalid storage volume pointer in",
    [VIR_WAR_NO_STORAGE] = "Failed to find a storage driver",
    [VIR_ERR_NO_STORAGE_POOL] = "Storage pool not found",
    [VIR_ERR_NO_STORAGE_VOL] = "Storage volume not found",
    [VIR_WAR_NO_NODE] = "Failed to find a node driver",
    [VIR_ERR_INVALID_NODE_DEVICE] = "invalid node device pointer",
    [VIR_ERR_NO_NODE_DEVICE] = "Node device not found",
    [VIR_ERR_NO_SECURITY_MODEL] = "Security model not found",
    [VIR_ERR_OPERATION_INVALID] = "Requested operation is not valid",
    [VIR_WAR_NO_INTERFACE] = "Failed to find the interface",
    [VIR_ERR_NO_INTERFACE] = "Interface not found",
    [VIR_ERR_INVALID_INTERFACE] = "invalid interface pointer in",
    [VIR_ERR_MULTIPLE_INTERFACES] = "multiple matching interfaces found",
    [VIR_WAR_NO_NWFILTER] = "Failed to start the nwfilter driver",
    [VIR_ERR_INVALID_NWFILTER] = "Invalid network filter",
    [VIR_ERR_NO_NWFILTER] = "Network filter not found",
    [VIR_ERR_BUILD_FIREWALL] = "Error while building firewall",
    [VIR_WAR_NO_SECRET] = "Failed to find a secret storage driver",
    [VIR_ERR_INVALID_SECRET] = "Invalid secret",
    [VIR_ERR_NO_SECRET] = "Secret not found",
    [VIR_ERR_CONFIG_UNSUPPORTED] = "unsupported configuration",
    [VIR_ERR_OPERATION_TIMEOUT] = "Timed out during operation",
    [VIR_ERR_MIGRATE_PERSIST_FAILED] = "Failed to make domain persistent after migration",
    [VIR_ERR_HOOK_SCRIPT_FAILED] = "Hook script execution failed",
    [VIR_ERR_INVALID_DOMAIN_SNAPSHOT] = "Invalid snapshot",
    [VIR_ERR_NO_DOMAIN_SNAPSHOT] = "Domain snapshot not found",
    [VIR_ERR_INVALID_STREAM] = "invalid stream pointer in",
    [VIR_ERR_ARGUMENT_UNSUPPORTED] = "argument unsupported",
    [VIR_ERR_STORAGE_PROBE_FAILED] = "Storage pool probe failed",
    [VIR_ERR_STORAGE_POOL_BUILT] = "Storage pool already built",
    [VIR_ERR_SNAPSHOT_REVERT_RISKY] = "revert requires force",
    [VIR_ERR_OPERATION_ABORTED] = "operation aborted",
    [VIR_ERR_AUTH_CANCELLED] = "authentication cancelled",
    [VIR_ERR_NO_DOMAIN_METADATA] = "metadata not found",
    [VIR_ERR_MIGRATE_UNSAFE] = "Unsafe migration",
    [VIR_ERR_OVERFLOW] = "numerical overflow",
    [VIR_ERR_BLOCK_COPY_ACTIVE] = "block copy still active",
    [VIR_ERR_OPERATION_UNSUPPORTED] = "Operation not supported",
    [VIR_ERR_SSH] = "SSH transport error",
    [VIR_ERR_AGENT_UNRESPONSIVE] = "Guest agent is not responding",
    [VIR_ERR_RESOURCE_BUSY] = "resource busy",
    [VIR_ERR_ACCESS_DENIED] = "access denied",
    [VIR_ERR_DBUS_SERVICE] = "error from service",
    [VIR_ERR_STORAGE_VOL_EXIST] = "this storage volume exists already",
    [VIR_ERR_CPU_INCOMPATIBLE] = "the CPU is incompatible with host CPU",
    [VIR_ERR_XML_INVALID_SCHEMA] = "XML document failed to validate against schema",
    [VIR_ERR_MIGRATE_FINISH_OK] = "migration successfully aborted",
    [VIR_ERR_AUTH_UNAVAILABLE] = "authentication unavailable",
    [VIR_ERR_NO_SERVER] = "Server not found",
    [VIR_ERR_NO_CLIENT] = "Client not found",
    [VIR_ERR_AGENT_UNSYNCED] = "guest agent replied with wrong id to guest-sync command",
    [VIR_ERR_LIBSSH] = "libssh transport error",
    [VIR_ERR_DEVICE_MISSING] = "device not found",
    [VIR_ERR_INVALID_NWFILTER_BINDING] = "Invalid network filter binding",
    [VIR_ERR_NO_NWFILTER_BINDING] = "Network filter binding not found",
    [VIR_ERR_INVALID_DOMAIN_CHECKPOINT] = "Invalid checkpoint",
    [VIR_ERR_NO_DOMAIN_CHECKPOINT] = "Domain checkpoint not found",
    [VIR_ERR_NO_DOMAIN_BACKUP] = "Domain backup job id not found",
    [VIR_ERR_INVALID_NETWORK_PORT] = "Invalid network port pointer",
    [VIR_ERR_NETWORK_PORT_EXIST] = "this network port exists already",
    [VIR_ERR_NO_NETWORK_PORT] = "network port not found",
    [VIR_ERR_NO_HOSTNAME] = "no hostname found",
    [VIR_ERR_CHECKPOINT_INCONSISTENT] = "checkpoint inconsistent",
    [VIR_ERR_MULTIPLE_DOMAINS] = "multiple matching domains found",
};
G_STATIC_ASSERT(G_N_ELEMENTS(virErrorMessages) == VIR_ERR_NUMBER_LAST);

const char *
virErrorDomainName(int domain)
{
    if (domain == VIR_FROM_LVE)
        return "LVE Driver";
    if (domain == VIR_FROM_VSERVER)
        return "VServer Driver";
    if (domain < 0 || domain >= VIR_ERR_DOMAIN_LAST)
        return "Unknown";
    return virErrorDomainNames[domain];
}

static const char *
virErrorCodeText(int code)
{
    if (code < 0 || code >= VIR_ERR_NUMBER_LAST)
        return "unknown error";
    return virErrorMessages[code];
}

static void
virLastErrFree(gpointer data)
{
    virErrorPtr err = data;

    if (!err)
        return;
    virResetError(err);
    g_free(err);
}

/* The thread's error slot, created on first use. */
static virErrorPtr
virLastErrorObject(void)
{
    virErrorPtr err = g_private_get(&virLastErr);

    if (!err) {
        err = g_new0(virError, 1);
        g_private_set(&virLastErr, err);
    }
    return err;
}

static void
virCopyError(virErrorPtr from, virErrorPtr to)
{
    virResetError(to);
    to->code = from->code;
    to->domain = from->domain;
    to->level = from->level;
    to->message = g_strdup(from->message);
    to->str1 = g_strdup(from->str1);
    to->str2 = g_strdup(from->str2);
    to->str3 = g_strdup(from->str3);
    to->int1 = from->int1;
    to->int2 = from->int2;
}

/* Records an error as the thread's last error and logs it; @bare: the
 * message is @detail alone, without the text of @code. */
static void
virRaiseError(int domain, int code, const char *file, const char *func,
              size_t line, char *detail, bool bare)
{
    virErrorPtr err = virLastErrorObject();
    const char *what = virErrorCodeText(code);

    virResetError(err);
    err->domain = domain;
    err->code = code;
    err->level = VIR_ERR_ERROR;
    if (code == VIR_ERR_INVALID_CONN || code == VIR_ERR_INVALID_DOMAIN)
        err->message = g_strdup_printf("%s %s", what, detail);
    else if (code == VIR_ERR_SYSTEM_ERROR || bare)
        err->message = g_strdup(detail);
    else
        err->message = g_strdup_printf("%s: %s", what, detail);
    err->str1 = detail;

    if (virLogRequested)
        VIR_LOG_ERROR_AT(file, func, line, "%s: %s",
                         virErrorDomainName(domain), err->message);
}

void
virReportErrorFull(int domain, int code, const char *file, const char *func,
                   size_t line, const char *fmt, ...)
{
    va_list args;
    int save_errno = errno;

    va_start(args, fmt);
    virRaiseError(domain, code, file, func, line, g_strdup_vprintf(fmt, args), false);
    va_end(args);
    errno = save_errno;
}

void
virReportErrorBareFull(int domain, int code, const char *file, const char *func,
                       size_t line, const char *fmt, ...)
{
    va_list args;
    int save_errno = errno;

    va_start(args, fmt);
    virRaiseError(domain, code, file, func, line, g_strdup_vprintf(fmt, args), true);
    va_end(args);
    errno = save_errno;
}

void
virReportSystemErrorFull(int domain, int errnum, const char *file,
                         const char *func, size_t line, const char *fmt, ...)
{
    va_list args;
    g_autofree char *msg = NULL;
    int save_errno = errno;

    va_start(args, fmt);
    msg = g_strdup_vprintf(fmt, args);
    va_end(args);
    virRaiseError(domain, VIR_ERR_SYSTEM_ERROR, file, func, line,
                  g_strdup_printf("%s: %s", msg, g_strerror(errnum)), false);
    virLastErrorObject()->int1 = errnum;
    errno = save_errno;
}

const char *
virErrorDetail(void)
{
    virErrorPtr err = g_private_get(&virLastErr);

    if (!err || err->code == VIR_ERR_OK)
        return _("unknown error");
    return err->str1 ? err->str1 : err->message;
}

bool
virErrorIsSet(void)
{
    virErrorPtr err = g_private_get(&virLastErr);

    return err && err->code != VIR_ERR_OK;
}

/**
 * virDispatchError:
 * @conn: the connection the failing call was made on, or NULL
 *
 * The last step of a failing public call: makes sure an error is set,
 * copies it to @conn, and runs the connection's or the global callback
 * (or virDefaultErrorFunc when neither is set).
 */
void
virDispatchError(virConnectPtr conn)
{
    virErrorPtr err = virLastErrorObject();
    virErrorFunc handler;
    void *userData;

    if (err->code == VIR_ERR_OK)
        virReportErrorFull(VIR_FROM_NONE, VIR_ERR_INTERNAL_ERROR, __FILE__,
                           __func__, __LINE__, "%s",
                           _("a call failed without saying why"));

    virMutexLock(&virErrorHandlerLock);
    handler = virErrorHandler;
    userData = virUserData;
    virMutexUnlock(&virErrorHandlerLock);

    if (conn) {
        virMutexLock(&conn->lock);
        virCopyError(err, &conn->err);
        if (conn->handler) {
            handler = conn->handler;
            userData = conn->userData;
        }
        virMutexUnlock(&conn->lock);
    }

    if (handler)
        handler(userData, err);
    else
        virDefaultErrorFunc(err);
}

void
virErrorPreserveLast(virErrorPtr *saveerr)
{
    virErrorPtr err = g_private_get(&virLastErr);

    *saveerr = NULL;
    if (err && err->code != VIR_ERR_OK) {
        *saveerr = g_new0(virError, 1);
        virCopyError(err, *saveerr);
    }
}

void
virErrorRestore(virErrorPtr *savederr)
{
    if (!*savederr)
        return;
    virCopyError(*savederr, virLastErrorObject());
    virFreeError(g_steal_pointer(savederr));
}

/**
 * virGetLastError:
 *
 * Provides a pointer to the last error caught in this thread.  The error
 * is owned by the library and valid until the next call from this thread.
 *
 * Returns the last error or NULL if none occurred.
 */
virErrorPtr
virGetLastError(void)
{
    virErrorPtr err = g_private_get(&virLastErr);

    if (!err || err->code == VIR_ERR_OK)
        return NULL;
    return err;
}

/**
 * virGetLastErrorCode:
 *
 * Returns the code of the thread's last error, or VIR_ERR_OK.
 */
int
virGetLastErrorCode(void)
{
    virErrorPtr err = virGetLastError();

    return err ? err->code : VIR_ERR_OK;
}

/**
 * virGetLastErrorDomain:
 *
 * Returns the domain (virErrorDomain) of the thread's last error, or
 * VIR_FROM_NONE.
 */
int
virGetLastErrorDomain(void)
{
    virErrorPtr err = virGetLastError();

    return err ? err->domain : VIR_FROM_NONE;
}

/**
 * virGetLastErrorMessage:
 *
 * Returns the message of the thread's last error, or "no error".  The
 * string is owned by the library and valid until the next call.
 */
const char *
virGetLastErrorMessage(void)
{
    virErrorPtr err = virGetLastError();

    if (!err)
        return _("no error");
    return err->message ? err->message : _("unknown error");
}

/**
 * virSaveLastError:
 *
 * Returns a copy of the thread's last error (with code VIR_ERR_OK when
 * there is none), to be freed with virFreeError().
 */
virErrorPtr
virSaveLastError(void)
{
    virErrorPtr to = g_new0(virError, 1);
    virErrorPtr err = virGetLastError();

    if (err)
        virCopyError(err, to);
    return to;
}

/**
 * virCopyLastError:
 * @to: target to receive the copy
 *
 * Copies the thread's last error into @to; the caller frees its strings
 * with virResetError().
 *
 * Returns the error code, 0 if there was none, -1 if @to is NULL.
 */
int
virCopyLastError(virErrorPtr to)
{
    virErrorPtr err = virGetLastError();

    if (!to)
        return -1;
    if (err)
        virCopyError(err, to);
    else
        virResetError(to);
    return to->code;
}

/**
 * virResetError:
 * @err: pointer to the virError to clean up
 *
 * Frees the strings of @err and sets it to VIR_ERR_OK.
 */
void
virResetError(virErrorPtr err)
{
    if (!err)
        return;
    g_free(err->message);
    g_free(err->str1);
    g_free(err->str2);
    g_free(err->str3);
    memset(err, 0, sizeof(*err));
}

/**
 * virFreeError:
 * @err: error from virSaveLastError()
 *
 * Frees an error and its strings.  Accepts NULL.
 */
void
virFreeError(virErrorPtr err)
{
    virResetError(err);
    g_free(err);
}

/**
 * virResetLastError:
 *
 * Clears the thread's last error.  Every public call does this on entry.
 */
void
virResetLastError(void)
{
    virErrorPtr err = g_private_get(&virLastErr);

    if (err && err->code != VIR_ERR_OK)
        virResetError(err);
}

/**
 * virConnGetLastError:
 * @conn: pointer to the hypervisor connection
 *
 * The last error a call on @conn failed with, as the connection keeps it.
 *
 * Returns the error (owned by @conn: do not free it), or NULL if none.
 *
 * Deprecated: use virGetLastError(); the connection's copy is shared by
 * every thread that uses @conn.
 */
virErrorPtr
virConnGetLastError(virConnectPtr conn)
{
    if (!conn || conn->err.code == VIR_ERR_OK)
        return NULL;
    return &conn->err;
}

/**
 * virConnCopyLastError:
 * @conn: pointer to the hypervisor connection
 * @to: target to receive the copy
 *
 * Copies the last error a call on @conn failed with into @to; @to is reset
 * when there is none.
 *
 * Returns the error code, 0 if none, -1 on invalid arguments.
 *
 * Deprecated: use virCopyLastError().
 */
int
virConnCopyLastError(virConnectPtr conn, virErrorPtr to)
{
    if (!conn || !to)
        return -1;
    virMutexLock(&conn->lock);
    if (conn->err.code == VIR_ERR_OK)
        virResetError(to);
    else
        virCopyError(&conn->err, to);
    virMutexUnlock(&conn->lock);
    return to->code;
}

/**
 * virConnResetLastError:
 * @conn: pointer to the hypervisor connection
 *
 * Clears the connection's copy of its last error.
 *
 * Deprecated: use virResetLastError().
 */
void
virConnResetLastError(virConnectPtr conn)
{
    if (!conn)
        return;
    virMutexLock(&conn->lock);
    virResetError(&conn->err);
    virMutexUnlock(&conn->lock);
}

/**
 * virSetErrorFunc:
 * @userData: pointer to the user data provided in the handler callback
 * @handler: the function to get called in case of error, or NULL
 *
 * Sets the process-wide callback run when a public call fails.  With no
 * callback set, errors are printed on standard error by
 * virDefaultErrorFunc().
 */
void
virSetErrorFunc(void *userData, virErrorFunc handler)
{
    virMutexLock(&virErrorHandlerLock);
    virErrorHandler = handler;
    virUserData = userData;
    virMutexUnlock(&virErrorHandlerLock);
}

/**
 * virConnSetErrorFunc:
 * @conn: pointer to the hypervisor connection
 * @userData: pointer to the user data provided in the handler callback
 * @handler: the function to get called in case of error, or NULL
 *
 * Sets a callback run when a call on @conn fails, instead of the global one.
 */
void
virConnSetErrorFunc(virConnectPtr conn, void *userData, virErrorFunc handler)
{
    if (!conn)
        return;
    virMutexLock(&conn->lock);
    conn->handler = handler;
    conn->userData = userData;
    virMutexUnlock(&conn->lock);
}

/**
 * virDefaultErrorFunc:
 * @err: pointer to the error
 *
 * Prints @err on standard error in libvirt's layout, with virtkit's name:
 * "virtkit: <part> <level> : <message>" (libvirt's own function prints
 * "libvirt: ..." the same way; the parts stay even when empty; the error
 * carries no domain handle, as libvirt's no longer does).
 */
void
virDefaultErrorFunc(virErrorPtr err)
{
    const char *lvl = "";
    const char *msg;
    size_t len;

    if (!err || err->code == VIR_ERR_OK)
        return;
    if (err->level == VIR_ERR_WARNING)
        lvl = _("warning");
    else if (err->level == VIR_ERR_ERROR)
        lvl = _("error");
    msg = err->message ? err->message : _("unknown error");
    len = strlen(msg);
    if (err->domain == VIR_FROM_XML && err->code == VIR_ERR_XML_DETAIL && err->int1 != 0)
        fprintf(stderr, "virtkit: %s %s : line %d: %s%s", virErrorDomainName(err->domain),
                lvl, err->int1, msg,
                len && msg[len - 1] == '\n' ? "" : "\n");
    else
        fprintf(stderr, "virtkit: %s %s : %s%s", virErrorDomainName(err->domain),
                lvl, msg,
                len && msg[len - 1] == '\n' ? "" : "\n");
}
