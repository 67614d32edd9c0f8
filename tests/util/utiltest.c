/*
 * utiltest.c: fake hosts, files and error checks for the util unit tests
 */
#include "internal.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>

#include "utiltest.h"
#include "virfile.h"

char *
utilTestData(const char *name)
{
    return g_build_filename(ABS_SRCDIR, "tests", "data", "util", name, NULL);
}

void
utilTestUseHost(const char *name)
{
    g_autofree char *root = utilTestData(name);

    ck_assert_msg(g_file_test(root, G_FILE_TEST_IS_DIR), "no fake host '%s'", root);
    virFileSetHostRoot(root);
}

static void
utilTestCopyTree(const char *from, const char *to)
{
    g_autoptr(GDir) dir = g_dir_open(from, 0, NULL);
    const char *name;

    ck_assert_msg(dir != NULL, "cannot read '%s'", from);
    ck_assert_int_eq(g_mkdir_with_parents(to, 0755), 0);
    while ((name = g_dir_read_name(dir))) {
        g_autofree char *src = g_build_filename(from, name, NULL);
        g_autofree char *dst = g_build_filename(to, name, NULL);
        g_autofree char *content = NULL;
        gsize len;

        if (g_file_test(src, G_FILE_TEST_IS_DIR)) {
            utilTestCopyTree(src, dst);
            continue;
        }
        ck_assert(g_file_get_contents(src, &content, &len, NULL));
        ck_assert(g_file_set_contents(dst, content, len, NULL));
    }
}

char *
utilTestUseHostCopy(const char *name)
{
    g_autofree char *src = utilTestData(name);
    g_autofree char *tmpl = g_strdup_printf("%s/tests/tmp-util-XXXXXX", ABS_BUILDDIR);
    char *root;

    g_mkdir_with_parents(ABS_BUILDDIR "/tests", 0755);
    ck_assert_msg((root = g_mkdtemp(g_strdup(tmpl))) != NULL, "cannot create '%s'", tmpl);
    utilTestCopyTree(src, root);
    virFileSetHostRoot(root);
    return root;
}

void
utilTestRemoveTree(const char *path)
{
    g_autoptr(GDir) dir = g_dir_open(path, 0, NULL);
    const char *name;

    while (dir && (name = g_dir_read_name(dir))) {
        g_autofree char *child = g_build_filename(path, name, NULL);

        if (g_file_test(child, G_FILE_TEST_IS_DIR) && !g_file_test(child, G_FILE_TEST_IS_SYMLINK))
            utilTestRemoveTree(child);
        else
            g_unlink(child);
    }
    g_rmdir(path);
}

char *
utilTestReadFile(const char *path)
{
    char *content = NULL;

    ck_assert_msg(g_file_get_contents(path, &content, NULL, NULL), "cannot read '%s'", path);
    return content;
}

void
utilTestWriteFile(const char *path, const char *content)
{
    ck_assert_msg(g_file_set_contents(path, content, -1, NULL), "cannot write '%s'", path);
}

void
utilTestAssertError(const char *file, int line, int code, const char *needle)
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

int
utilTestRun(Suite *suite)
{
    SRunner *runner = srunner_create(suite);
    int failed;

    srunner_run_all(runner, CK_NORMAL);
    failed = srunner_ntests_failed(runner);
    srunner_free(runner);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
