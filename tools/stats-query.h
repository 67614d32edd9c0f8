/*
 * stats-query.h: virtkit-info's questions to the usage-history database
 *
 * Each question answers a statsResult: its columns and its rows of cells
 * already formatted (numbers rounded as they are shown, times in local
 * time), NULL for a value the database does not have.  How the result is
 * printed (table, CSV, JSON) is virtkit-info's business.
 */
#ifndef STATS_QUERY_H
# define STATS_QUERY_H

# include "stats-store.h"

typedef enum {
    STATS_COL_TEXT,
    STATS_COL_INT,              /* a whole number */
    STATS_COL_DEC,              /* one decimal */
    STATS_COL_TIME,             /* a time, shown as text */
} statsColKind;

typedef struct {
    const char *header;         /* in a table; NULL: not in tables */
    const char *key;            /* in CSV and JSON */
    statsColKind kind;
} statsColumn;

typedef struct {
    const statsColumn *cols;
    size_t ncols;
    GPtrArray *cells;           /* row after row, ncols each; NULL: no value */
    size_t nrows;
} statsResult;

void statsResultFree(statsResult *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(statsResult, statsResultFree);

typedef enum {
    STATS_BY_CPU,
    STATS_BY_MEM,
    STATS_BY_IO,
    STATS_BY_FAULTS,

    STATS_BY_LAST
} statsBy;

typedef enum {
    STATS_STEP_AUTO,
    STATS_STEP_MINUTE,
    STATS_STEP_HOUR,
} statsStep;

const char *statsStepName(statsStep step);

/* Which table answers for a range from @from: the minutes, unless the
 * range begins before them and hours older than the first minute's hour
 * have what the minutes no longer have (an explicit @step is taken as it
 * is). */
statsStep statsQueryStep(statsStore *store, gint64 from, statsStep step);

/* The uuid of the domain named (or whose uuid is) @name, the most
 * recently seen one when several had that name; NULL with @error set. */
char *statsQueryFindDomain(statsStore *store, const char *name, GError **error);

/* The @top domains with the highest average of @by over the range. */
statsResult *statsQueryTop(statsStore *store, statsStep step, gint64 from, gint64 to,
                           statsBy by, unsigned int top, GError **error);

/* statsQueryTop over minutes, read fast: the whole hours inside the
 * range from the hour rows (which sum their minutes), only the minutes at
 * its two ends from the minute rows.  The same answer as the minutes
 * alone while they are kept (statsQueryStep gives minute), from about a
 * thirtieth of the rows on a day. */
statsResult *statsQueryTopSpans(statsStore *store, gint64 from, gint64 to, statsBy by,
                                unsigned int top, GError **error);

/* The domains (only @uuid when given) with faults in the range, the most
 * first, at most @top. */
statsResult *statsQueryFaults(statsStore *store, statsStep step, gint64 from, gint64 to,
                              const char *uuid, unsigned int top, GError **error);

/* One row per minute or hour of domain @uuid in the range. */
statsResult *statsQueryHistory(statsStore *store, statsStep step, gint64 from, gint64 to,
                               const char *uuid, GError **error);

/* One bucket of a domain's history as numbers, for a plot: NAN where the
 * database has no value (a driver without the field, a limit whose raw
 * samples the retention removed). */
typedef struct {
    gint64 ts;                  /* the bucket's start, ms */
    double cpu_avg, cpu_max;    /* % of one CPU */
    double cpu_limit;           /* the speed limit, % of one CPU; 0: none */
    double mem_avg, mem_max;    /* KiB */
    double mem_limit;           /* KiB; 0: none */
    double faults[4];           /* CPU, memory, nproc, entry faults */
} statsPoint;

/* The points of domain @uuid in the range, oldest first, in a GArray of
 * statsPoint; NULL with @error set.  Limits are the highest of the raw
 * samples of each bucket (the roll-ups do not keep them). */
GArray *statsQuerySeries(statsStore *store, statsStep step, gint64 from, gint64 to,
                         const char *uuid, GError **error);

/* @ms since the epoch in local time, "YYYY-MM-DD HH:MM" (with seconds
 * when @seconds). */
char *statsFormatTime(gint64 ms, bool seconds);

#endif /* STATS_QUERY_H */
