/*
 * virtsh-extras.c: the "extras" group: what virtkit's drivers offer
 * beyond libvirt's API
 *
 *   enter DOMAIN [--no-ubc] [--namespace] [--no-maxenter] [--one-way]
 *         [--user USER] -- COMMAND ARGS...
 *       runs COMMAND inside a container domain (LVE enter, VServer
 *       migrate), as USER if given (as lve_suwrapper), and gives back its
 *       exit status
 *   setmemshare DOMAIN {--enable | --disable} [--config] [--live] [--current]
 *   memshareinfo DOMAIN [--config] [--live] [--current]
 *       turn a domain's memory sharing (KSM, Xen page sharing) on or off,
 *       and show it with its counters
 *   memshare-dedup [DOMAIN...] [--json]
 *       one deduplication pass over the domains' memory (all running
 *       domains with sharing on when none is named), and what it did
 *   dmesg [--clear]
 *       the hypervisor's own log (Xen's console ring)
 *
 * A driver with more commands of its own adds a table like this one and
 * names it in virtsh-groups.c.
 */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "virtsh.h"
#include "vsh-util.h"

/*
 * "enter" command
 */
static const vshCmdInfo info_enter = {
    .help = "run a command inside a container domain",
    .desc = "Run COMMAND in a child process that first enters the domain (an LVE\n"
            "    or a VServer context) and then executes it; the exit status is the\n"
            "    command's.  With --user, the child takes the user's groups, group\n"
            "    and user id once inside (as lve_suwrapper), and HOME, USER, LOGNAME\n"
            "    and SHELL from the password database.  Put -- before the command so\n"
            "    that its options are not read as options of enter.",
};

static const vshCmdOptDef opts_enter[] = {
    VIRTSH_OPT_DOMAIN("domain name, id or uuid", VSH_COMPLETE_DOMAIN_ACTIVE),
    {.name = "no-ubc", .type = VSH_OT_BOOL, .help = "do not apply the domain's memory limits to the command"},
    {.name = "namespace", .type = VSH_OT_BOOL, .help = "also enter the domain's namespaces"},
    {.name = "no-maxenter", .type = VSH_OT_BOOL, .help = "do not count against the entry-process limit"},
    {.name = "one-way", .type = VSH_OT_BOOL, .help = "enter with no way back (VServer migration)"},
    {.name = "user", .type = VSH_OT_STRING, .flags = VSH_OFLAG_REQ_OPT,
     .help = "run the command as this user, name or uid"},
    {.name = "command", .type = VSH_OT_ARGV, .flags = VSH_OFLAG_REQ, .help = "the command and its arguments"},
    VIRTSH_OPT_END
};

/* What the child tells the parent through the pipe before it executes
 * the command; nothing at all means the command is running. */
typedef enum {
    VIRTSH_ENTER_FAILED = 'E',  /* followed by the library's message */
    VIRTSH_ENTER_NOEXEC = 'X',  /* followed by errno */
    VIRTSH_ENTER_NOUSER = 'U',  /* followed by errno: the identity was not taken */
} virtshEnterReport;

/* Who the command runs as; looked up before the fork, so that an
 * unknown user is an error of virtsh, not of the child. */
typedef struct {
    char *name;
    char *home;
    char *shell;
    uid_t uid;
    gid_t gid;
} virtshEnterUser;

static void
virtshEnterUserClear(virtshEnterUser *user)
{
    g_free(user->name);
    g_free(user->home);
    g_free(user->shell);
}

static bool
virtshEnterLookupUser(vshControl *ctl, const char *spec, virtshEnterUser *user)
{
    struct passwd *pw;
    guint64 uid;

    errno = 0;
    if (!(pw = getpwnam(spec)) &&
        g_ascii_string_to_unsigned(spec, 10, 0, G_MAXUINT32 - 1, &uid, NULL))
        pw = getpwuid(uid);
    if (!pw) {
        vshError(ctl, "unknown user '%s'%s%s", spec, errno ? ": " : "",
                 errno ? g_strerror(errno) : "");
        return false;
    }
    user->name = g_strdup(pw->pw_name);
    user->home = g_strdup(pw->pw_dir);
    user->shell = g_strdup(pw->pw_shell);
    user->uid = pw->pw_uid;
    user->gid = pw->pw_gid;
    return true;
}

