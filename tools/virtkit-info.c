/*
 * virtkit-info.c: CloudLinux lveinfo's questions over virtkit-statsd's
 * usage history
 *
 *   virtkit-info --db PATH|URI [--period 1d|6h|30m] [--from TIME --to TIME]
 *                [--top N] [--by cpu|mem|io|faults] [--domain NAME]
 *                [--faults] [--step minute|hour] [--csv|--json]
 *                [--plot FILE.png|FILE.svg [--size WIDTHxHEIGHT]]
 *
 * The top domains by average CPU, memory, IO or faults over a period; one
 * domain's history, per minute or per hour; the domains that hit their
 * limits.  A table by default (virtsh's layout), CSV or JSON for scripts;
 * or a domain's history drawn against its limits (stats-plot.c).  The
 * database is only read (stats-store.c, stats-query.c).
 */
#include <config.h>

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "stats-plot.h"
#include "stats-query.h"
#include "tool-error.h"
#include "virtsh.h"
#include "vsh-util.h"

typedef enum {
    INFO_TABLE,
    INFO_CSV,
    INFO_JSON,
} infoFormat;

typedef struct {
    const char *db;
    const char *period;
    const char *from;
    const char *to;
    unsigned int top;
    const char *by;
    const char *domain;
    bool faults;
    statsStep step;
    infoFormat format;
    const char *plot;
    unsigned int width, height;
} infoOptions;

/* ---- times -------------------------------------------------------------- */

/* "30m", "6h", "1d", "2w" in ms; -1 when malformed. */
static gint64
infoParsePeriod(const char *arg)
{
    static const struct { char unit; gint64 ms; } units[] = {
        { 'm', STATS_MINUTE_MS }, { 'h', STATS_HOUR_MS },
        { 'd', 24 * STATS_HOUR_MS }, { 'w', 7 * 24 * STATS_HOUR_MS },
    };
    g_autofree char *digits = NULL;
    size_t len = strlen(arg);
    guint64 n;
    size_t i;

    if (len < 2)
        return -1;
    digits = g_strndup(arg, len - 1);
    for (i = 0; i < G_N_ELEMENTS(units); i++) {
        if (arg[len - 1] == units[i].unit &&
            g_ascii_string_to_unsigned(digits, 10, 1, G_MAXINT64 / units[i].ms, &n, NULL))
            return (gint64)n * units[i].ms;
    }
    return -1;
}

/* "YYYY-MM-DD", "YYYY-MM-DD HH:MM[:SS]" (or with a T; local time unless
 * a zone follows), "@SECONDS" since the epoch, or "now"; -1 when
 * malformed. */
static gint64
infoParseTime(const char *arg, gint64 now)
{
    g_autoptr(GTimeZone) local = g_time_zone_new_local();
    g_autoptr(GDateTime) t = NULL;
    g_autofree char *iso = NULL;
    guint64 secs;

    if (g_str_equal(arg, "now"))
        return now;
    if (arg[0] == '@')
        return g_ascii_string_to_unsigned(arg + 1, 10, 0, G_MAXINT64 / 1000, &secs, NULL) ?
            (gint64)secs * 1000 : -1;
    iso = g_strdup(arg);
    g_strdelimit(iso, " ", 'T');
    if (!strchr(iso, 'T')) {
        g_autofree char *day = g_steal_pointer(&iso);

        iso = g_strconcat(day, "T00:00:00", NULL);
    } else if (strlen(strchr(iso, 'T')) == strlen("THH:MM")) {
        g_autofree char *minute = g_steal_pointer(&iso);

        iso = g_strconcat(minute, ":00", NULL);
    }
    if (!(t = g_date_time_new_from_iso8601(iso, local)))
        return -1;
    return g_date_time_to_unix(t) * 1000;
}

