/*
 * lvetest.h: what the LVE check suites share
 *
 * Every suite runs against one backend, chosen by LVE_TEST_BACKEND
 * (cgroup, the default, or liblve: the stand-in under tests/lve/standin,
 * found through LD_LIBRARY_PATH by tests/lve/run-liblve.sh).  All LVE
 * groups of a run live under one parent, "virtkit-test-<pid>", relative to
 * the suite's own groups (so memory stays inside its accounting); the
 * suite process removes that tree and kills what is left in it after the
 * tests, even those that failed, and puts back KSM settings a failed test
 * changed.
 *
 * Tests that valgrind cannot run usefully (timing, heavy forking, ptrace)
 * skip, with their reason printed, under valgrind or when
 * VIRTKIT_TEST_LIGHT=1 is set.
 */
#ifndef LVETEST_H
# define LVETEST_H

# include <stdbool.h>
# include <sys/types.h>

# include "testutils.h"

/* Checks what the suite needs: with @needKernel, root and the cgroup v1
 * controllers.  Prints why and exits 77 (SKIP) when they are missing. */
void lveTestInit(const char *suite, bool needKernel);

/* Runs @suite, then cleans up what the tests left; the exit status. */
int lveTestRun(Suite *suite);

/* "liblve" or "cgroup" */
const char *lveTestBackend(void);
bool lveTestIsLiblve(void);

/* A fresh connection to a new root (lve:///embed?root=...), with the
 * suite's backend and cgroup parent; @extra is appended to the query. */
virConnectPtr lveTestOpen(const char *extra);
/* The root directory of the last lveTestOpen(). */
const char *lveTestRoot(void);
/* Opens the last root again (same parameters). */
virConnectPtr lveTestReopen(void);

/* The file of LVE @id's group in the hierarchy of @controller ("memory",
 * or "cgroup2" for the v2 hierarchy), as the kernel keeps it; NULL @file
 * for the directory.  Caller frees. */
char *lveTestCgroupPath(const char *controller, unsigned int id, const char *file);
char *lveTestReadCgroup(const char *controller, unsigned int id, const char *file);
bool lveTestGroupExists(unsigned int id);

/* The content of tests/data/lve/@name with @id put in for every "ID". */
char *lveTestDomainXML(const char *name, unsigned int id);

/* Domains from tests/data/lve/templates: defined and started, or created
 * (transient); the test fails when they do not start. */
virDomainPtr lveTestDefineAndStart(virConnectPtr conn, const char *name, unsigned int id);
virDomainPtr lveTestCreate(virConnectPtr conn, const char *name, unsigned int id);
void lveTestAssertState(virDomainPtr dom, int state, int reason);
/* Asserts LVE @id's @file of @controller contains @want. */
void lveTestAssertCgroup(unsigned int id, const char *controller, const char *file,
                         const char *want);

/* True (with the reason printed) when a heavy test must skip. */
bool lveTestSkipHeavy(const char *test);
/* True (with the reason printed) under AddressSanitizer, where making a
 * process's memory mergeable, or no longer, takes minutes. */
bool lveTestSkipSanitized(const char *test);

/* KSM: waits for other KSM tests on the host (a lock), saves the host's
 * settings where the suite finds them should the test fail, and starts
 * ksmd; false (with the reason printed) when KSM cannot be driven here.
 * End puts the settings back. */
bool lveTestKsmBegin(void);
void lveTestKsmEnd(void);
/* The same without starting ksmd. */
bool lveTestKsmLock(void);

/* Memory sharing through the public API: node parameter @name (a shm_*
 * counter or tunable), a domain's shared_pages, and KSM's rate; and
 * whether the kernel merges all of @pid's memory (ksm_merge_any). */
unsigned long long lveTestNodeParam(virConnectPtr conn, const char *name);
unsigned long long lveTestSharedPages(virDomainPtr dom);
void lveTestTuneKsm(virConnectPtr conn, unsigned int pagesToScan, unsigned int sleepMillisecs);
bool lveTestMergesAny(pid_t pid);

/* Child processes: forks one running @fn(@opaque), which reports its
 * result on a pipe; the parent reads it with lveTestChildResult. */
typedef int (*lveTestChildFunc)(int report, void *opaque);
pid_t lveTestFork(lveTestChildFunc fn, void *opaque, int *report);
/* Reads one int the child wrote; -1000 when it wrote nothing. */
int lveTestChildResult(int report);
/* Writes one int to the parent. */
void lveTestReport(int report, int value);
/* Reaps @pid; its wait status. */
int lveTestWait(pid_t pid);
/* SIGKILLs and reaps @pid; its wait status. */
int lveTestKill(pid_t pid);

/* Child helpers for enter-and-do tests. */
int lveTestEnter(virDomainPtr dom, unsigned int flags, unsigned int *cookie);
void lveTestBusyLoop(double seconds);
/* Spins until this process has used @seconds of CPU time, however busy
 * the host is. */
void lveTestBurnCpu(double seconds);

#endif /* LVETEST_H */
