/*
 * test_tune.c: where the test driver's vcpus run, its tunables and memory statistics
 *
 * The scheduler is libvirt's test driver's "fair" one (a weight); memory
 * and block I/O tunables are kept as libvirt's <memtune> and <blkiotune>.
 * Changes go through the shared transaction (virDomainDriverUpdate).
 */
#include "internal.h"

#include "domain_order.h"
#include "domain_stats.h"
#include "domain_tune.h"
#include "domain_update.h"
#include "test_domain.h"
#include "test_tune.h"
#include "virerror.h"
#include "virtypedparam.h"

#define VIR_FROM_THIS VIR_FROM_TEST

#define TEST_SCHED_WEIGHT_DEFAULT 50

static void
testDomainFillCpumap(testDriver *driver, const virDomainDef *def, unsigned int vcpu,
                     unsigned char *cpumap, int maplen)
{
    virDomainDefGetVcpuCpumap(def, vcpu, driver->base.hostcpus, cpumap, maplen);
}

/* The host CPU a running vcpu is on: the model puts it on the last CPU it
 * may use, as libvirt's test driver does. */
static int
testDomainVcpuHostCpu(testDriver *driver, const virDomainDef *def, unsigned int vcpu)
{
    const virBitmap *pin = virDomainDefGetVcpuPin(def, vcpu);

    return pin ? virBitmapLastSetBit(pin) : (int)driver->base.hostcpus - 1;
}

int
testDomainGetVcpus(virDomainPtr dom, virVcpuInfoPtr info, int maxinfo, unsigned char *cpumaps,
                   int maplen)
{
    testDriver *driver = testDriverFromConn(dom->conn);
    virDomainObj *obj;
    guint64 ns;
    int i, n = -1;

    if (virDomainDriverCheckMaplen(&driver->base, maplen) < 0 || !(obj = virDomainDriverGetObj(dom)))
        return -1;
    if (!virDomainObjIsActive(obj)) {
        virReportError(VIR_ERR_OPERATION_INVALID,
                       _("cannot list the vcpus of domain '%s': it is not running"), obj->def->name);
        goto cleanup;
    }
    ns = testDomainCpuTimeNs(obj);
    n = MIN(maxinfo, (int)obj->def->vcpus);
    for (i = 0; i < n; i++) {
        info[i].number = i;
        info[i].state = obj->state == VIR_DOMAIN_PAUSED ? VIR_VCPU_BLOCKED : VIR_VCPU_RUNNING;
        info[i].cpuTime = ns;
        info[i].cpu = testDomainVcpuHostCpu(driver, obj->def, i);
        if (cpumaps)
            testDomainFillCpumap(driver, obj->def, i, VIR_GET_CPUMAP(cpumaps, maplen, i), maplen);
    }
 cleanup:
    virDomainObjEndAPI(&obj);
    return n;
}

/* Per host CPU: the time of the vcpus placed on it; in total: all of it,
 * counted as user time (the model has no system time). */
int
testDomainGetCPUStats(virDomainPtr dom, virTypedParameterPtr params, unsigned int nparams,
                      int start_cpu, unsigned int ncpus, unsigned int flags)
{
    testDriver *driver = testDriverFromConn(dom->conn);
    virDomainObj *obj;
    guint64 ns;
    unsigned int c, v;
    int ret = -1;

    virCheckFlags(0, -1);
    if (!params)
        return ncpus == 0 ? (int)driver->base.hostcpus : (start_cpu == -1 ? 3 : 2);
    if (virDomainDriverCheckStartCpu(&driver->base, start_cpu) < 0)
        return -1;
    if (!(obj = virDomainDriverGetObj(dom)))
        return -1;
    ns = testDomainCpuTimeNs(obj);
    memset(params, 0, sizeof(*params) * nparams * ncpus);
    if (start_cpu == -1) {
        const char *names[] = { VIR_DOMAIN_CPU_STATS_CPUTIME, VIR_DOMAIN_CPU_STATS_USERTIME,
                                VIR_DOMAIN_CPU_STATS_SYSTEMTIME };
        guint64 values[] = { ns * obj->def->vcpus, ns * obj->def->vcpus, 0 };

        for (ret = 0; ret < (int)MIN(nparams, G_N_ELEMENTS(names)); ret++)
            virTypedParamSetULLong(&params[ret], names[ret], values[ret]);
        goto cleanup;
    }
    for (c = 0; c < ncpus && start_cpu + c < driver->base.hostcpus; c++) {
        guint64 sum = 0;

        for (v = 0; v < obj->def->vcpus; v++) {
            if (testDomainVcpuHostCpu(driver, obj->def, v) == (int)(start_cpu + c))
                sum += ns;
        }
        if (nparams >= 1)
            virTypedParamSetULLong(&params[c * nparams], VIR_DOMAIN_CPU_STATS_CPUTIME, sum);
        if (nparams >= 2)
            virTypedParamSetULLong(&params[c * nparams + 1], VIR_DOMAIN_CPU_STATS_VCPUTIME, sum);
    }
    ret = MIN(nparams, 2);
 cleanup:
    virDomainObjEndAPI(&obj);
    return ret;
}

