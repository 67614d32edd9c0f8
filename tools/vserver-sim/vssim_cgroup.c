/*
 * vssim_cgroup.c: INTERIM cgroup groups for the simulator's contexts
 *
 * To be replaced by src/util/vircgroup.h (see vssim_cgroup.h): keep this
 * file the only one that knows a cgroup file name.
 */
#include "internal.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "vssim_cgroup.h"

typedef enum {
    VSSIM_CG_PIDS = 0,
    VSSIM_CG_MEMORY,
    VSSIM_CG_FREEZER,
    VSSIM_CG_LAST
} vssimController;

static const char *const vssimControllerNames[VSSIM_CG_LAST] = { "pids", "memory", "freezer" };

struct _vssimCgroup {
    int version;
    /* v1: the group's directory in each controller's hierarchy (NULL
     * where the controller is missing); v2: the same one in all */
    char *dir[VSSIM_CG_LAST];
    /* the group's path as /proc/PID/cgroup shows it (freezer's on v1) */
    char *path;
    unsigned int can;
};

/* Where the calling process's groups are: the directory of each. */
typedef struct {
    int version;
    char *dir[VSSIM_CG_LAST];
    char *path;
} vssimCgroupSelf;

static void
vssimCgroupSelfClear(vssimCgroupSelf *self)
{
    int c;

    for (c = 0; c < VSSIM_CG_LAST; c++)
        g_free(self->dir[c]);
    g_free(self->path);
}

/* The path of the calling process in the hierarchy whose controller list
 * holds @ctl ("" for the v2 line). */
static char *
vssimCgroupOwnPath(const char *ctl)
{
    g_autofree char *text = NULL;
    g_auto(GStrv) lines = NULL;
    size_t i;

    if (!g_file_get_contents("/proc/self/cgroup", &text, NULL, NULL))
        return NULL;
    lines = g_strsplit(text, "\n", -1);
    for (i = 0; lines[i]; i++) {
        g_auto(GStrv) f = g_strsplit(lines[i], ":", 3);
        g_auto(GStrv) ctls = NULL;

        if (g_strv_length(f) != 3)
            continue;
        if (!*ctl) {
            if (!*f[1] && STREQ(f[0], "0"))
                return g_strdup(f[2]);
            continue;
        }
        ctls = g_strsplit(f[1], ",", -1);
        if (g_strv_contains((const char *const *)ctls, ctl))
            return g_strdup(f[2]);
    }
    return NULL;
}

/* The mount point of @fstype ("cgroup" with controller @ctl, or
 * "cgroup2"), from /proc/self/mountinfo. */
static char *
vssimCgroupMount(const char *fstype, const char *ctl)
{
    g_autofree char *text = NULL;
    g_auto(GStrv) lines = NULL;
    size_t i;

    if (!g_file_get_contents("/proc/self/mountinfo", &text, NULL, NULL))
        return NULL;
    lines = g_strsplit(text, "\n", -1);
    for (i = 0; lines[i]; i++) {
        g_auto(GStrv) halves = g_strsplit(lines[i], " - ", 2);
        g_auto(GStrv) pre = NULL;
        g_auto(GStrv) post = NULL;
        g_auto(GStrv) opts = NULL;

        if (g_strv_length(halves) != 2)
            continue;
        pre = g_strsplit(halves[0], " ", -1);
        post = g_strsplit(halves[1], " ", -1);
        if (g_strv_length(pre) < 5 || g_strv_length(post) < 3 || STRNEQ(post[0], fstype))
            continue;
        opts = g_strsplit(post[2], ",", -1);
        if (ctl && !g_strv_contains((const char *const *)opts, ctl))
            continue;
        return g_strdup(pre[4]);
    }
    return NULL;
}

static bool
vssimCgroupFindSelf(vssimCgroupSelf *self, GError **error)
{
    g_autofree char *mount = NULL;
    g_autofree char *own = NULL;
    g_autofree char *freezer = NULL;
    int c;

    memset(self, 0, sizeof(*self));
    if ((freezer = vssimCgroupMount("cgroup", "freezer"))) {
        self->version = 1;
        for (c = 0; c < VSSIM_CG_LAST; c++) {
            g_autofree char *m = vssimCgroupMount("cgroup", vssimControllerNames[c]);
            g_autofree char *p = vssimCgroupOwnPath(vssimControllerNames[c]);

            if (m && p)
                self->dir[c] = g_build_filename(m, p, NULL);
            if (c == VSSIM_CG_FREEZER)
                self->path = g_steal_pointer(&p);
        }
    } else if ((mount = vssimCgroupMount("cgroup2", NULL)) && (own = vssimCgroupOwnPath(""))) {
        self->version = 2;
        for (c = 0; c < VSSIM_CG_LAST; c++)
            self->dir[c] = g_build_filename(mount, own, NULL);
        self->path = g_steal_pointer(&own);
    }
    if (!self->dir[VSSIM_CG_FREEZER] || !self->path) {
        g_set_error(error, G_FILE_ERROR, G_FILE_ERROR_NOENT,
                    "no cgroup hierarchy with a freezer (v1 freezer, or cgroup v2) is mounted");
        return false;
    }
    return true;
}

