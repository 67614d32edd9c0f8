/*
 * fuzz_virtsh.c: virtsh's command-line parser
 *
 * The input is read twice: up to its first NUL as a command string, as
 * virtsh reads one from its argument, a script or its interactive shell;
 * and as the words of "virtsh COMMAND ARGS..." with NULs between them.
 * Whatever parses must give the same commands again once each is written
 * out from what it bound (its name, then --NAME 'VALUE' for every
 * option); a refusal must print virtsh's "error: ..." line, a success
 * nothing.  The completion splitter reads the string too: on a line that
 * parses, its words are those of the line's last command, and the
 * completion engine's candidates are sorted ends of the word being typed.
 *
 * Like virtsh, the harness links tools/libvirtsh.a and the public
 * library only (tools/Makefile.inc.am says why).
 */
#include "internal.h"

#include <unistd.h>

#include "fuzz.h"
#include "virtsh.h"

/* From the sanitizer runtimes, when there are any: where they report. */
void __sanitizer_set_report_fd(void *fd) __attribute__((weak));

static vshControl fuzzCtl;

/* vshError() prints to standard error, and that is the only trace of a
 * refusal: while the parser runs, fd 2 is a scratch file read back
 * afterwards.  Sanitizer reports keep going to the real one. */
static int fuzzErrFile = -1;
static int fuzzRealStderr = -1;

static void
fuzzCaptureInit(void)
{
    FILE *tmp = tmpfile();

    FUZZ_CHECK(tmp != NULL, "no scratch file: %s", g_strerror(errno));
    fuzzErrFile = dup(fileno(tmp));
    fclose(tmp);
    fuzzRealStderr = dup(STDERR_FILENO);
    FUZZ_CHECK(fuzzErrFile >= 0 && fuzzRealStderr >= 0, "dup: %s", g_strerror(errno));
    if (__sanitizer_set_report_fd)
        __sanitizer_set_report_fd((void *)(intptr_t)fuzzRealStderr);
}

static void
fuzzCaptureBegin(void)
{
    fflush(stderr);
    FUZZ_CHECK(ftruncate(fuzzErrFile, 0) == 0 && lseek(fuzzErrFile, 0, SEEK_SET) == 0 &&
               dup2(fuzzErrFile, STDERR_FILENO) == STDERR_FILENO,
               "cannot capture standard error: %s", g_strerror(errno));
}

/* What was printed to standard error since fuzzCaptureBegin(). */
static char *
fuzzCaptureEnd(void)
{
    off_t len;
    char *text;

    fflush(stderr);
    FUZZ_CHECK(dup2(fuzzRealStderr, STDERR_FILENO) == STDERR_FILENO,
               "cannot restore standard error: %s", g_strerror(errno));
    len = lseek(fuzzErrFile, 0, SEEK_CUR);
    FUZZ_CHECK(len >= 0, "lseek: %s", g_strerror(errno));
    text = g_malloc(len + 1);
    FUZZ_CHECK(pread(fuzzErrFile, text, len, 0) == len, "pread: %s", g_strerror(errno));
    text[len] = '\0';
    return text;
}

/* Parses @str as virtsh parses a command string, or, with @argv, the
 * words of its command line (then @str shows them); a refusal must print
 * an error, a success nothing. */
static vshCmdList *
fuzzParse(const char *str, char **argv)
{
    vshCmdList *list;
    g_autofree char *err = NULL;

    fuzzCaptureBegin();
    if (argv)
        list = vshCommandArgvParse(&fuzzCtl, g_strv_length(argv), argv);
    else
        list = vshCommandStringParse(&fuzzCtl, str);
    err = fuzzCaptureEnd();
    if (!list) {
        FUZZ_CHECK(g_str_has_prefix(err, "error: ") && err[strlen("error: ")] != '\n',
                   "'%s' was refused with '%s' on standard error", str, err);
    } else {
        FUZZ_CHECK(*err == '\0', "'%s' was accepted, yet printed '%s'", str, err);
    }
    return list;
}

