/*
 * xen_dom0_test.c: the Xen binding against a real hypervisor, from dom0
 *
 * The main program and the helpers of the suite (xen_dom0_test.h); the
 * tests are in xen_dom0_host.c (the host, Domain-0, refusals) and
 * xen_dom0_guests.c (a PV and a PVH guest, from build to destroy).
 * Run by tests/xen/run-xen-qemu.sh inside the dom0 it boots; it prints
 * each step, each error message it provoked and check's verdict.
 */
#include <config.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xen_dom0_test.h"

xenDom0Env env;

void
dom0Require(void)
{
    ck_assert_msg(env.h != NULL, "the binding is not open");
}

bool
dom0Wait(bool (*cond)(void *opaque), void *opaque, double seconds, const char *what)
{
    gint64 start = g_get_monotonic_time();
    double elapsed;

    for (;;) {
        elapsed = (g_get_monotonic_time() - start) / 1e6;
        if (cond(opaque))
            break;
        if (elapsed > seconds) {
            printf("  TIMEOUT after %.0f s: %s\n", elapsed, what);
            return false;
        }
        g_usleep(250 * 1000);
    }
    printf("  %s: after %.1f s\n", what, elapsed);
    return true;
}

static char *
dom0ConsolePath(const char *name)
{
    return g_strdup_printf("/var/log/xen/console/guest-%s.log", name);
}

unsigned int
dom0ConsoleCount(const char *name, const char *needle)
{
    g_autofree char *path = dom0ConsolePath(name);

    return xenTestFileCount(path, needle);
}

typedef struct {
    const char *name;
    const char *needle;
    unsigned int count;
} dom0ConsoleWait;

static bool
dom0ConsoleReached(void *opaque)
{
    dom0ConsoleWait *w = opaque;

    return dom0ConsoleCount(w->name, w->needle) >= w->count;
}

/* What a guest that stopped talking is doing: its vcpus twice, 2 s apart
 * (is its cpu time moving?), and the end of its console */
void
dom0DescribeGuest(const char *name)
{
    g_autofree char *cmd = g_strdup_printf("xl vcpu-list %s", name);
    g_autofree char *first = NULL;
    g_autofree char *second = NULL;
    g_autofree char *path = dom0ConsolePath(name);
    g_autofree char *text = NULL;
    size_t len;

    xenTestRun(cmd, &first);
    g_usleep(2 * G_USEC_PER_SEC);
    xenTestRun(cmd, &second);
    printf("  %s now:\n%s  2 s later:\n%s", name, NULLSTR(first), NULLSTR(second));
    if (g_file_get_contents(path, &text, &len, NULL))
        printf("  end of its console:\n%s\n", text + (len > 600 ? len - 600 : 0));
    g_free(cmd);
    cmd = g_strdup_printf("sh -c 'xenctx -s /guest/System.map -S $(xl domid %s) 0 2>&1'", name);
    g_free(first);
    first = NULL;
    xenTestRun(cmd, &first);
    printf("  %s:\n%s\n", cmd, NULLSTR(first));
}

bool
dom0WaitConsole(const char *name, const char *needle, unsigned int count, double seconds)
{
    dom0ConsoleWait w = { name, needle, count };
    g_autofree char *what = g_strdup_printf("%s printed '%s' (%u)", name, needle, count);

    if (dom0Wait(dom0ConsoleReached, &w, seconds, what))
        return true;
    dom0DescribeGuest(name);
    return false;
}

char *
dom0Xl(const char *fmt, ...)
{
    g_autofree char *args = NULL;
    g_autofree char *cmd = NULL;
    char *out = NULL;
    va_list ap;
    int rc;

    va_start(ap, fmt);
    args = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    cmd = g_strdup_printf("xl %s", args);
    rc = xenTestRun(cmd, &out);
    ck_assert_msg(rc == 0, "'%s' exited with %d", cmd, rc);
    return out;
}

GStrv
dom0XlRow(const char *output, const char *name)
{
    g_auto(GStrv) lines = g_strsplit(output, "\n", -1);
    size_t i;

    for (i = 0; lines[i]; i++) {
        g_auto(GStrv) fields = g_strsplit_set(g_strstrip(lines[i]), " \t", -1);
        g_autoptr(GPtrArray) words = g_ptr_array_new_with_free_func(g_free);
        size_t j;

        for (j = 0; fields[j]; j++) {
            if (*fields[j])
                g_ptr_array_add(words, g_strdup(fields[j]));
        }
        if (words->len && g_str_equal(words->pdata[0], name)) {
            g_ptr_array_add(words, NULL);
            return (GStrv)g_ptr_array_free(g_steal_pointer(&words), FALSE);
        }
    }
    return NULL;
}

char *
dom0StoreRead(const char *fmt, ...)
{
    g_autofree char *path = NULL;
    g_autofree char *cmd = NULL;
    char *out = NULL;
    va_list ap;

    va_start(ap, fmt);
    path = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    cmd = g_strdup_printf("xenstore-read %s", path);
    if (xenTestRun(cmd, &out) != 0) {
        g_free(out);
        return NULL;
    }
    return g_strstrip(out);
}

typedef struct {
    const char *path;
    const char *value;
} dom0StoreWait;

static bool
dom0StoreReached(void *opaque)
{
    dom0StoreWait *w = opaque;
    g_autofree char *now = dom0StoreRead("%s", w->path);

    return g_strcmp0(now, w->value) == 0;
}

bool
dom0WaitStore(const char *pathfmt, const char *value, unsigned int domid)
{
    g_autofree char *path = g_strdup_printf(pathfmt, domid);
    g_autofree char *what = g_strdup_printf("%s is %s", path, value);
    dom0StoreWait w = { path, value };

    return dom0Wait(dom0StoreReached, &w, 90, what);
}

xenDomainInfo
dom0Info(unsigned int domid)
{
    xenDomainInfo info;

    ck_assert_msg(env.ops->domainInfo(env.h, domid, &info) == 0,
                  "info of domain %u: %s", domid, xenTestLastMessage());
    return info;
}

static bool
dom0Gone(void *opaque)
{
    xenDomainInfo info;

    if (env.ops->domainInfo(env.h, GPOINTER_TO_UINT(opaque), &info) == 0)
        return false;
    ck_assert_xen_error(VIR_ERR_NO_DOMAIN, "no such domain");
    return true;
}

bool
dom0WaitGone(unsigned int domid, double seconds)
{
    g_autofree char *what = g_strdup_printf("domain %u gone", domid);

    return dom0Wait(dom0Gone, GUINT_TO_POINTER(domid), seconds, what);
}

int
main(void)
{
    Suite *suite = suite_create("xen-dom0");
    SRunner *runner;
    int failed;

    setvbuf(stdout, NULL, _IOLBF, 0);
    suite_add_tcase(suite, dom0HostCase());
    suite_add_tcase(suite, dom0GuestCase());
    suite_add_tcase(suite, dom0BootedCase());
    suite_add_tcase(suite, dom0EndCase());
    runner = srunner_create(suite);
    /* one process: the guests and the open handle live from test to test */
    srunner_set_fork_status(runner, CK_NOFORK);
    srunner_run_all(runner, CK_VERBOSE);
    failed = srunner_ntests_failed(runner);
    printf("XENTEST: %d of %d tests failed\n", failed, srunner_ntests_run(runner));
    srunner_free(runner);
    if (env.h)
        env.ops->close(env.h);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
