/*
 * stats-store.c: the usage-history database: its schema and migrations,
 * the collector's rounds, the roll-ups and the retention, written once
 * for both backends (stats-db.h: SQLite, PostgreSQL)
 *
 * samples   one row per domain and sample time (UNIQUE (uuid, ts)): the
 *           counters as the hypervisor gave them, and what they mean over
 *           the time since the domain's previous sample: CPU %, IO rates
 *           and fault deltas.  The previous sample is read from the table,
 *           so a collector that restarts goes on from the last committed
 *           round: no spike, no invented gap.
 * minutes,  per domain and minute (hour): for each gauge the sum, count and
 * hours     maximum of its values (so averages combine exactly), and the
 *           sums of the fault deltas.  A sample is folded into its minute
 *           and its hour row when it is written, in the same transaction
 *           (sums and counts add, maxima take the larger), and only when
 *           it is new: a round costs the same at any minute of the hour,
 *           and a restarted collector neither loses nor doubles one.
 * domains   the last name each uuid had.
 * rollup    the newest minute bucket rolled up.  A database with none (0
 *           or no row: a new database, or one filled with raw samples by
 *           hand) has its buckets recomputed from all its samples on the
 *           next round; from then on rounds fold.
 *
 * Every statement here is one both SQLite (3.24 or later: upserts) and
 * PostgreSQL run as they are.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "stats-store.h"

struct _statsStore {
    statsDb *db;
    statsStmt *prev;            /* the domain's last sample up to a time */
    statsStmt *insert;
    statsStmt *domain;
    statsStmt *foldMinute;      /* a sample into its minute row */
    statsStmt *foldHour;        /* and into its hour row */
    gint64 roundMax;            /* the newest sample written in the round */
};

/* Schema steps: statsMigrations[i] takes the schema version from i to
 * i + 1, with @INT@ (64 bits), @REAL@ and @TEXT@ in the backend's types
 * (SQLite: INTEGER, REAL, TEXT, the types of the first release; hours
 * is made "WHERE 0" there, which PostgreSQL refuses, and SQLite keeps
 * the same table for "WHERE 1 = 0").  A step is never edited once
 * released; a change is a new step. */
static const char *const statsMigrations[] = {
    "CREATE TABLE domains ("
    "  uuid @TEXT@ PRIMARY KEY,"
    "  name @TEXT@ NOT NULL,"
    "  last_seen @INT@ NOT NULL);"
    "CREATE TABLE samples ("
    "  uuid @TEXT@ NOT NULL, ts @INT@ NOT NULL, state @INT@,"
    "  cpu_time @INT@, io_bytes @INT@, io_ops @INT@,"
    "  cpu_faults @INT@, mem_faults @INT@, nproc_faults @INT@, ep_faults @INT@,"
    "  mem @INT@, nproc @INT@, ep @INT@, cpu_limit @INT@, mem_limit @INT@,"
    "  cpu @REAL@, io @REAL@, iops @REAL@,"
    "  cpu_f @INT@, mem_f @INT@, nproc_f @INT@, ep_f @INT@,"
    "  UNIQUE (uuid, ts));"
    "CREATE INDEX samples_ts ON samples (ts);"
    "CREATE TABLE minutes ("
    "  uuid @TEXT@ NOT NULL, ts @INT@ NOT NULL, n @INT@ NOT NULL,"
    "  cpu_sum @REAL@, cpu_cnt @INT@, cpu_max @REAL@,"
    "  mem_sum @REAL@, mem_cnt @INT@, mem_max @REAL@,"
    "  io_sum @REAL@, io_cnt @INT@, io_max @REAL@,"
    "  iops_sum @REAL@, iops_cnt @INT@, iops_max @REAL@,"
    "  nproc_sum @REAL@, nproc_cnt @INT@, nproc_max @REAL@,"
    "  ep_sum @REAL@, ep_cnt @INT@, ep_max @REAL@,"
    "  cpu_f @INT@, mem_f @INT@, nproc_f @INT@, ep_f @INT@,"
    "  PRIMARY KEY (uuid, ts));"
    "CREATE INDEX minutes_ts ON minutes (ts);"
    "CREATE TABLE hours AS SELECT * FROM minutes WHERE 1 = 0;"
    "CREATE UNIQUE INDEX hours_key ON hours (uuid, ts);"
    "CREATE INDEX hours_ts ON hours (ts);"
    "CREATE TABLE rollup (level @TEXT@ PRIMARY KEY, newest @INT@ NOT NULL);",
};
G_STATIC_ASSERT(G_N_ELEMENTS(statsMigrations) == STATS_SCHEMA_VERSION);

