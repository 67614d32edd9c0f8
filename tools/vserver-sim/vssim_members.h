/*
 * vssim_members.h: which process is in which context, recorded without
 * cgroups
 *
 * A process joins by a system call (ctx_create, ctx_migrate, net_create);
 * its children inherit: a process with no record of its own belongs where
 * its nearest recorded ancestor does.  Records are kept with the process's
 * start time, so a later process that reuses a pid is not taken for a
 * member.  This is what the simulator uses where it cannot use cgroups
 * (without root), and always for network contexts.  A process whose
 * recorded ancestors all exited before it was first looked at is taken
 * for a host process: an approximation that cgroups do not need.
 */
#ifndef VSSIM_MEMBERS_H
# define VSSIM_MEMBERS_H

# include "internal.h"

# include <sys/types.h>

typedef struct _vssimMembers vssimMembers;

vssimMembers *vssimMembersNew(void);
void vssimMembersFree(vssimMembers *m);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(vssimMembers, vssimMembersFree);

/* Records that process @pid is now in @id (0: back to the host). */
void vssimMembersAdd(vssimMembers *m, pid_t pid, uint32_t id);

/* The id @pid is in; 0 for the host. */
uint32_t vssimMembersOf(vssimMembers *m, pid_t pid);

/* The processes in @id, found by looking at every process. */
GArray *vssimMembersList(vssimMembers *m, uint32_t id);

/* Forgets every record of @id (it is gone). */
void vssimMembersForget(vssimMembers *m, uint32_t id);

#endif /* VSSIM_MEMBERS_H */
