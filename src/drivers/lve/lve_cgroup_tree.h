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

# include <limits.h>

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
    size_t parentLen[LVE_CG_LAST];
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

/* The longest file name inside a group (cgroup files are ours to name:
 * "blkio.throttle.write_iops_device" is the longest). */
# define LVE_CGROUP_FILE_MAX 64

/* A path inside an LVE's group, on the caller's stack: every kernel call
 * of every LVE needs one, and a path built on the heap costs more than
 * the call.  A tree is only made when "<parent>/lve<id>/<file>" fits for
 * every id and every file name up to LVE_CGROUP_FILE_MAX. */
typedef struct {
    char str[PATH_MAX];
} lveCgroupPathBuf;

/* <parent>/lve<id>[/<file>] in the hierarchy of @c, in @buf; returns
 * buf->str. */
const char *lveCgroupPathInto(const lveCgroupTree *tree, lveCgroupController c,
                              unsigned int id, const char *file, lveCgroupPathBuf *buf);
/* The same, allocated, for paths that are kept.  Caller frees. */
char *lveCgroupPath(const lveCgroupTree *tree, lveCgroupController c, unsigned int id,
                    const char *file);

/* Room for any unsigned long long in decimal, with its NUL. */
# define LVE_ULL_BUFLEN 21

/* @value in decimal at the start of @buf (LVE_ULL_BUFLEN bytes), for the
 * values written to cgroup files; returns the end (its NUL). */
char *lveFormatULL(unsigned long long value, char *buf);

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
/* Calls @cb for each pid in a cgroup.procs file, as it is read. */
typedef void (*lveCgroupPidFunc)(pid_t pid, void *opaque);
int lveCgroupForEachPid(const char *path, lveCgroupPidFunc cb, void *opaque);

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
