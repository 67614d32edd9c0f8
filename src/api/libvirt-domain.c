/*
 * libvirt-domain.c: entry points for listing and looking up domains, and
 * for what a domain handle holds
 */
#include "internal.h"

#include "api.h"
#include "viruuid.h"

#define VIR_FROM_THIS VIR_FROM_DOMAIN

/**
 * virConnectNumOfDomains:
 * @conn: pointer to the hypervisor connection
 *
 * Returns the number of active domains, or -1.
 */
int
virConnectNumOfDomains(virConnectPtr conn)
{
    int ret;

    VIR_DEBUG("conn=%p", conn);
    virResetLastError();
    if (virCheckConnect(conn) < 0)
        return -1;
    if (!conn->driver->connectNumOfDomains) {
        virReportUnsupported(conn, __func__);
        goto error;
    }
    if ((ret = conn->driver->connectNumOfDomains(conn)) < 0)
        goto error;
    return ret;

 error:
    virDispatchError(conn);
    return -1;
}

/**
 * virConnectListDomains:
 * @conn: pointer to the hypervisor connection
 * @ids: array to collect the list of IDs of active domains
 * @maxids: size of @ids
 *
 * Collects the ids of active domains.  The list may change before the
 * caller uses it; virConnectListAllDomains() does not have that race.
 *
 * Returns the number of ids stored in @ids, or -1.
 */
int
virConnectListDomains(virConnectPtr conn, int *ids, int maxids)
{
    int ret;

    VIR_DEBUG("conn=%p", conn);
    virResetLastError();
    if (virCheckConnect(conn) < 0)
        return -1;
    if (virCheckArg(maxids >= 0, "maxids", _("must not be negative")) < 0)
        goto error;
    if (virCheckArg(ids || maxids == 0, "ids", _("must not be NULL")) < 0)
        goto error;
    if (!conn->driver->connectListDomains) {
        virReportUnsupported(conn, __func__);
        goto error;
    }
    if ((ret = conn->driver->connectListDomains(conn, ids, maxids)) < 0)
        goto error;
    return ret;

 error:
    virDispatchError(conn);
    return -1;
}

/**
 * virConnectNumOfDefinedDomains:
 * @conn: pointer to the hypervisor connection
 *
 * Returns the number of defined (persistent) domains that are not
 * running, or -1.
 */
int
virConnectNumOfDefinedDomains(virConnectPtr conn)
{
    int ret;

    VIR_DEBUG("conn=%p", conn);
    virResetLastError();
    if (virCheckConnect(conn) < 0)
        return -1;
    if (!conn->driver->connectNumOfDefinedDomains) {
        virReportUnsupported(conn, __func__);
        goto error;
    }
    if ((ret = conn->driver->connectNumOfDefinedDomains(conn)) < 0)
        goto error;
    return ret;

 error:
    virDispatchError(conn);
    return -1;
}

/**
 * virConnectListDefinedDomains:
 * @conn: pointer to the hypervisor connection
 * @names: array to collect the names of inactive domains; the caller frees
 *         each with free()
 * @maxnames: size of @names
 *
 * Returns the number of names stored in @names, or -1.
 */
int
virConnectListDefinedDomains(virConnectPtr conn, char **const names, int maxnames)
{
    int ret;

    VIR_DEBUG("conn=%p", conn);
    virResetLastError();
    if (virCheckConnect(conn) < 0)
        return -1;
    if (virCheckArg(maxnames >= 0, "maxnames", _("must not be negative")) < 0)
        goto error;
    if (virCheckArg(names || maxnames == 0, "names", _("must not be NULL")) < 0)
        goto error;
    if (!conn->driver->connectListDefinedDomains) {
        virReportUnsupported(conn, __func__);
        goto error;
    }
    if ((ret = conn->driver->connectListDefinedDomains(conn, names, maxnames)) < 0)
        goto error;
    return ret;

 error:
    virDispatchError(conn);
    return -1;
}

/**
 * virConnectListAllDomains:
 * @conn: pointer to the hypervisor connection
 * @domains: where to store the array of domain handles, or NULL to only
 *           count; the caller frees each handle with virDomainFree() and
 *           the array with free()
 * @flags: bitwise-OR of virConnectListAllDomainsFlags filters
 *
 * Collects the domains that pass every filter group in @flags, all at one
 * instant.  With @flags 0, every domain.
 *
 * Returns the number of domains, or -1.
 */