/* The range the options ask for: --from/--to, or --period up to now. */
static bool
infoRange(const infoOptions *opts, gint64 *from, gint64 *to)
{
    gint64 now = statsStoreNow();
    gint64 period;

    if (opts->period && (opts->from || opts->to)) {
        toolError("--period and --from/--to cannot be used together");
        return false;
    }
    if (opts->to && !opts->from) {
        toolError("--to needs --from");
        return false;
    }
    if (opts->from) {
        *to = now;
        if ((*from = infoParseTime(opts->from, now)) < 0 ||
            (opts->to && (*to = infoParseTime(opts->to, now)) < 0)) {
            toolError("invalid time '%s': expected YYYY-MM-DD[ HH:MM[:SS]], @SECONDS or now",
                      *from < 0 ? opts->from : opts->to);
            return false;
        }
        if (*from >= *to) {
            toolError("--from (%s) is not before --to (%s)", opts->from, opts->to ? opts->to : "now");
            return false;
        }
        return true;
    }
    if ((period = infoParsePeriod(opts->period ? opts->period : "1d")) < 0) {
        toolError("invalid period '%s': expected a number of minutes, hours, days or weeks "
                  "(30m, 6h, 1d, 2w)", opts->period);
        return false;
    }
    *to = now;
    *from = now - period;
    return true;
}

/* ---- output ------------------------------------------------------------- */

static void
infoPrintTable(const statsResult *result)
{
    g_autoptr(GPtrArray) header = g_ptr_array_new();
    g_autoptr(vshTable) table = NULL;
    g_autofree char *text = NULL;
    size_t r, c;

    for (c = 0; c < result->ncols; c++) {
        if (result->cols[c].header)
            g_ptr_array_add(header, (gpointer)result->cols[c].header);
    }
    g_ptr_array_add(header, NULL);
    table = vshTableNewv((const char *const *)header->pdata);
    for (r = 0; r < result->nrows; r++) {
        g_autoptr(GPtrArray) row = g_ptr_array_new();

        for (c = 0; c < result->ncols; c++) {
            const char *cell = g_ptr_array_index(result->cells, r * result->ncols + c);

            if (result->cols[c].header)
                g_ptr_array_add(row, (gpointer)(cell ? cell : "-"));
        }
        g_ptr_array_add(row, NULL);
        vshTableRowAppendv(table, (const char *const *)row->pdata);
    }
    text = vshTablePrintToString(table, true);
    fputs(text, stdout);
}

/* RFC 4180: a field with a separator, a quote or a line break is quoted,
 * its quotes doubled. */
static void
infoCsvField(GString *out, const char *field)
{
    const char *p;

    if (!field[strcspn(field, ",\"\r\n")]) {
        g_string_append(out, field);
        return;
    }
    g_string_append_c(out, '"');
    for (p = field; *p; p++) {
        if (*p == '"')
            g_string_append_c(out, '"');
        g_string_append_c(out, *p);
    }
    g_string_append_c(out, '"');
}

static void
infoPrintCsv(const statsResult *result)
{
    g_autoptr(GString) out = g_string_new(NULL);
    size_t r, c;

    for (c = 0; c < result->ncols; c++)
        g_string_append_printf(out, "%s%s", c ? "," : "", result->cols[c].key);
    g_string_append_c(out, '\n');
    for (r = 0; r < result->nrows; r++) {
        for (c = 0; c < result->ncols; c++) {
            const char *cell = g_ptr_array_index(result->cells, r * result->ncols + c);

            if (c)
                g_string_append_c(out, ',');
            if (cell)
                infoCsvField(out, cell);
        }
        g_string_append_c(out, '\n');
    }
    fputs(out->str, stdout);
}

/* {"from": ..., "to": ..., "step": ..., (@domain: "domain", "uuid"),
 *  @list: [ {column: value, ...}, ... ]} */
