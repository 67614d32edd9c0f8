/*
 * standin-kernel.c: what kmod-lve does with cgroups, for the stand-in
 * liblve: one group lve<id> per v1 hierarchy, limits written to them,
 * destroy that kills everything inside.
 */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib.h>

#include "standin.h"

static const char *const standinNames[SI_LAST] = {
    "cpu", "cpuacct", "cpuset", "memory", "pids", "blkio", "freezer",
};

/* mount point and own group of each controller (v1) */
static void
standinReadHost(char **mount, char **own)
{
    g_autofree char *mounts = NULL, *groups = NULL;
    g_auto(GStrv) lines = NULL;
    size_t i;
    int c;

    if (g_file_get_contents("/proc/self/mountinfo", &mounts, NULL, NULL)) {
        lines = g_strsplit(mounts, "\n", 0);
        for (i = 0; lines[i]; i++) {
            g_auto(GStrv) f = g_strsplit(lines[i], " ", 0);
            guint n = g_strv_length(f);

            if (n < 10 || strcmp(f[n - 3], "cgroup") != 0)
                continue;
            for (c = 0; c < SI_LAST; c++) {
                g_auto(GStrv) opts = g_strsplit(f[n - 1], ",", 0);

                if (!mount[c] && g_strv_contains((const char *const *)opts, standinNames[c]))
                    mount[c] = g_strdup(f[4]);
            }
        }
        g_clear_pointer(&lines, g_strfreev);
    }
    if (g_file_get_contents("/proc/self/cgroup", &groups, NULL, NULL)) {
        lines = g_strsplit(groups, "\n", 0);
        for (i = 0; lines[i]; i++) {
            g_auto(GStrv) f = g_strsplit(lines[i], ":", 3);
            g_auto(GStrv) names = NULL;

            if (g_strv_length(f) < 3)
                continue;
            names = g_strsplit(f[1], ",", 0);
            for (c = 0; c < SI_LAST; c++) {
                if (g_strv_contains((const char *const *)names, standinNames[c]))
                    own[c] = g_strdup(f[2]);
            }
        }
    }
}

int
standinInit(struct liblve *lve)
{
    const char *parent = g_getenv("LVE_STANDIN_PARENT");
    char *mount[SI_LAST] = { 0 }, *own[SI_LAST] = { 0 };
    int c, found = 0;

    if (!parent || !*parent)
        parent = "/";
    standinReadHost(mount, own);
    for (c = 0; c < SI_LAST; c++) {
        if (mount[c]) {
            lve->parent[c] = parent[0] == '/' ?
                             g_build_filename(mount[c], parent, NULL) :
                             g_build_filename(mount[c], own[c] ? own[c] : "/", parent, NULL);
            found++;
        }
        g_free(mount[c]);
        g_free(own[c]);
    }
    return found == SI_LAST ? 0 : -ENOSYS;
}

void
standinFini(struct liblve *lve)
{
    int c;

    for (c = 0; c < SI_LAST; c++)
        g_free(lve->parent[c]);
}

char *
standinPath(struct liblve *lve, int c, uint32_t id, const char *file)
{
    g_autofree char *name = g_strdup_printf("lve%u", id);

    return g_build_filename(lve->parent[c], name, file, NULL);
}

int
standinWrite(const char *path, const char *value)
{
    int fd = open(path, O_WRONLY | O_CLOEXEC), err = 0;

    if (fd < 0)
        return -errno;
    if (write(fd, value, strlen(value)) < 0)
        err = -errno;
    close(fd);
    return err;
}

static int
standinCopy(const char *from, const char *to, const char *file)
{
    g_autofree char *src = g_build_filename(from, file, NULL);
    g_autofree char *dst = g_build_filename(to, file, NULL);
    g_autofree char *value = NULL;

    if (!g_file_get_contents(src, &value, NULL, NULL))
        return -EIO;
    return standinWrite(dst, g_strstrip(value));
}

/* mkdir -p; new cpuset levels get their parent's cpus and mems */
static int
standinMkdir(const char *dir, bool cpuset)
{
    g_autofree char *up = g_path_get_dirname(dir);
    int rc;

    if (g_file_test(dir, G_FILE_TEST_IS_DIR))
        return 0;
    if ((rc = standinMkdir(up, cpuset)) < 0)
        return rc;
    if (mkdir(dir, 0755) < 0 && errno != EEXIST)
        return -errno;
    if (cpuset && ((rc = standinCopy(up, dir, "cpuset.cpus")) < 0 ||
                   (rc = standinCopy(up, dir, "cpuset.mems")) < 0))
        return rc;
    return 0;
}

bool
standinExists(struct liblve *lve, uint32_t id)
{
    g_autofree char *dir = standinPath(lve, SI_FREEZER, id, NULL);

    return g_file_test(dir, G_FILE_TEST_IS_DIR);
}

int
standinCreate(struct liblve *lve, uint32_t id)
{
    int c, rc;

    for (c = 0; c < SI_LAST; c++) {
        g_autofree char *dir = standinPath(lve, c, id, NULL);

        if ((rc = standinMkdir(dir, c == SI_CPUSET)) < 0)
            return rc;
    }
    return 0;
}

static int
standinSet(struct liblve *lve, int c, uint32_t id, const char *file, const char *value)
{
    g_autofree char *path = standinPath(lve, c, id, file);

    return standinWrite(path, value);
}

