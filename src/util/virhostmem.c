/*
 * virhostmem.c: the host's memory, as /proc/meminfo says
 */
#include "internal.h"

#include "virerror.h"
#include "virfile.h"
#include "virhostmem.h"

#define VIR_FROM_THIS VIR_FROM_NONE

/* /proc/meminfo, or NULL when it cannot be read. */
static char *
virHostMemReadMeminfo(void)
{
    g_autofree char *path = virFileHostPath("/proc/meminfo");
    char *info = NULL;

    if (!g_file_get_contents(path, &info, NULL, NULL))
        return NULL;
    return info;
}

/* The number after "@key:" on the line that starts with it, or 0. */
static unsigned long long
virHostMemLookup(const char *info, const char *key)
{
    size_t klen = strlen(key);
    const char *line = info;

    while (line && *line) {
        if (strncmp(line, key, klen) == 0 && line[klen] == ':')
            return g_ascii_strtoull(line + klen + 1, NULL, 10);
        if ((line = strchr(line, '\n')))
            line++;
    }
    return 0;
}

unsigned long long
virHostMemGetMeminfo(const char *key)
{
    g_autofree char *info = virHostMemReadMeminfo();

    return info ? virHostMemLookup(info, key) : 0;
}

int
virHostMemGetStats(int cellNum, virNodeMemoryStatsPtr params, int *nparams)
{
    static const struct { const char *field; const char *key; } stats[] = {
        { VIR_NODE_MEMORY_STATS_TOTAL, "MemTotal" },
        { VIR_NODE_MEMORY_STATS_FREE, "MemFree" },
        { VIR_NODE_MEMORY_STATS_BUFFERS, "Buffers" },
        { VIR_NODE_MEMORY_STATS_CACHED, "Cached" },
    };
    g_autofree char *info = NULL;
    int i;

    if (cellNum != VIR_NODE_MEMORY_STATS_ALL_CELLS && cellNum != 0) {
        virReportError(VIR_ERR_INVALID_ARG, _("cell %d does not exist: the host has 1 cell"),
                       cellNum);
        return -1;
    }
    if (*nparams == 0) {
        *nparams = G_N_ELEMENTS(stats);
        return 0;
    }
    info = virHostMemReadMeminfo();
    for (i = 0; i < *nparams && i < (int)G_N_ELEMENTS(stats); i++) {
        g_strlcpy(params[i].field, stats[i].field, sizeof(params[i].field));
        params[i].value = info ? virHostMemLookup(info, stats[i].key) : 0;
    }
    *nparams = i;
    return 0;
}
