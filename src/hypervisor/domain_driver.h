/*
 * domain_driver.h: the seam between the shared driver layer and a driver
 *
 * A driver's private data starts with a virDomainDriverBase: its domain
 * list, how its XML is parsed, where its definitions are stored, and the
 * hooks through which the shared layer asks it what only it knows (how
 * to bring a domain up in its kernel or hypervisor, how to stop it, how
 * to push a changed definition to a running domain).  With that, the
 * shared methods (domain_query.h, domain_lifecycle.h, domain_update.h)
 * go in the driver's table as they are, and the flows they hold (checks
 * of flags, states and transient domains; ids; status files; undo on
 * failure) are written once for every driver.
 *
 * Locking: hooks are called with the domain object locked and never with
 * the list lock held.  A hook reports its own error and returns -1; on
 * failure it leaves its kernel or hypervisor as it found it.
 *
 * Naming: a shared method is named as a driver's would be, with "shared"
 * for the driver (sharedDomainSuspend serves virDomainSuspend, as
 * testDomainSuspend would); its errors name the method as the driver's
 * own ("unsupported flags (0x2) in function lveDomainCreateXML").  Helpers
 * a driver calls are virDomainDriver<Verb>.
 */
#ifndef VIR_DOMAIN_DRIVER_H
# define VIR_DOMAIN_DRIVER_H

# include "internal.h"
# include "datatypes.h"
# include "virthread.h"
# include "domain_obj.h"
# include "domain_store.h"

typedef struct _virDomainDriverBase virDomainDriverBase;
typedef struct _virDomainStatsList virDomainStatsList;     /* domain_stats.h */

/* What a change made to a definition, for a driver that pushes it to a
 * running domain (virDomainDriverHooks.applyLive). */
typedef enum {
    VIR_DOMAIN_DRIVER_CHANGE_MEMORY = 1 << 0,     /* current memory */
    VIR_DOMAIN_DRIVER_CHANGE_MAXMEMORY = 1 << 7,  /* maximum memory (current may shrink) */
    VIR_DOMAIN_DRIVER_CHANGE_VCPUS = 1 << 1,      /* vcpu count */
    VIR_DOMAIN_DRIVER_CHANGE_PIN = 1 << 2,        /* vcpu pins */
    VIR_DOMAIN_DRIVER_CHANGE_SCHED = 1 << 3,      /* scheduler parameters */
    VIR_DOMAIN_DRIVER_CHANGE_MEMTUNE = 1 << 4,    /* memory tunables */
    VIR_DOMAIN_DRIVER_CHANGE_BLKIO = 1 << 5,      /* block I/O tunables */
    VIR_DOMAIN_DRIVER_CHANGE_SHARING = 1 << 6,    /* memory sharing */
    VIR_DOMAIN_DRIVER_CHANGE_DEVICES = 1 << 8,    /* a device attached, detached or updated */
    VIR_DOMAIN_DRIVER_CHANGE_METADATA = 1 << 9,   /* title, description: no kernel sees them */
} virDomainDriverChange;

/* What a shutdown hook did. */
typedef enum {
    VIR_DOMAIN_DRIVER_SHUTDOWN_ASKED = 0,         /* asked; the domain still runs, marked
                                                   * shutdownAsked until the kernel says it
                                                   * ended (hooks->fate, domain_kernel.h) */
    VIR_DOMAIN_DRIVER_SHUTDOWN_DONE = 1,          /* the domain's kernel object is gone */
} virDomainDriverShutdown;

/* What became of a running domain, as its kernel or hypervisor says
 * (virDomainDriverHooks.fate). */
typedef enum {
    VIR_DOMAIN_DRIVER_FATE_RUNS = 0,    /* it still runs (or is paused) */
    VIR_DOMAIN_DRIVER_FATE_GONE,        /* its kernel object went */
    VIR_DOMAIN_DRIVER_FATE_POWEROFF,    /* the guest powered off: its on_poweroff is next */
    VIR_DOMAIN_DRIVER_FATE_REBOOT,      /* the guest rebooted: on_reboot */
    VIR_DOMAIN_DRIVER_FATE_CRASH,       /* the guest crashed: on_crash */
} virDomainDriverFate;

/* What a driver adds to the shared flows.  Only start and stop are
 * required; a NULL hook means the driver has nothing to add there (or,
 * for freeze, that it cannot do it: suspend is then unsupported). */
