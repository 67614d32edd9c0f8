/*
 * domain_kernel.h: the kernel is the truth about what runs
 *
 * Some kernel objects end on their own: a VServer context goes with its
 * last task, when its init exits.  A driver whose domains can end that
 * way sets base->pollRunning; reads then ask hooks->stillRunning about
 * the running domains they look at, and a domain whose kernel object is
 * gone is shut off (VIR_DOMAIN_SHUTOFF_SHUTDOWN: it ended by itself).  A
 * writer books that in the files; a read-only connection only in its
 * own list, and leaves the files to the next writer.
 *
 * A domain asked to shut down (obj->shutdownAsked, kept in its status)
 * is asked about too, whatever its driver, until it is booked shut off:
 * the fate hook (or stillRunning) says when it has ended, and the first
 * process to look after that books it, whether or not it asked.
 *
 * Also here: what every driver checks before acting on a frozen domain.
 */
#ifndef VIR_DOMAIN_KERNEL_H
# define VIR_DOMAIN_KERNEL_H

# include "domain_driver.h"

/* virDomainDriverRefresh, then (pollRunning) every running domain is
 * checked against the kernel: for the lists and lookups. */
void virDomainDriverRefreshAll(virDomainDriverBase *base, virConnectPtr conn);

/* The same for the one domain with @uuid: for a read of that domain.
 * Takes neither the list's nor any object's lock on entry. */
void virDomainDriverPollOne(virDomainDriverBase *base, virConnectPtr conn,
                            const unsigned char *uuid);

/* Books what the kernel says became of running @obj (locked, with the
 * root's lock held): as a writer (@write) the domain's action follows,
 * or only this process's list changes.  Nothing when it runs on. */
void virDomainDriverSettle(virDomainDriverBase *base, virDomainObj *obj, bool write);

/* A kernel notice that the domain of @uuid may have ended (an LVE's last
 * task gone), in whichever process hears it: what another process asked
 * of the domain is read first (a shutdown, say), then its end is booked,
 * as a writer when this process opened the root writable (so that a
 * listener sees the stop with nobody else looking), else as a reader.
 * Never with a domain locked. */
void virDomainDriverSettleNotice(virDomainDriverBase *base, const unsigned char *uuid);

/* Thaws @obj (locked, running) when it is paused, through hooks->freeze,
 * and books it running: before a signal its frozen tasks could not see.
 * Returns 0, or -1 with the hook's error. */
int virDomainDriverThaw(virDomainDriverBase *base, virDomainObj *obj);

/* Fails, saying why, unless @obj runs and is not paused: nothing can
 * enter a domain that does not run, nor one whose tasks are frozen. */
int virDomainDriverCheckEnterable(const virDomainDriverBase *base, const virDomainObj *obj);

#endif /* VIR_DOMAIN_KERNEL_H */
