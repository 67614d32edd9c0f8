/*
 * xen_memshr_dom0_test.c: memory sharing against a real Xen, in dom0
 *
 * Run by tests/xen/run-xen-qemu.sh for make check-xen-memshr, on the
 * hypervisor build-xen-memshr.sh rebuilt with CONFIG_MEM_SHARING, through
 * the public API and the built virtsh only.  Two PVH guests of 128 MiB with
 * the same kernel and initrd are built through the driver; their init
 * (memshr-guest.c) fills 1024 pages the same way in both.  Sharing is
 * switched on in both, one deduplication pass shares their identical
 * pages, and the counters must say so: the node's shm_pages_sharing (pages
 * freed) and shm_pages_shared (frames the shared pages use) add up to the
 * sum of the domains' shared pages, Xen's own invariant.  Both guests must
 * still run, and when each writes into its 1024 pages (a xenstore key
 * it polls asks it to), Xen gives it its own copies again: the counters
 * drop.  The counters are read with both guests paused, as they move
 * while a guest runs.  Tests run in order, in one process (CK_NOFORK).
 */
#include <config.h>

#include <check.h>
#include <stdbool.h>
#include <stdio.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <glib.h>

#include <virt/virt.h>

#include "xen_dom0_api.h"

/* memshr-guest.c's MEMSHR_PAGES: pages each guest fills the same way and
 * later writes into */
#define GUEST_PAGES 1024

static virConnectPtr conn;
static const char *const names[2] = { "vk-msa", "vk-msb" };
static virDomainPtr guests[2];
static bool sharing;            /* the driver switched sharing on */
static bool deduplicated;       /* and ran a deduplication pass */


/* Waits up to @seconds until @guest's console has @needle */
static bool
waitConsole(const char *guest, const char *needle, int seconds)
{
    gint64 end = g_get_monotonic_time() + seconds * G_USEC_PER_SEC;

    while (consoleCount(guest, needle) == 0) {
        if (g_get_monotonic_time() > end)
            return false;
        g_usleep(G_USEC_PER_SEC / 2);
    }
    return true;
}

/* virDomainGetMemorySharing's pages for @dom; whether sharing is on in *@on */
static unsigned long long
sharedPages(virDomainPtr dom, bool *on)
{
    virTypedParameter params[3];
    int n = 3, enabled = 0;
    unsigned long long pages = 0;
    const char *name = virDomainGetName(dom);   /* first: it resets the last error */

    ck_assert_msg(virDomainGetMemorySharing(dom, params, &n, 0) == 0,
                  "GetMemorySharing(%s): %s", name, virGetLastErrorMessage());
    ck_assert_int_eq(virTypedParamsGetULLong(params, n, VIR_DOMAIN_MEMORY_SHARING_SHARED_PAGES,
                                             &pages), 1);
    ck_assert_int_eq(virTypedParamsGetBoolean(params, n, VIR_DOMAIN_MEMORY_SHARING_ENABLED,
                                              &enabled), 1);
    if (on)
        *on = enabled;
    return pages;
}

typedef struct {
    unsigned long long pages[2];    /* each guest's shared pages */
    unsigned long long sharing;     /* shm_pages_sharing: pages freed */
    unsigned long long shared;      /* shm_pages_shared: frames in use */
} counters;

static counters oneShot;        /* after the first pass */
static counters written;        /* after the guests wrote */
static bool wrote;              /* the guests wrote, unsharing */

/* The counters with both guests paused, and Xen's invariant on them:
 * every shared page of a domain either freed a frame or is the one a
 * frame is kept for */
static counters
countersChecked(const char *when)
{
    virTypedParameterPtr node;
    int nnode = 0, i;
    counters c = { { 0, 0 }, 0, 0 };

    for (i = 0; i < 2; i++)
        ck_assert_msg(virDomainSuspend(guests[i]) == 0, "suspend: %s", virGetLastErrorMessage());
    for (i = 0; i < 2; i++)
        c.pages[i] = sharedPages(guests[i], NULL);
    ck_assert_int_eq(virNodeGetMemoryParameters(conn, NULL, &nnode, 0), 0);
    node = g_new0(virTypedParameter, nnode);
    ck_assert_msg(virNodeGetMemoryParameters(conn, node, &nnode, 0) == 0,
                  "GetMemoryParameters: %s", virGetLastErrorMessage());
    ck_assert_int_eq(virTypedParamsGetULLong(node, nnode, VIR_NODE_MEMORY_SHARED_PAGES_SHARING,
                                             &c.sharing), 1);
    ck_assert_int_eq(virTypedParamsGetULLong(node, nnode, VIR_NODE_MEMORY_SHARED_PAGES_SHARED,
                                             &c.shared), 1);
    virTypedParamsClear(node, nnode);
    g_free(node);
    for (i = 0; i < 2; i++)
        ck_assert_msg(virDomainResume(guests[i]) == 0, "resume: %s", virGetLastErrorMessage());
    printf("  %s: shared pages %s %llu, %s %llu; node shm_pages_sharing %llu, "
           "shm_pages_shared %llu\n", when, names[0], c.pages[0], names[1], c.pages[1],
           c.sharing, c.shared);
    ck_assert_msg(c.pages[0] + c.pages[1] == c.sharing + c.shared,
                  "%s: the domains' shared pages (%llu) are not freed + used (%llu)", when,
                  c.pages[0] + c.pages[1], c.sharing + c.shared);
    return c;
}