/* The gauges the roll-ups aggregate and the fault deltas they add up. */
static const char *const statsGauges[] = { "cpu", "mem", "io", "iops", "nproc", "ep" };
static const char *const statsFaults[] = { "cpu_f", "mem_f", "nproc_f", "ep_f" };

static bool
statsExec(statsStore *store, const char *sql, GError **error)
{
    return statsDbExec(store->db, sql, error);
}

statsStmt *
statsStorePrepare(statsStore *store, const char *sql, GError **error)
{
    return statsDbPrepare(store->db, sql, error);
}

/* Brings the schema from @version up to STATS_SCHEMA_VERSION, one
 * transaction per step, so that a step that fails leaves the last one. */
static bool
statsMigrate(statsStore *store, int version, GError **error)
{
    for (; version < STATS_SCHEMA_VERSION; version++) {
        g_autofree char *step = statsDbSchemaSql(store->db, statsMigrations[version]);
        g_autofree char *record = statsDbSetVersionSql(store->db, version + 1);
        g_autofree char *sql = g_strdup_printf("%s; %s %s COMMIT;", store->db->driver->begin,
                                               step, record);

        if (!statsExec(store, sql, error)) {
            statsDbExec(store->db, "ROLLBACK", NULL);
            g_prefix_error(error, "schema version %d to %d: ", version, version + 1);
            return false;
        }
    }
    return true;
}

static bool
statsCheckVersion(statsStore *store, bool create, GError **error)
{
    int version = statsDbVersion(store->db, error);

    if (version < 0)
        return false;
    if (version > STATS_SCHEMA_VERSION) {
        g_set_error(error, STATS_STORE_ERROR, 0,
                    "%s: the database has schema version %d, newer than this program knows (%d)",
                    store->db->display, version, STATS_SCHEMA_VERSION);
        return false;
    }
    if (version == STATS_SCHEMA_VERSION)
        return true;
    if (!create) {
        g_set_error(error, STATS_STORE_ERROR, 0, version == 0 ?
                    "%s: not a virtkit statistics database (no schema)" :
                    "%s: schema version %d is older than %d: run virtkit-statsd on it once to migrate it",
                    store->db->display, version, STATS_SCHEMA_VERSION);
        return false;
    }
    return statsMigrate(store, version, error);
}

/* "INSERT INTO @table ... ON CONFLICT ... DO UPDATE": one sample folded
 * into its bucket of @table: ?1 uuid, ?2 the bucket's time, then for
 * each gauge of statsGauges its sum, count and max (?3-?20: the value, 1
 * and the value, or NULL, 0 and NULL without one), then the fault deltas
 * of statsFaults (?21-?24).  Sums and counts add (a NULL sum stays NULL
 * until a value comes, as sum() over no values), maxima take the larger:
 * what the GROUP BY of statsRollupSql gives over the same samples. */
static char *
statsFoldSql(const char *table)
{
    g_autoptr(GString) cols = g_string_new("uuid, ts, n");
    g_autoptr(GString) vals = g_string_new("?1, ?2, 1");
    g_autoptr(GString) update = g_string_new(NULL);
    int param = 3;
    size_t i;

    g_string_append_printf(update, "n = %s.n + 1", table);
    for (i = 0; i < G_N_ELEMENTS(statsGauges); i++) {
        const char *g = statsGauges[i];

        g_string_append_printf(cols, ", %s_sum, %s_cnt, %s_max", g, g, g);
        g_string_append_printf(vals, ", ?%d, ?%d, ?%d", param, param + 1, param + 2);
        param += 3;
        g_string_append_printf(update, ", %s_sum = coalesce(%s.%s_sum + excluded.%s_sum,"
                               " %s.%s_sum, excluded.%s_sum)", g, table, g, g, table, g, g);
        g_string_append_printf(update, ", %s_cnt = %s.%s_cnt + excluded.%s_cnt", g, table, g, g);
        g_string_append_printf(update, ", %s_max = CASE WHEN %s.%s_max IS NULL"
                               " OR excluded.%s_max > %s.%s_max THEN excluded.%s_max"
                               " ELSE %s.%s_max END", g, table, g, g, table, g, g, table, g);
    }
    for (i = 0; i < G_N_ELEMENTS(statsFaults); i++) {
        const char *f = statsFaults[i];

        g_string_append_printf(cols, ", %s", f);
        g_string_append_printf(vals, ", ?%d", param++);
        g_string_append_printf(update, ", %s = coalesce(%s.%s + excluded.%s, %s.%s, excluded.%s)",
                               f, table, f, f, table, f, f);
    }
    return g_strdup_printf("INSERT INTO %s (%s) VALUES (%s) ON CONFLICT (uuid, ts) DO UPDATE SET %s",
                           table, cols->str, vals->str, update->str);
}