/* What the rest of virtsh counts on in a parsed command: options of its
 * own table, a value for each but the booleans, the non-ARGV options at
 * most once, and the required ones unless --help was asked. */
static void
fuzzCheckCmd(const vshCmd *cmd, const char *str)
{
    const vshCmdOptDef *opt;
    size_t i, j;

    for (i = 0; i < cmd->nopts; i++) {
        opt = cmd->opts[i].def;
        FUZZ_CHECK(vshCmddefGetOption(cmd->def, opt->name) == opt,
                   "%s got option --%s of another table in '%s'", cmd->def->name, opt->name, str);
        FUZZ_CHECK((cmd->opts[i].data == NULL) == (opt->type == VSH_OT_BOOL),
                   "--%s of %s %s a value in '%s'", opt->name, cmd->def->name,
                   opt->type == VSH_OT_BOOL ? "has" : "lacks", str);
        for (j = 0; j < i && opt->type != VSH_OT_ARGV; j++) {
            FUZZ_CHECK(cmd->opts[j].def != opt, "--%s of %s bound twice in '%s'",
                       opt->name, cmd->def->name, str);
        }
    }
    for (opt = cmd->def->opts; !cmd->help && opt && opt->name; opt++) {
        bool found = false;

        for (i = 0; i < cmd->nopts && !found; i++)
            found = cmd->opts[i].def == opt;
        FUZZ_CHECK(found || !(opt->flags & VSH_OFLAG_REQ),
                   "%s without its required --%s in '%s'", cmd->def->name, opt->name, str);
    }
}

/* @word in single quotes, which keep everything but a single quote:
 * that one is closed, escaped and opened again. */
static void
fuzzQuote(GString *buf, const char *word)
{
    const char *p;

    g_string_append_c(buf, '\'');
    for (p = word; *p; p++) {
        if (*p == '\'')
            g_string_append(buf, "'\\''");
        else
            g_string_append_c(buf, *p);
    }
    g_string_append_c(buf, '\'');
}

/* @cmd written out from what it bound, as a command string. */
static void
fuzzFormatCmd(GString *buf, const vshCmd *cmd)
{
    size_t i;

    g_string_append(buf, cmd->def->name);
    for (i = 0; i < cmd->nopts; i++) {
        g_string_append_printf(buf, " --%s", cmd->opts[i].def->name);
        if (cmd->opts[i].data) {
            g_string_append_c(buf, ' ');
            fuzzQuote(buf, cmd->opts[i].data);
        }
    }
    if (cmd->help)
        g_string_append(buf, " --help");
}

static void
fuzzCheckSameCmd(const vshCmd *a, const vshCmd *b, const char *str, const char *again)
{
    size_t i;

    FUZZ_CHECK(a->def == b->def, "%s became %s: '%s' -> '%s'",
               a->def->name, b->def->name, str, again);
    FUZZ_CHECK(a->help == b->help, "--help of %s changed: '%s' -> '%s'",
               a->def->name, str, again);
    FUZZ_CHECK(a->nopts == b->nopts, "%s bound %zu options, then %zu: '%s' -> '%s'",
               a->def->name, a->nopts, b->nopts, str, again);
    for (i = 0; i < a->nopts; i++) {
        FUZZ_CHECK(a->opts[i].def == b->opts[i].def,
                   "option %zu of %s was --%s, then --%s: '%s' -> '%s'", i, a->def->name,
                   a->opts[i].def->name, b->opts[i].def->name, str, again);
        FUZZ_CHECK(STREQ_NULLABLE(a->opts[i].data, b->opts[i].data),
                   "--%s of %s was '%s', then '%s': '%s' -> '%s'", a->opts[i].def->name,
                   a->def->name, NULLSTR(a->opts[i].data), NULLSTR(b->opts[i].data), str, again);
    }
}

