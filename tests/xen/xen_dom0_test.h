/*
 * xen_dom0_test.h: what the parts of the dom0 suite share
 *
 * The suite runs in a real dom0 (tests/xen/run-xen-qemu.sh boots one),
 * in one process, test after test in order (CK_NOFORK): the guests built
 * by one test are used by the next, since each takes a minute to boot
 * under QEMU's software emulation.  Every answer of the binding is checked
 * against an independent view: xl, xenstore-read, the guests' consoles
 * (xenconsoled's logs), dom0's sysfs.
 */
#ifndef VIR_XEN_DOM0_TEST_H
# define VIR_XEN_DOM0_TEST_H

# include "xen_ops.h"
# include "xentestutils.h"

typedef struct {
    const xenOps *ops;
    xenHandle *h;
    xenPhysInfo phys;
    unsigned int pv;            /* the guests' ids, 0 while they do not run */
    unsigned int pvh;
    unsigned char pvUUID[VIR_UUID_BUFLEN];
} xenDom0Env;

extern xenDom0Env env;

/* A domain id no domain has */
# define MISSING_DOMID 31000

/* Fails the test when the binding could not be opened */
void dom0Require(void);

/* Polls @cond every 250 ms for @seconds; prints how long it took */
bool dom0Wait(bool (*cond)(void *opaque), void *opaque, double seconds, const char *what);

/* How often @needle is in the console log of the guest @name */
unsigned int dom0ConsoleCount(const char *name, const char *needle);
/* Waits until it is there @count times */
/* Prints what guest @name is doing (vcpus, console, xenctx): after a wait
 * for it failed. */
void dom0DescribeGuest(const char *name);
bool dom0WaitConsole(const char *name, const char *needle, unsigned int count, double seconds);

/* Runs xl with @args; asserts it succeeds; returns its output */
char *dom0Xl(const char *fmt, ...) G_GNUC_PRINTF(1, 2);
/* The fields of the row of `xl list` (or of @output) that starts with @name */
GStrv dom0XlRow(const char *output, const char *name);
/* xenstore-read @path: the value, or NULL when it is not there */
char *dom0StoreRead(const char *fmt, ...) G_GNUC_PRINTF(1, 2);

/* Waits (90 s at most) until xenstore's @pathfmt (with @domid in it) is
 * @value: a guest's front end connecting, a backend going away */
bool dom0WaitStore(const char *pathfmt, const char *value, unsigned int domid);

/* The binding's view of domain @domid; asserts it exists */
xenDomainInfo dom0Info(unsigned int domid);
/* Waits until the hypervisor has let domain @domid go: a destroyed domain
 * is listed as dying until its pages are released */
bool dom0WaitGone(unsigned int domid, double seconds);

TCase *dom0HostCase(void);
TCase *dom0GuestCase(void);
TCase *dom0BootedCase(void);
TCase *dom0EndCase(void);

#endif /* VIR_XEN_DOM0_TEST_H */
