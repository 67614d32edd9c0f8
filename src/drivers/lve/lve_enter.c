/*
 * lve_enter.c: entering and leaving LVE domains, and their memory sharing
 *
 * Sharing is on unless <memoryBacking><nosharepages/>, as in libvirt: a
 * process entering a domain that shares has its memory made mergeable by
 * KSM (prctl PR_SET_MEMORY_MERGE, inherited by its children), and turning
 * sharing on or off for a running domain changes the tasks inside too.
 * Whether KSM merges anything is the host's setting (virNodeSetMemoryParameters).
 */
#include "internal.h"

#include <unistd.h>

#include "lve_domain.h"
#include "lve_ksm.h"
#include "lve_private.h"
#include "lve_tune.h"
#include "virerror.h"
#include "virksm.h"
#include "virlog.h"
#include "virtypedparam.h"

#define VIR_FROM_THIS VIR_FROM_DOMAIN

static int
lveDomainCheckEnterable(virDomainObj *obj)
{
    if (lveDomainCheckActive(obj) < 0)
        return -1;
    if (obj->state == VIR_DOMAIN_PAUSED) {
        virReportError(VIR_ERR_OPERATION_INVALID,
                       _("domain '%s' (LVE %u) is paused: nothing can enter a frozen LVE"),
                       obj->def->name, lveDomainId(obj));
        return -1;
    }
    return 0;
}

/* Merging is turned on once the process is inside: turning it off
 * again after a refused entry would walk every page of every mapping
 * (unmerging), which for a process with large sparse mappings takes
 * minutes.  Whether the kernel can do it is asked first. */
int
lveDomainEnter(virDomainPtr dom, unsigned int *cookie, unsigned int flags)
{
    lveDriver *driver = lveDriverFromConn(dom->conn);
    virDomainObj *obj;
    lveLimits lim;
    bool sharing;
    int ret = -1;

    virCheckFlags(VIR_DOMAIN_ENTER_NO_UBC | VIR_DOMAIN_ENTER_NAMESPACE |
                  VIR_DOMAIN_ENTER_NO_MAXENTER | VIR_DOMAIN_ENTER_ONE_WAY, -1);
    if (!(obj = virDomainDriverObjFromDomain(dom)))
        return -1;
    if (lveDomainCheckEnterable(obj) < 0)
        goto cleanup;
    lveDomainEffective(driver, obj->def, &lim);
    sharing = !obj->def->nosharepages;
    if (sharing && virKsmCheckSelf() < 0)
        goto cleanup;
    if (driver->backend->ops->enter(driver->backend, lveDomainId(obj), &lim, flags, cookie) < 0)
        goto cleanup;
    if (sharing && virKsmSetSelf(true) < 0) {
        /* asked for first: only an unexpected refusal gets here */
        VIR_WARN("LVE %u: memory of process %d is not mergeable: %s", lveDomainId(obj),
                 (int)getpid(), virGetLastErrorMessage());
        virResetLastError();
    }
    ret = 0;
 cleanup:
    virDomainObjEndAPI(&obj);
    return ret;
}

int
lveDomainLeave(virDomainPtr dom, unsigned int cookie, unsigned int flags)
{
    lveDriver *driver = lveDriverFromConn(dom->conn);
    virDomainObj *obj;
    int ret = -1;

    virCheckFlags(0, -1);
    if (!(obj = virDomainDriverObjFromDomain(dom)))
        return -1;
    if (lveDomainCheckActive(obj) == 0)
        ret = driver->backend->ops->leave(driver->backend, lveDomainId(obj), cookie);
    virDomainObjEndAPI(&obj);
    return ret;
}

/* ---- memory sharing ------------------------------------------------ */