/* ---- tunables ------------------------------------------------------ */

/* The "fair" scheduler of libvirt's test driver: one weight, kept in
 * <cputune><shares>. */
char *
testDomainGetSchedulerType(virDomainPtr dom, int *nparams)
{
    *nparams = 1;
    return g_strdup("fair");
}

/* Reads one definition for a Get call with @flags (LIVE/CONFIG/CURRENT). */
static virDomainObj *
testDomainObjForRead(virDomainPtr dom, unsigned int flags, virDomainDef **def)
{
    virDomainObj *obj = virDomainDriverGetObj(dom);

    if (obj && !(*def = virDomainObjGetOneDef(obj, flags)))
        virDomainObjEndAPI(&obj);
    return obj;
}

#define TEST_TUNE_GET_FLAGS \
    (VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG | VIR_TYPED_PARAM_STRING_OKAY)

int
testDomainGetSchedulerParametersFlags(virDomainPtr dom, virTypedParameterPtr params,
                                      int *nparams, unsigned int flags)
{
    virDomainObj *obj;
    virDomainDef *def;

    virCheckFlags(TEST_TUNE_GET_FLAGS, -1);
    if (!(obj = testDomainObjForRead(dom, flags & ~VIR_TYPED_PARAM_STRING_OKAY, &def)))
        return -1;
    virTypedParamSetUInt(&params[0], VIR_DOMAIN_SCHEDULER_WEIGHT,
                         def->cputune.shares ? def->cputune.shares : TEST_SCHED_WEIGHT_DEFAULT);
    *nparams = 1;
    virDomainObjEndAPI(&obj);
    return 0;
}

static void
testDomainApplyWeight(virDomainDriverBase *base G_GNUC_UNUSED, virDomainDef *def,
                      bool live G_GNUC_UNUSED, const void *arg)
{
    def->cputune.shares = *(const unsigned int *)arg;
}

int
testDomainSetSchedulerParametersFlags(virDomainPtr dom, virTypedParameterPtr params,
                                      int nparams, unsigned int flags)
{
    static const virTypedParamSpec specs[] = {
        { VIR_DOMAIN_SCHEDULER_WEIGHT, VIR_TYPED_PARAM_UINT },
    };
    static const virDomainDriverEdit edit = {
        VIR_DOMAIN_DRIVER_CHANGE_SCHED, NULL, testDomainApplyWeight,
    };
    unsigned int weight = 0;
    int i;

    virCheckFlags(VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG, -1);
    if (virTypedParamsCheck(params, nparams, specs, G_N_ELEMENTS(specs)) < 0)
        return -1;
    for (i = 0; i < nparams; i++)
        weight = params[i].value.ui;
    if (weight < 1 || weight > 65535) {
        virReportError(VIR_ERR_INVALID_ARG, _("weight must be 1 to 65535, not %u"), weight);
        return -1;
    }
    return virDomainDriverUpdate(dom, flags, &edit, &weight);
}

int
testDomainGetMemoryParameters(virDomainPtr dom, virTypedParameterPtr params, int *nparams,
                              unsigned int flags)
{
    virDomainObj *obj;
    virDomainDef *def;
    int ret;

    virCheckFlags(TEST_TUNE_GET_FLAGS, -1);
    if (!(obj = testDomainObjForRead(dom, flags & ~VIR_TYPED_PARAM_STRING_OKAY, &def)))
        return -1;
    ret = virDomainMemtuneGetParams(&def->memtune, params, nparams);
    virDomainObjEndAPI(&obj);
    return ret;
}

