/*
 * errortest.c: the thread-local last error, error callbacks, copies
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib.h>

#include "testutils.h"

START_TEST(test_last_error)
{
    virConnectPtr conn = virConnectOpen("test:///default");
    virErrorPtr err;

    ck_assert_ptr_null(virGetLastError());
    ck_assert_int_eq(virGetLastErrorCode(), VIR_ERR_OK);
    ck_assert_int_eq(virGetLastErrorDomain(), VIR_FROM_NONE);
    ck_assert_str_eq(virGetLastErrorMessage(), "no error");
    ck_assert_ptr_null(virDomainLookupByName(conn, "web1"));
    ck_assert_ptr_nonnull((err = virGetLastError()));
    ck_assert_int_eq(err->code, VIR_ERR_NO_DOMAIN);
    ck_assert_int_eq(err->domain, VIR_FROM_TEST);
    ck_assert_int_eq(err->level, VIR_ERR_ERROR);
    ck_assert_str_eq(err->message, "Domain not found: no domain with matching name 'web1'");
    ck_assert_int_eq(virGetLastErrorCode(), VIR_ERR_NO_DOMAIN);
    ck_assert_int_eq(virGetLastErrorDomain(), VIR_FROM_TEST);
    /* the next call resets it */
    ck_assert_int_eq(virConnectNumOfDomains(conn), 1);
    ck_assert_ptr_null(virGetLastError());
    ck_assert_ptr_null(virDomainLookupByName(conn, "web1"));
    virResetLastError();
    ck_assert_ptr_null(virGetLastError());
    virConnectClose(conn);
}
END_TEST

START_TEST(test_save_copy)
{
    virConnectPtr conn = virConnectOpen("test:///default");
    virErrorPtr saved;
    virError copy = { 0 };

    saved = virSaveLastError();
    ck_assert_int_eq(saved->code, VIR_ERR_OK);
    virFreeError(saved);
    ck_assert_int_eq(virCopyLastError(&copy), 0);

    ck_assert_ptr_null(virDomainLookupByID(conn, 42));
    saved = virSaveLastError();
    ck_assert_int_eq(virCopyLastError(&copy), VIR_ERR_NO_DOMAIN);
    virResetLastError();
    ck_assert_int_eq(saved->code, VIR_ERR_NO_DOMAIN);
    ck_assert_str_eq(saved->message, copy.message);
    ck_assert_ptr_nonnull(strstr(copy.message, "matching id 42"));
    virResetError(&copy);
    ck_assert_ptr_null(copy.message);
    ck_assert_int_eq(copy.code, VIR_ERR_OK);
    virFreeError(saved);
    virFreeError(NULL);
    virResetError(NULL);
    ck_assert_int_eq(virCopyLastError(NULL), -1);

    /* the connection keeps a copy of the last failure of a call on it */
    virConnResetLastError(conn);
    ck_assert_ptr_null(virConnGetLastError(conn));
    ck_assert_ptr_null(virDomainLookupByName(conn, "zz"));
    ck_assert_int_eq(virConnGetLastError(conn)->code, VIR_ERR_NO_DOMAIN);
    ck_assert_int_eq(virConnCopyLastError(conn, &copy), VIR_ERR_NO_DOMAIN);
    virResetError(&copy);
    virConnResetLastError(conn);
    ck_assert_ptr_null(virConnGetLastError(conn));
    ck_assert_int_eq(virConnCopyLastError(NULL, &copy), -1);
    virConnectClose(conn);
}
END_TEST

typedef struct {
    int calls;
    int code;
    char *message;
} testCallbackData;

static void
testRecordError(void *opaque, virErrorPtr err)
{
    testCallbackData *data = opaque;

    data->calls++;
    data->code = err->code;
    g_free(data->message);
    data->message = g_strdup(err->message);
}

