/*
 * lve_ksm.c: the host's KSM settings and counters, and per-process merging
 */
#include "internal.h"

#include <fcntl.h>
#include <sys/prctl.h>
#include <unistd.h>

#include "lve_ksm.h"
#include "virerror.h"
#include "virstring.h"

#define VIR_FROM_THIS VIR_FROM_NONE

/* Linux 6.4; older headers lack them */
#ifndef PR_SET_MEMORY_MERGE
# define PR_SET_MEMORY_MERGE 67
# define PR_GET_MEMORY_MERGE 68
#endif

#define LVE_KSM_DIR "/sys/kernel/mm/ksm"

static int
lveKsmReadFile(const char *name, unsigned long long *value, bool optional)
{
    g_autofree char *path = g_build_filename(LVE_KSM_DIR, name, NULL);
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
lveKsmRead(virNodeMemoryShare *shm)
{
    unsigned long long scan, sleep, merge;

    /* merge_across_nodes exists only on NUMA kernels */
    if (lveKsmReadFile("pages_to_scan", &scan, false) < 0 ||
        lveKsmReadFile("sleep_millisecs", &sleep, false) < 0 ||
        lveKsmReadFile("merge_across_nodes", &merge, true) < 0 ||
        lveKsmReadFile("pages_shared", &shm->pagesShared, false) < 0 ||
        lveKsmReadFile("pages_sharing", &shm->pagesSharing, false) < 0 ||
        lveKsmReadFile("pages_unshared", &shm->pagesUnshared, false) < 0 ||
        lveKsmReadFile("pages_volatile", &shm->pagesVolatile, false) < 0 ||
        lveKsmReadFile("full_scans", &shm->fullScans, false) < 0)
        return -1;
    shm->pagesToScan = scan;
    shm->sleepMillisecs = sleep;
    shm->mergeAcrossNodes = merge;
    return 0;
}

/* sysfs files are written in place: no temporary file, no rename */
static int
lveKsmWriteFile(const char *name, unsigned int value)
{
    g_autofree char *path = g_build_filename(LVE_KSM_DIR, name, NULL);
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
lveKsmWriteFields(const virNodeMemoryShare *shm, unsigned int changed)
{
    if ((changed & (1 << 0)) && lveKsmWriteFile("pages_to_scan", shm->pagesToScan) < 0)
        return -1;
    if ((changed & (1 << 1)) && lveKsmWriteFile("sleep_millisecs", shm->sleepMillisecs) < 0)
        return -1;
    /* refused (EBUSY) while pages are merged across nodes */
    if ((changed & (1 << 2)) && lveKsmWriteFile("merge_across_nodes", shm->mergeAcrossNodes) < 0)
        return -1;
    return 0;
}

int
lveKsmWrite(const virNodeMemoryShare *shm, const virNodeMemoryShare *old, unsigned int changed)
{
    virErrorPtr saved = NULL;

    if (lveKsmWriteFields(shm, changed) == 0)
        return 0;
    virErrorPreserveLast(&saved);
    lveKsmWriteFields(old, changed);
    virErrorRestore(&saved);
    return -1;
}

int
lveKsmCheckSelf(void)
{
    if (prctl(PR_GET_MEMORY_MERGE, 0, 0, 0, 0) < 0) {
        virReportSystemError(errno, "%s",
                             _("this kernel cannot make a process's memory mergeable (PR_SET_MEMORY_MERGE needs Linux 6.4); turn memory sharing off for the domain"));
        return -1;
    }
    return 0;
}

int
lveKsmSetSelf(bool enable)
{
    if (prctl(PR_SET_MEMORY_MERGE, enable ? 1 : 0, 0, 0, 0) < 0) {
        virReportSystemError(errno, "%s",
                             _("cannot change the memory merging of this process (prctl PR_SET_MEMORY_MERGE)"));
        return -1;
    }
    return 0;
}

void
lveKsmProcessPages(pid_t pid, unsigned long long *merged, unsigned long long *tracked)
{
    g_autofree char *path = g_strdup_printf("/proc/%d/ksm_stat", (int)pid);
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
