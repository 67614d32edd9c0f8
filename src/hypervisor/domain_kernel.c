/*
 * domain_kernel.c: running domains checked against the kernel, and the
 * checks before acting on a frozen domain
 */
#include "internal.h"

#include "domain_kernel.h"
#include "domain_sync.h"
#include "virerror.h"
#include "virlog.h"

#define VIR_FROM_THIS VIR_FROM_DOMAIN

/* Whether the kernel says running @obj (locked) is gone; a kernel that
 * cannot tell leaves it running. */
static bool
virDomainDriverKernelLost(virDomainDriverBase *base, virDomainObj *obj)
{
    int running;

    if (!virDomainObjIsActive(obj))
        return false;
    if ((running = base->hooks->stillRunning(base, obj)) < 0) {
        VIR_DEBUG("domain '%s': cannot tell whether it still runs: %s", obj->def->name,
                  virGetLastErrorMessage());
        virResetLastError();
    }
    return running == 0;
}

/* Books the domain of @uuid shut off if it is still gone, holding the
 * root's lock: status files change under it only. */
static void
virDomainDriverBookGone(virDomainDriverBase *base, virConnectPtr conn,
                        const unsigned char *uuid)
{
    virDomainObj *obj;

    if (base->store && virDomainStoreLock(base->store) < 0) {
        VIR_WARN("%s", virGetLastErrorMessage());
        virResetLastError();
        return;
    }
    if ((obj = virDomainObjListFindByUUID(base->domains, uuid)) &&
        virDomainDriverKernelLost(base, obj)) {
        VIR_DEBUG("domain '%s' ended by itself", obj->def->name);
        virDomainDriverObjGone(base, obj, !(conn->flags & VIR_CONNECT_RO),
                               VIR_DOMAIN_SHUTOFF_SHUTDOWN);
    }
    virDomainObjEndAPI(&obj);
    if (base->store)
        virDomainStoreUnlock(base->store);
}

void
virDomainDriverPollOne(virDomainDriverBase *base, virConnectPtr conn,
                       const unsigned char *uuid)
{
    virDomainObj *obj;
    bool lost;

    if (!base->pollRunning)
        return;
    if (!(obj = virDomainObjListFindByUUID(base->domains, uuid)))
        return;
    lost = virDomainDriverKernelLost(base, obj);
    virDomainObjEndAPI(&obj);
    /* the common answer costs one question and no lock of the root */
    if (lost)
        virDomainDriverBookGone(base, conn, uuid);
}

typedef struct {
    virDomainDriverBase *base;
    GArray *lost;                   /* of uuids */
} virDomainDriverPollCtx;

static void
virDomainDriverPollCollect(virDomainObj *obj, void *opaque)
{
    virDomainDriverPollCtx *ctx = opaque;

    if (virDomainDriverKernelLost(ctx->base, obj))
        g_array_append_vals(ctx->lost, obj->uuid, VIR_UUID_BUFLEN);
}

void
virDomainDriverRefreshAll(virDomainDriverBase *base, virConnectPtr conn)
{
    g_autoptr(GArray) lost = NULL;
    virDomainDriverPollCtx ctx = { base, NULL };
    guint i;

    virDomainDriverRefresh(base, conn);
    if (!base->pollRunning)
        return;
    lost = g_array_new(FALSE, FALSE, 1);
    ctx.lost = lost;
    virDomainObjListForEach(base->domains, virDomainDriverPollCollect, &ctx);
    for (i = 0; i < lost->len; i += VIR_UUID_BUFLEN)
        virDomainDriverBookGone(base, conn, (const unsigned char *)lost->data + i);
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
