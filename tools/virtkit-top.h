/*
 * virtkit-top.h: what virtkit-top's modes share (virtkit-top.c): the
 * options, the connection, and the parsing of a delay
 */
#ifndef VIRTKIT_TOP_H
# define VIRTKIT_TOP_H

# include "top-sample.h"

typedef struct {
    virConnectPtr conn;
    bool lve;                   /* an LVE connection: the LVE group is asked */
    double delay;               /* seconds between samples */
    unsigned long iterations;   /* screens to show; 0: until quit */
    topSortKey sort;
    char *filter;               /* NULL: every domain */
} topControl;

const char *topLastError(void);
bool topParseDelay(const char *str, double *delay);

#endif /* VIRTKIT_TOP_H */
