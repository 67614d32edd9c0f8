/*
 * stats-store.c: the usage-history database (SQLite): its schema and
 * migrations, the collector's rounds, the roll-ups and the retention
 *
 * samples   one row per domain and sample time (UNIQUE (uuid, ts)): the
 *           counters as the hypervisor gave them, and what they mean over
 *           the time since the domain's previous sample: CPU %, IO rates
 *           and fault deltas.  The previous sample is read from the table,
 *           so a collector that restarts goes on from the last committed
 *           round: no spike, no invented gap.
 * minutes,  per domain and minute (hour): for each gauge the sum, count and
 * hours     maximum of its values (so averages combine exactly), and the
 *           sums of the fault deltas.  Each round recomputes the buckets it
 *           touched, in its own transaction.
 * domains   the last name each uuid had.
 * rollup    the newest minute bucket rolled up (a pre-filled database
 *           has none: everything in it is rolled up on the first round).
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "stats-store.h"

struct _statsStore {
    sqlite3 *db;
    char *path;
    sqlite3_stmt *prev;         /* the domain's last sample before a time */
    sqlite3_stmt *insert;
    sqlite3_stmt *domain;
    gint64 roundMin, roundMax;  /* times written in the current round */
};

G_DEFINE_QUARK(stats-store-error-quark, stats_store_error)

/* Schema steps: statsMigrations[i] takes user_version i to i + 1.  A step
 * is never edited once released; a change is a new step. */
static const char *const statsMigrations[] = {
    "CREATE TABLE domains ("
    "  uuid TEXT PRIMARY KEY,"
    "  name TEXT NOT NULL,"
    "  last_seen INTEGER NOT NULL);"
    "CREATE TABLE samples ("
    "  uuid TEXT NOT NULL, ts INTEGER NOT NULL, state INTEGER,"
    "  cpu_time INTEGER, io_bytes INTEGER, io_ops INTEGER,"
    "  cpu_faults INTEGER, mem_faults INTEGER, nproc_faults INTEGER, ep_faults INTEGER,"
    "  mem INTEGER, nproc INTEGER, ep INTEGER, cpu_limit INTEGER, mem_limit INTEGER,"
    "  cpu REAL, io REAL, iops REAL,"
    "  cpu_f INTEGER, mem_f INTEGER, nproc_f INTEGER, ep_f INTEGER,"
    "  UNIQUE (uuid, ts));"
    "CREATE INDEX samples_ts ON samples (ts);"
    "CREATE TABLE minutes ("
    "  uuid TEXT NOT NULL, ts INTEGER NOT NULL, n INTEGER NOT NULL,"
    "  cpu_sum REAL, cpu_cnt INTEGER, cpu_max REAL,"
    "  mem_sum REAL, mem_cnt INTEGER, mem_max REAL,"
    "  io_sum REAL, io_cnt INTEGER, io_max REAL,"
    "  iops_sum REAL, iops_cnt INTEGER, iops_max REAL,"
    "  nproc_sum REAL, nproc_cnt INTEGER, nproc_max REAL,"
    "  ep_sum REAL, ep_cnt INTEGER, ep_max REAL,"
    "  cpu_f INTEGER, mem_f INTEGER, nproc_f INTEGER, ep_f INTEGER,"
    "  PRIMARY KEY (uuid, ts));"
    "CREATE INDEX minutes_ts ON minutes (ts);"
    "CREATE TABLE hours AS SELECT * FROM minutes WHERE 0;"
    "CREATE UNIQUE INDEX hours_key ON hours (uuid, ts);"
    "CREATE INDEX hours_ts ON hours (ts);"
    "CREATE TABLE rollup (level TEXT PRIMARY KEY, newest INTEGER NOT NULL);",
};
G_STATIC_ASSERT(G_N_ELEMENTS(statsMigrations) == STATS_SCHEMA_VERSION);

/* The gauges the roll-ups aggregate and the fault deltas they add up. */
static const char *const statsGauges[] = { "cpu", "mem", "io", "iops", "nproc", "ep" };
static const char *const statsFaults[] = { "cpu_f", "mem_f", "nproc_f", "ep_f" };

