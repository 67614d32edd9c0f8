/*
 * stats-plot.c: virtkit-info --plot, one domain's usage against its
 * limits drawn with cairo
 *
 * Three panels share the time axis: CPU (% of one CPU: average, maximum,
 * the speed limit), memory (MiB: average, maximum, the limit) and a strip
 * with a marker for each bucket with faults, one row per kind.  A title
 * names the domain and the range, a legend the lines.  Each series is one
 * path whose points are the buckets that have a value (a missing value
 * or a missing bucket breaks the line), so the SVG can be read back point
 * by point.  Cairo
 * draws text as glyphs; the SVG also gets a <title> and a <desc> naming
 * the domain and the legend, for screen readers and for scripts.
 */
#include <config.h>

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "stats-plot.h"
#include "stats-query.h"
#include "stats-store.h"

static const char *const statsPlotExtensions[STATS_PLOT_LAST] = {
    [STATS_PLOT_PNG] = ".png",
    [STATS_PLOT_SVG] = ".svg",
};

int
statsPlotFormatFromPath(const char *path)
{
    g_autofree char *lower = g_ascii_strdown(path, -1);
    int i;

    for (i = 0; i < STATS_PLOT_LAST; i++) {
        if (g_str_has_suffix(lower, statsPlotExtensions[i]) &&
            strlen(lower) > strlen(statsPlotExtensions[i]))
            return i;
    }
    return -1;
}

#ifndef WITH_CAIRO

bool
statsPlotAvailable(void)
{
    return false;
}

bool
statsPlotWrite(const GArray *points G_GNUC_UNUSED, const statsPlotFrame *frame G_GNUC_UNUSED,
               statsPlotFormat format G_GNUC_UNUSED, const char *path G_GNUC_UNUSED,
               GError **error)
{
    g_set_error(error, STATS_STORE_ERROR, 0, "virtkit-info was built without cairo: no --plot");
    return false;
}

#else /* WITH_CAIRO */

# include <cairo.h>
# include <cairo-svg.h>
# include <fontconfig/fontconfig.h>

typedef struct { double r, g, b; } statsPlotColor;

/* One line of a panel: where its values are in a point, how it looks. */
typedef struct {
    const char *label;
    size_t offset;              /* of a double in statsPoint */
    statsPlotColor color;
    double width;
    bool dashed;
    bool positiveOnly;          /* a limit: 0 means none */
} statsPlotLine;

typedef struct {
    const char *title;          /* the axis's name */
    double scale;               /* value -> axis unit */
    const statsPlotLine *lines;
    size_t nlines;
} statsPlotPanel;

# define STATS_LIMIT_COLOR { 0.84, 0.15, 0.16 }

static const statsPlotLine statsCpuLines[] = {
    { "CPU average", G_STRUCT_OFFSET(statsPoint, cpu_avg), { 0.12, 0.47, 0.71 }, 2, false, false },
    { "CPU maximum", G_STRUCT_OFFSET(statsPoint, cpu_max), { 0.62, 0.79, 0.88 }, 1, false, false },
    { "CPU limit", G_STRUCT_OFFSET(statsPoint, cpu_limit), STATS_LIMIT_COLOR, 1.5, true, true },
};

static const statsPlotLine statsMemLines[] = {
    { "memory average", G_STRUCT_OFFSET(statsPoint, mem_avg), { 0.17, 0.63, 0.17 }, 2,
      false, false },
    { "memory maximum", G_STRUCT_OFFSET(statsPoint, mem_max), { 0.6, 0.87, 0.54 }, 1,
      false, false },
    { "memory limit", G_STRUCT_OFFSET(statsPoint, mem_limit), STATS_LIMIT_COLOR, 1.5, true, true },
};

static const statsPlotPanel statsPanels[] = {
    { "CPU %", 1, statsCpuLines, G_N_ELEMENTS(statsCpuLines) },
    { "memory MiB", 1.0 / 1024, statsMemLines, G_N_ELEMENTS(statsMemLines) },
};

