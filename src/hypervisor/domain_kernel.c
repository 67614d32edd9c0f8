/*
 * domain_kernel.c: running domains checked against the kernel, and the
 * checks before acting on a frozen domain
 */
#include "internal.h"

#include "domain_kernel.h"
#include "domain_lifecycle.h"
#include "domain_sync.h"
#include "virerror.h"
#include "virlog.h"

#define VIR_FROM_THIS VIR_FROM_DOMAIN

/* What the kernel says became of @obj (locked): RUNS for a domain that
 * is not running, or when the kernel cannot tell.  Without a fate hook,
 * a domain that ended after it was asked to shut down powered off as
 * asked: its on_poweroff applies, and a writer's stop hook cleans up
 * after it (one that ended unasked is simply gone). */
static virDomainDriverFate
virDomainDriverKernelFate(virDomainDriverBase *base, virDomainObj *obj, void *batch)
{
    int fate;

    if (!virDomainObjIsActive(obj))
        return VIR_DOMAIN_DRIVER_FATE_RUNS;
    if (base->hooks->fate)
        fate = base->hooks->fate(base, obj, batch);
    else if ((fate = base->hooks->stillRunning(base, obj)) >= 0)
        fate = fate ? VIR_DOMAIN_DRIVER_FATE_RUNS :
               obj->shutdownAsked ? VIR_DOMAIN_DRIVER_FATE_POWEROFF : VIR_DOMAIN_DRIVER_FATE_GONE;
    if (fate < 0) {
        VIR_DEBUG("domain '%s': cannot tell whether it still runs: %s", obj->def->name,
                  virGetLastErrorMessage());
        virResetLastError();
        return VIR_DOMAIN_DRIVER_FATE_RUNS;
    }
    return fate;
}

/* Whether @fate of @obj asks for something not done yet: a guest that
 * stopped and waits is acted on by a writer, unless its action is to
 * preserve it; otherwise only its state is left to book, once. */
static bool
virDomainDriverFatePending(const virDomainObj *obj, virDomainDriverFate fate, bool write)
{
    int state;

    if (fate == VIR_DOMAIN_DRIVER_FATE_RUNS)
        return false;
    if (fate == VIR_DOMAIN_DRIVER_FATE_GONE)
        return true;
    if (write && virDomainDriverEndAction(obj->def, fate) != VIR_DOMAIN_LIFECYCLE_ACTION_PRESERVE)
        return true;
    virDomainDriverEndState(fate, &state, NULL);
    return obj->state != state;
}

void
virDomainDriverSettle(virDomainDriverBase *base, virDomainObj *obj, bool write)
{
    virDomainDriverFate fate = virDomainDriverKernelFate(base, obj, NULL);

    if (!virDomainDriverFatePending(obj, fate, write))
        return;
    if (fate == VIR_DOMAIN_DRIVER_FATE_GONE) {
        VIR_DEBUG("domain '%s' ended by itself", obj->def->name);
        virDomainDriverObjGone(base, obj, write, VIR_DOMAIN_SHUTOFF_SHUTDOWN);
    } else if (virDomainDriverObjEnded(base, obj, fate, write) < 0) {
        VIR_WARN("domain '%s': %s", obj->def->name, virGetLastErrorMessage());
        virResetLastError();
    }
}

/* Books what became of the domain of @uuid if it still is so, holding
 * the root's lock: status files change under it only. */
static void
virDomainDriverBookFate(virDomainDriverBase *base, bool write, const unsigned char *uuid)
{
    virDomainObj *obj;

    if (base->store && virDomainStoreLock(base->store) < 0) {
        VIR_WARN("%s", virGetLastErrorMessage());
        virResetLastError();
        return;
    }
    if ((obj = virDomainObjListFindByUUID(base->domains, uuid)))
        virDomainDriverSettle(base, obj, write);
    virDomainObjEndAPI(&obj);
    if (base->store)
        virDomainStoreUnlock(base->store);
}

/* Whether reads ask the kernel about @obj: every running domain of a
 * driver whose domains end on their own, and one asked to shut down. */
static bool
virDomainDriverPolled(const virDomainDriverBase *base, const virDomainObj *obj)
{
    return base->pollRunning || obj->shutdownAsked;
}

