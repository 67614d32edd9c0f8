/*
 * stats-db.h: the database under the usage history (stats-store.c,
 * stats-query.c): a connection, statements and their rows, over one of
 * two backends, SQLite (stats-sqlite.c) and PostgreSQL (stats-pgsql.c)
 *
 * The store and the queries write their SQL once, in the dialect both
 * backends agree on: parameters are written ?1, ?2...; 64-bit integers,
 * floats and text in a schema step are written @INT@, @REAL@ and @TEXT@,
 * which each backend spells its own way.  What differs beyond that (how a
 * round's transaction begins, where the schema version is kept, the lock
 * that lets one collector write, WAL or server durability) is a method of
 * the backend.
 */
#ifndef STATS_DB_H
# define STATS_DB_H

# include <stdbool.h>

# include <glib.h>

typedef struct _statsDb statsDb;
typedef struct _statsStmt statsStmt;

/* How a database is opened. */
typedef enum {
    STATS_DB_READ,              /* virtkit-info: read only */
    STATS_DB_WRITE,             /* the collector: the one writer */
} statsDbMode;

/* What a backend does; see the functions below for each method's
 * contract.  Statements are the backend's own (a statsStmt starts with
 * its statsDb). */
typedef struct {
    const char *name;           /* "SQLite", "PostgreSQL" */
    const char *intType, *realType, *textType;   /* @INT@, @REAL@, @TEXT@ */
    const char *begin;          /* how a writing transaction begins */

    statsDb *(*open)(const char *target, statsDbMode mode, GError **error);
    void (*close)(statsDb *db);
    bool (*exec)(statsDb *db, const char *sql, GError **error);
    bool (*reconnect)(statsDb *db, GError **error);   /* NULL: never lost */
    int (*version)(statsDb *db, GError **error);
    char *(*setVersionSql)(int version);

    statsStmt *(*prepare)(statsDb *db, const char *sql, GError **error);
    void (*bindInt64)(statsStmt *stmt, int i, gint64 value);
    void (*bindDouble)(statsStmt *stmt, int i, double value);
    void (*bindText)(statsStmt *stmt, int i, const char *value);
    int (*step)(statsStmt *stmt, GError **error);
    bool (*isNull)(statsStmt *stmt, int col);
    gint64 (*int64)(statsStmt *stmt, int col);
    double (*dbl)(statsStmt *stmt, int col);
    const char *(*text)(statsStmt *stmt, int col);
    void (*reset)(statsStmt *stmt);
    void (*finalize)(statsStmt *stmt);
} statsDbDriver;

/* The head of every backend's connection and statement. */
struct _statsDb {
    const statsDbDriver *driver;
    char *display;              /* the target as errors name it (no password) */
};

struct _statsStmt {
    statsDb *db;
};

extern const statsDbDriver statsSqliteDriver;
# ifdef WITH_LIBPQ
extern const statsDbDriver statsPgsqlDriver;
# endif

/* True when @target is a PostgreSQL connection URI (postgresql:// or
 * postgres://); anything else is a SQLite file. */
bool statsDbIsUri(const char *target);

/* Opens @target with its backend; for STATS_DB_WRITE, also takes the
 * writer's lock ("another virtkit-statsd writes ..." when it is held). */
statsDb *statsDbOpen(const char *target, statsDbMode mode, GError **error);
void statsDbClose(statsDb *db);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(statsDb, statsDbClose);

/* Makes sure the connection is up: a server connection that was lost (a
 * restarted server) is opened again, with what the open took (the
 * writer's lock, read-only), and its statements work again.  False with
 * @error set when it cannot be. */
bool statsDbReconnect(statsDb *db, GError **error);

/* Runs @sql (one or more statements, no parameters). */
bool statsDbExec(statsDb *db, const char *sql, GError **error);

/* The schema version the database has: 0 for none; -1 with @error set. */
int statsDbVersion(statsDb *db, GError **error);

/* The statement(s) that record schema version @version, run in the
 * transaction of the migration step. */
char *statsDbSetVersionSql(statsDb *db, int version);

/* @sql with @INT@, @REAL@ and @TEXT@ in the backend's types. */
char *statsDbSchemaSql(statsDb *db, const char *sql);

/* A statement of @sql, parameters ?1..?N; NULL with @error set. */
statsStmt *statsDbPrepare(statsDb *db, const char *sql, GError **error);

/* Parameter @i (from 1); one left unbound is NULL. */
void statsStmtBindInt64(statsStmt *stmt, int i, gint64 value);
void statsStmtBindDouble(statsStmt *stmt, int i, double value);
void statsStmtBindText(statsStmt *stmt, int i, const char *value);

/* Runs the statement on its first call, then moves to the next row:
 * 1 on a row, 0 at the end, -1 with @error set. */
int statsStmtStep(statsStmt *stmt, GError **error);

/* Column @col (from 0) of the row. */
bool statsStmtIsNull(statsStmt *stmt, int col);
gint64 statsStmtInt64(statsStmt *stmt, int col);
double statsStmtDouble(statsStmt *stmt, int col);
const char *statsStmtText(statsStmt *stmt, int col);

/* Forgets the rows and the bindings: the statement can run again. */
void statsStmtReset(statsStmt *stmt);
void statsStmtFree(statsStmt *stmt);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(statsStmt, statsStmtFree);

# define STATS_STORE_ERROR (stats_store_error_quark())
GQuark stats_store_error_quark(void);

#endif /* STATS_DB_H */
