/*
 * relutils.h: what the reliability suites share
 *
 * A fixture with domains in every state, on disk (test:///embed), and a
 * snapshot of everything a caller can observe about it, so that a test can
 * assert that a refused call changed nothing at all.
 */
#ifndef VIR_RELUTILS_H
# define VIR_RELUTILS_H

# include "testutils.h"

# define REL_NULLSTR(s) ((s) ? (s) : "<null>")

/* The fixture: under a fresh root, through a read-write connection,
 *   web    persistent, running, 4 vcpus, a pin, tunables
 *   db     persistent, paused
 *   idle   persistent, shut off, autostart
 *   saved  persistent, shut off, with a managed save image
 *   tmp    transient, running */
typedef struct {
    char *root;
    char *uri;
    virConnectPtr conn;
} relFixture;

void relFixtureInit(relFixture *fx);
void relFixtureClear(relFixture *fx);

/* A handle to fixture domain @name on @conn; the test fails without it. */
virDomainPtr relLookup(virConnectPtr conn, const char *name);

/* Everything observable through @conn: the counts, and for each domain
 * its id, state and reason, flags, autostart, managed save, live and
 * inactive XML; the node's memory tunables. */
char *relSnapshot(virConnectPtr conn);

/* Every file under @root: path, type, mode and content (or link target). */
char *relTreeSnapshot(const char *root);

/* Both at once, for a fixture. */
char *relFixtureSnapshot(relFixture *fx);

/* Fails the test with both texts when they differ. */
# define rel_assert_unchanged(before, after, what) \
    relAssertUnchanged(__FILE__, __LINE__, before, after, what)
void relAssertUnchanged(const char *file, int line, const char *before,
                        const char *after, const char *what);

/* The value of environment variable @name as a positive number, or @def. */
unsigned int relEnvUInt(const char *name, unsigned int def);

/* Prints the names of a table (one per line) for tests/reliability/
 * apicoverage.sh when the program's only argument is --list; returns true
 * when it did, and the program should exit. */
bool relListNames(int argc, char **argv, const char *const *names, size_t n);

#endif /* VIR_RELUTILS_H */
