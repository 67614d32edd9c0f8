/*
 * libvirt-node.c: entry points for the host (node): its CPUs, memory,
 * memory-sharing tunables and security model
 */
#include "internal.h"

#include "api.h"

#define VIR_FROM_THIS VIR_FROM_NONE

/**
 * virNodeGetInfo:
 * @conn: pointer to the hypervisor connection
 * @info: pointer to a virNodeInfo structure allocated by the user
 *
 * Returns 0 on success, -1 on error.
 */
int
virNodeGetInfo(virConnectPtr conn, virNodeInfoPtr info)
{
    int ret;

    VIR_DEBUG("conn=%p", conn);
    virResetLastError();
    if (virCheckConnect(conn) < 0)
        return -1;
    if (virCheckNonNullArg(info) < 0)
        goto error;
    if (!conn->driver->nodeGetInfo) {
        virReportUnsupported(conn, __func__);
        goto error;
    }
    if ((ret = conn->driver->nodeGetInfo(conn, info)) < 0)
        goto error;
    return ret;

 error:
    virDispatchError(conn);
    return -1;
}

/**
 * virNodeGetFreeMemory:
 * @conn: pointer to the hypervisor connection
 *
 * Returns the free memory of the host in bytes; 0 with an error set
 * (virGetLastError()) on failure.
 */
unsigned long long
virNodeGetFreeMemory(virConnectPtr conn)
{
    unsigned long long mem;

    VIR_DEBUG("conn=%p", conn);
    virResetLastError();
    if (virCheckConnect(conn) < 0)
        return 0;
    if (!conn->driver->nodeGetFreeMemory) {
        virReportUnsupported(conn, __func__);
        goto error;
    }
    /* 0 is both "no memory free" and "error": only an error is dispatched */
    if ((mem = conn->driver->nodeGetFreeMemory(conn)) == 0 && virErrorIsSet())
        goto error;
    return mem;

 error:
    virDispatchError(conn);
    return 0;
}

/**
 * virNodeGetCellsFreeMemory:
 * @conn: pointer to the hypervisor connection
 * @freeMems: array filled with the free memory of each cell, in bytes
 * @startCell: index of the first cell
 * @maxCells: size of @freeMems
 *
 * Returns the number of entries filled, or -1.
 */
int
virNodeGetCellsFreeMemory(virConnectPtr conn, unsigned long long *freeMems,
                          int startCell, int maxCells)
{
    int ret;

    VIR_DEBUG("conn=%p", conn);
    virResetLastError();
    if (virCheckConnect(conn) < 0)
        return -1;
    if (virCheckNonNullArg(freeMems) < 0)
        goto error;
    if (virCheckArg(maxCells > 0, "maxCells", _("must be positive")) < 0)
        goto error;
    if (virCheckArg(startCell >= 0, "startCell", _("must not be negative")) < 0)
        goto error;
    if (!conn->driver->nodeGetCellsFreeMemory) {
        virReportUnsupported(conn, __func__);
        goto error;
    }
    if ((ret = conn->driver->nodeGetCellsFreeMemory(conn, freeMems, startCell, maxCells)) < 0)
        goto error;
    return ret;

 error:
    virDispatchError(conn);
    return -1;
}

/**
 * virNodeGetCPUMap:
 * @conn: pointer to the hypervisor connection
 * @cpumap: optional pointer to a bit map of the present CPUs, to free with free()
 * @online: optional number of online CPUs
 * @flags: extra flags; not used yet, so callers should always pass 0
 *
 * Returns the number of CPUs present on the host (the size of a cpumap in
 * bits), or -1.
 */
int
virNodeGetCPUMap(virConnectPtr conn, unsigned char **cpumap,
                 unsigned int *online, unsigned int flags)
{
    int ret;

    VIR_DEBUG("conn=%p", conn);
    virResetLastError();
    if (virCheckConnect(conn) < 0)
        return -1;
    if (!conn->driver->nodeGetCPUMap) {
        virReportUnsupported(conn, __func__);
        goto error;
    }
    if ((ret = conn->driver->nodeGetCPUMap(conn, cpumap, online, flags)) < 0)
        goto error;
    return ret;

 error:
    virDispatchError(conn);
    return -1;
}

/**
 * virNodeGetMemoryStats:
 * @conn: pointer to the hypervisor connection
 * @cellNum: a cell number, or VIR_NODE_MEMORY_STATS_ALL_CELLS
 * @params: array of statistics to fill, or NULL to ask for their number
 * @nparams: in: size of @params; out: number of statistics
 * @flags: extra flags; not used yet, so callers should always pass 0
 *
 * Returns 0 on success, -1 on error.
 */
