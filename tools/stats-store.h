/*
 * stats-store.h: the usage-history database of virtkit-statsd and
 * virtkit-info, in SQLite or PostgreSQL (stats-db.h)
 *
 * One database holds, per domain (by uuid), the raw samples the collector
 * takes, their per-minute and per-hour roll-ups and the domain's last
 * name.  The collector writes; virtkit-info only reads.  Times are
 * milliseconds since the epoch (UTC).
 */
#ifndef STATS_STORE_H
# define STATS_STORE_H

# include <stdbool.h>

# include <glib.h>

# include "stats-db.h"
# include "stats-sample.h"

/* The schema this program reads and writes (SQLite's PRAGMA
 * user_version, PostgreSQL's stats_schema table). */
# define STATS_SCHEMA_VERSION 1

# define STATS_MINUTE_MS 60000LL
# define STATS_HOUR_MS (60 * STATS_MINUTE_MS)

typedef struct _statsStore statsStore;

/* Opens (and with @create, as the one writer, creates or migrates to
 * STATS_SCHEMA_VERSION) the database @target: a SQLite file, or a
 * PostgreSQL connection URI (postgresql://...); NULL with @error set. */
statsStore *statsStoreOpen(const char *target, bool create, GError **error);
void statsStoreClose(statsStore *store);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(statsStore, statsStoreClose);

statsDb *statsStoreDb(statsStore *store);

/* "Now" in ms: the clock, or VIRTKIT_STATS_NOW (seconds since the
 * epoch, fractions allowed), which the tests set to fix it. */
gint64 statsStoreNow(void);

/* One round of the collector, as one transaction: Begin, a Write per
 * domain, Commit (which rolls the round up into minutes and hours and
 * applies the retention first).  A round that failed is rolled back. */
typedef struct {
    gint64 raw;                 /* ms to keep raw samples; 0: forever */
    gint64 minute;              /* ms to keep minute rows; 0: forever */
    gint64 hour;                /* ms to keep hour rows; 0: forever */
} statsRetention;

bool statsStoreBegin(statsStore *store, GError **error);
bool statsStoreWrite(statsStore *store, gint64 ts, const statsSample *sample, GError **error);
bool statsStoreCommit(statsStore *store, gint64 now, const statsRetention *retention,
                      GError **error);
void statsStoreRollback(statsStore *store);

/* A statement of @store's database, or NULL with @error set. */
statsStmt *statsStorePrepare(statsStore *store, const char *sql, GError **error);

#endif /* STATS_STORE_H */
