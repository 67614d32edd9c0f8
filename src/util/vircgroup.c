/*
 * vircgroup.c: finding the cgroup hierarchies and a tree's parents in
 * them, the paths of a group's files, and where a task is
 */
#include "internal.h"

#include <unistd.h>

#include "vircgrouppriv.h"
#include "virerror.h"
#include "virfile.h"
#include "virstring.h"

#define VIR_FROM_THIS VIR_FROM_CGROUP

/* Controller names on v1; on v2, cpu time and freezing are in every group. */
static const char *const virCgroupV1Names[] = {
    "cpu", "cpuacct", "cpuset", "memory", "pids", "blkio", "freezer",
};
static const char *const virCgroupV2Names[] = {
    "cpu", NULL, "cpuset", "memory", "pids", "io", NULL,
};
G_STATIC_ASSERT(G_N_ELEMENTS(virCgroupV1Names) == VIR_CGROUP_CONTROLLER_LAST);
G_STATIC_ASSERT(G_N_ELEMENTS(virCgroupV2Names) == VIR_CGROUP_CONTROLLER_LAST);

/* What /proc/self/mountinfo and /proc/PID/cgroup say. */
typedef struct {
    char *mount[VIR_CGROUP_CONTROLLER_LAST];     /* v1 mount point of each controller */
    char *mountRoot[VIR_CGROUP_CONTROLLER_LAST];
    char *own[VIR_CGROUP_CONTROLLER_LAST];       /* the task's group in it */
    char *mount2, *mountRoot2, *own2;
} virCgroupHost;

const char *
virCgroupControllerName(virCgroupController c)
{
    return virCgroupV1Names[c];
}

static void
virCgroupHostClear(virCgroupHost *host)
{
    int c;

    for (c = 0; c < VIR_CGROUP_CONTROLLER_LAST; c++) {
        g_free(host->mount[c]);
        g_free(host->mountRoot[c]);
        g_free(host->own[c]);
    }
    g_free(host->mount2);
    g_free(host->mountRoot2);
    g_free(host->own2);
}

void
virCgroupTreeFree(virCgroupTree *tree)
{
    int c;

    if (!tree)
        return;
    for (c = 0; c < VIR_CGROUP_CONTROLLER_LAST; c++)
        g_free(tree->parent[c]);
    g_free(tree->parentSpec);
    g_free(tree->parentMems);
    g_free(tree->parentCpus);
    if (tree->blockDevices)
        g_ptr_array_unref(tree->blockDevices);
    virMutexDestroy(&tree->lock);
    g_free(tree);
}

/* mountinfo escapes blanks and backslashes as \ooo. */
static char *
virCgroupUnescapeMount(const char *s)
{
    GString *out = g_string_new(NULL);

    for (; *s; s++) {
        if (s[0] == '\\' && g_ascii_isdigit(s[1]) && g_ascii_isdigit(s[2]) &&
            g_ascii_isdigit(s[3])) {
            g_string_append_c(out, (char)((s[1] - '0') * 64 + (s[2] - '0') * 8 + (s[3] - '0')));
            s += 3;
        } else {
            g_string_append_c(out, *s);
        }
    }
    return g_string_free(out, FALSE);
}

/* A mount point, under the host root tests may set. */
static char *
virCgroupMountPoint(const char *field)
{
    g_autofree char *point = virCgroupUnescapeMount(field);

    return virFileHostPath(point);
}

static void
virCgroupParseMountLine(virCgroupHost *host, const char *line)
{
    const char *sep = strstr(line, " - ");
    g_autofree char *left = NULL;
    g_auto(GStrv) fields = NULL;
    g_auto(GStrv) right = NULL;
    g_auto(GStrv) opts = NULL;
    int c;

    if (!sep)
        return;
    left = g_strndup(line, sep - line);
    fields = g_strsplit(left, " ", 0);
    right = g_strsplit(sep + 3, " ", 3);
    if (g_strv_length(fields) < 5 || g_strv_length(right) < 3)
        return;
    if (STREQ(right[0], "cgroup2") && !host->mount2) {
        host->mount2 = virCgroupMountPoint(fields[4]);
        host->mountRoot2 = virCgroupUnescapeMount(fields[3]);
        return;
    }
    if (!STREQ(right[0], "cgroup"))
        return;
    opts = g_strsplit(right[2], ",", 0);
    for (c = 0; c < VIR_CGROUP_CONTROLLER_LAST; c++) {
        if (!host->mount[c] && g_strv_contains((const char *const *)opts, virCgroupV1Names[c])) {
            host->mount[c] = virCgroupMountPoint(fields[4]);
            host->mountRoot[c] = virCgroupUnescapeMount(fields[3]);
        }
    }
}

