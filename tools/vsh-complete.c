/*
 * vsh-complete.c: what may come next on a command line
 *
 * One engine serves readline's TAB and the hidden "complete" command of
 * the bash completion script.  It reads the words typed so far with the
 * parser's own rules, replays how they bind to options, and offers for
 * the word being typed: command names first, then option names not yet
 * used, or the values of the option that takes the word (domain names,
 * command names, key code sets and key names; files are left to
 * readline).  Candidates are returned as they are, unquoted: quoting them
 * is the caller's business.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "vsh.h"
#include "virkeycode.h"

/* Where the word being typed goes. */
typedef struct {
    const vshCmdDef *def;
    guint64 seen;
    guint64 positional;
    bool dataOnly;
    const vshCmdOptDef *value;  /* the option whose value is being typed */
} vshCompleteState;

static void
vshCompleteAdd(GPtrArray *matches, const char *partial, const char *candidate)
{
    if (g_str_has_prefix(candidate, partial))
        g_ptr_array_add(matches, g_strdup(candidate));
}

static void
vshCompleteCommands(vshControl *ctl, GPtrArray *matches, const char *partial, bool groups)
{
    const vshCmdGrp *grp;
    const vshCmdDef *const *tab;
    const vshCmdDef *def;

    for (grp = ctl->groups; grp->name; grp++) {
        VSH_GRP_FOREACH_CMD(grp, tab, def) {
            if (!(def->flags & VSH_CMD_FLAG_HIDDEN))
                vshCompleteAdd(matches, partial, def->name);
        }
        if (groups)
            vshCompleteAdd(matches, partial, grp->keyword);
    }
}

/* Domain names need a connection; completion never reports a failure to
 * get one, it just offers nothing. */
static void
vshCompleteDomains(vshControl *ctl, GPtrArray *matches, const char *partial, unsigned int flags)
{
    virDomainPtr *doms = NULL;
    int ndoms, i;

    if (!ctl->conn) {
        ctl->conn = virConnectOpenAuth(ctl->connname, virConnectAuthPtrDefault,
                                       ctl->readonly ? VIR_CONNECT_RO : 0);
        vshResetLastError(ctl);
        if (!ctl->conn)
            return;
    }
    if ((ndoms = virConnectListAllDomains(ctl->conn, &doms, flags)) < 0) {
        vshResetLastError(ctl);
        return;
    }
    for (i = 0; i < ndoms; i++) {
        vshCompleteAdd(matches, partial, virDomainGetName(doms[i]));
        virDomainFree(doms[i]);
    }
    free(doms);
}

/* The code sets' names, or the Linux key names: the only ones virtkit
 * knows, whatever --codeset says. */
static void
vshCompleteKeycodes(GPtrArray *matches, const char *partial, bool sets)
{
    const char *name;
    size_t i;

    for (i = 0; (name = sets ? virKeycodeSetTypeToString(i)
                             : virKeycodeNameAt(VIR_KEYCODE_SET_LINUX, i)); i++)
        vshCompleteAdd(matches, partial, name);
}

static void
vshCompleteValues(vshControl *ctl, GPtrArray *matches, const vshCmdOptDef *opt,
                  const char *partial, bool *wantFiles)
{
    switch (opt->complete) {
    case VSH_COMPLETE_NONE:
        break;
    case VSH_COMPLETE_DOMAIN:
        vshCompleteDomains(ctl, matches, partial, 0);
        break;
    case VSH_COMPLETE_DOMAIN_ACTIVE:
        vshCompleteDomains(ctl, matches, partial, VIR_CONNECT_LIST_DOMAINS_ACTIVE);
        break;
    case VSH_COMPLETE_DOMAIN_INACTIVE:
        vshCompleteDomains(ctl, matches, partial, VIR_CONNECT_LIST_DOMAINS_INACTIVE);
        break;
    case VSH_COMPLETE_COMMAND:
        vshCompleteCommands(ctl, matches, partial, true);
        break;
    case VSH_COMPLETE_FILE:
        *wantFiles = true;
        break;
    case VSH_COMPLETE_KEYCODE_SET:
        vshCompleteKeycodes(matches, partial, true);
        break;
    case VSH_COMPLETE_KEYCODE:
        vshCompleteKeycodes(matches, partial, false);
        break;
    }
}