static bool
statsFail(statsStore *store, GError **error, const char *what)
{
    g_set_error(error, STATS_STORE_ERROR, sqlite3_errcode(store->db), "%s: %s: %s",
                store->path, what, sqlite3_errmsg(store->db));
    return false;
}

static bool
statsExec(statsStore *store, const char *sql, GError **error)
{
    if (sqlite3_exec(store->db, sql, NULL, NULL, NULL) != SQLITE_OK)
        return statsFail(store, error, "cannot update the database");
    return true;
}

sqlite3_stmt *
statsStorePrepare(statsStore *store, const char *sql, GError **error)
{
    sqlite3_stmt *stmt = NULL;

    if (sqlite3_prepare_v2(store->db, sql, -1, &stmt, NULL) != SQLITE_OK) {
        statsFail(store, error, "cannot query the database");
        return NULL;
    }
    return stmt;
}

static int
statsUserVersion(statsStore *store, GError **error)
{
    sqlite3_stmt *stmt = statsStorePrepare(store, "PRAGMA user_version", error);
    int version = -1;

    if (!stmt)
        return -1;
    if (sqlite3_step(stmt) == SQLITE_ROW)
        version = sqlite3_column_int(stmt, 0);
    else
        statsFail(store, error, "cannot read the schema version");
    sqlite3_finalize(stmt);
    return version;
}

/* Brings the schema from @version up to STATS_SCHEMA_VERSION, one
 * transaction per step, so that a step that fails leaves the last one. */
static bool
statsMigrate(statsStore *store, int version, GError **error)
{
    for (; version < STATS_SCHEMA_VERSION; version++) {
        g_autofree char *sql = g_strdup_printf("BEGIN IMMEDIATE; %s PRAGMA user_version = %d; COMMIT;",
                                               statsMigrations[version], version + 1);

        if (!statsExec(store, sql, error)) {
            sqlite3_exec(store->db, "ROLLBACK", NULL, NULL, NULL);
            g_prefix_error(error, "schema version %d to %d: ", version, version + 1);
            return false;
        }
    }
    return true;
}

static bool
statsCheckVersion(statsStore *store, bool create, GError **error)
{
    int version = statsUserVersion(store, error);

    if (version < 0)
        return false;
    if (version > STATS_SCHEMA_VERSION) {
        g_set_error(error, STATS_STORE_ERROR, 0,
                    "%s: the database has schema version %d, newer than this program knows (%d)",
                    store->path, version, STATS_SCHEMA_VERSION);
        return false;
    }
    if (version == STATS_SCHEMA_VERSION)
        return true;
    if (!create) {
        g_set_error(error, STATS_STORE_ERROR, 0, version == 0 ?
                    "%s: not a virtkit statistics database (no schema)" :
                    "%s: schema version %d is older than %d: run virtkit-statsd on it once to migrate it",
                    store->path, version, STATS_SCHEMA_VERSION);
        return false;
    }
    return statsMigrate(store, version, error);
}

static bool
statsPrepareWriter(statsStore *store, GError **error)
{
    store->prev = statsStorePrepare(store,
        "SELECT ts, cpu_time, io_bytes, io_ops, cpu_faults, mem_faults, nproc_faults, ep_faults"
        " FROM samples WHERE uuid = ?1 AND ts < ?2 ORDER BY ts DESC LIMIT 1", error);
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
        " WHERE excluded.last_seen >= last_seen", error);
    return store->prev && store->insert && store->domain;
}

