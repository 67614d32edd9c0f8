/*
 * vstest.c: data files, errors and the simulator's description for the
 * VServer test programs
 */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>

#include "vstest.h"

bool
vstestCompareToFile(const char *actual, const char *name)
{
    g_autofree char *path = g_build_filename(ABS_SRCDIR, "tests", "data", "vserver", name, NULL);
    g_autofree char *expected = NULL;

    if (g_strcmp0(g_getenv("VIRTKIT_TEST_REGENERATE"), "1") == 0)
        return g_file_set_contents(path, actual, -1, NULL);
    if (!g_file_get_contents(path, &expected, NULL, NULL)) {
        fprintf(stderr, "missing expected output '%s' (VIRTKIT_TEST_REGENERATE=1 writes it)\n",
                path);
        return false;
    }
    if (STRNEQ(expected, actual)) {
        g_autofree char *actualPath = g_strdup_printf("%s/tests/vserver/%s.actual",
                                                      ABS_BUILDDIR, name);

        g_file_set_contents(actualPath, actual, -1, NULL);
        fprintf(stderr, "output differs from %s: see %s\n", path, actualPath);
        return false;
    }
    return true;
}

void
vstestAssertError(const char *file, int line, int code, const char *needle)
{
    virErrorPtr err = virGetLastError();

    if (!err)
        ck_abort_msg("%s:%d: expected error %d, but no error is set", file, line, code);
    if (err->code != code)
        ck_abort_msg("%s:%d: expected error %d, got %d: %s", file, line, code, err->code,
                     err->message);
    if (needle && (!err->message || !strstr(err->message, needle)))
        ck_abort_msg("%s:%d: error message '%s' does not contain '%s'", file, line,
                     err->message, needle);
}

char *
vstestLastError(void)
{
    virErrorPtr err = virGetLastError();

    if (!err)
        return g_strdup("no error");
    return g_strdup_printf("error %d: %s", err->code, NULLSTR(err->message));
}

const char *
vstestSimGet(const char *key)
{
    static GHashTable *values;
    const char *desc = g_getenv("VIRTKIT_VSERVER_SIM");
    size_t i;

    if (!desc)
        return NULL;
    if (!values) {
        g_auto(GStrv) words = g_strsplit(desc, " ", -1);

        values = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
        for (i = 0; words[i]; i++) {
            char *eq = strchr(words[i], '=');

            if (eq)
                g_hash_table_insert(values, g_strndup(words[i], eq - words[i]),
                                    g_strdup(eq + 1));
        }
    }
    return g_hash_table_lookup(values, key);
}

bool
vstestSimEnforces(const char *what)
{
    const char *enforce = vstestSimGet("enforce");
    g_auto(GStrv) list = enforce ? g_strsplit(enforce, ",", -1) : NULL;

    return list && g_strv_contains((const char *const *)list, what);
}

int
vstestRunSuite(Suite *suite)
{
    SRunner *runner = srunner_create(suite);
    int failed;

    srunner_run_all(runner, CK_NORMAL);
    failed = srunner_ntests_failed(runner);
    srunner_free(runner);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
