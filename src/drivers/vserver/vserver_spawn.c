/*
 * vserver_spawn.c: a new context with its first process, in setup, then
 * running its init command
 */
#include "internal.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "vserver_abi.h"
#include "vserver_context.h"
#include "vserver_spawn.h"
#include "virerror.h"
#include "virlog.h"

#define VIR_FROM_THIS VIR_FROM_VSERVER

/* How long a context whose process ended may take to be gone. */
#define VSERVER_SPAWN_GONE_MS 5000
#define VSERVER_SPAWN_POLL_US 10000

/* Where the child got to; nothing at all once the init command runs. */
typedef enum {
    VSERVER_SPAWN_ENTERED = 0,      /* in the context, waiting */
    VSERVER_SPAWN_FORK,             /* the child could not be made */
    VSERVER_SPAWN_ENTER,            /* ctx_create (V2), process.migrate (2003) */
    VSERVER_SPAWN_NET,              /* net_create */
    VSERVER_SPAWN_LEAVE,            /* set_cflags: leaving setup */
    VSERVER_SPAWN_ROOT,             /* chroot */
    VSERVER_SPAWN_DIR,              /* chdir */
    VSERVER_SPAWN_EXEC,             /* execve */
} vserverSpawnStage;

typedef struct {
    int32_t stage;
    int32_t err;
} vserverSpawnReport;

struct _vserverSpawn {
    vserverBinding *b;
    uint32_t xid;
    const vserverSpawnExec *exec;
    bool v2;
    bool net;                       /* a network context too */
    vserverPreparedCall enter;
    vserverPreparedCall netCreate;
    vserverPreparedCall leave;
    int report;                     /* what the child says: read end */
    int go;                         /* write "go" to let it run: write end */
    bool created;                   /* 2003: this spawn created the context */
    bool running;                   /* the init command runs */
};

/* ---- the child ------------------------------------------------------ */

static void G_GNUC_NORETURN
vserverSpawnFail(int fd, vserverSpawnStage stage, int err)
{
    vserverSpawnReport r = { stage, err };

    ignore_value(write(fd, &r, sizeof(r)));
    _exit(127);
}

/* A process of its own: default signals, a new session, /dev/null for
 * its standard streams, no descriptor of the caller's but the pipes. */
static void
vserverSpawnDetach(int report, int go)
{
    sigset_t all;
    int sig, null;
    int lo = MIN(report, go), hi = MAX(report, go);

    for (sig = 1; sig < NSIG; sig++)
        signal(sig, SIG_DFL);
    sigemptyset(&all);
    sigprocmask(SIG_SETMASK, &all, NULL);
    setsid();
    if ((null = open("/dev/null", O_RDWR)) >= 0) {
        dup2(null, 0);
        dup2(null, 1);
        dup2(null, 2);
    }
    /* the pipes are above 2 (vserverSpawnPipe): close everything else */
    close_range(3, lo - 1, 0);
    close_range(lo + 1, hi - 1, 0);
    close_range(hi + 1, ~0U, 0);
}

static void G_GNUC_NORETURN
vserverSpawnChild(const vserverSpawn *sp, int report, int go)
{
    struct vs_ctx_create create = { .flagword = VS_VXF_INIT_SET };
    struct vs_net_create net = { .flagword = VS_NXF_INIT_SET };
    struct vs_ctx_flags_v0 leave = { 0, VS_VXF_STATE_SETUP | VS_VXF_STATE_INIT };
    vserverSpawnReport entered = { VSERVER_SPAWN_ENTERED, 0 };
    const vserverSpawnExec *exec = sp->exec;
    char byte;
    long ret;

    vserverSpawnDetach(report, go);
    ret = vserverPreparedIssue(&sp->enter, sp->xid, sp->v2 ? &create : NULL);
    if (ret < 0)
        vserverSpawnFail(report, VSERVER_SPAWN_ENTER, -ret);
    if (sp->net && (ret = vserverPreparedIssue(&sp->netCreate, sp->xid, &net)) < 0)
        vserverSpawnFail(report, VSERVER_SPAWN_NET, -ret);
    if (write(report, &entered, sizeof(entered)) != sizeof(entered) ||
        read(go, &byte, 1) != 1)
        _exit(1);   /* the caller gave up */
    close(go);
    /* leaving the init state from inside makes this process the init */
    if (sp->v2 && (ret = vserverPreparedIssue(&sp->leave, sp->xid, &leave)) < 0)
        vserverSpawnFail(report, VSERVER_SPAWN_LEAVE, -ret);
    if (exec->root && chroot(exec->root) < 0)
        vserverSpawnFail(report, VSERVER_SPAWN_ROOT, errno);
    if (chdir(exec->dir ? exec->dir : "/") < 0)
        vserverSpawnFail(report, VSERVER_SPAWN_DIR, errno);
    execve(exec->argv[0], exec->argv, exec->envp);
    vserverSpawnFail(report, VSERVER_SPAWN_EXEC, errno);
}

