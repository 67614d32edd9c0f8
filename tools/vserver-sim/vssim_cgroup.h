/*
 * vssim_cgroup.h: the cgroups the simulator puts a context's tasks in
 *
 * INTERIM, TO BE REPLACED: virtkit's shared cgroup module
 * (src/util/vircgroup.h, moved out of the LVE driver) had not landed when
 * the simulator was written.  This is the minimal interface the simulator
 * needs from it, in this one file pair, so that the switch is a rename:
 * create a group under the caller's own cgroup, set limits, move a task
 * in, list tasks, freeze and thaw, kill all, remove.
 *
 * cgroup v1 (the pids, memory and freezer controllers, each mounted on its
 * own) is complete; on cgroup v2 a group can be frozen, killed and listed,
 * and limited only where the parent delegates the pids and memory
 * controllers.  vssimCgroupCan() says what a group enforces.
 */
#ifndef VSSIM_CGROUP_H
# define VSSIM_CGROUP_H

# include <stdbool.h>
# include <stdint.h>
# include <sys/types.h>

# include <glib.h>

typedef struct _vssimCgroup vssimCgroup;

typedef enum {
    VSSIM_CGROUP_PIDS = 1 << 0,     /* a task limit stops forks */
    VSSIM_CGROUP_MEMORY = 1 << 1,   /* a memory limit */
    VSSIM_CGROUP_FREEZE = 1 << 2,   /* freeze and thaw */
} vssimCgroupFeature;

/* A new group @name under the calling process's own group in each
 * hierarchy.  Fails (with @error) where the process may not create one:
 * not root, no cgroups, no freezer. */
vssimCgroup *vssimCgroupNewUnderSelf(const char *name, GError **error);
/* A new group @name under @parent. */
vssimCgroup *vssimCgroupNewChild(vssimCgroup *parent, const char *name, GError **error);
void vssimCgroupFree(vssimCgroup *cg);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(vssimCgroup, vssimCgroupFree);

/* The vssimCgroupFeature bits @cg enforces. */
unsigned int vssimCgroupCan(const vssimCgroup *cg);

/* "v1" or "v2" */
const char *vssimCgroupVersion(const vssimCgroup *cg);

/* Limits; G_MAXUINT64 removes one. */
bool vssimCgroupSetPidsMax(vssimCgroup *cg, uint64_t max, GError **error);
bool vssimCgroupSetMemoryMax(vssimCgroup *cg, uint64_t bytes, GError **error);
/* How many bytes the group's tasks use now. */
bool vssimCgroupGetMemoryUsage(vssimCgroup *cg, uint64_t *bytes, GError **error);

/* Moves process @pid (all its threads) in. */
bool vssimCgroupAddTask(vssimCgroup *cg, pid_t pid, GError **error);
/* The pids of the group's processes, appended to @pids (pid_t). */
bool vssimCgroupGetTasks(vssimCgroup *cg, GArray *pids, GError **error);
/* The name of @pid's child group of @cg (NULL when @pid is not in one). */
char *vssimCgroupChildOf(vssimCgroup *cg, pid_t pid);

bool vssimCgroupFreeze(vssimCgroup *cg, bool frozen, GError **error);
/* Sends @sig to every task; with SIGKILL, frozen first so that no fork
 * escapes.  Sets @count to the number signalled (may be NULL). */
bool vssimCgroupKillAll(vssimCgroup *cg, int sig, unsigned int *count, GError **error);
/* Removes the (empty) group. */
bool vssimCgroupRemove(vssimCgroup *cg, GError **error);

#endif /* VSSIM_CGROUP_H */