static bool
statsPrepareWriter(statsStore *store, GError **error)
{
    g_autofree char *foldMinute = statsFoldSql("minutes");
    g_autofree char *foldHour = statsFoldSql("hours");

    /* the newest sample up to a time: the one before it, or the very
     * sample when it is stored already */
    store->prev = statsStorePrepare(store,
        "SELECT ts, cpu_time, io_bytes, io_ops, cpu_faults, mem_faults, nproc_faults, ep_faults"
        " FROM samples WHERE uuid = ?1 AND ts <= ?2 ORDER BY ts DESC LIMIT 1", error);
    store->insert = statsStorePrepare(store,
        "INSERT INTO samples (uuid, ts, state,"
        "  cpu_time, io_bytes, io_ops, cpu_faults, mem_faults, nproc_faults, ep_faults,"
        "  mem, nproc, ep, cpu_limit, mem_limit, cpu, io, iops, cpu_f, mem_f, nproc_f, ep_f)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15,"
        "  ?16, ?17, ?18, ?19, ?20, ?21, ?22)"
        " ON CONFLICT (uuid, ts) DO NOTHING", error);
    store->domain = statsStorePrepare(store,
        "INSERT INTO domains (uuid, name, last_seen) VALUES (?1, ?2, ?3)"
        " ON CONFLICT (uuid) DO UPDATE SET name = excluded.name, last_seen = excluded.last_seen"
        " WHERE excluded.last_seen >= domains.last_seen", error);
    store->foldMinute = statsStorePrepare(store, foldMinute, error);
    store->foldHour = statsStorePrepare(store, foldHour, error);
    return store->prev && store->insert && store->domain && store->foldMinute && store->foldHour;
}

statsStore *
statsStoreOpen(const char *target, bool create, GError **error)
{
    g_autoptr(statsStore) store = g_new0(statsStore, 1);

    if (!(store->db = statsDbOpen(target, create ? STATS_DB_WRITE : STATS_DB_READ, error)))
        return NULL;
    if (!statsCheckVersion(store, create, error))
        return NULL;
    if (create && !statsPrepareWriter(store, error))
        return NULL;
    return g_steal_pointer(&store);
}

void
statsStoreClose(statsStore *store)
{
    if (!store)
        return;
    statsStmtFree(store->prev);
    statsStmtFree(store->insert);
    statsStmtFree(store->domain);
    statsStmtFree(store->foldMinute);
    statsStmtFree(store->foldHour);
    statsDbClose(store->db);
    g_free(store);
}

statsDb *
statsStoreDb(statsStore *store)
{
    return store->db;
}

gint64
statsStoreNow(void)
{
    const char *fixed = g_getenv("VIRTKIT_STATS_NOW");

    if (fixed && *fixed)
        return (gint64)(g_ascii_strtod(fixed, NULL) * 1000);
    return g_get_real_time() / 1000;
}

/* ---- a round ---------------------------------------------------------- */

bool
statsStoreBegin(statsStore *store, GError **error)
{
    store->roundMax = G_MININT64;
    return statsExec(store, store->db->driver->begin, error);
}

void
statsStoreRollback(statsStore *store)
{
    statsDbExec(store->db, "ROLLBACK", NULL);
}

/* What a sample adds to its minute and hour: the gauges of statsGauges
 * and the fault deltas of statsFaults, each known or not. */
typedef struct {
    bool hasGauge[G_N_ELEMENTS(statsGauges)];
    double gauge[G_N_ELEMENTS(statsGauges)];
    bool hasFault[G_N_ELEMENTS(statsFaults)];
    gint64 fault[G_N_ELEMENTS(statsFaults)];
} statsFold;

