/*
 * libvirt-domain-vcpu.c: entry points for the number of vcpus, their
 * pinning to host CPUs and their state
 */
#include "internal.h"

#include <limits.h>

#include "api.h"

#define VIR_FROM_THIS VIR_FROM_DOMAIN

/**
 * virDomainSetVcpusFlags:
 * @domain: pointer to domain object
 * @nvcpus: the new number of virtual CPUs for this domain, at least 1
 * @flags: bitwise-OR of virDomainVcpuFlags
 *
 * Changes the number of vcpus (or with VIR_DOMAIN_VCPU_MAXIMUM the
 * maximum) of the running domain, its configuration, or both.
 *
 * Returns 0 on success, -1 on error.
 */
int
virDomainSetVcpusFlags(virDomainPtr domain, unsigned int nvcpus, unsigned int flags)
{
    virConnectPtr conn;
    int ret;

    VIR_DEBUG("dom=%p", domain);
    virResetLastError();
    if (virCheckDomain(domain) < 0)
        return -1;
    conn = domain->conn;
    if (virCheckArg(nvcpus > 0, "nvcpus", _("must not be zero")) < 0)
        goto error;
    if (virCheckArg(nvcpus <= INT_MAX, "nvcpus", _("is too large")) < 0)
        goto error;
    if (virCheckReadOnly(conn) < 0)
        goto error;
    if (!conn->driver->domainSetVcpusFlags) {
        virReportUnsupported(conn, __func__);
        goto error;
    }
    if ((ret = conn->driver->domainSetVcpusFlags(domain, nvcpus, flags)) < 0)
        goto error;
    return ret;

 error:
    virDispatchError(domain->conn);
    return -1;
}

/**
 * virDomainSetVcpus:
 * @domain: pointer to domain object
 * @nvcpus: the new number of virtual CPUs for this domain
 *
 * virDomainSetVcpusFlags() with VIR_DOMAIN_AFFECT_LIVE.
 *
 * Returns 0 on success, -1 on error.
 */
int
virDomainSetVcpus(virDomainPtr domain, unsigned int nvcpus)
{
    virConnectPtr conn;
    int ret;

    VIR_DEBUG("dom=%p", domain);
    virResetLastError();
    if (virCheckDomain(domain) < 0)
        return -1;
    conn = domain->conn;
    if (virCheckArg(nvcpus > 0, "nvcpus", _("must not be zero")) < 0)
        goto error;
    if (virCheckArg(nvcpus <= INT_MAX, "nvcpus", _("is too large")) < 0)
        goto error;
    if (virCheckReadOnly(conn) < 0)
        goto error;
    if (!conn->driver->domainSetVcpusFlags) {
        virReportUnsupported(conn, __func__);
        goto error;
    }
    if ((ret = conn->driver->domainSetVcpusFlags(domain, nvcpus, VIR_DOMAIN_AFFECT_LIVE)) < 0)
        goto error;
    return ret;

 error:
    virDispatchError(domain->conn);
    return -1;
}

/**
 * virDomainGetVcpusFlags:
 * @domain: pointer to domain object
 * @flags: bitwise-OR of virDomainVcpuFlags
 *
 * Returns the number of vcpus (or the maximum) of the running domain or
 * of its configuration, or -1.
 */
int
virDomainGetVcpusFlags(virDomainPtr domain, unsigned int flags)
{
    virConnectPtr conn;
    int ret;

    VIR_DEBUG("dom=%p", domain);
    virResetLastError();
    if (virCheckDomain(domain) < 0)
        return -1;
    conn = domain->conn;
    if (virCheckExclusiveFlags(VIR_DOMAIN_AFFECT_LIVE, VIR_DOMAIN_AFFECT_CONFIG) < 0)
        goto error;
    if (!conn->driver->domainGetVcpusFlags) {
        virReportUnsupported(conn, __func__);
        goto error;
    }
    if ((ret = conn->driver->domainGetVcpusFlags(domain, flags)) < 0)
        goto error;
    return ret;

 error:
    virDispatchError(domain->conn);
    return -1;
}

