/*
 * vsh-table.c: tables whose columns are as wide as their content
 *
 * The layout is virsh's: every cell is preceded by one blank, every
 * column but the last is padded to its widest cell plus two blanks, and
 * the rule under the header has (width + 3) dashes per column.  With -q
 * the header and rule are left out and do not count towards the widths.
 *
 * Widths count what a terminal shows: a wide (CJK) character counts two,
 * a combining one none, and control characters or bytes that are not
 * UTF-8 are shown as \xNN (four columns) so they cannot break the layout.
 */
#include <config.h>

#include <stdarg.h>
#include <string.h>

#include "vsh-util.h"

struct _vshTable {
    GPtrArray *rows;            /* of GStrv; the first is the header */
    size_t ncolumns;
};

static GStrv
vshTableRowNew(const char *first, va_list ap)
{
    GPtrArray *cells = g_ptr_array_new();
    const char *cell;

    for (cell = first; cell; cell = va_arg(ap, const char *))
        g_ptr_array_add(cells, g_strdup(cell));
    g_ptr_array_add(cells, NULL);
    return (GStrv)g_ptr_array_free(cells, FALSE);
}

vshTable *
vshTableNew(const char *first, ...)
{
    vshTable *table = g_new0(vshTable, 1);
    GStrv header;
    va_list ap;

    va_start(ap, first);
    header = vshTableRowNew(first, ap);
    va_end(ap);
    table->rows = g_ptr_array_new_with_free_func((GDestroyNotify)g_strfreev);
    table->ncolumns = g_strv_length(header);
    g_ptr_array_add(table->rows, header);
    return table;
}

/* Every row has as many cells as the header: a shorter row is a bug. */
void
vshTableRowAppend(vshTable *table, const char *first, ...)
{
    GStrv row;
    va_list ap;

    va_start(ap, first);
    row = vshTableRowNew(first, ap);
    va_end(ap);
    g_assert(g_strv_length(row) == table->ncolumns);
    g_ptr_array_add(table->rows, row);
}

/* The same from arrays of cells ending with NULL (for tables whose
 * columns are data). */
vshTable *
vshTableNewv(const char *const *header)
{
    vshTable *table = g_new0(vshTable, 1);

    table->rows = g_ptr_array_new_with_free_func((GDestroyNotify)g_strfreev);
    table->ncolumns = g_strv_length((GStrv)header);
    g_ptr_array_add(table->rows, g_strdupv((GStrv)header));
    return table;
}

void
vshTableRowAppendv(vshTable *table, const char *const *cells)
{
    g_assert(g_strv_length((GStrv)cells) == table->ncolumns);
    g_ptr_array_add(table->rows, g_strdupv((GStrv)cells));
}

void
vshTableFree(vshTable *table)
{
    if (!table)
        return;
    g_ptr_array_unref(table->rows);
    g_free(table);
}

/* Characters that reorder what follows them on a terminal (bidirectional
 * embeddings, overrides and isolates, the direction marks): shown as
 * escapes, so that a name cannot make another line read differently. */
static bool
vshIsBidiControl(gunichar c)
{
    return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) ||
           c == 0x200E || c == 0x200F || c == 0x061C;
}

/* The text as it is shown, and its width in columns. */
static char *
vshTableSafeEncode(const char *s, size_t *width)
{
    GString *buf = g_string_new(NULL);
    const char *p = s;

    *width = 0;
    while (*p) {
        gunichar c = g_utf8_get_char_validated(p, -1);

        if ((p[0] == '\\' && p[1] == 'x') || g_ascii_iscntrl(*p) ||
            c == (gunichar)-1 || c == (gunichar)-2 ||
            (c >= 0x80 && !g_unichar_isprint(c) && !g_unichar_iszerowidth(c))) {
            g_string_append_printf(buf, "\\x%02x", (unsigned char)*p);
            *width += 4;
            p++;
            continue;
        }
        if (vshIsBidiControl(c)) {
            const char *next = g_utf8_next_char(p);

            for (; p < next; p++, *width += 4)
                g_string_append_printf(buf, "\\x%02x", (unsigned char)*p);
            continue;
        }
        g_string_append_len(buf, p, g_utf8_next_char(p) - p);
        if (g_unichar_iswide(c))
            *width += 2;
        else if (!g_unichar_iszerowidth(c))
            *width += 1;
        p = g_utf8_next_char(p);
    }
    return g_string_free(buf, FALSE);
}

char *
vshSafeText(const char *s)
{
    size_t width;

    return vshTableSafeEncode(s, &width);
}

static void
vshTableRowPrint(GString *out, char **cells, const size_t *widths,
                 const size_t *maxwidths, size_t ncolumns)
{
    size_t i, j;

    for (i = 0; i < ncolumns; i++) {
        g_string_append_c(out, ' ');
        g_string_append(out, cells[i]);
        if (i + 1 < ncolumns) {
            for (j = widths[i]; j < maxwidths[i] + 2; j++)
                g_string_append_c(out, ' ');
        }
    }
    g_string_append_c(out, '\n');
}

/**
 * vshTablePrintToString:
 * @table: the table
 * @header: print the header and its rule
 *
 * Returns the text of the table.
 */
char *
vshTablePrintToString(vshTable *table, bool header)
{
    size_t nrows = table->rows->len, ncols = table->ncolumns;
    size_t ncells = nrows * ncols;
    g_autofree size_t *maxwidths = g_new0(size_t, ncols);
    g_autofree size_t *widths = g_new0(size_t, ncells);
    g_auto(GStrv) shown = g_new0(char *, ncells + 1);
    GString *out = g_string_new(NULL);
    size_t r, c;

    for (r = 0; r < nrows; r++) {
        GStrv cells = g_ptr_array_index(table->rows, r);

        for (c = 0; c < ncols; c++) {
            shown[r * ncols + c] = vshTableSafeEncode(cells[c], &widths[r * ncols + c]);
            if (r > 0 || header)
                maxwidths[c] = MAX(maxwidths[c], widths[r * ncols + c]);
        }
    }
    if (header) {
        vshTableRowPrint(out, shown, widths, maxwidths, ncols);
        for (c = 0; c < ncols; c++) {
            for (r = 0; r < maxwidths[c] + 3; r++)
                g_string_append_c(out, '-');
        }
        g_string_append_c(out, '\n');
    }
    for (r = 1; r < nrows; r++)
        vshTableRowPrint(out, &shown[r * ncols], &widths[r * ncols], maxwidths, ncols);
    return g_string_free(out, FALSE);
}

void
vshTablePrintToStdout(vshTable *table, vshControl *ctl)
{
    g_autofree char *out = vshTablePrintToString(table, !ctl->quiet);

    vshPrint(ctl, "%s", out);
}
