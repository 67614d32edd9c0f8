/*
 * vserver_tune.c: what a change to a domain means for its context, and
 * the scheduler and memory tunables as typed parameters
 *
 * Changes go through the shared transaction (virDomainDriverUpdate): the
 * definitions change on copies, these hooks keep the RSS limit in step
 * with the memory and refuse what the kernel cannot do, and a running
 * context gets the limits and scheduler values that differ
 * (vserver_setup.c).  Reads of a running context's scheduler ask the
 * kernel; the others read the definitions.
 */
#include "internal.h"

#include "domain_update.h"
#include "vserver_abi.h"
#include "vserver_conf.h"
#include "vserver_limits.h"
#include "vserver_setup.h"
#include "vserver_tune.h"
#include "virerror.h"
#include "virtypedparam.h"

#define VIR_FROM_THIS VIR_FROM_VSERVER

#define VSERVER_SCHED_TYPE "vserver"
#define VSERVER_IDLE_FIELDS (VS_VXSM_FILL_RATE2 | VS_VXSM_INTERVAL2)

/* ---- the hooks of the change transaction ----------------------------- */

int
vserverDomainHookCheckChange(virDomainDriverBase *base, const virDomainDef *def, bool live,
                             virDomainDriverChange change)
{
    vserverDriver *driver = vserverDriverFromBase(base);
    const char *sched = vserverCmdName(vserverBindingGetAbi(driver->binding),
                                       VSERVER_CMD_SCHED_SET, 0);

    if (change == VIR_DOMAIN_DRIVER_CHANGE_PIN) {
        virReportError(VIR_ERR_NO_SUPPORT,
                       _("domain '%s': the VServer kernel's scheduler ('%s') has no CPU mask for a context: its vcpus cannot be pinned"),
                       def->name, sched);
        return -1;
    }
    if (change == VIR_DOMAIN_DRIVER_CHANGE_VCPUS && live) {
        virReportError(VIR_ERR_NO_SUPPORT,
                       _("domain '%s': the VServer kernel's scheduler ('%s') has no CPU mask for a context: the vcpus of a running context cannot change (--config changes the next start's)"),
                       def->name, sched);
        return -1;
    }
    return 0;
}

void
vserverDomainHookSyncDef(virDomainDriverBase *base, virDomainDef *def,
                         virDomainDriverChange change)
{
    if (change & (VIR_DOMAIN_DRIVER_CHANGE_MEMORY | VIR_DOMAIN_DRIVER_CHANGE_MAXMEMORY |
                  VIR_DOMAIN_DRIVER_CHANGE_MEMTUNE))
        vserverDefSyncMemory(def, vserverDriverFromBase(base)->pageSize);
}

int
vserverDomainHookApplyLive(virDomainDriverBase *base, virDomainObj *obj,
                           const virDomainDef *from, const virDomainDef *to,
                           unsigned int changes G_GNUC_UNUSED)
{
    return vserverSetupChanges(vserverDriverFromBase(base), vserverDomainXid(obj), from, to);
}

/* ---- reading a definition ------------------------------------------ */

/* The definition a read with @flags means, as a copy; or, with *@live
 * set, NULL for a running domain read live. */
static virDomainDef *
vserverDomainReadDef(virDomainPtr dom, unsigned int flags, bool *live)
{
    virDomainObj *obj = virDomainDriverGetObj(dom);
    unsigned int impact = flags & (VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG);
    virDomainDef *def = NULL;

    if (!obj)
        return NULL;
    if (virDomainObjUpdateModificationImpact(obj, &impact) == 0)
        def = virDomainDefCopy(virDomainObjGetOneDef(obj, impact));
    if (live)
        *live = def && (impact & VIR_DOMAIN_AFFECT_LIVE);
    virDomainObjEndAPI(&obj);
    return def;
}

/* ---- the scheduler ------------------------------------------------- */

