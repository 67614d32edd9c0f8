/*
 * vssim_tasks.c: context membership on cgroups, or recorded
 */
#include "internal.h"

#include <signal.h>
#include <unistd.h>

#include "vssim_cgroup.h"
#include "vssim_members.h"
#include "vssim_tasks.h"

struct _vssimTasks {
    vssimCgroup *root;              /* NULL when recording */
    GHashTable *groups;             /* xid -> vssimCgroup */
    vssimMembers *members;          /* when recording */
    unsigned int enforces;
};

static unsigned int
vssimTasksFromCgroup(unsigned int can)
{
    unsigned int enforces = 0;

    if (can & VSSIM_CGROUP_PIDS)
        enforces |= VSSIM_ENFORCE_NPROC;
    if (can & VSSIM_CGROUP_MEMORY)
        enforces |= VSSIM_ENFORCE_MEMORY;
    if (can & VSSIM_CGROUP_FREEZE)
        enforces |= VSSIM_ENFORCE_PAUSE | VSSIM_ENFORCE_KILL;
    return enforces;
}

vssimTasks *
vssimTasksNew(bool enforce, char **why)
{
    vssimTasks *t = g_new0(vssimTasks, 1);
    g_autofree char *name = g_strdup_printf("virtkit-vserver-sim.%d", (int)getpid());
    g_autoptr(GError) error = NULL;

    *why = NULL;
    t->members = vssimMembersNew();
    t->groups = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL,
                                      (GDestroyNotify)vssimCgroupFree);
    if (!enforce)
        *why = g_strdup("--no-enforce was given");
    else if (geteuid() != 0)
        *why = g_strdup("not running as root");
    else if (!(t->root = vssimCgroupNewUnderSelf(name, &error)))
        *why = g_strdup_printf("no cgroups to use: %s", error->message);
    if (!t->root)
        return t;
    t->enforces = vssimTasksFromCgroup(vssimCgroupCan(t->root));
    if (!(t->enforces & (VSSIM_ENFORCE_NPROC | VSSIM_ENFORCE_MEMORY)))
        *why = g_strdup_printf("the pids and memory controllers are not available (cgroup %s)",
                               vssimCgroupVersion(t->root));
    else if (!(t->enforces & VSSIM_ENFORCE_NPROC))
        *why = g_strdup_printf("the pids controller is not available (cgroup %s)",
                               vssimCgroupVersion(t->root));
    else if (!(t->enforces & VSSIM_ENFORCE_MEMORY))
        *why = g_strdup_printf("the memory controller is not available (cgroup %s)",
                               vssimCgroupVersion(t->root));
    return t;
}

