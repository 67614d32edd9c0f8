/*
 * lve_defaults.c: the default limits of LVEs, and the node memory
 * parameters that carry them beside KSM's
 *
 * The defaults are limits an LVE gets when its definition does not set
 * them, here and in the kernel (lve_set_default, for LVEs made outside
 * virtkit).  Read and written through virNode{Get,Set}MemoryParameters as
 * lve_default_<limit>; kept in <root>/etc/virtkit/lve/defaults/limits.xml.
 */
#include "internal.h"

#include <stdio.h>

#include "lve_defaults.h"
#include "lve_ksm.h"
#include "virerror.h"
#include "virlog.h"
#include "virtypedparam.h"

#define VIR_FROM_THIS VIR_FROM_LVE

/* sizes are ullong KiB, the rest uint */
static int
lveDefaultParamType(lveLimit which)
{
    return which == LVE_LIMIT_PMEM || which == LVE_LIMIT_VMEM ?
           VIR_TYPED_PARAM_ULLONG : VIR_TYPED_PARAM_UINT;
}

static char *
lveDefaultParamName(lveLimit which)
{
    return g_strdup_printf(LVE_PARAM_DEFAULT_PREFIX "%s", lveLimitName(which));
}

void
lveDriverGetDefaults(lveDriver *driver, lveLimits *defaults)
{
    virMutexLock(&driver->lock);
    *defaults = driver->defaults;
    virMutexUnlock(&driver->lock);
}

/* The saved defaults, given to the kernel again; without a file, the
 * kernel's own (liblve), or CloudLinux's. */
int
lveDriverLoadDefaults(lveDriver *driver)
{
    lveBackend *be = driver->backend;
    lveLimits defaults;

    lveDefaultsBuiltin(&defaults);
    if (g_file_test(driver->defaultsPath, G_FILE_TEST_EXISTS) ||
        g_file_test(driver->defaultsPath, G_FILE_TEST_IS_SYMLINK)) {
        if (lveDefaultsLoad(driver->defaultsPath, &defaults) < 0) {
            /* a root whose defaults do not load still opens: every LVE in
             * it must stay reachable, if only to be destroyed */
            VIR_WARN("the LVE defaults in %s do not load (%s): LVEs that do not set a limit get the kernel's defaults until new ones are set",
                     driver->defaultsPath, virGetLastErrorMessage());
            virResetLastError();
            driver->defaultsBroken = true;
            lveDefaultsBuiltin(&defaults);
            if (be->ops->getDefaults && be->ops->getDefaults(be, &defaults) < 0) {
                virResetLastError();
                lveDefaultsBuiltin(&defaults);
            }
        } else if (be->ops->setDefaults && be->ops->setDefaults(be, &defaults) < 0) {
            VIR_WARN("cannot give the saved LVE defaults to the kernel: %s",
                     virGetLastErrorMessage());
            virResetLastError();
        }
    } else if (be->ops->getDefaults && be->ops->getDefaults(be, &defaults) < 0) {
        return -1;
    }
    driver->defaults = defaults;
    return 0;
}

static int
lveGetDefaultParams(lveDriver *driver, virTypedParameterPtr params, int n)
{
    lveLimits defaults;
    int i;

    lveDriverGetDefaults(driver, &defaults);
    for (i = 0; i < n && i < LVE_LIMIT_LAST; i++) {
        g_autofree char *name = lveDefaultParamName(i);

        if (lveDefaultParamType(i) == VIR_TYPED_PARAM_ULLONG)
            virTypedParamSetULLong(&params[i], name, defaults.value[i]);
        else
            virTypedParamSetUInt(&params[i], name, defaults.value[i]);
    }
    return i;
}

int
lveNodeGetMemoryParameters(virConnectPtr conn, virTypedParameterPtr params, int *nparams,
                           unsigned int flags)
{
    lveDriver *driver = lveDriverFromConn(conn);
    virNodeMemoryShare shm = { 0 };
    int nksm;

    virCheckFlags(VIR_TYPED_PARAM_STRING_OKAY, -1);
    if (*nparams == 0) {
        *nparams = VIR_NODE_MEMORY_SHARE_NPARAMS + LVE_LIMIT_LAST;
        return 0;
    }
    nksm = MIN(*nparams, VIR_NODE_MEMORY_SHARE_NPARAMS);
    if (lveKsmRead(&shm) < 0 || virNodeMemoryShareGetParams(&shm, params, &nksm) < 0)
        return -1;
    *nparams = nksm + lveGetDefaultParams(driver, params + nksm, *nparams - nksm);
    return 0;
}

