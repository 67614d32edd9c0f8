/*
 * vircgroupfile.c: reading and writing cgroup files, a group's files by
 * name, making the parents groups live under, and the host's disks
 */
#include "internal.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "vircgrouppriv.h"
#include "virerror.h"
#include "virfile.h"
#include "virlog.h"
#include "virstring.h"

#define VIR_FROM_THIS VIR_FROM_CGROUP

/* ---- files --------------------------------------------------------- */

int
virCgroupWriteFile(const char *path, const char *value, bool quiet)
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
virCgroupReadFile(const char *path, char **value)
{
    g_autoptr(GError) gerr = NULL;

    if (!g_file_get_contents(path, value, NULL, &gerr)) {
        virReportError(VIR_ERR_SYSTEM_ERROR, _("cannot read '%s': %s"), path, gerr->message);
        return -1;
    }
    return 0;
}

int
virCgroupReadFileULL(const char *path, unsigned long long *value)
{
    g_autofree char *str = NULL;

    if (virCgroupReadFile(path, &str) < 0)
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
virCgroupReadFileKey(const char *path, const char *key, unsigned long long *value)
{
    g_autofree char *str = NULL;
    g_auto(GStrv) lines = NULL;
    size_t klen = strlen(key), i;

    if (virCgroupReadFile(path, &str) < 0)
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

/* Called for every group a task is killed in: a read loop and a digit
 * parser rather than a whole-file copy split into strings. */
int
virCgroupForEachPid(const char *path, virCgroupPidFunc cb, void *opaque)
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
virCgroupAppendPid(pid_t pid, void *opaque)
{
    g_array_append_val((GArray *)opaque, pid);
}

int
virCgroupReadPids(const char *path, GArray *pids)
{
    return virCgroupForEachPid(path, virCgroupAppendPid, pids);
}

/* ---- a group's files by name ---------------------------------------- */

int
virCgroupWriteValue(const virCgroupTree *tree, virCgroupController c, const char *name,
                    const char *file, const char *value)
{
    virCgroupPathBuf path;

    virCgroupPathInto(tree, c, name, file, &path);
    return virCgroupWriteFile(path.str, value, false) < 0 ? -1 : 0;
}

int
virCgroupSetValue(const virCgroupTree *tree, virCgroupController c, const char *name,
                  const char *file, const char *value)
{
    if (virCgroupCheckController(tree, c, name) < 0)
        return -1;
    return virCgroupWriteValue(tree, c, name, file, value);
}

int
virCgroupGetValue(const virCgroupTree *tree, virCgroupController c, const char *name,
                  const char *file, char **value)
{
    virCgroupPathBuf path;

    if (virCgroupCheckController(tree, c, name) < 0)
        return -1;
    return virCgroupReadFile(virCgroupPathInto(tree, c, name, file, &path), value);
}

int
virCgroupGetValueULL(const virCgroupTree *tree, virCgroupController c, const char *name,
                     const char *file, unsigned long long *value)
{
    virCgroupPathBuf path;

    if (virCgroupCheckController(tree, c, name) < 0)
        return -1;
    return virCgroupReadFileULL(virCgroupPathInto(tree, c, name, file, &path), value);
}

/* ---- making the parents --------------------------------------------- */

static int
virCgroupCopyFile(const char *from, const char *to, const char *file)
{
    g_autofree char *src = g_build_filename(from, file, NULL);
    g_autofree char *dst = g_build_filename(to, file, NULL);
    g_autofree char *value = NULL;

    if (virCgroupReadFile(src, &value) < 0)
        return -1;
    g_strstrip(value);
    return virCgroupWriteFile(dst, value, false) < 0 ? -1 : 0;
}

/* v2: lets the groups under @dir use the controllers @dir has; a
 * controller that cannot be delegated stays off, and the limit that needs
 * it then fails naming its missing file. */
static void
virCgroupDelegate(const char *dir)
{
    static const char *const wanted[] = { "cpu", "cpuset", "memory", "pids", "io" };
    g_autofree char *file = g_build_filename(dir, "cgroup.controllers", NULL);
    g_autofree char *ctl = g_build_filename(dir, "cgroup.subtree_control", NULL);
    g_autofree char *have = NULL;
    g_auto(GStrv) names = NULL;
    size_t i;

    if (virCgroupReadFile(file, &have) < 0) {
        virResetLastError();
        return;
    }
    names = g_strsplit(g_strstrip(have), " ", 0);
    for (i = 0; i < G_N_ELEMENTS(wanted); i++) {
        g_autofree char *op = g_strdup_printf("+%s", wanted[i]);

        if (g_strv_contains((const char *const *)names, wanted[i]) &&
            virCgroupWriteFile(ctl, op, true) < 0)
            VIR_DEBUG("cannot enable %s in %s", wanted[i], dir);
    }
}

typedef enum {
    VIR_CGROUP_MKDIR_PLAIN,
    VIR_CGROUP_MKDIR_CPUSET,        /* v1 cpuset: copy cpus and mems down */
    VIR_CGROUP_MKDIR_V2,            /* v2: delegate controllers down */
} virCgroupMakeDirMode;

/* mkdir -p, preparing each new level so that tasks can join below it. */
static int
virCgroupMakeDir(const char *dir, virCgroupMakeDirMode mode)
{
    g_autofree char *up = NULL;

    if (g_file_test(dir, G_FILE_TEST_IS_DIR))
        return 0;
    up = g_path_get_dirname(dir);
    if (STREQ(up, dir) || virCgroupMakeDir(up, mode) < 0)
        return -1;
    if (mode == VIR_CGROUP_MKDIR_V2)
        virCgroupDelegate(up);
    if (mkdir(dir, 0755) < 0 && errno != EEXIST) {
        virReportSystemError(errno, _("cannot create cgroup '%s'"), dir);
        return -1;
    }
    if (mode == VIR_CGROUP_MKDIR_CPUSET && (virCgroupCopyFile(up, dir, "cpuset.cpus") < 0 ||
                                            virCgroupCopyFile(up, dir, "cpuset.mems") < 0))
        return -1;
    return 0;
}

int
virCgroupMakeParents(const virCgroupTree *tree)
{
    int c;

    for (c = 0; c < VIR_CGROUP_CONTROLLER_LAST; c++) {
        virCgroupMakeDirMode mode = VIR_CGROUP_MKDIR_PLAIN;

        if (!virCgroupTreeIsPrimary(tree, c))
            continue;
        if (tree->version == 2)
            mode = VIR_CGROUP_MKDIR_V2;
        else if (c == VIR_CGROUP_CONTROLLER_CPUSET)
            mode = VIR_CGROUP_MKDIR_CPUSET;
        if (virCgroupMakeDir(tree->parent[c], mode) < 0)
            return -1;
        if (mode == VIR_CGROUP_MKDIR_V2)
            virCgroupDelegate(tree->parent[c]);
    }
    return 0;
}

GPtrArray *
virCgroupReadBlockDevices(void)
{
    GPtrArray *devs = g_ptr_array_new_with_free_func(g_free);
    g_autofree char *sysBlock = virFileHostPath("/sys/block");
    g_autoptr(GDir) dir = g_dir_open(sysBlock, 0, NULL);
    const char *name;

    while (dir && (name = g_dir_read_name(dir))) {
        g_autofree char *file = g_build_filename(sysBlock, name, "dev", NULL);
        g_autofree char *dev = NULL;

        if (g_file_get_contents(file, &dev, NULL, NULL))
            g_ptr_array_add(devs, g_strdup(g_strstrip(dev)));
    }
    return devs;
}
