/*
 * vsdriver.h: what the VServer driver's suites share
 *
 * They go through the public API (libvirtkit) under virtkit-vserver-sim,
 * which tests/vserver/simtest.sh runs them in, once per encoding (and
 * with a kernel that lacks a command).  Each test opens a root of its own
 * (vserver:///embed?root=...) and uses xids no other test uses.  What
 * the kernel holds is read apart from the library, by tests/vserver/
 * vsprobe, and compared with tests/data/vserver/probe/NAME-ABI.txt.
 *
 * Outside the simulator the suites check the kernel's ENOSYS answer and
 * skip the rest, saying why (valgrind cannot follow seccomp-trapped code,
 * so under make check-valgrind that is all they do).
 */
#ifndef VSDRIVER_H
# define VSDRIVER_H

# include <stdbool.h>
# include <sys/types.h>

# include "testutils.h"

/* Outside the simulator: asserts the ENOSYS answer of this mainline
 * kernel and exits (0); under it: sets the suite up. */
void vsdInit(const char *suite);

/* The simulated kernel's encoding ("v2" or "2003") and what it lacks. */
const char *vsdAbi(void);
bool vsdIsV2(void);
bool vsdLacks(const char *command);
/* Whether the simulator applies @what ("nproc", "memory", "pause", "kill")
 * to the real tasks, as root with cgroups it does. */
bool vsdEnforces(const char *what);

/* A connection to a new root; @extra is appended to the URI's query. */
virConnectPtr vsdOpen(const char *extra);
/* The last root again, read-only or not. */
virConnectPtr vsdReopen(bool readonly);
const char *vsdRoot(void);

/* tests/data/vserver/templates/@name with @xid for every "@XID@". */
char *vsdDomainXML(const char *name, unsigned int xid);
virDomainPtr vsdDefine(virConnectPtr conn, const char *name, unsigned int xid);
virDomainPtr vsdDefineAndStart(virConnectPtr conn, const char *name, unsigned int xid);

void vsdAssertState(virDomainPtr dom, int state, int reason);
/* Waits (bounded) until @dom is shut off, as the library sees it. */
bool vsdWaitShutoff(virDomainPtr dom);

/* The live process whose command line starts with @needle, or 0. */
pid_t vsdFindProcess(const char *needle);
/* The init of the "plain" template for @xid ("sleep 9<xid>"), or 0. */
pid_t vsdFindInit(unsigned int xid);

/* What the kernel holds for context @xid (vsprobe's output). */
char *vsdProbe(unsigned int xid);
/* Compares it with tests/data/vserver/probe/@name-<abi>.txt. */
bool vsdProbeMatches(unsigned int xid, const char *name);
/* Whether the kernel has context @xid. */
bool vsdContextExists(unsigned int xid);

/* Removes the roots the suite made; the exit status of @suite. */
int vsdRun(Suite *suite);

#endif /* VSDRIVER_H */
