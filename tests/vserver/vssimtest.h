/*
 * vssimtest.h: what the tests of the binding's real path share: the
 * binding on the real system call, and processes in contexts
 *
 * A context takes its creator in for good (the kernel moves the caller of
 * ctx_create), so the tests create contexts in children and manage them
 * from the test process, which stays in the host context.
 */
#ifndef VSSIMTEST_H
# define VSSIMTEST_H

# include "internal.h"

# include <sys/types.h>

# include "vserver_binding.h"
# include "vstest.h"

/* The binding on vserverSyscallKernel; the test fails when it cannot open. */
vserverBinding *vssimtestOpen(void);

/* A child that created context @xid with @flags and waits to be killed;
 * its pid, or -1 with the create's error text in @err. */
pid_t vssimtestSpawn(vserverBinding *b, uint32_t xid, uint64_t flags, char **err);
/* Kills and reaps a child of vssimtestSpawn (or any child). */
void vssimtestReap(pid_t pid);

/* In a child just forked from a test: check's handlers of SIGTERM and
 * SIGINT kill the whole process group (the test with it); a child of a
 * test takes the default ones back. */
void vssimtestChildSignals(void);

/* Runs @fn in a child and returns what it wrote (its results, as text). */
typedef void (*vssimtestFn)(vserverBinding *b, GString *out, void *opaque);
char *vssimtestInChild(vserverBinding *b, vssimtestFn fn, void *opaque);

/* Appends "ok" or the last error ("error N: message") to @out. */
void vssimtestResult(GString *out, int rc);

/* In a child: gives up root (and with it CAP_SYS_ADMIN) when it has it. */
void vssimtestBecomeNobody(void);

/* Whether this process may manage contexts: a VServer kernel (and the
 * simulator) wants CAP_SYS_ADMIN; without it, prints why the cases that
 * need it are skipped. */
bool vssimtestPrivileged(void);

/* Under make check-valgrind: says (once) that the cases under the
 * simulator are not run there, and why; returns whether valgrind runs. */
bool vssimtestUnderValgrind(void);

#endif /* VSSIMTEST_H */
