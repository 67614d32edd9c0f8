/*
 * vircgroup.h: Linux control groups, v1 or v2, for any driver or tool
 *
 * A tree (virCgroupTree) is where a caller keeps its groups: a parent
 * directory in each hierarchy (v1: the mount of each controller; v2: the
 * unified hierarchy).  A group is a directory under the parent, named by
 * the caller ("lve1001", "ctx42"); every call names a group by its tree
 * and that name, and the module finds its directory in each hierarchy.
 * The parent is absolute ("/virtkit-lve") or, without a leading slash,
 * relative to the calling process's own group in each hierarchy: a
 * process in memory cgroup /jobs/42 that asks for "tests" gets its groups
 * under /jobs/42/tests, so what runs in them stays inside its accounting.
 *
 *     g_autoptr(virCgroupTree) tree = virCgroupTreeNew("sim", NULL);
 *
 *     virCgroupCreate(tree, "ctx42", 0);           (parents made on first use)
 *     virCgroupSetPidsMax(tree, "ctx42", 100);
 *     virCgroupSetMemoryLimit(tree, "ctx42", 64 << 20);
 *     virCgroupAddTask(tree, "ctx42", pid, 0);
 *     virCgroupGetTasks(tree, "ctx42", pids);
 *     virCgroupSetFrozen(tree, "ctx42", true, false);
 *     virCgroupKillAll(tree, "ctx42");
 *     virCgroupRemove(tree, "ctx42");
 *
 * Errors: a call that fails reports why (VIR_FROM_CGROUP) and returns -1,
 * unless its comment says otherwise.  A message about one file names the
 * file; a message about a group as a whole starts with the group's
 * subject: "cgroup 'ctx42'", or what the tree's owner calls it
 * (virCgroupTreeSetSubject: "LVE 1001").
 *
 * Ownership: the module keeps nothing about groups.  The kernel's view
 * (the directories and their files) is the only one, so a group made by
 * another process is used like one made here.  A tree may be shared by
 * threads: what it learns on first use (the parents, the parent's CPUs
 * and memory nodes, the host's disks) is guarded by its own lock.
 *
 * Tests may read a fake host: see virFileSetHostRoot().
 */
#ifndef VIR_CGROUP_H
# define VIR_CGROUP_H

# include "internal.h"

# include <limits.h>
# include <sys/types.h>

typedef enum {
    VIR_CGROUP_CONTROLLER_CPU = 0,      /* cpu quota */
    VIR_CGROUP_CONTROLLER_CPUACCT,      /* cpu time (v2: cpu.stat of every group) */
    VIR_CGROUP_CONTROLLER_CPUSET,       /* which CPUs */
    VIR_CGROUP_CONTROLLER_MEMORY,
    VIR_CGROUP_CONTROLLER_PIDS,         /* number of tasks */
    VIR_CGROUP_CONTROLLER_BLKIO,        /* disk throttles (v2: io) */
    VIR_CGROUP_CONTROLLER_FREEZER,      /* v2: cgroup.freeze of every group */
    VIR_CGROUP_CONTROLLER_LAST
} virCgroupController;

/* The v1 name of @c ("cpuacct", "blkio"). */
const char *virCgroupControllerName(virCgroupController c);

/* ---- the tree ------------------------------------------------------ */

typedef struct _virCgroupTree virCgroupTree;

/**
 * virCgroupTreeNew:
 * @parent: where the groups live: an absolute group path, or one relative
 *          to the calling process's own group in each hierarchy; no '.',
 *          '..' or empty parts
 * @mode: "v1", "v2", or NULL for v1 when any v1 controller is mounted,
 *        else v2
 *
 * Finds the hierarchies (/proc/self/mountinfo) and the caller's own
 * groups (/proc/self/cgroup).  Nothing is created yet.  A controller the
 * host does not offer is missing from the tree (virCgroupTreeHas); v2
 * offers those its parent (or, before it exists, its nearest ancestor)
 * lists in cgroup.controllers, and always cpu time and freezing.
 *
 * Returns the tree, or NULL with an error.
 */
virCgroupTree *virCgroupTreeNew(const char *parent, const char *mode);
void virCgroupTreeFree(virCgroupTree *tree);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(virCgroupTree, virCgroupTreeFree);

/* How messages about a group call it: an allocated string for @name.
 * Only called on the way to an error. */
typedef char *(*virCgroupSubjectFunc)(const char *name, void *opaque);

/* Sets how messages about the tree's groups call them; without it, a
 * group is "cgroup '<name>'". */
void virCgroupTreeSetSubject(virCgroupTree *tree, virCgroupSubjectFunc func, void *opaque);

/* 1 or 2. */
int virCgroupTreeVersion(const virCgroupTree *tree);

/* Whether the host offers controller @c in this tree. */
bool virCgroupTreeHas(const virCgroupTree *tree, virCgroupController c);

/* The parent's directory in the hierarchy of @c (no trailing slash), or
 * NULL when the tree lacks @c. */
const char *virCgroupTreeParentDir(const virCgroupTree *tree, virCgroupController c);

