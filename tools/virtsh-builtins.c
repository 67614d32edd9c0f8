/*
 * virtsh-builtins.c: the "virsh" group: the shell's own commands
 * (help, quit, exit, connect, echo, cd, pwd, the hidden complete that
 * drives the bash completion script, and the hidden self-test)
 */
#include <config.h>

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "virtsh.h"

/*
 * "help" command
 */
static const vshCmdInfo info_help = {
    .help = "print help",
    .desc = "Prints global help, command specific help, or help for a group of related commands",
};

static const vshCmdOptDef opts_help[] = {
    /* "help ''" lists every command, as virsh does */
    {.name = "command", .type = VSH_OT_STRING, .flags = VSH_OFLAG_EMPTY_OK,
     .help = "Prints global help, command specific help, or help for a group of related commands",
     .complete = VSH_COMPLETE_COMMAND},
    VIRTSH_OPT_END
};

static bool
cmdHelp(vshControl *ctl, const vshCmd *cmd)
{
    const char *name = NULL;
    const vshCmdDef *def;
    const vshCmdGrp *grp;

    if (vshCommandOptString(ctl, cmd, "command", &name) < 0)
        return false;
    if (!name || !*name) {
        vshPrintCommandList(ctl, false);
        return true;
    }
    if ((def = vshCmddefSearch(ctl, name)))
        return vshCmddefHelp(ctl, def);
    if ((grp = vshCmdGrpSearch(ctl, name)))
        return vshCmdGrpHelp(ctl, grp);
    vshError(ctl, "command or command group '%s' doesn't exist", name);
    return false;
}

/*
 * "quit" and "exit" commands
 */
static const vshCmdInfo info_quit = {
    .help = "quit this interactive terminal",
    .desc = "",
};

static bool
cmdQuit(vshControl *ctl, const vshCmd *cmd G_GNUC_UNUSED)
{
    ctl->quit = true;
    return true;
}

/*
 * "connect" command
 */
static const vshCmdInfo info_connect = {
    .help = "(re)connect to hypervisor",
    .desc = "Connect to local hypervisor. This is built-in command after shell start up.",
};

static const vshCmdOptDef opts_connect[] = {
    {.name = "name", .type = VSH_OT_STRING, .help = "hypervisor connection URI"},
    {.name = "readonly", .type = VSH_OT_BOOL, .help = "read-only connection"},
    VIRTSH_OPT_END
};

static bool
cmdConnect(vshControl *ctl, const vshCmd *cmd)
{
    const char *name = NULL;
    g_autofree char *uri = NULL;

    if (vshCommandOptString(ctl, cmd, "name", &name) < 0)
        return false;
    /* without a name: the URI of the current connection again */
    uri = g_strdup(name ? name : ctl->connname);
    return vshConnect(ctl, uri, vshCommandOptBool(cmd, "readonly"));
}

/*
 * "echo" command
 */
static const vshCmdInfo info_echo = {
    .help = "echo arguments. Used for internal testing.",
    .desc = "Echo back arguments, possibly with quoting. Used for internal testing.",
};

static const vshCmdOptDef opts_echo[] = {
    {.name = "shell", .type = VSH_OT_BOOL, .help = "escape for shell use"},
    {.name = "xml", .type = VSH_OT_BOOL, .help = "escape for XML use"},
    {.name = "split", .type = VSH_OT_BOOL, .help = "split each argument on ','; ',,' is an escape sequence"},
    {.name = "err", .type = VSH_OT_BOOL, .help = "output to stderr"},
    {.name = "str", .type = VSH_OT_ALIAS, .help = "string"},
    {.name = "hi", .type = VSH_OT_ALIAS, .help = "string=hello"},
    {.name = "string", .type = VSH_OT_ARGV, .help = "arguments to echo"},
    VIRTSH_OPT_END
};

