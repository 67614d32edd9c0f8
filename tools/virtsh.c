/*
 * virtsh.c: the virsh-style shell of virtkit
 *
 *   virtsh [OPTIONS] COMMAND [ARGS...]      one command
 *   virtsh [OPTIONS] 'CMD ARGS; CMD ARGS'   a batch, parsed as a whole first
 *   virtsh [OPTIONS] -f FILE                a script (also: a script on stdin)
 *   virtsh [OPTIONS]                        an interactive shell on a terminal
 *
 * Startup is kept lean on purpose: nothing is read or connected before
 * the command line is understood, the connection is opened only when a
 * command needs one, and readline is loaded only for an interactive shell.
 */
#include <config.h>

#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "virtsh.h"
#include "vsh-util.h"

/* The drivers a library may have been built with, for -V. */
static const char *const virtshDrivers[][2] = {
    { "test", "Test" }, { "lve", "LVE" }, { "vserver", "VServer" }, { "xen", "Xen" },
};

static void
virtshUsage(vshControl *ctl)
{
    vshPrint(ctl, "\n"
             "virtsh [options]... [<command_string>]\n"
             "virtsh [options]... <command> [args...]\n\n"
             "  options:\n"
             "    -c | --connect=URI      hypervisor connection URI\n"
             "    -d | --debug=NUM        debug level [0-4]\n"
             "    -f | --file=FILE        run the commands of FILE\n"
             "    -h | --help             this help\n"
             "    -k | --keepalive-interval=NUM\n"
             "                            keepalive interval in seconds, 0 for disable\n"
             "    -K | --keepalive-count=NUM\n"
             "                            number of possible missed keepalive messages\n"
             "    -l | --log=FILE         output logging to file\n"
             "    -q | --quiet            quiet mode\n"
             "    -r | --readonly         connect readonly\n"
             "    -t | --timing           print timing information\n"
             "    -v                      short version\n"
             "    -V                      long version\n"
             "         --version[=TYPE]   version, TYPE is short or long (default short)\n"
             "  commands (non interactive mode):\n\n");
    vshPrintCommandList(ctl, true);
    vshPrint(ctl, "\n  (specify help <group> for details about the commands in the group)\n"
             "\n  (specify help <command> for details about the command)\n\n");
}

static void
virtshVersion(vshControl *ctl, bool full)
{
    size_t i;

    if (!full) {
        vshPrint(ctl, "%s\n", PACKAGE_VERSION);
        return;
    }
    vshPrint(ctl, "Virtsh command line tool of virtkit %s\n", PACKAGE_VERSION);
    vshPrint(ctl, "See web site at %s\n\n", "https://github.com/virtkit/virtkit");
    vshPrint(ctl, "Compiled with support for:\n Hypervisors:");
    for (i = 0; i < G_N_ELEMENTS(virtshDrivers); i++) {
        unsigned long lib, drv;

        /* the library answers -1 for a driver it was built without */
        if (virGetVersion(&lib, virtshDrivers[i][0], &drv) == 0)
            vshPrint(ctl, " %s", virtshDrivers[i][1]);
    }
    vshResetLastError(ctl);
    vshPrint(ctl, "\n Miscellaneous:");
#ifdef WITH_READLINE
    vshPrint(ctl, " Readline");
#endif
    vshPrint(ctl, " JSON\n");
}

/* -e: one character, or ^ and a letter or one of @[\]^_.  virsh's
 * console escape: virtsh has no console, so -e is not in its help, but a
 * virsh command line that gives it still runs (and a bad one fails as
 * in virsh). */
static bool
virtshParseEscape(vshControl *ctl, const char *arg)
{
    size_t len = strlen(arg);

    if (len == 1 && arg[0] != '^') {
        ctl->escapeChar = arg[0];
        return true;
    }
    if (len == 2 && arg[0] == '^' &&
        (g_ascii_isalpha(arg[1]) || (arg[1] >= '@' && arg[1] <= '_'))) {
        ctl->escapeChar = g_ascii_toupper(arg[1]) & 0x1f;
        return true;
    }
    vshError(ctl, "Invalid string '%s' for escape sequence", arg);
    return false;
}

/* -d LEVEL: virtsh's own messages, as virsh's -d; the library's are
 * VIRTKIT_DEBUG's, as libvirt's are LIBVIRT_DEBUG's. */
static bool
virtshParseDebug(vshControl *ctl, const char *arg, const char *optname)
{
    long long level;

    if (vshStrToLL(arg, &level) < 0) {
        vshError(ctl, "option %s takes a numeric argument", optname);
        return false;
    }
    if (level < VSH_ERR_DEBUG || level > VSH_ERR_ERROR) {
        vshError(ctl, "ignoring debug level %lld out of range [%d-%d]",
                 level, VSH_ERR_DEBUG, VSH_ERR_ERROR);
        return true;
    }
    ctl->debug = level;
    return true;
}

