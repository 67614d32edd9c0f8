/*
 * libvirt-domain-tune.c: entry points for memory, vcpus, cpumaps and the
 * typed-parameter tunables
 */
#include "internal.h"

#include <limits.h>

#include "api.h"

#define VIR_FROM_THIS VIR_FROM_DOMAIN

/* Checks the (params, *nparams) pair of a Get call that may be asked for
 * the number of parameters (params NULL, *nparams 0). */
#define VIR_CHECK_GET_PARAMS(conn, params, nparams, retval) \
    do { \
        VIR_CHECK_NONNULL(conn, nparams, retval); \
        VIR_CHECK_ARG(conn, *(nparams) >= 0, "nparams", _("must not be negative"), retval); \
        VIR_CHECK_ARG(conn, (params) || *(nparams) == 0, "params", \
                      _("must not be NULL when *nparams > 0"), retval); \
    } while (0)

#define VIR_CHECK_SET_PARAMS(conn, params, nparams, retval) \
    do { \
        VIR_CHECK_NONNULL(conn, params, retval); \
        VIR_CHECK_ARG(conn, (nparams) > 0, "nparams", _("must be positive"), retval); \
    } while (0)

/* Only the vcpu pinning calls take cpumaps; these are their argument rules. */
#define VIR_CHECK_MAPLEN(conn, maplen, retval) \
    VIR_CHECK_ARG(conn, (maplen) > 0, "maplen", _("must be greater than zero"), retval)

/**
 * virDomainGetMaxMemory:
 * @domain: a domain object
 *
 * Returns the maximum memory of the domain in KiB, or 0 on error.
 */
