/*
 * vsh-parse.c: from command text to commands bound to their options
 *
 * The rules are virsh's, so that a line that works in one works in the
 * other: words are split on blanks; ';' and newlines end a command; a
 * word starting with '#' starts a comment that runs to the end of the
 * line, and a command whose first word starts with '#' (such as a quoted
 * or escaped '#') is a comment up to the next ';' or newline; '...'
 * quotes everything, "..." quotes everything but backslash, and a
 * backslash outside single quotes takes the next character literally.
 * Options are found by name or by an alias the command's table declares.
 * A whole batch is parsed before any of it runs, so a typo in the third
 * command stops the first two from running.
 */
#include <config.h>

#include <string.h>

#include "vsh.h"

typedef enum {
    VSH_TK_ERROR,       /* bad quoting; the message is in the tokenizer */
    VSH_TK_ARG,         /* a word */
    VSH_TK_SUBCMD_END,  /* ';', newline or comment: the command ends */
    VSH_TK_END,         /* no more input */
} vshToken;

/* Words come either from a string or, in one-shot mode, from argv. */
typedef struct {
    const char *pos;            /* string mode */
    char **argv;                /* argv mode */
    int argc;
    bool lenient;               /* completion: unterminated quotes are fine */
    bool openQuoteOk;           /* a comment's words: an open " is fine */
    const char *error;          /* what went wrong for VSH_TK_ERROR */
} vshTokenizer;

struct _vshCmdList {
    GPtrArray *cmds;            /* of vshCmd */
};

static void
vshCmdOptClear(gpointer data)
{
    g_free(((vshCmdOpt *)data)->data);
}

static void
vshCmdFree(vshCmd *cmd)
{
    size_t i;

    if (!cmd)
        return;
    for (i = 0; i < cmd->nopts; i++)
        g_free(cmd->opts[i].data);
    g_free(cmd->opts);
    g_free(cmd);
}

void
vshCmdListFree(vshCmdList *list)
{
    if (!list)
        return;
    g_ptr_array_unref(list->cmds);
    g_free(list);
}

size_t
vshCmdListLength(const vshCmdList *list)
{
    return list->cmds->len;
}

const vshCmd *
vshCmdListGet(const vshCmdList *list, size_t i)
{
    return g_ptr_array_index(list->cmds, i);
}

/* Reads one word at tk->pos into @word; see the rules at the top. */
static vshToken
vshTokenizeWord(vshTokenizer *tk, GString *word)
{
    const char *p = tk->pos;
    bool dquote = false, squote = false;

    while (*p) {
        if (!dquote && !squote &&
            (*p == ' ' || *p == '\t' || *p == ';' || *p == '\n'))
            break;
        if (!dquote && *p == '\'') {
            squote = !squote;
            p++;
            continue;
        }
        if (!squote && *p == '\\') {
            p++;
            if (*p == '\0') {
                if (tk->lenient)
                    break;
                tk->error = "dangling \\";
                return VSH_TK_ERROR;
            }
            if (*p == '\n') {
                p++;
                continue;
            }
        } else if (!squote && *p == '"') {
            dquote = !dquote;
            p++;
            continue;
        }
        g_string_append_c(word, *p++);
    }
    tk->pos = p;
    /* an open single quote is closed by the end of the line, as in virsh */
    if (dquote && !tk->lenient && !tk->openQuoteOk) {
        tk->error = "missing \"";
        return VSH_TK_ERROR;
    }
    return VSH_TK_ARG;
}

static vshToken
vshTokenNext(vshTokenizer *tk, char **res)
{
    const char *p;
    g_autoptr(GString) word = NULL;
    vshToken ret;

    *res = NULL;
    if (tk->argv) {
        if (tk->argc == 0)
            return VSH_TK_END;
        *res = g_strdup(tk->argv[0]);
        tk->argv++;
        tk->argc--;
        return VSH_TK_ARG;
    }

    p = tk->pos;
    while (*p == ' ' || *p == '\t' || (*p == '\\' && p[1] == '\n'))
        p += 1 + (*p == '\\');
    if (*p == '\0') {
        tk->pos = p;
        return VSH_TK_END;
    }
    if (*p == ';' || *p == '\n') {
        tk->pos = p + 1;
        return VSH_TK_SUBCMD_END;
    }
    if (*p == '#') {
        while (*p && *p != '\n')
            p++;
        tk->pos = p + (*p != '\0');
        return VSH_TK_SUBCMD_END;
    }
    tk->pos = p;
    word = g_string_new(NULL);
    if ((ret = vshTokenizeWord(tk, word)) == VSH_TK_ARG)
        *res = g_string_free(g_steal_pointer(&word), FALSE);
    return ret;
}

