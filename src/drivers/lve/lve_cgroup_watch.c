/*
 * lve_cgroup_watch.c: what the kernel tells of an LVE's groups as it
 * happens, on the event loop
 *
 * Measured on cgroup v1 (Linux 6.18; tests/lve/events.sh shows each):
 * - OOM: memory.oom_control through cgroup.event_control signals an
 *   eventfd when the group runs out of memory, and also when the group
 *   is removed: the "oom_kill" counter of memory.oom_control tells which.
 * - the last task gone: v1 has no cgroup.events (v2 only), and
 *   notify_on_release runs the one release_agent of the whole hierarchy,
 *   a host-wide setting no library may take.  What does notify is a pidfd
 *   per task: readable when the task has exited, after the kernel took it
 *   out of its groups; each exit reads the group's tasks again, so that
 *   a child forked meanwhile gets its pidfd before its parent's exit is
 *   taken for the last.  Nothing of the kernel notifies a task entering
 *   the group; one that enters through virtkit (lve_cgroup_enter.c)
 *   rewrites the LVE's entry registry, watched with inotify.
 * - the process limit: pids.events counts refused forks ("max N"), but
 *   on v1 neither poll() nor inotify wakes on it (the kernel notifies the
 *   v2 file only).  It is read once a second, with the group's tasks (for
 *   those that entered without virtkit): the only polling here.
 *
 * On cgroup v2 the kernel notifies all three (cgroup_file_notify(): an
 * inotify IN_MODIFY on the file, at most one per 10 ms, the later ones
 * delayed, never lost), so nothing is polled and no task is watched:
 * - the last task gone: cgroup.events of the group (there on every
 *   non-root v2 group, whatever its controllers) says "populated 0";
 * - OOM: memory.events counts "oom_kill";
 * - the process limit: pids.events counts "max".
 * poll() cannot wait for them on the loop: kernfs answers POLLPRI on a
 * change but readable always.  A task that enters and exits between two
 * reads of cgroup.events is not noticed (the kernel says "populated",
 * not how often), as on v1 one that exits before its pidfd is open.  Measured on Linux 6.18 with a v2 group
 * that has no controller (lve_watch_v2_test: emptied); memory.events and
 * pids.events need the memory and pids controllers in v2, which a host
 * that binds them to v1 does not offer.
 */
#include "internal.h"

#include <fcntl.h>
#include <sys/eventfd.h>
#include <sys/inotify.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "lve_cgroup_priv.h"
#include "virerror.h"
#include "virlog.h"

#define VIR_FROM_THIS VIR_FROM_LVE

/* What the kernel cannot notify is read this often (ms). */
#define LVE_WATCH_POLL_MS 1000

#ifndef PIDFD_THREAD
# define PIDFD_THREAD O_EXCL        /* Linux 6.9: a pidfd of any thread */
#endif

/* The loop's handles hold references: the watch outlives unwatch until
 * their free functions ran. */
struct _lveWatch {
    gint refs;
    gint stopped;                   /* atomic: unwatch ran */
    virMutex lock;                  /* held around each notice, for unwatch(wait) */
    unsigned int id;
    lveNoticeFunc func;
    void *opaque;
    GDestroyNotify freecb;

    bool v2;                        /* the kernel notifies every file below */
    char *oomCounter;               /* its "oom_kill": memory.oom_control (v1) or
                                     * memory.events (v2), or NULL */
    char *pidsEvents;               /* pids.events, or NULL */
    char *cgEvents;                 /* v2: cgroup.events ("populated") */
    const virCgroupTree *tree;      /* the backend's: outlives every watch */
    int efd;                        /* the OOM eventfd, or -1 */
    int efdWatch;
    int ifd;                        /* inotify, or -1: the registry's directory, and
                                     * on v2 the files above */
    int ifdWatch;
    char *registry;                 /* the registry's name in its directory */
    int registryWd;                 /* inotify's watches, or -1 */
    int cgEventsWd;
    int oomWd;
    int pidsWd;
    int timer;
    unsigned long long oomKills;
    unsigned long long forkFails;
    GHashTable *tasks;              /* pid -> lveWatchTask: a pidfd on the loop */
    bool hadTasks;
};

typedef struct {
    lveWatch *w;
    int fd;
    int watch;
} lveWatchTask;