static void
infoPrintJson(const statsResult *result, gint64 from, gint64 to, statsStep step,
              const char *list, const char *domain, const char *uuid)
{
    g_autofree char *fromText = statsFormatTime(from, true);
    g_autofree char *toText = statsFormatTime(to, true);
    vshJson json;
    size_t r, c;

    vshJsonBegin(&json, false);
    vshJsonString(&json, "from", fromText);
    vshJsonString(&json, "to", toText);
    vshJsonString(&json, "step", statsStepName(step));
    if (domain) {
        vshJsonString(&json, "domain", domain);
        vshJsonString(&json, "uuid", uuid);
    }
    vshJsonOpen(&json, list, true);
    for (r = 0; r < result->nrows; r++) {
        vshJsonOpen(&json, NULL, false);
        for (c = 0; c < result->ncols; c++) {
            const statsColumn *col = &result->cols[c];
            const char *cell = g_ptr_array_index(result->cells, r * result->ncols + c);

            if (!cell)
                vshJsonNull(&json, col->key);
            else if (col->kind == STATS_COL_INT || col->kind == STATS_COL_DEC)
                vshJsonNumber(&json, col->key, cell);
            else
                vshJsonString(&json, col->key, cell);
        }
        vshJsonClose(&json, false);
    }
    vshJsonClose(&json, true);
    vshJsonClose(&json, false);
    printf("%s\n", json.out->str);
    g_string_free(json.out, TRUE);
}

/* ---- the questions ------------------------------------------------------ */

static const char *const infoByNames[STATS_BY_LAST] = {
    [STATS_BY_CPU] = "cpu",
    [STATS_BY_MEM] = "mem",
    [STATS_BY_IO] = "io",
    [STATS_BY_FAULTS] = "faults",
};

static int
infoByFromString(const char *name)
{
    int i;

    for (i = 0; i < STATS_BY_LAST; i++) {
        if (g_str_equal(name, infoByNames[i]))
            return i;
    }
    return -1;
}

/* --plot draws one domain's history: it takes --domain and a range. */
static bool
infoCheckPlot(const infoOptions *opts)
{
    if (!statsPlotAvailable()) {
        toolError("--plot: virtkit-info was built without cairo");
        return false;
    }
    if (statsPlotFormatFromPath(opts->plot) < 0) {
        toolError("--plot '%s': the file name must end in .png or .svg", opts->plot);
        return false;
    }
    if (!opts->domain) {
        toolError("--plot needs --domain NAME: it draws one domain's history");
        return false;
    }
    if (opts->faults || opts->top != G_MAXUINT || opts->format != INFO_TABLE) {
        toolError("--plot does not go with %s", opts->faults ? "--faults" :
                  opts->top != G_MAXUINT ? "--top" : opts->format == INFO_CSV ? "--csv" : "--json");
        return false;
    }
    return true;
}

/* Refuses options that do not go together, before the database is read. */
static bool
infoCheckOptions(const infoOptions *opts, int *by)
{
    *by = STATS_BY_CPU;
    if (opts->by && (*by = infoByFromString(opts->by)) < 0) {
        toolError("unknown value '%s' for --by: expected cpu, mem, io or faults", opts->by);
        return false;
    }
    if (opts->by && (opts->domain || opts->faults)) {
        toolError("--by ranks domains for the top list: it does not go with %s",
                  opts->faults ? "--faults" : "--domain");
        return false;
    }
    if (opts->plot)
        return infoCheckPlot(opts);
    if (opts->width) {
        toolError("--size goes with --plot");
        return false;
    }
    if (opts->top != G_MAXUINT && opts->domain && !opts->faults) {
        toolError("--top does not go with --domain (one domain's history)");
        return false;
    }
    return true;
}

/* A domain's history: beyond six hours, a minute per row is too much to
 * read (or to draw). */
static statsStep
infoHistoryStep(statsStore *store, const infoOptions *opts, gint64 from, gint64 to)
{
    if (opts->step == STATS_STEP_AUTO && to - from > 6 * STATS_HOUR_MS)
        return STATS_STEP_HOUR;
    return statsQueryStep(store, from, opts->step);
}

static bool
infoPlot(statsStore *store, const infoOptions *opts, const char *uuid, gint64 from, gint64 to)
{
    g_autoptr(GError) error = NULL;
    g_autoptr(GArray) points = NULL;
    statsStep step = infoHistoryStep(store, opts, from, to);
    statsPlotFrame frame = {
        .domain = opts->domain, .from = from, .to = to,
        .step = step == STATS_STEP_HOUR ? STATS_HOUR_MS : STATS_MINUTE_MS,
        .width = opts->width ? opts->width : 1000, .height = opts->height ? opts->height : 600,
    };

    if (!(points = statsQuerySeries(store, step, from, to, uuid, &error)) ||
        !statsPlotWrite(points, &frame, statsPlotFormatFromPath(opts->plot), opts->plot, &error)) {
        toolError("%s", error->message);
        return false;
    }
    return true;
}

