/*
 * lve_ksm_inject.c: making a task that is already inside an LVE call
 * prctl(PR_SET_MEMORY_MERGE) itself
 *
 * The kernel lets a process change its merge setting only by itself, so
 * the task is stopped with ptrace, made to run one system call, and let go
 * with every register as it was (the way checkpoint/restore tools inject
 * calls).  No code is written into the task: the call runs on a syscall
 * instruction that is there already, the one the task was stopped in, or
 * one in its vDSO; a thread of the same process never sees patched code.
 * x86_64 only; elsewhere tasks that enter later still get the setting.
 */
#include "internal.h"

#include "lve_ksm.h"
#include "virerror.h"
#include "virksm.h"

#define VIR_FROM_THIS VIR_FROM_LVE

#if defined(__x86_64__) && defined(__linux__)

# include <fcntl.h>
# include <signal.h>
# include <stdio.h>
# include <sys/ptrace.h>
# include <sys/syscall.h>
# include <sys/user.h>
# include <sys/wait.h>
# include <unistd.h>

# ifndef PR_SET_MEMORY_MERGE
#  define PR_SET_MEMORY_MERGE 67
# endif

# define LVE_X86_64_CS 0x33             /* a 64-bit task's code segment */
# define LVE_SYSCALL_INSN "\x0f\x05"

/* Waits for the stop we asked for; a signal that stopped @pid instead is
 * kept in *@pending, to be delivered when we let go, and @pid is resumed
 * with @resume (PTRACE_CONT, or PTRACE_SINGLESTEP while stepping). */
static int
lveInjectWait(pid_t pid, int *pending, enum __ptrace_request resume)
{
    int status, i;

    for (i = 0; i < 16; i++) {
        if (waitpid(pid, &status, __WALL) < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        if (!WIFSTOPPED(status)) {
            errno = ESRCH;  /* it died */
            return -1;
        }
        if (WSTOPSIG(status) == SIGTRAP || (status >> 16) == PTRACE_EVENT_STOP)
            return 0;
        *pending = WSTOPSIG(status);
        if (ptrace(resume, pid, 0, 0) < 0)
            return -1;
    }
    errno = EAGAIN;
    return -1;
}

/* A syscall instruction in the task's vDSO, or 0. */
static unsigned long
lveInjectFindVdsoSyscall(pid_t pid)
{
    g_autofree char *maps = NULL;
    g_autofree char *mapsPath = g_strdup_printf("/proc/%d/maps", (int)pid);
    g_autofree char *memPath = g_strdup_printf("/proc/%d/mem", (int)pid);
    g_autofree char *text = NULL;
    unsigned long start, end;
    const char *line;
    void *insn;
    ssize_t n;
    int fd;

    if (!g_file_get_contents(mapsPath, &maps, NULL, NULL) || !(line = strstr(maps, "[vdso]")))
        return 0;
    while (line > maps && line[-1] != '\n')
        line--;
    if (sscanf(line, "%lx-%lx", &start, &end) != 2 || end <= start || end - start > 65536)
        return 0;
    text = g_malloc(end - start);
    if ((fd = open(memPath, O_RDONLY | O_CLOEXEC)) < 0)
        return 0;
    n = pread(fd, text, end - start, start);
    close(fd);
    if (n < 2 || !(insn = memmem(text, n, LVE_SYSCALL_INSN, 2)))
        return 0;
    return start + ((char *)insn - text);
}

/* Where the injected call can run: the syscall instruction the task is
 * stopped in, else one in its vDSO. */
static unsigned long
lveInjectSyscallSite(pid_t pid, const struct user_regs_struct *regs)
{
    long word;

    if ((long)regs->orig_rax >= 0) {
        errno = 0;
        word = ptrace(PTRACE_PEEKTEXT, pid, regs->rip - 2, 0);
        if (errno == 0 && (word & 0xffff) == 0x050f)
            return regs->rip - 2;
    }
    return lveInjectFindVdsoSyscall(pid);
}

/* With the task stopped: runs prctl in it, puts every register back. */
static int
lveInjectCall(pid_t pid, bool enable, int *pending, long *result)
{
    struct user_regs_struct saved, regs;
    unsigned long site;

    if (ptrace(PTRACE_GETREGS, pid, 0, &saved) < 0)
        return -1;
    if (saved.cs != LVE_X86_64_CS) {
        errno = ENOEXEC;    /* a 32-bit task: another syscall table */
        return -1;
    }
    if (!(site = lveInjectSyscallSite(pid, &saved))) {
        errno = ENOENT;
        return -1;
    }
    regs = saved;
    regs.rip = site;
    regs.orig_rax = -1;     /* no syscall restart for the injected call */
    regs.rax = SYS_prctl;
    regs.rdi = PR_SET_MEMORY_MERGE;
    regs.rsi = enable ? 1 : 0;
    regs.rdx = regs.r10 = regs.r8 = 0;
    if (ptrace(PTRACE_SETREGS, pid, 0, &regs) < 0 ||
        ptrace(PTRACE_SINGLESTEP, pid, 0, 0) < 0 ||
        lveInjectWait(pid, pending, PTRACE_SINGLESTEP) < 0 ||
        ptrace(PTRACE_GETREGS, pid, 0, &regs) < 0)
        return -1;
    *result = regs.rax;
    /* an interrupted system call restarts from these, as if never stopped */
    return ptrace(PTRACE_SETREGS, pid, 0, &saved);
}

int
lveKsmSetProcess(pid_t pid, bool enable)
{
    int pending = 0, err = 0;
    long result = 0;

    if (pid == getpid())
        return virKsmSetSelf(enable);
    if (ptrace(PTRACE_SEIZE, pid, 0, 0) < 0) {
        virReportSystemError(errno, _("cannot trace task %d to change its memory merging"), (int)pid);
        return -1;
    }
    if (ptrace(PTRACE_INTERRUPT, pid, 0, 0) < 0 || lveInjectWait(pid, &pending, PTRACE_CONT) < 0 ||
        lveInjectCall(pid, enable, &pending, &result) < 0)
        err = errno ? errno : EIO;
    ptrace(PTRACE_DETACH, pid, 0, pending);
    if (err == ESRCH || (!err && result == -ESRCH))
        return 0;       /* it exited meanwhile: nothing left to change */
    if (!err && result < 0)
        err = -result;
    if (err) {
        virReportSystemError(err, _("cannot change the memory merging of task %d"), (int)pid);
        return -1;
    }
    return 0;
}

#else /* !__x86_64__ */

int
lveKsmSetProcess(pid_t pid, bool enable G_GNUC_UNUSED)
{
    virReportError(VIR_ERR_OPERATION_UNSUPPORTED,
                   _("cannot change the memory merging of running task %d on this architecture: only tasks entering from now on are changed"),
                   (int)pid);
    return -1;
}

#endif