const vshCmdDef *
vshCmddefSearch(const vshControl *ctl, const char *name)
{
    const vshCmdGrp *grp;
    const vshCmdDef *const *tab;
    const vshCmdDef *def;

    for (grp = ctl->groups; grp->name; grp++) {
        VSH_GRP_FOREACH_CMD(grp, tab, def) {
            if (strcmp(def->name, name) == 0)
                return def;
        }
    }
    return NULL;
}

const vshCmdGrp *
vshCmdGrpSearch(const vshControl *ctl, const char *name)
{
    const vshCmdGrp *grp;

    for (grp = ctl->groups; grp->name; grp++) {
        if (strcmp(grp->keyword, name) == 0 || strcmp(grp->name, name) == 0 ||
            (grp->alias && strcmp(grp->alias, name) == 0))
            return grp;
    }
    return NULL;
}

const vshCmdOptDef *
vshCmddefGetOption(const vshCmdDef *def, const char *name)
{
    const vshCmdOptDef *opt;

    for (opt = def->opts; opt && opt->name; opt++) {
        if (strcmp(opt->name, name) == 0)
            return opt;
    }
    return NULL;
}

/**
 * vshCmddefResolveOption:
 * @def: the command
 * @name: an option name as typed, perhaps an alias
 * @value: set to the value an alias implies ("hi" standing for
 *         "string=hello"), else NULL
 *
 * Returns the option @name stands for, or NULL when @def has none.
 */
const vshCmdOptDef *
vshCmddefResolveOption(const vshCmdDef *def, const char *name, const char **value)
{
    const vshCmdOptDef *opt = vshCmddefGetOption(def, name);
    const vshCmdOptDef *target;
    size_t len;

    *value = NULL;
    if (!opt || opt->type != VSH_OT_ALIAS)
        return opt;
    len = strcspn(opt->help, "=");
    if (opt->help[len] == '=')
        *value = opt->help + len + 1;
    /* as in virsh, the real option comes later in the table (self-test
     * checks that it does) */
    for (target = opt + 1; target->name; target++) {
        if (target->type != VSH_OT_ALIAS && strlen(target->name) == len &&
            strncmp(target->name, opt->help, len) == 0)
            return target;
    }
    return NULL;
}

/* The options that take positional words, in table order, as a bitmask. */
static guint64
vshCmddefPositional(const vshCmdDef *def)
{
    guint64 mask = 0;
    size_t i;

    for (i = 0; def->opts && def->opts[i].name; i++) {
        const vshCmdOptDef *opt = &def->opts[i];

        g_assert(i < 64);
        if (opt->type != VSH_OT_BOOL && opt->type != VSH_OT_ALIAS &&
            !(opt->flags & VSH_OFLAG_REQ_OPT))
            mask |= G_GUINT64_CONSTANT(1) << i;
    }
    return mask;
}

/* The state of one command while its words are bound. */
typedef struct {
    vshControl *ctl;
    const vshCmdDef *def;
    GArray *opts;               /* of vshCmdOpt */
    guint64 positional;         /* options still open to positional words */
    guint64 seen;
    bool dataOnly;              /* after "--" */
    bool help;
} vshCmdBuilder;

static void
vshCmdBuilderAdd(vshCmdBuilder *b, const vshCmdOptDef *opt, char *data)
{
    vshCmdOpt o = { .def = opt, .data = data };

    vshDebug(b->ctl, VSH_ERR_INFO, "%s: %s(%s): %s", b->def->name, opt->name,
             data ? "optdata" : "bool", data ? data : "(none)");
    g_array_append_val(b->opts, o);
}

/* The option a "--name" word names, through an alias if need be: an
 * alias that implies a value ("--hi" for "--string hello") puts it in
 * *value, which "--hi=x" may not give too.  NULL after reporting, or
 * when help ignores the word (*ignored). */
static const vshCmdOptDef *
vshCmdBuilderFindOption(vshCmdBuilder *b, const char *name, char **value, bool *ignored)
{
    const vshCmdOptDef *opt;
    const char *implied;

    *ignored = false;
    if (!(opt = vshCmddefResolveOption(b->def, name, &implied))) {
        /* help ignores what it does not know */
        if (!(*ignored = strcmp(b->def->name, "help") == 0))
            vshError(b->ctl, "command '%s' doesn't support option --%s", b->def->name, name);
        return NULL;
    }
    if (implied) {
        if (*value) {
            vshError(b->ctl, "invalid '=' after option --%s", name);
            return NULL;
        }
        *value = g_strdup(implied);
    }
    return opt;
}