typedef struct {
    const virTypedParameter *params;
    int nparams;
} testParamsChange;

static int
testDomainCheckMemtune(virDomainDriverBase *base G_GNUC_UNUSED, const virDomainDef *def,
                       bool live G_GNUC_UNUSED, const void *arg)
{
    const testParamsChange *c = arg;
    virDomainMemtune tune = def->memtune;

    return virDomainMemtuneApplyParams(&tune, c->params, c->nparams);
}

static void
testDomainApplyMemtune(virDomainDriverBase *base G_GNUC_UNUSED, virDomainDef *def,
                       bool live G_GNUC_UNUSED, const void *arg)
{
    const testParamsChange *c = arg;

    ignore_value(virDomainMemtuneApplyParams(&def->memtune, c->params, c->nparams));
}

int
testDomainSetMemoryParameters(virDomainPtr dom, virTypedParameterPtr params, int nparams,
                              unsigned int flags)
{
    static const virDomainDriverEdit edit = {
        VIR_DOMAIN_DRIVER_CHANGE_MEMTUNE, testDomainCheckMemtune, testDomainApplyMemtune,
    };
    testParamsChange change = { params, nparams };

    virCheckFlags(VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG, -1);
    return virDomainDriverUpdate(dom, flags, &edit, &change);
}

int
testDomainGetBlkioParameters(virDomainPtr dom, virTypedParameterPtr params, int *nparams,
                             unsigned int flags)
{
    virDomainObj *obj;
    virDomainDef *def;
    int ret;

    virCheckFlags(TEST_TUNE_GET_FLAGS, -1);
    if (!(obj = testDomainObjForRead(dom, flags & ~VIR_TYPED_PARAM_STRING_OKAY, &def)))
        return -1;
    ret = virDomainBlkiotuneGetParams(&def->blkiotune, params, nparams, flags);
    virDomainObjEndAPI(&obj);
    return ret;
}

static int
testDomainCheckBlkiotune(virDomainDriverBase *base G_GNUC_UNUSED, const virDomainDef *def,
                         bool live G_GNUC_UNUSED, const void *arg)
{
    const testParamsChange *c = arg;
    virDomainBlkiotune tune = { 0 };
    int rc;

    virDomainBlkiotuneCopy(&tune, &def->blkiotune);
    rc = virDomainBlkiotuneApplyParams(&tune, c->params, c->nparams);
    virDomainBlkiotuneClear(&tune);
    return rc;
}

static void
testDomainApplyBlkiotune(virDomainDriverBase *base G_GNUC_UNUSED, virDomainDef *def,
                         bool live G_GNUC_UNUSED, const void *arg)
{
    const testParamsChange *c = arg;

    ignore_value(virDomainBlkiotuneApplyParams(&def->blkiotune, c->params, c->nparams));
}

int
testDomainSetBlkioParameters(virDomainPtr dom, virTypedParameterPtr params, int nparams,
                             unsigned int flags)
{
    static const virDomainDriverEdit edit = {
        VIR_DOMAIN_DRIVER_CHANGE_BLKIO, testDomainCheckBlkiotune, testDomainApplyBlkiotune,
    };
    testParamsChange change = { params, nparams };

    virCheckFlags(VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG, -1);
    return virDomainDriverUpdate(dom, flags, &edit, &change);
}

/* A balloon the guest could report through, as libvirt's
 * virDomainDefHasMemballoon: any but model 'none'; NULL without one. */
static virDomainDeviceDef *
testDomainMemballoon(const virDomainDef *def)
{
    size_t i;

    for (i = 0; i < def->ndevices; i++) {
        virDomainDeviceDef *dev = &def->devices[i];

        if (dev->type == VIR_DOMAIN_DEVICE_MEMBALLOON && dev->data.memballoon &&
            STRNEQ(dev->data.memballoon->model, "none"))
            return dev;
    }
    return NULL;
}