/* one rule per disk; disks that take no throttle are skipped */
static void
standinThrottle(struct liblve *lve, uint32_t id, const char *file, unsigned long long value)
{
    g_autoptr(GDir) dir = g_dir_open("/sys/block", 0, NULL);
    const char *name;

    while (dir && (name = g_dir_read_name(dir))) {
        g_autofree char *devfile = g_build_filename("/sys/block", name, "dev", NULL);
        g_autofree char *dev = NULL, *rule = NULL;

        if (!g_file_get_contents(devfile, &dev, NULL, NULL))
            continue;
        rule = g_strdup_printf("%s %llu", g_strstrip(dev), value);
        standinSet(lve, SI_BLKIO, id, file, rule);
    }
}

/* kmod-lve: CPU rate = 100 * ls_cpus * ls_cpu hundredths of a percent
 * of one core, on the first ls_cpus CPUs */
int
standinApply(struct liblve *lve, uint32_t id, const struct liblve_settings *set)
{
    long online = sysconf(_SC_NPROCESSORS_ONLN);
    long cpus = set->ls_cpus > 0 && set->ls_cpus < online ? set->ls_cpus : online;
    g_autofree char *quota = g_strdup_printf("%lld", 10LL * 100 * cpus * set->ls_cpu);
    g_autofree char *cpulist = cpus > 1 ? g_strdup_printf("0-%ld", cpus - 1) : g_strdup("0");
    g_autofree char *mem = set->ls_memory_phy ?
                           g_strdup_printf("%lld", (long long)set->ls_memory_phy * 4096) :
                           g_strdup("-1");
    g_autofree char *nproc = set->ls_nproc ? g_strdup_printf("%d", set->ls_nproc) : g_strdup("max");
    int rc;

    if ((rc = standinSet(lve, SI_CPU, id, "cpu.cfs_period_us", "100000")) < 0 ||
        (rc = standinSet(lve, SI_CPU, id, "cpu.cfs_quota_us", quota)) < 0 ||
        (rc = standinSet(lve, SI_CPUSET, id, "cpuset.cpus", cpulist)) < 0 ||
        (rc = standinSet(lve, SI_MEMORY, id, "memory.limit_in_bytes", mem)) < 0 ||
        (rc = standinSet(lve, SI_PIDS, id, "pids.max", nproc)) < 0)
        return rc;
    standinThrottle(lve, id, "blkio.throttle.read_bps_device", set->ls_io * 1024ULL);
    standinThrottle(lve, id, "blkio.throttle.write_bps_device", set->ls_io * 1024ULL);
    standinThrottle(lve, id, "blkio.throttle.read_iops_device", set->ls_iops);
    standinThrottle(lve, id, "blkio.throttle.write_iops_device", set->ls_iops);
    return 0;
}

static guint
standinKillAll(struct liblve *lve, uint32_t id)
{
    guint n = 0;
    int c;

    for (c = 0; c < SI_LAST; c++) {
        g_autofree char *procs = standinPath(lve, c, id, "cgroup.procs");
        g_autofree char *text = NULL;
        g_auto(GStrv) pids = NULL;
        size_t i;

        if (!g_file_get_contents(procs, &text, NULL, NULL))
            continue;
        pids = g_strsplit(text, "\n", 0);
        for (i = 0; pids[i]; i++) {
            if (*pids[i] && kill((pid_t)g_ascii_strtoll(pids[i], NULL, 10), SIGKILL) == 0)
                n++;
        }
    }
    return n;
}

/* lve_destroy: freeze, kill, thaw until empty, remove the groups */
int
standinKill(struct liblve *lve, uint32_t id)
{
    g_autofree char *state = standinPath(lve, SI_FREEZER, id, "freezer.state");
    gint64 deadline = g_get_monotonic_time() + 10 * G_USEC_PER_SEC;
    int c;

    standinWrite(state, "FROZEN");
    standinKillAll(lve, id);
    standinWrite(state, "THAWED");
    while (standinKillAll(lve, id) > 0) {
        if (g_get_monotonic_time() > deadline)
            return -EBUSY;
        g_usleep(5000);
    }
    for (c = 0; c < SI_LAST; c++) {
        g_autofree char *dir = standinPath(lve, c, id, NULL);
        int tries;

        for (tries = 0; rmdir(dir) < 0 && errno == EBUSY && tries < 200; tries++)
            g_usleep(5000);
    }
    return 0;
}

char **
standinPlaceOfSelf(void)
{
    char **place = g_new0(char *, SI_LAST);
    char *mount[SI_LAST] = { 0 }, *own[SI_LAST] = { 0 };
    int c;

    standinReadHost(mount, own);
    for (c = 0; c < SI_LAST; c++) {
        if (mount[c] && own[c])
            place[c] = g_build_filename(mount[c], own[c], NULL);
        g_free(mount[c]);
        g_free(own[c]);
    }
    return place;
}

void
standinPlaceFree(char **place)
{
    int c;

    for (c = 0; place && c < SI_LAST; c++)
        g_free(place[c]);
    g_free(place);
}

/* Moves the caller into @place, or into LVE @id when @place is NULL. */
int
standinMove(char **place, struct liblve *lve, uint32_t id, bool noUBC)
{
    g_autofree char *pid = g_strdup_printf("%d", (int)getpid());
    int c, rc;

    for (c = SI_LAST - 1; c >= 0; c--) {
        g_autofree char *procs = NULL;

        if (noUBC && (c == SI_MEMORY || c == SI_PIDS))
            continue;
        procs = place ? g_build_filename(place[c], "cgroup.procs", NULL) :
                        standinPath(lve, c, id, "cgroup.procs");
        if ((rc = standinWrite(procs, pid)) < 0)
            return rc;
    }
    return 0;
}
