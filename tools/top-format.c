/*
 * top-format.c: virtkit-top's cells, header line, --batch text and
 * --json values
 *
 * The batch table is virsh's (tools/vsh-table.c: columns as wide as their
 * content, names made safe for a terminal); the JSON writer is virsh's
 * --json one (tools/vsh-json.c), one compact object per sample so that a
 * script reads one line at a time.  A value the driver does not give is
 * '-' in a table and null in JSON.
 */
#include <config.h>

#include "top-format.h"
#include "virtsh.h"
#include "vsh-util.h"

static const struct {
    const char *name;
    int width;                  /* the interactive screen's, right-aligned but NAME */
} topColumns[TOP_COL_LAST] = {
    [TOP_COL_ID] = { "ID", 7 },
    [TOP_COL_NAME] = { "NAME", 0 },
    [TOP_COL_STATE] = { "STATE", 11 },
    [TOP_COL_CPU] = { "CPU%", 7 },
    [TOP_COL_CPULIM] = { "CPULIM", 7 },
    [TOP_COL_MEM] = { "MEM", 7 },
    [TOP_COL_MEMLIM] = { "MEMLIM", 7 },
    [TOP_COL_EP] = { "EP", 5 },
    [TOP_COL_NPROC] = { "NPROC", 6 },
    [TOP_COL_IO] = { "IO/s", 7 },
    [TOP_COL_IOPS] = { "IOPS", 7 },
    [TOP_COL_FAULTS] = { "FAULTS", 7 },
};

const char *
topColumnName(topColumn col)
{
    return topColumns[col].name;
}

int
topColumnWidth(topColumn col)
{
    return topColumns[col].width;
}

/* The columns a character takes on a terminal, as vsh-table.c counts
 * them for --batch */
static int
topCharWidth(gunichar c)
{
    if (g_unichar_iszerowidth(c))
        return 0;
    return g_unichar_iswide(c) ? 2 : 1;
}

char *
topFitWidth(const char *text, int width, bool pad)
{
    GString *out = g_string_new(NULL);
    const char *p = text;
    int used = 0;

    while (*p) {
        gunichar c = g_utf8_get_char_validated(p, -1);
        const char *next;
        int w;

        /* not UTF-8 (safe text is): one column a byte */
        if (c == (gunichar)-1 || c == (gunichar)-2) {
            c = (unsigned char)*p;
            next = p + 1;
            w = 1;
        } else {
            next = g_utf8_next_char(p);
            w = topCharWidth(c);
        }
        /* a wide character that would stand half outside is left out */
        if (used + w > width)
            break;
        g_string_append_len(out, p, next - p);
        used += w;
        p = next;
    }
    for (; pad && used < width; used++)
        g_string_append_c(out, ' ');
    return g_string_free(out, FALSE);
}

/* KiB as lvectl shows sizes: K, then M, then G with a decimal. */
static void
topFormatKiB(char *buf, double kib)
{
    if (kib < 10240)
        g_snprintf(buf, TOP_CELL_SIZE, "%.0fK", kib);
    else if (kib < 10240.0 * 1024)
        g_snprintf(buf, TOP_CELL_SIZE, "%.0fM", kib / 1024);
    else
        g_snprintf(buf, TOP_CELL_SIZE, "%.1fG", kib / (1024.0 * 1024));
}

static void
topFormatCount(char *buf, topValue v)
{
    if (v.set)
        g_snprintf(buf, TOP_CELL_SIZE, "%llu", v.value);
    else
        g_strlcpy(buf, "-", TOP_CELL_SIZE);
}

/* A limit: 0 is none (an LVE's unlimited). */
static void
topFormatLimit(char *buf, topValue v, bool kib, const char *suffix)
{
    if (!v.set)
        g_strlcpy(buf, "-", TOP_CELL_SIZE);
    else if (v.value == 0)
        g_strlcpy(buf, "none", TOP_CELL_SIZE);
    else if (kib)
        topFormatKiB(buf, v.value);
    else
        g_snprintf(buf, TOP_CELL_SIZE, "%llu%s", v.value, suffix);
}

