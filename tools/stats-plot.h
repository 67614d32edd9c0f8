/*
 * stats-plot.h: virtkit-info --plot, one domain's usage against its
 * limits drawn with cairo into a PNG or SVG file (stats-plot.c)
 */
#ifndef STATS_PLOT_H
# define STATS_PLOT_H

# include <stdbool.h>

# include <glib.h>

typedef enum {
    STATS_PLOT_PNG,
    STATS_PLOT_SVG,

    STATS_PLOT_LAST
} statsPlotFormat;

/* The format the name of @path asks for (".png", ".svg", any case); -1
 * for another. */
int statsPlotFormatFromPath(const char *path);

/* Whether this build can draw (cairo was found at configure time). */
bool statsPlotAvailable(void);

typedef struct {
    const char *domain;         /* the title's name */
    gint64 from, to;            /* the range, ms */
    gint64 step;                /* the width of a point's bucket, ms */
    unsigned int width, height; /* pixels (PNG) or user units (SVG) */
} statsPlotFrame;

/* Draws @points (a GArray of statsPoint, stats-query.h) into @path in
 * @format; false with @error set. */
bool statsPlotWrite(const GArray *points, const statsPlotFrame *frame, statsPlotFormat format,
                    const char *path, GError **error);

#endif /* STATS_PLOT_H */