statsStore *
statsStoreOpen(const char *path, bool create, GError **error)
{
    g_autoptr(statsStore) store = g_new0(statsStore, 1);
    int flags = create ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE : SQLITE_OPEN_READONLY;

    store->path = g_strdup(path);
    if (sqlite3_open_v2(path, &store->db, flags, NULL) != SQLITE_OK) {
        statsFail(store, error, "cannot open the database");
        return NULL;
    }
    /* the collector and readers meet in WAL mode: readers never block a
     * round; a round waits for a checkpoint rather than failing */
    sqlite3_busy_timeout(store->db, 10000);
    if (create) {
        /* NORMAL in WAL mode: a killed process loses nothing committed
         * (only a power cut may lose the last rounds) */
        if (!statsExec(store, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL", error))
            return NULL;
    }
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
    sqlite3_finalize(store->prev);
    sqlite3_finalize(store->insert);
    sqlite3_finalize(store->domain);
    sqlite3_close(store->db);
    g_free(store->path);
    g_free(store);
}

sqlite3 *
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
    store->roundMin = G_MAXINT64;
    store->roundMax = G_MININT64;
    return statsExec(store, "BEGIN IMMEDIATE", error);
}

void
statsStoreRollback(statsStore *store)
{
    sqlite3_exec(store->db, "ROLLBACK", NULL, NULL, NULL);
}

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
    if (sqlite3_column_type(store->prev, col) == SQLITE_NULL) {
        *delta = sample->value[field];
        return true;
    }
    before = (unsigned long long)sqlite3_column_int64(store->prev, col);
    *delta = sample->value[field] >= before ? sample->value[field] - before : sample->value[field];
    return true;
}

/* Binds what the counters mean since the previous sample: the rates
 * (?16 cpu %, ?17 io bytes/s, ?18 iops) and the fault deltas (?19-?22). */
static void
statsBindDerived(statsStore *store, gint64 ts, const statsSample *sample)
{
    static const statsField rates[] = { STATS_CPU_TIME, STATS_IO_BYTES, STATS_IO_OPS };
    /* CPU ns per ms of wall time -> % of one CPU; the others per second */
    static const double scale[] = { 100.0 / 1e6, 1000.0, 1000.0 };
    bool havePrev = sqlite3_step(store->prev) == SQLITE_ROW;
    gint64 dt = havePrev ? ts - sqlite3_column_int64(store->prev, 0) : 0;
    unsigned long long d;
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(rates); i++) {
        if (dt > 0 && statsDelta(store, havePrev, 1 + rates[i], sample, rates[i], &d))
            sqlite3_bind_double(store->insert, 16 + i, (double)d * scale[i] / (double)dt);
    }
    for (i = STATS_CPU_FAULTS; i <= STATS_EP_FAULTS; i++) {
        if (statsDelta(store, havePrev, 1 + i, sample, i, &d))
            sqlite3_bind_int64(store->insert, 19 + i - STATS_CPU_FAULTS, (sqlite3_int64)d);
    }
}

static bool
statsStep(statsStore *store, sqlite3_stmt *stmt, GError **error)
{
    int rc = sqlite3_step(stmt);

    sqlite3_reset(stmt);
    sqlite3_clear_bindings(stmt);
    if (rc != SQLITE_DONE)
        return statsFail(store, error, "cannot write a sample");
    return true;
}

bool
statsStoreWrite(statsStore *store, gint64 ts, const statsSample *sample, GError **error)
{
    size_t i;

    sqlite3_bind_text(store->prev, 1, sample->uuid, -1, SQLITE_STATIC);
    sqlite3_bind_int64(store->prev, 2, ts);
    sqlite3_bind_text(store->insert, 1, sample->uuid, -1, SQLITE_STATIC);
    sqlite3_bind_int64(store->insert, 2, ts);
    sqlite3_bind_int(store->insert, 3, sample->state);
    for (i = 0; i < STATS_FIELD_LAST; i++) {
        if (sample->has[i])
            sqlite3_bind_int64(store->insert, 4 + i, (sqlite3_int64)sample->value[i]);
    }
    statsBindDerived(store, ts, sample);
    sqlite3_reset(store->prev);
    sqlite3_clear_bindings(store->prev);
    if (!statsStep(store, store->insert, error))
        return false;

    sqlite3_bind_text(store->domain, 1, sample->uuid, -1, SQLITE_STATIC);
    sqlite3_bind_text(store->domain, 2, sample->name, -1, SQLITE_STATIC);
    sqlite3_bind_int64(store->domain, 3, ts);
    if (!statsStep(store, store->domain, error))
        return false;
    store->roundMin = MIN(store->roundMin, ts);
    store->roundMax = MAX(store->roundMax, ts);
    return true;
}

