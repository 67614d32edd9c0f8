/*
 * vkd_scanner.c: the continuous memory sharing scanners the daemon keeps
 */
#include "internal.h"

#include <glib.h>

#include "vkd_scanner.h"

static GMutex vkdScannerLock;
static GHashTable *vkdScannerConns;     /* URI -> virConnectPtr kept open */

unsigned int
vkdScannerFlags(virConnectPtr conn, unsigned int flags)
{
    const char *type = virConnectGetType(conn);

    if (type && g_str_equal(type, "Xen"))
        flags |= VIR_NODE_MEMORY_SHARED_SCANNER_HOST;
    return flags;
}

static void
vkdScannerClose(gpointer conn)
{
    virConnectClose(conn);
}

void
vkdScannerUpdate(virConnectPtr conn, virTypedParameterPtr params, int nparams)
{
    g_autofree char *uri = NULL;
    unsigned int run;
    virConnectPtr kept = NULL;

    if (virTypedParamsGetUInt(params, nparams, VIR_NODE_MEMORY_SHARED_RUN, &run) != 1 ||
        !(vkdScannerFlags(conn, 0) & VIR_NODE_MEMORY_SHARED_SCANNER_HOST) ||
        !(uri = virConnectGetURI(conn)))
        return;
    g_mutex_lock(&vkdScannerLock);
    if (!vkdScannerConns)
        vkdScannerConns = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, vkdScannerClose);
    if (run != 1) {
        /* closed after the lock is let go of: the close stops the scanner */
        g_autofree char *key = NULL;

        if (g_hash_table_steal_extended(vkdScannerConns, uri, (gpointer *)&key,
                                        (gpointer *)&kept))
            g_debug("%s: the memory sharing scanner stops", uri);
    } else if (!g_hash_table_contains(vkdScannerConns, uri)) {
        if ((kept = virConnectOpen(uri))) {
            g_debug("%s: the memory sharing scanner runs", uri);
            g_hash_table_insert(vkdScannerConns, g_strdup(uri), kept);
        }
        else
            g_warning("the memory sharing scanner of %s stops with the last client: cannot keep a connection to it: %s",
                      uri, virGetLastErrorMessage());
        kept = NULL;
    }
    g_mutex_unlock(&vkdScannerLock);
    if (kept)
        virConnectClose(kept);
}

void
vkdScannerShutdown(void)
{
    GHashTable *conns;

    g_mutex_lock(&vkdScannerLock);
    conns = g_steal_pointer(&vkdScannerConns);
    g_mutex_unlock(&vkdScannerLock);
    if (conns)
        g_hash_table_destroy(conns);
}
