/*
 * domain_update.c: one transaction for every change to a domain's live
 * definition and configuration, and the memory, vcpu, pin and sharing
 * rules every driver keeps
 */
#include "internal.h"

#include "domain_sync.h"
#include "domain_update.h"
#include "driver.h"
#include "virerror.h"
#include "virlog.h"
#include "virtypedparam.h"

#define VIR_FROM_THIS VIR_FROM_DOMAIN

/* ---- the transaction ----------------------------------------------- */

/* A driver that checks, derives or pushes the result, or keeps files,
 * works on copies; a model without files changes the definitions in place
 * once every check passed (a copy per change would cost more than the
 * change: the benchmarks count it). */
static bool
virDomainDriverUpdateCopies(const virDomainDriverBase *base)
{
    return base->store || base->hooks->checkChange || base->hooks->syncDef ||
           base->hooks->applyLive;
}

/* @def changed: the driver derives its fields and may refuse the result. */
static virDomainDef *
virDomainDriverEditCopy(virDomainDriverBase *base, const virDomainDef *def, bool live,
                        const virDomainDriverEdit *edit, const void *arg)
{
    g_autoptr(virDomainDef) copy = NULL;

    if (edit->derive) {
        if (!(copy = edit->derive(base, def, live, arg)))
            return NULL;
    } else {
        copy = virDomainDefCopy(def);
        edit->apply(base, copy, live, arg);
    }
    if (base->hooks->syncDef)
        base->hooks->syncDef(base, copy, edit->change);
    if (base->hooks->checkChange && base->hooks->checkChange(base, copy, live, edit->change) < 0)
        return NULL;
    return g_steal_pointer(&copy);
}

/* The kernel, then the file; the file failing puts the kernel back. */
static int
virDomainDriverCommit(virDomainDriverBase *base, virDomainObj *obj, virDomainDef *live,
                      virDomainDef *pers, virDomainDriverChange change)
{
    /* what no kernel sees is not pushed (nor refused by a driver that can
     * change little of a running domain) */
    bool push = live && base->hooks->applyLive && change != VIR_DOMAIN_DRIVER_CHANGE_METADATA;

    if (pers && virDomainDriverDetachStatus(base, obj) < 0)
        return -1;
    if (push && base->hooks->applyLive(base, obj, obj->def, live, change) < 0)
        return -1;
    if (pers && base->store && virDomainStoreSaveConfig(base->store, pers) < 0) {
        virErrorPtr saved = NULL;

        virErrorPreserveLast(&saved);
        if (push && base->hooks->applyLive(base, obj, live, obj->def, change) < 0)
            VIR_WARN("domain '%s': cannot put its running state back", obj->def->name);
        virErrorRestore(&saved);
        return -1;
    }
    return 0;
}

static int
virDomainDriverUpdateCopied(virDomainDriverBase *base, virDomainObj *obj, virDomainDef *live,
                            virDomainDef *pers, const virDomainDriverEdit *edit, const void *arg)
{
    g_autoptr(virDomainDef) newLive = NULL;
    g_autoptr(virDomainDef) newPers = NULL;

    if ((live && !(newLive = virDomainDriverEditCopy(base, live, true, edit, arg))) ||
        (pers && !(newPers = virDomainDriverEditCopy(base, pers, false, edit, arg))) ||
        virDomainDriverCommit(base, obj, newLive, newPers, edit->change) < 0)
        return -1;
    if (newLive) {
        /* the first live change of a running persistent domain splits it:
         * the definition it ran with stays its configuration */
        if (obj->persistent && !obj->newDef)
            obj->newDef = obj->def;
        else
            virDomainDefFree(obj->def);
        obj->def = g_steal_pointer(&newLive);
        if (virDomainDriverSaveStatus(base, obj) < 0) {
            VIR_WARN("domain '%s': %s", obj->def->name, virGetLastErrorMessage());
            virResetLastError();
        }
    }
    if (newPers)
        virDomainObjAssignConfig(obj, g_steal_pointer(&newPers));
    return 0;
}

int
virDomainDriverUpdate(virDomainPtr dom, unsigned int flags, const virDomainDriverEdit *edit,
                      const void *arg)
{
    virDomainDriverBase *base = virDomainDriverBaseFromConn(dom->conn);
    unsigned int impact = flags & (VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG);
    virDomainDef *live, *pers;
    virDomainObj *obj;
    int ret = -1;

    if (!(obj = virDomainDriverBeginChange(dom)))
        return -1;
    if (virDomainObjUpdateModificationImpact(obj, &impact) < 0)
        goto cleanup;
    live = (impact & VIR_DOMAIN_AFFECT_LIVE) ? obj->def : NULL;
    pers = (impact & VIR_DOMAIN_AFFECT_CONFIG) ? virDomainObjGetPersistentDef(obj) : NULL;
    if (edit->check && ((live && edit->check(base, live, true, arg) < 0) ||
                        (pers && edit->check(base, pers, false, arg) < 0)))
        goto cleanup;
    if (edit->derive || virDomainDriverUpdateCopies(base)) {
        ret = virDomainDriverUpdateCopied(base, obj, live, pers, edit, arg);
        goto cleanup;
    }
    /* in place: the live definition splits from the configuration first */
    if (virDomainObjGetDefs(obj, impact, &live, &pers) < 0)
        goto cleanup;
    if (live)
        edit->apply(base, live, true, arg);
    if (pers)
        edit->apply(base, pers, false, arg);
    ret = 0;
 cleanup:
    virDomainDriverEndChange(base, &obj);
    return ret;
}

