/*
 * xen_conf.h: what the Xen binding is told and tells, in virtkit's terms
 *
 * Plain structs of our own, with no Xen header behind them: the domain,
 * vcpu and host facts the binding reads (xenDomainInfo, xenVcpuInfo,
 * xenPhysInfo, ...) and the description of a guest it builds
 * (xenDomainConfig with its disks and interfaces).  The driver above the
 * binding and a fake binding in its unit tests use them without libxen.
 */
#ifndef VIR_XEN_CONF_H
# define VIR_XEN_CONF_H

# include "internal.h"

# include "virenum.h"

/* Xen's SHUTDOWN_* codes (public/sched.h), the same numbers. */
typedef enum {
    XEN_SHUTDOWN_POWEROFF = 0,
    XEN_SHUTDOWN_REBOOT,
    XEN_SHUTDOWN_SUSPEND,
    XEN_SHUTDOWN_CRASH,
    XEN_SHUTDOWN_WATCHDOG,
    XEN_SHUTDOWN_SOFT_RESET,
    XEN_SHUTDOWN_LAST
} xenShutdownReason;
VIR_ENUM_DECL(xenShutdownReason);

/* One domain as the hypervisor sees it (xc_domain_getinfolist). */
typedef struct _xenDomainInfo {
    unsigned int id;
    unsigned char uuid[VIR_UUID_BUFLEN];
    bool dying;             /* being torn down, pages still held */
    bool shutdown;          /* shut down; shutdownReason says how */
    bool crashed;           /* shutdown with XEN_SHUTDOWN_CRASH */
    bool paused;            /* by the toolstack (xc_domain_pause) */
    bool blocked;           /* every vcpu waits for an event */
    bool running;           /* a vcpu is on a CPU right now */
    bool hvm;               /* HVM or PVH (not PV) */
    bool hap;               /* hardware assisted paging */
    xenShutdownReason shutdownReason;
    unsigned long long memoryKiB;       /* pages it holds now */
    unsigned long long maxMemoryKiB;    /* the hypervisor's cap now (see xenOps.setMemoryTarget) */
    unsigned long long sharedKiB;       /* pages shared (memory sharing) */
    unsigned long long cpuTimeNs;
    unsigned int onlineVcpus;
    unsigned int maxVcpus;              /* vcpus it was built with */
    unsigned int cpupool;
} xenDomainInfo;

typedef struct _xenVcpuInfo {
    unsigned int number;
    bool online;
    bool blocked;
    bool running;
    unsigned long long cpuTimeNs;
    int cpu;                /* where it runs or last ran; -1 when offline */
} xenVcpuInfo;

/* The host (xc_physinfo, xc_sharing_*). */
typedef struct _xenPhysInfo {
    unsigned int nrCpus;            /* online */
    unsigned int maxCpuId;          /* cpumaps have maxCpuId + 1 bits */
    unsigned int threadsPerCore;
    unsigned int coresPerSocket;
    unsigned int nrNodes;
    unsigned int cpuMHz;
    unsigned long long totalKiB;
    unsigned long long freeKiB;
    unsigned long long scrubKiB;        /* freed, not yet scrubbed */
    unsigned long long outstandingKiB;  /* claimed by domains being built */
    unsigned long long sharingFreedKiB; /* memory sharing saved this much */
    unsigned long long sharingUsedKiB;  /* and uses this much for shared pages */
    bool pv;
    bool hvm;
    bool hap;
    bool shadow;
} xenPhysInfo;

typedef struct _xenVersionInfo {
    unsigned int major;
    unsigned int minor;
    char extra[16];         /* ".7" or "-unstable" */
    char capabilities[1024];  /* "xen-3.0-x86_64 hvm-3.0-x86_32 ..." */
} xenVersionInfo;

typedef enum {
    XEN_SCHED_OTHER = 0,    /* arinc653, rtds, null: no weight and cap */
    XEN_SCHED_CREDIT,
    XEN_SCHED_CREDIT2,
    XEN_SCHED_LAST
} xenScheduler;
VIR_ENUM_DECL(xenScheduler);

