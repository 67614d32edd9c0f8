/*
 * vsh-readline.c: line editing, history and TAB completion
 *
 * readline is loaded with dlopen() when the shell turns interactive, not
 * linked: loading libreadline resolves ~1,600 symbol relocations (its key
 * maps are tables of function pointers), which would cost a one-shot
 * "virtsh list" about 0.8 M instructions, a fifth of its budget, for
 * nothing.  The prototypes still come from <readline/readline.h>, so the
 * calls are type-checked; configure's WITH_READLINE says the headers are
 * there.  Without readline, or when it cannot be loaded, the shell reads
 * plain lines.
 *
 * History lives in $XDG_DATA_HOME/virtsh/history (~/.local/share/...),
 * at most $VIRTSH_HISTSIZE lines (500).
 */
#include <config.h>

#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vsh.h"

#ifdef WITH_READLINE
# include <readline/readline.h>
# include <readline/history.h>

/* The readline entry points and variables virtsh uses. */
static struct {
    void *handle;
    __typeof__(readline) *readline;
    __typeof__(add_history) *add_history;
    __typeof__(read_history) *read_history;
    __typeof__(write_history) *write_history;
    __typeof__(stifle_history) *stifle_history;
    __typeof__(rl_line_buffer) *line_buffer;
    __typeof__(rl_point) *point;
    __typeof__(rl_readline_name) *readline_name;
    __typeof__(rl_attempted_completion_function) *attempted_completion_function;
    __typeof__(rl_attempted_completion_over) *attempted_completion_over;
    __typeof__(rl_completion_quote_character) *completion_quote_character;
    __typeof__(rl_completer_quote_characters) *completer_quote_characters;
    __typeof__(rl_completer_word_break_characters) *completer_word_break_characters;
    __typeof__(rl_char_is_quoted_p) *char_is_quoted_p;
} rl;

/* The shell readline's callbacks work for: readline has no user data. */
static vshControl *vshReadlineCtl;
static char *vshHistoryFile;

static bool
vshReadlineLoad(void)
{
    static const char *const sonames[] = {
        "libreadline.so.8", "libreadline.so.7", "libreadline.so",
    };
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(sonames) && !rl.handle; i++)
        rl.handle = dlopen(sonames[i], RTLD_NOW | RTLD_LOCAL);
    if (!rl.handle)
        return false;
# define VSH_RL_SYM(field, sym) \
    if (!(*(void **)&rl.field = dlsym(rl.handle, sym))) \
        goto error
    VSH_RL_SYM(readline, "readline");
    VSH_RL_SYM(add_history, "add_history");
    VSH_RL_SYM(read_history, "read_history");
    VSH_RL_SYM(write_history, "write_history");
    VSH_RL_SYM(stifle_history, "stifle_history");
    VSH_RL_SYM(line_buffer, "rl_line_buffer");
    VSH_RL_SYM(point, "rl_point");
    VSH_RL_SYM(readline_name, "rl_readline_name");
    VSH_RL_SYM(attempted_completion_function, "rl_attempted_completion_function");
    VSH_RL_SYM(attempted_completion_over, "rl_attempted_completion_over");
    VSH_RL_SYM(completion_quote_character, "rl_completion_quote_character");
    VSH_RL_SYM(completer_quote_characters, "rl_completer_quote_characters");
    VSH_RL_SYM(completer_word_break_characters, "rl_completer_word_break_characters");
    VSH_RL_SYM(char_is_quoted_p, "rl_char_is_quoted_p");
# undef VSH_RL_SYM
    return true;

 error:
    dlclose(rl.handle);
    memset(&rl, 0, sizeof(rl));
    return false;
}

/* A blank after an odd number of backslashes is part of the word. */
static int
vshReadlineCharIsQuoted(char *text, int index)
{
    int n = 0;

    while (index - n > 0 && text[index - n - 1] == '\\')
        n++;
    return n % 2;
}

/* A candidate as it must be typed outside quotes. */
static char *
vshReadlineEscape(const char *str)
{
    GString *buf = g_string_new(NULL);
    const char *p;

    for (p = str; *p; p++) {
        if (strchr(" \t\\'\";#", *p))
            g_string_append_c(buf, '\\');
        g_string_append_c(buf, *p);
    }
    return g_string_free(buf, FALSE);
}

/* readline's match array: [0] the common prefix, then the matches.
 * readline frees it and its strings with free(), hence calloc/strdup. */