typedef struct {
    /* Brings inactive @obj up from obj->def, frozen when @paused.  Sets
     * *id to the id the kernel gave it, or leaves it -1 for the list to
     * give the next free one (a fixed-id driver's id is set for it). */
    int (*start)(virDomainDriverBase *base, virDomainObj *obj, bool paused, int *id);
    /* Kills everything the running @obj has: the domain is gone after. */
    int (*stop)(virDomainDriverBase *base, virDomainObj *obj);
    /* Freezes or thaws running @obj (suspend, resume). */
    int (*freeze)(virDomainDriverBase *base, virDomainObj *obj, bool frozen);
    /* Asks running @obj to shut down (@flags: virDomainShutdownFlagValues,
     * already checked against shutdownFlags) and returns without waiting
     * (a virDomainDriverShutdown).  NULL: the shared layer applies the
     * domain's on_poweroff action at once. */
    int (*shutdown)(virDomainDriverBase *base, virDomainObj *obj, unsigned int flags);
    /* Asks the tasks of running @obj to end, without killing them, for a
     * graceful destroy; fails when some are left.  NULL: destroy is
     * always immediate. */
    int (*terminate)(virDomainDriverBase *base, virDomainObj *obj);
    /* Asks running @obj to reboot (@flags: virDomainRebootFlagValues,
     * already checked against rebootFlags); the guest's reboot is seen
     * later (fate REBOOT).  NULL: the shared layer applies the domain's
     * on_reboot action at once. */
    int (*reboot)(virDomainDriverBase *base, virDomainObj *obj, unsigned int flags);
    /* Writes the memory of running @obj to a core file, for the
     * coredump-destroy and coredump-restart actions.  NULL: no dump. */
    int (*coreDump)(virDomainDriverBase *base, virDomainObj *obj);
    /* Starts running @obj over with the same id (a reboot or reset whose
     * action restarts).  NULL: stop, then start. */
    int (*restart)(virDomainDriverBase *base, virDomainObj *obj);
    /* Told after @obj stopped, before a transient one leaves the list:
     * the driver forgets run-time state it keeps beside the object. */
    void (*stopped)(virDomainDriverBase *base, virDomainObj *obj);

    /* Refuses a change to @def that the driver cannot honour (@live: the
     * running domain's definition), after the shared rules passed. */
    int (*checkChange)(virDomainDriverBase *base, const virDomainDef *def, bool live,
                       virDomainDriverChange change);
    /* Derives the driver's own fields of @def after @change (an LVE's
     * ncpu limit from the vcpu count). */
    void (*syncDef)(virDomainDriverBase *base, virDomainDef *def, virDomainDriverChange change);
    /* Gives the kernel the parts @changes of @to, the new live definition
     * of running @obj, which ran @from (also called back the other way
     * to undo).  NULL: nothing to push (a model). */
    int (*applyLive)(virDomainDriverBase *base, virDomainObj *obj, const virDomainDef *from,
                     const virDomainDef *to, unsigned int changes);

    /* A status file says @obj ran: 1 when the kernel still runs it (it
     * is taken back), 0 when it is gone, -1 when that cannot be told. */
    int (*stillRunning)(virDomainDriverBase *base, virDomainObj *obj);
    /* For a pollRunning driver whose guests stop by themselves and wait
     * for an action (a Xen guest that powered off), and for a domain
     * asked to shut down (obj->shutdownAsked: an LVE whose last task
     * went): what became of running @obj, a virDomainDriverFate, or -1
     * when that cannot be told.  @batch: what pollBegin returned, or NULL
     * for a question about this domain alone.  NULL: stillRunning answers
     * RUNS or GONE. */
    int (*fate)(virDomainDriverBase *base, virDomainObj *obj, void *batch);
    /* Before a list polls every running domain: one question for all of
     * them (the hypervisor's domain list), passed to fate; NULL on error
     * (then each asks alone).  pollEnd gets it back, after fate was asked
     * of each, and may take in what the list lacks (domains another
     * toolstack started). */
    void *(*pollBegin)(virDomainDriverBase *base);
    void (*pollEnd)(virDomainDriverBase *base, void *batch);
    /* The first writer of a root looks for kernel objects it owns (marks:
     * domain_owner.h) that no domain accounts for (a process killed
     * mid-start left them) and removes them, with the root's lock held. */
    void (*reconcile)(virDomainDriverBase *base);
    /* Writes to @path what restore needs to bring running @obj back as it
     * is now (paused when @paused) with @def as its definition, and ends
     * it in the kernel or hypervisor.  NULL: save is unsupported. */
    int (*save)(virDomainDriverBase *base, virDomainObj *obj, const virDomainDef *def,
                const char *path, bool paused);
    /* The definition (*@xml, to free) and state a save file holds. */
    int (*readSave)(virDomainDriverBase *base, const char *path, char **xml, bool *paused);
    /* Brings inactive @obj up from the save file @path, as start does. */
    int (*restore)(virDomainDriverBase *base, virDomainObj *obj, const char *path, bool paused,
                   int *id);
    /* Pages of running @obj merged by memory sharing, and considered. */
    void (*sharedPages)(virDomainDriverBase *base, virDomainObj *obj,
                        unsigned long long *merged, unsigned long long *considered);
    /* Adds to @list the driver's fields of the statistics group @group (one
     * bit of base->statsGroups) of @obj, after the shared ones (see
     * domain_stats.h); a stopped domain may have none.  NULL: the shared
     * fields are all. */
    int (*stats)(virDomainDriverBase *base, virDomainObj *obj, unsigned int group,
                 virDomainStatsList *list);
    /* The state and reason of @obj as its kernel or hypervisor says now,
     * for the state group of the statistics (a context paused by another
     * tool, a guest xl paused).  NULL: what the object was told. */
    void (*state)(virDomainDriverBase *base, virDomainObj *obj, int *state, int *reason);
    /* Fills @stats (room for @nr) with the memory statistics of running
     * @obj in libvirt's order of tags; returns how many.  NULL:
     * virDomainMemoryStats is unsupported. */
    int (*memoryStats)(virDomainDriverBase *base, virDomainObj *obj,
                       virDomainMemoryStatPtr stats, unsigned int nr);
    /* Events the kernel notifies on its own (an LVE's OOM kill): the
     * first event callback of the process calls watchEvents (no domain
     * locked), and from then on every start or stop of a domain, in this
     * process or seen from another, calls watchDomain with @obj locked.
     * NULL: the driver's events come from API calls and other processes'
     * changes only. */
    void (*watchEvents)(virDomainDriverBase *base);
    void (*watchDomain)(virDomainDriverBase *base, const virDomainObj *obj);
} virDomainDriverHooks;