/* A "--name[=value]" word: binds the option, reading its value if it
 * takes one.  Returns false after reporting the error. */
static bool
vshCmdBuilderOption(vshCmdBuilder *b, vshTokenizer *tk, char *word)
{
    char *eq = strchr(word + 2, '=');
    g_autofree char *value = NULL;
    const vshCmdOptDef *opt;
    bool ignored;
    vshToken t;
    size_t idx;

    if (eq) {
        *eq = '\0';
        value = g_strdup(eq + 1);
    }
    if (strcmp(word + 2, "help") == 0) {
        /* every command's boolean --help, which takes no value either */
        if (value) {
            vshError(b->ctl, "invalid '=' after option --help");
            return false;
        }
        b->help = true;
        return true;
    }
    if (!(opt = vshCmdBuilderFindOption(b, word + 2, &value, &ignored)))
        return ignored;
    idx = opt - b->def->opts;
    if ((b->seen & (G_GUINT64_CONSTANT(1) << idx)) && opt->type != VSH_OT_ARGV) {
        vshError(b->ctl, "option --%s already seen", opt->name);
        return false;
    }
    b->seen |= G_GUINT64_CONSTANT(1) << idx;
    if (opt->type == VSH_OT_BOOL) {
        if (value) {
            vshError(b->ctl, "invalid '=' after option --%s", opt->name);
            return false;
        }
        vshCmdBuilderAdd(b, opt, NULL);
        return true;
    }
    if (!value && (t = vshTokenNext(tk, &value)) != VSH_TK_ARG) {
        /* bad quoting in the value says so, as it does anywhere else */
        if (t == VSH_TK_ERROR)
            vshError(b->ctl, "%s", tk->error);
        else
            vshError(b->ctl, "expected syntax: --%s <%s>", opt->name,
                     opt->type == VSH_OT_INT ? "number" : "string");
        return false;
    }
    if (opt->type != VSH_OT_ARGV)
        b->positional &= ~(G_GUINT64_CONSTANT(1) << idx);
    vshCmdBuilderAdd(b, opt, g_steal_pointer(&value));
    return true;
}

/* A word that is not an option: the next positional option takes it. */
static bool
vshCmdBuilderData(vshCmdBuilder *b, char *word)
{
    const vshCmdOptDef *opt;
    int idx;

    if (!b->positional) {
        if (strcmp(b->def->name, "help") == 0) {
            g_free(word);
            return true;
        }
        vshError(b->ctl, "unexpected data '%s'", word);
        g_free(word);
        return false;
    }
    for (idx = 0; !(b->positional & (G_GUINT64_CONSTANT(1) << idx)); idx++)
        ;
    opt = &b->def->opts[idx];
    if (opt->type != VSH_OT_ARGV)
        b->positional &= ~(G_GUINT64_CONSTANT(1) << idx);
    b->seen |= G_GUINT64_CONSTANT(1) << idx;
    vshCmdBuilderAdd(b, opt, word);
    return true;
}

/* Whether the option @name of the command was given. */
static bool
vshCmdBuilderSeen(const vshCmdBuilder *b, const char *name)
{
    const vshCmdOptDef *opt = vshCmddefGetOption(b->def, name);

    return opt && (b->seen & (G_GUINT64_CONSTANT(1) << (opt - b->def->opts)));
}

/* Reports every required option that is missing, as virsh does. */
static bool
vshCmdBuilderCheckRequired(vshCmdBuilder *b)
{
    bool ok = true;
    size_t i;

    if (b->help)
        return true;
    for (i = 0; b->def->opts && b->def->opts[i].name; i++) {
        const vshCmdOptDef *opt = &b->def->opts[i];

        if (!(opt->flags & VSH_OFLAG_REQ) || (b->seen & (G_GUINT64_CONSTANT(1) << i)) ||
            (opt->unless && vshCmdBuilderSeen(b, opt->unless)))
            continue;
        vshError(b->ctl,
                 opt->type == VSH_OT_DATA || opt->type == VSH_OT_ARGV ?
                 "command '%s' requires <%s> option" : "command '%s' requires --%s option",
                 b->def->name, opt->name);
        ok = false;
    }
    return ok;
}

/* Binds one word of the command being built.  Returns false on error. */
static bool
vshCmdBuilderWord(vshCmdBuilder *b, vshTokenizer *tk, char *word)
{
    if (!b->dataOnly && word[0] == '-' && word[1] == '-' && g_ascii_isalnum(word[2])) {
        bool ok = vshCmdBuilderOption(b, tk, word);

        g_free(word);
        return ok;
    }
    if (!b->dataOnly && strcmp(word, "--") == 0) {
        b->dataOnly = true;
        g_free(word);
        return true;
    }
    return vshCmdBuilderData(b, word);
}

