/*
 * stats-pgsql.c: the PostgreSQL backend of the usage history
 * (stats-db.h), through libpq: the target is a connection URI
 * (postgresql://[user@][host][:port]/dbname?..., e.g.
 * postgresql:///virtkit?host=/run/postgresql)
 *
 * What differs from SQLite is here: parameters are $N (the shared ?N are
 * rewritten), the schema version is a row of table stats_schema (there is
 * no user_version), 64-bit integers are BIGINT and floats DOUBLE
 * PRECISION, text compares byte by byte (COLLATE "C", as SQLite's BINARY,
 * so both give the same order whatever the database's locale), one
 * collector per database by a session advisory lock (the server drops it
 * with the session, however the collector ends), and durability is the
 * server's (a committed round is on disk with synchronous_commit on).
 * A connection lost to a restarted server is reset (PQreset) when the
 * collector next asks for it: the lock is taken again and the statements
 * prepared on the old session are prepared anew.
 */
#include <config.h>

#include <string.h>

#include <libpq-fe.h>

#include "stats-db.h"

/* The advisory lock of the one collector of a database ("vkst") */
#define STATS_PGSQL_LOCK "1986753396"

/* libpq's type oids for the parameters, from the server's pg_type.h */
#define STATS_PG_INT8 20
#define STATS_PG_FLOAT8 701
#define STATS_PG_TEXT 25

typedef struct {
    statsDb parent;
    PGconn *conn;
    statsDbMode mode;
    bool locked;                /* the writer's lock is held in this session */
    unsigned int statements;    /* names given to prepared statements */
    unsigned int session;       /* counts the resets: statements prepared
                                 * in an older session are gone */
} statsPgsqlDb;

/* A statement runs with PQexecParams the first time, and is prepared on
 * the server only when it runs again (the collector's per-domain ones):
 * a one-off query leaves nothing behind. */
typedef struct {
    statsStmt parent;
    char *sql;                  /* with $N */
    int nparams;
    char **values;              /* NULL: NULL */
    Oid *types;                 /* from the bindings; 0: the server infers */
    unsigned int runs;
    char *name;                 /* once prepared */
    unsigned int session;       /* the session it was prepared in */
    PGresult *res;
    int row;                    /* the current row; -1 before the first */
} statsPgsqlStmt;

#define PG_DB(db) ((statsPgsqlDb *)(db))
#define PG_STMT(stmt) ((statsPgsqlStmt *)(stmt))

/* libpq's messages end with a newline */
static void
statsPgsqlError(statsDb *db, GError **error, const char *what, const char *message)
{
    g_autofree char *text = g_strchomp(g_strdup(message));

    if (what)
        g_set_error(error, STATS_STORE_ERROR, 0, "%s: %s: %s", db->display, what, text);
    else
        g_set_error(error, STATS_STORE_ERROR, 0, "%s: %s", db->display, text);
}

/* @uri without its password, for messages */
static char *
statsPgsqlDisplay(const char *uri)
{
    const char *auth = strstr(uri, "://") + 3;
    size_t len = strcspn(auth, "/?");
    const char *at = g_strrstr_len(auth, len, "@");
    const char *colon = at ? memchr(auth, ':', at - auth) : NULL;
    g_autofree char *masked = colon ?
        g_strdup_printf("%.*s***%s", (int)(colon + 1 - uri), uri, at) : g_strdup(uri);
    const char *pw = strstr(masked, "password=");

    if (pw)
        return g_strdup_printf("%.*spassword=***%s", (int)(pw - masked), masked,
                               pw + strcspn(pw, "&"));
    return g_steal_pointer(&masked);
}

/* The server's notices (CREATE ... IF NOT EXISTS) are not the user's */
static void
statsPgsqlNotice(void *opaque G_GNUC_UNUSED, const char *message G_GNUC_UNUSED)
{
}

