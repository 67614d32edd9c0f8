/*
 * test_tune.c: memory, vcpus, pinning and tunables in the test driver
 *
 * Every change is checked against each definition it applies to (live,
 * persistent or both) before any of them is modified, so a refused change
 * leaves nothing half done.
 */
#include "internal.h"

#include "domain_tune.h"
#include "test_domain.h"
#include "test_private.h"
#include "virerror.h"
#include "virtypedparam.h"

#define VIR_FROM_THIS VIR_FROM_TEST

#define TEST_SCHED_WEIGHT_DEFAULT 50

/**
 * testDomainUpdate:
 * @dom: the domain
 * @flags: virDomainModificationImpact plus bits for @check and @apply
 * @check: refuses the change for one definition, or NULL
 * @apply: makes the change to one definition
 * @arg: what the change is
 *
 * Applies a change to the live definition, the configuration, or both.
 * Either everything changes, or nothing: every definition is checked
 * first, and the new configuration is written to disk before the model
 * changes, so a failed write changes nothing.
 */
int
testDomainUpdate(virDomainPtr dom, unsigned int flags, testDefCheck check, testDefApply apply,
                 const void *arg)
{
    testDriver *driver = testDriverFromConn(dom->conn);
    virDomainDef *live, *pers, *newPers = NULL;
    virDomainObj *obj;
    bool split;
    int ret = -1;

    if (!(obj = virDomainDriverObjFromDomain(dom)))
        return -1;
    /* getting the definitions may split the live one from the
     * configuration; a refused change must not leave that split behind,
     * or the domain would report a pending configuration (IsUpdated) */
    split = !obj->newDef;
    if (virDomainObjGetDefs(obj, flags & (VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG),
                            &live, &pers) < 0 ||
        (check && live && check(live, true, arg) < 0) ||
        (check && pers && check(pers, false, arg) < 0))
        goto refused;
    if (pers && driver->base.store) {
        newPers = virDomainDefCopy(pers);
        apply(newPers, false, arg);
        if (virDomainStoreSaveConfig(driver->base.store, newPers) < 0) {
            virDomainDefFree(newPers);
            goto refused;
        }
    } else if (pers) {
        apply(pers, false, arg);
    }
    if (live)
        apply(live, true, arg);
    if (newPers)
        virDomainObjAssignConfig(obj, newPers);
    ret = 0;
    split = false;
 refused:
    if (split)
        g_clear_pointer(&obj->newDef, virDomainDefFree);
    virDomainObjEndAPI(&obj);
    return ret;
}

typedef struct {
    unsigned long memory;
    unsigned int flags;
} testMemoryChange;

static int
testDomainCheckMemory(const virDomainDef *def, bool live, const void *arg)
{
    const testMemoryChange *c = arg;

    if (c->flags & VIR_DOMAIN_MEM_MAXIMUM) {
        if (live) {
            virReportError(VIR_ERR_OPERATION_INVALID,
                           _("cannot resize the maximum memory of running domain '%s'"), def->name);
            return -1;
        }
        if (c->memory > VIR_DOMAIN_MEMORY_MAX_KIB) {
            virReportError(VIR_ERR_INVALID_ARG,
                           _("maximum memory %lu KiB is too large (the limit is %llu KiB)"),
                           c->memory, VIR_DOMAIN_MEMORY_MAX_KIB);
            return -1;
        }
        return 0;
    }
    if (c->memory > def->maxMemory) {
        virReportError(VIR_ERR_INVALID_ARG,
                       _("cannot set the memory of domain '%s' to %lu KiB: its maximum is %llu KiB"),
                       def->name, c->memory, def->maxMemory);
        return -1;
    }
    return 0;
}

static void
testDomainApplyMemory(virDomainDef *def, bool live G_GNUC_UNUSED, const void *arg)
{
    const testMemoryChange *c = arg;

    if (c->flags & VIR_DOMAIN_MEM_MAXIMUM) {
        def->maxMemory = c->memory;
        if (def->curMemory > c->memory)
            def->curMemory = c->memory;
    } else {
        def->curMemory = c->memory;
    }
}

int
testDomainSetMemoryFlags(virDomainPtr dom, unsigned long memory, unsigned int flags)
{
    testMemoryChange change = { memory, flags };

    virCheckFlags(VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG | VIR_DOMAIN_MEM_MAXIMUM, -1);
    return testDomainUpdate(dom, flags, testDomainCheckMemory, testDomainApplyMemory, &change);
}

typedef struct {
    unsigned int nvcpus;
    unsigned int flags;
} testVcpuChange;

static int
testDomainCheckVcpus(const virDomainDef *def, bool live, const void *arg)
{
    const testVcpuChange *c = arg;

    if (c->flags & VIR_DOMAIN_VCPU_MAXIMUM) {
        if (live) {
            virReportError(VIR_ERR_OPERATION_INVALID,
                           _("cannot change the maximum vcpus of running domain '%s'"), def->name);
            return -1;
        }
        return 0;
    }
    if (c->nvcpus > def->maxvcpus) {
        virReportError(VIR_ERR_INVALID_ARG,
                       _("cannot give domain '%s' %u vcpus: its maximum is %u"),
                       def->name, c->nvcpus, def->maxvcpus);
        return -1;
    }
    return 0;
}