static bool
infoAnswer(statsStore *store, const infoOptions *opts, statsBy by, gint64 from, gint64 to)
{
    g_autoptr(GError) error = NULL;
    g_autoptr(statsResult) result = NULL;
    g_autofree char *uuid = NULL;
    unsigned int top = opts->top == G_MAXUINT ? 10 : opts->top;
    statsStep step;
    const char *list = "domains";

    if (opts->domain && !(uuid = statsQueryFindDomain(store, opts->domain, &error)))
        goto error;
    if (opts->plot)
        return infoPlot(store, opts, uuid, from, to);
    if (opts->faults) {
        step = statsQueryStep(store, from, opts->step);
        result = statsQueryFaults(store, step, from, to, uuid, top, &error);
    } else if (opts->domain) {
        step = infoHistoryStep(store, opts, from, to);
        result = statsQueryHistory(store, step, from, to, uuid, &error);
        list = "history";
    } else if ((step = statsQueryStep(store, from, opts->step)) == STATS_STEP_MINUTE &&
               opts->step == STATS_STEP_AUTO) {
        /* the same answer, from the hours where whole ones fit */
        result = statsQueryTopSpans(store, from, to, by, top, &error);
    } else {
        result = statsQueryTop(store, step, from, to, by, top, &error);
    }
    if (!result)
        goto error;
    switch (opts->format) {
    case INFO_TABLE:
        infoPrintTable(result);
        break;
    case INFO_CSV:
        infoPrintCsv(result);
        break;
    case INFO_JSON:
        infoPrintJson(result, from, to, step, list,
                      opts->domain && !opts->faults ? opts->domain : NULL, uuid);
        break;
    }
    return true;

 error:
    toolError("%s", error->message);
    return false;
}

/* ---- options ------------------------------------------------------------ */

static void
infoUsage(FILE *out)
{
    fputs("usage: virtkit-info --db PATH|URI [--period 1d|6h|30m] [--from TIME [--to TIME]]\n"
          "                    [--top N] [--by cpu|mem|io|faults] [--domain NAME]\n"
          "                    [--faults] [--step minute|hour] [--csv|--json]\n"
          "                    [--plot FILE.png|FILE.svg [--size WIDTHxHEIGHT]]\n"
          "\n"
          "Questions over the usage history virtkit-statsd keeps.\n"
          "  --db PATH|URI      the database virtkit-statsd writes: a SQLite file\n"
          "                     or a postgresql://... connection URI\n"
          "  --period P         the last P (m, h, d, w; default 1d)\n"
          "  --from/--to TIME   YYYY-MM-DD[ HH:MM[:SS]], @SECONDS or now\n"
          "  --top N            the N first domains (default 10)\n"
          "  --by KEY           rank by average cpu, mem, io, or by faults (default cpu)\n"
          "  --domain NAME      the history of one domain (name or uuid)\n"
          "  --faults           the domains that hit their limits\n"
          "  --step S           minute or hour rows (default: from the period)\n"
          "  --csv, --json      for scripts\n"
          "  --plot FILE        draw --domain's usage against its limits (PNG or SVG)\n"
          "  --size WxH         the plot's size in pixels (default 1000x600)\n", out);
}

enum {
    OPT_DB = 256, OPT_PERIOD, OPT_FROM, OPT_TO, OPT_TOP, OPT_BY, OPT_DOMAIN,
    OPT_FAULTS, OPT_STEP, OPT_CSV, OPT_JSON, OPT_PLOT, OPT_SIZE,
};

static const struct option infoOptionTable[] = {
    { "db", required_argument, NULL, OPT_DB },
    { "period", required_argument, NULL, OPT_PERIOD },
    { "from", required_argument, NULL, OPT_FROM },
    { "to", required_argument, NULL, OPT_TO },
    { "top", required_argument, NULL, OPT_TOP },
    { "by", required_argument, NULL, OPT_BY },
    { "domain", required_argument, NULL, OPT_DOMAIN },
    { "faults", no_argument, NULL, OPT_FAULTS },
    { "step", required_argument, NULL, OPT_STEP },
    { "csv", no_argument, NULL, OPT_CSV },
    { "json", no_argument, NULL, OPT_JSON },
    { "plot", required_argument, NULL, OPT_PLOT },
    { "size", required_argument, NULL, OPT_SIZE },
    { "help", no_argument, NULL, 'h' },
    { NULL, 0, NULL, 0 },
};

