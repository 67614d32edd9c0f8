/*
 * lve_params.c: the generic tunables of LVE domains, as typed parameters
 *
 *   scheduler (type "lve")  speed            uint, % of one core (0: unlimited)
 *   memory                  hard_limit       pmem, KiB
 *                           swap_hard_limit  vmem, KiB
 *                           soft_limit       always unlimited: an LVE has none
 *   blkio                   io               uint, KB/s
 *                           iops             uint
 *
 * Reads give the limits in force: the domain's own, or the host default
 * for those it does not set.
 */
#include "internal.h"

#include "lve_domain.h"
#include "lve_private.h"
#include "lve_tune.h"
#include "virerror.h"
#include "virtypedparam.h"

#define VIR_FROM_THIS VIR_FROM_DOMAIN

#define LVE_GET_FLAGS \
    (VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG | VIR_TYPED_PARAM_STRING_OKAY)

/* The limits in force for the definition a Get with @flags means. */
static int
lveDomainReadLimits(virDomainPtr dom, unsigned int flags, lveLimits *lim)
{
    lveDriver *driver = lveDriverFromConn(dom->conn);
    virDomainObj *obj = virDomainDriverObjFromDomain(dom);
    virDomainDef *def;
    int ret = -1;

    if (!obj)
        return -1;
    if ((def = virDomainObjGetOneDef(obj, flags & ~VIR_TYPED_PARAM_STRING_OKAY))) {
        lveDomainEffective(driver, def, lim);
        ret = 0;
    }
    virDomainObjEndAPI(&obj);
    return ret;
}

/* Sets limit @which to @value in @def, after checking it. */
static int
lveDomainSetLimitDef(virDomainDef *def, lveLimit which, unsigned long long value)
{
    lveLimits *lim = lveDefLimits(def);

    if (lveLimitCheck(which, value, def->name) < 0)
        return -1;
    lim->value[which] = value;
    lim->set |= LVE_BIT(which);
    return 0;
}

/* Applies (limit, value) pairs to each definition of a change. */
static int
lveDomainSetLimits(virDomainPtr dom, unsigned int flags, const lveLimit *which,
                   const unsigned long long *values, size_t n)
{
    lveDriver *driver = lveDriverFromConn(dom->conn);
    virDomainDef *live, *pers;
    virDomainObj *obj;
    unsigned int mask = 0;
    size_t i;
    int rc = 0;

    if (!(obj = lveDomainBeginChange(dom, flags, &live, &pers)))
        return -1;
    for (i = 0; i < n && rc == 0; i++) {
        mask |= LVE_BIT(which[i]);
        if ((live && lveDomainSetLimitDef(live, which[i], values[i]) < 0) ||
            (pers && lveDomainSetLimitDef(pers, which[i], values[i]) < 0))
            rc = -1;
    }
    return lveDomainEndChange(driver, &obj, live, pers, mask, rc);
}

/* Gives @n uint parameters, or their number when *@nparams is 0. */
static int
lveDomainGetUIntParams(virDomainPtr dom, unsigned int flags, const char *const *names,
                       const lveLimit *which, int n, virTypedParameterPtr params, int *nparams)
{
    lveLimits lim;
    int i;

    if (*nparams == 0) {
        *nparams = n;
        return 0;
    }
    if (lveDomainReadLimits(dom, flags, &lim) < 0)
        return -1;
    for (i = 0; i < n && i < *nparams; i++)
        virTypedParamSetUInt(&params[i], names[i], lim.value[which[i]]);
    *nparams = i;
    return 0;
}

/* Sets the uint parameters named in @names. */
static int
lveDomainSetUIntParams(virDomainPtr dom, unsigned int flags, const virTypedParamSpec *specs,
                       const lveLimit *which, size_t nspecs, virTypedParameterPtr params,
                       int nparams)
{
    g_autofree lveLimit *limits = g_new0(lveLimit, nparams);
    g_autofree unsigned long long *values = g_new0(unsigned long long, nparams);
    int i;
    size_t j;

    if (virTypedParamsCheck(params, nparams, specs, nspecs) < 0)
        return -1;
    for (i = 0; i < nparams; i++) {
        for (j = 0; j < nspecs && STRNEQ(specs[j].name, params[i].field); j++)
            ;
        limits[i] = which[j];
        values[i] = params[i].value.ui;
    }
    return lveDomainSetLimits(dom, flags, limits, values, nparams);
}

/* ---- scheduler: speed ---------------------------------------------- */

char *
lveDomainGetSchedulerType(virDomainPtr dom G_GNUC_UNUSED, int *nparams)
{
    if (nparams)
        *nparams = 1;
    return g_strdup("lve");
}

static const char *const lveSchedNames[] = { LVE_PARAM_SPEED };
static const lveLimit lveSchedLimits[] = { LVE_LIMIT_SPEED };

int
lveDomainGetSchedulerParametersFlags(virDomainPtr dom, virTypedParameterPtr params,
                                     int *nparams, unsigned int flags)
{
    virCheckFlags(LVE_GET_FLAGS, -1);
    return lveDomainGetUIntParams(dom, flags, lveSchedNames, lveSchedLimits, 1, params, nparams);
}

int
lveDomainSetSchedulerParametersFlags(virDomainPtr dom, virTypedParameterPtr params,
                                     int nparams, unsigned int flags)
{
    static const virTypedParamSpec specs[] = { { LVE_PARAM_SPEED, VIR_TYPED_PARAM_UINT } };

    virCheckFlags(VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG, -1);
    return lveDomainSetUIntParams(dom, flags, specs, lveSchedLimits, 1, params, nparams);
}

/* ---- blkio: io and iops -------------------------------------------- */

