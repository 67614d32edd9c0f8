/*
 * libvirt-domain-lifecycle.c: entry points for defining, starting and
 * stopping domains
 */
#include "internal.h"

#include "api.h"

#define VIR_FROM_THIS VIR_FROM_DOMAIN

/**
 * virDomainDefineXMLFlags:
 * @conn: pointer to the hypervisor connection
 * @xml: the XML description of the domain
 * @flags: bitwise-OR of virDomainDefineFlags
 *
 * Defines a persistent domain, or replaces the configuration of one with
 * the same name and UUID (a running domain keeps running as it was until
 * its next start).
 *
 * Returns a new domain handle, or NULL.
 */
virDomainPtr
virDomainDefineXMLFlags(virConnectPtr conn, const char *xml, unsigned int flags)
{
    virDomainPtr ret;

    VIR_DEBUG("conn=%p", conn);
    virResetLastError();
    if (virCheckConnect(conn) < 0)
        return NULL;
    if (virCheckNonNullArg(xml) < 0)
        goto error;
    if (virCheckReadOnly(conn) < 0)
        goto error;
    if (!conn->driver->domainDefineXMLFlags) {
        virReportUnsupported(conn, __func__);
        goto error;
    }
    if (!(ret = conn->driver->domainDefineXMLFlags(conn, xml, flags)))
        goto error;
    return ret;

 error:
    virDispatchError(conn);
    return NULL;
}

/**
 * virDomainDefineXML:
 * @conn: pointer to the hypervisor connection
 * @xml: the XML description of the domain
 *
 * virDomainDefineXMLFlags() with no flags.
 *
 * Returns a new domain handle, or NULL.
 */
virDomainPtr
virDomainDefineXML(virConnectPtr conn, const char *xml)
{
    virDomainPtr ret;

    VIR_DEBUG("conn=%p", conn);
    virResetLastError();
    if (virCheckConnect(conn) < 0)
        return NULL;
    if (virCheckNonNullArg(xml) < 0)
        goto error;
    if (virCheckReadOnly(conn) < 0)
        goto error;
    if (!conn->driver->domainDefineXMLFlags) {
        virReportUnsupported(conn, __func__);
        goto error;
    }
    if (!(ret = conn->driver->domainDefineXMLFlags(conn, xml, 0)))
        goto error;
    return ret;

 error:
    virDispatchError(conn);
    return NULL;
}

/**
 * virDomainUndefineFlags:
 * @domain: pointer to a defined domain
 * @flags: bitwise-OR of virDomainUndefineFlagsValues
 *
 * Removes the persistent configuration.  A running domain keeps running
 * and becomes transient.
 *
 * Returns 0 on success, -1 on error.
 */
int
virDomainUndefineFlags(virDomainPtr domain, unsigned int flags)
{
    virConnectPtr conn;
    int ret;

    VIR_DEBUG("dom=%p", domain);
    virResetLastError();
    if (virCheckDomain(domain) < 0)
        return -1;
    conn = domain->conn;
    if (virCheckReadOnly(conn) < 0)
        goto error;
    if (!conn->driver->domainUndefineFlags) {
        virReportUnsupported(conn, __func__);
        goto error;
    }
    if ((ret = conn->driver->domainUndefineFlags(domain, flags)) < 0)
        goto error;
    return ret;

 error:
    virDispatchError(domain->conn);
    return -1;
}

/**
 * virDomainRename:
 * @dom: pointer to a defined domain
 * @new_name: its new name
 * @flags: extra flags; not used yet, so callers should always pass 0
 *
 * Gives the domain another name; drivers rename a persistent domain that
 * is shut off.  Its uuid, configuration and autostart stay, and on success
 * @dom names it by @new_name.  Parts of the definition derived from the
 * old name when it was defined are not changed.
 *
 * Returns 0 on success, -1 on error.
 */
int
virDomainRename(virDomainPtr dom, const char *new_name, unsigned int flags)
{
    virConnectPtr conn;

    VIR_DEBUG("dom=%p, new_name=%s", dom, NULLSTR(new_name));
    virResetLastError();
    if (virCheckDomain(dom) < 0)
        return -1;
    conn = dom->conn;
    if (virCheckNonEmptyStringArg(new_name) < 0 || virCheckReadOnly(conn) < 0)
        goto error;
    if (!conn->driver->domainRename) {
        virReportUnsupported(conn, __func__);
        goto error;
    }
    if (conn->driver->domainRename(dom, new_name, flags) < 0)
        goto error;
    virDomainHandleSetName(dom, new_name);
    return 0;

 error:
    virDispatchError(dom->conn);
    return -1;
}

/**
 * virDomainUndefine:
 * @domain: pointer to a defined domain
 *
 * virDomainUndefineFlags() with no flags.
 *
 * Returns 0 on success, -1 on error.
 */
int
virDomainUndefine(virDomainPtr domain)
{
    virConnectPtr conn;
    int ret;

    VIR_DEBUG("dom=%p", domain);
    virResetLastError();
    if (virCheckDomain(domain) < 0)
        return -1;
    conn = domain->conn;
    if (virCheckReadOnly(conn) < 0)
        goto error;
    if (!conn->driver->domainUndefineFlags) {
        virReportUnsupported(conn, __func__);
        goto error;
    }
    if ((ret = conn->driver->domainUndefineFlags(domain, 0)) < 0)
        goto error;
    return ret;

 error:
    virDispatchError(domain->conn);
    return -1;
}

