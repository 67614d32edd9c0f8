/*
 * test_domain.c: a test domain at run time: the hooks the test driver
 * gives the shared flows, and the CPU time it models
 *
 * There is no kernel: starting, stopping and freezing a domain only move
 * its CPU-time clock.
 */
#include "internal.h"

#include "test_domain.h"
#include "test_tune.h"
#include "test_lifecycle.h"

#define VIR_FROM_THIS VIR_FROM_TEST

static void
testDomainPrivateFree(void *data)
{
    testDomainPrivate *priv = data;

    if (priv->cookies)
        g_array_unref(priv->cookies);
    if (priv->deprecations)
        g_ptr_array_unref(priv->deprecations);
    g_free(priv);
}

testDomainPrivate *
testDomainPrivateOf(virDomainObj *obj)
{
    if (!obj->privateData) {
        obj->privateData = g_new0(testDomainPrivate, 1);
        obj->privateDataFree = testDomainPrivateFree;
    }
    return obj->privateData;
}

guint64
testDomainCpuTimeNs(virDomainObj *obj)
{
    testDomainPrivate *priv = obj->privateData;
    guint64 ns;

    if (!priv || !virDomainObjIsActive(obj))
        return 0;
    ns = priv->cpuTimeNs;
    if (priv->runningSince)
        ns += (guint64)(g_get_monotonic_time() - priv->runningSince) * 1000;
    return ns;
}

static void
testDomainSetRunning(testDomainPrivate *priv, bool running)
{
    if (running && !priv->runningSince) {
        priv->runningSince = g_get_monotonic_time();
    } else if (!running && priv->runningSince) {
        priv->cpuTimeNs += (guint64)(g_get_monotonic_time() - priv->runningSince) * 1000;
        priv->runningSince = 0;
    }
}

/* ---- hooks --------------------------------------------------------- */

static int
testDomainHookStart(virDomainDriverBase *base G_GNUC_UNUSED, virDomainObj *obj, bool paused,
                    int *id G_GNUC_UNUSED)
{
    testDomainPrivate *priv = testDomainPrivateOf(obj);

    priv->cpuTimeNs = 0;
    priv->runningSince = 0;
    testDomainSetRunning(priv, !paused);
    return 0;
}

/* Back from a save file: with the CPU time it had. */
static int
testDomainHookRestore(virDomainDriverBase *base G_GNUC_UNUSED, virDomainObj *obj,
                      const char *path, bool paused, int *id G_GNUC_UNUSED)
{
    testDomainPrivate *priv = testDomainPrivateOf(obj);
    guint64 cputime;

    if (testDomainSaveCpuTime(path, &cputime) < 0)
        return -1;
    priv->cpuTimeNs = cputime;
    priv->runningSince = 0;
    testDomainSetRunning(priv, !paused);
    return 0;
}

static int
testDomainHookStop(virDomainDriverBase *base G_GNUC_UNUSED, virDomainObj *obj G_GNUC_UNUSED)
{
    return 0;
}

/* A running domain has its private data: its start made it. */
static int
testDomainHookFreeze(virDomainDriverBase *base G_GNUC_UNUSED, virDomainObj *obj, bool frozen)
{
    testDomainSetRunning(obj->privateData, !frozen);
    return 0;
}

/* A reboot: same id, CPU time starts over. */
static int
testDomainHookRestart(virDomainDriverBase *base G_GNUC_UNUSED, virDomainObj *obj)
{
    testDomainPrivate *priv = testDomainPrivateOf(obj);

    priv->cpuTimeNs = 0;
    priv->runningSince = 0;
    testDomainSetRunning(priv, true);
    return 0;
}

/* Whoever had entered the domain is out with it. */
static void
testDomainHookStopped(virDomainDriverBase *base G_GNUC_UNUSED, virDomainObj *obj)
{
    testDomainPrivate *priv = testDomainPrivateOf(obj);

    if (priv->cookies)
        g_array_set_size(priv->cookies, 0);
    testDomainSetRunning(priv, false);
}

const virDomainDriverHooks testDomainHooks = {
    .start = testDomainHookStart,
    .stop = testDomainHookStop,
    .freeze = testDomainHookFreeze,
    .restart = testDomainHookRestart,
    .stopped = testDomainHookStopped,
    .save = testDomainHookSave,
    .readSave = testDomainHookReadSave,
    .restore = testDomainHookRestore,
    .memoryStats = testDomainHookMemoryStats,
};