struct _virDomainDriverBase {
    virDomainObjList *domains;
    virDomainXMLOption xmlopt;      /* xmlopt.fixedId: ids come from the definitions */
    virDomainStore *store;          /* NULL: the definitions live in memory only */
    bool keepStatus;                /* running domains outlive the process: status files */
    bool pollRunning;               /* reads ask hooks->stillRunning: a kernel object can
                                     * end on its own (a VServer context with its last
                                     * task), see domain_kernel.h */
    size_t hostcpus;                /* CPUs a cpumap names */
    unsigned int maxVcpus;          /* what SetVcpus accepts at most */
    int errorDomain;                /* VIR_FROM_TEST, ...: what the errors say */
    const char *idName;             /* fixed ids: "LVE", "context" in messages */
    unsigned int shutdownFlags;     /* the ways of asking a shutdown it knows */
    unsigned int rebootFlags;       /* and a reboot */
    guint64 hotplugDevices;         /* 1 << virDomainDeviceType of the families that can be
                                     * attached to, detached from and updated on a running
                                     * domain (its applyLive takes CHANGE_DEVICES) */
    const virDomainDriverHooks *hooks;
    unsigned int statsGroups;       /* the virDomainStatsTypes it reports (STATE at least) */

    const char *typeName;           /* what virConnectGetType says: "TEST", "LVE" */
    unsigned long hvVersion;        /* what virConnectGetVersion says */

    /* kept by the registry of states (driver_registry.h) */
    struct _virDriverRegistry *registry;
    void (*freeState)(virDomainDriverBase *base);
    char *key;                      /* the root it serves; NULL: one connection's own */
    char *options;                  /* how it was opened */
    int refs;                       /* connections, guarded by the registry */

    struct _virDomainEventState *events;    /* callbacks and queued events (domain_event.h) */
    gint watchingKernel;            /* atomic: hooks->watchEvents was called */

    virMutex idsLock;               /* guards the fields below */
    GHashTable *fixedIds;           /* fixed id -> name of the domain that has it */
    bool autostarted;               /* virDomainDriverOpenWritable ran */
    struct _virDomainStoreWatch *storeWatch;    /* other processes' changes (domain_store_watch.h) */
};

/* Put in the file that defines @type: its first member is the base. */
# define VIR_DOMAIN_DRIVER_BASE_FIRST(type) \
    G_STATIC_ASSERT(G_STRUCT_OFFSET(type, base) == 0)

void virDomainDriverBaseInit(virDomainDriverBase *base, int errorDomain,
                             const virDomainDriverHooks *hooks);
void virDomainDriverBaseClear(virDomainDriverBase *base);

static inline virDomainDriverBase *
virDomainDriverBaseFromConn(virConnectPtr conn)
{
    return conn->privateData;
}

/* Errors carry the error domain of the driver they come from. */
# define virDomainDriverError(base, code, ...) \
    virReportErrorFull((base)->errorDomain, code, __FILE__, __func__, __LINE__, __VA_ARGS__)

/* virCheckFlags for a shared method: the error names the method as the
 * driver's own ("testDomainCreateXML" for sharedDomainCreateXML). */
void virDomainDriverReportFlags(virConnectPtr conn, unsigned int unsupported, const char *func);

