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
 * SQLite file, or PostgreSQL), one transaction per round.  A round that
 * cannot be written (a PostgreSQL server restarting) is kept and written
 * before the next, once the connection is back: up to STATSD_MAX_KEPT
 * rounds, the oldest let go beyond.  Only the public API is used, so any
 * driver, local or remote, can be watched.  SIGTERM and SIGINT stop the collector
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

/* Rounds kept while the database cannot be written: an hour at the
 * default interval */
#define STATSD_MAX_KEPT 360

/* A round read and not yet written */
typedef struct {
    gint64 ts;
    GArray *samples;            /* of statsSample */
} statsdKept;

static void
statsdKeptFree(statsdKept *kept)
{
    g_array_unref(kept->samples);
    g_free(kept);
}

typedef struct {
    const char *uri;
    char *dbPath;
    double interval;            /* seconds */
    bool once;
    statsRetention retention;

    virConnectPtr conn;
    bool lve;                   /* the connection has the LVE group */
    statsStore *store;
    GQueue kept;                /* of statsdKept, oldest first */
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

/* One round's samples at @ts, in one transaction. */
static bool
statsdWrite(statsdControl *ctl, const statsdKept *round, GError **error)
{
    guint i;

    if (!statsStoreBegin(ctl->store, error))
        return false;
    for (i = 0; i < round->samples->len; i++) {
        if (!statsStoreWrite(ctl->store, round->ts,
                             &g_array_index(round->samples, statsSample, i), error)) {
            statsStoreRollback(ctl->store);
            return false;
        }
    }
    return statsStoreCommit(ctl->store, round->ts, &ctl->retention, error);
}

/* Writes the kept rounds, oldest first, on a connection made again if it
 * was lost; those that could not be written stay kept. */
static bool
statsdFlush(statsdControl *ctl)
{
    g_autoptr(GError) error = NULL;
    statsdKept *round;

    if (!statsDbReconnect(statsStoreDb(ctl->store), &error))
        goto error;
    while ((round = g_queue_peek_head(&ctl->kept))) {
        if (!statsdWrite(ctl, round, &error))
            goto error;
        statsdKeptFree(g_queue_pop_head(&ctl->kept));
    }
    return true;

 error:
    if (ctl->once)
        toolError("%s", error->message);
    else
        toolError("%s; %u round%s kept to write later", error->message,
                  g_queue_get_length(&ctl->kept), g_queue_get_length(&ctl->kept) == 1 ? "" : "s");
    return false;
}

/* One round: every domain's sample at one time, written with the rounds
 * kept before it. */
static bool
statsdRound(statsdControl *ctl)
{
    statsdKept *round;
    GArray *samples;
    gint64 now;

    if (!ctl->conn && !statsdConnect(ctl))
        return false;
    now = statsStoreNow();
    if (!(samples = statsdRead(ctl))) {
        /* a connection that died (a restarted daemon) is opened again */
        if (virConnectIsAlive(ctl->conn) != 1)
            g_clear_pointer(&ctl->conn, virConnectClose);
        return false;
    }
    round = g_new0(statsdKept, 1);
    round->ts = now;
    round->samples = samples;
    g_queue_push_tail(&ctl->kept, round);
    if (g_queue_get_length(&ctl->kept) > STATSD_MAX_KEPT) {
        statsdKept *oldest = g_queue_peek_head(&ctl->kept);
        g_autoptr(GDateTime) t = g_date_time_new_from_unix_local(oldest->ts / 1000);
        g_autofree char *when = g_date_time_format(t, "%Y-%m-%d %H:%M:%S");

        toolError("the round of %s could not be written and is let go", when);
        statsdKeptFree(g_queue_pop_head(&ctl->kept));
    }
    return statsdFlush(ctl);
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
    g_queue_clear_full(&ctl.kept, (GDestroyNotify)statsdKeptFree);
    statsStoreClose(ctl.store);
    g_free(ctl.dbPath);
    return ret;
}
