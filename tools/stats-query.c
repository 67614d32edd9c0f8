/*
 * stats-query.c: virtkit-info's questions to the usage-history database
 *
 * Every question reads the minute or the hour roll-ups (stats-store.c):
 * averages are sums over counts, so they weigh every sample the same
 * whatever the table.  A bucket belongs to a range when it overlaps it.
 * The SQL is the same on both backends (stats-db.h): PostgreSQL wants
 * every column it groups named in GROUP BY, and no alias in HAVING.
 */
#include <config.h>

#include <math.h>
#include <string.h>

#include "stats-query.h"

static const char *const statsStepNames[] = { "auto", "minute", "hour" };
static const char *const statsStepTables[] = { "minutes", "minutes", "hours" };
static const gint64 statsStepWidths[] = { STATS_MINUTE_MS, STATS_MINUTE_MS, STATS_HOUR_MS };

const char *
statsStepName(statsStep step)
{
    return statsStepNames[step];
}

void
statsResultFree(statsResult *result)
{
    if (!result)
        return;
    if (result->cells)
        g_ptr_array_unref(result->cells);
    g_free(result);
}

char *
statsFormatTime(gint64 ms, bool seconds)
{
    g_autoptr(GDateTime) t = g_date_time_new_from_unix_local(ms / 1000);

    return g_date_time_format(t, seconds ? "%Y-%m-%d %H:%M:%S" : "%Y-%m-%d %H:%M");
}

/* Column @i of @stmt's row as @kind shows it; NULL for NULL. */
static char *
statsCell(statsStmt *stmt, int i, statsColKind kind)
{
    char buf[G_ASCII_DTOSTR_BUF_SIZE];

    if (statsStmtIsNull(stmt, i))
        return NULL;
    switch (kind) {
    case STATS_COL_TEXT:
        return g_strdup(statsStmtText(stmt, i));
    case STATS_COL_TIME:
        return statsFormatTime(statsStmtInt64(stmt, i), false);
    case STATS_COL_INT:
        return g_strdup(g_ascii_formatd(buf, sizeof(buf), "%.0f", statsStmtDouble(stmt, i)));
    case STATS_COL_DEC:
        return g_strdup(g_ascii_formatd(buf, sizeof(buf), "%.1f", statsStmtDouble(stmt, i)));
    }
    return NULL;
}

/* Steps @stmt to its end, @ncols cells per result row. */
static statsResult *
statsRun(statsStmt *stmt, const statsColumn *cols, size_t ncols, GError **error)
{
    g_autoptr(statsResult) result = g_new0(statsResult, 1);
    int rc;

    result->cols = cols;
    result->ncols = ncols;
    result->cells = g_ptr_array_new_with_free_func(g_free);
    while ((rc = statsStmtStep(stmt, error)) > 0) {
        size_t i;

        for (i = 0; i < ncols; i++)
            g_ptr_array_add(result->cells, statsCell(stmt, i, cols[i].kind));
    }
    if (rc < 0) {
        g_prefix_error(error, "cannot read the database: ");
        return NULL;
    }
    result->nrows = result->cells->len / ncols;
    return g_steal_pointer(&result);
}

/* Prepares @sql with "%1$s" the table of @step and "%2$lld" its bucket
 * width, and binds ?1 @from and ?2 @to. */
static statsStmt *
statsPrepareRange(statsStore *store, const char *sql, statsStep step, gint64 from, gint64 to,
                  GError **error)
{
    g_autofree char *text = g_strdup_printf(sql, statsStepTables[step],
                                            (long long)statsStepWidths[step]);
    statsStmt *stmt = statsStorePrepare(store, text, error);

    if (!stmt)
        return NULL;
    statsStmtBindInt64(stmt, 1, from);
    statsStmtBindInt64(stmt, 2, to);
    return stmt;
}

statsStep
statsQueryStep(statsStore *store, gint64 from, statsStep step)
{
    g_autoptr(statsStmt) stmt = NULL;

    if (step != STATS_STEP_AUTO)
        return step;
    stmt = statsStorePrepare(store,
        "WITH first (ts) AS (SELECT min(ts) FROM minutes)"
        " SELECT CASE WHEN (SELECT ts FROM first) <= ?1 OR NOT EXISTS"
        " (SELECT 1 FROM hours WHERE ts > ?1 - 3600000"
        "  AND ts < coalesce((SELECT ts - ts % 3600000 FROM first), ts + 1))"
        " THEN 1 ELSE 0 END", NULL);
    if (!stmt)
        return STATS_STEP_MINUTE;
    statsStmtBindInt64(stmt, 1, from);
    if (statsStmtStep(stmt, NULL) > 0 && statsStmtInt64(stmt, 0) == 0)
        return STATS_STEP_HOUR;
    return STATS_STEP_MINUTE;
}