/* ---- the caller ----------------------------------------------------- */

static void
vserverSpawnClose(int *fd)
{
    if (*fd >= 0)
        close(*fd);
    *fd = -1;
}

/* A pipe whose ends are above the standard streams, closed on exec. */
static int
vserverSpawnPipe(int fds[2])
{
    int i, fd;

    if (pipe2(fds, O_CLOEXEC) < 0)
        return -1;
    for (i = 0; i < 2; i++) {
        if (fds[i] > 2)
            continue;
        if ((fd = fcntl(fds[i], F_DUPFD_CLOEXEC, 3)) < 0)
            return -1;
        close(fds[i]);
        fds[i] = fd;
    }
    return 0;
}

/* Reads the child's next report: 1, or 0 when it said nothing more
 * (the command runs, or the child ended). */
static int
vserverSpawnRead(vserverSpawn *sp, vserverSpawnReport *r)
{
    ssize_t n;

    while ((n = read(sp->report, r, sizeof(*r))) < 0 && errno == EINTR)
        ;
    return n == sizeof(*r);
}

static void
vserverSpawnReportStage(vserverSpawn *sp, const vserverSpawnReport *r)
{
    const vserverSpawnExec *exec = sp->exec;

    switch ((vserverSpawnStage)r->stage) {
    case VSERVER_SPAWN_ENTER:
        vserverBindingReportRefusal(sp->b, sp->v2 ? VSERVER_CMD_CTX_CREATE : VSERVER_CMD_CTX_MIGRATE,
                                    0, sp->xid, r->err);
        break;
    case VSERVER_SPAWN_NET:
        vserverBindingReportRefusal(sp->b, VSERVER_CMD_NET_CREATE, 0, sp->xid, r->err);
        break;
    case VSERVER_SPAWN_LEAVE:
        vserverBindingReportRefusal(sp->b, VSERVER_CMD_CFLAGS_SET, 0, sp->xid, r->err);
        break;
    case VSERVER_SPAWN_ROOT:
        virReportSystemError(r->err, _("VServer context %u: cannot change to the root directory '%s'"),
                             sp->xid, exec->root);
        break;
    case VSERVER_SPAWN_DIR:
        virReportSystemError(r->err, _("VServer context %u: cannot change to the directory '%s'"),
                             sp->xid, exec->dir ? exec->dir : "/");
        break;
    case VSERVER_SPAWN_EXEC:
        virReportSystemError(r->err, _("VServer context %u: cannot run the init command '%s'"),
                             sp->xid, exec->argv[0]);
        break;
    case VSERVER_SPAWN_FORK:
    case VSERVER_SPAWN_ENTERED:
    default:
        virReportSystemError(r->err, _("VServer context %u: cannot make the process of its init"),
                             sp->xid);
        break;
    }
}

/* Forks the child through an intermediate process that ends at once: the
 * init is nobody's child, and nobody has to reap it. */
static int
vserverSpawnFork(vserverSpawn *sp)
{
    int report[2] = { -1, -1 }, go[2] = { -1, -1 };
    pid_t pid;

    if (vserverSpawnPipe(report) < 0 || vserverSpawnPipe(go) < 0 || (pid = fork()) < 0) {
        virReportSystemError(errno, _("VServer context %u: cannot make the process of its init"),
                             sp->xid);
        goto error;
    }
    if (pid == 0) {
        pid_t child = fork();

        if (child == 0)
            vserverSpawnChild(sp, report[1], go[0]);
        if (child < 0)
            vserverSpawnFail(report[1], VSERVER_SPAWN_FORK, errno);
        _exit(0);
    }
    close(report[1]);
    close(go[0]);
    sp->report = report[0];
    sp->go = go[1];
    while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
        ;
    return 0;

 error:
    if (report[0] >= 0) {
        close(report[0]);
        close(report[1]);
    }
    if (go[0] >= 0) {
        close(go[0]);
        close(go[1]);
    }
    return -1;
}

