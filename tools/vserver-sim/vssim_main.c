/*
 * vssim_main.c: virtkit-vserver-sim, a Linux-VServer kernel for a mainline
 * host: runs COMMAND with the vserver system call trapped, and answers
 * every trapped call from a model of the kernel, for as long as COMMAND
 * runs
 *
 *   virtkit-vserver-sim [--abi v2|2003] [--kernel-version X]
 *                       [--without CMD]... [--no-enforce] [--verbose]
 *                       -- COMMAND [ARG]...
 *
 * The exit status is COMMAND's (128 + the signal that killed it).
 */
#include "internal.h"

#include <linux/capability.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "vssim_model.h"

#define VSSIM_DEFAULT_V2 0x00020301     /* VServer 2.3.0: token buckets, NETV2 */
#define VSSIM_DEFAULT_2003 0x00010000   /* patch 1.0 */
#define VSSIM_TICK_MS 20                /* how often waiters are looked at */

static char *optAbi;
static char *optVersion;
static char **optWithout;
static gboolean optNoEnforce;
static gboolean optVerbose;

static GOptionEntry vssimOptions[] = {
    { "abi", 'a', 0, G_OPTION_ARG_STRING, &optAbi,
      "the encoding the kernel speaks: v2 (the default) or 2003", "v2|2003" },
    { "kernel-version", 'k', 0, G_OPTION_ARG_STRING, &optVersion,
      "what the version query answers (v2: 0x00020301, 2003: 0x00010000)", "X" },
    { "without", 'w', 0, G_OPTION_ARG_STRING_ARRAY, &optWithout,
      "a command (or 2003 category) the kernel lacks; repeat or separate with commas", "CMD" },
    { "no-enforce", 0, 0, G_OPTION_ARG_NONE, &optNoEnforce,
      "record limits and pauses only, even as root", NULL },
    { "verbose", 'v', 0, G_OPTION_ARG_NONE, &optVerbose,
      "print every call and its answer on stderr", NULL },
    { NULL }
};

static bool
vssimParseConfig(vssimConfig *config, GError **error)
{
    g_autoptr(GPtrArray) without = g_ptr_array_new_with_free_func(g_free);
    char *end = NULL;
    size_t i, j;

    if (!optAbi || STREQ(optAbi, "v2") || STREQ(optAbi, "V2"))
        config->abi = VSSIM_ABI_V2;
    else if (STREQ(optAbi, "2003"))
        config->abi = VSSIM_ABI_2003;
    else {
        g_set_error(error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                    "--abi takes v2 or 2003, not '%s'", optAbi);
        return false;
    }
    config->version = config->abi == VSSIM_ABI_V2 ? VSSIM_DEFAULT_V2 : VSSIM_DEFAULT_2003;
    if (optVersion) {
        guint64 v = g_ascii_strtoull(optVersion, &end, 0);

        if (!*optVersion || *end || v > G_MAXINT32) {
            g_set_error(error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                        "--kernel-version takes a number (0x00020301), not '%s'", optVersion);
            return false;
        }
        config->version = v;
    }
    for (i = 0; optWithout && optWithout[i]; i++) {
        g_auto(GStrv) names = g_strsplit(optWithout[i], ",", -1);

        for (j = 0; names[j]; j++) {
            if (!(config->abi == VSSIM_ABI_V2 ? vssimV2Knows(names[j]) :
                                                vssim2003Knows(names[j]))) {
                g_set_error(error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                            "--without: the %s ABI has no command '%s' (see --help)",
                            config->abi == VSSIM_ABI_V2 ? "v2" : "2003", names[j]);
                return false;
            }
            g_ptr_array_add(without, g_strdup(names[j]));
        }
    }
    g_ptr_array_add(without, NULL);
    config->without = (char **)g_ptr_array_free(g_steal_pointer(&without), FALSE);
    config->verbose = optVerbose;
    config->enforce = !optNoEnforce;
    return true;
}

/* The description COMMAND finds in VIRTKIT_VSERVER_SIM. */
static char *
vssimDescribe(const vssimConfig *config, vssimTasks *tasks)
{
    g_autofree char *without = g_strjoinv(",", config->without);
    g_autofree char *enforce = vssimTasksEnforcesString(tasks);

    return g_strdup_printf("abi=%s version=0x%08x enforce=%s without=%s",
                           config->abi == VSSIM_ABI_V2 ? "v2" : "2003", config->version,
                           enforce, *without ? without : "none");
}

