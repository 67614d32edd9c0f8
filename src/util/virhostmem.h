/*
 * virhostmem.h: the host's memory, as /proc/meminfo says
 *
 * Facts any driver on a Linux host reports as its node's (LVE, VServer,
 * a Xen dom0 for its own share).  Tests may read a fake host: see
 * virFileSetHostRoot().
 */
#ifndef VIR_HOSTMEM_H
# define VIR_HOSTMEM_H

# include "internal.h"

/* The value of the line "@key:  N kB" of /proc/meminfo ("MemTotal"), in
 * KiB; 0 when the file or the line is missing. */
unsigned long long virHostMemGetMeminfo(const char *key);

/**
 * virHostMemGetStats:
 * @cellNum: 0 or VIR_NODE_MEMORY_STATS_ALL_CELLS (the host is one cell)
 * @params: array to fill, or NULL with *@nparams 0 to ask for their number
 * @nparams: in: size of @params; out: number filled
 *
 * virNodeGetMemoryStats for the host: total, free, buffers and cached, in
 * KiB, read at one instant.
 *
 * Returns 0, or -1 with an error for a cell the host does not have.
 */
int virHostMemGetStats(int cellNum, virNodeMemoryStatsPtr params, int *nparams);

#endif /* VIR_HOSTMEM_H */
