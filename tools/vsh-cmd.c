/*
 * vsh-cmd.c: running commands, reading their options, printing
 *
 * Errors work as in virsh: the library's error handler only records the
 * message of the failing call (ctl->lastError), the handler may add its
 * own line with vshError(), and when the command returns false the
 * recorded message is printed after it.  This gives virsh's two-line
 * "error: Failed to suspend domain 'x'" / "error: <library message>".
 */
#include <config.h>

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "vsh.h"
#include "vsh-util.h"

static const char *const vshLevelNames[] = {
    "DEBUG", "INFO", "NOTICE", "WARNING", "ERROR",
};

/* Appends one line to the -l log file: commands and errors always
 * (INFO and above), everything with -d 0. */
static void
vshLogLine(vshControl *ctl, int level, const char *fmt, va_list ap)
{
    g_autoptr(GDateTime) now = NULL;
    g_autofree char *stamp = NULL;
    g_autofree char *msg = NULL;
    size_t len;

    if (!ctl->logfile || level < MIN(ctl->debug, VSH_ERR_INFO))
        return;
    now = g_date_time_new_now_local();
    stamp = g_date_time_format(now, "%Y.%m.%d %H:%M:%S");
    msg = g_strdup_vprintf(fmt, ap);
    len = strlen(msg);
    if (len && msg[len - 1] == '\n')
        msg[len - 1] = '\0';
    fprintf(ctl->logfile, "[%s virtsh %d] %s %s\n", stamp, (int)getpid(),
            vshLevelNames[level], msg);
    fflush(ctl->logfile);
}

void
vshPrint(vshControl *ctl G_GNUC_UNUSED, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
}

/* Output that -q silences: confirmations and blank separators. */
void
vshPrintExtra(vshControl *ctl, const char *fmt, ...)
{
    va_list ap;

    if (ctl->quiet)
        return;
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
}