unsigned long
virDomainGetMaxMemory(virDomainPtr domain)
{
    VIR_ENTRY_DOMAIN(domain, 0);
    if (!domain->conn->driver->domainGetMaxMemory) {
        virReportUnsupported(domain->conn, __func__);
    } else {
        unsigned long long mem = domain->conn->driver->domainGetMaxMemory(domain);

        if (mem > ULONG_MAX)
            virReportError(VIR_ERR_OVERFLOW, _("maximum memory %llu KiB does not fit in unsigned long"),
                           mem);
        else if (mem > 0)
            return mem;
    }
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
    VIR_ENTRY_DOMAIN(domain, -1);
    VIR_CHECK_ARG(domain->conn, memory > 0, "memory", _("must not be zero"), -1);
    VIR_CHECK_READ_ONLY(domain->conn, -1);
    VIR_DRIVER_CALL(domain->conn, domainSetMemoryFlags, < 0, -1, domain, memory,
                    VIR_DOMAIN_MEM_MAXIMUM);
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
    VIR_ENTRY_DOMAIN(domain, -1);
    VIR_CHECK_ARG(domain->conn, memory > 0, "memory", _("must not be zero"), -1);
    VIR_CHECK_READ_ONLY(domain->conn, -1);
    VIR_DRIVER_CALL(domain->conn, domainSetMemoryFlags, < 0, -1, domain, memory,
                    VIR_DOMAIN_AFFECT_LIVE);
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
    VIR_ENTRY_DOMAIN(domain, -1);
    VIR_CHECK_ARG(domain->conn, memory > 0, "memory", _("must not be zero"), -1);
    VIR_CHECK_READ_ONLY(domain->conn, -1);
    VIR_DRIVER_CALL(domain->conn, domainSetMemoryFlags, < 0, -1, domain, memory, flags);
}

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
    VIR_ENTRY_DOMAIN(domain, -1);
    VIR_CHECK_ARG(domain->conn, nvcpus > 0, "nvcpus", _("must not be zero"), -1);
    VIR_CHECK_ARG(domain->conn, nvcpus <= INT_MAX, "nvcpus", _("is too large"), -1);
    VIR_CHECK_READ_ONLY(domain->conn, -1);
    VIR_DRIVER_CALL(domain->conn, domainSetVcpusFlags, < 0, -1, domain, nvcpus, flags);
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
    VIR_ENTRY_DOMAIN(domain, -1);
    VIR_CHECK_ARG(domain->conn, nvcpus > 0, "nvcpus", _("must not be zero"), -1);
    VIR_CHECK_ARG(domain->conn, nvcpus <= INT_MAX, "nvcpus", _("is too large"), -1);
    VIR_CHECK_READ_ONLY(domain->conn, -1);
    VIR_DRIVER_CALL(domain->conn, domainSetVcpusFlags, < 0, -1, domain, nvcpus,
                    VIR_DOMAIN_AFFECT_LIVE);
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
    VIR_ENTRY_DOMAIN(domain, -1);
    VIR_CHECK_ARG(domain->conn, !((flags & VIR_DOMAIN_AFFECT_LIVE) && (flags & VIR_DOMAIN_AFFECT_CONFIG)),
                  "flags", _("must not hold both VIR_DOMAIN_AFFECT_LIVE and VIR_DOMAIN_AFFECT_CONFIG"), -1);
    VIR_DRIVER_CALL(domain->conn, domainGetVcpusFlags, < 0, -1, domain, flags);
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
    VIR_ENTRY_DOMAIN(domain, -1);
    VIR_DRIVER_CALL(domain->conn, domainGetVcpusFlags, < 0, -1, domain,
                    VIR_DOMAIN_VCPU_MAXIMUM);
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
    VIR_ENTRY_DOMAIN(domain, -1);
    VIR_CHECK_NONNULL(domain->conn, cpumap, -1);
    VIR_CHECK_MAPLEN(domain->conn, maplen, -1);
    VIR_CHECK_ARG(domain->conn, vcpu <= INT_MAX, "vcpu", _("is out of range"), -1);
    VIR_CHECK_READ_ONLY(domain->conn, -1);
    VIR_DRIVER_CALL(domain->conn, domainPinVcpuFlags, < 0, -1, domain, vcpu, cpumap,
                    maplen, flags);
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
    VIR_ENTRY_DOMAIN(domain, -1);
    VIR_CHECK_NONNULL(domain->conn, cpumap, -1);
    VIR_CHECK_MAPLEN(domain->conn, maplen, -1);
    VIR_CHECK_ARG(domain->conn, vcpu <= INT_MAX, "vcpu", _("is out of range"), -1);
    VIR_CHECK_READ_ONLY(domain->conn, -1);
    VIR_DRIVER_CALL(domain->conn, domainPinVcpuFlags, < 0, -1, domain, vcpu, cpumap,
                    maplen, VIR_DOMAIN_AFFECT_LIVE);
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
    VIR_ENTRY_DOMAIN(domain, -1);
    VIR_CHECK_NONNULL(domain->conn, cpumaps, -1);
    VIR_CHECK_ARG(domain->conn, ncpumaps > 0, "ncpumaps", _("must be positive"), -1);
    VIR_CHECK_MAPLEN(domain->conn, maplen, -1);
    VIR_CHECK_ARG(domain->conn, ncpumaps <= INT_MAX / maplen, "ncpumaps",
                  _("times maplen must fit an int"), -1);
    VIR_CHECK_ARG(domain->conn, !((flags & VIR_DOMAIN_AFFECT_LIVE) && (flags & VIR_DOMAIN_AFFECT_CONFIG)),
                  "flags", _("must not hold both VIR_DOMAIN_AFFECT_LIVE and VIR_DOMAIN_AFFECT_CONFIG"), -1);
    VIR_DRIVER_CALL(domain->conn, domainGetVcpuPinInfo, < 0, -1, domain, ncpumaps,
                    cpumaps, maplen, flags);
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
    VIR_ENTRY_DOMAIN(domain, -1);
    VIR_CHECK_NONNULL(domain->conn, info, -1);
    VIR_CHECK_ARG(domain->conn, maxinfo > 0, "maxinfo", _("must be positive"), -1);
    VIR_CHECK_ARG(domain->conn, cpumaps ? maplen > 0 : maplen == 0, "maplen",
                  _("must be positive with cpumaps and zero without"), -1);
    VIR_CHECK_ARG(domain->conn, !cpumaps || maxinfo <= INT_MAX / maplen, "maxinfo",
                  _("times maplen must fit an int"), -1);
    memset(info, 0, sizeof(*info) * maxinfo);
    if (cpumaps)
        memset(cpumaps, 0, (size_t)maxinfo * maplen);
    VIR_DRIVER_CALL(domain->conn, domainGetVcpus, < 0, -1, domain, info, maxinfo,
                    cpumaps, maplen);
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
    int dummy;

    VIR_ENTRY_DOMAIN(domain, NULL);
    VIR_DRIVER_CALL(domain->conn, domainGetSchedulerType, == NULL, NULL, domain,
                    nparams ? nparams : &dummy);
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
    VIR_ENTRY_DOMAIN(domain, -1);
    VIR_CHECK_NONNULL(domain->conn, params, -1);
    VIR_CHECK_NONNULL(domain->conn, nparams, -1);
    VIR_CHECK_ARG(domain->conn, *nparams > 0, "nparams", _("must be positive"), -1);
    VIR_DRIVER_CALL(domain->conn, domainGetSchedulerParametersFlags, < 0, -1, domain,
                    params, nparams, flags | VIR_TYPED_PARAM_STRING_OKAY);
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
    VIR_ENTRY_DOMAIN(domain, -1);
    VIR_CHECK_NONNULL(domain->conn, params, -1);
    VIR_CHECK_NONNULL(domain->conn, nparams, -1);
    VIR_CHECK_ARG(domain->conn, *nparams > 0, "nparams", _("must be positive"), -1);
    VIR_DRIVER_CALL(domain->conn, domainGetSchedulerParametersFlags, < 0, -1, domain,
                    params, nparams, VIR_TYPED_PARAM_STRING_OKAY);
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
    VIR_ENTRY_DOMAIN(domain, -1);
    VIR_CHECK_SET_PARAMS(domain->conn, params, nparams, -1);
    VIR_CHECK_READ_ONLY(domain->conn, -1);
    VIR_DRIVER_CALL(domain->conn, domainSetSchedulerParametersFlags, < 0, -1, domain,
                    params, nparams, flags);
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
    VIR_ENTRY_DOMAIN(domain, -1);
    VIR_CHECK_SET_PARAMS(domain->conn, params, nparams, -1);
    VIR_CHECK_READ_ONLY(domain->conn, -1);
    VIR_DRIVER_CALL(domain->conn, domainSetSchedulerParametersFlags, < 0, -1, domain,
                    params, nparams, VIR_DOMAIN_AFFECT_CURRENT);
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
    VIR_ENTRY_DOMAIN(domain, -1);
    VIR_CHECK_GET_PARAMS(domain->conn, params, nparams, -1);
    VIR_DRIVER_CALL(domain->conn, domainGetMemoryParameters, < 0, -1, domain, params,
                    nparams, flags | VIR_TYPED_PARAM_STRING_OKAY);
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
    VIR_ENTRY_DOMAIN(domain, -1);
    VIR_CHECK_SET_PARAMS(domain->conn, params, nparams, -1);
    VIR_CHECK_READ_ONLY(domain->conn, -1);
    VIR_DRIVER_CALL(domain->conn, domainSetMemoryParameters, < 0, -1, domain, params,
                    nparams, flags);
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
    VIR_ENTRY_DOMAIN(domain, -1);
    VIR_CHECK_GET_PARAMS(domain->conn, params, nparams, -1);
    VIR_DRIVER_CALL(domain->conn, domainGetBlkioParameters, < 0, -1, domain, params,
                    nparams, flags | VIR_TYPED_PARAM_STRING_OKAY);
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
    VIR_ENTRY_DOMAIN(domain, -1);
    VIR_CHECK_SET_PARAMS(domain->conn, params, nparams, -1);
    VIR_CHECK_READ_ONLY(domain->conn, -1);
    VIR_DRIVER_CALL(domain->conn, domainSetBlkioParameters, < 0, -1, domain, params,
                    nparams, flags);
}
