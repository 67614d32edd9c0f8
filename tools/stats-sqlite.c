/*
 * stats-sqlite.c: the SQLite backend of the usage history (stats-db.h),
 * the default: one file, in WAL mode so that readers never hold up a
 * round; the schema version in PRAGMA user_version; one writer at a time
 * by a lock on PATH.lock
 */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <sqlite3.h>

#include "stats-db.h"

typedef struct {
    statsDb parent;
    sqlite3 *db;
    int lock;                   /* the writer's lock on PATH.lock; -1 */
} statsSqliteDb;

typedef struct {
    statsStmt parent;
    sqlite3_stmt *stmt;
} statsSqliteStmt;

#define SQLITE_DB(db) ((statsSqliteDb *)(db))
#define SQLITE_STMT(stmt) (((statsSqliteStmt *)(stmt))->stmt)

static bool
statsSqliteFail(statsDb *db, GError **error, const char *what)
{
    sqlite3 *handle = SQLITE_DB(db)->db;

    g_set_error(error, STATS_STORE_ERROR, sqlite3_errcode(handle), "%s: %s: %s",
                db->display, what, sqlite3_errmsg(handle));
    return false;
}

static void
statsSqliteClose(statsDb *db)
{
    statsSqliteDb *sdb = SQLITE_DB(db);

    sqlite3_close(sdb->db);
    if (sdb->lock >= 0)
        close(sdb->lock);
    g_free(db->display);
    g_free(sdb);
}

/* One collector per database: a second would sample every domain twice.
 * The lock (on PATH.lock, which stays) goes with the process, however it
 * ends.  A --once round beside a running collector is refused too. */
static bool
statsSqliteLock(statsSqliteDb *sdb, const char *path, GError **error)
{
    g_autofree char *lockPath = g_strconcat(path, ".lock", NULL);

    if ((sdb->lock = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0600)) < 0) {
        g_set_error(error, STATS_STORE_ERROR, 0, "cannot open %s: %s", lockPath,
                    g_strerror(errno));
        return false;
    }
    if (flock(sdb->lock, LOCK_EX | LOCK_NB) < 0) {
        if (errno == EWOULDBLOCK)
            g_set_error(error, STATS_STORE_ERROR, 0, "another virtkit-statsd writes %s", path);
        else
            g_set_error(error, STATS_STORE_ERROR, 0, "cannot lock %s: %s", lockPath,
                        g_strerror(errno));
        return false;
    }
    return true;
}

static bool
statsSqliteExec(statsDb *db, const char *sql, GError **error)
{
    if (sqlite3_exec(SQLITE_DB(db)->db, sql, NULL, NULL, NULL) != SQLITE_OK)
        return statsSqliteFail(db, error, "cannot update the database");
    return true;
}