char *
statsQueryFindDomain(statsStore *store, const char *name, GError **error)
{
    g_autoptr(statsStmt) stmt = statsStorePrepare(store,
        "SELECT uuid FROM domains WHERE name = ?1 OR uuid = lower(?1)"
        " ORDER BY last_seen DESC LIMIT 1", error);
    int rc;

    if (!stmt)
        return NULL;
    statsStmtBindText(stmt, 1, name);
    if ((rc = statsStmtStep(stmt, error)) < 0)
        return NULL;
    if (rc == 0) {
        g_set_error(error, STATS_STORE_ERROR, 0, "no domain '%s' in the database", name);
        return NULL;
    }
    return g_strdup(statsStmtText(stmt, 0));
}

/* ---- the questions ------------------------------------------------------ */

/* The sum of the fault deltas of a group of rows; NULL when no row knew
 * any (a driver without fault counters). */
#define STATS_FAULTS_SQL \
    "CASE WHEN count(cpu_f) + count(mem_f) + count(nproc_f) + count(ep_f) > 0" \
    " THEN sum(coalesce(cpu_f, 0) + coalesce(mem_f, 0) + coalesce(nproc_f, 0)" \
    " + coalesce(ep_f, 0)) END"

/* The rows of the range; %1$s the table, %2$lld its bucket width. */
#define STATS_RANGE_SQL \
    " FROM %1$s s LEFT JOIN domains d ON d.uuid = s.uuid" \
    " WHERE s.ts > ?1 - %2$lld AND s.ts < ?2"

static const statsColumn statsTopColumns[] = {
    { "Domain", "domain", STATS_COL_TEXT },
    { NULL, "uuid", STATS_COL_TEXT },
    { "aCPU", "cpu_avg", STATS_COL_DEC },
    { "mCPU", "cpu_max", STATS_COL_DEC },
    { "aMem", "mem_avg", STATS_COL_INT },
    { "mMem", "mem_max", STATS_COL_INT },
    { "aIO", "io_avg", STATS_COL_DEC },
    { "mIO", "io_max", STATS_COL_DEC },
    { "aIOPS", "iops_avg", STATS_COL_DEC },
    { "mIOPS", "iops_max", STATS_COL_DEC },
    { "Faults", "faults", STATS_COL_INT },
};

/* What --by ranks: the columns it reads and the aggregate it is. */
static const struct {
    const char *cols;
    const char *key;
} statsByKeys[STATS_BY_LAST] = {
    [STATS_BY_CPU] = { "cpu_sum, cpu_cnt", "sum(cpu_sum) / sum(cpu_cnt)" },
    [STATS_BY_MEM] = { "mem_sum, mem_cnt", "sum(mem_sum) / sum(mem_cnt)" },
    [STATS_BY_IO] = { "io_sum, io_cnt", "sum(io_sum) / sum(io_cnt) / 1024" },
    [STATS_BY_FAULTS] = { "cpu_f, mem_f, nproc_f, ep_f", STATS_FAULTS_SQL },
};

/* The columns the top-N table is made of */
#define STATS_TOP_COLS \
    "uuid, cpu_sum, cpu_cnt, cpu_max, mem_sum, mem_cnt, mem_max, io_sum, io_cnt, io_max," \
    " iops_sum, iops_cnt, iops_max, cpu_f, mem_f, nproc_f, ep_f"

/* Where a top-N reads its rows (@cols of them, and @filter after each
 * WHERE): the bucket rows of @step's table that overlap ?1..?2, or with
 * @spans the hour rows of the whole hours ?3..?4 and the minute rows
 * before and after them (two ranges of the ts index, not one range
 * filtered row by row). */
static char *
statsTopRows(bool spans, statsStep step, const char *cols, const char *filter)
{
    if (!spans)
        return g_strdup_printf("SELECT %s FROM %s WHERE ts > ?1 - %lld AND ts < ?2%s", cols,
                               statsStepTables[step], (long long)statsStepWidths[step], filter);
    return g_strdup_printf("SELECT %1$s FROM hours WHERE ts >= ?3 AND ts < ?4%2$s"
                           " UNION ALL SELECT %1$s FROM minutes WHERE ts > ?1 - 60000"
                           " AND ts < ?3%2$s"
                           " UNION ALL SELECT %1$s FROM minutes WHERE ts >= ?4 AND ts < ?2%2$s",
                           cols, filter);
}

/* The top @limitParam domains by @by over statsTopRows(): ranked first
 * on the one aggregate --by names (two columns a row read, not all of
 * them), and only the domains ranked are then read whole, through the
 * (uuid, ts) keys.  The order is the rank's: its value, then the name,
 * then the uuid. */
