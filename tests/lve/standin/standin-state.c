/*
 * standin-state.c: the stand-in kernel's shared state: files under
 * $LVE_STANDIN_STATE, changed under one flock()
 */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include <glib.h>

#include "standin.h"

/* ---- state files ---------------------------------------------------- */

int
standinLock(struct liblve *lve)
{
    g_autofree char *path = g_build_filename(lve->state, ".lock", NULL);
    int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);

    if (fd >= 0 && flock(fd, LOCK_EX) < 0) {
        close(fd);
        return -1;
    }
    return fd;
}

char *
standinStatePath(struct liblve *lve, uint32_t id, const char *what)
{
    g_autofree char *name = id ? g_strdup_printf("lve%u.%s", id, what) : g_strdup("defaults");

    return g_build_filename(lve->state, name, NULL);
}

bool
standinReadSettings(struct liblve *lve, uint32_t id, struct liblve_settings *set)
{
    g_autofree char *path = standinStatePath(lve, id, "limits");
    g_autofree char *text = NULL;

    if (!g_file_get_contents(path, &text, NULL, NULL))
        return false;
    return sscanf(text, "%d %d %d %d %d %d %d %d %d", &set->ls_cpu, &set->ls_cpus,
                  &set->ls_io, &set->ls_enters, &set->ls_memory, &set->ls_cpu_weight,
                  &set->ls_memory_phy, &set->ls_nproc, &set->ls_iops) == 9;
}

int
standinWriteSettings(struct liblve *lve, uint32_t id, const struct liblve_settings *set)
{
    g_autofree char *path = standinStatePath(lve, id, "limits");
    g_autofree char *text = g_strdup_printf("%d %d %d %d %d %d %d %d %d\n", set->ls_cpu,
                                            set->ls_cpus, set->ls_io, set->ls_enters,
                                            set->ls_memory, set->ls_cpu_weight,
                                            set->ls_memory_phy, set->ls_nproc, set->ls_iops);

    return g_file_set_contents(path, text, -1, NULL) ? 0 : -EIO;
}

/* kmod-lve's lve_check_limits: old-style CPU is 0 to 100 */
int
standinCheck(const struct liblve_settings *set)
{
    if (set->ls_cpu < 0 || set->ls_cpu > 100 || set->ls_cpus < 0 || set->ls_io < 0 ||
        set->ls_enters < 0 || set->ls_memory < 0 || set->ls_cpu_weight < 0 ||
        set->ls_cpu_weight > 100 || set->ls_memory_phy < 0 || set->ls_nproc < 0 ||
        set->ls_iops < 0)
        return -ERANGE;
    return 0;
}

/* the start time of a live (not zombie) process, or 0 */
unsigned long long
standinStart(pid_t pid)
{
    g_autofree char *path = g_strdup_printf("/proc/%d/stat", (int)pid);
    g_autofree char *stat = NULL;
    g_auto(GStrv) f = NULL;
    const char *end;

    if (!g_file_get_contents(path, &stat, NULL, NULL) || !(end = strrchr(stat, ')')))
        return 0;
    f = g_strsplit(end + 2, " ", 21);
    if (g_strv_length(f) < 20 || f[0][0] == 'Z')
        return 0;
    return g_ascii_strtoull(f[19], NULL, 10);
}

/* the entries of processes still alive */
GArray *
standinReadEntries(struct liblve *lve, uint32_t id)
{
    g_autofree char *path = standinStatePath(lve, id, "enters");
    g_autofree char *text = NULL;
    GArray *entries = g_array_new(FALSE, FALSE, sizeof(standinEntry));
    g_auto(GStrv) lines = NULL;
    size_t i;

    if (!g_file_get_contents(path, &text, NULL, NULL))
        return entries;
    lines = g_strsplit(text, "\n", 0);
    for (i = 0; lines[i]; i++) {
        standinEntry e;

        if (sscanf(lines[i], "%d %llu %u %u", &e.pid, &e.start, &e.cookie, &e.flags) == 4 &&
            standinStart(e.pid) == e.start)
            g_array_append_val(entries, e);
    }
    return entries;
}

int
standinWriteEntries(struct liblve *lve, uint32_t id, GArray *entries)
{
    g_autofree char *path = standinStatePath(lve, id, "enters");
    g_autoptr(GString) text = g_string_new(NULL);
    guint i;

    for (i = 0; i < entries->len; i++) {
        standinEntry *e = &g_array_index(entries, standinEntry, i);

        g_string_append_printf(text, "%d %llu %u %u\n", e->pid, e->start, e->cookie, e->flags);
    }
    return g_file_set_contents(path, text->str, text->len, NULL) ? 0 : -EIO;
}

/* What the kernel gives an LVE nobody set up: CloudLinux's defaults. */
static void
standinBootDefaults(struct liblve_settings *set)
{
    *set = (struct liblve_settings) {
        .ls_cpu = 100, .ls_cpus = 1, .ls_io = 1024, .ls_enters = 20, .ls_memory = 0,
        .ls_cpu_weight = 100, .ls_memory_phy = 262144, .ls_nproc = 100, .ls_iops = 1024,
    };
}

void
standinDefaults(struct liblve *lve, struct liblve_settings *set)
{
    if (!standinReadSettings(lve, 0, set))
        standinBootDefaults(set);
}

