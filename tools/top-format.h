/*
 * top-format.h: what virtkit-top shows of a screen, as cells, as the
 * plain text of --batch and as the JSON of --json (top-format.c)
 */
#ifndef TOP_FORMAT_H
# define TOP_FORMAT_H

# include "top-sample.h"

typedef enum {
    TOP_COL_ID,
    TOP_COL_NAME,
    TOP_COL_STATE,
    TOP_COL_CPU,
    TOP_COL_CPULIM,
    TOP_COL_MEM,
    TOP_COL_MEMLIM,
    TOP_COL_EP,
    TOP_COL_NPROC,
    TOP_COL_IO,
    TOP_COL_IOPS,
    TOP_COL_FAULTS,

    TOP_COL_LAST
} topColumn;

# define TOP_CELL_SIZE 32

/* What the screen says besides the table. */
typedef struct {
    const topSample *prev;      /* NULL before the first interval */
    const topSample *cur;
    topSortKey sort;
    const char *filter;         /* NULL or "": none */
} topScreen;

/* @text (UTF-8, shown as it is: make it safe first) cut to at most
 * @width terminal columns, a double-width character (CJK) counting two
 * and a combining one none; with @pad, spaces after it up to @width. */
char *topFitWidth(const char *text, int width, bool pad);

const char *topColumnName(topColumn col);
int topColumnWidth(topColumn col);
void topRowCells(const topRow *row, char cells[TOP_COL_LAST][TOP_CELL_SIZE]);
char *topFormatHeader(const topScreen *screen, guint nrows);
char *topFormatBatch(const topScreen *screen, GArray *rows);
char *topFormatJSON(const topScreen *screen, GArray *rows);

#endif /* TOP_FORMAT_H */
