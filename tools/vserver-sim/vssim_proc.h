/*
 * vssim_proc.h: what the simulator reads about a process from /proc
 */
#ifndef VSSIM_PROC_H
# define VSSIM_PROC_H

# include "internal.h"

# include <sys/types.h>

typedef struct {
    pid_t tgid;                     /* the process of the thread */
    pid_t ppid;
    uint64_t capEff;                /* effective capabilities */
    unsigned int threads;
    char state;                     /* R, S, D, T, Z... */
} vssimProcStatus;

/* /proc/@pid/status; -errno when the task is gone. */
int vssimProcReadStatus(pid_t pid, vssimProcStatus *st);

/* The start time of @pid (clock ticks after boot), which tells a process
 * from a later one with the same pid; 0 when it is gone. */
unsigned long long vssimProcStartTime(pid_t pid);

/* The pids of every process. */
GArray *vssimProcListAll(void);

#endif /* VSSIM_PROC_H */