/* The gauge of statsGauges each rate (cpu, io, iops) is */
enum { STATS_GAUGE_CPU = 0, STATS_GAUGE_MEM, STATS_GAUGE_IO, STATS_GAUGE_IOPS,
       STATS_GAUGE_NPROC, STATS_GAUGE_EP };

/* How much counter @field grew since the previous sample (column @col of
 * store->prev, stepped on a row when @havePrev).  Unknown without a
 * previous sample or without the counter now.  A counter that is smaller
 * than before, or that the previous sample lacked (the domain was not
 * running), counts from the domain's start, which came after that sample. */
static bool
statsDelta(statsStore *store, bool havePrev, int col, const statsSample *sample,
           statsField field, unsigned long long *delta)
{
    unsigned long long before;

    if (!havePrev || !sample->has[field])
        return false;
    if (statsStmtIsNull(store->prev, col)) {
        *delta = sample->value[field];
        return true;
    }
    before = (unsigned long long)statsStmtInt64(store->prev, col);
    *delta = sample->value[field] >= before ? sample->value[field] - before : sample->value[field];
    return true;
}

/* What the counters mean since the previous sample (store->prev, stepped
 * on its row when @havePrev): the rates (cpu %, io bytes/s, iops) and the
 * fault deltas, with the gauges as they are, in @fold. */
static void
statsDerive(statsStore *store, bool havePrev, gint64 ts, const statsSample *sample,
            statsFold *fold)
{
    static const statsField rates[] = { STATS_CPU_TIME, STATS_IO_BYTES, STATS_IO_OPS };
    static const int rateGauge[] = { STATS_GAUGE_CPU, STATS_GAUGE_IO, STATS_GAUGE_IOPS };
    /* CPU ns per ms of wall time -> % of one CPU; the others per second */
    static const double scale[] = { 100.0 / 1e6, 1000.0, 1000.0 };
    static const statsField gauges[] = { STATS_MEM, STATS_NPROC, STATS_EP };
    static const int gaugeGauge[] = { STATS_GAUGE_MEM, STATS_GAUGE_NPROC, STATS_GAUGE_EP };
    gint64 dt = havePrev ? ts - statsStmtInt64(store->prev, 0) : 0;
    unsigned long long d;
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(rates); i++) {
        if (dt > 0 && statsDelta(store, havePrev, 1 + rates[i], sample, rates[i], &d)) {
            fold->hasGauge[rateGauge[i]] = true;
            fold->gauge[rateGauge[i]] = (double)d * scale[i] / (double)dt;
        }
    }
    for (i = 0; i < G_N_ELEMENTS(gauges); i++) {
        fold->hasGauge[gaugeGauge[i]] = sample->has[gauges[i]];
        fold->gauge[gaugeGauge[i]] = (double)sample->value[gauges[i]];
    }
    for (i = STATS_CPU_FAULTS; i <= STATS_EP_FAULTS; i++) {
        size_t f = i - STATS_CPU_FAULTS;

        if (statsDelta(store, havePrev, 1 + i, sample, i, &d)) {
            fold->hasFault[f] = true;
            fold->fault[f] = (gint64)d;
        }
    }
}

/* Reads the domain's newest sample up to @ts into @fold's derived values:
 * 1 when the sample of @ts is new, 0 when it is stored already (a
 * restarted collector at a time it wrote), -1 with @error set. */
static int
statsPrevious(statsStore *store, gint64 ts, const statsSample *sample, statsFold *fold,
              GError **error)
{
    int rc;

    statsStmtBindText(store->prev, 1, sample->uuid);
    statsStmtBindInt64(store->prev, 2, ts);
    rc = statsStmtStep(store->prev, error);
    if (rc > 0 && statsStmtInt64(store->prev, 0) == ts) {
        rc = 0;
    } else if (rc >= 0) {
        statsDerive(store, rc > 0, ts, sample, fold);
        rc = 1;
    }
    statsStmtReset(store->prev);
    if (rc < 0)
        g_prefix_error(error, "cannot read the previous sample: ");
    return rc;
}

/* Runs @stmt, which returns no row, and makes it ready for the next. */
static bool
statsStep(statsStmt *stmt, GError **error)
{
    int rc = statsStmtStep(stmt, error);

    statsStmtReset(stmt);
    if (rc < 0) {
        g_prefix_error(error, "cannot write a sample: ");
        return false;
    }
    return true;
}

/* The sample itself: its counters and gauges as read, and @fold's rates
 * (?16 cpu %, ?17 io bytes/s, ?18 iops) and fault deltas (?19-?22). */
