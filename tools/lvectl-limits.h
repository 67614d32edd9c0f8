/*
 * lvectl-limits.h: the limits virtkit-lvectl shows and sets, and the
 * public calls each one maps onto
 */
#ifndef LVECTL_LIMITS_H
# define LVECTL_LIMITS_H

# include <stdbool.h>

# include <glib.h>

# include <virt/virt.h>

/* The columns of lvectl's tables, in its order. */
typedef enum {
    LVECTL_SPEED = 0,   /* % of one core */
    LVECTL_PMEM,        /* KiB */
    LVECTL_VMEM,        /* KiB */
    LVECTL_EP,
    LVECTL_NPROC,
    LVECTL_IO,          /* KB/s */
    LVECTL_IOPS,
    LVECTL_LAST
} lvectlLimit;

typedef struct {
    unsigned long long value[LVECTL_LAST];  /* 0: unlimited */
    unsigned int set;                       /* bit per limit given */
    bool speedMHz;                          /* speed was given in MHz */
} lvectlValues;

/* A domain of the connection and its LVE id. */
typedef struct {
    unsigned int id;
    virDomainPtr dom;
} lvectlLve;

/* One line of a table, formatted. */
typedef struct {
    char id[16];
    char value[LVECTL_LAST][24];
} lvectlRow;

/* A decimal LVE id; -1 for anything else. */
int lvectlParseId(const char *str, unsigned int *id);

/* --speed=N% (or Nmhz, Nghz), --pmem=SIZE ...: prints what is wrong. */
int lvectlParseOption(lvectlLimit which, const char *str, lvectlValues *v);

/* The default limits (the node memory parameters lve_default_*). */
int lvectlGetDefaults(virConnectPtr conn, lvectlValues *defaults);
int lvectlSetDefaults(virConnectPtr conn, const lvectlValues *v);

/* The limits in force for @dom (live when it runs); nproc and ep it does
 * not set are @defaults'. */
int lvectlGetLimits(virDomainPtr dom, const lvectlValues *defaults, lvectlValues *out);

/* Sets the limits given in @v: in the configuration, and in the running
 * LVE for all but nproc and ep, which have no live setting. */
int lvectlSetLimits(virDomainPtr dom, const lvectlValues *v);

/* Gives a running LVE the limits of its configuration. */
int lvectlApplyConfig(virDomainPtr dom);

lvectlRow *lvectlRowNew(const char *id, const lvectlValues *v);
lvectlRow *lvectlRowNewId(unsigned int id, const lvectlValues *v);
void lvectlFormatTable(GString *out, GPtrArray *rows);
void lvectlFormatJSON(GString *out, GPtrArray *rows);

#endif /* LVECTL_LIMITS_H */