/* -k SECONDS and -K COUNT; numbers in C syntax (0x10, 010), as in virsh. */
static bool
virtshParseKeepAlive(vshControl *ctl, const char *arg, const char *optname, int *value)
{
    g_autofree char *copy = g_strdup(arg);
    char *end = NULL;
    gint64 v;

    errno = 0;
    v = g_ascii_strtoll(copy, &end, 0);
    if (errno || end == copy || *end || v < G_MININT || v > G_MAXINT) {
        vshError(ctl, "Invalid value for option %s", optname);
        return false;
    }
    if (v < 0) {
        vshError(ctl, "option %s requires a positive integer argument", optname);
        return false;
    }
    *value = v;
    return true;
}

static bool
virtshOpenLog(vshControl *ctl, const char *path)
{
    if (ctl->logfile)
        fclose(ctl->logfile);
    if (!(ctl->logfile = fopen(path, "ae"))) {
        vshError(ctl, "failed to open the log file %s: %s", path, g_strerror(errno));
        return false;
    }
    g_free(ctl->logpath);
    ctl->logpath = g_strdup(path);
    /* the shell's own log, as virsh's -l: the library logs where its
     * environment says (VIRTKIT_LOG_FILE) */
    return true;
}

typedef enum {
    VIRTSH_RUN,         /* go on: run commands */
    VIRTSH_EXIT_OK,     /* done (help, version) */
    VIRTSH_EXIT_FAIL,   /* bad option */
} virtshArgsResult;

static const struct option virtshOptions[] = {
    { "connect", required_argument, NULL, 'c' },
    { "debug", required_argument, NULL, 'd' },
    { "escape", required_argument, NULL, 'e' },
    { "file", required_argument, NULL, 'f' },
    { "help", no_argument, NULL, 'h' },
    { "keepalive-interval", required_argument, NULL, 'k' },
    { "keepalive-count", required_argument, NULL, 'K' },
    { "log", required_argument, NULL, 'l' },
    { "quiet", no_argument, NULL, 'q' },
    { "readonly", no_argument, NULL, 'r' },
    { "timing", no_argument, NULL, 't' },
    { "version", optional_argument, NULL, 'v' },
    { NULL, 0, NULL, 0 },
};

/* An option that lacks its argument, named as virsh names it. */
static void
virtshMissingArgument(vshControl *ctl, int opt)
{
    size_t i;

    for (i = 0; virtshOptions[i].name; i++) {
        if (virtshOptions[i].val == opt) {
            vshError(ctl, "option '-%c'/'--%s' requires an argument", opt, virtshOptions[i].name);
            return;
        }
    }
    vshError(ctl, "option '-%c' requires an argument", opt);
}

/* One option of the command line; @longname is the long name it was
 * given by, or NULL for its letter. */
static virtshArgsResult
virtshParseOption(vshControl *ctl, int c, const char *longname, char **argv,
                  const char **file)
{
    g_autofree char *optname = longname ? g_strdup_printf("--%s", longname) :
                                          g_strdup_printf("-%c", c);

    switch (c) {
    case 'c':
        g_free(ctl->connname);
        ctl->connname = g_strdup(optarg);
        return VIRTSH_RUN;
    case 'd':
        return virtshParseDebug(ctl, optarg, optname) ? VIRTSH_RUN : VIRTSH_EXIT_FAIL;
    case 'k':
        return virtshParseKeepAlive(ctl, optarg, optname, &ctl->keepaliveInterval) ?
               VIRTSH_RUN : VIRTSH_EXIT_FAIL;
    case 'K':
        return virtshParseKeepAlive(ctl, optarg, optname, &ctl->keepaliveCount) ?
               VIRTSH_RUN : VIRTSH_EXIT_FAIL;
    case 'e':
        return virtshParseEscape(ctl, optarg) ? VIRTSH_RUN : VIRTSH_EXIT_FAIL;
    case 'f':
        *file = optarg;
        return VIRTSH_RUN;
    case 'h':
        virtshUsage(ctl);
        return VIRTSH_EXIT_OK;
    case 'l':
        return virtshOpenLog(ctl, optarg) ? VIRTSH_RUN : VIRTSH_EXIT_FAIL;
    case 'q':
        ctl->quiet = true;
        return VIRTSH_RUN;
    case 'r':
        ctl->readonly = true;
        return VIRTSH_RUN;
    case 't':
        ctl->timing = true;
        return VIRTSH_RUN;
    case 'v':
        if (optarg && strcmp(optarg, "short") != 0 && strcmp(optarg, "long") != 0) {
            vshError(ctl, "unknown version type '%s'", optarg);
            return VIRTSH_EXIT_FAIL;
        }
        virtshVersion(ctl, optarg && strcmp(optarg, "long") == 0);
        return VIRTSH_EXIT_OK;
    case 'V':
        virtshVersion(ctl, true);
        return VIRTSH_EXIT_OK;
    case ':':
        virtshMissingArgument(ctl, optopt);
        return VIRTSH_EXIT_FAIL;
    }
    if (optopt)
        vshError(ctl, "unsupported option '-%c'. See --help.", optopt);
    else
        vshError(ctl, "unsupported option '%s'. See --help.", argv[optind - 1]);
    return VIRTSH_EXIT_FAIL;
}