static void
lveWatchUnref(void *opaque)
{
    lveWatch *w = opaque;

    if (!g_atomic_int_dec_and_test(&w->refs))
        return;
    if (w->efd >= 0)
        close(w->efd);
    if (w->ifd >= 0)
        close(w->ifd);
    g_free(w->registry);
    g_hash_table_destroy(w->tasks);
    g_free(w->oomCounter);
    g_free(w->pidsEvents);
    g_free(w->cgEvents);
    if (w->freecb)
        w->freecb(w->opaque);
    virMutexDestroy(&w->lock);
    g_free(w);
}

static void
lveWatchTaskFree(void *opaque)
{
    lveWatchTask *t = opaque;

    close(t->fd);
    lveWatchUnref(t->w);
    g_free(t);
}

/* Off the loop; its free function closes it. */
static void
lveWatchTaskDrop(void *opaque)
{
    lveWatchTask *t = opaque;

    virEventRemoveHandle(t->watch);
}

static void lveWatchScan(lveWatch *w);
static void lveWatchCounter(lveWatch *w, const char *path, const char *key,
                            unsigned long long *last, lveNotice what);

static void
lveWatchTaskExited(int watch G_GNUC_UNUSED, int fd G_GNUC_UNUSED, int events G_GNUC_UNUSED,
                   void *opaque)
{
    lveWatchTask *t = opaque;
    lveWatch *w = t->w;

    virMutexLock(&w->lock);
    if (!g_atomic_int_get(&w->stopped)) {
        /* a task the OOM killer chose: see lveWatchOom */
        lveWatchCounter(w, w->oomCounter, "oom_kill", &w->oomKills, LVE_NOTICE_OOM);
        lveWatchScan(w);
    }
    virMutexUnlock(&w->lock);
}

/* Returns false when @pid had exited already. */
static bool
lveWatchAddTask(lveWatch *w, pid_t pid)
{
    lveWatchTask *t;
    int fd;

    if ((fd = syscall(SYS_pidfd_open, pid, PIDFD_THREAD)) < 0 && errno == EINVAL)
        fd = syscall(SYS_pidfd_open, pid, 0);   /* before 6.9: leaders only */
    if (fd < 0) {
        if (errno == ESRCH)
            return false;           /* gone already: the next read sees that */
        VIR_WARN("LVE %u: cannot watch task %d: %s", w->id, (int)pid, g_strerror(errno));
        return true;
    }
    t = g_new0(lveWatchTask, 1);
    t->w = w;
    t->fd = fd;
    g_atomic_int_inc(&w->refs);
    if ((t->watch = virEventAddHandle(fd, VIR_EVENT_HANDLE_READABLE, lveWatchTaskExited, t,
                                      lveWatchTaskFree)) < 0) {
        lveWatchTaskFree(t);
        return true;
    }
    g_hash_table_insert(w->tasks, GINT_TO_POINTER(pid), t);
    return true;
}

/* Reads of the tasks in a row when some exit as they are read: beyond,
 * the next poll reads them again (an LVE forking without end). */
#define LVE_WATCH_SCAN_MAX 16

/* With w->lock held: the tasks now, each watched; the notice when the
 * last went.  A task that exits between the read and its pidfd is gone
 * from the next read, which this loop does at once. */
static void
lveWatchScan(lveWatch *w)
{
    char name[LVE_CGROUP_NAME_BUFLEN];
    bool again = true;
    int scans;

    for (scans = 0; again && scans < LVE_WATCH_SCAN_MAX; scans++) {
        g_autoptr(GArray) pids = g_array_new(FALSE, FALSE, sizeof(pid_t));
        g_autoptr(GHashTable) now = g_hash_table_new(g_direct_hash, g_direct_equal);
        GHashTableIter iter;
        gpointer key, value;
        size_t i;

        if (virCgroupGetTasks(w->tree, lveCgroupName(w->id, name), pids) < 0) {
            /* the LVE is gone: its stop is another event */
            virResetLastError();
            return;
        }
        again = false;
        for (i = 0; i < pids->len; i++) {
            pid_t pid = g_array_index(pids, pid_t, i);

            g_hash_table_add(now, GINT_TO_POINTER(pid));
            if (!g_hash_table_contains(w->tasks, GINT_TO_POINTER(pid)))
                again |= !lveWatchAddTask(w, pid);
        }
        /* exited, or moved out (a leave): not ours to watch any more */
        g_hash_table_iter_init(&iter, w->tasks);
        while (g_hash_table_iter_next(&iter, &key, &value)) {
            if (!g_hash_table_contains(now, key))
                g_hash_table_iter_remove(&iter);
        }
        if (again)
            continue;
        if (w->hadTasks && pids->len == 0)
            w->func(w->id, LVE_NOTICE_EMPTIED, 1, w->opaque);
        w->hadTasks = pids->len > 0;
    }
}

