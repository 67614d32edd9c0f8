/*
 * lve_ksm.h: Linux KSM (kernel samepage merging) for LVE memory sharing
 *
 * A process opts in with prctl(PR_SET_MEMORY_MERGE): all its anonymous
 * memory becomes mergeable, and its children inherit that.  Only a process
 * can ask it for itself: virDomainEnter asks for the entering process, and
 * lve_ksm_inject.c makes tasks already inside an LVE ask (through ptrace).
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

/* Whether the kernel offers PR_SET_MEMORY_MERGE; an error saying so. */
int lveKsmCheckSelf(void);

/* prctl(PR_SET_MEMORY_MERGE) for the calling process.  Turning merging
 * off unmerges, which walks every page of every mapping. */
int lveKsmSetSelf(bool enable);

/* Merged pages (ksm_merging_pages) and pages KSM tracks (ksm_rmap_items)
 * of @pid; 0 and 0 for a process that has gone. */
void lveKsmProcessPages(pid_t pid, unsigned long long *merged, unsigned long long *tracked);

/* lve_ksm_inject.c: makes @pid call prctl(PR_SET_MEMORY_MERGE, @enable). */
int lveKsmSetProcess(pid_t pid, bool enable);

#endif /* VIR_LVE_KSM_H */
