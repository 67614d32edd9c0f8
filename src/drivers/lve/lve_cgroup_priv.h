/*
 * lve_cgroup_priv.h: what the files of the cgroup backend share
 */
#ifndef VIR_LVE_CGROUP_PRIV_H
# define VIR_LVE_CGROUP_PRIV_H

# include "internal.h"

# include "lve_backend.h"
# include "lve_cgroup_stats.h"
# include "vircgroup.h"
# include "virthread.h"

typedef struct _lveCgroup {
    virCgroupTree *tree;        /* the groups lve<id>, see lve_cgroup_stats.h */
    char *stateDir;             /* entry registries: lve<id>.enter */
    size_t hostcpus;

    virMutex lock;              /* guards the fields below */
    GHashTable *origins;        /* cookie -> where its process goes back to */
} lveCgroup;

static inline lveCgroup *
lveCgroupOf(lveBackend *be)
{
    return be->priv;
}

/* lve_cgroup_enter.c */
int lveCgroupEnter(lveBackend *be, unsigned int id, const lveLimits *lim,
                   unsigned int flags, unsigned int *cookie);
int lveCgroupLeave(lveBackend *be, unsigned int id, unsigned int cookie);
/* Records the EP limit where enterers in other processes find it. */
int lveCgroupSetEntryLimit(lveCgroup *cg, unsigned int id, unsigned long long ep);
void lveCgroupForgetEntries(lveCgroup *cg, unsigned int id);
/* The processes inside LVE @id and the entries refused at its EP limit. */
int lveCgroupReadEntries(lveCgroup *cg, unsigned int id, unsigned int *entries,
                         unsigned long long *refused);
void lveCgroupOriginFree(void *data);

/* lve_cgroup_watch.c */
lveWatch *lveCgroupWatch(lveBackend *be, unsigned int id, lveNoticeFunc func, void *opaque,
                         GDestroyNotify freecb);

#endif /* VIR_LVE_CGROUP_PRIV_H */