static bool
vssimCgroupWrite(const char *dir, const char *file, const char *value, GError **error)
{
    g_autofree char *path = g_build_filename(dir, file, NULL);
    int fd = open(path, O_WRONLY | O_CLOEXEC);
    ssize_t len = strlen(value);
    int err;

    if (fd < 0 || write(fd, value, len) != len) {
        err = errno;
        if (fd >= 0)
            close(fd);
        g_set_error(error, G_FILE_ERROR, g_file_error_from_errno(err),
                    "cannot write '%s' to %s: %s", value, path, g_strerror(err));
        return false;
    }
    close(fd);
    return true;
}

static bool
vssimCgroupRead(const char *dir, const char *file, char **value, GError **error)
{
    g_autofree char *path = g_build_filename(dir, file, NULL);

    return g_file_get_contents(path, value, NULL, error);
}

static bool
vssimCgroupHasFile(const char *dir, const char *file)
{
    g_autofree char *path = g_build_filename(dir, file, NULL);

    return access(path, F_OK) == 0;
}

static void
vssimCgroupProbe(vssimCgroup *cg)
{
    const char *pids = cg->dir[VSSIM_CG_PIDS];
    const char *mem = cg->dir[VSSIM_CG_MEMORY];
    const char *frz = cg->dir[VSSIM_CG_FREEZER];

    cg->can = 0;
    if (pids && vssimCgroupHasFile(pids, "pids.max"))
        cg->can |= VSSIM_CGROUP_PIDS;
    if (mem && vssimCgroupHasFile(mem, cg->version == 1 ? "memory.limit_in_bytes" : "memory.max"))
        cg->can |= VSSIM_CGROUP_MEMORY;
    if (vssimCgroupHasFile(frz, cg->version == 1 ? "freezer.state" : "cgroup.freeze"))
        cg->can |= VSSIM_CGROUP_FREEZE;
}

/* Creates @name under each of @parentDirs; on failure removes what it
 * made.  The freezer's directory is required, the others optional. */
static vssimCgroup *
vssimCgroupMake(int version, char *const *parentDirs, const char *parentPath,
                const char *name, GError **error)
{
    g_autoptr(vssimCgroup) cg = g_new0(vssimCgroup, 1);
    int c;

    cg->version = version;
    cg->path = g_build_filename(parentPath, name, NULL);
    for (c = 0; c < VSSIM_CG_LAST; c++) {
        g_autofree char *dir = NULL;

        if (!parentDirs[c])
            continue;
        dir = g_build_filename(parentDirs[c], name, NULL);
        if (version == 2 && c != VSSIM_CG_PIDS) {
            cg->dir[c] = g_strdup(cg->dir[VSSIM_CG_PIDS]);
            continue;
        }
        if (mkdir(dir, 0755) < 0) {
            int err = errno;

            if (c != VSSIM_CG_FREEZER && version == 1)
                continue;
            g_set_error(error, G_FILE_ERROR, g_file_error_from_errno(err),
                        "cannot create the cgroup %s: %s", dir, g_strerror(err));
            vssimCgroupRemove(cg, NULL);
            return NULL;
        }
        cg->dir[c] = g_steal_pointer(&dir);
    }
    vssimCgroupProbe(cg);
    return g_steal_pointer(&cg);
}

vssimCgroup *
vssimCgroupNewUnderSelf(const char *name, GError **error)
{
    vssimCgroupSelf self;
    vssimCgroup *cg = NULL;

    if (vssimCgroupFindSelf(&self, error))
        cg = vssimCgroupMake(self.version, self.dir, self.path, name, error);
    vssimCgroupSelfClear(&self);
    /* cgroup v2: the groups made under this one get the controllers the
     * parent delegates (this one holds no process, so it may pass them
     * on); where none are delegated, they only freeze and kill */
    if (cg && cg->version == 2) {
        ignore_value(vssimCgroupWrite(cg->dir[VSSIM_CG_PIDS], "cgroup.subtree_control",
                                      "+pids", NULL));
        ignore_value(vssimCgroupWrite(cg->dir[VSSIM_CG_PIDS], "cgroup.subtree_control",
                                      "+memory", NULL));
    }
    return cg;
}