/* Groups first, then the group, then the user: each step needs the
 * privilege the next one drops. */
static int
virtshEnterBecome(const virtshEnterUser *user)
{
    if (initgroups(user->name, user->gid) < 0 || setgid(user->gid) < 0 ||
        setuid(user->uid) < 0)
        return -1;
    g_setenv("HOME", user->home, TRUE);
    g_setenv("USER", user->name, TRUE);
    g_setenv("LOGNAME", user->name, TRUE);
    g_setenv("SHELL", user->shell, TRUE);
    return 0;
}

/* Writes a tag and errno to the parent, and exits with @status. */
static void G_GNUC_NORETURN
virtshEnterFail(int fd, char tag, int err, int status)
{
    char buf[1 + sizeof(int)] = { tag };

    memcpy(buf + 1, &err, sizeof(int));
    if (write(fd, buf, sizeof(buf)) < 0)
        _exit(status);
    _exit(status);
}

static void
virtshEnterChild(virDomainPtr dom, unsigned int flags, const virtshEnterUser *user,
                 char **argv, int fd)
{
    unsigned int cookie = 0;
    int err;

    signal(SIGINT, SIG_DFL);
    signal(SIGQUIT, SIG_DFL);
    if (virDomainEnter(dom, &cookie, flags) < 0) {
        const char *msg = virGetLastErrorMessage();
        char tag = VIRTSH_ENTER_FAILED;

        if (write(fd, &tag, 1) == 1 && write(fd, msg, strlen(msg)) < 0)
            _exit(125);
        _exit(125);
    }
    if (user && virtshEnterBecome(user) < 0)
        virtshEnterFail(fd, VIRTSH_ENTER_NOUSER, errno, 125);
    execvp(argv[0], argv);
    err = errno;
    virtshEnterFail(fd, VIRTSH_ENTER_NOEXEC, err, err == ENOENT ? 127 : 126);
}

/* Reads the child's report: empty when the command runs. */
static GString *
virtshEnterReadReport(int fd)
{
    GString *report = g_string_new(NULL);
    char buf[256];
    ssize_t n;

    while ((n = read(fd, buf, sizeof(buf))) != 0) {
        if (n < 0) {
            if (errno == EINTR)
                continue;
            break;
        }
        g_string_append_len(report, buf, n);
    }
    return report;
}

static int
virtshEnterWait(pid_t pid)
{
    int status;

    while (waitpid(pid, &status, 0) < 0) {
        if (errno != EINTR)
            return -1;
    }
    if (WIFEXITED(status))
        return WEXITSTATUS(status);
    if (WIFSIGNALED(status))
        return 128 + WTERMSIG(status);
    return -1;
}

/* The status of the command, or -1 after reporting why it did not run. */
static int
virtshEnterRun(vshControl *ctl, virDomainPtr dom, const char *name, unsigned int flags,
               const virtshEnterUser *user, char **argv)
{
    struct sigaction ign = { .sa_handler = SIG_IGN }, oldint, oldquit;
    g_autoptr(GString) report = NULL;
    int fds[2], status;
    pid_t pid;

    if (pipe2(fds, O_CLOEXEC) < 0) {
        vshError(ctl, "Cannot create a pipe: %s", g_strerror(errno));
        return -1;
    }
    fflush(stdout);
    fflush(stderr);
    /* like system(): ^C belongs to the command while it runs */
    sigaction(SIGINT, &ign, &oldint);
    sigaction(SIGQUIT, &ign, &oldquit);
    if ((pid = fork()) == 0) {
        close(fds[0]);
        virtshEnterChild(dom, flags, user, argv, fds[1]);
    }
    close(fds[1]);
    if (pid < 0) {
        vshError(ctl, "Cannot fork: %s", g_strerror(errno));
        close(fds[0]);
        status = -1;
        goto cleanup;
    }
    report = virtshEnterReadReport(fds[0]);
    close(fds[0]);
    status = virtshEnterWait(pid);
    if (report->len > 0 && report->str[0] == VIRTSH_ENTER_FAILED) {
        vshError(ctl, "Failed to enter domain '%s'", name);
        vshSetLastError(ctl, "%s", report->str + 1);
        status = -1;
    } else if (report->len == 1 + sizeof(int) && report->str[0] == VIRTSH_ENTER_NOEXEC) {
        int err;

        memcpy(&err, report->str + 1, sizeof(int));
        vshError(ctl, "Cannot run '%s': %s", argv[0], g_strerror(err));
    } else if (report->len == 1 + sizeof(int) && report->str[0] == VIRTSH_ENTER_NOUSER) {
        int err;

        memcpy(&err, report->str + 1, sizeof(int));
        vshError(ctl, "Cannot run '%s' as user '%s' (uid %u, gid %u) in domain '%s': %s",
                 argv[0], user->name, (unsigned int)user->uid, (unsigned int)user->gid, name,
                 g_strerror(err));
        status = -1;
    }
 cleanup:
    sigaction(SIGINT, &oldint, NULL);
    sigaction(SIGQUIT, &oldquit, NULL);
    return status;
}

