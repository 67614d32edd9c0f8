/*
 * vserver_limits.c: limits, scheduler, disk limits and virtual root, in
 * either ABI
 */
#include "internal.h"

#include "vserver_abi.h"
#include "vserver_limits.h"
#include "virerror.h"

#define VIR_FROM_THIS VIR_FROM_VSERVER

#define NOLIMIT 0

/* the scheduler fields the 2003 policy has */
#define VSERVER_SCHED_2003_FIELDS \
    (VS_VXSM_FILL_RATE | VS_VXSM_INTERVAL | VS_VXSM_TOKENS | VS_VXSM_TOKENS_MIN | \
     VS_VXSM_TOKENS_MAX | VS_VXSM_PRIO_BIAS)

static bool
vserverIsV2(vserverBinding *b)
{
    return vserverBindingGetAbi(b) == VSERVER_ABI_V2;
}

static int
vserverLimitSet2003(vserverBinding *b, uint32_t xid, unsigned int limit,
                    const vserverRlimit *lim)
{
    struct vs03_value v03 = { .value = lim->hard };

    if (vserverBindingRequire(b, VSERVER_CMD_RLIMIT_SET, limit) < 0)
        return -1;
    if (lim->minimum != VSERVER_RLIM_UNSET && lim->minimum != VSERVER_RLIM_KEEP) {
        vserverBindingReportUnexpressible(b, VSERVER_CMD_RLIMIT_SET, limit, _("a minimum"));
        return -1;
    }
    if (lim->hard == VSERVER_RLIM_KEEP)
        v03.value = lim->soft;
    else if (lim->soft != VSERVER_RLIM_KEEP && lim->soft != lim->hard) {
        vserverBindingReportUnexpressible(b, VSERVER_CMD_RLIMIT_SET, limit,
                                          _("a soft limit other than the hard one"));
        return -1;
    }
    if (v03.value == VSERVER_RLIM_KEEP)
        return 0;
    return vserverBindingCall(b, VSERVER_CMD_RLIMIT_SET, limit, xid, &v03) < 0 ? -1 : 0;
}

int
vserverLimitSet(vserverBinding *b, uint32_t xid, unsigned int limit, const vserverRlimit *lim)
{
    struct vs_ctx_rlimit_v0 v2;

    if (!vserverIsV2(b))
        return vserverLimitSet2003(b, xid, limit, lim);
    /* the kernel reads the padding after the id too: no stack garbage */
    memset(&v2, 0, sizeof(v2));
    v2.id = limit;
    v2.minimum = lim->minimum;
    v2.softlimit = lim->soft;
    v2.maximum = lim->hard;
    return vserverBindingCall(b, VSERVER_CMD_RLIMIT_SET, limit, xid, &v2) < 0 ? -1 : 0;
}

int
vserverLimitGet(vserverBinding *b, uint32_t xid, unsigned int limit, vserverRlimit *lim)
{
    struct vs_ctx_rlimit_v0 v2;
    struct vs03_value v03 = { 0 };

    memset(&v2, 0, sizeof(v2));
    v2.id = limit;
    if (vserverIsV2(b)) {
        if (vserverBindingCall(b, VSERVER_CMD_RLIMIT_GET, limit, xid, &v2) < 0)
            return -1;
        lim->minimum = v2.minimum;
        lim->soft = v2.softlimit;
        lim->hard = v2.maximum;
        return 0;
    }
    if (vserverBindingCall(b, VSERVER_CMD_RLIMIT_GET, limit, xid, &v03) < 0)
        return -1;
    lim->minimum = VSERVER_RLIM_UNSET;
    lim->soft = v03.value;
    lim->hard = v03.value;
    return 0;
}

int
vserverLimitGetMask(vserverBinding *b, vserverRlimitMask *mask)
{
    struct vs_ctx_rlimit_mask_v0 v2 = { 0 };

    if (vserverBindingCall(b, VSERVER_CMD_RLIMIT_MASK, NOLIMIT, 0, &v2) < 0)
        return -1;
    mask->minimum = v2.minimum;
    mask->soft = v2.softlimit;
    mask->hard = v2.maximum;
    return 0;
}

static void
vserverSchedToV2(const vserverSched *sched, struct vs_sched_v5 *v2)
{
    v2->mask = sched->mask;
    v2->cpu_id = sched->cpuId;
    v2->bucket_id = sched->bucketId;
    memcpy(v2->fill_rate, sched->fillRate, sizeof(v2->fill_rate));
    memcpy(v2->interval, sched->interval, sizeof(v2->interval));
    v2->tokens = sched->tokens;
    v2->tokens_min = sched->tokensMin;
    v2->tokens_max = sched->tokensMax;
    v2->prio_bias = sched->prioBias;
}