/* ---- memory -------------------------------------------------------- */

typedef struct {
    unsigned long memory;
    bool maximum;
} virDomainDriverMemoryChange;

static int
virDomainDriverCheckMemory(virDomainDriverBase *base, const virDomainDef *def, bool live,
                           const void *arg)
{
    const virDomainDriverMemoryChange *c = arg;

    if (c->maximum && live) {
        virDomainDriverError(base, VIR_ERR_OPERATION_INVALID,
                             _("cannot resize the maximum memory of running domain '%s'"),
                             def->name);
        return -1;
    }
    if (c->maximum && c->memory > VIR_DOMAIN_MEMORY_MAX_KIB) {
        virDomainDriverError(base, VIR_ERR_INVALID_ARG,
                             _("maximum memory %lu KiB is too large (the limit is %llu KiB)"),
                             c->memory, VIR_DOMAIN_MEMORY_MAX_KIB);
        return -1;
    }
    if (!c->maximum && c->memory > def->maxMemory) {
        virDomainDriverError(base, VIR_ERR_INVALID_ARG,
                             _("cannot set the memory of domain '%s' to %lu KiB: its maximum is %llu KiB"),
                             def->name, c->memory, def->maxMemory);
        return -1;
    }
    return 0;
}

static void
virDomainDriverApplyMemory(virDomainDriverBase *base G_GNUC_UNUSED, virDomainDef *def,
                           bool live G_GNUC_UNUSED, const void *arg)
{
    const virDomainDriverMemoryChange *c = arg;

    if (c->maximum) {
        def->maxMemory = c->memory;
        if (def->curMemory > c->memory)
            def->curMemory = c->memory;
    } else {
        def->curMemory = c->memory;
    }
}

int
sharedDomainSetMemoryFlags(virDomainPtr dom, unsigned long memory, unsigned int flags)
{
    virDomainDriverMemoryChange c = { memory, flags & VIR_DOMAIN_MEM_MAXIMUM };
    virDomainDriverEdit edit = {
        c.maximum ? VIR_DOMAIN_DRIVER_CHANGE_MAXMEMORY : VIR_DOMAIN_DRIVER_CHANGE_MEMORY,
        virDomainDriverCheckMemory, virDomainDriverApplyMemory,
    };

    virDomainDriverCheckFlags(dom->conn, VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG |
                              VIR_DOMAIN_MEM_MAXIMUM, -1);
    return virDomainDriverUpdate(dom, flags, &edit, &c);
}

int
virDomainDriverSetMemtune(virDomainPtr dom, virTypedParameterPtr params, int nparams,
                          unsigned int flags, const virDomainDriverEdit *edit)
{
    static const virTypedParamSpec specs[] = {
        { VIR_DOMAIN_MEMORY_HARD_LIMIT, VIR_TYPED_PARAM_ULLONG },
        { VIR_DOMAIN_MEMORY_SOFT_LIMIT, VIR_TYPED_PARAM_ULLONG },
        { VIR_DOMAIN_MEMORY_SWAP_HARD_LIMIT, VIR_TYPED_PARAM_ULLONG },
        { VIR_DOMAIN_MEMORY_MIN_GUARANTEE, VIR_TYPED_PARAM_ULLONG },
    };
    virDomainDriverParams change = { params, nparams };

    if (virTypedParamsCheck(params, nparams, specs, G_N_ELEMENTS(specs)) < 0)
        return -1;
    return virDomainDriverUpdate(dom, flags, edit, &change);
}

/* ---- vcpus --------------------------------------------------------- */

typedef struct {
    unsigned int nvcpus;
    bool maximum;
} virDomainDriverVcpuChange;

static int
virDomainDriverCheckVcpus(virDomainDriverBase *base, const virDomainDef *def, bool live,
                          const void *arg)
{
    const virDomainDriverVcpuChange *c = arg;

    if (c->maximum && live) {
        virDomainDriverError(base, VIR_ERR_OPERATION_INVALID,
                             _("cannot change the maximum vcpus of running domain '%s'"),
                             def->name);
        return -1;
    }
    if (!c->maximum && c->nvcpus > def->maxvcpus) {
        virDomainDriverError(base, VIR_ERR_INVALID_ARG,
                             _("cannot give domain '%s' %u vcpus: its maximum is %u"),
                             def->name, c->nvcpus, def->maxvcpus);
        return -1;
    }
    return 0;
}

