/*
 * vssim_tasks.c: context membership on cgroups (virtkit's shared cgroup
 * module, src/util/vircgroup.h), or recorded
 *
 * Each context is group "ctx<XID>" of a tree under the simulator's own
 * groups ("virtkit-vserver-sim.<PID>"): the kernel's directories are the
 * only record of who is in which context.
 */
#include "internal.h"

#include <errno.h>
#include <signal.h>
#include <unistd.h>

#include "vircgroup.h"
#include "vssim_members.h"
#include "vssim_tasks.h"

struct _vssimTasks {
    virCgroupTree *tree;            /* NULL when recording */
    GHashTable *xids;               /* the contexts that have a group */
    vssimMembers *members;          /* when recording */
    unsigned int enforces;
};

#define VSSIM_GROUP_NAME(buf, xid) g_snprintf(buf, sizeof(buf), "ctx%u", (unsigned int)(xid))

/* The message of the module's last error, printed, as an errno for the
 * caller: a group that is not there is a context that is not. */
static int
vssimTasksErrno(vssimTasks *t, const char *name)
{
    g_printerr("virtkit-vserver-sim: %s\n", virGetLastErrorMessage());
    virResetLastError();
    return virCgroupExists(t->tree, name) ? -EIO : -ESRCH;
}

/* What a tree enforces, or NULL with @why. */
static virCgroupTree *
vssimTasksOpenTree(unsigned int *enforces, char **why)
{
    g_autofree char *parent = g_strdup_printf("virtkit-vserver-sim.%d", (int)getpid());
    g_autoptr(virCgroupTree) tree = virCgroupTreeNew(parent, NULL);
    int version;

    if (!tree || virCgroupTreePrepare(tree) < 0) {
        *why = g_strdup_printf("no cgroups to use: %s", virGetLastErrorMessage());
        virResetLastError();
        return NULL;
    }
    if (!virCgroupTreeHas(tree, VIR_CGROUP_CONTROLLER_FREEZER)) {
        *why = g_strdup("no cgroup hierarchy with a freezer (v1 freezer, or cgroup v2) is mounted");
        return NULL;
    }
    *enforces = VSSIM_ENFORCE_PAUSE | VSSIM_ENFORCE_KILL;
    if (virCgroupTreeHas(tree, VIR_CGROUP_CONTROLLER_PIDS))
        *enforces |= VSSIM_ENFORCE_NPROC;
    if (virCgroupTreeHas(tree, VIR_CGROUP_CONTROLLER_MEMORY))
        *enforces |= VSSIM_ENFORCE_MEMORY;
    version = virCgroupTreeVersion(tree);
    if (!(*enforces & (VSSIM_ENFORCE_NPROC | VSSIM_ENFORCE_MEMORY)))
        *why = g_strdup_printf("the pids and memory controllers are not available (cgroup v%d)",
                               version);
    else if (!(*enforces & VSSIM_ENFORCE_NPROC))
        *why = g_strdup_printf("the pids controller is not available (cgroup v%d)", version);
    else if (!(*enforces & VSSIM_ENFORCE_MEMORY))
        *why = g_strdup_printf("the memory controller is not available (cgroup v%d)", version);
    return g_steal_pointer(&tree);
}

vssimTasks *
vssimTasksNew(bool enforce, char **why)
{
    vssimTasks *t = g_new0(vssimTasks, 1);

    *why = NULL;
    t->members = vssimMembersNew();
    t->xids = g_hash_table_new(g_direct_hash, g_direct_equal);
    if (!enforce)
        *why = g_strdup("--no-enforce was given");
    else if (geteuid() != 0)
        *why = g_strdup("not running as root");
    else
        t->tree = vssimTasksOpenTree(&t->enforces, why);
    return t;
}

/* The tree's own parent directories, once the groups are gone. */
static void
vssimTasksRemoveParents(virCgroupTree *tree)
{
    int c;

    for (c = 0; c < VIR_CGROUP_CONTROLLER_LAST; c++) {
        const char *dir = virCgroupTreeParentDir(tree, c);

        /* co-mounted controllers share a directory: gone already */
        if (dir && rmdir(dir) < 0 && errno != ENOENT)
            g_printerr("virtkit-vserver-sim: cannot remove the cgroup %s: %s\n",
                       dir, g_strerror(errno));
    }
}

