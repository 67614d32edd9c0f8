/*
 * xen_dom0_api.c: what the public-API suites that run in dom0 share
 * (xen_dom0_api.h)
 */
#include <config.h>

#include <check.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>

#include <virt/virt.h>

#include "xen_dom0_api.h"

/* Runs @cmd (no shell); its exit status, its output in *@out */
int
run(const char *cmd, char **out)
{
    g_autofree char *err = NULL;
    g_autoptr(GError) error = NULL;
    int status = -1;

    if (!g_spawn_command_line_sync(cmd, out, &err, &status, &error)) {
        printf("  cannot run '%s': %s\n", cmd, error->message);
        return -1;
    }
    if (err && *err)
        printf("  %s: %s", cmd, err);
    return g_spawn_check_wait_status(status, NULL) ? 0 : (WIFEXITED(status) ? WEXITSTATUS(status) : -1);
}

/* The output of a command that must succeed */
char *
must(const char *fmt, ...)
{
    g_autofree char *cmd = NULL;
    char *out = NULL;
    va_list ap;

    va_start(ap, fmt);
    cmd = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    ck_assert_msg(run(cmd, &out) == 0, "'%s' failed", cmd);
    return out;
}

/* Field @field (0-based, blank-separated) of the line of @text that
 * starts with @first; NULL when there is none */
char *
field(const char *text, const char *first, unsigned int index)
{
    g_auto(GStrv) lines = g_strsplit(text, "\n", -1);
    size_t i;

    for (i = 0; lines[i]; i++) {
        g_auto(GStrv) words = g_strsplit_set(g_strstrip(lines[i]), " \t", -1);
        g_autoptr(GPtrArray) kept = g_ptr_array_new();
        size_t j;

        for (j = 0; words[j]; j++) {
            if (*words[j])
                g_ptr_array_add(kept, words[j]);
        }
        if (kept->len > index && g_str_equal(kept->pdata[0], first))
            return g_strdup(kept->pdata[index]);
    }
    return NULL;
}

void
lastErrorHas(const char *needle)
{
    const char *msg = virGetLastErrorMessage();

    printf("  error: %s\n", msg);
    ck_assert_msg(strstr(msg, needle), "'%s' lacks '%s'", msg, needle);
}

/* How many times @guest's console (xenconsoled's log) has @needle */
unsigned int
consoleCount(const char *guest, const char *needle)
{
    g_autofree char *path = g_strdup_printf("/var/log/xen/console/guest-%s.log", guest);
    g_autofree char *text = NULL;
    unsigned int n = 0;
    const char *p;

    if (!g_file_get_contents(path, &text, NULL, NULL))
        return 0;
    for (p = text; (p = strstr(p, needle)); p += strlen(needle))
        n++;
    return n;
}