/* v2, with w->lock held: the kernel says whether the group has tasks;
 * the notice when it had and has none. */
static void
lveWatchPopulated(lveWatch *w)
{
    unsigned long long populated;

    if (virCgroupReadFileKey(w->cgEvents, "populated", &populated) < 0) {
        /* the LVE is gone: its stop is another event */
        virResetLastError();
        return;
    }
    if (w->hadTasks && populated == 0)
        w->func(w->id, LVE_NOTICE_EMPTIED, 1, w->opaque);
    w->hadTasks = populated != 0;
}

/* With w->lock held: whether the last task went, as the version tells. */
static void
lveWatchTasks(lveWatch *w)
{
    if (w->v2)
        lveWatchPopulated(w);
    else
        lveWatchScan(w);
}

/* A counter of the kernel that grew: the notice, with how much. */
static void
lveWatchCounter(lveWatch *w, const char *path, const char *key, unsigned long long *last,
                lveNotice what)
{
    unsigned long long now;

    if (!path || virCgroupReadFileKey(path, key, &now) < 0) {
        virResetLastError();
        return;
    }
    if (now > *last)
        w->func(w->id, what, now - *last, w->opaque);
    *last = now;
}

static void
lveWatchOom(int watch G_GNUC_UNUSED, int fd, int events G_GNUC_UNUSED, void *opaque)
{
    lveWatch *w = opaque;
    uint64_t n;

    if (read(fd, &n, sizeof(n)) < 0 && errno != EAGAIN)
        VIR_DEBUG("LVE %u: OOM eventfd: %s", w->id, g_strerror(errno));
    /* The kernel signals the eventfd when the group runs out of memory,
     * before it picks and kills a task and counts the kill (mm/oom_kill.c),
     * so this read may come too early: the victim's exit (its pidfd) and
     * the poll read the counter again, and a kill is noticed once. */
    virMutexLock(&w->lock);
    if (!g_atomic_int_get(&w->stopped))
        lveWatchCounter(w, w->oomCounter, "oom_kill", &w->oomKills, LVE_NOTICE_OOM);
    virMutexUnlock(&w->lock);
}

/* inotify: a process entered through virtkit (or left), or on v2 a file
 * of the group changed. */
static void
lveWatchNotified(int watch G_GNUC_UNUSED, int fd, int events G_GNUC_UNUSED, void *opaque)
{
    lveWatch *w = opaque;
    char buf[4096] __attribute__((aligned(__alignof__(struct inotify_event))));
    bool tasks = false, oom = false, nproc = false;
    ssize_t len;

    while ((len = read(fd, buf, sizeof(buf))) > 0) {
        char *p;

        for (p = buf; p < buf + len;) {
            const struct inotify_event *ev = (const struct inotify_event *)p;

            if (ev->wd == w->registryWd)
                tasks |= ev->len && STREQ(ev->name, w->registry);
            else if (!(ev->mask & IN_IGNORED))
                tasks |= ev->wd == w->cgEventsWd;
            oom |= ev->wd == w->oomWd;
            nproc |= ev->wd == w->pidsWd;
            p += sizeof(*ev) + ev->len;
        }
    }
    if (!tasks && !oom && !nproc)
        return;
    virMutexLock(&w->lock);
    if (!g_atomic_int_get(&w->stopped)) {
        if (nproc)
            lveWatchCounter(w, w->pidsEvents, "max", &w->forkFails, LVE_NOTICE_NPROC);
        /* v1: a task the OOM killer chose, see lveWatchOom */
        if (oom || (tasks && !w->v2))
            lveWatchCounter(w, w->oomCounter, "oom_kill", &w->oomKills, LVE_NOTICE_OOM);
        if (tasks)
            lveWatchTasks(w);
    }
    virMutexUnlock(&w->lock);
}

/* With w->lock held: off the loop, each handle's free function dropping
 * its reference.  Once is enough; twice does nothing. */
static void
lveWatchTeardown(lveWatch *w)
{
    if (w->efdWatch >= 0)
        virEventRemoveHandle(w->efdWatch);
    if (w->ifdWatch >= 0)
        virEventRemoveHandle(w->ifdWatch);
    if (w->timer >= 0)
        virEventRemoveTimeout(w->timer);
    w->efdWatch = w->ifdWatch = w->timer = -1;
    g_hash_table_remove_all(w->tasks);
}