static const char *const statsFaultRows[] = { "CPU", "mem", "nproc", "EP" };
static const statsPlotColor statsFaultColor = { 1.0, 0.5, 0.05 };
# define STATS_FAULT_LEGEND "faults"
# define STATS_MARKER_RADIUS 3.5

/* Where things go on the surface. */
typedef struct {
    cairo_t *cr;
    const statsPlotFrame *frame;
    double left, right;         /* the plot area's x */
} statsPlotCanvas;

static double
statsPlotValue(const statsPoint *p, size_t offset)
{
    return *(const double *)((const char *)p + offset);
}

static double
statsPlotX(const statsPlotCanvas *c, gint64 ts)
{
    const statsPlotFrame *f = c->frame;

    return c->left +
        (double)(ts + f->step / 2 - f->from) / (f->to - f->from) * (c->right - c->left);
}

/* 1, 2 or 5 times a power of ten, at least @raw */
static double
statsPlotNiceStep(double raw)
{
    double p = pow(10, floor(log10(raw)));

    return raw <= p ? p : raw <= 2 * p ? 2 * p : raw <= 5 * p ? 5 * p : 10 * p;
}

static void
statsPlotText(cairo_t *cr, double x, double y, double align, const char *text)
{
    cairo_text_extents_t ext;

    cairo_text_extents(cr, text, &ext);
    cairo_move_to(cr, x - ext.x_advance * align, y);
    cairo_show_text(cr, text);
}

static void
statsPlotSetLine(cairo_t *cr, const statsPlotColor *color, double width, bool dashed)
{
    static const double dash[] = { 6, 3 };

    cairo_set_source_rgb(cr, color->r, color->g, color->b);
    cairo_set_line_width(cr, width);
    cairo_set_dash(cr, dash, dashed ? 2 : 0, 0);
}

/* ---- axes --------------------------------------------------------------- */

static const gint64 statsTimeSteps[] = {
    STATS_MINUTE_MS, 5 * STATS_MINUTE_MS, 10 * STATS_MINUTE_MS, 15 * STATS_MINUTE_MS,
    30 * STATS_MINUTE_MS, STATS_HOUR_MS, 2 * STATS_HOUR_MS, 3 * STATS_HOUR_MS, 6 * STATS_HOUR_MS,
    12 * STATS_HOUR_MS, 24 * STATS_HOUR_MS, 2 * 24 * STATS_HOUR_MS, 7 * 24 * STATS_HOUR_MS,
};

/* Grid lines and labels on round local times, at most about one label
 * per 110 pixels. */
static void
statsPlotTimeAxis(const statsPlotCanvas *c, double top, double bottom)
{
    const statsPlotFrame *f = c->frame;
    gint64 span = f->to - f->from, step = statsTimeSteps[G_N_ELEMENTS(statsTimeSteps) - 1];
    size_t labels = MAX(2, (c->right - c->left) / 110);
    g_autoptr(GDateTime) first = g_date_time_new_from_unix_local(f->from / 1000);
    gint64 offset = g_date_time_get_utc_offset(first) / 1000;
    const char *format = span > 24 * STATS_HOUR_MS ? "%m-%d %H:%M" : "%H:%M";
    gint64 t;
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(statsTimeSteps); i++) {
        if (span / statsTimeSteps[i] <= (gint64)labels) {
            step = statsTimeSteps[i];
            break;
        }
    }
    for (t = f->from + step - 1 - (f->from + offset + step - 1) % step; t <= f->to; t += step) {
        double x = c->left + (double)(t - f->from) / span * (c->right - c->left);
        g_autoptr(GDateTime) when = g_date_time_new_from_unix_local(t / 1000);
        g_autofree char *label = g_date_time_format(when, format);

        cairo_set_source_rgb(c->cr, 0.88, 0.88, 0.88);
        cairo_set_line_width(c->cr, 1);
        cairo_move_to(c->cr, x, top);
        cairo_line_to(c->cr, x, bottom);
        cairo_stroke(c->cr);
        cairo_set_source_rgb(c->cr, 0, 0, 0);
        statsPlotText(c->cr, x, bottom + 16, 0.5, label);
    }
}

