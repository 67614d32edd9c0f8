/*
 * lve_cgroup_tree.h: where an LVE's cgroups live, and reading and writing
 * their files
 *
 * LVE <id> is the group "lve<id>" under a parent in each hierarchy (the
 * layout kmod-lve uses on cgroup v1, with the parent at the root).  The
 * parent is absolute ("/virtkit-lve") or, without a leading slash,
 * relative to the calling process's own group in each hierarchy: a process
 * in memory cgroup /jobs/42 that asks for "tests" gets memory groups under
 * /jobs/42/tests, so its children stay inside its own accounting.
 */
#ifndef VIR_LVE_CGROUP_TREE_H
# define VIR_LVE_CGROUP_TREE_H

# include "internal.h"

typedef enum {
    LVE_CG_CPU = 0,         /* cpu quota (speed) */
    LVE_CG_CPUACCT,         /* cpu time (v2: cpu.stat of every group) */
    LVE_CG_CPUSET,          /* ncpu and pinning */
    LVE_CG_MEMORY,          /* pmem */
    LVE_CG_PIDS,            /* nproc */
    LVE_CG_BLKIO,           /* io and iops (v2: io) */
    LVE_CG_FREEZER,         /* suspend and destroy (v2: cgroup.freeze) */
    LVE_CG_LAST
} lveCgroupController;

typedef struct _lveCgroupTree {
    int version;                    /* 1 or 2 */
    /* the parent directory in each controller's hierarchy, NULL where the
     * controller is missing; v2: the same directory for all it offers */
    char *parent[LVE_CG_LAST];
    /* v1: the controller whose directory is created and removed for its
     * mount (co-mounted controllers, such as cpu,cpuacct, share one) */
    bool primary[LVE_CG_LAST];
    char *parentSpec;               /* as given, for messages */
} lveCgroupTree;

const char *lveCgroupControllerName(lveCgroupController c);

/* Finds the hierarchies: @mode "v1", "v2" or NULL (v1 when its controllers
 * are mounted, else v2). */
lveCgroupTree *lveCgroupTreeNew(const char *parent, const char *mode);
void lveCgroupTreeFree(lveCgroupTree *tree);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(lveCgroupTree, lveCgroupTreeFree);

static inline bool
lveCgroupHas(const lveCgroupTree *tree, lveCgroupController c)
{
    return tree->parent[c] != NULL;
}

/* <parent>/lve<id>[/<file>] in the hierarchy of @c.  Caller frees. */
char *lveCgroupPath(const lveCgroupTree *tree, lveCgroupController c, unsigned int id,
                    const char *file);

/* Creates the parent directories (v1 cpuset levels get their parent's
 * cpus and mems, or no task could join them). */
int lveCgroupMakeParents(const lveCgroupTree *tree);

/* File helpers; errors name the file.  Write returns -errno with no error
 * reported when @quiet, so callers can say what a refusal means. */
int lveCgroupWrite(const char *path, const char *value, bool quiet);
int lveCgroupRead(const char *path, char **value);
int lveCgroupReadULL(const char *path, unsigned long long *value);
/* The value of "key N" in a flat keyed file (cpu.stat, memory.stat). */
int lveCgroupReadKey(const char *path, const char *key, unsigned long long *value);
/* The pids in a cgroup.procs file, appended to @pids (an array of pid_t). */
int lveCgroupReadPids(const char *path, GArray *pids);

/* The directories of @pid's groups, as /proc/PID/cgroup says: one per
 * controller of @tree, NULL where it has none. */
typedef struct _lveCgroupPlace {
    char *dir[LVE_CG_LAST];
} lveCgroupPlace;

int lveCgroupPlaceOf(const lveCgroupTree *tree, pid_t pid, lveCgroupPlace *place);
void lveCgroupPlaceClear(lveCgroupPlace *place);

/* The "MAJ:MIN" of every whole block device, for per-device throttles. */
GPtrArray *lveCgroupBlockDevices(void);

#endif /* VIR_LVE_CGROUP_TREE_H */