static bool
statsInsert(statsStore *store, gint64 ts, const statsSample *sample, const statsFold *fold,
            GError **error)
{
    static const int rateGauge[] = { STATS_GAUGE_CPU, STATS_GAUGE_IO, STATS_GAUGE_IOPS };
    size_t i;

    statsStmtBindText(store->insert, 1, sample->uuid);
    statsStmtBindInt64(store->insert, 2, ts);
    statsStmtBindInt64(store->insert, 3, sample->state);
    for (i = 0; i < STATS_FIELD_LAST; i++) {
        if (sample->has[i])
            statsStmtBindInt64(store->insert, 4 + i, (gint64)sample->value[i]);
    }
    for (i = 0; i < G_N_ELEMENTS(rateGauge); i++) {
        if (fold->hasGauge[rateGauge[i]])
            statsStmtBindDouble(store->insert, 16 + i, fold->gauge[rateGauge[i]]);
    }
    for (i = 0; i < G_N_ELEMENTS(statsFaults); i++) {
        if (fold->hasFault[i])
            statsStmtBindInt64(store->insert, 19 + i, fold->fault[i]);
    }
    return statsStep(store->insert, error);
}

/* @fold added to the bucket of @width ms that holds @ts (statsFoldSql) */
static bool
statsFoldInto(statsStmt *stmt, gint64 width, const char *uuid, gint64 ts,
              const statsFold *fold, GError **error)
{
    size_t i;

    statsStmtBindText(stmt, 1, uuid);
    statsStmtBindInt64(stmt, 2, ts - ts % width);
    for (i = 0; i < G_N_ELEMENTS(statsGauges); i++) {
        statsStmtBindInt64(stmt, 4 + 3 * i, fold->hasGauge[i] ? 1 : 0);
        if (fold->hasGauge[i]) {
            statsStmtBindDouble(stmt, 3 + 3 * i, fold->gauge[i]);
            statsStmtBindDouble(stmt, 5 + 3 * i, fold->gauge[i]);
        }
    }
    for (i = 0; i < G_N_ELEMENTS(statsFaults); i++) {
        if (fold->hasFault[i])
            statsStmtBindInt64(stmt, 21 + i, fold->fault[i]);
    }
    return statsStep(stmt, error);
}

bool
statsStoreWrite(statsStore *store, gint64 ts, const statsSample *sample, GError **error)
{
    statsFold fold = { 0 };
    int isNew = statsPrevious(store, ts, sample, &fold, error);

    if (isNew < 0)
        return false;
    if (isNew) {
        if (!statsInsert(store, ts, sample, &fold, error) ||
            !statsFoldInto(store->foldMinute, STATS_MINUTE_MS, sample->uuid, ts, &fold, error) ||
            !statsFoldInto(store->foldHour, STATS_HOUR_MS, sample->uuid, ts, &fold, error))
            return false;
        store->roundMax = MAX(store->roundMax, ts);
    }

    statsStmtBindText(store->domain, 1, sample->uuid);
    statsStmtBindText(store->domain, 2, sample->name);
    statsStmtBindInt64(store->domain, 3, ts);
    return statsStep(store->domain, error);
}

/* ---- roll-ups and retention -------------------------------------------- */

/* "INSERT INTO @to ... SELECT ... FROM @from WHERE ts >= ?1", a bucket
 * already there replaced: the buckets of @width ms from @from's rows, raw
 * samples when @raw. */
