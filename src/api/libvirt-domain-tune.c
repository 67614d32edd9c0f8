/*
 * libvirt-domain-tune.c: entry points for memory and the typed-parameter
 * tunables (scheduler, memory, block I/O)
 */
#include "internal.h"

#include <limits.h>

#include "api.h"

#define VIR_FROM_THIS VIR_FROM_DOMAIN

/**
 * virDomainGetMaxMemory:
 * @domain: a domain object
 *
 * Returns the maximum memory of the domain in KiB, or 0 on error.
 */
unsigned long
virDomainGetMaxMemory(virDomainPtr domain)
{
    virConnectPtr conn;
    unsigned long long mem;

    VIR_DEBUG("dom=%p", domain);
    virResetLastError();
    if (virCheckDomain(domain) < 0)
        return 0;
    conn = domain->conn;
    if (!conn->driver->domainGetMaxMemory) {
        virReportUnsupported(conn, __func__);
        goto error;
    }
    if ((mem = conn->driver->domainGetMaxMemory(domain)) == 0)
        goto error;
    if (mem > ULONG_MAX) {
        virReportError(VIR_ERR_OVERFLOW,
                       _("maximum memory %llu KiB does not fit in unsigned long"), mem);
        goto error;
    }
    return mem;

 error:
    virDispatchError(domain->conn);
    return 0;
}

/**
 * virDomainSetMaxMemory:
 * @domain: a domain object
 * @memory: the new maximum memory in KiB
 *
 * Changes the maximum memory (virDomainSetMemoryFlags() with
 * VIR_DOMAIN_MEM_MAXIMUM).  Drivers that cannot change it on a running
 * domain refuse.
 *
 * Returns 0 on success, -1 on error.
 */
int
virDomainSetMaxMemory(virDomainPtr domain, unsigned long memory)
{
    virConnectPtr conn;
    int ret;

    VIR_DEBUG("dom=%p", domain);
    virResetLastError();
    if (virCheckDomain(domain) < 0)
        return -1;
    conn = domain->conn;
    if (virCheckArg(memory > 0, "memory", _("must not be zero")) < 0)
        goto error;
    if (virCheckReadOnly(conn) < 0)
        goto error;
    if (!conn->driver->domainSetMemoryFlags) {
        virReportUnsupported(conn, __func__);
        goto error;
    }
    if ((ret = conn->driver->domainSetMemoryFlags(domain, memory, VIR_DOMAIN_MEM_MAXIMUM)) < 0)
        goto error;
    return ret;

 error:
    virDispatchError(domain->conn);
    return -1;
}

/**
 * virDomainSetMemory:
 * @domain: a domain object
 * @memory: the memory size in KiB
 *
 * Changes the memory of the running domain (virDomainSetMemoryFlags()
 * with VIR_DOMAIN_AFFECT_LIVE).
 *
 * Returns 0 on success, -1 on error.
 */
int
virDomainSetMemory(virDomainPtr domain, unsigned long memory)
{
    virConnectPtr conn;
    int ret;

    VIR_DEBUG("dom=%p", domain);
    virResetLastError();
    if (virCheckDomain(domain) < 0)
        return -1;
    conn = domain->conn;
    if (virCheckArg(memory > 0, "memory", _("must not be zero")) < 0)
        goto error;
    if (virCheckReadOnly(conn) < 0)
        goto error;
    if (!conn->driver->domainSetMemoryFlags) {
        virReportUnsupported(conn, __func__);
        goto error;
    }
    if ((ret = conn->driver->domainSetMemoryFlags(domain, memory, VIR_DOMAIN_AFFECT_LIVE)) < 0)
        goto error;
    return ret;

 error:
    virDispatchError(domain->conn);
    return -1;
}

/**
 * virDomainSetMemoryFlags:
 * @domain: a domain object
 * @memory: the memory size in KiB
 * @flags: bitwise-OR of virDomainMemoryModFlags
 *
 * Changes the current (or with VIR_DOMAIN_MEM_MAXIMUM the maximum) memory
 * of the running domain, its configuration, or both.
 *
 * Returns 0 on success, -1 on error.
 */
int
virDomainSetMemoryFlags(virDomainPtr domain, unsigned long memory, unsigned int flags)
{
    virConnectPtr conn;
    int ret;

    VIR_DEBUG("dom=%p", domain);
    virResetLastError();
    if (virCheckDomain(domain) < 0)
        return -1;
    conn = domain->conn;
    if (virCheckArg(memory > 0, "memory", _("must not be zero")) < 0)
        goto error;
    if (virCheckReadOnly(conn) < 0)
        goto error;
    if (!conn->driver->domainSetMemoryFlags) {
        virReportUnsupported(conn, __func__);
        goto error;
    }
    if ((ret = conn->driver->domainSetMemoryFlags(domain, memory, flags)) < 0)
        goto error;
    return ret;

 error:
    virDispatchError(domain->conn);
    return -1;
}

/**
 * virDomainGetSchedulerType:
 * @domain: pointer to domain object
 * @nparams: where to store the number of scheduler parameters, or NULL
 *
 * Returns the scheduler type ("posix", "fair", "lve", ...) to free with
 * free(), or NULL.
 */
