/*
 * lve_cgroup_kill.c: freezing and destroying an LVE made of cgroups
 *
 * Destroy must leave nothing, also when tasks fork while they are being
 * killed: the group is frozen first (a frozen task cannot fork), every task
 * gets SIGKILL, and thawing lets them die.  On v2, cgroup.kill does all of
 * that in the kernel.  Killed tasks that wait for their parent to reap them
 * are no longer members, so they do not keep a group from being removed.
 */
#include "internal.h"

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include "lve_cgroup_priv.h"
#include "lve_error.h"
#include "virerror.h"
#include "virlog.h"

#define VIR_FROM_THIS VIR_FROM_CGROUP

#define LVE_POLL_US 5000
#define LVE_FREEZE_TIMEOUT_US (3 * G_USEC_PER_SEC)
#define LVE_KILL_TIMEOUT_US (10 * G_USEC_PER_SEC)

/* Waits until @file says @want (v1 freezer.state) or has the line @want
 * (v2 cgroup.events). */
static bool
lveCgroupWaitFor(const char *file, const char *want, gint64 timeout)
{
    gint64 deadline = g_get_monotonic_time() + timeout;

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
        g_usleep(LVE_POLL_US);
    }
}

/* Sets the freezer of LVE @id and waits until the kernel is done. */
static int
lveCgroupSetFrozen(lveCgroup *cg, unsigned int id, bool frozen, bool quiet)
{
    bool v2 = cg->tree->version == 2;
    lveCgroupPathBuf ctl, events;
    const char *value = v2 ? (frozen ? "1" : "0") : (frozen ? "FROZEN" : "THAWED");
    const char *want = v2 ? (frozen ? "frozen 1" : "frozen 0") : value;

    lveCgroupPathInto(cg->tree, LVE_CG_FREEZER, id, v2 ? "cgroup.freeze" : "freezer.state", &ctl);
    if (lveCgroupWrite(ctl.str, value, quiet) < 0)
        return -1;
    if (v2)
        lveCgroupPathInto(cg->tree, LVE_CG_FREEZER, id, "cgroup.events", &events);
    if (lveCgroupWaitFor(v2 ? events.str : ctl.str, want, LVE_FREEZE_TIMEOUT_US))
        return 0;
    if (!quiet)
        virReportError(VIR_ERR_OPERATION_TIMEOUT,
                       _("LVE %u: its tasks did not %s within %d seconds (one may be stuck in the kernel)"),
                       id, frozen ? _("freeze") : _("thaw"),
                       (int)(LVE_FREEZE_TIMEOUT_US / G_USEC_PER_SEC));
    return -1;
}

int
lveCgroupFreeze(lveBackend *be, unsigned int id, bool frozen)
{
    lveCgroup *cg = lveCgroupOf(be);

    if (!lveCgroupHas(cg->tree, LVE_CG_FREEZER)) {
        virReportError(VIR_ERR_OPERATION_UNSUPPORTED,
                       _("LVE %u: suspending needs the 'freezer' cgroup controller, which this host does not offer"),
                       id);
        return -1;
    }
    if (lveCgroupSetFrozen(cg, id, frozen, false) == 0)
        return 0;
    if (frozen)
        lveCgroupSetFrozen(cg, id, false, true);   /* leave it running, as it was */
    return -1;
}

static void
lveCgroupKillOne(pid_t pid, void *opaque)
{
    guint *killed = opaque;

    kill(pid, SIGKILL);
    (*killed)++;
}

/* SIGKILL to every task in the group of @c; how many there were.  Each
 * task is killed as its pid is read: nothing to collect first. */
static guint
lveCgroupKillGroup(lveCgroup *cg, lveCgroupController c, unsigned int id)
{
    lveCgroupPathBuf procs;
    guint killed = 0;

    lveCgroupPathInto(cg->tree, c, id, "cgroup.procs", &procs);
    if (lveCgroupForEachPid(procs.str, lveCgroupKillOne, &killed) < 0)
        virResetLastError();    /* gone already */
    return killed;
}

/* Kills until no task is left in the anchor group, which every task of
 * the LVE is in; false when some outlived the timeout. */
static bool
lveCgroupKillUntilEmpty(lveCgroup *cg, unsigned int id)
{
    lveCgroupController anchor = lveCgroupAnchor(cg->tree);
    lveCgroupPathBuf kill2;
    bool v2 = cg->tree->version == 2;
    gint64 deadline = g_get_monotonic_time() + LVE_KILL_TIMEOUT_US;

    if (v2)
        lveCgroupPathInto(cg->tree, LVE_CG_FREEZER, id, "cgroup.kill", &kill2);
    if (v2 && access(kill2.str, F_OK) == 0) {
        if (lveCgroupWrite(kill2.str, "1", true) < 0)
            VIR_DEBUG("cgroup.kill of LVE %u refused; killing task by task", id);
    } else if (lveCgroupHas(cg->tree, LVE_CG_FREEZER)) {
        /* frozen tasks cannot fork: none is missed, and they die at thaw */
        if (lveCgroupSetFrozen(cg, id, true, true) < 0)
            VIR_DEBUG("LVE %u did not freeze; killing it running", id);
        lveCgroupKillGroup(cg, anchor, id);
        lveCgroupSetFrozen(cg, id, false, true);
    }
    /* stragglers: tasks that were mid-fork, or no freezer at all */
    while (lveCgroupKillGroup(cg, anchor, id) > 0) {
        if (g_get_monotonic_time() > deadline)
            return false;
        g_usleep(LVE_POLL_US);
    }
    return true;
}

/* Removes every group; a group that still has tasks (moved there from
 * outside, so not in the anchor) gets them killed first. */
static bool
lveCgroupRemoveDirs(lveCgroup *cg, unsigned int id)
{
    gint64 deadline = g_get_monotonic_time() + G_USEC_PER_SEC;
    bool left;
    int c;

    do {
        left = false;
        for (c = 0; c < LVE_CG_LAST; c++) {
            lveCgroupPathBuf dir;

            if (!cg->tree->parent[c] || !cg->tree->primary[c])
                continue;
            if (rmdir(lveCgroupPathInto(cg->tree, c, id, NULL, &dir)) == 0 || errno == ENOENT)
                continue;
            left = true;
            lveCgroupKillGroup(cg, c, id);
        }
        if (left)
            g_usleep(LVE_POLL_US);
    } while (left && g_get_monotonic_time() < deadline);
    return !left;
}

int
lveCgroupDestroy(lveBackend *be, unsigned int id)
{
    lveCgroup *cg = lveCgroupOf(be);

    if (!lveCgroupKillUntilEmpty(cg, id)) {
        virReportError(VIR_ERR_OPERATION_TIMEOUT,
                       _("LVE %u: some tasks survived SIGKILL for %d seconds"),
                       id, (int)(LVE_KILL_TIMEOUT_US / G_USEC_PER_SEC));
        return -1;
    }
    if (!lveCgroupRemoveDirs(cg, id)) {
        g_autofree char *dir = lveCgroupPath(cg->tree, lveCgroupAnchor(cg->tree), id, NULL);

        virReportSystemError(EBUSY, _("LVE %u: cannot remove its cgroups (such as '%s')"), id, dir);
        return -1;
    }
    lveCgroupForgetEntries(cg, id);
    return 0;
}
