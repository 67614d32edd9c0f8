/*
 * lve_backend.h: how the LVE driver asks the kernel (lveOps)
 *
 * The domain code speaks in LVE ids and limits; a backend turns that into
 * calls: liblve (lve_liblve.c, CloudLinux) or the host's cgroups
 * (lve_cgroup.c).  Every function reports its own error in LVE terms
 * (lve_error.h) and returns -1; the domain code never sees an errno.
 * No function is called with the driver's list lock held.
 */
#ifndef VIR_LVE_BACKEND_H
# define VIR_LVE_BACKEND_H

# include "internal.h"

# include "lve_conf.h"
# include "virbitmap.h"
# include "viruri.h"

typedef struct _lveBackend lveBackend;

/* What an LVE uses right now, and what its limits refused since it
 * started.  A counter the backend cannot read is 0. */
typedef struct _lveUsage {
    unsigned long long cpuTimeNs;
    unsigned long long userTimeNs;
    unsigned long long systemTimeNs;
    unsigned long long memoryBytes;
    unsigned int tasks;
    unsigned int entries;               /* entry processes inside */
    unsigned long long cpuFaults;       /* periods the speed limit held it */
    unsigned long long memFaults;       /* hits of the memory limit */
    unsigned long long nprocFaults;     /* forks refused at the nproc limit */
    unsigned long long epFaults;        /* entries refused at the ep limit */
    unsigned long long pageFaults;      /* minor and major page faults */
    unsigned long long majorFaults;
    unsigned long long ioBytes;         /* read and written */
    unsigned long long ioOps;
} lveUsage;

/* Where and how a backend runs, from the URI and the environment. */
typedef struct _lveBackendConfig {
    const char *root;               /* the root the driver serves ("/": the host's) */
    const char *cgroupParent;       /* cgroup_parent=, or NULL */
    const char *cgroupMode;         /* cgroup_mode=v1|v2, or NULL for auto */
    const char *stateDir;           /* run-time files of the backend */
} lveBackendConfig;

/* What the kernel tells of an LVE as it happens (lve_watch.c maps each
 * onto a domain event). */
typedef enum {
    LVE_NOTICE_OOM,                 /* a task was killed by the memory limit */
    LVE_NOTICE_NPROC,               /* a fork was refused at the process limit */
    LVE_NOTICE_EMPTIED,             /* its last task ended */
} lveNotice;

/* Called from the event loop; @count: how many happened since the last. */
typedef void (*lveNoticeFunc)(unsigned int id, lveNotice what, unsigned long long count,
                              void *opaque);

typedef struct _lveWatch lveWatch;

typedef struct _lveOps {
    const char *name;                                   /* "liblve", "cgroup" */
    bool cpuPlacement;                                  /* can choose the CPUs */
    void (*close)(lveBackend *be);
    /* facts for the capabilities XML, inside <host> */
    void (*formatCaps)(lveBackend *be, GString *buf);
    /* The version of what runs the LVEs, as virConnectGetVersion gives it:
     * LVE's kernel interface (liblve), the Linux kernel (cgroups); 0 when
     * it cannot be known. */
    unsigned long (*version)(lveBackend *be);

    /* Creates the LVE (or takes one that exists) with every limit; @cpus
     * is where it may run (NULL: anywhere). */
    int (*create)(lveBackend *be, unsigned int id, const lveLimits *lim,
                  const virBitmap *cpus);
    /* Optional: refuses limits in @mask that this kernel cannot hold, as
     * create and setLimits would (the same error), before a definition
     * that is not running takes them.  NULL: every limit can be held. */
    int (*checkLimits)(lveBackend *be, unsigned int id, const lveLimits *lim,
                       const virBitmap *cpus, unsigned int mask);
    /* Applies the limits in @mask (bits of lveLimit) to an existing LVE. */
    int (*setLimits)(lveBackend *be, unsigned int id, const lveLimits *lim,
                     const virBitmap *cpus, unsigned int mask);
    /* Kills every task (also those forking meanwhile) and removes the LVE. */
    int (*destroy)(lveBackend *be, unsigned int id);
    /* 1 when the kernel has the LVE, 0 when not, -1 on error. */
    int (*exists)(lveBackend *be, unsigned int id);
    /* Optional: NULL when the kernel cannot freeze an LVE. */
    int (*freeze)(lveBackend *be, unsigned int id, bool frozen);

    /* The pids of the LVE's tasks; fails when the backend cannot list them. */
    int (*listTasks)(lveBackend *be, unsigned int id, GArray *pids);
    int (*usage)(lveBackend *be, unsigned int id, lveUsage *usage);
    /* CPU time per host CPU, or -1 (no error) where the kernel keeps none. */
    int (*cpuUsage)(lveBackend *be, unsigned int id, guint64 *percpu, size_t ncpus);

    /* Moves the calling process in; @lim is for the messages. */
    int (*enter)(lveBackend *be, unsigned int id, const lveLimits *lim,
                 unsigned int flags, unsigned int *cookie);
    int (*leave)(lveBackend *be, unsigned int id, unsigned int cookie);

    /* Limits of LVEs the kernel creates without explicit ones. */
    int (*setDefaults)(lveBackend *be, const lveLimits *lim);
    /* Optional: the kernel's own defaults, when it keeps them. */
    int (*getDefaults)(lveBackend *be, lveLimits *lim);

    /* Optional: watches existing LVE @id on the registered event loop,
     * calling @func from it for what the kernel notifies, and @freecb on
     * @opaque once no call can come (also when it fails); NULL with an
     * error when it cannot.
     * NULL: the backend has no such notices. */
    lveWatch *(*watch)(lveBackend *be, unsigned int id, lveNoticeFunc func, void *opaque,
                       GDestroyNotify freecb);
    /* Ends @w: no @func call starts after it returns; with @wait, none is
     * under way either (never with @wait from inside @func, or with what
     * @func locks held). */
    void (*unwatch)(lveWatch *w, bool wait);
} lveOps;

struct _lveBackend {
    const lveOps *ops;
    void *priv;
    /* where LVE ids live, for the marks of who owns which: "liblve" (the
     * kernel's, one for the host), or "cgroup:<the parent directory>" */
    char *scope;
};

/* Opens the backend @name ("liblve", "cgroup"), or with NULL the first that
 * works on this host: liblve where it is installed, else cgroups. */
lveBackend *lveBackendOpen(const char *name, const lveBackendConfig *config);
void lveBackendFree(lveBackend *be);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(lveBackend, lveBackendFree);

/* lve_liblve.c and lve_cgroup.c */
lveBackend *lveLiblveOpen(const lveBackendConfig *config, bool *absent);
lveBackend *lveCgroupOpen(const lveBackendConfig *config);

/* True when this host runs CloudLinux LVE: its kernel module and liblve. */
bool lveLiblveAvailable(void);

#endif /* VIR_LVE_BACKEND_H */