static bool
cmdEnter(vshControl *ctl, const vshCmd *cmd)
{
    static const struct {
        const char *option;
        unsigned int flag;
    } enterFlags[] = {
        { "no-ubc", VIR_DOMAIN_ENTER_NO_UBC },
        { "namespace", VIR_DOMAIN_ENTER_NAMESPACE },
        { "no-maxenter", VIR_DOMAIN_ENTER_NO_MAXENTER },
        { "one-way", VIR_DOMAIN_ENTER_ONE_WAY },
    };
    g_autoptr(virtshDomain) dom = NULL;
    g_autoptr(GPtrArray) argv = g_ptr_array_new();
    const vshCmdOpt *opt = NULL;
    const char *name = NULL, *userSpec = NULL;
    virtshEnterUser user = { 0 };
    unsigned int flags = 0;
    size_t i;
    int status;

    for (i = 0; i < G_N_ELEMENTS(enterFlags); i++) {
        if (vshCommandOptBool(cmd, enterFlags[i].option))
            flags |= enterFlags[i].flag;
    }
    while ((opt = vshCommandOptArgv(cmd, opt)))
        g_ptr_array_add(argv, opt->data);
    g_ptr_array_add(argv, NULL);
    if (vshCommandOptString(ctl, cmd, "user", &userSpec) < 0)
        return false;
    if (userSpec && !virtshEnterLookupUser(ctl, userSpec, &user))
        return false;
    if (!(dom = virtshCommandOptDomain(ctl, cmd, &name))) {
        virtshEnterUserClear(&user);
        return false;
    }
    status = virtshEnterRun(ctl, dom, name, flags, userSpec ? &user : NULL,
                            (char **)argv->pdata);
    virtshEnterUserClear(&user);
    if (status < 0)
        return false;
    ctl->exitCode = status;
    return status == 0;
}

/*
 * "setmemshare" and "memshareinfo" commands
 */
static const vshCmdInfo info_setmemshare = {
    .help = "turn memory sharing of a domain on or off",
    .desc = "Let the host merge identical memory pages of the domain (KSM, Xen\n"
            "    page sharing), or stop it.",
};

static const vshCmdOptDef opts_setmemshare[] = {
    VIRTSH_OPT_DOMAIN_FULL(VSH_COMPLETE_DOMAIN),
    {.name = "enable", .type = VSH_OT_BOOL, .help = "share the domain's identical pages"},
    {.name = "disable", .type = VSH_OT_BOOL, .help = "stop sharing the domain's pages"},
    VIRTSH_OPT_CONFIG("affect next boot"),
    VIRTSH_OPT_LIVE("affect running domain"),
    VIRTSH_OPT_CURRENT("affect current domain"),
    VIRTSH_OPT_END
};

