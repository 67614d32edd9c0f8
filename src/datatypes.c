/*
 * datatypes.c: allocation and reference counting of the public handles
 */
#include "internal.h"

#include "virthread.h"

#include "datatypes.h"
#include "driver.h"
#include "viruri.h"

virConnectPtr
virConnectNew(void)
{
    virConnectPtr conn = g_new0(virConnect, 1);

    conn->magic = VIR_CONNECT_MAGIC;
    conn->refs = 1;
    virMutexInit(&conn->lock);
    return conn;
}

/* Drops a reference; the last one closes the driver side and frees. */
void
virConnectUnrefInternal(virConnectPtr conn)
{
    if (!g_atomic_int_dec_and_test(&conn->refs))
        return;
    if (conn->driver && conn->driver->connectClose)
        conn->driver->connectClose(conn);
    conn->magic = 0;
    if (conn->closeFreecb)
        conn->closeFreecb(conn->closeOpaque);
    virResetError(&conn->err);
    virMutexDestroy(&conn->lock);
    virURIFree(conn->uri);
    g_free(conn->uriString);
    g_free(conn);
}

/*
 * Domain handles are recycled through a small cache rather than returned to
 * malloc: listing thousands of domains makes and frees a handle per domain,
 * and with that many blocks alive glibc's malloc and free grow slower the
 * more there are.  Recycled, a handle costs the same at any N.  The cache
 * is bounded; under AddressSanitizer it is off, so that a use after
 * virDomainFree() is still caught.
 */
#if defined(__SANITIZE_ADDRESS__)
# define VIR_DOMAIN_CACHE_MAX 0
#else
# define VIR_DOMAIN_CACHE_MAX 16384
#endif

static virMutex virDomainCacheLock = VIR_MUTEX_INITIALIZER;
static virDomainPtr virDomainCache;     /* linked through ->conn */
static size_t virDomainCacheCount;

static virDomainPtr
virDomainAlloc(void)
{
    virDomainPtr dom = NULL;

    if (VIR_DOMAIN_CACHE_MAX > 0) {
        virMutexLock(&virDomainCacheLock);
        if ((dom = virDomainCache)) {
            virDomainCache = (virDomainPtr)dom->conn;
            virDomainCacheCount--;
        }
        virMutexUnlock(&virDomainCacheLock);
    }
    return dom ? dom : g_new(virDomain, 1);
}

void
virDomainRelease(virDomainPtr dom)
{
    virConnectPtr conn = dom->conn;

    dom->magic = 0;
    if (dom->name != dom->inlineName)
        g_free(dom->name);
#if VIR_DOMAIN_CACHE_MAX > 0
    virMutexLock(&virDomainCacheLock);
    if (virDomainCacheCount < VIR_DOMAIN_CACHE_MAX) {
        dom->conn = (virConnectPtr)virDomainCache;
        virDomainCache = dom;
        virDomainCacheCount++;
        dom = NULL;
    }
    virMutexUnlock(&virDomainCacheLock);
#endif
    g_free(dom);
    virConnectUnrefInternal(conn);
}

void
virDomainHandleSetName(virDomainPtr dom, const char *name)
{
    size_t len = strlen(name) + 1;
    char *old = dom->name;

    dom->name = len <= VIR_DOMAIN_NAME_INLINE ? dom->inlineName : g_malloc(len);
    if (dom->name == old)
        memmove(dom->name, name, len);
    else
        memcpy(dom->name, name, len);
    if (old != dom->inlineName && old != dom->name)
        g_free(old);
}

virDomainPtr
virGetDomain(virConnectPtr conn, const char *name, const unsigned char *uuid,
             int id)
{
    size_t len = strlen(name) + 1;
    virDomainPtr dom = virDomainAlloc();

    dom->magic = VIR_DOMAIN_MAGIC;
    dom->refs = 1;
    dom->conn = conn;
    dom->id = id;
    memcpy(dom->uuid, uuid, VIR_UUID_BUFLEN);
    dom->name = len <= VIR_DOMAIN_NAME_INLINE ? dom->inlineName : g_malloc(len);
    memcpy(dom->name, name, len);
    g_atomic_int_inc(&conn->refs);
    return dom;
}