static void
testDomainApplyVcpus(virDomainDef *def, bool live G_GNUC_UNUSED, const void *arg)
{
    const testVcpuChange *c = arg;

    if (c->flags & VIR_DOMAIN_VCPU_MAXIMUM)
        virDomainDefSetMaxVcpus(def, c->nvcpus);
    else
        def->vcpus = c->nvcpus;
}

int
testDomainSetVcpusFlags(virDomainPtr dom, unsigned int nvcpus, unsigned int flags)
{
    testVcpuChange change = { nvcpus, flags };

    virCheckFlags(VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG | VIR_DOMAIN_VCPU_MAXIMUM |
                  VIR_DOMAIN_VCPU_GUEST | VIR_DOMAIN_VCPU_HOTPLUGGABLE, -1);
    if (flags & VIR_DOMAIN_VCPU_GUEST) {
        virReportError(VIR_ERR_ARGUMENT_UNSUPPORTED, "%s",
                       _("the test driver has no guest agent to change guest vcpus"));
        return -1;
    }
    if (nvcpus > TEST_MAX_VCPUS) {
        virReportError(VIR_ERR_INVALID_ARG,
                       _("%u vcpus is more than the test driver allows (%d)"), nvcpus, TEST_MAX_VCPUS);
        return -1;
    }
    return testDomainUpdate(dom, flags, testDomainCheckVcpus, testDomainApplyVcpus, &change);
}

typedef struct {
    unsigned int vcpu;
    const virBitmap *map;
} testPinChange;

static int
testDomainCheckPin(const virDomainDef *def, bool live G_GNUC_UNUSED, const void *arg)
{
    const testPinChange *c = arg;

    if (c->vcpu >= def->maxvcpus) {
        virReportError(VIR_ERR_INVALID_ARG, _("vcpu %u does not exist: domain '%s' has %u vcpus"),
                       c->vcpu, def->name, def->maxvcpus);
        return -1;
    }
    return 0;
}

static void
testDomainApplyPin(virDomainDef *def, bool live G_GNUC_UNUSED, const void *arg)
{
    const testPinChange *c = arg;

    if (!def->cputune.vcpupin)
        def->cputune.vcpupin = g_new0(virBitmap *, def->maxvcpus);
    virBitmapFree(def->cputune.vcpupin[c->vcpu]);
    def->cputune.vcpupin[c->vcpu] = virBitmapCopy(c->map);
}

int
testDomainPinVcpuFlags(virDomainPtr dom, unsigned int vcpu, unsigned char *cpumap,
                       int maplen, unsigned int flags)
{
    testDriver *driver = testDriverFromConn(dom->conn);
    g_autoptr(virBitmap) map = NULL;
    testPinChange change = { vcpu, NULL };

    virCheckFlags(VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG, -1);
    if (!(map = virBitmapFromCpumap(cpumap, maplen, driver->base.hostcpus)))
        return -1;
    change.map = map;
    return testDomainUpdate(dom, flags, testDomainCheckPin, testDomainApplyPin, &change);
}

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

    if (virDomainDriverCheckMaplen(&driver->base, maplen) < 0 || !(obj = virDomainDriverObjFromDomain(dom)))
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
    if (!(obj = virDomainDriverObjFromDomain(dom)))
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
    virDomainObj *obj = virDomainDriverObjFromDomain(dom);

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
testDomainApplyWeight(virDomainDef *def, bool live G_GNUC_UNUSED, const void *arg)
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
    return testDomainUpdate(dom, flags, NULL, testDomainApplyWeight, &weight);
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
testDomainCheckMemtune(const virDomainDef *def, bool live G_GNUC_UNUSED, const void *arg)
{
    const testParamsChange *c = arg;
    virDomainMemtune tune = def->memtune;

    return virDomainMemtuneApplyParams(&tune, c->params, c->nparams);
}

static void
testDomainApplyMemtune(virDomainDef *def, bool live G_GNUC_UNUSED, const void *arg)
{
    const testParamsChange *c = arg;

    ignore_value(virDomainMemtuneApplyParams(&def->memtune, c->params, c->nparams));
}

int
testDomainSetMemoryParameters(virDomainPtr dom, virTypedParameterPtr params, int nparams,
                              unsigned int flags)
{
    testParamsChange change = { params, nparams };

    virCheckFlags(VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG, -1);
    return testDomainUpdate(dom, flags, testDomainCheckMemtune, testDomainApplyMemtune, &change);
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
testDomainCheckBlkiotune(const virDomainDef *def, bool live G_GNUC_UNUSED, const void *arg)
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
testDomainApplyBlkiotune(virDomainDef *def, bool live G_GNUC_UNUSED, const void *arg)
{
    const testParamsChange *c = arg;

    ignore_value(virDomainBlkiotuneApplyParams(&def->blkiotune, c->params, c->nparams));
}

int
testDomainSetBlkioParameters(virDomainPtr dom, virTypedParameterPtr params, int nparams,
                             unsigned int flags)
{
    testParamsChange change = { params, nparams };

    virCheckFlags(VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG, -1);
    return testDomainUpdate(dom, flags, testDomainCheckBlkiotune, testDomainApplyBlkiotune,
                            &change);
}
