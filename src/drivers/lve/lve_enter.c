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

#include "lve_enter.h"
#include "lve_ksm.h"
#include "lve_run.h"
#include "virerror.h"
#include "virksm.h"
#include "virlog.h"
#include "virtypedparam.h"

#define VIR_FROM_THIS VIR_FROM_LVE

static int
lveDomainCheckEnterable(lveDriver *driver, virDomainObj *obj)
{
    if (virDomainDriverCheckActive(&driver->base, obj) < 0)
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
    if (!(obj = virDomainDriverGetObj(dom)))
        return -1;
    if (lveDomainCheckEnterable(driver, obj) < 0)
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
    if (!(obj = virDomainDriverGetObj(dom)))
        return -1;
    if (virDomainDriverCheckActive(&driver->base, obj) == 0)
        ret = driver->backend->ops->leave(driver->backend, lveDomainId(obj), cookie);
    virDomainObjEndAPI(&obj);
    return ret;
}

/* ---- memory sharing ------------------------------------------------ */

/* Keeps in @pids the tasks whose merging is not @enable yet: a task that
 * has it already, or has gone, is left alone (prctl would change nothing). */
static void
lveDomainShareTasksToChange(GArray *pids, bool enable)
{
    guint i = 0;

    while (i < pids->len) {
        int merges = virKsmProcessMergesAny(g_array_index(pids, pid_t, i));

        if (merges < 0 || merges == enable)
            g_array_remove_index_fast(pids, i);
        else
            i++;
    }
}

/* Changes every task inside; on failure, puts back those already changed. */
int
lveDomainShareTasks(lveDriver *driver, virDomainObj *obj, bool enable)
{
    g_autoptr(GArray) pids = g_array_new(FALSE, FALSE, sizeof(pid_t));
    guint i, j;

    if (driver->backend->ops->listTasks(driver->backend, lveDomainId(obj), pids) < 0)
        return -1;
    lveDomainShareTasksToChange(pids, enable);
    if (pids->len == 0)
        return 0;
    if (obj->state == VIR_DOMAIN_PAUSED) {
        virReportError(VIR_ERR_OPERATION_INVALID,
                       _("domain '%s' is paused: its frozen tasks cannot change their memory sharing"),
                       obj->def->name);
        return -1;
    }
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

/* Pages of the domain's tasks that KSM merged, and that it tracks. */
void
lveDomainHookSharedPages(virDomainDriverBase *base, virDomainObj *obj,
                         unsigned long long *merged, unsigned long long *tracked)
{
    lveDriver *driver = lveDriverFromBase(base);
    g_autoptr(GArray) pids = g_array_new(FALSE, FALSE, sizeof(pid_t));
    guint i;

    *merged = *tracked = 0;
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
