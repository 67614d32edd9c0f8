/*
 * vircgroupkill.c: freezing a group, killing every task in it, and
 * removing it
 *
 * Killing must leave nothing, also when tasks fork while they are being
 * killed: the group is frozen first (a frozen task cannot fork), every
 * task gets SIGKILL, and thawing lets them die.  On v2, cgroup.kill does
 * all of that in the kernel.  Killed tasks that wait for their parent to
 * reap them are no longer members, so they do not keep a group from being
 * removed.
 */
#include "internal.h"

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include "vircgrouppriv.h"
#include "virerror.h"
#include "virlog.h"

#define VIR_FROM_THIS VIR_FROM_CGROUP

#define VIR_CGROUP_POLL_US 5000

/* How often a freeze that is not done yet is asked again: v1's freezer
 * kicks every task of the group again on each write of FROZEN, which
 * catches one that slipped past the first kick (seen once in some runs
 * of the VServer simulator's proof: a group stuck FREEZING for 10 s). */
#define VIR_CGROUP_REKICK_US (250 * 1000)

/* Waits until @file says @want (v1 freezer.state) or has the line @want
 * (v2 cgroup.events); meanwhile writes @kick to @kickFile again every
 * VIR_CGROUP_REKICK_US when they are given. */
static bool
virCgroupWaitFor(const char *file, const char *want, gint64 timeout, const char *kickFile,
                 const char *kick)
{
    gint64 start = g_get_monotonic_time();
    gint64 deadline = start + timeout;
    gint64 nextKick = start + VIR_CGROUP_REKICK_US;

    for (;;) {
        char state[256];
        bool done;
        ssize_t n;
        int fd;

        /* small files, read often: no allocation */
        if ((fd = open(file, O_RDONLY | O_CLOEXEC)) < 0)
            return false;
        n = read(fd, state, sizeof(state) - 1);
        close(fd);
        if (n < 0)
            return false;
        state[n] = '\0';
        done = strstr(state, want) != NULL;
        if (done || g_get_monotonic_time() > deadline)
            return done;
        if (kickFile && g_get_monotonic_time() >= nextKick) {
            ignore_value(virCgroupWriteFile(kickFile, kick, true));
            nextKick = g_get_monotonic_time() + VIR_CGROUP_REKICK_US;
        }
        g_usleep(VIR_CGROUP_POLL_US);
    }
}

int
virCgroupSetFrozen(const virCgroupTree *tree, const char *name, bool frozen, bool quiet)
{
    virCgroupController freezer = VIR_CGROUP_CONTROLLER_FREEZER;
    bool v2 = tree->version == 2;
    virCgroupPathBuf ctl, events;
    const char *value = v2 ? (frozen ? "1" : "0") : (frozen ? "FROZEN" : "THAWED");
    const char *want = v2 ? (frozen ? "frozen 1" : "frozen 0") : value;

    if (!tree->parent[freezer])
        return quiet ? -1 : virCgroupCheckController(tree, freezer, name);
    virCgroupPathInto(tree, freezer, name, v2 ? "cgroup.freeze" : "freezer.state", &ctl);
    if (virCgroupWriteFile(ctl.str, value, quiet) < 0)
        return -1;
    if (v2)
        virCgroupPathInto(tree, freezer, name, "cgroup.events", &events);
    if (virCgroupWaitFor(v2 ? events.str : ctl.str, want, VIR_CGROUP_FREEZE_TIMEOUT_US,
                         frozen ? ctl.str : NULL, value))
        return 0;
    /* a freeze that did not complete is undone: nothing is left half-frozen */
    if (frozen)
        virCgroupWriteFile(ctl.str, v2 ? "0" : "THAWED", true);
    if (!quiet)
        virCgroupReportGroupError(tree, name, VIR_ERR_OPERATION_TIMEOUT,
                                  _("its tasks did not %s within %d seconds (one may be stuck in the kernel)"),
                                  frozen ? _("freeze") : _("thaw"),
                                  (int)(VIR_CGROUP_FREEZE_TIMEOUT_US / G_USEC_PER_SEC));
    return -1;
}

