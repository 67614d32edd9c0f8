/*
 * vkd_system.c: what makes virtkitd a daemon of its host
 */
#include "internal.h"

#include <fcntl.h>
#include <stdio.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "vkd_system.h"

static int vkdLogLevel = 2;
static bool vkdLogJournal;

/* log_level's ranks: 1 debug, 2 info, 3 warning, 4 error */
static int
vkdLogRank(GLogLevelFlags level)
{
    if (level & G_LOG_LEVEL_DEBUG)
        return 1;
    if (level & (G_LOG_LEVEL_INFO | G_LOG_LEVEL_MESSAGE))
        return 2;
    if (level & G_LOG_LEVEL_WARNING)
        return 3;
    return 4;
}

static GLogWriterOutput
vkdLogWriter(GLogLevelFlags level, const GLogField *fields, gsize nfields, gpointer data)
{
    static const char *const names[] = { "", "debug", "info", "warning", "error" };
    g_autoptr(GDateTime) now = NULL;
    g_autofree char *stamp = NULL;
    const char *message = "";
    int rank = vkdLogRank(level);
    gsize i;

    if (rank < g_atomic_int_get(&vkdLogLevel))
        return G_LOG_WRITER_HANDLED;
    if (vkdLogJournal &&
        g_log_writer_journald(level, fields, nfields, data) == G_LOG_WRITER_HANDLED)
        return G_LOG_WRITER_HANDLED;
    for (i = 0; i < nfields; i++) {
        if (STREQ(fields[i].key, "MESSAGE"))
            message = fields[i].value;
    }
    now = g_date_time_new_now_utc();
    stamp = g_date_time_format(now, "%F %T.%f");
    /* libvirtd's layout: time, pid, level, message */
    fprintf(stderr, "%.23s+0000: %d: %s : %s\n", stamp, (int)getpid(), names[rank], message);
    return G_LOG_WRITER_HANDLED;
}

/**
 * vkdLogInit:
 * @level: log_level (1 debug to 4 error)
 * @daemon: whether stderr is going away (then the journal, if any)
 *
 * Sends the daemon's messages to the journal when stderr is connected to
 * it (a systemd service) or the daemon goes to the background, otherwise
 * to stderr.
 */
void
vkdLogInit(int level, bool daemon)
{
    vkdLogLevel = level;
    vkdLogJournal = daemon || g_log_writer_is_journald(fileno(stderr));
    g_log_set_writer_func(vkdLogWriter, NULL, NULL);
}

/**
 * vkdLogSetLevel:
 * @level: log_level (1 debug to 4 error)
 */
void
vkdLogSetLevel(int level)
{
    g_atomic_int_set(&vkdLogLevel, level);
}

/**
 * vkdDaemonize:
 * @error: where to say why it cannot
 *
 * Goes to the background: the parent waits for the child to say whether
 * it started (vkdDaemonReady) and exits with that status, so that a
 * startup error still reaches the terminal.  Call before any thread
 * exists.
 *
 * Returns, in the child, the descriptor to report on; -1 on failure.
 */
int
vkdDaemonize(GError **error)
{
    int fds[2];
    char status[512];
    ssize_t n;
    pid_t pid;

    if (pipe2(fds, O_CLOEXEC) < 0 || (pid = fork()) < 0) {
        g_set_error(error, G_FILE_ERROR, g_file_error_from_errno(errno),
                    "cannot go to the background: %s", g_strerror(errno));
        return -1;
    }
    if (pid > 0) {
        close(fds[1]);
        n = read(fds[0], status, sizeof(status) - 1);
        if (n > 0 && status[0] == '0')
            _exit(EXIT_SUCCESS);
        status[MAX(n, 0)] = '\0';
        fprintf(stderr, "virtkitd: %s\n", n > 1 ? status + 1 : "failed to start");
        _exit(EXIT_FAILURE);
    }
    close(fds[0]);
    if (setsid() < 0 || (pid = fork()) < 0)
        _exit(EXIT_FAILURE);
    if (pid > 0)
        _exit(EXIT_SUCCESS);    /* the daemon is no session leader: no terminal again */
    if (chdir("/") < 0)
        return -1;
    return fds[1];
}

