/*
 * vircgroupgroup.c: making a tree's parents and its groups, and moving
 * tasks into groups and back
 */
#include "internal.h"

#include <sys/stat.h>
#include <unistd.h>

#include "vircgrouppriv.h"
#include "virerror.h"
#include "virstring.h"

#define VIR_FROM_THIS VIR_FROM_CGROUP

/* The parents, and what a new v1 cpuset group must copy from them: they
 * are made and read once per tree. */
int
virCgroupTreePrepare(virCgroupTree *tree)
{
    virCgroupController cpuset = VIR_CGROUP_CONTROLLER_CPUSET;
    g_autofree char *memsPath = NULL, *cpusPath = NULL;
    g_autofree char *mems = NULL, *cpus = NULL;
    int ret = 0;

    virMutexLock(&tree->lock);
    if (tree->prepared)
        goto cleanup;
    if ((ret = virCgroupMakeParents(tree)) < 0)
        goto cleanup;
    if (tree->version == 1 && tree->parent[cpuset]) {
        memsPath = g_build_filename(tree->parent[cpuset], "cpuset.mems", NULL);
        cpusPath = g_build_filename(tree->parent[cpuset], "cpuset.cpus", NULL);
        if ((ret = virCgroupReadFile(memsPath, &mems)) < 0 ||
            (ret = virCgroupReadFile(cpusPath, &cpus)) < 0)
            goto cleanup;
        tree->parentMems = g_strdup(g_strstrip(mems));
        tree->parentCpus = g_strdup(g_strstrip(cpus));
    }
    tree->prepared = true;
 cleanup:
    virMutexUnlock(&tree->lock);
    return ret;
}

int
virCgroupCreate(virCgroupTree *tree, const char *name, unsigned int flags)
{
    virCgroupController cpuset = VIR_CGROUP_CONTROLLER_CPUSET;
    int c, fresh = 1;

    if (virCgroupTreePrepare(tree) < 0)
        return -1;
    for (c = 0; c < VIR_CGROUP_CONTROLLER_LAST; c++) {
        virCgroupPathBuf dir;

        if (!virCgroupTreeIsPrimary(tree, c))
            continue;
        if (mkdir(virCgroupPathInto(tree, c, name, NULL, &dir), 0755) == 0)
            continue;
        if (errno != EEXIST) {
            virCgroupReportGroupSystemError(tree, name, errno, _("cannot create cgroup '%s'"),
                                            dir.str);
            return -1;
        }
        fresh = 0;
    }
    /* a v1 cpuset group admits no task before it has memory nodes and
     * CPUs; those of an existing group are its own */
    if (tree->version == 1 && tree->parent[cpuset] &&
        (virCgroupWriteValue(tree, cpuset, name, "cpuset.mems", tree->parentMems) < 0 ||
         (fresh && !(flags & VIR_CGROUP_CREATE_CPUS_UNSET) &&
          virCgroupSetCpusetCpus(tree, name, NULL) < 0)))
        return -1;
    return fresh;
}

bool
virCgroupExists(const virCgroupTree *tree, const char *name)
{
    virCgroupPathBuf dir;
    struct stat sb;

    virCgroupPathInto(tree, virCgroupTreeAnchor(tree), name, NULL, &dir);
    return stat(dir.str, &sb) == 0 && S_ISDIR(sb.st_mode);
}

/* The hierarchies are joined from the last controller to the first: the
 * freezer first, so that a task that is in any group of @name is in the
 * anchor too. */
int
virCgroupAddTask(const virCgroupTree *tree, const char *name, pid_t pid, unsigned int skip)
{
    char num[VIR_ULL_BUFLEN];
    int c;

    virFormatULL(pid, num);
    for (c = VIR_CGROUP_CONTROLLER_LAST - 1; c >= 0; c--) {
        virCgroupPathBuf procs;

        if (!virCgroupTreeIsPrimary(tree, c) || (skip & (1U << c)))
            continue;
        virCgroupPathInto(tree, c, name, "cgroup.procs", &procs);
        if (virCgroupWriteFile(procs.str, num, false) < 0)
            return -1;
    }
    return 0;
}

int
virCgroupPlaceAddTask(const virCgroupTree *tree, const virCgroupPlace *place, pid_t pid)
{
    char num[VIR_ULL_BUFLEN];
    int c;

    virFormatULL(pid, num);
    for (c = VIR_CGROUP_CONTROLLER_LAST - 1; c >= 0; c--) {
        g_autofree char *procs = NULL;

        if (!virCgroupTreeIsPrimary(tree, c) || !place->dir[c])
            continue;
        procs = g_build_filename(place->dir[c], "cgroup.procs", NULL);
        if (virCgroupWriteFile(procs, num, false) < 0)
            return -1;
    }
    return 0;
}

int
virCgroupGetTasks(const virCgroupTree *tree, const char *name, GArray *pids)
{
    g_autoptr(GHashTable) seen = g_hash_table_new(g_direct_hash, g_direct_equal);
    g_autoptr(GArray) all = g_array_new(FALSE, FALSE, sizeof(pid_t));
    int c, ret = 0;
    guint i;

    /* co-mounted controllers share a group, and a task added with some
     * hierarchies skipped is in some groups only: read them all, keep
     * each pid once */
    for (c = 0; c < VIR_CGROUP_CONTROLLER_LAST; c++) {
        g_autofree char *procs = NULL;

        if (!virCgroupTreeIsPrimary(tree, c))
            continue;
        procs = virCgroupPath(tree, c, name, "cgroup.procs");
        if (g_file_test(procs, G_FILE_TEST_EXISTS) && virCgroupReadPids(procs, all) < 0)
            ret = -1;
    }
    for (i = 0; i < all->len; i++) {
        pid_t pid = g_array_index(all, pid_t, i);

        if (g_hash_table_add(seen, GINT_TO_POINTER(pid)))
            g_array_append_val(pids, pid);
    }
    return ret;
}
