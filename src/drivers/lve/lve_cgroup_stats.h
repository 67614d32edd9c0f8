/*
 * lve_cgroup_stats.h: what an LVE's cgroups say it uses
 */
#ifndef VIR_LVE_CGROUP_STATS_H
# define VIR_LVE_CGROUP_STATS_H

# include "internal.h"

# include "lve_backend.h"
# include "lve_cgroup_tree.h"

/* The pids in every group of LVE @id, each once. */
int lveCgroupReadTasks(const lveCgroupTree *tree, unsigned int id, GArray *pids);

/* CPU time, memory in use and tasks of LVE @id. */
int lveCgroupReadUsage(const lveCgroupTree *tree, unsigned int id, lveUsage *usage);

/* CPU time per host CPU; -1 (no error) where the kernel keeps none (v2). */
int lveCgroupReadPerCpu(const lveCgroupTree *tree, unsigned int id, guint64 *percpu,
                        size_t ncpus);

#endif /* VIR_LVE_CGROUP_STATS_H */
