/*
 * lve_cgroup_stats.h: an LVE's groups in a cgroup tree, and what they say
 * it uses
 *
 * LVE <id> is the group "lve<id>" under the tree's parent: the layout
 * kmod-lve uses on cgroup v1, with the parent at the root.  Shared by both
 * backends: the cgroup backend reads the groups it made, the liblve
 * backend those kmod-lve keeps for each LVE.
 */
#ifndef VIR_LVE_CGROUP_STATS_H
# define VIR_LVE_CGROUP_STATS_H

# include "internal.h"

# include "lve_backend.h"
# include "vircgroup.h"
# include "virstring.h"

/* Room for "lve", any id and the NUL. */
# define LVE_CGROUP_NAME_BUFLEN (3 + VIR_ULL_BUFLEN)

/* "lve<id>" in @buf (LVE_CGROUP_NAME_BUFLEN bytes); returns @buf.  Every
 * kernel call of every LVE names its group: no printf, no heap. */
const char *lveCgroupName(unsigned int id, char *buf);

/* A tree of LVE groups under @parent (see virCgroupTreeNew), whose
 * messages call group lve<id> "LVE <id>". */
virCgroupTree *lveCgroupTreeNew(const char *parent, const char *mode);

/* <parent>/lve<id>[/<file>] in the hierarchy of @c.  Caller frees. */
char *lveCgroupPath(const virCgroupTree *tree, virCgroupController c, unsigned int id,
                    const char *file);

/* The pids in every group of LVE @id, each once. */
int lveCgroupReadTasks(const virCgroupTree *tree, unsigned int id, GArray *pids);

/* CPU time, memory in use, tasks and the kernel's fault counters of LVE @id. */
int lveCgroupReadUsage(const virCgroupTree *tree, unsigned int id, lveUsage *usage);

/* CPU time per host CPU; -1 (no error) where the kernel keeps none (v2). */
int lveCgroupReadPerCpu(const virCgroupTree *tree, unsigned int id, guint64 *percpu,
                        size_t ncpus);

/* Watches the groups of LVE @id (lve_cgroup_watch.c): the lveOps watch
 * of both backends.  @stateDir: where entries through virtkit are
 * registered (lve_cgroup_enter.c), or NULL. */
lveWatch *lveCgroupWatchGroups(virCgroupTree *tree, const char *stateDir, unsigned int id,
                               lveNoticeFunc func, void *opaque, GDestroyNotify freecb);
void lveCgroupUnwatch(lveWatch *w, bool wait);

#endif /* VIR_LVE_CGROUP_STATS_H */