static void
virCgroupParseOwnLine(virCgroupHost *host, const char *line)
{
    g_auto(GStrv) parts = g_strsplit(line, ":", 3);
    g_auto(GStrv) names = NULL;
    int c;

    if (g_strv_length(parts) < 3)
        return;
    if (STREQ(parts[0], "0") && !*parts[1]) {
        host->own2 = g_strdup(parts[2]);
        return;
    }
    names = g_strsplit(parts[1], ",", 0);
    for (c = 0; c < VIR_CGROUP_CONTROLLER_LAST; c++) {
        if (g_strv_contains((const char *const *)names, virCgroupV1Names[c]))
            host->own[c] = g_strdup(parts[2]);
    }
}

static int
virCgroupReadHost(virCgroupHost *host, pid_t pid)
{
    g_autofree char *mountsPath = virFileHostPath("/proc/self/mountinfo");
    g_autofree char *ownName = NULL;
    g_autofree char *ownPath = NULL;
    g_autofree char *mounts = NULL;
    g_autofree char *own = NULL;
    g_auto(GStrv) lines = NULL;
    size_t i;

    /* the caller's own groups through "self": the same file, and one a
     * test's fake host can hold */
    ownName = pid == getpid() ? g_strdup("/proc/self/cgroup") :
                                g_strdup_printf("/proc/%d/cgroup", (int)pid);
    ownPath = virFileHostPath(ownName);
    if (!g_file_get_contents(mountsPath, &mounts, NULL, NULL) ||
        !g_file_get_contents(ownPath, &own, NULL, NULL)) {
        virReportSystemError(errno, "%s",
                             _("cannot read /proc/self/mountinfo or /proc/PID/cgroup"));
        return -1;
    }
    lines = g_strsplit(mounts, "\n", 0);
    for (i = 0; lines[i]; i++)
        virCgroupParseMountLine(host, lines[i]);
    g_strfreev(lines);
    lines = g_strsplit(own, "\n", 0);
    for (i = 0; lines[i]; i++)
        virCgroupParseOwnLine(host, lines[i]);
    return 0;
}

/* The directory of group @path (as /proc/PID/cgroup names it) under a
 * mount whose root is @root. */
static char *
virCgroupDir(const char *mount, const char *root, const char *path)
{
    if (root && STRNEQ(root, "/") && g_str_has_prefix(path, root))
        path += strlen(root);
    return g_build_filename(mount, path, NULL);
}

static int
virCgroupCheckParent(const char *parent)
{
    g_auto(GStrv) parts = NULL;
    size_t i;

    if (STREQ(parent, "/"))
        return 0;
    parts = g_strsplit(parent[0] == '/' ? parent + 1 : parent, "/", 0);
    for (i = 0; parts[i]; i++) {
        if (!*parts[i] || STREQ(parts[i], ".") || STREQ(parts[i], ".."))
            break;
    }
    if (i > 0 && !parts[i])
        return 0;
    virReportError(VIR_ERR_INVALID_ARG,
                   _("cgroup_parent '%s' must be a path without '.', '..' or empty parts"),
                   parent);
    return -1;
}

/* The parent's directory, without a trailing slash (paths are appended
 * to it as they are). */
static char *
virCgroupResolve(const char *mount, const char *root, const char *own, const char *parent)
{
    g_autofree char *base = NULL;
    char *dir;
    size_t len;

    if (parent[0] == '/') {
        dir = g_build_filename(mount, parent, NULL);
    } else {
        base = virCgroupDir(mount, root, own ? own : "/");
        dir = g_build_filename(base, parent, NULL);
    }
    len = strlen(dir);
    while (len > 1 && dir[len - 1] == '/')
        dir[--len] = '\0';
    return dir;
}

static bool
virCgroupHostHasV1(const virCgroupHost *host)
{
    int c;

    for (c = 0; c < VIR_CGROUP_CONTROLLER_LAST; c++) {
        if (host->mount[c])
            return true;
    }
    return false;
}

