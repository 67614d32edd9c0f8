/*
 * top-curses.c: virtkit-top's interactive screen (ncurses)
 *
 * Line 1 is the header of --batch, line 2 the keys or a prompt or a
 * message, line 3 the column names; the rows fill the rest, as many as
 * fit.  The screen is drawn at once (rates show '-' until the first
 * interval has passed), then after each interval; a key is handled as it
 * comes, and a change of the terminal's size redraws what is shown.
 * Built without ncurses, the program has --batch and --json only.
 */
#include <config.h>

#ifdef WITH_NCURSES
# include <curses.h>
# include <locale.h>
# include <signal.h>
# include <string.h>
#endif

#include "top-curses.h"
#include "top-format.h"
#include "tool-error.h"
#include "virtsh.h"
#include "vsh-util.h"

#ifdef WITH_NCURSES

# define TOP_KEYS_HELP "q quit  c m i f n sort  / filter  d delay  space refresh"

typedef struct {
    topControl *ctl;
    topSample *prev;            /* NULL before the first interval */
    topSample *cur;
    char *message;              /* shown on line 2 instead of the keys */
} topCurses;

static volatile sig_atomic_t topInterrupted;

static void
topCursesSignal(int sig)
{
    topInterrupted = 1;
}

/* @text on line @y, cut where the screen ends (addnstr would count
 * bytes) */
static void
topCursesPut(int y, const char *text)
{
    g_autofree char *cut = topFitWidth(text, COLS, false);

    mvaddstr(y, 0, cut);
}

/* One line of the table: @cells, NAME taking what the others leave,
 * padded and cut by the columns its characters take (a CJK character
 * two), not by its bytes or characters. */
static void
topCursesLine(int y, char cells[TOP_COL_LAST][TOP_CELL_SIZE], const char *name)
{
    g_autoptr(GString) line = g_string_new(NULL);
    int fixed = 0, nameWidth, col;

    for (col = 0; col < TOP_COL_LAST; col++)
        fixed += topColumnWidth(col) + 1;
    nameWidth = MAX(COLS - fixed, 8);
    for (col = 0; col < TOP_COL_LAST; col++) {
        if (col == TOP_COL_NAME) {
            g_autofree char *safe = vshSafeText(name);
            g_autofree char *cell = topFitWidth(safe, nameWidth, true);

            g_string_append_printf(line, " %s", cell);
        } else {
            g_string_append_printf(line, " %*s", topColumnWidth(col), cells[col]);
        }
    }
    topCursesPut(y, line->str + 1);
}

static void
topCursesDraw(topCurses *tc)
{
    topScreen screen = {
        .prev = tc->prev, .cur = tc->cur, .sort = tc->ctl->sort, .filter = tc->ctl->filter,
    };
    g_autoptr(GArray) rows = topRowsCompute(tc->prev, tc->cur, tc->ctl->filter, tc->ctl->sort);
    g_autofree char *header = topFormatHeader(&screen, rows->len);
    char names[TOP_COL_LAST][TOP_CELL_SIZE];
    guint i;
    int col;

    erase();
    topCursesPut(0, header);
    topCursesPut(1, tc->message ? tc->message : TOP_KEYS_HELP);
    for (col = 0; col < TOP_COL_LAST; col++)
        g_strlcpy(names[col], topColumnName(col), TOP_CELL_SIZE);
    attron(A_REVERSE);
    mvhline(2, 0, ' ', COLS);
    topCursesLine(2, names, "NAME");
    attroff(A_REVERSE);
    for (i = 0; i < rows->len && (int)i + 3 < LINES; i++) {
        const topRow *row = &g_array_index(rows, topRow, i);
        char cells[TOP_COL_LAST][TOP_CELL_SIZE];

        topRowCells(row, cells);
        topCursesLine(i + 3, cells, row->dom->s.name);
    }
    refresh();
}

static void
topCursesSay(topCurses *tc, char *message)
{
    g_free(tc->message);
    tc->message = message;
}

/* What the user typed after @prompt on line 2, or NULL. */
static char *
topCursesPrompt(const char *prompt)
{
    char buf[256] = "";

    move(1, 0);
    clrtoeol();
    mvaddstr(1, 0, prompt);
    timeout(-1);
    echo();
    curs_set(1);
    if (getnstr(buf, sizeof(buf) - 1) == ERR)
        buf[0] = '\0';
    noecho();
    curs_set(0);
    return g_strdup(g_strstrip(buf));
}