/**
 * vkdDaemonReady:
 * @fd: what vkdDaemonize returned, or -1 in the foreground
 * @failure: NULL once serving, else why the daemon could not start
 *
 * Tells the waiting parent, then detaches from the terminal.
 */
void
vkdDaemonReady(int fd, const char *failure)
{
    g_autofree char *msg = g_strdup_printf("%c%s", failure ? '1' : '0', failure ? failure : "");
    int null;

    if (fd < 0)
        return;
    if (write(fd, msg, strlen(msg)) < 0) {
        /* the parent is gone: nobody to tell */
    }
    close(fd);
    if ((null = open("/dev/null", O_RDWR)) >= 0) {
        dup2(null, STDIN_FILENO);
        dup2(null, STDOUT_FILENO);
        dup2(null, STDERR_FILENO);
        if (null > STDERR_FILENO)
            close(null);
    }
}

/**
 * vkdPidFileAcquire:
 * @path: the pid file
 * @error: where to say why not
 *
 * Writes the daemon's pid into @path and keeps it locked: a second
 * daemon with the same pid file refuses to start.
 *
 * Returns the descriptor holding the lock, or -1.
 */
int
vkdPidFileAcquire(const char *path, GError **error)
{
    struct flock lock = { .l_type = F_WRLCK, .l_whence = SEEK_SET };
    g_autofree char *pid = g_strdup_printf("%d\n", (int)getpid());
    int fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0644);

    if (fd < 0) {
        g_set_error(error, G_FILE_ERROR, g_file_error_from_errno(errno),
                    "cannot open the pid file %s: %s", path, g_strerror(errno));
        return -1;
    }
    if (fcntl(fd, F_SETLK, &lock) < 0) {
        g_set_error(error, G_FILE_ERROR, G_FILE_ERROR_FAILED,
                    "another virtkitd holds the pid file %s", path);
        close(fd);
        return -1;
    }
    if (ftruncate(fd, 0) < 0 || write(fd, pid, strlen(pid)) != (ssize_t)strlen(pid)) {
        g_set_error(error, G_FILE_ERROR, g_file_error_from_errno(errno),
                    "cannot write the pid file %s: %s", path, g_strerror(errno));
        close(fd);
        return -1;
    }
    return fd;
}

/**
 * vkdPidFileRelease:
 * @path: the pid file
 * @fd: its descriptor, or -1
 */
void
vkdPidFileRelease(const char *path, int fd)
{
    if (fd < 0)
        return;
    unlink(path);
    close(fd);
}

/**
 * vkdNotifyReady:
 *
 * Tells systemd the daemon serves (Type=notify), when it runs under it.
 */
void
vkdNotifyReady(void)
{
    const char *path = g_getenv("NOTIFY_SOCKET");
    struct sockaddr_un addr = { .sun_family = AF_UNIX };
    socklen_t len;
    int fd;

    if (!path || (path[0] != '/' && path[0] != '@') || strlen(path) >= sizeof(addr.sun_path))
        return;
    memcpy(addr.sun_path, path, strlen(path));
    if (path[0] == '@')
        addr.sun_path[0] = '\0';    /* an abstract socket */
    len = offsetof(struct sockaddr_un, sun_path) + strlen(path);
    if ((fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0)) < 0)
        return;
    if (sendto(fd, "READY=1", 7, MSG_NOSIGNAL, (struct sockaddr *)&addr, len) < 0)
        g_warning("cannot notify systemd: %s", g_strerror(errno));
    close(fd);
    g_unsetenv("NOTIFY_SOCKET");
}

/**
 * vkdRaiseFileLimit:
 *
 * Each client is a descriptor: raises the soft limit to the hard one
 * (1024 by default would cap the daemon near a thousand clients).
 */
void
vkdRaiseFileLimit(void)
{
    struct rlimit rl;

    if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
        rl.rlim_cur = rl.rlim_max;
        if (setrlimit(RLIMIT_NOFILE, &rl) < 0)
            g_warning("cannot raise the limit of open files: %s", g_strerror(errno));
    }
}