void
vssimTasksFree(vssimTasks *t)
{
    GHashTableIter iter;
    gpointer value;

    if (!t)
        return;
    g_hash_table_iter_init(&iter, t->groups);
    while (g_hash_table_iter_next(&iter, NULL, &value)) {
        vssimCgroupKillAll(value, SIGKILL, NULL, NULL);
        vssimCgroupRemove(value, NULL);
    }
    g_hash_table_unref(t->groups);
    if (t->root)
        vssimCgroupRemove(t->root, NULL);
    vssimCgroupFree(t->root);
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

static vssimCgroup *
vssimTasksGroup(vssimTasks *t, uint32_t xid)
{
    return t->root ? g_hash_table_lookup(t->groups, GUINT_TO_POINTER(xid)) : NULL;
}

static int
vssimTasksErrno(GError *error)
{
    g_printerr("virtkit-vserver-sim: %s\n", error->message);
    return error->domain == G_FILE_ERROR && error->code == G_FILE_ERROR_NOSPC ? -ENOSPC :
           error->domain == G_FILE_ERROR && error->code == G_FILE_ERROR_NOENT ? -ESRCH : -EIO;
}

int
vssimTasksCreate(vssimTasks *t, uint32_t xid)
{
    g_autofree char *name = g_strdup_printf("ctx%u", xid);
    g_autoptr(GError) error = NULL;
    vssimCgroup *cg;

    if (!t->root)
        return 0;
    if (!(cg = vssimCgroupNewChild(t->root, name, &error)))
        return vssimTasksErrno(error);
    g_hash_table_insert(t->groups, GUINT_TO_POINTER(xid), cg);
    return 0;
}

int
vssimTasksJoin(vssimTasks *t, uint32_t xid, pid_t pid)
{
    vssimCgroup *cg = vssimTasksGroup(t, xid);
    g_autoptr(GError) error = NULL;

    if (!t->root) {
        vssimMembersAdd(t->members, pid, xid);
        return 0;
    }
    if (!cg)
        return -ESRCH;
    if (!vssimCgroupAddTask(cg, pid, &error))
        return vssimTasksErrno(error);
    return 0;
}

uint32_t
vssimTasksXidOf(vssimTasks *t, pid_t pid)
{
    g_autofree char *child = NULL;
    guint64 xid = 0;

    if (!t->root)
        return vssimMembersOf(t->members, pid);
    if (!(child = vssimCgroupChildOf(t->root, pid)) || !g_str_has_prefix(child, "ctx") ||
        !g_ascii_string_to_unsigned(child + 3, 10, 0, G_MAXUINT32, &xid, NULL))
        return 0;
    return xid;
}

GArray *
vssimTasksList(vssimTasks *t, uint32_t xid)
{
    vssimCgroup *cg = vssimTasksGroup(t, xid);
    GArray *pids;

    if (!t->root)
        return vssimMembersList(t->members, xid);
    pids = g_array_new(FALSE, FALSE, sizeof(pid_t));
    if (cg)
        vssimCgroupGetTasks(cg, pids, NULL);
    return pids;
}

int
vssimTasksSetNproc(vssimTasks *t, uint32_t xid, uint64_t max)
{
    vssimCgroup *cg = vssimTasksGroup(t, xid);
    g_autoptr(GError) error = NULL;

    if (!cg || !(t->enforces & VSSIM_ENFORCE_NPROC))
        return 0;
    return vssimCgroupSetPidsMax(cg, max, &error) ? 0 : vssimTasksErrno(error);
}

int
vssimTasksSetMemory(vssimTasks *t, uint32_t xid, uint64_t bytes)
{
    vssimCgroup *cg = vssimTasksGroup(t, xid);
    g_autoptr(GError) error = NULL;

    if (!cg || !(t->enforces & VSSIM_ENFORCE_MEMORY))
        return 0;
    return vssimCgroupSetMemoryMax(cg, bytes, &error) ? 0 : vssimTasksErrno(error);
}

int
vssimTasksSetPaused(vssimTasks *t, uint32_t xid, bool paused)
{
    vssimCgroup *cg = vssimTasksGroup(t, xid);
    g_autoptr(GError) error = NULL;

    if (!cg || !(t->enforces & VSSIM_ENFORCE_PAUSE))
        return 0;
    return vssimCgroupFreeze(cg, paused, &error) ? 0 : vssimTasksErrno(error);
}

int
vssimTasksMemoryUsage(vssimTasks *t, uint32_t xid, uint64_t *bytes)
{
    vssimCgroup *cg = vssimTasksGroup(t, xid);

    if (!cg || !(t->enforces & VSSIM_ENFORCE_MEMORY))
        return -ENOTSUP;
    return vssimCgroupGetMemoryUsage(cg, bytes, NULL) ? 0 : -EIO;
}

int
vssimTasksKillAll(vssimTasks *t, uint32_t xid, int sig, unsigned int *count)
{
    vssimCgroup *cg = vssimTasksGroup(t, xid);
    g_autoptr(GError) error = NULL;
    g_autoptr(GArray) pids = NULL;
    size_t i;

    *count = 0;
    if (cg)
        return vssimCgroupKillAll(cg, sig, count, &error) ? 0 : vssimTasksErrno(error);
    pids = vssimTasksList(t, xid);
    for (i = 0; i < pids->len; i++) {
        if (kill(g_array_index(pids, pid_t, i), sig) == 0)
            (*count)++;
    }
    return 0;
}

void
vssimTasksDrop(vssimTasks *t, uint32_t xid)
{
    vssimCgroup *cg = vssimTasksGroup(t, xid);
    g_autoptr(GError) error = NULL;

    if (!t->root) {
        vssimMembersForget(t->members, xid);
        return;
    }
    if (cg && !vssimCgroupRemove(cg, &error))
        g_printerr("virtkit-vserver-sim: %s\n", error->message);
    g_hash_table_remove(t->groups, GUINT_TO_POINTER(xid));
}
