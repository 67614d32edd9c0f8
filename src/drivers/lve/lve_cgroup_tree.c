/*
 * lve_cgroup_tree.c: finding the cgroup hierarchies, and the files of an
 * LVE's groups
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

/* Controller names on v1; on v2, cpu time and freezing are in every group. */
static const char *const lveCgroupV1Names[] = {
    "cpu", "cpuacct", "cpuset", "memory", "pids", "blkio", "freezer",
};
static const char *const lveCgroupV2Names[] = {
    "cpu", NULL, "cpuset", "memory", "pids", "io", NULL,
};
G_STATIC_ASSERT(G_N_ELEMENTS(lveCgroupV1Names) == LVE_CG_LAST);
G_STATIC_ASSERT(G_N_ELEMENTS(lveCgroupV2Names) == LVE_CG_LAST);

/* What /proc/self/mountinfo and /proc/self/cgroup say. */
typedef struct {
    char *mount[LVE_CG_LAST];       /* v1 mount point of each controller */
    char *mountRoot[LVE_CG_LAST];
    char *own[LVE_CG_LAST];         /* this process's group in it */
    char *mount2, *mountRoot2, *own2;
} lveCgroupHost;

const char *
lveCgroupControllerName(lveCgroupController c)
{
    return lveCgroupV1Names[c];
}

static void
lveCgroupHostClear(lveCgroupHost *host)
{
    int c;

    for (c = 0; c < LVE_CG_LAST; c++) {
        g_free(host->mount[c]);
        g_free(host->mountRoot[c]);
        g_free(host->own[c]);
    }
    g_free(host->mount2);
    g_free(host->mountRoot2);
    g_free(host->own2);
}

void
lveCgroupTreeFree(lveCgroupTree *tree)
{
    int c;

    if (!tree)
        return;
    for (c = 0; c < LVE_CG_LAST; c++)
        g_free(tree->parent[c]);
    g_free(tree->parentSpec);
    g_free(tree);
}

/* mountinfo escapes blanks and backslashes as \ooo. */
static char *
lveUnescapeMount(const char *s)
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

static void
lveCgroupParseMountLine(lveCgroupHost *host, const char *line)
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
        host->mount2 = lveUnescapeMount(fields[4]);
        host->mountRoot2 = lveUnescapeMount(fields[3]);
        return;
    }
    if (!STREQ(right[0], "cgroup"))
        return;
    opts = g_strsplit(right[2], ",", 0);
    for (c = 0; c < LVE_CG_LAST; c++) {
        if (!host->mount[c] && g_strv_contains((const char *const *)opts, lveCgroupV1Names[c])) {
            host->mount[c] = lveUnescapeMount(fields[4]);
            host->mountRoot[c] = lveUnescapeMount(fields[3]);
        }
    }
}

static void
lveCgroupParseOwnLine(lveCgroupHost *host, const char *line)
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
    for (c = 0; c < LVE_CG_LAST; c++) {
        if (g_strv_contains((const char *const *)names, lveCgroupV1Names[c]))
            host->own[c] = g_strdup(parts[2]);
    }
}

static int
lveCgroupReadHost(lveCgroupHost *host, pid_t pid)
{
    g_autofree char *mounts = NULL;
    g_autofree char *own = NULL;
    g_autofree char *ownPath = g_strdup_printf("/proc/%d/cgroup", (int)pid);
    g_auto(GStrv) lines = NULL;
    size_t i;

    if (!g_file_get_contents("/proc/self/mountinfo", &mounts, NULL, NULL) ||
        !g_file_get_contents(ownPath, &own, NULL, NULL)) {
        virReportSystemError(errno, "%s", _("cannot read /proc/self/mountinfo or /proc/PID/cgroup"));
        return -1;
    }
    lines = g_strsplit(mounts, "\n", 0);
    for (i = 0; lines[i]; i++)
        lveCgroupParseMountLine(host, lines[i]);
    g_strfreev(lines);
    lines = g_strsplit(own, "\n", 0);
    for (i = 0; lines[i]; i++)
        lveCgroupParseOwnLine(host, lines[i]);
    return 0;
}