/**
 * virDomainCreateXML:
 * @conn: pointer to the hypervisor connection
 * @xmlDesc: the XML description of the domain
 * @flags: bitwise-OR of virDomainCreateFlags
 *
 * Starts a transient domain: it has no persistent configuration and is
 * gone when it stops.
 *
 * Returns a new domain handle, or NULL.
 */
virDomainPtr
virDomainCreateXML(virConnectPtr conn, const char *xmlDesc, unsigned int flags)
{
    virDomainPtr ret;

    VIR_DEBUG("conn=%p", conn);
    virResetLastError();
    if (virCheckConnect(conn) < 0)
        return NULL;
    if (virCheckNonNullArg(xmlDesc) < 0)
        goto error;
    if (virCheckReadOnly(conn) < 0)
        goto error;
    if (!conn->driver->domainCreateXML) {
        virReportUnsupported(conn, __func__);
        goto error;
    }
    if (!(ret = conn->driver->domainCreateXML(conn, xmlDesc, flags)))
        goto error;
    return ret;

 error:
    virDispatchError(conn);
    return NULL;
}

/**
 * virDomainCreateWithFlags:
 * @domain: pointer to a defined domain
 * @flags: bitwise-OR of virDomainCreateFlags
 *
 * Starts a defined domain; on success the handle carries the new id.
 *
 * Returns 0 on success, -1 on error.
 */
int
virDomainCreateWithFlags(virDomainPtr domain, unsigned int flags)
{
    virConnectPtr conn;
    int ret;

    VIR_DEBUG("dom=%p", domain);
    virResetLastError();
    if (virCheckDomain(domain) < 0)
        return -1;
    conn = domain->conn;
    if (virCheckReadOnly(conn) < 0)
        goto error;
    if (!conn->driver->domainCreateWithFlags) {
        virReportUnsupported(conn, __func__);
        goto error;
    }
    if ((ret = conn->driver->domainCreateWithFlags(domain, flags)) < 0)
        goto error;
    return ret;

 error:
    virDispatchError(domain->conn);
    return -1;
}

/**
 * virDomainCreate:
 * @domain: pointer to a defined domain
 *
 * virDomainCreateWithFlags() with no flags.
 *
 * Returns 0 on success, -1 on error.
 */
int
virDomainCreate(virDomainPtr domain)
{
    virConnectPtr conn;
    int ret;

    VIR_DEBUG("dom=%p", domain);
    virResetLastError();
    if (virCheckDomain(domain) < 0)
        return -1;
    conn = domain->conn;
    if (virCheckReadOnly(conn) < 0)
        goto error;
    if (!conn->driver->domainCreateWithFlags) {
        virReportUnsupported(conn, __func__);
        goto error;
    }
    if ((ret = conn->driver->domainCreateWithFlags(domain, 0)) < 0)
        goto error;
    return ret;

 error:
    virDispatchError(domain->conn);
    return -1;
}

/**
 * virDomainShutdownFlags:
 * @domain: a domain object
 * @flags: bitwise-OR of virDomainShutdownFlagValues
 *
 * Asks the domain to shut down: a guest OS is asked to power off; a
 * container's tasks get SIGTERM and a grace period.
 *
 * Returns 0 on success, -1 on error.
 */
int
virDomainShutdownFlags(virDomainPtr domain, unsigned int flags)
{
    virConnectPtr conn;
    int ret;

    VIR_DEBUG("dom=%p", domain);
    virResetLastError();
    if (virCheckDomain(domain) < 0)
        return -1;
    conn = domain->conn;
    if (virCheckReadOnly(conn) < 0)
        goto error;
    if (!conn->driver->domainShutdownFlags) {
        virReportUnsupported(conn, __func__);
        goto error;
    }
    if ((ret = conn->driver->domainShutdownFlags(domain, flags)) < 0)
        goto error;
    return ret;

 error:
    virDispatchError(domain->conn);
    return -1;
}

/**
 * virDomainShutdown:
 * @domain: a domain object
 *
 * virDomainShutdownFlags() with no flags.
 *
 * Returns 0 on success, -1 on error.
 */
int
virDomainShutdown(virDomainPtr domain)
{
    virConnectPtr conn;
    int ret;

    VIR_DEBUG("dom=%p", domain);
    virResetLastError();
    if (virCheckDomain(domain) < 0)
        return -1;
    conn = domain->conn;
    if (virCheckReadOnly(conn) < 0)
        goto error;
    if (!conn->driver->domainShutdownFlags) {
        virReportUnsupported(conn, __func__);
        goto error;
    }
    if ((ret = conn->driver->domainShutdownFlags(domain, 0)) < 0)
        goto error;
    return ret;

 error:
    virDispatchError(domain->conn);
    return -1;
}