/* The frame and value labels of a panel from 0 to @max between @top
 * and @bottom; its scaled maximum (a round number). */
static double
statsPlotValueAxis(const statsPlotCanvas *c, const char *title, double max, double top,
                   double bottom)
{
    double step = statsPlotNiceStep(MAX(max, 1e-9) / 4), v;

    max = ceil(max / step) * step;
    if (max <= 0)
        max = step = 1;
    for (v = 0; v <= max + step / 2; v += step) {
        double y = bottom - v / max * (bottom - top);
        char label[G_ASCII_DTOSTR_BUF_SIZE];

        cairo_set_source_rgb(c->cr, 0.88, 0.88, 0.88);
        cairo_set_line_width(c->cr, 1);
        cairo_move_to(c->cr, c->left, y);
        cairo_line_to(c->cr, c->right, y);
        cairo_stroke(c->cr);
        cairo_set_source_rgb(c->cr, 0, 0, 0);
        statsPlotText(c->cr, c->left - 6, y + 4, 1, g_ascii_formatd(label, sizeof(label), "%g", v));
    }
    cairo_set_source_rgb(c->cr, 0, 0, 0);
    statsPlotText(c->cr, c->left + 4, top - 4, 0, title);
    cairo_rectangle(c->cr, c->left, top, c->right - c->left, bottom - top);
    cairo_stroke(c->cr);
    return max;
}

/* ---- data --------------------------------------------------------------- */

/* The highest value of @panel's lines, scaled. */
static double
statsPlotPanelMax(const GArray *points, const statsPlotPanel *panel)
{
    double max = 0;
    size_t i, l;

    for (i = 0; i < points->len; i++) {
        for (l = 0; l < panel->nlines; l++) {
            double v = statsPlotValue(&g_array_index(points, statsPoint, i),
                                      panel->lines[l].offset);

            if (!isnan(v))
                max = MAX(max, v * panel->scale);
        }
    }
    return max;
}

/* One path per line: a point per bucket with a value. */
static void
statsPlotPanelLines(const statsPlotCanvas *c, const GArray *points, const statsPlotPanel *panel,
                    double max, double top, double bottom)
{
    size_t i, l;

    for (l = 0; l < panel->nlines; l++) {
        const statsPlotLine *line = &panel->lines[l];
        gint64 last = 0;
        bool pen = false;

        cairo_new_path(c->cr);
        for (i = 0; i < points->len; i++) {
            const statsPoint *p = &g_array_index(points, statsPoint, i);
            double v = statsPlotValue(p, line->offset);
            double y = bottom - v * panel->scale / max * (bottom - top);

            /* a bucket without a row (the collector was not running) is
             * a gap too */
            if (i > 0 && p->ts - last > c->frame->step)
                pen = false;
            last = p->ts;
            if (isnan(v) || (line->positiveOnly && v <= 0)) {
                pen = false;
                continue;
            }
            if (pen)
                cairo_line_to(c->cr, statsPlotX(c, p->ts), y);
            else
                cairo_move_to(c->cr, statsPlotX(c, p->ts), y);
            pen = true;
        }
        statsPlotSetLine(c->cr, &line->color, line->width, line->dashed);
        cairo_stroke(c->cr);
    }
    cairo_set_dash(c->cr, NULL, 0, 0);
}

static void
statsPlotMarker(cairo_t *cr, double x, double y)
{
    cairo_new_path(cr);
    cairo_arc(cr, x, y, STATS_MARKER_RADIUS, 0, 2 * G_PI);
    cairo_set_source_rgb(cr, statsFaultColor.r, statsFaultColor.g, statsFaultColor.b);
    cairo_fill(cr);
}