static void
lveWatchPoll(int timer G_GNUC_UNUSED, void *opaque)
{
    lveWatch *w = opaque;

    virMutexLock(&w->lock);
    if (g_atomic_int_get(&w->stopped)) {
        lveWatchTeardown(w);
    } else {
        lveWatchCounter(w, w->pidsEvents, "max", &w->forkFails, LVE_NOTICE_NPROC);
        lveWatchCounter(w, w->oomCounter, "oom_kill", &w->oomKills, LVE_NOTICE_OOM);
        lveWatchTasks(w);
    }
    virMutexUnlock(&w->lock);
}

/* The OOM eventfd of the memory group; -1 (a warning) when there is none. */
static int
lveWatchArmOom(lveWatch *w, const char *memdir)
{
    g_autofree char *ctl = g_build_filename(memdir, "cgroup.event_control", NULL);
    g_autofree char *line = NULL;
    int efd;
    int ofd;
    int rc;

    if ((efd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC)) < 0)
        return -1;
    if ((ofd = open(w->oomCounter, O_RDONLY | O_CLOEXEC)) < 0) {
        VIR_WARN("LVE %u: cannot open '%s': %s", w->id, w->oomCounter, g_strerror(errno));
        close(efd);
        return -1;
    }
    line = g_strdup_printf("%d %d", efd, ofd);
    rc = virCgroupWriteFile(ctl, line, true);
    close(ofd);                     /* the kernel holds its own reference */
    if (rc < 0) {
        VIR_WARN("LVE %u: the kernel refuses OOM notices at '%s': %s", w->id, ctl,
                 g_strerror(-rc));
        close(efd);
        return -1;
    }
    return efd;
}

/* v1: the OOM eventfd and the counters polled. */
static void
lveWatchFilesV1(lveWatch *w, const char *name)
{
    g_autofree char *memdir = NULL;

    if (!virCgroupTreeHas(w->tree, VIR_CGROUP_CONTROLLER_MEMORY))
        return;
    memdir = virCgroupPath(w->tree, VIR_CGROUP_CONTROLLER_MEMORY, name, NULL);
    w->oomCounter = g_build_filename(memdir, "memory.oom_control", NULL);
    if (virCgroupReadFileKey(w->oomCounter, "oom_kill", &w->oomKills) < 0) {
        /* a kernel before 4.13 counts no kills: no OOM notice */
        VIR_WARN("LVE %u: %s", w->id, virGetLastErrorMessage());
        virResetLastError();
        g_clear_pointer(&w->oomCounter, g_free);
    } else if ((w->efd = lveWatchArmOom(w, memdir)) < 0) {
        g_clear_pointer(&w->oomCounter, g_free);
    }
}

/* v2: the files whose changes the kernel notifies; the counters' values
 * now. */
static void
lveWatchFilesV2(lveWatch *w, const char *name)
{
    w->v2 = true;
    w->cgEvents = virCgroupPath(w->tree, virCgroupTreeAnchor(w->tree), name, "cgroup.events");
    if (!virCgroupTreeHas(w->tree, VIR_CGROUP_CONTROLLER_MEMORY))
        return;
    w->oomCounter = virCgroupPath(w->tree, VIR_CGROUP_CONTROLLER_MEMORY, name,
                                  "memory.events");
    if (virCgroupReadFileKey(w->oomCounter, "oom_kill", &w->oomKills) < 0) {
        VIR_WARN("LVE %u: %s", w->id, virGetLastErrorMessage());
        virResetLastError();
        g_clear_pointer(&w->oomCounter, g_free);
    }
}

/* An inotify watch on @path (IN_MODIFY), or -1 with a warning. */
static int
lveWatchFile(lveWatch *w, const char *path)
{
    int wd;

    if (!path)
        return -1;
    if ((wd = inotify_add_watch(w->ifd, path, IN_MODIFY)) < 0)
        VIR_WARN("LVE %u: cannot watch '%s': %s", w->id, path, g_strerror(errno));
    return wd;
}

/* The inotify descriptor: the registry's directory, and on v2 the files
 * the kernel notifies.  Returns whether every v2 file is watched (v1:
 * true); what is not is polled. */
