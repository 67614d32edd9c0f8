/*
 * lve_ksm.h: KSM (kernel samepage merging) for LVE memory sharing: the
 * host's tunables and counters as the node's memory parameters, and
 * merging switched for tasks already inside an LVE
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

# include "node_memory.h"

/* The tunables and counters of /sys/kernel/mm/ksm. */
int lveKsmRead(virNodeMemoryShare *shm);

/* Writes the tunables named by @changed (virNodeMemoryShareApplyParams'
 * bits); on failure restores those already written from @old. */
int lveKsmWrite(const virNodeMemoryShare *shm, const virNodeMemoryShare *old,
                unsigned int changed);

/* lve_ksm_inject.c: makes @pid call prctl(PR_SET_MEMORY_MERGE, @enable). */
int lveKsmSetProcess(pid_t pid, bool enable);

#endif /* VIR_LVE_KSM_H */
