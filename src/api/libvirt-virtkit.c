/*
 * libvirt-virtkit.c: entry points of virtkit's calls beyond libvirt's API
 */
#include "internal.h"

#include "api.h"

#define VIR_FROM_THIS VIR_FROM_DOMAIN

/**
 * virDomainEnter:
 * @domain: a running container domain
 * @cookie: where to store the token virDomainLeave() needs
 * @flags: bitwise-OR of virDomainEnterFlags
 *
 * Moves the calling process into @domain: from now on its limits apply to
 * the caller (and to the children it starts).  LVE: lve_enter_flags().
 * VServer: a one-way migration, which needs VIR_DOMAIN_ENTER_ONE_WAY.
 * The domain must be served by a driver in this process.
 *
 * Returns 0 on success, -1 on error (for LVE, hitting the entry-process
 * limit fails with a message naming the limit).
 */
int
virDomainEnter(virDomainPtr domain, unsigned int *cookie, unsigned int flags)
{
    virConnectPtr conn;
    int ret;

    VIR_DEBUG("dom=%p", domain);
    virResetLastError();
    if (virCheckDomain(domain) < 0)
        return -1;
    conn = domain->conn;
    if (virCheckNonNullArg(cookie) < 0)
        goto error;
    if (virCheckReadOnly(conn) < 0)
        goto error;
    if (!conn->driver->domainEnter) {
        virReportUnsupported(conn, __func__);
        goto error;
    }
    if ((ret = conn->driver->domainEnter(domain, cookie, flags)) < 0)
        goto error;
    return ret;

 error:
    virDispatchError(domain->conn);
    return -1;
}

/**
 * virDomainLeave:
 * @domain: the domain the caller entered
 * @cookie: the token virDomainEnter() gave
 * @flags: extra flags; not used yet, so callers should always pass 0
 *
 * Moves the calling process back out of @domain.
 *
 * Returns 0 on success, -1 on error.
 */
int
virDomainLeave(virDomainPtr domain, unsigned int cookie, unsigned int flags)
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
    if (!conn->driver->domainLeave) {
        virReportUnsupported(conn, __func__);
        goto error;
    }
    if ((ret = conn->driver->domainLeave(domain, cookie, flags)) < 0)
        goto error;
    return ret;

 error:
    virDispatchError(domain->conn);
    return -1;
}

/**
 * virDomainSetMemorySharing:
 * @domain: a domain
 * @enable: 1 to let the host merge identical pages of @domain, 0 to stop
 * @flags: bitwise-OR of virDomainModificationImpact
 *
 * LVE: KSM for every task of the domain (PR_SET_MEMORY_MERGE).  Xen:
 * xc_memshr_control().
 *
 * Returns 0 on success, -1 on error.
 */
int
virDomainSetMemorySharing(virDomainPtr domain, int enable, unsigned int flags)
{
    virConnectPtr conn;
    int ret;

    VIR_DEBUG("dom=%p", domain);
    virResetLastError();
    if (virCheckDomain(domain) < 0)
        return -1;
    conn = domain->conn;
    if (virCheckArg(enable == 0 || enable == 1, "enable", _("must be 0 or 1")) < 0)
        goto error;
    if (virCheckReadOnly(conn) < 0)
        goto error;
    if (!conn->driver->domainSetMemorySharing) {
        virReportUnsupported(conn, __func__);
        goto error;
    }
    if ((ret = conn->driver->domainSetMemorySharing(domain, enable, flags)) < 0)
        goto error;
    return ret;

 error:
    virDispatchError(domain->conn);
    return -1;
}

/**
 * virDomainGetMemorySharing:
 * @domain: a domain
 * @params: array to fill, or NULL with *@nparams 0 to ask for their number
 * @nparams: in: size of @params; out: number filled
 * @flags: bitwise-OR of virDomainModificationImpact
 *
 * Gives whether sharing is on (VIR_DOMAIN_MEMORY_SHARING_ENABLED) and, for
 * a running domain, how many of its pages are shared.
 *
 * Returns 0 on success, -1 on error.
 */
int
virDomainGetMemorySharing(virDomainPtr domain, virTypedParameterPtr params, int *nparams,
                          unsigned int flags)
{
    virConnectPtr conn;
    int ret;

    VIR_DEBUG("dom=%p", domain);
    virResetLastError();
    if (virCheckDomain(domain) < 0)
        return -1;
    conn = domain->conn;
    if (virCheckGetParams(params, nparams) < 0)
        goto error;
    if (!conn->driver->domainGetMemorySharing) {
        virReportUnsupported(conn, __func__);
        goto error;
    }
    if ((ret = conn->driver->domainGetMemorySharing(domain, params, nparams, flags)) < 0)
        goto error;
    return ret;

 error:
    virDispatchError(domain->conn);
    return -1;
}

