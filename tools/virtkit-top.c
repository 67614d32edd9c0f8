/*
 * virtkit-top.c: a live view of every domain's usage, as CloudLinux's
 * lvetop and top show processes
 *
 *   virtkit-top [-c URI] [-d SECONDS] [-n ITERATIONS] [--batch | --json]
 *               [--sort cpu|mem|io|faults|name] [--filter SUBSTRING]
 *
 * Every screen is one virConnectGetAllDomainStats() call (top-sample.c),
 * so the program works on whatever the URI opens: the test driver, an LVE
 * root, a daemon.  This file holds the options and the plain loop of
 * --batch and --json; top-curses.c the interactive screen.  Only the
 * public library is linked, and virsh's table and JSON writers
 * (tools/libvirtsh.a), as other tools link them.
 */
#include <config.h>

#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "top-curses.h"
#include "top-format.h"
#include "tool-error.h"
#include "virtkit-top.h"

#define TOP_DEFAULT_DELAY 3.0
/* a day: long enough for any watch, short enough for microseconds in 64 bits */
#define TOP_MAX_DELAY 86400.0

const char *
topLastError(void)
{
    return virGetLastErrorMessage();
}

/* errors are printed once, by this program, with what failed */
static void
topSilence(void *opaque, virErrorPtr err)
{
}

/* A number of seconds above 0 ("0.5", "2"), at most a day. */
bool
topParseDelay(const char *str, double *delay)
{
    char *end = NULL;
    double d;

    errno = 0;
    d = g_ascii_strtod(str, &end);
    if (errno != 0 || end == str || *end != '\0' || !isfinite(d) || d <= 0 || d > TOP_MAX_DELAY)
        return false;
    *delay = d;
    return true;
}

static bool
topParseIterations(const char *str, unsigned long *n)
{
    guint64 v;

    if (!g_ascii_string_to_unsigned(str, 10, 1, G_MAXUINT32, &v, NULL))
        return false;
    *n = v;
    return true;
}

/* Sleeps until @delay seconds after @since (a monotonic time). */
static void
topWait(gint64 since, double delay)
{
    gint64 left = since + (gint64)(delay * G_USEC_PER_SEC) - g_get_monotonic_time();

    if (left > 0)
        g_usleep(left);
}

/* --batch and --json: a screen after each interval, as top -b prints. */
static bool
topRunPlain(topControl *ctl, bool json)
{
    g_autoptr(topSample) prev = NULL;
    unsigned long shown;

    if (!(prev = topSampleTake(ctl->conn, ctl->lve))) {
        toolError("cannot read the domains' statistics: %s", topLastError());
        return false;
    }
    for (shown = 0; ctl->iterations == 0 || shown < ctl->iterations; shown++) {
        topScreen screen = { .prev = prev, .sort = ctl->sort, .filter = ctl->filter };
        g_autoptr(GArray) rows = NULL;
        g_autofree char *text = NULL;
        topSample *cur;

        topWait(prev->monotonic, ctl->delay);
        if (!(cur = topSampleTake(ctl->conn, ctl->lve))) {
            toolError("cannot read the domains' statistics: %s", topLastError());
            return false;
        }
        screen.cur = cur;
        rows = topRowsCompute(prev, cur, ctl->filter, ctl->sort);
        text = json ? topFormatJSON(&screen, rows) : topFormatBatch(&screen, rows);
        fputs(text, stdout);
        fflush(stdout);
        topSampleFree(prev);
        prev = cur;
    }
    return true;
}

static void
topUsage(FILE *out)
{
    fputs("usage: virtkit-top [OPTION]...\n"
          "\n"
          "A live view of every domain's usage: CPU, memory, I/O and LVE faults.\n"
          "\n"
          "  -c, --connect=URI        the hypervisor to watch (default: virtsh's)\n"
          "  -d, --delay=SECONDS      between screens (default 3; 0.5 is taken)\n"
          "  -n, --iterations=N       stop after N screens\n"
          "  -b, --batch              plain text screens, for scripts and logs\n"
          "      --json               one JSON object per screen, on one line\n"
          "  -s, --sort=KEY           cpu, mem, io, faults or name (default cpu)\n"
          "  -f, --filter=SUBSTRING   only the domains whose name holds it\n"
          "  -h, --help               this help\n"
          "\n"
          "Keys: q quit, c m i f n sort by cpu, mem, io, faults, name, / filter,\n"
          "d delay, space refresh now.\n", out);
}