static bool
statsPgsqlExec(statsDb *db, const char *sql, GError **error)
{
    PGresult *res = PQexec(PG_DB(db)->conn, sql);
    ExecStatusType status = PQresultStatus(res);
    bool ok = status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK;

    if (!ok)
        statsPgsqlError(db, error, "cannot update the database",
                        res ? PQresultErrorMessage(res) : PQerrorMessage(PG_DB(db)->conn));
    PQclear(res);
    return ok;
}

/* The first value of @sql's answer, "" for none; NULL with @error set. */
static char *
statsPgsqlValue(statsDb *db, const char *sql, const char *what, GError **error)
{
    PGresult *res = PQexec(PG_DB(db)->conn, sql);
    char *value = NULL;

    if (PQresultStatus(res) == PGRES_TUPLES_OK)
        value = g_strdup(PQntuples(res) > 0 ? PQgetvalue(res, 0, 0) : "");
    else
        statsPgsqlError(db, error, what,
                        res ? PQresultErrorMessage(res) : PQerrorMessage(PG_DB(db)->conn));
    PQclear(res);
    return value;
}

/* One collector per database: a second would sample every domain twice,
 * and a --once round beside a running collector is refused too. */
static bool
statsPgsqlLock(statsDb *db, GError **error)
{
    g_autofree char *held = statsPgsqlValue(db, "SELECT pg_try_advisory_lock(" STATS_PGSQL_LOCK ")",
                                            "cannot lock the database", error);

    if (!held)
        return false;
    if (!g_str_equal(held, "t")) {
        g_set_error(error, STATS_STORE_ERROR, 0, "another virtkit-statsd writes %s", db->display);
        return false;
    }
    PG_DB(db)->locked = true;
    return true;
}

static void
statsPgsqlClose(statsDb *db)
{
    PQfinish(PG_DB(db)->conn);
    g_free(db->display);
    g_free(db);
}

/* What a session needs after it is opened: virtkit-info only reads, and
 * the server holds it to that; the collector holds the lock. */
static bool
statsPgsqlSetup(statsDb *db, GError **error)
{
    statsPgsqlDb *pdb = PG_DB(db);

    PQsetNoticeProcessor(pdb->conn, statsPgsqlNotice, NULL);
    if (pdb->mode == STATS_DB_READ)
        return statsPgsqlExec(db, "SET default_transaction_read_only = on", error);
    return statsPgsqlLock(db, error);
}

static statsDb *
statsPgsqlOpen(const char *uri, statsDbMode mode, GError **error)
{
    statsPgsqlDb *pdb = g_new0(statsPgsqlDb, 1);
    g_autoptr(statsDb) db = &pdb->parent;

    db->driver = &statsPgsqlDriver;
    db->display = statsPgsqlDisplay(uri);
    pdb->mode = mode;
    pdb->conn = PQconnectdb(uri);
    if (PQstatus(pdb->conn) != CONNECTION_OK) {
        statsPgsqlError(db, error, "cannot open the database", PQerrorMessage(pdb->conn));
        return NULL;
    }
    if (!statsPgsqlSetup(db, error))
        return NULL;
    return g_steal_pointer(&db);
}

/* libpq marks the connection bad when a command finds the server gone;
 * PQreset opens it again with the same parameters.  A new session holds
 * no lock: until it has it (another collector may have taken it
 * meanwhile), the collector does not write. */
static bool
statsPgsqlReconnect(statsDb *db, GError **error)
{
    statsPgsqlDb *pdb = PG_DB(db);

    if (PQstatus(pdb->conn) == CONNECTION_OK) {
        if (pdb->mode == STATS_DB_READ || pdb->locked)
            return true;
        return statsPgsqlLock(db, error);
    }
    PQreset(pdb->conn);
    pdb->locked = false;
    if (PQstatus(pdb->conn) != CONNECTION_OK) {
        statsPgsqlError(db, error, "cannot reconnect", PQerrorMessage(pdb->conn));
        return false;
    }
    pdb->session++;
    return statsPgsqlSetup(db, error);
}