void
virDomainDriverPollOne(virDomainDriverBase *base, virConnectPtr conn,
                       const unsigned char *uuid)
{
    virDomainObj *obj;
    bool pending;

    if (!(obj = virDomainObjListFindByUUID(base->domains, uuid)))
        return;
    pending = virDomainDriverPolled(base, obj) &&
              virDomainDriverFatePending(obj, virDomainDriverKernelFate(base, obj, NULL),
                                         !(conn->flags & VIR_CONNECT_RO));
    virDomainObjEndAPI(&obj);
    /* the common answer costs one question and no lock of the root */
    if (pending)
        virDomainDriverBookFate(base, !(conn->flags & VIR_CONNECT_RO), uuid);
}

typedef struct {
    virDomainDriverBase *base;
    void *batch;                    /* pollBegin's */
    bool write;
    GArray *pending;                /* of uuids */
} virDomainDriverPollCtx;

static void
virDomainDriverPollCollect(virDomainObj *obj, void *opaque)
{
    virDomainDriverPollCtx *ctx = opaque;

    if (virDomainDriverPolled(ctx->base, obj) &&
        virDomainDriverFatePending(obj, virDomainDriverKernelFate(ctx->base, obj, ctx->batch),
                                   ctx->write))
        g_array_append_vals(ctx->pending, obj->uuid, VIR_UUID_BUFLEN);
}

void
virDomainDriverRefreshAll(virDomainDriverBase *base, virConnectPtr conn)
{
    g_autoptr(GArray) pending = NULL;
    virDomainDriverPollCtx ctx = { base, NULL, !(conn->flags & VIR_CONNECT_RO), NULL };
    guint i;

    virDomainDriverRefresh(base, conn);
    pending = g_array_new(FALSE, FALSE, 1);
    ctx.pending = pending;
    if (base->pollRunning && base->hooks->pollBegin &&
        !(ctx.batch = base->hooks->pollBegin(base))) {
        VIR_DEBUG("no list of running domains, each is asked alone: %s",
                  virGetLastErrorMessage());
        virResetLastError();
    }
    virDomainObjListForEach(base->domains, virDomainDriverPollCollect, &ctx);
    if (ctx.batch)
        base->hooks->pollEnd(base, ctx.batch);
    for (i = 0; i < pending->len; i += VIR_UUID_BUFLEN)
        virDomainDriverBookFate(base, ctx.write, (const unsigned char *)pending->data + i);
}

void
virDomainDriverSettleNotice(virDomainDriverBase *base, const unsigned char *uuid)
{
    bool write;

    /* what other processes asked of it, a shutdown say, first */
    virDomainDriverRefreshAs(base, false);
    virMutexLock(&base->idsLock);
    write = base->autostarted;
    virMutexUnlock(&base->idsLock);
    virDomainDriverBookFate(base, write, uuid);
}

int
virDomainDriverThaw(virDomainDriverBase *base, virDomainObj *obj)
{
    if (obj->state != VIR_DOMAIN_PAUSED)
        return 0;
    if (base->hooks->freeze(base, obj, false) < 0)
        return -1;
    virDomainObjSetState(obj, VIR_DOMAIN_RUNNING, VIR_DOMAIN_RUNNING_UNPAUSED);
    return virDomainDriverSaveStatus(base, obj);
}

int
virDomainDriverCheckEnterable(const virDomainDriverBase *base, const virDomainObj *obj)
{
    if (virDomainDriverCheckActive(base, obj) < 0)
        return -1;
    if (obj->state != VIR_DOMAIN_PAUSED)
        return 0;
    if (base->xmlopt.fixedId)
        virDomainDriverError(base, VIR_ERR_OPERATION_INVALID,
                             _("domain '%s' (%s %d) is paused: nothing can enter it while its tasks are frozen"),
                             obj->def->name, base->idName, obj->def->fixedId);
    else
        virDomainDriverError(base, VIR_ERR_OPERATION_INVALID,
                             _("domain '%s' is paused: nothing can enter it while its tasks are frozen"),
                             obj->def->name);
    return -1;
}
