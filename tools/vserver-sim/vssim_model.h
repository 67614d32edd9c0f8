/*
 * vssim_model.h: the simulated VServer kernel's state and the operations
 * both ABIs share
 *
 * Contexts (with their flags, limits, scheduler buckets, UTS names and
 * tasks), network contexts, the 2003 design's network devices, and the
 * callers waiting for a context to exit.  The ABI front ends
 * (vssim_v2.c, vssim_2003.c) decode a call, check what the kernel checks,
 * and act through these functions; the model applies what it can to the
 * real tasks (vssim_tasks.h).
 */
#ifndef VSSIM_MODEL_H
# define VSSIM_MODEL_H

# include "internal.h"

# include <limits.h>

# include "vserver_abi.h"
# include "vssim_members.h"
# include "vssim_notify.h"
# include "vssim_proc.h"
# include "vssim_tasks.h"

typedef enum {
    VSSIM_ABI_V2 = 1,
    VSSIM_ABI_2003,
} vssimAbi;

typedef struct {
    vssimAbi abi;
    uint32_t version;               /* what the version query answers */
    char **without;                 /* commands the kernel lacks */
    bool verbose;
    bool enforce;                   /* false: --no-enforce */
} vssimConfig;

/* one token bucket */
typedef struct {
    int32_t fillRate[2];
    int32_t interval[2];
    int32_t tokens;
    int32_t tokensMin;
    int32_t tokensMax;
    int32_t prioBias;
} vssimBucket;

/* an address a context or network context may use */
typedef struct {
    int family;                     /* 4 or 6 */
    uint16_t type;
    uint16_t flags;
    uint8_t ip[16];
    uint8_t ip2[16];
    uint8_t mask[16];
    uint32_t prefix;
} vssimAddr;

typedef struct {
    uint32_t xid;
    uint64_t flags;                 /* VS_VXF_* */
    uint64_t ccaps;
    uint64_t bcaps;
    uint32_t initpid;
    unsigned long long initStart;   /* tells the init from a later pid */
    uint64_t soft[VS_NUM_LIMITS];   /* VS_CRLIM_INFINITY for none */
    uint64_t hard[VS_NUM_LIMITS];
    vssimBucket bucket;
    GHashTable *cpuBuckets;         /* cpu << 16 | bucket -> vssimBucket */
    char names[VS_VHIN_LAST][VS_VHI_NAME_LEN];
    int64_t badness;
    gint64 createdUs;
    int32_t exitCode;
    int32_t rebootCmd;
    GHashTable *seen;               /* every process seen in it, for nr_forks */
    unsigned int joined;            /* of which moved in rather than forked */
    /* the 2003 design */
    bool explicit;                  /* lives until context.destroy */
    uint32_t policy;                /* VS03_SCHED_*, | VS03_SCHED_PAUSED */
    uint64_t cpuMax;
    uint64_t cpuMin;
    bool stopCreate;
    char *vroot;
    uint64_t diskSpaceKiB;
    uint64_t diskInodes;
    GArray *addrs;                  /* vssimAddr */
} vssimContext;

typedef struct {
    uint32_t nid;
    uint64_t flags;                 /* VS_NXF_* */
    uint32_t v4bcast;
    uint32_t v4lback;
    GArray *addrs;                  /* vssimAddr */
} vssimNet;

typedef struct {
    uint32_t id;
    uint32_t xid;                   /* attached to, 0 for none */
    uint64_t qosMax;
    uint64_t qosMin;
} vssimNetDev;

/* the caller of a call, as the permission checks see it */
typedef struct {
    vssimProcStatus status;
    uint32_t xid;
    vssimContext *ctx;              /* NULL in the host context */
} vssimCaller;

typedef struct {
    const vssimConfig *config;
    vssimListener *listener;
    vssimTasks *tasks;
    vssimMembers *netMembers;
    GHashTable *contexts;           /* xid -> vssimContext */
    GHashTable *nets;               /* nid -> vssimNet */
    GHashTable *netdevs;            /* id -> vssimNetDev */
    GList *waiters;                 /* vssimCall of wait_exit, waiting */
    long pageSize;
} vssimModel;