static void
checkRunning(void)
{
    int i, state = -1;

    for (i = 0; i < 2; i++) {
        ck_assert_int_eq(virDomainGetState(guests[i], &state, NULL, 0), 0);
        ck_assert_msg(state == VIR_DOMAIN_RUNNING, "%s is in state %d, not running",
                      names[i], state);
    }
}

/* What a guest that did not do as asked is doing: its vcpu time twice,
 * and where its vcpu is (xenctx, three times) */
static void
sayGuestTime(virDomainPtr guest)
{
    virDomainInfo a, b;
    int i;

    for (i = 0; i < 3; i++) {
        g_autofree char *out = NULL;
        g_autofree char *cmd = g_strdup_printf("sh -c 'xenctx -s /guest/System.map -S -k 0xffff800000000000 -n 1 -t %d 0 2>&1'",
                                               virDomainGetID(guest));

        run(cmd, &out);
        printf("  xenctx %s:\n%s", virDomainGetName(guest), out ? out : "");
    }

    if (virDomainGetInfo(guest, &a) < 0)
        return;
    g_usleep(2 * G_USEC_PER_SEC);
    if (virDomainGetInfo(guest, &b) == 0)
        printf("  %s: state %d, %.3f s of cpu time in the last 2 s\n", virDomainGetName(guest),
               b.state, (b.cpuTime - a.cpuTime) / 1e9);
}

/* Both guests built through the driver; their init fills its pages */
START_TEST(test_guests_boot)
{
    int i;

    ck_assert_ptr_nonnull(conn = virConnectOpen(URI));
    for (i = 0; i < 2; i++) {
        g_autofree char *file = g_strdup_printf("%s.xml", names[i]);
        g_autofree char *path = g_build_filename(g_getenv("VIRTKIT_XEN_DATA"), "memshr",
                                                 file, NULL);
        g_autofree char *xml = NULL;
        gint64 start = g_get_monotonic_time();

        ck_assert(g_file_get_contents(path, &xml, NULL, NULL));
        guests[i] = virDomainCreateXML(conn, xml, 0);
        ck_assert_msg(guests[i], "create %s: %s", names[i], virGetLastErrorMessage());
        printf("  built %s as domain %d in %.1f s\n", names[i], virDomainGetID(guests[i]),
               (g_get_monotonic_time() - start) / 1e6);
    }
    for (i = 0; i < 2; i++) {
        if (!waitConsole(names[i], "GUEST: memshr guest ready", 300)) {
            sayGuestTime(guests[i]);
            ck_abort_msg("%s did not boot", names[i]);
        }
    }
    checkRunning();
}
END_TEST

/* This hypervisor has sharing compiled in: switching it on works, and
 * nothing is shared before a pass */
START_TEST(test_enable)
{
    int i;

    for (i = 0; i < 2; i++) {
        bool on = false;
        int rc = virDomainSetMemorySharing(guests[i], 1, VIR_DOMAIN_AFFECT_LIVE);

        ck_assert_msg(rc == 0, "sharing on for %s: %s", names[i], virGetLastErrorMessage());
        ck_assert_uint_eq(sharedPages(guests[i], &on), 0);
        ck_assert(on);
    }
    sharing = true;
    countersChecked("sharing on");
}
END_TEST

static unsigned long long
result(virTypedParameterPtr params, int nparams, const char *name)
{
    unsigned long long value = 0;

    ck_assert_msg(virTypedParamsGetULLong(params, nparams, name, &value) == 1,
                  "the pass did not report %s", name);
    return value;
}

/* One pass over both guests: their identical pages shared, the frames
 * freed shown by the node's counters */