/* Moves the lve_default_* parameters out of @params into @defaults;
 * what is left is KSM's. */
static int
lveTakeDefaultParams(virTypedParameterPtr params, int *nparams, lveLimits *defaults)
{
    int i, kept = 0;

    for (i = 0; i < *nparams; i++) {
        virTypedParameterPtr p = &params[i];
        int which;

        if (!g_str_has_prefix(p->field, LVE_PARAM_DEFAULT_PREFIX)) {
            params[kept++] = *p;
            continue;
        }
        if ((which = lveLimitFromName(p->field + strlen(LVE_PARAM_DEFAULT_PREFIX))) < 0) {
            virReportError(VIR_ERR_ARGUMENT_UNSUPPORTED,
                           _("parameter '%s' is not supported: the LVE defaults are lve_default_speed, _ncpu, _pmem, _vmem, _io, _iops, _nproc and _ep"),
                           p->field);
            return -1;
        }
        if (p->type != lveDefaultParamType(which)) {
            virReportError(VIR_ERR_INVALID_ARG, _("parameter '%s' must be of type %s"),
                           p->field, virTypedParamTypeName(lveDefaultParamType(which)));
            return -1;
        }
        defaults->value[which] = p->type == VIR_TYPED_PARAM_ULLONG ? p->value.ul : p->value.ui;
        if (lveLimitCheck(which, defaults->value[which], "default") < 0)
            return -1;
    }
    *nparams = kept;
    return 0;
}

/* The kernel first, then the file; a file that cannot be written puts
 * the kernel back. */
/* New defaults do not replace a file that did not load: it is kept. */
static int
lveDriverSetDefaultsAside(lveDriver *driver)
{
    g_autofree char *aside = g_strconcat(driver->defaultsPath, ".broken", NULL);

    if (rename(driver->defaultsPath, aside) < 0 && errno != ENOENT) {
        virReportSystemError(errno, _("cannot move '%s' aside"), driver->defaultsPath);
        return -1;
    }
    VIR_WARN("the LVE defaults that did not load are kept as %s", aside);
    driver->defaultsBroken = false;
    return 0;
}

static int
lveDriverSetDefaults(lveDriver *driver, const lveLimits *old, const lveLimits *defaults)
{
    lveBackend *be = driver->backend;

    if (driver->defaultsBroken && lveDriverSetDefaultsAside(driver) < 0)
        return -1;
    if (be->ops->setDefaults && be->ops->setDefaults(be, defaults) < 0)
        return -1;
    if (lveDefaultsSave(driver->defaultsPath, defaults) < 0) {
        virErrorPtr saved = NULL;

        virErrorPreserveLast(&saved);
        if (be->ops->setDefaults && be->ops->setDefaults(be, old) < 0)
            VIR_WARN("the kernel keeps the new LVE defaults, the file the old ones");
        virErrorRestore(&saved);
        return -1;
    }
    virMutexLock(&driver->lock);
    driver->defaults = *defaults;
    virMutexUnlock(&driver->lock);
    return 0;
}

int
lveNodeSetMemoryParameters(virConnectPtr conn, virTypedParameterPtr params, int nparams,
                           unsigned int flags)
{
    lveDriver *driver = lveDriverFromConn(conn);
    g_autofree virTypedParameterPtr ksm = g_memdup2(params, sizeof(*params) * nparams);
    virNodeMemoryShare oldShm = { 0 }, shm;
    lveLimits old, defaults;
    unsigned int changed = 0;
    int nksm = nparams;

    virCheckFlags(0, -1);
    lveDriverGetDefaults(driver, &old);
    defaults = old;
    if (lveTakeDefaultParams(ksm, &nksm, &defaults) < 0)
        return -1;
    if (nksm > 0) {
        if (lveKsmRead(&oldShm) < 0)
            return -1;
        shm = oldShm;
        if (virNodeMemoryShareApplyParams(&shm, ksm, nksm, &changed) < 0)
            return -1;
    }
    /* everything was checked: now change */
    if (nksm < nparams && lveDriverSetDefaults(driver, &old, &defaults) < 0)
        return -1;
    if (changed && lveKsmWrite(&shm, &oldShm, changed) < 0) {
        virErrorPtr saved = NULL;

        virErrorPreserveLast(&saved);
        if (nksm < nparams)
            lveDriverSetDefaults(driver, &defaults, &old);
        virErrorRestore(&saved);
        return -1;
    }
    return 0;
}