/**
 * virConnectGetHypervisorLog:
 * @conn: a connection
 * @flags: bitwise-OR of virConnectHypervisorLogFlags
 *
 * The hypervisor's own message log: Xen's console ring, as `xl dmesg`
 * prints it.  Clearing it (VIR_CONNECT_HYPERVISOR_LOG_CLEAR) is refused
 * on a read-only connection; reading is not.
 *
 * Returns the log to free with free(), or NULL on error
 * (VIR_ERR_NO_SUPPORT on a driver whose hypervisor keeps none).
 */
char *
virConnectGetHypervisorLog(virConnectPtr conn, unsigned int flags)
{
    char *ret;

    VIR_DEBUG("conn=%p, flags=0x%x", conn, flags);
    virResetLastError();
    if (virCheckConnect(conn) < 0)
        return NULL;
    if (flags & ~VIR_CONNECT_HYPERVISOR_LOG_CLEAR) {
        virReportError(VIR_ERR_INVALID_ARG, _("unsupported flags (0x%x) in function %s"),
                       flags & ~VIR_CONNECT_HYPERVISOR_LOG_CLEAR, __func__);
        goto error;
    }
    if ((flags & VIR_CONNECT_HYPERVISOR_LOG_CLEAR) && virCheckReadOnly(conn) < 0)
        goto error;
    if (!conn->driver->connectGetHypervisorLog) {
        virReportUnsupported(conn, __func__);
        goto error;
    }
    if (!(ret = conn->driver->connectGetHypervisorLog(conn, flags)))
        goto error;
    return ret;

 error:
    virDispatchError(conn);
    return NULL;
}

/**
 * virNodeMemoryDedup:
 * @conn: a connection
 * @domains: the domains to deduplicate, or NULL with @ndomains 0
 * @ndomains: number of entries in @domains; 0 for every running domain
 *            with memory sharing on (virDomainSetMemorySharing())
 * @params: where to store the results, an array the call allocates (free
 *          it with virTypedParamsFree())
 * @nparams: where to store the number of entries in *@params
 * @flags: extra flags; not used yet, so callers should always pass 0
 *
 * Runs one deduplication pass over the memory of @domains and merges the
 * pages found identical, byte for byte, into one copy each (copy on
 * write: a guest that writes a shared page gets its own copy again).
 * The results are VIR_NODE_DEDUP_PAGES_SCANNED, _PAGES_IDENTICAL,
 * _PAGES_SHARED, _PAGES_FREED and VIR_NODE_DEDUP_TIME_MS.
 *
 * Every domain named must be running, with sharing on
 * (virDomainSetMemorySharing()).  Xen: virtkit reads the guests' pages,
 * hashes them, compares candidates byte for byte and shares them through
 * the hypervisor (xc_memshr_*).  LVE: the kernel merges (KSM); the pass
 * makes the domains' tasks mergeable, runs ksmd until it has scanned all
 * mergeable memory three times (at the rate virNodeSetMemoryParameters()
 * gave it; started for the pass only when it was stopped) and reports what
 * KSM's counters moved by: pages_scanned, pages_shared + pages_sharing
 * (identical) and pages_sharing (shared, freed), the host's, so other
 * mergeable memory counts too.  It needs root; a kernel without KSM
 * answers VIR_ERR_OPERATION_UNSUPPORTED.  Other drivers answer
 * VIR_ERR_NO_SUPPORT.
 *
 * Returns 0 on success, -1 on error.
 */
int
virNodeMemoryDedup(virConnectPtr conn, virDomainPtr *domains, unsigned int ndomains,
                   virTypedParameterPtr *params, int *nparams, unsigned int flags)
{
    size_t i;

    VIR_DEBUG("conn=%p, ndomains=%u, flags=0x%x", conn, ndomains, flags);
    virResetLastError();
    if (virCheckConnect(conn) < 0)
        return -1;
    if (virCheckArg(domains || ndomains == 0, "domains", _("must not be NULL")) < 0 ||
        virCheckNonNullArg(params) < 0 || virCheckNonNullArg(nparams) < 0)
        goto error;
    for (i = 0; i < ndomains; i++) {
        if (virCheckArg(virDomainIsValid(domains[i]) && domains[i]->conn == conn, "domains",
                        _("must hold domains of this connection")) < 0)
            goto error;
    }
    if (flags) {
        virReportError(VIR_ERR_INVALID_ARG, _("unsupported flags (0x%x) in function %s"),
                       flags, __func__);
        goto error;
    }
    if (virCheckReadOnly(conn) < 0)
        goto error;
    if (!conn->driver->nodeMemoryDedup) {
        virReportUnsupported(conn, __func__);
        goto error;
    }
    *params = NULL;
    *nparams = 0;
    if (conn->driver->nodeMemoryDedup(conn, domains, ndomains, params, nparams, flags) < 0)
        goto error;
    return 0;

 error:
    virDispatchError(conn);
    return -1;
}
