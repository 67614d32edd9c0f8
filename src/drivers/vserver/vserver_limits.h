/*
 * vserver_limits.h: the operations of the binding on a context's limits:
 * resource limits, the CPU scheduler, disk limits and the virtual root
 *
 * Conventions as in vserver_context.h: 0 on success, -1 with a vir error.
 */
#ifndef VIR_VSERVER_LIMITS_H
# define VIR_VSERVER_LIMITS_H

# include "internal.h"

# include "vserver_binding.h"

# define VSERVER_RLIM_UNSET 0ULL
# define VSERVER_RLIM_INFINITY (~0ULL)
# define VSERVER_RLIM_KEEP (~1ULL)      /* set: leave this value as it is */

/* A limit of the context as a whole; memory limits count pages. */
typedef struct {
    uint64_t minimum;
    uint64_t soft;
    uint64_t hard;
} vserverRlimit;

/* Which limit ids (bits 1 << id) take a minimum, a soft limit, a hard one. */
typedef struct {
    uint32_t minimum;
    uint32_t soft;
    uint32_t hard;
} vserverRlimitMask;

/* The token-bucket scheduler: every @interval ticks @fillRate tokens are
 * added, up to @tokensMax; a context runs while it has tokens and is held
 * back below @tokensMin.  Index 1 is the idle-time bucket.  @mask says
 * which fields are meant (VS_VXSM_*); @cpuId and @bucketId pick a per-CPU
 * bucket with VS_VXSM_CPU_ID / VS_VXSM_BUCKET_ID. */
typedef struct {
    uint32_t mask;
    int32_t cpuId;
    int32_t bucketId;
    int32_t fillRate[2];
    int32_t interval[2];
    int32_t tokens;
    int32_t tokensMin;
    int32_t tokensMax;
    int32_t prioBias;
} vserverSched;

/**
 * vserverLimitSet:
 * @b: the binding
 * @xid: the context
 * @limit: VS_RLIMIT_* or VS_VLIMIT_*
 * @lim: the values; VSERVER_RLIM_KEEP leaves one as it is
 *
 * V2: set_rlimit.  The 2003 ABI has a command for NPROC (max processes),
 * AS and RSS (max total and resident memory), NOFILE (file handles) and
 * NSOCK (established TCP sockets), with a single value: the soft limit
 * must then equal the hard one (or be KEEP).
 */
int vserverLimitSet(vserverBinding *b, uint32_t xid, unsigned int limit,
                    const vserverRlimit *lim);
int vserverLimitGet(vserverBinding *b, uint32_t xid, unsigned int limit, vserverRlimit *lim);
int vserverLimitGetMask(vserverBinding *b, vserverRlimitMask *mask);

/* V2: set_sched / get_sched.  2003: context.sched_policy, which has one
 * bucket and no idle time.  For get, @sched->mask, cpuId and bucketId
 * say which bucket. */
int vserverSchedSet(vserverBinding *b, uint32_t xid, const vserverSched *sched);
int vserverSchedGet(vserverBinding *b, uint32_t xid, vserverSched *sched);

/* 2003: the CPU time of the context, in percent of one CPU: a cap
 * (@max) or a guarantee; VSERVER_RLIM_INFINITY for none. */
int vserverCpuLimitSet(vserverBinding *b, uint32_t xid, bool max, uint64_t percent);
int vserverCpuLimitGet(vserverBinding *b, uint32_t xid, bool max, uint64_t *percent);

/* 2003: the context's disk space (KiB) and inodes; VSERVER_RLIM_INFINITY
 * for none. */
int vserverDiskLimitSet(vserverBinding *b, uint32_t xid, uint64_t spaceKiB, uint64_t inodes);
int vserverDiskLimitGet(vserverBinding *b, uint32_t xid, uint64_t *spaceKiB, uint64_t *inodes);

/* 2003: the directory the context's processes see as /. */
int vserverVRootSet(vserverBinding *b, uint32_t xid, const char *path);

#endif /* VIR_VSERVER_LIMITS_H */
