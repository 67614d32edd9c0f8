/*
 * lve_ksm.h: KSM (kernel samepage merging) for LVE memory sharing:
 * merging switched for tasks already inside an LVE (the host's tunables
 * and counters are the shared layer's node memory parameters,
 * node_host.h)
 *
 * The host's KSM files and a process's own merging are the util module's
 * (virksm.h): virDomainEnter makes the entering process ask for itself,
 * and lve_ksm_inject.c makes tasks already inside an LVE ask (through
 * ptrace).
 */
#ifndef VIR_LVE_KSM_H
# define VIR_LVE_KSM_H

# include "internal.h"

# include <sys/types.h>

/* Makes @pid call prctl(PR_SET_MEMORY_MERGE, @enable). */
int lveKsmSetProcess(pid_t pid, bool enable);

#endif /* VIR_LVE_KSM_H */