static bool
vssimHasCapSysAdmin(void)
{
    vssimProcStatus st;

    return vssimProcReadStatus(getpid(), &st) == 0 &&
           (st.capEff & (1ULL << CAP_SYS_ADMIN));
}

/* In the child: trap the call, hand the listener over, run COMMAND. */
static void G_GNUC_NORETURN
vssimRunCommand(int sock, char **argv, const char *desc, const sigset_t *oldmask)
{
    char byte = 0;
    struct iovec iov = { .iov_base = &byte, .iov_len = 1 };
    union {
        char buf[CMSG_SPACE(sizeof(int))];
        struct cmsghdr align;
    } u;
    struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1,
                          .msg_control = u.buf, .msg_controllen = sizeof(u.buf) };
    struct cmsghdr *cmsg = CMSG_FIRSTHDR(&msg);
    int fd;

    sigprocmask(SIG_SETMASK, oldmask, NULL);
    /* a process without CAP_SYS_ADMIN may only filter with no_new_privs;
     * root keeps setuid programs working */
    if ((fd = vssimNotifyInstall(!vssimHasCapSysAdmin())) < 0)
        _exit(126);
    cmsg->cmsg_level = SOL_SOCKET;
    cmsg->cmsg_type = SCM_RIGHTS;
    cmsg->cmsg_len = CMSG_LEN(sizeof(int));
    memcpy(CMSG_DATA(cmsg), &fd, sizeof(int));
    if (sendmsg(sock, &msg, 0) < 0) {
        perror("virtkit-vserver-sim: cannot hand over the listener");
        _exit(126);
    }
    close(fd);
    close(sock);
    setenv("VIRTKIT_VSERVER_SIM", desc, 1);
    execvp(argv[0], argv);
    fprintf(stderr, "virtkit-vserver-sim: cannot run %s: %s\n", argv[0], g_strerror(errno));
    _exit(127);
}

static int
vssimReceiveListener(int sock)
{
    char byte;
    struct iovec iov = { .iov_base = &byte, .iov_len = 1 };
    union {
        char buf[CMSG_SPACE(sizeof(int))];
        struct cmsghdr align;
    } u;
    struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1,
                          .msg_control = u.buf, .msg_controllen = sizeof(u.buf) };
    struct cmsghdr *cmsg;
    int fd;

    if (recvmsg(sock, &msg, MSG_CMSG_CLOEXEC) <= 0 || !(cmsg = CMSG_FIRSTHDR(&msg)) ||
        cmsg->cmsg_type != SCM_RIGHTS)
        return -1;
    memcpy(&fd, CMSG_DATA(cmsg), sizeof(int));
    return fd;
}

static void
vssimServe(vssimModel *m, const vssimCall *call)
{
    long ret = m->config->abi == VSSIM_ABI_V2 ? vssimV2Handle(m, call) :
                                                 vssim2003Handle(m, call);
    g_autofree char *answer = NULL;

    if (m->config->verbose) {
        answer = ret == VSSIM_DEFERRED ? g_strdup("(later)") :
                 ret < 0 ? g_strdup_printf("-%s", g_strerror(-ret)) :
                 g_strdup_printf("%ld", ret);
        g_printerr("virtkit-vserver-sim: [%d] vserver(0x%08x, %u, 0x%" G_GINT64_MODIFIER "x) = %s\n",
                   (int)call->pid, call->cmd, call->arg, call->data, answer);
    }
    if (ret != VSSIM_DEFERRED)
        vssimListenerRespond(m->listener, call->id, ret);
}

/* Serves calls until COMMAND (@child) exits; returns its wait status. */
static int
vssimLoop(vssimModel *m, pid_t child, int sigfd)
{
    struct pollfd fds[2] = {
        { .fd = vssimListenerFd(m->listener), .events = POLLIN },
        { .fd = sigfd, .events = POLLIN },
    };
    int status = 0;

    for (;;) {
        struct signalfd_siginfo si;
        vssimCall call;

        if (poll(fds, 2, vssimModelHasWaiters(m) ? VSSIM_TICK_MS : -1) < 0 && errno != EINTR)
            return W_EXITCODE(125, 0);
        if ((fds[1].revents & POLLIN) && read(sigfd, &si, sizeof(si)) == sizeof(si)) {
            if (si.ssi_signo == SIGCHLD && waitpid(child, &status, WNOHANG) == child)
                return status;
            /* terminal signals reach COMMAND by themselves */
            if (si.ssi_signo == SIGTERM || si.ssi_signo == SIGHUP)
                kill(child, si.ssi_signo);
        }
        if (fds[0].revents & POLLIN) {
            if (vssimListenerReceive(m->listener, &call) > 0)
                vssimServe(m, &call);
        } else if (fds[0].revents & (POLLHUP | POLLERR)) {
            /* no task is filtered any more: wait for COMMAND's exit */
            fds[0].fd = -1;
        }
        if (vssimModelHasWaiters(m))
            vssimModelTick(m);
    }
}