static void
topCursesAskDelay(topCurses *tc)
{
    g_autofree char *answer = topCursesPrompt("Delay in seconds: ");

    if (!*answer)
        topCursesSay(tc, NULL);
    else if (topParseDelay(answer, &tc->ctl->delay))
        topCursesSay(tc, g_strdup_printf("delay %g s", tc->ctl->delay));
    else
        topCursesSay(tc, g_strdup_printf("invalid delay '%s': expected a number of seconds "
                                         "above 0, at most 86400", answer));
}

static void
topCursesAskFilter(topCurses *tc)
{
    g_autofree char *answer = topCursesPrompt("Show names holding (empty: all): ");

    g_free(tc->ctl->filter);
    tc->ctl->filter = *answer ? g_steal_pointer(&answer) : NULL;
    topCursesSay(tc, NULL);
}

/* A new sample; false after reporting. */
static bool
topCursesSample(topCurses *tc)
{
    topSample *next = topSampleTake(tc->ctl->conn, tc->ctl->lve);

    if (!next)
        return false;
    topSampleFree(tc->prev);
    tc->prev = tc->cur;
    tc->cur = next;
    return true;
}

/* The key @ch; false to quit. */
static bool
topCursesKey(topCurses *tc, int ch)
{
    static const char sortKeys[TOP_SORT_LAST] = {
        [TOP_SORT_CPU] = 'c', [TOP_SORT_MEM] = 'm', [TOP_SORT_IO] = 'i',
        [TOP_SORT_FAULTS] = 'f', [TOP_SORT_NAME] = 'n',
    };
    int key;

    if (ch == 'q' || ch == 'Q')
        return false;
    for (key = 0; key < TOP_SORT_LAST; key++) {
        if (ch == sortKeys[key]) {
            tc->ctl->sort = key;
            topCursesSay(tc, NULL);
            return true;
        }
    }
    if (ch == '/')
        topCursesAskFilter(tc);
    else if (ch == 'd')
        topCursesAskDelay(tc);
    else if (ch != KEY_RESIZE)
        topCursesSay(tc, g_strdup_printf("unknown key; " TOP_KEYS_HELP));
    return true;
}

/* The loop: a sample each interval, keys between them. */
static bool
topCursesLoop(topCurses *tc)
{
    unsigned long shown = 0;
    gint64 due = tc->cur->monotonic + (gint64)(tc->ctl->delay * G_USEC_PER_SEC);

    topCursesDraw(tc);
    while (!topInterrupted) {
        gint64 left = due - g_get_monotonic_time();
        int ch;

        timeout(left > 0 ? (int)MIN(left / 1000 + 1, G_MAXINT) : 0);
        ch = getch();
        if (topInterrupted)
            break;
        if (ch == ERR || ch == ' ') {
            if (ch == ERR && g_get_monotonic_time() < due)
                continue;       /* woken early: a signal such as SIGWINCH's */
            if (!topCursesSample(tc))
                return false;
            shown++;
            due = tc->cur->monotonic + (gint64)(tc->ctl->delay * G_USEC_PER_SEC);
        } else if (!topCursesKey(tc, ch)) {
            break;
        }
        topCursesDraw(tc);
        if (tc->ctl->iterations && shown >= tc->ctl->iterations)
            break;
    }
    return true;
}

bool
topCursesRun(topControl *ctl)
{
    topCurses tc = { .ctl = ctl };
    struct sigaction sa = { .sa_handler = topCursesSignal };
    SCREEN *screen;
    bool ok;

    if (!(tc.cur = topSampleTake(ctl->conn, ctl->lve))) {
        toolError("cannot read the domains' statistics: %s", topLastError());
        return false;
    }
    /* Ctrl-C and kill end the loop, so the terminal is given back */
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    /* the terminal's character set, for names that are not ASCII (numbers
     * stay in the C locale's format, as --batch prints them) */
    setlocale(LC_CTYPE, "");
    /* newterm, not initscr, which exits on a terminal it does not know */
    if (!(screen = newterm(NULL, stdout, stdin))) {
        toolError("cannot use the terminal '%s': use --batch or --json",
                 g_getenv("TERM") ? g_getenv("TERM") : "");
        topSampleFree(tc.cur);
        return false;
    }
    cbreak();
    noecho();
    keypad(stdscr, TRUE);
    curs_set(0);
    ok = topCursesLoop(&tc);
    endwin();
    delscreen(screen);
    if (!ok)
        toolError("cannot read the domains' statistics: %s", topLastError());
    topSampleFree(tc.prev);
    topSampleFree(tc.cur);
    g_free(tc.message);
    return ok;
}

#else /* !WITH_NCURSES */

bool
topCursesRun(topControl *ctl)
{
    toolError("virtkit-top was built without ncurses: use --batch or --json");
    return false;
}

#endif /* !WITH_NCURSES */
