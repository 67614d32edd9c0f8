/*
 * stats-sample.h: a domain's usage as its bulk statistics record gives
 * it: the fields virtkit-statsd stores and virtkit-top shows
 * (stats-sample.c)
 */
#ifndef STATS_SAMPLE_H
# define STATS_SAMPLE_H

# include <stdbool.h>

# include <glib.h>

# include <virt/virt.h>

/* What a sample holds as read from the hypervisor: gauges as they are,
 * counters (cumulative since the domain started) from which rates and
 * deltas are derived against the domain's previous sample. */
typedef enum {
    STATS_CPU_TIME,             /* counter: ns of CPU time -> cpu (% of one CPU) */
    STATS_IO_BYTES,             /* counter: bytes read and written -> io (bytes/s) */
    STATS_IO_OPS,               /* counter: operations -> iops (ops/s) */
    STATS_CPU_FAULTS,           /* counters -> the faults since the previous sample */
    STATS_MEM_FAULTS,
    STATS_NPROC_FAULTS,
    STATS_EP_FAULTS,
    STATS_MEM,                  /* gauge: KiB in use */
    STATS_NPROC,                /* gauge: processes */
    STATS_EP,                   /* gauge: entry processes */
    STATS_CPU_LIMIT,            /* limits: kept as they are */
    STATS_MEM_LIMIT,

    STATS_FIELD_LAST
} statsField;

typedef struct {
    char *uuid;                 /* the domain's uuid, as text */
    char *name;
    int state;                  /* virDomainState */
    bool has[STATS_FIELD_LAST];
    unsigned long long value[STATS_FIELD_LAST];
} statsSample;

void statsSampleClear(statsSample *sample);

/* The groups a sample is read from; VIR_DOMAIN_STATS_LVE besides them on
 * a connection statsSampleHasLve() says has it. */
# define STATS_SAMPLE_GROUPS \
    (VIR_DOMAIN_STATS_STATE | VIR_DOMAIN_STATS_CPU_TOTAL | VIR_DOMAIN_STATS_BALLOON)

bool statsSampleHasLve(virConnectPtr conn);

/* @sample from @rec; false when the domain went meanwhile (no uuid). */
bool statsSampleFromRecord(const virDomainStatsRecord *rec, statsSample *sample);

#endif /* STATS_SAMPLE_H */