static int
statsPgsqlVersion(statsDb *db, GError **error)
{
    g_autofree char *exists = statsPgsqlValue(db, "SELECT to_regclass('stats_schema') IS NOT NULL",
                                              "cannot read the schema version", error);
    g_autofree char *version = NULL;

    if (!exists)
        return -1;
    if (!g_str_equal(exists, "t"))
        return 0;
    if (!(version = statsPgsqlValue(db, "SELECT max(version) FROM stats_schema",
                                    "cannot read the schema version", error)))
        return -1;
    return (int)g_ascii_strtoll(version, NULL, 10);
}

static char *
statsPgsqlSetVersionSql(int version)
{
    return g_strdup_printf("CREATE TABLE IF NOT EXISTS stats_schema (version INTEGER NOT NULL);"
                           " DELETE FROM stats_schema;"
                           " INSERT INTO stats_schema (version) VALUES (%d);", version);
}

/* @sql with ?N as $N (outside quotes); the highest N in @nparams */
static char *
statsPgsqlParams(const char *sql, int *nparams)
{
    GString *out = g_string_sized_new(strlen(sql));
    char quote = 0;

    *nparams = 0;
    for (; *sql; sql++) {
        if (quote) {
            quote = *sql == quote ? 0 : quote;
        } else if (*sql == '\'' || *sql == '"') {
            quote = *sql;
        } else if (*sql == '?' && g_ascii_isdigit(sql[1])) {
            *nparams = MAX(*nparams, (int)g_ascii_strtoll(sql + 1, NULL, 10));
            g_string_append_c(out, '$');
            continue;
        }
        g_string_append_c(out, *sql);
    }
    return g_string_free(out, FALSE);
}

static statsStmt *
statsPgsqlPrepare(statsDb *db, const char *sql, GError **error G_GNUC_UNUSED)
{
    statsPgsqlStmt *stmt = g_new0(statsPgsqlStmt, 1);

    stmt->parent.db = db;
    stmt->sql = statsPgsqlParams(sql, &stmt->nparams);
    stmt->values = g_new0(char *, stmt->nparams + 1);
    stmt->types = g_new0(Oid, stmt->nparams + 1);
    stmt->row = -1;
    return &stmt->parent;
}

static void
statsPgsqlBind(statsStmt *stmt, int i, Oid type, char *value)
{
    statsPgsqlStmt *ps = PG_STMT(stmt);

    g_return_if_fail(i >= 1 && i <= ps->nparams);
    g_free(ps->values[i - 1]);
    ps->values[i - 1] = value;
    ps->types[i - 1] = type;
}

static void
statsPgsqlBindInt64(statsStmt *stmt, int i, gint64 value)
{
    statsPgsqlBind(stmt, i, STATS_PG_INT8, g_strdup_printf("%" G_GINT64_FORMAT, value));
}

static void
statsPgsqlBindDouble(statsStmt *stmt, int i, double value)
{
    char buf[G_ASCII_DTOSTR_BUF_SIZE];

    /* the shortest text that reads back as the same double */
    statsPgsqlBind(stmt, i, STATS_PG_FLOAT8,
                   g_strdup(g_ascii_dtostr(buf, sizeof(buf), value)));
}

static void
statsPgsqlBindText(statsStmt *stmt, int i, const char *value)
{
    statsPgsqlBind(stmt, i, STATS_PG_TEXT, g_strdup(value));
}

/* Runs the statement: as it is the first time, prepared after. */
static PGresult *
statsPgsqlRun(statsPgsqlStmt *ps)
{
    PGconn *conn = PG_DB(ps->parent.db)->conn;
    const char *const *values = (const char *const *)ps->values;

    if (ps->runs++ == 0)
        return PQexecParams(conn, ps->sql, ps->nparams, ps->types, values, NULL, NULL, 0);
    if (ps->name && ps->session != PG_DB(ps->parent.db)->session)
        g_clear_pointer(&ps->name, g_free);
    if (!ps->name) {
        g_autofree char *name = g_strdup_printf("stats_%u", PG_DB(ps->parent.db)->statements++);
        PGresult *res = PQprepare(conn, name, ps->sql, ps->nparams, ps->types);

        if (PQresultStatus(res) != PGRES_COMMAND_OK)
            return res;
        PQclear(res);
        ps->name = g_steal_pointer(&name);
        ps->session = PG_DB(ps->parent.db)->session;
    }
    return PQexecPrepared(conn, ps->name, ps->nparams, values, NULL, NULL, 0);
}