/**
 * virDomainGetMaxVcpus:
 * @domain: pointer to domain object
 *
 * Returns the maximum number of vcpus of the domain (live when running,
 * configured otherwise), or -1.
 */
int
virDomainGetMaxVcpus(virDomainPtr domain)
{
    virConnectPtr conn;
    int ret;

    VIR_DEBUG("dom=%p", domain);
    virResetLastError();
    if (virCheckDomain(domain) < 0)
        return -1;
    conn = domain->conn;
    if (!conn->driver->domainGetVcpusFlags) {
        virReportUnsupported(conn, __func__);
        goto error;
    }
    if ((ret = conn->driver->domainGetVcpusFlags(domain, VIR_DOMAIN_VCPU_MAXIMUM)) < 0)
        goto error;
    return ret;

 error:
    virDispatchError(domain->conn);
    return -1;
}

/**
 * virDomainPinVcpuFlags:
 * @domain: pointer to domain object
 * @vcpu: virtual CPU number
 * @cpumap: bit map of the host CPUs @vcpu may run on, bytes in
 *          little-endian order (CPU 0 is the lowest bit of byte 0)
 * @maplen: bytes in @cpumap, 1 to VIR_CPU_MAPLEN(host CPUs); missing bytes
 *          mean those CPUs are not used
 * @flags: bitwise-OR of virDomainModificationImpact
 *
 * Returns 0 on success, -1 on error.
 */
int
virDomainPinVcpuFlags(virDomainPtr domain, unsigned int vcpu, unsigned char *cpumap,
                      int maplen, unsigned int flags)
{
    virConnectPtr conn;
    int ret;

    VIR_DEBUG("dom=%p", domain);
    virResetLastError();
    if (virCheckDomain(domain) < 0)
        return -1;
    conn = domain->conn;
    if (virCheckNonNullArg(cpumap) < 0)
        goto error;
    if (virCheckArg(maplen > 0, "maplen", _("must be greater than zero")) < 0)
        goto error;
    if (virCheckArg(vcpu <= INT_MAX, "vcpu", _("is out of range")) < 0)
        goto error;
    if (virCheckReadOnly(conn) < 0)
        goto error;
    if (!conn->driver->domainPinVcpuFlags) {
        virReportUnsupported(conn, __func__);
        goto error;
    }
    if ((ret = conn->driver->domainPinVcpuFlags(domain, vcpu, cpumap, maplen, flags)) < 0)
        goto error;
    return ret;

 error:
    virDispatchError(domain->conn);
    return -1;
}

/**
 * virDomainPinVcpu:
 * @domain: pointer to domain object
 * @vcpu: virtual CPU number
 * @cpumap: bit map of the host CPUs @vcpu may run on
 * @maplen: bytes in @cpumap
 *
 * virDomainPinVcpuFlags() with VIR_DOMAIN_AFFECT_LIVE: the domain must be
 * running.
 *
 * Returns 0 on success, -1 on error.
 */
int
virDomainPinVcpu(virDomainPtr domain, unsigned int vcpu, unsigned char *cpumap,
                 int maplen)
{
    virConnectPtr conn;
    int ret;

    VIR_DEBUG("dom=%p", domain);
    virResetLastError();
    if (virCheckDomain(domain) < 0)
        return -1;
    conn = domain->conn;
    if (virCheckNonNullArg(cpumap) < 0)
        goto error;
    if (virCheckArg(maplen > 0, "maplen", _("must be greater than zero")) < 0)
        goto error;
    if (virCheckArg(vcpu <= INT_MAX, "vcpu", _("is out of range")) < 0)
        goto error;
    if (virCheckReadOnly(conn) < 0)
        goto error;
    if (!conn->driver->domainPinVcpuFlags) {
        virReportUnsupported(conn, __func__);
        goto error;
    }
    ret = conn->driver->domainPinVcpuFlags(domain, vcpu, cpumap, maplen,
                                           VIR_DOMAIN_AFFECT_LIVE);
    if (ret < 0)
        goto error;
    return ret;

 error:
    virDispatchError(domain->conn);
    return -1;
}

