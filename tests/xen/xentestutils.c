/*
 * xentestutils.c: guest descriptions, commands and errors for the Xen
 * binding's tests
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include <virt/virt.h>

#include "xentestutils.h"

const char *
xenTestDataDir(void)
{
    const char *dir = g_getenv("VIRTKIT_XEN_DATA");

    return dir ? dir : ABS_SRCDIR "/tests/data/xen";
}

char *
xenTestDataPath(const char *relpath)
{
    return g_build_filename(xenTestDataDir(), relpath, NULL);
}

/* The quoted items of a value: "x" or [ "a,b", "c" ] */
static GPtrArray *
xenTestQuoted(const char *value)
{
    g_autoptr(GRegex) re = g_regex_new("\"([^\"]*)\"", 0, 0, NULL);
    g_autoptr(GMatchInfo) match = NULL;
    GPtrArray *items = g_ptr_array_new_with_free_func(g_free);

    g_regex_match(re, value, 0, &match);
    while (g_match_info_matches(match)) {
        g_ptr_array_add(items, g_match_info_fetch(match, 1));
        g_match_info_next(match, NULL);
    }
    return items;
}

static int
xenTestDisk(xenDomainConfig *def, const char *spec)
{
    g_auto(GStrv) parts = g_strsplit(spec, ",", 3);
    xenDiskConfig *disk;

    if (g_strv_length(parts) != 3)
        return -1;
    def->disks = g_renew(xenDiskConfig, def->disks, def->ndisks + 1);
    disk = &def->disks[def->ndisks++];
    disk->source = g_strdup(parts[0]);
    disk->target = g_strdup(parts[1]);
    disk->readonly = g_str_equal(parts[2], "ro");
    return 0;
}

static int
xenTestNic(xenDomainConfig *def, const char *spec)
{
    g_auto(GStrv) parts = g_strsplit(spec, ",", -1);
    xenNicConfig *nic;
    size_t i;

    def->nics = g_renew(xenNicConfig, def->nics, def->nnics + 1);
    nic = &def->nics[def->nnics++];
    memset(nic, 0, sizeof(*nic));
    for (i = 0; parts[i]; i++) {
        if (g_str_has_prefix(parts[i], "mac=")) {
            if (xenMacParse(parts[i] + 4, nic->mac) < 0)
                return -1;
        } else if (g_str_has_prefix(parts[i], "bridge=")) {
            nic->bridge = g_strdup(parts[i] + 7);
        } else {
            return -1;
        }
    }
    return 0;
}

static int
xenTestAction(const char *value, xenLifecycleAction *action)
{
    int a = xenLifecycleActionTypeFromString(value);

    if (a < 0)
        return -1;
    *action = a;
    return 0;
}

/* One "key = value" line; -1 for a key or value the parser does not know */
static int
xenTestConfigLine(xenDomainConfig *def, const char *key, const char *value)
{
    g_autoptr(GPtrArray) q = xenTestQuoted(value);
    const char *str = q->len ? q->pdata[0] : NULL;
    guint64 num = g_ascii_strtoull(value, NULL, 10);
    size_t i;

    if (g_str_equal(key, "name"))
        def->name = g_strdup(str);
    else if (g_str_equal(key, "type")) {
        int type = xenDomainTypeTypeFromString(NULLSTR(str));

        if (type < 0)
            return -1;
        def->type = type;
    } else if (g_str_equal(key, "kernel"))
        def->kernel = g_strdup(str);
    else if (g_str_equal(key, "ramdisk"))
        def->initrd = g_strdup(str);
    else if (g_str_equal(key, "extra"))
        def->cmdline = g_strdup(str);
    else if (g_str_equal(key, "memory"))
        def->memoryKiB = num * 1024;
    else if (g_str_equal(key, "maxmem"))
        def->maxMemoryKiB = num * 1024;
    else if (g_str_equal(key, "vcpus"))
        def->vcpus = num;
    else if (g_str_equal(key, "maxvcpus"))
        def->maxVcpus = num;
    else if (g_str_equal(key, "tsc_mode"))
        def->tscNative = g_strcmp0(str, "native") == 0;
    else if (g_str_equal(key, "on_poweroff"))
        return xenTestAction(NULLSTR(str), &def->onPoweroff);
    else if (g_str_equal(key, "on_reboot"))
        return xenTestAction(NULLSTR(str), &def->onReboot);
    else if (g_str_equal(key, "on_crash"))
        return xenTestAction(NULLSTR(str), &def->onCrash);
    else if (g_str_equal(key, "disk")) {
        for (i = 0; i < q->len; i++) {
            if (xenTestDisk(def, q->pdata[i]) < 0)
                return -1;
        }
    } else if (g_str_equal(key, "vif")) {
        for (i = 0; i < q->len; i++) {
            if (xenTestNic(def, q->pdata[i]) < 0)
                return -1;
        }
    } else {
        return -1;
    }
    return 0;
}