void
vshError(vshControl *ctl, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vshLogLine(ctl, VSH_ERR_ERROR, fmt, ap);
    va_end(ap);

    /* stdout first, so that the error lands after what came before it */
    fflush(stdout);
    fputs("error: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    if (!*fmt || fmt[strlen(fmt) - 1] != '\n')
        fputc('\n', stderr);
    fflush(stderr);
}

/* -d LEVEL: messages at LEVEL or above go to standard output, where
 * virsh prints them (scripts such as libvirt's own tests read them
 * there, between the commands' output). */
void
vshDebug(vshControl *ctl, int level, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vshLogLine(ctl, level, fmt, ap);
    va_end(ap);
    if (level < ctl->debug)
        return;
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    putchar('\n');
    fflush(stdout);
}

/* Records the detail of a failure found by virtsh itself, in the form the
 * library uses ("invalid argument: ..."), to print when the command fails. */
void
vshSetLastError(vshControl *ctl, const char *fmt, ...)
{
    va_list ap;

    g_free(ctl->lastError);
    va_start(ap, fmt);
    ctl->lastError = g_strdup_vprintf(fmt, ap);
    va_end(ap);
}

/* For calls that fail without dispatching an error to the handler. */
void
vshSaveLibraryError(vshControl *ctl)
{
    const char *msg = virGetLastErrorMessage();

    if (virGetLastErrorCode() != VIR_ERR_OK)
        vshSetLastError(ctl, "%s", msg);
}

void
vshResetLastError(vshControl *ctl)
{
    g_clear_pointer(&ctl->lastError, g_free);
    virResetLastError();
}

int
vshLastErrorCode(void)
{
    return virGetLastErrorCode();
}

void
vshReportError(vshControl *ctl)
{
    if (ctl->lastError)
        vshError(ctl, "%s", ctl->lastError);
    vshResetLastError(ctl);
}

/* The library calls this for every failing call; the message waits for
 * the command to fail (or for a fallback path to reset it). */
static void
vshErrorHandler(void *opaque, virErrorPtr err)
{
    vshControl *ctl = opaque;

    g_free(ctl->lastError);
    ctl->lastError = g_strdup(err && err->message ? err->message : "unknown error");
}

void
vshControlInit(vshControl *ctl)
{
    memset(ctl, 0, sizeof(*ctl));
    ctl->debug = VSH_ERR_ERROR + 1;
    ctl->exitCode = -1;
    ctl->escapeChar = 0x1d;     /* ^] */
    ctl->keepaliveInterval = -1;
    ctl->keepaliveCount = -1;
    virSetErrorFunc(ctl, vshErrorHandler);
}

void
vshControlClear(vshControl *ctl)
{
    vshDisconnect(ctl);
    g_clear_pointer(&ctl->connname, g_free);
    g_clear_pointer(&ctl->lastError, g_free);
    g_clear_pointer(&ctl->logpath, g_free);
    if (ctl->logfile) {
        fclose(ctl->logfile);
        ctl->logfile = NULL;
    }
}

void
vshDisconnect(vshControl *ctl)
{
    int refs;

    if (!ctl->conn)
        return;
    if ((refs = virConnectClose(ctl->conn)) < 0)
        vshError(ctl, "%s", "failed to disconnect from the hypervisor");
    else if (refs > 0)
        vshDebug(ctl, VSH_ERR_WARNING, "%d references to the connection were leaked", refs);
    ctl->conn = NULL;
}

/* virsh asks every connection for keepalive probes (every 5 s, 6 lost
 * ones close it: virConnectSetKeepAlive) and fails only when -k or -K
 * asked explicitly; -k 0 turns them off.  Local drivers have no other
 * end and say "not supported", as libvirt's do. */
static bool
vshSetupKeepAlive(vshControl *ctl, virConnectPtr conn)
{
    int interval = ctl->keepaliveInterval >= 0 ? ctl->keepaliveInterval : 5;
    int count = ctl->keepaliveCount >= 0 ? ctl->keepaliveCount : 6;

    if (interval <= 0 || virConnectSetKeepAlive(conn, interval, count) == 0)
        return true;
    if (ctl->keepaliveInterval >= 0 || ctl->keepaliveCount >= 0) {
        vshError(ctl, "%s", "Cannot setup keepalive on connection as requested, disconnecting");
        return false;
    }
    vshDebug(ctl, VSH_ERR_INFO, "%s", "Failed to setup keepalive on connection");
    vshResetLastError(ctl);
    return true;
}

/**
 * vshConnect:
 * @ctl: the shell
 * @uri: the URI, or NULL for the library's default
 * @readonly: open a read-only connection
 *
 * Replaces the connection of @ctl with a new one.  On failure the old
 * connection stays, and the error is reported.
 *
 * Returns true on success.
 */
bool
vshConnect(vshControl *ctl, const char *uri, bool readonly)
{
    virConnectPtr conn;

    /* as virsh: the default event loop before the connection, so that a
     * remote one can keep alive and hear events (run by event) */
    virEventRegisterDefaultImpl();
    conn = virConnectOpenAuth(uri, virConnectAuthPtrDefault,
                              readonly ? VIR_CONNECT_RO : 0);
    if (conn && !vshSetupKeepAlive(ctl, conn)) {
        virConnectClose(conn);
        conn = NULL;
    }
    if (!conn) {
        vshError(ctl, "%s", "failed to connect to the hypervisor");
        vshReportError(ctl);
        return false;
    }
    vshDisconnect(ctl);
    ctl->conn = conn;
    ctl->readonly = readonly;
    if (uri != ctl->connname) {
        g_free(ctl->connname);
        ctl->connname = g_strdup(uri);
    }
    return true;
}

static bool
vshCommandRunOne(vshControl *ctl, const vshCmd *cmd)
{
    if (cmd->help)
        return vshCmddefHelp(ctl, cmd->def);
    if (!(cmd->def->flags & VSH_CMD_FLAG_NOCONNECT) && !ctl->conn &&
        !vshConnect(ctl, ctl->connname, ctl->readonly))
        return false;
    return cmd->def->handler(ctl, cmd);
}

/**
 * vshCommandRun:
 * @ctl: the shell
 * @list: parsed commands
 *
 * Runs the commands in order; a failing command does not stop the
 * others, but quit and exit do.
 *
 * Returns the status of the last command run.
 */
bool
vshCommandRun(vshControl *ctl, const vshCmdList *list)
{
    bool ret = true;
    size_t i;

    for (i = 0; i < vshCmdListLength(list); i++) {
        const vshCmd *cmd = vshCmdListGet(list, i);
        gint64 before = ctl->timing ? g_get_monotonic_time() : 0;

        vshResetLastError(ctl);
        ctl->exitCode = -1;
        ret = vshCommandRunOne(ctl, cmd);
        if (!ret)
            vshReportError(ctl);
        fflush(stdout);
        if (ctl->quit)
            return ret;
        if (ctl->timing)
            vshPrint(ctl, "\n(Time: %.3f ms)\n\n",
                     (g_get_monotonic_time() - before) / 1000.0);
        else if (!(cmd->def->flags & VSH_CMD_FLAG_RAW))
            vshPrintExtra(ctl, "\n");
    }
    fflush(stdout);
    return ret;
}

/* ---- options ---- */

static const vshCmdOpt *
vshCommandOpt(const vshCmd *cmd, const char *name)
{
    size_t i;

    /* asking for an option the table lacks is a bug in virtsh */
    g_assert(vshCmddefGetOption(cmd->def, name));
    for (i = 0; i < cmd->nopts; i++) {
        if (strcmp(cmd->opts[i].def->name, name) == 0)
            return &cmd->opts[i];
    }
    return NULL;
}

bool
vshCommandOptBool(const vshCmd *cmd, const char *name)
{
    return vshCommandOpt(cmd, name) != NULL;
}

/* The word given to option @name as typed (perhaps empty), or NULL. */
const char *
vshCommandOptData(const vshCmd *cmd, const char *name)
{
    const vshCmdOpt *opt = vshCommandOpt(cmd, name);

    return opt ? opt->data : NULL;
}

/**
 * vshCommandOptString:
 *
 * Returns 1 and sets @value when the option was given, 0 when it was not,
 * -1 after reporting an empty value.
 */
int
vshCommandOptString(vshControl *ctl, const vshCmd *cmd, const char *name,
                    const char **value)
{
    const vshCmdOpt *opt = vshCommandOpt(cmd, name);

    *value = NULL;
    if (!opt)
        return 0;
    if (!*opt->data && !(opt->def->flags & VSH_OFLAG_EMPTY_OK)) {
        vshError(ctl, "Failed to get option '%s': Option argument is empty", name);
        return -1;
    }
    *value = opt->data;
    return 1;
}

static void
vshNumericError(vshControl *ctl, const char *data, const char *name)
{
    vshError(ctl, "Numeric value '%s' for <%s> option is malformed or out of range",
             data, name);
}

int
vshCommandOptInt(vshControl *ctl, const vshCmd *cmd, const char *name, int *value)
{
    const vshCmdOpt *opt = vshCommandOpt(cmd, name);
    long long v;

    if (!opt)
        return 0;
    if (vshStrToLL(opt->data, &v) < 0 || v < G_MININT || v > G_MAXINT) {
        vshNumericError(ctl, opt->data, name);
        return -1;
    }
    *value = v;
    return 1;
}

int
vshCommandOptUInt(vshControl *ctl, const vshCmd *cmd, const char *name,
                  unsigned int *value)
{
    const vshCmdOpt *opt = vshCommandOpt(cmd, name);
    unsigned long long v;

    if (!opt)
        return 0;
    if (vshStrToULL(opt->data, &v, NULL) < 0 || v > G_MAXUINT) {
        vshNumericError(ctl, opt->data, name);
        return -1;
    }
    *value = v;
    return 1;
}

int
vshCommandOptULongLong(vshControl *ctl, const vshCmd *cmd, const char *name,
                       unsigned long long *value)
{
    const vshCmdOpt *opt = vshCommandOpt(cmd, name);

    if (!opt)
        return 0;
    if (vshStrToULL(opt->data, value, NULL) < 0) {
        vshNumericError(ctl, opt->data, name);
        return -1;
    }
    return 1;
}

/**
 * vshCommandOptScaledInt:
 * @scale: the unit of a number without suffix (1024: KiB)
 * @max: the largest value in bytes
 *
 * Reads a size such as 512M, 2GiB, 10KB or 1048576 (in @scale units).
 * Returns 1 with the size in bytes, 0 when absent, -1 after an error.
 */
int
vshCommandOptScaledInt(vshControl *ctl, const vshCmd *cmd, const char *name,
                       unsigned long long *value, unsigned long long scale,
                       unsigned long long max)
{
    const vshCmdOpt *opt = vshCommandOpt(cmd, name);
    const char *end;

    if (!opt)
        return 0;
    if (vshStrToULL(opt->data, value, &end) < 0 ||
        vshScaleInteger(ctl, value, end, scale, max) < 0) {
        vshError(ctl, "Scaled numeric value '%s' for <%s> option is malformed or out of range",
                 opt->data, name);
        return -1;
    }
    return 1;
}

/* Iterates the words of an ARGV option: pass NULL first, then the last
 * result.  Returns NULL after the last one. */
const vshCmdOpt *
vshCommandOptArgv(const vshCmd *cmd, const vshCmdOpt *prev)
{
    size_t i = prev ? (size_t)(prev - cmd->opts) + 1 : 0;

    for (; i < cmd->nopts; i++) {
        if (cmd->opts[i].def->type == VSH_OT_ARGV)
            return &cmd->opts[i];
    }
    return NULL;
}

bool
vshExclusiveOptions(vshControl *ctl, const vshCmd *cmd, const char *name1,
                    const char *name2)
{
    if (vshCommandOptBool(cmd, name1) && vshCommandOptBool(cmd, name2)) {
        vshError(ctl, "Options --%s and --%s are mutually exclusive", name1, name2);
        return false;
    }
    return true;
}

bool
vshRequireOption(vshControl *ctl, const vshCmd *cmd, const char *name,
                 const char *needs)
{
    if (vshCommandOptBool(cmd, name) && !vshCommandOptBool(cmd, needs)) {
        vshError(ctl, "Option --%s is required by option --%s", needs, name);
        return false;
    }
    return true;
}
