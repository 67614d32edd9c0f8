/*
 * xen_poll.c: what became of the guests, as the hypervisor says
 *
 * A Xen guest that powers off, reboots or crashes does not go away: Xen
 * keeps it, shut down with its reason, until the toolstack acts (xl's
 * per-guest monitor, libvirtd's death watch).  Here the toolstack is
 * whichever virtkit process looks first: a list asks Xen once for every
 * domain (xc_domain_getinfolist), a read of one domain asks about it
 * alone, and the shared layer then applies the guest's on_poweroff,
 * on_reboot or on_crash action (virDomainDriverObjEnded) in a writer, or
 * only shows the state in a read-only connection.  virtkitd looks every
 * second, so with a daemon running the actions follow within a second.
 *
 * Guests that another toolstack built are only shown (their actions are
 * that toolstack's); those that appeared since the last look are taken
 * into the list.
 */
#include "internal.h"

#include "domain_sync.h"
#include "virerror.h"
#include "virlog.h"
#include "xen_domain.h"

#define VIR_FROM_THIS VIR_FROM_XEN

/* privateData of a domain another toolstack built */
static const char xenForeignMark[] = "foreign";

typedef struct {
    xenDomainInfo *infos;           /* ordered by id, as listDomains gives them */
    size_t ninfos;
} xenPollBatch;

void
xenDomainMarkForeign(virDomainObj *obj)
{
    obj->privateData = (void *)xenForeignMark;
}

static int
xenPollCompareId(const void *key, const void *elem)
{
    unsigned int id = *(const unsigned int *)key;
    const xenDomainInfo *info = elem;

    return id < info->id ? -1 : id > info->id;
}

/* A guest that runs on, as Xen has it now: xl may have paused or
 * unpaused it, another toolstack's guest may have stopped and wait for
 * that toolstack.  What a read then reports needs no other question. */
static void
xenDomainFollowState(virDomainObj *obj, const xenDomainInfo *info)
{
    int state, reason;

    xenDomainStateFromInfo(info, &state, &reason);
    if (state == obj->state)
        return;
    if (state == VIR_DOMAIN_RUNNING)
        reason = VIR_DOMAIN_RUNNING_UNPAUSED;
    virDomainObjSetState(obj, state, reason);
}

static virDomainDriverFate
xenDomainFateFromInfo(virDomainObj *obj, const xenDomainInfo *info)
{
    if (!info || info->dying || memcmp(info->uuid, obj->def->uuid, VIR_UUID_BUFLEN) != 0)
        return VIR_DOMAIN_DRIVER_FATE_GONE;
    if (!info->shutdown || obj->privateData == xenForeignMark) {
        xenDomainFollowState(obj, info);
        return VIR_DOMAIN_DRIVER_FATE_RUNS;
    }
    switch (info->shutdownReason) {
    case XEN_SHUTDOWN_POWEROFF:
        return VIR_DOMAIN_DRIVER_FATE_POWEROFF;
    case XEN_SHUTDOWN_REBOOT:
        return VIR_DOMAIN_DRIVER_FATE_REBOOT;
    case XEN_SHUTDOWN_CRASH:
    case XEN_SHUTDOWN_WATCHDOG:
        return VIR_DOMAIN_DRIVER_FATE_CRASH;
    case XEN_SHUTDOWN_SUSPEND:      /* a save under way */
    case XEN_SHUTDOWN_SOFT_RESET:
    case XEN_SHUTDOWN_LAST:
        break;
    }
    return VIR_DOMAIN_DRIVER_FATE_RUNS;
}

int
xenDomainHookFate(virDomainDriverBase *base, virDomainObj *obj, void *opaque)
{
    xenDriver *driver = xenDriverFromBase(base);
    xenPollBatch *batch = opaque;
    unsigned int id = obj->id;
    xenDomainInfo info;

    if (batch)
        return xenDomainFateFromInfo(obj, bsearch(&id, batch->infos, batch->ninfos,
                                                  sizeof(*batch->infos), xenPollCompareId));
    if (driver->ops->domainInfo(driver->h, id, &info) < 0) {
        if (virGetLastErrorCode() != VIR_ERR_NO_DOMAIN)
            return -1;
        virResetLastError();
        return VIR_DOMAIN_DRIVER_FATE_GONE;
    }
    return xenDomainFateFromInfo(obj, &info);
}

void *
xenDomainHookPollBegin(virDomainDriverBase *base)
{
    xenDriver *driver = xenDriverFromBase(base);
    xenPollBatch *batch = g_new0(xenPollBatch, 1);

    if (driver->ops->listDomains(driver->h, &batch->infos, &batch->ninfos) < 0) {
        g_free(batch);
        return NULL;
    }
    return batch;
}

static bool
xenPollIsNew(xenDriver *driver, const xenDomainInfo *info)
{
    virDomainObj *obj;

    if (info->dying)
        return false;
    if (!(obj = virDomainObjListFindByID(driver->base.domains, info->id)))
        return true;
    virDomainObjEndAPI(&obj);
    return false;
}

/* Guests that appeared since the last look are taken in, with the root's
 * lock held: a virtkit process that builds one holds it until its status
 * is written, so that what is new here is truly another toolstack's. */
void
xenDomainHookPollEnd(virDomainDriverBase *base, void *opaque)
{
    xenDriver *driver = xenDriverFromBase(base);
    g_autofree xenPollBatch *batch = opaque;
    g_autofree xenDomainInfo *infos = batch->infos;
    size_t i;

    for (i = 0; i < batch->ninfos && !xenPollIsNew(driver, &infos[i]); i++)
        ;
    if (i == batch->ninfos)
        return;
    if (virDomainDriverLockRoot(base) < 0) {
        VIR_WARN("%s", virGetLastErrorMessage());
        virResetLastError();
        return;
    }
    for (; i < batch->ninfos; i++) {
        if (xenPollIsNew(driver, &infos[i]))
            xenDomainAdoptOne(driver, &infos[i]);
    }
    virDomainDriverUnlockRoot(base);
}

int
xenDomainHookReboot(virDomainDriverBase *base, virDomainObj *obj,
                    unsigned int flags G_GNUC_UNUSED)
{
    xenDriver *driver = xenDriverFromBase(base);

    return driver->ops->shutdown(driver->h, obj->id, XEN_REQUEST_REBOOT);
}

/* As libvirt's libxl driver names them: DUMPDIR/NAME-YYYY-MM-DD-HH:MM:SS */
int
xenDomainHookCoreDump(virDomainDriverBase *base, virDomainObj *obj)
{
    xenDriver *driver = xenDriverFromBase(base);
    g_autoptr(GDateTime) now = g_date_time_new_now_local();
    g_autofree char *stamp = g_date_time_format(now, "%Y-%m-%d-%H:%M:%S");
    g_autofree char *path = g_strdup_printf("%s/%s-%s", driver->dumpDir, obj->def->name, stamp);

    if (g_mkdir_with_parents(driver->dumpDir, 0700) < 0) {
        virReportSystemError(errno, _("cannot create the directory of core dumps '%s'"),
                             driver->dumpDir);
        return -1;
    }
    VIR_INFO("domain '%s' crashed: its core goes to %s", obj->def->name, path);
    return driver->ops->coreDump(driver->h, obj->id, path);
}