static char *
statsTopSql(bool spans, statsStep step, statsBy by, int limitParam)
{
    g_autofree char *keyCols = g_strconcat("uuid, ", statsByKeys[by].cols, NULL);
    g_autofree char *keyRows = statsTopRows(spans, step, keyCols, "");
    g_autofree char *rows = statsTopRows(spans, step, STATS_TOP_COLS,
                                         " AND uuid IN (SELECT uuid FROM top)");

    return g_strdup_printf(
        "WITH ranked (uuid, k) AS (SELECT uuid, %s FROM (%s) r GROUP BY uuid),"
        " top (uuid, k, name) AS (SELECT r.uuid, r.k, coalesce(d.name, r.uuid) FROM ranked r"
        "  LEFT JOIN domains d ON d.uuid = r.uuid ORDER BY 2 DESC NULLS LAST, 3, 1 LIMIT ?%d)"
        " SELECT t.name, t.uuid,"
        " sum(cpu_sum) / sum(cpu_cnt), max(cpu_max),"
        " sum(mem_sum) / sum(mem_cnt), max(mem_max),"
        " sum(io_sum) / sum(io_cnt) / 1024, max(io_max) / 1024,"
        " sum(iops_sum) / sum(iops_cnt), max(iops_max),"
        " " STATS_FAULTS_SQL
        " FROM top t JOIN (%s) s ON s.uuid = t.uuid"
        " GROUP BY t.uuid, t.name, t.k ORDER BY t.k DESC NULLS LAST, 1, 2",
        statsByKeys[by].key, keyRows, limitParam, rows);
}

statsResult *
statsQueryTop(statsStore *store, statsStep step, gint64 from, gint64 to, statsBy by,
              unsigned int top, GError **error)
{
    g_autofree char *sql = statsTopSql(false, step, by, 3);
    g_autoptr(statsStmt) stmt = statsStorePrepare(store, sql, error);

    if (!stmt)
        return NULL;
    statsStmtBindInt64(stmt, 1, from);
    statsStmtBindInt64(stmt, 2, to);
    statsStmtBindInt64(stmt, 3, top);
    return statsRun(stmt, statsTopColumns, G_N_ELEMENTS(statsTopColumns), error);
}

statsResult *
statsQueryTopSpans(statsStore *store, gint64 from, gint64 to, statsBy by, unsigned int top,
                   GError **error)
{
    /* ?3 the first whole hour, ?4 the end of the last one (both @to when
     * there is none) */
    g_autofree char *sql = statsTopSql(true, STATS_STEP_MINUTE, by, 5);
    g_autoptr(statsStmt) stmt = statsStorePrepare(store, sql, error);
    gint64 hourFrom = from + (STATS_HOUR_MS - from % STATS_HOUR_MS) % STATS_HOUR_MS;
    gint64 hourTo = to - to % STATS_HOUR_MS;

    if (!stmt)
        return NULL;
    statsStmtBindInt64(stmt, 1, from);
    statsStmtBindInt64(stmt, 2, to);
    if (hourFrom >= hourTo)
        hourFrom = hourTo = to;
    statsStmtBindInt64(stmt, 3, hourFrom);
    statsStmtBindInt64(stmt, 4, hourTo);
    statsStmtBindInt64(stmt, 5, top);
    return statsRun(stmt, statsTopColumns, G_N_ELEMENTS(statsTopColumns), error);
}

static const statsColumn statsFaultColumns[] = {
    { "Domain", "domain", STATS_COL_TEXT },
    { NULL, "uuid", STATS_COL_TEXT },
    { "CPUf", "cpu_faults", STATS_COL_INT },
    { "MemF", "mem_faults", STATS_COL_INT },
    { "NprocF", "nproc_faults", STATS_COL_INT },
    { "EPf", "ep_faults", STATS_COL_INT },
    { "Faults", "faults", STATS_COL_INT },
};

statsResult *
statsQueryFaults(statsStore *store, statsStep step, gint64 from, gint64 to, const char *uuid,
                 unsigned int top, GError **error)
{
    g_autoptr(statsStmt) stmt = statsPrepareRange(store,
        "SELECT coalesce(d.name, s.uuid), s.uuid,"
        " sum(cpu_f), sum(mem_f), sum(nproc_f), sum(ep_f), " STATS_FAULTS_SQL " AS faults"
        STATS_RANGE_SQL " AND s.uuid = coalesce(?4, s.uuid)"
        " GROUP BY s.uuid, d.name HAVING " STATS_FAULTS_SQL " > 0"
        " ORDER BY faults DESC, 1, 2 LIMIT ?3",
        step, from, to, error);

    if (!stmt)
        return NULL;
    statsStmtBindInt64(stmt, 3, top);
    if (uuid)
        statsStmtBindText(stmt, 4, uuid);
    return statsRun(stmt, statsFaultColumns, G_N_ELEMENTS(statsFaultColumns), error);
}

