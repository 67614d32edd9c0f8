/*
 * lve_params.c: the generic tunables of LVE domains, as typed parameters
 *
 *   scheduler (type "lve")  speed            uint, % of one core (0: unlimited);
 *                                            set also as a string the XML takes
 *                                            ("150%", "2GHz")
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

#include "domain_update.h"
#include "lve_conf.h"
#include "lve_params.h"
#include "lve_run.h"
#include "virerror.h"
#include "virtypedparam.h"

#define VIR_FROM_THIS VIR_FROM_LVE

#define LVE_GET_FLAGS \
    (VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG | VIR_TYPED_PARAM_STRING_OKAY)

/* The limits in force for the definition a Get with @flags means. */
static int
lveDomainReadLimits(virDomainPtr dom, unsigned int flags, lveLimits *lim)
{
    lveDriver *driver = lveDriverFromConn(dom->conn);
    virDomainObj *obj = virDomainDriverGetObj(dom);
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

/* Limits to set, each already checked. */
typedef struct {
    const lveLimit *which;
    const unsigned long long *values;
    size_t n;
} lveLimitsChange;

static void
lveDomainApplyLimits(virDomainDriverBase *base G_GNUC_UNUSED, virDomainDef *def,
                     bool live G_GNUC_UNUSED, const void *arg)
{
    const lveLimitsChange *c = arg;
    lveLimits *lim = lveDefLimits(def);
    size_t i;

    for (i = 0; i < c->n; i++) {
        lim->value[c->which[i]] = c->values[i];
        lim->set |= LVE_BIT(c->which[i]);
    }
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

/* Sets the uint parameters named in @specs: limits @which of @change. */
static int
lveDomainSetUIntParams(virDomainPtr dom, unsigned int flags, virDomainDriverChange change,
                       const virTypedParamSpec *specs, const lveLimit *which, size_t nspecs,
                       virTypedParameterPtr params, int nparams)
{
    g_autofree lveLimit *limits = g_new0(lveLimit, nparams);
    g_autofree unsigned long long *values = g_new0(unsigned long long, nparams);
    lveLimitsChange c = { limits, values, nparams };
    virDomainDriverEdit edit = { change, NULL, lveDomainApplyLimits };
    int i;
    size_t j;

    if (virTypedParamsCheck(params, nparams, specs, nspecs) < 0)
        return -1;
    for (i = 0; i < nparams; i++) {
        for (j = 0; j < nspecs && STRNEQ(specs[j].name, params[i].field); j++)
            ;
        limits[i] = which[j];
        values[i] = params[i].value.ui;
        if (lveLimitCheck(limits[i], values[i], dom->name) < 0)
            return -1;
    }
    return virDomainDriverUpdate(dom, flags, &edit, &c);
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

/* speed is a uint (% of one core) or a string in any form the XML takes
 * ("150%", "2GHz"): @out gets @params with each such string read as the
 * XML reads it. */
static int
lveSchedReadSpeeds(const virTypedParameter *params, int nparams, virTypedParameter *out)
{
    int i;

    if (nparams > 0)
        memcpy(out, params, sizeof(*params) * nparams);
    for (i = 0; i < nparams; i++) {
        unsigned long long speed;

        if (params[i].type != VIR_TYPED_PARAM_STRING || !params[i].value.s ||
            STRNEQ(params[i].field, LVE_PARAM_SPEED))
            continue;
        if (lveLimitParse(LVE_LIMIT_SPEED, params[i].value.s, &speed) < 0) {
            /* the XML's words, without "XML error": this is an argument */
            virErrorPtr err = virGetLastError();

            if (err && err->code == VIR_ERR_XML_ERROR && err->str1) {
                g_autofree char *msg = g_strdup(err->str1);

                virReportError(VIR_ERR_INVALID_ARG, "%s", msg);
            }
            return -1;
        }
        /* the largest speed (100% of 8192 CPUs) is a uint; the string
         * stays the caller's: the copy only gets the value */
        virTypedParamSetUInt(&out[i], LVE_PARAM_SPEED, speed);
    }
    return 0;
}

int
lveDomainSetSchedulerParametersFlags(virDomainPtr dom, virTypedParameterPtr params,
                                     int nparams, unsigned int flags)
{
    static const virTypedParamSpec specs[] = { { LVE_PARAM_SPEED, VIR_TYPED_PARAM_UINT } };
    g_autofree virTypedParameter *read = g_new0(virTypedParameter, MAX(nparams, 1));

    virCheckFlags(VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG, -1);
    if (lveSchedReadSpeeds(params, nparams, read) < 0)
        return -1;
    return lveDomainSetUIntParams(dom, flags, VIR_DOMAIN_DRIVER_CHANGE_SCHED, specs,
                                  lveSchedLimits, 1, read, nparams);
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
    return lveDomainSetUIntParams(dom, flags, VIR_DOMAIN_DRIVER_CHANGE_BLKIO, specs,
                                  lveBlkioLimits, 2, params, nparams);
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

/* What a memtune change sets: KiB, 0 for unlimited. */
static unsigned long long
lveMemtuneKiB(const virTypedParameter *param)
{
    return param->value.ul >= VIR_DOMAIN_MEMORY_PARAM_UNLIMITED ? 0 : param->value.ul;
}

/* hard_limit is pmem, swap_hard_limit vmem; an LVE has no other. */
static int
lveDomainCheckMemtuneParams(const virTypedParameter *params, int nparams, const char *name)
{
    int i;

    for (i = 0; i < nparams; i++) {
        unsigned long long kib = lveMemtuneKiB(&params[i]);

        if (STREQ(params[i].field, VIR_DOMAIN_MEMORY_HARD_LIMIT)) {
            if (lveLimitCheck(LVE_LIMIT_PMEM, kib, name) < 0)
                return -1;
        } else if (STREQ(params[i].field, VIR_DOMAIN_MEMORY_SWAP_HARD_LIMIT)) {
            if (lveLimitCheck(LVE_LIMIT_VMEM, kib, name) < 0)
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

typedef struct {
    const virTypedParameter *params;
    int nparams;
} lveMemtuneChange;

/* pmem is the current memory: it cannot exceed the maximum. */
static int
lveDomainCheckMemtune(virDomainDriverBase *base G_GNUC_UNUSED, const virDomainDef *def,
                      bool live G_GNUC_UNUSED, const void *arg)
{
    const lveMemtuneChange *c = arg;
    int i;

    for (i = 0; i < c->nparams; i++) {
        unsigned long long kib = lveMemtuneKiB(&c->params[i]);

        if (STREQ(c->params[i].field, VIR_DOMAIN_MEMORY_HARD_LIMIT) && kib > def->maxMemory) {
            virReportError(VIR_ERR_INVALID_ARG,
                           _("hard_limit (pmem) of domain '%s' cannot be %llu KiB: its maximum is %llu KiB"),
                           def->name, kib, def->maxMemory);
            return -1;
        }
    }
    return 0;
}

/* Unlimited pmem gives the domain its maximum as current memory. */
static void
lveDomainApplyMemtune(virDomainDriverBase *base G_GNUC_UNUSED, virDomainDef *def,
                      bool live G_GNUC_UNUSED, const void *arg)
{
    const lveMemtuneChange *c = arg;
    lveLimits *lim = lveDefLimits(def);
    int i;

    for (i = 0; i < c->nparams; i++) {
        unsigned long long kib = lveMemtuneKiB(&c->params[i]);

        if (STREQ(c->params[i].field, VIR_DOMAIN_MEMORY_HARD_LIMIT)) {
            lim->value[LVE_LIMIT_PMEM] = kib;
            lim->set |= LVE_BIT(LVE_LIMIT_PMEM);
            def->curMemory = kib ? kib : def->maxMemory;
        } else if (STREQ(c->params[i].field, VIR_DOMAIN_MEMORY_SWAP_HARD_LIMIT)) {
            lim->value[LVE_LIMIT_VMEM] = kib;
            lim->set |= LVE_BIT(LVE_LIMIT_VMEM);
        }
    }
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
    static const virDomainDriverEdit edit = {
        VIR_DOMAIN_DRIVER_CHANGE_MEMTUNE, lveDomainCheckMemtune, lveDomainApplyMemtune,
    };
    lveMemtuneChange c = { params, nparams };

    virCheckFlags(VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG, -1);
    if (virTypedParamsCheck(params, nparams, specs, G_N_ELEMENTS(specs)) < 0 ||
        lveDomainCheckMemtuneParams(params, nparams, dom->name) < 0)
        return -1;
    return virDomainDriverUpdate(dom, flags, &edit, &c);
}