int
virConnectListAllDomains(virConnectPtr conn, virDomainPtr **domains,
                         unsigned int flags)
{
    int ret;

    if (domains)
        *domains = NULL;
    VIR_DEBUG("conn=%p", conn);
    virResetLastError();
    if (virCheckConnect(conn) < 0)
        return -1;
    if (!conn->driver->connectListAllDomains) {
        virReportUnsupported(conn, __func__);
        goto error;
    }
    if ((ret = conn->driver->connectListAllDomains(conn, domains, flags)) < 0)
        goto error;
    return ret;

 error:
    virDispatchError(conn);
    return -1;
}

/**
 * virDomainGetConnect:
 * @domain: pointer to a domain
 *
 * Returns the connection of @domain, without a new reference, or NULL.
 */
virConnectPtr
virDomainGetConnect(virDomainPtr domain)
{
    VIR_DEBUG("dom=%p", domain);
    virResetLastError();
    if (virCheckDomain(domain) < 0)
        return NULL;
    return domain->conn;
}

/**
 * virDomainLookupByID:
 * @conn: pointer to the hypervisor connection
 * @id: the id of an active domain
 *
 * Returns a new domain handle to free with virDomainFree(), or NULL with
 * VIR_ERR_NO_DOMAIN when no active domain has that id.
 */
virDomainPtr
virDomainLookupByID(virConnectPtr conn, int id)
{
    virDomainPtr ret;

    VIR_DEBUG("conn=%p", conn);
    virResetLastError();
    if (virCheckConnect(conn) < 0)
        return NULL;
    if (virCheckArg(id >= 0, "id", _("must not be negative")) < 0)
        goto error;
    if (!conn->driver->domainLookupByID) {
        virReportUnsupported(conn, __func__);
        goto error;
    }
    if (!(ret = conn->driver->domainLookupByID(conn, id)))
        goto error;
    return ret;

 error:
    virDispatchError(conn);
    return NULL;
}

/**
 * virDomainLookupByName:
 * @conn: pointer to the hypervisor connection
 * @name: name of the domain
 *
 * Returns a new domain handle to free with virDomainFree(), or NULL.
 */
virDomainPtr
virDomainLookupByName(virConnectPtr conn, const char *name)
{
    virDomainPtr ret;

    VIR_DEBUG("conn=%p", conn);
    virResetLastError();
    if (virCheckConnect(conn) < 0)
        return NULL;
    if (virCheckNonNullArg(name) < 0)
        goto error;
    if (!conn->driver->domainLookupByName) {
        virReportUnsupported(conn, __func__);
        goto error;
    }
    if (!(ret = conn->driver->domainLookupByName(conn, name)))
        goto error;
    return ret;

 error:
    virDispatchError(conn);
    return NULL;
}

/**
 * virDomainLookupByUUID:
 * @conn: pointer to the hypervisor connection
 * @uuid: the raw UUID of the domain (VIR_UUID_BUFLEN bytes)
 *
 * Returns a new domain handle to free with virDomainFree(), or NULL.
 */
virDomainPtr
virDomainLookupByUUID(virConnectPtr conn, const unsigned char *uuid)
{
    virDomainPtr ret;

    VIR_DEBUG("conn=%p", conn);
    virResetLastError();
    if (virCheckConnect(conn) < 0)
        return NULL;
    if (virCheckNonNullArg(uuid) < 0)
        goto error;
    if (!conn->driver->domainLookupByUUID) {
        virReportUnsupported(conn, __func__);
        goto error;
    }
    if (!(ret = conn->driver->domainLookupByUUID(conn, uuid)))
        goto error;
    return ret;

 error:
    virDispatchError(conn);
    return NULL;
}

/**
 * virDomainLookupByUUIDString:
 * @conn: pointer to the hypervisor connection
 * @uuidstr: the UUID of the domain, in printable form
 *
 * Returns a new domain handle to free with virDomainFree(), or NULL.
 */
virDomainPtr
virDomainLookupByUUIDString(virConnectPtr conn, const char *uuidstr)
{
    virDomainPtr ret;
    unsigned char uuid[VIR_UUID_BUFLEN];

    VIR_DEBUG("conn=%p", conn);
    virResetLastError();
    if (virCheckConnect(conn) < 0)
        return NULL;
    if (virCheckNonNullArg(uuidstr) < 0)
        goto error;
    if (virUUIDParse(uuidstr, uuid) < 0) {
        virReportError(VIR_ERR_INVALID_ARG, _("invalid UUID '%s'"), uuidstr);
        goto error;
    }
    if (!conn->driver->domainLookupByUUID) {
        virReportUnsupported(conn, __func__);
        goto error;
    }
    if (!(ret = conn->driver->domainLookupByUUID(conn, uuid)))
        goto error;
    return ret;

 error:
    virDispatchError(conn);
    return NULL;
}