/* The directory of group @path (as /proc/PID/cgroup names it) under a
 * mount whose root is @root. */
static char *
lveCgroupDir(const char *mount, const char *root, const char *path)
{
    if (root && STRNEQ(root, "/") && g_str_has_prefix(path, root))
        path += strlen(root);
    return g_build_filename(mount, path, NULL);
}

static int
lveCgroupCheckParent(const char *parent)
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
lveCgroupResolve(const char *mount, const char *root, const char *own, const char *parent)
{
    g_autofree char *base = NULL;
    char *dir;
    size_t len;

    if (parent[0] == '/') {
        dir = g_build_filename(mount, parent, NULL);
    } else {
        base = lveCgroupDir(mount, root, own ? own : "/");
        dir = g_build_filename(base, parent, NULL);
    }
    len = strlen(dir);
    while (len > 1 && dir[len - 1] == '/')
        dir[--len] = '\0';
    return dir;
}

static bool
lveCgroupHostHasV1(const lveCgroupHost *host)
{
    int c;

    for (c = 0; c < LVE_CG_LAST; c++) {
        if (host->mount[c])
            return true;
    }
    return false;
}

static void
lveCgroupTreeFillV1(lveCgroupTree *tree, const lveCgroupHost *host, const char *parent)
{
    int c, d;

    for (c = 0; c < LVE_CG_LAST; c++) {
        if (!host->mount[c])
            continue;
        tree->parent[c] = lveCgroupResolve(host->mount[c], host->mountRoot[c], host->own[c],
                                           parent);
        tree->primary[c] = true;
        for (d = 0; d < c; d++) {
            if (host->mount[d] && STREQ(host->mount[d], host->mount[c]))
                tree->primary[c] = false;
        }
    }
}

/* v2: a controller is usable when the parent (or, before it exists, its
 * nearest ancestor) lists it; the core files stand in for the others. */
/* The nearest directory at or above @dir that exists, down to @mount. */
static char *
lveCgroupExistingAncestor(const char *dir, const char *mount)
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
lveCgroupTreeFillV2(lveCgroupTree *tree, const lveCgroupHost *host, const char *parent)
{
    g_autofree char *dir = lveCgroupResolve(host->mount2, host->mountRoot2, host->own2, parent);
    g_autofree char *probe = lveCgroupExistingAncestor(dir, host->mount2);
    g_autofree char *file = g_build_filename(probe, "cgroup.controllers", NULL);
    g_autofree char *controllers = NULL;
    g_auto(GStrv) names = NULL;
    int c;

    if (lveCgroupRead(file, &controllers) < 0)
        virResetLastError();
    names = g_strsplit(controllers ? g_strstrip(controllers) : "", " ", 0);
    for (c = 0; c < LVE_CG_LAST; c++) {
        if (!lveCgroupV2Names[c] ||
            g_strv_contains((const char *const *)names, lveCgroupV2Names[c]))
            tree->parent[c] = g_strdup(dir);
        tree->primary[c] = c == LVE_CG_FREEZER;
    }
}

/* Every path lveCgroupPathInto() builds fits in its buffer: the parent,
 * "/lve" and ten digits, "/" and a file name, and the NUL. */
static int
lveCgroupTreeCheckRoom(lveCgroupTree *tree)
{
    int c;

    for (c = 0; c < LVE_CG_LAST; c++) {
        if (!tree->parent[c])
            continue;
        tree->parentLen[c] = strlen(tree->parent[c]);
        if (tree->parentLen[c] + 4 + 10 + 1 + LVE_CGROUP_FILE_MAX + 1 > PATH_MAX) {
            virReportSystemError(ENAMETOOLONG, _("cgroup parent '%s' is too long"),
                                 tree->parent[c]);
            return -1;
        }
    }
    return 0;
}

