/*
 * stats-db.c: which backend takes a database target, and the calls
 * through its table (stats-db.h)
 */
#include <config.h>

#include <string.h>

#include "stats-db.h"

G_DEFINE_QUARK(stats-store-error-quark, stats_store_error)

bool
statsDbIsUri(const char *target)
{
    return g_str_has_prefix(target, "postgresql://") || g_str_has_prefix(target, "postgres://");
}

statsDb *
statsDbOpen(const char *target, statsDbMode mode, GError **error)
{
    if (!statsDbIsUri(target))
        return statsSqliteDriver.open(target, mode, error);
#ifdef WITH_LIBPQ
    return statsPgsqlDriver.open(target, mode, error);
#else
    /* the scheme is known, its backend compiled out: say so rather than
     * create a file of that name */
    g_set_error_literal(error, STATS_STORE_ERROR, 0,
                        "PostgreSQL support was not built: virtkit was configured "
                        "without libpq (libpq-dev)");
    return NULL;
#endif
}

void
statsDbClose(statsDb *db)
{
    if (db)
        db->driver->close(db);
}

bool
statsDbReconnect(statsDb *db, GError **error)
{
    return !db->driver->reconnect || db->driver->reconnect(db, error);
}

bool
statsDbExec(statsDb *db, const char *sql, GError **error)
{
    return db->driver->exec(db, sql, error);
}

int
statsDbVersion(statsDb *db, GError **error)
{
    return db->driver->version(db, error);
}

char *
statsDbSetVersionSql(statsDb *db, int version)
{
    return db->driver->setVersionSql(version);
}

char *
statsDbSchemaSql(statsDb *db, const char *sql)
{
    const char *tokens[] = { "@INT@", "@REAL@", "@TEXT@" };
    const char *types[] = { db->driver->intType, db->driver->realType, db->driver->textType };
    g_autofree char *text = g_strdup(sql);
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(tokens); i++) {
        g_auto(GStrv) parts = g_strsplit(text, tokens[i], -1);

        g_free(text);
        text = g_strjoinv(types[i], parts);
    }
    return g_steal_pointer(&text);
}

statsStmt *
statsDbPrepare(statsDb *db, const char *sql, GError **error)
{
    return db->driver->prepare(db, sql, error);
}

void
statsStmtBindInt64(statsStmt *stmt, int i, gint64 value)
{
    stmt->db->driver->bindInt64(stmt, i, value);
}

void
statsStmtBindDouble(statsStmt *stmt, int i, double value)
{
    stmt->db->driver->bindDouble(stmt, i, value);
}

void
statsStmtBindText(statsStmt *stmt, int i, const char *value)
{
    stmt->db->driver->bindText(stmt, i, value);
}

int
statsStmtStep(statsStmt *stmt, GError **error)
{
    return stmt->db->driver->step(stmt, error);
}

bool
statsStmtIsNull(statsStmt *stmt, int col)
{
    return stmt->db->driver->isNull(stmt, col);
}

gint64
statsStmtInt64(statsStmt *stmt, int col)
{
    return stmt->db->driver->int64(stmt, col);
}

double
statsStmtDouble(statsStmt *stmt, int col)
{
    return stmt->db->driver->dbl(stmt, col);
}

const char *
statsStmtText(statsStmt *stmt, int col)
{
    return stmt->db->driver->text(stmt, col);
}

void
statsStmtReset(statsStmt *stmt)
{
    stmt->db->driver->reset(stmt);
}

void
statsStmtFree(statsStmt *stmt)
{
    if (stmt)
        stmt->db->driver->finalize(stmt);
}