/* The parent as virCgroupTreeNew() was given it, for messages. */
const char *virCgroupTreeParentSpec(const virCgroupTree *tree);

/* The hierarchy every task of a group is in, however it was added (see
 * virCgroupAddTask): the freezer's, else cpu's, else cpuacct's.  It tells
 * whether a group exists and whether tasks are left in it. */
virCgroupController virCgroupTreeAnchor(const virCgroupTree *tree);

/* Makes the parent directories, once per tree, and reads what a new v1
 * cpuset group must copy from its parent (a group with no CPU or memory
 * node admits no task).  Every call that makes or changes groups does it
 * first; call it to get its errors on their own. */
int virCgroupTreePrepare(virCgroupTree *tree);

/* ---- paths ----------------------------------------------------------- */

/* The longest group name and file name a path is built with.  Names are
 * the caller's: "blkio.throttle.write_iops_device" is the longest file
 * the module writes. */
# define VIR_CGROUP_NAME_MAX 64
# define VIR_CGROUP_FILE_MAX 64

/* A path in a group, on the caller's stack: a call per task or per limit
 * needs one, and building it on the heap costs more than the system call
 * it is for.  A tree is only made when every path of names and files up
 * to the maxima fits. */
typedef struct {
    char str[PATH_MAX];
} virCgroupPathBuf;

/* <parent>/<name>[/<file>] in the hierarchy of @c (which the tree must
 * have), in @buf; returns buf->str, which is "" (it names nothing) when
 * @name or @file is longer than its maximum. */
const char *virCgroupPathInto(const virCgroupTree *tree, virCgroupController c,
                              const char *name, const char *file, virCgroupPathBuf *buf);

/* The same, allocated, for paths that are kept.  Caller frees. */
char *virCgroupPath(const virCgroupTree *tree, virCgroupController c, const char *name,
                    const char *file);

/* ---- files ------------------------------------------------------------ */

/* Writes @value to the cgroup file @path in one write().  Returns 0, or
 * -errno; unless @quiet, with an error naming the file and the value
 * (callers that can say what a refusal means pass @quiet). */
int virCgroupWriteFile(const char *path, const char *value, bool quiet);
int virCgroupReadFile(const char *path, char **value);
/* A number; "max" reads as G_MAXUINT64. */
int virCgroupReadFileULL(const char *path, unsigned long long *value);
/* The value of "key N" in a flat keyed file (cpu.stat, memory.stat). */
int virCgroupReadFileKey(const char *path, const char *key, unsigned long long *value);

/* Calls @cb for each pid in a cgroup.procs file, as it is read.  Returns
 * -1 (an error reported only when the file cannot be opened) or 0. */
typedef void (*virCgroupPidFunc)(pid_t pid, void *opaque);
int virCgroupForEachPid(const char *path, virCgroupPidFunc cb, void *opaque);
/* The pids of a cgroup.procs file, appended to @pids (pid_t). */
int virCgroupReadPids(const char *path, GArray *pids);

/* A file of group @name in the hierarchy of @c, by its name: the way to
 * any setting the calls below do not cover. */
int virCgroupSetValue(const virCgroupTree *tree, virCgroupController c, const char *name,
                      const char *file, const char *value);
int virCgroupGetValue(const virCgroupTree *tree, virCgroupController c, const char *name,
                      const char *file, char **value);
int virCgroupGetValueULL(const virCgroupTree *tree, virCgroupController c,
                         const char *name, const char *file, unsigned long long *value);

/* ---- groups and their tasks ------------------------------------------ */

typedef enum {
    /* v1: leave a new group's CPUs empty, for a caller that sets them
     * next (virCgroupSetCpusetCpus): until then no task can join it */
    VIR_CGROUP_CREATE_CPUS_UNSET = 1 << 0,
} virCgroupCreateFlags;

/* Creates group @name in every hierarchy of the tree (the parents first,
 * when needed).  On v1, the group gets its parent's memory nodes, and a
 * new group its parent's CPUs (a cpuset group with neither admits no
 * task), unless @flags says otherwise.  Returns 1 when the group is new,
 * 0 when it existed already, -1 on error. */
int virCgroupCreate(virCgroupTree *tree, const char *name, unsigned int flags);

/* Whether group @name exists (in the anchor hierarchy). */
bool virCgroupExists(const virCgroupTree *tree, const char *name);

/* Moves task @pid into group @name in every hierarchy, except those of
 * the controllers in @skip (bits 1 << virCgroupController; the anchor's
 * must not be among them).  Moving a process moves all its threads. */
int virCgroupAddTask(const virCgroupTree *tree, const char *name, pid_t pid,
                     unsigned int skip);

/* The pids of every task in group @name, each once: a task added with
 * some hierarchies skipped, or co-mounted controllers, put a pid in
 * several cgroup.procs. */
int virCgroupGetTasks(const virCgroupTree *tree, const char *name, GArray *pids);

/* Where a task is: the directory of its group in each hierarchy of a
 * tree, as /proc/PID/cgroup says; NULL where it has none. */