char *
virDomainGetSchedulerType(virDomainPtr domain, int *nparams)
{
    virConnectPtr conn;
    char *ret;
    int dummy;

    VIR_DEBUG("dom=%p", domain);
    virResetLastError();
    if (virCheckDomain(domain) < 0)
        return NULL;
    conn = domain->conn;
    if (!conn->driver->domainGetSchedulerType) {
        virReportUnsupported(conn, __func__);
        goto error;
    }
    if (!(ret = conn->driver->domainGetSchedulerType(domain, nparams ? nparams : &dummy)))
        goto error;
    return ret;

 error:
    virDispatchError(domain->conn);
    return NULL;
}

/**
 * virDomainGetSchedulerParametersFlags:
 * @domain: pointer to domain object
 * @params: array to fill
 * @nparams: in: size of @params (from virDomainGetSchedulerType()); out:
 *           number filled
 * @flags: bitwise-OR of virDomainModificationImpact and virTypedParameterFlags
 *
 * Returns 0 on success, -1 on error.
 */
int
virDomainGetSchedulerParametersFlags(virDomainPtr domain, virTypedParameterPtr params,
                                     int *nparams, unsigned int flags)
{
    virConnectPtr conn;
    int ret;

    VIR_DEBUG("dom=%p", domain);
    virResetLastError();
    if (virCheckDomain(domain) < 0)
        return -1;
    conn = domain->conn;
    if (virCheckNonNullArg(params) < 0)
        goto error;
    if (virCheckNonNullArg(nparams) < 0)
        goto error;
    if (virCheckArg(*nparams > 0, "nparams", _("must be positive")) < 0)
        goto error;
    if (!conn->driver->domainGetSchedulerParametersFlags) {
        virReportUnsupported(conn, __func__);
        goto error;
    }
    ret = conn->driver->domainGetSchedulerParametersFlags(domain, params, nparams,
                                                          flags | VIR_TYPED_PARAM_STRING_OKAY);
    if (ret < 0)
        goto error;
    return ret;

 error:
    virDispatchError(domain->conn);
    return -1;
}

/**
 * virDomainGetSchedulerParameters:
 * @domain: pointer to domain object
 * @params: array to fill
 * @nparams: in: size of @params; out: number filled
 *
 * virDomainGetSchedulerParametersFlags() with VIR_DOMAIN_AFFECT_CURRENT.
 *
 * Returns 0 on success, -1 on error.
 */
int
virDomainGetSchedulerParameters(virDomainPtr domain, virTypedParameterPtr params,
                                int *nparams)
{
    virConnectPtr conn;
    int ret;

    VIR_DEBUG("dom=%p", domain);
    virResetLastError();
    if (virCheckDomain(domain) < 0)
        return -1;
    conn = domain->conn;
    if (virCheckNonNullArg(params) < 0)
        goto error;
    if (virCheckNonNullArg(nparams) < 0)
        goto error;
    if (virCheckArg(*nparams > 0, "nparams", _("must be positive")) < 0)
        goto error;
    if (!conn->driver->domainGetSchedulerParametersFlags) {
        virReportUnsupported(conn, __func__);
        goto error;
    }
    ret = conn->driver->domainGetSchedulerParametersFlags(domain, params, nparams,
                                                          VIR_TYPED_PARAM_STRING_OKAY);
    if (ret < 0)
        goto error;
    return ret;

 error:
    virDispatchError(domain->conn);
    return -1;
}

/**
 * virDomainSetSchedulerParametersFlags:
 * @domain: pointer to domain object
 * @params: the parameters to change
 * @nparams: number of entries in @params
 * @flags: bitwise-OR of virDomainModificationImpact
 *
 * Changes scheduler parameters; all or none are applied.
 *
 * Returns 0 on success, -1 on error.
 */
int
virDomainSetSchedulerParametersFlags(virDomainPtr domain, virTypedParameterPtr params,
                                     int nparams, unsigned int flags)
{
    virConnectPtr conn;
    int ret;

    VIR_DEBUG("dom=%p", domain);
    virResetLastError();
    if (virCheckDomain(domain) < 0)
        return -1;
    conn = domain->conn;
    if (virCheckSetParams(params, nparams) < 0)
        goto error;
    if (virCheckReadOnly(conn) < 0)
        goto error;
    if (!conn->driver->domainSetSchedulerParametersFlags) {
        virReportUnsupported(conn, __func__);
        goto error;
    }
    ret = conn->driver->domainSetSchedulerParametersFlags(domain, params, nparams, flags);
    if (ret < 0)
        goto error;
    return ret;

 error:
    virDispatchError(domain->conn);
    return -1;
}

/**
 * virDomainSetSchedulerParameters:
 * @domain: pointer to domain object
 * @params: the parameters to change
 * @nparams: number of entries in @params
 *
 * virDomainSetSchedulerParametersFlags() with VIR_DOMAIN_AFFECT_CURRENT.
 *
 * Returns 0 on success, -1 on error.
 */
