/*
 * permtest.c: the directories and files the library creates are private
 *
 * Under a umask of 0 (a daemon started carelessly), 022 and 077, a fresh
 * test:///embed root is put through everything that writes: define,
 * redefine, autostart, start, a configuration change, a save file, a
 * managed save, undefine.  Every directory the library created must be
 * 0700, every file 0600: nothing group- or world-accessible, let alone
 * writable, whatever the umask.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib.h>

#include "relutils.h"

#define PERM_XML(name) \
    "<domain type='test'><name>" name "</name>" \
    "<uuid>0badc0de-0000-4000-8000-00000000000" name "</uuid><memory>65536</memory>" \
    "<vcpu>2</vcpu><os><type>hvm</type></os></domain>"

/* Checks the mode of everything under @dir; returns how many entries. */
static int
permCheckTree(const char *dir)
{
    g_autoptr(GDir) d = g_dir_open(dir, 0, NULL);
    const char *name;
    int n = 0;

    ck_assert_ptr_nonnull(d);
    while ((name = g_dir_read_name(d))) {
        g_autofree char *path = g_build_filename(dir, name, NULL);
        struct stat sb;

        ck_assert_int_eq(lstat(path, &sb), 0);
        n++;
        if (S_ISLNK(sb.st_mode))
            continue;       /* autostart links: their mode means nothing */
        if (S_ISDIR(sb.st_mode)) {
            ck_assert_msg((sb.st_mode & 07777) == 0700, "directory %s has mode %04o", path,
                          (unsigned int)(sb.st_mode & 07777));
            n += permCheckTree(path);
        } else {
            ck_assert_msg(S_ISREG(sb.st_mode), "%s is not a regular file", path);
            ck_assert_msg((sb.st_mode & 07777) == 0600, "file %s has mode %04o", path,
                          (unsigned int)(sb.st_mode & 07777));
        }
    }
    return n;
}

static void
permExercise(const char *root)
{
    g_autofree char *uri = g_strdup_printf("test:///embed?root=%s", root);
    g_autofree char *save = g_build_filename(root, "a.save", NULL);
    virConnectPtr conn = virConnectOpen(uri);
    virDomainPtr a, b, c;
    unsigned char map[1] = { 0x3 };

    ck_assert_msg(conn != NULL, "%s", virGetLastErrorMessage());
    ck_assert_ptr_nonnull((a = virDomainDefineXML(conn, PERM_XML("a"))));
    ck_assert_ptr_nonnull((b = virDomainDefineXML(conn, PERM_XML("b"))));
    virDomainFree(b);
    ck_assert_ptr_nonnull((b = virDomainDefineXML(conn, PERM_XML("b"))));    /* a rewrite */
    ck_assert_int_eq(virDomainSetAutostart(b, 1), 0);
    ck_assert_int_eq(virDomainPinVcpuFlags(b, 0, map, 1, VIR_DOMAIN_AFFECT_CONFIG), 0);
    ck_assert_int_eq(virDomainCreate(a), 0);
    ck_assert_int_eq(virDomainSave(a, save), 0);
    ck_assert_int_eq(virDomainRestore(conn, save), 0);
    ck_assert_int_eq(virDomainManagedSave(a, 0), 0);
    ck_assert_int_eq(virDomainCreate(b), 0);
    ck_assert_ptr_nonnull((c = virDomainDefineXML(conn, PERM_XML("c"))));
    ck_assert_int_eq(virDomainUndefine(c), 0);
    virDomainFree(a);
    virDomainFree(b);
    virDomainFree(c);
    ck_assert_int_eq(virConnectClose(conn), 0);
}

static void
permRun(mode_t mask)
{
    g_autofree char *root = testMakeTempDir("perm");
    mode_t old = umask(mask);
    int n;

    /* the root is the caller's; what the library makes is inside it */
    permExercise(root);
    umask(old);
    n = permCheckTree(root);
    /* etc, etc/virtkit, .../test, autostart, a link, two configurations,
     * a save file, run, run/virtkit, run/virtkit/test, its .lock and
     * .generation, and its stopped/ (the last stop of each domain: a's
     * record went when a started again) */
    ck_assert_int_eq(n, 14);
    testRemoveTree(root);
}

START_TEST(test_umask_0)
{
    permRun(0);
}
END_TEST

START_TEST(test_umask_022)
{
    permRun(022);
}
END_TEST

START_TEST(test_umask_077)
{
    permRun(077);
}
END_TEST

int
main(void)
{
    Suite *s = suite_create("perm");
    TCase *tc = tcase_create("perm");

    tcase_add_test(tc, test_umask_0);
    tcase_add_test(tc, test_umask_022);
    tcase_add_test(tc, test_umask_077);
    suite_add_tcase(s, tc);
    return testRunSuite(s);
}