/* Every command of @list written out and parsed again: the same ones. */
static void
fuzzRoundTrip(const vshCmdList *list, const char *str)
{
    g_autoptr(GString) text = g_string_new(NULL);
    g_autoptr(vshCmdList) again = NULL;
    size_t i;

    for (i = 0; i < vshCmdListLength(list); i++) {
        fuzzCheckCmd(vshCmdListGet(list, i), str);
        if (i > 0)
            g_string_append(text, "; ");
        fuzzFormatCmd(text, vshCmdListGet(list, i));
    }
    again = fuzzParse(text->str, NULL);
    FUZZ_CHECK(again != NULL, "'%s' written out as '%s', which does not parse", str, text->str);
    FUZZ_CHECK(vshCmdListLength(list) == vshCmdListLength(again),
               "%zu commands became %zu: '%s' -> '%s'",
               vshCmdListLength(list), vshCmdListLength(again), str, text->str);
    for (i = 0; i < vshCmdListLength(list); i++)
        fuzzCheckSameCmd(vshCmdListGet(list, i), vshCmdListGet(again, i), str, text->str);
}

/* @argv quoted, to show in a message. */
static char *
fuzzArgvText(char **argv)
{
    GString *text = g_string_new(NULL);
    size_t i;

    for (i = 0; argv[i]; i++) {
        if (i > 0)
            g_string_append_c(text, ' ');
        fuzzQuote(text, argv[i]);
    }
    return g_string_free(text, FALSE);
}

/* On a line that parsed as @list, the words of the completion splitter,
 * the one being typed included, are the line's last command: as the
 * words of a command line, they parse to the last command of @list.
 * (A line whose last command is empty gives no word at all; one whose
 * last command is a comment gives words that parse to no command.) */
static void
fuzzCheckSplit(const char *str, char **words, char *partial, const vshCmdList *list)
{
    g_autoptr(GPtrArray) argv = g_ptr_array_new();
    g_autoptr(vshCmdList) again = NULL;
    g_autofree char *text = NULL;
    size_t i, n = vshCmdListLength(list);

    for (i = 0; words[i]; i++)
        g_ptr_array_add(argv, words[i]);
    if (partial)
        g_ptr_array_add(argv, partial);
    if (argv->len == 0)
        return;
    g_ptr_array_add(argv, NULL);
    text = fuzzArgvText((char **)argv->pdata);
    again = fuzzParse(text, (char **)argv->pdata);
    if (((char *)g_ptr_array_index(argv, 0))[0] == '#') {
        /* the last command is a comment ('\#', '"#..."'): no command */
        FUZZ_CHECK(again != NULL && vshCmdListLength(again) == 0,
                   "completion read the comment %s in '%s', which is a command", text, str);
        return;
    }
    FUZZ_CHECK(n > 0, "no command in '%s', yet completion read %s", str, text);
    FUZZ_CHECK(again != NULL && vshCmdListLength(again) == 1,
               "completion read %s in '%s', which is not one command", text, str);
    fuzzCheckSameCmd(vshCmdListGet(list, n - 1), vshCmdListGet(again, 0), str, text);
}

/* The candidates of the completion engine (behind TAB and the bash
 * completion) for the word being typed: sorted, and each one an end to
 * that word. */
static void
fuzzCheckComplete(const char *str, const char *partial)
{
    g_auto(GStrv) matches = NULL;
    bool wantFiles;
    size_t i;

    if (!partial)
        partial = "";
    if (!(matches = vshComplete(&fuzzCtl, str, &wantFiles)))
        return;
    for (i = 0; matches[i]; i++) {
        FUZZ_CHECK(g_str_has_prefix(matches[i], partial),
                   "'%s' offered for '%s' in '%s'", matches[i], partial, str);
        FUZZ_CHECK(i == 0 || strcmp(matches[i - 1], matches[i]) <= 0,
                   "'%s' before '%s' for '%s'", matches[i - 1], matches[i], str);
    }
}

