/*
 * vserver_context.h: the operations of the binding on contexts and their
 * processes: create, enter, destroy, state, signals, flags, capabilities,
 * names
 *
 * Each function encodes its request in the negotiated ABI (vserver_cmd.h
 * says which ABI has which), returns 0 (or what it documents) and -1 with
 * a vir error reported.  An operation the kernel lacks reports
 * VIR_ERR_NO_SUPPORT naming the kernel's command; an argument only the
 * other ABI can express reports VIR_ERR_ARGUMENT_UNSUPPORTED.
 */
#ifndef VIR_VSERVER_CONTEXT_H
# define VIR_VSERVER_CONTEXT_H

# include "internal.h"

# include "vserver_binding.h"

typedef struct {
    uint32_t xid;
    uint32_t initpid;               /* 0 when the context has no init */
} vserverContextInfo;

typedef struct {
    uint32_t usecnt;                /* references (2003: the processes) */
    uint32_t tasks;
} vserverContextStat;

typedef struct {
    uint64_t offsetNs;
    uint64_t uptimeNs;              /* since the context was created */
    uint32_t threads;
    uint32_t running;
    uint32_t uninterruptible;
    uint32_t onhold;                /* held back by the scheduler */
    uint32_t forks;
    uint32_t load[3];
} vserverVirtStat;

typedef struct {
    int32_t rebootCmd;
    int32_t exitCode;
} vserverExitInfo;

/**
 * vserverContextCreate:
 * @b: the binding
 * @xid: 2-49151, or VS_XID_DYNAMIC for one the kernel picks
 * @flags: the initial VS_VXF_* flags (VS_VXF_INIT_SET: in setup, with an
 *   init to come, administrable); the 2003 ABI keeps only VS_VXF_PERSISTENT
 * @newXid: set to the context's xid (may be NULL)
 *
 * Creates the context and moves the calling process into it, as a V2
 * kernel does (with the 2003 ABI: context.create, then process.migrate).
 * So a caller forks first: the child creates, sets up and execs the init.
 */
int vserverContextCreate(vserverBinding *b, uint32_t xid, uint64_t flags, uint32_t *newXid);

/* Moves the calling process into @xid, one way.  @flags: VS_VXM_SET_INIT
 * makes it the context's init (V2 only). */
int vserverContextMigrate(vserverBinding *b, uint32_t xid, uint64_t flags);

/* 2003: removes an empty context (V2 contexts go with their last task). */
int vserverContextDestroy(vserverBinding *b, uint32_t xid);

/* The context of process @pid (0: the caller; the 2003 ABI knows only
 * the caller's). */
int vserverTaskContext(vserverBinding *b, pid_t pid, uint32_t *xid);

int vserverContextGetInfo(vserverBinding *b, uint32_t xid, vserverContextInfo *info);
int vserverContextGetStat(vserverBinding *b, uint32_t xid, vserverContextStat *stat);
int vserverContextGetVirtStat(vserverBinding *b, uint32_t xid, vserverVirtStat *stat);

/* Sends @sig to the context: @pid 0 every process, -1 every one but the
 * init, 1 the init, else that process (2003: only 0). */
int vserverContextKill(vserverBinding *b, uint32_t xid, int pid, int sig);

/* Blocks until the context is gone (V2). */
int vserverContextWaitExit(vserverBinding *b, uint32_t xid, vserverExitInfo *info);

/* The VS_VXF_* flags; set changes the bits of @mask only (V2).  The STATE
 * flags can only be cleared. */
int vserverContextGetFlags(vserverBinding *b, uint32_t xid, uint64_t *flags);
int vserverContextSetFlags(vserverBinding *b, uint32_t xid, uint64_t flags, uint64_t mask);

/* Suspends (no CPU time at all) or resumes the context: V2 the
 * SCHED_PAUSE flag, 2003 the paused scheduling policy. */
int vserverContextSetPaused(vserverBinding *b, uint32_t xid, bool paused);
int vserverContextGetPaused(vserverBinding *b, uint32_t xid, bool *paused);

/* Context capabilities VS_VXC_* (V2), and the Linux capability bounding
 * set of the context's processes (both ABIs). */
int vserverContextGetCcaps(vserverBinding *b, uint32_t xid, uint64_t *ccaps);
int vserverContextSetCcaps(vserverBinding *b, uint32_t xid, uint64_t ccaps, uint64_t mask);
int vserverContextGetBcaps(vserverBinding *b, uint32_t xid, uint64_t *bcaps);
int vserverContextSetBcaps(vserverBinding *b, uint32_t xid, uint64_t bcaps, uint64_t mask);

/* UTS names (V2): @field is VS_VHIN_*; at most 64 bytes. */
int vserverContextGetName(vserverBinding *b, uint32_t xid, unsigned int field, char **name);
int vserverContextSetName(vserverBinding *b, uint32_t xid, unsigned int field, const char *name);

/* The OOM killer's bias for the context's processes (V2). */
int vserverContextGetBadness(vserverBinding *b, uint32_t xid, int64_t *bias);
int vserverContextSetBadness(vserverBinding *b, uint32_t xid, int64_t bias);

/* 2003: no new processes in the context while set. */
int vserverContextGetStopCreate(vserverBinding *b, uint32_t xid, bool *stop);
int vserverContextSetStopCreate(vserverBinding *b, uint32_t xid, bool stop);

#endif /* VIR_VSERVER_CONTEXT_H */