lveCgroupTree *
lveCgroupTreeNew(const char *parent, const char *mode)
{
    g_autoptr(lveCgroupTree) tree = g_new0(lveCgroupTree, 1);
    lveCgroupHost host = { 0 };
    bool v1;

    if (lveCgroupCheckParent(parent) < 0 || lveCgroupReadHost(&host, getpid()) < 0)
        goto error;
    v1 = mode ? STREQ(mode, "v1") : lveCgroupHostHasV1(&host);
    if (v1 && !lveCgroupHostHasV1(&host)) {
        virReportError(VIR_ERR_OPERATION_UNSUPPORTED, "%s",
                       _("no cgroup v1 controller is mounted on this host"));
        goto error;
    }
    if (!v1 && !host.mount2) {
        virReportError(VIR_ERR_OPERATION_UNSUPPORTED, "%s",
                       _("no cgroup filesystem (v1 or v2) is mounted on this host"));
        goto error;
    }
    tree->version = v1 ? 1 : 2;
    tree->parentSpec = g_strdup(parent);
    if (v1)
        lveCgroupTreeFillV1(tree, &host, parent);
    else
        lveCgroupTreeFillV2(tree, &host, parent);
    if (lveCgroupTreeCheckRoom(tree) < 0)
        goto error;
    lveCgroupHostClear(&host);
    return g_steal_pointer(&tree);

 error:
    lveCgroupHostClear(&host);
    return NULL;
}

/* Two digits at a time: a path of every kernel call holds an LVE id. */
char *
lveFormatULL(unsigned long long value, char *buf)
{
    static const char pairs[] =
        "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
        "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
        "8081828384858687888990919293949596979899";
    char digits[LVE_ULL_BUFLEN];
    size_t n = sizeof(digits) - 1;
    size_t len;

    while (value >= 100) {
        unsigned long long q = value / 100;

        n -= 2;
        memcpy(digits + n, pairs + 2 * (value - q * 100), 2);
        value = q;
    }
    if (value >= 10) {
        n -= 2;
        memcpy(digits + n, pairs + 2 * value, 2);
    } else {
        digits[--n] = '0' + value;
    }
    len = sizeof(digits) - 1 - n;
    memcpy(buf, digits + n, len);
    buf[len] = '\0';
    return buf + len;
}

/* Plain copies, no printf and no separator clean-up: the parents are
 * clean already, and lveCgroupTreeCheckRoom made sure everything fits. */
const char *
lveCgroupPathInto(const lveCgroupTree *tree, lveCgroupController c, unsigned int id,
                  const char *file, lveCgroupPathBuf *buf)
{
    size_t flen = file ? strlen(file) : 0;
    char *p = buf->str;

    if (flen > LVE_CGROUP_FILE_MAX) {
        /* a programming error: a path that names nothing fails to open */
        buf->str[0] = '\0';
        return buf->str;
    }
    memcpy(p, tree->parent[c], tree->parentLen[c]);
    p += tree->parentLen[c];
    memcpy(p, "/lve", 4);
    p = lveFormatULL(id, p + 4);
    if (file) {
        *p++ = '/';
        memcpy(p, file, flen + 1);
    }
    return buf->str;
}

char *
lveCgroupPath(const lveCgroupTree *tree, lveCgroupController c, unsigned int id,
              const char *file)
{
    lveCgroupPathBuf buf;

    return g_strdup(lveCgroupPathInto(tree, c, id, file, &buf));
}

int
lveCgroupPlaceOf(const lveCgroupTree *tree, pid_t pid, lveCgroupPlace *place)
{
    lveCgroupHost host = { 0 };
    int c;

    memset(place, 0, sizeof(*place));
    if (lveCgroupReadHost(&host, pid) < 0)
        return -1;
    for (c = 0; c < LVE_CG_LAST; c++) {
        if (!tree->parent[c])
            continue;
        if (tree->version == 1 && host.mount[c] && host.own[c])
            place->dir[c] = lveCgroupDir(host.mount[c], host.mountRoot[c], host.own[c]);
        else if (tree->version == 2 && host.mount2 && host.own2)
            place->dir[c] = lveCgroupDir(host.mount2, host.mountRoot2, host.own2);
    }
    lveCgroupHostClear(&host);
    return 0;
}

void
lveCgroupPlaceClear(lveCgroupPlace *place)
{
    int c;

    for (c = 0; c < LVE_CG_LAST; c++)
        g_clear_pointer(&place->dir[c], g_free);
}