/* ---- roll-ups and retention -------------------------------------------- */

/* "INSERT OR REPLACE INTO @to ... SELECT ... FROM @from WHERE ts >= ?1":
 * the buckets of @width ms from @from's rows, raw samples when @raw. */
static char *
statsRollupSql(const char *to, const char *from, gint64 width, bool raw)
{
    g_autoptr(GString) cols = g_string_new("uuid, ts, n");
    g_autoptr(GString) vals = g_string_new(NULL);
    size_t i;

    g_string_append_printf(vals, "uuid, ts - ts %% %" G_GINT64_FORMAT ", %s", width,
                           raw ? "count(*)" : "sum(n)");
    for (i = 0; i < G_N_ELEMENTS(statsGauges); i++) {
        const char *g = statsGauges[i];

        g_string_append_printf(cols, ", %s_sum, %s_cnt, %s_max", g, g, g);
        if (raw)
            g_string_append_printf(vals, ", sum(%s), count(%s), max(%s)", g, g, g);
        else
            g_string_append_printf(vals, ", sum(%s_sum), sum(%s_cnt), max(%s_max)", g, g, g);
    }
    for (i = 0; i < G_N_ELEMENTS(statsFaults); i++) {
        g_string_append_printf(cols, ", %s", statsFaults[i]);
        g_string_append_printf(vals, ", sum(%s)", statsFaults[i]);
    }
    return g_strdup_printf("INSERT OR REPLACE INTO %s (%s) SELECT %s FROM %s WHERE ts >= ?1"
                           " GROUP BY 1, 2", to, cols->str, vals->str, from);
}

/* Runs @sql with ?1 = @arg. */
static bool
statsRun(statsStore *store, const char *sql, gint64 arg, GError **error)
{
    sqlite3_stmt *stmt = statsStorePrepare(store, sql, error);
    int rc;

    if (!stmt)
        return false;
    sqlite3_bind_int64(stmt, 1, arg);
    rc = sqlite3_step(stmt);
    sqlite3_finalize(stmt);
    if (rc != SQLITE_DONE)
        return statsFail(store, error, "cannot update the database");
    return true;
}

/* The newest minute bucket rolled up so far; 0 when none was. */
static gint64
statsRolledUp(statsStore *store)
{
    sqlite3_stmt *stmt = statsStorePrepare(store,
        "SELECT newest FROM rollup WHERE level = 'minute'", NULL);
    gint64 newest = 0;

    if (stmt && sqlite3_step(stmt) == SQLITE_ROW)
        newest = sqlite3_column_int64(stmt, 0);
    sqlite3_finalize(stmt);
    return newest;
}

/* Recomputes the minute buckets from the newest one rolled up (or the
 * round's oldest sample, if the clock went back) and their hours.  The
 * retention keeps every sample of those buckets: raw samples live at
 * least an hour, minute rows at least a day. */
static bool
statsRollup(statsStore *store, GError **error)
{
    gint64 newest = statsRolledUp(store);
    gint64 from = newest;
    g_autofree char *minutes = statsRollupSql("minutes", "samples", STATS_MINUTE_MS, true);
    g_autofree char *hours = statsRollupSql("hours", "minutes", STATS_HOUR_MS, false);

    if (store->roundMin != G_MAXINT64) {
        from = MIN(from, store->roundMin - store->roundMin % STATS_MINUTE_MS);
        newest = MAX(newest, store->roundMax - store->roundMax % STATS_MINUTE_MS);
    }
    return statsRun(store, minutes, from, error) &&
        statsRun(store, hours, from - from % STATS_HOUR_MS, error) &&
        statsRun(store, "INSERT OR REPLACE INTO rollup (level, newest) VALUES ('minute', ?1)",
                 newest, error);
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