static void
virCgroupTreeFillV1(virCgroupTree *tree, const virCgroupHost *host, const char *parent)
{
    int c, d;

    for (c = 0; c < VIR_CGROUP_CONTROLLER_LAST; c++) {
        if (!host->mount[c])
            continue;
        tree->parent[c] = virCgroupResolve(host->mount[c], host->mountRoot[c], host->own[c],
                                           parent);
        tree->primary[c] = true;
        for (d = 0; d < c; d++) {
            if (host->mount[d] && STREQ(host->mount[d], host->mount[c]))
                tree->primary[c] = false;
        }
    }
}

/* The nearest directory at or above @dir that exists, down to @mount. */
static char *
virCgroupExistingAncestor(const char *dir, const char *mount)
{
    char *probe = g_strdup(dir);

    while (!g_file_test(probe, G_FILE_TEST_IS_DIR) && strlen(probe) > strlen(mount)) {
        char *up = g_path_get_dirname(probe);

        g_free(probe);
        probe = up;
    }
    return probe;
}

/* v2: a controller is usable when the parent (or, before it exists, its
 * nearest ancestor) lists it; the core files stand in for the others. */
static void
virCgroupTreeFillV2(virCgroupTree *tree, const virCgroupHost *host, const char *parent)
{
    g_autofree char *dir = virCgroupResolve(host->mount2, host->mountRoot2, host->own2, parent);
    g_autofree char *probe = virCgroupExistingAncestor(dir, host->mount2);
    g_autofree char *file = g_build_filename(probe, "cgroup.controllers", NULL);
    g_autofree char *controllers = NULL;
    g_auto(GStrv) names = NULL;
    int c;

    if (virCgroupReadFile(file, &controllers) < 0)
        virResetLastError();
    names = g_strsplit(controllers ? g_strstrip(controllers) : "", " ", 0);
    for (c = 0; c < VIR_CGROUP_CONTROLLER_LAST; c++) {
        if (!virCgroupV2Names[c] ||
            g_strv_contains((const char *const *)names, virCgroupV2Names[c]))
            tree->parent[c] = g_strdup(dir);
        tree->primary[c] = c == VIR_CGROUP_CONTROLLER_FREEZER;
    }
}

/* Every path virCgroupPathInto() builds fits in its buffer: the parent,
 * "/" and a name, "/" and a file name, and the NUL. */
static int
virCgroupTreeCheckRoom(virCgroupTree *tree)
{
    int c;

    for (c = 0; c < VIR_CGROUP_CONTROLLER_LAST; c++) {
        if (!tree->parent[c])
            continue;
        tree->parentLen[c] = strlen(tree->parent[c]);
        if (tree->parentLen[c] + 1 + VIR_CGROUP_NAME_MAX + 1 + VIR_CGROUP_FILE_MAX + 1 >
            PATH_MAX) {
            virReportSystemError(ENAMETOOLONG, _("cgroup parent '%s' is too long"),
                                 tree->parent[c]);
            return -1;
        }
    }
    return 0;
}

static int
virCgroupTreeFill(virCgroupTree *tree, const virCgroupHost *host, const char *parent,
                  const char *mode)
{
    bool v1 = mode ? STREQ(mode, "v1") : virCgroupHostHasV1(host);

    if (v1 && !virCgroupHostHasV1(host)) {
        virReportError(VIR_ERR_OPERATION_UNSUPPORTED, "%s",
                       _("no cgroup v1 controller is mounted on this host"));
        return -1;
    }
    if (!v1 && !host->mount2) {
        virReportError(VIR_ERR_OPERATION_UNSUPPORTED, "%s",
                       _("no cgroup filesystem (v1 or v2) is mounted on this host"));
        return -1;
    }
    tree->version = v1 ? 1 : 2;
    tree->parentSpec = g_strdup(parent);
    if (v1)
        virCgroupTreeFillV1(tree, host, parent);
    else
        virCgroupTreeFillV2(tree, host, parent);
    return virCgroupTreeCheckRoom(tree);
}

virCgroupTree *
virCgroupTreeNew(const char *parent, const char *mode)
{
    g_autoptr(virCgroupTree) tree = g_new0(virCgroupTree, 1);
    virCgroupHost host = { 0 };
    int rc = -1;

    virMutexInit(&tree->lock);
    if (virCgroupCheckParent(parent) == 0 && virCgroupReadHost(&host, getpid()) == 0)
        rc = virCgroupTreeFill(tree, &host, parent, mode);
    virCgroupHostClear(&host);
    return rc < 0 ? NULL : g_steal_pointer(&tree);
}