vssimCgroup *
vssimCgroupNewChild(vssimCgroup *parent, const char *name, GError **error)
{
    return vssimCgroupMake(parent->version, parent->dir, parent->path, name, error);
}

void
vssimCgroupFree(vssimCgroup *cg)
{
    int c;

    if (!cg)
        return;
    for (c = 0; c < VSSIM_CG_LAST; c++)
        g_free(cg->dir[c]);
    g_free(cg->path);
    g_free(cg);
}

unsigned int
vssimCgroupCan(const vssimCgroup *cg)
{
    return cg->can;
}

const char *
vssimCgroupVersion(const vssimCgroup *cg)
{
    return cg->version == 1 ? "v1" : "v2";
}

bool
vssimCgroupSetPidsMax(vssimCgroup *cg, uint64_t max, GError **error)
{
    g_autofree char *value = max == G_MAXUINT64 ? g_strdup("max") :
                                                  g_strdup_printf("%" G_GUINT64_FORMAT, max);

    return vssimCgroupWrite(cg->dir[VSSIM_CG_PIDS], "pids.max", value, error);
}

bool
vssimCgroupSetMemoryMax(vssimCgroup *cg, uint64_t bytes, GError **error)
{
    const char *dir = cg->dir[VSSIM_CG_MEMORY];
    g_autofree char *value = NULL;

    if (cg->version == 2) {
        value = bytes == G_MAXUINT64 ? g_strdup("max") :
                                       g_strdup_printf("%" G_GUINT64_FORMAT, bytes);
        /* a limit that swapping escapes limits nothing */
        if (vssimCgroupHasFile(dir, "memory.swap.max") &&
            !vssimCgroupWrite(dir, "memory.swap.max", bytes == G_MAXUINT64 ? "max" : "0", error))
            return false;
        return vssimCgroupWrite(dir, "memory.max", value, error);
    }
    value = bytes == G_MAXUINT64 ? g_strdup("-1") : g_strdup_printf("%" G_GUINT64_FORMAT, bytes);
    if (!vssimCgroupHasFile(dir, "memory.memsw.limit_in_bytes"))
        return vssimCgroupWrite(dir, "memory.limit_in_bytes", value, error);
    /* memory+swap may never be below memory: raise first what must be
     * higher */
    if (!vssimCgroupWrite(dir, "memory.limit_in_bytes", value, NULL) &&
        !vssimCgroupWrite(dir, "memory.memsw.limit_in_bytes", value, error))
        return false;
    return vssimCgroupWrite(dir, "memory.memsw.limit_in_bytes", value, error) &&
           vssimCgroupWrite(dir, "memory.limit_in_bytes", value, error);
}

bool
vssimCgroupGetMemoryUsage(vssimCgroup *cg, uint64_t *bytes, GError **error)
{
    g_autofree char *text = NULL;

    if (!vssimCgroupRead(cg->dir[VSSIM_CG_MEMORY],
                         cg->version == 1 ? "memory.usage_in_bytes" : "memory.current",
                         &text, error))
        return false;
    *bytes = g_ascii_strtoull(text, NULL, 10);
    return true;
}

bool
vssimCgroupAddTask(vssimCgroup *cg, pid_t pid, GError **error)
{
    g_autofree char *value = g_strdup_printf("%d", (int)pid);
    int c;

    for (c = 0; c < VSSIM_CG_LAST; c++) {
        if (!cg->dir[c] || (cg->version == 2 && c != VSSIM_CG_FREEZER))
            continue;
        if (!vssimCgroupWrite(cg->dir[c], "cgroup.procs", value, error))
            return false;
    }
    return true;
}

bool
vssimCgroupGetTasks(vssimCgroup *cg, GArray *pids, GError **error)
{
    g_autofree char *text = NULL;
    g_auto(GStrv) lines = NULL;
    size_t i;

    if (!vssimCgroupRead(cg->dir[VSSIM_CG_FREEZER], "cgroup.procs", &text, error))
        return false;
    lines = g_strsplit(text, "\n", -1);
    for (i = 0; lines[i]; i++) {
        pid_t pid;

        if (!*lines[i])
            continue;
        pid = (pid_t)g_ascii_strtoll(lines[i], NULL, 10);
        g_array_append_val(pids, pid);
    }
    return true;
}

