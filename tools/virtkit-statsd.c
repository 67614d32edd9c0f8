/*
 * virtkit-statsd.c: the usage-history collector
 *
 *   virtkit-statsd [-c URI] [--interval SECONDS] [--db PATH|URI] [--once]
 *                  [--retention-raw HOURS] [--retention-minute DAYS]
 *                  [--retention-hour DAYS]
 *
 * Every interval, the bulk statistics of every domain of the connection
 * (virConnectGetAllDomainStats: state, CPU time, balloon and, on an LVE
 * connection, the LVE group) go into the database of stats-store.c (a
 * SQLite file, or PostgreSQL), one transaction per round.  Only the public API is used, so any driver,
 * local or remote, can be watched.  SIGTERM and SIGINT stop the collector
 * after the round under way.
 */
#include <config.h>

#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>
#include <glib-unix.h>
#include <glib/gstdio.h>

#include <virt/virt.h>

#include "stats-store.h"
#include "tool-error.h"

typedef struct {
    const char *uri;
    char *dbPath;
    double interval;            /* seconds */
    bool once;
    statsRetention retention;

    virConnectPtr conn;
    bool lve;                   /* the connection has the LVE group */
    statsStore *store;
    GMainLoop *loop;
} statsdControl;

static void
statsdSilence(void *opaque G_GNUC_UNUSED, virErrorPtr err G_GNUC_UNUSED)
{
}

/* ---- reading the hypervisor ------------------------------------------- */

/* The samples of every domain now; NULL after reporting. */
static GArray *
statsdRead(statsdControl *ctl)
{
    unsigned int groups = STATS_SAMPLE_GROUPS | (ctl->lve ? VIR_DOMAIN_STATS_LVE : 0);
    virDomainStatsRecordPtr *records = NULL;
    GArray *samples;
    int n, i;

    if ((n = virConnectGetAllDomainStats(ctl->conn, groups, &records, 0)) < 0) {
        toolError("cannot read the domains' statistics: %s", virGetLastErrorMessage());
        return NULL;
    }
    samples = g_array_sized_new(FALSE, TRUE, sizeof(statsSample), n);
    g_array_set_clear_func(samples, (GDestroyNotify)statsSampleClear);
    for (i = 0; i < n; i++) {
        statsSample sample = { 0 };

        /* a domain that went meanwhile has no uuid to give: skipped */
        if (statsSampleFromRecord(records[i], &sample))
            g_array_append_val(samples, sample);
    }
    virDomainStatsRecordListFree(records);
    return samples;
}

/* ---- rounds ------------------------------------------------------------- */

static bool
statsdConnect(statsdControl *ctl)
{
    if (!(ctl->conn = virConnectOpenReadOnly(ctl->uri))) {
        toolError("cannot connect to '%s': %s", ctl->uri ? ctl->uri : "the default URI",
                    virGetLastErrorMessage());
        return false;
    }
    ctl->lve = statsSampleHasLve(ctl->conn);
    return true;
}

/* One round: every domain's sample at one time, in one transaction. */
static bool
statsdRound(statsdControl *ctl)
{
    g_autoptr(GArray) samples = NULL;
    g_autoptr(GError) error = NULL;
    gint64 now;
    guint i;

    if (!ctl->conn && !statsdConnect(ctl))
        return false;
    now = statsStoreNow();
    if (!(samples = statsdRead(ctl))) {
        /* a connection that died (a restarted daemon) is opened again */
        if (virConnectIsAlive(ctl->conn) != 1)
            g_clear_pointer(&ctl->conn, virConnectClose);
        return false;
    }
    if (!statsStoreBegin(ctl->store, &error))
        goto error;
    for (i = 0; i < samples->len; i++) {
        if (!statsStoreWrite(ctl->store, now, &g_array_index(samples, statsSample, i), &error)) {
            statsStoreRollback(ctl->store);
            goto error;
        }
    }
    if (!statsStoreCommit(ctl->store, now, &ctl->retention, &error))
        goto error;
    return true;

 error:
    toolError("%s", error->message);
    return false;
}

static gboolean
statsdTick(gpointer opaque)
{
    statsdControl *ctl = opaque;

    statsdRound(ctl);
    return G_SOURCE_CONTINUE;
}

/* Signals are seen on the loop, between rounds: the round under way ends
 * first. */
static gboolean
statsdStop(gpointer opaque)
{
    statsdControl *ctl = opaque;

    g_main_loop_quit(ctl->loop);
    return G_SOURCE_CONTINUE;
}

static int
statsdRun(statsdControl *ctl)
{
    guint ms = (guint)(ctl->interval * 1000 + 0.5);

    if (ctl->once)
        return statsdRound(ctl) ? EXIT_SUCCESS : EXIT_FAILURE;
    ctl->loop = g_main_loop_new(NULL, FALSE);
    g_unix_signal_add(SIGTERM, statsdStop, ctl);
    g_unix_signal_add(SIGINT, statsdStop, ctl);
    statsdRound(ctl);
    g_timeout_add(ms, statsdTick, ctl);
    g_main_loop_run(ctl->loop);
    g_main_loop_unref(ctl->loop);
    return EXIT_SUCCESS;
}

/* ---- options ------------------------------------------------------------ */