static const statsColumn statsHistoryColumns[] = {
    { "Time", "time", STATS_COL_TIME },
    { "Samples", "samples", STATS_COL_INT },
    { "aCPU", "cpu_avg", STATS_COL_DEC },
    { "mCPU", "cpu_max", STATS_COL_DEC },
    { "aMem", "mem_avg", STATS_COL_INT },
    { "mMem", "mem_max", STATS_COL_INT },
    { "aIO", "io_avg", STATS_COL_DEC },
    { "mIO", "io_max", STATS_COL_DEC },
    { "aIOPS", "iops_avg", STATS_COL_DEC },
    { "mIOPS", "iops_max", STATS_COL_DEC },
    { "aNproc", "nproc_avg", STATS_COL_DEC },
    { "mNproc", "nproc_max", STATS_COL_INT },
    { "aEP", "ep_avg", STATS_COL_DEC },
    { "mEP", "ep_max", STATS_COL_INT },
    { "CPUf", "cpu_faults", STATS_COL_INT },
    { "MemF", "mem_faults", STATS_COL_INT },
    { "NprocF", "nproc_faults", STATS_COL_INT },
    { "EPf", "ep_faults", STATS_COL_INT },
};

statsResult *
statsQueryHistory(statsStore *store, statsStep step, gint64 from, gint64 to, const char *uuid,
                  GError **error)
{
    g_autoptr(statsStmt) stmt = statsPrepareRange(store,
        "SELECT s.ts, n, cpu_sum / cpu_cnt, cpu_max, mem_sum / mem_cnt, mem_max,"
        " io_sum / io_cnt / 1024, io_max / 1024, iops_sum / iops_cnt, iops_max,"
        " nproc_sum / nproc_cnt, nproc_max, ep_sum / ep_cnt, ep_max,"
        " cpu_f, mem_f, nproc_f, ep_f"
        STATS_RANGE_SQL " AND s.uuid = ?3 ORDER BY s.ts",
        step, from, to, error);

    if (!stmt)
        return NULL;
    statsStmtBindText(stmt, 3, uuid);
    return statsRun(stmt, statsHistoryColumns, G_N_ELEMENTS(statsHistoryColumns), error);
}

/* ---- numbers for a plot ------------------------------------------------- */

static double
statsNumber(statsStmt *stmt, int i)
{
    return statsStmtIsNull(stmt, i) ? NAN : statsStmtDouble(stmt, i);
}

GArray *
statsQuerySeries(statsStore *store, statsStep step, gint64 from, gint64 to, const char *uuid,
                 GError **error)
{
    g_autoptr(statsStmt) stmt = statsPrepareRange(store,
        "WITH lim (b, cpu_limit, mem_limit) AS"
        " (SELECT ts - ts %% %2$lld, max(cpu_limit), max(mem_limit) FROM samples"
        "  WHERE uuid = ?3 AND ts >= ?1 - %2$lld AND ts < ?2 GROUP BY 1)"
        " SELECT s.ts, cpu_sum / cpu_cnt, cpu_max, lim.cpu_limit,"
        " mem_sum / mem_cnt, mem_max, lim.mem_limit, cpu_f, mem_f, nproc_f, ep_f"
        " FROM %1$s s LEFT JOIN lim ON lim.b = s.ts"
        " WHERE s.uuid = ?3 AND s.ts > ?1 - %2$lld AND s.ts < ?2 ORDER BY s.ts",
        step, from, to, error);
    g_autoptr(GArray) points = g_array_new(FALSE, TRUE, sizeof(statsPoint));
    int rc;

    if (!stmt)
        return NULL;
    statsStmtBindText(stmt, 3, uuid);
    while ((rc = statsStmtStep(stmt, error)) > 0) {
        statsPoint p = {
            .ts = statsStmtInt64(stmt, 0),
            .cpu_avg = statsNumber(stmt, 1), .cpu_max = statsNumber(stmt, 2),
            .cpu_limit = statsNumber(stmt, 3),
            .mem_avg = statsNumber(stmt, 4), .mem_max = statsNumber(stmt, 5),
            .mem_limit = statsNumber(stmt, 6),
        };
        size_t i;

        for (i = 0; i < G_N_ELEMENTS(p.faults); i++)
            p.faults[i] = statsNumber(stmt, 7 + i);
        g_array_append_val(points, p);
    }
    return rc == 0 ? g_steal_pointer(&points) : NULL;
}