int
virNodeGetMemoryStats(virConnectPtr conn, int cellNum,
                      virNodeMemoryStatsPtr params, int *nparams,
                      unsigned int flags)
{
    int ret;

    VIR_DEBUG("conn=%p", conn);
    virResetLastError();
    if (virCheckConnect(conn) < 0)
        return -1;
    if (virCheckGetParams(params, nparams) < 0)
        goto error;
    if (virCheckArg(cellNum >= VIR_NODE_MEMORY_STATS_ALL_CELLS, "cellNum",
                    _("must be a cell number or VIR_NODE_MEMORY_STATS_ALL_CELLS")) < 0)
        goto error;
    if (!conn->driver->nodeGetMemoryStats) {
        virReportUnsupported(conn, __func__);
        goto error;
    }
    if ((ret = conn->driver->nodeGetMemoryStats(conn, cellNum, params, nparams, flags)) < 0)
        goto error;
    return ret;

 error:
    virDispatchError(conn);
    return -1;
}

/**
 * virNodeGetMemoryParameters:
 * @conn: pointer to the hypervisor connection
 * @params: array to fill, or NULL with *@nparams 0 to ask for their number
 * @nparams: in: size of @params; out: number of parameters filled
 * @flags: VIR_TYPED_PARAM_STRING_OKAY or 0
 *
 * Gives the memory-sharing tunables and counters (shm_pages_to_scan,
 * shm_pages_shared, ...).
 *
 * Returns 0 on success, -1 on error.
 */
int
virNodeGetMemoryParameters(virConnectPtr conn, virTypedParameterPtr params,
                           int *nparams, unsigned int flags)
{
    int ret;

    VIR_DEBUG("conn=%p", conn);
    virResetLastError();
    if (virCheckConnect(conn) < 0)
        return -1;
    if (virCheckGetParams(params, nparams) < 0)
        goto error;
    if (!conn->driver->nodeGetMemoryParameters) {
        virReportUnsupported(conn, __func__);
        goto error;
    }
    if ((ret = conn->driver->nodeGetMemoryParameters(conn, params, nparams, flags)) < 0)
        goto error;
    return ret;

 error:
    virDispatchError(conn);
    return -1;
}

/**
 * virNodeSetMemoryParameters:
 * @conn: pointer to the hypervisor connection
 * @params: the tunables to change
 * @nparams: number of entries in @params
 * @flags: extra flags; not used yet, so callers should always pass 0
 *
 * Changes memory-sharing tunables (shm_pages_to_scan, shm_sleep_millisecs,
 * shm_merge_across_nodes); all or none are applied.
 *
 * Returns 0 on success, -1 on error.
 */
int
virNodeSetMemoryParameters(virConnectPtr conn, virTypedParameterPtr params,
                           int nparams, unsigned int flags)
{
    int ret;

    VIR_DEBUG("conn=%p", conn);
    virResetLastError();
    if (virCheckConnect(conn) < 0)
        return -1;
    if (virCheckSetParams(params, nparams) < 0)
        goto error;
    if (virCheckReadOnly(conn) < 0)
        goto error;
    if (!conn->driver->nodeSetMemoryParameters) {
        virReportUnsupported(conn, __func__);
        goto error;
    }
    if ((ret = conn->driver->nodeSetMemoryParameters(conn, params, nparams, flags)) < 0)
        goto error;
    return ret;

 error:
    virDispatchError(conn);
    return -1;
}

/**
 * virNodeGetSecurityModel:
 * @conn: a connection object
 * @secmodel: pointer to a virSecurityModel structure
 *
 * Returns 0 on success, -1 on error.
 */
int
virNodeGetSecurityModel(virConnectPtr conn, virSecurityModelPtr secmodel)
{
    int ret;

    VIR_DEBUG("conn=%p", conn);
    virResetLastError();
    if (virCheckConnect(conn) < 0)
        return -1;
    if (virCheckNonNullArg(secmodel) < 0)
        goto error;
    if (!conn->driver->nodeGetSecurityModel) {
        virReportUnsupported(conn, __func__);
        goto error;
    }
    if ((ret = conn->driver->nodeGetSecurityModel(conn, secmodel)) < 0)
        goto error;
    return ret;

 error:
    virDispatchError(conn);
    return -1;
}