static char **
vshReadlineMatches(char **candidates, bool quoted)
{
    size_t n = g_strv_length(candidates), i, common;
    char **matches = calloc(n + 2, sizeof(char *));

    for (i = 0; i < n; i++)
        matches[i + 1] = quoted ? strdup(candidates[i]) : vshReadlineEscape(candidates[i]);
    common = strlen(matches[1]);
    for (i = 2; i <= n; i++) {
        size_t j = 0;

        while (j < common && matches[i][j] == matches[1][j])
            j++;
        common = j;
    }
    matches[0] = strndup(matches[1], common);
    if (n == 1) {
        free(matches[1]);
        matches[1] = NULL;
    }
    return matches;
}

static char **
vshReadlineCompletion(const char *text G_GNUC_UNUSED, int start G_GNUC_UNUSED,
                      int end G_GNUC_UNUSED)
{
    g_autofree char *line = g_strndup(*rl.line_buffer, *rl.point);
    g_auto(GStrv) candidates = NULL;
    bool wantFiles = false;

    candidates = vshComplete(vshReadlineCtl, line, &wantFiles);
    /* only a file name falls back to readline's own completion */
    *rl.attempted_completion_over = !wantFiles;
    if (!candidates || !candidates[0])
        return NULL;
    return vshReadlineMatches(candidates, *rl.completion_quote_character != 0);
}

static void
vshReadlineHistoryInit(void)
{
    const char *size = g_getenv("VIRTSH_HISTSIZE");
    g_autofree char *dir = g_build_filename(g_get_user_data_dir(), "virtsh", NULL);
    guint64 max = 500;

    if (size && !g_ascii_string_to_unsigned(size, 10, 0, 1000000, &max, NULL))
        max = 500;
    rl.stifle_history(max);
    if (g_mkdir_with_parents(dir, 0700) < 0)
        return;
    vshHistoryFile = g_build_filename(dir, "history", NULL);
    rl.read_history(vshHistoryFile);
}

bool
vshReadlineInit(vshControl *ctl)
{
    if (!vshReadlineLoad()) {
        vshDebug(ctl, VSH_ERR_INFO, "readline could not be loaded: %s", dlerror());
        return false;
    }
    vshReadlineCtl = ctl;
    *rl.readline_name = "virtsh";
    *rl.attempted_completion_function = vshReadlineCompletion;
    *rl.completer_quote_characters = "\"'";
    *rl.completer_word_break_characters = " \t\n;";
    *rl.char_is_quoted_p = vshReadlineCharIsQuoted;
    vshReadlineHistoryInit();
    ctl->useReadline = true;
    return true;
}

void
vshReadlineDeinit(vshControl *ctl)
{
    if (!ctl->useReadline)
        return;
    if (vshHistoryFile && rl.write_history(vshHistoryFile) != 0)
        vshDebug(ctl, VSH_ERR_WARNING, "cannot write the history to %s", vshHistoryFile);
    g_clear_pointer(&vshHistoryFile, g_free);
    ctl->useReadline = false;
}

#else /* !WITH_READLINE */

bool
vshReadlineInit(vshControl *ctl G_GNUC_UNUSED)
{
    return false;
}

void
vshReadlineDeinit(vshControl *ctl G_GNUC_UNUSED)
{
}

#endif /* !WITH_READLINE */

/* A plain line from standard input, without its newline; NULL at EOF. */
static char *
vshReadPlainLine(const char *prompt)
{
    g_autoptr(GString) line = g_string_new(NULL);
    int c;

    if (prompt) {
        fputs(prompt, stdout);
        fflush(stdout);
    }
    while ((c = getchar()) != EOF && c != '\n')
        g_string_append_c(line, c);
    if (c == EOF && line->len == 0)
        return NULL;
    return g_string_free(g_steal_pointer(&line), FALSE);
}

/**
 * vshReadline:
 * @ctl: the shell
 * @prompt: the prompt, or NULL for none (a script on standard input)
 *
 * Reads one line, with editing and history when readline is in use.
 *
 * Returns the line (g_free it), or NULL at the end of the input.
 */
char *
vshReadline(vshControl *ctl, const char *prompt)
{
#ifdef WITH_READLINE
    if (ctl->useReadline) {
        char *line = rl.readline(prompt);
        char *ret;

        if (!line)
            return NULL;
        if (*line)
            rl.add_history(line);
        ret = g_strdup(line);
        free(line);
        return ret;
    }
#endif
    return vshReadPlainLine(prompt);
}
