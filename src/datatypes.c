/*
 * datatypes.c: allocation and reference counting of the public handles
 */
#include "internal.h"

#include "datatypes.h"
#include "driver.h"
#include "viruri.h"

virConnectPtr
virConnectNew(void)
{
    virConnectPtr conn = g_new0(virConnect, 1);

    conn->magic = VIR_CONNECT_MAGIC;
    conn->refs = 1;
    g_mutex_init(&conn->lock);
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
    virResetError(&conn->err);
    g_mutex_clear(&conn->lock);
    virURIFree(conn->uri);
    g_free(conn->uriString);
    g_free(conn);
}

virDomainPtr
virGetDomain(virConnectPtr conn, const char *name, const unsigned char *uuid,
             int id)
{
    size_t len = strlen(name) + 1;
    virDomainPtr dom = g_malloc(sizeof(*dom) + len);

    dom->magic = VIR_DOMAIN_MAGIC;
    dom->refs = 1;
    dom->conn = conn;
    dom->id = id;
    memcpy(dom->uuid, uuid, VIR_UUID_BUFLEN);
    memcpy(dom->name, name, len);
    g_atomic_int_inc(&conn->refs);
    return dom;
}