/* A row per kind of fault, a marker per bucket with some. */
static void
statsPlotFaults(const statsPlotCanvas *c, const GArray *points, double top, double bottom)
{
    double row = (bottom - top) / G_N_ELEMENTS(statsFaultRows);
    size_t i, k;

    cairo_set_source_rgb(c->cr, 0, 0, 0);
    cairo_set_line_width(c->cr, 1);
    cairo_rectangle(c->cr, c->left, top, c->right - c->left, bottom - top);
    cairo_stroke(c->cr);
    for (k = 0; k < G_N_ELEMENTS(statsFaultRows); k++) {
        double y = top + row * (k + 0.5);

        cairo_set_source_rgb(c->cr, 0, 0, 0);
        statsPlotText(c->cr, c->left - 6, y + 4, 1, statsFaultRows[k]);
        for (i = 0; i < points->len; i++) {
            const statsPoint *p = &g_array_index(points, statsPoint, i);

            if (p->faults[k] > 0)
                statsPlotMarker(c->cr, statsPlotX(c, p->ts), y);
        }
    }
}

/* ---- the figure --------------------------------------------------------- */

/* The legend's entries in a row under the title, from @x. */
static void
statsPlotLegend(cairo_t *cr, double x, double y)
{
    size_t p, l;

    for (p = 0; p < G_N_ELEMENTS(statsPanels); p++) {
        for (l = 0; l < statsPanels[p].nlines; l++) {
            const statsPlotLine *line = &statsPanels[p].lines[l];
            cairo_text_extents_t ext;

            statsPlotSetLine(cr, &line->color, line->width, line->dashed);
            cairo_move_to(cr, x, y - 4);
            cairo_line_to(cr, x + 20, y - 4);
            cairo_stroke(cr);
            cairo_set_dash(cr, NULL, 0, 0);
            cairo_set_source_rgb(cr, 0, 0, 0);
            statsPlotText(cr, x + 24, y, 0, line->label);
            cairo_text_extents(cr, line->label, &ext);
            x += 24 + ext.x_advance + 14;
        }
    }
    statsPlotMarker(cr, x + 10, y - 4);
    cairo_set_source_rgb(cr, 0, 0, 0);
    statsPlotText(cr, x + 24, y, 0, STATS_FAULT_LEGEND);
}

static char *
statsPlotTitle(const statsPlotFrame *frame)
{
    g_autofree char *from = statsFormatTime(frame->from, false);
    g_autofree char *to = statsFormatTime(frame->to, false);

    return g_strdup_printf("%s: usage against limits, %s to %s (per %s)", frame->domain, from, to,
                           frame->step >= STATS_HOUR_MS ? "hour" : "minute");
}

