/*
 * libvirt-domain-info.c: entry points for what a domain is and does: its
 * state, XML, title, description and metadata, autostart, security label,
 * messages and CPU statistics
 */
#include "internal.h"

#include <limits.h>

#include "api.h"

#define VIR_FROM_THIS VIR_FROM_DOMAIN

/**
 * virDomainGetAutostart:
 * @domain: a domain object
 * @autostart: the value returned
 *
 * Returns 0 on success, -1 on error.
 */
int
virDomainGetAutostart(virDomainPtr domain, int *autostart)
{
    virConnectPtr conn;
    int ret;

    VIR_DEBUG("dom=%p", domain);
    virResetLastError();
    if (virCheckDomain(domain) < 0)
        return -1;
    conn = domain->conn;
    if (virCheckNonNullArg(autostart) < 0)
        goto error;
    if (!conn->driver->domainGetAutostart) {
        virReportUnsupported(conn, __func__);
        goto error;
    }
    if ((ret = conn->driver->domainGetAutostart(domain, autostart)) < 0)
        goto error;
    return ret;

 error:
    virDispatchError(domain->conn);
    return -1;
}

/**
 * virDomainSetAutostart:
 * @domain: a domain object
 * @autostart: whether the domain should be started when the host boots
 *
 * Returns 0 on success, -1 on error.
 */
int
virDomainSetAutostart(virDomainPtr domain, int autostart)
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
    if (!conn->driver->domainSetAutostart) {
        virReportUnsupported(conn, __func__);
        goto error;
    }
    if ((ret = conn->driver->domainSetAutostart(domain, autostart)) < 0)
        goto error;
    return ret;

 error:
    virDispatchError(domain->conn);
    return -1;
}

/**
 * virDomainGetInfo:
 * @domain: a domain object
 * @info: pointer to a virDomainInfo structure allocated by the user
 *
 * Returns 0 on success, -1 on error.
 */
int
virDomainGetInfo(virDomainPtr domain, virDomainInfoPtr info)
{
    virConnectPtr conn;
    int ret;

    if (info)
        memset(info, 0, sizeof(*info));
    VIR_DEBUG("dom=%p", domain);
    virResetLastError();
    if (virCheckDomain(domain) < 0)
        return -1;
    conn = domain->conn;
    if (virCheckNonNullArg(info) < 0)
        goto error;
    if (!conn->driver->domainGetInfo) {
        virReportUnsupported(conn, __func__);
        goto error;
    }
    if ((ret = conn->driver->domainGetInfo(domain, info)) < 0)
        goto error;
    return ret;

 error:
    virDispatchError(domain->conn);
    return -1;
}

/**
 * virDomainGetState:
 * @domain: a domain object
 * @state: returned state of the domain (one of virDomainState)
 * @reason: returned reason (one of virDomain*Reason), or NULL
 * @flags: extra flags; not used yet, so callers should always pass 0
 *
 * Returns 0 on success, -1 on error.
 */
int
virDomainGetState(virDomainPtr domain, int *state, int *reason, unsigned int flags)
{
    virConnectPtr conn;
    int ret;

    VIR_DEBUG("dom=%p", domain);
    virResetLastError();
    if (virCheckDomain(domain) < 0)
        return -1;
    conn = domain->conn;
    if (virCheckNonNullArg(state) < 0)
        goto error;
    if (!conn->driver->domainGetState) {
        virReportUnsupported(conn, __func__);
        goto error;
    }
    if ((ret = conn->driver->domainGetState(domain, state, reason, flags)) < 0)
        goto error;
    return ret;

 error:
    virDispatchError(domain->conn);
    return -1;
}

/**
 * virDomainGetXMLDesc:
 * @domain: a domain object
 * @flags: bitwise-OR of virDomainXMLFlags
 *
 * Describes the domain in XML: the live definition of a running domain,
 * or with VIR_DOMAIN_XML_INACTIVE the one its next start will use.
 *
 * Returns the XML to free with free(), or NULL.
 */