/* Single quotes around anything a shell would read specially. */
static void
virtshEscapeShell(GString *buf, const char *str)
{
    const char *p;

    if (*str && !strpbrk(str, "\r\t\n !\"#$&'()*;<>?[\\]^`{|}~")) {
        g_string_append(buf, str);
        return;
    }
    g_string_append_c(buf, '\'');
    for (p = str; *p; p++) {
        if (*p == '\'')
            g_string_append(buf, "'\\''");
        else
            g_string_append_c(buf, *p);
    }
    g_string_append_c(buf, '\'');
}

/* The five entities of XML, as virsh escapes them; the control
 * characters virsh's buffer refuses (0x01-0x19 but tab, newline and
 * carriage return) are dropped. */
static void
virtshEscapeXML(GString *buf, const char *str)
{
    static const char *const entities[] = {
        ['<'] = "&lt;", ['>'] = "&gt;", ['&'] = "&amp;", ['"'] = "&quot;", ['\''] = "&apos;",
    };
    const unsigned char *p;

    for (p = (const unsigned char *)str; *p; p++) {
        if (*p < G_N_ELEMENTS(entities) && entities[*p])
            g_string_append(buf, entities[*p]);
        else if (*p >= 0x1a || *p == '\t' || *p == '\n' || *p == '\r')
            g_string_append_c(buf, *p);
    }
}

/* --split: "a,b,,c" is "a" and "b,c", one a line; an empty word gives
 * no line at all. */
static void
virtshEchoSplit(GString *buf, const char *arg)
{
    const char *p;

    if (!*arg)
        return;
    for (p = arg; *p; p++) {
        if (*p == ',' && p[1] == ',') {
            g_string_append_c(buf, ',');
            p++;
        } else if (*p == ',') {
            g_string_append_c(buf, '\n');
        } else {
            g_string_append_c(buf, *p);
        }
    }
    g_string_append_c(buf, '\n');
}

/* The words are joined by blanks, each one escaped as asked; nothing
 * ends the line but the blank line that follows every command (which
 * -q leaves out), as in virsh. */
static bool
cmdEcho(vshControl *ctl, const vshCmd *cmd)
{
    bool shell = vshCommandOptBool(cmd, "shell");
    bool xml = vshCommandOptBool(cmd, "xml");
    bool split = vshCommandOptBool(cmd, "split");
    g_autoptr(GString) out = g_string_new(NULL);
    const vshCmdOpt *opt = NULL;

    if (!vshExclusiveOptions(ctl, cmd, "shell", "xml") ||
        !vshExclusiveOptions(ctl, cmd, "shell", "split") ||
        !vshExclusiveOptions(ctl, cmd, "xml", "split"))
        return false;
    while ((opt = vshCommandOptArgv(cmd, opt))) {
        if (xml)
            virtshEscapeXML(out, opt->data);
        else if (shell)
            virtshEscapeShell(out, opt->data);
        else if (split)
            virtshEchoSplit(out, opt->data);
        else
            g_string_append(out, opt->data);
        g_string_append_c(out, ' ');
    }
    if (out->len)
        g_string_truncate(out, out->len - 1);
    if (!vshCommandOptArgv(cmd, NULL))
        return true;
    if (vshCommandOptBool(cmd, "err"))
        vshError(ctl, "%s", out->str);
    else
        vshPrint(ctl, "%s", out->str);
    return true;
}

/*
 * "cd" and "pwd" commands
 */
static const vshCmdInfo info_cd = {
    .help = "change the current directory",
    .desc = "Change the current directory.",
};

static const vshCmdOptDef opts_cd[] = {
    {.name = "dir", .type = VSH_OT_STRING, .help = "directory to switch to (default: home or else root)",
     .complete = VSH_COMPLETE_FILE},
    VIRTSH_OPT_END
};

static bool
cmdCd(vshControl *ctl, const vshCmd *cmd)
{
    const char *dir = NULL;

    if (!ctl->imode) {
        vshError(ctl, "%s", "cd: command valid only in interactive mode");
        return false;
    }
    if (vshCommandOptString(ctl, cmd, "dir", &dir) < 0)
        return false;
    if (!dir)
        dir = g_get_home_dir();
    if (chdir(dir) < 0) {
        vshError(ctl, "cd: %s: %s", g_strerror(errno), dir);
        return false;
    }
    return true;
}