/* A domain's share of the CPUs, for the credit and credit2 schedulers. */
typedef struct _xenSchedParams {
    xenScheduler scheduler;     /* of the domain's cpupool; ignored on set */
    unsigned int weight;        /* 1-65535, relative; 256 is the default */
    unsigned int cap;           /* % of one CPU, 0 for none */
} xenSchedParams;

/* ---- building a guest ------------------------------------------------ */

typedef enum {
    XEN_DOMAIN_TYPE_PV = 0,
    XEN_DOMAIN_TYPE_PVH,
    XEN_DOMAIN_TYPE_HVM,
    XEN_DOMAIN_TYPE_LAST
} xenDomainType;
VIR_ENUM_DECL(xenDomainType);

/* What the toolstack does when the guest stops: recorded with the domain
 * by libxl, carried out by whoever watches the domain die (the driver). */
typedef enum {
    XEN_ACTION_DESTROY = 0,
    XEN_ACTION_RESTART,
    XEN_ACTION_PRESERVE,
    XEN_ACTION_RENAME_RESTART,
    XEN_ACTION_COREDUMP_DESTROY,
    XEN_ACTION_COREDUMP_RESTART,
    XEN_ACTION_SOFT_RESET,
    XEN_ACTION_LAST
} xenLifecycleAction;
VIR_ENUM_DECL(xenLifecycleAction);

typedef struct _xenDiskConfig {
    char *source;           /* a block device or a file (raw) in dom0 */
    char *target;           /* the guest's name for it: "xvda" */
    bool readonly;
} xenDiskConfig;

typedef struct _xenNicConfig {
    unsigned char mac[6];   /* all zero: libxl picks one (00:16:3e:...) */
    char *bridge;           /* NULL: libxl's default, xenbr0 */
    char *script;           /* NULL: vif-bridge */
} xenNicConfig;

typedef struct _xenDomainConfig {
    char *name;
    unsigned char uuid[VIR_UUID_BUFLEN];    /* all zero: a new random one */
    xenDomainType type;
    char *kernel;           /* PV and PVH: paths in dom0 */
    char *initrd;
    char *cmdline;
    unsigned long long memoryKiB;       /* at start (the balloon target) */
    unsigned long long maxMemoryKiB;    /* 0: the same as memoryKiB */
    unsigned int vcpus;                 /* online at start */
    unsigned int maxVcpus;              /* 0: the same as vcpus */
    bool tscNative;         /* tsc_mode native: a PVH guest under QEMU TCG needs it */
    xenLifecycleAction onPoweroff;
    xenLifecycleAction onReboot;
    xenLifecycleAction onCrash;
    xenDiskConfig *disks;
    size_t ndisks;
    xenNicConfig *nics;
    size_t nnics;
} xenDomainConfig;

/* The most vcpus a guest gets (Xen's HVM_MAX_VCPUS; PV allows more, no
 * real guest asks for them). */
# define XEN_MAX_VCPUS 128

void xenDiskConfigClear(xenDiskConfig *disk);
void xenNicConfigClear(xenNicConfig *nic);
void xenDomainConfigFree(xenDomainConfig *config);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(xenDomainConfig, xenDomainConfigFree);

/**
 * xenDomainConfigValidate:
 * @config: a guest to build
 *
 * Checks what the binding can answer without the hypervisor: a name that
 * xenstore and the toolstack accept, a kernel for PV and PVH, memory and
 * vcpus within their maximums, disk targets in Xen's xvd naming, no
 * multicast MAC.  Reports an error naming the guest and the field.
 *
 * Returns 0 when @config can be given to libxl, -1 otherwise.
 */
int xenDomainConfigValidate(const xenDomainConfig *config);

/**
 * xenDiskConfigValidate:
 * @name: the guest's name, for the message
 * @disk: a disk to build the guest with or to attach
 *
 * Returns 0 when @disk has a source and an xvd target, -1 with an error.
 */
int xenDiskConfigValidate(const char *name, const xenDiskConfig *disk);

/**
 * xenMacFormat / xenMacParse:
 *
 * "00:16:3e:12:34:56" <-> six bytes.  Parse returns -1 (no error raised)
 * when @str is not a MAC address.
 */
char *xenMacFormat(const unsigned char mac[6]);
int xenMacParse(const char *str, unsigned char mac[6]);

#endif /* VIR_XEN_CONF_H */