/* "WIDTHxHEIGHT", each from 200 to 10000 pixels */
static bool
infoParseSize(infoOptions *opts, const char *arg)
{
    g_auto(GStrv) parts = g_strsplit(arg, "x", 0);
    guint64 w, h;

    if (g_strv_length(parts) != 2 ||
        !g_ascii_string_to_unsigned(parts[0], 10, 200, 10000, &w, NULL) ||
        !g_ascii_string_to_unsigned(parts[1], 10, 200, 10000, &h, NULL)) {
        toolError("invalid value '%s' for --size: expected WIDTHxHEIGHT, "
                  "each from 200 to 10000 pixels", arg);
        return false;
    }
    opts->width = w;
    opts->height = h;
    return true;
}

static bool
infoParseOption(infoOptions *opts, int c, const char *arg)
{
    guint64 n;

    switch (c) {
    case OPT_DB:
        opts->db = arg;
        return true;
    case OPT_PERIOD:
        opts->period = arg;
        return true;
    case OPT_FROM:
        opts->from = arg;
        return true;
    case OPT_TO:
        opts->to = arg;
        return true;
    case OPT_BY:
        opts->by = arg;
        return true;
    case OPT_DOMAIN:
        opts->domain = arg;
        return true;
    case OPT_FAULTS:
        opts->faults = true;
        return true;
    case OPT_PLOT:
        opts->plot = arg;
        return true;
    case OPT_SIZE:
        return infoParseSize(opts, arg);
    case OPT_TOP:
        if (!g_ascii_string_to_unsigned(arg, 10, 1, G_MAXUINT - 1, &n, NULL)) {
            toolError("invalid value '%s' for --top: expected a number of domains, 1 or more", arg);
            return false;
        }
        opts->top = n;
        return true;
    case OPT_STEP:
        if (g_str_equal(arg, "minute")) {
            opts->step = STATS_STEP_MINUTE;
        } else if (g_str_equal(arg, "hour")) {
            opts->step = STATS_STEP_HOUR;
        } else {
            toolError("unknown value '%s' for --step: expected minute or hour", arg);
            return false;
        }
        return true;
    case OPT_CSV:
    case OPT_JSON:
        if (opts->format != INFO_TABLE) {
            toolError("--csv and --json cannot be used together");
            return false;
        }
        opts->format = c == OPT_CSV ? INFO_CSV : INFO_JSON;
        return true;
    }
    infoUsage(stderr);
    return false;
}

int
main(int argc, char **argv)
{
    infoOptions opts = { .top = G_MAXUINT };
    g_autoptr(statsStore) store = NULL;
    g_autoptr(GError) error = NULL;
    gint64 from, to;
    int by, c;

    toolErrorSetPrefix("virtkit-info: ");
    while ((c = getopt_long(argc, argv, "h", infoOptionTable, NULL)) != -1) {
        if (c == 'h') {
            infoUsage(stdout);
            return EXIT_SUCCESS;
        }
        if (!infoParseOption(&opts, c, optarg))
            return EXIT_FAILURE;
    }
    if (optind < argc) {
        toolError("unexpected argument '%s'", argv[optind]);
        return EXIT_FAILURE;
    }
    if (!opts.db) {
        toolError("--db PATH|URI is required: the database virtkit-statsd writes");
        return EXIT_FAILURE;
    }
    if (!infoCheckOptions(&opts, &by) || !infoRange(&opts, &from, &to))
        return EXIT_FAILURE;
    if (!(store = statsStoreOpen(opts.db, false, &error))) {
        toolError("%s", error->message);
        return EXIT_FAILURE;
    }
    return infoAnswer(store, &opts, by, from, to) ? EXIT_SUCCESS : EXIT_FAILURE;
}
