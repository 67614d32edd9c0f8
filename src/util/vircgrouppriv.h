/*
 * vircgrouppriv.h: what the files of the cgroup module share, and no one
 * else sees (the module's users have vircgroup.h)
 */
#ifndef VIR_CGROUP_PRIV_H
# define VIR_CGROUP_PRIV_H

# include "internal.h"

# include "vircgroup.h"
# include "virthread.h"

struct _virCgroupTree {
    int version;                    /* 1 or 2 */
    /* the parent directory in each controller's hierarchy, NULL where the
     * controller is missing; v2: the same directory for all it offers */
    char *parent[VIR_CGROUP_CONTROLLER_LAST];
    size_t parentLen[VIR_CGROUP_CONTROLLER_LAST];
    /* v1: the controller whose directory is created and removed for its
     * mount (co-mounted controllers, such as cpu,cpuacct, share one); v2:
     * one of them, the freezer */
    bool primary[VIR_CGROUP_CONTROLLER_LAST];
    char *parentSpec;               /* as given, for messages */
    virCgroupSubjectFunc subject;
    void *subjectOpaque;

    virMutex lock;                  /* guards the fields below */
    bool prepared;                  /* the parents are made */
    char *parentMems;               /* v1 cpuset.mems and cpus of the parent */
    char *parentCpus;
    GPtrArray *blockDevices;        /* "MAJ:MIN" of each disk, read once */
};

/* The directories a group has: those of the primary controllers. */
static inline bool
virCgroupTreeIsPrimary(const virCgroupTree *tree, int c)
{
    return tree->parent[c] && tree->primary[c];
}

/* vircgroup.c: reports an error about group @name as a whole: "<its
 * subject>: <message>", a system error when @errnum is not 0.  Out of
 * line and only on the way out, so that no call builds a subject on
 * success. */
void virCgroupReportGroupErrorFull(const virCgroupTree *tree, const char *name, int code,
                                   int errnum, const char *file, const char *func,
                                   size_t line, const char *fmt, ...)
    G_GNUC_PRINTF(8, 9);

# define virCgroupReportGroupError(tree, name, code, ...) \
    virCgroupReportGroupErrorFull(tree, name, code, 0, __FILE__, __func__, __LINE__, \
                                  __VA_ARGS__)
# define virCgroupReportGroupSystemError(tree, name, errnum, ...) \
    virCgroupReportGroupErrorFull(tree, name, VIR_ERR_SYSTEM_ERROR, errnum, __FILE__, \
                                  __func__, __LINE__, __VA_ARGS__)

/* 0 when the tree has controller @c; otherwise -1, with an error saying
 * group @name cannot have it.  Inline: every setter asks. */
static inline int
virCgroupCheckController(const virCgroupTree *tree, virCgroupController c, const char *name)
{
    if (G_LIKELY(tree->parent[c]))
        return 0;
    virCgroupReportGroupError(tree, name, VIR_ERR_OPERATION_UNSUPPORTED,
                              _("the '%s' cgroup controller is not available here (cgroup v%d)"),
                              virCgroupControllerName(c), tree->version);
    return -1;
}

/* vircgroupfile.c: writes @value to @file of group @name in the hierarchy
 * of @c, which the caller checked the tree has. */
int virCgroupWriteValue(const virCgroupTree *tree, virCgroupController c, const char *name,
                        const char *file, const char *value);
/* mkdir -p of the parents, preparing each level for tasks. */
int virCgroupMakeParents(const virCgroupTree *tree);
/* The "MAJ:MIN" of every whole disk of the host. */
GPtrArray *virCgroupReadBlockDevices(void);

/* vircgroupkill.c: SIGKILL to every task in the group's directory of @c;
 * how many there were. */
guint virCgroupKillGroup(const virCgroupTree *tree, virCgroupController c, const char *name);

#endif /* VIR_CGROUP_PRIV_H */
