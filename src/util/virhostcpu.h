/*
 * virhostcpu.h: the host's CPUs: how many are present and online, their
 * clock, and the node info built from them; the kernel's version
 *
 * Facts any driver on a Linux host reports as its node's.  Tests may read
 * a fake host: see virFileSetHostRoot().
 */
#ifndef VIR_HOSTCPU_H
# define VIR_HOSTCPU_H

# include "internal.h"

# include "virbitmap.h"

/* The online CPUs (/sys/devices/system/cpu/online), or NULL with an error.
 * The map is as large as the highest online CPU + 1. */
virBitmap *virHostCPUGetOnlineBitmap(void);

/* How many CPUs are online: /sys/devices/system/cpu/online, or what
 * sysconf says where sysfs is not there; at least 1. */
unsigned int virHostCPUGetOnlineCount(void);

/* The clock of the first CPU in MHz, from the "cpu MHz" line of
 * /proc/cpuinfo; 0 where the host does not say (most ARM hosts). */
unsigned int virHostCPUGetMHz(void);

/* The running kernel's release (/proc/sys/kernel/osrelease, "6.1.0-18-amd64")
 * as libvirt numbers versions: 6001000.  0 where it cannot be read.  What a
 * container driver on the host's cgroups reports as its hypervisor's
 * version, as libvirt's LXC driver does. */
unsigned long virHostKernelVersion(void);

/**
 * virHostCPUGetNodeInfo:
 * @info: filled with the host's node info
 *
 * virNodeGetInfo for the host: the architecture (uname), memory
 * (MemTotal), online CPUs and their clock, as one cell of single-threaded
 * cores on one socket: what every host can say without reading its
 * topology.
 *
 * Returns 0, or -1 with an error.
 */
int virHostCPUGetNodeInfo(virNodeInfo *info);

/**
 * virHostCPUGetMap:
 * @cpumap: where to store the map of online CPUs (free()), or NULL
 * @online: where to store the number of online CPUs, or NULL
 *
 * virNodeGetCPUMap for the host: a map as large as the present CPUs
 * (/sys/devices/system/cpu/present), with a bit set for each online one.
 *
 * Returns the number of present CPUs (the size of the map in bits), or -1
 * with an error.
 */
int virHostCPUGetMap(unsigned char **cpumap, unsigned int *online);

#endif /* VIR_HOSTCPU_H */
