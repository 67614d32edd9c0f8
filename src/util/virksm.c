/*
 * virksm.c: the host's KSM tunables and counters, a process's own
 * merging, and a merging pass
 */
#include "internal.h"

#include <fcntl.h>
#include <sys/file.h>
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
virKsmCheckHost(void)
{
    g_autofree char *dir = virFileHostPath(VIR_KSM_DIR);

    if (g_file_test(dir, G_FILE_TEST_IS_DIR))
        return 0;
    virReportError(VIR_ERR_OPERATION_UNSUPPORTED,
                   _("this kernel has no KSM (no %s): memory cannot be merged on this host"), dir);
    return -1;
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

int
virKsmProcessMergesAny(pid_t pid)
{
    g_autofree char *rel = g_strdup_printf("/proc/%d/ksm_stat", (int)pid);
    g_autofree char *path = virFileHostPath(rel);
    g_autofree char *stat = NULL;

    if (!g_file_get_contents(path, &stat, NULL, NULL))
        return -1;
    return strstr(stat, "ksm_merge_any: yes") != NULL;
}

/* ---- a merging pass ------------------------------------------------ */

/* How often a pass looks at full_scans. */
#define VIR_KSM_PASS_POLL_US (20 * 1000)

/* What a pass compares before and after (Documentation/admin-guide/mm/ksm.rst):
 * pages_scanned "how many pages are being scanned for ksm", pages_shared
 * "how many shared pages are being used" (KSM pages: one per kind of
 * content), pages_sharing "how many more sites are sharing them i.e. how
 * much saved", ksm_zero_pages the empty pages merged with the kernel's
 * zero page when use_zero_pages is on ("the sum of pages_sharing +
 * ksm_zero_pages represents the actual number of pages saved by KSM";
 * 0 on kernels without the file), full_scans "how many times all
 * mergeable areas have been scanned". */
typedef struct {
    unsigned long long run;
    unsigned long long scanned;
    unsigned long long shared;
    unsigned long long sharing;
    unsigned long long zero;
    unsigned long long fullScans;
} virKsmCounters;

static int
virKsmReadCounters(virKsmCounters *c)
{
    return virKsmReadFile("run", &c->run, false) < 0 ||
           virKsmReadFile("pages_scanned", &c->scanned, false) < 0 ||
           virKsmReadFile("pages_shared", &c->shared, false) < 0 ||
           virKsmReadFile("pages_sharing", &c->sharing, false) < 0 ||
           virKsmReadFile("ksm_zero_pages", &c->zero, true) < 0 ||
           virKsmReadFile("full_scans", &c->fullScans, false) < 0 ? -1 : 0;
}

static unsigned long long
virKsmDelta(unsigned long long after, unsigned long long before)
{
    return after > before ? after - before : 0;
}

unsigned long long
virKsmMergeablePages(void)
{
    g_autofree char *procPath = virFileHostPath("/proc");
    g_autoptr(GDir) proc = g_dir_open(procPath, 0, NULL);
    unsigned long long total = 0;
    long pageKiB = sysconf(_SC_PAGESIZE) / 1024;
    const char *name;

    while (proc && (name = g_dir_read_name(proc))) {
        g_autofree char *ksmPath = g_build_filename(procPath, name, "ksm_stat", NULL);
        g_autofree char *statusPath = g_build_filename(procPath, name, "status", NULL);
        g_autofree char *ksm = NULL;
        g_autofree char *status = NULL;
        const char *rss;
        unsigned long long kib;

        if (!g_ascii_isdigit(*name) || !g_file_get_contents(ksmPath, &ksm, NULL, NULL) ||
            (!strstr(ksm, "ksm_mergeable: yes") && !strstr(ksm, "ksm_merge_any: yes")) ||
            !g_file_get_contents(statusPath, &status, NULL, NULL) ||
            !(rss = strstr(status, "RssAnon:")))
            continue;
        kib = g_ascii_strtoull(rss + strlen("RssAnon:"), NULL, 10);
        total += kib / MAX(pageKiB, 1);
    }
    return total;
}

/* The time a pass is given: at least @minMs; else four times what
 * VIR_KSM_PASS_FULL_SCANS scans of the host's mergeable memory (or of
 * the pages KSM tracks, if more) take at the rate the tunables ask for.
 * 0 when ksmd would scan nothing. */
static unsigned long long
virKsmPassTimeoutMs(const virKsmInfo *info, unsigned int minMs)
{
    unsigned long long tracked = info->pagesShared + info->pagesSharing +
                                 info->pagesUnshared + info->pagesVolatile;
    unsigned long long pages = MAX(tracked, virKsmMergeablePages());
    unsigned long long perSecond;

    if (info->pagesToScan == 0)
        return 0;
    perSecond = (unsigned long long)info->pagesToScan * 1000 / MAX(info->sleepMillisecs, 1);
    return minMs + 4 * VIR_KSM_PASS_FULL_SCANS * pages * 1000 / MAX(perSecond, 1);
}

/* One pass at a time: the lock is on 'run' itself, which every process
 * sees, and goes with the descriptor. */
static int
virKsmPassLock(gint64 deadline)
{
    g_autofree char *path = virKsmPath("run");
    int fd = open(path, O_RDONLY | O_CLOEXEC);

    if (fd < 0) {
        virReportSystemError(errno, _("cannot open '%s'"), path);
        return -1;
    }
    while (flock(fd, LOCK_EX | LOCK_NB) < 0) {
        if (errno != EWOULDBLOCK && errno != EINTR) {
            virReportSystemError(errno, _("cannot lock '%s'"), path);
            close(fd);
            return -1;
        }
        if (g_get_monotonic_time() >= deadline) {
            virReportError(VIR_ERR_OPERATION_TIMEOUT,
                           _("another merging pass on this host holds '%s' for longer than this pass may take"),
                           path);
            close(fd);
            return -1;
        }
        g_usleep(VIR_KSM_PASS_POLL_US);
    }
    return fd;
}

/* Waits for full_scans to reach @until, with ksmd running. */
static int
virKsmPassWait(const virKsmInfo *info, unsigned long long until, gint64 start,
               gint64 deadline)
{
    unsigned long long first = until - VIR_KSM_PASS_FULL_SCANS;
    unsigned long long run, scans;

    while (true) {
        if (virKsmReadFile("run", &run, false) < 0 ||
            virKsmReadFile("full_scans", &scans, false) < 0)
            return -1;
        if (scans >= until)
            return 0;
        if (run != 1) {
            virReportError(VIR_ERR_OPERATION_FAILED,
                           _("KSM was stopped during the merging pass (run is %llu): another tool wrote /sys/kernel/mm/ksm/run"),
                           run);
            return -1;
        }
        if (g_get_monotonic_time() >= deadline) {
            virReportError(VIR_ERR_OPERATION_TIMEOUT,
                           _("KSM did %llu of the %d full scans of a merging pass in %lld s (pages_to_scan %u, sleep_millisecs %u): raise shm_pages_to_scan or lower shm_sleep_millisecs for a faster pass"),
                           virKsmDelta(scans, first), VIR_KSM_PASS_FULL_SCANS,
                           (long long)((g_get_monotonic_time() - start) / G_USEC_PER_SEC),
                           info->pagesToScan, info->sleepMillisecs);
            return -1;
        }
        g_usleep(VIR_KSM_PASS_POLL_US);
    }
}

static void
virKsmPassResultSet(virKsmPassResult *result, const virKsmCounters *before,
                    const virKsmCounters *after, gint64 start)
{
    result->pagesScanned = virKsmDelta(after->scanned, before->scanned);
    result->pagesMerged = virKsmDelta(after->shared + after->sharing + after->zero,
                                      before->shared + before->sharing + before->zero);
    result->pagesSaved = virKsmDelta(after->sharing + after->zero,
                                     before->sharing + before->zero);
    result->fullScans = virKsmDelta(after->fullScans, before->fullScans);
    result->timeMs = (g_get_monotonic_time() - start) / 1000;
}

/* Puts back the 'run' a pass found; an error of the pass itself is kept.
 * 2 stopped ksmd and unmerged everything: written again it would undo the
 * pass, so ksmd is left stopped (0) instead. */
static int
virKsmPassStop(unsigned long long run)
{
    virErrorPtr saved = NULL;
    int ret;

    virErrorPreserveLast(&saved);
    ret = virKsmWriteFile("run", run == 2 ? 0 : run);
    if (saved)
        virErrorRestore(&saved);
    return ret;
}

int
virKsmRunPass(unsigned int minTimeoutMs, virKsmPassResult *result)
{
    g_autofree char *scannedPath = virKsmPath("pages_scanned");
    gint64 start = g_get_monotonic_time();
    gint64 locked;
    unsigned long long timeoutMs;
    virKsmCounters before, after;
    virKsmInfo info;
    bool started = false;
    int lock, ret = -1;

    memset(result, 0, sizeof(*result));
    if (virKsmCheckHost() < 0 || virKsmGetInfo(&info) < 0)
        return -1;
    if (!g_file_test(scannedPath, G_FILE_TEST_EXISTS)) {
        virReportError(VIR_ERR_OPERATION_UNSUPPORTED,
                       _("this kernel's KSM does not count the pages it scans ('%s' is missing)"),
                       scannedPath);
        return -1;
    }
    if ((timeoutMs = virKsmPassTimeoutMs(&info, minTimeoutMs)) == 0) {
        virReportError(VIR_ERR_OPERATION_INVALID, "%s",
                       _("KSM scans no page (pages_to_scan is 0): set shm_pages_to_scan first"));
        return -1;
    }
    if ((lock = virKsmPassLock(start + timeoutMs * 1000)) < 0)
        return -1;
    /* the pass's own time starts once another pass has let go */
    locked = g_get_monotonic_time();
    if (virKsmReadCounters(&before) < 0)
        goto cleanup;
    if (before.run != 1) {
        if (virKsmWriteFile("run", 1) < 0)
            goto cleanup;
        started = true;
    }
    if (virKsmPassWait(&info, before.fullScans + VIR_KSM_PASS_FULL_SCANS, locked,
                       locked + timeoutMs * 1000) < 0 ||
        virKsmReadCounters(&after) < 0)
        goto cleanup;
    virKsmPassResultSet(result, &before, &after, start);
    ret = 0;

 cleanup:
    if (started && virKsmPassStop(before.run) < 0)
        ret = -1;
    close(lock);
    return ret;
}