static bool
cmdSetMemShare(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virtshDomain) dom = NULL;
    bool enable = vshCommandOptBool(cmd, "enable");
    const char *name = NULL;
    unsigned int flags;

    if (!vshExclusiveOptions(ctl, cmd, "enable", "disable") ||
        !virtshImpactFlags(ctl, cmd, &flags))
        return false;
    if (!enable && !vshCommandOptBool(cmd, "disable")) {
        vshError(ctl, "%s", "command 'setmemshare' requires --enable or --disable");
        return false;
    }
    if (!(dom = virtshCommandOptDomain(ctl, cmd, &name)))
        return false;
    if (virDomainSetMemorySharing(dom, enable, flags) < 0) {
        vshError(ctl, "Failed to %s memory sharing of domain '%s'",
                 enable ? "enable" : "disable", name);
        return false;
    }
    vshPrintExtra(ctl, "Memory sharing of domain '%s' %s\n", name,
                  enable ? "enabled" : "disabled");
    return true;
}

static const vshCmdInfo info_memshareinfo = {
    .help = "show memory sharing of a domain",
    .desc = "Show whether the domain's pages may be shared and how many are.",
};

static const vshCmdOptDef opts_memshareinfo[] = {
    VIRTSH_OPT_DOMAIN_FULL(VSH_COMPLETE_DOMAIN),
    VIRTSH_OPT_CONFIG("show the setting of next boot"),
    VIRTSH_OPT_LIVE("show the running domain"),
    VIRTSH_OPT_CURRENT("show the current domain"),
    VIRTSH_OPT_JSON,
    VIRTSH_OPT_END
};

static const char *
virtshMemShareLabel(const char *field)
{
    if (strcmp(field, VIR_DOMAIN_MEMORY_SHARING_ENABLED) == 0)
        return "Enabled:";
    if (strcmp(field, VIR_DOMAIN_MEMORY_SHARING_SHARED_PAGES) == 0)
        return "Shared pages:";
    if (strcmp(field, VIR_DOMAIN_MEMORY_SHARING_MERGEABLE_PAGES) == 0)
        return "Mergeable pages:";
    return NULL;
}

static bool
cmdMemShareInfo(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(virtshDomain) dom = NULL;
    virTypedParameterPtr params = NULL;
    unsigned int flags;
    int nparams = 0, i;

    if (!virtshImpactFlags(ctl, cmd, &flags) ||
        !vshExclusiveOptions(ctl, cmd, "live", "config"))
        return false;
    if (!(dom = virtshCommandOptDomain(ctl, cmd, NULL)))
        return false;
    if (virDomainGetMemorySharing(dom, NULL, &nparams, flags) < 0)
        return false;
    params = g_new0(virTypedParameter, MAX(nparams, 1));
    if (virDomainGetMemorySharing(dom, params, &nparams, flags) < 0) {
        g_free(params);
        return false;
    }
    if (vshCommandOptBool(cmd, "json")) {
        vshJson json;

        vshJsonBegin(&json, false);
        vshJsonTypedParams(&json, params, nparams, "");
        vshJsonPrint(&json, ctl);
        virTypedParamsFree(params, nparams);
        return true;
    }
    for (i = 0; i < nparams; i++) {
        g_autofree char *value = vshTypedParamValue(&params[i]);
        g_autofree char *label = NULL;
        const char *known = virtshMemShareLabel(params[i].field);

        if (!known)
            label = g_strdup_printf("%s:", params[i].field);
        vshPrint(ctl, "%-15s %s\n", known ? known : label, value);
    }
    virTypedParamsFree(params, nparams);
    return true;
}

/*
 * "memshare-dedup" command
 */
static const vshCmdInfo info_memshare_dedup = {
    .help = "merge the identical memory pages of domains, once",
    .desc = "Run one deduplication pass over the memory of the domains named (all\n"
            "    running domains with memory sharing on when none is) and show what it\n"
            "    did: pages scanned, found identical, shared and freed, and its time.",
};

static const vshCmdOptDef opts_memshare_dedup[] = {
    VIRTSH_OPT_JSON,
    {.name = "domain", .type = VSH_OT_ARGV, .help = "domain name, id or uuid",
     .complete = VSH_COMPLETE_DOMAIN_ACTIVE},
    VIRTSH_OPT_END
};

