/*
 * mark.c: dumps a daemon's callgrind profile from its client
 *
 * benchDaemonMark(label) runs "callgrind_control -d LABEL PID" for the
 * daemon named by BENCH_DAEMON_PID and waits for it, so the profile part
 * ends exactly where the client's phase does.  Without BENCH_DAEMON_PID
 * it does nothing.
 */
#include <stdio.h>
#include <stdlib.h>

#include "valgrind/callgrind.h"

void
benchDaemonMark(const char *label)
{
    const char *pid = getenv("BENCH_DAEMON_PID");
    char cmd[256];

    if (!pid)
        return;
    snprintf(cmd, sizeof(cmd), "callgrind_control -d '%s' %s >/dev/null", label, pid);
    if (system(cmd) != 0)
        fprintf(stderr, "mark: '%s' failed\n", cmd);
}
