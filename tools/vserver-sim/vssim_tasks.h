/*
 * vssim_tasks.h: the tasks of the simulated contexts, enforced or recorded
 *
 * Enforced (root, cgroups): each context is a cgroup under the
 * simulator's own ("virtkit-vserver-sim.PID/ctxXID"), so that its task
 * limit stops forks, its memory limit is a memory limit, a kill reaches
 * every task and the pause flag freezes it.  Recorded (otherwise): the
 * membership comes from vssim_members.h, limits and pauses are only kept
 * in the model, signals still reach the recorded tasks.
 */
#ifndef VSSIM_TASKS_H
# define VSSIM_TASKS_H

# include "internal.h"

# include <sys/types.h>

typedef struct _vssimTasks vssimTasks;

typedef enum {
    VSSIM_ENFORCE_NPROC = 1 << 0,
    VSSIM_ENFORCE_MEMORY = 1 << 1,
    VSSIM_ENFORCE_PAUSE = 1 << 2,
    VSSIM_ENFORCE_KILL = 1 << 3,    /* a kill that no fork escapes */
} vssimEnforce;

/* Enforces where it can when @enforce, else records; @why says why it
 * does not enforce (NULL when it does). */
vssimTasks *vssimTasksNew(bool enforce, char **why);
/* Kills what the contexts still hold and removes their cgroups. */
void vssimTasksFree(vssimTasks *t);

/* The vssimEnforce bits; 0 when recording. */
unsigned int vssimTasksEnforces(const vssimTasks *t);
/* "nproc,memory,pause,kill" or "none" */
char *vssimTasksEnforcesString(const vssimTasks *t);

/* Makes room for context @xid (its cgroup); -errno on failure. */
int vssimTasksCreate(vssimTasks *t, uint32_t xid);
/* Moves process @pid into context @xid; -errno on failure. */
int vssimTasksJoin(vssimTasks *t, uint32_t xid, pid_t pid);
/* The context of process @pid, 0 for the host. */
uint32_t vssimTasksXidOf(vssimTasks *t, pid_t pid);
/* The processes of @xid. */
GArray *vssimTasksList(vssimTasks *t, uint32_t xid);

/* Applies limits (G_MAXUINT64: none) and the pause where enforcing; a
 * no-op when recording.  -errno on failure. */
int vssimTasksSetNproc(vssimTasks *t, uint32_t xid, uint64_t max);
int vssimTasksSetMemory(vssimTasks *t, uint32_t xid, uint64_t bytes);
int vssimTasksSetPaused(vssimTasks *t, uint32_t xid, bool paused);
/* Memory the context uses, in bytes (enforcing only; else -ENOTSUP). */
int vssimTasksMemoryUsage(vssimTasks *t, uint32_t xid, uint64_t *bytes);

/* Sends @sig to every process of @xid; sets @count.  -errno on failure. */
int vssimTasksKillAll(vssimTasks *t, uint32_t xid, int sig, unsigned int *count);

/* The context is gone: drops its cgroup or its records. */
void vssimTasksDrop(vssimTasks *t, uint32_t xid);

#endif /* VSSIM_TASKS_H */