static void
virDomainDriverApplyVcpus(virDomainDriverBase *base G_GNUC_UNUSED, virDomainDef *def,
                          bool live G_GNUC_UNUSED, const void *arg)
{
    const virDomainDriverVcpuChange *c = arg;

    if (c->maximum)
        virDomainDefSetMaxVcpus(def, c->nvcpus);
    else
        def->vcpus = c->nvcpus;
}

int
sharedDomainSetVcpusFlags(virDomainPtr dom, unsigned int nvcpus, unsigned int flags)
{
    virDomainDriverBase *base = virDomainDriverBaseFromConn(dom->conn);
    virDomainDriverVcpuChange c = { nvcpus, flags & VIR_DOMAIN_VCPU_MAXIMUM };
    static const virDomainDriverEdit edit = {
        VIR_DOMAIN_DRIVER_CHANGE_VCPUS, virDomainDriverCheckVcpus, virDomainDriverApplyVcpus,
    };

    virDomainDriverCheckFlags(dom->conn, VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG |
                              VIR_DOMAIN_VCPU_MAXIMUM | VIR_DOMAIN_VCPU_GUEST |
                              VIR_DOMAIN_VCPU_HOTPLUGGABLE, -1);
    if (flags & VIR_DOMAIN_VCPU_GUEST) {
        virDomainDriverError(base, VIR_ERR_ARGUMENT_UNSUPPORTED,
                             _("the %s driver has no guest agent to change guest vcpus"),
                             dom->conn->driver->name);
        return -1;
    }
    if (nvcpus > base->maxVcpus) {
        virDomainDriverError(base, VIR_ERR_INVALID_ARG,
                             _("%u vcpus is more than the %s driver allows (%u)"),
                             nvcpus, dom->conn->driver->name, base->maxVcpus);
        return -1;
    }
    return virDomainDriverUpdate(dom, flags, &edit, &c);
}

/* ---- pins ---------------------------------------------------------- */

typedef struct {
    unsigned int vcpu;
    const virBitmap *map;
} virDomainDriverPinChange;

static int
virDomainDriverCheckPin(virDomainDriverBase *base, const virDomainDef *def,
                        bool live G_GNUC_UNUSED, const void *arg)
{
    const virDomainDriverPinChange *c = arg;

    if (c->vcpu >= def->maxvcpus) {
        /* libvirt's words: scripts compare them */
        virDomainDriverError(base, VIR_ERR_INVALID_ARG,
                             _("requested vcpu '%u' is not present in the domain"),
                             c->vcpu);
        return -1;
    }
    return 0;
}

static void
virDomainDriverApplyPin(virDomainDriverBase *base G_GNUC_UNUSED, virDomainDef *def,
                        bool live G_GNUC_UNUSED, const void *arg)
{
    const virDomainDriverPinChange *c = arg;

    if (!def->cputune.vcpupin)
        def->cputune.vcpupin = g_new0(virBitmap *, def->maxvcpus);
    virBitmapFree(def->cputune.vcpupin[c->vcpu]);
    def->cputune.vcpupin[c->vcpu] = virBitmapCopy(c->map);
}

int
sharedDomainPinVcpuFlags(virDomainPtr dom, unsigned int vcpu, unsigned char *cpumap,
                         int maplen, unsigned int flags)
{
    virDomainDriverBase *base = virDomainDriverBaseFromConn(dom->conn);
    static const virDomainDriverEdit edit = {
        VIR_DOMAIN_DRIVER_CHANGE_PIN, virDomainDriverCheckPin, virDomainDriverApplyPin,
    };
    g_autoptr(virBitmap) map = NULL;
    virDomainDriverPinChange c = { vcpu, NULL };

    virDomainDriverCheckFlags(dom->conn, VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG, -1);
    if (virDomainDriverCheckMaplen(base, maplen) < 0 ||
        !(map = virBitmapFromCpumap(cpumap, maplen, base->hostcpus)))
        return -1;
    c.map = map;
    return virDomainDriverUpdate(dom, flags, &edit, &c);
}

/* ---- memory sharing ------------------------------------------------ */

static void
virDomainDriverApplySharing(virDomainDriverBase *base G_GNUC_UNUSED, virDomainDef *def,
                            bool live G_GNUC_UNUSED, const void *arg)
{
    def->nosharepages = !*(const int *)arg;
}

int
sharedDomainSetMemorySharing(virDomainPtr dom, int enable, unsigned int flags)
{
    static const virDomainDriverEdit edit = {
        VIR_DOMAIN_DRIVER_CHANGE_SHARING, NULL, virDomainDriverApplySharing,
    };

    virDomainDriverCheckFlags(dom->conn, VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG, -1);
    enable = !!enable;
    return virDomainDriverUpdate(dom, flags, &edit, &enable);
}