START_TEST(test_callbacks)
{
    testCallbackData global = { 0 }, perconn = { 0 };
    virConnectPtr conn;

    virSetErrorFunc(&global, testRecordError);
    ck_assert_ptr_null(virConnectOpen("nosuch:///"));
    ck_assert_int_eq(global.calls, 1);
    ck_assert_int_eq(global.code, VIR_ERR_NO_CONNECT);

    conn = virConnectOpen("test:///default");
    ck_assert_ptr_null(virDomainLookupByName(conn, "a"));
    ck_assert_int_eq(global.calls, 2);
    /* a connection's own callback wins for calls on it */
    virConnSetErrorFunc(conn, &perconn, testRecordError);
    ck_assert_ptr_null(virDomainLookupByName(conn, "b"));
    ck_assert_int_eq(global.calls, 2);
    ck_assert_int_eq(perconn.calls, 1);
    ck_assert_ptr_nonnull(strstr(perconn.message, "'b'"));
    /* successful calls do not call anything */
    ck_assert_int_eq(virConnectNumOfDomains(conn), 1);
    ck_assert_int_eq(perconn.calls, 1);
    virConnSetErrorFunc(conn, NULL, NULL);
    ck_assert_ptr_null(virDomainLookupByName(conn, "c"));
    ck_assert_int_eq(global.calls, 3);
    virConnSetErrorFunc(NULL, NULL, NULL);
    virConnectClose(conn);
    testQuietErrors();
    g_free(global.message);
    g_free(perconn.message);
}
END_TEST

START_TEST(test_default_func)
{
    virConnectPtr conn = virConnectOpen("test:///default");
    g_autofree char *dir = testMakeTempDir("err");
    g_autofree char *path = g_build_filename(dir, "stderr", NULL);
    g_autofree char *out = NULL;
    FILE *f = fopen(path, "w");
    int saved = dup(STDERR_FILENO);

    /* no callback: the error is printed on stderr, as libvirt does */
    virSetErrorFunc(NULL, NULL);
    dup2(fileno(f), STDERR_FILENO);
    ck_assert_ptr_null(virDomainLookupByName(conn, "web1"));
    /* an error of no part keeps libvirt's empty field, not a stray colon */
    ck_assert_ptr_null(virConnectOpen("foo:///x"));
    fflush(stderr);
    dup2(saved, STDERR_FILENO);
    fclose(f);
    close(saved);
    testQuietErrors();
    ck_assert(g_file_get_contents(path, &out, NULL, NULL));
    ck_assert_str_eq(out, "virtkit: Test Driver error : Domain not found: no domain with matching name 'web1'\n"
                          "virtkit:  error : no connection driver available: no driver for URI scheme 'foo'"
                          " (virtkit knows: test, lve, vserver, xen)\n");
    virDefaultErrorFunc(NULL);
    virConnectClose(conn);
    testRemoveTree(dir);
}
END_TEST

static gpointer
testErrorThread(gpointer data)
{
    virConnectPtr conn = data;
    g_autofree char *name = g_strdup_printf("missing-%p", (void *)g_thread_self());
    int i;

    for (i = 0; i < 200; i++) {
        virErrorPtr err;

        if (virDomainLookupByName(conn, name))
            return GINT_TO_POINTER(1);
        err = virGetLastError();
        /* each thread sees its own error, never another thread's */
        if (!err || !strstr(err->message, name))
            return GINT_TO_POINTER(1);
        if (virConnectNumOfDomains(conn) != 1 || virGetLastError())
            return GINT_TO_POINTER(1);
    }
    return NULL;
}

START_TEST(test_thread_local)
{
    virConnectPtr conn = virConnectOpen("test:///default");
    GThread *threads[4];
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(threads); i++)
        threads[i] = g_thread_new("err", testErrorThread, conn);
    for (i = 0; i < G_N_ELEMENTS(threads); i++)
        ck_assert_ptr_null(g_thread_join(threads[i]));
    virConnectClose(conn);
}
END_TEST

static Suite *
errorSuite(void)
{
    Suite *s = suite_create("error");
    TCase *tc = tcase_create("error");

    tcase_add_test(tc, test_last_error);
    tcase_add_test(tc, test_save_copy);
    tcase_add_test(tc, test_callbacks);
    tcase_add_test(tc, test_default_func);
    tcase_add_test(tc, test_thread_local);
    suite_add_tcase(s, tc);
    return s;
}

int
main(void)
{
    return testRunSuite(errorSuite());
}