typedef struct _virCgroupPlace {
    char *dir[VIR_CGROUP_CONTROLLER_LAST];
} virCgroupPlace;

int virCgroupPlaceOf(const virCgroupTree *tree, pid_t pid, virCgroupPlace *place);
void virCgroupPlaceClear(virCgroupPlace *place);
/* Moves task @pid back to @place (the groups virCgroupPlaceOf() found). */
int virCgroupPlaceAddTask(const virCgroupTree *tree, const virCgroupPlace *place, pid_t pid);

/* How long the calls below wait for the kernel. */
# define VIR_CGROUP_FREEZE_TIMEOUT_US (10 * G_USEC_PER_SEC)
# define VIR_CGROUP_KILL_TIMEOUT_US (10 * G_USEC_PER_SEC)
# define VIR_CGROUP_REMOVE_TIMEOUT_US G_USEC_PER_SEC

/* Freezes (or thaws) every task of group @name and waits until the kernel
 * is done, up to VIR_CGROUP_FREEZE_TIMEOUT_US.  The tree must have the
 * freezer.  With @quiet, fails without reporting. */
int virCgroupSetFrozen(const virCgroupTree *tree, const char *name, bool frozen, bool quiet);

/* Kills every task of group @name, also those forking meanwhile: v2's
 * cgroup.kill where the kernel has it, else freeze, SIGKILL each, thaw;
 * then SIGKILL until the anchor group is empty, up to
 * VIR_CGROUP_KILL_TIMEOUT_US.  Killed tasks waiting to be reaped are no
 * longer members. */
int virCgroupKillAll(const virCgroupTree *tree, const char *name);

/* Removes group @name from every hierarchy.  Tasks still in one (moved
 * there from outside the anchor) are killed; fails when a group is still
 * there after VIR_CGROUP_REMOVE_TIMEOUT_US.  A group that is gone already
 * is fine. */
int virCgroupRemove(const virCgroupTree *tree, const char *name);

/* ---- limits: 0 means unlimited for each ------------------------------ */

/* @quotaUs of CPU time per @periodUs (v1 cpu.cfs_period_us and
 * cpu.cfs_quota_us, v2 cpu.max). */
int virCgroupSetCpuQuota(const virCgroupTree *tree, const char *name,
                         unsigned long long quotaUs, unsigned long long periodUs);

/* The CPUs the group may use, as a list ("0-3,6"); NULL for every CPU of
 * the parent. */
int virCgroupSetCpusetCpus(virCgroupTree *tree, const char *name, const char *cpus);

/* Resident memory in bytes (v1 memory.limit_in_bytes, v2 memory.max). */
int virCgroupSetMemoryLimit(const virCgroupTree *tree, const char *name,
                            unsigned long long bytes);

/* Tasks (pids.max). */
int virCgroupSetPidsMax(const virCgroupTree *tree, const char *name, unsigned long long max);

/* Bytes and operations per second, each for reading and for writing, on
 * every disk of the host (v1 blkio.throttle.*_device, v2 io.max).  Disks
 * whose queue takes no throttle (some virtual ones) are skipped; fails
 * when a limit is set and no disk takes it. */
int virCgroupSetBlkioThrottle(virCgroupTree *tree, const char *name,
                              unsigned long long bps, unsigned long long iops);

/* ---- usage ------------------------------------------------------------ */

/* What a group uses; a counter the tree cannot read is 0. */
typedef struct _virCgroupUsage {
    unsigned long long cpuTimeNs;
    unsigned long long userTimeNs;
    unsigned long long systemTimeNs;
    unsigned long long memoryBytes;
    unsigned int tasks;
} virCgroupUsage;

/* CPU time (v1 cpuacct, v2 cpu.stat), memory in use and tasks. */
int virCgroupGetUsage(const virCgroupTree *tree, const char *name, virCgroupUsage *usage);

/* CPU time per host CPU in @percpu[0 .. @ncpus - 1] (v1 cpuacct).
 * Returns 0, or -1 without an error where the kernel keeps none (v2, or
 * no cpuacct). */
int virCgroupGetPerCpuUsage(const virCgroupTree *tree, const char *name, guint64 *percpu,
                            size_t ncpus);

/* What a group's limits refused or held back since it was made, and its
 * disk and page counters. */
typedef struct _virCgroupCounters {
    unsigned long long memFaults;       /* hits of the memory limit: v1 memory.failcnt,
                                         * v2 memory.events "max" */
    unsigned long long pidsFaults;      /* forks refused: pids.events "max" */
    unsigned long long cpuThrottled;    /* periods the CPU quota held it: cpu.stat */
    unsigned long long pageFaults;      /* memory.stat pgfault */
    unsigned long long majorFaults;     /* memory.stat pgmajfault */
    unsigned long long ioBytes;         /* read and written, every disk */
    unsigned long long ioOps;           /* read and write operations */
} virCgroupCounters;

/* The counters of group @name; one the kernel does not keep is 0 (never
 * an error: statistics of what can be read). */
void virCgroupGetCounters(const virCgroupTree *tree, const char *name, virCgroupCounters *c);

#endif /* VIR_CGROUP_H */
