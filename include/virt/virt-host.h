/*
 * virt-host.h: connections, node information and host-wide tunables
 *
 * Part of virtkit's libvirt-compatible public API; include <virt/virt.h>.
 */
#ifndef VIRT_HOST_H
# define VIRT_HOST_H

# ifndef VIRT_VIRT_H_INCLUDES
#  error "Don't include this file directly, only use virt/virt.h"
# endif

/**
 * SECTION:virt-host
 * @title: virt-host
 * @short_description: connections and the host
 * @include: virt/virt.h
 *
 * Opening and closing a connection to a driver by URI, what the connection
 * and its driver are, and what the host has: CPUs, memory, NUMA cells and
 * the memory-sharing tunables of the kernel.
 */

# ifdef __cplusplus
extern "C" {
# endif

/**
 * virConnect:
 *
 * An opaque, reference-counted connection to one hypervisor driver.
 */
typedef struct _virConnect virConnect;

/**
 * virConnectPtr:
 *
 * The handle used by every call that works on a connection.
 */
typedef virConnect *virConnectPtr;

/* Sizes of the security label and model strings. */

/**
 * VIR_SECURITY_LABEL_BUFLEN:
 *
 * Size of the label of a virSecurityLabel, including the final NUL.
 */
# define VIR_SECURITY_LABEL_BUFLEN (4096 + 1)

/**
 * VIR_SECURITY_MODEL_BUFLEN:
 *
 * Size of the model of a virSecurityModel, including the final NUL.
 */
# define VIR_SECURITY_MODEL_BUFLEN (256 + 1)

/**
 * VIR_SECURITY_DOI_BUFLEN:
 *
 * Size of the domain of interpretation of a virSecurityModel, including the
 * final NUL.
 */
# define VIR_SECURITY_DOI_BUFLEN (256 + 1)

typedef struct _virSecurityLabel virSecurityLabel;

/**
 * virSecurityLabel:
 *
 * The security label of a domain's process.
 */
struct _virSecurityLabel {
    char label[VIR_SECURITY_LABEL_BUFLEN];
    int enforcing;      /* 1 if enforcing, 0 if permissive */
};

/**
 * virSecurityLabelPtr:
 *
 * A pointer to a virSecurityLabel.
 */
typedef virSecurityLabel *virSecurityLabelPtr;

typedef struct _virSecurityModel virSecurityModel;

/**
 * virSecurityModel:
 *
 * The security model of the host.
 */
struct _virSecurityModel {
    char model[VIR_SECURITY_MODEL_BUFLEN];
    char doi[VIR_SECURITY_DOI_BUFLEN];
};

/**
 * virSecurityModelPtr:
 *
 * A pointer to a virSecurityModel.
 */
typedef virSecurityModel *virSecurityModelPtr;

typedef struct _virNodeInfo virNodeInfo;

/**
 * virNodeInfo:
 *
 * What virNodeGetInfo() reports about the host.
 */
struct _virNodeInfo {
    char model[32];         /* CPU model */
    unsigned long memory;   /* memory size in KiB */
    unsigned int cpus;      /* number of active CPUs */
    unsigned int mhz;       /* expected CPU frequency, 0 if not known */
    unsigned int nodes;     /* number of NUMA cells, 1 for uniform memory access */
    unsigned int sockets;   /* number of CPU sockets per node */
    unsigned int cores;     /* number of cores per socket */
    unsigned int threads;   /* number of threads per core */
};

/**
 * virNodeInfoPtr:
 *
 * A pointer to a virNodeInfo.
 */
typedef virNodeInfo *virNodeInfoPtr;

/**
 * VIR_NODEINFO_MAXCPUS:
 * @nodeinfo: a virNodeInfo
 *
 * The number of CPUs the node could have: the size of a host cpumap in bits.
 */
# define VIR_NODEINFO_MAXCPUS(nodeinfo) \
    ((nodeinfo).nodes * (nodeinfo).sockets * (nodeinfo).cores * (nodeinfo).threads)

/**
 * VIR_NODE_CPU_STATS_FIELD_LENGTH:
 *
 * Length of the name of a host CPU statistic, including the final NUL.
 */
# define VIR_NODE_CPU_STATS_FIELD_LENGTH 80

/**
 * VIR_NODE_MEMORY_STATS_FIELD_LENGTH:
 *
 * Length of the name of a virNodeMemoryStats, including the final NUL.
 */
# define VIR_NODE_MEMORY_STATS_FIELD_LENGTH 80

/**
 * virNodeGetCPUStatsAllCPUs:
 *
 * The CPU number that asks virNodeGetCPUStats() for the whole host rather
 * than one CPU.
 */
typedef enum {
    VIR_NODE_CPU_STATS_ALL_CPUS = -1,
} virNodeGetCPUStatsAllCPUs;

/**
 * virNodeGetMemoryStatsAllCells:
 *
 * The cell number that asks virNodeGetMemoryStats() for the whole host
 * rather than one NUMA cell.
 */
typedef enum {
    VIR_NODE_MEMORY_STATS_ALL_CELLS = -1,
} virNodeGetMemoryStatsAllCells;

/**
 * VIR_NODE_MEMORY_STATS_TOTAL:
 *
 * Host memory statistic: the total memory, in KiB.
 */
# define VIR_NODE_MEMORY_STATS_TOTAL "total"

/**
 * VIR_NODE_MEMORY_STATS_FREE:
 *
 * Host memory statistic: the free memory, in KiB.
 */
# define VIR_NODE_MEMORY_STATS_FREE "free"

/**
 * VIR_NODE_MEMORY_STATS_BUFFERS:
 *
 * Host memory statistic: the memory used by buffers, in KiB.
 */
# define VIR_NODE_MEMORY_STATS_BUFFERS "buffers"

/**
 * VIR_NODE_MEMORY_STATS_CACHED:
 *
 * Host memory statistic: the memory used by the page cache, in KiB.
 */
# define VIR_NODE_MEMORY_STATS_CACHED "cached"

typedef struct _virNodeMemoryStats virNodeMemoryStats;

/**
 * virNodeMemoryStats:
 *
 * One memory statistic of the host, in KiB.
 */
struct _virNodeMemoryStats {
    char field[VIR_NODE_MEMORY_STATS_FIELD_LENGTH];
    unsigned long long value;
};

/**
 * virNodeMemoryStatsPtr:
 *
 * A pointer to a virNodeMemoryStats.
 */
typedef virNodeMemoryStats *virNodeMemoryStatsPtr;

/* Memory sharing tunables and counters of virNode{Get,Set}MemoryParameters. */

/**
 * VIR_NODE_MEMORY_SHARED_PAGES_TO_SCAN:
 *
 * Host memory parameter (uint): how many pages the kernel's same-page merging
 * scans before it sleeps.
 */
# define VIR_NODE_MEMORY_SHARED_PAGES_TO_SCAN      "shm_pages_to_scan"

/**
 * VIR_NODE_MEMORY_SHARED_SLEEP_MILLISECS:
 *
 * Host memory parameter (uint): how long, in milliseconds, same-page merging
 * sleeps between scans.
 */
# define VIR_NODE_MEMORY_SHARED_SLEEP_MILLISECS    "shm_sleep_millisecs"

/**
 * VIR_NODE_MEMORY_SHARED_PAGES_SHARED:
 *
 * Host memory counter (ullong, read-only): how many shared pages are in use.
 */
# define VIR_NODE_MEMORY_SHARED_PAGES_SHARED       "shm_pages_shared"

/**
 * VIR_NODE_MEMORY_SHARED_PAGES_SHARING:
 *
 * Host memory counter (ullong, read-only): how many pages share the shared
 * pages, that is how many are saved.
 */
# define VIR_NODE_MEMORY_SHARED_PAGES_SHARING      "shm_pages_sharing"

/**
 * VIR_NODE_MEMORY_SHARED_PAGES_UNSHARED:
 *
 * Host memory counter (ullong, read-only): how many pages are unique but
 * checked again and again for merging.
 */
# define VIR_NODE_MEMORY_SHARED_PAGES_UNSHARED     "shm_pages_unshared"

/**
 * VIR_NODE_MEMORY_SHARED_PAGES_VOLATILE:
 *
 * Host memory counter (ullong, read-only): how many pages change too fast to
 * be merged.
 */
# define VIR_NODE_MEMORY_SHARED_PAGES_VOLATILE     "shm_pages_volatile"

/**
 * VIR_NODE_MEMORY_SHARED_FULL_SCANS:
 *
 * Host memory counter (ullong, read-only): how many times every mergeable
 * area has been scanned.
 */
# define VIR_NODE_MEMORY_SHARED_FULL_SCANS         "shm_full_scans"

/**
 * VIR_NODE_MEMORY_SHARED_MERGE_ACROSS_NODES:
 *
 * Host memory parameter (uint): 1 if pages of different NUMA nodes may be
 * merged, 0 if not.
 */
# define VIR_NODE_MEMORY_SHARED_MERGE_ACROSS_NODES "shm_merge_across_nodes"

/**
 * virConnectFlags:
 *
 * Flags of virConnectOpenAuth().
 */
typedef enum {
    VIR_CONNECT_RO         = (1 << 0),  /* a readonly connection */
    VIR_CONNECT_NO_ALIASES = (1 << 1),  /* don't try to resolve URI aliases */
} virConnectFlags;

/**
 * virConnectCredentialType:
 *
 * The kinds of credential an authentication callback may be asked for.
 */
typedef enum {
    VIR_CRED_USERNAME = 1,
    VIR_CRED_AUTHNAME = 2,
    VIR_CRED_LANGUAGE = 3,
    VIR_CRED_CNONCE = 4,
    VIR_CRED_PASSPHRASE = 5,
    VIR_CRED_ECHOPROMPT = 6,
    VIR_CRED_NOECHOPROMPT = 7,
    VIR_CRED_REALM = 8,
    VIR_CRED_EXTERNAL = 9,
# ifdef VIR_ENUM_SENTINELS
    VIR_CRED_LAST
# endif
} virConnectCredentialType;

struct _virConnectCredential {
    int type;               /* one of virConnectCredentialType */
    const char *prompt;     /* prompt to show to user */
    const char *challenge;  /* additional challenge to show */
    const char *defresult;  /* optional default result */
    char *result;           /* result to be filled with user response */
    unsigned int resultlen; /* length of the result */
};

/**
 * virConnectCredential:
 *
 * One credential a driver asks for: its type (a virConnectCredentialType),
 * a prompt, a challenge, a default, and the result the callback fills in
 * (allocated with malloc, freed by the library).
 */
typedef struct _virConnectCredential virConnectCredential;

/**
 * virConnectCredentialPtr:
 *
 * A pointer to a virConnectCredential.
 */
typedef virConnectCredential *virConnectCredentialPtr;

/**
 * virConnectAuthCallbackPtr:
 * @cred: list of virConnectCredential to collect
 * @ncred: number of entries in @cred
 * @cbdata: opaque data passed to virConnectOpenAuth
 *
 * Asks the user for credentials.  Returns 0 on success, -1 on failure.
 */
typedef int (*virConnectAuthCallbackPtr)(virConnectCredentialPtr cred,
                                         unsigned int ncred,
                                         void *cbdata);

struct _virConnectAuth {
    int *credtype;                  /* list of supported virConnectCredentialType */
    unsigned int ncredtype;
    virConnectAuthCallbackPtr cb;   /* callback used to collect credentials */
    void *cbdata;
};

/**
 * virConnectAuth:
 *
 * How virConnectOpenAuth() asks for credentials: the credential types the
 * caller can answer, and the callback that answers them.
 */
typedef struct _virConnectAuth virConnectAuth;

/**
 * virConnectAuthPtr:
 *
 * A pointer to a virConnectAuth.
 */
typedef virConnectAuth *virConnectAuthPtr;

/**
 * virConnectAuthPtrDefault:
 *
 * A default authentication callback that prompts on the terminal.
 */
VIR_EXPORT_VAR virConnectAuthPtr virConnectAuthPtrDefault;

/**
 * VIR_UUID_BUFLEN:
 *
 * Length of a raw UUID in bytes.
 */
# define VIR_UUID_BUFLEN (16)

/**
 * VIR_UUID_STRING_BUFLEN:
 *
 * Length of a UUID in its printable form, including the final NUL.
 */
# define VIR_UUID_STRING_BUFLEN (36 + 1)

int virGetVersion(unsigned long *libVer, const char *type,
                  unsigned long *typeVer);
int virInitialize(void);

virConnectPtr virConnectOpen(const char *name);
virConnectPtr virConnectOpenReadOnly(const char *name);
virConnectPtr virConnectOpenAuth(const char *name, virConnectAuthPtr auth,
                                 unsigned int flags);
int virConnectRef(virConnectPtr conn);
int virConnectClose(virConnectPtr conn);

/**
 * virConnectCloseFunc:
 * @conn: the connection
 * @reason: why it was closed (a virConnectCloseReason)
 * @opaque: user data given at registration
 *
 * Called when a connection is closed by anything but the application.
 */
typedef void (*virConnectCloseFunc)(virConnectPtr conn, int reason, void *opaque);

int virConnectRegisterCloseCallback(virConnectPtr conn, virConnectCloseFunc cb,
                                    void *opaque, virFreeCallback freecb);
int virConnectUnregisterCloseCallback(virConnectPtr conn, virConnectCloseFunc cb);

const char *virConnectGetType(virConnectPtr conn);
int virConnectGetVersion(virConnectPtr conn, unsigned long *hvVer);
int virConnectGetLibVersion(virConnectPtr conn, unsigned long *libVer);
char *virConnectGetHostname(virConnectPtr conn);
char *virConnectGetURI(virConnectPtr conn);
char *virConnectGetCapabilities(virConnectPtr conn);
int virConnectGetMaxVcpus(virConnectPtr conn, const char *type);
int virConnectIsAlive(virConnectPtr conn);
int virConnectSetKeepAlive(virConnectPtr conn, int interval, unsigned int count);
int virConnectIsSecure(virConnectPtr conn);
int virConnectIsEncrypted(virConnectPtr conn);

int virNodeGetInfo(virConnectPtr conn, virNodeInfoPtr info);
unsigned long long virNodeGetFreeMemory(virConnectPtr conn);
int virNodeGetCellsFreeMemory(virConnectPtr conn, unsigned long long *freeMems,
                              int startCell, int maxCells);
int virNodeGetCPUMap(virConnectPtr conn, unsigned char **cpumap,
                     unsigned int *online, unsigned int flags);
int virNodeGetMemoryStats(virConnectPtr conn, int cellNum,
                          virNodeMemoryStatsPtr params, int *nparams,
                          unsigned int flags);
int virNodeGetMemoryParameters(virConnectPtr conn, virTypedParameterPtr params,
                               int *nparams, unsigned int flags);
int virNodeSetMemoryParameters(virConnectPtr conn, virTypedParameterPtr params,
                               int nparams, unsigned int flags);
int virNodeGetSecurityModel(virConnectPtr conn, virSecurityModelPtr secmodel);

# ifdef __cplusplus
}
# endif

#endif /* VIRT_HOST_H */