/* Skips the words of a comment command up to its end, as virsh does:
 * an open double quote is fine there, a dangling backslash is not. */
static vshToken
vshSkipComment(vshControl *ctl, vshTokenizer *tk)
{
    vshToken t;
    char *word;

    tk->openQuoteOk = true;
    while ((t = vshTokenNext(tk, &word)) == VSH_TK_ARG)
        g_free(word);
    tk->openQuoteOk = false;
    if (t == VSH_TK_ERROR)
        vshError(ctl, "%s", tk->error);
    return t;
}

/* Parses one command; *cmd stays NULL for an empty one.  Returns the
 * token that ended it, or VSH_TK_ERROR after reporting the error. */
static vshToken
vshParseOne(vshControl *ctl, vshTokenizer *tk, vshCmd **cmd)
{
    vshCmdBuilder b = { .ctl = ctl };
    g_autoptr(GArray) opts = g_array_new(FALSE, FALSE, sizeof(vshCmdOpt));
    vshToken t;
    char *word;
    vshCmd *c;

    /* a command that fails to parse frees what it bound so far */
    g_array_set_clear_func(opts, vshCmdOptClear);
    b.opts = opts;
    *cmd = NULL;
    while ((t = vshTokenNext(tk, &word)) == VSH_TK_ARG) {
        if (!b.def) {
            if (word[0] == '#') {
                g_free(word);
                return vshSkipComment(ctl, tk);
            }
            if (!(b.def = vshCmddefSearch(ctl, word))) {
                vshError(ctl, "unknown command: '%s'", word);
                g_free(word);
                return VSH_TK_ERROR;
            }
            b.positional = vshCmddefPositional(b.def);
            g_free(word);
            continue;
        }
        if (!vshCmdBuilderWord(&b, tk, word))
            return VSH_TK_ERROR;
    }
    if (t == VSH_TK_ERROR) {
        vshError(ctl, "%s", tk->error);
        return VSH_TK_ERROR;
    }
    if (!b.def)
        return t;
    if (!vshCmdBuilderCheckRequired(&b))
        return VSH_TK_ERROR;
    c = g_new0(vshCmd, 1);
    c->def = b.def;
    c->help = b.help;
    c->nopts = opts->len;
    c->opts = (vshCmdOpt *)(void *)g_array_steal(opts, NULL);
    *cmd = c;
    return t;
}

static vshCmdList *
vshParse(vshControl *ctl, vshTokenizer *tk)
{
    g_autoptr(vshCmdList) list = g_new0(vshCmdList, 1);
    vshToken t;

    list->cmds = g_ptr_array_new_with_free_func((GDestroyNotify)vshCmdFree);
    do {
        vshCmd *cmd;

        if ((t = vshParseOne(ctl, tk, &cmd)) == VSH_TK_ERROR)
            return NULL;
        if (cmd)
            g_ptr_array_add(list->cmds, cmd);
    } while (t != VSH_TK_END);
    return g_steal_pointer(&list);
}

/**
 * vshCommandStringParse:
 * @ctl: the shell
 * @str: commands separated by ';' or newlines
 *
 * Returns every command of @str, or NULL after reporting the first error.
 */
vshCmdList *
vshCommandStringParse(vshControl *ctl, const char *str)
{
    vshTokenizer tk = { .pos = str };

    return vshParse(ctl, &tk);
}

/**
 * vshCommandArgvParse:
 * @ctl: the shell
 * @argc: number of words
 * @argv: one command and its arguments, one word each (no quoting)
 *
 * Returns the command, or NULL after reporting the error.
 */
vshCmdList *
vshCommandArgvParse(vshControl *ctl, int argc, char **argv)
{
    vshTokenizer tk = { .argv = argv, .argc = argc };

    return vshParse(ctl, &tk);
}

char **
vshCompletionSplit(const char *str, char **partial)
{
    vshTokenizer tk = { .pos = str, .lenient = true };
    g_autoptr(GPtrArray) words = g_ptr_array_new_with_free_func(g_free);
    vshToken t;
    char *word;

    *partial = NULL;
    while ((t = vshTokenNext(&tk, &word)) != VSH_TK_END) {
        if (t == VSH_TK_SUBCMD_END) {
            g_ptr_array_set_size(words, 0);
            continue;
        }
        if (*tk.pos == '\0') {
            *partial = word;    /* nothing after it: still being typed */
            break;
        }
        g_ptr_array_add(words, word);
    }
    g_ptr_array_add(words, NULL);
    return (char **)g_ptr_array_free(g_steal_pointer(&words), FALSE);
}
