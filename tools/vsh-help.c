/*
 * vsh-help.c: help generated from the command tables
 *
 * The layout is virsh's: "help" lists the groups, "help GROUP" one group,
 * "help COMMAND" (or COMMAND --help) shows NAME, SYNOPSIS, DESCRIPTION and
 * OPTIONS, where a positional option is written [--name] <string>.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "vsh.h"

static int
vshCmddefCompare(const void *a, const void *b)
{
    const vshCmdDef *da = *(const vshCmdDef *const *)a;
    const vshCmdDef *db = *(const vshCmdDef *const *)b;

    return strcmp(da->name, db->name);
}

/* The visible commands of @grp, sorted by name (a group may gather
 * several tables). */
static GPtrArray *
vshCmdGrpCommands(const vshCmdGrp *grp)
{
    GPtrArray *cmds = g_ptr_array_new();
    const vshCmdDef *const *tab;
    const vshCmdDef *def;

    VSH_GRP_FOREACH_CMD(grp, tab, def) {
        if (!(def->flags & VSH_CMD_FLAG_HIDDEN))
            g_ptr_array_add(cmds, (gpointer)def);
    }
    if (cmds->len > 1)
        qsort(cmds->pdata, cmds->len, sizeof(gpointer), vshCmddefCompare);
    return cmds;
}

static void
vshCmdGrpPrint(vshControl *ctl, const vshCmdGrp *grp, bool colon)
{
    g_autoptr(GPtrArray) cmds = vshCmdGrpCommands(grp);
    guint i;

    vshPrint(ctl, " %s (help keyword '%s')%s\n", grp->name, grp->keyword, colon ? ":" : "");
    for (i = 0; i < cmds->len; i++) {
        const vshCmdDef *def = g_ptr_array_index(cmds, i);

        vshPrint(ctl, "    %-30s %s\n", def->name, def->info->help);
    }
}

bool
vshCmdGrpHelp(vshControl *ctl, const vshCmdGrp *grp)
{
    vshCmdGrpPrint(ctl, grp, true);
    return true;
}

/* Every group, for "help" and, with @forUsage, for "virtsh --help". */
void
vshPrintCommandList(vshControl *ctl, bool forUsage)
{
    const vshCmdGrp *grp;

    if (!forUsage)
        vshPrint(ctl, "%s", "Grouped commands:\n\n");
    for (grp = ctl->groups; grp->name; grp++) {
        vshCmdGrpPrint(ctl, grp, !forUsage);
        vshPrint(ctl, "\n");
    }
}

/* Whether some option may be given without its name: then an ARGV option
 * is shown with an optional name too. */
static bool
vshCmddefHasShortopt(const vshCmdDef *def)
{
    const vshCmdOptDef *opt;

    for (opt = def->opts; opt && opt->name; opt++) {
        if ((opt->type == VSH_OT_INT || opt->type == VSH_OT_STRING ||
             opt->type == VSH_OT_DATA) && !(opt->flags & VSH_OFLAG_REQ_OPT))
            return true;
    }
    return false;
}

static void
vshCmddefPrintSynopsis(vshControl *ctl, const vshCmdDef *def, bool shortopt)
{
    const vshCmdOptDef *opt;
    bool req;

    vshPrint(ctl, "    %s", def->name);
    for (opt = def->opts; opt && opt->name; opt++) {
        req = opt->flags & VSH_OFLAG_REQ;
        switch (opt->type) {
        case VSH_OT_BOOL:
            vshPrint(ctl, " [--%s]", opt->name);
            break;
        case VSH_OT_INT:
            vshPrint(ctl, req ? " <%s>" : " [--%s <number>]", opt->name);
            break;
        case VSH_OT_STRING:
            vshPrint(ctl, req ? " <%s>" : " [--%s <string>]", opt->name);
            break;
        case VSH_OT_DATA:
            vshPrint(ctl, req ? " <%s>" : " [<%s>]", opt->name);
            break;
        case VSH_OT_ARGV:
            if (shortopt)
                vshPrint(ctl, req ? " {[--%s] <string>}..." : " [[--%s] <string>]...", opt->name);
            else
                vshPrint(ctl, req ? " <%s>..." : " [<%s>]...", opt->name);
            break;
        case VSH_OT_ALIAS:
            break;              /* aliases are not documented, as in virsh */
        }
    }
    vshPrint(ctl, "\n");
}

static void
vshCmddefPrintOptions(vshControl *ctl, const vshCmdDef *def, bool shortopt)
{
    const vshCmdOptDef *opt;

    vshPrint(ctl, "\n  OPTIONS\n");
    for (opt = def->opts; opt->name; opt++) {
        g_autofree char *buf = NULL;
        bool positional = !(opt->flags & VSH_OFLAG_REQ_OPT);

        if (opt->type == VSH_OT_ALIAS)
            continue;
        switch (opt->type) {
        case VSH_OT_BOOL:
            buf = g_strdup_printf("--%s", opt->name);
            break;
        case VSH_OT_INT:
            buf = g_strdup_printf(positional && (opt->flags & VSH_OFLAG_REQ) ?
                                  "[--%s] <number>" : "--%s <number>", opt->name);
            break;
        case VSH_OT_STRING:
            buf = g_strdup_printf(positional && (opt->flags & VSH_OFLAG_REQ) ?
                                  "[--%s] <string>" : "--%s <string>", opt->name);
            break;
        case VSH_OT_DATA:
            buf = g_strdup_printf("[--%s] <string>", opt->name);
            break;
        case VSH_OT_ARGV:
            buf = g_strdup_printf(shortopt ? "[--%s] <string>" : "<%s>", opt->name);
            break;
        case VSH_OT_ALIAS:
            break;
        }
        vshPrint(ctl, "    %-15s  %s\n", buf, opt->help);
    }
}

/**
 * vshCmddefHelp:
 *
 * Prints the manual of one command.  Returns true.
 */
bool
vshCmddefHelp(vshControl *ctl, const vshCmdDef *def)
{
    bool shortopt = vshCmddefHasShortopt(def);

    vshPrint(ctl, "  NAME\n    %s - %s\n", def->name, def->info->help);
    vshPrint(ctl, "\n  SYNOPSIS\n");
    vshCmddefPrintSynopsis(ctl, def, shortopt);
    if (def->info->desc && *def->info->desc)
        vshPrint(ctl, "\n  DESCRIPTION\n    %s\n", def->info->desc);
    if (def->opts && def->opts->name)
        vshCmddefPrintOptions(ctl, def, shortopt);
    vshPrint(ctl, "\n");
    return true;
}