static void
statsdUsage(FILE *out)
{
    fprintf(out,
            "usage: virtkit-statsd [-c URI] [--interval SECONDS] [--db PATH|URI] [--once]\n"
            "                      [--retention-raw HOURS] [--retention-minute DAYS]\n"
            "                      [--retention-hour DAYS]\n"
            "\n"
            "Samples the usage of every domain into a SQLite or PostgreSQL database.\n"
            "  -c, --connect URI        the hypervisor (default: the default URI)\n"
            "  --interval SECONDS       time between samples (default 10)\n"
            "  --db PATH|URI            a SQLite file (default %s)\n"
            "                           or a postgresql://... connection URI\n"
            "  --once                   one round, then exit\n"
            "  --retention-raw HOURS    keep raw samples (default 24; 0: forever)\n"
            "  --retention-minute DAYS  keep per-minute rows (default 7; 0: forever)\n"
            "  --retention-hour DAYS    keep per-hour rows (default 90; 0: forever)\n",
            STATSD_DEFAULT_DB);
}

/* A whole number of @unit ms (0 allowed) from option @opt. */
static bool
statsdParseRetention(const char *opt, const char *arg, gint64 unit, gint64 *value)
{
    guint64 n;

    if (!g_ascii_string_to_unsigned(arg, 10, 0, G_MAXINT64 / unit, &n, NULL)) {
        toolError("invalid value '%s' for %s: expected a whole number (0: keep forever)",
                    arg, opt);
        return false;
    }
    *value = (gint64)n * unit;
    return true;
}

static bool
statsdParseInterval(const char *arg, double *value)
{
    char *end;

    errno = 0;
    *value = g_ascii_strtod(arg, &end);
    if (errno || end == arg || *end || !isfinite(*value) || *value < 0.001 ||
        *value > 86400) {
        toolError("invalid value '%s' for --interval: expected seconds, from 0.001 to 86400", arg);
        return false;
    }
    return true;
}

enum {
    OPT_INTERVAL = 256,
    OPT_DB,
    OPT_ONCE,
    OPT_RET_RAW,
    OPT_RET_MINUTE,
    OPT_RET_HOUR,
};

static const struct option statsdOptions[] = {
    { "connect", required_argument, NULL, 'c' },
    { "interval", required_argument, NULL, OPT_INTERVAL },
    { "db", required_argument, NULL, OPT_DB },
    { "once", no_argument, NULL, OPT_ONCE },
    { "retention-raw", required_argument, NULL, OPT_RET_RAW },
    { "retention-minute", required_argument, NULL, OPT_RET_MINUTE },
    { "retention-hour", required_argument, NULL, OPT_RET_HOUR },
    { "help", no_argument, NULL, 'h' },
    { NULL, 0, NULL, 0 },
};

static bool
statsdParseArgs(statsdControl *ctl, int argc, char **argv)
{
    int c;

    while ((c = getopt_long(argc, argv, "c:h", statsdOptions, NULL)) != -1) {
        bool ok = true;

        switch (c) {
        case 'c':
            ctl->uri = optarg;
            break;
        case OPT_INTERVAL:
            ok = statsdParseInterval(optarg, &ctl->interval);
            break;
        case OPT_DB:
            g_free(ctl->dbPath);
            ctl->dbPath = g_strdup(optarg);
            break;
        case OPT_ONCE:
            ctl->once = true;
            break;
        case OPT_RET_RAW:
            ok = statsdParseRetention("--retention-raw", optarg, STATS_HOUR_MS,
                                      &ctl->retention.raw);
            break;
        case OPT_RET_MINUTE:
            ok = statsdParseRetention("--retention-minute", optarg, 24 * STATS_HOUR_MS,
                                      &ctl->retention.minute);
            break;
        case OPT_RET_HOUR:
            ok = statsdParseRetention("--retention-hour", optarg, 24 * STATS_HOUR_MS,
                                      &ctl->retention.hour);
            break;
        case 'h':
            statsdUsage(stdout);
            exit(EXIT_SUCCESS);
        default:
            statsdUsage(stderr);
            return false;
        }
        if (!ok)
            return false;
    }
    if (optind < argc) {
        toolError("unexpected argument '%s'", argv[optind]);
        return false;
    }
    return true;
}

int
main(int argc, char **argv)
{
    statsdControl ctl = {
        .interval = 10,
        .retention = { 24 * STATS_HOUR_MS, 7 * 24 * STATS_HOUR_MS, 90 * 24 * STATS_HOUR_MS },
    };
    g_autoptr(GError) error = NULL;
    int ret;

    toolErrorSetPrefix("virtkit-statsd: ");
    virSetErrorFunc(NULL, statsdSilence);
    if (!statsdParseArgs(&ctl, argc, argv))
        return EXIT_FAILURE;
    if (!ctl.dbPath) {
        g_autofree char *dir = g_path_get_dirname(STATSD_DEFAULT_DB);

        ctl.dbPath = g_strdup(STATSD_DEFAULT_DB);
        if (g_mkdir_with_parents(dir, 0755) < 0) {
            toolError("cannot create %s: %s", dir, g_strerror(errno));
            return EXIT_FAILURE;
        }
    }
    /* the writer's lock is the store's: one collector per database */
    if (!(ctl.store = statsStoreOpen(ctl.dbPath, true, &error))) {
        toolError("%s", error->message);
        g_free(ctl.dbPath);
        return EXIT_FAILURE;
    }
    ret = statsdConnect(&ctl) ? statsdRun(&ctl) : EXIT_FAILURE;
    if (ctl.conn)
        virConnectClose(ctl.conn);
    statsStoreClose(ctl.store);
    g_free(ctl.dbPath);
    return ret;
}
