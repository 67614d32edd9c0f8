/*
 * virksm.c: the host's KSM tunables and counters, and a process's own
 * merging
 */
#include "internal.h"

#include <fcntl.h>
#include <sys/prctl.h>
#include <unistd.h>

#include "virerror.h"
#include "virfile.h"
#include "virksm.h"
#include "virstring.h"

#define VIR_FROM_THIS VIR_FROM_NONE

/* Linux 6.4; older headers lack them */
#ifndef PR_SET_MEMORY_MERGE
# define PR_SET_MEMORY_MERGE 67
# define PR_GET_MEMORY_MERGE 68
#endif

#define VIR_KSM_DIR "/sys/kernel/mm/ksm"

static char *
virKsmPath(const char *name)
{
    g_autofree char *rel = g_build_filename(VIR_KSM_DIR, name, NULL);

    return virFileHostPath(rel);
}

static int
virKsmReadFile(const char *name, unsigned long long *value, bool optional)
{
    g_autofree char *path = virKsmPath(name);
    g_autofree char *str = NULL;
    g_autoptr(GError) err = NULL;

    if (!g_file_get_contents(path, &str, NULL, &err)) {
        if (optional && g_error_matches(err, G_FILE_ERROR, G_FILE_ERROR_NOENT)) {
            *value = 0;
            return 0;
        }
        virReportError(VIR_ERR_OPERATION_UNSUPPORTED,
                       _("cannot read '%s' (is the kernel built with KSM?): %s"), path, err->message);
        return -1;
    }
    if (virStrToULL(g_strstrip(str), value) < 0) {
        virReportError(VIR_ERR_INTERNAL_ERROR, _("'%s' holds '%s', not a number"), path, str);
        return -1;
    }
    return 0;
}

int
virKsmGetInfo(virKsmInfo *info)
{
    unsigned long long scan, sleep, merge;

    /* merge_across_nodes exists only on NUMA kernels */
    if (virKsmReadFile("pages_to_scan", &scan, false) < 0 ||
        virKsmReadFile("sleep_millisecs", &sleep, false) < 0 ||
        virKsmReadFile("merge_across_nodes", &merge, true) < 0 ||
        virKsmReadFile("pages_shared", &info->pagesShared, false) < 0 ||
        virKsmReadFile("pages_sharing", &info->pagesSharing, false) < 0 ||
        virKsmReadFile("pages_unshared", &info->pagesUnshared, false) < 0 ||
        virKsmReadFile("pages_volatile", &info->pagesVolatile, false) < 0 ||
        virKsmReadFile("full_scans", &info->fullScans, false) < 0)
        return -1;
    info->pagesToScan = scan;
    info->sleepMillisecs = sleep;
    info->mergeAcrossNodes = merge;
    return 0;
}

/* sysfs files are written in place: no temporary file, no rename */
static int
virKsmWriteFile(const char *name, unsigned int value)
{
    g_autofree char *path = virKsmPath(name);
    g_autofree char *str = g_strdup_printf("%u", value);
    int fd = open(path, O_WRONLY | O_CLOEXEC);
    int err = 0;

    if (fd < 0 || write(fd, str, strlen(str)) < 0)
        err = errno;
    if (fd >= 0)
        close(fd);
    if (err) {
        virReportSystemError(err, _("cannot write %s to '%s'"), str, path);
        return -1;
    }
    return 0;
}

static int
virKsmWriteTunables(const virKsmInfo *info, unsigned int which)
{
    if ((which & VIR_KSM_PAGES_TO_SCAN) &&
        virKsmWriteFile("pages_to_scan", info->pagesToScan) < 0)
        return -1;
    if ((which & VIR_KSM_SLEEP_MILLISECS) &&
        virKsmWriteFile("sleep_millisecs", info->sleepMillisecs) < 0)
        return -1;
    if ((which & VIR_KSM_MERGE_ACROSS_NODES) &&
        virKsmWriteFile("merge_across_nodes", info->mergeAcrossNodes) < 0)
        return -1;
    return 0;
}

int
virKsmSetTunables(const virKsmInfo *info, const virKsmInfo *old, unsigned int which)
{
    virErrorPtr saved = NULL;

    if (virKsmWriteTunables(info, which) == 0)
        return 0;
    virErrorPreserveLast(&saved);
    virKsmWriteTunables(old, which);
    virErrorRestore(&saved);
    return -1;
}

int
virKsmCheckSelf(void)
{
    if (prctl(PR_GET_MEMORY_MERGE, 0, 0, 0, 0) < 0) {
        virReportSystemError(errno, "%s",
                             _("this kernel cannot make a process's memory mergeable (PR_SET_MEMORY_MERGE needs Linux 6.4); turn memory sharing off for the domain"));
        return -1;
    }
    return 0;
}

int
virKsmSetSelf(bool enable)
{
    if (prctl(PR_SET_MEMORY_MERGE, enable ? 1 : 0, 0, 0, 0) < 0) {
        virReportSystemError(errno, "%s",
                             _("cannot change the memory merging of this process (prctl PR_SET_MEMORY_MERGE)"));
        return -1;
    }
    return 0;
}

void
virKsmGetProcessPages(pid_t pid, unsigned long long *merged, unsigned long long *tracked)
{
    g_autofree char *rel = g_strdup_printf("/proc/%d/ksm_stat", (int)pid);
    g_autofree char *path = virFileHostPath(rel);
    g_autofree char *stat = NULL;
    g_auto(GStrv) lines = NULL;
    size_t i;

    *merged = *tracked = 0;
    if (!g_file_get_contents(path, &stat, NULL, NULL))
        return;
    lines = g_strsplit(stat, "\n", 0);
    for (i = 0; lines[i]; i++) {
        if (g_str_has_prefix(lines[i], "ksm_merging_pages "))
            virStrToULL(lines[i] + strlen("ksm_merging_pages "), merged);
        else if (g_str_has_prefix(lines[i], "ksm_rmap_items "))
            virStrToULL(lines[i] + strlen("ksm_rmap_items "), tracked);
    }
}