static void
statsPlotDraw(cairo_t *cr, const GArray *points, const statsPlotFrame *frame)
{
    statsPlotCanvas c = { cr, frame, 80, frame->width - 20.0 };
    g_autofree char *title = statsPlotTitle(frame);
    double top = 62, bottom = frame->height - 30.0;
    double strip = MIN(70, (bottom - top) * 0.2), gap = 18;
    double panel = (bottom - top - strip - 2 * gap) / 2;
    size_t p;

    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    cairo_select_font_face(cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
    cairo_set_font_size(cr, 15);
    cairo_set_source_rgb(cr, 0, 0, 0);
    statsPlotText(cr, frame->width / 2.0, 22, 0.5, title);
    cairo_select_font_face(cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cr, 11);
    statsPlotLegend(cr, c.left, 44);
    statsPlotTimeAxis(&c, top, bottom);
    for (p = 0; p < G_N_ELEMENTS(statsPanels); p++) {
        double ptop = top + p * (panel + gap), pbottom = ptop + panel;
        double max = statsPlotValueAxis(&c, statsPanels[p].title,
                                        statsPlotPanelMax(points, &statsPanels[p]) * 1.05,
                                        ptop, pbottom);

        cairo_save(cr);
        cairo_rectangle(cr, c.left, ptop, c.right - c.left, panel);
        cairo_clip(cr);
        statsPlotPanelLines(&c, points, &statsPanels[p], max, ptop, pbottom);
        cairo_restore(cr);
    }
    statsPlotFaults(&c, points, bottom - strip, bottom);
}

/* ---- files -------------------------------------------------------------- */

static cairo_status_t
statsPlotAppend(void *closure, const unsigned char *data, unsigned int length)
{
    g_byte_array_append(closure, data, length);
    return CAIRO_STATUS_SUCCESS;
}

/* <title> and <desc> right after the <svg ...> tag cairo wrote. */
static bool
statsPlotSvgText(GByteArray *svg, const statsPlotFrame *frame)
{
    g_autofree char *title = statsPlotTitle(frame);
    g_autoptr(GString) text = g_string_new(NULL);
    g_autofree char *escTitle = g_markup_escape_text(title, -1);
    const char *start, *end;
    size_t p, l;

    g_byte_array_append(svg, (const guint8 *)"", 1);
    if (!(start = strstr((const char *)svg->data, "<svg")) || !(end = strchr(start, '>')))
        return false;
    g_byte_array_set_size(svg, svg->len - 1);
    g_string_append_printf(text, "\n<title>%s</title>\n<desc>Legend:", escTitle);
    for (p = 0; p < G_N_ELEMENTS(statsPanels); p++) {
        for (l = 0; l < statsPanels[p].nlines; l++)
            g_string_append_printf(text, " %s,", statsPanels[p].lines[l].label);
    }
    g_string_append(text, " " STATS_FAULT_LEGEND "</desc>");
    g_string_append_len(text, end + 1, svg->len - (end + 1 - (const char *)svg->data));
    g_byte_array_set_size(svg, end + 1 - (const char *)svg->data);
    g_byte_array_append(svg, (const guint8 *)text->str, text->len);
    return true;
}

static cairo_surface_t *
statsPlotSurface(statsPlotFormat format, const statsPlotFrame *frame, GByteArray *out)
{
    cairo_surface_t *surface;

    if (format == STATS_PLOT_PNG)
        return cairo_image_surface_create(CAIRO_FORMAT_RGB24, frame->width, frame->height);
    surface = cairo_svg_surface_create_for_stream(statsPlotAppend, out, frame->width,
                                                  frame->height);
# if CAIRO_VERSION >= CAIRO_VERSION_ENCODE(1, 16, 0)
    cairo_svg_surface_set_document_unit(surface, CAIRO_SVG_UNIT_PX);
# endif
    return surface;
}

static bool
statsPlotSave(const char *path, const GByteArray *data, GError **error)
{
    FILE *f = fopen(path, "wb");
    int err;

    if (f && fwrite(data->data, 1, data->len, f) == data->len && fclose(f) == 0)
        return true;
    err = errno;
    if (f)
        fclose(f);
    g_set_error(error, STATS_STORE_ERROR, 0, "cannot write the plot '%s': %s", path,
                g_strerror(err));
    return false;
}

bool
statsPlotAvailable(void)
{
    return true;
}

bool
statsPlotWrite(const GArray *points, const statsPlotFrame *frame, statsPlotFormat format,
               const char *path, GError **error)
{
    g_autoptr(GByteArray) out = g_byte_array_new();
    cairo_surface_t *surface = statsPlotSurface(format, frame, out);
    cairo_t *cr = cairo_create(surface);
    cairo_status_t status;

    statsPlotDraw(cr, points, frame);
    cairo_destroy(cr);
    status = format == STATS_PLOT_PNG ?
        cairo_surface_write_to_png_stream(surface, statsPlotAppend, out) : CAIRO_STATUS_SUCCESS;
    cairo_surface_finish(surface);
    if (status == CAIRO_STATUS_SUCCESS)
        status = cairo_surface_status(surface);
    cairo_surface_destroy(surface);
    /* one plot per run: cairo's font caches and fontconfig's configuration
     * go now, so that a leak checker sees the program's own memory only */
    cairo_debug_reset_static_data();
    FcFini();
    if (status != CAIRO_STATUS_SUCCESS) {
        g_set_error(error, STATS_STORE_ERROR, 0, "cannot draw the plot: %s",
                    cairo_status_to_string(status));
        return false;
    }
    if (format == STATS_PLOT_SVG && !statsPlotSvgText(out, frame)) {
        g_set_error(error, STATS_STORE_ERROR, 0, "cannot draw the plot: cairo wrote no <svg>");
        return false;
    }
    return statsPlotSave(path, out, error);
}

#endif /* WITH_CAIRO */
