/*
 * vssimtest.c: children in contexts, for the tests of the real path
 */
#include "internal.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "vserver_context.h"
#include "vserver_syscall.h"
#include "vssimtest.h"

vserverBinding *
vssimtestOpen(void)
{
    vserverBinding *b = vserverBindingOpen(&vserverSyscallKernel, NULL);
    g_autofree char *err = NULL;

    if (!b) {
        err = vstestLastError();
        ck_abort_msg("cannot open the binding: %s", err);
    }
    return b;
}

/* Reads what a child wrote until it closed its end. */
static char *
vssimtestReadAll(int fd)
{
    g_autoptr(GString) text = g_string_new(NULL);
    char buf[512];
    ssize_t n;

    while ((n = read(fd, buf, sizeof(buf))) > 0 || (n < 0 && errno == EINTR)) {
        if (n > 0)
            g_string_append_len(text, buf, n);
    }
    return g_string_free(g_steal_pointer(&text), FALSE);
}

void
vssimtestChildSignals(void)
{
    signal(SIGTERM, SIG_DFL);
    signal(SIGINT, SIG_DFL);
}

pid_t
vssimtestSpawn(vserverBinding *b, uint32_t xid, uint64_t flags, char **err)
{
    int fds[2];
    pid_t pid;
    g_autofree char *answer = NULL;

    ck_assert_int_eq(pipe(fds), 0);
    if ((pid = fork()) == 0) {
        g_autoptr(GString) out = g_string_new(NULL);

        vssimtestChildSignals();
        close(fds[0]);
        vssimtestResult(out, vserverContextCreate(b, xid, flags, NULL));
        ignore_value(write(fds[1], out->str, out->len));
        close(fds[1]);
        if (STREQ(out->str, "ok")) {
            for (;;)
                pause();
        }
        _exit(0);
    }
    ck_assert_int_gt(pid, 0);
    close(fds[1]);
    answer = vssimtestReadAll(fds[0]);
    close(fds[0]);
    if (STREQ(answer, "ok"))
        return pid;
    waitpid(pid, NULL, 0);
    if (err)
        *err = g_steal_pointer(&answer);
    return -1;
}

void
vssimtestReap(pid_t pid)
{
    if (pid <= 0)
        return;
    kill(pid, SIGKILL);
    waitpid(pid, NULL, 0);
}

char *
vssimtestInChild(vserverBinding *b, vssimtestFn fn, void *opaque)
{
    int fds[2];
    pid_t pid;
    char *answer;

    ck_assert_int_eq(pipe(fds), 0);
    if ((pid = fork()) == 0) {
        g_autoptr(GString) out = g_string_new(NULL);

        vssimtestChildSignals();
        close(fds[0]);
        fn(b, out, opaque);
        ignore_value(write(fds[1], out->str, out->len));
        _exit(0);
    }
    ck_assert_int_gt(pid, 0);
    close(fds[1]);
    answer = vssimtestReadAll(fds[0]);
    close(fds[0]);
    waitpid(pid, NULL, 0);
    return answer;
}

void
vssimtestResult(GString *out, int rc)
{
    g_autofree char *err = NULL;

    if (rc >= 0) {
        g_string_append(out, "ok");
        return;
    }
    err = vstestLastError();
    g_string_append(out, err);
}

void
vssimtestBecomeNobody(void)
{
    if (geteuid() != 0)
        return;
    if (setresgid(65534, 65534, 65534) < 0 || setresuid(65534, 65534, 65534) < 0) {
        perror("setresuid");
        _exit(1);
    }
}

bool
vssimtestPrivileged(void)
{
    g_autofree char *text = NULL;
    const char *cap;

    if (g_file_get_contents("/proc/self/status", &text, NULL, NULL) &&
        (cap = strstr(text, "CapEff:")) &&
        (g_ascii_strtoull(cap + strlen("CapEff:"), NULL, 16) & (1ULL << 21)))
        return true;
    printf("SKIP: the cases that manage contexts: they need CAP_SYS_ADMIN, as a VServer "
           "kernel does (run make check as root); only the refusals are checked\n");
    return false;
}

bool
vssimtestUnderValgrind(void)
{
    if (!g_getenv("VIRTKIT_TEST_UNDER_VALGRIND"))
        return false;
    printf("SKIP: the cases under virtkit-vserver-sim: valgrind cannot follow seccomp-trapped "
           "code (it answers the vserver system call itself); make check runs them natively "
           "(tests/vserver/simtest.sh)\n");
    return true;
}