/* The commands the child issues, checked while errors can be reported. */
static int
vserverSpawnPrepare(vserverSpawn *sp)
{
    if (!sp->v2)
        return vserverBindingPrepare(sp->b, VSERVER_CMD_CTX_MIGRATE, 0, &sp->enter);
    if (vserverBindingPrepare(sp->b, VSERVER_CMD_CTX_CREATE, 0, &sp->enter) < 0 ||
        vserverBindingPrepare(sp->b, VSERVER_CMD_CFLAGS_SET, 0, &sp->leave) < 0)
        return -1;
    return sp->net ? vserverBindingPrepare(sp->b, VSERVER_CMD_NET_CREATE, 0, &sp->netCreate) : 0;
}

/* 2003 contexts are made empty, from the host; the child migrates in. */
static int
vserverSpawnCreate2003(vserverSpawn *sp)
{
    struct vs03_ctx_create create = { 0 };

    if (vserverBindingCall(sp->b, VSERVER_CMD_CTX_CREATE, 0, sp->xid, &create) < 0)
        return -1;
    sp->created = true;
    return 0;
}

vserverSpawn *
vserverSpawnNew(vserverBinding *b, uint32_t xid, const vserverSpawnExec *exec)
{
    g_autoptr(vserverSpawn) sp = g_new0(vserverSpawn, 1);
    vserverSpawnReport r;

    sp->b = b;
    sp->xid = xid;
    sp->exec = exec;
    sp->v2 = vserverBindingGetAbi(b) == VSERVER_ABI_V2;
    sp->net = sp->v2 && exec->net;
    sp->report = sp->go = -1;
    if (vserverSpawnPrepare(sp) < 0 ||
        (!sp->v2 && vserverSpawnCreate2003(sp) < 0) ||
        vserverSpawnFork(sp) < 0)
        return NULL;
    if (!vserverSpawnRead(sp, &r)) {
        virReportError(VIR_ERR_OPERATION_FAILED,
                       _("VServer context %u: the process that was to become its init ended before it entered the context"),
                       xid);
        return NULL;
    }
    if (r.stage != VSERVER_SPAWN_ENTERED) {
        vserverSpawnReportStage(sp, &r);
        return NULL;
    }
    VIR_DEBUG("VServer context %u: created, in setup", xid);
    return g_steal_pointer(&sp);
}

int
vserverSpawnRun(vserverSpawn *sp)
{
    vserverSpawnReport r;

    if (write(sp->go, "g", 1) != 1) {
        virReportSystemError(errno, _("VServer context %u: cannot let its init run"), sp->xid);
        return -1;
    }
    vserverSpawnClose(&sp->go);
    if (vserverSpawnRead(sp, &r)) {
        vserverSpawnReportStage(sp, &r);
        return -1;
    }
    sp->running = true;
    VIR_DEBUG("VServer context %u: its init runs", sp->xid);
    return 0;
}

/* The child of an abandoned spawn has ended or ends now (its "go" pipe
 * closed): waits until its context is gone, and removes a 2003 one. */
static void
vserverSpawnDiscard(vserverSpawn *sp)
{
    vserverSpawnReport r;
    uint32_t tasks = 0;
    int i, exists = 0;

    vserverSpawnClose(&sp->go);
    while (sp->report >= 0 && vserverSpawnRead(sp, &r))
        ;
    for (i = 0; i < VSERVER_SPAWN_GONE_MS * 1000 / VSERVER_SPAWN_POLL_US; i++) {
        if ((exists = vserverContextExists(sp->b, sp->xid, &tasks)) <= 0 || tasks == 0)
            break;
        g_usleep(VSERVER_SPAWN_POLL_US);
    }
    if (exists < 0)
        VIR_WARN("%s", virGetLastErrorMessage());
    else if (exists && tasks)
        VIR_WARN("VServer context %u: %u processes are still in it", sp->xid, tasks);
    else if (exists && sp->created && vserverContextDestroy(sp->b, sp->xid) < 0)
        VIR_WARN("%s", virGetLastErrorMessage());
}

void
vserverSpawnFree(vserverSpawn *sp)
{
    virErrorPtr saved = NULL;

    if (!sp)
        return;
    if (!sp->running && (sp->report >= 0 || sp->created)) {
        virErrorPreserveLast(&saved);
        vserverSpawnDiscard(sp);
        virErrorRestore(&saved);
    }
    vserverSpawnClose(&sp->go);
    vserverSpawnClose(&sp->report);
    g_free(sp);
}