static int
statsPgsqlStep(statsStmt *stmt, GError **error)
{
    statsPgsqlStmt *ps = PG_STMT(stmt);
    ExecStatusType status;

    if (!ps->res) {
        ps->res = statsPgsqlRun(ps);
        status = PQresultStatus(ps->res);
        if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
            statsPgsqlError(stmt->db, error, NULL, ps->res ? PQresultErrorMessage(ps->res) :
                            PQerrorMessage(PG_DB(stmt->db)->conn));
            return -1;
        }
    }
    if (ps->row + 1 >= PQntuples(ps->res))
        return 0;
    ps->row++;
    return 1;
}

static bool
statsPgsqlIsNull(statsStmt *stmt, int col)
{
    return PQgetisnull(PG_STMT(stmt)->res, PG_STMT(stmt)->row, col);
}

static const char *
statsPgsqlText(statsStmt *stmt, int col)
{
    return PQgetvalue(PG_STMT(stmt)->res, PG_STMT(stmt)->row, col);
}

static gint64
statsPgsqlInt64(statsStmt *stmt, int col)
{
    return g_ascii_strtoll(statsPgsqlText(stmt, col), NULL, 10);
}

static double
statsPgsqlDouble(statsStmt *stmt, int col)
{
    return g_ascii_strtod(statsPgsqlText(stmt, col), NULL);
}

static void
statsPgsqlReset(statsStmt *stmt)
{
    statsPgsqlStmt *ps = PG_STMT(stmt);
    int i;

    g_clear_pointer(&ps->res, PQclear);
    ps->row = -1;
    for (i = 0; i < ps->nparams; i++)
        g_clear_pointer(&ps->values[i], g_free);
}

static void
statsPgsqlFinalize(statsStmt *stmt)
{
    statsPgsqlStmt *ps = PG_STMT(stmt);

    statsPgsqlReset(stmt);
    if (ps->name && ps->session == PG_DB(stmt->db)->session &&
        PQstatus(PG_DB(stmt->db)->conn) == CONNECTION_OK) {
        g_autofree char *sql = g_strdup_printf("DEALLOCATE %s", ps->name);

        PQclear(PQexec(PG_DB(stmt->db)->conn, sql));
    }
    g_free(ps->name);
    g_free(ps->sql);
    g_free(ps->values);
    g_free(ps->types);
    g_free(ps);
}

const statsDbDriver statsPgsqlDriver = {
    .name = "PostgreSQL",
    .intType = "BIGINT",
    .realType = "DOUBLE PRECISION",
    .textType = "TEXT COLLATE \"C\"",
    .begin = "BEGIN",
    .open = statsPgsqlOpen,
    .close = statsPgsqlClose,
    .exec = statsPgsqlExec,
    .reconnect = statsPgsqlReconnect,
    .version = statsPgsqlVersion,
    .setVersionSql = statsPgsqlSetVersionSql,
    .prepare = statsPgsqlPrepare,
    .bindInt64 = statsPgsqlBindInt64,
    .bindDouble = statsPgsqlBindDouble,
    .bindText = statsPgsqlBindText,
    .step = statsPgsqlStep,
    .isNull = statsPgsqlIsNull,
    .int64 = statsPgsqlInt64,
    .dbl = statsPgsqlDouble,
    .text = statsPgsqlText,
    .reset = statsPgsqlReset,
    .finalize = statsPgsqlFinalize,
};