static unsigned int
vserverSchedFieldsOf(vserverDriver *driver)
{
    unsigned int mask = 0;
    size_t i;

    for (i = 0; i < vserverSchedFieldCount; i++)
        mask |= vserverSchedFields[i].mask;
    return vserverDriverIsV2(driver) ? mask : mask & ~VSERVER_IDLE_FIELDS;
}

char *
vserverDomainGetSchedulerType(virDomainPtr dom, int *nparams)
{
    vserverDriver *driver = vserverDriverFromConn(dom->conn);

    if (nparams)
        *nparams = __builtin_popcount(vserverSchedFieldsOf(driver));
    return g_strdup(VSERVER_SCHED_TYPE);
}

/* The kernel's values of the context's own bucket. */
static int
vserverDomainSchedNow(vserverDriver *driver, virDomainDef *def, vserverDefBucket *bucket)
{
    vserverSched sched = { .cpuId = -1, .bucketId = -1 };

    if (vserverSchedGet(driver->binding, def->fixedId, &sched) < 0)
        return -1;
    *bucket = (vserverDefBucket) {
        .cpu = -1, .has = vserverSchedFieldsOf(driver),
        .fillRate = sched.fillRate[0], .interval = sched.interval[0],
        .fillRate2 = sched.fillRate[1], .interval2 = sched.interval[1],
        .tokens = sched.tokens, .tokensMin = sched.tokensMin, .tokensMax = sched.tokensMax,
        .prioBias = sched.prioBias,
    };
    return 0;
}

int
vserverDomainGetSchedulerParametersFlags(virDomainPtr dom, virTypedParameterPtr params,
                                         int *nparams, unsigned int flags)
{
    vserverDriver *driver = vserverDriverFromConn(dom->conn);
    g_autoptr(virDomainDef) def = NULL;
    vserverDefBucket bucket;
    size_t i;
    int n = 0;
    bool live;

    virCheckFlags(VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG |
                  VIR_TYPED_PARAM_STRING_OKAY, -1);
    if (!(def = vserverDomainReadDef(dom, flags, &live)))
        return -1;
    if (live && vserverDomainSchedNow(driver, def, &bucket) < 0)
        return -1;
    if (!live)
        bucket = vserverDefNs(def)->sched;
    for (i = 0; i < vserverSchedFieldCount && n < *nparams; i++) {
        const vserverSchedField *f = &vserverSchedFields[i];
        int value = *vserverBucketField(&bucket, f->mask);

        if (!(bucket.has & f->mask))
            continue;
        virTypedParamSetUInt(&params[n], f->param, value);
        if (f->isSigned) {
            params[n].type = VIR_TYPED_PARAM_INT;
            params[n].value.i = value;
        }
        n++;
    }
    *nparams = n;
    return 0;
}


static const vserverSchedField *
vserverSchedFieldByParam(const char *name)
{
    size_t i;

    for (i = 0; i < vserverSchedFieldCount; i++) {
        if (STREQ(vserverSchedFields[i].param, name))
            return &vserverSchedFields[i];
    }
    return NULL;
}

static int
vserverDomainCheckSched(virDomainDriverBase *base, const virDomainDef *def,
                        bool live G_GNUC_UNUSED, const void *arg)
{
    const virDomainDriverParams *c = arg;
    unsigned int known = vserverSchedFieldsOf(vserverDriverFromBase(base));
    int i;

    for (i = 0; i < c->nparams; i++) {
        const vserverSchedField *f = vserverSchedFieldByParam(c->params[i].field);
        long long value = f->isSigned ? (long long)c->params[i].value.i :
                                        (long long)c->params[i].value.ui;

        if (!(known & f->mask)) {
            virReportError(VIR_ERR_NO_SUPPORT,
                           _("domain '%s': the VServer kernel's 2003 scheduler has no idle-time bucket (%s)"),
                           def->name, f->param);
            return -1;
        }
        if (vserverBucketCheck(f, value, def->name) < 0)
            return -1;
    }
    return 0;
}