void
vssimTasksFree(vssimTasks *t)
{
    GHashTableIter iter;
    gpointer key;

    if (!t)
        return;
    g_hash_table_iter_init(&iter, t->xids);
    while (t->tree && g_hash_table_iter_next(&iter, &key, NULL)) {
        char name[VIR_CGROUP_NAME_MAX];

        VSSIM_GROUP_NAME(name, GPOINTER_TO_UINT(key));
        if (virCgroupKillAll(t->tree, name) < 0 || virCgroupRemove(t->tree, name) < 0)
            vssimTasksErrno(t, name);
    }
    if (t->tree)
        vssimTasksRemoveParents(t->tree);
    g_hash_table_unref(t->xids);
    virCgroupTreeFree(t->tree);
    vssimMembersFree(t->members);
    g_free(t);
}

unsigned int
vssimTasksEnforces(const vssimTasks *t)
{
    return t->enforces;
}

char *
vssimTasksEnforcesString(const vssimTasks *t)
{
    static const char *const names[] = { "nproc", "memory", "pause", "kill" };
    g_autoptr(GString) out = g_string_new(NULL);
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(names); i++) {
        if (t->enforces & (1U << i))
            g_string_append_printf(out, "%s%s", out->len ? "," : "", names[i]);
    }
    return g_strdup(out->len ? out->str : "none");
}

/* Whether context @xid has a group to act on. */
static bool
vssimTasksHasGroup(vssimTasks *t, uint32_t xid)
{
    return t->tree && g_hash_table_contains(t->xids, GUINT_TO_POINTER(xid));
}

int
vssimTasksCreate(vssimTasks *t, uint32_t xid)
{
    char name[VIR_CGROUP_NAME_MAX];

    if (!t->tree)
        return 0;
    VSSIM_GROUP_NAME(name, xid);
    if (virCgroupCreate(t->tree, name, 0) < 0)
        return vssimTasksErrno(t, name);
    g_hash_table_add(t->xids, GUINT_TO_POINTER(xid));
    return 0;
}

int
vssimTasksJoin(vssimTasks *t, uint32_t xid, pid_t pid)
{
    char name[VIR_CGROUP_NAME_MAX];

    if (!t->tree) {
        vssimMembersAdd(t->members, pid, xid);
        return 0;
    }
    if (!vssimTasksHasGroup(t, xid))
        return -ESRCH;
    VSSIM_GROUP_NAME(name, xid);
    if (virCgroupAddTask(t->tree, name, pid, 0) < 0)
        return vssimTasksErrno(t, name);
    return 0;
}

uint32_t
vssimTasksXidOf(vssimTasks *t, pid_t pid)
{
    virCgroupController anchor;
    virCgroupPlace place = { { NULL } };
    g_autofree char *prefix = NULL;
    const char *dir;
    guint64 xid = 0;

    if (!t->tree)
        return vssimMembersOf(t->members, pid);
    anchor = virCgroupTreeAnchor(t->tree);
    prefix = g_strdup_printf("%s/ctx", virCgroupTreeParentDir(t->tree, anchor));
    if (virCgroupPlaceOf(t->tree, pid, &place) < 0) {
        /* a process that is gone is in no context */
        virResetLastError();
        return 0;
    }
    dir = place.dir[anchor];
    if (dir && g_str_has_prefix(dir, prefix) &&
        !g_ascii_string_to_unsigned(dir + strlen(prefix), 10, 0, G_MAXUINT32, &xid, NULL))
        xid = 0;
    virCgroupPlaceClear(&place);
    return xid;
}

GArray *
vssimTasksList(vssimTasks *t, uint32_t xid)
{
    char name[VIR_CGROUP_NAME_MAX];
    GArray *pids;

    if (!t->tree)
        return vssimMembersList(t->members, xid);
    pids = g_array_new(FALSE, FALSE, sizeof(pid_t));
    VSSIM_GROUP_NAME(name, xid);
    if (vssimTasksHasGroup(t, xid) && virCgroupGetTasks(t->tree, name, pids) < 0)
        vssimTasksErrno(t, name);
    return pids;
}

int
vssimTasksSetNproc(vssimTasks *t, uint32_t xid, uint64_t max)
{
    char name[VIR_CGROUP_NAME_MAX];
    g_autofree char *value = NULL;

    if (!vssimTasksHasGroup(t, xid) || !(t->enforces & VSSIM_ENFORCE_NPROC))
        return 0;
    VSSIM_GROUP_NAME(name, xid);
    /* a limit of 0 is a limit (no task at all), which the module's
     * "0 means unlimited" cannot say: pids.max by its name */
    value = max == G_MAXUINT64 ? g_strdup("max") : g_strdup_printf("%" G_GUINT64_FORMAT, max);
    if (virCgroupSetValue(t->tree, VIR_CGROUP_CONTROLLER_PIDS, name, "pids.max", value) < 0)
        return vssimTasksErrno(t, name);
    return 0;
}

/* Swap may not take what the memory limit keeps out: a limit that
 * swapping escapes limits nothing.  Where the kernel does not account
 * swap per group, there is nothing to limit. */