static int
vserverSchedSet2003(vserverBinding *b, uint32_t xid, const vserverSched *sched)
{
    struct vs03_sched v03 = { 0 };

    if (sched->mask & ~VSERVER_SCHED_2003_FIELDS) {
        vserverBindingReportUnexpressible(b, VSERVER_CMD_SCHED_SET, NOLIMIT,
                                          _("per-CPU buckets or the idle-time bucket"));
        return -1;
    }
    if (sched->fillRate[0] < 0 || sched->interval[0] < 0 || sched->tokens < 0 ||
        sched->tokensMin < 0 || sched->tokensMax < 0) {
        virReportError(VIR_ERR_INVALID_ARG,
                       _("VServer context %u: the scheduler's rates and token counts cannot be negative"),
                       xid);
        return -1;
    }
    /* the policy is written whole: keep what the caller does not change */
    if (vserverBindingCall(b, VSERVER_CMD_SCHED_GET, NOLIMIT, xid, &v03) < 0)
        return -1;
    if (sched->mask & VS_VXSM_FILL_RATE)
        v03.fill_rate = sched->fillRate[0];
    if (sched->mask & VS_VXSM_INTERVAL)
        v03.interval = sched->interval[0];
    if (sched->mask & VS_VXSM_TOKENS)
        v03.tokens = sched->tokens;
    if (sched->mask & VS_VXSM_TOKENS_MIN)
        v03.tokens_min = sched->tokensMin;
    if (sched->mask & VS_VXSM_TOKENS_MAX)
        v03.tokens_max = sched->tokensMax;
    if (sched->mask & VS_VXSM_PRIO_BIAS)
        v03.prio_bias = sched->prioBias;
    return vserverBindingCall(b, VSERVER_CMD_SCHED_SET, NOLIMIT, xid, &v03) < 0 ? -1 : 0;
}

int
vserverSchedSet(vserverBinding *b, uint32_t xid, const vserverSched *sched)
{
    struct vs_sched_v5 v2 = { 0 };

    if (!vserverIsV2(b))
        return vserverSchedSet2003(b, xid, sched);
    vserverSchedToV2(sched, &v2);
    return vserverBindingCall(b, VSERVER_CMD_SCHED_SET, NOLIMIT, xid, &v2) < 0 ? -1 : 0;
}

int
vserverSchedGet(vserverBinding *b, uint32_t xid, vserverSched *sched)
{
    struct vs_sched_v5 v2 = { 0 };
    struct vs03_sched v03 = { 0 };

    if (vserverIsV2(b)) {
        vserverSchedToV2(sched, &v2);
        if (vserverBindingCall(b, VSERVER_CMD_SCHED_GET, NOLIMIT, xid, &v2) < 0)
            return -1;
        sched->mask = v2.mask;
        sched->cpuId = v2.cpu_id;
        sched->bucketId = v2.bucket_id;
        memcpy(sched->fillRate, v2.fill_rate, sizeof(sched->fillRate));
        memcpy(sched->interval, v2.interval, sizeof(sched->interval));
        sched->tokens = v2.tokens;
        sched->tokensMin = v2.tokens_min;
        sched->tokensMax = v2.tokens_max;
        sched->prioBias = v2.prio_bias;
        return 0;
    }
    if (vserverBindingCall(b, VSERVER_CMD_SCHED_GET, NOLIMIT, xid, &v03) < 0)
        return -1;
    memset(sched, 0, sizeof(*sched));
    sched->mask = VSERVER_SCHED_2003_FIELDS;
    sched->cpuId = -1;
    sched->bucketId = -1;
    sched->fillRate[0] = v03.fill_rate;
    sched->interval[0] = v03.interval;
    sched->tokens = v03.tokens;
    sched->tokensMin = v03.tokens_min;
    sched->tokensMax = v03.tokens_max;
    sched->prioBias = v03.prio_bias;
    return 0;
}

int
vserverCpuLimitSet(vserverBinding *b, uint32_t xid, bool max, uint64_t percent)
{
    struct vs03_value v03 = { .value = percent };

    return vserverBindingCall(b, max ? VSERVER_CMD_CPU_MAX_SET : VSERVER_CMD_CPU_MIN_SET,
                              NOLIMIT, xid, &v03) < 0 ? -1 : 0;
}

int
vserverCpuLimitGet(vserverBinding *b, uint32_t xid, bool max, uint64_t *percent)
{
    struct vs03_value v03 = { 0 };

    if (vserverBindingCall(b, max ? VSERVER_CMD_CPU_MAX_GET : VSERVER_CMD_CPU_MIN_GET,
                           NOLIMIT, xid, &v03) < 0)
        return -1;
    *percent = v03.value;
    return 0;
}

int
vserverDiskLimitSet(vserverBinding *b, uint32_t xid, uint64_t spaceKiB, uint64_t inodes)
{
    struct vs03_disk_limit v03 = { .space_kib = spaceKiB, .inodes = inodes };

    return vserverBindingCall(b, VSERVER_CMD_DISK_LIMIT_SET, NOLIMIT, xid, &v03) < 0 ? -1 : 0;
}

int
vserverDiskLimitGet(vserverBinding *b, uint32_t xid, uint64_t *spaceKiB, uint64_t *inodes)
{
    struct vs03_disk_limit v03 = { 0 };

    if (vserverBindingCall(b, VSERVER_CMD_DISK_LIMIT_GET, NOLIMIT, xid, &v03) < 0)
        return -1;
    *spaceKiB = v03.space_kib;
    *inodes = v03.inodes;
    return 0;
}

int
vserverVRootSet(vserverBinding *b, uint32_t xid, const char *path)
{
    struct vs03_path v03 = { .path = (uintptr_t)path, .len = strlen(path) };

    return vserverBindingCall(b, VSERVER_CMD_VROOT_SET, NOLIMIT, xid, &v03) < 0 ? -1 : 0;
}