static void
vserverDomainApplySched(virDomainDriverBase *base G_GNUC_UNUSED, virDomainDef *def,
                        bool live G_GNUC_UNUSED, const void *arg)
{
    const virDomainDriverParams *c = arg;
    vserverDefBucket *bucket = &vserverDefNs(def)->sched;
    int i;

    for (i = 0; i < c->nparams; i++) {
        const vserverSchedField *f = vserverSchedFieldByParam(c->params[i].field);

        *vserverBucketField(bucket, f->mask) = f->isSigned ? c->params[i].value.i :
                                                             (int)c->params[i].value.ui;
        bucket->has |= f->mask;
    }
}

int
vserverDomainSetSchedulerParametersFlags(virDomainPtr dom, virTypedParameterPtr params,
                                         int nparams, unsigned int flags)
{
    g_autofree virTypedParamSpec *specs = g_new0(virTypedParamSpec, vserverSchedFieldCount);
    static const virDomainDriverEdit edit = {
        VIR_DOMAIN_DRIVER_CHANGE_SCHED, vserverDomainCheckSched, vserverDomainApplySched,
    };
    virDomainDriverParams c = { params, nparams };
    size_t i;

    virCheckFlags(VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG, -1);
    for (i = 0; i < vserverSchedFieldCount; i++) {
        specs[i].name = vserverSchedFields[i].param;
        specs[i].type = vserverSchedFields[i].isSigned ? VIR_TYPED_PARAM_INT : VIR_TYPED_PARAM_UINT;
    }
    if (virTypedParamsCheck(params, nparams, specs, vserverSchedFieldCount) < 0)
        return -1;
    return virDomainDriverUpdate(dom, flags, &edit, &c);
}

/* ---- memory -------------------------------------------------------- */

/* KiB of a limit in pages; VIR_DOMAIN_MEMORY_PARAM_UNLIMITED for none. */
static unsigned long long
vserverMemtuneKiB(const vserverDefRlimit *lim, unsigned int has, unsigned long long pages,
                  long pageSize, unsigned long long unset)
{
    if (!(lim->has & has))
        return unset;
    if (pages == VSERVER_UNLIMITED)
        return VIR_DOMAIN_MEMORY_PARAM_UNLIMITED;
    return vserverPagesToKiB(pages, pageSize);
}

int
vserverDomainGetMemoryParameters(virDomainPtr dom, virTypedParameterPtr params, int *nparams,
                                 unsigned int flags)
{
    vserverDriver *driver = vserverDriverFromConn(dom->conn);
    const char *names[] = { VIR_DOMAIN_MEMORY_HARD_LIMIT, VIR_DOMAIN_MEMORY_SOFT_LIMIT,
                            VIR_DOMAIN_MEMORY_SWAP_HARD_LIMIT, VIR_DOMAIN_MEMORY_MIN_GUARANTEE };
    unsigned long long values[G_N_ELEMENTS(names)];
    g_autoptr(virDomainDef) def = NULL;
    const vserverDomainNs *ns;
    long ps = driver->pageSize;
    int i;

    virCheckFlags(VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG |
                  VIR_TYPED_PARAM_STRING_OKAY, -1);
    if (*nparams == 0) {
        *nparams = G_N_ELEMENTS(names);
        return 0;
    }
    if (!(def = vserverDomainReadDef(dom, flags, NULL)))
        return -1;
    ns = vserverDefNs(def);
    values[0] = def->curMemory;
    values[1] = vserverMemtuneKiB(&ns->rlimits[VSERVER_LIMIT_RSS], VSERVER_RLIM_HAS_SOFT,
                                  ns->rlimits[VSERVER_LIMIT_RSS].soft, ps,
                                  VIR_DOMAIN_MEMORY_PARAM_UNLIMITED);
    values[2] = vserverMemtuneKiB(&ns->rlimits[VSERVER_LIMIT_AS], VSERVER_RLIM_HAS_HARD,
                                  ns->rlimits[VSERVER_LIMIT_AS].hard, ps,
                                  VIR_DOMAIN_MEMORY_PARAM_UNLIMITED);
    values[3] = vserverMemtuneKiB(&ns->rlimits[VSERVER_LIMIT_RSS], VSERVER_RLIM_HAS_MIN,
                                  ns->rlimits[VSERVER_LIMIT_RSS].minimum, ps, 0);
    for (i = 0; i < (int)G_N_ELEMENTS(names) && i < *nparams; i++)
        virTypedParamSetULLong(&params[i], names[i], values[i]);
    *nparams = i;
    return 0;
}

