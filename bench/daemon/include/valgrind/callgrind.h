/*
 * callgrind.h: stands in for valgrind's, for bench/api_workload.c as a
 * client of a daemon that runs under callgrind
 *
 * The workload brackets its phases with CALLGRIND_DUMP_STATS_AT(); here
 * each bracket dumps the profile of the daemon (the process named by
 * BENCH_DAEMON_PID) instead of the workload's own, so the daemon's
 * profile parts hold its instructions phase by phase.  bench/daemon/mark.c.
 */
#ifndef BENCH_DAEMON_CALLGRIND_H
# define BENCH_DAEMON_CALLGRIND_H

void benchDaemonMark(const char *label);

# define CALLGRIND_DUMP_STATS_AT(label) benchDaemonMark(label)

#endif /* BENCH_DAEMON_CALLGRIND_H */
