/*
 * virterror.h: errors, with libvirt's codes, domains and calls
 *
 * Part of virtkit's libvirt-compatible public API; include <virt/virt.h>.
 * The numbers are libvirt's and are never renumbered.
 */
#ifndef VIRT_VIRTERROR_H
# define VIRT_VIRTERROR_H

# ifndef VIRT_VIRT_H_INCLUDES
#  error "Don't include this file directly, only use virt/virt.h"
# endif

/**
 * SECTION:virterror
 * @title: virterror
 * @short_description: errors
 * @include: virt/virt.h
 *
 * Every public call that fails records an error for its thread: a code, the
 * part of the library it comes from and a message naming what was wrong.
 * virGetLastError() reads it; every entry point resets it first.
 */

# ifdef __cplusplus
extern "C" {
# endif

/**
 * virErrorLevel:
 *
 * How serious an error is.
 */
typedef enum {
    VIR_ERR_NONE = 0,
    VIR_ERR_WARNING = 1,
    VIR_ERR_ERROR = 2,
} virErrorLevel;

/**
 * virErrorDomain:
 *
 * The part of the library an error comes from.
 */
typedef enum {
    VIR_FROM_NONE = 0,
    VIR_FROM_XEN = 1,           /* Error at Xen hypervisor layer */
    VIR_FROM_XEND = 2,
    VIR_FROM_XENSTORE = 3,      /* Error at connection with xen store */
    VIR_FROM_SEXPR = 4,
    VIR_FROM_XML = 5,           /* Error in the XML code */
    VIR_FROM_DOM = 6,           /* Error when operating on a domain */
    VIR_FROM_RPC = 7,
    VIR_FROM_PROXY = 8,
    VIR_FROM_CONF = 9,          /* Error in the configuration file handling */
    VIR_FROM_QEMU = 10,
    VIR_FROM_NET = 11,
    VIR_FROM_TEST = 12,         /* Error from test driver */
    VIR_FROM_REMOTE = 13,
    VIR_FROM_OPENVZ = 14,
    VIR_FROM_XENXM = 15,
    VIR_FROM_STATS_LINUX = 16,
    VIR_FROM_LXC = 17,
    VIR_FROM_STORAGE = 18,
    VIR_FROM_NETWORK = 19,
    VIR_FROM_DOMAIN = 20,       /* Error from domain config */
    VIR_FROM_UML = 21,
    VIR_FROM_NODEDEV = 22,
    VIR_FROM_XEN_INOTIFY = 23,
    VIR_FROM_SECURITY = 24,
    VIR_FROM_VBOX = 25,
    VIR_FROM_INTERFACE = 26,
    VIR_FROM_ONE = 27,
    VIR_FROM_ESX = 28,
    VIR_FROM_PHYP = 29,
    VIR_FROM_SECRET = 30,
    VIR_FROM_CPU = 31,
    VIR_FROM_XENAPI = 32,
    VIR_FROM_NWFILTER = 33,
    VIR_FROM_HOOK = 34,
    VIR_FROM_DOMAIN_SNAPSHOT = 35,
    VIR_FROM_AUDIT = 36,
    VIR_FROM_SYSINFO = 37,
    VIR_FROM_STREAMS = 38,
    VIR_FROM_VMWARE = 39,
    VIR_FROM_EVENT = 40,
    VIR_FROM_LIBXL = 41,        /* Error from libxenlight driver */
    VIR_FROM_LOCKING = 42,
    VIR_FROM_HYPERV = 43,
    VIR_FROM_CAPABILITIES = 44,
    VIR_FROM_URI = 45,          /* Error from URI handling */
    VIR_FROM_AUTH = 46,
    VIR_FROM_DBUS = 47,
    VIR_FROM_PARALLELS = 48,
    VIR_FROM_DEVICE = 49,
    VIR_FROM_SSH = 50,
    VIR_FROM_LOCKSPACE = 51,
    VIR_FROM_INITCTL = 52,
    VIR_FROM_IDENTITY = 53,
    VIR_FROM_CGROUP = 54,       /* Error from cgroups */
    VIR_FROM_ACCESS = 55,
    VIR_FROM_SYSTEMD = 56,
    VIR_FROM_BHYVE = 57,
    VIR_FROM_CRYPTO = 58,
    VIR_FROM_FIREWALL = 59,
    VIR_FROM_POLKIT = 60,
    VIR_FROM_THREAD = 61,
    VIR_FROM_ADMIN = 62,
    VIR_FROM_LOGGING = 63,
    VIR_FROM_XENXL = 64,
    VIR_FROM_PERF = 65,
    VIR_FROM_LIBSSH = 66,
    VIR_FROM_RESCTRL = 67,
    VIR_FROM_FIREWALLD = 68,
    VIR_FROM_DOMAIN_CHECKPOINT = 69,
    VIR_FROM_TPM = 70,
    VIR_FROM_BPF = 71,
    VIR_FROM_CH = 72,
# ifdef VIR_ENUM_SENTINELS
    VIR_ERR_DOMAIN_LAST
# endif
} virErrorDomain;

typedef struct _virError virError;

/**
 * virErrorPtr:
 *
 * A pointer to a virError.
 */
typedef virError *virErrorPtr;

/**
 * virError:
 *
 * An error: which code, from which part, and a message that says what was
 * wrong and with which object.
 */
struct _virError {
    int code;               /* The error code, a virErrorNumber */
    int domain;             /* What part of the library raised this error */
    char *message;          /* human-readable informative error message */
    virErrorLevel level;    /* how consequent is the error */
    virConnectPtr conn VIR_DEPRECATED; /* always NULL, kept for layout */
    virDomainPtr dom VIR_DEPRECATED;   /* always NULL, kept for layout */
    char *str1;             /* extra string information */
    char *str2;             /* extra string information */
    char *str3;             /* extra string information */
    int int1;               /* extra number information */
    int int2;               /* extra number information */
    void *net VIR_DEPRECATED;          /* always NULL, kept for layout */
};

/**
 * virErrorNumber:
 *
 * The error codes.
 */
typedef enum {
    VIR_ERR_OK = 0,
    VIR_ERR_INTERNAL_ERROR = 1,         /* internal error */
    VIR_ERR_NO_MEMORY = 2,              /* memory allocation failure */
    VIR_ERR_NO_SUPPORT = 3,             /* no support for this function */
    VIR_ERR_UNKNOWN_HOST = 4,           /* could not resolve hostname */
    VIR_ERR_NO_CONNECT = 5,             /* can't connect to hypervisor */
    VIR_ERR_INVALID_CONN = 6,           /* invalid connection object */
    VIR_ERR_INVALID_DOMAIN = 7,         /* invalid domain object */
    VIR_ERR_INVALID_ARG = 8,            /* invalid function argument */
    VIR_ERR_OPERATION_FAILED = 9,       /* a command to hypervisor failed */
    VIR_ERR_GET_FAILED = 10,
    VIR_ERR_POST_FAILED = 11,
    VIR_ERR_HTTP_ERROR = 12,
    VIR_ERR_SEXPR_SERIAL = 13,
    VIR_ERR_NO_XEN = 14,                /* could not open Xen hypervisor control */
    VIR_ERR_XEN_CALL = 15,              /* failure doing an hypervisor call */
    VIR_ERR_OS_TYPE = 16,               /* unknown OS type */
    VIR_ERR_NO_KERNEL = 17,
    VIR_ERR_NO_ROOT = 18,
    VIR_ERR_NO_SOURCE = 19,
    VIR_ERR_NO_TARGET = 20,
    VIR_ERR_NO_NAME = 21,               /* missing domain name information */
    VIR_ERR_NO_OS = 22,                 /* missing domain OS information */
    VIR_ERR_NO_DEVICE = 23,
    VIR_ERR_NO_XENSTORE = 24,           /* could not open Xen Store control */
    VIR_ERR_DRIVER_FULL = 25,
    VIR_ERR_CALL_FAILED = 26,
    VIR_ERR_XML_ERROR = 27,             /* an XML description is not well formed or broken */
    VIR_ERR_DOM_EXIST = 28,             /* the domain already exist */
    VIR_ERR_OPERATION_DENIED = 29,      /* operation forbidden on read-only connections */
    VIR_ERR_OPEN_FAILED = 30,           /* failed to open a conf file */
    VIR_ERR_READ_FAILED = 31,           /* failed to read a conf file */
    VIR_ERR_PARSE_FAILED = 32,          /* failed to parse a conf file */
    VIR_ERR_CONF_SYNTAX = 33,           /* failed to parse the syntax of a conf file */
    VIR_ERR_WRITE_FAILED = 34,          /* failed to write a conf file */
    VIR_ERR_XML_DETAIL = 35,            /* detail of an XML error */
    VIR_ERR_INVALID_NETWORK = 36,
    VIR_ERR_NETWORK_EXIST = 37,
    VIR_ERR_SYSTEM_ERROR = 38,          /* general system call failure */
    VIR_ERR_RPC = 39,
    VIR_ERR_GNUTLS_ERROR = 40,
    VIR_WAR_NO_NETWORK = 41,
    VIR_ERR_NO_DOMAIN = 42,             /* domain not found or unexpectedly disappeared */
    VIR_ERR_NO_NETWORK = 43,
    VIR_ERR_INVALID_MAC = 44,
    VIR_ERR_AUTH_FAILED = 45,           /* authentication failed */
    VIR_ERR_INVALID_STORAGE_POOL = 46,
    VIR_ERR_INVALID_STORAGE_VOL = 47,
    VIR_WAR_NO_STORAGE = 48,
    VIR_ERR_NO_STORAGE_POOL = 49,
    VIR_ERR_NO_STORAGE_VOL = 50,
    VIR_WAR_NO_NODE = 51,
    VIR_ERR_INVALID_NODE_DEVICE = 52,
    VIR_ERR_NO_NODE_DEVICE = 53,
    VIR_ERR_NO_SECURITY_MODEL = 54,
    VIR_ERR_OPERATION_INVALID = 55,     /* operation is not applicable at this time */
    VIR_WAR_NO_INTERFACE = 56,
    VIR_ERR_NO_INTERFACE = 57,
    VIR_ERR_INVALID_INTERFACE = 58,
    VIR_ERR_MULTIPLE_INTERFACES = 59,
    VIR_WAR_NO_NWFILTER = 60,
    VIR_ERR_INVALID_NWFILTER = 61,
    VIR_ERR_NO_NWFILTER = 62,
    VIR_ERR_BUILD_FIREWALL = 63,
    VIR_WAR_NO_SECRET = 64,
    VIR_ERR_INVALID_SECRET = 65,
    VIR_ERR_NO_SECRET = 66,
    VIR_ERR_CONFIG_UNSUPPORTED = 67,    /* unsupported configuration construct */
    VIR_ERR_OPERATION_TIMEOUT = 68,     /* timeout occurred during operation */
    VIR_ERR_MIGRATE_PERSIST_FAILED = 69,
    VIR_ERR_HOOK_SCRIPT_FAILED = 70,
    VIR_ERR_INVALID_DOMAIN_SNAPSHOT = 71,
    VIR_ERR_NO_DOMAIN_SNAPSHOT = 72,
    VIR_ERR_INVALID_STREAM = 73,
    VIR_ERR_ARGUMENT_UNSUPPORTED = 74,  /* valid API use but unsupported by the given driver */
    VIR_ERR_STORAGE_PROBE_FAILED = 75,
    VIR_ERR_STORAGE_POOL_BUILT = 76,
    VIR_ERR_SNAPSHOT_REVERT_RISKY = 77,
    VIR_ERR_OPERATION_ABORTED = 78,
    VIR_ERR_AUTH_CANCELLED = 79,
    VIR_ERR_NO_DOMAIN_METADATA = 80,
    VIR_ERR_MIGRATE_UNSAFE = 81,
    VIR_ERR_OVERFLOW = 82,              /* integer overflow */
    VIR_ERR_BLOCK_COPY_ACTIVE = 83,
    VIR_ERR_OPERATION_UNSUPPORTED = 84, /* the requested operation is not supported */
    VIR_ERR_SSH = 85,
    VIR_ERR_AGENT_UNRESPONSIVE = 86,
    VIR_ERR_RESOURCE_BUSY = 87,         /* resource is already in use */
    VIR_ERR_ACCESS_DENIED = 88,         /* operation on the object/resource was denied */
    VIR_ERR_DBUS_SERVICE = 89,
    VIR_ERR_STORAGE_VOL_EXIST = 90,
    VIR_ERR_CPU_INCOMPATIBLE = 91,
    VIR_ERR_XML_INVALID_SCHEMA = 92,    /* XML document doesn't validate against schema */
    VIR_ERR_MIGRATE_FINISH_OK = 93,
    VIR_ERR_AUTH_UNAVAILABLE = 94,
    VIR_ERR_NO_SERVER = 95,
    VIR_ERR_NO_CLIENT = 96,
    VIR_ERR_AGENT_UNSYNCED = 97,
    VIR_ERR_LIBSSH = 98,
    VIR_ERR_DEVICE_MISSING = 99,
    VIR_ERR_INVALID_NWFILTER_BINDING = 100,
    VIR_ERR_NO_NWFILTER_BINDING = 101,
    VIR_ERR_INVALID_DOMAIN_CHECKPOINT = 102,
    VIR_ERR_NO_DOMAIN_CHECKPOINT = 103,
    VIR_ERR_NO_DOMAIN_BACKUP = 104,
    VIR_ERR_INVALID_NETWORK_PORT = 105,
    VIR_ERR_NETWORK_PORT_EXIST = 106,
    VIR_ERR_NO_NETWORK_PORT = 107,
    VIR_ERR_NO_HOSTNAME = 108,
    VIR_ERR_CHECKPOINT_INCONSISTENT = 109,
    VIR_ERR_MULTIPLE_DOMAINS = 110,
# ifdef VIR_ENUM_SENTINELS
    VIR_ERR_NUMBER_LAST
# endif
} virErrorNumber;

/**
 * virErrorFunc:
 * @userData: user provided data for the error callback
 * @error: the error being raised
 *
 * Signature of a function called whenever a public call fails.
 */
typedef void (*virErrorFunc)(void *userData, virErrorPtr error);

virErrorPtr virGetLastError(void);
virErrorPtr virSaveLastError(void);
void virResetLastError(void);
void virResetError(virErrorPtr err);
void virFreeError(virErrorPtr err);
int virGetLastErrorCode(void);
int virGetLastErrorDomain(void);
const char *virGetLastErrorMessage(void);
virErrorPtr virConnGetLastError(virConnectPtr conn);
void virConnResetLastError(virConnectPtr conn);
int virCopyLastError(virErrorPtr to);
void virDefaultErrorFunc(virErrorPtr err);
void virSetErrorFunc(void *userData, virErrorFunc handler);
void virConnSetErrorFunc(virConnectPtr conn, void *userData,
                         virErrorFunc handler);
int virConnCopyLastError(virConnectPtr conn, virErrorPtr to);

# ifdef __cplusplus
}
# endif

#endif /* VIRT_VIRTERROR_H */