xenDomainConfig *
xenTestConfigLoad(const char *path)
{
    g_autofree char *text = NULL;
    g_auto(GStrv) lines = NULL;
    g_autoptr(xenDomainConfig) def = g_new0(xenDomainConfig, 1);
    g_autoptr(GError) err = NULL;
    size_t i;

    if (!g_file_get_contents(path, &text, NULL, &err)) {
        fprintf(stderr, "%s\n", err->message);
        return NULL;
    }
    lines = g_strsplit(text, "\n", -1);
    for (i = 0; lines[i]; i++) {
        g_auto(GStrv) kv = NULL;
        char *line = g_strstrip(lines[i]);

        if (!*line || *line == '#')
            continue;
        kv = g_strsplit(line, "=", 2);
        if (g_strv_length(kv) != 2 ||
            xenTestConfigLine(def, g_strstrip(kv[0]), g_strstrip(kv[1])) < 0) {
            fprintf(stderr, "%s:%zu: cannot parse '%s'\n", path, i + 1, line);
            return NULL;
        }
    }
    return g_steal_pointer(&def);
}

int
xenTestRun(const char *cmdline, char **out)
{
    g_autoptr(GError) err = NULL;
    g_autofree char *output = NULL;
    int status;

    if (!g_spawn_command_line_sync(cmdline, &output, NULL, &status, &err)) {
        fprintf(stderr, "cannot run '%s': %s\n", cmdline, err->message);
        return -1;
    }
    if (out)
        *out = g_steal_pointer(&output);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

GHashTable *
xenTestKeyValues(const char *text)
{
    GHashTable *table = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    g_auto(GStrv) lines = g_strsplit(text ? text : "", "\n", -1);
    size_t i;

    for (i = 0; lines[i]; i++) {
        g_auto(GStrv) kv = g_strsplit(lines[i], ":", 2);

        if (g_strv_length(kv) == 2)
            g_hash_table_insert(table, g_strdup(g_strstrip(kv[0])), g_strdup(g_strstrip(kv[1])));
    }
    return table;
}

unsigned int
xenTestFileCount(const char *path, const char *needle)
{
    g_autofree char *text = NULL;
    const char *p;
    unsigned int n = 0;

    if (!g_file_get_contents(path, &text, NULL, NULL))
        return 0;
    for (p = text; (p = strstr(p, needle)); p += strlen(needle))
        n++;
    return n;
}

const char *
xenTestLastMessage(void)
{
    virErrorPtr err = virGetLastError();

    return err && err->message ? err->message : "";
}

void
xenTestAssertError(const char *file, int line, int code, const char *needle)
{
    virErrorPtr err = virGetLastError();

    ck_assert_msg(err != NULL, "%s:%d: no error was raised", file, line);
    printf("  error: %s\n", NULLSTR(err->message));
    ck_assert_msg(err->code == code, "%s:%d: error code %d, expected %d (%s)",
                  file, line, err->code, code, NULLSTR(err->message));
    ck_assert_msg(err->domain == VIR_FROM_XEN, "%s:%d: error domain %d, expected VIR_FROM_XEN",
                  file, line, err->domain);
    if (needle)
        ck_assert_msg(err->message && strstr(err->message, needle),
                      "%s:%d: error '%s' does not contain '%s'",
                      file, line, NULLSTR(err->message), needle);
    virResetLastError();
}