static char *
statsRollupSql(const char *to, const char *from, gint64 width, bool raw)
{
    g_autoptr(GString) cols = g_string_new("uuid, ts, n");
    g_autoptr(GString) vals = g_string_new(NULL);
    g_autoptr(GString) update = g_string_new("n = excluded.n");
    size_t i;

    g_string_append_printf(vals, "uuid, ts - ts %% %" G_GINT64_FORMAT ", %s", width,
                           raw ? "count(*)" : "sum(n)");
    for (i = 0; i < G_N_ELEMENTS(statsGauges); i++) {
        const char *g = statsGauges[i];

        g_string_append_printf(cols, ", %s_sum, %s_cnt, %s_max", g, g, g);
        g_string_append_printf(update, ", %s_sum = excluded.%s_sum, %s_cnt = excluded.%s_cnt,"
                               " %s_max = excluded.%s_max", g, g, g, g, g, g);
        if (raw)
            g_string_append_printf(vals, ", sum(%s), count(%s), max(%s)", g, g, g);
        else
            g_string_append_printf(vals, ", sum(%s_sum), sum(%s_cnt), max(%s_max)", g, g, g);
    }
    for (i = 0; i < G_N_ELEMENTS(statsFaults); i++) {
        g_string_append_printf(cols, ", %s", statsFaults[i]);
        g_string_append_printf(vals, ", sum(%s)", statsFaults[i]);
        g_string_append_printf(update, ", %s = excluded.%s", statsFaults[i], statsFaults[i]);
    }
    /* SQLite reads ON CONFLICT after a SELECT only behind a WHERE */
    return g_strdup_printf("INSERT INTO %s (%s) SELECT %s FROM %s WHERE ts >= ?1"
                           " GROUP BY 1, 2 ON CONFLICT (uuid, ts) DO UPDATE SET %s",
                           to, cols->str, vals->str, from, update->str);
}

/* Runs @sql with ?1 = @arg. */
static bool
statsRun(statsStore *store, const char *sql, gint64 arg, GError **error)
{
    g_autoptr(statsStmt) stmt = statsStorePrepare(store, sql, error);

    if (!stmt)
        return false;
    statsStmtBindInt64(stmt, 1, arg);
    if (statsStmtStep(stmt, error) < 0) {
        g_prefix_error(error, "cannot update the database: ");
        return false;
    }
    return true;
}

/* The newest minute bucket rolled up so far (0 when none was) in
 * @newest. */
static bool
statsRolledUp(statsStore *store, gint64 *newest, GError **error)
{
    g_autoptr(statsStmt) stmt = statsStorePrepare(store,
        "SELECT newest FROM rollup WHERE level = 'minute'", error);
    int rc;

    if (!stmt || (rc = statsStmtStep(stmt, error)) < 0)
        return false;
    *newest = rc > 0 ? statsStmtInt64(stmt, 0) : 0;
    return true;
}

/* The round's samples are in their buckets already (statsStoreWrite).
 * A database where nothing was rolled up yet (new, or filled with raw
 * samples by hand) has its buckets recomputed from all its samples once;
 * the newest minute rolled up is recorded. */
static bool
statsRollup(statsStore *store, GError **error)
{
    static const char *const record =
        "INSERT INTO rollup (level, newest) SELECT 'minute', coalesce(max(ts), 0) FROM minutes"
        " WHERE ts >= ?1 ON CONFLICT (level) DO UPDATE SET newest = excluded.newest";
    gint64 newest;

    if (!statsRolledUp(store, &newest, error))
        return false;
    if (newest == 0) {
        g_autofree char *minutes = statsRollupSql("minutes", "samples", STATS_MINUTE_MS, true);
        g_autofree char *hours = statsRollupSql("hours", "minutes", STATS_HOUR_MS, false);

        return statsRun(store, minutes, 0, error) && statsRun(store, hours, 0, error) &&
            statsRun(store, record, 0, error);
    }
    if (store->roundMax - store->roundMax % STATS_MINUTE_MS <= newest)
        return true;
    return statsRun(store, record, store->roundMax - store->roundMax % STATS_MINUTE_MS, error);
}

static bool
statsRetain(statsStore *store, gint64 now, const statsRetention *retention, GError **error)
{
    static const char *const sql[] = {
        "DELETE FROM samples WHERE ts < ?1",
        "DELETE FROM minutes WHERE ts < ?1",
        "DELETE FROM hours WHERE ts < ?1",
    };
    const gint64 keep[] = { retention->raw, retention->minute, retention->hour };
    gint64 longest = 0;
    bool forever = false;
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(sql); i++) {
        if (keep[i] == 0) {
            forever = true;
            continue;
        }
        if (!statsRun(store, sql[i], now - keep[i], error))
            return false;
        longest = MAX(longest, keep[i]);
    }
    /* a domain last seen before every table's horizon has no rows left */
    if (forever)
        return true;
    return statsRun(store, "DELETE FROM domains WHERE last_seen < ?1", now - longest, error);
}

bool
statsStoreCommit(statsStore *store, gint64 now, const statsRetention *retention,
                 GError **error)
{
    if (!statsRollup(store, error) ||
        !statsRetain(store, now, retention, error) ||
        !statsExec(store, "COMMIT", error)) {
        statsStoreRollback(store);
        return false;
    }
    return true;
}