static statsDb *
statsSqliteOpen(const char *path, statsDbMode mode, GError **error)
{
    statsSqliteDb *sdb = g_new0(statsSqliteDb, 1);
    g_autoptr(statsDb) db = &sdb->parent;
    int flags = mode == STATS_DB_WRITE ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE :
        SQLITE_OPEN_READONLY;

    db->driver = &statsSqliteDriver;
    db->display = g_strdup(path);
    sdb->lock = -1;
    if (mode == STATS_DB_WRITE && !statsSqliteLock(sdb, path, error))
        return NULL;
    if (sqlite3_open_v2(path, &sdb->db, flags, NULL) != SQLITE_OK) {
        statsSqliteFail(db, error, "cannot open the database");
        return NULL;
    }
    /* the collector and readers meet in WAL mode: readers never block a
     * round; a round waits for a checkpoint rather than failing */
    sqlite3_busy_timeout(sdb->db, 10000);
    /* NORMAL in WAL mode: a killed process loses nothing committed (only
     * a power cut may lose the last rounds) */
    if (mode == STATS_DB_WRITE &&
        !statsSqliteExec(db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL", error))
        return NULL;
    return g_steal_pointer(&db);
}

static statsStmt *
statsSqlitePrepare(statsDb *db, const char *sql, GError **error)
{
    statsSqliteStmt *stmt = g_new0(statsSqliteStmt, 1);

    stmt->parent.db = db;
    if (sqlite3_prepare_v2(SQLITE_DB(db)->db, sql, -1, &stmt->stmt, NULL) != SQLITE_OK) {
        statsSqliteFail(db, error, "cannot query the database");
        g_free(stmt);
        return NULL;
    }
    return &stmt->parent;
}

static int
statsSqliteVersion(statsDb *db, GError **error)
{
    g_autoptr(statsStmt) stmt = statsSqlitePrepare(db, "PRAGMA user_version", error);

    if (!stmt)
        return -1;
    if (sqlite3_step(SQLITE_STMT(stmt)) != SQLITE_ROW) {
        statsSqliteFail(db, error, "cannot read the schema version");
        return -1;
    }
    return sqlite3_column_int(SQLITE_STMT(stmt), 0);
}

static char *
statsSqliteSetVersionSql(int version)
{
    return g_strdup_printf("PRAGMA user_version = %d;", version);
}

static void
statsSqliteBindInt64(statsStmt *stmt, int i, gint64 value)
{
    sqlite3_bind_int64(SQLITE_STMT(stmt), i, value);
}

static void
statsSqliteBindDouble(statsStmt *stmt, int i, double value)
{
    sqlite3_bind_double(SQLITE_STMT(stmt), i, value);
}

static void
statsSqliteBindText(statsStmt *stmt, int i, const char *value)
{
    sqlite3_bind_text(SQLITE_STMT(stmt), i, value, -1, SQLITE_TRANSIENT);
}

static int
statsSqliteStep(statsStmt *stmt, GError **error)
{
    switch (sqlite3_step(SQLITE_STMT(stmt))) {
    case SQLITE_ROW:
        return 1;
    case SQLITE_DONE:
        return 0;
    }
    g_set_error(error, STATS_STORE_ERROR, sqlite3_errcode(SQLITE_DB(stmt->db)->db), "%s: %s",
                stmt->db->display, sqlite3_errmsg(SQLITE_DB(stmt->db)->db));
    return -1;
}

static bool
statsSqliteIsNull(statsStmt *stmt, int col)
{
    return sqlite3_column_type(SQLITE_STMT(stmt), col) == SQLITE_NULL;
}

static gint64
statsSqliteInt64(statsStmt *stmt, int col)
{
    return sqlite3_column_int64(SQLITE_STMT(stmt), col);
}

static double
statsSqliteDouble(statsStmt *stmt, int col)
{
    return sqlite3_column_double(SQLITE_STMT(stmt), col);
}

static const char *
statsSqliteText(statsStmt *stmt, int col)
{
    return (const char *)sqlite3_column_text(SQLITE_STMT(stmt), col);
}

static void
statsSqliteReset(statsStmt *stmt)
{
    sqlite3_reset(SQLITE_STMT(stmt));
    sqlite3_clear_bindings(SQLITE_STMT(stmt));
}

static void
statsSqliteFinalize(statsStmt *stmt)
{
    sqlite3_finalize(SQLITE_STMT(stmt));
    g_free(stmt);
}

const statsDbDriver statsSqliteDriver = {
    .name = "SQLite",
    .intType = "INTEGER",
    .realType = "REAL",
    .textType = "TEXT",
    /* the write lock at once: a round never fails half-way on a reader */
    .begin = "BEGIN IMMEDIATE",
    .open = statsSqliteOpen,
    .close = statsSqliteClose,
    .exec = statsSqliteExec,
    .version = statsSqliteVersion,
    .setVersionSql = statsSqliteSetVersionSql,
    .prepare = statsSqlitePrepare,
    .bindInt64 = statsSqliteBindInt64,
    .bindDouble = statsSqliteBindDouble,
    .bindText = statsSqliteBindText,
    .step = statsSqliteStep,
    .isNull = statsSqliteIsNull,
    .int64 = statsSqliteInt64,
    .dbl = statsSqliteDouble,
    .text = statsSqliteText,
    .reset = statsSqliteReset,
    .finalize = statsSqliteFinalize,
};
