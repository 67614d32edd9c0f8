/*
 * virhostcpu.c: the host's CPUs, as sysfs and /proc/cpuinfo say; the
 * kernel's version
 */
#include "internal.h"

#include <stdio.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "virerror.h"
#include "virfile.h"
#include "virhostcpu.h"
#include "virhostmem.h"

#define VIR_FROM_THIS VIR_FROM_NONE

/* Linux's largest NR_CPUS is 8192; room for more. */
#define VIR_HOSTCPU_MAX 16384

/* A cpulist of /sys/devices/system/cpu ("present", "online") as a map as
 * large as its highest CPU + 1. */
static virBitmap *
virHostCPUReadList(const char *name)
{
    g_autofree char *rel = g_strdup_printf("/sys/devices/system/cpu/%s", name);
    g_autofree char *path = virFileHostPath(rel);
    g_autofree char *list = NULL;
    g_autoptr(GError) err = NULL;
    g_autoptr(virBitmap) all = NULL;
    virBitmap *map;
    ssize_t cpu;

    if (!g_file_get_contents(path, &list, NULL, &err)) {
        virReportError(VIR_ERR_SYSTEM_ERROR, _("cannot read '%s': %s"), path, err->message);
        return NULL;
    }
    if (!(all = virBitmapParse(g_strstrip(list), VIR_HOSTCPU_MAX)))
        return NULL;
    map = virBitmapNew(virBitmapLastSetBit(all) + 1);
    for (cpu = virBitmapNextSetBit(all, -1); cpu >= 0; cpu = virBitmapNextSetBit(all, cpu))
        virBitmapSetBit(map, cpu);
    return map;
}

virBitmap *
virHostCPUGetOnlineBitmap(void)
{
    return virHostCPUReadList("online");
}

unsigned int
virHostCPUGetOnlineCount(void)
{
    g_autoptr(virBitmap) online = virHostCPUGetOnlineBitmap();
    long cpus;

    if (online && virBitmapCountBits(online) > 0)
        return virBitmapCountBits(online);
    /* no sysfs (a container may hide it): the C library's count */
    virResetLastError();
    cpus = sysconf(_SC_NPROCESSORS_ONLN);
    return cpus > 0 ? cpus : 1;
}

unsigned int
virHostCPUGetMHz(void)
{
    g_autofree char *path = virFileHostPath("/proc/cpuinfo");
    g_autofree char *info = NULL;
    const char *line;

    if (!g_file_get_contents(path, &info, NULL, NULL) ||
        !(line = strstr(info, "cpu MHz")) || !(line = strchr(line, ':')))
        return 0;
    return (unsigned int)g_ascii_strtod(line + 1, NULL);
}

unsigned long
virHostKernelVersion(void)
{
    g_autofree char *path = virFileHostPath("/proc/sys/kernel/osrelease");
    g_autofree char *release = NULL;
    unsigned int major = 0, minor = 0, micro = 0;

    /* "major.minor[.micro]" and whatever the distribution appends */
    if (!g_file_get_contents(path, &release, NULL, NULL) ||
        !g_ascii_isdigit(release[0]) ||
        sscanf(release, "%u.%u.%u", &major, &minor, &micro) < 2 ||
        minor > 999 || micro > 999)
        return 0;
    return major * 1000000UL + minor * 1000UL + micro;
}

int
virHostCPUGetNodeInfo(virNodeInfo *info)
{
    struct utsname uts;
    unsigned int cpus = virHostCPUGetOnlineCount();

    memset(info, 0, sizeof(*info));
    if (uname(&uts) < 0) {
        virReportSystemError(errno, "%s", _("cannot read the host's architecture and CPUs"));
        return -1;
    }
    g_strlcpy(info->model, uts.machine, sizeof(info->model));
    info->memory = virHostMemGetMeminfo("MemTotal");
    info->cpus = cpus;
    info->mhz = virHostCPUGetMHz();
    /* one cell of single-threaded cores: what every host can honestly say */
    info->nodes = 1;
    info->sockets = 1;
    info->cores = cpus;
    info->threads = 1;
    return 0;
}

int
virHostCPUGetMap(unsigned char **cpumap, unsigned int *online)
{
    g_autoptr(virBitmap) present = virHostCPUReadList("present");
    g_autoptr(virBitmap) up = NULL;
    size_t npresent;

    if (!present || !(up = virHostCPUGetOnlineBitmap()))
        return -1;
    /* a CPU is online only if present; the map is the present ones' size */
    npresent = virBitmapSize(present);
    if (cpumap) {
        g_autoptr(virBitmap) map = virBitmapNew(npresent);
        ssize_t cpu;

        for (cpu = virBitmapNextSetBit(up, -1); cpu >= 0; cpu = virBitmapNextSetBit(up, cpu))
            virBitmapSetBit(map, cpu);
        *cpumap = g_new0(unsigned char, VIR_CPU_MAPLEN(npresent));
        virBitmapToCpumap(map, *cpumap, VIR_CPU_MAPLEN(npresent));
    }
    if (online)
        *online = virBitmapCountBits(up);
    return npresent;
}