char *
virDomainGetXMLDesc(virDomainPtr domain, unsigned int flags)
{
    virConnectPtr conn;
    char *ret;

    VIR_DEBUG("dom=%p", domain);
    virResetLastError();
    if (virCheckDomain(domain) < 0)
        return NULL;
    conn = domain->conn;
    if ((conn->flags & VIR_CONNECT_RO) && (flags & VIR_DOMAIN_XML_SECURE)) {
        virReportError(VIR_ERR_OPERATION_DENIED, "%s",
                       _("virDomainGetXMLDesc with secure flag"));
        goto error;
    }
    if (!conn->driver->domainGetXMLDesc) {
        virReportUnsupported(conn, __func__);
        goto error;
    }
    if (!(ret = conn->driver->domainGetXMLDesc(domain, flags)))
        goto error;
    return ret;

 error:
    virDispatchError(domain->conn);
    return NULL;
}

/**
 * virDomainGetMetadata:
 * @domain: a domain object
 * @type: a virDomainMetadataType
 * @uri: the namespace of a VIR_DOMAIN_METADATA_ELEMENT; NULL for the others
 * @flags: virDomainModificationImpact: the live definition or the
 *         configuration (not both); current by default
 *
 * Reads the domain's description, title, or one element of its
 * <metadata>.
 *
 * Returns the text to free with free(), or NULL; VIR_ERR_NO_DOMAIN_METADATA
 * when the domain has none of it.
 */
char *
virDomainGetMetadata(virDomainPtr domain, int type, const char *uri, unsigned int flags)
{
    virConnectPtr conn;
    char *ret;

    VIR_DEBUG("dom=%p, type=%d, uri=%s, flags=0x%x", domain, type, NULLSTR(uri), flags);
    virResetLastError();
    if (virCheckDomain(domain) < 0)
        return NULL;
    conn = domain->conn;
    if (virCheckExclusiveFlags(VIR_DOMAIN_AFFECT_LIVE, VIR_DOMAIN_AFFECT_CONFIG) < 0)
        goto error;
    if (type == VIR_DOMAIN_METADATA_ELEMENT) {
        if (virCheckNonNullArg(uri) < 0)
            goto error;
    } else if (type == VIR_DOMAIN_METADATA_TITLE || type == VIR_DOMAIN_METADATA_DESCRIPTION) {
        if (virCheckNullArg(uri) < 0)
            goto error;
    }
    if (!conn->driver->domainGetMetadata) {
        virReportUnsupported(conn, __func__);
        goto error;
    }
    if (!(ret = conn->driver->domainGetMetadata(domain, type, uri, flags)))
        goto error;
    return ret;

 error:
    virDispatchError(domain->conn);
    return NULL;
}

/**
 * virDomainSetMetadata:
 * @domain: a domain object
 * @type: a virDomainMetadataType
 * @metadata: the new text (one line for a title); NULL or "" removes a
 *            description or title, NULL removes an element
 * @key: the namespace prefix of a new VIR_DOMAIN_METADATA_ELEMENT; NULL for
 *       the others
 * @uri: the namespace of a VIR_DOMAIN_METADATA_ELEMENT; NULL for the others
 * @flags: virDomainModificationImpact
 *
 * Sets or removes the domain's description, title, or one element of its
 * <metadata>, in the live definition, the configuration, or both.
 *
 * Returns 0 on success, -1 on error (nothing changed).
 */
int
virDomainSetMetadata(virDomainPtr domain, int type, const char *metadata, const char *key,
                     const char *uri, unsigned int flags)
{
    virConnectPtr conn;

    VIR_DEBUG("dom=%p, type=%d, metadata=%s, key=%s, uri=%s, flags=0x%x", domain, type,
              NULLSTR(metadata), NULLSTR(key), NULLSTR(uri), flags);
    virResetLastError();
    if (virCheckDomain(domain) < 0)
        return -1;
    conn = domain->conn;
    if (virCheckReadOnly(conn) < 0)
        goto error;
    /* libvirt's rules per type; other types are the driver's to refuse */
    switch (type) {
    case VIR_DOMAIN_METADATA_TITLE:
        if (metadata && strchr(metadata, '\n')) {
            /* libvirt's words, without the argument's name before them */
            virReportErrorBareFull(VIR_FROM_THIS, VIR_ERR_INVALID_ARG, __FILE__, __func__,
                                   __LINE__, "%s", _("metadata title can't contain newlines"));
            goto error;
        }
        G_GNUC_FALLTHROUGH;
    case VIR_DOMAIN_METADATA_DESCRIPTION:
        if (virCheckNullArg(uri) < 0 || virCheckNullArg(key) < 0)
            goto error;
        break;
    case VIR_DOMAIN_METADATA_ELEMENT:
        if (virCheckNonNullArg(uri) < 0 || (metadata && virCheckNonNullArg(key) < 0))
            goto error;
        break;
    }
    if (!conn->driver->domainSetMetadata) {
        virReportUnsupported(conn, __func__);
        goto error;
    }
    if (conn->driver->domainSetMetadata(domain, type, metadata, key, uri, flags) < 0)
        goto error;
    return 0;

 error:
    virDispatchError(domain->conn);
    return -1;
}