int
virDomainSetSchedulerParameters(virDomainPtr domain, virTypedParameterPtr params,
                                int nparams)
{
    virConnectPtr conn;
    int ret;

    VIR_DEBUG("dom=%p", domain);
    virResetLastError();
    if (virCheckDomain(domain) < 0)
        return -1;
    conn = domain->conn;
    if (virCheckSetParams(params, nparams) < 0)
        goto error;
    if (virCheckReadOnly(conn) < 0)
        goto error;
    if (!conn->driver->domainSetSchedulerParametersFlags) {
        virReportUnsupported(conn, __func__);
        goto error;
    }
    ret = conn->driver->domainSetSchedulerParametersFlags(domain, params, nparams,
                                                          VIR_DOMAIN_AFFECT_CURRENT);
    if (ret < 0)
        goto error;
    return ret;

 error:
    virDispatchError(domain->conn);
    return -1;
}

/**
 * virDomainGetMemoryParameters:
 * @domain: pointer to domain object
 * @params: array to fill, or NULL with *@nparams 0 to ask for their number
 * @nparams: in: size of @params; out: number filled
 * @flags: bitwise-OR of virDomainModificationImpact and virTypedParameterFlags
 *
 * Gives the memory tunables (hard_limit, soft_limit, ...) in KiB;
 * VIR_DOMAIN_MEMORY_PARAM_UNLIMITED means no limit.
 *
 * Returns 0 on success, -1 on error.
 */
int
virDomainGetMemoryParameters(virDomainPtr domain, virTypedParameterPtr params,
                             int *nparams, unsigned int flags)
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
    if (!conn->driver->domainGetMemoryParameters) {
        virReportUnsupported(conn, __func__);
        goto error;
    }
    ret = conn->driver->domainGetMemoryParameters(domain, params, nparams,
                                                  flags | VIR_TYPED_PARAM_STRING_OKAY);
    if (ret < 0)
        goto error;
    return ret;

 error:
    virDispatchError(domain->conn);
    return -1;
}

/**
 * virDomainSetMemoryParameters:
 * @domain: pointer to domain object
 * @params: the parameters to change
 * @nparams: number of entries in @params
 * @flags: bitwise-OR of virDomainModificationImpact
 *
 * Returns 0 on success, -1 on error.
 */
int
virDomainSetMemoryParameters(virDomainPtr domain, virTypedParameterPtr params,
                             int nparams, unsigned int flags)
{
    virConnectPtr conn;
    int ret;

    VIR_DEBUG("dom=%p", domain);
    virResetLastError();
    if (virCheckDomain(domain) < 0)
        return -1;
    conn = domain->conn;
    if (virCheckSetParams(params, nparams) < 0)
        goto error;
    if (virCheckReadOnly(conn) < 0)
        goto error;
    if (!conn->driver->domainSetMemoryParameters) {
        virReportUnsupported(conn, __func__);
        goto error;
    }
    if ((ret = conn->driver->domainSetMemoryParameters(domain, params, nparams, flags)) < 0)
        goto error;
    return ret;

 error:
    virDispatchError(domain->conn);
    return -1;
}

/**
 * virDomainGetBlkioParameters:
 * @domain: pointer to domain object
 * @params: array to fill, or NULL with *@nparams 0 to ask for their number
 * @nparams: in: size of @params; out: number filled
 * @flags: bitwise-OR of virDomainModificationImpact and virTypedParameterFlags
 *
 * Returns 0 on success, -1 on error.
 */
int
virDomainGetBlkioParameters(virDomainPtr domain, virTypedParameterPtr params,
                            int *nparams, unsigned int flags)
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
    if (!conn->driver->domainGetBlkioParameters) {
        virReportUnsupported(conn, __func__);
        goto error;
    }
    ret = conn->driver->domainGetBlkioParameters(domain, params, nparams,
                                                 flags | VIR_TYPED_PARAM_STRING_OKAY);
    if (ret < 0)
        goto error;
    return ret;

 error:
    virDispatchError(domain->conn);
    return -1;
}

/**
 * virDomainSetBlkioParameters:
 * @domain: pointer to domain object
 * @params: the parameters to change
 * @nparams: number of entries in @params
 * @flags: bitwise-OR of virDomainModificationImpact
 *
 * Returns 0 on success, -1 on error.
 */
int
virDomainSetBlkioParameters(virDomainPtr domain, virTypedParameterPtr params,
                            int nparams, unsigned int flags)
{
    virConnectPtr conn;
    int ret;

    VIR_DEBUG("dom=%p", domain);
    virResetLastError();
    if (virCheckDomain(domain) < 0)
        return -1;
    conn = domain->conn;
    if (virCheckSetParams(params, nparams) < 0)
        goto error;
    if (virCheckReadOnly(conn) < 0)
        goto error;
    if (!conn->driver->domainSetBlkioParameters) {
        virReportUnsupported(conn, __func__);
        goto error;
    }
    if ((ret = conn->driver->domainSetBlkioParameters(domain, params, nparams, flags)) < 0)
        goto error;
    return ret;

 error:
    virDispatchError(domain->conn);
    return -1;
}