void
virCgroupTreeSetSubject(virCgroupTree *tree, virCgroupSubjectFunc func, void *opaque)
{
    tree->subject = func;
    tree->subjectOpaque = opaque;
}

void
virCgroupReportGroupErrorFull(const virCgroupTree *tree, const char *name, int code,
                              int errnum, const char *file, const char *func, size_t line,
                              const char *fmt, ...)
{
    g_autofree char *subject = NULL;
    g_autofree char *msg = NULL;
    va_list args;

    va_start(args, fmt);
    msg = g_strdup_vprintf(fmt, args);
    va_end(args);
    if (tree->subject)
        subject = tree->subject(name, tree->subjectOpaque);
    else
        subject = g_strdup_printf(_("cgroup '%s'"), name);
    if (errnum)
        virReportSystemErrorFull(VIR_FROM_THIS, errnum, file, func, line, "%s: %s", subject, msg);
    else
        virReportErrorFull(VIR_FROM_THIS, code, file, func, line, "%s: %s", subject, msg);
}

int
virCgroupTreeVersion(const virCgroupTree *tree)
{
    return tree->version;
}

bool
virCgroupTreeHas(const virCgroupTree *tree, virCgroupController c)
{
    return tree->parent[c] != NULL;
}

const char *
virCgroupTreeParentDir(const virCgroupTree *tree, virCgroupController c)
{
    return tree->parent[c];
}

const char *
virCgroupTreeParentSpec(const virCgroupTree *tree)
{
    return tree->parentSpec;
}

/* Adding a task always joins the freezer (and cpu): a caller that skips
 * hierarchies skips limits, never the one that finds its tasks. */
virCgroupController
virCgroupTreeAnchor(const virCgroupTree *tree)
{
    if (tree->parent[VIR_CGROUP_CONTROLLER_FREEZER])
        return VIR_CGROUP_CONTROLLER_FREEZER;
    if (tree->parent[VIR_CGROUP_CONTROLLER_CPU])
        return VIR_CGROUP_CONTROLLER_CPU;
    return VIR_CGROUP_CONTROLLER_CPUACCT;
}

/* Plain copies, no printf and no separator clean-up: the parents are
 * clean already, and virCgroupTreeCheckRoom made sure everything fits. */
const char *
virCgroupPathInto(const virCgroupTree *tree, virCgroupController c, const char *name,
                  const char *file, virCgroupPathBuf *buf)
{
    size_t nlen = strlen(name);
    size_t flen = file ? strlen(file) : 0;
    char *p = buf->str;

    if (nlen > VIR_CGROUP_NAME_MAX || flen > VIR_CGROUP_FILE_MAX) {
        /* a path that names nothing fails to open, naming no other file */
        buf->str[0] = '\0';
        return buf->str;
    }
    memcpy(p, tree->parent[c], tree->parentLen[c]);
    p += tree->parentLen[c];
    *p++ = '/';
    memcpy(p, name, nlen);
    p += nlen;
    if (file) {
        *p++ = '/';
        memcpy(p, file, flen);
        p += flen;
    }
    *p = '\0';
    return buf->str;
}

char *
virCgroupPath(const virCgroupTree *tree, virCgroupController c, const char *name,
              const char *file)
{
    virCgroupPathBuf buf;

    return g_strdup(virCgroupPathInto(tree, c, name, file, &buf));
}

int
virCgroupPlaceOf(const virCgroupTree *tree, pid_t pid, virCgroupPlace *place)
{
    virCgroupHost host = { 0 };
    int c;

    memset(place, 0, sizeof(*place));
    if (virCgroupReadHost(&host, pid) < 0)
        return -1;
    for (c = 0; c < VIR_CGROUP_CONTROLLER_LAST; c++) {
        if (!tree->parent[c])
            continue;
        if (tree->version == 1 && host.mount[c] && host.own[c])
            place->dir[c] = virCgroupDir(host.mount[c], host.mountRoot[c], host.own[c]);
        else if (tree->version == 2 && host.mount2 && host.own2)
            place->dir[c] = virCgroupDir(host.mount2, host.mountRoot2, host.own2);
    }
    virCgroupHostClear(&host);
    return 0;
}

void
virCgroupPlaceClear(virCgroupPlace *place)
{
    int c;

    for (c = 0; c < VIR_CGROUP_CONTROLLER_LAST; c++)
        g_clear_pointer(&place->dir[c], g_free);
}