static const vshCmdInfo info_pwd = {
    .help = "print the current directory",
    .desc = "Print the current directory.",
};

static bool
cmdPwd(vshControl *ctl, const vshCmd *cmd G_GNUC_UNUSED)
{
    g_autofree char *cwd = g_get_current_dir();

    vshPrint(ctl, "%s\n", cwd);
    return true;
}

/*
 * "complete" command (hidden): what TAB would offer at the end of a line
 */
static const vshCmdInfo info_complete = {
    .help = "internal command for autocompletion",
    .desc = "Prints the completions of the given command line, one a line; "
            "used by the bash completion script.",
};

static const vshCmdOptDef opts_complete[] = {
    {.name = "string", .type = VSH_OT_ARGV, .help = "partial command line"},
    VIRTSH_OPT_END
};

static bool
cmdComplete(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(GString) line = g_string_new(NULL);
    g_auto(GStrv) matches = NULL;
    const vshCmdOpt *opt = NULL;
    bool wantFiles;
    size_t i;

    while ((opt = vshCommandOptArgv(cmd, opt))) {
        if (line->len)
            g_string_append_c(line, ' ');
        g_string_append(line, opt->data);
    }
    if (!(matches = vshComplete(ctl, line->str, &wantFiles)))
        return true;
    for (i = 0; matches[i]; i++)
        vshPrint(ctl, "%s\n", matches[i]);
    return true;
}

/*
 * "self-test" command (hidden): checks every command table
 */
static const vshCmdInfo info_selftest = {
    .help = "internal command for testing virt shells",
    .desc = "internal use only",
};

static const vshCmdOptDef opts_selftest[] = {
    {.name = "completers-missing", .type = VSH_OT_BOOL,
     .help = "output the list of options which are missing completers"},
    VIRTSH_OPT_END
};

static bool
cmdSelfTest(vshControl *ctl, const vshCmd *cmd)
{
    bool completers = vshCommandOptBool(cmd, "completers-missing");
    const vshCmdDef *const *tab;
    const vshCmdDef *def;
    const vshCmdGrp *grp;

    for (grp = ctl->groups; grp->name; grp++) {
        VSH_GRP_FOREACH_CMD(grp, tab, def) {
            if (!vshCmddefCheck(ctl, def, completers))
                return false;
        }
    }
    return true;
}

const vshCmdDef virtshCmds[] = {
    {.name = "cd", .handler = cmdCd, .opts = opts_cd, .info = &info_cd,
     .flags = VSH_CMD_FLAG_NOCONNECT},
    {.name = "complete", .handler = cmdComplete, .opts = opts_complete, .info = &info_complete,
     .flags = VSH_CMD_FLAG_NOCONNECT | VSH_CMD_FLAG_HIDDEN | VSH_CMD_FLAG_RAW},
    {.name = "connect", .handler = cmdConnect, .opts = opts_connect, .info = &info_connect,
     .flags = VSH_CMD_FLAG_NOCONNECT},
    {.name = "echo", .handler = cmdEcho, .opts = opts_echo, .info = &info_echo,
     .flags = VSH_CMD_FLAG_NOCONNECT},
    {.name = "exit", .handler = cmdQuit, .info = &info_quit, .flags = VSH_CMD_FLAG_NOCONNECT},
    {.name = "help", .handler = cmdHelp, .opts = opts_help, .info = &info_help,
     .flags = VSH_CMD_FLAG_NOCONNECT},
    {.name = "pwd", .handler = cmdPwd, .info = &info_pwd, .flags = VSH_CMD_FLAG_NOCONNECT},
    {.name = "quit", .handler = cmdQuit, .info = &info_quit, .flags = VSH_CMD_FLAG_NOCONNECT},
    {.name = "self-test", .handler = cmdSelfTest, .opts = opts_selftest, .info = &info_selftest,
     .flags = VSH_CMD_FLAG_NOCONNECT | VSH_CMD_FLAG_HIDDEN},
    {.name = NULL}
};