# define virDomainDriverCheckFlags(conn, supported, ret) \
    do { \
        unsigned int _unsupported = (flags) & ~(unsigned int)(supported); \
        if (_unsupported) { \
            virDomainDriverReportFlags(conn, _unsupported, __func__); \
            return ret; \
        } \
    } while (0)

typedef enum {
    /* first bring the list up to date, if another process changed it */
    VIR_DOMAIN_DRIVER_OBJ_REFRESH = 1 << 0,
    /* also a domain whose configuration does not load */
    VIR_DOMAIN_DRIVER_OBJ_BROKEN = 1 << 1,
} virDomainDriverObjFlags;

/* The object of @dom, locked and referenced (virDomainObjEndAPI), or NULL
 * with VIR_ERR_NO_DOMAIN (or, unless BROKEN, an error saying why its
 * configuration does not load). */
virDomainObj *virDomainDriverFindObj(virDomainPtr dom, unsigned int flags);

/* For reads: an up-to-date object that can be used. */
static inline virDomainObj *
virDomainDriverGetObj(virDomainPtr dom)
{
    return virDomainDriverFindObj(dom, VIR_DOMAIN_DRIVER_OBJ_REFRESH);
}

/* The same, for a domain that must be running. */
virDomainObj *virDomainDriverGetActiveObj(virDomainPtr dom);

/* A new handle for @obj, which it ends (virDomainObjEndAPI); NULL for NULL. */
virDomainPtr virDomainDriverNewHandle(virConnectPtr conn, virDomainObj *obj);

/* Fails with "domain 'x' is not running" unless @obj runs. */
void virDomainDriverReportInactive(const virDomainDriverBase *base, const virDomainObj *obj);

static inline int
virDomainDriverCheckActive(const virDomainDriverBase *base, const virDomainObj *obj)
{
    if (virDomainObjIsActive(obj))
        return 0;
    virDomainDriverReportInactive(base, obj);
    return -1;
}

/* Refuses a cpumap longer than the host's CPUs need. */
int virDomainDriverCheckMaplen(const virDomainDriverBase *base, int maplen);

/* Refuses a first CPU of virDomainGetCPUStats beyond the host's CPUs. */
int virDomainDriverCheckStartCpu(const virDomainDriverBase *base, int start_cpu);

/* ---- the list, with fixed ids ---------------------------------------- */

/* virDomainObjListAdd(), and for a fixed-id driver the id of @def claimed
 * for its domain: an id belongs to one domain for as long as it is
 * defined.  Returns the object locked, having taken @def when it is new;
 * NULL with @def untouched on error. */
virDomainObj *virDomainDriverObjAdd(virDomainDriverBase *base, virDomainDef *def,
                                    bool *existing);

/* virDomainObjListRename(), the fixed id of @obj kept for its new name
 * (@def, a copy of its definition, has it). */
virDomainObj *virDomainDriverObjRename(virDomainDriverBase *base, virDomainObj *obj,
                                       virDomainDef *def);

/* Takes locked @obj out of the list and releases its fixed id. */
void virDomainDriverObjRemove(virDomainDriverBase *base, virDomainObj *obj);

/* ---- run-time state ------------------------------------------------ */

/* Writes the status of running @obj (keepStatus drivers; else nothing). */
int virDomainDriverWriteStatus(virDomainDriverBase *base, virDomainObj *obj);

static inline int
virDomainDriverSaveStatus(virDomainDriverBase *base, virDomainObj *obj)
{
    return base->keepStatus ? virDomainDriverWriteStatus(base, obj) : 0;
}

/* Before the configuration of @obj is replaced or removed: its status
 * stops pointing at it (see VIR_DOMAIN_STORE_STATUS_BY_CONFIG). */
int virDomainDriverDetachStatus(virDomainDriverBase *base, virDomainObj *obj);

/* Starts inactive @obj (hooks->start) with @reason; on failure, the domain
 * and the kernel are as they were. */
int virDomainDriverStartObj(virDomainDriverBase *base, virDomainObj *obj, int reason,
                            bool paused);
/* The same, from the save file @from (hooks->restore) unless it is NULL. */
int virDomainDriverStartObjFrom(virDomainDriverBase *base, virDomainObj *obj, int reason,
                                bool paused, const char *from);

/* @obj stopped (its kernel object is gone): it becomes inactive, its status
 * goes, and a transient one leaves the list (the caller keeps its lock and
 * reference). */
void virDomainDriverObjStopped(virDomainDriverBase *base, virDomainObj *obj, int reason);

/* Stops running @obj (hooks->stop), then as virDomainDriverObjStopped. */
int virDomainDriverStopObj(virDomainDriverBase *base, virDomainObj *obj, int reason);

#endif /* VIR_DOMAIN_DRIVER_H */
