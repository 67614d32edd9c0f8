/*
 * vserver_spawn.h: a new context with its first process, the way
 * util-vserver's "vserver NAME start" makes one
 *
 * A context takes its creator in for good (V2: ctx_create moves the
 * caller; 2003: process.migrate), so the process that becomes its init
 * is a child made for it: detached from the caller (a new session, no
 * inherited file descriptors, /dev/null for its standard streams, its
 * parent gone so that nobody must reap it).  It enters the context, which
 * is left in setup, and waits; the caller sets the context up from the
 * host; then the child leaves setup (V2: clearing STATE_SETUP and
 * STATE_INIT makes it the init), changes to the root directory and runs
 * the init command.  Between fork() and exec() the child makes only
 * async-signal-safe calls (prepared ones, vserver_binding.h).
 */
#ifndef VIR_VSERVER_SPAWN_H
# define VIR_VSERVER_SPAWN_H

# include "internal.h"

# include "vserver_binding.h"

/* What the init runs, all made before the fork. */
typedef struct {
    const char *root;               /* chroot to it, or NULL */
    const char *dir;                /* the working directory in it, or NULL: "/" */
    char *const *argv;              /* argv[0]: the command, an absolute path */
    char *const *envp;
    bool net;                       /* V2: also a network context (nid = xid) */
} vserverSpawnExec;

typedef struct _vserverSpawn vserverSpawn;

/**
 * vserverSpawnNew:
 * @b: the binding
 * @xid: the new context, 2-49151
 * @exec: what the init will run (kept by reference until the spawn ends)
 *
 * Creates context @xid with a child in it, in setup and waiting.
 *
 * Returns the spawn, or NULL with an error reported (nothing is left).
 */
vserverSpawn *vserverSpawnNew(vserverBinding *b, uint32_t xid, const vserverSpawnExec *exec);

/**
 * vserverSpawnRun:
 * @sp: a spawn whose context is set up
 *
 * Lets the child leave setup and run the init command; returns once the
 * command runs.  On failure the child has ended; vserverSpawnFree removes
 * what is left of the context.
 *
 * Returns 0, or -1 with an error reported (what failed, and why).
 */
int vserverSpawnRun(vserverSpawn *sp);

/* Ends a spawn: after vserverSpawnRun succeeded, only forgets it; else the
 * waiting child ends, and the context goes with it (2003: it is removed). */
void vserverSpawnFree(vserverSpawn *sp);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(vserverSpawn, vserverSpawnFree);

#endif /* VIR_VSERVER_SPAWN_H */