vssimModel *vssimModelNew(const vssimConfig *config, vssimListener *listener, vssimTasks *tasks);
void vssimModelFree(vssimModel *m);

/* Whether the kernel was started --without @name. */
bool vssimModelLacks(const vssimModel *m, const char *name);

/* Who calls: its process, capabilities and context; -ESRCH when the
 * thread is gone. */
int vssimModelCaller(vssimModel *m, const vssimCall *call, vssimCaller *caller);
/* Whether @caller has capability @cap, as its context lets it. */
bool vssimModelCapable(const vssimCaller *caller, int cap);

vssimContext *vssimModelLookup(vssimModel *m, uint32_t xid);
/* Creates context @xid (VS_XID_DYNAMIC: a free dynamic one); -EEXIST,
 * -EINVAL, -EAGAIN. */
long vssimModelCreate(vssimModel *m, uint32_t xid, uint64_t flags, bool explicit,
                      vssimContext **ctx);
void vssimModelDestroy(vssimModel *m, vssimContext *ctx);
/* Moves process @pid into @ctx. */
long vssimModelJoin(vssimModel *m, vssimContext *ctx, pid_t pid);
/* The context's processes (and counts what is new, for nr_forks). */
GArray *vssimModelTasks(vssimModel *m, vssimContext *ctx);

/* Limit @id to @soft/@hard (VS_CRLIM_INFINITY: none), enforced where the
 * simulator can. */
long vssimModelSetLimit(vssimModel *m, vssimContext *ctx, unsigned int id,
                        uint64_t soft, uint64_t hard);
/* Recomputes the task limit (NPROC, and the 2003 stop-create flag). */
long vssimModelApplyNproc(vssimModel *m, vssimContext *ctx);
long vssimModelSetPaused(vssimModel *m, vssimContext *ctx, bool paused);
bool vssimModelPaused(const vssimContext *ctx);

/* Signals: every process (but pid 1, and with @spareInit the init); sets
 * @count; -ESRCH when there was none. */
long vssimModelKillAll(vssimModel *m, vssimContext *ctx, int sig, bool spareInit,
                       unsigned int *count);

/* Keeps @call waiting until @ctx is gone (wait_exit). */
void vssimModelWait(vssimModel *m, const vssimCall *call, vssimContext *ctx);
bool vssimModelHasWaiters(const vssimModel *m);
/* How many wait for @xid: each holds a reference on the context. */
unsigned int vssimModelWaitersOf(const vssimModel *m, uint32_t xid);
/* Removes contexts that ended and answers who waits for them. */
void vssimModelTick(vssimModel *m);
/* COMMAND is done: kills what is left, answers every waiter. */
void vssimModelShutdown(vssimModel *m);

vssimNet *vssimModelNetLookup(vssimModel *m, uint32_t nid);
vssimNet *vssimModelNetCreate(vssimModel *m, uint32_t nid, uint64_t flags);
void vssimModelNetJoin(vssimModel *m, vssimNet *net, pid_t pid);

/* Adds @addr to @addrs unless it is there (-EEXIST); removes a matching
 * one (-ESRCH when none). */
long vssimAddrAdd(GArray *addrs, const vssimAddr *addr);
long vssimAddrRemove(GArray *addrs, const vssimAddr *addr);

/* the V2 and 2003 front ends: the answer, or VSSIM_DEFERRED */
# define VSSIM_DEFERRED LONG_MIN
long vssimV2Handle(vssimModel *m, const vssimCall *call);
long vssim2003Handle(vssimModel *m, const vssimCall *call);
/* Whether a name given to --without is a command of that ABI. */
bool vssimV2Knows(const char *name);
bool vssim2003Knows(const char *name);
/* The names, for --help. */
char *vssimV2Names(void);
char *vssim2003Names(void);

#endif /* VSSIM_MODEL_H */