static bool
lveWatchArmInotify(lveWatch *w, const char *stateDir)
{
    char name[LVE_CGROUP_NAME_BUFLEN];
    bool all = true;

    if (!stateDir && !w->v2)
        return true;
    if ((w->ifd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC)) < 0) {
        VIR_WARN("LVE %u: its notices come only at the next poll: %s", w->id,
                 g_strerror(errno));
        return false;
    }
    if (stateDir) {
        w->registry = g_strdup_printf("%s.enter", lveCgroupName(w->id, name));
        w->registryWd = inotify_add_watch(w->ifd, stateDir, IN_CLOSE_WRITE | IN_MODIFY);
        if (w->registryWd < 0)
            VIR_WARN("LVE %u: entries show only at the next poll: cannot watch '%s': %s",
                     w->id, stateDir, g_strerror(errno));
    }
    if (w->v2) {
        all &= (w->cgEventsWd = lveWatchFile(w, w->cgEvents)) >= 0;
        all &= !w->oomCounter || (w->oomWd = lveWatchFile(w, w->oomCounter)) >= 0;
        all &= !w->pidsEvents || (w->pidsWd = lveWatchFile(w, w->pidsEvents)) >= 0;
    }
    return all;
}

lveWatch *
lveCgroupWatchGroups(virCgroupTree *tree, const char *stateDir, unsigned int id,
                     lveNoticeFunc func, void *opaque, GDestroyNotify freecb)
{
    char name[LVE_CGROUP_NAME_BUFLEN];
    lveWatch *w = g_new0(lveWatch, 1);
    int pollMs = LVE_WATCH_POLL_MS;

    lveCgroupName(id, name);
    w->refs = 1;
    virMutexInit(&w->lock);
    w->id = id;
    w->func = func;
    w->opaque = opaque;
    w->freecb = freecb;
    w->tree = tree;
    w->efd = w->efdWatch = w->ifd = w->ifdWatch = w->timer = -1;
    w->registryWd = w->cgEventsWd = w->oomWd = w->pidsWd = -1;
    w->tasks = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, lveWatchTaskDrop);

    if (virCgroupTreeVersion(tree) == 2)
        lveWatchFilesV2(w, name);
    else
        lveWatchFilesV1(w, name);
    if (virCgroupTreeHas(tree, VIR_CGROUP_CONTROLLER_PIDS)) {
        w->pidsEvents = virCgroupPath(tree, VIR_CGROUP_CONTROLLER_PIDS, name,
                                      "pids.events");
        if (virCgroupReadFileKey(w->pidsEvents, "max", &w->forkFails) < 0) {
            virResetLastError();
            g_clear_pointer(&w->pidsEvents, g_free);
        }
    }
    /* v2 with every file watched: the timer only takes the watch down */
    if (lveWatchArmInotify(w, stateDir) && w->v2)
        pollMs = -1;

    if (w->ifd >= 0) {
        g_atomic_int_inc(&w->refs);
        if ((w->ifdWatch = virEventAddHandle(w->ifd, VIR_EVENT_HANDLE_READABLE,
                                             lveWatchNotified, w, lveWatchUnref)) < 0)
            goto noloop;
    }
    if (w->efd >= 0) {
        g_atomic_int_inc(&w->refs);
        if ((w->efdWatch = virEventAddHandle(w->efd, VIR_EVENT_HANDLE_READABLE, lveWatchOom, w,
                                             lveWatchUnref)) < 0)
            goto noloop;
    }
    g_atomic_int_inc(&w->refs);
    if ((w->timer = virEventAddTimeout(pollMs, lveWatchPoll, w, lveWatchUnref)) < 0)
        goto noloop;
    virMutexLock(&w->lock);
    lveWatchTasks(w);
    virMutexUnlock(&w->lock);
    return w;

 noloop:
    g_atomic_int_dec_and_test(&w->refs);
    virReportError(VIR_ERR_INTERNAL_ERROR,
                   _("LVE %u: cannot watch its kernel notices: no event loop is registered"), id);
    lveCgroupUnwatch(w, true);
    return NULL;
}

lveWatch *
lveCgroupWatch(lveBackend *be, unsigned int id, lveNoticeFunc func, void *opaque,
               GDestroyNotify freecb)
{
    lveCgroup *cg = lveCgroupOf(be);

    return lveCgroupWatchGroups(cg->tree, cg->stateDir, id, func, opaque, freecb);
}

void
lveCgroupUnwatch(lveWatch *w, bool wait)
{
    if (!w)
        return;
    g_atomic_int_set(&w->stopped, 1);
    if (wait) {
        /* a notice under way ends before the lock is free */
        virMutexLock(&w->lock);
        lveWatchTeardown(w);
        virMutexUnlock(&w->lock);
    } else if (w->timer >= 0) {
        /* the caller may hold what a notice under way waits for (its
         * domain): the loop takes the watch down, at once */
        virEventUpdateTimeout(w->timer, 0);
    }
    lveWatchUnref(w);
}
