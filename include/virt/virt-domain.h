/*
 * virt-domain.h: domains, their lifecycle, devices, keys, vcpus, memory and
 * tunables
 *
 * Part of virtkit's libvirt-compatible public API; include <virt/virt.h>.
 * Names, values and layouts are libvirt's.
 */
#ifndef VIRT_DOMAIN_H
# define VIRT_DOMAIN_H

# ifndef VIRT_VIRT_H_INCLUDES
#  error "Don't include this file directly, only use virt/virt.h"
# endif

/**
 * SECTION:virt-domain
 * @title: virt-domain
 * @short_description: domains
 * @include: virt/virt.h
 *
 * Domains: looking them up and listing them, defining them from XML,
 * their lifecycle (start, shut down, destroy, suspend, save and restore),
 * their devices, vCPUs, memory and tunables, and sending them keys.
 */

# ifdef __cplusplus
extern "C" {
# endif

/**
 * virDomain:
 *
 * An opaque, reference-counted handle naming one domain (by name, uuid and
 * id) on one connection.
 */
typedef struct _virDomain virDomain;

/**
 * virDomainPtr:
 *
 * The handle used by every call that works on a domain.
 */
typedef virDomain *virDomainPtr;

/**
 * virDomainState:
 *
 * The state of a domain.
 */
typedef enum {
    VIR_DOMAIN_NOSTATE     = 0,     /* no state */
    VIR_DOMAIN_RUNNING     = 1,     /* the domain is running */
    VIR_DOMAIN_BLOCKED     = 2,     /* the domain is blocked on resource */
    VIR_DOMAIN_PAUSED      = 3,     /* the domain is paused by user */
    VIR_DOMAIN_SHUTDOWN    = 4,     /* the domain is being shut down */
    VIR_DOMAIN_SHUTOFF     = 5,     /* the domain is shut off */
    VIR_DOMAIN_CRASHED     = 6,     /* the domain is crashed */
    VIR_DOMAIN_PMSUSPENDED = 7,     /* suspended by guest power management */
# ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_LAST
# endif
} virDomainState;

/**
 * virDomainNostateReason:
 *
 * Why a domain is in VIR_DOMAIN_NOSTATE.
 */
typedef enum {
    VIR_DOMAIN_NOSTATE_UNKNOWN = 0,
# ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_NOSTATE_LAST
# endif
} virDomainNostateReason;

/**
 * virDomainRunningReason:
 *
 * Why a domain is in VIR_DOMAIN_RUNNING.
 */
typedef enum {
    VIR_DOMAIN_RUNNING_UNKNOWN = 0,
    VIR_DOMAIN_RUNNING_BOOTED = 1,          /* normal startup from boot */
    VIR_DOMAIN_RUNNING_MIGRATED = 2,        /* migrated from another host */
    VIR_DOMAIN_RUNNING_RESTORED = 3,        /* restored from a state file */
    VIR_DOMAIN_RUNNING_FROM_SNAPSHOT = 4,   /* restored from snapshot */
    VIR_DOMAIN_RUNNING_UNPAUSED = 5,        /* returned from paused state */
    VIR_DOMAIN_RUNNING_MIGRATION_CANCELED = 6,
    VIR_DOMAIN_RUNNING_SAVE_CANCELED = 7,
    VIR_DOMAIN_RUNNING_WAKEUP = 8,
    VIR_DOMAIN_RUNNING_CRASHED = 9,
    VIR_DOMAIN_RUNNING_POSTCOPY = 10,
    VIR_DOMAIN_RUNNING_POSTCOPY_FAILED = 11,
# ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_RUNNING_LAST
# endif
} virDomainRunningReason;

/**
 * virDomainBlockedReason:
 *
 * Why a domain is in VIR_DOMAIN_BLOCKED.
 */
typedef enum {
    VIR_DOMAIN_BLOCKED_UNKNOWN = 0,
# ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_BLOCKED_LAST
# endif
} virDomainBlockedReason;

/**
 * virDomainPausedReason:
 *
 * Why a domain is in VIR_DOMAIN_PAUSED.
 */
typedef enum {
    VIR_DOMAIN_PAUSED_UNKNOWN = 0,
    VIR_DOMAIN_PAUSED_USER = 1,             /* paused on user request */
    VIR_DOMAIN_PAUSED_MIGRATION = 2,
    VIR_DOMAIN_PAUSED_SAVE = 3,
    VIR_DOMAIN_PAUSED_DUMP = 4,
    VIR_DOMAIN_PAUSED_IOERROR = 5,
    VIR_DOMAIN_PAUSED_WATCHDOG = 6,
    VIR_DOMAIN_PAUSED_FROM_SNAPSHOT = 7,
    VIR_DOMAIN_PAUSED_SHUTTING_DOWN = 8,
    VIR_DOMAIN_PAUSED_SNAPSHOT = 9,
    VIR_DOMAIN_PAUSED_CRASHED = 10,
    VIR_DOMAIN_PAUSED_STARTING_UP = 11,
    VIR_DOMAIN_PAUSED_POSTCOPY = 12,
    VIR_DOMAIN_PAUSED_POSTCOPY_FAILED = 13,
# ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_PAUSED_LAST
# endif
} virDomainPausedReason;

/**
 * virDomainShutdownReason:
 *
 * Why a domain is in VIR_DOMAIN_SHUTDOWN.
 */
typedef enum {
    VIR_DOMAIN_SHUTDOWN_UNKNOWN = 0,
    VIR_DOMAIN_SHUTDOWN_USER = 1,
# ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_SHUTDOWN_LAST
# endif
} virDomainShutdownReason;

/**
 * virDomainShutoffReason:
 *
 * Why a domain is in VIR_DOMAIN_SHUTOFF.
 */
typedef enum {
    VIR_DOMAIN_SHUTOFF_UNKNOWN = 0,
    VIR_DOMAIN_SHUTOFF_SHUTDOWN = 1,        /* normal shutdown */
    VIR_DOMAIN_SHUTOFF_DESTROYED = 2,       /* forced poweroff */
    VIR_DOMAIN_SHUTOFF_CRASHED = 3,
    VIR_DOMAIN_SHUTOFF_MIGRATED = 4,
    VIR_DOMAIN_SHUTOFF_SAVED = 5,           /* saved to a file */
    VIR_DOMAIN_SHUTOFF_FAILED = 6,          /* domain failed to start */
    VIR_DOMAIN_SHUTOFF_FROM_SNAPSHOT = 7,
    VIR_DOMAIN_SHUTOFF_DAEMON = 8,
# ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_SHUTOFF_LAST
# endif
} virDomainShutoffReason;

/**
 * virDomainCrashedReason:
 *
 * Why a domain is in VIR_DOMAIN_CRASHED.
 */
typedef enum {
    VIR_DOMAIN_CRASHED_UNKNOWN = 0,
    VIR_DOMAIN_CRASHED_PANICKED = 1,
# ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_CRASHED_LAST
# endif
} virDomainCrashedReason;

/**
 * virDomainPMSuspendedReason:
 *
 * Why a domain is in VIR_DOMAIN_PMSUSPENDED.
 */
typedef enum {
    VIR_DOMAIN_PMSUSPENDED_UNKNOWN = 0,
# ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_PMSUSPENDED_LAST
# endif
} virDomainPMSuspendedReason;

/**
 * virDomainModificationImpact:
 *
 * Whether a change applies to the running domain, its persistent
 * configuration, or both.  CURRENT means LIVE when the domain is running
 * and CONFIG when it is not.
 */
typedef enum {
    VIR_DOMAIN_AFFECT_CURRENT = 0,
    VIR_DOMAIN_AFFECT_LIVE    = 1 << 0,
    VIR_DOMAIN_AFFECT_CONFIG  = 1 << 1,
} virDomainModificationImpact;

typedef struct _virDomainInfo virDomainInfo;

/**
 * virDomainInfo:
 *
 * What virDomainGetInfo() reports.
 */
struct _virDomainInfo {
    unsigned char state;        /* the running state, one of virDomainState */
    unsigned long maxMem;       /* the maximum memory in KiB allowed */
    unsigned long memory;       /* the memory in KiB used by the domain */
    unsigned short nrVirtCpu;   /* the number of virtual CPUs for the domain */
    unsigned long long cpuTime; /* the CPU time used in nanoseconds */
};

/**
 * virDomainInfoPtr:
 *
 * A pointer to a virDomainInfo.
 */
typedef virDomainInfo *virDomainInfoPtr;

/**
 * virDomainCreateFlags:
 *
 * Flags of virDomainCreateXML() and virDomainCreateWithFlags().
 */
typedef enum {
    VIR_DOMAIN_NONE               = 0,
    VIR_DOMAIN_START_PAUSED       = 1 << 0, /* launch guest in paused state */
    VIR_DOMAIN_START_AUTODESTROY  = 1 << 1, /* destroy when the connection closes */
    VIR_DOMAIN_START_BYPASS_CACHE = 1 << 2,
    VIR_DOMAIN_START_FORCE_BOOT   = 1 << 3, /* boot, discarding any managed save */
    VIR_DOMAIN_START_VALIDATE     = 1 << 4, /* validate the XML against the schema */
    VIR_DOMAIN_START_RESET_NVRAM  = 1 << 5,
} virDomainCreateFlags;

/* Scheduler parameter names. */

/**
 * VIR_DOMAIN_SCHEDULER_CPU_SHARES:
 *
 * Scheduler parameter (ullong): the domain's share of CPU time, relative to
 * the other domains' shares.
 */
# define VIR_DOMAIN_SCHEDULER_CPU_SHARES "cpu_shares"

/**
 * VIR_DOMAIN_SCHEDULER_GLOBAL_PERIOD:
 *
 * Scheduler parameter (ullong): the enforcement period, in microseconds, of
 * the quota on the whole domain.
 */
# define VIR_DOMAIN_SCHEDULER_GLOBAL_PERIOD "global_period"

/**
 * VIR_DOMAIN_SCHEDULER_GLOBAL_QUOTA:
 *
 * Scheduler parameter (llong): the maximum CPU time, in microseconds, the
 * whole domain may use in each global period; a negative value means no limit.
 */
# define VIR_DOMAIN_SCHEDULER_GLOBAL_QUOTA "global_quota"

/**
 * VIR_DOMAIN_SCHEDULER_VCPU_PERIOD:
 *
 * Scheduler parameter (ullong): the enforcement period, in microseconds, of
 * the quota on each vCPU.
 */
# define VIR_DOMAIN_SCHEDULER_VCPU_PERIOD "vcpu_period"

/**
 * VIR_DOMAIN_SCHEDULER_VCPU_QUOTA:
 *
 * Scheduler parameter (llong): the maximum CPU time, in microseconds, each
 * vCPU may use in each vCPU period; a negative value means no limit.
 */
# define VIR_DOMAIN_SCHEDULER_VCPU_QUOTA "vcpu_quota"

/**
 * VIR_DOMAIN_SCHEDULER_EMULATOR_PERIOD:
 *
 * Scheduler parameter (ullong): the enforcement period, in microseconds, of
 * the quota on the domain's emulator threads.
 */
# define VIR_DOMAIN_SCHEDULER_EMULATOR_PERIOD "emulator_period"

/**
 * VIR_DOMAIN_SCHEDULER_EMULATOR_QUOTA:
 *
 * Scheduler parameter (llong): the maximum CPU time, in microseconds, the
 * emulator threads may use in each emulator period; negative means no limit.
 */
# define VIR_DOMAIN_SCHEDULER_EMULATOR_QUOTA "emulator_quota"

/**
 * VIR_DOMAIN_SCHEDULER_IOTHREAD_PERIOD:
 *
 * Scheduler parameter (ullong): the enforcement period, in microseconds, of
 * the quota on each I/O thread.
 */
# define VIR_DOMAIN_SCHEDULER_IOTHREAD_PERIOD "iothread_period"

/**
 * VIR_DOMAIN_SCHEDULER_IOTHREAD_QUOTA:
 *
 * Scheduler parameter (llong): the maximum CPU time, in microseconds, each
 * I/O thread may use in each I/O thread period; negative means no limit.
 */
# define VIR_DOMAIN_SCHEDULER_IOTHREAD_QUOTA "iothread_quota"

/**
 * VIR_DOMAIN_SCHEDULER_WEIGHT:
 *
 * Scheduler parameter (uint): the domain's weight in the credit scheduler
 * (Xen): a domain with twice the weight gets twice the CPU time.
 */
# define VIR_DOMAIN_SCHEDULER_WEIGHT "weight"

/**
 * VIR_DOMAIN_SCHEDULER_CAP:
 *
 * Scheduler parameter (uint): the most CPU a domain may use in the credit
 * scheduler (Xen), in percent of one CPU; 0 means no cap.
 */
# define VIR_DOMAIN_SCHEDULER_CAP "cap"

/**
 * VIR_DOMAIN_SCHEDULER_RESERVATION:
 *
 * Scheduler parameter (llong): the CPU guaranteed to the domain, in MHz
 * (allocation schedulers).
 */
# define VIR_DOMAIN_SCHEDULER_RESERVATION "reservation"

/**
 * VIR_DOMAIN_SCHEDULER_LIMIT:
 *
 * Scheduler parameter (llong): the most CPU the domain may use, in MHz
 * (allocation schedulers); -1 means no limit.
 */
# define VIR_DOMAIN_SCHEDULER_LIMIT "limit"

/**
 * VIR_DOMAIN_SCHEDULER_SHARES:
 *
 * Scheduler parameter (int): the domain's shares of CPU in the allocation
 * schedulers.
 */
# define VIR_DOMAIN_SCHEDULER_SHARES "shares"

/* Block I/O tunable names. */

/**
 * VIR_DOMAIN_BLKIO_WEIGHT:
 *
 * Block I/O parameter (uint): the domain's I/O weight, relative to the other
 * domains'.
 */
# define VIR_DOMAIN_BLKIO_WEIGHT "weight"

/**
 * VIR_DOMAIN_BLKIO_DEVICE_WEIGHT:
 *
 * Block I/O parameter (string): per-device weights, as a comma-separated list
 * of path,weight pairs.
 */
# define VIR_DOMAIN_BLKIO_DEVICE_WEIGHT "device_weight"

/**
 * VIR_DOMAIN_BLKIO_DEVICE_READ_IOPS:
 *
 * Block I/O parameter (string): per-device limits on read operations per
 * second, as a comma-separated list of path,value pairs.
 */
# define VIR_DOMAIN_BLKIO_DEVICE_READ_IOPS "device_read_iops_sec"

/**
 * VIR_DOMAIN_BLKIO_DEVICE_WRITE_IOPS:
 *
 * Block I/O parameter (string): per-device limits on write operations per
 * second, as a comma-separated list of path,value pairs.
 */
# define VIR_DOMAIN_BLKIO_DEVICE_WRITE_IOPS "device_write_iops_sec"

/**
 * VIR_DOMAIN_BLKIO_DEVICE_READ_BPS:
 *
 * Block I/O parameter (string): per-device limits on bytes read per second,
 * as a comma-separated list of path,value pairs.
 */
# define VIR_DOMAIN_BLKIO_DEVICE_READ_BPS "device_read_bytes_sec"

/**
 * VIR_DOMAIN_BLKIO_DEVICE_WRITE_BPS:
 *
 * Block I/O parameter (string): per-device limits on bytes written per
 * second, as a comma-separated list of path,value pairs.
 */
# define VIR_DOMAIN_BLKIO_DEVICE_WRITE_BPS "device_write_bytes_sec"

/**
 * VIR_DOMAIN_MEMORY_PARAM_UNLIMITED:
 *
 * The memory tunable value that means "unlimited" (INT64_MAX >> 10).
 */
# define VIR_DOMAIN_MEMORY_PARAM_UNLIMITED 9007199254740991LL

/* Memory tunable names, in KiB. */

/**
 * VIR_DOMAIN_MEMORY_HARD_LIMIT:
 *
 * Memory parameter (ullong, KiB): the most memory the domain may use;
 * VIR_DOMAIN_MEMORY_PARAM_UNLIMITED for none.
 */
# define VIR_DOMAIN_MEMORY_HARD_LIMIT "hard_limit"

/**
 * VIR_DOMAIN_MEMORY_SOFT_LIMIT:
 *
 * Memory parameter (ullong, KiB): the memory the domain is pushed back to
 * when the host runs short; VIR_DOMAIN_MEMORY_PARAM_UNLIMITED for none.
 */
# define VIR_DOMAIN_MEMORY_SOFT_LIMIT "soft_limit"

/**
 * VIR_DOMAIN_MEMORY_MIN_GUARANTEE:
 *
 * Memory parameter (ullong, KiB): the memory the domain is guaranteed.
 */
# define VIR_DOMAIN_MEMORY_MIN_GUARANTEE "min_guarantee"

/**
 * VIR_DOMAIN_MEMORY_SWAP_HARD_LIMIT:
 *
 * Memory parameter (ullong, KiB): the most memory plus swap the domain may
 * use; VIR_DOMAIN_MEMORY_PARAM_UNLIMITED for none.
 */
# define VIR_DOMAIN_MEMORY_SWAP_HARD_LIMIT "swap_hard_limit"

/* Per-domain CPU statistics names (virDomainGetCPUStats). */

/**
 * VIR_DOMAIN_CPU_STATS_CPUTIME:
 *
 * CPU statistic (ullong): CPU time used, in nanoseconds.
 */
# define VIR_DOMAIN_CPU_STATS_CPUTIME "cpu_time"

/**
 * VIR_DOMAIN_CPU_STATS_USERTIME:
 *
 * CPU statistic (ullong): CPU time spent in user mode, in nanoseconds.
 */
# define VIR_DOMAIN_CPU_STATS_USERTIME "user_time"

/**
 * VIR_DOMAIN_CPU_STATS_SYSTEMTIME:
 *
 * CPU statistic (ullong): CPU time spent in kernel mode, in nanoseconds.
 */
# define VIR_DOMAIN_CPU_STATS_SYSTEMTIME "system_time"

/**
 * VIR_DOMAIN_CPU_STATS_VCPUTIME:
 *
 * CPU statistic (ullong): CPU time used by the vCPUs, in nanoseconds,
 * without the hypervisor's own overhead.
 */
# define VIR_DOMAIN_CPU_STATS_VCPUTIME "vcpu_time"

/**
 * virDomainMemoryModFlags:
 *
 * Flags of virDomainSetMemoryFlags().
 */
typedef enum {
    VIR_DOMAIN_MEM_CURRENT = VIR_DOMAIN_AFFECT_CURRENT,
    VIR_DOMAIN_MEM_LIVE    = VIR_DOMAIN_AFFECT_LIVE,
    VIR_DOMAIN_MEM_CONFIG  = VIR_DOMAIN_AFFECT_CONFIG,
    VIR_DOMAIN_MEM_MAXIMUM = (1 << 2), /* affect Max rather than current */
} virDomainMemoryModFlags;

/**
 * virDomainShutdownFlagValues:
 *
 * How a guest is asked to shut down.
 */
typedef enum {
    VIR_DOMAIN_SHUTDOWN_DEFAULT        = 0,
    VIR_DOMAIN_SHUTDOWN_ACPI_POWER_BTN = (1 << 0),
    VIR_DOMAIN_SHUTDOWN_GUEST_AGENT    = (1 << 1),
    VIR_DOMAIN_SHUTDOWN_INITCTL        = (1 << 2),
    VIR_DOMAIN_SHUTDOWN_SIGNAL         = (1 << 3),
    VIR_DOMAIN_SHUTDOWN_PARAVIRT       = (1 << 4),
} virDomainShutdownFlagValues;

/**
 * virDomainRebootFlagValues:
 *
 * How a guest is asked to reboot.
 */
typedef enum {
    VIR_DOMAIN_REBOOT_DEFAULT        = 0,
    VIR_DOMAIN_REBOOT_ACPI_POWER_BTN = (1 << 0),
    VIR_DOMAIN_REBOOT_GUEST_AGENT    = (1 << 1),
    VIR_DOMAIN_REBOOT_INITCTL        = (1 << 2),
    VIR_DOMAIN_REBOOT_SIGNAL         = (1 << 3),
    VIR_DOMAIN_REBOOT_PARAVIRT       = (1 << 4),
} virDomainRebootFlagValues;

/**
 * virDomainDestroyFlagsValues:
 *
 * Flags of virDomainDestroyFlags().
 */
typedef enum {
    VIR_DOMAIN_DESTROY_DEFAULT     = 0,
    VIR_DOMAIN_DESTROY_GRACEFUL    = 1 << 0, /* only SIGTERM, no SIGKILL */
    VIR_DOMAIN_DESTROY_REMOVE_LOGS = 1 << 1,
} virDomainDestroyFlagsValues;

/**
 * virDomainSaveRestoreFlags:
 *
 * Flags of the save and restore calls.
 */
typedef enum {
    VIR_DOMAIN_SAVE_BYPASS_CACHE = 1 << 0,
    VIR_DOMAIN_SAVE_RUNNING      = 1 << 1, /* favor running over paused */
    VIR_DOMAIN_SAVE_PAUSED       = 1 << 2, /* favor paused over running */
    VIR_DOMAIN_SAVE_RESET_NVRAM  = 1 << 3,
} virDomainSaveRestoreFlags;

/**
 * virDomainXMLFlags:
 *
 * Flags of virDomainGetXMLDesc().
 */
typedef enum {
    VIR_DOMAIN_XML_SECURE     = (1 << 0), /* dump security sensitive information too */
    VIR_DOMAIN_XML_INACTIVE   = (1 << 1), /* dump inactive domain information */
    VIR_DOMAIN_XML_UPDATE_CPU = (1 << 2),
    VIR_DOMAIN_XML_MIGRATABLE = (1 << 3),
} virDomainXMLFlags;

/**
 * virDomainMetadataType:
 *
 * What virDomainGetMetadata() and virDomainSetMetadata() read or change.
 */
typedef enum {
    VIR_DOMAIN_METADATA_DESCRIPTION = 0, /* the <description> of the domain */
    VIR_DOMAIN_METADATA_TITLE       = 1, /* the <title>: one line */
    VIR_DOMAIN_METADATA_ELEMENT     = 2, /* an element of <metadata> named by its namespace */
# ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_METADATA_LAST
# endif
} virDomainMetadataType;

/**
 * virDomainDefineFlags:
 *
 * Flags of virDomainDefineXMLFlags().
 */
typedef enum {
    VIR_DOMAIN_DEFINE_VALIDATE = (1 << 0), /* validate the XML document against schema */
} virDomainDefineFlags;

/**
 * virDomainUndefineFlagsValues:
 *
 * Flags of virDomainUndefineFlags().
 */
typedef enum {
    VIR_DOMAIN_UNDEFINE_MANAGED_SAVE         = (1 << 0),
    VIR_DOMAIN_UNDEFINE_SNAPSHOTS_METADATA   = (1 << 1),
    VIR_DOMAIN_UNDEFINE_NVRAM                = (1 << 2),
    VIR_DOMAIN_UNDEFINE_KEEP_NVRAM           = (1 << 3),
    VIR_DOMAIN_UNDEFINE_CHECKPOINTS_METADATA = (1 << 4),
    VIR_DOMAIN_UNDEFINE_TPM                  = (1 << 5),
    VIR_DOMAIN_UNDEFINE_KEEP_TPM             = (1 << 6),
} virDomainUndefineFlagsValues;

/**
 * virConnectListAllDomainsFlags:
 *
 * Filters of virConnectListAllDomains().  Within each group the flags are
 * OR-ed; groups are AND-ed; an empty group matches everything.
 */
typedef enum {
    VIR_CONNECT_LIST_DOMAINS_ACTIVE         = 1 << 0,
    VIR_CONNECT_LIST_DOMAINS_INACTIVE       = 1 << 1,
    VIR_CONNECT_LIST_DOMAINS_PERSISTENT     = 1 << 2,
    VIR_CONNECT_LIST_DOMAINS_TRANSIENT      = 1 << 3,
    VIR_CONNECT_LIST_DOMAINS_RUNNING        = 1 << 4,
    VIR_CONNECT_LIST_DOMAINS_PAUSED         = 1 << 5,
    VIR_CONNECT_LIST_DOMAINS_SHUTOFF        = 1 << 6,
    VIR_CONNECT_LIST_DOMAINS_OTHER          = 1 << 7,
    VIR_CONNECT_LIST_DOMAINS_MANAGEDSAVE    = 1 << 8,
    VIR_CONNECT_LIST_DOMAINS_NO_MANAGEDSAVE = 1 << 9,
    VIR_CONNECT_LIST_DOMAINS_AUTOSTART      = 1 << 10,
    VIR_CONNECT_LIST_DOMAINS_NO_AUTOSTART   = 1 << 11,
    VIR_CONNECT_LIST_DOMAINS_HAS_SNAPSHOT   = 1 << 12,
    VIR_CONNECT_LIST_DOMAINS_NO_SNAPSHOT    = 1 << 13,
    VIR_CONNECT_LIST_DOMAINS_HAS_CHECKPOINT = 1 << 14,
    VIR_CONNECT_LIST_DOMAINS_NO_CHECKPOINT  = 1 << 15,
} virConnectListAllDomainsFlags;

/**
 * virVcpuState:
 *
 * The state of one virtual CPU.
 */
typedef enum {
    VIR_VCPU_OFFLINE    = 0,    /* the virtual CPU is offline */
    VIR_VCPU_RUNNING    = 1,    /* the virtual CPU is running */
    VIR_VCPU_BLOCKED    = 2,    /* the virtual CPU is blocked on resource */
# ifdef VIR_ENUM_SENTINELS
    VIR_VCPU_LAST
# endif
} virVcpuState;

/**
 * virVcpuHostCpuState:
 *
 * The values the cpu field of a virVcpuInfo takes when the vCPU runs on no
 * host CPU.
 */
typedef enum {
    VIR_VCPU_INFO_CPU_OFFLINE     = -1, /* the vCPU is offline */
    VIR_VCPU_INFO_CPU_UNAVAILABLE = -2, /* the hypervisor does not expose real CPU information */
} virVcpuHostCpuState;

typedef struct _virVcpuInfo virVcpuInfo;

/**
 * virVcpuInfo:
 *
 * What virDomainGetVcpus() reports for one virtual CPU.
 */
struct _virVcpuInfo {
    unsigned int number;        /* virtual CPU number */
    int state;                  /* value from virVcpuState */
    unsigned long long cpuTime; /* CPU time used, in nanoseconds */
    int cpu;                    /* real CPU number, or one of the values from virVcpuHostCpuState */
};

/**
 * virVcpuInfoPtr:
 *
 * A pointer to a virVcpuInfo.
 */
typedef virVcpuInfo *virVcpuInfoPtr;

/**
 * virDomainVcpuFlags:
 *
 * Flags of virDomainSetVcpusFlags() and virDomainGetVcpusFlags().
 */
typedef enum {
    VIR_DOMAIN_VCPU_CURRENT = VIR_DOMAIN_AFFECT_CURRENT,
    VIR_DOMAIN_VCPU_LIVE    = VIR_DOMAIN_AFFECT_LIVE,
    VIR_DOMAIN_VCPU_CONFIG  = VIR_DOMAIN_AFFECT_CONFIG,
    VIR_DOMAIN_VCPU_MAXIMUM = (1 << 2), /* max rather than current count */
    VIR_DOMAIN_VCPU_GUEST   = (1 << 3), /* modify state of the cpu in the guest */
    VIR_DOMAIN_VCPU_HOTPLUGGABLE = (1 << 4),
} virDomainVcpuFlags;

/**
 * VIR_USE_CPU:
 * @cpumap: pointer to a bit map of real CPUs (in 8-bit bytes)
 * @cpu: the physical CPU number
 *
 * Sets the bit of @cpu in @cpumap.  Bytes are in little-endian order:
 * CPU 0 is the least significant bit of the first byte.
 */
# define VIR_USE_CPU(cpumap, cpu) ((cpumap)[(cpu) / 8] |= (1 << ((cpu) % 8)))

/**
 * VIR_UNUSE_CPU:
 * @cpumap: pointer to a bit map of real CPUs (in 8-bit bytes)
 * @cpu: the physical CPU number
 *
 * Clears the bit of @cpu in @cpumap.
 */
# define VIR_UNUSE_CPU(cpumap, cpu) ((cpumap)[(cpu) / 8] &= ~(1 << ((cpu) % 8)))

/**
 * VIR_CPU_USED:
 * @cpumap: pointer to a bit map of real CPUs (in 8-bit bytes)
 * @cpu: the physical CPU number
 *
 * Non-zero when the bit of @cpu is set in @cpumap.
 */
# define VIR_CPU_USED(cpumap, cpu) ((cpumap)[(cpu) / 8] & (1 << ((cpu) % 8)))

/**
 * VIR_CPU_MAPLEN:
 * @cpu: number of physical CPUs
 *
 * Number of bytes of a cpumap holding @cpu CPUs.
 */
# define VIR_CPU_MAPLEN(cpu) (((cpu) + 7) / 8)

/**
 * VIR_GET_CPUMAP:
 * @cpumaps: array of cpumaps, one per vcpu, @maplen bytes each
 * @maplen: length of one cpumap in bytes
 * @vcpu: the virtual CPU number
 *
 * The cpumap of @vcpu inside @cpumaps.
 */
# define VIR_GET_CPUMAP(cpumaps, maplen, vcpu) (&((cpumaps)[(vcpu) * (maplen)]))

/**
 * VIR_CPU_USABLE:
 * @cpumaps: array of cpumaps, one per vcpu, @maplen bytes each
 * @maplen: length of one cpumap in bytes
 * @vcpu: the virtual CPU number
 * @cpu: the physical CPU number
 *
 * Non-zero when @vcpu may run on @cpu.
 */
# define VIR_CPU_USABLE(cpumaps, maplen, vcpu, cpu) \
    VIR_CPU_USED(VIR_GET_CPUMAP(cpumaps, maplen, vcpu), cpu)

/**
 * VIR_COPY_CPUMAP:
 * @cpumaps: array of cpumaps, one per vcpu, @maplen bytes each
 * @maplen: length of one cpumap in bytes
 * @vcpu: the virtual CPU number
 * @cpumap: where to copy the cpumap of @vcpu (@maplen bytes)
 *
 * Copies the cpumap of @vcpu out of @cpumaps.
 */
# define VIR_COPY_CPUMAP(cpumaps, maplen, vcpu, cpumap) \
    memcpy(cpumap, VIR_GET_CPUMAP(cpumaps, maplen, vcpu), maplen)

/* Legacy aliases of virTypedParameter for the tunable calls. */

/**
 * virSchedParameterType:
 *
 * The old names of the virTypedParameterType values for scheduler
 * parameters.
 */
typedef enum {
    VIR_DOMAIN_SCHED_FIELD_INT     = VIR_TYPED_PARAM_INT,
    VIR_DOMAIN_SCHED_FIELD_UINT    = VIR_TYPED_PARAM_UINT,
    VIR_DOMAIN_SCHED_FIELD_LLONG   = VIR_TYPED_PARAM_LLONG,
    VIR_DOMAIN_SCHED_FIELD_ULLONG  = VIR_TYPED_PARAM_ULLONG,
    VIR_DOMAIN_SCHED_FIELD_DOUBLE  = VIR_TYPED_PARAM_DOUBLE,
    VIR_DOMAIN_SCHED_FIELD_BOOLEAN = VIR_TYPED_PARAM_BOOLEAN,
} virSchedParameterType;

/**
 * VIR_DOMAIN_SCHED_FIELD_LENGTH:
 *
 * Length of a virSchedParameter name, including the final NUL: the same as
 * VIR_TYPED_PARAM_FIELD_LENGTH.
 */
# define VIR_DOMAIN_SCHED_FIELD_LENGTH VIR_TYPED_PARAM_FIELD_LENGTH

/**
 * virSchedParameter:
 *
 * The old name of virTypedParameter for virDomainGetSchedulerParameters()
 * and virDomainSetSchedulerParameters().
 */
typedef struct _virTypedParameter virSchedParameter;

/**
 * virSchedParameterPtr:
 *
 * A pointer to a virSchedParameter.
 */
typedef virSchedParameter *virSchedParameterPtr;

/**
 * virBlkioParameterType:
 *
 * The old names of the virTypedParameterType values for block I/O
 * parameters.
 */
typedef enum {
    VIR_DOMAIN_BLKIO_PARAM_INT     = VIR_TYPED_PARAM_INT,
    VIR_DOMAIN_BLKIO_PARAM_UINT    = VIR_TYPED_PARAM_UINT,
    VIR_DOMAIN_BLKIO_PARAM_LLONG   = VIR_TYPED_PARAM_LLONG,
    VIR_DOMAIN_BLKIO_PARAM_ULLONG  = VIR_TYPED_PARAM_ULLONG,
    VIR_DOMAIN_BLKIO_PARAM_DOUBLE  = VIR_TYPED_PARAM_DOUBLE,
    VIR_DOMAIN_BLKIO_PARAM_BOOLEAN = VIR_TYPED_PARAM_BOOLEAN,
} virBlkioParameterType;

/**
 * VIR_DOMAIN_BLKIO_FIELD_LENGTH:
 *
 * Length of a virBlkioParameter name, including the final NUL: the same as
 * VIR_TYPED_PARAM_FIELD_LENGTH.
 */
# define VIR_DOMAIN_BLKIO_FIELD_LENGTH VIR_TYPED_PARAM_FIELD_LENGTH

/**
 * virBlkioParameter:
 *
 * The old name of virTypedParameter for virDomainGetBlkioParameters() and
 * virDomainSetBlkioParameters().
 */
typedef struct _virTypedParameter virBlkioParameter;

/**
 * virBlkioParameterPtr:
 *
 * A pointer to a virBlkioParameter.
 */
typedef virBlkioParameter *virBlkioParameterPtr;

/**
 * virMemoryParameterType:
 *
 * The old names of the virTypedParameterType values for memory parameters.
 */
typedef enum {
    VIR_DOMAIN_MEMORY_PARAM_INT     = VIR_TYPED_PARAM_INT,
    VIR_DOMAIN_MEMORY_PARAM_UINT    = VIR_TYPED_PARAM_UINT,
    VIR_DOMAIN_MEMORY_PARAM_LLONG   = VIR_TYPED_PARAM_LLONG,
    VIR_DOMAIN_MEMORY_PARAM_ULLONG  = VIR_TYPED_PARAM_ULLONG,
    VIR_DOMAIN_MEMORY_PARAM_DOUBLE  = VIR_TYPED_PARAM_DOUBLE,
    VIR_DOMAIN_MEMORY_PARAM_BOOLEAN = VIR_TYPED_PARAM_BOOLEAN,
} virMemoryParameterType;

/**
 * VIR_DOMAIN_MEMORY_FIELD_LENGTH:
 *
 * Length of a virMemoryParameter name, including the final NUL: the same as
 * VIR_TYPED_PARAM_FIELD_LENGTH.
 */
# define VIR_DOMAIN_MEMORY_FIELD_LENGTH VIR_TYPED_PARAM_FIELD_LENGTH

/**
 * virMemoryParameter:
 *
 * The old name of virTypedParameter for virDomainGetMemoryParameters() and
 * virDomainSetMemoryParameters().
 */
typedef struct _virTypedParameter virMemoryParameter;

/**
 * virMemoryParameterPtr:
 *
 * A pointer to a virMemoryParameter.
 */
typedef virMemoryParameter *virMemoryParameterPtr;

/* Connections: listing domains */
int virConnectNumOfDomains(virConnectPtr conn);
int virConnectListDomains(virConnectPtr conn, int *ids, int maxids);
int virConnectNumOfDefinedDomains(virConnectPtr conn);
int virConnectListDefinedDomains(virConnectPtr conn, char **const names,
                                 int maxnames);
int virConnectListAllDomains(virConnectPtr conn, virDomainPtr **domains,
                             unsigned int flags);

/* Lookup and handles */
virConnectPtr virDomainGetConnect(virDomainPtr domain);
virDomainPtr virDomainLookupByID(virConnectPtr conn, int id);
virDomainPtr virDomainLookupByName(virConnectPtr conn, const char *name);
virDomainPtr virDomainLookupByUUID(virConnectPtr conn, const unsigned char *uuid);
virDomainPtr virDomainLookupByUUIDString(virConnectPtr conn, const char *uuidstr);
int virDomainRef(virDomainPtr domain);
int virDomainFree(virDomainPtr domain);
const char *virDomainGetName(virDomainPtr domain);
unsigned int virDomainGetID(virDomainPtr domain);
int virDomainGetUUID(virDomainPtr domain, unsigned char *uuid);
int virDomainGetUUIDString(virDomainPtr domain, char *buf);
char *virDomainGetOSType(virDomainPtr domain);

/* Definition and lifecycle */
virDomainPtr virDomainDefineXML(virConnectPtr conn, const char *xml);
virDomainPtr virDomainDefineXMLFlags(virConnectPtr conn, const char *xml,
                                     unsigned int flags);
int virDomainUndefine(virDomainPtr domain);
int virDomainUndefineFlags(virDomainPtr domain, unsigned int flags);
int virDomainRename(virDomainPtr dom, const char *new_name, unsigned int flags);
virDomainPtr virDomainCreateXML(virConnectPtr conn, const char *xmlDesc,
                                unsigned int flags);
int virDomainCreate(virDomainPtr domain);
int virDomainCreateWithFlags(virDomainPtr domain, unsigned int flags);
int virDomainShutdown(virDomainPtr domain);
int virDomainShutdownFlags(virDomainPtr domain, unsigned int flags);
int virDomainReboot(virDomainPtr domain, unsigned int flags);
int virDomainReset(virDomainPtr domain, unsigned int flags);
int virDomainDestroy(virDomainPtr domain);
int virDomainDestroyFlags(virDomainPtr domain, unsigned int flags);
int virDomainSuspend(virDomainPtr domain);
int virDomainResume(virDomainPtr domain);
int virDomainSave(virDomainPtr domain, const char *to);
int virDomainSaveFlags(virDomainPtr domain, const char *to, const char *dxml,
                       unsigned int flags);
int virDomainRestore(virConnectPtr conn, const char *from);
int virDomainRestoreFlags(virConnectPtr conn, const char *from,
                          const char *dxml, unsigned int flags);
int virDomainManagedSave(virDomainPtr dom, unsigned int flags);
int virDomainHasManagedSaveImage(virDomainPtr dom, unsigned int flags);
int virDomainManagedSaveRemove(virDomainPtr dom, unsigned int flags);
int virDomainGetAutostart(virDomainPtr domain, int *autostart);
int virDomainSetAutostart(virDomainPtr domain, int autostart);

/* State and description */
int virDomainGetInfo(virDomainPtr domain, virDomainInfoPtr info);
int virDomainGetState(virDomainPtr domain, int *state, int *reason,
                      unsigned int flags);
char *virDomainGetXMLDesc(virDomainPtr domain, unsigned int flags);
char *virDomainGetMetadata(virDomainPtr domain, int type, const char *uri,
                           unsigned int flags);
int virDomainSetMetadata(virDomainPtr domain, int type, const char *metadata,
                         const char *key, const char *uri, unsigned int flags);
int virDomainIsActive(virDomainPtr dom);
int virDomainIsPersistent(virDomainPtr dom);
int virDomainIsUpdated(virDomainPtr dom);
int virDomainGetSecurityLabel(virDomainPtr domain, virSecurityLabelPtr seclabel);
int virDomainGetCPUStats(virDomainPtr domain, virTypedParameterPtr params,
                         unsigned int nparams, int start_cpu,
                         unsigned int ncpus, unsigned int flags);

/**
 * virDomainMessageType:
 *
 * Kinds of message virDomainGetMessages() returns.
 */
typedef enum {
    VIR_DOMAIN_MESSAGE_DEPRECATION = (1 << 0),
    VIR_DOMAIN_MESSAGE_TAINTING = (1 << 1),
} virDomainMessageType;
int virDomainGetMessages(virDomainPtr domain, char ***msgs, unsigned int flags);

/**
 * virDomainControlState:
 *
 * The state of the control interface to a domain (libvirt's values).
 */
typedef enum {
    VIR_DOMAIN_CONTROL_OK = 0,          /* ready to take commands */
    VIR_DOMAIN_CONTROL_JOB = 1,         /* a background job is running */
    VIR_DOMAIN_CONTROL_OCCUPIED = 2,    /* busy with a command */
    VIR_DOMAIN_CONTROL_ERROR = 3,       /* unusable; details say why */
# ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_CONTROL_LAST
# endif
} virDomainControlState;

/**
 * virDomainControlErrorReason:
 *
 * Why the control interface is in VIR_DOMAIN_CONTROL_ERROR.
 */
typedef enum {
    VIR_DOMAIN_CONTROL_ERROR_REASON_NONE = 0,
    VIR_DOMAIN_CONTROL_ERROR_REASON_UNKNOWN = 1,
    VIR_DOMAIN_CONTROL_ERROR_REASON_MONITOR = 2,
    VIR_DOMAIN_CONTROL_ERROR_REASON_INTERNAL = 3,
# ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_CONTROL_ERROR_REASON_LAST
# endif
} virDomainControlErrorReason;

/**
 * virDomainControlInfo:
 *
 * What virDomainGetControlInfo() reports: the state of the control interface
 * (a virDomainControlState), its details (a virDomainControlErrorReason in
 * the error state) and how long, in milliseconds, it has been in that state.
 */
typedef struct _virDomainControlInfo virDomainControlInfo;
struct _virDomainControlInfo {
    unsigned int state;             /* virDomainControlState */
    unsigned int details;           /* virDomainControlErrorReason, in the error state */
    unsigned long long stateTime;   /* ms spent in the state, but for OK and ERROR */
};

/**
 * virDomainControlInfoPtr:
 *
 * A pointer to a virDomainControlInfo.
 */
typedef virDomainControlInfo *virDomainControlInfoPtr;

int virDomainGetControlInfo(virDomainPtr domain, virDomainControlInfoPtr info,
                            unsigned int flags);

/**
 * virDomainDeviceModifyFlags:
 *
 * Flags of virDomainAttachDeviceFlags(), virDomainDetachDeviceFlags(),
 * virDomainUpdateDeviceFlags() and virDomainDetachDeviceAlias().
 */
typedef enum {
    VIR_DOMAIN_DEVICE_MODIFY_CURRENT = VIR_DOMAIN_AFFECT_CURRENT,
    VIR_DOMAIN_DEVICE_MODIFY_LIVE = VIR_DOMAIN_AFFECT_LIVE,
    VIR_DOMAIN_DEVICE_MODIFY_CONFIG = VIR_DOMAIN_AFFECT_CONFIG,
    VIR_DOMAIN_DEVICE_MODIFY_FORCE = (1 << 2),
} virDomainDeviceModifyFlags;

/* Devices */
int virDomainAttachDevice(virDomainPtr domain, const char *xml);
int virDomainDetachDevice(virDomainPtr domain, const char *xml);
int virDomainAttachDeviceFlags(virDomainPtr domain,
                               const char *xml, unsigned int flags);
int virDomainDetachDeviceFlags(virDomainPtr domain,
                               const char *xml, unsigned int flags);
int virDomainUpdateDeviceFlags(virDomainPtr domain,
                               const char *xml, unsigned int flags);
int virDomainDetachDeviceAlias(virDomainPtr domain,
                               const char *alias, unsigned int flags);

/**
 * virKeycodeSet:
 *
 * The code set of the key codes given to virDomainSendKey().
 */
typedef enum {
    VIR_KEYCODE_SET_LINUX          = 0,
    VIR_KEYCODE_SET_XT             = 1,
    VIR_KEYCODE_SET_ATSET1         = 2,
    VIR_KEYCODE_SET_ATSET2         = 3,
    VIR_KEYCODE_SET_ATSET3         = 4,
    VIR_KEYCODE_SET_OSX            = 5,
    VIR_KEYCODE_SET_XT_KBD         = 6,
    VIR_KEYCODE_SET_USB            = 7,
    VIR_KEYCODE_SET_WIN32          = 8,
    VIR_KEYCODE_SET_QNUM           = 9,
# ifdef VIR_ENUM_SENTINELS
    VIR_KEYCODE_SET_LAST
# endif
} virKeycodeSet;

/**
 * VIR_KEYCODE_SET_RFB:
 *
 * The old name of VIR_KEYCODE_SET_QNUM.
 */
# define VIR_KEYCODE_SET_RFB VIR_KEYCODE_SET_QNUM

/**
 * VIR_DOMAIN_SEND_KEY_MAX_KEYS:
 *
 * The most key codes one virDomainSendKey() call takes.
 */
# define VIR_DOMAIN_SEND_KEY_MAX_KEYS  16

/* Keys */
int virDomainSendKey(virDomainPtr domain, unsigned int codeset,
                     unsigned int holdtime, unsigned int *keycodes,
                     int nkeycodes, unsigned int flags);

/* Memory */
unsigned long virDomainGetMaxMemory(virDomainPtr domain);
int virDomainSetMaxMemory(virDomainPtr domain, unsigned long memory);
int virDomainSetMemory(virDomainPtr domain, unsigned long memory);
int virDomainSetMemoryFlags(virDomainPtr domain, unsigned long memory,
                            unsigned int flags);

/* Virtual CPUs */
int virDomainSetVcpus(virDomainPtr domain, unsigned int nvcpus);
int virDomainSetVcpusFlags(virDomainPtr domain, unsigned int nvcpus,
                           unsigned int flags);
int virDomainGetVcpusFlags(virDomainPtr domain, unsigned int flags);
int virDomainGetMaxVcpus(virDomainPtr domain);
int virDomainPinVcpu(virDomainPtr domain, unsigned int vcpu,
                     unsigned char *cpumap, int maplen);
int virDomainPinVcpuFlags(virDomainPtr domain, unsigned int vcpu,
                          unsigned char *cpumap, int maplen,
                          unsigned int flags);
int virDomainGetVcpuPinInfo(virDomainPtr domain, int ncpumaps,
                            unsigned char *cpumaps, int maplen,
                            unsigned int flags);
int virDomainGetVcpus(virDomainPtr domain, virVcpuInfoPtr info, int maxinfo,
                      unsigned char *cpumaps, int maplen);

/* Tunables */
char *virDomainGetSchedulerType(virDomainPtr domain, int *nparams);
int virDomainGetSchedulerParameters(virDomainPtr domain,
                                    virTypedParameterPtr params, int *nparams);
int virDomainGetSchedulerParametersFlags(virDomainPtr domain,
                                         virTypedParameterPtr params,
                                         int *nparams, unsigned int flags);
int virDomainSetSchedulerParameters(virDomainPtr domain,
                                    virTypedParameterPtr params, int nparams);
int virDomainSetSchedulerParametersFlags(virDomainPtr domain,
                                         virTypedParameterPtr params,
                                         int nparams, unsigned int flags);
int virDomainSetMemoryParameters(virDomainPtr domain,
                                 virTypedParameterPtr params, int nparams,
                                 unsigned int flags);
int virDomainGetMemoryParameters(virDomainPtr domain,
                                 virTypedParameterPtr params, int *nparams,
                                 unsigned int flags);
int virDomainSetBlkioParameters(virDomainPtr domain,
                                virTypedParameterPtr params, int nparams,
                                unsigned int flags);
int virDomainGetBlkioParameters(virDomainPtr domain,
                                virTypedParameterPtr params, int *nparams,
                                unsigned int flags);

/* Statistics */

/**
 * virDomainMemoryStatTags:
 *
 * What one virDomainMemoryStatStruct of virDomainMemoryStats() counts.
 * Sizes are in KiB.
 */
typedef enum {
    VIR_DOMAIN_MEMORY_STAT_SWAP_IN         = 0,  /* memory swapped in */
    VIR_DOMAIN_MEMORY_STAT_SWAP_OUT        = 1,  /* memory swapped out */
    VIR_DOMAIN_MEMORY_STAT_MAJOR_FAULT     = 2,  /* page faults that read from disk */
    VIR_DOMAIN_MEMORY_STAT_MINOR_FAULT     = 3,  /* page faults served from memory */
    VIR_DOMAIN_MEMORY_STAT_UNUSED          = 4,  /* memory the guest leaves unused */
    VIR_DOMAIN_MEMORY_STAT_AVAILABLE       = 5,  /* memory the guest sees */
    VIR_DOMAIN_MEMORY_STAT_ACTUAL_BALLOON  = 6,  /* current balloon size */
    VIR_DOMAIN_MEMORY_STAT_RSS             = 7,  /* resident set size of the domain */
    VIR_DOMAIN_MEMORY_STAT_USABLE          = 8,  /* memory that can be reclaimed without swapping */
    VIR_DOMAIN_MEMORY_STAT_LAST_UPDATE     = 9,  /* when the guest last updated them (seconds) */
    VIR_DOMAIN_MEMORY_STAT_DISK_CACHES     = 10, /* memory that caches files */
    VIR_DOMAIN_MEMORY_STAT_HUGETLB_PGALLOC = 11, /* huge pages allocated */
    VIR_DOMAIN_MEMORY_STAT_HUGETLB_PGFAIL  = 12, /* huge page allocations that failed */
    VIR_DOMAIN_MEMORY_STAT_NR              = 13, /* the number of tags */
# ifdef VIR_ENUM_SENTINELS
    VIR_DOMAIN_MEMORY_STAT_LAST = VIR_DOMAIN_MEMORY_STAT_NR
# endif
} virDomainMemoryStatTags;

/**
 * virDomainMemoryStatStruct:
 *
 * One memory statistic: its tag (virDomainMemoryStatTags) and value.
 */
typedef struct _virDomainMemoryStat virDomainMemoryStatStruct;

/**
 * virDomainMemoryStat:
 * @tag: what the value counts (virDomainMemoryStatTags)
 * @val: the value
 *
 * The structure behind virDomainMemoryStatStruct.
 */
struct _virDomainMemoryStat {
    int tag;
    unsigned long long val;
};

/**
 * virDomainMemoryStatPtr:
 *
 * A pointer to a virDomainMemoryStatStruct.
 */
typedef virDomainMemoryStatStruct *virDomainMemoryStatPtr;

int virDomainMemoryStats(virDomainPtr dom, virDomainMemoryStatPtr stats,
                         unsigned int nr_stats, unsigned int flags);
int virDomainSetMemoryStatsPeriod(virDomainPtr domain, int period, unsigned int flags);

/**
 * virDomainStatsRecord:
 *
 * The statistics of one domain (virConnectGetAllDomainStats()): the domain
 * and its statistics as typed parameters named "group.field" ("state.state",
 * "cpu.time", "vcpu.0.state").
 */
typedef struct _virDomainStatsRecord virDomainStatsRecord;

/**
 * virDomainStatsRecordPtr:
 *
 * A pointer to a virDomainStatsRecord.
 */
typedef virDomainStatsRecord *virDomainStatsRecordPtr;

struct _virDomainStatsRecord {
    virDomainPtr dom;
    virTypedParameterPtr params;
    int nparams;
};

/**
 * virDomainStatsTypes:
 *
 * The groups of statistics virConnectGetAllDomainStats() gives; 0 asks for
 * every group the driver has.  VIR_DOMAIN_STATS_LVE (virt-virtkit.h) is
 * virtkit's own group.
 */
typedef enum {
    VIR_DOMAIN_STATS_STATE = (1 << 0),      /* state.state, state.reason */
    VIR_DOMAIN_STATS_CPU_TOTAL = (1 << 1),  /* cpu.time, cpu.user, cpu.system */
    VIR_DOMAIN_STATS_BALLOON = (1 << 2),    /* balloon.current, balloon.maximum, ... */
    VIR_DOMAIN_STATS_VCPU = (1 << 3),       /* vcpu.current, vcpu.maximum, vcpu.N.* */
    VIR_DOMAIN_STATS_INTERFACE = (1 << 4),  /* net.* */
    VIR_DOMAIN_STATS_BLOCK = (1 << 5),      /* block.* */
    VIR_DOMAIN_STATS_PERF = (1 << 6),       /* perf.* */
    VIR_DOMAIN_STATS_IOTHREAD = (1 << 7),   /* iothread.* */
    VIR_DOMAIN_STATS_MEMORY = (1 << 8),     /* memory.* */
    VIR_DOMAIN_STATS_DIRTYRATE = (1 << 9),  /* dirtyrate.* */
    VIR_DOMAIN_STATS_VM = (1 << 10),        /* vm.* */
} virDomainStatsTypes;

/**
 * virConnectGetAllDomainStatsFlags:
 *
 * Which domains virConnectGetAllDomainStats() reports (the filters of
 * virConnectListAllDomains()) and how.
 */
typedef enum {
    VIR_CONNECT_GET_ALL_DOMAINS_STATS_ACTIVE = VIR_CONNECT_LIST_DOMAINS_ACTIVE,
    VIR_CONNECT_GET_ALL_DOMAINS_STATS_INACTIVE = VIR_CONNECT_LIST_DOMAINS_INACTIVE,

    VIR_CONNECT_GET_ALL_DOMAINS_STATS_PERSISTENT = VIR_CONNECT_LIST_DOMAINS_PERSISTENT,
    VIR_CONNECT_GET_ALL_DOMAINS_STATS_TRANSIENT = VIR_CONNECT_LIST_DOMAINS_TRANSIENT,

    VIR_CONNECT_GET_ALL_DOMAINS_STATS_RUNNING = VIR_CONNECT_LIST_DOMAINS_RUNNING,
    VIR_CONNECT_GET_ALL_DOMAINS_STATS_PAUSED = VIR_CONNECT_LIST_DOMAINS_PAUSED,
    VIR_CONNECT_GET_ALL_DOMAINS_STATS_SHUTOFF = VIR_CONNECT_LIST_DOMAINS_SHUTOFF,
    VIR_CONNECT_GET_ALL_DOMAINS_STATS_OTHER = VIR_CONNECT_LIST_DOMAINS_OTHER,

    VIR_CONNECT_GET_ALL_DOMAINS_STATS_NOWAIT = 1 << 29,  /* give what can be had without
                                                          * waiting for a busy domain */
    VIR_CONNECT_GET_ALL_DOMAINS_STATS_BACKING = 1 << 30, /* block stats of backing chains */
    VIR_CONNECT_GET_ALL_DOMAINS_STATS_ENFORCE_STATS = 1U << 31, /* fail on a group the
                                                                 * driver does not have */
} virConnectGetAllDomainStatsFlags;

int virConnectGetAllDomainStats(virConnectPtr conn, unsigned int stats,
                                virDomainStatsRecordPtr **retStats, unsigned int flags);
int virDomainListGetStats(virDomainPtr *doms, unsigned int stats,
                          virDomainStatsRecordPtr **retStats, unsigned int flags);
void virDomainStatsRecordListFree(virDomainStatsRecordPtr *stats);

# ifdef __cplusplus
}
# endif

#endif /* VIRT_DOMAIN_H */
