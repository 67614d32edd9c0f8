/*
 * stats-store.h: the usage-history database of virtkit-statsd and
 * virtkit-info (SQLite)
 *
 * One file holds, per domain (by uuid), the raw samples the collector
 * takes, their per-minute and per-hour roll-ups and the domain's last
 * name.  The collector writes; virtkit-info only reads.  Times are
 * milliseconds since the epoch (UTC).
 */
#ifndef STATS_STORE_H
# define STATS_STORE_H

# include <stdbool.h>

# include <glib.h>
# include <sqlite3.h>

# include "stats-sample.h"

/* The schema this program reads and writes (PRAGMA user_version). */
# define STATS_SCHEMA_VERSION 1

# define STATS_MINUTE_MS 60000LL
# define STATS_HOUR_MS (60 * STATS_MINUTE_MS)

typedef struct _statsStore statsStore;

/* Opens (and with @create, creates or migrates to STATS_SCHEMA_VERSION)
 * the database at @path; NULL with @error set. */
statsStore *statsStoreOpen(const char *path, bool create, GError **error);
void statsStoreClose(statsStore *store);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(statsStore, statsStoreClose);

sqlite3 *statsStoreDb(statsStore *store);

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

/* A prepared statement of @store's database, or NULL with @error set. */
sqlite3_stmt *statsStorePrepare(statsStore *store, const char *sql, GError **error);

# define STATS_STORE_ERROR (stats_store_error_quark())
GQuark stats_store_error_quark(void);

#endif /* STATS_STORE_H */