START_TEST(test_dedup)
{
    virTypedParameterPtr params = NULL;
    int nparams = 0, i;
    unsigned long long scanned, identical, shared, freed;
    counters c;

    if (!sharing) {
        printf("  SKIP: sharing is not on (virDomainSetMemorySharing)\n");
        return;
    }
    if (virNodeMemoryDedup(conn, guests, 2, &params, &nparams, 0) < 0)
        ck_abort_msg("dedup: %s", virGetLastErrorMessage());
    scanned = result(params, nparams, VIR_NODE_DEDUP_PAGES_SCANNED);
    identical = result(params, nparams, VIR_NODE_DEDUP_PAGES_IDENTICAL);
    shared = result(params, nparams, VIR_NODE_DEDUP_PAGES_SHARED);
    freed = result(params, nparams, VIR_NODE_DEDUP_PAGES_FREED);
    printf("  virNodeMemoryDedup: %llu pages scanned, %llu identical, %llu shared, "
           "%llu freed in %llu ms\n", scanned, identical, shared, freed,
           result(params, nparams, VIR_NODE_DEDUP_TIME_MS));
    virTypedParamsFree(params, nparams);
    ck_assert_uint_ge(identical, 2 * GUEST_PAGES);
    ck_assert_uint_ge(shared, GUEST_PAGES);
    ck_assert_uint_ge(freed, GUEST_PAGES);
    ck_assert_uint_le(identical, scanned);
    c = oneShot = countersChecked("after the pass");
    for (i = 0; i < 2; i++)
        ck_assert_uint_ge(c.pages[i], GUEST_PAGES);
    ck_assert_uint_ge(c.sharing, GUEST_PAGES);
    checkRunning();
    deduplicated = true;
}
END_TEST

/* virtsh memshare-dedup: a second pass, from another process, over pages
 * the first one shared (Xen 4.17 once stopped on a BUG in share_pages
 * here): what is shared stays shared */
START_TEST(test_virtsh_dedup)
{
    g_autofree char *out = NULL;
    counters before, after;
    int i;

    if (!deduplicated) {
        printf("  SKIP: no deduplication pass (virNodeMemoryDedup)\n");
        return;
    }
    before = countersChecked("before the second pass");
    out = must("/virtkit/virtsh -c " URI " memshare-dedup %s %s", names[0], names[1]);
    printf("  virtsh memshare-dedup:\n%s", out);
    ck_assert_ptr_nonnull(strstr(out, "Pages scanned:"));
    after = countersChecked("after virtsh memshare-dedup");
    for (i = 0; i < 2; i++)
        ck_assert_uint_ge(after.pages[i] + GUEST_PAGES / 2, before.pages[i]);
    checkRunning();
}
END_TEST

/* Asks @guest to write into its pages, round @round: its init polls its
 * xenstore key data/memshr-write (the guest owns data/, so it reads what
 * dom0 writes there) and writes once each time the value changes */
static void
askToWrite(virDomainPtr guest, int round)
{
    g_free(must("xenstore-write /local/domain/%d/data/memshr-write %d",
                virDomainGetID(guest), round));
}

/* Writes into shared pages unshare them: each guest writes one byte into
 * each of its 1024 pages, and its count of shared pages drops by at least
 * as many as were shared of them (the pass shared them all, but a guest's
 * kernel may have moved a few since) */
START_TEST(test_write_unshares)
{
    counters before, after;
    int i;

    if (sharing)
        before = countersChecked("before the guests write");
    for (i = 0; i < 2; i++)
        askToWrite(guests[i], 1);
    for (i = 0; i < 2; i++) {
        if (waitConsole(names[i], "GUEST: wrote 1024 pages, round 1", 120))
            continue;
        sayGuestTime(guests[i]);
        ck_abort_msg("%s did not write its pages", names[i]);
    }
    checkRunning();
    if (!deduplicated) {
        printf("  SKIP: nothing was shared (no deduplication pass) to unshare\n");
        return;
    }
    after = countersChecked("after the guests wrote");
    written = after;
    for (i = 0; i < 2; i++) {
        printf("  %s: %llu shared pages fewer\n", names[i], before.pages[i] - after.pages[i]);
        ck_assert_uint_le(after.pages[i] + GUEST_PAGES / 2, before.pages[i]);
    }
    checkRunning();
    wrote = true;
}
END_TEST

#define VKD_SOCKET "/run/vk-memshr.sock"
#define VKD_URI "xen+unix:///system?socket=" VKD_SOCKET