static int
testDomainCheckStatsPeriod(virDomainDriverBase *base G_GNUC_UNUSED, const virDomainDef *def,
                           bool live G_GNUC_UNUSED, const void *arg G_GNUC_UNUSED)
{
    /* libvirt's test driver's words, and its code */
    if (!testDomainMemballoon(def)) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "%s",
                       _("No memory balloon device configured, can not set the collection period"));
        return -1;
    }
    return 0;
}

/* <memballoon><stats period='N'/>, in libvirt's place among its children;
 * libvirt writes no <stats> for a period of 0. */
static void
testDomainApplyStatsPeriod(virDomainDriverBase *base G_GNUC_UNUSED, virDomainDef *def,
                           bool live G_GNUC_UNUSED, const void *arg)
{
    virXMLNode *balloon = testDomainMemballoon(def)->node;
    int period = *(const int *)arg;
    g_autofree char *value = NULL;
    size_t i;

    for (i = 0; i < balloon->nchildren; i++) {
        if (STREQ(balloon->children[i]->name, "stats")) {
            virXMLNodeDelete(balloon, i);
            break;
        }
    }
    if (period == 0)
        return;
    value = g_strdup_printf("%d", period);
    virXMLNodeSetAttr(virXMLNodeAppendNew(balloon, "stats"), "period", value);
    virDomainOrderCanonicalize(balloon, "devices");
}

/* As libvirt's test driver: one definition, the running domain's or the
 * configuration. */
int
testDomainSetMemoryStatsPeriod(virDomainPtr dom, int period, unsigned int flags)
{
    static const virDomainDriverEdit edit = {
        VIR_DOMAIN_DRIVER_CHANGE_MEMORY, testDomainCheckStatsPeriod, testDomainApplyStatsPeriod,
    };

    virCheckFlags(VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG, -1);
    VIR_EXCLUSIVE_FLAGS_RET(VIR_DOMAIN_AFFECT_LIVE, VIR_DOMAIN_AFFECT_CONFIG, -1);
    return virDomainDriverUpdate(dom, flags, &edit, &period);
}

/* libvirt's test driver's figures, derived from the current memory, for a
 * domain with a balloon; none without one. */
int
testDomainHookMemoryStats(virDomainDriverBase *base G_GNUC_UNUSED, virDomainObj *obj,
                          virDomainMemoryStatPtr stats, unsigned int nr)
{
    unsigned long long cur = obj->def->curMemory;
    int n = 0;

    if (!testDomainMemballoon(obj->def))
        return 0;
    virDomainMemoryStatsSet(stats, nr, &n, VIR_DOMAIN_MEMORY_STAT_ACTUAL_BALLOON, cur);
    virDomainMemoryStatsSet(stats, nr, &n, VIR_DOMAIN_MEMORY_STAT_SWAP_IN, 0);
    virDomainMemoryStatsSet(stats, nr, &n, VIR_DOMAIN_MEMORY_STAT_SWAP_OUT, 0);
    virDomainMemoryStatsSet(stats, nr, &n, VIR_DOMAIN_MEMORY_STAT_MAJOR_FAULT, 0);
    virDomainMemoryStatsSet(stats, nr, &n, VIR_DOMAIN_MEMORY_STAT_MINOR_FAULT, 0);
    virDomainMemoryStatsSet(stats, nr, &n, VIR_DOMAIN_MEMORY_STAT_UNUSED, cur / 2);
    virDomainMemoryStatsSet(stats, nr, &n, VIR_DOMAIN_MEMORY_STAT_AVAILABLE, cur);
    virDomainMemoryStatsSet(stats, nr, &n, VIR_DOMAIN_MEMORY_STAT_USABLE, cur / 2);
    virDomainMemoryStatsSet(stats, nr, &n, VIR_DOMAIN_MEMORY_STAT_LAST_UPDATE, 627319920);
    virDomainMemoryStatsSet(stats, nr, &n, VIR_DOMAIN_MEMORY_STAT_DISK_CACHES, cur / 8);
    virDomainMemoryStatsSet(stats, nr, &n, VIR_DOMAIN_MEMORY_STAT_HUGETLB_PGALLOC, 0);
    virDomainMemoryStatsSet(stats, nr, &n, VIR_DOMAIN_MEMORY_STAT_HUGETLB_PGFAIL, 0);
    virDomainMemoryStatsSet(stats, nr, &n, VIR_DOMAIN_MEMORY_STAT_RSS, cur / 2);
    return n;
}