/**
 * virDomainIsActive:
 * @dom: pointer to the domain object
 *
 * Returns 1 if running, 0 if not, -1 on error.
 */
int
virDomainIsActive(virDomainPtr dom)
{
    virConnectPtr conn;
    int ret;

    VIR_DEBUG("dom=%p", dom);
    virResetLastError();
    if (virCheckDomain(dom) < 0)
        return -1;
    conn = dom->conn;
    if (!conn->driver->domainIsActive) {
        virReportUnsupported(conn, __func__);
        goto error;
    }
    if ((ret = conn->driver->domainIsActive(dom)) < 0)
        goto error;
    return ret;

 error:
    virDispatchError(dom->conn);
    return -1;
}

/**
 * virDomainIsPersistent:
 * @dom: pointer to the domain object
 *
 * Returns 1 if the domain has a persistent configuration, 0 if not, -1 on
 * error.
 */
int
virDomainIsPersistent(virDomainPtr dom)
{
    virConnectPtr conn;
    int ret;

    VIR_DEBUG("dom=%p", dom);
    virResetLastError();
    if (virCheckDomain(dom) < 0)
        return -1;
    conn = dom->conn;
    if (!conn->driver->domainIsPersistent) {
        virReportUnsupported(conn, __func__);
        goto error;
    }
    if ((ret = conn->driver->domainIsPersistent(dom)) < 0)
        goto error;
    return ret;

 error:
    virDispatchError(dom->conn);
    return -1;
}

/**
 * virDomainIsUpdated:
 * @dom: pointer to the domain object
 *
 * Returns 1 if the running domain's configuration was changed since it
 * started (its next start will differ), 0 if not, -1 on error.
 */
int
virDomainIsUpdated(virDomainPtr dom)
{
    virConnectPtr conn;
    int ret;

    VIR_DEBUG("dom=%p", dom);
    virResetLastError();
    if (virCheckDomain(dom) < 0)
        return -1;
    conn = dom->conn;
    if (!conn->driver->domainIsUpdated) {
        virReportUnsupported(conn, __func__);
        goto error;
    }
    if ((ret = conn->driver->domainIsUpdated(dom)) < 0)
        goto error;
    return ret;

 error:
    virDispatchError(dom->conn);
    return -1;
}

/**
 * virDomainGetSecurityLabel:
 * @domain: a domain object
 * @seclabel: pointer to a virSecurityLabel structure
 *
 * Returns 0 on success, -1 on error.
 */
int
virDomainGetSecurityLabel(virDomainPtr domain, virSecurityLabelPtr seclabel)
{
    virConnectPtr conn;
    int ret;

    VIR_DEBUG("dom=%p", domain);
    virResetLastError();
    if (virCheckDomain(domain) < 0)
        return -1;
    conn = domain->conn;
    if (virCheckNonNullArg(seclabel) < 0)
        goto error;
    if (!conn->driver->domainGetSecurityLabel) {
        virReportUnsupported(conn, __func__);
        goto error;
    }
    if ((ret = conn->driver->domainGetSecurityLabel(domain, seclabel)) < 0)
        goto error;
    return ret;

 error:
    virDispatchError(domain->conn);
    return -1;
}

/**
 * virDomainGetMessages:
 * @domain: a domain object
 * @msgs: where to store the array of messages; free each and the array
 * @flags: bitwise-OR of virDomainMessageType, or 0 for all
 *
 * Returns the number of messages, or -1.
 */