/**
 * virDomainRef:
 * @domain: the domain to hold a reference on
 *
 * Takes one more reference on @domain; each is released with
 * virDomainFree().
 *
 * Returns 0 in case of success, -1 in case of failure.
 */
int
virDomainRef(virDomainPtr domain)
{
    VIR_DEBUG("dom=%p", domain);
    virResetLastError();
    if (virCheckDomain(domain) < 0)
        return -1;
    g_atomic_int_inc(&domain->refs);
    return 0;
}

/**
 * virDomainFree:
 * @domain: a domain object
 *
 * Releases a reference on the handle; the domain itself is not affected.
 *
 * Returns 0 in case of success and -1 in case of failure.
 */
int
virDomainFree(virDomainPtr domain)
{
    VIR_DEBUG("dom=%p", domain);
    virResetLastError();
    if (virCheckDomain(domain) < 0)
        return -1;
    if (g_atomic_int_dec_and_test(&domain->refs))
        virDomainRelease(domain);
    return 0;
}

/**
 * virDomainGetName:
 * @domain: a domain object
 *
 * Returns the name of the domain, valid as long as the handle, or NULL.
 */
const char *
virDomainGetName(virDomainPtr domain)
{
    VIR_DEBUG("dom=%p", domain);
    virResetLastError();
    if (virCheckDomain(domain) < 0)
        return NULL;
    return domain->name;
}

/**
 * virDomainGetID:
 * @domain: a domain object
 *
 * Returns the id of the domain when the handle was made or last changed
 * by a start or stop through it; (unsigned int)-1 when inactive or on error.
 */
unsigned int
virDomainGetID(virDomainPtr domain)
{
    VIR_DEBUG("dom=%p", domain);
    virResetLastError();
    if (virCheckDomain(domain) < 0)
        return (unsigned int)-1;
    return (unsigned int)g_atomic_int_get(&domain->id);
}

/**
 * virDomainGetUUID:
 * @domain: a domain object
 * @uuid: pointer to a VIR_UUID_BUFLEN bytes array
 *
 * Returns 0 on success, -1 on error.
 */
int
virDomainGetUUID(virDomainPtr domain, unsigned char *uuid)
{
    VIR_DEBUG("dom=%p", domain);
    virResetLastError();
    if (virCheckDomain(domain) < 0)
        return -1;
    if (virCheckNonNullArg(uuid) < 0)
        goto error;
    memcpy(uuid, domain->uuid, VIR_UUID_BUFLEN);
    return 0;

 error:
    virDispatchError(domain->conn);
    return -1;
}

/**
 * virDomainGetUUIDString:
 * @domain: a domain object
 * @buf: pointer to a VIR_UUID_STRING_BUFLEN bytes array
 *
 * Returns 0 on success, -1 on error.
 */
int
virDomainGetUUIDString(virDomainPtr domain, char *buf)
{
    VIR_DEBUG("dom=%p", domain);
    virResetLastError();
    if (virCheckDomain(domain) < 0)
        return -1;
    if (virCheckNonNullArg(buf) < 0)
        goto error;
    virUUIDFormat(domain->uuid, buf);
    return 0;

 error:
    virDispatchError(domain->conn);
    return -1;
}

/**
 * virDomainGetOSType:
 * @domain: a domain object
 *
 * Returns the type of guest OS ("hvm", "exe", ...), to free with free(),
 * or NULL.
 */
char *
virDomainGetOSType(virDomainPtr domain)
{
    virConnectPtr conn;
    char *ret;

    VIR_DEBUG("dom=%p", domain);
    virResetLastError();
    if (virCheckDomain(domain) < 0)
        return NULL;
    conn = domain->conn;
    if (!conn->driver->domainGetOSType) {
        virReportUnsupported(conn, __func__);
        goto error;
    }
    if (!(ret = conn->driver->domainGetOSType(domain)))
        goto error;
    return ret;

 error:
    virDispatchError(domain->conn);
    return NULL;
}