/* The node's scanner knobs and counters through @c */
static void
scannerState(virConnectPtr c, unsigned int *run, unsigned long long *fullScans,
             unsigned long long *pagesSharing)
{
    virTypedParameterPtr node;
    int n = 0;

    ck_assert_int_eq(virNodeGetMemoryParameters(c, NULL, &n, 0), 0);
    node = g_new0(virTypedParameter, n);
    ck_assert_msg(virNodeGetMemoryParameters(c, node, &n, 0) == 0,
                  "GetMemoryParameters: %s", virGetLastErrorMessage());
    ck_assert_int_eq(virTypedParamsGetUInt(node, n, VIR_NODE_MEMORY_SHARED_RUN, run), 1);
    ck_assert_int_eq(virTypedParamsGetULLong(node, n, VIR_NODE_MEMORY_SHARED_FULL_SCANS,
                                             fullScans), 1);
    ck_assert_int_eq(virTypedParamsGetULLong(node, n, VIR_NODE_MEMORY_SHARED_PAGES_SHARING,
                                             pagesSharing), 1);
    virTypedParamsClear(node, n);
    g_free(node);
}

static int
setRun(virConnectPtr c, unsigned int run)
{
    virTypedParameter param = { 0 };

    g_strlcpy(param.field, VIR_NODE_MEMORY_SHARED_RUN, sizeof(param.field));
    param.type = VIR_TYPED_PARAM_UINT;
    param.value.ui = run;
    return virNodeSetMemoryParameters(c, &param, 1, 0);
}

/* Waits up to @seconds until the scanner has done @scans full scans;
 * its counters then in *@sharing */
static bool
waitScans(virConnectPtr c, unsigned long long scans, int seconds,
          unsigned long long *pagesSharing)
{
    gint64 end = g_get_monotonic_time() + seconds * G_USEC_PER_SEC;
    unsigned long long done = 0;
    unsigned int run = 0;

    for (;;) {
        scannerState(c, &run, &done, pagesSharing);
        if (done >= scans)
            return true;
        if (g_get_monotonic_time() > end)
            return false;
        g_usleep(G_USEC_PER_SEC / 2);
    }
}

/* The continuous scanner, KSM's knobs, through virtkitd: refused on a
 * direct connection (naming the daemon); through the daemon it runs
 * (virtsh node-memory-tune sets its pace as virsh does), shares again
 * what the guests' writes unshared, up to the one-shot pass's figure, and
 * stops rising; shm_run 2 (KSM's unshare all) stops it and gives each
 * guest its own copy of every page again: no shared page left anywhere,
 * both guests running; the daemon stops cleanly after a new run */