/* Completion reads any line, parsed or not (@list is NULL then). */
static void
fuzzCompletion(const char *str, const vshCmdList *list)
{
    g_autofree char *partial = NULL;
    g_auto(GStrv) words = vshCompletionSplit(str, &partial);

    if (list)
        fuzzCheckSplit(str, words, partial, list);
    fuzzCheckComplete(str, partial);
}

/* What the parser takes for granted of the tables: one command of each
 * name, at most 64 options (its bitmasks), options it can read as
 * --NAME, one of each name, and an ARGV option only as the last one. */
static void
fuzzCheckTables(void)
{
    const vshCmdGrp *grp;
    const vshCmdDef *const *tab;
    const vshCmdDef *def;
    size_t i;

    for (grp = fuzzCtl.groups; grp->name; grp++) {
        VSH_GRP_FOREACH_CMD(grp, tab, def) {
            FUZZ_CHECK(vshCmddefSearch(&fuzzCtl, def->name) == def, "two commands %s", def->name);
            for (i = 0; def->opts && def->opts[i].name; i++) {
                const vshCmdOptDef *opt = &def->opts[i];

                FUZZ_CHECK(i < 64, "%s has more than 64 options", def->name);
                FUZZ_CHECK(g_ascii_isalnum(opt->name[0]) && !strpbrk(opt->name, "= \t\n;'\"\\"),
                           "%s has an option --%s that cannot be typed", def->name, opt->name);
                FUZZ_CHECK(vshCmddefGetOption(def, opt->name) == opt, "%s has two options --%s",
                           def->name, opt->name);
                FUZZ_CHECK(opt->type != VSH_OT_ARGV || !def->opts[i + 1].name,
                           "--%s of %s takes every word left, yet is not last", opt->name,
                           def->name);
            }
        }
    }
}

/* The shell virtsh would be: every command table, and a connection to
 * the test driver for the domain names that completion offers. */
static void
fuzzInit(void)
{
    vshControlInit(&fuzzCtl);
    fuzzCtl.groups = virtshGroups;
    fuzzCheckTables();
    fuzzCaptureInit();
    FUZZ_CHECK(vshConnect(&fuzzCtl, "test:///default", true), "no test:///default");
}

/* The input as the words of "virtsh COMMAND ARGS...", NUL between them:
 * one command, which must write out and parse back as any other. */
static void
fuzzArgv(const uint8_t *data, size_t size)
{
    g_autoptr(GPtrArray) words = g_ptr_array_new_with_free_func(g_free);
    g_autoptr(vshCmdList) list = NULL;
    g_autofree char *text = NULL;
    const uint8_t *end = data + size, *nul;
    bool comment;

    while ((nul = memchr(data, '\0', end - data))) {
        g_ptr_array_add(words, g_strndup((const char *)data, nul - data));
        data = nul + 1;
    }
    g_ptr_array_add(words, g_strndup((const char *)data, end - data));
    g_ptr_array_add(words, NULL);
    text = fuzzArgvText((char **)words->pdata);
    if (!(list = fuzzParse(text, (char **)words->pdata)))
        return;
    /* As in virsh, a first word that begins with '#' makes the whole
     * command line a comment: nothing runs. */
    comment = ((char *)g_ptr_array_index(words, 0))[0] == '#';
    FUZZ_CHECK(vshCmdListLength(list) == (comment ? 0 : 1), "%zu commands in the words %s",
               vshCmdListLength(list), text);
    if (!comment)
        fuzzRoundTrip(list, text);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    g_autofree char *str = fuzzString(data, size);
    g_autoptr(vshCmdList) list = NULL;

    if (!fuzzCtl.groups)
        fuzzInit();
    if ((list = fuzzParse(str, NULL)))
        fuzzRoundTrip(list, str);
    fuzzCompletion(str, list);
    fuzzArgv(data, size);
    vshResetLastError(&fuzzCtl);
    return 0;
}