static int
vssimTasksSetSwap(vssimTasks *t, const char *name, uint64_t bytes)
{
    bool v2 = virCgroupTreeVersion(t->tree) == 2;
    const char *file = v2 ? "memory.swap.max" : "memory.memsw.limit_in_bytes";
    g_autofree char *path = virCgroupPath(t->tree, VIR_CGROUP_CONTROLLER_MEMORY, name, file);
    g_autofree char *value = NULL;

    if (!g_file_test(path, G_FILE_TEST_EXISTS))
        return 0;
    if (v2)
        value = g_strdup(bytes == G_MAXUINT64 ? "max" : "0");
    else
        value = bytes == G_MAXUINT64 ? g_strdup("-1") :
                                       g_strdup_printf("%" G_GUINT64_FORMAT, bytes);
    return virCgroupWriteFile(path, value, false) < 0 ? -1 : 0;
}

int
vssimTasksSetMemory(vssimTasks *t, uint32_t xid, uint64_t bytes)
{
    char name[VIR_CGROUP_NAME_MAX];
    bool v1;

    if (!vssimTasksHasGroup(t, xid) || !(t->enforces & VSSIM_ENFORCE_MEMORY))
        return 0;
    VSSIM_GROUP_NAME(name, xid);
    v1 = virCgroupTreeVersion(t->tree) == 1;
    /* v1 memory+swap may never be below memory: lower memory first when
     * lowering, raise memory+swap first when raising */
    if (v1 && virCgroupSetMemoryLimit(t->tree, name, bytes == G_MAXUINT64 ? 0 : bytes) < 0) {
        virResetLastError();
        if (vssimTasksSetSwap(t, name, bytes) < 0)
            return vssimTasksErrno(t, name);
    }
    if (vssimTasksSetSwap(t, name, bytes) < 0 ||
        virCgroupSetMemoryLimit(t->tree, name, bytes == G_MAXUINT64 ? 0 : bytes) < 0)
        return vssimTasksErrno(t, name);
    return 0;
}

int
vssimTasksSetPaused(vssimTasks *t, uint32_t xid, bool paused)
{
    char name[VIR_CGROUP_NAME_MAX];

    if (!vssimTasksHasGroup(t, xid) || !(t->enforces & VSSIM_ENFORCE_PAUSE))
        return 0;
    VSSIM_GROUP_NAME(name, xid);
    if (virCgroupSetFrozen(t->tree, name, paused, false) < 0)
        return vssimTasksErrno(t, name);
    return 0;
}

int
vssimTasksMemoryUsage(vssimTasks *t, uint32_t xid, uint64_t *bytes)
{
    char name[VIR_CGROUP_NAME_MAX];
    virCgroupUsage usage = { 0 };

    if (!vssimTasksHasGroup(t, xid) || !(t->enforces & VSSIM_ENFORCE_MEMORY))
        return -ENOTSUP;
    VSSIM_GROUP_NAME(name, xid);
    if (virCgroupGetUsage(t->tree, name, &usage) < 0) {
        virResetLastError();
        return -EIO;
    }
    *bytes = usage.memoryBytes;
    return 0;
}

/* Signals each of @pids; the number that got it in @count. */
static void
vssimTasksSignal(GArray *pids, int sig, unsigned int *count)
{
    size_t i;

    for (i = 0; i < pids->len; i++) {
        if (kill(g_array_index(pids, pid_t, i), sig) == 0)
            (*count)++;
    }
}

int
vssimTasksKillAll(vssimTasks *t, uint32_t xid, int sig, unsigned int *count)
{
    g_autoptr(GArray) pids = vssimTasksList(t, xid);
    char name[VIR_CGROUP_NAME_MAX];

    *count = 0;
    if (!vssimTasksHasGroup(t, xid) || sig != SIGKILL) {
        vssimTasksSignal(pids, sig, count);
        return 0;
    }
    /* SIGKILL: the module's kill, which no fork escapes; the count is of
     * the tasks there were */
    VSSIM_GROUP_NAME(name, xid);
    if (virCgroupKillAll(t->tree, name) < 0)
        return vssimTasksErrno(t, name);
    *count = pids->len;
    return 0;
}

void
vssimTasksDrop(vssimTasks *t, uint32_t xid)
{
    char name[VIR_CGROUP_NAME_MAX];

    if (!t->tree) {
        vssimMembersForget(t->members, xid);
        return;
    }
    VSSIM_GROUP_NAME(name, xid);
    if (vssimTasksHasGroup(t, xid) && virCgroupRemove(t->tree, name) < 0)
        vssimTasksErrno(t, name);
    g_hash_table_remove(t->xids, GUINT_TO_POINTER(xid));
}