START_TEST(test_scanner)
{
    const char *argv[] = { "/virtkit/virtkitd", "--socket", VKD_SOCKET, NULL };
    g_autoptr(GError) err = NULL;
    g_autofree char *out = NULL;
    virConnectPtr daemon = NULL;
    GPid pid;
    int status = -1, i;
    unsigned long long scans = 0, sharing1 = 0, sharing2 = 0, sharing0 = 0;
    unsigned int run = 0;
    gint64 end, start;
    counters c;

    ck_assert_int_eq(setRun(conn, 1), -1);
    printf("  shm_run on xen:///system: %s\n", virGetLastErrorMessage());
    ck_assert_ptr_nonnull(strstr(virGetLastErrorMessage(), "virtkitd"));
    ck_assert_msg(g_spawn_async(NULL, (char **)argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL,
                                &pid, &err), "virtkitd: %s", err ? err->message : "?");
    end = g_get_monotonic_time() + 60 * G_USEC_PER_SEC;
    while (!g_file_test(VKD_SOCKET, G_FILE_TEST_EXISTS) && g_get_monotonic_time() < end)
        g_usleep(G_USEC_PER_SEC / 10);
    ck_assert_ptr_nonnull(daemon = virConnectOpen(VKD_URI));
    scannerState(daemon, &run, &scans, &sharing0);
    ck_assert_uint_eq(run, 0);
    ck_assert_uint_eq(scans, 0);
    /* as virsh does it: 4096 pages a wake, every 10 ms */
    out = must("/virtkit/virtsh -c '" VKD_URI "' node-memory-tune --shm-pages-to-scan 4096 "
               "--shm-sleep-millisecs 10");
    g_free(out);
    out = must("/virtkit/virtsh -c '" VKD_URI "' node-memory-tune");
    printf("  virtsh node-memory-tune:\n%s", out);
    ck_assert_ptr_nonnull(strstr(out, "4096"));
    start = g_get_monotonic_time();
    ck_assert_msg(setRun(daemon, 1) == 0, "shm_run 1: %s", virGetLastErrorMessage());
    ck_assert_msg(waitScans(daemon, 1, 600, &sharing1), "no full scan in 600 s");
    printf("  scanner: 1 full scan in %.1f s, shm_pages_sharing %llu (was %llu)\n",
           (g_get_monotonic_time() - start) / 1e6, sharing1, sharing0);
    ck_assert_msg(waitScans(daemon, 2, 600, &sharing2), "no second full scan in 600 s");
    printf("  scanner: 2 full scans in %.1f s, shm_pages_sharing %llu\n",
           (g_get_monotonic_time() - start) / 1e6, sharing2);
    scannerState(daemon, &run, &scans, &sharing2);
    ck_assert_uint_eq(run, 1);
    c = countersChecked("after the scanner's scans");
    if (wrote) {
        /* what the writes unshared is shared again: the pages the first
         * pass freed, give or take what the guests' kernels wrote since */
        for (i = 0; i < 2; i++)
            ck_assert_uint_ge(c.pages[i], written.pages[i] + GUEST_PAGES / 2);
        ck_assert_uint_ge(c.sharing + GUEST_PAGES / 2, oneShot.sharing);
    }
    /* converged: the second scan found next to nothing new */
    ck_assert_uint_le(sharing2, sharing1 + GUEST_PAGES / 4);
    checkRunning();

    /* KSM's run 2 through the daemon (virsh has no option for shm_run):
     * the scanner stops and every shared page is the guest's own again */
    start = g_get_monotonic_time();
    ck_assert_msg(setRun(daemon, 2) == 0, "shm_run 2: %s", virGetLastErrorMessage());
    printf("  shm_run 2: unshared in %.1f s\n", (g_get_monotonic_time() - start) / 1e6);
    scannerState(daemon, &run, &scans, &sharing2);
    ck_assert_uint_eq(run, 2);
    c = countersChecked("after shm_run 2");
    for (i = 0; i < 2; i++)
        ck_assert_msg(c.pages[i] == 0, "%s has %llu shared pages after shm_run 2", names[i],
                      c.pages[i]);
    ck_assert_uint_eq(c.sharing, 0);
    ck_assert_uint_eq(c.shared, 0);
    checkRunning();
    /* and runs again after it */
    ck_assert_msg(setRun(daemon, 1) == 0, "shm_run 1: %s", virGetLastErrorMessage());
    virConnectClose(daemon);
    /* the daemon stops with its scanner running, and cleanly */
    kill(pid, SIGTERM);
    end = g_get_monotonic_time() + 120 * G_USEC_PER_SEC;
    while (waitpid(pid, &status, WNOHANG) == 0 && g_get_monotonic_time() < end)
        g_usleep(G_USEC_PER_SEC / 10);
    ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0,
                  "virtkitd did not exit cleanly after SIGTERM (status %d)", status);
}
END_TEST

START_TEST(test_destroy)
{
    int i;

    for (i = 0; i < 2; i++) {
        ck_assert_msg(virDomainDestroy(guests[i]) == 0, "destroy %s: %s", names[i],
                      virGetLastErrorMessage());
        virDomainFree(guests[i]);
        guests[i] = NULL;
    }
}
END_TEST

int
main(void)
{
    Suite *suite = suite_create("xen-memshr-dom0");
    TCase *tc = tcase_create("memshr");
    SRunner *runner;
    int failed;

    setvbuf(stdout, NULL, _IOLBF, 0);
    tcase_set_timeout(tc, 600);
    tcase_add_test(tc, test_guests_boot);
    tcase_add_test(tc, test_enable);
    /* the guests' writes as soon as they can: under TCG a PVH guest
     * may hang after minutes of running (README.md) */
    tcase_add_test(tc, test_dedup);
    tcase_add_test(tc, test_write_unshares);
    /* the second pass over shared pages before the scanner unshares all */
    tcase_add_test(tc, test_virtsh_dedup);
    tcase_add_test(tc, test_scanner);
    tcase_add_test(tc, test_destroy);
    suite_add_tcase(suite, tc);
    runner = srunner_create(suite);
    srunner_set_fork_status(runner, CK_NOFORK);
    srunner_run_all(runner, CK_VERBOSE);
    failed = srunner_ntests_failed(runner);
    printf("XENMEMSHR: %d of %d tests failed\n", failed, srunner_ntests_run(runner));
    srunner_free(runner);
    if (conn)
        virConnectClose(conn);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