/**
 * virDomainReboot:
 * @domain: a domain object
 * @flags: bitwise-OR of virDomainRebootFlagValues
 *
 * Reboots the domain (for containers: stop and start again).
 *
 * Returns 0 on success, -1 on error.
 */
int
virDomainReboot(virDomainPtr domain, unsigned int flags)
{
    virConnectPtr conn;
    int ret;

    VIR_DEBUG("dom=%p", domain);
    virResetLastError();
    if (virCheckDomain(domain) < 0)
        return -1;
    conn = domain->conn;
    if (virCheckReadOnly(conn) < 0)
        goto error;
    if (!conn->driver->domainReboot) {
        virReportUnsupported(conn, __func__);
        goto error;
    }
    if ((ret = conn->driver->domainReboot(domain, flags)) < 0)
        goto error;
    return ret;

 error:
    virDispatchError(domain->conn);
    return -1;
}

/**
 * virDomainReset:
 * @domain: a domain object
 * @flags: extra flags; not used yet, so callers should always pass 0
 *
 * Resets the domain at once, like the reset button of a machine.
 *
 * Returns 0 on success, -1 on error.
 */
int
virDomainReset(virDomainPtr domain, unsigned int flags)
{
    virConnectPtr conn;
    int ret;

    VIR_DEBUG("dom=%p", domain);
    virResetLastError();
    if (virCheckDomain(domain) < 0)
        return -1;
    conn = domain->conn;
    if (virCheckReadOnly(conn) < 0)
        goto error;
    if (!conn->driver->domainReset) {
        virReportUnsupported(conn, __func__);
        goto error;
    }
    if ((ret = conn->driver->domainReset(domain, flags)) < 0)
        goto error;
    return ret;

 error:
    virDispatchError(domain->conn);
    return -1;
}

/**
 * virDomainDestroyFlags:
 * @domain: a domain object
 * @flags: bitwise-OR of virDomainDestroyFlagsValues
 *
 * Stops the domain at once: every task is killed.  A transient domain is
 * gone afterwards; the handle stays valid for the caller to free.
 *
 * Returns 0 on success, -1 on error.
 */
int
virDomainDestroyFlags(virDomainPtr domain, unsigned int flags)
{
    virConnectPtr conn;
    int ret;

    VIR_DEBUG("dom=%p", domain);
    virResetLastError();
    if (virCheckDomain(domain) < 0)
        return -1;
    conn = domain->conn;
    if (virCheckReadOnly(conn) < 0)
        goto error;
    if (!conn->driver->domainDestroyFlags) {
        virReportUnsupported(conn, __func__);
        goto error;
    }
    if ((ret = conn->driver->domainDestroyFlags(domain, flags)) < 0)
        goto error;
    return ret;

 error:
    virDispatchError(domain->conn);
    return -1;
}

/**
 * virDomainDestroy:
 * @domain: a domain object
 *
 * virDomainDestroyFlags() with no flags.
 *
 * Returns 0 on success, -1 on error.
 */
int
virDomainDestroy(virDomainPtr domain)
{
    virConnectPtr conn;
    int ret;

    VIR_DEBUG("dom=%p", domain);
    virResetLastError();
    if (virCheckDomain(domain) < 0)
        return -1;
    conn = domain->conn;
    if (virCheckReadOnly(conn) < 0)
        goto error;
    if (!conn->driver->domainDestroyFlags) {
        virReportUnsupported(conn, __func__);
        goto error;
    }
    if ((ret = conn->driver->domainDestroyFlags(domain, 0)) < 0)
        goto error;
    return ret;

 error:
    virDispatchError(domain->conn);
    return -1;
}

/**
 * virDomainSuspend:
 * @domain: a domain object
 *
 * Pauses the domain: it keeps its resources but gets no CPU time.
 *
 * Returns 0 on success, -1 on error.
 */
int
virDomainSuspend(virDomainPtr domain)
{
    virConnectPtr conn;
    int ret;

    VIR_DEBUG("dom=%p", domain);
    virResetLastError();
    if (virCheckDomain(domain) < 0)
        return -1;
    conn = domain->conn;
    if (virCheckReadOnly(conn) < 0)
        goto error;
    if (!conn->driver->domainSuspend) {
        virReportUnsupported(conn, __func__);
        goto error;
    }
    if ((ret = conn->driver->domainSuspend(domain)) < 0)
        goto error;
    return ret;

 error:
    virDispatchError(domain->conn);
    return -1;
}

/**
 * virDomainResume:
 * @domain: a domain object
 *
 * Resumes a paused domain.
 *
 * Returns 0 on success, -1 on error.
 */
int
virDomainResume(virDomainPtr domain)
{
    virConnectPtr conn;
    int ret;

    VIR_DEBUG("dom=%p", domain);
    virResetLastError();
    if (virCheckDomain(domain) < 0)
        return -1;
    conn = domain->conn;
    if (virCheckReadOnly(conn) < 0)
        goto error;
    if (!conn->driver->domainResume) {
        virReportUnsupported(conn, __func__);
        goto error;
    }
    if ((ret = conn->driver->domainResume(domain)) < 0)
        goto error;
    return ret;

 error:
    virDispatchError(domain->conn);
    return -1;
}