char *
vssimCgroupChildOf(vssimCgroup *cg, pid_t pid)
{
    g_autofree char *file = g_strdup_printf("/proc/%d/cgroup", (int)pid);
    g_autofree char *text = NULL;
    g_autofree char *prefix = g_strdup_printf("%s/", cg->path);
    const char *ctl = cg->version == 1 ? "freezer" : "";
    g_auto(GStrv) lines = NULL;
    size_t i;

    if (!g_file_get_contents(file, &text, NULL, NULL))
        return NULL;
    lines = g_strsplit(text, "\n", -1);
    for (i = 0; lines[i]; i++) {
        g_auto(GStrv) f = g_strsplit(lines[i], ":", 3);
        g_auto(GStrv) ctls = NULL;
        const char *rest;

        if (g_strv_length(f) != 3)
            continue;
        ctls = g_strsplit(f[1], ",", -1);
        if (*ctl ? !g_strv_contains((const char *const *)ctls, ctl) : *f[1] != '\0')
            continue;
        if (!g_str_has_prefix(f[2], prefix))
            return NULL;
        rest = f[2] + strlen(prefix);
        return g_strndup(rest, strcspn(rest, "/"));
    }
    return NULL;
}

/* Waits (briefly) until the freezer says the group is @frozen: freezing
 * takes the kernel a moment when tasks are busy. */
static bool
vssimCgroupWaitFrozen(vssimCgroup *cg, bool frozen, GError **error)
{
    const char *dir = cg->dir[VSSIM_CG_FREEZER];
    int tries;

    for (tries = 0; tries < 1000; tries++) {
        g_autofree char *text = NULL;
        bool done;

        if (!vssimCgroupRead(dir, cg->version == 1 ? "freezer.state" : "cgroup.events",
                             &text, error))
            return false;
        if (cg->version == 1)
            done = g_str_has_prefix(text, frozen ? "FROZEN" : "THAWED");
        else
            done = strstr(text, frozen ? "frozen 1" : "frozen 0") != NULL;
        if (done)
            return true;
        g_usleep(1000);
    }
    g_set_error(error, G_FILE_ERROR, G_FILE_ERROR_AGAIN,
                "the cgroup %s did not become %s", dir, frozen ? "frozen" : "thawed");
    return false;
}

bool
vssimCgroupFreeze(vssimCgroup *cg, bool frozen, GError **error)
{
    const char *dir = cg->dir[VSSIM_CG_FREEZER];
    bool ok;

    if (cg->version == 1)
        ok = vssimCgroupWrite(dir, "freezer.state", frozen ? "FROZEN" : "THAWED", error);
    else
        ok = vssimCgroupWrite(dir, "cgroup.freeze", frozen ? "1" : "0", error);
    return ok && vssimCgroupWaitFrozen(cg, frozen, error);
}

bool
vssimCgroupKillAll(vssimCgroup *cg, int sig, unsigned int *count, GError **error)
{
    g_autoptr(GArray) pids = g_array_new(FALSE, FALSE, sizeof(pid_t));
    bool freeze = sig == SIGKILL && (cg->can & VSSIM_CGROUP_FREEZE);
    unsigned int sent = 0;
    size_t i;
    bool ok;

    if (freeze && !vssimCgroupFreeze(cg, true, error))
        return false;
    ok = vssimCgroupGetTasks(cg, pids, error);
    for (i = 0; ok && i < pids->len; i++) {
        if (kill(g_array_index(pids, pid_t, i), sig) == 0)
            sent++;
    }
    if (freeze && !vssimCgroupFreeze(cg, false, ok ? error : NULL))
        ok = false;
    if (count)
        *count = sent;
    return ok;
}

bool
vssimCgroupRemove(vssimCgroup *cg, GError **error)
{
    int c, tries;

    for (c = VSSIM_CG_LAST - 1; c >= 0; c--) {
        if (!cg->dir[c] || (cg->version == 2 && c != VSSIM_CG_PIDS))
            continue;
        /* a task that was just killed leaves its group a moment later */
        for (tries = 0; rmdir(cg->dir[c]) < 0 && errno == EBUSY && tries < 200; tries++)
            g_usleep(5000);
        if (access(cg->dir[c], F_OK) == 0) {
            g_set_error(error, G_FILE_ERROR, G_FILE_ERROR_FAILED,
                        "cannot remove the cgroup %s: %s", cg->dir[c], g_strerror(errno));
            return false;
        }
    }
    return true;
}
