/*
 * vssim_proc.c: reading /proc/PID/status and /proc/PID/stat
 */
#include "internal.h"

#include <dirent.h>

#include "vssim_proc.h"

int
vssimProcReadStatus(pid_t pid, vssimProcStatus *st)
{
    g_autofree char *path = g_strdup_printf("/proc/%d/status", (int)pid);
    g_autofree char *text = NULL;
    g_auto(GStrv) lines = NULL;
    g_autoptr(GError) error = NULL;
    size_t i;

    memset(st, 0, sizeof(*st));
    if (!g_file_get_contents(path, &text, NULL, &error))
        return error->code == G_FILE_ERROR_NOENT ? -ESRCH : -EIO;
    lines = g_strsplit(text, "\n", -1);
    for (i = 0; lines[i]; i++) {
        const char *line = lines[i];
        const char *value = strchr(line, ':');

        if (!value)
            continue;
        value++;
        while (*value == ' ' || *value == '\t')
            value++;
        if (g_str_has_prefix(line, "Tgid:"))
            st->tgid = g_ascii_strtoll(value, NULL, 10);
        else if (g_str_has_prefix(line, "PPid:"))
            st->ppid = g_ascii_strtoll(value, NULL, 10);
        else if (g_str_has_prefix(line, "CapEff:"))
            st->capEff = g_ascii_strtoull(value, NULL, 16);
        else if (g_str_has_prefix(line, "Threads:"))
            st->threads = g_ascii_strtoull(value, NULL, 10);
        else if (g_str_has_prefix(line, "State:"))
            st->state = *value;
    }
    return st->tgid > 0 ? 0 : -ESRCH;
}

unsigned long long
vssimProcStartTime(pid_t pid)
{
    g_autofree char *path = g_strdup_printf("/proc/%d/stat", (int)pid);
    g_autofree char *text = NULL;
    g_auto(GStrv) fields = NULL;
    const char *rest;

    if (!g_file_get_contents(path, &text, NULL, NULL))
        return 0;
    /* the command name may hold spaces and parentheses: skip past the
     * last ')'; starttime is then the 20th field */
    if (!(rest = strrchr(text, ')')))
        return 0;
    fields = g_strsplit(rest + 2, " ", -1);
    if (g_strv_length(fields) < 20)
        return 0;
    return g_ascii_strtoull(fields[19], NULL, 10);
}

GArray *
vssimProcListAll(void)
{
    GArray *pids = g_array_new(FALSE, FALSE, sizeof(pid_t));
    g_autoptr(GDir) dir = g_dir_open("/proc", 0, NULL);
    const char *name;

    while (dir && (name = g_dir_read_name(dir))) {
        guint64 value;

        if (g_ascii_string_to_unsigned(name, 10, 1, G_MAXINT, &value, NULL)) {
            pid_t pid = value;

            g_array_append_val(pids, pid);
        }
    }
    return pids;
}