/* Changes every task inside; on failure, puts back those already changed. */
static int
lveDomainShareTasks(lveDriver *driver, virDomainObj *obj, bool enable)
{
    g_autoptr(GArray) pids = g_array_new(FALSE, FALSE, sizeof(pid_t));
    guint i, j;

    if (obj->state == VIR_DOMAIN_PAUSED) {
        virReportError(VIR_ERR_OPERATION_INVALID,
                       _("domain '%s' is paused: its frozen tasks cannot change their memory sharing"),
                       obj->def->name);
        return -1;
    }
    if (driver->backend->ops->listTasks(driver->backend, lveDomainId(obj), pids) < 0)
        return -1;
    for (i = 0; i < pids->len; i++) {
        if (lveKsmSetProcess(g_array_index(pids, pid_t, i), enable) < 0)
            break;
    }
    if (i == pids->len)
        return 0;
    for (j = 0; j < i; j++) {
        if (lveKsmSetProcess(g_array_index(pids, pid_t, j), !enable) < 0)
            VIR_WARN("task %d keeps memory sharing %s", g_array_index(pids, pid_t, j),
                     enable ? "on" : "off");
    }
    return -1;
}

int
lveDomainSetMemorySharing(virDomainPtr dom, int enable, unsigned int flags)
{
    lveDriver *driver = lveDriverFromConn(dom->conn);
    virDomainDef *live, *pers;
    virDomainObj *obj;
    int rc = 0;

    virCheckFlags(VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG, -1);
    if (!(obj = lveDomainBeginChange(dom, flags, &live, &pers)))
        return -1;
    if (live && live->nosharepages == !enable)
        g_clear_pointer(&live, virDomainDefFree);   /* nothing to change */
    if (live) {
        live->nosharepages = !enable;
        rc = lveDomainShareTasks(driver, obj, enable);
    }
    if (pers)
        pers->nosharepages = !enable;
    return lveDomainEndChange(driver, &obj, live, pers, 0, rc);
}

/* Pages of the domain's tasks that KSM merged, and that it tracks. */
static void
lveDomainSharedPages(lveDriver *driver, virDomainObj *obj, unsigned long long *merged,
                     unsigned long long *tracked)
{
    g_autoptr(GArray) pids = g_array_new(FALSE, FALSE, sizeof(pid_t));
    guint i;

    *merged = *tracked = 0;
    if (!virDomainObjIsActive(obj))
        return;
    if (driver->backend->ops->listTasks(driver->backend, lveDomainId(obj), pids) < 0) {
        VIR_DEBUG("no task list, so no shared pages: %s", virGetLastErrorMessage());
        virResetLastError();
        return;
    }
    for (i = 0; i < pids->len; i++) {
        unsigned long long m, t;

        virKsmGetProcessPages(g_array_index(pids, pid_t, i), &m, &t);
        *merged += m;
        *tracked += t;
    }
}

int
lveDomainGetMemorySharing(virDomainPtr dom, virTypedParameterPtr params, int *nparams,
                          unsigned int flags)
{
    lveDriver *driver = lveDriverFromConn(dom->conn);
    unsigned long long merged = 0, tracked = 0;
    virDomainObj *obj;
    virDomainDef *def;

    virCheckFlags(VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG, -1);
    if (*nparams == 0) {
        *nparams = 3;
        return 0;
    }
    if (!(obj = virDomainDriverObjFromDomain(dom)))
        return -1;
    if (!(def = virDomainObjGetOneDef(obj, flags))) {
        virDomainObjEndAPI(&obj);
        return -1;
    }
    if (def == obj->def)
        lveDomainSharedPages(driver, obj, &merged, &tracked);
    memset(params, 0, sizeof(*params) * *nparams);
    params[0].type = VIR_TYPED_PARAM_BOOLEAN;
    g_strlcpy(params[0].field, VIR_DOMAIN_MEMORY_SHARING_ENABLED, sizeof(params[0].field));
    params[0].value.b = !def->nosharepages;
    if (*nparams >= 2)
        virTypedParamSetULLong(&params[1], VIR_DOMAIN_MEMORY_SHARING_SHARED_PAGES, merged);
    if (*nparams >= 3)
        virTypedParamSetULLong(&params[2], VIR_DOMAIN_MEMORY_SHARING_MERGEABLE_PAGES, tracked);
    *nparams = MIN(*nparams, 3);
    virDomainObjEndAPI(&obj);
    return 0;
}