static const struct {
    const char *field;
    const char *label;
} virtshDedupLabels[] = {
    { VIR_NODE_DEDUP_PAGES_SCANNED, "Pages scanned:" },
    { VIR_NODE_DEDUP_PAGES_IDENTICAL, "Pages identical:" },
    { VIR_NODE_DEDUP_PAGES_SHARED, "Pages shared:" },
    { VIR_NODE_DEDUP_PAGES_FREED, "Pages freed:" },
    { VIR_NODE_DEDUP_TIME_MS, "Time (ms):" },
};

static void
virtshDedupPrint(vshControl *ctl, virTypedParameterPtr params, int nparams)
{
    size_t i;
    int j;

    for (j = 0; j < nparams; j++) {
        g_autofree char *value = vshTypedParamValue(&params[j]);
        g_autofree char *label = g_strdup_printf("%s:", params[j].field);

        for (i = 0; i < G_N_ELEMENTS(virtshDedupLabels); i++) {
            if (strcmp(params[j].field, virtshDedupLabels[i].field) == 0) {
                g_free(label);
                label = g_strdup(virtshDedupLabels[i].label);
            }
        }
        vshPrint(ctl, "%-17s %s\n", label, value);
    }
}

static void
virtshDedupDomainFree(gpointer dom)
{
    virDomainFree(dom);
}

static bool
cmdMemShareDedup(vshControl *ctl, const vshCmd *cmd)
{
    g_autoptr(GPtrArray) doms = g_ptr_array_new_with_free_func(virtshDedupDomainFree);
    virTypedParameterPtr params = NULL;
    const vshCmdOpt *opt = NULL;
    int nparams = 0;

    while ((opt = vshCommandOptArgv(cmd, opt))) {
        virDomainPtr dom = virtshLookupDomainBy(ctl, opt->data, cmd->def->name, VIRTSH_BYANY);

        if (!dom)
            return false;
        g_ptr_array_add(doms, dom);
    }
    if (virNodeMemoryDedup(ctl->conn, (virDomainPtr *)doms->pdata, doms->len,
                           &params, &nparams, 0) < 0) {
        vshError(ctl, "%s", "Unable to deduplicate memory");
        return false;
    }
    if (vshCommandOptBool(cmd, "json")) {
        vshJson json;

        vshJsonBegin(&json, false);
        vshJsonTypedParams(&json, params, nparams, "");
        vshJsonPrint(&json, ctl);
    } else {
        virtshDedupPrint(ctl, params, nparams);
    }
    virTypedParamsFree(params, nparams);
    return true;
}

/*
 * "dmesg" command
 */
static const vshCmdInfo info_dmesg = {
    .help = "show the hypervisor's message log",
    .desc = "Print the hypervisor's own message log (Xen's console ring, as xl dmesg).",
};

static const vshCmdOptDef opts_dmesg[] = {
    {.name = "clear", .type = VSH_OT_BOOL, .help = "clear the log once it is read"},
    VIRTSH_OPT_END
};

static bool
cmdDmesg(vshControl *ctl, const vshCmd *cmd)
{
    g_autofree char *log = NULL;

    if (!(log = virConnectGetHypervisorLog(ctl->conn, vshCommandOptBool(cmd, "clear") ?
                                           VIR_CONNECT_HYPERVISOR_LOG_CLEAR : 0)))
        return false;
    vshPrint(ctl, "%s", log);
    return true;
}

const vshCmdDef driverExtrasCmds[] = {
    {.name = "dmesg", .handler = cmdDmesg, .opts = opts_dmesg, .info = &info_dmesg},
    {.name = "enter", .handler = cmdEnter, .opts = opts_enter, .info = &info_enter,
     .flags = VSH_CMD_FLAG_RAW},
    {.name = "memshare-dedup", .handler = cmdMemShareDedup, .opts = opts_memshare_dedup,
     .info = &info_memshare_dedup},
    {.name = "memshareinfo", .handler = cmdMemShareInfo, .opts = opts_memshareinfo,
     .info = &info_memshareinfo},
    {.name = "setmemshare", .handler = cmdSetMemShare, .opts = opts_setmemshare,
     .info = &info_setmemshare},
    {.name = NULL}
};