void
topRowCells(const topRow *row, char cells[TOP_COL_LAST][TOP_CELL_SIZE])
{
    const topDomain *dom = row->dom;
    int i;

    for (i = 0; i < TOP_COL_LAST; i++)
        g_strlcpy(cells[i], "-", TOP_CELL_SIZE);
    if (dom->id >= 0)
        g_snprintf(cells[TOP_COL_ID], TOP_CELL_SIZE, "%d", dom->id);
    /* the name is not cut here: --batch shows it whole */
    g_strlcpy(cells[TOP_COL_STATE], virtshDomainStateToString(dom->s.state), TOP_CELL_SIZE);
    if (row->cpu.set)
        g_snprintf(cells[TOP_COL_CPU], TOP_CELL_SIZE, "%.1f", row->cpu.value);
    topFormatLimit(cells[TOP_COL_CPULIM], topDomainValue(dom, STATS_CPU_LIMIT), false, "%");
    if (dom->s.has[STATS_MEM])
        topFormatKiB(cells[TOP_COL_MEM], dom->s.value[STATS_MEM]);
    topFormatLimit(cells[TOP_COL_MEMLIM], topDomainValue(dom, STATS_MEM_LIMIT), true, "");
    topFormatCount(cells[TOP_COL_EP], topDomainValue(dom, STATS_EP));
    topFormatCount(cells[TOP_COL_NPROC], topDomainValue(dom, STATS_NPROC));
    if (row->io.set)
        topFormatKiB(cells[TOP_COL_IO], row->io.value / 1024);
    if (row->iops.set)
        g_snprintf(cells[TOP_COL_IOPS], TOP_CELL_SIZE, "%.0f", row->iops.value);
    topFormatCount(cells[TOP_COL_FAULTS], row->faults);
}

/* "virtkit-top - 05:50:01, 3 domains, 1 running, interval 1.00 s, sort cpu" */
char *
topFormatHeader(const topScreen *screen, guint nrows)
{
    g_autoptr(GDateTime) now = g_date_time_new_from_unix_local(screen->cur->realtime /
                                                               G_USEC_PER_SEC);
    g_autofree char *clock = g_date_time_format(now, "%H:%M:%S");
    GString *out = g_string_new(NULL);

    g_string_append_printf(out, "virtkit-top - %s, %u domain%s, %u running", clock,
                           screen->cur->domains->len,
                           screen->cur->domains->len == 1 ? "" : "s",
                           topSampleRunning(screen->cur));
    if (screen->prev)
        g_string_append_printf(out, ", interval %.2f s",
                               topSampleInterval(screen->prev, screen->cur));
    g_string_append_printf(out, ", sort %s", topSortKeyToString(screen->sort));
    if (screen->filter && *screen->filter) {
        g_autofree char *safe = vshSafeText(screen->filter);

        g_string_append_printf(out, ", filter '%s' (%u shown)", safe, nrows);
    }
    return g_string_free(out, FALSE);
}

char *
topFormatBatch(const topScreen *screen, GArray *rows)
{
    g_autofree char *header = topFormatHeader(screen, rows->len);
    g_autofree char *text = NULL;
    g_autoptr(vshTable) table = NULL;
    guint i;

    table = vshTableNew("ID", "NAME", "STATE", "CPU%", "CPULIM", "MEM", "MEMLIM", "EP",
                        "NPROC", "IO/s", "IOPS", "FAULTS", NULL);
    for (i = 0; i < rows->len; i++) {
        const topRow *row = &g_array_index(rows, topRow, i);
        char c[TOP_COL_LAST][TOP_CELL_SIZE];

        topRowCells(row, c);
        vshTableRowAppend(table, c[TOP_COL_ID], row->dom->s.name, c[TOP_COL_STATE],
                          c[TOP_COL_CPU], c[TOP_COL_CPULIM], c[TOP_COL_MEM],
                          c[TOP_COL_MEMLIM], c[TOP_COL_EP], c[TOP_COL_NPROC], c[TOP_COL_IO],
                          c[TOP_COL_IOPS], c[TOP_COL_FAULTS], NULL);
    }
    text = vshTablePrintToString(table, true);
    return g_strdup_printf("%s\n%s\n", header, text);
}

