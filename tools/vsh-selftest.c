/*
 * vsh-selftest.c: the checks of "self-test" over the command tables
 *
 * The parser relies on rules a table can break without any compiler
 * noticing: an alias must name a later real option, an ARGV option must
 * come last, a required positional option must come before the optional
 * ones (or a word would bind to the wrong one), at most 64 options fit
 * the parser's bit masks, an option required unless another is given
 * must name a real one.  libvirt's tests run "virsh self-test" to
 * catch a broken table; "virtsh self-test" checks virtsh's the same way,
 * with virsh's messages where virsh has the same rule.
 */
#include <config.h>

#include <string.h>

#include "vsh.h"

static char *
vshCheckAlias(const vshCmdDef *def, const vshCmdOptDef *opt)
{
    const vshCmdOptDef *target;
    const char *value;

    if (opt->flags || !opt->help || opt->complete)
        return g_strdup_printf("parameter '%s' of command '%s' has incorrect alias option",
                               opt->name, def->name);
    if (!(target = vshCmddefResolveOption(def, opt->name, &value)))
        return g_strdup_printf("alias '%s' of command '%s' has missing alias option",
                               opt->name, def->name);
    if (value && target->type == VSH_OT_BOOL)
        return g_strdup_printf("alias '%s' of command '%s' has mismatched alias type",
                               opt->name, def->name);
    return NULL;
}

/* The rules of one option; *optionalSeen tells whether an optional
 * positional option came before it. */
static char *
vshCheckOption(const vshCmdDef *def, const vshCmdOptDef *opt, bool *optionalSeen)
{
    const vshCmdOptDef *instead;
    bool req = opt->flags & VSH_OFLAG_REQ;
    bool positional = opt->type != VSH_OT_BOOL && opt->type != VSH_OT_ALIAS &&
                      !(opt->flags & VSH_OFLAG_REQ_OPT);

    if (strcmp(opt->name, "help") == 0 || vshCmddefGetOption(def, opt->name) != opt)
        return g_strdup_printf("parameter '%s' of command '%s' is defined twice or hides --help",
                               opt->name, def->name);
    switch (opt->type) {
    case VSH_OT_BOOL:
        if (opt->complete)
            return g_strdup_printf("bool parameter '%s' of command '%s' has completer set",
                                   opt->name, def->name);
        if (req)
            return g_strdup_printf("parameter '%s' of command '%s' misused VSH_OFLAG_REQ",
                                   opt->name, def->name);
        break;
    case VSH_OT_ALIAS:
        return vshCheckAlias(def, opt);
    case VSH_OT_ARGV:
        if (opt[1].name)
            return g_strdup_printf("parameter '%s' of command '%s' must be listed last",
                                   opt->name, def->name);
        break;
    case VSH_OT_STRING:
    case VSH_OT_INT:
    case VSH_OT_DATA:
        break;
    }
    if (opt->unless && (!req || !(instead = vshCmddefGetOption(def, opt->unless)) ||
                        instead->type == VSH_OT_ALIAS))
        return g_strdup_printf("parameter '%s' of command '%s' has incorrect unless option",
                               opt->name, def->name);
    if (positional && req && *optionalSeen)
        return g_strdup_printf("parameter '%s' of command '%s' must be listed before "
                               "optional parameters", opt->name, def->name);
    if (positional && !req)
        *optionalSeen = true;
    return NULL;
}

/**
 * vshCmddefCheckMessage:
 * @ctl: the shell, whose tables must hold @def once
 * @def: a command
 *
 * Returns NULL when @def follows the rules of the tables, else what it
 * breaks first, for the caller to free.
 */
char *
vshCmddefCheckMessage(const vshControl *ctl, const vshCmdDef *def)
{
    const vshCmdOptDef *opt;
    bool optionalSeen = false;
    char *msg;

    if (!def->info || !def->info->help || !*def->info->help)
        return g_strdup_printf("command '%s' lacks help", def->name);
    if (!def->handler)
        return g_strdup_printf("command '%s' has no handler", def->name);
    if (vshCmddefSearch(ctl, def->name) != def)
        return g_strdup_printf("command '%s' is defined twice", def->name);
    for (opt = def->opts; opt && opt->name; opt++) {
        if (opt - def->opts >= 64)
            return g_strdup_printf("command '%s' has too many options", def->name);
        if ((msg = vshCheckOption(def, opt, &optionalSeen)))
            return msg;
    }
    return NULL;
}

/* "cmd: opt1, opt2" for the value-taking options nothing completes. */
static void
vshPrintMissingCompleters(vshControl *ctl, const vshCmdDef *def)
{
    g_autoptr(GString) names = g_string_new(NULL);
    const vshCmdOptDef *opt;

    for (opt = def->opts; opt && opt->name; opt++) {
        if ((opt->type == VSH_OT_STRING || opt->type == VSH_OT_DATA) && !opt->complete)
            g_string_append_printf(names, "%s%s", names->len ? ", " : "", opt->name);
    }
    if (names->len)
        vshPrintExtra(ctl, "%s: %s\n", def->name, names->str);
}

/**
 * vshCmddefCheck:
 * @ctl: the shell
 * @def: a command
 * @missingCompleters: also print the options that lack completion
 *
 * Returns true when @def follows the rules of the tables, false after
 * reporting the first one it breaks.
 */
bool
vshCmddefCheck(vshControl *ctl, const vshCmdDef *def, bool missingCompleters)
{
    g_autofree char *msg = vshCmddefCheckMessage(ctl, def);

    if (msg) {
        vshError(ctl, "%s", msg);
        return false;
    }
    if (missingCompleters)
        vshPrintMissingCompleters(ctl, def);
    return true;
}
