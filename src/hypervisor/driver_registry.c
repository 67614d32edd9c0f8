/*
 * driver_registry.c: one driver state per root, shared by every connection
 * to it in the process, and the URIs that name a root
 */
#include "internal.h"

#include <unistd.h>

#include "domain_sync.h"
#include "driver_registry.h"
#include "virerror.h"

#define VIR_FROM_THIS VIR_FROM_NONE

static virDomainDriverBase *
virDriverRegistryCreateState(virDriverRegistry *reg, const char *key,
                             virDriverRegistryCreate create, void *opaque,
                             void (*freeState)(virDomainDriverBase *base))
{
    virDomainDriverBase *base = create(key, opaque);

    if (base) {
        base->refs = 1;
        base->registry = reg;
        base->freeState = freeState;
    }
    return base;
}

virDomainDriverBase *
virDriverRegistryAcquire(virDriverRegistry *reg, const char *key, const char *options,
                         virDriverRegistryCreate create, void *opaque,
                         void (*freeState)(virDomainDriverBase *base))
{
    virDomainDriverBase *base;

    if (!key)
        return virDriverRegistryCreateState(reg, NULL, create, opaque, freeState);
    virMutexLock(&reg->lock);
    if (!reg->states)
        reg->states = g_hash_table_new(g_str_hash, g_str_equal);
    if ((base = g_hash_table_lookup(reg->states, key))) {
        if (STRNEQ(base->options, options)) {
            virReportError(VIR_ERR_OPERATION_INVALID,
                           _("root '%s' is already open in this process with %s; it cannot also be opened with %s"),
                           key, base->options, options);
            base = NULL;
        } else {
            base->refs++;
        }
    } else if ((base = virDriverRegistryCreateState(reg, key, create, opaque, freeState))) {
        base->key = g_strdup(key);
        base->options = g_strdup(options);
        g_hash_table_insert(reg->states, base->key, base);
    }
    virMutexUnlock(&reg->lock);
    return base;
}

void
virDriverRegistryRelease(virDomainDriverBase *base)
{
    virDriverRegistry *reg = base->registry;
    bool last;

    if (!base->key) {
        base->freeState(base);
        return;
    }
    virMutexLock(&reg->lock);
    if ((last = --base->refs == 0))
        g_hash_table_remove(reg->states, base->key);
    virMutexUnlock(&reg->lock);
    if (last)
        base->freeState(base);
}

virDrvOpenStatus
virDriverRegistryConnect(virConnectPtr conn, virDriverRegistry *reg, const char *key,
                         const char *options, virDriverRegistryCreate create, void *opaque,
                         void (*freeState)(virDomainDriverBase *base))
{
    virDomainDriverBase *base;

    if (!(base = virDriverRegistryAcquire(reg, key, options, create, opaque, freeState)))
        return VIR_DRV_OPEN_ERROR;
    if (!(conn->flags & VIR_CONNECT_RO))
        virDomainDriverOpenWritable(base);
    conn->privateData = base;
    return VIR_DRV_OPEN_SUCCESS;
}

int
sharedConnectClose(virConnectPtr conn)
{
    virDriverRegistryRelease(conn->privateData);
    conn->privateData = NULL;
    return 0;
}

virDrvOpenStatus
virDriverParseRootURI(const virURI *uri, const char *const *params, const char **root)
{
    g_autoptr(GPtrArray) allowed = g_ptr_array_new();
    bool embed = STREQ(uri->path, "/embed");

    if (!embed && STRNEQ(uri->path, "/system")) {
        virReportError(VIR_ERR_INVALID_ARG,
                       _("unknown %s driver URI path '%s': use %s:///system or %s:///embed?root=DIR"),
                       uri->scheme, uri->path, uri->scheme, uri->scheme);
        return VIR_DRV_OPEN_ERROR;
    }
    if (embed)
        g_ptr_array_add(allowed, (gpointer)"root");
    for (; params && *params; params++)
        g_ptr_array_add(allowed, (gpointer)*params);
    g_ptr_array_add(allowed, NULL);
    if (virURICheckParams(uri, (const char *const *)allowed->pdata) < 0)
        return VIR_DRV_OPEN_ERROR;
    if (!embed) {
        if (geteuid() != 0) {
            virReportError(VIR_ERR_NO_CONNECT,
                           _("%s:///system is for root; other users can use %s:///embed?root=DIR"),
                           uri->scheme, uri->scheme);
            return VIR_DRV_OPEN_DECLINED;
        }
        *root = "/";
        return VIR_DRV_OPEN_SUCCESS;
    }
    *root = virURIGetParam(uri, "root");
    if (!*root || !g_path_is_absolute(*root)) {
        virReportError(VIR_ERR_INVALID_ARG,
                       _("%s:///embed needs an absolute root directory: %s:///embed?root=/DIR"),
                       uri->scheme, uri->scheme);
        return VIR_DRV_OPEN_ERROR;
    }
    return VIR_DRV_OPEN_SUCCESS;
}