int
virDomainGetMessages(virDomainPtr domain, char ***msgs, unsigned int flags)
{
    virConnectPtr conn;
    int ret;

    VIR_DEBUG("dom=%p", domain);
    virResetLastError();
    if (virCheckDomain(domain) < 0)
        return -1;
    conn = domain->conn;
    if (virCheckNonNullArg(msgs) < 0)
        goto error;
    *msgs = NULL;
    if (!conn->driver->domainGetMessages) {
        virReportUnsupported(conn, __func__);
        goto error;
    }
    if ((ret = conn->driver->domainGetMessages(domain, msgs, flags)) < 0)
        goto error;
    return ret;

 error:
    virDispatchError(domain->conn);
    return -1;
}

/**
 * virDomainGetControlInfo:
 * @domain: a domain object
 * @info: filled with the state of the control interface to the domain
 * @flags: extra flags; not used yet, so callers should always pass 0
 *
 * Tells whether the driver can take commands for @domain now: virtkit's
 * drivers act on the domain directly (no monitor between), so a running
 * domain is VIR_DOMAIN_CONTROL_OK; an inactive one has no control
 * interface (VIR_ERR_OPERATION_INVALID).
 *
 * Returns 0 on success, -1 on error.
 */
int
virDomainGetControlInfo(virDomainPtr domain, virDomainControlInfoPtr info,
                        unsigned int flags)
{
    virConnectPtr conn;
    int ret;

    VIR_DEBUG("dom=%p info=%p flags=0x%x", domain, info, flags);
    virResetLastError();
    if (virCheckDomain(domain) < 0)
        return -1;
    conn = domain->conn;
    if (virCheckNonNullArg(info) < 0)
        goto error;
    if (!conn->driver->domainGetControlInfo) {
        virReportUnsupported(conn, __func__);
        goto error;
    }
    if ((ret = conn->driver->domainGetControlInfo(domain, info, flags)) < 0)
        goto error;
    return ret;

 error:
    virDispatchError(domain->conn);
    return -1;
}

/**
 * virDomainGetCPUStats:
 * @domain: domain to query
 * @params: array to fill, or NULL to ask for counts
 * @nparams: number of parameters per cpu
 * @start_cpu: first host cpu, or -1 for the domain's total
 * @ncpus: number of cpus to query (1 with @start_cpu -1)
 * @flags: extra flags; not used yet, so callers should always pass 0
 *
 * Gives CPU time statistics, per host cpu or in total.  With @params
 * NULL, @nparams 0 and @ncpus 0, returns the number of host cpus; with
 * @params NULL, @nparams 0 and @ncpus 1, the number of statistics.
 *
 * Returns the number of statistics filled per cpu (or the count asked
 * for), -1 on error.
 */
int
virDomainGetCPUStats(virDomainPtr domain, virTypedParameterPtr params,
                     unsigned int nparams, int start_cpu, unsigned int ncpus,
                     unsigned int flags)
{
    virConnectPtr conn;
    int ret;

    VIR_DEBUG("dom=%p", domain);
    virResetLastError();
    if (virCheckDomain(domain) < 0)
        return -1;
    conn = domain->conn;
    if (virCheckArg(start_cpu >= -1, "start_cpu", _("must be -1 or a cpu number")) < 0)
        goto error;
    if (virCheckArg(start_cpu != -1 || ncpus == 1, "ncpus",
                    _("must be 1 when start_cpu is -1")) < 0)
        goto error;
    if (virCheckArg(!params == !nparams, "params",
                    _("and nparams must be both set or both empty")) < 0)
        goto error;
    if (virCheckArg(params || ncpus <= 1, "ncpus", _("must be 0 or 1 when only counting")) < 0)
        goto error;
    if (virCheckArg(!params || ncpus > 0, "ncpus", _("must be positive")) < 0)
        goto error;
    if (virCheckArg(nparams == 0 || ncpus <= INT_MAX / nparams, "ncpus",
                    _("times nparams must fit an int")) < 0)
        goto error;
    if (!conn->driver->domainGetCPUStats) {
        virReportUnsupported(conn, __func__);
        goto error;
    }
    ret = conn->driver->domainGetCPUStats(domain, params, nparams, start_cpu, ncpus, flags);
    if (ret < 0)
        goto error;
    return ret;

 error:
    virDispatchError(domain->conn);
    return -1;
}
