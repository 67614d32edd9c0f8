/*
 * lve_cgroup_file.c: reading and writing cgroup files, and creating the
 * parent groups LVEs live under
 */
#include "internal.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lve_cgroup_tree.h"
#include "virerror.h"
#include "virlog.h"
#include "virstring.h"

#define VIR_FROM_THIS VIR_FROM_CGROUP

/* ---- files --------------------------------------------------------- */

int
lveCgroupWrite(const char *path, const char *value, bool quiet)
{
    size_t len = strlen(value);
    int fd = open(path, O_WRONLY | O_CLOEXEC);
    int err = 0;

    if (fd < 0)
        err = errno;
    else if (write(fd, value, len) != (ssize_t)len)
        err = errno ? errno : EIO;
    if (fd >= 0 && close(fd) < 0 && !err)
        err = errno;
    if (!err)
        return 0;
    if (!quiet)
        virReportSystemError(err, _("cannot write '%s' to '%s'"), value, path);
    return -err;
}

int
lveCgroupRead(const char *path, char **value)
{
    g_autoptr(GError) gerr = NULL;

    if (!g_file_get_contents(path, value, NULL, &gerr)) {
        virReportError(VIR_ERR_SYSTEM_ERROR, _("cannot read '%s': %s"), path, gerr->message);
        return -1;
    }
    return 0;
}

int
lveCgroupReadULL(const char *path, unsigned long long *value)
{
    g_autofree char *str = NULL;

    if (lveCgroupRead(path, &str) < 0)
        return -1;
    g_strstrip(str);
    if (STREQ(str, "max")) {
        *value = G_MAXUINT64;
        return 0;
    }
    if (virStrToULL(str, value) < 0) {
        virReportError(VIR_ERR_INTERNAL_ERROR, _("'%s' holds '%s', not a number"), path, str);
        return -1;
    }
    return 0;
}

int
lveCgroupReadKey(const char *path, const char *key, unsigned long long *value)
{
    g_autofree char *str = NULL;
    g_auto(GStrv) lines = NULL;
    size_t klen = strlen(key), i;

    if (lveCgroupRead(path, &str) < 0)
        return -1;
    lines = g_strsplit(str, "\n", 0);
    for (i = 0; lines[i]; i++) {
        if (strncmp(lines[i], key, klen) == 0 && lines[i][klen] == ' ' &&
            virStrToULL(lines[i] + klen + 1, value) == 0)
            return 0;
    }
    virReportError(VIR_ERR_INTERNAL_ERROR, _("'%s' has no '%s' counter"), path, key);
    return -1;
}

/* Called for every group of every LVE destroyed: a read loop and a
 * digit parser rather than a whole-file copy split into strings. */
int
lveCgroupForEachPid(const char *path, lveCgroupPidFunc cb, void *opaque)
{
    char buf[4096];
    pid_t pid = 0;
    bool digits = false;
    ssize_t n, i;
    int fd = open(path, O_RDONLY | O_CLOEXEC);

    if (fd < 0) {
        virReportSystemError(errno, _("cannot read '%s'"), path);
        return -1;
    }
    while ((n = read(fd, buf, sizeof(buf))) > 0) {
        for (i = 0; i < n; i++) {
            if (g_ascii_isdigit(buf[i])) {
                pid = pid * 10 + (buf[i] - '0');
                digits = true;
            } else if (digits) {
                cb(pid, opaque);
                pid = 0;
                digits = false;
            }
        }
    }
    if (digits)
        cb(pid, opaque);
    close(fd);
    return n < 0 ? -1 : 0;
}

static void
lveCgroupAppendPid(pid_t pid, void *opaque)
{
    g_array_append_val((GArray *)opaque, pid);
}

int
lveCgroupReadPids(const char *path, GArray *pids)
{
    return lveCgroupForEachPid(path, lveCgroupAppendPid, pids);
}

/* ---- creating the parents ------------------------------------------ */