static void
virCgroupKillOne(pid_t pid, void *opaque)
{
    guint *killed = opaque;

    kill(pid, SIGKILL);
    (*killed)++;
}

/* Each task is killed as its pid is read: nothing to collect first. */
guint
virCgroupKillGroup(const virCgroupTree *tree, virCgroupController c, const char *name)
{
    virCgroupPathBuf procs;
    guint killed = 0;

    virCgroupPathInto(tree, c, name, "cgroup.procs", &procs);
    if (virCgroupForEachPid(procs.str, virCgroupKillOne, &killed) < 0)
        virResetLastError();    /* gone already */
    return killed;
}

/* Kills until no task is left in the anchor group, which every task of
 * the group is in; false when some outlived the timeout. */
static bool
virCgroupKillUntilEmpty(const virCgroupTree *tree, const char *name)
{
    virCgroupController anchor = virCgroupTreeAnchor(tree);
    virCgroupPathBuf kill2;
    bool v2 = tree->version == 2;
    gint64 deadline = g_get_monotonic_time() + VIR_CGROUP_KILL_TIMEOUT_US;

    if (v2)
        virCgroupPathInto(tree, VIR_CGROUP_CONTROLLER_FREEZER, name, "cgroup.kill", &kill2);
    if (v2 && access(kill2.str, F_OK) == 0) {
        if (virCgroupWriteFile(kill2.str, "1", true) < 0)
            VIR_DEBUG("cgroup.kill of '%s' refused; killing task by task", name);
    } else if (tree->parent[VIR_CGROUP_CONTROLLER_FREEZER]) {
        /* frozen tasks cannot fork: none is missed, and they die at thaw */
        if (virCgroupSetFrozen(tree, name, true, true) < 0)
            VIR_DEBUG("cgroup '%s' did not freeze; killing it running", name);
        virCgroupKillGroup(tree, anchor, name);
        virCgroupSetFrozen(tree, name, false, true);
    }
    /* stragglers: tasks that were mid-fork, or no freezer at all */
    while (virCgroupKillGroup(tree, anchor, name) > 0) {
        if (g_get_monotonic_time() > deadline)
            return false;
        g_usleep(VIR_CGROUP_POLL_US);
    }
    return true;
}

int
virCgroupKillAll(const virCgroupTree *tree, const char *name)
{
    if (virCgroupKillUntilEmpty(tree, name))
        return 0;
    virCgroupReportGroupError(tree, name, VIR_ERR_OPERATION_TIMEOUT,
                              _("some tasks survived SIGKILL for %d seconds"),
                              (int)(VIR_CGROUP_KILL_TIMEOUT_US / G_USEC_PER_SEC));
    return -1;
}

/* Removes every directory; one that still has tasks (moved there from
 * outside, so not in the anchor) gets them killed first. */
static bool
virCgroupRemoveDirs(const virCgroupTree *tree, const char *name)
{
    gint64 deadline = g_get_monotonic_time() + VIR_CGROUP_REMOVE_TIMEOUT_US;
    bool left;
    int c;

    do {
        left = false;
        for (c = 0; c < VIR_CGROUP_CONTROLLER_LAST; c++) {
            virCgroupPathBuf dir;

            if (!virCgroupTreeIsPrimary(tree, c))
                continue;
            if (rmdir(virCgroupPathInto(tree, c, name, NULL, &dir)) == 0 || errno == ENOENT)
                continue;
            left = true;
            virCgroupKillGroup(tree, c, name);
        }
        if (left)
            g_usleep(VIR_CGROUP_POLL_US);
    } while (left && g_get_monotonic_time() < deadline);
    return !left;
}

int
virCgroupRemove(const virCgroupTree *tree, const char *name)
{
    virCgroupPathBuf dir;

    if (virCgroupRemoveDirs(tree, name))
        return 0;
    virCgroupPathInto(tree, virCgroupTreeAnchor(tree), name, NULL, &dir);
    virCgroupReportGroupSystemError(tree, name, EBUSY,
                                    _("cannot remove its cgroups (such as '%s')"), dir.str);
    return -1;
}