static int
vssimExitCode(int status)
{
    if (WIFEXITED(status))
        return WEXITSTATUS(status);
    if (WIFSIGNALED(status))
        return 128 + WTERMSIG(status);
    return 125;
}

static void
vssimAnnounce(vssimTasks *tasks, const char *why)
{
    if (!why)
        return;
    if (!vssimTasksEnforces(tasks))
        g_printerr("virtkit-vserver-sim: not enforcing (%s): contexts, limits and pauses are recorded, not applied\n",
                   why);
    else
        g_printerr("virtkit-vserver-sim: %s: those limits are recorded, not applied\n", why);
}

static int
vssimRun(vssimConfig *config, char **argv)
{
    g_autofree char *why = NULL;
    vssimTasks *tasks = vssimTasksNew(config->enforce, &why);
    g_autofree char *desc = vssimDescribe(config, tasks);
    g_autoptr(vssimListener) listener = NULL;
    sigset_t mask, oldmask;
    int sock[2], fd, sigfd, status;
    vssimModel *m;
    pid_t child;

    vssimAnnounce(tasks, why);
    sigemptyset(&mask);
    sigaddset(&mask, SIGCHLD);
    sigaddset(&mask, SIGTERM);
    sigaddset(&mask, SIGHUP);
    sigaddset(&mask, SIGINT);
    sigaddset(&mask, SIGQUIT);
    sigprocmask(SIG_BLOCK, &mask, &oldmask);
    if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sock) < 0 ||
        (sigfd = signalfd(-1, &mask, SFD_CLOEXEC)) < 0 || (child = fork()) < 0) {
        perror("virtkit-vserver-sim");
        vssimTasksFree(tasks);
        return 125;
    }
    if (child == 0)
        vssimRunCommand(sock[1], argv, desc, &oldmask);
    close(sock[1]);
    fd = vssimReceiveListener(sock[0]);
    close(sock[0]);
    if (fd < 0) {
        waitpid(child, &status, 0);
        vssimTasksFree(tasks);
        return vssimExitCode(status);
    }
    listener = vssimListenerNew(fd);
    m = vssimModelNew(config, listener, tasks);
    status = vssimLoop(m, child, sigfd);
    /* COMMAND is done: so is the kernel, and what its contexts held */
    vssimModelShutdown(m);
    vssimModelFree(m);
    vssimTasksFree(tasks);
    close(sigfd);
    return vssimExitCode(status);
}

int
main(int argc, char **argv)
{
    g_autoptr(GOptionContext) ctx = g_option_context_new("-- COMMAND [ARG...]");
    g_autoptr(GError) error = NULL;
    g_autofree char *v2 = vssimV2Names();
    g_autofree char *v03 = vssim2003Names();
    g_autofree char *help = g_strdup_printf("Commands for --without:\n  v2: %s\n  2003: %s",
                                            v2, v03);
    vssimConfig config = { 0 };
    char **cmd;
    int ret;

    g_option_context_set_summary(ctx,
        "Runs COMMAND and its descendants with the Linux-VServer system call (vserver,\n"
        "x86_64 236) answered by a model of a VServer kernel; as root, with cgroups,\n"
        "its limits, pauses and kills apply to the real tasks.");
    g_option_context_set_description(ctx, help);
    g_option_context_add_main_entries(ctx, vssimOptions, NULL);
    /* COMMAND's own options are COMMAND's */
    g_option_context_set_strict_posix(ctx, TRUE);
    if (!g_option_context_parse(ctx, &argc, &argv, &error) || !vssimParseConfig(&config, &error)) {
        g_printerr("virtkit-vserver-sim: %s\n", error->message);
        return 2;
    }
    cmd = argv + 1;
    if (*cmd && STREQ(*cmd, "--"))
        cmd++;
    if (!*cmd) {
        g_printerr("virtkit-vserver-sim: no COMMAND given (see --help)\n");
        return 2;
    }
    ret = vssimRun(&config, cmd);
    g_strfreev(config.without);
    return ret;
}