/**
 * virDomainGetVcpuPinInfo:
 * @domain: pointer to domain object
 * @ncpumaps: number of cpumaps in @cpumaps (one per vcpu)
 * @cpumaps: array of @ncpumaps cpumaps of @maplen bytes each
 * @maplen: bytes in one cpumap, 1 to VIR_CPU_MAPLEN(host CPUs)
 * @flags: bitwise-OR of virDomainModificationImpact
 *
 * Gives the pinning of each vcpu, of the running domain or of its
 * configuration.
 *
 * Returns the number of vcpus filled, or -1.
 */
int
virDomainGetVcpuPinInfo(virDomainPtr domain, int ncpumaps, unsigned char *cpumaps,
                        int maplen, unsigned int flags)
{
    virConnectPtr conn;
    int ret;

    VIR_DEBUG("dom=%p", domain);
    virResetLastError();
    if (virCheckDomain(domain) < 0)
        return -1;
    conn = domain->conn;
    if (virCheckNonNullArg(cpumaps) < 0)
        goto error;
    if (virCheckArg(ncpumaps > 0, "ncpumaps", _("must be positive")) < 0)
        goto error;
    if (virCheckArg(maplen > 0, "maplen", _("must be greater than zero")) < 0)
        goto error;
    if (virCheckArg(ncpumaps <= INT_MAX / maplen, "ncpumaps",
                    _("times maplen must fit an int")) < 0)
        goto error;
    if (virCheckExclusiveFlags(VIR_DOMAIN_AFFECT_LIVE, VIR_DOMAIN_AFFECT_CONFIG) < 0)
        goto error;
    if (!conn->driver->domainGetVcpuPinInfo) {
        virReportUnsupported(conn, __func__);
        goto error;
    }
    ret = conn->driver->domainGetVcpuPinInfo(domain, ncpumaps, cpumaps, maplen, flags);
    if (ret < 0)
        goto error;
    return ret;

 error:
    virDispatchError(domain->conn);
    return -1;
}

/**
 * virDomainGetVcpus:
 * @domain: pointer to domain object of a running domain
 * @info: array of @maxinfo virVcpuInfo structures to fill
 * @maxinfo: number of structures in @info
 * @cpumaps: optional array of @maxinfo cpumaps of @maplen bytes each,
 *           filled with the CPUs each vcpu may use (see VIR_CPU_USABLE)
 * @maplen: bytes in one cpumap, 1 to VIR_CPU_MAPLEN(host CPUs); 0 when
 *          @cpumaps is NULL
 *
 * Returns the number of vcpus filled, or -1.
 */
int
virDomainGetVcpus(virDomainPtr domain, virVcpuInfoPtr info, int maxinfo,
                  unsigned char *cpumaps, int maplen)
{
    virConnectPtr conn;
    int ret;

    VIR_DEBUG("dom=%p", domain);
    virResetLastError();
    if (virCheckDomain(domain) < 0)
        return -1;
    conn = domain->conn;
    if (virCheckNonNullArg(info) < 0)
        goto error;
    if (virCheckArg(maxinfo > 0, "maxinfo", _("must be positive")) < 0)
        goto error;
    if (virCheckArg(cpumaps ? maplen > 0 : maplen == 0, "maplen",
                    _("must be positive with cpumaps and zero without")) < 0)
        goto error;
    if (virCheckArg(!cpumaps || maxinfo <= INT_MAX / maplen, "maxinfo",
                    _("times maplen must fit an int")) < 0)
        goto error;
    memset(info, 0, sizeof(*info) * maxinfo);
    if (cpumaps)
        memset(cpumaps, 0, (size_t)maxinfo * maplen);
    if (!conn->driver->domainGetVcpus) {
        virReportUnsupported(conn, __func__);
        goto error;
    }
    if ((ret = conn->driver->domainGetVcpus(domain, info, maxinfo, cpumaps, maplen)) < 0)
        goto error;
    return ret;

 error:
    virDispatchError(domain->conn);
    return -1;
}