static void
vshCompleteOptions(const vshCompleteState *st, GPtrArray *matches, const char *partial)
{
    size_t i;

    for (i = 0; st->def->opts && st->def->opts[i].name; i++) {
        const vshCmdOptDef *opt = &st->def->opts[i];
        g_autofree char *name = NULL;

        if (opt->type == VSH_OT_ALIAS ||
            ((st->seen & (G_GUINT64_CONSTANT(1) << i)) && opt->type != VSH_OT_ARGV))
            continue;
        name = g_strdup_printf("--%s", opt->name);
        vshCompleteAdd(matches, partial, name);
    }
}

/* Replays how @words (after the command name) bind to options. */
static void
vshCompleteReplay(vshCompleteState *st, char **words)
{
    size_t i, idx;

    for (i = 0; st->def->opts && st->def->opts[i].name; i++) {
        const vshCmdOptDef *opt = &st->def->opts[i];

        if (opt->type != VSH_OT_BOOL && opt->type != VSH_OT_ALIAS &&
            !(opt->flags & VSH_OFLAG_REQ_OPT))
            st->positional |= G_GUINT64_CONSTANT(1) << i;
    }
    for (i = 0; words[i]; i++) {
        const char *w = words[i];

        if (st->value) {
            st->value = NULL;
            continue;
        }
        if (!st->dataOnly && w[0] == '-' && w[1] == '-' && g_ascii_isalnum(w[2])) {
            g_autofree char *name = g_strndup(w + 2, strcspn(w + 2, "="));
            const char *implied;
            const vshCmdOptDef *opt = vshCmddefResolveOption(st->def, name, &implied);

            if (!opt)
                continue;
            idx = opt - st->def->opts;
            st->seen |= G_GUINT64_CONSTANT(1) << idx;
            if (opt->type != VSH_OT_ARGV)
                st->positional &= ~(G_GUINT64_CONSTANT(1) << idx);
            if (opt->type != VSH_OT_BOOL && !implied && !strchr(w, '='))
                st->value = opt;
        } else if (!st->dataOnly && strcmp(w, "--") == 0) {
            st->dataOnly = true;
        } else if (st->positional) {
            for (idx = 0; !(st->positional & (G_GUINT64_CONSTANT(1) << idx)); idx++)
                ;
            st->seen |= G_GUINT64_CONSTANT(1) << idx;
            if (st->def->opts[idx].type != VSH_OT_ARGV)
                st->positional &= ~(G_GUINT64_CONSTANT(1) << idx);
        }
    }
}

static void
vshCompleteArgument(vshControl *ctl, vshCompleteState *st, GPtrArray *matches,
                    const char *partial, bool *wantFiles)
{
    size_t idx;

    if (st->value) {
        vshCompleteValues(ctl, matches, st->value, partial, wantFiles);
        return;
    }
    if (!st->dataOnly && partial[0] == '-') {
        vshCompleteOptions(st, matches, partial);
        return;
    }
    if (st->positional) {
        for (idx = 0; !(st->positional & (G_GUINT64_CONSTANT(1) << idx)); idx++)
            ;
        vshCompleteValues(ctl, matches, &st->def->opts[idx], partial, wantFiles);
    }
    if (!st->dataOnly && !partial[0])
        vshCompleteOptions(st, matches, partial);
}

static int
vshCompareStrings(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/**
 * vshComplete:
 * @ctl: the shell
 * @line: the line up to the cursor
 * @wantFiles: set when the word is a file name
 *
 * Returns the sorted candidates for the last word of @line (NULL-terminated,
 * possibly empty), or NULL when nothing can follow.
 */
char **
vshComplete(vshControl *ctl, const char *line, bool *wantFiles)
{
    g_autoptr(GPtrArray) matches = g_ptr_array_new_with_free_func(g_free);
    g_autofree char *partial = NULL;
    g_auto(GStrv) words = vshCompletionSplit(line, &partial);
    vshCompleteState st = { 0 };

    *wantFiles = false;
    if (!partial)
        partial = g_strdup("");
    if (!words[0]) {
        vshCompleteCommands(ctl, matches, partial, false);
    } else if ((st.def = vshCmddefSearch(ctl, words[0]))) {
        vshCompleteReplay(&st, words + 1);
        vshCompleteArgument(ctl, &st, matches, partial, wantFiles);
    } else {
        return NULL;
    }
    if (matches->len > 1)
        qsort(matches->pdata, matches->len, sizeof(gpointer), vshCompareStrings);
    g_ptr_array_add(matches, NULL);
    return (char **)g_ptr_array_free(g_steal_pointer(&matches), FALSE);
}
