/*
 * top-sample.h: virtkit-top's samples of every domain's statistics and
 * the rows of a screen computed from two of them (top-sample.c)
 */
#ifndef TOP_SAMPLE_H
# define TOP_SAMPLE_H

# include <stdbool.h>

# include <glib.h>

# include <virt/virt.h>

# include "stats-sample.h"

/* A counter or value the driver may not give: set says it did. */
typedef struct {
    bool set;
    unsigned long long value;
} topValue;

/* A rate between two samples (per second, or % for the CPU). */
typedef struct {
    bool set;
    double value;
} topRate;

/* One domain in one sample: what its record said. */
typedef struct {
    statsSample s;              /* name, uuid, state and the fields of usage */
    int id;                     /* -1: not running */
    virTypedParameterPtr params;    /* the whole record, for --json */
    int nparams;
} topDomain;

topValue topDomainValue(const topDomain *dom, statsField field);

typedef struct {
    gint64 monotonic;           /* when it was taken (g_get_monotonic_time) */
    gint64 realtime;            /* the same, wall clock (g_get_real_time) */
    GPtrArray *domains;         /* of topDomain */
} topSample;

/* A domain on a screen: its last values and its rates since the sample
 * before (unset for a domain that was not there or restarted). */
typedef struct {
    const topDomain *dom;
    topRate cpu;                /* % of one CPU */
    topRate io;                 /* bytes per second */
    topRate iops;               /* operations per second */
    topValue faults;            /* faults in the interval */
} topRow;

typedef enum {
    TOP_SORT_CPU,
    TOP_SORT_MEM,
    TOP_SORT_IO,
    TOP_SORT_FAULTS,
    TOP_SORT_NAME,

    TOP_SORT_LAST
} topSortKey;

int topSortKeyFromString(const char *str);
const char *topSortKeyToString(topSortKey key);

topSample *topSampleTake(virConnectPtr conn, bool lve);
void topSampleFree(topSample *sample);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(topSample, topSampleFree)

GArray *topRowsCompute(const topSample *prev, const topSample *cur, const char *filter,
                       topSortKey sort);
double topSampleInterval(const topSample *prev, const topSample *cur);
guint topSampleRunning(const topSample *sample);

#endif /* TOP_SAMPLE_H */