enum {
    OPT_JSON = 256,
};

static const struct option topOptions[] = {
    { "connect", required_argument, NULL, 'c' },
    { "delay", required_argument, NULL, 'd' },
    { "iterations", required_argument, NULL, 'n' },
    { "batch", no_argument, NULL, 'b' },
    { "json", no_argument, NULL, OPT_JSON },
    { "sort", required_argument, NULL, 's' },
    { "filter", required_argument, NULL, 'f' },
    { "help", no_argument, NULL, 'h' },
    { NULL, 0, NULL, 0 },
};

/* The options into @ctl; false after printing what was wrong. */
static bool
topParseOptions(int argc, char **argv, topControl *ctl, const char **uri, bool *batch,
                bool *json)
{
    int c, key;

    while ((c = getopt_long(argc, argv, "c:d:n:bs:f:h", topOptions, NULL)) != -1) {
        switch (c) {
        case 'c':
            *uri = optarg;
            break;
        case 'd':
            if (!topParseDelay(optarg, &ctl->delay)) {
                toolError("invalid delay '%s': expected a number of seconds above 0, "
                         "at most 86400", optarg);
                return false;
            }
            break;
        case 'n':
            if (!topParseIterations(optarg, &ctl->iterations)) {
                toolError("invalid number of iterations '%s': expected a whole number above 0",
                         optarg);
                return false;
            }
            break;
        case 'b':
            *batch = true;
            break;
        case OPT_JSON:
            *json = true;
            break;
        case 's':
            if ((key = topSortKeyFromString(optarg)) < 0) {
                toolError("unknown sort key '%s' (known: cpu, mem, io, faults, name)", optarg);
                return false;
            }
            ctl->sort = key;
            break;
        case 'f':
            g_free(ctl->filter);
            ctl->filter = g_strdup(optarg);
            break;
        case 'h':
            topUsage(stdout);
            exit(EXIT_SUCCESS);
        default:
            topUsage(stderr);
            return false;
        }
    }
    if (optind < argc) {
        toolError("unexpected argument '%s'", argv[optind]);
        return false;
    }
    if (*batch && *json) {
        toolError("--batch and --json cannot be combined");
        return false;
    }
    return true;
}

int
main(int argc, char **argv)
{
    topControl ctl = { .delay = TOP_DEFAULT_DELAY, .sort = TOP_SORT_CPU };
    const char *uri = NULL;
    bool batch = false, json = false;
    bool ok;

    virSetErrorFunc(NULL, topSilence);
    if (!topParseOptions(argc, argv, &ctl, &uri, &batch, &json)) {
        g_free(ctl.filter);
        return EXIT_FAILURE;
    }
    if (!batch && !json && (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))) {
        toolError("the interactive screen needs a terminal: use --batch or --json");
        g_free(ctl.filter);
        return EXIT_FAILURE;
    }
    /* reading is all it does: a read-only connection, which a daemon's
     * read-only socket gives to anyone */
    if (!(ctl.conn = virConnectOpenReadOnly(uri))) {
        toolError("failed to connect to the hypervisor%s%s: %s", uri ? " " : "", uri ? uri : "",
                 topLastError());
        g_free(ctl.filter);
        return EXIT_FAILURE;
    }
    ctl.lve = statsSampleHasLve(ctl.conn);
    ok = batch || json ? topRunPlain(&ctl, json) : topCursesRun(&ctl);
    virConnectClose(ctl.conn);
    g_free(ctl.filter);
    return ok ? EXIT_SUCCESS : EXIT_FAILURE;
}