static const char *const lveBlkioNames[] = { LVE_PARAM_IO, LVE_PARAM_IOPS };
static const lveLimit lveBlkioLimits[] = { LVE_LIMIT_IO, LVE_LIMIT_IOPS };

int
lveDomainGetBlkioParameters(virDomainPtr dom, virTypedParameterPtr params, int *nparams,
                            unsigned int flags)
{
    virCheckFlags(LVE_GET_FLAGS, -1);
    return lveDomainGetUIntParams(dom, flags, lveBlkioNames, lveBlkioLimits, 2, params, nparams);
}

int
lveDomainSetBlkioParameters(virDomainPtr dom, virTypedParameterPtr params, int nparams,
                            unsigned int flags)
{
    static const virTypedParamSpec specs[] = {
        { LVE_PARAM_IO, VIR_TYPED_PARAM_UINT },
        { LVE_PARAM_IOPS, VIR_TYPED_PARAM_UINT },
    };

    virCheckFlags(VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG, -1);
    return lveDomainSetUIntParams(dom, flags, specs, lveBlkioLimits, 2, params, nparams);
}

/* ---- memory: pmem and vmem ----------------------------------------- */

static unsigned long long
lveMemtuneValue(unsigned long long kib)
{
    return kib ? kib : VIR_DOMAIN_MEMORY_PARAM_UNLIMITED;
}

int
lveDomainGetMemoryParameters(virDomainPtr dom, virTypedParameterPtr params, int *nparams,
                             unsigned int flags)
{
    lveLimits lim;
    unsigned long long values[3];
    const char *names[] = { VIR_DOMAIN_MEMORY_HARD_LIMIT, VIR_DOMAIN_MEMORY_SOFT_LIMIT,
                            VIR_DOMAIN_MEMORY_SWAP_HARD_LIMIT };
    int i;

    virCheckFlags(LVE_GET_FLAGS, -1);
    if (*nparams == 0) {
        *nparams = G_N_ELEMENTS(names);
        return 0;
    }
    if (lveDomainReadLimits(dom, flags, &lim) < 0)
        return -1;
    values[0] = lveMemtuneValue(lim.value[LVE_LIMIT_PMEM]);
    values[1] = VIR_DOMAIN_MEMORY_PARAM_UNLIMITED;
    values[2] = lveMemtuneValue(lim.value[LVE_LIMIT_VMEM]);
    for (i = 0; i < (int)G_N_ELEMENTS(names) && i < *nparams; i++)
        virTypedParamSetULLong(&params[i], names[i], values[i]);
    *nparams = i;
    return 0;
}

/* pmem is the current memory; unlimited gives the domain its maximum. */
static int
lveDomainSetPmemDef(virDomainDef *def, unsigned long long kib)
{
    if (kib > def->maxMemory) {
        virReportError(VIR_ERR_INVALID_ARG,
                       _("hard_limit (pmem) of domain '%s' cannot be %llu KiB: its maximum is %llu KiB"),
                       def->name, kib, def->maxMemory);
        return -1;
    }
    if (lveDomainSetLimitDef(def, LVE_LIMIT_PMEM, kib) < 0)
        return -1;
    def->curMemory = kib ? kib : def->maxMemory;
    return 0;
}

static int
lveDomainApplyMemtune(virDomainDef *def, const virTypedParameter *params, int nparams)
{
    int i;

    for (i = 0; i < nparams; i++) {
        unsigned long long v = params[i].value.ul;
        unsigned long long kib = v >= VIR_DOMAIN_MEMORY_PARAM_UNLIMITED ? 0 : v;

        if (STREQ(params[i].field, VIR_DOMAIN_MEMORY_HARD_LIMIT)) {
            if (lveDomainSetPmemDef(def, kib) < 0)
                return -1;
        } else if (STREQ(params[i].field, VIR_DOMAIN_MEMORY_SWAP_HARD_LIMIT)) {
            if (lveDomainSetLimitDef(def, LVE_LIMIT_VMEM, kib) < 0)
                return -1;
        } else if (kib) {
            virReportError(VIR_ERR_ARGUMENT_UNSUPPORTED,
                           _("an LVE has no %s: its memory limits are hard_limit (pmem) and swap_hard_limit (vmem)"),
                           params[i].field);
            return -1;
        }
    }
    return 0;
}

int
lveDomainSetMemoryParameters(virDomainPtr dom, virTypedParameterPtr params, int nparams,
                             unsigned int flags)
{
    static const virTypedParamSpec specs[] = {
        { VIR_DOMAIN_MEMORY_HARD_LIMIT, VIR_TYPED_PARAM_ULLONG },
        { VIR_DOMAIN_MEMORY_SOFT_LIMIT, VIR_TYPED_PARAM_ULLONG },
        { VIR_DOMAIN_MEMORY_SWAP_HARD_LIMIT, VIR_TYPED_PARAM_ULLONG },
        { VIR_DOMAIN_MEMORY_MIN_GUARANTEE, VIR_TYPED_PARAM_ULLONG },
    };
    lveDriver *driver = lveDriverFromConn(dom->conn);
    virDomainDef *live, *pers;
    virDomainObj *obj;
    int rc = 0;

    virCheckFlags(VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG, -1);
    if (virTypedParamsCheck(params, nparams, specs, G_N_ELEMENTS(specs)) < 0)
        return -1;
    if (!(obj = lveDomainBeginChange(dom, flags, &live, &pers)))
        return -1;
    if ((live && lveDomainApplyMemtune(live, params, nparams) < 0) ||
        (pers && lveDomainApplyMemtune(pers, params, nparams) < 0))
        rc = -1;
    return lveDomainEndChange(driver, &obj, live, pers,
                              LVE_BIT(LVE_LIMIT_PMEM) | LVE_BIT(LVE_LIMIT_VMEM), rc);
}