static virtshArgsResult
virtshParseArgv(vshControl *ctl, int argc, char **argv, const char **file)
{
    virtshArgsResult res = VIRTSH_RUN;
    int longindex = -1;
    int c;

    opterr = 0;
    /* '+': the first word that is not an option starts the command */
    while (res == VIRTSH_RUN &&
           (c = getopt_long(argc, argv, "+:c:d:e:f:hk:K:l:qrtvV", virtshOptions,
                            &longindex)) != -1) {
        res = virtshParseOption(ctl, c, longindex >= 0 ? virtshOptions[longindex].name : NULL,
                                argv, file);
        longindex = -1;
    }
    return res;
}

static bool
virtshNeedsConnection(const vshCmdList *list)
{
    size_t i;

    for (i = 0; i < vshCmdListLength(list); i++) {
        const vshCmd *cmd = vshCmdListGet(list, i);

        if (!(cmd->def->flags & VSH_CMD_FLAG_NOCONNECT) && !cmd->help)
            return true;
    }
    return false;
}

/* One command from argv, or a batch in one argument. */
static bool
virtshRunArgs(vshControl *ctl, int argc, char **argv)
{
    g_autoptr(vshCmdList) list = NULL;

    if (argc == 1) {
        vshDebug(ctl, VSH_ERR_INFO, "commands: \"%s\"", argv[0]);
        list = vshCommandStringParse(ctl, argv[0]);
    } else
        list = vshCommandArgvParse(ctl, argc, argv);
    if (!list)
        return false;
    /* like virsh: no command of a batch runs when the connection fails */
    if (virtshNeedsConnection(list) && !vshConnect(ctl, ctl->connname, ctl->readonly))
        return false;
    return vshCommandRun(ctl, list);
}

/* Commands line by line (a line ending in a backslash goes on); a line
 * that does not parse fails alone.  Returns the last command's status. */
static bool
virtshRunLines(vshControl *ctl, const char *prompt)
{
    bool ret = true;
    char *line;

    while (!ctl->quit && (line = vshReadline(ctl, prompt))) {
        g_autoptr(GString) text = g_string_new(line);
        g_autoptr(vshCmdList) list = NULL;

        g_free(line);
        while (!prompt && text->len && text->str[text->len - 1] == '\\' &&
               (line = vshReadline(ctl, NULL))) {
            g_string_append_printf(text, "\n%s", line);
            g_free(line);
        }
        if (!(list = vshCommandStringParse(ctl, text->str))) {
            ctl->exitCode = -1;
            ret = false;
            continue;
        }
        if (vshCmdListLength(list) > 0)
            ret = vshCommandRun(ctl, list);
    }
    if (prompt && !ctl->quit)
        vshPrint(ctl, "\n");    /* end of input: leave the terminal on a new line */
    return ret;
}

static bool
virtshRunInteractive(vshControl *ctl)
{
    bool ret;

    ctl->imode = true;
    if (!ctl->quiet)
        vshPrint(ctl, "Welcome to virtsh, the virtualization interactive terminal.\n\n"
                 "Type:  'help' for help with commands\n"
                 "       'quit' to quit\n\n");
    /* a failed connection is reported; "connect" can try again */
    vshConnect(ctl, ctl->connname, ctl->readonly);
    /* ^C must not end the session (and lose its history): the commands
     * are short, and the one that runs a program (enter) gives ^C to it */
    signal(SIGINT, SIG_IGN);
    vshReadlineInit(ctl);
    ret = virtshRunLines(ctl, ctl->readonly ? "virtsh > " : "virtsh # ");
    vshReadlineDeinit(ctl);
    return ret;
}

static bool
virtshRunFile(vshControl *ctl, const char *file)
{
    if (strcmp(file, "-") != 0 && !freopen(file, "r", stdin)) {
        vshError(ctl, "Cannot read %s: %s", file, g_strerror(errno));
        return false;
    }
    return virtshRunLines(ctl, NULL);
}

int
main(int argc, char **argv)
{
    vshControl ctl;
    const char *file = NULL;
    virtshArgsResult res;
    bool ret;

    vshControlInit(&ctl);
    ctl.groups = virtshGroups;
    if ((res = virtshParseArgv(&ctl, argc, argv, &file)) != VIRTSH_RUN) {
        vshControlClear(&ctl);
        return res == VIRTSH_EXIT_OK ? EXIT_SUCCESS : EXIT_FAILURE;
    }
    /* the shell's default connection, before the library's (see vshConnect) */
    if (!ctl.connname)
        ctl.connname = g_strdup(g_getenv("VIRSH_DEFAULT_CONNECT_URI"));
    if (optind < argc)
        ret = virtshRunArgs(&ctl, argc - optind, argv + optind);
    else if (file)
        ret = virtshRunFile(&ctl, file);
    else if (isatty(STDIN_FILENO))
        ret = virtshRunInteractive(&ctl);
    else
        ret = virtshRunLines(&ctl, NULL);
    fflush(stdout);
    vshControlClear(&ctl);
    if (ctl.exitCode >= 0)
        return ctl.exitCode;
    return ret ? EXIT_SUCCESS : EXIT_FAILURE;
}