static void
topJsonValue(vshJson *json, const char *key, topValue v)
{
    if (v.set)
        vshJsonUInt(json, key, v.value);
    else
        vshJsonNull(json, key);
}

/* A rate rounded to @decimals, as a number (rates are finite: their
 * interval is above 0). */
static void
topJsonRate(vshJson *json, const char *key, topRate r, int decimals)
{
    char format[8];
    char buf[G_ASCII_DTOSTR_BUF_SIZE];

    if (!r.set) {
        vshJsonNull(json, key);
        return;
    }
    g_snprintf(format, sizeof(format), "%%.%df", decimals);
    vshJsonNumber(json, key, g_ascii_formatd(buf, sizeof(buf), format, r.value));
}

static void
topJsonRow(vshJson *json, const topRow *row)
{
    const topDomain *dom = row->dom;

    vshJsonOpen(json, NULL, false);
    vshJsonString(json, "name", dom->s.name);
    vshJsonString(json, "uuid", dom->s.uuid);
    if (dom->id >= 0)
        vshJsonInt(json, "id", dom->id);
    else
        vshJsonNull(json, "id");
    vshJsonString(json, "state", virtshDomainStateToString(dom->s.state));
    topJsonRate(json, "cpu_percent", row->cpu, 2);
    topJsonValue(json, "cpu_limit_percent", topDomainValue(dom, STATS_CPU_LIMIT));
    topJsonValue(json, "memory_kib", topDomainValue(dom, STATS_MEM));
    topJsonValue(json, "memory_limit_kib", topDomainValue(dom, STATS_MEM_LIMIT));
    topJsonValue(json, "ep", topDomainValue(dom, STATS_EP));
    topJsonValue(json, "nproc", topDomainValue(dom, STATS_NPROC));
    topJsonRate(json, "io_bytes_per_second", row->io, 0);
    topJsonRate(json, "iops", row->iops, 1);
    topJsonValue(json, "faults", row->faults);
    /* everything the record said, under libvirt's names */
    vshJsonOpen(json, "stats", false);
    vshJsonTypedParams(json, dom->params, dom->nparams, "");
    vshJsonClose(json, false);
    vshJsonClose(json, false);
}

/* {"time": ..., "interval": ..., "domains": [...]} on one line. */
char *
topFormatJSON(const topScreen *screen, GArray *rows)
{
    g_autoptr(GDateTime) now = g_date_time_new_from_unix_utc(screen->cur->realtime /
                                                             G_USEC_PER_SEC);
    g_autofree char *stamp = g_date_time_format_iso8601(now);
    topRate interval = { .set = screen->prev != NULL };
    vshJson json;
    guint i;

    if (screen->prev)
        interval.value = topSampleInterval(screen->prev, screen->cur);
    vshJsonBegin(&json, false);
    json.compact = true;
    vshJsonString(&json, "time", stamp);
    topJsonRate(&json, "interval", interval, 3);
    vshJsonString(&json, "sort", topSortKeyToString(screen->sort));
    vshJsonUInt(&json, "total", screen->cur->domains->len);
    vshJsonUInt(&json, "running", topSampleRunning(screen->cur));
    vshJsonOpen(&json, "domains", true);
    for (i = 0; i < rows->len; i++)
        topJsonRow(&json, &g_array_index(rows, topRow, i));
    vshJsonClose(&json, true);
    return vshJsonEnd(&json);
}