static int
lveCgroupCopyFile(const char *from, const char *to, const char *file)
{
    g_autofree char *src = g_build_filename(from, file, NULL);
    g_autofree char *dst = g_build_filename(to, file, NULL);
    g_autofree char *value = NULL;

    if (lveCgroupRead(src, &value) < 0)
        return -1;
    g_strstrip(value);
    return lveCgroupWrite(dst, value, false) < 0 ? -1 : 0;
}

/* v2: lets the groups under @dir use the controllers @dir has; a
 * controller that cannot be delegated stays off, and the limit that needs
 * it then fails naming its missing file. */
static void
lveCgroupDelegate(const char *dir)
{
    static const char *const wanted[] = { "cpu", "cpuset", "memory", "pids", "io" };
    g_autofree char *file = g_build_filename(dir, "cgroup.controllers", NULL);
    g_autofree char *ctl = g_build_filename(dir, "cgroup.subtree_control", NULL);
    g_autofree char *have = NULL;
    g_auto(GStrv) names = NULL;
    size_t i;

    if (lveCgroupRead(file, &have) < 0) {
        virResetLastError();
        return;
    }
    names = g_strsplit(g_strstrip(have), " ", 0);
    for (i = 0; i < G_N_ELEMENTS(wanted); i++) {
        g_autofree char *op = g_strdup_printf("+%s", wanted[i]);

        if (g_strv_contains((const char *const *)names, wanted[i]) &&
            lveCgroupWrite(ctl, op, true) < 0)
            VIR_DEBUG("cannot enable %s in %s", wanted[i], dir);
    }
}

typedef enum {
    LVE_MKDIR_PLAIN,
    LVE_MKDIR_CPUSET,       /* v1 cpuset: copy cpus and mems down */
    LVE_MKDIR_V2,           /* v2: delegate controllers down */
} lveMakeDirMode;

/* mkdir -p, preparing each new level so that tasks can join below it. */
static int
lveCgroupMakeDir(const char *dir, lveMakeDirMode mode)
{
    g_autofree char *up = NULL;

    if (g_file_test(dir, G_FILE_TEST_IS_DIR))
        return 0;
    up = g_path_get_dirname(dir);
    if (STREQ(up, dir) || lveCgroupMakeDir(up, mode) < 0)
        return -1;
    if (mode == LVE_MKDIR_V2)
        lveCgroupDelegate(up);
    if (mkdir(dir, 0755) < 0 && errno != EEXIST) {
        virReportSystemError(errno, _("cannot create cgroup '%s'"), dir);
        return -1;
    }
    if (mode == LVE_MKDIR_CPUSET && (lveCgroupCopyFile(up, dir, "cpuset.cpus") < 0 ||
                                     lveCgroupCopyFile(up, dir, "cpuset.mems") < 0))
        return -1;
    return 0;
}

int
lveCgroupMakeParents(const lveCgroupTree *tree)
{
    int c;

    for (c = 0; c < LVE_CG_LAST; c++) {
        lveMakeDirMode mode = LVE_MKDIR_PLAIN;

        if (!tree->parent[c] || !tree->primary[c])
            continue;
        if (tree->version == 2)
            mode = LVE_MKDIR_V2;
        else if (c == LVE_CG_CPUSET)
            mode = LVE_MKDIR_CPUSET;
        if (lveCgroupMakeDir(tree->parent[c], mode) < 0)
            return -1;
        if (mode == LVE_MKDIR_V2)
            lveCgroupDelegate(tree->parent[c]);
    }
    return 0;
}

GPtrArray *
lveCgroupBlockDevices(void)
{
    GPtrArray *devs = g_ptr_array_new_with_free_func(g_free);
    g_autoptr(GDir) dir = g_dir_open("/sys/block", 0, NULL);
    const char *name;

    while (dir && (name = g_dir_read_name(dir))) {
        g_autofree char *file = g_build_filename("/sys/block", name, "dev", NULL);
        g_autofree char *dev = NULL;

        if (g_file_get_contents(file, &dev, NULL, NULL))
            g_ptr_array_add(devs, g_strdup(g_strstrip(dev)));
    }
    return devs;
}