/* A memtune value in pages: VSERVER_UNLIMITED for "unlimited". */
static unsigned long long
vserverMemtunePages(const virTypedParameter *param, long pageSize)
{
    if (param->value.ul >= VIR_DOMAIN_MEMORY_PARAM_UNLIMITED)
        return VSERVER_UNLIMITED;
    return vserverKiBToPages(param->value.ul, pageSize);
}

static int
vserverDomainCheckMemtune(virDomainDriverBase *base G_GNUC_UNUSED, const virDomainDef *def,
                          bool live G_GNUC_UNUSED, const void *arg)
{
    const virDomainDriverParams *c = arg;
    int i;

    for (i = 0; i < c->nparams; i++) {
        unsigned long long kib = c->params[i].value.ul;

        if (STRNEQ(c->params[i].field, VIR_DOMAIN_MEMORY_HARD_LIMIT))
            continue;
        if (kib >= VIR_DOMAIN_MEMORY_PARAM_UNLIMITED || kib == 0 || kib > def->maxMemory) {
            virReportError(VIR_ERR_INVALID_ARG,
                           _("hard_limit (the RSS limit, the current memory) of domain '%s' must be 1 to %llu KiB, its maximum"),
                           def->name, def->maxMemory);
            return -1;
        }
    }
    return 0;
}

static void
vserverDomainApplyMemtune(virDomainDriverBase *base, virDomainDef *def,
                          bool live G_GNUC_UNUSED, const void *arg)
{
    const virDomainDriverParams *c = arg;
    vserverDomainNs *ns = vserverDefNs(def);
    long ps = vserverDriverFromBase(base)->pageSize;
    int i;

    for (i = 0; i < c->nparams; i++) {
        const char *field = c->params[i].field;
        unsigned long long pages = vserverMemtunePages(&c->params[i], ps);
        vserverDefRlimit *rss = &ns->rlimits[VSERVER_LIMIT_RSS];

        if (STREQ(field, VIR_DOMAIN_MEMORY_HARD_LIMIT)) {
            def->curMemory = c->params[i].value.ul;
        } else if (STREQ(field, VIR_DOMAIN_MEMORY_SOFT_LIMIT)) {
            rss->soft = pages;
            rss->has |= VSERVER_RLIM_HAS_SOFT;
        } else if (STREQ(field, VIR_DOMAIN_MEMORY_SWAP_HARD_LIMIT)) {
            ns->rlimits[VSERVER_LIMIT_AS].hard = pages;
            ns->rlimits[VSERVER_LIMIT_AS].has |= VSERVER_RLIM_HAS_HARD;
        } else {
            rss->minimum = pages == VSERVER_UNLIMITED ? 0 : pages;
            rss->has |= VSERVER_RLIM_HAS_MIN;
        }
    }
}

int
vserverDomainSetMemoryParameters(virDomainPtr dom, virTypedParameterPtr params, int nparams,
                                 unsigned int flags)
{
    static const virDomainDriverEdit edit = {
        VIR_DOMAIN_DRIVER_CHANGE_MEMTUNE, vserverDomainCheckMemtune, vserverDomainApplyMemtune,
    };

    virCheckFlags(VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG, -1);
    return virDomainDriverSetMemtune(dom, params, nparams, flags, &edit);
}
